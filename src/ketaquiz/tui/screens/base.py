"""The frame every full screen shares: title bar, a scrolling body, the crisis line and the footer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from ketaquiz.core.i18n import N_
from ketaquiz.tui.text import literal
from ketaquiz.tui.widgets.chrome import BottomBar, TitleBar

if TYPE_CHECKING:
    from ketaquiz.tui.app import KetaquizApp


def section_heading(text: str, *, first: bool = False) -> Static:
    """A heading inside a page ("Topics", "Keys"): `text` already in the interface language. `first`: the first
    of its page (no space above it)."""
    classes = "section-heading first" if first else "section-heading"  # i18n: not shown (CSS classes)
    return Static(literal(text, "bold"), classes=classes)


def breakpoint_classes(size: int, breakpoints: Sequence[tuple[int, str]]) -> set[str]:
    """The class of the largest breakpoint `size` reaches (none if it reaches none), as Textual chooses it."""
    for threshold, name in sorted(breakpoints, reverse=True):
        if size >= threshold:
            return {name}
    return set()


def preset_breakpoints(screen: Screen[Any]) -> None:
    """Give a new screen the breakpoint classes (-narrow, -short...) for the terminal's size now.

    Textual adds them on the screen's first resize, after its widgets are styled, which styles every widget a
    second time; set before the screen is mounted they cost nothing (and a later resize still updates them).
    The rule is Textual's (tests/functional/test_textual_api.py holds the two to the same classes).
    """
    app = screen.app
    width, height = app.size
    horizontal = (
        app.HORIZONTAL_BREAKPOINTS if screen.HORIZONTAL_BREAKPOINTS is None else screen.HORIZONTAL_BREAKPOINTS
    )
    vertical = (
        app.VERTICAL_BREAKPOINTS if screen.VERTICAL_BREAKPOINTS is None else screen.VERTICAL_BREAKPOINTS
    )
    screen.add_class(
        *breakpoint_classes(width, horizontal or []), *breakpoint_classes(height, vertical or [])
    )


class KetaquizScreen(Screen[None]):
    """A full screen of the app. Subclasses set WHERE and write `compose_body`."""

    WHERE = ""
    """Where the learner is, for the title bar (marked with N_; the title bar translates it)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), tooltip=N_("Go back"), id="screen.back"),
        # Textual's own, given ids and words for the Help screen.
        *(
            Binding(
                key,
                f"app.{action}",
                description,
                show=False,
                tooltip=N_("Move to the next or the previous button"),
                id=f"screen.{name}-button",
            )
            for key, action, description, name in (
                ("tab", "focus_next", N_("Next button"), "next"),  # i18n: not shown (keys and actions)
                ("shift+tab", "focus_previous", N_("Previous button"), "previous"),  # i18n: not shown
            )
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        preset_breakpoints(self)
        self._first_resume = True

    @on(events.ScreenResume)
    def _restyle_only_when_needed(self, event: events.ScreenResume) -> None:
        # Textual restyles every widget of a screen when it is shown. The first time, the widgets were styled
        # a moment before, as they were mounted: doing it again only slowed start-up and opening a quiz.
        # (Handlers of a subclass run before Screen's own, which reads `refresh_styles`.)
        if self._first_resume:
            self._first_resume = False
            event.refresh_styles = False

    @property
    def kq(self) -> KetaquizApp:
        return cast("KetaquizApp", self.app)

    def compose(self) -> ComposeResult:
        yield TitleBar(self.WHERE, note=self.kq.title_note)
        yield from self.compose_body()
        yield BottomBar(self.kq.crisis_text, self.kq.crisis_short)

    def compose_body(self) -> ComposeResult:
        yield from ()

    # On wide terminals the scrolling body is a centred column with empty sides (Home and the question screen):
    # the mouse wheel over the sides scrolls it too. (Over the body, the body scrolls and stops the event.)
    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        for body in self.query("#body"):
            body.scroll_down(animate=False)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        for body in self.query("#body"):
            body.scroll_up(animate=False)

    def action_back(self) -> None:
        """Back to the screen before (Home is never left this way)."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
