"""Spaced review with fsrs (binary grading) and the one definition of mastery."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ketaquiz.core import scheduling
from ketaquiz.core.progress import Attempt, ProgressStore
from ketaquiz.core.scheduling import (
    MASTERY_MIN_RIGHT_DAYS,
    bank_mastery,
    due_from_json,
    is_due,
    is_mastered,
    mastered_ids,
    review,
)
from tests.conftest import ROOT

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Facts:
    right_days: int
    last_correct: bool
    due: datetime | None


def test_first_right_answer_is_due_later_than_first_wrong_one() -> None:
    right = review(None, True, NOW)
    wrong = review(None, False, NOW)
    assert right.last_review == NOW and wrong.last_review == NOW
    assert NOW < wrong.due < right.due
    # Without learning steps nothing comes back within the same sitting: a patient returns over days.
    assert wrong.due - NOW >= timedelta(days=1)


def test_right_answers_on_spaced_days_push_the_interval_out() -> None:
    state = review(None, True, NOW)
    intervals = []
    for _ in range(4):
        at = state.due
        state = review(state.card_json, True, at)
        intervals.append(state.due - at)
    assert intervals == sorted(intervals) and intervals[-1] > intervals[0]


def test_a_wrong_answer_after_right_ones_brings_it_back_soon() -> None:
    state = review(None, True, NOW)
    state = review(state.card_json, True, state.due)
    reviewed_at = state.due
    lapse = review(state.card_json, False, reviewed_at)
    assert state.last_review is not None and lapse.last_review == reviewed_at
    assert lapse.due - reviewed_at < state.due - state.last_review


def test_review_is_deterministic() -> None:
    # Fuzzing would draw from the global random module; it is off, so equal inputs give equal states.
    first = review(review(None, True, NOW).card_json, True, NOW + timedelta(days=3))
    second = review(review(None, True, NOW).card_json, True, NOW + timedelta(days=3))
    assert first == second


def test_due_in_the_state_matches_the_card_json() -> None:
    state = review(None, False, NOW)
    assert due_from_json(state.card_json) == state.due
    assert json.loads(state.card_json)["due"].startswith(state.due.date().isoformat())


def test_any_aware_timezone_is_converted_and_naive_is_refused() -> None:
    plus_two = timezone(timedelta(hours=2))
    state = review(None, True, NOW.astimezone(plus_two))
    assert state.due.tzinfo == UTC
    assert state == review(None, True, NOW)
    with pytest.raises(ValueError, match="naive"):
        review(None, True, datetime(2026, 11, 22, 10, 0))


@pytest.mark.parametrize("damaged", ["", "not json", "{}", '{"card_id": 1}', "[1, 2]"])
def test_an_unreadable_card_starts_afresh(damaged: str) -> None:
    assert review(damaged, True, NOW) == review(None, True, NOW)


@settings(deadline=None, max_examples=60)
@given(
    answers=st.lists(
        st.tuples(st.booleans(), st.integers(min_value=0, max_value=60 * 24 * 40)), min_size=1, max_size=12
    )
)
def test_every_answer_schedules_the_question_at_least_a_day_ahead(answers: list[tuple[bool, int]]) -> None:
    state = None
    at = NOW
    for correct, minutes_later in answers:
        at = at + timedelta(minutes=minutes_later)
        state = review(state.card_json if state else None, correct, at)
        assert state.last_review == at
        assert state.due - at >= timedelta(days=1)
        assert not is_due(state.due, at)
        assert is_due(state.due, state.due)


def test_is_due() -> None:
    assert not is_due(None, NOW)
    assert is_due(NOW, NOW)
    assert is_due(NOW - timedelta(seconds=1), NOW)
    assert not is_due(NOW + timedelta(seconds=1), NOW)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (Facts(2, True, NOW + timedelta(days=1)), True),
        (Facts(5, True, NOW + timedelta(days=1)), True),
        (Facts(1, True, NOW + timedelta(days=1)), False),  # right on one day only
        (Facts(2, False, NOW + timedelta(days=1)), False),  # latest answer wrong
        (Facts(2, True, NOW), False),  # due now
        (Facts(2, True, None), True),  # no schedule state: not due
        (None, False),  # never answered
    ],
)
def test_mastery_rule(facts: Facts | None, expected: bool) -> None:
    assert MASTERY_MIN_RIGHT_DAYS == 2
    assert is_mastered(facts, NOW) is expected


def test_bank_mastery_fraction() -> None:
    ahead = NOW + timedelta(days=3)
    progress = {"a": Facts(2, True, ahead), "b": Facts(1, True, ahead), "c": Facts(3, True, ahead)}
    assert bank_mastery(["a", "b", "c", "d"], progress, NOW) == 0.5
    assert mastered_ids(["d", "c", "b", "a"], progress, NOW) == ["c", "a"]
    assert bank_mastery([], progress, NOW) == 0.0


def _answer(store: ProgressStore, qid: str, correct: bool, at: datetime) -> None:
    previous = store.get_card("default", qid)
    state = review(previous.card_json if previous else None, correct, at)
    store.record_answer("default", Attempt("bank-a", qid, 0, "x", correct, at), state)


def test_mastery_needs_right_answers_on_two_utc_days_through_the_store() -> None:
    store = ProgressStore(":memory:")
    day1 = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    _answer(store, "q", True, day1)
    _answer(store, "q", True, day1 + timedelta(hours=5))  # same UTC date: still one day
    progress = store.question_progress("default")
    assert progress["q"].right_days == 1
    assert not is_mastered(progress["q"], day1 + timedelta(hours=6))

    day2 = day1 + timedelta(days=1)
    _answer(store, "q", True, day2)
    progress = store.question_progress("default")
    assert progress["q"].right_days == 2
    assert is_mastered(progress["q"], day2 + timedelta(minutes=1))
    # Once it falls due it is no longer mastered until answered again.
    assert progress["q"].due is not None
    assert not is_mastered(progress["q"], progress["q"].due)

    _answer(store, "q", False, day2 + timedelta(hours=1))
    assert not is_mastered(store.question_progress("default")["q"], day2 + timedelta(hours=2))


def test_two_days_means_utc_dates_not_24_hours() -> None:
    store = ProgressStore(":memory:")
    late = datetime(2026, 11, 22, 23, 50, tzinfo=UTC)
    _answer(store, "q", True, late)
    _answer(store, "q", True, late + timedelta(minutes=20))  # 00:10 the next UTC day
    assert store.question_progress("default")["q"].right_days == 2


def test_scheduling_does_not_import_fsrs_until_a_review() -> None:
    code = (
        "import sys; import ketaquiz.core.scheduling as s, ketaquiz.core.progress, ketaquiz.core.session;"
        "print('fsrs' in sys.modules, 'textual' in sys.modules, 'rich' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    ).stdout.split()
    assert out == ["False", "False", "False"]
    assert scheduling.review(None, True, NOW).due > NOW
