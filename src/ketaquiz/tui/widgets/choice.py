"""ChoiceButton: one answer, as a big tile with its number; after the answer it says in words what it was.

The question screens (the app's and the kiosk's) compose their tiles once and show each question in them
(`show_choices`), then mark them after the answer (`mark_choices`): updating a tile costs far less than mounting a
new one while the learner waits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual.widget import Widget

from ketaquiz.core.i18n import N_, _
from ketaquiz.core.session import DONT_KNOW_TEXT
from ketaquiz.tui.text import literal
from ketaquiz.tui.widgets.tile import Tile

if TYPE_CHECKING:
    from ketaquiz.core.session import Feedback

MARKS = {
    "chosen-right": N_("✓ Your answer. It is right."),  # i18n: not shown (the key: a class)
    "chosen-wrong": N_("✗ Your answer. It is not right."),  # i18n: not shown (the key: a class)
    "right": N_("✓ The right answer"),
    "chosen-dont-know": N_("Your answer. Here is the right one."),  # i18n: not shown (the key: a class)
    "other": "",
}
"""What each choice says once the question is answered (the symbol and the words, never colour alone)."""

MUTED = "$kq-muted"  # i18n: not shown (a style)
MARK_STYLES = {
    "chosen-right": "bold $kq-right",  # i18n: not shown (a class, a style)
    "chosen-wrong": "bold $kq-wrong",  # i18n: not shown (a class, a style)
    "right": "bold $kq-right",  # i18n: not shown (a style)
    "chosen-dont-know": "bold",  # i18n: not shown (a class)
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
        words = _(words) if words else ""
        heading = literal(self.text, MUTED if mark == "other" else "")
        self.set_content(heading=heading, lines=[literal(words, MARK_STYLES[mark])] if words else [])

    def press(self) -> None:
        if self.mark is None:
            super().press()


def compose_choices(texts: Sequence[str], key: Callable[[int], str]) -> list[ChoiceButton]:
    """The tiles of a question: one per choice (`#choice-1`...), then "I don't know yet" (`#choice-0`, key 0), the
    last of every question, never shuffled. `key(n)` is the key that picks answer n."""
    tiles = [ChoiceButton(i, text, key=key(i), id=f"choice-{i}") for i, text in enumerate(texts, 1)]
    return [*tiles, ChoiceButton(0, _(DONT_KNOW_TEXT), key=key(0), id="choice-0")]


def show_choices(parent: Widget, texts: Sequence[str], key: Callable[[int], str]) -> None:
    """Show another question's choices in the tiles `compose_choices` made under `parent`, reusing them: a question
    with more choices than tiles gets new ones (before "I don't know yet"); tiles left over are hidden, kept for a
    later question with more choices."""
    dont_know = parent.query_one("#choice-0", ChoiceButton)
    tiles = [tile for tile in parent.query(ChoiceButton) if tile is not dont_know]
    for i, text in enumerate(texts, 1):
        if i <= len(tiles):
            tiles[i - 1].set_choice(i, text, key=key(i))
            tiles[i - 1].display = True
        else:
            column = dont_know.parent
            assert isinstance(column, Widget)
            column.mount(ChoiceButton(i, text, key=key(i), id=f"choice-{i}"), before=dont_know)
    dont_know.set_choice(0, _(DONT_KNOW_TEXT), key=key(0))
    for tile in tiles[len(texts) :]:
        tile.display = False


def mark_for(number: int, feedback: Feedback) -> str:
    """What choice `number` (0: "I don't know yet") shows after this answer (a key of MARKS)."""
    if number == 0:
        return "chosen-dont-know" if feedback.dont_know else "other"  # i18n: not shown (classes)
    if number - 1 == feedback.chosen_index:
        return "chosen-right" if feedback.correct else "chosen-wrong"  # i18n: not shown (classes)
    if number - 1 == feedback.correct_index:
        return "right"
    return "other"


def mark_choices(parent: Widget, feedback: Feedback) -> None:
    """Lock and label every choice shown under `parent` after this answer."""
    for choice in parent.query(ChoiceButton):
        if choice.display:
            choice.set_mark(mark_for(choice.number, feedback))
