"""Review policy: which questions a Review asks now, and in what order. One home for every front end and report.

It sits beside `scheduling` (which says when each question is due) and reads only the store's per-question
records, so Home, plain mode, the app's Review, `stats` and the export all count and order the same way.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from ketaquiz.core.catalog import QuestionIndex

if TYPE_CHECKING:
    from ketaquiz.core.model import Bank
    from ketaquiz.core.progress import QuestionProgress

__all__ = ["review_set", "select_review"]


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
    return set(select_review(progress, now, QuestionIndex(banks)))
