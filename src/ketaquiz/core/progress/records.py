"""The progress records every layer passes around: answers, flags, per-question and per-bank figures, runs,
kiosk counts, and the store's errors. Plain NamedTuples (cheap to build by the hundred thousand); no SQLite here.
"""

# No `from __future__ import annotations`: a NamedTuple compiles every string annotation (typing.ForwardRef),
# which made start-up measurably slower (README, Performance). Quote names defined later or imported only
# for type checking.

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from ketaquiz.core.safe_text import first_unsafe

__all__ = [
    "DEFAULT_PROFILE",
    "DONT_KNOW",
    "MAX_PROFILE_NAME",
    "OUTCOMES",
    "RIGHT",
    "STORE_FILENAME",
    "WRONG",
    "Attempt",
    "AttemptRow",
    "BankSummary",
    "Clock",
    "DailyCount",
    "Flag",
    "KioskStat",
    "QuestionProgress",
    "RememberedBank",
    "RunRecord",
    "StoreError",
    "StoreUnavailableError",
    "StoreUnreadableError",
    "StoreWriteError",
    "is_profile_name",
    "outcome_of",
    "utc_now",
]

Clock = Callable[[], datetime]
"""Returns the current time as an aware datetime (converted to UTC by the store)."""

STORE_FILENAME = "progress.sqlite3"  # i18n: not shown (a file name)
DEFAULT_PROFILE = "default"
MAX_PROFILE_NAME = 64


# ----------------------------------------------------------------------------------------------------
# Errors


class StoreError(Exception):
    """Base of every error the progress store raises on purpose."""


class StoreWriteError(StoreError):
    """A write failed (disk full, read-only, locked too long, I/O error) and was rolled back.

    Nothing already saved is lost and the file stays valid; the front end should tell the learner that this
    answer was not saved.
    """


class StoreUnreadableError(StoreError):
    """The file is not a usable ketaquiz store: garbage, truncated, corrupt, not ours, or from a newer schema.

    `open_store` handles it by moving the file aside.
    """


class StoreUnavailableError(StoreError):
    """The store file cannot be opened or created at all (folder missing or read-only, disk full, locked)."""


# ----------------------------------------------------------------------------------------------------
# Records


def utc_now() -> datetime:
    """The real clock: now, as an aware UTC datetime."""
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    """Fixed-width UTC ISO text: sorts as time sorts, and its first 10 characters are the UTC date."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: pass an aware (UTC) datetime")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _json() -> Any:
    """The json module, imported when a quiz run is first saved or read (not needed to show Home)."""
    import json

    return json


def _parse(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


RIGHT = "right"
"""An answer's outcome: the right choice."""
WRONG = "wrong"
"""An answer's outcome: a wrong choice (a misconception while it is the latest answer)."""
DONT_KNOW = "dont_know"
"""An answer's outcome: "I don't know yet" (key 0), kept with no chosen choice. It counts as an answer, not right."""
OUTCOMES = (RIGHT, WRONG, DONT_KNOW)


def outcome_of(correct: bool, outcome: str | None = None) -> str:
    """The outcome of an answer: `outcome` when given, else right or wrong from `correct`."""
    if outcome is not None:
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}: one of {', '.join(OUTCOMES)}")
        return outcome
    return RIGHT if correct else WRONG


class Attempt(NamedTuple):
    """One answer as it is recorded."""

    bank_id: str
    question_id: str
    choice_index: int | None
    """Index of the chosen choice in the bank's written order (not the shuffled display order); None for
    "I don't know yet"."""
    choice_text: str | None
    """The chosen choice's text at the time, so the record stays readable if the bank changes (None for
    "I don't know yet")."""
    correct: bool
    answered_at: datetime
    """Aware datetime; stored as UTC."""
    seconds: float | None = None
    """Time from showing the question to the answer."""
    run_id: str | None = None
    """The quiz run it belongs to, if any."""
    outcome: str | None = None
    """RIGHT, WRONG or DONT_KNOW; None means right or wrong as `correct` says."""

    @classmethod
    def dont_know(
        cls,
        bank_id: str,
        question_id: str,
        answered_at: datetime,
        seconds: float | None = None,
        run_id: str | None = None,
    ) -> "Attempt":
        """An "I don't know yet" answer: no chosen choice, not right."""
        return cls(bank_id, question_id, None, None, False, answered_at, seconds, run_id, DONT_KNOW)


