"""Snapshots for issue 14's self-study fixes and issue 17's Spanish question: the flag dialog of a question already
on the list (with "Remove from my list"), My progress with its flags and chart, the key hints of a 2-choice
question and after answering, and a question with its feedback in Spanish.

Fixed banks, clock and seed (snapshot_apps.py). Accept new ones with `pytest tests/snapshots --snapshot-update`,
then look at every SVG before committing.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable, Iterator

import pytest
from textual.pilot import Pilot

from ketaquiz.core import i18n
from ketaquiz.core.catalog import load_catalog
from ketaquiz.core.progress import ProgressStore
from ketaquiz.tui.app import KetaquizApp
from tests.conftest import QUESTIONS
from tests.factories import WrittenOrder
from tests.snapshots.snapshot_apps import fixed_clock, make_app
from tests.snapshots.test_app_snapshots import keys


def flagged_then(*pressed: str) -> Callable[[Pilot], Awaitable[None]]:
    """The first question is on the list already (with a note), then the keys."""

    async def run_before(pilot: Pilot) -> None:
        pilot.app.store.set_flag("default", "snapshot-basics", "snap-ride-home", "Who can drive me?")
        await keys(*pressed)(pilot)

    return run_before


# name -> (replayed history?, keys from Home, theme, size)
CASES: dict[str, tuple[bool, tuple[str, ...], str, tuple[int, int]]] = {
    # The question is on the list: its dialog offers to take it off.
    "flag_dialog_flagged-80x24": (False, ("1", "f"), "ketaquiz-dark", (80, 24)),
    "flag_dialog_flagged-light-80x24": (False, ("1", "f"), "ketaquiz-light", (80, 24)),
    "flag_dialog_flagged-200x60": (False, ("1", "f"), "ketaquiz-dark", (200, 60)),
    # My progress scrolled to its end: the chart, its legend, and the flag with its Remove button.
    "progress_end-80x24": (True, ("p", "end"), "ketaquiz-dark", (80, 24)),
    "progress_end-light-80x24": (True, ("p", "end"), "ketaquiz-light", (80, 24)),
    "progress_flag_focused-80x24": (True, ("p", "tab"), "ketaquiz-dark", (80, 24)),
    # Question 2 has two choices: "1 or 2" in the hint and the footer.
    "question_two_choices-80x24": (False, ("1", "2", "n"), "ketaquiz-dark", (80, 24)),
    # Answered: the hint says how to go on (scrolled back up to see it), the footer has no answer keys.
    "answered_hint-80x24": (False, ("1", "2", "home"), "ketaquiz-dark", (80, 24)),
}


@pytest.mark.parametrize("case", list(CASES))
def test_screen(snap_compare, case: str) -> None:
    history, pressed, theme, size = CASES[case]
    run_before = flagged_then(*pressed) if case.startswith("flag_dialog_flagged") else keys(*pressed)
    assert snap_compare(make_app(theme, history=history), terminal_size=size, run_before=run_before)


# -- in Spanish (issue 17): the interface language es, the bundled Spanish bank, its first question


@pytest.fixture
def spanish() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("es")
    yield
    i18n.set_language(before)


def spanish_app(theme: str = "ketaquiz-dark") -> KetaquizApp:
    catalog = load_catalog([QUESTIONS / "ketamina-es.yaml"], use_cache=False)
    assert not catalog.failures and catalog.banks[0].language == "es"
    store = ProgressStore(":memory:", clock=fixed_clock)
    return KetaquizApp(
        catalog, store, clock=fixed_clock, rng=random.Random(7), order_rng=WrittenOrder(), theme=theme
    )


SPANISH: dict[str, tuple[tuple[str, ...], str, tuple[int, int]]] = {
    # The first question, then a wrong answer: the feedback (verdict, why not, the right answer, the source).
    "question_es-80x24": (("1",), "ketaquiz-dark", (80, 24)),
    "feedback_es-80x24": (("1", "2"), "ketaquiz-dark", (80, 24)),
    "feedback_es-light-80x24": (("1", "2"), "ketaquiz-light", (80, 24)),
    "feedback_es-200x60": (("1", "2"), "ketaquiz-dark", (200, 60)),
    # Answered and scrolled back up: the hint says how to go on, in Spanish.
    "answered_es-80x24": (("1", "2", "home"), "ketaquiz-dark", (80, 24)),
    "flag_dialog_es-80x24": (("1", "f"), "ketaquiz-dark", (80, 24)),
    "help_es-80x24": (("question_mark",), "ketaquiz-dark", (80, 24)),
}


@pytest.mark.parametrize("case", list(SPANISH))
def test_in_spanish(snap_compare, spanish: None, case: str) -> None:
    pressed, theme, size = SPANISH[case]
    assert snap_compare(spanish_app(theme), terminal_size=size, run_before=keys(*pressed))
