"""Review policy: which questions a Review asks now, and in what order; and the essentials a learner knows.

One home for every front end and report. It sits beside `scheduling` (which says when each question is due) and
reads only the store's per-question records, so Home, plain mode, the app's Review, `stats` and the export all
count and order the same way.

A question's state is its latest answer (GUIDE section 7): right = known; wrong = a misconception (the learner
believed something untrue); dont_know = "I don't know yet". Review brings misconceptions back first, then
don't-knows, then the most overdue.
"""

# No `from __future__ import annotations`: a NamedTuple compiles every string annotation (typing.ForwardRef),
# which made start-up measurably slower (README, Performance). Quote names defined later or imported only
# for type checking.

import random
from collections.abc import Collection, Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from ketaquiz.core import scheduling
from ketaquiz.core.catalog import QuestionIndex
from ketaquiz.core.i18n import _, ngettext

if TYPE_CHECKING:
    from ketaquiz.core.model import Bank
    from ketaquiz.core.progress import QuestionProgress

__all__ = [
    "COUNT_ALL",
    "ESSENTIALS_COUNT",
    "REVIEW_COUNT",
    "TOPIC_COUNT",
    "EssentialsCount",
    "check_count",
    "essential_ids",
    "essentials_count",
    "essentials_to_learn",
    "is_known",
    "limit_count",
    "quiz_order",
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
    if count == COUNT_ALL:
        return _("every question of the topic")
    n = count if isinstance(count, int) and not isinstance(count, bool) else TOPIC_COUNT
    return ngettext("{n} question", "{n} questions", n).format(n=n)


def select_review(
    progress: Mapping[str, "QuestionProgress"], now: datetime, available: Collection[str]
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


def review_set(
    progress: Mapping[str, "QuestionProgress"], now: datetime, banks: Collection["Bank"]
) -> set[str]:
    """Ids of the questions a Review would ask now, across `banks`."""
    return set(select_review(progress, now, QuestionIndex(banks)))


# ----------------------------------------------------------------------------------------------------
# Essentials


class EssentialsCount(NamedTuple):
    """Essential questions known (latest answer right) out of all essential questions in some banks."""

    known: int
    total: int


def is_known(progress: "QuestionProgress | None") -> bool:
    """Known = the latest answer was right (never answered is not known)."""
    return progress is not None and progress.latest == "right"


def essential_ids(banks: Iterable["Bank"]) -> list[str]:
    """The ids of the essential questions in `banks`, in bank order (no question is built)."""
    return [qid for bank in banks for qid in bank.questions.essential_ids]


def essentials_count(progress: Mapping[str, "QuestionProgress"], banks: Iterable["Bank"]) -> EssentialsCount:
    """Essentials known / total over `banks` (the banks the screen or command shows)."""
    ids = essential_ids(banks)
    return EssentialsCount(sum(1 for qid in ids if is_known(progress.get(qid))), len(ids))


def essentials_to_learn(progress: Mapping[str, "QuestionProgress"], banks: Iterable["Bank"]) -> list[str]:
    """The essential questions not yet known, in bank order."""
    return [qid for qid in essential_ids(banks) if not is_known(progress.get(qid))]


# ----------------------------------------------------------------------------------------------------
# How many, and in what order (GUIDE section 7: quiz length and order)


COUNT_ALL = "all"
"""`count=COUNT_ALL` (`--count all`): every question the run could ask."""


def check_count(count: int | str | None) -> None:
    """Refuse a `count` that is neither a positive whole number, COUNT_ALL nor None (ValueError)."""
    if count is None or count == COUNT_ALL:
        return
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValueError(f"count must be a positive whole number or {COUNT_ALL!r}, not {count!r}")


def limit_count(ids: list[str], count: int | str | None, default: int) -> list[str]:
    """The first `count` ids (COUNT_ALL: all of them; None: `default`)."""
    if count == COUNT_ALL:
        return ids
    return ids[: count if isinstance(count, int) else default]


def _fits(objective: str | None, previous: str | None, counts: Mapping[str, int], n: int) -> bool:
    """Whether picking a question with `objective` (after one with `previous`) still lets the `n` left be laid out
    with no repeat: no objective may hold more than half of them (rounded up), the picked one half rounded down."""
    if objective is not None and objective == previous:
        return False
    return all(
        (c - 1 if o == objective else c) <= (n // 2 if o == objective else (n + 1) // 2)
        for o, c in counts.items()
    )


def quiz_order(
    ids: list[str],
    progress: Mapping[str, Any],
    now: datetime,
    rng: random.Random,
    objective_of: Mapping[str, str | None],
) -> list[str]:
    """Never-answered first, then due, then the rest, shuffled within each group (GUIDE section 7); then no two
    questions with the same objective in a row while another question is left."""
    groups: tuple[list[str], list[str], list[str]] = ([], [], [])
    for qid in ids:
        p = progress.get(qid)
        groups[0 if p is None else 1 if scheduling.is_due(p.due, now) else 2].append(qid)
    ordered: list[str] = []
    for group in groups:
        rng.shuffle(group)
        ordered += group
    result: list[str] = []
    left = ordered
    while left:
        previous = objective_of.get(result[-1]) if result else None
        counts: dict[str, int] = {}
        for qid in left:
            if (objective := objective_of.get(qid)) is not None:
                counts[objective] = counts.get(objective, 0) + 1

        pick = next(
            (
                i
                for i, qid in enumerate(left)
                if _fits(objective_of.get(qid), previous, counts, len(left) - 1)
            ),
            None,
        )
        if pick is None:  # no layout avoids a repeat any more: the first that differs, else the first
            pick = next((i for i, qid in enumerate(left) if objective_of.get(qid) != previous), 0)
        result.append(left.pop(pick))
    return result
