"""What a quiz session takes (`RunOptions`) and hands to a front end: the question as shown, the feedback, each
result and the score.

Plain records (`NamedTuple`s), so front ends and tests can build and compare them; `ketaquiz.core.session` makes
them and re-exports them.
"""

# No `from __future__ import annotations`: a NamedTuple compiles every string annotation (typing.ForwardRef),
# which made start-up measurably slower (README, Performance). Quote names defined later or imported only
# for type checking.

import random
from typing import NamedTuple, Required, TypedDict

from ketaquiz.core.model import Bank, Choice, Citation, Question, SourceRef
from ketaquiz.core.progress import DONT_KNOW, RIGHT, WRONG, Clock
from ketaquiz.core.session_store import SessionStore

__all__ = ["Feedback", "PresentedQuestion", "QuestionResult", "RunOptions", "Score"]


class RunOptions(TypedDict, total=False):
    """What every way of building a run takes beside its questions (`QuizSession.topic(bank, store=s, count=5)`)."""

    store: Required[SessionStore]
    """Where the answers, their schedule and the run's place are kept (`NullStore`: nowhere)."""
    count: int | str | None
    """How many questions: a whole number, COUNT_ALL, or None for the kind's default."""
    profile: str
    rng: random.Random | None
    """Shuffles the choices (and a quiz's questions); None: a fresh generator."""
    clock: Clock


class PresentedQuestion(NamedTuple):
    """The current question as the learner sees it."""

    question: Question
    bank: Bank
    choices: tuple[Choice, ...]
    """The choices in display order (shuffled unless `question.shuffle` is False)."""
    number: int
    """1-based position in this run."""
    total: int
    """Questions in this run."""


class Feedback(NamedTuple):
    """What to show after an answer."""

    correct: bool
    chosen: Choice | None
    """None after "I don't know yet"."""
    chosen_index: int | None
    """Display index of the chosen choice (None after "I don't know yet")."""
    correct_choice: Choice
    correct_index: int
    """Display index of the right choice."""
    why_not: str | None
    """Why the chosen choice is not right (None when it is right)."""
    explanation: str
    citation: Citation
    source: SourceRef | None
    """The cited source as the bank describes it."""
    seconds: float
    """Time from showing the question to the answer."""
    save_error: str | None = None
    """Why the answer could not be saved (disk full...), or None. The quiz goes on; the front end says so."""

    @property
    def outcome(self) -> str:
        """RIGHT, WRONG or DONT_KNOW."""
        return DONT_KNOW if self.chosen is None else RIGHT if self.correct else WRONG

    @property
    def dont_know(self) -> bool:
        """True after "I don't know yet"."""
        return self.chosen is None


class QuestionResult(NamedTuple):
    """One answered question, for the Summary screen."""

    question: Question
    bank: Bank
    chosen: Choice | None
    """None after "I don't know yet"."""
    correct_choice: Choice
    correct: bool
    seconds: float | None

    @property
    def outcome(self) -> str:
        """RIGHT, WRONG or DONT_KNOW."""
        return DONT_KNOW if self.chosen is None else RIGHT if self.correct else WRONG


class Score(NamedTuple):
    """Right answers so far."""

    right: int
    answered: int
    total: int
    """Questions in the run."""
    dont_know: int = 0
    """Answers that were "I don't know yet" (counted in `answered`, never in `right`)."""
