"""Two learners' windows on one store: two `ketaquiz --plain` processes answering into one data folder at once.

The store's own two-writer test (tests/unit/test_progress.py) drives `ProgressStore` directly; here the whole
front end runs twice, from a data folder that does not exist yet (both processes create the store at once), with
every answer already in the pipe so both write as fast as they can.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ketaquiz.core.progress import STORE_FILENAME, ProgressStore
from ketaquiz.core.session import QuizSession
from tests.factories import make_bank
from tests.reliability.support import (
    broken_files,
    child_env,
    confirmed_answers,
    plain_args,
    write_simple_bank,
)

QUESTIONS = 150
ANSWERS = "1\n\n" * (QUESTIONS + 2)


def _run_together(data_dir: Path, banks: list[Path], out_dir: Path) -> list[tuple[int, str, str]]:
    """One plain-mode process per bank, all answering at once; (code, stdout, stderr) of each.

    The answers are written to the processes only when every one of them shows its first question, so they
    have all opened the store and chosen their run before any answer is saved, and then answer side by side.
    """
    procs = []
    for i, bank in enumerate(banks):
        out = (out_dir / f"writer-{i}.out").open("w+")
        proc = subprocess.Popen(
            plain_args(data_dir, bank, extra=("--count", "all")),  # the whole bank: 150 answers each
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
        )
        procs.append((proc, out))
    deadline = time.monotonic() + 60
    for proc, out in procs:
        while "Question 1 of" not in Path(out.name).read_text():
            assert proc.poll() is None, f"plain mode ended before its first question: {proc.returncode}"
            assert time.monotonic() < deadline, "plain mode did not show its first question"
            time.sleep(0.01)
    for proc, _out in procs:
        assert proc.stdin is not None
        proc.stdin.write(ANSWERS)
        proc.stdin.close()
    results = []
    for proc, out in procs:
        assert proc.stderr is not None
        err = proc.stderr.read()
        proc.wait(timeout=120)
        out.seek(0)
        results.append((proc.returncode, out.read(), err))
        out.close()
        proc.stderr.close()
    return results


def _totals(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "integrity_ok": int(one("PRAGMA integrity_check") == "ok"),
            "attempts": one("SELECT count(*) FROM attempts"),
            "question_stats": one("SELECT coalesce(sum(answered), 0) FROM question_stats"),
            "daily_stats": one("SELECT coalesce(sum(answered), 0) FROM daily_stats"),
            "profiles": one("SELECT count(*) FROM profiles"),
        }
    finally:
        conn.close()


@pytest.mark.slow
def test_two_plain_processes_on_two_banks_at_once_lose_nothing(tmp_path: Path) -> None:
    banks = [write_simple_bank(tmp_path / f"{b}.yaml", b, QUESTIONS) for b in ("alpha", "beta")]
    data = tmp_path / "data"  # does not exist yet: both processes create the store

    results = _run_together(data, banks, tmp_path)

    for code, out, err in results:
        assert code == 0, err
        assert "Traceback" not in err and "cannot be saved" not in err and "warning" not in err, err
        assert confirmed_answers(out) == QUESTIONS
        assert f"You got {QUESTIONS // 3} of {QUESTIONS} right." in out
    path = data / STORE_FILENAME
    assert broken_files(data) == []
    totals = _totals(path)
    assert totals == {
        "integrity_ok": 1,
        "attempts": 2 * QUESTIONS,
        "question_stats": 2 * QUESTIONS,
        "daily_stats": 2 * QUESTIONS,
        "profiles": 1,
    }
    _assert_two_finished_runs_that_overlap(path)


def _assert_two_finished_runs_that_overlap(path: Path) -> None:
    """Each process's run is finished, saved with all its answers, and the two wrote at the same time."""
    conn = sqlite3.connect(path)
    try:
        runs = conn.execute("SELECT id, state, finished FROM runs").fetchall()
        assert len(runs) == 2 and all(finished for _id, _state, finished in runs)
        spans = []
        for run_id, state, _finished in runs:
            assert len(json.loads(state)["answers"]) == QUESTIONS
            first, last, n = conn.execute(
                "SELECT min(answered_at), max(answered_at), count(*) FROM attempts WHERE run_id = ?",
                (run_id,),
            ).fetchone()
            assert n == QUESTIONS
            spans.append((first, last))
    finally:
        conn.close()
    # The two really wrote at the same time (else this proves nothing about two writers).
    (a_first, a_last), (b_first, b_last) = spans
    assert a_first < b_last and b_first < a_last, f"the runs did not overlap: {spans}"


@pytest.mark.slow
def test_two_plain_processes_on_the_same_bank_at_once_lose_nothing(tmp_path: Path) -> None:
    bank = write_simple_bank(tmp_path / "same.yaml", "same", QUESTIONS)
    data = tmp_path / "data"

    results = _run_together(data, [bank, bank], tmp_path)

    for code, out, err in results:
        assert code == 0, err
        assert "Traceback" not in err and "cannot be saved" not in err and "warning" not in err, err
        assert confirmed_answers(out) == QUESTIONS
    path = data / STORE_FILENAME
    assert broken_files(data) == []
    assert _totals(path) == {
        "integrity_ok": 1,
        "attempts": 2 * QUESTIONS,
        "question_stats": 2 * QUESTIONS,
        "daily_stats": 2 * QUESTIONS,
        "profiles": 1,
    }
    # Both updated the same rows of running totals: every question counts both answers.
    with ProgressStore(path) as store:
        progress = store.question_progress("default")
    assert len(progress) == QUESTIONS and {p.answered for p in progress.values()} == {2}
    _assert_two_finished_runs_that_overlap(path)


T1 = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
T2 = T1 + timedelta(minutes=1)


def test_an_answer_from_another_process_between_read_and_write_stays_in_the_schedule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """B works out its new schedule inside its write transaction; A, answering meanwhile, waits and builds on it."""
    import threading

    from ketaquiz.core import session as session_mod

    bank = make_bank("bank-a", 1, shuffle=False)
    qid = bank.questions[0].id
    path = tmp_path / STORE_FILENAME
    # Two connections to one file, as two processes have.
    store_a, store_b = ProgressStore(path), ProgressStore(path)
    session_a = QuizSession.from_bank(bank, store=store_a, clock=lambda: T2)
    session_b = QuizSession.from_bank(bank, store=store_b, clock=lambda: T1)
    real_review = session_mod.scheduling.review
    other: list[threading.Thread] = []

    def review_while_the_other_process_answers(card_json, correct, now):  # type: ignore[no-untyped-def]
        if not other:  # B, inside its transaction: A answers now, from another connection
            other.append(threading.Thread(target=session_a.answer, args=(1,)))  # wrong, at T2
            other[0].start()
            other[0].join(0.3)
            assert other[0].is_alive(), "A must wait for B's transaction, not write in the middle of it"
        return real_review(card_json, correct, now)

    monkeypatch.setattr(session_mod.scheduling, "review", review_while_the_other_process_answers)
    session_b.answer(0)  # right, at T1
    other[0].join(10)
    assert not other[0].is_alive()

    assert store_a.attempt_count("default") == 2  # both answers are kept...
    card = store_a.get_card("default", qid)
    both = real_review(real_review(None, True, T1).card_json, False, T2)
    assert card is not None
    assert card.due == both.due, "...and the schedule reflects both, B's then A's"
    store_a.close()
    store_b.close()
