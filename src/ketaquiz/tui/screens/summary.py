"""The summary after a quiz: the score, what to do next, and each question with the learner's answer."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from ketaquiz.core.i18n import N_, _, ngettext
from ketaquiz.core.session import QuizSession
from ketaquiz.tui.keys import bound_tile
from ketaquiz.tui.screens.base import KetaquizScreen
from ketaquiz.tui.text import literal
from ketaquiz.tui.widgets.results import ResultEntry, ScoreLine
from ketaquiz.tui.widgets.tile import Tile, tile_row


def next_steps(missed: int, *, kept: bool = True) -> str:
    """What to do next. `kept` False (progress not saved): no promise that Review will ask these again later."""
    if not kept:
        if not missed:
            return _(
                "What next: nothing here is kept, so Review cannot ask these again another day. If something was "
                "unclear, write it down for your care team."
            )
        return ngettext(
            "What next: read the explanation of the one you missed below. Nothing here is kept, so Review cannot "
            "ask it again another day. If something was unclear, write it down for your care team.",
            "What next: read the explanations of the ones you missed below. Nothing here is kept, so Review "
            "cannot ask these again another day. If something was unclear, write it down for your care team.",
            missed,
        )
    if missed == 0:
        return _(
            "What next: come back in a few days. Review will ask some of these again, to help you remember. "
            "If something was unclear, press f on a question to add it to your list for your care team."
        )
    return ngettext(
        "What next: read the explanation of the one you missed below. Review (on the home screen) will ask it "
        "again. If something worries you, write it down for your care team.",
        "What next: read the explanations of the ones you missed below. Review (on the home screen) will ask "
        "these {n} again. If something worries you, write it down for your care team.",
        missed,
    ).format(n=missed)


HEADING = "section-heading"  # i18n: not shown (a class)
BINDING_IDS = ("screen.back", "results.review", "results.progress")  # i18n: not shown (binding ids)


class SummaryScreen(KetaquizScreen):
    """Shown when a run is finished."""

    WHERE = N_("Your results")
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #next-steps {
        margin: 1 0 0 0;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Home"), tooltip=N_("Back to Home"), id="screen.back"),
        Binding(
            "r",
            "review",
            N_("Review missed"),
            tooltip=N_("Review the questions you missed"),
            id="results.review",
        ),
        Binding("p", "progress", N_("My progress"), tooltip=N_("My progress"), id="results.progress"),
    ]

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self.session = session
        self.results = session.results
        self.missed = sum(1 for r in self.results if not r.correct)

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="body", classes="page"):
            yield ScoreLine(self.session.score)
            yield Static(
                literal(next_steps(self.missed, kept=self.kq.persistent)),
                id="next-steps",  # i18n: not shown (an id)
            )
            back, review, progress = BINDING_IDS
            tiles = [bound_tile(self.app, back, "Esc", _("Back to home"), id="home")]
            if self.missed:
                words = _("Review what I missed")
                tiles.append(bound_tile(self.app, review, "r", words, enter_words=_("Review"), id="review"))
            tiles.append(bound_tile(self.app, progress, "p", _("My progress"), id="progress"))
            yield tile_row(*tiles, id="summary-actions")  # i18n: not shown (an id)
            yield Static(literal(_("Your answers"), "bold"), classes=HEADING)
            for number, result in enumerate(self.results, 1):
                yield ResultEntry(number, result)

    def on_mount(self) -> None:
        self.query_one("#home").focus(scroll_visible=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "review":
            return self.missed > 0
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_review(self) -> None:
        self.app.pop_screen()
        self.kq.start_review()

    def action_progress(self) -> None:
        self.app.pop_screen()
        self.kq.show_progress()

    @on(Tile.Pressed)
    def _pressed(self, event: Tile.Pressed) -> None:
        {"home": self.action_back, "review": self.action_review, "progress": self.action_progress}[
            event.tile.id or "home"
        ]()
