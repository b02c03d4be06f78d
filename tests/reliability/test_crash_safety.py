"""Crash safety: `ketaquiz --plain` answering as fast as it can is killed with SIGKILL at random moments.

A module fixture runs the quiz 50 times against one data folder, each time killing it at a seeded random moment:
one kill in five during start-up, the others while the run it continues is being answered. After every kill the
store must pass `PRAGMA integrity_check`, open without being moved aside, and hold every answer the process
confirmed on its standard output and at most one more: the answer in flight. Every saved run must list as many
answers as the store holds for it (so "Continue" resumes at the right question). The app must then open on that
store, show Home and offer "Continue".

Plain mode prints "Right. You chose" / "Not quite. You chose" only after `QuizSession.answer()` returned, that is
after the answer's transaction committed, so a confirmed answer is one the learner was told about.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from ketaquiz.core.catalog import load_catalog
from ketaquiz.core.progress import STORE_FILENAME, open_store
from ketaquiz.tui.app import KetaquizApp
from ketaquiz.tui.screens.home import HomeScreen
from ketaquiz.tui.screens.question import QuestionScreen
from tests.factories import WrittenOrder
from tests.reliability.support import (
    broken_files,
    child_env,
    confirmed_answers,
    plain_args,
    screen_text,
    write_simple_bank,
)

KILLS = 50
QUESTIONS = 80
"""Enough that answering takes longer than starting: most kills land while answers are being written."""
SEED = 20261122
ANSWERS = "1\n\n" * (QUESTIONS + 5)
"""Choice 1, then Enter, for every question: the whole run is in the pipe before the process starts reading."""


@dataclass(frozen=True)
class Kill:
    """One run of plain mode and what was found in the store after it."""

    delay: float
    returncode: int
    asked: int
    """Answers the process asked for (so 0: killed during start-up)."""
    confirmed: int
    """Answers the process confirmed on its standard output."""
    stored: int
    """Attempts the run added to the store."""
    integrity: str
    moved_aside: bool
    warning: str | None
    runs_consistent: bool
    """Every saved run's state lists as many answers as the store holds attempts for it."""
    traceback: bool


@dataclass(frozen=True)
class CrashScene:
    data_dir: Path
    bank: Path
    cache_dir: Path
    kills: list[Kill]


def _attempts(path: Path) -> int:
    if not path.exists():
        return 0
    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return conn.execute("SELECT count(*) FROM attempts").fetchone()[0] if "attempts" in tables else 0
    finally:
        conn.close()


def _inspect(path: Path) -> tuple[str, bool]:
    """integrity_check, and whether every run's saved answers match the attempts recorded for it."""
    conn = sqlite3.connect(path)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        consistent = True
        for run_id, state in conn.execute("SELECT id, state FROM runs"):
            saved = len(json.loads(state)["answers"])
            recorded = conn.execute("SELECT count(*) FROM attempts WHERE run_id = ?", (run_id,)).fetchone()[0]
            consistent &= saved == recorded
        return integrity, consistent
    finally:
        conn.close()


def _wait_for(out_file: Path, proc: subprocess.Popen[str], done: Callable[[str], bool]) -> None:
    deadline = time.monotonic() + 30
    while not done(out_file.read_text()) and proc.poll() is None:
        assert time.monotonic() < deadline, "plain mode did not get there in 30 s"
        time.sleep(0.002)


def _run_once(
    args: list[str], env: dict[str, str], out_file: Path, kill: Callable[[subprocess.Popen[str]], None]
) -> tuple[int, str, str]:
    """Start plain mode with every answer already in its input, let `kill` decide when to SIGKILL it, and
    return (exit code, stdout, stderr).

    Standard output goes to a file, not a pipe, so a full pipe can never hold the process up, and what it
    printed before it died is all there.
    """
    with (
        out_file.open("w+") as out,
        subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=out, stderr=subprocess.PIPE, text=True, env=env
        ) as proc,
    ):
        assert proc.stdin is not None and proc.stderr is not None
        proc.stdin.write(ANSWERS)
        proc.stdin.close()
        kill(proc)
        err = proc.stderr.read()
        proc.wait(timeout=60)
        out.seek(0)
        return proc.returncode, out.read(), err


def _after(delay: float) -> Callable[[subprocess.Popen[str]], None]:
    def kill(proc: subprocess.Popen[str]) -> None:
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)

    return kill


def _at_question(out_file: Path, n: int, delay: float) -> Callable[[subprocess.Popen[str]], None]:
    """Kill `delay` after plain mode asked for its n-th answer (so during that answer's save, or soon after)."""

    def kill(proc: subprocess.Popen[str]) -> None:
        _wait_for(out_file, proc, lambda out: out.count("Your answer (") >= n)
        _after(delay)(proc)

    return kill


def _remaining(data_dir: Path) -> int:
    """Questions left in the run plain mode will continue (all of them if it starts a new one)."""
    opening = open_store(data_dir)
    try:
        run = opening.store.latest_unfinished_run("default")
    finally:
        opening.store.close()
    return QUESTIONS - (len(run.state["answers"]) if run else 0)


