"""A flag ("ask my care team") can be taken off the list: in the flag dialog and on My progress (issue 14).

Banks: the fixed snapshot banks, in their written order (see test_app.py).
"""

from __future__ import annotations

from ketaquiz.core.catalog import Catalog
from ketaquiz.core.progress import ProgressStore
from ketaquiz.tui.screens.flag import FlagDialog
from ketaquiz.tui.screens.progress import ProgressScreen, RemoveFlagButton
from ketaquiz.tui.screens.question import QuestionScreen
from ketaquiz.tui.widgets.chrome import BottomBar
from ketaquiz.tui.widgets.tile import Tile
from tests.functional.test_app import make_app, press, screen_text, settle, text_of

FLAG_WORDS = "⚑ On your list to ask your care team"


async def test_the_dialog_offers_removal_only_for_a_flagged_question(
    catalog: Catalog, store: ProgressStore
) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "f")
        assert isinstance(app.screen, FlagDialog)
        assert not app.screen.query("#remove")  # not on the list yet: nothing to remove
        assert "Remove from my list" not in text_of(app.screen.query_one(BottomBar))
        await press(pilot, "ctrl+r")  # does nothing here
        assert isinstance(app.screen, FlagDialog)
        await press(pilot, "escape")
        assert store.get_flag("default", "snap-ride-home") is None


async def test_remove_from_the_dialog_with_the_key(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "f")
        await pilot.press(*"ride?")
        await press(pilot, "enter")
        assert store.get_flag("default", "snap-ride-home") is not None
        assert FLAG_WORDS in text_of(app.screen.query_one("#where"))

        await press(pilot, "f")
        dialog = app.screen
        assert isinstance(dialog, FlagDialog)
        assert "Change my note" in screen_text(pilot)
        assert "Remove from my list" in text_of(dialog.query_one("#remove"))
        assert "Ctrl+R Remove from my list" in text_of(dialog.query_one(BottomBar))
        await press(pilot, "ctrl+r")
        assert isinstance(app.screen, QuestionScreen)
        assert store.get_flag("default", "snap-ride-home") is None
        assert FLAG_WORDS not in text_of(app.screen.query_one("#where"))
        assert not app.screen.flagged
        # The dialog opened again is the one for a question not on the list.
        await press(pilot, "f")
        assert "Ask my care team" in screen_text(pilot) and not app.screen.query("#remove")


async def test_remove_from_the_dialog_with_a_click_after_answering(
    catalog: Catalog, store: ProgressStore
) -> None:
    store.set_flag("default", "snapshot-basics", "snap-ride-home", "a note")
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "2")  # answered: the feedback's tile offers to change the note
        assert text_of(app.screen.query_one("#flag")).startswith("Change my note")
        await pilot.click("#flag")
        await settle(pilot)
        assert isinstance(app.screen, FlagDialog)
        await pilot.click("#remove")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert store.get_flag("default", "snap-ride-home") is None
        assert text_of(app.screen.query_one("#flag")).startswith("Ask my care team about this")


async def test_tab_and_enter_remove_from_the_dialog(catalog: Catalog, store: ProgressStore) -> None:
    store.set_flag("default", "snapshot-basics", "snap-ride-home", "a note")
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "f", "tab", "tab")  # the note, then Save, then Remove
        assert app.focused is app.screen.query_one("#remove")
        await press(pilot, "enter")
        assert store.get_flag("default", "snap-ride-home") is None


FIRST, SECOND = "snap-after-feel", "snap-ride-home"
"""The two flags in the order My progress lists them (made at the same time: by question id)."""


def _flag_two(store: ProgressStore) -> None:
    store.set_flag("default", "snapshot-second", FIRST, "first note")
    store.set_flag("default", "snapshot-basics", SECOND, "second note")


async def test_remove_on_my_progress_with_the_keyboard(catalog: Catalog, store: ProgressStore) -> None:
    _flag_two(store)
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        assert isinstance(app.screen, ProgressScreen)
        text = screen_text(pilot)
        assert "first note" in text and "second note" in text
        await press(pilot, "tab")  # from the page to the first flag's button
        first = app.screen.query_one("#remove-flag-1", Tile)
        assert app.focused is first
        assert "Remove from my list" in text_of(app.screen.query_one(BottomBar))
        await press(pilot, "enter")
        assert [f.question_id for f in store.flags("default")] == [SECOND]
        text = screen_text(pilot)
        assert "first note" not in text and "second note" in text
        assert app.focused is app.screen.query_one("#remove-flag-2")  # the focus goes on to the next
        await press(pilot, "space")
        assert store.flags("default") == []
        text = screen_text(pilot)
        assert "second note" not in text
        assert "Nothing yet. On any question, press f to add it to this list" in text
        assert not app.screen.query(RemoveFlagButton)
        # Leaving and coming back reads the list again: still empty.
        await press(pilot, "escape", "p")
        assert "Nothing yet." in screen_text(pilot)


async def test_remove_on_my_progress_with_a_click(catalog: Catalog, store: ProgressStore) -> None:
    _flag_two(store)
    app = make_app(catalog, store)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        await pilot.click("#remove-flag-2")
        await settle(pilot)
        assert [f.question_id for f in store.flags("default")] == [FIRST]
        assert "second note" not in screen_text(pilot) and "first note" in screen_text(pilot)


async def test_a_flag_on_a_question_no_longer_in_the_topics_can_be_removed(
    catalog: Catalog, store: ProgressStore
) -> None:
    store.set_flag("default", "old-bank", "gone-question", "")
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        assert "no longer in your topics" in screen_text(pilot)
        app.screen.query_one("#remove-flag-1").scroll_visible(animate=False)  # below the fold at 80x24
        await settle(pilot)
        await pilot.click("#remove-flag-1")
        await settle(pilot)
        assert store.flags("default") == []
