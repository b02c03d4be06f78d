"""`ketaquiz serve` (self-study in a browser tab) keeps nothing and says so (issue 14, "In a browser"): the tab's
app runs in its "cannot save" mode, the results promise nothing for another day, and q ends the tab on a screen
that says nothing was kept."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from ketaquiz.commands import tab
from ketaquiz.core import i18n
from ketaquiz.core.catalog import load_catalog
from ketaquiz.core.progress import ProgressStore
from ketaquiz.tui.browser import FAREWELL, TAB_NOTICE, BrowserQuizApp, FarewellScreen
from ketaquiz.tui.screens.home import HomeScreen
from ketaquiz.tui.screens.summary import SummaryScreen
from tests.reliability.support import screen_text

BASICS = Path(__file__).resolve().parent.parent / "data" / "plain-basics.yaml"


def text_of(pilot: Pilot[Any]) -> str:
    """What the screen shows (title bar included), white space squashed."""
    return " ".join(screen_text(pilot.app).split())


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_browser_tab_says_progress_is_not_saved_and_q_ends_it_saying_nothing_was_kept() -> None:
    catalog = load_catalog([BASICS], use_cache=False)
    store = ProgressStore(":memory:")
    app = BrowserQuizApp(catalog, store, count=1, rng=random.Random(1))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        home = text_of(pilot)
        assert "Progress not saved" in home
        assert (
            "This browser tab keeps nothing: your answers are forgotten when you press q or close the" in home
        )
        await pilot.press("1")  # the bank
        await settle(pilot)
        await pilot.press("1")  # an answer
        await settle(pilot)
        await pilot.press("enter")  # on to the results
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        results = text_of(pilot)
        assert "Nothing here is kept" in results or "nothing here is kept" in results
        assert "come back in a few days" not in results
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, FarewellScreen)
        assert FAREWELL in text_of(pilot)
        await asyncio.sleep(0.5)
        assert app.is_running, "the last screen stays until a key (textual-serve would hide it)"
        await pilot.press("x")
        await pilot.pause()
    assert app.return_code == 0
    store.close()


def test_the_quiz_tab_runs_the_browser_app_on_a_store_in_memory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ran: list[BrowserQuizApp] = []
    monkeypatch.setattr(BrowserQuizApp, "run", lambda self, *a, **k: ran.append(self))
    monkeypatch.setenv("KETAQUIZ_DATA_DIR", str(tmp_path / "data"))
    assert tab.main(["quiz-tab", "--bank", str(BASICS)]) == 0
    [app] = ran
    assert not app.persistent and not app.store.persistent
    assert TAB_NOTICE in app.notice_texts()
    assert app.catalog_for is None, "a tab with --bank keeps its banks whatever the language"
    assert not (tmp_path / "data").exists(), "nothing written anywhere"


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


async def test_l_in_a_tab_changes_its_notice_and_its_banks_to_spanish(
    monkeypatch: pytest.MonkeyPatch, english_after: None
) -> None:
    ran: list[BrowserQuizApp] = []
    monkeypatch.setattr(BrowserQuizApp, "run", lambda self, *a, **k: ran.append(self))
    assert tab.main(["quiz-tab", "--lang", "en"]) == 0  # the bundled banks, as `serve` without --bank
    [app] = ran
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert {b.language for b in app.catalog.banks} == {"en"}
        assert "This browser tab keeps nothing" in text_of(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        home = text_of(pilot)
        assert "Esta pestaña del navegador no guarda nada" in home
        assert "This browser tab" not in home
        assert {b.language for b in app.catalog.banks} == {"es"}
        assert "Ketamina" in home  # the Spanish bank's title
    app.store.close()
