"""The ports a quiz session writes through: `SessionStore` (answers, schedule, flags, runs), `KioskStatsSink`
(anonymous counts), and `NullStore`, which keeps nothing (the kiosk).

`SessionStore` is written once: its methods keep nothing, so `NullStore` is the port itself, and `ProgressStore`
implements it on SQLite; a test proves every implementation matches the protocol's signatures.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol, TypeAlias

if TYPE_CHECKING:
    from ketaquiz.core.progress import Attempt, Flag, QuestionProgress, RunRecord
    from ketaquiz.core.scheduling import CardState

    # A question's new schedule with an answer: the state itself, or a function from the state the store holds
    # (card JSON, or None) to the new one, called inside the answer's transaction; None leaves it as it is.
    CardUpdate: TypeAlias = CardState | Callable[[str | None], CardState] | None

__all__ = ["KioskStatsSink", "NullStore", "SessionStore"]


class SessionStore(Protocol):
    """The part of `ProgressStore` a session uses; `NullStore` and test doubles implement it too. These bodies
    keep nothing and know nothing (`NullStore`)."""

    def get_card(self, profile: str, question_id: str) -> CardState | None:
        return None

    def question_progress(self, profile: str) -> Mapping[str, QuestionProgress]:
        return {}

    def record_answer(
        self, profile: str, attempt: Attempt, card_state: CardUpdate = None, run: RunRecord | None = None
    ) -> None:
        return None  # a schedule given as a function is never called: nothing to keep, nothing to compute

    def set_flag(self, profile: str, bank_id: str, question_id: str, note: str = "") -> None:
        return None

    def clear_flag(self, profile: str, question_id: str) -> None:
        return None

    def get_flag(self, profile: str, question_id: str) -> Flag | None:
        return None

    def discard_run(self, run_id: str) -> None:
        return None


class KioskStatsSink(Protocol):
    """Anonymous per-question counts for the kiosk (ProgressStore has them). Never a visitor's sequence."""

    def count_shown(self, bank_id: str, question_id: str) -> None: ...

    def count_answered(self, bank_id: str, question_id: str, correct: bool) -> None: ...


class NullStore(SessionStore):
    """A store that keeps nothing: for the kiosk, where nothing about a visitor may outlive their visit."""
