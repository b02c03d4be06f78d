"""Bank text is data, never markup: what a bank says is shown exactly as written, and nothing in it runs.

A bank full of Textual/Rich markup (`[bold]`, `[link=...]`, `[@click=app.quit]`), `$variables`, emoji codes,
backslashes, a 300-character word, right-to-left scripts and combining marks goes through plain mode (a
subprocess: exact text on standard output) and through every screen of the app that shows bank or learner text
(Pilot: the text on the drawn screen, no live links or click actions, and a click on the would-be action does
nothing), plus one snapshot of the question at 80x24.

Control characters and escape sequences never get this far: the loader refuses them with the file and line
(tests/unit/test_bank.py::test_control_and_bidi_override_characters_refused); `ketaquiz.tui.text.literal` strips
them again for text that does not come from a bank.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from ketaquiz.core.catalog import load_catalog
from ketaquiz.core.progress import ProgressStore
from ketaquiz.tui.app import KetaquizApp
from ketaquiz.tui.screens.flag import FlagDialog
from ketaquiz.tui.screens.home import HomeScreen
from ketaquiz.tui.screens.progress import ProgressScreen
from ketaquiz.tui.screens.question import QuestionScreen
from ketaquiz.tui.screens.summary import SummaryScreen
from tests.factories import WrittenOrder
from tests.reliability.support import (
    bank_dict,
    live_markup,
    region_text,
    run_plain,
    screen_text,
    settle,
    squash,
    write_bank,
)

BOLD = "[bold]x[/bold]"
LINK = "[link=http://x]y[/link]"
CLICK = "[@click=app.quit]z[/]"
VARS = "$variables ${braces} $HOME"
EXTRAS = r":warning: \[kept] C:\path\[x]"
"""An emoji code Rich would replace, and backslashes markup would treat as escapes."""
LONG_WORD = ("Pneumonoultramicroscopicsilicovolcanoconiosis" * 7)[:300]
HEBREW = "שלום, זה טקסט בעברית"
ARABIC = "مرحبا، هذا نص عربي"
COMBINING = "Cafe\u0301 nai\u0308ve Zu\u0308rich"
"""Decomposed: each accent is a combining mark after its letter."""

TITLE = f"[bold]Markup[/bold] $title {HEBREW[:4]}"
SUMMARY = f"{LINK} {CLICK} summary"
PROMPT = f"{CLICK} Is {BOLD} shown as typed? {LINK} {VARS} {EXTRAS}"
CHOICES = (LONG_WORD, f"{HEBREW} [red]r[/red]", f"{ARABIC} {COMBINING}")
WHY_NOT = f"{CLICK} {ARABIC} $why"
EXPLANATION = f"{BOLD} {VARS} {COMBINING} {HEBREW}"
QUOTE = f"{LINK} quoted {ARABIC}"
SOURCE_TITLE = f"[b]Source[/b] {VARS}"
NOTE = f"[bold]note[/bold] $note {CLICK}"
PROFILE = "[b]Sam[/b] $me"
"""A profile name from the command line is learner text too (the title bar shows it)."""

SECOND_PROMPT = f"Second: {ARABIC} {BOLD}?"
TOKENS = (BOLD, LINK, CLICK, "$variables", "${braces}", "$HOME", ":warning:", r"\[kept]", r"C:\path\[x]")


def injection_bank() -> dict[str, Any]:
    question = {
        "id": "inj-everything",
        "prompt": PROMPT,
        "choices": [
            {"text": CHOICES[0], "correct": True},
            {"text": CHOICES[1], "why_not": WHY_NOT},
            {"text": CHOICES[2], "why_not": "[italic]not[/italic] this one"},
        ],
        "explanation": EXPLANATION,
        "cite": {"source": "src", "quote": QUOTE},
        "shuffle": False,
    }
    second = {
        "id": "inj-second",
        "prompt": SECOND_PROMPT,
        "choices": [{"text": "Yes", "correct": True}, {"text": f"No {CLICK}", "why_not": HEBREW}],
        "explanation": "It is shown as written.",
        "cite": {"source": "src", "quote": "Plain words."},
        "shuffle": False,
    }
    return bank_dict("injection", [question, second], title=TITLE, summary=SUMMARY, source_title=SOURCE_TITLE)


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    return write_bank(tmp_path / "injection.yaml", injection_bank())


def test_the_loader_keeps_the_text_exactly(bank: Path) -> None:
    [loaded] = load_catalog([bank]).banks
    q = loaded.questions[0]
    assert (loaded.title, loaded.summary, q.prompt, q.explanation, q.cite.quote) == (
        TITLE,
        SUMMARY,
        PROMPT,
        EXPLANATION,
        QUOTE,
    )
    assert tuple(c.text for c in q.choices) == CHOICES
    assert "e\u0301" in q.explanation, "combining marks are kept as written, not composed"


# ----------------------------------------------------------------------------------------------------------------
# Plain mode


def test_plain_mode_prints_bank_text_exactly(tmp_path: Path, bank: Path) -> None:
    # Wrong (2) on the first question, to see its why_not and the right answer; then the second, then the end.
    result = run_plain(tmp_path / "data", bank, stdin="2\n\n1\n\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out and "Traceback" not in result.stderr
    flat = squash(out)
    for text in (TITLE, PROMPT, *CHOICES, WHY_NOT, EXPLANATION, QUOTE, SOURCE_TITLE, SECOND_PROMPT):
        assert squash(text) in flat, text
    # Lines are wrapped at spaces only: the long word stays whole, on its choice's line.
    assert f"  1) {LONG_WORD}\n" in out
    assert f"The answer: 1) {LONG_WORD}" in flat
    for token in TOKENS:
        assert token in out
    assert HEBREW in out and ARABIC in out and COMBINING in out


# ----------------------------------------------------------------------------------------------------------------
# The app

FIXED_NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def make_app(bank: Path, profile: str = "default") -> KetaquizApp:
    catalog = load_catalog([bank])
    assert not catalog.failures
    return KetaquizApp(
        catalog,
        ProgressStore(":memory:"),
        profile=profile,
        clock=lambda: FIXED_NOW,
        rng=random.Random(3),
        order_rng=WrittenOrder(),
    )


_FRAME = re.compile(r"[\s\u2500-\u259f]")


def unframed(text: str) -> str:
    """The screen's text without white space, box drawing or block marks: a word folded over rows joins up."""
    return _FRAME.sub("", text)


