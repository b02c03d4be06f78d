"""My progress: mastery per bank, answers over the last two weeks as a chart, what is due, and flagged questions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from ketaquiz.core.overview import CHART_DAYS, FlaggedQuestion, Overview
from ketaquiz.core.scheduling import MASTERY_RULE
from ketaquiz.tui.screens.base import KetaquizScreen
from ketaquiz.tui.text import literal, one_line
from ketaquiz.tui.widgets.bank_card import progress_words
from ketaquiz.tui.widgets.bars import bar_line
from ketaquiz.tui.widgets.chart import DailyChart

if TYPE_CHECKING:
    from ketaquiz.tui.app import KetaquizApp


def chart_sentence(overview: Overview) -> str:
    answered = sum(c.answered for c in overview.daily)
    right = sum(c.right for c in overview.daily)
    days = len(overview.daily)
    if answered == 0:
        return f"No answers in the last {CHART_DAYS} days yet."
    return (
        f"In the last {CHART_DAYS} days you answered {answered} question{'s' if answered != 1 else ''} "
        f"on {days} day{'s' if days != 1 else ''}, {right} of them right. █ right  ▒ not right."
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

    WHERE = "My progress"
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
        if ov.flagged:
            out += [Static(flag_text(item), classes="flagged") for item in ov.flagged]
        else:
            out.append(
                Static(
                    literal("Nothing yet. On any question, press f to add it to this list, with a note."),
                    classes="muted",
                )
            )
        return out
