"""Per-bank figures, counted one way for every front end: Home and Progress, `stats`, and the export.

Kept light (no dataclasses, nothing heavy imported) because Home computes them on every start.
"""

# No `from __future__ import annotations`: a NamedTuple compiles every string annotation (typing.ForwardRef),
# which made start-up measurably slower (README, Performance). Quote names defined later or imported only
# for type checking.

from collections.abc import Collection, Mapping
from datetime import UTC, datetime
from typing import NamedTuple

from ketaquiz.core.model import Bank
from ketaquiz.core.progress import BankSummary, QuestionProgress
from ketaquiz.core.scheduling import is_mastered


class BankFigures(NamedTuple):
    """One bank's figures for one profile: the one record Home, Progress, `stats` and the export all show.

    One name per figure, the same everywhere; docs/progress.md maps them to the JSON keys of `stats --json` and
    `export --format json`.
    """

    bank_id: str
    title: str
    """The bank's title; its id when the bank is not loaded now."""
    questions: int
    """Questions in the bank (0 when the bank is not loaded now)."""
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
    due_now: int
    """Questions a Review would ask now: missed last time, or due by the schedule (review.select_review)."""
    first_answered: str | None = None
    """UTC date (YYYY-MM-DD) of the first answer, when known (the export looks it up; Home does not)."""
    last_answered: str | None = None
    """UTC date of the latest answer."""
    latest_wrong: int = 0
    """Questions whose latest answer was wrong: misconceptions."""
    latest_dont_know: int = 0
    """Questions whose latest answer was "I don't know yet"."""

    @property
    def score_percent(self) -> int | None:
        """Right answers as a whole percentage of all answers (None before any answer)."""
        return round(100 * self.answers_right / self.answers) if self.answers else None

    @property
    def mastery_percent(self) -> int:
        """Mastered questions as a whole percentage of the bank's questions."""
        return round(100 * self.mastered / self.questions) if self.questions else 0


def utc_day(moment: datetime | None) -> str | None:
    """A moment's UTC date as YYYY-MM-DD (None for None)."""
    return moment.astimezone(UTC).date().isoformat() if moment else None


def bank_figures(
    bank: Bank,
    summary: BankSummary | None,
    progress: Mapping[str, QuestionProgress],
    now: datetime,
    to_review: Collection[str],
    first_answered: str | None = None,
) -> BankFigures:
    """The figures for `bank`; `to_review` is `review.review_set(...)` over the banks loaded now."""
    facts = [progress[qid] for qid in bank.questions.ids if qid in progress]
    return BankFigures(
        bank_id=bank.id,
        title=bank.title,
        questions=len(bank.questions),
        questions_answered=len(facts),
        latest_right=sum(1 for f in facts if f.last_correct),
        answers=summary.answered if summary else 0,
        answers_right=summary.right if summary else 0,
        mastered=sum(1 for f in facts if is_mastered(f, now)),
        due_now=sum(1 for qid in bank.questions.ids if qid in to_review),
        first_answered=first_answered,
        last_answered=utc_day(summary.last_answered_at) if summary else None,
        latest_wrong=sum(1 for f in facts if f.latest == "wrong"),
        latest_dont_know=sum(1 for f in facts if f.latest == "dont_know"),
    )


def unloaded_bank_figures(
    bank_id: str, summary: BankSummary, first_answered: str | None = None
) -> BankFigures:
    """The figures the store alone knows for a bank answered before but not loaded now."""
    return BankFigures(
        bank_id=bank_id,
        title=bank_id,
        questions=0,
        questions_answered=summary.questions_answered,
        latest_right=0,
        answers=summary.answered,
        answers_right=summary.right,
        mastered=0,
        due_now=0,
        first_answered=first_answered,
        last_answered=utc_day(summary.last_answered_at),
    )
