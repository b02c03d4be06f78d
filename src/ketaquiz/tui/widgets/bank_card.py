"""BankCard: a bank on Home, with its title, summary, size and the learner's progress in it (one widget)."""

from __future__ import annotations

from textual.content import Content

from ketaquiz.core.figures import BankFigures
from ketaquiz.core.i18n import _, ngettext
from ketaquiz.core.model import Bank
from ketaquiz.core.signoff import ReviewState, bank_review_line, review_state
from ketaquiz.tui.text import literal, one_line
from ketaquiz.tui.widgets.bars import bar_line
from ketaquiz.tui.widgets.tile import Tile

MUTED = "$kq-muted"  # i18n: not shown (a style)
WAITING = "…"
"""Shown for the figures until they are read from the store."""


def progress_words(p: BankFigures) -> str:
    """The learner's figures for a bank, in words (every answer counts: right, wrong, "I don't know yet")."""
    if p.answers == 0:
        return _("Not started yet.")
    parts = [
        _("Answered {answered} of {questions}").format(answered=p.questions_answered, questions=p.questions),
        ngettext("{right} of {n} answer right", "{right} of {n} answers right", p.answers).format(
            right=p.answers_right, n=p.answers
        ),
    ]
    if p.due_now:
        parts.append(ngettext("{n} to go over again", "{n} to go over again", p.due_now).format(n=p.due_now))
    return " · ".join(parts) + "."


class BankCard(Tile):
    """A bank to start, chosen with its number, Enter or a click."""

    def __init__(self, number: int, bank: Bank, *, key: str | None = None) -> None:
        """`key`: the key that starts it, if not its number (a keymap moved it)."""
        n = len(bank.questions)
        self.number = number
        self.bank = bank
        self._summary = literal(one_line(bank.summary), MUTED)
        # A signed bank says by whom and when (and whether it changed since); About tells every bank's review.
        if review_state(bank) in (ReviewState.SIGNED, ReviewState.CHANGED):
            self._summary = Content("\n").join(
                [self._summary, literal(one_line(bank_review_line(bank)), MUTED)]
            )
        super().__init__(
            str(number) if key is None else key,
            literal(one_line(bank.title), "bold"),
            self._lines(bar_line(0, n), literal(WAITING, MUTED)),
            aside=literal(ngettext("{n} question", "{n} questions", n).format(n=n), MUTED),
            arrows="vertical",
            enter_words=_("Start"),
            id=f"bank-{number}",
            classes="bank-card",  # i18n: not shown (a class)
        )

    def _lines(self, bar: Content, words: Content) -> list[Content]:
        return [self._summary, bar, words]

    def show_progress(self, progress: BankFigures) -> None:
        """Fill in the learner's figures (they arrive from a worker after the card is shown)."""
        self.set_content(
            lines=self._lines(
                bar_line(progress.mastered, progress.questions),
                literal(progress_words(progress), MUTED),
            )
        )
