"""My progress: mastery per bank, answers over the last two weeks as a chart, what is due, and flagged questions.

Each flagged question has a "Remove from my list" tile under it (Tab reaches it, Enter or a click presses it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from ketaquiz.core.i18n import N_, _, ngettext
from ketaquiz.core.overview import CHART_DAYS, FlaggedQuestion, Overview
from ketaquiz.core.progress import StoreError
from ketaquiz.core.scheduling import MASTERY_RULE
from ketaquiz.tui.screens.base import KetaquizScreen
from ketaquiz.tui.screens.flag import REMOVE_WORDS
from ketaquiz.tui.text import literal, one_line
from ketaquiz.tui.widgets.bank_card import progress_words
from ketaquiz.tui.widgets.bars import bar_line
from ketaquiz.tui.widgets.chart import DailyChart
from ketaquiz.tui.widgets.tile import ActionTile, Tile

if TYPE_CHECKING:
    from ketaquiz.tui.app import KetaquizApp


NO_FLAGS = N_("Nothing yet. On any question, press f to add it to this list, with a note.")
REMOVE_HINT = N_("To take a question off the list: Tab to its button, then Enter, or click it.")


def chart_sentence(overview: Overview) -> str:
    """The chart in words. Every answer counts: right, wrong and "I don't know yet" (GUIDE 7)."""
    answers = sum(c.answered for c in overview.daily)
    right = sum(c.right for c in overview.daily)
    days = sum(1 for c in overview.daily if c.answered)
    if answers == 0:
        return _("No answers in the last {days} days yet.").format(days=CHART_DAYS)
    return _("In the last {days} days you gave {answers}, {on_days}, {right}.").format(
        days=CHART_DAYS,
        answers=ngettext("{n} answer", "{n} answers", answers).format(n=answers),
        on_days=ngettext("on {n} day", "on {n} days", days).format(n=days),
        right=ngettext("{n} of them right", "{n} of them right", right).format(n=right),
    )


def flag_text(item: FlaggedQuestion) -> Content:
    prompt = (
        one_line(item.prompt)
        if item.prompt
        else f"(question {item.flag.question_id}, no longer in your topics)"
    )
    note = one_line(item.flag.note) if item.flag.note else "(no note)"
    return Content("\n").join(
        [
            Content.assemble(("⚑ ", "bold"), literal(one_line(item.bank_title), "bold")),
            literal(prompt),
            Content.assemble("Your note: ", literal(note, "italic")),
        ]
    )


class ProgressScreen(KetaquizScreen):
    """Read-only figures; arrows and Page Up/Down scroll."""

    WHERE = N_("My progress")
    SCOPED_CSS = False
    DEFAULT_CSS = """
    .progress-bank, .rule, #chart {
        margin: 1 0 0 0;
    }

    .flagged {
        margin: 1 0 0 0;
        padding: 0 1;
        border-left: thick $kq-primary;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._flags: dict[int, str] = {}
        """The question id of each flag shown, by its number (the n of #flag-n and #remove-flag-n)."""

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="body", classes="page"):
            yield Static(literal("Loading your progress…"), id="loading", classes="muted")

    def on_mount(self) -> None:
        self.query_one("#body").focus()
        self.load(self.kq)

    @work(thread=True, exclusive=True, group="progress-overview", description="reading the figures")
    def load(self, app: KetaquizApp) -> Overview:
        """Read the learner's figures and history (in a thread: the store may be slow); `_loaded` shows them."""
        return app.read_overview(history=True)

    @on(Worker.StateChanged)
    def _loaded(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.SUCCESS and isinstance(event.worker.result, Overview):
            self.show(event.worker.result)

    def show(self, overview: Overview) -> None:
        column = self.query_one("#body")
        column.remove_children()
        column.mount_all(self.widgets_for(overview))

    def widgets_for(self, ov: Overview) -> list[Widget]:
        out: list[Widget] = []
        if ov.error:
            out.append(Static(literal(f"⚠ Your progress could not be read: {ov.error}"), classes="warning"))
        out.append(Static(literal("Topics", "bold"), classes="section-heading first"))
        for p in ov.banks:
            lines = [
                literal(one_line(p.title), "bold"),
                bar_line(p.mastered, p.questions),
                literal(progress_words(p), "$kq-muted"),
            ]
            out.append(Static(Content("\n").join(lines), classes="progress-bank"))
        out.append(Static(literal(MASTERY_RULE), classes="muted rule"))
        due = ov.review_due
        out.append(Static(literal("To go over again", "bold"), classes="section-heading"))
        out.append(
            Static(
                literal(
                    f"{due} question{'s' if due != 1 else ''} to go over again now. Choose Review on the home screen."
                    if due
                    else "Nothing to go over right now."
                )
            )
        )
        out.append(Static(literal("Answers per day", "bold"), classes="section-heading"))
        if ov.today is not None:
            out.append(DailyChart(ov.daily, ov.today, CHART_DAYS, id="chart"))
        out.append(Static(literal(chart_sentence(ov)), classes="muted"))
        out.append(Static(literal("To ask my care team", "bold"), classes="section-heading"))
        self._flags = {}
        if ov.flagged:
            out.append(Static(literal(_(REMOVE_HINT)), classes="muted", id="flags-hint"))
            for n, item in enumerate(ov.flagged, 1):
                self._flags[n] = item.flag.question_id
                out.append(Static(flag_text(item), classes="flagged", id=f"flag-{n}"))
                remove = ActionTile(
                    "", _(REMOVE_WORDS), arrows="", id=f"remove-flag-{n}", classes="remove-flag"
                )
                remove.styles.width = "auto"  # inline: the app's stylesheet gives every tile the full width
                out.append(remove)
        else:
            out.append(self._no_flags())
        return out

    def _no_flags(self) -> Static:
        return Static(literal(_(NO_FLAGS)), classes="muted", id="no-flags")

    @on(Tile.Pressed, ".remove-flag")
    def _remove_pressed(self, event: Tile.Pressed) -> None:
        self.remove_flag(int((event.tile.id or "").removeprefix("remove-flag-")))

    def remove_flag(self, n: int) -> None:
        """Take the n-th flagged question (counted from 1, as shown) off the learner's list."""
        question_id = self._flags.get(n)
        if question_id is None:
            return
        try:
            self.kq.store.clear_flag(self.kq.profile, question_id)
        except StoreError as exc:
            self.notify(
                _("Could not remove the flag: {error}").format(error=exc), severity="error", markup=False
            )
            return
        del self._flags[n]
        tile = self.query_one(f"#remove-flag-{n}", Tile)
        tiles = list(self.query(".remove-flag").results(Tile))
        at = tiles.index(tile)
        others = tiles[at + 1 :] + tiles[:at][::-1]  # the focus goes to the next button, else the one before
        self.query_one(f"#flag-{n}").remove()
        tile.remove()
        if others:
            others[0].focus()
        else:
            self.query_one("#body").focus()
        if not self._flags:
            self.query_one("#flags-hint").remove()
            self.query_one("#body").mount(self._no_flags())
        self.notify(_("Taken off your list for your care team."), markup=False)
