"""The progress store: what it keeps, how it migrates, and every way opening or writing it can go wrong."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ketaquiz.core.progress import (
    DEFAULT_PROFILE,
    MIGRATIONS,
    SCHEMA_VERSION,
    STORE_FILENAME,
    Attempt,
    ProgressStore,
    RunRecord,
    StoreError,
    StoreWriteError,
    open_store,
)
from ketaquiz.core.scheduling import review
from tests.conftest import ROOT

T0 = datetime(2026, 11, 22, 10, 15, tzinfo=UTC)
T = TypeVar("T")


class FakeClock:
    """A clock that stands still until told to move."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def attempt(
    qid: str = "q1",
    correct: bool = True,
    at: datetime = T0,
    bank: str = "bank-a",
    *,
    seconds: float | None = None,
    run_id: str | None = None,
) -> Attempt:
    return Attempt(bank, qid, 0, f"choice for {qid}", correct, at, seconds, run_id)


def some(value: T | None) -> T:
    """The value, asserting it is there (a readable failure instead of an AttributeError on None)."""
    assert value is not None
    return value


@pytest.fixture
def store() -> ProgressStore:
    return ProgressStore(":memory:", clock=FakeClock())


def broken_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".broken-" in p.name)


# ---------------------------------------------------------------------------------------------------------------
# A fresh store


def test_a_fresh_store_file_is_wal_full_sync_current_schema_with_a_default_profile(tmp_path: Path) -> None:
    opening = open_store(tmp_path / "nested" / "data")
    assert opening.persistent and opening.warning is None and opening.moved_aside is None
    store = opening.store
    assert (tmp_path / "nested" / "data" / STORE_FILENAME).is_file()
    assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
    assert store.profiles() == [DEFAULT_PROFILE]
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 1000
    store.close()
    # Opening again neither migrates nor loses anything.
    again = open_store(tmp_path / "nested" / "data")
    assert again.warning is None and again.store.profiles() == [DEFAULT_PROFILE]


def test_record_answer_writes_attempt_schedule_and_run(store: ProgressStore) -> None:
    card = review(None, False, T0)
    run = RunRecord("run-1", "bank", {"version": 1, "answers": [1]}, started_at=T0)
    store.record_answer("default", attempt("q1", False, seconds=4.5, run_id="run-1"), card, run)
    rows = list(store.iter_attempts("default"))
    assert len(rows) == 1
    row = rows[0]
    assert (row.bank_id, row.question_id, row.correct, row.seconds, row.run_id) == (
        "bank-a",
        "q1",
        False,
        4.5,
        "run-1",
    )
    assert datetime.fromisoformat(row.answered_at) == T0
    assert store.get_card("default", "q1") == card
    loaded = store.latest_unfinished_run("default")
    assert (
        loaded is not None and loaded.id == "run-1" and dict(loaded.state) == {"version": 1, "answers": [1]}
    )


def test_record_answer_is_all_or_nothing(store: ProgressStore) -> None:
    store.record_answer("default", attempt("q0"), review(None, True, T0))
    # A run state that cannot be serialised fails inside the transaction, after the attempt was inserted.
    bad_run = RunRecord("run-1", "bank", {"oops": object()}, started_at=T0)
    with pytest.raises(TypeError):
        store.record_answer("default", attempt("q1"), review(None, True, T0), bad_run)
    assert store.attempt_count("default") == 1
    assert store.get_card("default", "q1") is None
    assert set(store.question_progress("default")) == {"q0"}
    assert sum(d.answered for d in store.daily_counts("default")) == 1


def test_naive_times_and_bad_profile_names_are_refused(store: ProgressStore) -> None:
    with pytest.raises(ValueError, match="naive"):
        store.record_answer("default", attempt(at=datetime(2026, 1, 1)))
    for name in ["", "   ", "x" * 65, "bell\a"]:
        with pytest.raises(ValueError, match="profile"):
            store.record_answer(name, attempt())
    assert store.attempt_count("default") == 0


def test_profiles_keep_progress_apart(store: ProgressStore) -> None:
    store.record_answer("alice", attempt("q1", True), review(None, True, T0))
    store.set_flag("alice", "bank-a", "q1", "ask")
    assert store.profiles() == ["default", "alice"]
    assert store.attempt_count("alice") == 1 and store.attempt_count("default") == 0
    assert store.question_progress("default") == {} and store.flags("default") == []
    assert store.get_card("default", "q1") is None and store.get_card("alice", "q1") is not None
    assert store.bank_summaries("nobody") == {} and list(store.iter_attempts("nobody")) == []
    assert "nobody" not in store.profiles()  # reading does not create profiles


