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
    """Questions a Review would ask now: missed last time, or due by the schedule (select_review)."""


def select_review(
    progress: Mapping[str, QuestionProgress], now: datetime, available: Collection[str]
) -> list[str]:
    """The questions to review at `now`, in order: missed first, then due.

    Missed (latest answer wrong) come first, most recently missed first; then those due by the schedule,
    earliest due first. Only ids in `available` (the banks loaded now) are returned.
    """
    missed = [p for qid, p in progress.items() if qid in available and not p.last_correct]
    due = [
        p
        for qid, p in progress.items()
        if qid in available and p.last_correct and p.due is not None and p.due <= now
    ]
    missed.sort(key=lambda p: p.question_id)
    missed.sort(key=lambda p: p.last_answered_at, reverse=True)  # stable: ties keep id order
    due.sort(key=lambda p: (p.due, p.question_id))
    return [p.question_id for p in missed + due]


def review_set(progress: Mapping[str, QuestionProgress], now: datetime, banks: Collection[Bank]) -> set[str]:
    """Ids of the questions a Review would ask now, across `banks`."""
    return set(select_review(progress, now, {qid for b in banks for qid in b.questions.ids}))


def bank_figures(
    bank: Bank,
    summary: BankSummary | None,
    progress: Mapping[str, QuestionProgress],
    now: datetime,
    to_review: Collection[str],
) -> BankFigures:
    """The figures for `bank`; `to_review` is `review_set(...)` over the banks loaded now."""
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
