"""ChoiceButton: one answer, as a big tile with its number; after the answer it says in words what it was."""

from __future__ import annotations

from ketaquiz.tui.text import literal
from ketaquiz.tui.widgets.tile import Tile

MARKS = {
    "chosen-right": "✓ Your answer. It is right.",
    "chosen-wrong": "✗ Your answer. It is not right.",
    "right": "✓ The right answer",
    "chosen-dont-know": "Your answer. Here is the right one.",
    "other": "",
}
"""What each choice says once the question is answered (the symbol and the words, never colour alone)."""

MARK_STYLES = {
    "chosen-right": "bold $kq-right",
    "chosen-wrong": "bold $kq-wrong",
    "right": "bold $kq-right",
    "chosen-dont-know": "bold",
}


class ChoiceButton(Tile):
    """One answer: its number (the key that picks it) and its text."""

    def __init__(self, number: int, text: str, *, key: str | None = None, id: str | None = None) -> None:
        """`key`: the key that picks it, if not its number (a keymap moved it)."""
        super().__init__(
            str(number) if key is None else key, literal(text), arrows="vertical", enter_words="", id=id
        )
        self.number = number
        self.text = text
        self.mark: str | None = None

    def set_choice(self, number: int, text: str, *, key: str | None = None) -> None:
        """Show another question's choice in this tile (the question screen reuses its tiles)."""
        self.number = number
        self.text = text
        self._badge = str(number) if key is None else key
        self.mark = None
        self.can_focus = True
        self.set_classes("")
        self.set_content(heading=literal(text), lines=[])

    def set_mark(self, mark: str) -> None:
        """Lock the choice after the answer and label it: "chosen-right", "chosen-wrong", "chosen-dont-know",
        "right" or "other"."""
        self.mark = mark
        self.can_focus = False
        self.set_classes(f"-answered -{mark}")
        words = MARKS[mark]
        heading = literal(self.text, "$kq-muted") if mark == "other" else literal(self.text)
        self.set_content(heading=heading, lines=[literal(words, MARK_STYLES[mark])] if words else [])

    def press(self) -> None:
        if self.mark is None:
            super().press()
