"""The frame every full screen shares: title bar, a scrolling body, the crisis line and the footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ketaquiz.tui.widgets.chrome import BottomBar, TitleBar

if TYPE_CHECKING:
    from ketaquiz.tui.app import KetaquizApp


class KetaquizScreen(Screen[None]):
    """A full screen of the app. Subclasses set WHERE and write `compose_body`."""

    WHERE = ""
    """Where the learner is, for the title bar."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    @property
    def kq(self) -> KetaquizApp:
        return cast("KetaquizApp", self.app)

    def compose(self) -> ComposeResult:
        yield TitleBar(self.WHERE, note=self.kq.title_note)
        yield from self.compose_body()
        yield BottomBar(self.kq.crisis_text, self.kq.crisis_short)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def action_back(self) -> None:
        """Back to the screen before (Home is never left this way)."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
