"""The offline Flesch-Kincaid implementation."""

from __future__ import annotations

import pytest

from ketaquiz.core.readability import fk_grade, sentence_count, syllables


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("cat", 1),
        ("table", 2),
        ("possible", 3),
        ("wanted", 2),
        ("blocked", 1),
        ("hoped", 1),
        ("depression", 3),
        ("medicine", 3),
        ("receptors", 3),
        ("ketamine", 3),
        ("esketamine", 4),
        ("monitoring", 4),
        ("glutamate", 3),
        ("dizziness", 3),
        ("people", 2),
        ("every", 3),
        ("area", 3),
    ],
)
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_sentences() -> None:
    assert sentence_count("One. Two! Three? Four") == 3
    assert sentence_count("No end") == 1


def test_grade_orders_easy_below_hard() -> None:
    easy = "The cat sat on the mat. It was a good day."
    hard = (
        "Pharmacological antagonism of ionotropic glutamatergic receptors precipitates intracellular "
        "signalling cascades implicated in synaptogenesis."
    )
    assert fk_grade(easy) < 2 < 8 < fk_grade(hard)
    assert fk_grade("") == 0.0


def test_grade_matches_formula() -> None:
    text = "Ketamine blocks a receptor. Glutamate rises for a while."
    # 9 words, 2 sentences, syllables: 3+1+1+3 + 3+2+1+1+1 = 16
    assert fk_grade(text) == pytest.approx(0.39 * 9 / 2 + 11.8 * 16 / 9 - 15.59)
