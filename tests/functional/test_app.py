"""The terminal app, driven through Textual's Pilot: every path a learner takes, with a real store on disk.

Banks: the fixed snapshot banks (tests/snapshots/banks). Question order is the written order and none of them
shuffles, so "1" then "2" answers the first question right; "1" then "1" answers it wrong.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Static

from ketaquiz.core.catalog import Catalog, load_catalog
from ketaquiz.core.overview import Overview
from ketaquiz.core.progress import ProgressStore
from ketaquiz.core.safety import CRISIS_SHORT_US, CRISIS_TEXT_US, NOT_ADVICE_SHORT, UNREVIEWED_TEXT
from ketaquiz.core.session import QuizSession
from ketaquiz.tui.app import KetaquizApp
from ketaquiz.tui.screens.base import KetaquizScreen
from ketaquiz.tui.screens.flag import FlagDialog
from ketaquiz.tui.screens.home import HomeScreen
from ketaquiz.tui.screens.info import AboutScreen, HelpScreen, KeyRow, help_sections
from ketaquiz.tui.screens.progress import ProgressScreen
from ketaquiz.tui.screens.question import QuestionScreen
from ketaquiz.tui.screens.summary import SummaryScreen
from ketaquiz.tui.widgets.bank_card import BankCard
from ketaquiz.tui.widgets.choice import ChoiceButton
from ketaquiz.tui.widgets.chrome import BottomBar
from ketaquiz.tui.widgets.continue_tile import ContinueTile
from ketaquiz.tui.widgets.feedback import FeedbackPanel
from ketaquiz.tui.widgets.tile import ActionTile, Tile
from tests.factories import WrittenOrder

ROOT = Path(__file__).resolve().parents[2]
BANKS = ROOT / "tests" / "snapshots" / "banks"
NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def make_app(catalog: Catalog, store: ProgressStore, **kwargs: object) -> KetaquizApp:
    return KetaquizApp(catalog, store, clock=clock, rng=random.Random(3), order_rng=WrittenOrder(), **kwargs)  # type: ignore[arg-type]


async def settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot: Pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def text_of(widget: Widget) -> str:
    rendered = widget.render()
    return rendered.plain if isinstance(rendered, Content) else str(rendered)


def lines_of(widget: Widget) -> list[str]:
    return text_of(widget).split("\n")


def screen_text(pilot: Pilot) -> str:
    """All the text of the active screen's Statics and tiles, in order (also what is scrolled out of view)."""
    return "\n".join(text_of(w) for w in pilot.app.screen.query("Static, Tile"))


# ------------------------------------------------------------------------------------------------------------
# Home


