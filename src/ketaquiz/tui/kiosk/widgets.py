"""The kiosk's own widgets and key lists: the crisis line, the big touch tiles, and the keys a visitor might try
to leave with."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from ketaquiz.core.kiosk.crisis import crisis_form, crisis_lines
from ketaquiz.tui.text import literal

# What counts as "the visitor is here". A mouse that merely moves (bumped, or drifting) does not.
ACTIVITY_EVENTS = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp, events.Paste)

# Keys a visitor might try to leave with. The control keys are swallowed by priority bindings on the app, before
# any widget sees them (Input's ctrl+z undo, the screen's ctrl+c copy...). Escape and q are bound to nothing on each
# screen without priority, so a q can still be typed into the staff PIN field.
CONTROL_ESCAPE_KEYS = ("ctrl+q", "ctrl+c", "ctrl+z", "ctrl+backslash", "ctrl+p")
PLAIN_ESCAPE_KEYS = ("escape", "q")
ESCAPE_KEYS = CONTROL_ESCAPE_KEYS + PLAIN_ESCAPE_KEYS
SWALLOW_BINDINGS: list[BindingType] = [Binding(key, "app.nothing", show=False) for key in PLAIN_ESCAPE_KEYS]
# On the screens of a visit Escape goes back to the topics (a fresh Welcome): it never leaves the kiosk.
VISIT_BINDINGS: list[BindingType] = [
    Binding("q", "app.nothing", show=False),
    Binding("escape", "back_to_topics", show=False),
]


def plain(text: str) -> Content:
    """Bank or config text as literal content: never markup, no control characters."""
    return literal(text)


# ----------------------------------------------------------------------------------------------------------------
# Widgets


class CrisisLine(Static):
    """The crisis text, docked at the bottom of every screen: wrapped by the core (never inside a phone number or
    a web address), in the default US text's short form on screens narrower than 80 columns."""

    def __init__(self, text: str) -> None:
        super().__init__(plain(text), classes="crisis", markup=False)
        self.crisis_text = text

    def on_resize(self, event: events.Resize) -> None:
        self.update(plain("\n".join(self.lines())))

    def lines(self) -> list[str]:
        """The lines shown at the current size."""
        shown = crisis_form(self.crisis_text, self.app.size.width)
        return crisis_lines(shown, max(1, self.content_size.width))


class Tile(Vertical, can_focus=True):
    """A big, focusable target for a finger or a key (topics, choices), holding lines of wrapping text."""

    class Chosen(Message):
        """The tile was tapped, clicked, or picked with Enter/space."""

        def __init__(self, tile: Tile) -> None:
            super().__init__()
            self.tile = tile

        @property
        def control(self) -> Tile:
            return self.tile

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "choose", show=False),
    ]

    def __init__(self, *lines: Static, index: int, id: str | None = None, classes: str = "") -> None:
        super().__init__(*lines, id=id, classes=f"tile {classes}".strip())
        self.index = index

    def update(self, text: Content) -> None:
        """Replace the tile's first line (a choice marked right or wrong)."""
        self.query(Static).first().update(text)

    def action_choose(self) -> None:
        self.post_message(self.Chosen(self))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Chosen(self))
