"""Home: Continue, Review, a card per bank, banks that failed to load, and the way to Progress, Help and About.

The cards appear at once; the learner's figures (mastery, review count, the unfinished run) are read from the
store in a worker thread and filled in when they arrive, so nothing slow stands between start-up and Home.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ketaquiz.core.bank import BankError
from ketaquiz.core.safety import NOT_ADVICE_SHORT
from ketaquiz.tui.overview import Overview
from ketaquiz.tui.screens.base import KetaquizScreen
from ketaquiz.tui.text import literal
from ketaquiz.tui.widgets.bank_card import BankCard
from ketaquiz.tui.widgets.tile import ActionTile, Tile

WELCOME = "Learn about ketamine treatment, one question at a time."
INTRO = "Pick a topic for a short quiz. After each answer you see why, and the source it comes from."
MAX_PROBLEMS_SHOWN = 3


def failure_text(error: BankError) -> Content:
    """A bank that did not load: its file, and why (the first few problems, with their lines)."""
    problems = error.problems
    lines = [Content.assemble(("⚠ Could not load ", "bold"), literal(error.path.name, "bold"), ":")]
    for p in problems[:MAX_PROBLEMS_SHOWN]:
        where = f"line {p.line}" if p.line else "file"
        qid = f" [{p.question}]" if p.question else ""
        lines.append(literal(f"  {where}{qid}: {p.message}"))
    if len(problems) > MAX_PROBLEMS_SHOWN:
        lines.append(
            literal(f"  and {len(problems) - MAX_PROBLEMS_SHOWN} more (run: ketaquiz check {error.path})")
        )
    lines.append(literal(f"  {error.path}"))
    return Content("\n").join(lines)


def review_detail(due: int) -> str:
    if due == 0:
        return "Nothing to go over right now. Questions you miss come back here."
    return f"{due} question{'s' if due != 1 else ''} to go over again."


class HomeScreen(KetaquizScreen):
    """The first screen."""

    WHERE = "Home"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "continue_run", "Continue"),
        Binding("r", "review", "Review"),
        Binding("p", "progress", "My progress"),
        # About and Colours have their own tiles with the key on them; the footer has no room at 80 columns.
        Binding("a", "about", "About", show=False),
        Binding("t", "app.cycle_theme", "Colours", show=False),
        *(Binding(str(n), f"start({n})", "Start topic", show=False) for n in range(1, 10)),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.overview: Overview | None = None
        self._auto_focus = True

    def compose_body(self) -> ComposeResult:
        banks = self.kq.catalog.banks
        with VerticalScroll(id="body", can_focus=False), Vertical(id="column"):
            yield Static(literal(WELCOME, "bold"), id="welcome")
            yield Static(literal(INTRO), id="intro")
            yield Static(literal(NOT_ADVICE_SHORT), id="not-advice", classes="muted")
            for notice in self.kq.notices:
                yield Static(literal(f"⚠ {notice}"), classes="warning notice")
            yield Static(id="store-error", classes="warning notice")
            yield ActionTile("c", "Continue where you left off", enter_words="Continue", id="continue")
            yield ActionTile("r", "Review", "…", id="review")
            yield Static(literal("Topics", "bold"), classes="section-heading")
            with Vertical(id="banks"):
                # Rows of two: side by side on wide screens, stacked on others (see the stylesheet).
                for start in range(0, len(banks), 2):
                    with Horizontal(classes="bank-row"):
                        for number, bank in enumerate(banks[start : start + 2], start + 1):
                            yield BankCard(number, bank)
            for failure in self.kq.catalog.failures:
                yield Static(failure_text(failure), classes="warning failure")
            with Horizontal(id="more", classes="tile-row"):
                yield ActionTile("p", "My progress", arrows="horizontal", id="to-progress")
                yield ActionTile("?", "Help", arrows="horizontal", id="to-help")
                yield ActionTile("a", "About", arrows="horizontal", id="to-about")
                yield ActionTile("t", "Colours", arrows="horizontal", id="to-colours")

    def on_mount(self) -> None:
        self.query_one("#continue").display = False
        self.query_one("#store-error").display = False
        cards = self.query(BankCard)
        if cards:
            cards.first().focus(scroll_visible=False)
        self.load_overview()

    def on_screen_resume(self) -> None:
        # Back from a quiz or Progress: the figures may have changed. Back from a quiz left part-way, the
        # Continue tile takes the focus again: going on is the obvious next step.
        if self.kq.left_a_quiz:
            self.kq.left_a_quiz = False
            self._auto_focus = True
        if self.overview is not None:
            self.load_overview()

    @work(thread=True, exclusive=True, group="home-overview")
    def load_overview(self) -> None:
        overview = self.kq.read_overview(history=False)
        self.app.call_from_thread(self.show_overview, overview)

    def show_overview(self, overview: Overview) -> None:
        """Fill the figures in."""
        self.overview = overview
        error = self.query_one("#store-error", Static)
        error.update(
            literal(f"⚠ Your progress could not be read: {overview.error}" if overview.error else "")
        )
        error.display = bool(overview.error)
        for card, progress in zip(self.query(BankCard), overview.banks, strict=False):
            card.show_progress(progress)
        self.query_one("#review", ActionTile).set_text(detail=review_detail(overview.review_due))
        cont = self.query_one("#continue", ActionTile)
        if overview.unfinished:
            u = overview.unfinished
            cont.set_text(
                detail=f"{u.title}: {u.answered} of {u.total} answered. Go on from question {u.answered + 1}."
            )
            cont.display = True
            if self._auto_focus:
                cont.focus(scroll_visible=False)
        else:
            cont.display = False
        self._auto_focus = False
        self.refresh_bindings()

    def on_key(self) -> None:
        # Once the learner does something, the screen stops moving the focus for them.
        self._auto_focus = False

    def on_mouse_down(self) -> None:
        self._auto_focus = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return False
        if action == "continue_run":
            return bool(self.overview and self.overview.unfinished)
        if action == "start":
            n = parameters[0] if parameters else 0
            return isinstance(n, int) and 1 <= n <= len(self.kq.catalog.banks)
        return True

    # -- actions

    def action_start(self, number: int) -> None:
        self.kq.start_bank(self.kq.catalog.banks[number - 1])

    def action_continue_run(self) -> None:
        if self.overview and self.overview.unfinished:
            self.kq.continue_run(self.overview.unfinished.run)

    def action_review(self) -> None:
        self.kq.start_review()

    def action_progress(self) -> None:
        self.kq.show_progress()

    def action_about(self) -> None:
        self.kq.show_about()

    def action_back(self) -> None:
        pass  # Home is the bottom of the stack

    @on(Tile.Pressed)
    def _pressed(self, event: Tile.Pressed) -> None:
        tile = event.tile
        if isinstance(tile, BankCard):
            self.kq.start_bank(tile.bank)
            return
        actions = {
            "continue": self.action_continue_run,
            "review": self.action_review,
            "to-progress": self.action_progress,
            "to-help": self.kq.action_help,
            "to-about": self.action_about,
            "to-colours": self.kq.action_cycle_theme,
        }
        if tile.id in actions:
            actions[tile.id]()
