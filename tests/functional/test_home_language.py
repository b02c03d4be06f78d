"""Home's `l` (issue 17): English <-> Español for the running app, remembered like the colours, and Home lists the
banks of the new language (GUIDE 7). Driven through Textual's Pilot with the bundled banks and a real store."""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget

from ketaquiz.commands.quiz import catalog_loader
from ketaquiz.core import i18n
from ketaquiz.core.catalog import load_catalog
from ketaquiz.core.model import base_language
from ketaquiz.core.progress import ProgressStore
from ketaquiz.tui.app import KetaquizApp
from ketaquiz.tui.screens.home import HomeScreen
from ketaquiz.tui.screens.question import QuestionScreen
from ketaquiz.tui.widgets.bank_card import BankCard
from ketaquiz.tui.widgets.chrome import BottomBar
from tests.factories import WrittenOrder, make_bank

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _english_again() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    s = ProgressStore(tmp_path / "progress.sqlite3", clock=lambda: NOW)
    yield s
    s.close()


async def settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def text_of(widget: Widget) -> str:
    rendered = widget.render()
    return rendered.plain if isinstance(rendered, Content) else str(rendered)


def screen_text(pilot: Pilot) -> str:
    return "\n".join(text_of(w) for w in pilot.app.screen.query("Static, Tile"))


def card_languages(app: KetaquizApp) -> set[str]:
    return {base_language(card.bank.language) for card in app.screen.query(BankCard)}


def bundled_app(store: ProgressStore) -> KetaquizApp:
    """The app as `ketaquiz` (no --bank) starts it in English: the bundled English banks, and the loader."""
    loader = catalog_loader(argparse.Namespace(bank=None), store, "default")
    assert loader is not None
    catalog = load_catalog(None, language="en")
    return KetaquizApp(
        catalog, store, clock=lambda: NOW, rng=random.Random(3), order_rng=WrittenOrder(), catalog_for=loader
    )


async def test_l_switches_home_to_spanish_with_the_spanish_bank_and_back(store: ProgressStore) -> None:
    app = bundled_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Learn about ketamine treatment, one question at a time." in screen_text(pilot)
        assert card_languages(app) == {"en"}
        assert "English / Español" in text_of(app.screen.query_one(BottomBar))

        await pilot.press("l")
        await settle(pilot)
        assert i18n.language() == "es"
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(pilot)
        assert "Aprenda sobre el tratamiento con ketamina, una pregunta a la vez." in text
        assert "Repasar" in text and "Temas" in text
        assert "Learn about" not in text
        assert card_languages(app) == {"es"}
        assert "Ketamina y esketamina: lo básico" in text
        assert store.get_pref(i18n.LANGUAGE_PREF_KEY) == "es"
        assert "English / Español" in text_of(app.screen.query_one(BottomBar))

        # The Spanish bank's quiz starts from its card, in Spanish.
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.session.current.bank.language == "es"
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("l")
        await settle(pilot)
        assert i18n.language() == "en"
        assert "Learn about ketamine treatment, one question at a time." in screen_text(pilot)
        assert card_languages(app) == {"en"}
        assert store.get_pref(i18n.LANGUAGE_PREF_KEY) == "en"


async def test_with_bank_the_banks_given_stay_whatever_the_language(store: ProgressStore) -> None:
    from ketaquiz.core.catalog import Catalog

    assert catalog_loader(argparse.Namespace(bank=["clinic.yaml"]), store, "default") is None
    app = KetaquizApp(Catalog([make_bank("clinic-bank", 3)]), store, clock=lambda: NOW, catalog_for=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert i18n.language() == "es"
        assert [card.bank.id for card in app.screen.query(BankCard)] == ["clinic-bank"]
        assert "Aprenda sobre el tratamiento con ketamina" in screen_text(pilot)


async def test_the_choice_made_on_home_is_the_language_of_the_next_start(store: ProgressStore) -> None:
    from ketaquiz.cli import choose_language

    app = bundled_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
    data_dir = str(Path(store.path).parent)
    assert choose_language(["--data-dir", data_dir], {"LANG": "en_US.UTF-8"}) == "es"
    # --lang and KETAQUIZ_LANG still win over it.
    assert choose_language(["--data-dir", data_dir, "--lang", "en"], {}) == "en"
    assert choose_language(["--data-dir", data_dir], {"KETAQUIZ_LANG": "en"}) == "en"
