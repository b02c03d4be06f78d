"""Review policy: which questions a Review asks now, and in what order; and the essentials a learner knows.

One home for every front end and report. It sits beside `scheduling` (which says when each question is due) and
reads only the store's per-question records, so Home, plain mode, the app's Review, `stats` and the export all
count and order the same way.

A question's state is its latest answer (GUIDE section 7): right = known; wrong = a misconception (the learner
believed something untrue); dont_know = "I don't know yet". Review brings misconceptions back first, then
don't-knows, then the most overdue.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from ketaquiz.core.catalog import QuestionIndex

if TYPE_CHECKING:
    from ketaquiz.core.model import Bank
    from ketaquiz.core.progress import QuestionProgress

__all__ = [
    "ESSENTIALS_COUNT",
    "REVIEW_COUNT",
    "TOPIC_COUNT",
    "EssentialsCount",
    "essential_ids",
    "essentials_count",
    "essentials_to_learn",
    "is_known",
    "review_set",
    "select_review",
    "topic_length",
]

REVIEW_COUNT = 20
"""A Review asks at most this many questions unless `--count` says otherwise."""
ESSENTIALS_COUNT = 10
"""An essentials quiz asks this many (fewer if fewer are left) unless `--count` says otherwise."""
TOPIC_COUNT = 10
"""A topic quiz's length by default (GUIDE section 7)."""


def topic_length(count: int | str | None = None) -> str:
    """How long a topic quiz is, as Home and Help say it: "10 questions", or what `--count` asked for."""
    if count == "all":
        return "every question of the topic"
    n = count if isinstance(count, int) and not isinstance(count, bool) else TOPIC_COUNT
    return "1 question" if n == 1 else f"{n} questions"


def select_review(
    progress: Mapping[str, QuestionProgress], now: datetime, available: Collection[str]
) -> list[str]:
    """The questions to review at `now`, in order: misconceptions, then don't-knows, then due.

    Misconceptions (latest answer wrong) come first, then questions whose latest answer was "I don't know yet",
    each most recent first; then those due by the schedule, most overdue first. Only ids in `available` (the
    banks loaded now) are returned.
    """
    wrong: list[QuestionProgress] = []
    dont_know: list[QuestionProgress] = []
    due: list[QuestionProgress] = []
    for qid, p in progress.items():
        if qid not in available:
            continue
        latest = p.latest
        if latest == "wrong":
            wrong.append(p)
        elif latest == "dont_know":
            dont_know.append(p)
        elif p.due is not None and p.due <= now:
            due.append(p)
    for group in (wrong, dont_know):
        group.sort(key=lambda p: p.question_id)
        group.sort(key=lambda p: p.last_answered_at, reverse=True)  # stable: ties keep id order
    due.sort(key=lambda p: (p.due, p.question_id))
    return [p.question_id for p in wrong + dont_know + due]


def review_set(progress: Mapping[str, QuestionProgress], now: datetime, banks: Collection[Bank]) -> set[str]:
    """Ids of the questions a Review would ask now, across `banks`."""
    return set(select_review(progress, now, QuestionIndex(banks)))


# ----------------------------------------------------------------------------------------------------
# Essentials


class EssentialsCount(NamedTuple):
    """Essential questions known (latest answer right) out of all essential questions in some banks."""

    known: int
    total: int


def is_known(progress: QuestionProgress | None) -> bool:
    """Known = the latest answer was right (never answered is not known)."""
    return progress is not None and progress.latest == "right"


def essential_ids(banks: Iterable[Bank]) -> list[str]:
    """The ids of the essential questions in `banks`, in bank order (no question is built)."""
    return [qid for bank in banks for qid in bank.questions.essential_ids]


def essentials_count(progress: Mapping[str, QuestionProgress], banks: Iterable[Bank]) -> EssentialsCount:
    """Essentials known / total over `banks` (the banks the screen or command shows)."""
    ids = essential_ids(banks)
    return EssentialsCount(sum(1 for qid in ids if is_known(progress.get(qid))), len(ids))


def essentials_to_learn(progress: Mapping[str, QuestionProgress], banks: Iterable[Bank]) -> list[str]:
    """The essential questions not yet known, in bank order."""
    return [qid for qid in essential_ids(banks) if not is_known(progress.get(qid))]
