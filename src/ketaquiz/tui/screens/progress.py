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
from ketaquiz.tui.screens.base import KetaquizScreen, section_heading
from ketaquiz.tui.screens.flag import REMOVE_WORDS
from ketaquiz.tui.text import literal, one_line
from ketaquiz.tui.widgets.bank_card import progress_words
from ketaquiz.tui.widgets.bars import bar_line
from ketaquiz.tui.widgets.chart import DailyChart
from ketaquiz.tui.widgets.tile import ActionTile, Tile

if TYPE_CHECKING:
    from ketaquiz.tui.app import KetaquizApp


WORKER_GROUP = "progress-overview"  # i18n: not shown (a worker's name)
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
    """A flagged question: its topic, its prompt, and the learner's note."""
    if item.prompt:
        prompt = one_line(item.prompt)
    else:
        prompt = _("(question {id}, no longer in your topics)").format(id=item.flag.question_id)
    note = one_line(item.flag.note) if item.flag.note else _("(no note)")
    return Content("\n").join(
        [
            Content.assemble(("⚑ ", "bold"), literal(one_line(item.bank_title), "bold")),
            literal(prompt),
            Content.assemble(_("Your note: "), literal(note, "italic")),
        ]
    )


class RemoveFlagButton(ActionTile):
    """The "Remove from my list" under the n-th flagged question (Tab reaches it; Enter, space or a click press it)."""

    def __init__(self, n: int) -> None:
        super().__init__("", _(REMOVE_WORDS), arrows="", id=f"remove-flag-{n}")  # i18n: not shown (an id)
        self.n = n
        self.styles.width = "auto"  # inline: the app's stylesheet gives every tile the full width


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
            yield Static(literal(_("Loading your progress…")), id="loading", classes="muted")

    def on_mount(self) -> None:
        self.query_one("#body").focus()
        self.load(self.kq)

    @work(thread=True, exclusive=True, group=WORKER_GROUP, description=WORKER_GROUP)
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
            problem = _("⚠ Your progress could not be read: {error}").format(error=ov.error)
            out.append(Static(literal(problem), classes="warning"))
        out.append(section_heading(_("Topics"), first=True))
        for p in ov.banks:
            lines = [
                literal(one_line(p.title), "bold"),
                bar_line(p.mastered, p.questions),
                literal(progress_words(p), "$kq-muted"),  # i18n: not shown (a style)
            ]
            card = Static(Content("\n").join(lines))
            card.add_class("progress-bank")
            out.append(card)
        out.append(Static(literal(_(MASTERY_RULE)), classes="muted rule"))  # i18n: not shown (classes)
        due = ov.review_due
        out.append(section_heading(_("To go over again")))
        if due:
            to_review = ngettext(
                "{n} question to go over again now. Choose Review on the home screen.",
                "{n} questions to go over again now. Choose Review on the home screen.",
                due,
            ).format(n=due)
        else:
            to_review = _("Nothing to go over right now.")
        out.append(Static(literal(to_review)))
        out.append(section_heading(_("Answers per day")))
        if ov.today is not None:
            out.append(DailyChart(ov.daily, ov.today, CHART_DAYS, id="chart"))
        out.append(Static(literal(chart_sentence(ov)), classes="muted"))
        out.append(section_heading(_("To ask my care team")))
        self._flags = {}
        if ov.flagged:
            out.append(Static(literal(_(REMOVE_HINT)), classes="muted", id="flags-hint"))  # i18n: not shown
            for n, item in enumerate(ov.flagged, 1):
                self._flags[n] = item.flag.question_id
                out.append(Static(flag_text(item), classes="flagged", id=f"flag-{n}"))
                out.append(RemoveFlagButton(n))
        else:
            out.append(self._no_flags())
        return out

    def _no_flags(self) -> Static:
        return Static(literal(_(NO_FLAGS)), classes="muted", id="no-flags")  # i18n: not shown (id, class)

    @on(Tile.Pressed)
    def _remove_pressed(self, event: Tile.Pressed) -> None:
        if isinstance(event.tile, RemoveFlagButton):
            self.remove_flag(event.tile.n)

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
        tiles = list(self.query(RemoveFlagButton))
        tile = next(t for t in tiles if t.n == n)
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