async def test_home_shows_banks_progress_and_safety_lines(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        cards = list(app.screen.query(BankCard))
        assert [c.bank.title for c in cards] == ["Getting ready for a session", "After a session"]
        text = screen_text(pilot)
        assert "3 questions" in text and "1 question" in text
        assert "A short test topic: what to plan before a treatment day." in text
        assert "Not started yet." in text and "0 of 3 mastered" in text
        assert NOT_ADVICE_SHORT in text
        assert "Nothing to go over right now" in text
        assert not any(w.display for w in app.screen.query("#continue"))  # nothing unfinished yet
        bar = app.screen.query_one(BottomBar)
        assert bar.crisis_shown == CRISIS_SHORT_US  # 80 columns: the short form
        assert lines_of(bar)[0].strip() == CRISIS_SHORT_US  # the first line of the bar, above the keys
        assert bar.region.y + bar.region.height == 24 and bar.region.height == 2


async def test_crisis_line_on_every_screen(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        for keys, screen_type in (
            ((), HomeScreen),
            (("1",), QuestionScreen),
            (("f",), None),  # the flag dialog
            (("escape", "escape", "p"), ProgressScreen),
            (("escape", "question_mark"), HelpScreen),
            (("escape", "a"), AboutScreen),
        ):
            await press(pilot, *keys)
            if screen_type is not None:
                assert isinstance(app.screen, screen_type)
            bar = app.screen.query_one(BottomBar)
            assert bar.crisis_shown == CRISIS_TEXT_US
            assert lines_of(bar)[0].strip() == CRISIS_TEXT_US
            assert bar.region.height >= 2 and bar.region.y + bar.region.height == 60


# ------------------------------------------------------------------------------------------------------------
# Answering


async def test_answer_right(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert text_of(screen.query_one("#where")).startswith(
            "Question 1 of 3  ·  Getting ready for a session"
        )
        await press(pilot, "2")
        panel = screen.query_one(FeedbackPanel)
        assert panel.display and screen.query_one("#verdict-block").has_class("-right")
        # Right: the verdict and what was chosen; nothing to correct.
        assert lines_of(screen.query_one("#verdict-block")) == [
            "✓ Right!",
            "You chose: Have someone else drive you.",
        ]
        assert screen.query_one("#choice-2", ChoiceButton).mark == "chosen-right"
        assert "✓ Your answer. It is right." in screen_text(pilot)
        assert store.attempt_count("default") == 1
        assert app.focused is not None and app.focused.id == "next"


async def test_answer_wrong_shows_why_not_right_answer_explanation_and_source(
    catalog: Catalog, store: ProgressStore
) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "1")
        screen = app.screen
        assert screen.query_one("#verdict-block").has_class("-wrong")
        assert lines_of(screen.query_one("#verdict-block")) == [
            "✗ Not quite.",
            "You chose: Drive yourself, if you feel fine.",
            "",
            "Why not: Even if you feel fine, you should not drive until the next day after a full night's sleep.",
            "",
            "✓ The right answer: Have someone else drive you.",
        ]
        explanation = lines_of(screen.query_one("#explanation"))
        assert explanation[0] == "Why" and "Plan a ride." in explanation[1]
        assert explanation[-1] == "What the source says"
        quote = lines_of(screen.query_one("#quote-block"))
        assert quote[0] == "“Do not drive or operate machinery until the next day after a restful sleep.”"
        source = quote[2:]
        assert source == [
            "Source: A test guide to treatment days",
            "The ketaquiz test suite",
            "2026-01-01",
            "https://example.org/test-guide",
        ]
        marks = {c.number: c.mark for c in screen.query(ChoiceButton)}
        assert marks == {1: "chosen-wrong", 2: "right", 3: "other", 0: "other"}
        # Answered: more digits do nothing, and the verdict is scrolled into view.
        await press(pilot, "2")
        assert store.attempt_count("default") == 1
        body = screen.query_one("#body")
        verdict = screen.query_one("#verdict-block")
        assert body.region.y <= verdict.region.y < body.region.y + body.region.height


async def test_arrows_enter_and_mouse_pick_answers(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "down", "enter")  # arrows + Enter: the second choice
        assert app.screen.query_one("#choice-2", ChoiceButton).mark == "chosen-right"
        await press(pilot, "space")  # space goes on
        assert text_of(app.screen.query_one("#where")).startswith("Question 2 of 3")
        await pilot.click("#choice-2")
        await settle(pilot)
        assert app.screen.query_one("#choice-2", ChoiceButton).mark == "chosen-wrong"
        await pilot.click("#next")
        await settle(pilot)
        assert text_of(app.screen.query_one("#where")).startswith("Question 3 of 3")
        await press(pilot, "1", "enter")
        assert isinstance(app.screen, SummaryScreen)


async def test_each_question_shows_its_own_choices(catalog: Catalog, store: ProgressStore) -> None:
    # The question screen reuses its tiles from one question to the next: 3 choices, then 2, then 3 again.
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "2", "n")
        shown = [c for c in app.screen.query(ChoiceButton) if c.display]
        assert [c.text for c in shown] == [
            "This one: [bold]not bold[/bold] and $var",
            "None: [red]they all change[/red]",
            "I don't know yet",  # always the last tile, key 0
        ]
        assert all(c.mark is None and c.can_focus for c in shown)
        assert app.focused is shown[0]
        assert "Choose an answer: press 1 or 2, or click it." in screen_text(pilot)
        await press(pilot, "3")  # there is no third choice here
        assert not app.screen.session.answered
        await press(pilot, "1", "n")
        shown = [c for c in app.screen.query(ChoiceButton) if c.display]
        assert [c.number for c in shown] == [1, 2, 3, 0]
        assert shown[0].text == "Not eat for a few hours before."
        assert all(c.mark is None for c in shown)
        assert not app.screen.query_one(FeedbackPanel).display
        await press(pilot, "3")
        assert app.screen.query_one("#choice-3", ChoiceButton).mark == "chosen-wrong"


async def test_keys_in_the_footer_can_be_clicked(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = lines_of(app.screen.query_one(BottomBar))[1]
        assert "Review" in line and "My progress" in line and "Help" in line and "Quit" in line
        await pilot.click(BottomBar, offset=(line.index("Quit"), 0))  # the crisis line is not a key
        await settle(pilot)
        assert app.is_running
        await pilot.click(BottomBar, offset=(line.index("Help"), 1))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        # The keys follow the screen: Help has Back, Home has Start.
        assert "Back" in lines_of(app.screen.query_one(BottomBar))[1]


async def test_a_question_with_more_choices_than_the_one_before(tmp_path: Path, store: ProgressStore) -> None:
    # Two choices, then four: the screen adds tiles for the third and fourth, in order, before the feedback.
    def question(qid: str, n: int) -> str:
        choices = "".join(
            f'      - text: "{qid} choice {i}"\n'
            + ("        correct: true\n" if i == 1 else f'        why_not: "Not {i}."\n')
            for i in range(1, n + 1)
        )
        return (
            f'  - id: {qid}\n    prompt: "{qid}?"\n    shuffle: false\n    choices:\n{choices}'
            f'    explanation: "Because."\n    cite:\n      source: s\n      quote: "A quote."\n'
        )

    bank = tmp_path / "growing.yaml"
    bank.write_text(
        'format: 1\nid: growing\ntitle: "Growing"\nsummary: "More choices."\nlanguage: en\n'
        'review:\n  written: "2026-01-05"\n  reviewed_by: null\n  reviewed_on: null\n'
        'sources:\n  s:\n    title: "S"\n    publisher: "P"\n    url: "https://example.org/s"\n'
        '    date: "2026-01-01"\nquestions:\n' + question("grow-two", 2) + question("grow-four", 4),
        encoding="utf-8",
    )
    cat = load_catalog([bank], use_cache=False)
    assert not cat.failures, [str(f) for f in cat.failures]
    app = make_app(cat, store)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "1", "n")
        screen = app.screen
        tiles = list(screen.query(ChoiceButton))
        assert [t.text for t in tiles] == [
            *(f"grow-four choice {i}" for i in range(1, 5)),
            "I don't know yet",
        ]
        assert all(t.display and t.mark is None for t in tiles)
        body = screen.query_one("#body")
        assert tiles[-1].region.y < body.region.bottom
        assert body.children.index(tiles[-1]) < body.children.index(screen.query_one(FeedbackPanel))
        await press(pilot, "4")
        assert screen.query_one("#choice-4", ChoiceButton).mark == "chosen-wrong"
        assert screen.query_one("#choice-4").region.y < screen.query_one("#verdict-block").region.y


async def test_the_verdict_scrolls_into_view_however_the_answer_is_given(
    catalog: Catalog, store: ProgressStore
) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)

        async def verdict_in_view() -> bool:
            await pilot.pause(0.05)
            body, verdict = app.screen.query_one("#body"), app.screen.query_one("#verdict-block")
            # All of the verdict is in view, at the top of the page (not just its first line at the bottom).
            return body.region.y <= verdict.region.y and verdict.region.bottom <= body.region.bottom

        await press(pilot, "1", "down", "down", "enter")  # arrows and Enter
        assert app.screen.query_one("#choice-3", ChoiceButton).mark == "chosen-wrong"
        assert await verdict_in_view()
        await press(pilot, "n")
        await pilot.click("#choice-1")  # a click
        await settle(pilot)
        assert app.screen.query_one("#choice-1", ChoiceButton).mark == "chosen-right"
        assert await verdict_in_view()