class AttemptRow(NamedTuple):
    """One attempt as read back for export: a plain tuple, cheap to make by the hundred thousand."""

    answered_at: str
    """UTC ISO text."""
    bank_id: str
    question_id: str
    choice_index: int | None
    """None for "I don't know yet"."""
    choice_text: str | None
    correct: bool
    seconds: float | None
    run_id: str | None
    outcome: str = RIGHT
    """RIGHT, WRONG or DONT_KNOW."""


class Flag(NamedTuple):
    """A question flagged "ask my care team"."""

    bank_id: str
    question_id: str
    note: str
    """The learner's note (may be empty)."""
    created_at: datetime


class BankSummary(NamedTuple):
    """A profile's answers in one bank."""

    bank_id: str
    answered: int
    """Answers given (every attempt counts)."""
    right: int
    """Answers that were right."""
    questions_answered: int
    """Distinct questions answered at least once."""
    last_answered_at: datetime | None


class QuestionProgress(NamedTuple):
    """What the store knows about one question for one profile: enough for mastery and review order."""

    bank_id: str
    """The bank of the latest answer (progress follows the question id)."""
    question_id: str
    answered: int
    right: int
    right_days: int
    """Distinct UTC dates on which it was answered right."""
    last_answered_at: datetime
    last_correct: bool
    """Whether the latest answer was right."""
    due: datetime | None
    """When the schedule next asks for it (None if it has no schedule state)."""
    last_outcome: str | None = None
    """The latest answer's outcome (RIGHT, WRONG, DONT_KNOW); None: right or wrong as `last_correct` says."""

    @property
    def latest(self) -> str:
        """The latest answer's outcome: RIGHT, WRONG or DONT_KNOW (the question's state)."""
        return outcome_of(self.last_correct, self.last_outcome)


class DailyCount(NamedTuple):
    """Answers given on one UTC date."""

    day: date
    answered: int
    right: int


class RunRecord(NamedTuple):
    """A quiz run as kept for "Continue": its state is whatever `QuizSession.to_state()` returned."""

    id: str
    kind: str
    """"bank", "review" or "essentials" (session.KIND_*)."""
    state: Mapping[str, Any]
    """JSON-serialisable state."""
    started_at: datetime
    updated_at: datetime | None = None
    """Set by the store when saved."""
    finished: bool = False
    topic: str | None = None
    """What the run keeps a place for: a topic quiz's bank id, "" for review or essentials. The store keeps one
    unfinished run per kind and topic (a new one takes the old one's place); None holds no place."""


class KioskStat(NamedTuple):
    """Anonymous kiosk counts for one question: never who, never in what order."""

    bank_id: str
    question_id: str
    shown: int
    answered: int
    right: int


def is_profile_name(name: object) -> bool:
    """1 to MAX_PROFILE_NAME printable characters, on one line, passing the safe-text rule (a title bar shows it)."""
    return (
        isinstance(name, str)
        and bool(name.strip())
        and len(name) <= MAX_PROFILE_NAME
        and first_unsafe(name, multiline=False) is None
        and name.isprintable()
    )


def _check_profile_name(name: str) -> str:
    if not is_profile_name(name):
        raise ValueError(f"invalid profile name {name!r}: 1 to {MAX_PROFILE_NAME} printable characters")
    return name


class RememberedBank(NamedTuple):
    """A bank file a profile was quizzed from with `--bank` (a clinic's own bank)."""

    path: str
    """The file's absolute path, as it was when used."""
    bank_id: str
    """The bank's id then (its progress is kept under it)."""
    last_used_at: datetime
