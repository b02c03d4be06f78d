"""The offline Flesch-Kincaid implementation."""

from __future__ import annotations

import pytest

from ketaquiz.core.readability import fk_grade, inflesz, reading_text, sentence_count, syllables, syllables_es


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
        ("receptors", 4),  # a medical term: counted as a long word
        ("ketamine", 3),
        ("esketamine", 4),
        ("monitoring", 4),
        ("glutamate", 4),  # a medical term
        ("NMDA", 4),
        ("dissociation", 5),  # already longer than 4: kept
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
    # 9 words, 2 sentences, syllables: 3+1+1+4 + 4+2+1+1+1 = 18 (receptor and glutamate are medical terms: 4)
    assert fk_grade(text) == pytest.approx(0.39 * 9 / 2 + 11.8 * 18 / 9 - 15.59)


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("casa", 2),
        ("día", 2),  # an accented i breaks the diphthong
        ("hoy", 1),  # final y is a vowel
        ("que", 1),  # silent u
        ("guerra", 2),
        ("ciudad", 2),  # diphthong
        ("poeta", 3),  # two strong vowels: hiatus
        ("leer", 2),
        ("cuidado", 3),
        ("ketamina", 4),  # a medical term
        ("esketamina", 5),
    ],
)
def test_spanish_syllables(word: str, count: int) -> None:
    assert syllables_es(word) == count


def test_inflesz_matches_formula_and_orders_texts() -> None:
    text = "La casa es roja. El día es largo."
    # 8 words, 2 sentences, syllables: 1+2+1+2 + 1+2+1+2 = 12
    assert inflesz(text) == pytest.approx(206.835 - 62.3 * 12 / 8 - 8 / 2)
    hard = (
        "La administración concomitante de antagonistas glutamatérgicos incrementa considerablemente la "
        "neuroplasticidad sináptica en regiones corticales específicas."
    )
    assert inflesz(hard) < 40 < 65 < inflesz("El sol sale. La luz es buena.")
    assert inflesz("") == 100.0


def test_reading_text_makes_each_piece_a_sentence() -> None:
    assert reading_text(["Why?", "Two hours", None, "", "It ends: here"]) == "Why? Two hours. It ends: here."
    assert sentence_count(reading_text(["a b", "c d", "e f."])) == 3
