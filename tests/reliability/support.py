"""Shared helpers for the reliability tests: banks written on the fly, plain mode as a subprocess, and what a
Textual app actually drew (its text, and the styles behind it).

Banks are written as JSON, which PyYAML reads as YAML: every string is quoted exactly, so a test can compare what
it wrote with what a front end shows, character for character.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.segment import Segment
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget

from ketaquiz.core.progress import STORE_FILENAME

# ----------------------------------------------------------------------------------------------------------------
# Banks


def bank_dict(
    bank_id: str,
    questions: Sequence[dict[str, Any]],
    *,
    title: str | None = None,
    summary: str = "A bank written by a reliability test.",
    source_title: str = "A test source",
) -> dict[str, Any]:
    """A whole bank (format 1) around the given questions, citing one source `src`."""
    return {
        "format": 1,
        "id": bank_id,
        "title": title or f"Bank {bank_id}",
        "summary": summary,
        "language": "en",
        "review": {"written": "2026-11-22", "reviewed_by": None, "reviewed_on": None},
        "sources": {
            "src": {
                "title": source_title,
                "publisher": "Test Publisher",
                "url": "https://example.org/source",
                "date": "2026-01-01",
            }
        },
        "questions": list(questions),
    }


def simple_question(qid: str, *, correct: int = 0, n_choices: int = 3) -> dict[str, Any]:
    """A short question whose choices are `<qid> choice 1`, ... in written (unshuffled) order."""
    choices: list[dict[str, Any]] = []
    for i in range(n_choices):
        choice: dict[str, Any] = {"text": f"{qid} choice {i + 1}"}
        if i == correct:
            choice["correct"] = True
        else:
            choice["why_not"] = f"{qid}: choice {i + 1} is not it."
        choices.append(choice)
    return {
        "id": qid,
        "prompt": f"Which choice of {qid} is right?",
        "choices": choices,
        "explanation": f"The right choice of {qid} is choice {correct + 1}.",
        "cite": {"source": "src", "quote": f"{qid} has one right choice."},
        "shuffle": False,
    }


def write_bank(path: Path, bank: dict[str, Any]) -> Path:
    path.write_text(json.dumps(bank, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def write_simple_bank(path: Path, bank_id: str, n_questions: int) -> Path:
    """A bank of `n_questions` unshuffled questions; the right answer is choice 1, 2, 3, 1, 2, 3, ..."""
    questions = [simple_question(f"{bank_id}-q{i + 1}", correct=i % 3) for i in range(n_questions)]
    return write_bank(path, bank_dict(bank_id, questions))


# ----------------------------------------------------------------------------------------------------------------
# Plain mode as a subprocess


def plain_args(data_dir: Path, *banks: Path, extra: Sequence[str] = ()) -> list[str]:
    """The command line of `ketaquiz --plain` over `banks`, keeping progress in `data_dir`."""
    args = [sys.executable, "-m", "ketaquiz", "--plain", "--data-dir", str(data_dir), *extra]
    for bank in banks:
        args += ["--bank", str(bank)]
    return args


def child_env() -> dict[str, str]:
    """The test's environment (its isolated folders included), with a fixed width and no colour."""
    # KETAQUIZ_SEED 27 keeps a quiz of 2 to 4 questions in its written order, so the answers can be scripted by position.
    return {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "KETAQUIZ_SEED": "27"}


def run_plain(
    data_dir: Path, *banks: Path, stdin: str = "", extra: Sequence[str] = (), timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        plain_args(data_dir, *banks, extra=extra),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=child_env(),
    )


CONFIRMED = ("Right. You chose ", "Not quite. You chose ")
"""Plain mode prints one of these only after `QuizSession.answer()` returned, i.e. after the answer was saved."""


def confirmed_answers(stdout: str) -> int:
    """How many answers plain mode confirmed on its standard output."""
    return sum(line.startswith(CONFIRMED) for line in stdout.splitlines())