async def test_flag_with_note(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "f")
        note = app.screen.query_one("#note", Input)
        assert app.focused is note
        # Letters that are keys elsewhere (q quits, f flags, ? helps) are just letters in the note.
        await pilot.press(*"is it safe? [b]q$f")
        await press(pilot, "enter")
        assert isinstance(app.screen, QuestionScreen)
        flag = store.get_flag("default", "snap-ride-home")
        assert flag is not None and flag.note == "is it safe? [b]q$f"
        assert "⚑ On your list to ask your care team" in text_of(app.screen.query_one("#where"))
        # Flag again: the old note is offered; Esc cancels without change.
        await press(pilot, "f")
        assert app.screen.query_one("#note", Input).value == "is it safe? [b]q$f"
        await press(pilot, "escape")
        assert isinstance(app.screen, QuestionScreen)
        assert store.get_flag("default", "snap-ride-home").note == "is it safe? [b]q$f"
        # Flagging still works after answering, from the tile.
        await press(pilot, "2")
        await pilot.click("#flag")
        await settle(pilot)
        await press(pilot, "enter")  # keeps the note as it is
        assert store.get_flag("default", "snap-ride-home").note == "is it safe? [b]q$f"
        # The note shows, literally, under My progress.
        await press(pilot, "escape", "p")
        text = screen_text(pilot)
        assert "Your note: is it safe? [b]q$f" in text
        assert "After a treatment session, how should you get home?" in text


async def test_finish_and_see_summary(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "2", "n", "2", "n")
        await press(pilot, "1")
        next_tile = app.screen.query_one("#next")
        assert "See my results" in text_of(next_tile)
        await press(pilot, "n")
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        assert text_of(screen.query_one("#score")) == "You got 2 of 3 right."
        results = [text_of(w) for w in screen.query(".result")]
        assert len(results) == 3
        assert results[0].startswith("✓ Right")
        assert results[1].startswith("✗ Not right")
        assert "Your answer: None: [red]they all change[/red]" in results[1]
        assert "Right answer: This one: [bold]not bold[/bold] and $var" in results[1]
        # The missed one's explanation and its source's title, as the next steps promise ("read ... below").
        missed = screen.results[1]
        source = missed.bank.sources[missed.question.cite.source]
        assert f"Why: {missed.question.explanation}" in results[1]
        assert f"Source: {source.title}" in results[1]
        assert "Why:" not in results[0] and "Source:" not in results[0]  # the right ones stay short
        assert "Review (on the home screen) will ask it again" in text_of(screen.query_one("#next-steps"))
        assert store.latest_unfinished_run("default") is None  # a finished run is not offered again
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(pilot)
        assert "1 question to go over again." in text  # the missed one went to review
        assert "Answered 3 of 3 · 2 of 3 answers right · 1 to go over again." in text


