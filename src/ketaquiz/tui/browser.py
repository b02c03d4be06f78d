"""The self-study quiz in a browser tab (`ketaquiz serve` without `--data-dir`): it keeps nothing, and says so.

Each tab runs its own app process with its progress in memory only. So the app runs in its "cannot save" mode
(the title bar says "Progress not saved", Help and the results promise nothing for later), Home says once what
that means, and q ends the quiz on a last screen that says nothing was kept. That screen stays until the tab is
closed or a key is pressed: when the app ends, textual-serve hides it under its own "Session ended." box.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ketaquiz.core.catalog import Catalog
from ketaquiz.core.i18n import N_, _
from ketaquiz.core.progress import ProgressStore
from ketaquiz.tui.app import KetaquizApp
from ketaquiz.tui.screens.base import KetaquizScreen
from ketaquiz.tui.text import literal

__all__ = ["FAREWELL", "TAB_NOTICE", "BrowserQuizApp", "FarewellScreen"]

TAB_NOTICE = N_(
    "This browser tab keeps nothing: your answers are forgotten when you press q or close the tab. "
    "To keep your progress, run ketaquiz on your own computer."
)
FAREWELL = N_(
    "You have ended this quiz. Nothing was kept: your answers are gone. You can close this tab now."
)
FAREWELL_KEYS = N_("Press any key to end the session.")


class FarewellScreen(KetaquizScreen, inherit_bindings=False):
    """The last screen of a browser tab: what happened to the learner's answers. No way back into the quiz."""

    WHERE = N_("Goodbye")

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="body", classes="page"):
            yield Static(literal(_(FAREWELL), "bold"), id="farewell", classes="first")
            yield Static(literal(_(FAREWELL_KEYS)), classes="muted")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.app.exit()


class BrowserQuizApp(KetaquizApp):
    """The quiz as a browser tab serves it: progress in memory only, and q says that nothing was kept."""

    def __init__(self, catalog: Catalog, store: ProgressStore, **options: Any) -> None:
        options["persistent"] = False
        super().__init__(catalog, store, **options)

    def notice_texts(self) -> list[str]:
        # Translated as Home is built, so Home's `l` changes it with everything else.
        return [_(TAB_NOTICE), *super().notice_texts()]

    async def action_quit(self) -> None:
        if isinstance(self.screen, FarewellScreen):
            self.exit()
            return
        await self.push_screen(FarewellScreen())
