"""What only the kiosk has: the crisis line wrapped for a waiting room, and the keys a visitor might try to leave
with. (Its tiles, choices, feedback and results are the app's: ketaquiz.tui.widgets.)"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Static

from ketaquiz.core.kiosk.crisis import crisis_form, crisis_lines
from ketaquiz.tui.text import literal

# What counts as "the visitor is here". A mouse that merely moves (bumped, or drifting) does not.
ACTIVITY_EVENTS = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp, events.Paste)

# Keys a visitor might try to leave with. The control keys are swallowed by priority bindings on the app, before
# any widget sees them (Input's ctrl+z undo, the screen's ctrl+c copy...). Escape and q are bound to nothing on each
# screen without priority, so a q can still be typed into the staff PIN field.
CONTROL_ESCAPE_KEYS = ("ctrl+q", "ctrl+c", "ctrl+z", "ctrl+backslash", "ctrl+p")  # i18n: not shown (keys)
PLAIN_ESCAPE_KEYS = ("escape", "q")
ESCAPE_KEYS = CONTROL_ESCAPE_KEYS + PLAIN_ESCAPE_KEYS
SWALLOW_BINDINGS: list[BindingType] = [Binding(key, "app.nothing", show=False) for key in PLAIN_ESCAPE_KEYS]
# On the screens of a visit Escape goes back to the topics (a fresh Welcome): it never leaves the kiosk.
VISIT_BINDINGS: list[BindingType] = [
    Binding("q", "app.nothing", show=False),
    Binding("escape", "back_to_topics", show=False),
]


class CrisisLine(Static):
    """The crisis text, docked at the foot of every screen: wrapped by the core (never inside a phone number or a
    web address), in the default text's short form on screens narrower than 80 columns.

    `text` gives the text to show now (the kiosk's, in the visit's language): asked again at each resize and by
    `refresh_text` when the language changes."""

    def __init__(self, text: Callable[[], str]) -> None:
        super().__init__(classes="crisis", markup=False)
        self._text = text

    @property
    def crisis_text(self) -> str:
        return self._text()

    def on_resize(self, event: events.Resize) -> None:
        self.refresh_text()

    def refresh_text(self) -> None:
        self.update(literal("\n".join(self.lines())))

    def lines(self) -> list[str]:
        """The lines shown at the current size."""
        shown = crisis_form(self.crisis_text, self.app.size.width)
        return crisis_lines(shown, max(1, self.content_size.width))