# ---------------------------------------------------------------------------------------------------------------
# Summaries


def test_summaries_daily_counts_and_due(store: ProgressStore) -> None:
    day1, day2 = T0, T0 + timedelta(days=1)
    store.record_answer("default", attempt("q1", False, day1), review(None, False, day1))
    store.record_answer("default", attempt("q1", True, day2), review(None, True, day2))
    store.record_answer("default", attempt("q2", True, day2), review(None, True, day2))
    store.record_answer("default", attempt("q9", True, day2, bank="bank-b"), review(None, True, day2))

    summaries = store.bank_summaries("default")
    assert set(summaries) == {"bank-a", "bank-b"}
    a = summaries["bank-a"]
    assert (a.answered, a.right, a.questions_answered, a.last_answered_at) == (3, 2, 2, day2)

    progress = store.question_progress("default")
    q1 = progress["q1"]
    assert (q1.answered, q1.right, q1.right_days, q1.last_correct, q1.last_answered_at) == (
        2,
        1,
        1,
        True,
        day2,
    )
    assert q1.due == some(store.get_card("default", "q1")).due

    assert [(d.day, d.answered, d.right) for d in store.daily_counts("default")] == [
        (day1.date(), 1, 0),
        (day2.date(), 3, 3),
    ]
    assert [d.day for d in store.daily_counts("default", since=day2.date())] == [day2.date()]

    cards = store.all_cards("default")
    assert set(cards) == {"q1", "q2", "q9"}
    later = max(c.due for c in cards.values())
    assert store.due_question_ids("default", day2) == []
    due_all = store.due_question_ids("default", later)
    assert sorted(due_all) == ["q1", "q2", "q9"]
    assert [cards[q].due for q in due_all] == sorted(cards[q].due for q in due_all)
    assert store.due_question_ids("default", later, bank_ids={"bank-b"}) == ["q9"]


answer_events = st.lists(
    st.tuples(
        st.sampled_from(["p1", "p2"]),
        st.sampled_from(["q1", "q2", "q3"]),
        st.sampled_from(["bank-a", "bank-b"]),
        st.booleans(),
        st.integers(min_value=0, max_value=60 * 24 * 5),  # minutes after T0, in any order
    ),
    max_size=30,
)


@settings(deadline=None, max_examples=80)
@given(events=answer_events)
def test_running_totals_match_a_recount_of_the_attempts(
    events: list[tuple[str, str, str, bool, int]],
) -> None:
    store = ProgressStore(":memory:")
    for i, (profile, qid, bank, correct, minutes) in enumerate(events):
        # Distinct microseconds keep "latest" unambiguous even when answers arrive out of time order.
        at = T0 + timedelta(minutes=minutes, microseconds=i)
        store.record_answer(profile, attempt(qid, correct, at, bank=bank))
    for profile in ["p1", "p2"]:
        rows = list(store.iter_attempts(profile))
        expected_q: dict[str, tuple[int, int, int, str, bool, str]] = {}
        by_q: dict[str, list[tuple[str, bool, str]]] = defaultdict(list)
        for r in rows:
            by_q[r.question_id].append((r.answered_at, r.correct, r.bank_id))
        for qid, answers in by_q.items():
            latest = max(answers)
            right_days = len({a[0][:10] for a in answers if a[1]})
            expected_q[qid] = (
                len(answers),
                sum(a[1] for a in answers),
                right_days,
                latest[0],
                latest[1],
                latest[2],
            )
        got_q = {
            qid: (
                p.answered,
                p.right,
                p.right_days,
                p.last_answered_at.isoformat(timespec="microseconds"),
                p.last_correct,
                p.bank_id,
            )
            for qid, p in store.question_progress(profile).items()
        }
        assert got_q == expected_q

        days: Counter[str] = Counter(r.answered_at[:10] for r in rows)
        rights: Counter[str] = Counter(r.answered_at[:10] for r in rows if r.correct)
        assert [(d.day.isoformat(), d.answered, d.right) for d in store.daily_counts(profile)] == [
            (day, days[day], rights[day]) for day in sorted(days)
        ]
        banks = store.bank_summaries(profile)
        assert sum(b.answered for b in banks.values()) == len(rows)
        assert sum(b.questions_answered for b in banks.values()) == len(by_q)


