"""The store's schema: numbered migrations, the version they reach, and the tables a usable store has.

Migration i takes a store from schema version i to i + 1; each runs in one transaction (see
`ProgressStore._migrate`). Never edit a released migration: add one, with a test from the schema before it.
"""

from __future__ import annotations

__all__ = ["EXPECTED_TABLES", "MIGRATIONS", "SCHEMA_VERSION"]

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
    # v3: clinic banks remembered: each bank file a profile was quizzed from with `--bank`, so `stats` and `export`
    # without `--bank` include the clinic's own questions beside the bundled banks.
    (
        """CREATE TABLE profile_banks (
            profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            bank_id TEXT NOT NULL,
            first_used_at TEXT NOT NULL,
            last_used_at TEXT NOT NULL,
            PRIMARY KEY (profile_id, path)
        ) WITHOUT ROWID""",
    ),
    # v4: each attempt's outcome: right, wrong, or dont_know ("I don't know yet", kept with no chosen choice).
    # SQLite cannot drop a NOT NULL, so attempts is rebuilt (same ids, same rows); every earlier attempt was
    # right or wrong. question_stats keeps the latest outcome beside last_correct.
    (
        """CREATE TABLE attempts_v4 (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            bank_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('right', 'wrong', 'dont_know')),
            choice_index INTEGER,
            choice_text TEXT,
            correct INTEGER NOT NULL CHECK (correct = (outcome = 'right')),
            answered_at TEXT NOT NULL,
            seconds REAL,
            run_id TEXT,
            CHECK ((outcome = 'dont_know') = (choice_index IS NULL))
        )""",
        """INSERT INTO attempts_v4 (id, profile_id, bank_id, question_id, outcome, choice_index, choice_text,
                                    correct, answered_at, seconds, run_id)
           SELECT id, profile_id, bank_id, question_id, CASE WHEN correct THEN 'right' ELSE 'wrong' END,
                  choice_index, choice_text, correct, answered_at, seconds, run_id
           FROM attempts""",
        "DROP TABLE attempts",
        "ALTER TABLE attempts_v4 RENAME TO attempts",
        "CREATE INDEX attempts_by_question ON attempts (profile_id, question_id, answered_at)",
        "ALTER TABLE question_stats ADD COLUMN last_outcome TEXT NOT NULL DEFAULT 'wrong'",
        "UPDATE question_stats SET last_outcome = 'right' WHERE last_correct",
    ),
    # v5: a place per topic. A run carries its topic (a topic quiz's bank id; '' for review and for essentials,
    # which keep one place each), and a profile has at most one unfinished run per kind and topic, so starting
    # another topic never drops the place kept in the first. Filled from each run's saved state (NULL when it
    # cannot be read: such a run holds no place); of several unfinished runs of one topic (a v4 store kept them
    # but offered only the latest), the most recent keeps the place and the others are closed.
    (
        "ALTER TABLE runs ADD COLUMN topic TEXT",
        """UPDATE runs SET topic = CASE
               WHEN kind != 'bank' THEN ''
               WHEN json_valid(state) THEN json_extract(state, '$.items[0].bank')
           END""",
        """UPDATE runs SET finished = 1
           WHERE finished = 0 AND topic IS NOT NULL AND EXISTS (
               SELECT 1 FROM runs AS later
               WHERE later.profile_id = runs.profile_id AND later.kind = runs.kind AND later.topic = runs.topic
                     AND later.finished = 0 AND (later.updated_at, later.rowid) > (runs.updated_at, runs.rowid))""",
        "CREATE UNIQUE INDEX runs_one_place ON runs (profile_id, kind, topic) WHERE finished = 0",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

EXPECTED_TABLES = frozenset(
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
        "profile_banks",
    }
)
