"""Per-bank figures, counted one way for every front end: Home and Progress, `stats`, and the export.

Kept light (no dataclasses, nothing heavy imported) because Home computes them on every start.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import NamedTuple

from ketaquiz.core.model import Bank
from ketaquiz.core.progress import BankSummary, QuestionProgress
from ketaquiz.core.scheduling import is_mastered


class BankFigures(NamedTuple):
    """One bank's figures for one profile."""

    questions: int
    questions_answered: int
    """Distinct questions answered at least once."""
    latest_right: int
    """Questions whose latest answer was right."""
    answers: int
    """Answers given (every attempt)."""
    answers_right: int
    """Answers that were right."""
    mastered: int
    """Questions mastered (scheduling.MASTERY_RULE)."""
    to_review: int
    """Questions a Review would ask now: missed last time, or due by the schedule (review.select_review)."""


def bank_figures(
    bank: Bank,
    summary: BankSummary | None,
    progress: Mapping[str, QuestionProgress],
    now: datetime,
    to_review: Collection[str],
) -> BankFigures:
    """The figures for `bank`; `to_review` is `review.review_set(...)` over the banks loaded now."""
    facts = [progress[qid] for qid in bank.questions.ids if qid in progress]
    return BankFigures(
        questions=len(bank.questions),
        questions_answered=len(facts),
        latest_right=sum(1 for f in facts if f.last_correct),
        answers=summary.answered if summary else 0,
        answers_right=summary.right if summary else 0,
        mastered=sum(1 for f in facts if is_mastered(f, now)),
        to_review=sum(1 for qid in bank.questions.ids if qid in to_review),
    )
