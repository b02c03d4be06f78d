"""BankCard: a bank on Home, with its title, summary, size and the learner's progress in it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from ketaquiz.core.model import Bank
from ketaquiz.tui.overview import BankProgress
from ketaquiz.tui.text import literal, one_line
from ketaquiz.tui.widgets.bars import MasteryBar
from ketaquiz.tui.widgets.tile import Badge, Column, Tile


def progress_words(p: BankProgress) -> str:
    """The learner's figures for a bank, in words."""
    if p.answers == 0:
        return "Not started yet."
    parts = [f"Answered {p.questions_answered} of {p.questions}", f"{p.right} of {p.answers} answers right"]
    if p.due:
        parts.append(f"{p.due} to go over again")
    return " · ".join(parts) + "."


class _Row(Widget):
    DEFAULT_CSS = "_Row { height: auto; layout: horizontal; }"


class BankCard(Tile):
    """A bank to start, chosen with its number, Enter or a click."""

    def __init__(self, number: int, bank: Bank) -> None:
        super().__init__(arrows="vertical", enter_words="Start", id=f"bank-{number}", classes="bank-card")
        self.number = number
        self.bank = bank

    def compose(self) -> ComposeResult:
        n = len(self.bank.questions)
        yield Badge(str(self.number), classes="badge")
        with Column(classes="tile-body"):
            with _Row(classes="title-row"):
                yield Static(literal(one_line(self.bank.title), "bold"), classes="tile-heading")
                yield Static(f"{n} question{'s' if n != 1 else ''}", classes="bank-count")
            yield Static(literal(one_line(self.bank.summary)), classes="tile-detail")
            yield MasteryBar(0, n, classes="mastery")
            yield Static("…", classes="bank-progress")

    def show_progress(self, progress: BankProgress) -> None:
        """Fill in the learner's figures (they arrive from a worker after the card is shown)."""
        self.query_one(MasteryBar).set_value(progress.mastered, progress.questions)
        self.query_one(".bank-progress", Static).update(literal(progress_words(progress)))
