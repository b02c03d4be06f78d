"""BankCard: a bank on Home, with its title, summary, size and the learner's progress in it (one widget)."""

from __future__ import annotations

from textual.content import Content

from ketaquiz.core.figures import BankFigures
from ketaquiz.core.model import Bank
from ketaquiz.core.signoff import ReviewState, bank_review_line, review_state
from ketaquiz.tui.text import literal, one_line
from ketaquiz.tui.widgets.bars import bar_line
from ketaquiz.tui.widgets.tile import Tile

WAITING = "…"
"""Shown for the figures until they are read from the store."""


def progress_words(p: BankFigures) -> str:
    """The learner's figures for a bank, in words."""
    if p.answers == 0:
        return "Not started yet."
    parts = [
        f"Answered {p.questions_answered} of {p.questions}",
        f"{p.answers_right} of {p.answers} answers right",
    ]
    if p.due_now:
        parts.append(f"{p.due_now} to go over again")
    return " · ".join(parts) + "."


class BankCard(Tile):
    """A bank to start, chosen with its number, Enter or a click."""

    def __init__(self, number: int, bank: Bank, *, key: str | None = None) -> None:
        """`key`: the key that starts it, if not its number (a keymap moved it)."""
        n = len(bank.questions)
        self.number = number
        self.bank = bank
        self._summary = literal(one_line(bank.summary), "$kq-muted")
        # A signed bank says by whom and when (and whether it changed since); About tells every bank's review.
        if review_state(bank) in (ReviewState.SIGNED, ReviewState.CHANGED):
            self._summary = Content("\n").join(
                [self._summary, literal(one_line(bank_review_line(bank)), "$kq-muted")]
            )
        super().__init__(
            str(number) if key is None else key,
            literal(one_line(bank.title), "bold"),
            self._lines(bar_line(0, n), literal(WAITING, "$kq-muted")),
            aside=literal(f"{n} question{'s' if n != 1 else ''}", "$kq-muted"),
            arrows="vertical",
            enter_words="Start",
            id=f"bank-{number}",
            classes="bank-card",
        )

    def _lines(self, bar: Content, words: Content) -> list[Content]:
        return [self._summary, bar, words]

    def show_progress(self, progress: BankFigures) -> None:
        """Fill in the learner's figures (they arrive from a worker after the card is shown)."""
        self.set_content(
            lines=self._lines(
                bar_line(progress.mastered, progress.questions),
                literal(progress_words(progress), "$kq-muted"),
            )
        )
