"""Test-wise cues: the wording that lets a reader who knows nothing pick the right answer.

A reader who has learnt that wrong answers say "always" or "only", that right answers hedge ("may", "some"), and
that the right answer is the one that sends you to your care team, beats chance without knowing any of the
content. `ketaquiz check` looks for these cues with the word lists below, the one place they are kept (the
bank-format docs list them too). The lists are whole words or phrases, matched case-insensitively.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import NamedTuple

ABSOLUTE_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "always", "never", "only", "all", "every", "everyone", "everybody", "everything", "none", "nothing",
        "nobody", "no one", "proven", "proves", "prove", "guaranteed", "guarantee", "guarantees", "certainly",
        "definitely", "completely", "entirely", "totally", "forever", "for good", "exactly", "at all",
        "permanent", "permanently", "cure", "cures", "cured",
    ),
    "es": (
        "siempre", "nunca", "jamás", "solo", "sólo", "solamente", "únicamente", "todo", "toda", "todos", "todas",
        "nada", "nadie", "ninguno", "ninguna", "comprobado", "comprobada", "demostrado", "demostrada",
        "garantizado", "garantiza", "seguro que", "totalmente", "completamente", "exactamente",
        "para siempre", "en absoluto", "cura", "curar", "permanente",
    ),
}  # fmt: skip
"""Words that make a claim absolute; test-wise readers rule such choices out."""

HEDGE_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "may", "might", "could", "some", "sometimes", "often", "usually", "about", "around", "likely",
        "unlikely", "possibly", "perhaps", "probably", "many", "most", "several", "typically", "generally",
        "not yet", "tends to", "seems", "seem",
    ),
    "es": (
        "puede", "pueden", "podría", "podrían", "algunos", "algunas", "alguno", "alguna", "a veces", "suele",
        "suelen", "alrededor de", "aproximadamente", "probablemente", "posiblemente", "quizás", "quizá",
        "muchos", "muchas", "la mayoría", "varios", "varias", "por lo general", "en general", "todavía no",
        "aún no",
    ),
}  # fmt: skip
"""Words that soften a claim; test-wise readers pick such choices."""

TEAM_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "team", "staff", "doctor", "doctors", "nurse", "nurses", "clinic", "clinician", "clinicians",
        "prescriber", "provider", "providers", "pharmacist", "psychiatrist", "care team",
    ),
    "es": (
        "equipo", "personal", "médico", "médica", "médicos", "doctor", "doctora", "enfermera", "enfermero",
        "enfermeras", "clínica", "profesional", "profesionales", "farmacéutico", "psiquiatra",
    ),
}  # fmt: skip
"""Words that name the care team; a right answer that alone sends you to them is a giveaway."""


@cache
def _pattern(kind: str, language: str) -> re.Pattern[str]:
    table = {"absolute": ABSOLUTE_WORDS, "hedge": HEDGE_WORDS, "team": TEAM_WORDS}[kind]
    words = table.get(language, table["en"])
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def find_word(kind: str, text: str, language: str = "en") -> str | None:
    """The first word of a kind ("absolute", "hedge", "team") in `text`, or None."""
    m = _pattern(kind, language).search(text)
    return m.group(0) if m else None


def choice_score(text: str, language: str = "en") -> int:
    """+1 for a hedge word, -1 for an absolute word: how a test-wise reader rates a choice."""
    return (find_word("hedge", text, language) is not None) - (
        find_word("absolute", text, language) is not None
    )


def testwise_chance(texts: Sequence[str], correct: int, language: str = "en") -> float:
    """The chance that a reader who picks at random among the top-rated choices picks the right one."""
    scores = [choice_score(t, language) for t in texts]
    top = max(scores)
    picks = [i for i, s in enumerate(scores) if s == top]
    return 1 / len(picks) if correct in picks else 0.0


class TestwiseScore(NamedTuple):
    """A test-wise reader's expected score on a set of questions, beside blind guessing."""

    score: float
    """Expected share right (0-1) when picking among the most hedged, least absolute choices."""
    chance: float
    """Expected share right (0-1) when picking at random."""

    @property
    def margin_points(self) -> float:
        """How many percentage points the test-wise reader beats chance by."""
        return 100 * (self.score - self.chance)


def testwise_score(questions: Iterable[tuple[Sequence[str], int]], language: str = "en") -> TestwiseScore:
    """`questions` as (choice texts, index of the right one) pairs."""
    score = chance = 0.0
    n = 0
    for texts, correct in questions:
        score += testwise_chance(texts, correct, language)
        chance += 1 / len(texts)
        n += 1
    return TestwiseScore(score / n, chance / n) if n else TestwiseScore(0.0, 0.0)
