"""Key hints fit the moment (issue 14): as many answer keys as the question has choices ("1 to 4", "1 or 2",
never "1 to 2" or "1-9" on a 4-choice question), and no "Choose an answer" once the question is answered."""

from __future__ import annotations

import random

import pytest

from ketaquiz.core import i18n
from ketaquiz.core.catalog import Catalog
from ketaquiz.core.progress import ProgressStore
from ketaquiz.tui.app import KetaquizApp
from ketaquiz.tui.keys import answer_keys, keys_text
from ketaquiz.tui.screens.question import QuestionScreen
from ketaquiz.tui.widgets.chrome import BottomBar
from tests.factories import WrittenOrder, make_bank, make_question
from tests.functional.test_app import clock, press, settle, text_of


@pytest.fixture
def spanish():  # type: ignore[no-untyped-def]
    before = i18n.language()
    i18n.set_language("es")
    yield
    i18n.set_language(before)


def test_keys_text_says_or_for_two_and_to_for_a_run() -> None:
    assert keys_text(["1", "2"]) == "1 or 2"
    assert keys_text(["1", "2", "3", "4"]) == "1 to 4"
    assert keys_text(["1"]) == "1"
    assert keys_text(["enter", "space", "n"]) == "Enter, Space or n"


def test_keys_text_in_spanish(spanish: None) -> None:
    assert keys_text(["1", "2"]) == "1 o 2"
    assert keys_text(["1", "2", "3", "4"]) == "del 1 al 4"
    assert keys_text(["enter", "space", "n"]) == "Enter, Espacio o n"


def test_answer_keys_short_and_long() -> None:
    app = KetaquizApp.__new__(KetaquizApp)  # no keymap: the keys are the digits
    assert answer_keys(app, 4) == "1 to 4"
    assert answer_keys(app, 4, short=True) == "1-4"
    assert answer_keys(app, 2) == answer_keys(app, 2, short=True) == "1 or 2"


@pytest.fixture
def catalog() -> Catalog:
    """One bank: a 4-choice question, then a 2-choice one (the right answer first, no shuffling)."""
    questions = (
        make_question("four", bank_id="hints", n_choices=4, shuffle=False),
        make_question("two", bank_id="hints", n_choices=2, shuffle=False),
    )
    return Catalog([make_bank("hints", questions=questions)])


def footer_keys(app: KetaquizApp) -> str:
    return text_of(app.screen.query_one(BottomBar)).split("\n")[-1]


async def test_hints_for_four_then_two_choices_and_after_answering(
    catalog: Catalog, store: ProgressStore
) -> None:
    app = KetaquizApp(catalog, store, clock=clock, rng=random.Random(3), order_rng=WrittenOrder())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        assert isinstance(app.screen, QuestionScreen)
        hint = text_of(app.screen.query_one("#hint"))
        assert hint == "Choose an answer: press 1 to 4, or click it. Press 0 if you don't know yet."
        footer = footer_keys(app)
        assert "1-4 Answer" in footer and "1-9" not in footer

        await press(pilot, "1")  # answered (right)
        hint = text_of(app.screen.query_one("#hint"))
        assert "Choose an answer" not in hint and hint == "You have answered. Press Enter to go on."
        footer = footer_keys(app)
        assert "Answer" not in footer.replace("Answered", "")  # the answer keys left the footer
        assert "Next question" in footer

        await press(pilot, "n")  # the 2-choice question
        hint = text_of(app.screen.query_one("#hint"))
        assert hint == "Choose an answer: press 1 or 2, or click it. Press 0 if you don't know yet."
        assert "1 to 2" not in hint
        footer = footer_keys(app)
        assert "1 or 2 Answer" in footer and "1-2" not in footer and "1-9" not in footer

        await press(pilot, "0")  # "I don't know yet" is an answer too
        assert text_of(app.screen.query_one("#hint")).startswith("You have answered.")


async def test_hints_in_spanish(catalog: Catalog, store: ProgressStore, spanish: None) -> None:
    app = KetaquizApp(catalog, store, clock=clock, rng=random.Random(3), order_rng=WrittenOrder())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        hint = text_of(app.screen.query_one("#hint"))
        assert "del 1 al 4" in hint and hint.startswith("Elija una respuesta")
        await press(pilot, "1", "n")
        assert "1 o 2" in text_of(app.screen.query_one("#hint"))
        assert "1 o 2 Responder" in footer_keys(app)