def broken_files(data_dir: Path) -> list[Path]:
    """Store files moved aside (`progress.sqlite3.broken-...`), without their -wal/-shm companions."""
    return sorted(
        p for p in data_dir.glob(f"{STORE_FILENAME}.broken-*") if not p.name.endswith(("-wal", "-shm"))
    )


def squash(text: str) -> str:
    """Runs of white space as one space: plain mode wraps long lines at spaces, which is not a change of text."""
    return " ".join(text.split())


# ----------------------------------------------------------------------------------------------------------------
# What a Textual app drew


def _screen_update(app: App[Any]) -> Any:
    return app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)


def screen_text(app: App[Any]) -> str:
    """The screen as the terminal shows it, one line per row (what `export_screenshot` draws, as text)."""
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(_screen_update(app))
    return console.export_text()


def region_text(app: App[Any], region: Region) -> str:
    """The text drawn inside `region` (cells, not characters), one line per row: a dialog without the screen
    showing through around it."""
    rows = [Strip([seg for _strip in line for seg in _strip]) for line in _screen_update(app).strips]
    return "\n".join(row.crop(region.x, region.right).text for row in rows[region.y : region.bottom])


def screen_segments(app: App[Any]) -> Iterator[tuple[int, Segment]]:
    """(row, segment) for every segment drawn on the screen, with the style it carries."""
    for row, line in enumerate(_screen_update(app).strips):
        for strip in line:
            for segment in strip:
                yield row, segment


def live_markup(app: App[Any]) -> list[tuple[int, str, str]]:
    """Segments that carry a hyperlink or a click action: (row, text, what). Markup that ran leaves these.

    The app's own click actions (Home's line of keys, `home.MORE`) are not counted: no bank text makes those.
    """
    from ketaquiz.tui.screens.home import MORE

    own = {action for _binding, _key, _words, action in MORE}
    found = []
    for row, seg in screen_segments(app):
        style = seg.style
        if style is None:
            continue
        if style.link:
            found.append((row, seg.text, f"link {style.link}"))
        meta = style.meta if style._meta else {}
        if "@click" in meta and meta["@click"] not in own:
            found.append((row, seg.text, f"@click {meta['@click']}"))
    return found


# ----------------------------------------------------------------------------------------------------------------
# The real `ketaquiz` command, with its app driven by Pilot


Scenario = Callable[[Any, Pilot[Any]], Awaitable[None]]


def run_app_via_cli(
    monkeypatch: pytest.MonkeyPatch,
    argv: Sequence[str],
    scenario: Scenario,
    size: tuple[int, int] = (100, 32),
) -> int:
    """Run `ketaquiz ARGV` in this process as the command line would, except that the app it builds is run
    headless under Pilot and handed to `scenario(app, pilot)`.

    So the test sees exactly what `ketaquiz.commands.quiz` hands the app (the catalog, the store it opened and
    the notices about it), and the store stays open until the scenario ends, as it would for a learner.
    """
    from ketaquiz import cli
    from ketaquiz.tui.app import KetaquizApp

    ran: list[bool] = []

    def run_under_pilot(app: KetaquizApp, *args: object, **kwargs: object) -> None:
        async def drive() -> None:
            async with app.run_test(size=size) as pilot:
                await scenario(app, pilot)

        asyncio.run(drive())
        ran.append(True)

    monkeypatch.setattr(KetaquizApp, "run", run_under_pilot)
    code = cli.main(list(argv))
    assert ran, f"ketaquiz {' '.join(argv)} ended with {code} before opening the app"
    return code


async def settle(app: App[Any], pilot: Pilot[Any]) -> None:
    """Let workers (Home reads the learner's figures in one) finish and the screen catch up."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def widget_text(widget: Widget) -> str:
    """What a widget holds as plain text: for a Static, its content without styles."""
    return str(widget.render())
