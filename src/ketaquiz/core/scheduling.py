"""Spaced review and mastery: pure functions over an injected `now`.

The schedule is FSRS (the `fsrs` package, the scheduler Anki uses) with binary grading: a right answer is
`Rating.Good`, a wrong one `Rating.Again`, so no optimiser is needed. Settings, and why:

- No learning or relearning steps: the default steps (1 and 10 minutes) suit flashcard drills; a patient
  comes back over days, so a question answered wrong is due again the next day, and one answered right for
  the first time in about two days, with the interval growing from there.
- No fuzzing: fuzz draws from the global `random` module; without it the schedule is a pure function of the
  answers and their times, which keeps tests deterministic.

`fsrs` is imported on the first review only: `ketaquiz stats`, mastery and due checks never need it.

Mastery (the one definition every front end shows, see `MASTERY_RULE`): a question is MASTERED when it was
answered right on at least `MASTERY_MIN_RIGHT_DAYS` different UTC dates, its latest answer was right, and it
is not due now.
"""

# No `from __future__ import annotations`: a NamedTuple compiles every string annotation (typing.ForwardRef),
# which made start-up measurably slower (README, Performance). Quote names defined later or imported only
# for type checking.

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, NamedTuple, Protocol

from ketaquiz.core.i18n import N_

if TYPE_CHECKING:
    from fsrs import Scheduler

__all__ = [
    "MASTERY_MIN_RIGHT_DAYS",
    "MASTERY_RULE",
    "CardState",
    "MasteryFacts",
    "bank_mastery",
    "due_from_json",
    "is_due",
    "is_mastered",
    "mastered_ids",
    "review",
]

MASTERY_MIN_RIGHT_DAYS = 2
"""Different UTC dates on which a question must have been answered right to count as mastered."""

MASTERY_RULE = N_(
    "A question is mastered when you have answered it right on at least two different days, "
    "your latest answer was right, and it is not due for review."
)
"""The definition of mastery in plain words, for help screens, reports and docs (show it with `_(MASTERY_RULE)`)."""


class CardState(NamedTuple):
    """A question's schedule for one profile, as the store keeps it."""

    card_json: str
    """The fsrs Card as JSON (opaque outside this module)."""
    due: datetime
    """When the question should be asked again (aware, UTC)."""
    last_review: datetime | None = None
    """When it was last answered."""


class MasteryFacts(Protocol):
    """What mastery needs to know about a question (`progress.QuestionProgress` has these fields)."""

    @property
    def right_days(self) -> int: ...
    @property
    def last_correct(self) -> bool: ...
    @property
    def due(self) -> datetime | None: ...


def _utc(moment: datetime) -> datetime:
    # fsrs insists on tzinfo == timezone.utc exactly; any aware datetime is converted, a naive one refused.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: pass an aware (UTC) datetime")
    return moment.astimezone(UTC)


@cache
def _scheduler() -> "Scheduler":
    from fsrs import Scheduler

    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def review(card_json: str | None, correct: bool, now: datetime) -> CardState:
    """The schedule after an answer given at `now`: right = Good, wrong = Again.

    `card_json` is the previous state (None for a question never answered). A state that cannot be read
    (edited by hand, or from an incompatible fsrs) starts the question afresh rather than failing the answer.
    """
    from fsrs import Card, Rating

    now = _utc(now)
    card = None
    if card_json is not None:
        try:
            card = Card.from_json(card_json)
        except (ValueError, KeyError, TypeError):
            card = None
    if card is None:
        # A fixed card_id: the default is the creation time in ms (and fsrs sleeps 1 ms to keep ids apart).
        card = Card(card_id=1, due=now)
    rating = Rating.Good if correct else Rating.Again
    new_card, _log = _scheduler().review_card(card, rating, review_datetime=now)
    return CardState(card_json=new_card.to_json(), due=_utc(new_card.due), last_review=now)


def due_from_json(card_json: str) -> datetime:
    """The due time stored in a card's JSON (without importing fsrs)."""
    import json  # (not needed to start the app)

    return _utc(datetime.fromisoformat(json.loads(card_json)["due"]))


def is_due(due: datetime | None, now: datetime) -> bool:
    """True when a question due at `due` should be reviewed at `now`; never answered (None) is not due."""
    return due is not None and _utc(due) <= _utc(now)


def is_mastered(facts: MasteryFacts | None, now: datetime) -> bool:
    """Mastery as defined in `MASTERY_RULE`; None (never answered) is not mastered."""
    if facts is None:
        return False
    return facts.right_days >= MASTERY_MIN_RIGHT_DAYS and facts.last_correct and not is_due(facts.due, now)


def mastered_ids(
    question_ids: Iterable[str], progress: Mapping[str, MasteryFacts], now: datetime
) -> list[str]:
    """The given questions that are mastered, in the given order."""
    return [qid for qid in question_ids if is_mastered(progress.get(qid), now)]


def bank_mastery(question_ids: Iterable[str], progress: Mapping[str, MasteryFacts], now: datetime) -> float:
    """The fraction (0.0 to 1.0) of a bank's questions that are mastered; 0.0 for an empty bank."""
    ids = list(question_ids)
    if not ids:
        return 0.0
    return len(mastered_ids(ids, progress, now)) / len(ids)