def test_iter_attempts_pages_through_everything_in_order(store: ProgressStore) -> None:
    for i in range(23):
        store.record_answer("default", attempt(f"q{i % 4}", i % 3 == 0, T0 + timedelta(minutes=i)))
        store.record_answer("other", attempt("x", True, T0))
    rows = list(store.iter_attempts("default", batch=5))
    assert len(rows) == 23 == store.attempt_count("default")
    assert [r.answered_at for r in rows] == sorted(r.answered_at for r in rows)
    assert [r.correct for r in rows] == [i % 3 == 0 for i in range(23)]


# ---------------------------------------------------------------------------------------------------------------
# Flags, runs, preferences, kiosk counts


def test_flags_one_per_question_reflagging_updates_the_note(store: ProgressStore) -> None:
    clock = store._clock
    assert isinstance(clock, FakeClock)
    store.set_flag("default", "bank-a", "q1", "first note")
    clock.now = T0 + timedelta(minutes=5)
    store.set_flag("default", "bank-a", "q2")
    store.set_flag("default", "bank-a", "q1", "second note")
    flags = store.flags("default")
    assert [(f.question_id, f.note) for f in flags] == [("q1", "second note"), ("q2", "")]
    assert flags[0].created_at == T0  # kept from the first flagging
    assert some(store.get_flag("default", "q1")).note == "second note"
    store.clear_flag("default", "q1")
    store.clear_flag("default", "q1")  # twice is fine
    store.clear_flag("nobody", "q1")
    assert store.get_flag("default", "q1") is None
    assert [f.question_id for f in store.flags("default")] == ["q2"]


def test_runs_latest_unfinished_finish_and_discard(store: ProgressStore) -> None:
    clock = store._clock
    assert isinstance(clock, FakeClock)
    assert store.latest_unfinished_run("default") is None
    store.save_run("default", RunRecord("old", "bank", {"n": 1}, started_at=T0))
    clock.now = T0 + timedelta(minutes=1)
    store.save_run("default", RunRecord("new", "review", {"n": 2}, started_at=T0))
    latest = store.latest_unfinished_run("default")
    assert latest is not None and latest.id == "new" and latest.updated_at == clock.now
    assert some(store.latest_unfinished_run("default", kind="bank")).id == "old"
    store.finish_run("new")
    assert some(store.latest_unfinished_run("default")).id == "old"
    store.discard_run("old")
    assert store.latest_unfinished_run("default") is None
    assert store.latest_unfinished_run("nobody") is None


def test_a_run_with_damaged_state_is_skipped(store: ProgressStore) -> None:
    clock = store._clock
    assert isinstance(clock, FakeClock)
    store.save_run("default", RunRecord("good", "bank", {"n": 1}, started_at=T0))
    clock.now = T0 + timedelta(minutes=1)
    store.save_run("default", RunRecord("bad", "bank", {"n": 2}, started_at=T0))
    store._conn.execute("UPDATE runs SET state = '{not json' WHERE id = 'bad'")
    assert some(store.latest_unfinished_run("default")).id == "good"


def test_prefs(store: ProgressStore) -> None:
    assert store.get_pref("theme") is None
    assert store.get_pref("theme", "ketaquiz-dark") == "ketaquiz-dark"
    store.set_pref("theme", "ketaquiz-light")
    store.set_pref("theme", "ketaquiz-contrast")
    assert store.get_pref("theme") == "ketaquiz-contrast"


def test_kiosk_stats_are_per_question_counts_only(store: ProgressStore) -> None:
    store.count_shown("bank-a", "q1")
    store.count_shown("bank-a", "q1")
    store.count_answered("bank-a", "q1", True)
    store.count_answered("bank-a", "q1", False)
    store.count_answered("bank-b", "q2", True)
    stats = {(s.bank_id, s.question_id): (s.shown, s.answered, s.right) for s in store.kiosk_stats()}
    assert stats == {("bank-a", "q1"): (2, 2, 1), ("bank-b", "q2"): (0, 1, 1)}
    columns = {row[1] for row in store._conn.execute("PRAGMA table_info(kiosk_stats)")}
    # Nothing that could rebuild a visitor's path: no time, no order, no session, no profile.
    assert columns == {"bank_id", "question_id", "shown_count", "answered_count", "right_count"}
    assert store.attempt_count("default") == 0