async def test_quit_mid_quiz_then_continue(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "2", "n", "2")  # right, wrong, then quit on the feedback
        await press(pilot, "q")
    assert app.return_code == 0
    assert store.attempt_count("default") == 2

    again = make_app(catalog, store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        cont = again.screen.query_one("#continue")
        assert cont.display
        text = screen_text(pilot)
        assert "Continue: Getting ready for a session" in text
        assert "2 of 3 answered" in text
        assert again.focused is cont
        await press(pilot, "c")
        assert isinstance(again.screen, QuestionScreen)
        assert text_of(again.screen.query_one("#where")).startswith("Question 3 of 3")
        await press(pilot, "1", "n")
        assert isinstance(again.screen, SummaryScreen)
        assert text_of(again.screen.query_one("#score")) == "You got 2 of 3 right."


def read_late(app: KetaquizApp, error: str | None) -> threading.Event:
    """Make the app's figures wait until the returned event is set (Home waits FIRST_FIGURES_WAIT, then goes
    on without them), then come, maybe with a store error."""
    read, release = app.read_overview, threading.Event()

    def late(*, history: bool) -> Overview:
        release.wait(10)
        overview = read(history=history)
        overview.error = error or overview.error
        return overview

    app.read_overview = late  # type: ignore[method-assign]
    return release


@pytest.mark.parametrize("error", [None, "the disk is not there"])
async def test_figures_that_come_late_still_bring_continue_and_the_focus(
    catalog: Catalog, store: ProgressStore, error: str | None
) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "2", "n", "q")  # one answer, then quit part-way
    slow = make_app(catalog, store)
    release = read_late(slow, error)
    async with slow.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not slow.screen.query("#continue")  # Home is up before the figures
        release.set()
        for _ in range(100):  # the figures come from a thread; wait for them (at most a few seconds)
            await settle(pilot)
            if slow.screen.query("#continue") and slow.focused is slow.screen.query_one("#continue"):
                break
        cont = slow.screen.query_one("#continue", ContinueTile)
        assert cont.display and slow.focused is cont
        assert "1 of 3 answered" in screen_text(pilot)
        shown = [w.id for w in slow.screen.query_one("#body").children if w.display]
        if error:
            assert "Your progress could not be read: the disk is not there" in screen_text(pilot)
            assert shown.index("store-error") < shown.index("continue")
        assert shown.index("continue") < shown.index("review")
        await press(pilot, "c")
        assert isinstance(slow.screen, QuestionScreen)


async def test_escape_goes_home_and_keeps_the_place(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "2", "escape")
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#continue").display
        await press(pilot, "enter")  # Continue has the focus
        assert text_of(app.screen.query_one("#where")).startswith("Question 2 of 3")


# ------------------------------------------------------------------------------------------------------------
# Review


def _answer_wrong_yesterday(catalog: Catalog, store: ProgressStore) -> None:
    when = NOW - timedelta(days=1)
    session = QuizSession.from_bank(catalog.bank("snapshot-second"), store=store, clock=lambda: when)
    session.answer(1)  # wrong
    session.next()


async def test_review_from_home(catalog: Catalog, store: ProgressStore) -> None:
    _answer_wrong_yesterday(catalog, store)
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "1 question to go over again." in screen_text(pilot)
        await press(pilot, "r")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.session.kind == "review"
        assert text_of(screen.query_one("#where")).startswith("Question 1 of 1  ·  After a session")
        await press(pilot, "1", "n")
        assert isinstance(app.screen, SummaryScreen)
        await press(pilot, "escape")
        assert "Nothing to go over right now" in screen_text(pilot)


