"""Home keeps a place per topic (issue 14): start topic A, leave, start topic B, leave; Home offers both, most recent
first, and each continues where it stopped. Driven through Textual's Pilot with a real store on disk."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ketaquiz.core.catalog import Catalog
from ketaquiz.core.progress import ProgressStore
from ketaquiz.tui.app import KetaquizApp
from ketaquiz.tui.screens.home import CONTINUE_IDS, HomeScreen
from ketaquiz.tui.screens.question import QuestionScreen
from ketaquiz.tui.widgets.continue_tile import ContinueTile
from tests.factories import WrittenOrder, make_bank
from tests.functional.test_app import press, settle

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


class Clock:
    """A clock a minute later at every read: the store orders places by their last answer."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def make_app(store: ProgressStore, clock: Clock) -> KetaquizApp:
    catalog = Catalog([make_bank("bank-a", 6, shuffle=False), make_bank("bank-b", 6, shuffle=False)])
    return KetaquizApp(catalog, store, clock=clock, rng=random.Random(3), order_rng=WrittenOrder())


def where(app: KetaquizApp) -> str:
    screen = app.screen
    assert isinstance(screen, QuestionScreen)
    return str(screen.query_one("#where").render())


def shown_places(app: KetaquizApp) -> list[str]:
    """The Continue tiles Home shows, top to bottom, as their words."""
    return [
        str(tile.render()).replace("\n", " ")
        for tile in app.screen.query(ContinueTile)
        if tile.display and tile.is_attached
    ]


async def test_two_topics_left_part_way_can_both_be_continued_at_their_places(tmp_path: Path) -> None:
    clock = Clock()
    store = ProgressStore(tmp_path / "progress.sqlite3", clock=clock)
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert shown_places(app) == []  # nothing unfinished: no Continue tile at all
        # Topic A: two answers, then back to Home.
        await press(pilot, "1", "1", "n", "1", "escape")
        assert isinstance(app.screen, HomeScreen)
        assert shown_places(app) == ["Continue: Bank bank-a  2 of 6 answered"]
        # Topic B: one answer, then back to Home. A's place is still there, under B's.
        await press(pilot, "2", "1", "escape")
        assert shown_places(app) == [
            "Continue: Bank bank-b  1 of 6 answered",
            "Continue: Bank bank-a  2 of 6 answered",
        ]
        assert app.focused is app.screen.query_one("#continue")  # the most recent quiz has the focus
        # c continues the most recent (B) at its third question... (one answer: question 2)
        await press(pilot, "c")
        assert where(app).startswith("Question 2 of 6")
        await press(pilot, "escape")
        # ...and the second tile continues A at question 3.
        await pilot.click(f"#{CONTINUE_IDS[1]}")
        await settle(pilot)
        assert where(app).startswith("Question 3 of 6")
        await press(pilot, "1", "escape")  # one more answer in A: A is now the most recent
        assert shown_places(app) == [
            "Continue: Bank bank-a  3 of 6 answered",
            "Continue: Bank bank-b  1 of 6 answered",
        ]
    store.close()

    # After a restart, both places are still there, each where it stopped.
    again = make_app(ProgressStore(tmp_path / "progress.sqlite3", clock=clock), clock)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert len(shown_places(again)) == 2
        await press(pilot, "down", "enter")  # the arrows move to B's tile
        assert where(again).startswith("Question 2 of 6")
    again.store.close()


async def test_home_shows_at_most_three_places(tmp_path: Path) -> None:
    clock = Clock()
    store = ProgressStore(tmp_path / "progress.sqlite3", clock=clock)
    catalog = Catalog([make_bank(f"bank-{n}", 4, shuffle=False) for n in "abcd"])
    app = KetaquizApp(catalog, store, clock=clock, rng=random.Random(3), order_rng=WrittenOrder())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for number in "1234":
            await press(pilot, number, "1", "escape")
        assert shown_places(app) == [
            "Continue: Bank bank-d  1 of 4 answered",
            "Continue: Bank bank-c  1 of 4 answered",
            "Continue: Bank bank-b  1 of 4 answered",
        ]
    assert len(store.unfinished_runs("default")) == 4  # the fourth place is kept, only not shown
    store.close()
