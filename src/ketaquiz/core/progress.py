"""The progress store: a learner's answers, schedule, flags and unfinished runs, kept in SQLite.

One file, `progress.sqlite3`, in the data folder. Safety rules, in order of importance:

- Every write is one `BEGIN IMMEDIATE` transaction, in WAL mode with `synchronous=FULL`: a crash loses at
  most the answer in flight and never corrupts the file; two processes writing at once wait for each other
  (busy timeout).
- A file that cannot be read (garbage, truncated, written by a newer ketaquiz, not ours) is moved aside with a
  timestamped name, never deleted, and a fresh store is started; `open_store` says where the old one went.
- A data folder that cannot be written gives an in-memory store and a warning that progress will not be saved.
- A write that fails later (disk full, locked too long) raises `StoreWriteError`, after rolling back.

Times are stored as fixed-width UTC ISO text (`2026-11-22T10:15:00.000000+00:00`), so text order is time order
and `substr(t, 1, 10)` is the UTC date. Running totals per question and per day are updated in the same
transaction as each answer, so `ketaquiz stats` reads a row per question, however many answers there are.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from ketaquiz.core.safe_text import first_unsafe
from ketaquiz.core.scheduling import CardState

__all__ = [
    "DEFAULT_PROFILE",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "STORE_FILENAME",
    "Attempt",
    "AttemptRow",
    "BankSummary",
    "Clock",
    "DailyCount",
    "Flag",
    "KioskStat",
    "ProgressStore",
    "QuestionProgress",
    "RunRecord",
    "StoreError",
    "StoreOpening",
    "StoreUnavailableError",
    "StoreUnreadableError",
    "StoreWriteError",
    "open_store",
    "utc_now",
]

Clock = Callable[[], datetime]
"""Returns the current time as an aware datetime (converted to UTC by the store)."""

STORE_FILENAME = "progress.sqlite3"
DEFAULT_PROFILE = "default"
BUSY_TIMEOUT_SECONDS = 15.0
"""How long a write waits for another process's write to finish before giving up."""
MAX_PROFILE_NAME = 64

