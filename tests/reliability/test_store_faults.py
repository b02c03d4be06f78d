"""A progress store that cannot be used, as the learner meets it through the real front ends.

The store itself is tested in tests/unit/test_progress.py (garbage, truncated, damaged and newer files moved
aside; a file where the folder should be; SQLITE_FULL raising StoreWriteError). Here the same faults go through
`ketaquiz --plain` (a subprocess) and through `ketaquiz` (the real command, its app run under Pilot), to show the
learner is told what happened and where the old file went, and that the quiz runs either way.
"""

from __future__ import annotations

import random
import resource
import sqlite3
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from ketaquiz.core.catalog import load_catalog
from ketaquiz.core.progress import SCHEMA_VERSION, STORE_FILENAME, Attempt, ProgressStore, open_store
from ketaquiz.tui.app import KetaquizApp
from ketaquiz.tui.screens.home import HomeScreen
from ketaquiz.tui.screens.question import QuestionScreen
from tests.factories import WrittenOrder
from tests.reliability.support import (
    broken_files,
    child_env,
    plain_args,
    run_app_via_cli,
    run_plain,
    screen_text,
    settle,
    squash,
    widget_text,
    write_simple_bank,
)

T0 = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    return write_simple_bank(tmp_path / "faults.yaml", "faults", 3)


# ----------------------------------------------------------------------------------------------------------------
# Damaged store files


