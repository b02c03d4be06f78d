"""Snapshots of every screen of the app: 80x24 and 200x60 in the dark theme; Home and a question's feedback also
in the light and high-contrast themes. Fixed banks, clock and seed (see snapshot_apps.py).

Accept new ones with `pytest tests/snapshots --snapshot-update`, then look at every SVG before committing.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from ketaquiz.core import i18n
from ketaquiz.core.progress import ProgressStore
from ketaquiz.core.session import QuizSession
from ketaquiz.tui.app import KetaquizApp
from tests.factories import WrittenOrder
from tests.snapshots.snapshot_apps import BANKS_ES, NOW, fixed_clock, make_app, snapshot_catalog

SIZES = {"80x24": (80, 24), "200x60": (200, 60)}


async def settle(pilot: Pilot) -> None:
    """Let workers (Home's and Progress's figures) finish and the screen repaint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def keys(*pressed: str) -> Callable[[Pilot], Awaitable[None]]:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would make the picture depend on timing

    return run_before


# screen name -> (replayed history?, keys from Home)
SCREENS: dict[str, tuple[bool, tuple[str, ...]]] = {
    "home": (True, ()),
    "question": (False, ("1",)),
    "feedback_right": (False, ("1", "2")),
    # Question 2 holds [bold], [link=...] and $var in every field: they must show as typed.
    "feedback_wrong": (False, ("1", "2", "n", "2")),
    "flag_dialog": (False, ("1", "f")),
    "summary": (False, ("1", "2", "n", "2", "n", "1", "n")),
    "progress": (True, ("p",)),
    "help": (False, ("question_mark",)),
    "about": (False, ("a",)),
}

CASES = [(screen, "ketaquiz-dark", size) for screen in SCREENS for size in SIZES] + [
    (screen, theme, size)
    for theme in ("ketaquiz-light", "ketaquiz-contrast")
    for screen in ("home", "feedback_wrong")
    for size in SIZES
]


@pytest.mark.parametrize(
    ("screen", "theme", "size"), CASES, ids=[f"{s}-{t.removeprefix('ketaquiz-')}-{z}" for s, t, z in CASES]
)
def test_screen(snap_compare, screen: str, theme: str, size: str) -> None:
    history, pressed = SCREENS[screen]
    app = make_app(theme, history=history)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys(*pressed))


# "I don't know yet" (key 0) and the essentials: Home's "Before your first session" line, and the kind feedback.
ESSENTIAL_SCREENS: dict[str, tuple[bool, tuple[str, ...]]] = {
    "home_essentials": (True, ()),
    "feedback_dont_know": (False, ("1", "0")),
    "summary_dont_know": (False, ("1", "0", "n", "1", "n", "2", "n")),
}


@pytest.mark.parametrize("screen", list(ESSENTIAL_SCREENS))
def test_essentials_and_dont_know(snap_compare, screen: str) -> None:
    history, pressed = ESSENTIAL_SCREENS[screen]
    app = make_app(history=history, essentials=True)
    assert snap_compare(app, terminal_size=SIZES["80x24"], run_before=keys(*pressed))


def test_home_with_three_quizzes_to_continue(snap_compare) -> None:
    """A place per topic (issue 14): the essentials, a Review and a topic, each left part-way, most recent first."""
    app = make_app(essentials=True, places=True)
    assert snap_compare(app, terminal_size=SIZES["80x24"], run_before=keys())


def test_home_in_spanish(snap_compare) -> None:
    """Issue 17: Home in Spanish (as after `l`, or --lang es), listing the Spanish bank, with a quiz to continue."""
    catalog = snapshot_catalog(BANKS_ES)
    store = ProgressStore(":memory:", clock=fixed_clock)
    session = QuizSession.from_bank(catalog.bank("snapshot-es"), store=store, clock=lambda: NOW)
    session.answer(1)  # wrong: Review has one to go over again
    session.next()
    i18n.set_language("es")
    try:
        app = KetaquizApp(catalog, store, clock=fixed_clock, rng=random.Random(7), order_rng=WrittenOrder())
        assert snap_compare(app, terminal_size=SIZES["80x24"], run_before=keys())
    finally:
        i18n.set_language("en")
