"""One SQLite file opened the safe way: read-only inspection first, WAL, `synchronous=FULL`, busy timeout,
migrations one transaction each, and every write in one `BEGIN IMMEDIATE` transaction behind a lock.

`ProgressStore` (in `store`) builds on it; this module knows nothing of answers or profiles beyond the schema.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Self

from ketaquiz.core.i18n import _
from ketaquiz.core.progress.records import (
    Clock,
    StoreError,
    StoreUnavailableError,
    StoreUnreadableError,
    StoreWriteError,
    _iso,
    utc_now,
)
from ketaquiz.core.progress.schema import EXPECTED_TABLES, MIGRATIONS, SCHEMA_VERSION

__all__ = ["BUSY_TIMEOUT_SECONDS", "StoreFile"]

BUSY_TIMEOUT_SECONDS = 15.0
"""How long a write waits for another process's write to finish before giving up."""

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_BUSY = 5
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


def _newer(version: int) -> StoreUnreadableError:
    return StoreUnreadableError(
        _(
            "it was written by a newer version of ketaquiz (schema {version}; this one reads up to {known})"
        ).format(version=version, known=SCHEMA_VERSION)
    )


def _write_error(exc: sqlite3.Error) -> StoreWriteError:
    return StoreWriteError(_("could not save progress: {error}").format(error=exc))


class StoreFile:
    """The SQLite connection under a ProgressStore (or in memory with `":memory:"`).

    Safe for several processes at once (WAL, `BEGIN IMMEDIATE`, busy timeout) and for threads within one
    process (one connection behind a lock).
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
            raise StoreUnavailableError(
                _("cannot open {path}: {error}").format(path=self.path, error=exc)
            ) from exc
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
            if missing := EXPECTED_TABLES - tables:
                names = ", ".join(sorted(missing))
                raise StoreUnreadableError(_("tables are missing: {tables}").format(tables=names))
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
        uri = Path(self.path).absolute().as_uri() + "?mode=ro"  # i18n: not shown (an SQLite URI)
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise self._classify(exc) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            # The first statement that reads the header: garbage fails here with SQLITE_NOTADB.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise _newer(version)
            if version > 0 and verify:
                # quick_check reads every page: a truncated or damaged file is caught now, at opening, rather
                # than halfway through a quiz. (About 20 ms for 100,000 attempts; under 1 ms for a year's use.)
                problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
                if problems != ["ok"]:
                    found = "; ".join(problems)
                    raise StoreUnreadableError(_("the file is damaged ({problems})").format(problems=found))
        except sqlite3.Error as exc:
            raise self._classify(exc) from exc
        finally:
            conn.close()

    def _classify(self, exc: sqlite3.Error) -> StoreError:
        """A damaged file (move it aside) or one we simply cannot use here (never touch it)."""
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code in (_SQLITE_NOTADB, _SQLITE_CORRUPT):
            # SQLite's own words ("file is not a database") add nothing for the learner (they stay in __cause__).
            return StoreUnreadableError(_("it is damaged or is not a ketaquiz progress file"))
        return StoreUnavailableError(_("cannot use {path}: {error}").format(path=self.path, error=exc))

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
                    raise _newer(version)
                if version == SCHEMA_VERSION:
                    conn.execute("COMMIT")
                    return
                if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    # Checked under the write lock: another process may have just created our own tables.
                    raise StoreUnreadableError(_("it is an SQLite file, but not a ketaquiz progress store"))
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
                raise _write_error(exc) from exc
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback_quietly()
                raise _write_error(exc) from exc
            except BaseException:
                self._rollback_quietly()
                raise

    def _read(self, sql: str, params: tuple[Any, ...] | Mapping[str, Any] = ()) -> list[Any]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(_("could not read progress: {error}").format(error=exc)) from exc

    def close(self) -> None:
        """Close the connection (idempotent). WAL content is checkpointed into the main file by SQLite."""
        with self._lock, suppress(sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The schema version of the open file (always SCHEMA_VERSION once opened)."""
        return int(self._read("PRAGMA user_version")[0][0])
