"""ProgressStore: a learner's answers, schedule, flags, unfinished runs and the kiosk's counts in one SQLite file.

Every write is one `BEGIN IMMEDIATE` transaction in WAL mode with `synchronous=FULL`; reads of an unknown
profile are empty. What to do with a file that cannot be used is `recovery`'s decision, not the store's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ketaquiz.core.progress.connection import StoreFile
from ketaquiz.core.progress.records import (
    Attempt,
    AttemptRow,
    BankSummary,
    DailyCount,
    Flag,
    KioskStat,
    QuestionProgress,
    RememberedBank,
    RunRecord,
    _check_profile_name,
    _iso,
    _json,
    _parse,
    outcome_of,
)
from ketaquiz.core.scheduling import CardState

if TYPE_CHECKING:
    from ketaquiz.core.session_store import CardUpdate

__all__ = ["ProgressStore"]


def _card(card_json: str, due: str, last_review: str | None) -> CardState:
    return CardState(card_json=card_json, due=datetime.fromisoformat(due), last_review=_parse(last_review))


class ProgressStore(StoreFile):
    """A learner's progress in one SQLite file (or in memory with `":memory:"`).

    Safe for several processes at once (WAL, `BEGIN IMMEDIATE`, busy timeout) and for threads within one
    process (one connection behind a lock). Profiles are created on first write; reads of an unknown profile
    are empty.
    """

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
        profile_id: int = rows[0][0]
        self._profile_ids[profile] = profile_id
        return profile_id

    def _profile_rows(self, profile: str, sql: str, *params: object) -> list[Any]:
        """The rows of `sql`, whose first parameter is the profile's id; none for a profile that does not exist."""
        profile_id = self._existing_profile_id(profile)
        return [] if profile_id is None else self._read(sql, (profile_id, *params))

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
        self, profile: str, attempt: Attempt, card_state: CardUpdate = None, run: RunRecord | None = None
    ) -> None:
        """Save an answer, its question's new schedule state and the run's state, all in ONE transaction.

        `card_state` may be a function from the question's current schedule (card JSON, or None) to the new
        one; it is then called inside the write transaction, so an answer given meanwhile by another process
        cannot be lost from the schedule. Raises StoreWriteError if it cannot be saved; then none is saved.
        """
        answered_at = _iso(attempt.answered_at)
        day = answered_at[:10]
        outcome = outcome_of(attempt.correct, attempt.outcome)
        correct = int(outcome == "right")
        if (outcome == "dont_know") != (attempt.choice_index is None):
            raise ValueError("an answer has a chosen choice unless it is dont_know")
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
                """INSERT INTO attempts (profile_id, bank_id, question_id, outcome, choice_index, choice_text,
                                         correct, answered_at, seconds, run_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    profile_id,
                    attempt.bank_id,
                    attempt.question_id,
                    outcome,
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
                                               right_days, last_answered_at, last_correct, last_outcome)
                   VALUES (:p, :q, :b, 1, :c, :d, :t, :c, :o)
                   ON CONFLICT (profile_id, question_id) DO UPDATE SET
                       answered = answered + 1,
                       right_count = right_count + :c,
                       right_days = right_days + :d,
                       bank_id = CASE WHEN :t >= last_answered_at THEN :b ELSE bank_id END,
                       last_correct = CASE WHEN :t >= last_answered_at THEN :c ELSE last_correct END,
                       last_outcome = CASE WHEN :t >= last_answered_at THEN :o ELSE last_outcome END,
                       last_answered_at = max(last_answered_at, :t)""",
                {
                    "p": profile_id,
                    "q": attempt.question_id,
                    "b": attempt.bank_id,
                    "c": correct,
                    "o": outcome,
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
        rows = self._profile_rows(profile, "SELECT count(*) FROM attempts WHERE profile_id = ?")
        return int(rows[0][0]) if rows else 0

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
                          run_id, outcome
                   FROM attempts WHERE id > ? AND +profile_id = ? ORDER BY id LIMIT ?""",
                (last_id, profile_id, batch),
            )
            if not rows:
                return
            for row in rows:
                yield AttemptRow(row[1], row[2], row[3], row[4], row[5], bool(row[6]), row[7], row[8], row[9])
            last_id = rows[-1][0]

    def latest_attempts(self, profile: str) -> dict[str, AttemptRow]:
        """Each question's latest answer, by question id (the report shows the choice of a misconception)."""
        # One max() makes SQLite take the bare columns from the row holding it (the latest answer).
        rows = self._profile_rows(
            profile,
            """SELECT max(answered_at), bank_id, question_id, choice_index, choice_text, correct, seconds,
                      run_id, outcome
               FROM attempts WHERE profile_id = ? GROUP BY question_id""",
        )
        return {
            row[2]: AttemptRow(row[0], row[1], row[2], row[3], row[4], bool(row[5]), row[6], row[7], row[8])
            for row in rows
        }

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
        rows = self._profile_rows(
            profile,
            "SELECT card_json, due, last_review FROM cards WHERE profile_id = ? AND question_id = ?",
            question_id,
        )
        return _card(*rows[0]) if rows else None

    def all_cards(self, profile: str) -> dict[str, CardState]:
        """Every schedule state of the profile, by question id."""
        sql = "SELECT question_id, card_json, due, last_review FROM cards WHERE profile_id = ?"
        return {qid: _card(cj, due, lr) for qid, cj, due, lr in self._profile_rows(profile, sql)}

    def due_question_ids(
        self, profile: str, now: datetime, bank_ids: frozenset[str] | set[str] | None = None
    ) -> list[str]:
        """Questions whose schedule says they are due at `now`, earliest due first."""
        rows = self._profile_rows(
            profile,
            """SELECT question_id, bank_id FROM cards WHERE profile_id = ? AND due <= ?
               ORDER BY due, question_id""",
            _iso(now),
        )
        return [qid for qid, bank_id in rows if bank_ids is None or bank_id in bank_ids]

    # -- summaries

    def bank_summaries(self, profile: str) -> dict[str, BankSummary]:
        """Answers, right answers, distinct questions and last answer time per bank.

        A question counts in the bank of its latest answer: progress follows the question id.
        """
        rows = self._profile_rows(
            profile,
            """SELECT bank_id, sum(answered), sum(right_count), count(*), max(last_answered_at)
               FROM question_stats WHERE profile_id = ? GROUP BY bank_id""",
        )
        return {
            bank_id: BankSummary(bank_id, n, int(r or 0), q, _parse(last)) for bank_id, n, r, q, last in rows
        }

    def question_progress(self, profile: str) -> dict[str, QuestionProgress]:
        """Per question: answers, right answers, days answered right, the latest answer and the due time."""
        rows = self._profile_rows(
            profile,
            """SELECT s.question_id, s.bank_id, s.answered, s.right_count, s.right_days, s.last_answered_at,
                      s.last_correct, c.due, s.last_outcome
               FROM question_stats AS s
               LEFT JOIN cards AS c ON c.profile_id = s.profile_id AND c.question_id = s.question_id
               WHERE s.profile_id = ?""",
        )
        result: dict[str, QuestionProgress] = {}
        for qid, bank_id, n, r, rd, last_at, last_correct, due, last_outcome in rows:
            result[qid] = QuestionProgress(
                bank_id=bank_id,
                question_id=qid,
                answered=n,
                right=r,
                right_days=rd,
                last_answered_at=datetime.fromisoformat(last_at),
                last_correct=bool(last_correct),
                due=_parse(due),
                last_outcome=last_outcome,
            )
        return result

    def daily_counts(self, profile: str, since: date | None = None) -> list[DailyCount]:
        """Answers and right answers per UTC date, oldest first (for a chart), optionally from `since` on."""
        rows = self._profile_rows(
            profile,
            """SELECT day, answered, right_count FROM daily_stats
               WHERE profile_id = ? AND day >= ? ORDER BY day""",
            since.isoformat() if since else "",
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
        rows = self._profile_rows(
            profile,
            """SELECT bank_id, question_id, note, created_at FROM flags
               WHERE profile_id = ? AND question_id = ?""",
            question_id,
        )
        return Flag(rows[0][0], rows[0][1], rows[0][2], datetime.fromisoformat(rows[0][3])) if rows else None

    def flags(self, profile: str) -> list[Flag]:
        """All of the profile's flags, oldest first."""
        rows = self._profile_rows(
            profile,
            """SELECT bank_id, question_id, note, created_at FROM flags WHERE profile_id = ?
               ORDER BY created_at, question_id""",
        )
        return [Flag(b, q, n, datetime.fromisoformat(c)) for b, q, n, c in rows]

    # -- runs

    def _put_run(self, conn: sqlite3.Connection, profile_id: int, run: RunRecord) -> None:
        now = _iso(self._clock())
        if run.topic is not None and not run.finished:
            # One place per topic: a new run of a topic takes the place of the one left there before.
            conn.execute(
                """UPDATE runs SET finished = 1, updated_at = ?
                   WHERE profile_id = ? AND kind = ? AND topic = ? AND finished = 0 AND id != ?""",
                (now, profile_id, run.kind, run.topic, run.id),
            )
        conn.execute(
            """INSERT INTO runs (id, profile_id, kind, state, started_at, updated_at, finished, topic)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET
                   kind = excluded.kind, state = excluded.state, topic = excluded.topic,
                   updated_at = excluded.updated_at, finished = excluded.finished""",
            (
                run.id,
                profile_id,
                run.kind,
                _json().dumps(run.state, separators=(",", ":")),
                _iso(run.started_at),
                now,
                int(run.finished),
                run.topic,
            ),
        )

    def save_run(self, profile: str, run: RunRecord) -> None:
        """Create or replace a run's saved state (a run with a topic takes the place of that topic's last one)."""
        with self._write() as conn:
            self._put_run(conn, self._profile_id(conn, profile), run)

    def unfinished_runs(self, profile: str, kind: str | None = None) -> list[RunRecord]:
        """The unfinished runs (of `kind`, if given) for "Continue", most recently updated first: one per topic
        and kind. A run whose saved state cannot be read is left out (it cannot be continued)."""
        rows = self._profile_rows(
            profile,
            """SELECT id, kind, state, started_at, updated_at, topic FROM runs
               WHERE profile_id = ? AND finished = 0 AND (? IS NULL OR kind = ?)
               ORDER BY updated_at DESC, rowid DESC""",
            kind,
            kind,
        )
        runs = []
        for run_id, run_kind, state, started_at, updated_at, topic in rows:
            try:
                loaded = _json().loads(state)
            except ValueError:
                continue
            if isinstance(loaded, dict):
                started = datetime.fromisoformat(started_at)
                runs.append(RunRecord(run_id, run_kind, loaded, started, _parse(updated_at), False, topic))
        return runs

    def latest_unfinished_run(self, profile: str, kind: str | None = None) -> RunRecord | None:
        """The most recently updated unfinished run (of `kind`, if given), or None."""
        runs = self.unfinished_runs(profile, kind)
        return runs[0] if runs else None

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

    # -- clinic banks remembered

    def remember_banks(self, profile: str, banks: Iterable[tuple[str, str]]) -> None:
        """Remember bank files the profile is quizzed from with `--bank`: (absolute path, bank id) pairs.

        A bank remembered at another path (moved since) is remembered at its new one only.
        """
        banks = list(banks)
        now = _iso(self._clock())
        with self._write() as conn:
            profile_id = self._profile_id(conn, profile)
            conn.executemany(
                "DELETE FROM profile_banks WHERE profile_id = ? AND bank_id = ? AND path != ?",
                [(profile_id, bank_id, path) for path, bank_id in banks],
            )
            conn.executemany(
                """INSERT INTO profile_banks (profile_id, path, bank_id, first_used_at, last_used_at)
                   VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (profile_id, path) DO UPDATE SET
                       bank_id = excluded.bank_id, last_used_at = excluded.last_used_at""",
                [(profile_id, path, bank_id, now, now) for path, bank_id in banks],
            )

    def remembered_banks(self, profile: str) -> list[RememberedBank]:
        """The bank files the profile was quizzed from with `--bank`, in the order first used."""
        rows = self._profile_rows(
            profile,
            """SELECT path, bank_id, last_used_at FROM profile_banks WHERE profile_id = ?
               ORDER BY first_used_at, path""",
        )
        return [RememberedBank(path, bank_id, datetime.fromisoformat(last)) for path, bank_id, last in rows]

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
