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
        "always", "never", "only", "all", "every", "everyone", "everybody",  # i18n: not shown (word list)
        "everything", "none", "nothing", "nobody", "no one", "proven", "proves",  # i18n: not shown (word list)
        "prove", "guaranteed", "guarantee", "guarantees", "certainly",  # i18n: not shown (word list)
        "definitely", "completely", "entirely", "totally", "forever", "for good",  # i18n: not shown (word list)
        "exactly", "at all", "permanent", "permanently", "cure", "cures", "cured",  # i18n: not shown (word list)
    ),
    "es": (
        "siempre", "nunca", "jamás", "solo", "sólo", "solamente", "únicamente",  # i18n: not shown (word list)
        "todo", "toda", "todos", "todas", "nada", "nadie", "ninguno", "ninguna",  # i18n: not shown (word list)
        "comprobado", "comprobada", "demostrado", "demostrada", "garantizado",  # i18n: not shown (word list)
        "garantiza", "seguro que", "totalmente", "completamente", "exactamente",  # i18n: not shown (word list)
        "para siempre", "en absoluto", "cura", "curar", "permanente",  # i18n: not shown (word list)
    ),
}  # fmt: skip
"""Words that make a claim absolute; test-wise readers rule such choices out."""

HEDGE_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "may", "might", "could", "some", "sometimes", "often", "usually", "about",  # i18n: not shown (word list)
        "around", "likely", "unlikely", "possibly", "perhaps", "probably", "many",  # i18n: not shown (word list)
        "most", "several", "typically", "generally", "not yet", "tends to",  # i18n: not shown (word list)
        "seems", "seem",  # i18n: not shown (word list)
    ),
    "es": (
        "puede", "pueden", "podría", "podrían", "algunos", "algunas", "alguno",  # i18n: not shown (word list)
        "alguna", "a veces", "suele", "suelen", "alrededor de", "aproximadamente",  # i18n: not shown (word list)
        "probablemente", "posiblemente", "quizás", "quizá", "muchos", "muchas",  # i18n: not shown (word list)
        "la mayoría", "varios", "varias", "por lo general", "en general",  # i18n: not shown (word list)
        "todavía no", "aún no",  # i18n: not shown (word list)
    ),
}  # fmt: skip
"""Words that soften a claim; test-wise readers pick such choices."""

TEAM_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "team", "staff", "doctor", "doctors", "nurse", "nurses", "clinic",  # i18n: not shown (word list)
        "clinician", "clinicians", "prescriber", "provider", "providers",  # i18n: not shown (word list)
        "pharmacist", "psychiatrist", "care team",  # i18n: not shown (word list)
    ),
    "es": (
        "equipo", "personal", "médico", "médica", "médicos", "doctor", "doctora",  # i18n: not shown (word list)
        "enfermera", "enfermero", "enfermeras", "clínica", "profesional",  # i18n: not shown (word list)
        "profesionales", "farmacéutico", "psiquiatra",  # i18n: not shown (word list)
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
        # i18n: not shown (word list)
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
