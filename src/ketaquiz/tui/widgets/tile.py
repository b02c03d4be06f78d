"""Tile: a big focusable target, chosen with Enter, space or a click. Choices, cards and buttons are tiles.

A tile shows that it has the focus by its outline (a heavy line instead of a rounded one), not by colour alone.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from ketaquiz.tui.text import literal


class Tile(Widget, can_focus=True):
    """A focusable, clickable container that posts `Tile.Pressed`.

    `arrows` says which arrow keys move the focus to the tile before or after: "vertical" for a column of tiles,
    "horizontal" for a row (then up and down are left to the page around it, which scrolls), "" for neither.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "press", "Choose"),
        Binding("space", "press", "Choose", show=False),
        Binding("up", "move_up", "Move", show=False),
        Binding("down", "move_down", "Move", show=False),
        Binding("left", "move_left", "Move", show=False),
        Binding("right", "move_right", "Move", show=False),
    ]
    ARROWS = "vertical"

    class Pressed(Message):
        """The learner chose this tile."""

        def __init__(self, tile: Tile) -> None:
            super().__init__()
            self.tile = tile

        @property
        def control(self) -> Tile:
            return self.tile

    def __init__(
        self,
        *,
        arrows: str | None = None,
        enter_words: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.arrows = self.ARROWS if arrows is None else arrows
        if enter_words is not None:
            # What Enter does here, in the footer's words ("Next question", "Save"...): bindings are per instance.
            self._bindings.key_to_bindings["enter"] = [
                Binding("enter", "press", enter_words, show=bool(enter_words))
            ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # An arrow this tile does not use passes on to the page (which scrolls).
        if action in ("move_up", "move_down"):
            return self.arrows == "vertical"
        if action in ("move_left", "move_right"):
            return self.arrows == "horizontal"
        return True

    def action_move_up(self) -> None:
        self.screen.focus_previous()

    def action_move_left(self) -> None:
        self.screen.focus_previous()

    def action_move_down(self) -> None:
        self.screen.focus_next()

    def action_move_right(self) -> None:
        self.screen.focus_next()

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.press()

    def action_press(self) -> None:
        self.press()

    def press(self) -> None:
        """Choose this tile (ignored while disabled)."""
        if not self.disabled:
            self.post_message(self.Pressed(self))


class Badge(Static):
    """The key that chooses a tile (a number, a letter, "Enter"), drawn as a small block."""

    def __init__(self, key: str, **kwargs: object) -> None:
        super().__init__(Content(f" {key} "), **kwargs)  # type: ignore[arg-type]


class ActionTile(Tile):
    """A tile with a key badge, a heading and an optional line of detail."""

    def __init__(
        self,
        key: str,
        heading: str,
        detail: str = "",
        *,
        arrows: str | None = None,
        enter_words: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(
            arrows=arrows, enter_words=heading if enter_words is None else enter_words, id=id, classes=classes
        )
        self._key = key
        self._heading = heading
        self._detail = detail

    def compose(self):  # type: ignore[no-untyped-def]
        yield Badge(self._key, classes="badge")
        with Column(classes="tile-body"):
            yield Static(literal(self._heading, "bold"), classes="tile-heading")
            yield Static(literal(self._detail), classes="tile-detail")

    def on_mount(self) -> None:
        self.query_one(".tile-detail").display = bool(self._detail)

    def set_text(self, heading: str | None = None, detail: str | None = None) -> None:
        """Change what the tile says."""
        if heading is not None:
            self._heading = heading
            self.query_one(".tile-heading", Static).update(literal(heading, "bold"))
        if detail is not None:
            self._detail = detail
            detail_widget = self.query_one(".tile-detail", Static)
            detail_widget.update(literal(detail))
            detail_widget.display = bool(detail)


class Column(Widget):
    """A plain vertical box that sizes to its content."""

    DEFAULT_CSS = "Column { height: auto; width: 1fr; layout: vertical; }"
