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

The package keeps its parts apart: `records` (the NamedTuples everyone passes around, and the errors), `schema`
(the migrations), `store` (ProgressStore on sqlite3) and `recovery` (open, or move aside, or fall back to
memory). Import from `ketaquiz.core.progress` itself; the names below are its public face.
"""

from __future__ import annotations

from ketaquiz.core.progress import records
from ketaquiz.core.progress.connection import BUSY_TIMEOUT_SECONDS
from ketaquiz.core.progress.records import *  # noqa: F403 (the records and errors: `records.__all__`)
from ketaquiz.core.progress.recovery import StoreOpening, open_store, peek_pref
from ketaquiz.core.progress.schema import MIGRATIONS, SCHEMA_VERSION
from ketaquiz.core.progress.store import ProgressStore

__all__ = [
    "BUSY_TIMEOUT_SECONDS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "ProgressStore",
    "StoreOpening",
    "open_store",
    "peek_pref",
]
__all__ += records.__all__