# Migration i takes a store from schema version i to i + 1; each runs in one transaction. Statements may use
# the named parameter :now (the store's clock, as UTC ISO text). Never edit a released migration: add one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # v1: profiles, attempts, flags, schedule cards, preferences, anonymous kiosk counts.
    (
        """CREATE TABLE profiles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        )""",
        "INSERT INTO profiles (name, created_at) VALUES ('default', :now)",
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            bank_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            choice_index INTEGER NOT NULL,
            choice_text TEXT NOT NULL,
            correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
            answered_at TEXT NOT NULL,
            seconds REAL
        )""",
        "CREATE INDEX attempts_by_question ON attempts (profile_id, question_id, answered_at)",
        """CREATE TABLE flags (
            profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            bank_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            PRIMARY KEY (profile_id, question_id)
        ) WITHOUT ROWID""",
        """CREATE TABLE cards (
            profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            bank_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            card_json TEXT NOT NULL,
            due TEXT NOT NULL,
            last_review TEXT,
            PRIMARY KEY (profile_id, question_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX cards_by_due ON cards (profile_id, due)",
        "CREATE TABLE prefs (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
        """CREATE TABLE kiosk_stats (
            bank_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            shown_count INTEGER NOT NULL DEFAULT 0,
            answered_count INTEGER NOT NULL DEFAULT 0,
            right_count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (bank_id, question_id)
        ) WITHOUT ROWID""",
    ),
    # v2: unfinished runs ("Continue"), attempts linked to their run, running totals for `stats`.
    (
        "ALTER TABLE attempts ADD COLUMN run_id TEXT",
        """CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            finished INTEGER NOT NULL DEFAULT 0 CHECK (finished IN (0, 1))
        )""",
        "CREATE INDEX runs_unfinished ON runs (profile_id, finished, updated_at)",
        # Running totals kept in the answer's own transaction, so `stats` reads one row per question (or per
        # day) instead of aggregating every attempt. Filled here from the attempts a v1 store already holds.
        """CREATE TABLE question_stats (
            profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            bank_id TEXT NOT NULL,
            answered INTEGER NOT NULL,
            right_count INTEGER NOT NULL,
            right_days INTEGER NOT NULL,
            last_answered_at TEXT NOT NULL,
            last_correct INTEGER NOT NULL,
            PRIMARY KEY (profile_id, question_id)
        ) WITHOUT ROWID""",
        # One max() makes SQLite take the bare columns (bank_id, correct) from the latest attempt.
        """INSERT INTO question_stats (profile_id, question_id, bank_id, answered, right_count, right_days,
                                       last_answered_at, last_correct)
           SELECT profile_id, question_id, bank_id, count(*), sum(correct),
                  count(DISTINCT CASE WHEN correct THEN substr(answered_at, 1, 10) END),
                  max(answered_at), correct
           FROM attempts GROUP BY profile_id, question_id""",
        """CREATE TABLE daily_stats (
            profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            answered INTEGER NOT NULL,
            right_count INTEGER NOT NULL,
            PRIMARY KEY (profile_id, day)
        ) WITHOUT ROWID""",
        """INSERT INTO daily_stats (profile_id, day, answered, right_count)
           SELECT profile_id, substr(answered_at, 1, 10), count(*), sum(correct)
           FROM attempts GROUP BY profile_id, substr(answered_at, 1, 10)""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

_EXPECTED_TABLES = frozenset(
    {
        "profiles",
        "attempts",
        "flags",
        "cards",
        "prefs",
        "kiosk_stats",
        "runs",
        "question_stats",
        "daily_stats",
    }
)

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_BUSY = 5
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


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


class Attempt(NamedTuple):
    """One answer as it is recorded."""

    bank_id: str
    question_id: str
    choice_index: int
    """Index of the chosen choice in the bank's written order (not the shuffled display order)."""
    choice_text: str
    """The chosen choice's text at the time, so the record stays readable if the bank changes."""
    correct: bool
    answered_at: datetime
    """Aware datetime; stored as UTC."""
    seconds: float | None = None
    """Time from showing the question to the answer."""
    run_id: str | None = None
    """The quiz run it belongs to, if any."""


class AttemptRow(NamedTuple):
    """One attempt as read back for export: a plain tuple, cheap to make by the hundred thousand."""

    answered_at: str
    """UTC ISO text."""
    bank_id: str
    question_id: str
    choice_index: int
    choice_text: str
    correct: bool
    seconds: float | None
    run_id: str | None


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


class DailyCount(NamedTuple):
    """Answers given on one UTC date."""

    day: date
    answered: int
    right: int


class RunRecord(NamedTuple):
    """A quiz run as kept for "Continue": its state is whatever `QuizSession.to_state()` returned."""

    id: str
    kind: str
    """"bank", "review" or "quick"."""
    state: Mapping[str, Any]
    """JSON-serialisable state."""
    started_at: datetime
    updated_at: datetime | None = None
    """Set by the store when saved."""
    finished: bool = False


class KioskStat(NamedTuple):
    """Anonymous kiosk counts for one question: never who, never in what order."""

    bank_id: str
    question_id: str
    shown: int
    answered: int
    right: int


# ----------------------------------------------------------------------------------------------------
# The store


class ProgressStore:
    """A learner's progress in one SQLite file (or in memory with `":memory:"`).

    Safe for several processes at once (WAL, `BEGIN IMMEDIATE`, busy timeout) and for threads within one
    process (one connection behind a lock). Profiles are created on first write; reads of an unknown profile
    are empty.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clock: Clock = utc_now,
        busy_timeout: float = BUSY_TIMEOUT_SECONDS,
        verify: bool = True,
    ) -> None:
        """Open (creating or migrating as needed) the store at `path`.

        `verify` runs SQLite's page check on an existing file (see `open_store`).

        Raises StoreUnreadableError for a file that is not a usable store (the caller decides what to do with
        it: `open_store` moves it aside) and StoreUnavailableError when it cannot be opened or created at all.
        """
        self.path: str = os.fspath(path)
        self.persistent: bool = self.path != ":memory:" and not self.path.startswith("file::memory:")
        self._clock = clock
        self._lock = threading.RLock()
        self._profile_ids: dict[str, int] = {}
        if self.persistent and os.path.isfile(self.path) and os.path.getsize(self.path) > 0:
            self._inspect_read_only(busy_timeout, verify)
        try:
            # isolation_level=None: the module never opens transactions behind our back; we BEGIN ourselves.
            self._conn = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreUnavailableError(f"cannot open {self.path}: {exc}") from exc
        try:
            self._setup(busy_timeout)
        except BaseException:
            self._conn.close()
            raise

    # -- opening

    def _setup(self, busy_timeout: float) -> None:
        conn = self._conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            # An existing file's header, version and pages were checked read-only already; a file another
            # process creates meanwhile is checked again by _migrate under the write lock.
            if self.persistent:
                self._switch_to_wal(busy_timeout)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if missing := _EXPECTED_TABLES - tables:
                raise StoreUnreadableError("tables are missing: " + ", ".join(sorted(missing)))
        except sqlite3.Error as exc:
            raise self._classify(exc) from exc

    def _switch_to_wal(self, busy_timeout: float) -> None:
        """Put the file in WAL mode, waiting out other processes doing the same.

        Two processes switching a new file at once can deadlock inside SQLite, which then answers SQLITE_BUSY at
        once instead of calling the busy handler; so wait and retry here, up to the busy timeout.
        """
        deadline = time.monotonic() + busy_timeout
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode = WAL").fetchone()
                return
            except sqlite3.OperationalError as exc:
                if getattr(exc, "sqlite_errorcode", 0) & 0xFF != _SQLITE_BUSY or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def _inspect_read_only(self, busy_timeout: float, verify: bool) -> None:
        """Check an existing file through a read-only connection before anything may write to it.

        A read-write connection that closes checkpoints and deletes the -wal file, which would change a damaged
        store before it is moved aside; a read-only one leaves the file and its WAL as they were.
        """
        uri = Path(self.path).absolute().as_uri() + "?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise self._classify(exc) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            # The first statement that reads the header: garbage fails here with SQLITE_NOTADB.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreUnreadableError(
                    f"it was written by a newer version of ketaquiz (schema {version}; this one reads up to "
                    f"{SCHEMA_VERSION})"
                )
            if version > 0 and verify:
                # quick_check reads every page: a truncated or damaged file is caught now, at opening, rather
                # than halfway through a quiz. (About 20 ms for 100,000 attempts; under 1 ms for a year's use.)
                problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
                if problems != ["ok"]:
                    raise StoreUnreadableError("the file is damaged (" + "; ".join(problems) + ")")
        except sqlite3.Error as exc:
            raise self._classify(exc) from exc
        finally:
            conn.close()

    def _classify(self, exc: sqlite3.Error) -> StoreError:
        """A damaged file (move it aside) or one we simply cannot use here (never touch it)."""
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code in (_SQLITE_NOTADB, _SQLITE_CORRUPT):
            # SQLite's own words ("file is not a database") add nothing for the learner (they stay in __cause__).
            return StoreUnreadableError("it is damaged or is not a ketaquiz progress file")
        return StoreUnavailableError(f"cannot use {self.path}: {exc}")

    def _migrate(self) -> None:
        """Bring the schema up to SCHEMA_VERSION, one migration per transaction.

        The version is read again after taking the write lock, so two processes opening an old file at once
        migrate it once.
        """
        conn = self._conn
        while True:
            conn.execute("BEGIN IMMEDIATE")
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise StoreUnreadableError(
                        f"it was written by a newer version of ketaquiz (schema {version})"
                    )
                if version == SCHEMA_VERSION:
                    conn.execute("COMMIT")
                    return
                if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    # Checked under the write lock: another process may have just created our own tables.
                    raise StoreUnreadableError("it is an SQLite file, but not a ketaquiz progress store")
                params = {"now": _iso(self._clock())}
                for statement in MIGRATIONS[version]:
                    conn.execute(statement, params)
                conn.execute(f"PRAGMA user_version = {version + 1}")
                conn.execute("COMMIT")
            except BaseException:
                self._rollback_quietly()
                raise

    # -- plumbing

    def _rollback_quietly(self) -> None:
        # SQLite may have rolled back by itself already (SQLITE_FULL, SQLITE_IOERR); then ROLLBACK errors.
        try:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed whole, or rolled back whole with StoreWriteError."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreWriteError(f"could not save progress: {exc}") from exc
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback_quietly()
                raise StoreWriteError(f"could not save progress: {exc}") from exc
            except BaseException:
                self._rollback_quietly()
                raise

    def _read(self, sql: str, params: tuple[Any, ...] | Mapping[str, Any] = ()) -> list[Any]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"could not read progress: {exc}") from exc

    def _profile_id(self, conn: sqlite3.Connection, profile: str) -> int:
        """The profile's id, creating the profile (inside the caller's write transaction)."""
        if (cached := self._profile_ids.get(profile)) is not None:
            return cached
        name = _check_profile_name(profile)
        row = conn.execute("SELECT id FROM profiles WHERE name = ?", (name,)).fetchone()
        if row is not None:
            self._profile_ids[profile] = row[0]  # committed earlier, so safe to remember
            return int(row[0])
        # Not cached: if this transaction rolls back, the id would not exist.
        cursor = conn.execute(
            "INSERT INTO profiles (name, created_at) VALUES (?, ?)", (name, _iso(self._clock()))
        )
        return int(cursor.lastrowid or 0)

    def _existing_profile_id(self, profile: str) -> int | None:
        if (cached := self._profile_ids.get(profile)) is not None:
            return cached
        rows = self._read("SELECT id FROM profiles WHERE name = ?", (profile,))
        if not rows:
            return None
        self._profile_ids[profile] = rows[0][0]
        return rows[0][0]

    def close(self) -> None:
        """Close the connection (idempotent). WAL content is checkpointed into the main file by SQLite."""
        with self._lock, suppress(sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The schema version of the open file (always SCHEMA_VERSION once opened)."""
        return int(self._read("PRAGMA user_version")[0][0])

    # -- profiles

    def profiles(self) -> list[str]:
        """All profile names, in order of creation."""
        return [row[0] for row in self._read("SELECT name FROM profiles ORDER BY id")]

    def ensure_profile(self, profile: str) -> None:
        """Create the profile if it does not exist yet."""
        with self._write() as conn:
            self._profile_id(conn, profile)

    # -- answers

    def record_answer(
        self,
        profile: str,
        attempt: Attempt,
        card_state: CardState | Callable[[str | None], CardState] | None = None,
        run: RunRecord | None = None,
    ) -> None:
        """Save an answer, its question's new schedule state and the run's state, all in ONE transaction.

        `card_state` may be a function from the question's current schedule (card JSON, or None) to the new
        one; it is then called inside the write transaction, so an answer given meanwhile by another process
        cannot be lost from the schedule. Raises StoreWriteError if it cannot be saved; then none is saved.
        """
        answered_at = _iso(attempt.answered_at)
        day = answered_at[:10]
        correct = int(attempt.correct)
        with self._write() as conn:
            profile_id = self._profile_id(conn, profile)
            # A right answer on a UTC date with no right answer yet adds a "right day" (mastery counts them).
            # "T" follows the date in every stored time, and "U" sorts after it: the range is that one day.
            new_right_day = 0
            if correct:
                earlier_right = conn.execute(
                    """SELECT 1 FROM attempts WHERE profile_id = ? AND question_id = ?
                       AND answered_at >= ? AND answered_at < ? AND correct = 1 LIMIT 1""",
                    (profile_id, attempt.question_id, day, day + "U"),
                ).fetchone()
                new_right_day = int(earlier_right is None)
            conn.execute(
                """INSERT INTO attempts (profile_id, bank_id, question_id, choice_index, choice_text, correct,
                                         answered_at, seconds, run_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    profile_id,
                    attempt.bank_id,
                    attempt.question_id,
                    attempt.choice_index,
                    attempt.choice_text,
                    correct,
                    answered_at,
                    attempt.seconds,
                    attempt.run_id,
                ),
            )
            # In an UPSERT's SET every column name means the row's old value, so the order of SETs is free.
            conn.execute(
                """INSERT INTO question_stats (profile_id, question_id, bank_id, answered, right_count,
                                               right_days, last_answered_at, last_correct)
                   VALUES (:p, :q, :b, 1, :c, :d, :t, :c)
                   ON CONFLICT (profile_id, question_id) DO UPDATE SET
                       answered = answered + 1,
                       right_count = right_count + :c,
                       right_days = right_days + :d,
                       bank_id = CASE WHEN :t >= last_answered_at THEN :b ELSE bank_id END,
                       last_correct = CASE WHEN :t >= last_answered_at THEN :c ELSE last_correct END,
                       last_answered_at = max(last_answered_at, :t)""",
                {
                    "p": profile_id,
                    "q": attempt.question_id,
                    "b": attempt.bank_id,
                    "c": correct,
                    "d": new_right_day,
                    "t": answered_at,
                },
            )
            conn.execute(
                """INSERT INTO daily_stats (profile_id, day, answered, right_count) VALUES (?, ?, 1, ?)
                   ON CONFLICT (profile_id, day) DO UPDATE SET
                       answered = answered + 1, right_count = right_count + excluded.right_count""",
                (profile_id, day, correct),
            )
            if callable(card_state):
                row = conn.execute(
                    "SELECT card_json FROM cards WHERE profile_id = ? AND question_id = ?",
                    (profile_id, attempt.question_id),
                ).fetchone()
                card_state = card_state(row[0] if row else None)
            if card_state is not None:
                self._put_card(conn, profile_id, attempt.bank_id, attempt.question_id, card_state)
            if run is not None:
                self._put_run(conn, profile_id, run)

    def attempt_count(self, profile: str) -> int:
        """How many answers the profile has given."""
        profile_id = self._existing_profile_id(profile)
        if profile_id is None:
            return 0
        return int(self._read("SELECT count(*) FROM attempts WHERE profile_id = ?", (profile_id,))[0][0])

    def iter_attempts(self, profile: str, *, batch: int = 1000) -> Iterator[AttemptRow]:
        """Every answer of the profile, oldest first, read in batches (for the CSV export)."""
        profile_id = self._existing_profile_id(profile)
        if profile_id is None:
            return
        last_id = 0
        # Keyset pagination on the rowid: no cursor (and no read snapshot) stays open while the caller works on
        # a batch. The unary + keeps SQLite on the rowid range rather than a profile index plus a sort.
        while True:
            rows = self._read(
                """SELECT id, answered_at, bank_id, question_id, choice_index, choice_text, correct, seconds,
                          run_id
                   FROM attempts WHERE id > ? AND +profile_id = ? ORDER BY id LIMIT ?""",
                (last_id, profile_id, batch),
            )
            if not rows:
                return
            for row in rows:
                yield AttemptRow(row[1], row[2], row[3], row[4], row[5], bool(row[6]), row[7], row[8])
            last_id = rows[-1][0]

    # -- schedule

    @staticmethod
    def _put_card(
        conn: sqlite3.Connection, profile_id: int, bank_id: str, question_id: str, card_state: CardState
    ) -> None:
        conn.execute(
            """INSERT INTO cards (profile_id, bank_id, question_id, card_json, due, last_review)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (profile_id, question_id) DO UPDATE SET
                   bank_id = excluded.bank_id, card_json = excluded.card_json,
                   due = excluded.due, last_review = excluded.last_review""",
            (
                profile_id,
                bank_id,
                question_id,
                card_state.card_json,
                _iso(card_state.due),
                _iso(card_state.last_review) if card_state.last_review else None,
            ),
        )

    def get_card(self, profile: str, question_id: str) -> CardState | None:
        """The question's schedule state for the profile, or None if it was never answered."""
        profile_id = self._existing_profile_id(profile)
        if profile_id is None:
            return None
        rows = self._read(
            "SELECT card_json, due, last_review FROM cards WHERE profile_id = ? AND question_id = ?",
            (profile_id, question_id),
        )
        if not rows:
            return None
        card_json, due, last_review = rows[0]
        return CardState(
            card_json=card_json, due=datetime.fromisoformat(due), last_review=_parse(last_review)
        )

    def all_cards(self, profile: str) -> dict[str, CardState]:
        """Every schedule state of the profile, by question id."""
        profile_id = self._existing_profile_id(profile)
        if profile_id is None:
            return {}
        rows = self._read(
            "SELECT question_id, card_json, due, last_review FROM cards WHERE profile_id = ?", (profile_id,)
        )
        return {
            qid: CardState(card_json=cj, due=datetime.fromisoformat(due), last_review=_parse(lr))
            for qid, cj, due, lr in rows
        }

    def due_question_ids(
        self, profile: str, now: datetime, bank_ids: frozenset[str] | set[str] | None = None
    ) -> list[str]:
        """Questions whose schedule says they are due at `now`, earliest due first."""
        profile_id = self._existing_profile_id(profile)
        if profile_id is None:
            return []
        rows = self._read(
            """SELECT question_id, bank_id FROM cards WHERE profile_id = ? AND due <= ?
               ORDER BY due, question_id""",
            (profile_id, _iso(now)),
        )
        return [qid for qid, bank_id in rows if bank_ids is None or bank_id in bank_ids]

    # -- summaries

    def bank_summaries(self, profile: str) -> dict[str, BankSummary]:
        """Answers, right answers, distinct questions and last answer time per bank.

        A question counts in the bank of its latest answer: progress follows the question id.
        """
        profile_id = self._existing_profile_id(profile)
        if profile_id is None:
            return {}
        rows = self._read(
            """SELECT bank_id, sum(answered), sum(right_count), count(*), max(last_answered_at)
               FROM question_stats WHERE profile_id = ? GROUP BY bank_id""",
            (profile_id,),
        )
        return {
            bank_id: BankSummary(bank_id, n, int(r or 0), q, _parse(last)) for bank_id, n, r, q, last in rows
        }

    def question_progress(self, profile: str) -> dict[str, QuestionProgress]:
        """Per question: answers, right answers, days answered right, the latest answer and the due time."""
        profile_id = self._existing_profile_id(profile)
        if profile_id is None:
            return {}
        rows = self._read(
            """SELECT s.question_id, s.bank_id, s.answered, s.right_count, s.right_days, s.last_answered_at,
                      s.last_correct, c.due
               FROM question_stats AS s
               LEFT JOIN cards AS c ON c.profile_id = s.profile_id AND c.question_id = s.question_id
               WHERE s.profile_id = ?""",
            (profile_id,),
        )
        result: dict[str, QuestionProgress] = {}
        for qid, bank_id, n, r, rd, last_at, last_correct, due in rows:
            result[qid] = QuestionProgress(
                bank_id=bank_id,
                question_id=qid,
                answered=n,
                right=r,
                right_days=rd,
                last_answered_at=datetime.fromisoformat(last_at),
                last_correct=bool(last_correct),
                due=_parse(due),
            )
        return result

    def daily_counts(self, profile: str, since: date | None = None) -> list[DailyCount]:
        """Answers and right answers per UTC date, oldest first (for a chart), optionally from `since` on."""
        profile_id = self._existing_profile_id(profile)
        if profile_id is None:
            return []
        rows = self._read(
            """SELECT day, answered, right_count FROM daily_stats
               WHERE profile_id = ? AND day >= ? ORDER BY day""",
            (profile_id, since.isoformat() if since else ""),
        )
        return [DailyCount(date.fromisoformat(day), n, r) for day, n, r in rows]

    # -- flags

    def set_flag(self, profile: str, bank_id: str, question_id: str, note: str = "") -> None:
        """Flag a question "ask my care team"; flagging it again replaces the note."""
        with self._write() as conn:
            profile_id = self._profile_id(conn, profile)
            conn.execute(
                """INSERT INTO flags (profile_id, bank_id, question_id, note, created_at)
                   VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (profile_id, question_id) DO UPDATE SET
                       note = excluded.note, bank_id = excluded.bank_id""",
                (profile_id, bank_id, question_id, note, _iso(self._clock())),
            )

    def clear_flag(self, profile: str, question_id: str) -> None:
        """Remove the question's flag (no error if it had none)."""
        profile_id = self._existing_profile_id(profile)
        if profile_id is None:
            return
        with self._write() as conn:
            conn.execute(
                "DELETE FROM flags WHERE profile_id = ? AND question_id = ?", (profile_id, question_id)
            )

    def get_flag(self, profile: str, question_id: str) -> Flag | None:
        """The question's flag, or None."""
        profile_id = self._existing_profile_id(profile)
        if profile_id is None:
            return None
        rows = self._read(
            """SELECT bank_id, question_id, note, created_at FROM flags
               WHERE profile_id = ? AND question_id = ?""",
            (profile_id, question_id),
        )
        return Flag(rows[0][0], rows[0][1], rows[0][2], datetime.fromisoformat(rows[0][3])) if rows else None

    def flags(self, profile: str) -> list[Flag]:
        """All of the profile's flags, oldest first."""
        profile_id = self._existing_profile_id(profile)
        if profile_id is None:
            return []
        rows = self._read(
            """SELECT bank_id, question_id, note, created_at FROM flags WHERE profile_id = ?
               ORDER BY created_at, question_id""",
            (profile_id,),
        )
        return [Flag(b, q, n, datetime.fromisoformat(c)) for b, q, n, c in rows]

    # -- runs

    def _put_run(self, conn: sqlite3.Connection, profile_id: int, run: RunRecord) -> None:
        conn.execute(
            """INSERT INTO runs (id, profile_id, kind, state, started_at, updated_at, finished)
               VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET
                   kind = excluded.kind, state = excluded.state,
                   updated_at = excluded.updated_at, finished = excluded.finished""",
            (
                run.id,
                profile_id,
                run.kind,
                _json().dumps(run.state, separators=(",", ":")),
                _iso(run.started_at),
                _iso(self._clock()),
                int(run.finished),
            ),
        )

    def save_run(self, profile: str, run: RunRecord) -> None:
        """Create or replace a run's saved state."""
        with self._write() as conn:
            self._put_run(conn, self._profile_id(conn, profile), run)

    def latest_unfinished_run(self, profile: str, kind: str | None = None) -> RunRecord | None:
        """The most recently updated unfinished run (of `kind`, if given) for "Continue", or None."""
        profile_id = self._existing_profile_id(profile)
        if profile_id is None:
            return None
        rows = self._read(
            """SELECT id, kind, state, started_at, updated_at FROM runs
               WHERE profile_id = ? AND finished = 0 AND (? IS NULL OR kind = ?)
               ORDER BY updated_at DESC, rowid DESC""",
            (profile_id, kind, kind),
        )
        for run_id, run_kind, state, started_at, updated_at in rows:
            try:
                loaded = _json().loads(state)
            except ValueError:
                continue  # an unreadable state cannot be continued; an older run may still be
            if isinstance(loaded, dict):
                return RunRecord(
                    run_id, run_kind, loaded, datetime.fromisoformat(started_at), _parse(updated_at), False
                )
        return None

    def finish_run(self, run_id: str) -> None:
        """Mark a run finished: it is no longer offered for "Continue" (its attempts stay)."""
        with self._write() as conn:
            conn.execute(
                "UPDATE runs SET finished = 1, updated_at = ? WHERE id = ?", (_iso(self._clock()), run_id)
            )

    def discard_run(self, run_id: str) -> None:
        """Forget a run's saved state (its attempts stay: they were real answers)."""
        with self._write() as conn:
            conn.execute("DELETE FROM runs WHERE id = ?", (run_id,))

    # -- preferences

    def get_pref(self, key: str, default: str | None = None) -> str | None:
        """A stored preference (shared by all profiles, e.g. the theme)."""
        rows = self._read("SELECT value FROM prefs WHERE key = ?", (key,))
        return rows[0][0] if rows else default

    def set_pref(self, key: str, value: str) -> None:
        """Store a preference."""
        with self._write() as conn:
            conn.execute(
                """INSERT INTO prefs (key, value) VALUES (?, ?)
                   ON CONFLICT (key) DO UPDATE SET value = excluded.value""",
                (key, value),
            )

    # -- kiosk statistics

    def count_shown(self, bank_id: str, question_id: str) -> None:
        """Kiosk: one more showing of the question (no visitor, no time, no order is kept)."""
        self._bump_kiosk(bank_id, question_id, 1, 0, 0)

    def count_answered(self, bank_id: str, question_id: str, correct: bool) -> None:
        """Kiosk: one more answer to the question, right or not."""
        self._bump_kiosk(bank_id, question_id, 0, 1, int(correct))

    def _bump_kiosk(self, bank_id: str, question_id: str, shown: int, answered: int, right: int) -> None:
        with self._write() as conn:
            conn.execute(
                """INSERT INTO kiosk_stats (bank_id, question_id, shown_count, answered_count, right_count)
                   VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (bank_id, question_id) DO UPDATE SET
                       shown_count = shown_count + excluded.shown_count,
                       answered_count = answered_count + excluded.answered_count,
                       right_count = right_count + excluded.right_count""",
                (bank_id, question_id, shown, answered, right),
            )

    def kiosk_stats(self) -> list[KioskStat]:
        """All kiosk counts, by bank and question id."""
        rows = self._read(
            """SELECT bank_id, question_id, shown_count, answered_count, right_count FROM kiosk_stats
               ORDER BY bank_id, question_id"""
        )
        return [KioskStat(*row) for row in rows]


def _check_profile_name(name: str) -> str:
    if (
        not isinstance(name, str)
        or not name.strip()
        or len(name) > MAX_PROFILE_NAME
        or first_unsafe(name, multiline=False) is not None
        or not name.isprintable()
    ):
        raise ValueError(f"invalid profile name {name!r}: 1 to {MAX_PROFILE_NAME} printable characters")
    return name


# ----------------------------------------------------------------------------------------------------
# Opening the store in the data folder


class StoreOpening(NamedTuple):
    """What `open_store` got: a store that always works, and what the learner should be told."""

    store: ProgressStore
    moved_aside: Path | None = None
    """Where an unreadable store file was moved (it is never deleted)."""
    warning: str | None = None
    """A message for the learner, or None when all is well."""
    persistent: bool = True
    """False when progress lives in memory only and will not be saved."""


def open_store(data_dir: Path, clock: Clock = utc_now, *, verify: bool = True) -> StoreOpening:
    """Open `data_dir/progress.sqlite3`, recovering from every failure rather than refusing to run.

    - The folder cannot be made or written: an in-memory store, `persistent=False`, and a warning.
    - The file is garbage, truncated, damaged, not ours, or from a newer schema: it is moved aside (with its
      -wal and -shm files) as `progress.sqlite3.broken-YYYYMMDDTHHMMSSZ`, a fresh store is made, and the
      warning says where the old file went.

    `verify=False` skips SQLite's page-by-page check (about 20 ms per 100,000 attempts) for read-only commands
    such as `stats`: garbage, truncated and newer files are still caught at opening, and a damaged page met
    later raises StoreError.
    """
    data_dir = Path(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _memory_opening(clock, data_dir, exc)
    path = data_dir / STORE_FILENAME
    try:
        return StoreOpening(ProgressStore(path, clock=clock, verify=verify))
    except StoreUnavailableError as exc:
        return _memory_opening(clock, data_dir, exc)
    except StoreUnreadableError as exc:
        reason = str(exc)
    try:
        moved = _move_aside(path, clock())
    except OSError as exc:
        opening = _memory_opening(clock, data_dir, exc)
        warning = (
            f"Your progress file {path} could not be read ({reason}) and could not be moved aside ({exc}). "
            "Progress in this session will not be saved."
        )
        return StoreOpening(opening.store, None, warning, False)
    message = (
        f"Your progress file could not be read ({reason}). It was moved to {moved} (nothing was deleted) "
        "and a new one was started."
    )
    try:
        store = ProgressStore(path, clock=clock)
    except StoreError as exc:
        opening = _memory_opening(clock, data_dir, exc)
        return StoreOpening(opening.store, moved, f"{message} {opening.warning}", False)
    return StoreOpening(store, moved, message, True)


def _memory_opening(clock: Clock, data_dir: Path, exc: BaseException) -> StoreOpening:
    store = ProgressStore(":memory:", clock=clock)
    warning = (
        f"Progress will not be saved: the data folder {data_dir} cannot be used ({exc}). "
        "Choose another with --data-dir or KETAQUIZ_DATA_DIR."
    )
    return StoreOpening(store, None, warning, False)


def _move_aside(path: Path, now: datetime) -> Path:
    """Rename the store and its -wal/-shm files to a timestamped name that does not exist yet."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    n = 1
    while any(Path(f"{target}{suffix}").exists() for suffix in ("", "-wal", "-shm")):
        n += 1
        target = path.with_name(f"{path.name}.broken-{stamp}-{n}")
    # Same suffixes on the new name, so SQLite opening the moved file still finds its WAL (committed pages
    # live there until a checkpoint) and a fresh store at the old name never picks up a stale WAL.
    for suffix in ("-wal", "-shm", ""):
        source = Path(f"{path}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{target}{suffix}"))
    return target
