"""One quiz run as a plain state machine: which questions, in what order, what was chosen, and the feedback.

Front ends (the Textual app, plain mode, the kiosk, the browser) drive a `QuizSession` and never touch the
store or the scheduler themselves:

    session = QuizSession.topic(bank, store=store)
    while not session.finished:
        shown = session.current          # PresentedQuestion: the question, its choices in display order
        feedback = session.answer(i)     # i: index into shown.choices
        session.next()
    session.score, session.results       # for the Summary screen

`answer_dont_know()` answers "I don't know yet" (key 0 in every front end, which add it as the last choice;
banks never write it): kept with no chosen choice, not right, scheduled as Again, and not a misconception.

States: a question is shown -> `answer()` -> its feedback is shown -> `next()` -> the next question, or
finished. Calling anything out of turn raises `SessionError`. Each answer is saved through the `SessionStore`
interface (`session_store`) in one transaction with the question's new schedule and the run's state, so an
unfinished run can be continued with `QuizSession.resume()` after the app was quit. The kiosk uses `NullStore`,
which keeps nothing about a visitor.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple, Unpack

from ketaquiz.core import scheduling
from ketaquiz.core.catalog import QuestionIndex
from ketaquiz.core.i18n import N_, _
from ketaquiz.core.model import Bank, Choice, Question
from ketaquiz.core.progress import DEFAULT_PROFILE, DONT_KNOW, Attempt, Clock, RunRecord, StoreError, utc_now
from ketaquiz.core.review import (
    COUNT_ALL,
    ESSENTIALS_COUNT,
    REVIEW_COUNT,
    TOPIC_COUNT,
    check_count,
    essentials_to_learn,
    limit_count,
    quiz_order,
    select_review,
)
from ketaquiz.core.safe_text import clean
from ketaquiz.core.session_records import Feedback, PresentedQuestion, QuestionResult, RunOptions, Score
from ketaquiz.core.session_store import KioskStatsSink, SessionStore

__all__ = [
    "COUNT_ALL",
    "DONT_KNOW_FEEDBACK",
    "DONT_KNOW_KEY",
    "DONT_KNOW_TEXT",
    "KIND_BANK",
    "KIND_ESSENTIALS",
    "KIND_REVIEW",
    "STATE_VERSION",
    "Feedback",
    "PresentedQuestion",
    "QuestionResult",
    "QuizSession",
    "RunOptions",
    "Score",
    "SessionError",
]

KIND_BANK = "bank"
"""One bank: a topic quiz (`topic()`: TOPIC_COUNT questions, new-first, in a fresh order) or a kiosk visit."""
KIND_REVIEW = "review"
"""Questions answered wrong last time, then those due, across banks."""
KIND_ESSENTIALS = "essentials"
"""The essential questions not yet known, across banks."""

DONT_KNOW_TEXT = N_("I don't know yet")
"""The last choice every front end adds to every question (never shuffled; banks never write it)."""
DONT_KNOW_KEY = "0"
"""Its key, in the app, the kiosk and plain mode."""
DONT_KNOW_FEEDBACK = N_("That's fine — here is the answer.")
"""What the feedback says after it: kind, not "wrong". (Both are marked for the catalog: show them with `_()`.)"""

STATE_VERSION = 1
"""Version of the `to_state()` format; `resume()` refuses any other."""


class SessionError(Exception):
    """A method was called out of turn (answering twice, after the end, next() before an answer...), or a saved run
    cannot be continued (only that one is for a person: the others are a front end's bugs, in English)."""


_OVER = "the quiz is over: there is no current question"  # i18n: not shown (a front end's bug)
_ANSWERED = "this question was already answered: call next() to go on"  # i18n: not shown (a front end's bug)
_NOT_ANSWERED = "answer the current question before going on"  # i18n: not shown (a front end's bug)
_NO_CHOICE = "there is no choice {choice!r}: choose 0 to {last}"  # i18n: not shown (a front end's bug)


class _Item:
    __slots__ = ("bank", "order", "question")

    def __init__(self, bank: Bank, question: Question, order: tuple[int, ...]) -> None:
        self.bank = bank
        self.question = question
        self.order = order
        """Display position -> index in the written order."""


class _Answer(NamedTuple):
    chosen: int | None
    """Index in the written order; None for "I don't know yet"."""
    correct: bool
    seconds: float | None


class _Saved(NamedTuple):
    """A run as `resume` reads it back."""

    orders: Sequence[tuple[int, ...]]
    answers: Sequence[_Answer]
    run_id: str
    started_at: datetime


class _Options(NamedTuple):
    store: SessionStore
    size: int | str | None
    """`count` (a NamedTuple has a `count` method already)."""
    profile: str
    rng: random.Random
    clock: Clock

    @classmethod
    def of(cls, options: RunOptions) -> _Options:
        """The options with their defaults filled in; a bad `count` is a ValueError."""
        count = options.get("count")
        check_count(count)
        rng = options.get("rng")
        return cls(
            options["store"],
            count,
            options.get("profile", DEFAULT_PROFILE),
            rng if rng is not None else random.Random(),
            options.get("clock", utc_now),
        )


# ----------------------------------------------------------------------------------------------------
# The session


class QuizSession:
    """One quiz run. Build it with `topic`, `from_bank`, `review`, `essentials` or `resume`."""

    def __init__(
        self,
        items: Iterable[tuple[Bank, Question]],
        *,
        store: SessionStore,
        profile: str = DEFAULT_PROFILE,
        kind: str = KIND_BANK,
        rng: random.Random | None = None,
        clock: Clock = utc_now,
        kiosk_stats: KioskStatsSink | None = None,
        _saved: _Saved | None = None,
    ) -> None:
        """A new run over `items` in order; choices shuffled with `rng` unless a question says not to. (`_saved` is
        `resume`'s way back in: the run's display orders, answers, id and start time.)"""
        pairs = list(items)
        orders, answers, run_id, started_at = _saved or (None, (), None, None)
        self._rng = rng if rng is not None else random.Random()
        self._clock = clock
        self._store = store
        self._kiosk_stats = kiosk_stats
        self.profile: str = profile
        """Whose progress this is."""
        self.kind: str = kind
        """KIND_BANK, KIND_REVIEW or KIND_ESSENTIALS."""
        self.run_id: str = run_id or os.urandom(16).hex()  # not uuid: it imports `platform` (3 ms)
        """Identifies the run in the store (for "Continue")."""
        self.started_at: datetime = started_at or clock()
        if orders is None:
            orders = [self._display_order(question) for _bank, question in pairs]
        self._items = [_Item(bank, q, tuple(order)) for (bank, q), order in zip(pairs, orders, strict=True)]
        self._answers: list[_Answer] = list(answers)
        self._position = len(self._answers)
        self._feedback: Feedback | None = None
        self._shown_at = clock()
        self.kiosk_stats_error: str | None = None
        """The last failure to count kiosk statistics (counting never interrupts a visitor's quiz)."""
        if not self.finished:
            self._present()

    # -- building

    @classmethod
    def from_bank(
        cls, bank: Bank, *, kiosk_stats: KioskStatsSink | None = None, **options: Unpack[RunOptions]
    ) -> QuizSession:
        """A bank from its first question, in its written order (the first `count` questions, if given).

        The kiosk's visit uses it; a learner's topic quiz is `topic()`.
        """
        o = _Options.of(options)
        questions = bank.questions[: o.size] if isinstance(o.size, int) else bank.questions
        return cls._built(KIND_BANK, [(bank, q) for q in questions], o, kiosk_stats)

    @classmethod
    def topic(
        cls, bank: Bank, *, order_rng: random.Random | None = None, **options: Unpack[RunOptions]
    ) -> QuizSession:
        """A topic quiz over one bank: TOPIC_COUNT questions (fewer if the bank is smaller) unless `count` says
        otherwise; never answered first, then due, then the rest, shuffled (see `review.quiz_order`).

        `order_rng` shuffles the questions (default: `rng`, which shuffles the choices); tests pass their own.
        """
        o = _Options.of(options)
        by_id = {q.id: q for q in bank.questions}
        objectives = {qid: q.objective for qid, q in by_id.items()}
        progress = o.store.question_progress(o.profile)
        ids = quiz_order(list(by_id), progress, o.clock(), order_rng or o.rng, objectives)
        return cls._built(KIND_BANK, [(bank, by_id[qid]) for qid in limit_count(ids, o.size, TOPIC_COUNT)], o)

    @classmethod
    def review(cls, banks: Sequence[Bank], **options: Unpack[RunOptions]) -> QuizSession:
        """Questions to go over again across `banks`: misconceptions first, then don't-knows, then the most
        overdue (see `select_review`); REVIEW_COUNT at most unless `count` says otherwise.

        The run is empty (already finished) when nothing is missed or due.
        """
        o = _Options.of(options)
        index = QuestionIndex(banks)
        ids = select_review(o.store.question_progress(o.profile), o.clock(), index.keys())
        return cls._built(KIND_REVIEW, [index[qid] for qid in limit_count(ids, o.size, REVIEW_COUNT)], o)

    @classmethod
    def essentials(cls, banks: Sequence[Bank], **options: Unpack[RunOptions]) -> QuizSession:
        """The essential questions of `banks` not yet known (latest answer not right), ESSENTIALS_COUNT at most
        unless `count` says otherwise: never answered first, then due, then the rest (see `review.quiz_order`).

        The run is empty (already finished) when every essential is known.
        """
        o = _Options.of(options)
        index = QuestionIndex(banks)
        progress = o.store.question_progress(o.profile)
        ids = essentials_to_learn(progress, banks)
        objectives = {qid: index[qid][1].objective for qid in ids}
        ids = limit_count(quiz_order(ids, progress, o.clock(), o.rng, objectives), o.size, ESSENTIALS_COUNT)
        return cls._built(KIND_ESSENTIALS, [index[qid] for qid in ids], o)

    @classmethod
    def _built(
        cls,
        kind: str,
        pairs: list[tuple[Bank, Question]],
        o: _Options,
        kiosk_stats: KioskStatsSink | None = None,
    ) -> QuizSession:
        return cls(
            pairs,
            store=o.store,
            profile=o.profile,
            kind=kind,
            rng=o.rng,
            clock=o.clock,
            kiosk_stats=kiosk_stats,
        )

    @classmethod
    def resume(
        cls,
        state: Mapping[str, Any],
        banks: Sequence[Bank],
        store: SessionStore,
        *,
        rng: random.Random | None = None,
        clock: Clock = utc_now,
        kiosk_stats: KioskStatsSink | None = None,
    ) -> QuizSession:
        """Continue a run from `to_state()` (as saved in the store), at its first unanswered question.

        Banks may have changed since: questions that no longer exist are dropped (with their answers), and a
        question whose number of choices changed gets a new display order. Raises SessionError if the state is
        not one this version can read.
        """
        try:
            if (version := state.get("version")) != STATE_VERSION:
                unknown = _("cannot continue this run: unknown state version {version}")
                raise SessionError(unknown.format(version=version))
            index = QuestionIndex(banks)  # ids are unique across the banks loaded together
            raw_answers = list(state["answers"])
            pairs: list[tuple[Bank, Question]] = []
            orders: list[tuple[int, ...]] = []
            answers: list[_Answer] = []
            rng = rng if rng is not None else random.Random()
            for i, raw in enumerate(state["items"]):
                found = index.get(raw["question"])
                if found is None:
                    continue  # the question left its banks: nothing to show for it
                bank, question = found
                order = tuple(int(n) for n in raw["order"])
                if sorted(order) != list(range(len(question.choices))):
                    order = cls._order_for(question, rng)
                # Answers line up with the first items; an item dropped takes its answer with it.
                if i < len(raw_answers):
                    raw_answer = raw_answers[i]
                    raw_chosen = raw_answer["chosen"]
                    chosen = None if raw_chosen is None else int(raw_chosen)
                    if chosen is not None and not 0 <= chosen < len(question.choices):
                        continue
                    seconds = raw_answer.get("seconds")
                    answers.append(_Answer(chosen, bool(raw_answer["correct"]), _float_or_none(seconds)))
                pairs.append((bank, question))
                orders.append(order)
            run_id = str(state["run_id"])
            kind = str(state["kind"])
            profile = str(state["profile"])
            started_at = datetime.fromisoformat(state["started_at"])
        except SessionError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            damaged = _("cannot continue this run: its saved state is damaged ({error})").format(
                error=repr(exc)
            )
            raise SessionError(damaged) from exc
        saved = _Saved(orders, answers, run_id, started_at)
        return cls(
            pairs,
            store=store,
            profile=profile,
            kind=kind,
            rng=rng,
            clock=clock,
            kiosk_stats=kiosk_stats,
            _saved=saved,
        )

    def to_state(self) -> dict[str, Any]:
        """The run as JSON-ready data: questions, display orders and answers so far (see `resume`)."""
        return {
            "version": STATE_VERSION,
            "run_id": self.run_id,
            "kind": self.kind,
            "profile": self.profile,
            "started_at": self.started_at.isoformat(),
            "items": [
                {"bank": item.bank.id, "question": item.question.id, "order": list(item.order)}
                for item in self._items
            ],
            "answers": [
                {"chosen": a.chosen, "correct": a.correct, "seconds": a.seconds} for a in self._answers
            ],
        }

    @staticmethod
    def _order_for(question: Question, rng: random.Random) -> tuple[int, ...]:
        order = list(range(len(question.choices)))
        if question.shuffle:
            rng.shuffle(order)
        return tuple(order)

    def _display_order(self, question: Question) -> tuple[int, ...]:
        return self._order_for(question, self._rng)

    # -- reading

    @property
    def total(self) -> int:
        """Questions in this run."""
        return len(self._items)

    @property
    def finished(self) -> bool:
        """True after next() past the last question, or at once for an empty run."""
        return self._position >= len(self._items)

    @property
    def answered(self) -> bool:
        """True when the current question has been answered and its feedback is showing (next() allowed)."""
        return self._feedback is not None

    @property
    def is_last(self) -> bool:
        """True when the current question is the run's last."""
        return self._position == len(self._items) - 1

    @property
    def feedback(self) -> Feedback | None:
        """The current question's feedback, once answered."""
        return self._feedback

    @property
    def current(self) -> PresentedQuestion:
        """The question to show now. Raises SessionError once the run is finished."""
        item = self._current_item()
        return PresentedQuestion(
            question=item.question,
            bank=item.bank,
            choices=tuple(item.question.choices[i] for i in item.order),
            number=self._position + 1,
            total=len(self._items),
        )

    @property
    def score(self) -> Score:
        """Right answers out of those given so far."""
        right = sum(1 for a in self._answers if a.correct)
        dont_know = sum(1 for a in self._answers if a.chosen is None)
        return Score(right=right, answered=len(self._answers), total=len(self._items), dont_know=dont_know)

    @property
    def results(self) -> list[QuestionResult]:
        """Each answered question: what the learner chose, the right answer, and whether it was right."""
        out = []
        for item, a in zip(self._items, self._answers, strict=False):
            q = item.question
            chosen = None if a.chosen is None else q.choices[a.chosen]
            out.append(QuestionResult(q, item.bank, chosen, q.correct_choice, a.correct, a.seconds))
        return out

    @property
    def title(self) -> str:
        """What the run is called where it is offered again: its topic's title, "Review" or "Essentials"."""
        if self.kind == KIND_REVIEW:
            return _("Review")
        if self.kind == KIND_ESSENTIALS:
            return _("Essentials")
        return self._items[0].bank.title if self._items else ""

    @property
    def place(self) -> str | None:
        """What the run keeps a place for in the store (one unfinished run each): a topic quiz's bank id, "" for
        review or essentials; None for an empty run."""
        if self.kind != KIND_BANK:
            return ""
        return self._items[0].bank.id if self._items else None

    @property
    def is_flagged(self) -> bool:
        """Whether the current question is flagged "ask my care team"."""
        item = self._current_item()
        return self._store.get_flag(self.profile, item.question.id) is not None

    def _current_item(self) -> _Item:
        if self.finished:
            raise SessionError(_OVER)
        return self._items[self._position]

    # -- acting

    def answer(self, display_index: int) -> Feedback:
        """Answer the current question with the choice at `display_index` (0-based, in display order).

        Saves the answer, the new schedule and the run state in one transaction. If saving fails the quiz goes
        on and `Feedback.save_error` says why. Raises SessionError when called out of turn or with a choice
        that does not exist.
        """
        item = self._unanswered_item()
        n = len(item.order)
        if (
            isinstance(display_index, bool)
            or not isinstance(display_index, int)
            or not 0 <= display_index < n
        ):
            raise SessionError(_NO_CHOICE.format(choice=display_index, last=n - 1))
        return self._answer(item, item.order[display_index])

    def answer_dont_know(self) -> Feedback:
        """Answer the current question "I don't know yet": not right (scheduled as Again), no chosen choice.

        Saved like any answer; the feedback has `chosen` None and shows the right answer and why.
        """
        return self._answer(self._unanswered_item(), None)

    def _unanswered_item(self) -> _Item:
        item = self._current_item()
        if self._feedback is not None:
            raise SessionError(_ANSWERED)
        return item

    def _answer(self, item: _Item, written: int | None) -> Feedback:
        now = self._clock()
        seconds = max(0.0, (now - self._shown_at).total_seconds())
        question = item.question
        chosen = None if written is None else question.choices[written]
        correct = chosen is not None and chosen.correct
        correct_written = question.correct_index
        self._answers.append(_Answer(written, correct, seconds))
        feedback = Feedback(
            correct=correct,
            chosen=chosen,
            chosen_index=None if written is None else item.order.index(written),
            correct_choice=question.choices[correct_written],
            correct_index=item.order.index(correct_written),
            why_not=None if chosen is None or chosen.correct else chosen.why_not,
            explanation=question.explanation,
            citation=question.cite,
            source=item.bank.sources.get(question.cite.source),
            seconds=seconds,
        )
        save_error = self._save(item, written, chosen, now, seconds)
        if save_error is not None:
            feedback = feedback._replace(save_error=save_error)
        self._feedback = feedback
        self._count_kiosk(answered=True, correct=correct)
        return feedback

    def _save(
        self, item: _Item, written: int | None, chosen: Choice | None, now: datetime, seconds: float
    ) -> str | None:
        question = item.question
        correct = chosen is not None and chosen.correct
        attempt = Attempt(
            bank_id=item.bank.id,
            question_id=question.id,
            choice_index=written,
            choice_text=None if chosen is None else chosen.text,
            correct=correct,
            answered_at=now,
            seconds=seconds,
            run_id=self.run_id,
            outcome=DONT_KNOW if chosen is None else None,
        )
        run = RunRecord(
            id=self.run_id,
            kind=self.kind,
            state=self.to_state(),
            started_at=self.started_at,
            finished=len(self._answers) >= len(self._items),
            topic=self.place,
        )
        try:
            # The schedule is worked out inside the store's write transaction, from the state it holds then.
            self._store.record_answer(
                self.profile, attempt, lambda previous: scheduling.review(previous, correct, now), run
            )
        except StoreError as exc:
            return str(exc)
        return None

    def next(self) -> None:
        """Go on to the next question (or the end). Raises SessionError before an answer or after the end."""
        self._current_item()
        if self._feedback is None:
            raise SessionError(_NOT_ANSWERED)
        self._position += 1
        self._feedback = None
        if not self.finished:
            self._present()

    def flag(self, note: str = "") -> None:
        """Flag the current question "ask my care team" (again: new note). May raise StoreWriteError.

        The note is kept without control characters (core.safe_text): it will be shown in a terminal and a report.
        """
        item = self._current_item()
        self._store.set_flag(self.profile, item.bank.id, item.question.id, clean(note))

    def unflag(self) -> None:
        """Remove the current question's flag. May raise StoreWriteError."""
        item = self._current_item()
        self._store.clear_flag(self.profile, item.question.id)

    def _present(self) -> None:
        self._shown_at = self._clock()
        self._count_kiosk(answered=False, correct=False)

    def _count_kiosk(self, *, answered: bool, correct: bool) -> None:
        if self._kiosk_stats is None:
            return
        item = self._items[self._position]
        try:
            if answered:
                self._kiosk_stats.count_answered(item.bank.id, item.question.id, correct)
            else:
                self._kiosk_stats.count_shown(item.bank.id, item.question.id)
        except StoreError as exc:
            self.kiosk_stats_error = str(exc)


def _float_or_none(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
