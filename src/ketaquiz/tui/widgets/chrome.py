"""What frames every screen: the title bar at the top and the crisis line above the footer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Footer, Static

from ketaquiz.core.safety import CRISIS_SHORT_US, CRISIS_TEXT_US
from ketaquiz.tui.text import literal


class TitleBar(Widget):
    """One line: "ketaquiz", where the learner is, and (on the right) whose progress and whether it is saved."""

    DEFAULT_CSS = """
    TitleBar { dock: top; height: 1; layout: horizontal; }
    TitleBar > .title-left { width: 1fr; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    TitleBar > .title-right { width: auto; height: 1; text-wrap: nowrap; }
    """

    def __init__(self, where: str, *, note: str = "") -> None:
        super().__init__()
        self._where = where
        self._note = note

    def compose(self) -> ComposeResult:
        yield Static(self._left(), classes="title-left")
        yield Static(literal(self._note), classes="title-right")

    def _left(self) -> Content:
        return Content.assemble((" ketaquiz", "bold"), "  ·  ", literal(self._where))

    def set_where(self, where: str) -> None:
        self._where = where
        self.query_one(".title-left", Static).update(self._left())


class CrisisLine(Static):
    """The crisis line (in the BottomBar of every screen); the short form when the full one does not fit."""

    DEFAULT_CSS = """
    CrisisLine { height: auto; width: 1fr; text-align: center; }
    """

    def __init__(self, long_text: str = CRISIS_TEXT_US, short_text: str = CRISIS_SHORT_US) -> None:
        super().__init__(id="crisis-line")
        self.long_text = long_text
        self.short_text = short_text

    def render(self) -> Content:
        width = self.size.width or 200
        text = self.long_text if len(self.long_text) + 2 <= width else self.short_text
        return literal(text, "bold")


class BottomBar(Vertical):
    """Docked at the foot of every screen, dialogs included: the crisis line, then the footer with the keys."""

    DEFAULT_CSS = """
    BottomBar { dock: bottom; height: auto; }
    BottomBar > Footer { dock: none; }
    """

    def __init__(self, crisis_text: str = CRISIS_TEXT_US, crisis_short: str = CRISIS_SHORT_US) -> None:
        super().__init__()
        self._crisis = (crisis_text, crisis_short)

    def compose(self) -> ComposeResult:
        yield CrisisLine(*self._crisis)
        yield Footer(show_command_palette=False)
