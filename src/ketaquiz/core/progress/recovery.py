"""Opening the store in the data folder: open it, or move an unreadable file aside and start afresh, or fall back
to memory when the folder cannot be used. Never refuse to run, never delete a learner's file.
"""

# No `from __future__ import annotations`: a NamedTuple compiles every string annotation (typing.ForwardRef),
# which made start-up measurably slower (README, Performance). Quote names defined later or imported only
# for type checking.

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from ketaquiz.core.i18n import _
from ketaquiz.core.progress.records import (
    STORE_FILENAME,
    Clock,
    StoreError,
    StoreUnavailableError,
    StoreUnreadableError,
    utc_now,
)
from ketaquiz.core.progress.store import ProgressStore

__all__ = ["StoreOpening", "open_store", "peek_pref"]


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
        warning = _(
            "Your progress file {path} could not be read ({reason}) and could not be moved aside ({error}). "
            "Progress in this session will not be saved."
        ).format(path=path, reason=reason, error=exc)
        return StoreOpening(opening.store, None, warning, False)
    message = _(
        "Your progress file could not be read ({reason}). It was moved to {moved} (nothing was deleted) "
        "and a new one was started."
    ).format(reason=reason, moved=moved)
    try:
        store = ProgressStore(path, clock=clock)
    except StoreError as exc:
        opening = _memory_opening(clock, data_dir, exc)
        return StoreOpening(opening.store, moved, f"{message} {opening.warning}", False)
    return StoreOpening(store, moved, message, True)


def _memory_opening(clock: Clock, data_dir: Path, exc: BaseException) -> StoreOpening:
    from ketaquiz.core.paths import describe_os_error, folder_problem

    store = ProgressStore(":memory:", clock=clock)
    # Plain words ("… is a file, not a folder") rather than Python's "[Errno 17] File exists".
    problem = folder_problem(data_dir, write=True)
    if problem is None:
        reason = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        problem = _("the data folder {folder} cannot be used ({reason})").format(
            folder=data_dir, reason=reason
        )
    warning = _(
        "Progress will not be saved: {problem}. Choose another with --data-dir or KETAQUIZ_DATA_DIR."
    ).format(problem=problem)
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


def peek_pref(data_dir: Path, key: str) -> str | None:
    """A preference saved in `data_dir`'s store, read without opening the store for writing (no file is made, no
    migration runs); None when there is no store, no such preference, or the file cannot be read.

    The command line reads the interface language this way before it knows which command runs.
    """
    import sqlite3

    path = Path(data_dir) / STORE_FILENAME
    try:
        if not path.is_file():
            return None
        uri = f"{path.resolve().as_uri()}?mode=ro"  # i18n: not shown (an SQLite URI)
        db = sqlite3.connect(uri, uri=True, timeout=0.2)
        try:
            row = db.execute("SELECT value FROM prefs WHERE key = ?", (key,)).fetchone()
        finally:
            db.close()
    except (OSError, ValueError, sqlite3.Error):
        return None
    return row[0] if row and isinstance(row[0], str) else None