def _real_store(data_dir: Path, answers: int = 40) -> Path:
    """A store file with some answers in it, closed (so its WAL is checkpointed into the file)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / STORE_FILENAME
    with ProgressStore(path) as store:
        for i in range(answers):
            store.record_answer("default", Attempt("old-bank", f"old-q{i}", 0, "old choice " * 20, True, T0))
    return path


def _garbage(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / STORE_FILENAME).write_bytes(random.Random(7).randbytes(8192))


def _truncated(data_dir: Path) -> None:
    path = _real_store(data_dir)
    data = path.read_bytes()
    assert len(data) >= 4 * 4096
    path.write_bytes(data[: len(data) // 2])


def _newer_schema(data_dir: Path) -> None:
    path = _real_store(data_dir)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


DAMAGE: dict[str, Callable[[Path], None]] = {
    "garbage": _garbage,
    "truncated": _truncated,
    "newer-schema": _newer_schema,
}
REASON = {
    "garbage": "damaged or is not a ketaquiz progress file",
    "truncated": "",
    "newer-schema": "newer version of ketaquiz",
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_plain_mode_moves_a_damaged_store_aside_says_where_and_runs_the_quiz(
    tmp_path: Path, bank: Path, kind: str
) -> None:
    data = tmp_path / "data"
    DAMAGE[kind](data)
    original = (data / STORE_FILENAME).read_bytes()

    result = run_plain(data, bank, stdin="1\n\nq\n")

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    [moved] = broken_files(data)
    assert moved.read_bytes() == original, "the old file must be moved untouched, never deleted or rewritten"
    assert str(moved) in result.stderr  # the learner is told where it went...
    assert "nothing was deleted" in result.stderr and REASON[kind] in result.stderr  # ...and why
    assert "Question 1 of 3" in result.stdout and "You chose 1) faults-q1 choice 1" in result.stdout
    # The fresh store took the answer, and opens cleanly next time.
    opening = open_store(data)
    with opening.store as store:
        assert opening.moved_aside is None and opening.warning is None
        assert store.attempt_count("default") == 1


@pytest.mark.parametrize("kind", DAMAGE)
def test_the_app_moves_a_damaged_store_aside_says_where_on_home_and_runs_the_quiz(
    tmp_path: Path, bank: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    DAMAGE[kind](data)
    original = (data / STORE_FILENAME).read_bytes()

    async def scenario(app: KetaquizApp, pilot: Pilot[Any]) -> None:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        [moved] = broken_files(data)
        notices = [widget_text(w) for w in app.screen.query(".notice") if w.display]
        assert any(str(moved) in n and "nothing was deleted" in n for n in notices), notices
        # On the screen itself, not only in the widget tree.
        assert "Your progress file could not be read" in squash(screen_text(app))
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("1")
        await pilot.pause()
        assert not app.screen.query("#save-error"), "the fresh store should take the answer"

    code = run_app_via_cli(monkeypatch, ["--data-dir", str(data), "--bank", str(bank)], scenario)

    assert code == 0
    [moved] = broken_files(data)
    assert moved.read_bytes() == original
    with ProgressStore(data / STORE_FILENAME) as store:
        assert store.attempt_count("default") == 1


# ----------------------------------------------------------------------------------------------------------------
# A data folder that cannot be used: a file stands where the folder should be (chmod does not stop root)


def test_the_app_without_a_usable_data_folder_says_progress_is_not_saved_and_runs_the_quiz(
    tmp_path: Path, bank: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")

    async def scenario(app: KetaquizApp, pilot: Pilot[Any]) -> None:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        shown = squash(screen_text(app))
        assert "Progress will not be saved" in shown
        assert "Progress not saved" in shown  # the title bar keeps saying so on every screen
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert "Progress not saved" in screen_text(app)
        shown = app.screen.session.current  # the topic's order is fresh each time: find the right choice
        await pilot.press(str(shown.choices.index(shown.question.correct_choice) + 1))
        await pilot.pause()
        assert "Right!" in screen_text(app)
        assert not app.screen.query(
            "#save-error"
        )  # kept in memory for this session: nothing to apologise for

    code = run_app_via_cli(monkeypatch, ["--data-dir", str(blocker), "--bank", str(bank)], scenario)

    assert code == 0
    assert blocker.read_text() == "a file where the data folder should be"


def test_plain_mode_without_a_usable_data_folder_does_not_claim_answers_were_saved(
    tmp_path: Path, bank: Path
) -> None:
    # The warning at the start is tested in tests/functional/test_plain.py; here, what it says on stopping.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    result = run_plain(blocker, bank, stdin="1\n\nq\n")
    assert result.returncode == 0
    assert "Progress will not be saved" in result.stderr
    out = squash(result.stdout)
    assert "You answered 1 of 3" in out
    assert "are saved" not in out and "continue where you stopped" not in out.lower()
    assert "not saved" in out


# ----------------------------------------------------------------------------------------------------------------
# A full disk


def _limit_file_size(limit: int) -> Callable[[], None]:
    def apply() -> None:
        # Files may not grow past `limit`: write() fails with EFBIG (Python ignores SIGXFSZ), as it would fail
        # with ENOSPC on a full disk. Pipes are not files, so the quiz's output is not limited.
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.slow
def test_plain_mode_on_a_disk_that_fills_up_says_so_runs_the_quiz_and_keeps_earlier_answers(
    tmp_path: Path,
) -> None:
    bank = write_simple_bank(tmp_path / "four.yaml", "four", 4)
    data = tmp_path / "data"
    first = run_plain(data, bank, stdin="1\n\nq\n")
    assert first.returncode == 0, first.stderr
    with ProgressStore(data / STORE_FILENAME) as store:
        assert store.attempt_count("default") == 1

    # 32 KiB: room for SQLite's shared-memory index (exactly 32 KiB) but not for the WAL frames of an answer
    # (each changes about 8 pages of 4 KiB). The real process, the real SQLite error, the real front end.
    result = subprocess.run(
        plain_args(data, bank),
        input="2\n\n3\n\nq\n",
        capture_output=True,
        text=True,
        timeout=60,
        env={**child_env(), "PYTHONDONTWRITEBYTECODE": "1"},
        preexec_fn=_limit_file_size(32 * 1024),
    )

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    err = squash(result.stderr)
    assert "your progress cannot be saved right now" in err and "Free some disk space" in err
    failed = 1 + err.count("this answer could not be saved either")
    # The quiz went on (Continue picked up question 2) and, on stopping, does not claim the answers were kept.
    out = squash(result.stdout)
    assert "Continuing where you stopped: question 2 of 4" in out
    assert "You chose 2) four-q2 choice 2" in out and "You chose 3) four-q3 choice 3" in out
    assert "You answered 3 of 4 (3 right); your answers could not all be saved." in out
    # With the space back, the store is whole and holds exactly the answers that were not reported lost.
    opening = open_store(data)
    with opening.store as store:
        assert opening.moved_aside is None and opening.warning is None
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.attempt_count("default") == 1 + 2 - failed
    assert failed == 2, "with 32 KiB no answer fits: both should have failed"


async def test_the_app_on_a_full_disk_says_the_answer_was_not_saved_and_goes_on(tmp_path: Path) -> None:
    bank_path = write_simple_bank(tmp_path / "full.yaml", "full", 120)
    store = ProgressStore(tmp_path / STORE_FILENAME)
    # SQLite's own "database or disk is full" (SQLITE_FULL): no page may be added. Each answer saves the run's
    # state with it, which for 120 questions is larger than a page, so no answer can be saved.
    # (A fresh store's migrations rebuild a table and leave a free page behind: VACUUM gives it back first.)
    store._conn.execute("VACUUM")
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    assert store._conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    app = KetaquizApp(
        load_catalog([bank_path]), store, rng=random.Random(1), order_rng=WrittenOrder(), count="all"
    )
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("1")
            await pilot.pause()
            assert isinstance(app.screen, QuestionScreen)
            await pilot.press("1")
            await pilot.pause()
            [notice] = app.screen.query("#save-error")
            assert "This answer could not be saved" in widget_text(notice)
            assert "full" in widget_text(notice)
            shown = squash(screen_text(app))
            assert "This answer could not be saved" in shown, (
                "the notice must be on screen, not scrolled away"
            )
            assert "Right!" in shown
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, QuestionScreen)
            assert "Question 2 of 120" in screen_text(app)
    finally:
        store.close()
    with ProgressStore(tmp_path / STORE_FILENAME) as reopened:
        assert reopened._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert reopened.attempt_count("default") == 0
