"""A place per topic (issue 14): the store keeps one unfinished run per topic and kind, a session says which place
it holds, starting another topic never drops a place, and a v4 store migrates to places (migration v5)."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ketaquiz.core.progress import (
    MIGRATIONS,
    SCHEMA_VERSION,
    STORE_FILENAME,
    ProgressStore,
    RunRecord,
    open_store,
)
from ketaquiz.core.session import KIND_BANK, KIND_ESSENTIALS, KIND_REVIEW, QuizSession
from tests.factories import make_bank
from tests.unit.test_progress import make_v3_store

T0 = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)  # every read a second later: runs are ordered by their last answer
        return self.now


@pytest.fixture
def store() -> ProgressStore:
    return ProgressStore(":memory:", clock=Clock())


def answer_first(session: QuizSession) -> None:
    """Answer one question and stop there (the run stays unfinished)."""
    session.answer(0)
    session.next()


# ---------------------------------------------------------------------------------------------------------------
# The store


def test_unfinished_runs_are_most_recent_first_and_one_per_kind_and_topic(store: ProgressStore) -> None:
    assert store.unfinished_runs("default") == []
    store.save_run("default", RunRecord("a1", KIND_BANK, {"n": 1}, T0, topic="bank-a"))
    store.save_run("default", RunRecord("b1", KIND_BANK, {"n": 2}, T0, topic="bank-b"))
    store.save_run("default", RunRecord("r1", KIND_REVIEW, {"n": 3}, T0, topic=""))
    store.save_run("default", RunRecord("e1", KIND_ESSENTIALS, {"n": 4}, T0, topic=""))
    assert [r.id for r in store.unfinished_runs("default")] == ["e1", "r1", "b1", "a1"]
    assert [r.topic for r in store.unfinished_runs("default")] == ["", "", "bank-b", "bank-a"]
    assert [r.id for r in store.unfinished_runs("default", kind=KIND_BANK)] == ["b1", "a1"]

    # A new run of topic A takes A's place (and comes first); B's place is untouched.
    store.save_run("default", RunRecord("a2", KIND_BANK, {"n": 5}, T0, topic="bank-a"))
    assert [r.id for r in store.unfinished_runs("default")] == ["a2", "e1", "r1", "b1"]
    # Saving a run again keeps its place; a finished run leaves it.
    store.save_run("default", RunRecord("b1", KIND_BANK, {"n": 6}, T0, topic="bank-b"))
    assert [r.id for r in store.unfinished_runs("default")][:2] == ["b1", "a2"]
    store.save_run("default", RunRecord("b1", KIND_BANK, {"n": 7}, T0, finished=True, topic="bank-b"))
    assert [r.id for r in store.unfinished_runs("default")] == ["a2", "e1", "r1"]
    assert store.latest_unfinished_run("default") == store.unfinished_runs("default")[0]
    assert store.unfinished_runs("nobody") == []
    # Another profile's places are its own.
    store.save_run("alice", RunRecord("a3", KIND_BANK, {"n": 8}, T0, topic="bank-a"))
    assert [r.id for r in store.unfinished_runs("default")] == ["a2", "e1", "r1"]


def test_a_run_without_a_topic_holds_no_place(store: ProgressStore) -> None:
    store.save_run("default", RunRecord("x", KIND_BANK, {"n": 1}, T0))
    store.save_run("default", RunRecord("y", KIND_BANK, {"n": 2}, T0))
    assert [r.id for r in store.unfinished_runs("default")] == ["y", "x"]


def test_the_database_refuses_two_unfinished_runs_in_one_place(store: ProgressStore) -> None:
    store.save_run("default", RunRecord("a1", KIND_BANK, {"n": 1}, T0, topic="bank-a"))
    with pytest.raises(sqlite3.IntegrityError):
        store._conn.execute(
            """INSERT INTO runs (id, profile_id, kind, state, started_at, updated_at, finished, topic)
               SELECT 'a2', profile_id, kind, state, started_at, updated_at, 0, topic FROM runs"""
        )


# ---------------------------------------------------------------------------------------------------------------
# Sessions


def test_each_topic_keeps_its_place_and_a_new_quiz_of_a_topic_takes_it(store: ProgressStore) -> None:
    bank_a, bank_b = make_bank("bank-a", 12), make_bank("bank-b", 12)
    a = QuizSession.topic(bank_a, store=store, rng=random.Random(1))
    assert a.place == "bank-a"
    answer_first(a)
    answer_first(a)
    b = QuizSession.topic(bank_b, store=store, rng=random.Random(2))
    answer_first(b)
    review = QuizSession.review([bank_a, bank_b], store=store, rng=random.Random(3))
    assert review.place == ""
    runs = store.unfinished_runs("default")
    assert [r.id for r in runs] == [b.run_id, a.run_id]
    assert [r.topic for r in runs] == ["bank-b", "bank-a"]

    # Both can be continued at their own places.
    for run, answered in zip(runs, (1, 2), strict=True):
        resumed = QuizSession.resume(run.state, [bank_a, bank_b], store)
        assert resumed.current.number == answered + 1 and resumed.place == run.topic

    # A new quiz on topic A, once answered, takes A's place; B's stays.
    a2 = QuizSession.topic(bank_a, store=store, rng=random.Random(4))
    assert [r.id for r in store.unfinished_runs("default")] == [b.run_id, a.run_id]  # nothing answered yet
    answer_first(a2)
    assert [r.id for r in store.unfinished_runs("default")] == [a2.run_id, b.run_id]


def test_an_empty_run_has_no_place(store: ProgressStore) -> None:
    session = QuizSession.review([make_bank("bank-a", 3)], store=store)
    assert session.finished and session.place == ""
    assert QuizSession([], store=store).place is None


# ---------------------------------------------------------------------------------------------------------------
# Migration v5, from the schema before it (v4)


def make_v4_store(path: Path) -> None:
    """A v4 store (the schema before places) whose runs table holds what a v4 ketaquiz left there: two unfinished
    runs of one topic, one of another, a review, a finished run and one whose state cannot be read."""
    make_v3_store(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for statement in MIGRATIONS[3]:
        conn.execute(statement, {"now": "2026-03-07T00:00:00.000000+00:00"})
    conn.execute("PRAGMA user_version = 4")

    def state(bank: str) -> str:
        return f'{{"version":1,"kind":"bank","items":[{{"bank":"{bank}","question":"q1","order":[0]}}]}}'

    runs = [
        ("a-old", "bank", state("bank-a"), "2026-03-07T09:00:00.000000+00:00", 0),
        ("a-new", "bank", state("bank-a"), "2026-03-07T10:00:00.000000+00:00", 0),
        ("b", "bank", state("bank-b"), "2026-03-07T09:30:00.000000+00:00", 0),
        ("rev", "review", '{"items":[]}', "2026-03-07T08:00:00.000000+00:00", 0),
        ("done", "bank", state("bank-b"), "2026-03-07T11:00:00.000000+00:00", 1),
        ("bad", "bank", "{not json", "2026-03-07T12:00:00.000000+00:00", 0),
    ]
    conn.executemany(
        """INSERT INTO runs (id, profile_id, kind, state, started_at, updated_at, finished)
           VALUES (?, 1, ?, ?, '2026-03-07T08:00:00.000000+00:00', ?, ?)""",
        runs,
    )
    conn.execute("COMMIT")
    conn.close()


def test_a_v4_store_is_migrated_to_a_place_per_topic(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILENAME
    make_v4_store(path)
    opening = open_store(tmp_path, clock=lambda: T0)
    assert opening.warning is None and opening.moved_aside is None
    store = opening.store
    assert store.schema_version == SCHEMA_VERSION == 5
    # Every run is still there; of topic A's two places the newer one is kept, and the run v3 left with an empty
    # state ('{}') and the one that cannot be read hold no place (the reader skips the unreadable one).
    rows = dict(store._conn.execute("SELECT id, topic FROM runs").fetchall())
    assert rows == {
        "run-1": None,
        "a-old": "bank-a",
        "a-new": "bank-a",
        "b": "bank-b",
        "rev": "",
        "done": "bank-b",
        "bad": None,
    }
    unfinished = store.unfinished_runs("default")
    assert [(r.id, r.topic) for r in unfinished] == [
        ("a-new", "bank-a"),
        ("b", "bank-b"),
        ("rev", ""),
        ("run-1", None),
    ]
    # And places work from there: a new run of topic B takes B's place.
    store.save_run("default", RunRecord("b2", KIND_BANK, {"n": 1}, T0, topic="bank-b"))
    assert [r.id for r in store.unfinished_runs("default")][:3] == ["b2", "a-new", "rev"]
