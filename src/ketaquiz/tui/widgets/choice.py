"""ChoiceButton: one answer, as a big tile with its number; after the answer it says in words what it was."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ketaquiz.tui.text import literal
from ketaquiz.tui.widgets.tile import Badge, Column, Tile

MARKS = {
    "chosen-right": "✓ Your answer. It is right.",
    "chosen-wrong": "✗ Your answer. It is not right.",
    "right": "✓ The right answer",
    "other": "",
}
"""What each choice says once the question is answered (the symbol and the words, never colour alone)."""


class ChoiceButton(Tile):
    """One answer: its number (the key that picks it) and its text."""

    def __init__(self, number: int, text: str, *, id: str | None = None) -> None:
        super().__init__(arrows="vertical", enter_words="", id=id)
        self.number = number
        self.text = text
        self.mark: str | None = None

    def compose(self) -> ComposeResult:
        yield Badge(str(self.number), classes="badge")
        with Column(classes="tile-body"):
            yield Static(literal(self.text), classes="choice-text")
            yield Static("", classes="choice-mark")

    def on_mount(self) -> None:
        self.query_one(".choice-mark").display = False

    def set_mark(self, mark: str) -> None:
        """Lock the choice after the answer and label it: "chosen-right", "chosen-wrong", "right" or "other"."""
        self.mark = mark
        self.can_focus = False
        self.add_class("-answered", f"-{mark}")
        label = self.query_one(".choice-mark", Static)
        label.update(literal(MARKS[mark], "bold"))
        label.display = bool(MARKS[mark])

    def press(self) -> None:
        if self.mark is None:
            super().press()