@pytest.fixture(scope="module")
def crash_scene(tmp_path_factory: pytest.TempPathFactory) -> CrashScene:
    base = tmp_path_factory.mktemp("crash")
    bank = write_simple_bank(base / "crash.yaml", "crash", QUESTIONS)
    data_dir = base / "data"
    cache_dir = base / "cache"
    # Module scope runs before the per-test isolation, so the child's folders are set here explicitly.
    env = {**child_env(), "KETAQUIZ_CACHE_DIR": str(cache_dir), "KETAQUIZ_CONFIG": str(base / "kiosk.yaml")}
    args = plain_args(data_dir, bank, extra=("--count", "all"))  # the whole bank, every answer timed
    store_path = data_dir / STORE_FILENAME

    # One whole run, untouched, times this machine: start-up until the first question, then each answer.
    calibration = base / "calibration.out"
    timings: list[float] = []

    def measure(proc: subprocess.Popen[str]) -> None:
        started = time.perf_counter()
        _wait_for(calibration, proc, lambda out: "Question 1 of" in out)
        timings.append(time.perf_counter() - started)
        proc.wait(timeout=60)
        timings.append(time.perf_counter() - started)

    code, out, err = _run_once(args, env, calibration, measure)
    assert code == 0, err
    assert confirmed_answers(out) == QUESTIONS == _attempts(store_path)
    ready, whole = timings
    per_answer = (whole - ready) / QUESTIONS

    # Every fifth kill lands during start-up (the store being opened, checked, switched to WAL). The others wait
    # for a random question of the run being continued to be asked, then up to two answers' time: the moment is
    # random, but tied to the quiz's progress rather than to this machine's speed.
    rng = random.Random(SEED)
    kills = []
    for i in range(KILLS):
        out_file = base / f"kill-{i}.out"
        if i % 5 == 0:
            delay = rng.uniform(0.0, ready)
            kill = _after(delay)
        else:
            question = rng.randint(1, _remaining(data_dir))
            delay = rng.uniform(0.0, 2 * per_answer)
            kill = _at_question(out_file, question, delay)
        before = _attempts(store_path)
        code, out, err = _run_once(args, env, out_file, kill)
        integrity, runs_consistent = _inspect(store_path)
        opening = open_store(data_dir)
        try:
            stored = opening.store.attempt_count("default") - before
            moved_aside, warning = opening.moved_aside is not None, opening.warning
        finally:
            opening.store.close()
        kills.append(
            Kill(
                delay=delay,
                returncode=code,
                asked=out.count("Your answer ("),
                confirmed=confirmed_answers(out),
                stored=stored,
                integrity=integrity,
                moved_aside=moved_aside,
                warning=warning,
                runs_consistent=runs_consistent,
                traceback="Traceback" in err,
            )
        )

    # Last, a kill right after an answer, so the app below has an unfinished run to offer (a second try in case
    # that answer was the last of a continued run and finished it).
    for i in range(2):
        final = base / f"final-{i}.out"

        def after_an_answer(proc: subprocess.Popen[str], final: Path = final) -> None:
            _wait_for(final, proc, lambda out: confirmed_answers(out) > 0)
            proc.send_signal(signal.SIGKILL)

        _run_once(args, env, final, after_an_answer)
        if _remaining(data_dir) < QUESTIONS:
            break
    return CrashScene(data_dir, bank, cache_dir, kills)


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_at_most_the_answer_in_flight(crash_scene: CrashScene) -> None:
    kills = crash_scene.kills
    assert len(kills) == KILLS
    for i, k in enumerate(kills):
        where = f"kill {i} after {k.delay:.3f} s: {k}"
        assert k.returncode in (0, -signal.SIGKILL), where
        assert not k.traceback, where
        assert k.integrity == "ok", where
        assert not k.moved_aside and k.warning is None, where
        assert k.runs_consistent, where
        assert k.confirmed <= k.stored <= k.confirmed + 1, where
        if k.returncode == 0:
            assert k.stored == k.confirmed, where  # not killed: nothing was in flight
    # The kills must really have hit the quiz while it was writing, or the checks above prove little.
    killed = [k for k in kills if k.returncode == -signal.SIGKILL]
    mid_quiz = [k for k in killed if k.asked > 0]
    assert len(mid_quiz) >= KILLS // 2, f"only {len(mid_quiz)} kills landed while answers were being saved"
    assert any(k.stored == k.confirmed + 1 for k in mid_quiz), "no kill caught an answer in flight"
    assert any(k.asked == 0 for k in killed), "no kill landed during start-up"
    assert broken_files(crash_scene.data_dir) == []


@pytest.mark.slow
async def test_the_app_opens_on_the_crashed_store_and_offers_continue(
    crash_scene: CrashScene, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KETAQUIZ_CACHE_DIR", str(crash_scene.cache_dir))
    opening = open_store(crash_scene.data_dir)
    assert opening.moved_aside is None and opening.warning is None and opening.persistent
    store = opening.store
    unfinished = store.latest_unfinished_run("default")
    app = KetaquizApp(load_catalog([crash_scene.bank]), store, notices=[], order_rng=WrittenOrder())
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            home = app.screen
            assert isinstance(home, HomeScreen)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert home.overview is not None and home.overview.error is None
            assert not any(w.display for w in home.query("#store-error"))
            assert any(w.display for w in home.query("#continue")) == (unfinished is not None)
            if unfinished is not None:
                answered = len(unfinished.state["answers"])
                await pilot.press("c")
                await pilot.pause()
                assert isinstance(app.screen, QuestionScreen)
                assert f"Question {answered + 1} of {QUESTIONS}" in screen_text(app)
    finally:
        store.close()
    assert unfinished is not None, "the fixture's last kill leaves a run unfinished"