async def test_review_flag_starts_in_review_and_nothing_due_says_so(
    catalog: Catalog, store: ProgressStore
) -> None:
    app = make_app(catalog, store, review=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)  # nothing due: Home, with a notice
        assert any("Nothing to go over right now" in n.message for n in app._notifications)

    _answer_wrong_yesterday(catalog, store)
    app = make_app(catalog, store, review=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.session.kind == "review"


# ------------------------------------------------------------------------------------------------------------
# Size, themes, literal text, failures


def _inside(widget: Widget, width: int) -> bool:
    r = widget.region
    return r.x >= 0 and r.x + r.width <= width


async def test_resize_between_80x24_and_200x60(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("-narrow") and app.screen.has_class("-short")
        await press(pilot, "1", "1")
        screen = app.screen
        prompt = screen.query_one("#prompt")
        for w in screen.query(Static):
            if w.region.width:
                assert _inside(w, 80), w
        verdict = screen.query_one("#verdict-block")
        # The long "Why not" line wraps instead of being cut: more rows than lines.
        assert verdict.region.height > len(lines_of(verdict))
        assert screen.query_one("#body").max_scroll_y > 0  # and the question scrolls

        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        assert screen.has_class("-wide") and screen.has_class("-tall")
        assert screen.query_one(BottomBar).crisis_shown == CRISIS_TEXT_US
        column = screen.query_one("#body")  # the scrolling body is the column
        assert column.region.width <= 120 and column.region.x > 0  # a centred, readable column
        assert prompt.region.height == 1
        for w in screen.query(Static):
            if w.region.width:
                assert _inside(w, 200), w

        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert screen.has_class("-narrow")
        assert screen.query_one(BottomBar).crisis_shown == CRISIS_SHORT_US
        await press(pilot, "escape")
        cards = list(app.screen.query(BankCard))
        assert cards[0].region.y < cards[1].region.y  # stacked at 80 columns
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        cards = list(app.screen.query(BankCard))
        assert cards[0].region.y == cards[1].region.y  # side by side at 200


async def test_the_line_under_the_topics_opens_progress_help_and_about(
    catalog: Catalog, store: ProgressStore
) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for words, screen_type in (
            ("My progress", ProgressScreen),
            ("Help", HelpScreen),
            ("About", AboutScreen),
        ):
            more = app.screen.query_one("#more")
            more.scroll_visible(animate=False)
            await settle(pilot)
            await pilot.click("#more", offset=(text_of(more).index(words), 0))
            await settle(pilot)
            assert isinstance(app.screen, screen_type), words
            await press(pilot, "escape")
            assert isinstance(app.screen, HomeScreen)


async def test_the_line_of_keys_comes_into_view_when_the_focus_reaches_the_last_card(
    store: ProgressStore,
) -> None:
    app = make_app(load_catalog(None), store)  # the bundled banks: four cards, the line well below the fold
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        body, more = app.screen.query_one("#body"), app.screen.query_one("#more")
        cards = list(app.screen.query(BankCard))
        assert app.focused is cards[0]
        assert not body.region.contains_region(more.region)  # below the fold at first
        for _ in cards[1:]:
            await press(pilot, "down")
        assert app.focused is cards[-1]
        await settle(pilot)
        assert body.region.contains_region(more.region) and body.region.contains_region(cards[-1].region)


async def test_the_mouse_wheel_scrolls_the_page_beside_the_column_too(store: ProgressStore) -> None:
    app = make_app(load_catalog(None), store)
    async with app.run_test(size=(200, 24)) as pilot:  # wide: the body is a centred column with empty sides
        await settle(pilot)
        body = app.screen.query_one("#body")
        assert body.region.x > 10 and body.max_scroll_y > 0
        await pilot._post_mouse_events([events.MouseScrollDown], offset=(2, 10))  # left of the column
        await settle(pilot)
        assert body.scroll_y > 0
        down = body.scroll_y
        await pilot._post_mouse_events([events.MouseScrollUp], offset=(2, 10))
        await settle(pilot)
        assert body.scroll_y < down


async def test_theme_change_is_saved(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        assert app.theme == "ketaquiz-dark"
        await press(pilot, "t")
        assert app.theme == "ketaquiz-light"
        assert store.get_pref("theme") == "ketaquiz-light"
        more = text_of(app.screen.query_one("#more"))
        assert "My progress" in more and "Help" in more and "About" in more
        await pilot.click("#more", offset=(more.index("Colours"), 0))
        await settle(pilot)
        assert app.theme == "ketaquiz-contrast"
    assert store.get_pref("theme") == "ketaquiz-contrast"

    app = make_app(catalog, store)
    assert app.theme == "ketaquiz-contrast"  # the saved preference
    app = make_app(catalog, store, theme="ketaquiz-light")
    assert app.theme == "ketaquiz-light"  # --theme wins for this run...
    assert store.get_pref("theme") == "ketaquiz-contrast"  # ...without changing the preference
    store.set_pref("theme", "no-such-theme")
    assert make_app(catalog, store).theme == "ketaquiz-dark"


async def test_bank_text_is_shown_literally(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "2", "n")
        screen = app.screen
        prompt = screen.query_one("#prompt").render()
        assert prompt.plain == (
            "Which note shows [bold]brackets[/bold], [link=https://x.test]a link[/link] and $HOME as typed?"
        )
        assert all(span.style == "bold" for span in prompt.spans)  # our own bold, nothing from the text
        choice_text = screen.query_one("#choice-1", ChoiceButton).heading
        assert choice_text.plain == "This one: [bold]not bold[/bold] and $var"
        assert not choice_text.spans
        await press(pilot, "2")
        assert "Why not: Text from a bank is shown exactly as typed: [b]this is not bold[/b]." in lines_of(
            screen.query_one("#verdict-block")
        )
        assert "[i]these brackets[/i] and $PATH" in text_of(screen.query_one("#explanation"))
        assert "[for example: $cost]" in lines_of(screen.query_one("#quote-block"))[0]


async def test_control_characters_in_notes_are_removed(catalog: Catalog, store: ProgressStore) -> None:
    store.set_flag("default", "snapshot-basics", "snap-ride-home", "red\x1b[31m alert\x07 \u202eevil")
    app = make_app(catalog, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        text = screen_text(pilot)
        assert "Your note: red[31m alert evil" in text
        assert "\x1b" not in text and "\u202e" not in text


async def test_failed_bank_is_named_on_home(tmp_path: Path, store: ProgressStore) -> None:
    broken = tmp_path / "broken-bank.yaml"
    broken.write_text("format: 1\nid: broken\ntitle: Broken\nquestions: []\n", encoding="utf-8")
    cat = load_catalog([BANKS, broken], use_cache=False)
    assert len(cat.banks) == 2 and len(cat.failures) == 1
    app = make_app(cat, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        failure = text_of(app.screen.query_one(".failure"))
        assert "⚠ Could not load broken-bank.yaml:" in failure
        assert str(broken) in failure
        assert cat.failures[0].problems[0].message in failure
        assert len(list(app.screen.query(BankCard))) == 2  # the good banks still work
        await press(pilot, "1")
        assert isinstance(app.screen, QuestionScreen)


async def test_progress_help_and_about(catalog: Catalog, store: ProgressStore) -> None:
    _answer_wrong_yesterday(catalog, store)
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        text = screen_text(pilot)
        assert "0 of 1 mastered" in text and "0 of 3 mastered" in text
        assert "1 question to go over again now." in text
        assert "In the last 14 days you gave 1 answer, on 1 day, 0 of them right." in text
        assert "A question is mastered when" in text
        chart = text_of(app.screen.query_one("#chart"))
        assert "▒▒" in chart and "25 Feb" in chart and "10 Mar" in chart
        await press(pilot, "escape", "f1")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(pilot)
        for key in ("? or F1", "q or Ctrl+Q", "Enter, Space or n", "1 to 9", "f", "Esc"):
            assert key in text
        assert "Your answers are already saved." in text
        await press(pilot, "escape", "a")
        text = screen_text(pilot)
        assert "Reviewed by Dr. Test Reviewer, MD on 2026-01-20." in text
        assert UNREVIEWED_TEXT in text
        assert CRISIS_TEXT_US in text and "not medical advice" in text


async def test_help_does_not_promise_saving_when_nothing_is_kept(
    catalog: Catalog, store: ProgressStore
) -> None:
    app = make_app(catalog, store, persistent=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f1")
        text = screen_text(pilot)
        assert "Progress is not being saved." in text
        assert "already saved" not in text


SCREENS_WITH_KEYS = (KetaquizApp, KetaquizScreen, Tile, HomeScreen, QuestionScreen, SummaryScreen, FlagDialog)


def test_every_binding_has_an_id_a_keymap_can_name() -> None:
    for cls in SCREENS_WITH_KEYS:
        ids = [b.id for b in cls.BINDINGS if isinstance(b, Binding)]
        assert len(ids) == len(cls.BINDINGS), cls  # all of them Binding objects
        assert all(ids) and len(set(ids)) == len(ids), cls


def test_the_help_table_is_made_from_the_bindings() -> None:
    sections = dict(help_sections(KetaquizApp.__new__(KetaquizApp), {}))
    assert list(sections) == ["Everywhere", "Home", "A question", "Your results"]  # none for My progress
    home = {row.keys: row.words for row in sections["Home"]}
    assert home["1 to 9"] == "Start that topic" and home["r"].startswith("Review")
    for key in ("c", "p", "a", "t"):
        assert key in home
    quiz = {row.keys: row.words for row in sections["A question"]}
    assert quiz["1 to 9"] == "Pick that answer" and quiz["Enter, Space or n"] == "After answering: go on"
    everywhere = {row.keys for row in sections["Everywhere"]}
    assert {"? or F1", "q or Ctrl+Q", "Esc", "Tab or Shift+Tab", "Enter or Space"} <= everywhere
    moved = dict(help_sections(KetaquizApp.__new__(KetaquizApp), {"home.review": "v", "quiz.answer-3": "x"}))
    assert "v" in {row.keys for row in moved["Home"]} and "r" not in {row.keys for row in moved["Home"]}
    assert "1, 2, x or 4 to 9" in {row.keys for row in moved["A question"]}


async def test_a_keymap_moves_a_key_and_help_follows(catalog: Catalog, store: ProgressStore) -> None:
    _answer_wrong_yesterday(catalog, store)
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.set_keymap({"home.review": "v", "app.help": "h"})
        await press(pilot, "r")
        assert isinstance(app.screen, HomeScreen)  # r no longer reviews
        await press(pilot, "h")
        assert isinstance(app.screen, HelpScreen)
        rows = {
            text_of(row.query_one(".key")): text_of(row.query_one(".what"))
            for row in app.screen.query(KeyRow)
        }
        assert rows["v"].startswith("Review") and rows["h"] == "This help"
        await press(pilot, "escape", "v")
        assert isinstance(app.screen, QuestionScreen)  # the review started


def badge(tile: Tile) -> str:
    return tile.render().badge.plain.strip()


async def test_the_keys_shown_on_screen_follow_the_keymap(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store)
    app.set_keymap(
        {
            "home.review": "v",
            "home.topic-1": "x",
            "home.about": "b",
            "quiz.answer-2": "w",
            "quiz.dont-know": "k",
        }
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert badge(app.screen.query_one("#review", ActionTile)) == "v"
        assert [badge(card) for card in app.screen.query(BankCard)] == ["x", "2"]
        assert " b  About" in text_of(app.screen.query_one("#more"))
        await press(pilot, "x")
        assert isinstance(app.screen, QuestionScreen)
        assert [badge(c) for c in app.screen.query(ChoiceButton)] == ["1", "w", "3", "k"]
        assert "press 1, w or 3" in text_of(app.screen.query_one("#hint"))
        assert "Press k if you don't know yet" in text_of(app.screen.query_one("#hint"))
        await press(pilot, "w")
        assert app.screen.session.answered


async def test_no_color_is_respected(
    monkeypatch: pytest.MonkeyPatch, catalog: Catalog, store: ProgressStore
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        await press(pilot, "1", "1")
        # Without colour, the words and symbols still say it all.
        assert "✗ Not quite." in screen_text(pilot)
        assert "✗ Your answer. It is not right." in screen_text(pilot)


# ------------------------------------------------------------------------------------------------------------
# The command


def _args(**kw: object) -> argparse.Namespace:
    base = {
        "bank": None,
        "data_dir": None,
        "profile": "default",
        "theme": None,
        "review": False,
        "count": None,
    }
    return argparse.Namespace(**{**base, **kw})


def test_unknown_theme_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    from ketaquiz.commands.quiz import run

    assert run(_args(theme="purple")) == 2
    err = capsys.readouterr().err
    assert "there is no theme called 'purple'" in err and "ketaquiz-contrast" in err


def test_no_bank_loads_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ketaquiz.commands.quiz import run

    broken = tmp_path / "bad.yaml"
    broken.write_text("format: 1\nid: [oops\n", encoding="utf-8")
    assert run(_args(bank=[str(broken)], data_dir=str(tmp_path / "data"))) == 1
    err = capsys.readouterr().err
    assert "no question bank could be loaded" in err and "bad.yaml" in err
    assert "Traceback" not in err


def test_cli_unknown_theme_and_missing_bank(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "ketaquiz"]
    r = subprocess.run([*cmd, "--theme", "nope"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "no theme called 'nope'" in r.stderr
    r = subprocess.run(
        [*cmd, "--bank", str(tmp_path / "missing.yaml")], capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 1 and "missing.yaml" in r.stderr and "Traceback" not in r.stderr


def test_bad_profile_name_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    from ketaquiz.commands.quiz import run

    assert run(_args(profile="  ")) == 2
    assert "cannot be a profile name" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------------------------
# "I don't know yet" and the essentials


async def test_zero_answers_i_dont_know_yet_kindly(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        tiles = [c for c in screen.query(ChoiceButton) if c.display]
        assert [c.number for c in tiles] == [1, 2, 3, 0] and tiles[-1].text == "I don't know yet"
        await press(pilot, "0")
        verdict = lines_of(screen.query_one("#verdict-block"))
        assert verdict[0] == "That's fine — here is the answer."
        assert "Not quite" not in " ".join(verdict) and "Why not" not in " ".join(verdict)
        assert any(line.startswith("✓ The right answer: Have someone else drive you.") for line in verdict)
        assert lines_of(screen.query_one("#quote-block"))[0].startswith("“Do not drive")
        marks = {c.number: c.mark for c in screen.query(ChoiceButton)}
        assert marks == {1: "other", 2: "right", 3: "other", 0: "chosen-dont-know"}
        # On to the next question: the 0 tile is the last again, ready to be chosen.
        await press(pilot, "n")
        shown = [c for c in screen.query(ChoiceButton) if c.display]
        assert shown[-1].number == 0 and shown[-1].mark is None
        await press(pilot, "1", "n", "2", "n")  # right, then wrong
        assert isinstance(app.screen, SummaryScreen)
        assert "You got 1 of 3 right · 1 not known yet." in text_of(app.screen.query_one("#score"))
        assert "I don't know yet" in " ".join(text_of(w) for w in app.screen.query(".result"))
    rows = list(store.iter_attempts("default"))
    assert [r.outcome for r in rows] == ["dont_know", "right", "wrong"]
    assert rows[0].choice_index is None


async def test_home_essentials_line_and_key_e(catalog: Catalog, store: ProgressStore) -> None:
    from tests.snapshots.snapshot_apps import with_essentials

    cat = with_essentials(catalog)
    app = make_app(cat, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        intro = app.screen.query_one("#intro", Static)
        assert "Before your first session: 0 of 3 essentials known" in text_of(intro)
        await press(pilot, "e")
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.session.kind == "essentials"
        assert screen.session.total == 3
        while isinstance(app.screen, QuestionScreen):
            right = next(i for i, c in enumerate(app.screen.session.current.choices, 1) if c.correct)
            await press(pilot, str(right), "n")
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert "3 of 3 essentials known" in text_of(app.screen.query_one("#intro"))
        await press(pilot, "e")  # nothing left to learn: a notice, no quiz
        assert isinstance(app.screen, HomeScreen)


async def test_home_without_essentials_has_no_essentials_line(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "essentials" not in text_of(app.screen.query_one("#intro"))
        await press(pilot, "e")
        assert isinstance(app.screen, HomeScreen)


async def test_essentials_flag_starts_the_essentials_quiz(catalog: Catalog, store: ProgressStore) -> None:
    from tests.snapshots.snapshot_apps import with_essentials

    app = make_app(with_essentials(catalog), store, essentials=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen) and app.screen.session.kind == "essentials"


# ------------------------------------------------------------------------------------------------------------
# Quiz length and order (GUIDE section 7)


async def test_a_topic_asks_ten_questions_new_first_in_a_fresh_order(store: ProgressStore) -> None:
    side_effects = load_catalog(
        [Path(__file__).parents[2] / "questions" / "side-effects.yaml"], use_cache=False
    )
    bank = side_effects.banks[0]
    assert len(bank.questions) > 10
    orders = []
    for seed in (1, 1, 2):
        app = KetaquizApp(side_effects, store, clock=clock, rng=random.Random(seed))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert "short quiz (10 questions)" in screen_text(pilot)
            await press(pilot, "question_mark")
            assert "A topic quiz asks 10 questions" in screen_text(pilot)
            await press(pilot, "escape")
            app.start_bank(bank)
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, QuestionScreen)
            assert screen.session.total == 10
            assert text_of(screen.query_one("#where")).startswith("Question 1 of 10")
            ids = [item.question.id for item in screen.session._items]
            assert screen.session.current.question.id == ids[0]
            orders.append(ids)
    assert orders[0] == orders[1] != orders[2]  # the seed decides; another seed, another quiz
    assert orders[0] != [q.id for q in bank.questions[:10]]  # not the written order
    assert len(set(orders[0])) == 10


async def test_count_all_asks_every_question_and_home_says_so(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store, count="all")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "short quiz (every question of the topic)" in screen_text(pilot)
        app.start_bank(catalog.banks[0])
        await settle(pilot)
        assert app.screen.session.total == len(catalog.banks[0].questions)  # type: ignore[attr-defined]


async def test_a_notification_never_covers_the_next_question(catalog: Catalog, store: ProgressStore) -> None:
    app = make_app(catalog, store)
    # (Textual keeps the notifications shown in App._notifications; no public reader.)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "f", "enter")  # flag the first question: "Saved..." at the top right
        assert isinstance(app.screen, QuestionScreen)
        assert len(app._notifications)
        await press(pilot, "1", "n")  # answer and go on: the notice was about the question just left
        assert app.screen.session.current.number == 2  # type: ignore[attr-defined]
        assert not len(app._notifications)
        # Notifications on Home (the colours) go when a quiz starts.
        await press(pilot, "escape", "t")
        assert isinstance(app.screen, HomeScreen) and len(app._notifications)
        await press(pilot, "c")
        assert isinstance(app.screen, QuestionScreen) and not len(app._notifications)


async def test_home_says_quietly_when_no_clinician_has_reviewed_the_questions(
    catalog: Catalog, store: ProgressStore
) -> None:
    from ketaquiz.tui.screens.home import UNREVIEWED_ALL, UNREVIEWED_SOME, unreviewed_line

    reviewed = [bank.review.is_reviewed for bank in catalog.banks]
    assert any(reviewed) and not all(reviewed)  # the test banks: one reviewed, one not
    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        intro = lines_of(app.screen.query_one("#intro"))
        assert UNREVIEWED_SOME in intro  # one line of its own, in the intro (no widget more)
    only_unreviewed = Catalog([b for b in catalog.banks if not b.review.is_reviewed], [])
    assert unreviewed_line(only_unreviewed.banks) == UNREVIEWED_ALL
    assert unreviewed_line([b for b in catalog.banks if b.review.is_reviewed]) is None
    app = make_app(only_unreviewed, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert UNREVIEWED_ALL in lines_of(app.screen.query_one("#intro"))