def assert_shown_literally(app: App[Any], *texts: str, within: str = "") -> None:
    """Each text is on the screen (or in the widget `within`) as written, and nothing drawn is live markup."""
    shown = region_text(app, app.screen.query_one(within).region) if within else screen_text(app)
    flat = squash(shown)
    for text in texts:
        assert squash(text) in flat or unframed(text) in unframed(shown), (
            f"not on screen as written: {text!r}"
        )
    assert live_markup(app) == [], "bank text became a link or a click action"


def cell_of(shown: str, needle: str) -> tuple[int, int]:
    """(x, y) of the first cell of `needle` on the screen."""
    for y, line in enumerate(shown.splitlines()):
        if needle in line:
            return cell_len(line[: line.index(needle)]), y
    raise AssertionError(f"{needle!r} is not on the screen")


async def test_the_app_shows_bank_and_learner_text_exactly_on_every_screen(bank: Path) -> None:
    app = make_app(bank, profile=PROFILE)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert_shown_literally(app, TITLE, SUMMARY, f"Profile: {PROFILE}")

        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert_shown_literally(app, PROMPT, *CHOICES, TITLE)
        for token in TOKENS:
            assert token in screen_text(app)

        # The z of "[@click=app.quit]z[/]" is plain text: clicking it does nothing.
        x, y = cell_of(screen_text(app), CLICK)
        await pilot.click(offset=(x + CLICK.index("z"), y))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert isinstance(app.screen, QuestionScreen) and not app.screen.session.answered

        await pilot.press("2")  # wrong: the why_not and the right answer are shown too
        await pilot.pause()
        assert_shown_literally(app, CHOICES[1], WHY_NOT, EXPLANATION, QUOTE, SOURCE_TITLE)

        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FlagDialog)
        assert_shown_literally(app, PROMPT, within="#dialog")
        app.screen.query_one("#note", Input).value = NOTE
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.store.get_flag(PROFILE, "inj-everything") is not None

        await pilot.press("enter")
        await pilot.pause()
        assert_shown_literally(app, SECOND_PROMPT, f"No {CLICK}")
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert_shown_literally(app, PROMPT, CHOICES[1], SECOND_PROMPT, f"No {CLICK}")

        await pilot.press("p")
        await settle(app, pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert_shown_literally(app, TITLE, PROMPT, NOTE, f"Profile: {PROFILE}")
        assert app.is_running and app.return_code is None


def test_a_question_full_of_markup_snapshot(bank: Path, snap_compare: Any) -> None:
    """The question screen at 80x24 with all of it: markup, $vars, a 300-character word, RTL, combining marks."""
    assert snap_compare(make_app(bank), press=["1"], terminal_size=(80, 24))


# ----------------------------------------------------------------------------------------------------------------
# The checks above can fail


class _MarkupApp(App[None]):
    """What a screen that did treat bank text as markup would draw."""

    def compose(self) -> ComposeResult:
        yield Static(f"{CLICK} {BOLD} {VARS}")


async def test_the_checks_catch_text_that_was_taken_as_markup() -> None:
    app = _MarkupApp()
    async with app.run_test(size=(80, 5)) as pilot:
        shown = screen_text(app)
        assert CLICK not in shown and BOLD not in shown
        with pytest.raises(AssertionError, match="not on screen as written"):
            assert_shown_literally(app, CLICK)
        assert any("app.quit" in what for _row, _text, what in live_markup(app))
        x, y = cell_of(shown, "z")
        await pilot.click(offset=(x, y))
        await pilot.pause()
        assert not app.is_running  # the click ran app.quit