# ---------------------------------------------------------------------------------------------------------------
# Opening files that are not right


def _fill(path: Path, answers: int = 300) -> None:
    store = ProgressStore(path)
    for i in range(answers):
        store.record_answer(
            "default", attempt(f"q{i}", True, T0 + timedelta(seconds=i)), review(None, True, T0)
        )
    store.close()


def test_garbage_is_moved_aside_with_its_wal_and_shm_never_deleted(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILENAME
    garbage = os.urandom(5000)
    path.write_bytes(garbage)
    Path(f"{path}-wal").write_bytes(b"wal bytes")
    Path(f"{path}-shm").write_bytes(b"shm bytes")
    opening = open_store(tmp_path, clock=FakeClock())
    moved = tmp_path / f"{STORE_FILENAME}.broken-20261122T101500Z"
    assert opening.moved_aside == moved
    assert moved.read_bytes() == garbage
    assert Path(f"{moved}-wal").read_bytes() == b"wal bytes"
    # The -shm is SQLite's shared-memory index, rebuilt by any reader: it moves along, its bytes may not.
    assert Path(f"{moved}-shm").exists()
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").read_bytes() != b"wal bytes"
    assert opening.warning is not None and str(moved) in opening.warning
    assert opening.persistent
    opening.store.record_answer("default", attempt())
    assert opening.store.attempt_count("default") == 1
    assert opening.store.schema_version == SCHEMA_VERSION


@pytest.mark.parametrize("verify", [True, False])
def test_a_truncated_store_is_moved_aside(tmp_path: Path, verify: bool) -> None:
    path = tmp_path / STORE_FILENAME
    _fill(path)
    data = path.read_bytes()
    assert len(data) > 8 * 4096
    path.write_bytes(data[: len(data) // 2])
    # Even without the page check, SQLite compares the header's page count with the file's size.
    opening = open_store(tmp_path, clock=FakeClock(), verify=verify)
    assert opening.moved_aside is not None
    assert opening.moved_aside.read_bytes() == data[: len(data) // 2]
    assert opening.store.attempt_count("default") == 0
    assert "moved" in (opening.warning or "")


def test_a_store_with_damaged_pages_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILENAME
    _fill(path)
    data = bytearray(path.read_bytes())
    page = 4096
    # Scribble over the last pages, keeping the size and the header: only a page check can tell.
    data[-3 * page :] = b"\xa5" * (3 * page)
    path.write_bytes(bytes(data))
    opening = open_store(tmp_path, clock=FakeClock())
    assert opening.moved_aside is not None, "damaged pages went unnoticed"
    assert "damaged" in (opening.warning or "") or "readable" in (opening.warning or "")
    assert opening.moved_aside.read_bytes() == bytes(data)


def test_a_store_cut_inside_its_header_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILENAME
    _fill(path, answers=3)
    path.write_bytes(path.read_bytes()[:60])
    opening = open_store(tmp_path, clock=FakeClock())
    assert opening.moved_aside is not None and opening.moved_aside.stat().st_size == 60


def test_a_store_from_a_newer_schema_is_moved_aside_untouched(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILENAME
    _fill(path, answers=2)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    opening = open_store(tmp_path, clock=FakeClock())
    assert opening.moved_aside is not None
    assert "newer version" in (opening.warning or "")
    assert opening.moved_aside.read_bytes() == before
    assert opening.store.schema_version == SCHEMA_VERSION
    assert opening.store.attempt_count("default") == 0
    old = sqlite3.connect(opening.moved_aside)
    assert old.execute("SELECT count(*) FROM attempts").fetchone()[0] == 2


def test_someone_elses_sqlite_file_is_moved_aside(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / STORE_FILENAME)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    opening = open_store(tmp_path, clock=FakeClock())
    assert opening.moved_aside is not None and "not a ketaquiz" in (opening.warning or "")
    assert sqlite3.connect(opening.moved_aside).execute("SELECT count(*) FROM recipes").fetchone()[0] == 0


def test_moving_aside_twice_in_one_second_keeps_both(tmp_path: Path) -> None:
    clock = FakeClock()
    for content in [b"first garbage " * 100, b"second garbage " * 100]:
        opening = open_store(tmp_path, clock=clock)
        opening.store.close()
        (tmp_path / STORE_FILENAME).write_bytes(content)
        for suffix in ("-wal", "-shm"):
            Path(f"{tmp_path / STORE_FILENAME}{suffix}").unlink(missing_ok=True)
    opening = open_store(tmp_path, clock=clock)
    first = open_store(tmp_path, clock=clock)  # the good store opens without moving anything
    assert first.moved_aside is None
    names = broken_names(tmp_path)
    assert [n for n in names if not n.endswith(("-wal", "-shm"))] == [
        f"{STORE_FILENAME}.broken-20261122T101500Z",
        f"{STORE_FILENAME}.broken-20261122T101500Z-2",
    ]
    contents = {(tmp_path / n).read_bytes()[:6] for n in names if not n.endswith(("-wal", "-shm"))}
    assert contents == {b"first ", b"second"}
    assert opening.moved_aside is not None


def test_a_file_where_the_data_folder_should_be_gives_an_in_memory_store(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("I am a file")
    for data_dir in [blocker, blocker / "below"]:
        opening = open_store(data_dir)
        assert not opening.persistent and not opening.store.persistent
        assert opening.moved_aside is None
        assert opening.warning is not None and "will not be saved" in opening.warning
        assert str(data_dir) in opening.warning
        opening.store.record_answer("default", attempt())  # the quiz still works
        assert opening.store.attempt_count("default") == 1
    assert blocker.read_text() == "I am a file"


def test_a_folder_where_the_store_file_should_be_gives_an_in_memory_store(tmp_path: Path) -> None:
    (tmp_path / STORE_FILENAME).mkdir()
    opening = open_store(tmp_path)
    assert not opening.persistent and opening.warning is not None
    assert (tmp_path / STORE_FILENAME).is_dir()
    assert broken_names(tmp_path) == []


# ---------------------------------------------------------------------------------------------------------------
# Writes that fail


def test_disk_full_raises_store_write_error_and_keeps_the_file_whole(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / STORE_FILENAME)
    store.record_answer("default", attempt("kept"), review(None, True, T0))
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    # max_page_count makes SQLite answer SQLITE_FULL exactly as a full disk would.
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    big = "x" * 3000
    with pytest.raises(StoreWriteError, match="full"):
        for i in range(100):
            store.record_answer(
                "default", Attempt("bank-a", f"q{i}", 0, big, True, T0), review(None, True, T0)
            )
    assert not store._conn.in_transaction
    counted = store.attempt_count("default")
    # Nothing half-written: every attempt that exists has its running totals.
    assert sum(p.answered for p in store.question_progress("default").values()) == counted
    store.close()
    fresh = ProgressStore(tmp_path / STORE_FILENAME)
    assert fresh._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert fresh.attempt_count("default") == counted
    assert fresh.get_card("default", "kept") is not None
    fresh.record_answer("default", attempt("after"))  # space again: writing works again
    assert fresh.attempt_count("default") == counted + 1


def test_a_write_blocked_beyond_the_busy_timeout_raises_store_write_error(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILENAME
    store = ProgressStore(path, busy_timeout=0.2)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreWriteError, match="locked"):
        store.record_answer("default", attempt())
    other.execute("ROLLBACK")
    store.record_answer("default", attempt())
    assert store.attempt_count("default") == 1


def test_a_closed_store_raises_store_errors(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / STORE_FILENAME)
    store.close()
    store.close()
    with pytest.raises(StoreWriteError):
        store.record_answer("default", attempt())
    with pytest.raises(StoreError):
        store.flags("default")


CHILD_ENV = {"PYTHONPATH": str(ROOT / "src") + os.pathsep + str(ROOT), "PATH": "/usr/bin:/bin"}


def test_a_crash_mid_write_loses_only_the_answer_in_flight(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILENAME
    _fill(path, answers=5)
    child = textwrap.dedent(
        f"""
        import os
        from datetime import datetime, UTC
        from ketaquiz.core.progress import Attempt, ProgressStore
        store = ProgressStore({str(path)!r})
        with store._write() as conn:
            conn.execute("INSERT INTO attempts (profile_id, bank_id, question_id, outcome, choice_index,"
                         " choice_text, correct, answered_at) VALUES (1, 'b', 'in-flight', 'right', 0, 'x', 1,"
                         " '2026')")
            os._exit(9)  # dies mid-transaction, as a power cut would
        """
    )
    result = subprocess.run([sys.executable, "-c", child], env=CHILD_ENV, capture_output=True, text=True)
    assert result.returncode == 9, result.stderr
    opening = open_store(tmp_path)
    assert opening.moved_aside is None and opening.warning is None
    assert opening.store.attempt_count("default") == 5
    assert opening.store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta, UTC
    from pathlib import Path
    from ketaquiz.core.progress import Attempt, RunRecord, open_store
    from ketaquiz.core.scheduling import review
    folder, name, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    opening = open_store(folder)
    assert opening.persistent and opening.moved_aside is None, opening.warning
    store = opening.store
    t0 = datetime(2026, 11, 22, tzinfo=UTC)
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    for i in range(n):
        at = t0 + timedelta(seconds=i)
        qid = f"{name}-{i % 7}"
        previous = store.get_card("default", qid)
        state = review(previous.card_json if previous else None, i % 2 == 0, at)
        run = RunRecord(f"run-{name}", "bank", {"i": i}, started_at=t0)
        store.record_answer("default", Attempt("bank", qid, 0, f"{name}:{i}", i % 2 == 0, at, 1.0), state, run)
    store.close()
    """
)

V1_SCHEMA = [
    # The schema exactly as ketaquiz 0.1 (schema version 1) created it; never update this copy.
    "CREATE TABLE profiles (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)",
    "INSERT INTO profiles (name, created_at) VALUES ('default', '2026-01-01T00:00:00.000000+00:00')",
    """CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        bank_id TEXT NOT NULL, question_id TEXT NOT NULL, choice_index INTEGER NOT NULL,
        choice_text TEXT NOT NULL, correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        answered_at TEXT NOT NULL, seconds REAL)""",
    "CREATE INDEX attempts_by_question ON attempts (profile_id, question_id, answered_at)",
    """CREATE TABLE flags (
        profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        bank_id TEXT NOT NULL, question_id TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL, PRIMARY KEY (profile_id, question_id)) WITHOUT ROWID""",
    """CREATE TABLE cards (
        profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        bank_id TEXT NOT NULL, question_id TEXT NOT NULL, card_json TEXT NOT NULL, due TEXT NOT NULL,
        last_review TEXT, PRIMARY KEY (profile_id, question_id)) WITHOUT ROWID""",
    "CREATE INDEX cards_by_due ON cards (profile_id, due)",
    "CREATE TABLE prefs (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    """CREATE TABLE kiosk_stats (
        bank_id TEXT NOT NULL, question_id TEXT NOT NULL, shown_count INTEGER NOT NULL DEFAULT 0,
        answered_count INTEGER NOT NULL DEFAULT 0, right_count INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (bank_id, question_id)) WITHOUT ROWID""",
    "PRAGMA user_version = 1",
]


def make_v1_store(path: Path) -> None:
    """A store file as schema version 1 left it, with two profiles' answers, a flag and a card."""
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in V1_SCHEMA:
        conn.execute(statement)
    conn.execute(
        "INSERT INTO profiles (name, created_at) VALUES ('alice', '2026-01-02T00:00:00.000000+00:00')"
    )
    rows = [
        (1, "bank-a", "q1", 1, "wrong one", 0, "2026-03-01T09:00:00.000000+00:00", 5.0),
        (1, "bank-a", "q1", 0, "right one", 1, "2026-03-01T10:00:00.000000+00:00", 4.0),
        (1, "bank-a", "q1", 0, "right one", 1, "2026-03-02T10:00:00.000000+00:00", 3.0),
        (1, "bank-b", "q2", 2, "wrong two", 0, "2026-03-02T11:00:00.000000+00:00", None),
        (2, "bank-a", "q1", 0, "right one", 1, "2026-03-05T10:00:00.000000+00:00", 2.0),
    ]
    conn.executemany(
        """INSERT INTO attempts (profile_id, bank_id, question_id, choice_index, choice_text, correct,
           answered_at, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        rows,
    )
    conn.execute(
        "INSERT INTO flags VALUES (1, 'bank-b', 'q2', 'ask about driving', '2026-03-02T11:00:01.000000+00:00')"
    )
    card = review(None, True, datetime(2026, 3, 2, 10, tzinfo=UTC))
    conn.execute(
        "INSERT INTO cards VALUES (1, 'bank-a', 'q1', ?, ?, NULL)",
        (card.card_json, card.due.isoformat(timespec="microseconds")),
    )
    conn.execute("INSERT INTO prefs VALUES ('theme', 'ketaquiz-light')")
    conn.close()


def test_a_v1_store_is_migrated_and_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILENAME
    make_v1_store(path)
    opening = open_store(tmp_path)
    assert opening.warning is None and opening.moved_aside is None
    store = opening.store
    assert store.schema_version == SCHEMA_VERSION
    assert store.profiles() == ["default", "alice"]
    assert store.get_pref("theme") == "ketaquiz-light"
    assert [(f.question_id, f.note) for f in store.flags("default")] == [("q2", "ask about driving")]
    assert store.get_card("default", "q1") is not None
    rows = list(store.iter_attempts("default"))
    assert len(rows) == 4 and all(r.run_id is None for r in rows)

    # The running totals v2 added were built from the v1 attempts.
    progress = store.question_progress("default")
    assert (progress["q1"].answered, progress["q1"].right, progress["q1"].right_days) == (3, 2, 2)
    assert progress["q1"].last_correct and progress["q1"].due == some(store.get_card("default", "q1")).due
    assert (progress["q2"].answered, progress["q2"].right, progress["q2"].last_correct) == (1, 0, False)
    assert [(d.day, d.answered, d.right) for d in store.daily_counts("default")] == [
        (date(2026, 3, 1), 2, 1),
        (date(2026, 3, 2), 2, 1),
    ]
    assert store.bank_summaries("alice")["bank-a"].answered == 1

    # And they go on from there.
    store.record_answer("default", attempt("q2", True, datetime(2026, 3, 3, tzinfo=UTC), bank="bank-b"))
    q2 = store.question_progress("default")["q2"]
    assert (q2.answered, q2.right, q2.right_days, q2.last_correct) == (2, 1, 1, True)
    assert store.latest_unfinished_run("default") is None  # the runs table exists and is empty


@pytest.mark.parametrize("start", ["fresh", "v1"])
def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path, start: str) -> None:
    n = 200
    if start == "v1":
        make_v1_store(tmp_path / STORE_FILENAME)  # both processes migrate it at once, too
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), name, str(n)],
            env=CHILD_ENV,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("A", "B")
    ]
    for w in writers:
        assert w.stdout is not None and w.stdout.readline().strip() == "ready"
    for w in writers:
        assert w.stdin is not None
        w.stdin.write("go\n")
        w.stdin.flush()
    for w in writers:
        _out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
    assert broken_names(tmp_path) == []
    store = ProgressStore(tmp_path / STORE_FILENAME)
    texts = [r.choice_text for r in store.iter_attempts("default") if ":" in r.choice_text]
    assert sorted(texts) == sorted(f"{name}:{i}" for name in "AB" for i in range(n))
    progress = store.question_progress("default")
    assert sum(p.answered for qid, p in progress.items() if qid[0] in "AB") == 2 * n
    assert len(store.all_cards("default")) == 14 + (1 if start == "v1" else 0)
    old = 4 if start == "v1" else 0
    assert sum(d.answered for d in store.daily_counts("default")) == 2 * n + old


def make_v3_store(path: Path) -> None:
    """A store file as schema version 3 left it (the schema before outcomes): the v1 store above, migrated by the
    next two migrations, plus a v2 run with an answer linked to it and a v3 remembered bank."""
    from ketaquiz.core.progress import MIGRATIONS

    make_v1_store(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for version in (1, 2):
        for statement in MIGRATIONS[version]:
            conn.execute(statement, {"now": "2026-03-06T00:00:00.000000+00:00"})
    conn.execute("PRAGMA user_version = 3")
    conn.execute(
        """INSERT INTO runs (id, profile_id, kind, state, started_at, updated_at, finished)
           VALUES ('run-1', 1, 'bank', '{}', '2026-03-06T09:00:00.000000+00:00',
                   '2026-03-06T09:00:00.000000+00:00', 0)"""
    )
    conn.execute(
        """INSERT INTO attempts (profile_id, bank_id, question_id, choice_index, choice_text, correct,
           answered_at, seconds, run_id)
           VALUES (1, 'bank-b', 'q2', 1, 'wrong again', 0, '2026-03-06T09:01:00.000000+00:00', 7.0, 'run-1')"""
    )
    conn.execute(
        """UPDATE question_stats SET answered = answered + 1, last_answered_at = '2026-03-06T09:01:00.000000+00:00'
           WHERE profile_id = 1 AND question_id = 'q2'"""
    )
    conn.execute(
        """INSERT INTO profile_banks VALUES (1, '/clinic/bank-b.yaml', 'bank-b',
           '2026-03-02T11:00:00.000000+00:00', '2026-03-06T09:01:00.000000+00:00')"""
    )
    conn.execute("COMMIT")
    conn.close()


def test_a_v3_store_is_migrated_to_outcomes_and_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILENAME
    make_v3_store(path)
    before = sqlite3.connect(path)
    old_rows = before.execute(
        """SELECT id, profile_id, bank_id, question_id, choice_index, choice_text, correct, answered_at, seconds,
                  run_id FROM attempts ORDER BY id"""
    ).fetchall()
    before.close()
    opening = open_store(tmp_path)
    assert opening.warning is None and opening.moved_aside is None
    store = opening.store
    assert store.schema_version == SCHEMA_VERSION >= 4
    assert store.profiles() == ["default", "alice"]
    assert [(b.path, b.bank_id) for b in store.remembered_banks("default")] == [
        ("/clinic/bank-b.yaml", "bank-b")
    ]
    assert store.get_pref("theme") == "ketaquiz-light"
    assert [(f.question_id, f.note) for f in store.flags("default")] == [("q2", "ask about driving")]
    assert store.get_card("default", "q1") is not None
    assert store.latest_unfinished_run("default") is not None

    # Every attempt kept, same ids and values; each is now right or wrong as its `correct` said.
    after = sqlite3.connect(path)
    new_rows = after.execute(
        """SELECT id, profile_id, bank_id, question_id, choice_index, choice_text, correct, answered_at, seconds,
                  run_id, outcome FROM attempts ORDER BY id"""
    ).fetchall()
    indexes = {row[0] for row in after.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    after.close()
    assert [row[:10] for row in new_rows] == old_rows
    assert [row[10] for row in new_rows] == ["right" if row[6] else "wrong" for row in old_rows]
    assert "attempts_by_question" in indexes
    rows = list(store.iter_attempts("default"))
    assert [r.outcome for r in rows] == ["wrong", "right", "right", "wrong", "wrong"]

    progress = store.question_progress("default")
    assert progress["q1"].latest == "right" and progress["q2"].latest == "wrong"
    assert progress["q2"].answered == 2

    # And they go on from there, with the new outcome.
    store.record_answer("default", Attempt.dont_know("bank-b", "q2", datetime(2026, 3, 7, tzinfo=UTC)))
    q2 = store.question_progress("default")["q2"]
    assert (q2.answered, q2.right, q2.last_correct, q2.latest) == (3, 0, False, "dont_know")


def test_outcomes_are_recorded_and_dont_know_has_no_chosen_choice(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / STORE_FILENAME)
    store.record_answer("default", attempt("q1", True, T0))
    store.record_answer("default", attempt("q2", False, T0))
    store.record_answer("default", Attempt.dont_know("bank-a", "q3", T0, seconds=2.0))
    rows = list(store.iter_attempts("default"))
    assert [(r.question_id, r.outcome, r.correct, r.choice_index, r.choice_text) for r in rows] == [
        ("q1", "right", True, 0, "choice for q1"),
        ("q2", "wrong", False, 0, "choice for q2"),
        ("q3", "dont_know", False, None, None),
    ]
    progress = store.question_progress("default")
    assert [progress[q].latest for q in ("q1", "q2", "q3")] == ["right", "wrong", "dont_know"]
    # A don't-know counts as an answer, never as right.
    assert store.bank_summaries("default")["bank-a"][1:4] == (3, 1, 3)
    assert [(d.answered, d.right) for d in store.daily_counts("default")] == [(3, 1)]
    latest = store.latest_attempts("default")
    assert latest["q3"].outcome == "dont_know" and latest["q2"].choice_text == "choice for q2"
    # A chosen choice and dont_know do not go together.
    with pytest.raises(ValueError):
        store.record_answer("default", attempt("q4")._replace(outcome="dont_know"))
