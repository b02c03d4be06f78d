"""QuizSession: the quiz as a state machine, its modes, what it records, and continuing after a quit."""

from __future__ import annotations

import inspect
import itertools
import json
import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ketaquiz.core.model import Bank
from ketaquiz.core.progress import Attempt, ProgressStore, StoreWriteError
from ketaquiz.core.review import select_review
from ketaquiz.core.scheduling import bank_mastery, mastered_ids, review
from ketaquiz.core.session import KIND_BANK, KIND_REVIEW, QuizSession, SessionError
from ketaquiz.core.session_store import NullStore, SessionStore
from tests.factories import make_bank

T0 = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


class FakeClock:
    """A clock that moves only when a test says so."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(clock: FakeClock) -> ProgressStore:
    return ProgressStore(":memory:", clock=clock)


def right_index(session: QuizSession) -> int:
    shown = session.current
    return next(i for i, c in enumerate(shown.choices) if c.correct)


def wrong_index(session: QuizSession) -> int:
    shown = session.current
    return next(i for i, c in enumerate(shown.choices) if not c.correct)


def play(session: QuizSession, pattern: list[bool]) -> None:
    """Answer the next questions right (True) or wrong (False), moving on after each."""
    for right in pattern:
        session.answer(right_index(session) if right else wrong_index(session))
        session.next()


# ---------------------------------------------------------------------------------------------------------------
# A bank from the start


def test_a_topic_quiz_runs_every_question_of_a_small_bank_once_and_count_limits_it(
    store: ProgressStore,
) -> None:
    bank = make_bank("bank-a", 5)
    session = QuizSession.topic(bank, store=store, rng=random.Random(1))
    assert session.kind == KIND_BANK and session.total == 5  # fewer than 10 when the bank is smaller
    seen = []
    while not session.finished:
        shown = session.current
        assert (shown.number, shown.total, shown.bank) == (len(seen) + 1, 5, bank)
        seen.append(shown.question.id)
        session.answer(0)
        session.next()
    assert sorted(seen) == sorted(q.id for q in bank.questions)
    assert QuizSession.topic(bank, store=store, count=2).total == 2
    with pytest.raises(ValueError, match="count"):
        QuizSession.topic(bank, store=store, count=0)


def test_a_topic_quiz_asks_ten_new_first_in_a_fresh_order_each_time(
    store: ProgressStore, clock: FakeClock
) -> None:
    bank = make_bank("bank-a", 30)
    assert QuizSession.topic(bank, store=NullStore()).total == 10
    assert QuizSession.topic(bank, store=NullStore(), count="all").total == 30
    assert QuizSession.topic(bank, store=NullStore(), count=12).total == 12

    def ids(seed: int, count: int | str | None = None) -> list[str]:
        session = QuizSession.topic(bank, store=store, count=count, rng=random.Random(seed), clock=clock)
        return [item.question.id for item in session._items]

    assert ids(1) == ids(1)  # the seed decides
    assert ids(1) != ids(2)  # a fresh order each time
    assert ids(1) != [q.id for q in bank.questions[:10]]  # not the written order
    # 25 answered: 5 wrong two days ago (due now), 20 right just now (not due yet); 5 never answered.
    answered = [q.id for q in bank.questions[5:]]
    for i, qid in enumerate(answered):
        _answer_at(store, bank, qid, i >= 5, T0 if i >= 5 else T0 - timedelta(days=2))
    new = {q.id for q in bank.questions[:5]}
    due = set(answered[:5])
    for seed in range(10):
        order = ids(seed, "all")
        assert set(order[:5]) == new and set(order[5:10]) == due and set(order[10:]) == set(answered[5:])
        assert set(ids(seed)) == new | due  # the default 10: the new ones, then the due ones


def test_a_topic_quiz_never_asks_the_same_objective_twice_in_a_row() -> None:
    bank = make_bank("bank-a", 12)
    objectives = ["o1"] * 5 + ["o2"] * 3 + [None] * 4
    bank = bank._replace(
        questions=type(bank.questions)(
            q._replace(objective=o) for q, o in zip(bank.questions, objectives, strict=True)
        )
    )
    for seed in range(30):
        for count in (None, "all"):
            session = QuizSession.topic(bank, store=NullStore(), count=count, rng=random.Random(seed))
            order = [item.question.objective for item in session._items]
            assert not any(a is not None and a == b for a, b in itertools.pairwise(order)), order


def test_choices_are_shuffled_by_the_seed_as_permutations() -> None:
    bank = make_bank("bank-a", 12, n_choices=4)
    orders = []
    for seed in (1, 1, 2):
        session = QuizSession.from_bank(bank, store=NullStore(), rng=random.Random(seed))
        shown_orders = []
        while not session.finished:
            shown = session.current
            assert sorted(c.text for c in shown.choices) == sorted(c.text for c in shown.question.choices)
            shown_orders.append(tuple(shown.question.choices.index(c) for c in shown.choices))
            session.answer(0)
            session.next()
        orders.append(shown_orders)
    assert orders[0] == orders[1]  # same seed, same display
    assert orders[0] != orders[2]  # another seed, another display
    assert any(order != (0, 1, 2, 3) for order in orders[0])


def test_shuffle_off_keeps_the_written_order() -> None:
    bank = make_bank("bank-a", 6, shuffle=False, n_choices=4)
    for seed in range(20):
        session = QuizSession.from_bank(bank, store=NullStore(), rng=random.Random(seed))
        while not session.finished:
            shown = session.current
            assert shown.choices == shown.question.choices
            session.answer(0)
            session.next()


def test_feedback_for_a_right_and_a_wrong_answer(store: ProgressStore) -> None:
    bank = make_bank("bank-a", 2, n_choices=4)
    session = QuizSession.from_bank(bank, store=store, rng=random.Random(3))
    q = session.current.question
    feedback = session.answer(right_index(session))
    assert feedback.correct and feedback.chosen == q.correct_choice == feedback.correct_choice
    assert feedback.why_not is None and feedback.save_error is None
    assert feedback.explanation == q.explanation and feedback.citation == q.cite
    assert feedback.source == bank.sources[q.cite.source]
    assert session.feedback == feedback and session.answered
    session.next()

    shown = session.current
    wrong = wrong_index(session)
    feedback = session.answer(wrong)
    assert not feedback.correct
    assert feedback.chosen == shown.choices[wrong] and feedback.chosen_index == wrong
    assert feedback.why_not == shown.choices[wrong].why_not and feedback.why_not
    assert shown.choices[feedback.correct_index] == shown.question.correct_choice == feedback.correct_choice


def test_out_of_turn_calls_raise_session_error(store: ProgressStore) -> None:
    session = QuizSession.from_bank(make_bank("bank-a", 1), store=store)
    with pytest.raises(SessionError, match="before going on"):
        session.next()
    for bad in (-1, 3, 1.0, True, "1"):
        with pytest.raises(SessionError, match="no choice"):
            session.answer(bad)  # type: ignore[arg-type]
    session.answer(0)
    with pytest.raises(SessionError, match="already answered"):
        session.answer(1)
    assert session.is_last
    session.next()
    assert session.finished
    with pytest.raises(SessionError, match="over"):
        session.answer(0)
    with pytest.raises(SessionError, match="over"):
        session.next()
    with pytest.raises(SessionError, match="over"):
        _ = session.current
    with pytest.raises(SessionError, match="over"):
        session.flag("note")
    assert store.attempt_count("default") == 1  # the refused calls recorded nothing


def test_score_results_and_time_taken(store: ProgressStore, clock: FakeClock) -> None:
    bank = make_bank("bank-a", 3)
    session = QuizSession.from_bank(bank, store=store, rng=random.Random(0), clock=clock)
    timings = [7.5, 2.0, 30.25]
    pattern = [True, False, True]
    for seconds, right in zip(timings, pattern, strict=True):
        clock.advance(seconds)
        feedback = session.answer(right_index(session) if right else wrong_index(session))
        assert feedback.seconds == seconds
        clock.advance(100)  # reading the feedback does not count towards the next question
        session.next()
    assert (session.score.right, session.score.answered, session.score.total) == (2, 3, 3)
    results = session.results
    assert [r.question.id for r in results] == [q.id for q in bank.questions]
    assert [r.correct for r in results] == pattern
    assert all(r.correct_choice == r.question.correct_choice for r in results)
    assert results[1].chosen != results[1].correct_choice
    assert [r.seconds for r in results] == timings
    assert [a.seconds for a in store.iter_attempts("default")] == timings


def test_each_answer_records_attempt_schedule_and_run(store: ProgressStore, clock: FakeClock) -> None:
    bank = make_bank("bank-a", 2, n_choices=4)
    session = QuizSession.from_bank(bank, store=store, profile="alice", rng=random.Random(5), clock=clock)
    shown = session.current
    wrong = wrong_index(session)
    session.answer(wrong)
    (row,) = store.iter_attempts("alice")
    # The store keeps the written position and the text, never the shuffled display position.
    assert row.choice_index == shown.question.choices.index(shown.choices[wrong])
    assert row.choice_text == shown.choices[wrong].text and not row.correct and row.run_id == session.run_id
    card = store.get_card("alice", shown.question.id)
    assert card is not None and card == review(None, False, clock.now)
    run = store.latest_unfinished_run("alice")
    assert run is not None and run.id == session.run_id and run.kind == KIND_BANK
    assert json.loads(json.dumps(run.state)) == session.to_state()
    session.next()
    session.answer(0)
    # The last answer finishes the run: nothing left to continue.
    assert store.latest_unfinished_run("alice") is None
    assert store.attempt_count("alice") == 2 and store.attempt_count("default") == 0


def test_a_later_answer_builds_on_the_stored_schedule(store: ProgressStore, clock: FakeClock) -> None:
    bank = make_bank("bank-a", 1)
    QuizSession.from_bank(bank, store=store, clock=clock).answer(0)  # bank-a-q1's right answer is choice 0
    first = store.get_card("default", "bank-a-q1")
    assert first is not None
    clock.now = first.due
    session = QuizSession.from_bank(bank, store=store, clock=clock, rng=random.Random(0))
    session.answer(right_index(session))
    assert store.get_card("default", "bank-a-q1") == review(first.card_json, True, first.due)


def test_a_failed_save_is_reported_and_the_quiz_goes_on(clock: FakeClock) -> None:
    store = ProgressStore(":memory:", clock=clock)
    session = QuizSession.from_bank(make_bank("bank-a", 2), store=store, clock=clock)
    store.close()  # every write now fails as a full or vanished disk would
    feedback = session.answer(right_index(session))
    assert feedback.correct and feedback.save_error
    session.next()
    session.answer(right_index(session))
    assert session.score.right == 2


def test_flag_and_unflag_the_current_question(store: ProgressStore) -> None:
    session = QuizSession.from_bank(make_bank("bank-a", 2), store=store)
    assert not session.is_flagged
    session.flag("is this safe with my blood pressure pills?")
    session.flag("updated note")
    assert session.is_flagged
    assert [(f.question_id, f.note) for f in store.flags("default")] == [("bank-a-q1", "updated note")]
    session.answer(0)
    session.next()
    session.flag()
    session.unflag()
    assert [f.question_id for f in store.flags("default")] == ["bank-a-q1"]


# ---------------------------------------------------------------------------------------------------------------
# Continuing after a quit


def test_resume_continues_where_the_learner_left_off(store: ProgressStore, clock: FakeClock) -> None:
    bank = make_bank("bank-a", 4, n_choices=4)
    session = QuizSession.from_bank(bank, store=store, rng=random.Random(9), clock=clock)
    play(session, [True, False])
    third = session.current
    session.answer(right_index(session))  # answered, then the app is quit before next()
    del session

    run = store.latest_unfinished_run("default")
    assert run is not None
    resumed = QuizSession.resume(run.state, [bank], store, clock=clock, rng=random.Random(123))
    assert resumed.run_id == run.id and resumed.kind == KIND_BANK
    assert (resumed.score.right, resumed.score.answered, resumed.score.total) == (2, 3, 4)
    fourth = resumed.current
    assert fourth.number == 4 and fourth.question.id == "bank-a-q4"
    assert third.question.id == "bank-a-q3"
    resumed.answer(right_index(resumed))
    resumed.next()
    assert resumed.finished
    assert [r.correct for r in resumed.results] == [True, False, True, True]
    assert store.latest_unfinished_run("default") is None
    assert store.attempt_count("default") == 4


def test_resume_keeps_the_display_order_of_the_current_question(store: ProgressStore) -> None:
    bank = make_bank("bank-a", 3, n_choices=5)
    session = QuizSession.from_bank(bank, store=store, rng=random.Random(4))
    play(session, [True])
    before = session.current.choices
    state = session.to_state()
    resumed = QuizSession.resume(state, [bank], store, rng=random.Random(999))
    assert resumed.current.choices == before


def test_resume_drops_questions_that_left_the_bank(store: ProgressStore) -> None:
    bank = make_bank("bank-a", 4)
    session = QuizSession.from_bank(bank, store=store, rng=random.Random(2))
    play(session, [True, False])
    state = session.to_state()
    edited = make_bank("bank-a", questions=(bank.questions[0], bank.questions[2], bank.questions[3]))
    resumed = QuizSession.resume(state, [edited], store)
    assert resumed.total == 3
    assert [r.question.id for r in resumed.results] == ["bank-a-q1"]
    assert resumed.current.question.id == "bank-a-q3" and resumed.current.number == 2


def test_resume_refuses_unknown_or_damaged_state(store: ProgressStore) -> None:
    bank = make_bank("bank-a", 2)
    state = QuizSession.from_bank(bank, store=store).to_state()
    with pytest.raises(SessionError, match="version"):
        QuizSession.resume({**state, "version": 99}, [bank], store)
    for damaged in ({**state, "items": None}, {**state, "started_at": "yesterday"}, {"version": 1}):
        with pytest.raises(SessionError, match="damaged"):
            QuizSession.resume(damaged, [bank], store)


@settings(deadline=None, max_examples=60)
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    picks=st.lists(st.integers(min_value=0, max_value=3), min_size=0, max_size=6),
)
def test_a_round_trip_through_state_changes_nothing(seed: int, picks: list[int]) -> None:
    bank = make_bank("bank-a", 6, n_choices=4)
    session = QuizSession.from_bank(bank, store=NullStore(), rng=random.Random(seed))
    right = 0
    for pick in picks:
        feedback = session.answer(pick)
        right += feedback.correct
        assert feedback.correct == (pick == feedback.correct_index)
        session.next()
    assert session.score.right == right
    state = json.loads(json.dumps(session.to_state()))
    resumed = QuizSession.resume(state, [bank], NullStore(), rng=random.Random(seed + 1))
    assert resumed.score == session.score and resumed.results == session.results
    assert resumed.finished == session.finished
    if not session.finished:
        assert resumed.current == session.current


# ---------------------------------------------------------------------------------------------------------------
# Review and quick quiz


def _answer_at(store: ProgressStore, bank: Bank, qid: str, correct: bool, at: datetime) -> None:
    previous = store.get_card("default", qid)
    state = review(previous.card_json if previous else None, correct, at)
    store.record_answer("default", Attempt(bank.id, qid, 0, "x", correct, at), state)


def test_review_puts_the_latest_missed_first_then_the_earliest_due(store: ProgressStore) -> None:
    a = make_bank("bank-a", 4)
    b = make_bank("bank-b", 3)
    now = T0 + timedelta(days=30)
    _answer_at(store, a, "bank-a-q1", False, now - timedelta(hours=5))  # missed earlier
    _answer_at(store, b, "bank-b-q1", False, now - timedelta(hours=1))  # missed most recently
    _answer_at(store, a, "bank-a-q2", True, T0)  # due long ago
    _answer_at(store, b, "bank-b-q2", True, T0 - timedelta(days=3))  # due even earlier
    _answer_at(store, a, "bank-a-q3", True, now - timedelta(minutes=5))  # right and not due
    _answer_at(store, a, "gone-from-banks", False, now)  # not in any loaded bank
    # bank-a-q4 and bank-b-q3 were never answered: not part of review.
    session = QuizSession.review([a, b], store=store, clock=FakeClock(now), rng=random.Random(0))
    order = []
    while not session.finished:
        order.append(session.current.question.id)
        session.answer(0)
        session.next()
    assert order == ["bank-b-q1", "bank-a-q1", "bank-b-q2", "bank-a-q2"]
    assert session.kind == KIND_REVIEW
    limited = QuizSession.review([a, b], store=store, clock=FakeClock(now), count=1)
    assert limited.total == 1


def test_select_review_is_the_same_order_for_every_front_end(store: ProgressStore) -> None:
    a = make_bank("bank-a", 3)
    _answer_at(store, a, "bank-a-q1", True, T0)
    _answer_at(store, a, "bank-a-q2", False, T0)
    progress = store.question_progress("default")
    assert select_review(progress, T0, {"bank-a-q1", "bank-a-q2"}) == ["bank-a-q2"]
    due = progress["bank-a-q1"].due
    assert due is not None
    assert select_review(progress, due, {"bank-a-q1", "bank-a-q2"}) == ["bank-a-q2", "bank-a-q1"]
    assert select_review(progress, due, {"bank-a-q1"}) == ["bank-a-q1"]


def test_review_with_nothing_due_is_empty_and_finished(store: ProgressStore) -> None:
    session = QuizSession.review([make_bank("bank-a", 3)], store=store)
    assert session.total == 0 and session.finished
    with pytest.raises(SessionError):
        _ = session.current


# ---------------------------------------------------------------------------------------------------------------
# The kiosk


def test_the_kiosk_keeps_nothing_about_a_visitor_but_per_question_counts(clock: FakeClock) -> None:
    counts = ProgressStore(":memory:", clock=clock)
    bank = make_bank("bank-a", 3)
    session = QuizSession.from_bank(bank, store=NullStore(), clock=clock, kiosk_stats=counts)
    play(session, [True, False])
    session.flag("a visitor's note")
    stats = {s.question_id: (s.shown, s.answered, s.right) for s in counts.kiosk_stats()}
    assert stats == {"bank-a-q1": (1, 1, 1), "bank-a-q2": (1, 1, 0), "bank-a-q3": (1, 0, 0)}
    for table in ("attempts", "cards", "flags", "runs", "question_stats", "daily_stats"):
        assert counts._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    assert counts.profiles() == ["default"]


def test_without_kiosk_stats_nothing_is_counted(store: ProgressStore) -> None:
    session = QuizSession.from_bank(make_bank("bank-a", 2), store=store)
    play(session, [True, True])
    assert store.kiosk_stats() == []


def test_a_failing_kiosk_counter_never_stops_the_visitor(clock: FakeClock) -> None:
    counts = ProgressStore(":memory:", clock=clock)
    counts.close()
    session = QuizSession.from_bank(make_bank("bank-a", 2), store=NullStore(), kiosk_stats=counts)
    play(session, [True, False])
    assert session.finished and session.kiosk_stats_error


# ---------------------------------------------------------------------------------------------------------------
# The store interface


@pytest.mark.parametrize("implementation", [ProgressStore, NullStore])
def test_store_implementations_match_the_session_store_protocol(implementation: type) -> None:
    members = [
        name
        for name, value in vars(SessionStore).items()
        if inspect.isfunction(value) and not name.startswith("_")
    ]
    assert "record_answer" in members
    for name in members:
        expected = list(inspect.signature(getattr(SessionStore, name)).parameters)
        assert list(inspect.signature(getattr(implementation, name)).parameters) == expected, name


def test_store_write_errors_from_flagging_reach_the_front_end(store: ProgressStore) -> None:
    session = QuizSession.from_bank(make_bank("bank-a", 1), store=store)
    store.close()
    with pytest.raises(StoreWriteError):
        session.flag("note")


def test_mastery_through_sessions_on_two_days(store: ProgressStore, clock: FakeClock) -> None:
    bank = make_bank("bank-a", 2)
    ids = [q.id for q in bank.questions]
    play(QuizSession.from_bank(bank, store=store, clock=clock, rng=random.Random(1)), [True, True])
    assert bank_mastery(ids, store.question_progress("default"), clock.now) == 0.0  # one day only
    clock.now += timedelta(days=1)
    play(QuizSession.from_bank(bank, store=store, clock=clock, rng=random.Random(2)), [True, False])
    progress = store.question_progress("default")
    assert mastered_ids(ids, progress, clock.now) == ["bank-a-q1"]
    assert bank_mastery(ids, progress, clock.now) == 0.5
    # The missed one comes back first in review; the mastered one is not due yet.
    review_run = QuizSession.review([bank], store=store, clock=clock)
    assert review_run.total == 1 and review_run.current.question.id == "bank-a-q2"


def test_a_flag_note_is_kept_without_control_characters(store: ProgressStore) -> None:
    session = QuizSession.from_bank(make_bank("bank-a", 1), store=store)
    session.flag("ask \x1b]0;pwned\x07about\tthis\u202e\nplease")
    # The characters go (what is left of the sequence is harmless text); tabs become spaces, newlines stay.
    assert [f.note for f in store.flags("default")] == ["ask ]0;pwnedabout this\nplease"]


# ---------------------------------------------------------------------------------------------------------------
# "I don't know yet" and essentials


def essential_bank(bank_id: str = "bank-e", n: int = 6, essential: tuple[int, ...] = (0, 1, 2, 3)) -> Bank:
    """A bank whose questions at the positions in `essential` are marked `essential: true`."""
    bank = make_bank(bank_id, n)
    questions = tuple(q._replace(essential=i in essential) for i, q in enumerate(bank.questions))
    return bank._replace(questions=type(bank.questions)(questions))


def test_dont_know_is_an_answer_that_is_not_right_and_has_no_choice(
    store: ProgressStore, clock: FakeClock
) -> None:
    from ketaquiz.core.session import DONT_KNOW_TEXT

    bank = make_bank("bank-a", 3)
    session = QuizSession.from_bank(bank, store=store, rng=random.Random(2), clock=clock)
    shown = session.current
    fb = session.answer_dont_know()
    assert DONT_KNOW_TEXT == "I don't know yet"
    assert fb.dont_know and fb.outcome == "dont_know" and not fb.correct
    assert fb.chosen is None and fb.chosen_index is None and fb.why_not is None
    assert fb.correct_choice.correct and shown.choices[fb.correct_index] == fb.correct_choice
    assert fb.explanation and fb.citation == shown.question.cite
    with pytest.raises(SessionError):
        session.answer_dont_know()
    session.next()
    session.answer(wrong_index(session))
    session.next()
    session.answer(right_index(session))
    assert session.score == (1, 3, 3, 1)
    assert [r.outcome for r in session.results] == ["dont_know", "wrong", "right"]
    assert session.results[0].chosen is None
    rows = list(store.iter_attempts("default"))
    assert (rows[0].outcome, rows[0].choice_index, rows[0].choice_text) == ("dont_know", None, None)
    # Scheduled as Again, like a wrong answer: due again the next day.
    card = store.get_card("default", bank.questions[0].id)
    assert card is not None and card.due - T0 <= timedelta(days=1)


def test_a_dont_know_survives_continue(store: ProgressStore) -> None:
    bank = make_bank("bank-a", 3)
    session = QuizSession.from_bank(bank, store=store, rng=random.Random(2))
    session.answer_dont_know()
    session.next()
    state = json.loads(json.dumps(session.to_state()))
    resumed = QuizSession.resume(state, [bank], store)
    assert resumed.score == (0, 1, 3, 1) and resumed.results[0].chosen is None


def test_review_brings_misconceptions_then_dont_knows_then_the_most_overdue(store: ProgressStore) -> None:
    a = make_bank("bank-a", 5)
    now = T0 + timedelta(days=30)
    _answer_at(store, a, "bank-a-q1", True, T0 - timedelta(days=3))  # most overdue
    _answer_at(store, a, "bank-a-q2", True, T0)  # overdue
    store.record_answer("default", Attempt.dont_know("bank-a", "bank-a-q3", now - timedelta(hours=2)))
    _answer_at(store, a, "bank-a-q4", False, now - timedelta(hours=9))  # a misconception, older than q3
    _answer_at(store, a, "bank-a-q5", True, now)  # known, not due
    progress = store.question_progress("default")
    assert select_review(progress, now, set(a.questions.ids)) == [
        "bank-a-q4",
        "bank-a-q3",
        "bank-a-q1",
        "bank-a-q2",
    ]


def test_review_asks_twenty_at_most_unless_count_says_otherwise(store: ProgressStore) -> None:
    a = make_bank("bank-a", 25)
    for qid in a.questions.ids:
        _answer_at(store, a, qid, False, T0)
    assert QuizSession.review([a], store=store, clock=FakeClock(T0)).total == 20
    assert QuizSession.review([a], store=store, clock=FakeClock(T0), count=3).total == 3
    assert QuizSession.review([a], store=store, clock=FakeClock(T0), count="all").total == 25
    with pytest.raises(ValueError):
        QuizSession.review([a], store=store, count="some")


def test_essentials_counts_and_quiz_of_those_not_yet_known(store: ProgressStore) -> None:
    from ketaquiz.core.review import essentials_count, essentials_to_learn
    from ketaquiz.core.session import KIND_ESSENTIALS

    bank = essential_bank()
    other = essential_bank("bank-f", 3, essential=(2,))
    assert bank.questions.essential_ids == ("bank-e-q1", "bank-e-q2", "bank-e-q3", "bank-e-q4")
    _answer_at(store, bank, "bank-e-q1", True, T0)  # known
    _answer_at(store, bank, "bank-e-q2", False, T0)  # a misconception: not known
    store.record_answer("default", Attempt.dont_know("bank-e", "bank-e-q3", T0))  # not known
    _answer_at(store, bank, "bank-e-q5", True, T0)  # known, but not essential
    progress = store.question_progress("default")
    assert essentials_count(progress, [bank]) == (1, 4)
    assert essentials_count(progress, [bank, other]) == (1, 5)
    assert essentials_to_learn(progress, [bank]) == ["bank-e-q2", "bank-e-q3", "bank-e-q4"]
    session = QuizSession.essentials([bank, other], store=store, clock=FakeClock(T0), rng=random.Random(1))
    ids = []
    while not session.finished:
        ids.append(session.current.question.id)
        session.answer(right_index(session))
        session.next()
    assert session.kind == KIND_ESSENTIALS
    # Never answered first (shuffled), then the rest.
    assert set(ids[:2]) == {"bank-e-q4", "bank-f-q3"} and set(ids[2:]) == {"bank-e-q2", "bank-e-q3"}
    assert essentials_count(store.question_progress("default"), [bank, other]) == (5, 5)
    assert QuizSession.essentials([bank], store=store).finished


def test_essentials_ask_ten_by_default_and_never_the_same_objective_twice_in_a_row() -> None:
    bank = essential_bank("bank-e", 14, essential=tuple(range(14)))
    objectives = ["o1", "o1", "o1", "o2", "o2", "o3"] + [None] * 8
    bank = bank._replace(
        questions=type(bank.questions)(
            q._replace(objective=o) for q, o in zip(bank.questions, objectives, strict=True)
        )
    )
    assert QuizSession.essentials([bank], store=NullStore()).total == 10
    assert QuizSession.essentials([bank], store=NullStore(), count="all").total == 14
    for seed in range(20):
        session = QuizSession.essentials([bank], store=NullStore(), count="all", rng=random.Random(seed))
        order = [item.question.objective for item in session._items]
        assert not any(a is not None and a == b for a, b in itertools.pairwise(order))
