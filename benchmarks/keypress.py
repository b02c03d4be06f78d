"""Key press on a choice until the feedback is drawn, in the real app and in a bare app (headless).

Both are timed the same way: from posting the key event to the app until the first screen refresh after the key
was handled (`call_after_refresh`), which is when the feedback is on the screen. Pilot's own `press()`/`pause()`
are not in the timing: they add fixed waits of their own.
"""

from __future__ import annotations

import asyncio
import random
import time
from typing import ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label

from ketaquiz.core.catalog import load_catalog
from ketaquiz.core.progress import ProgressStore


class BareKeyApp(App[None]):
    BINDINGS: ClassVar = [("1", "show", "Show")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Press 1", id="label")
        yield Footer()

    def action_show(self) -> None:
        self.query_one("#label", Label).update(f"Pressed at {time.perf_counter():.6f}")


async def _timed_press(app: App, done: object) -> float:
    """Post the key "1"; return the seconds until the refresh after `done()` became true."""
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    app.post_message(events.Key("1", "1"))
    while not done():  # type: ignore[operator]
        await asyncio.sleep(0)
    drawn: asyncio.Future[None] = loop.create_future()
    app.call_after_refresh(lambda: drawn.done() or drawn.set_result(None))
    await drawn
    return time.perf_counter() - start


async def measure(rounds: int) -> tuple[list[float], list[float]]:
    from ketaquiz.tui.app import KetaquizApp

    catalog = load_catalog(None)
    bank = max(catalog.banks, key=lambda b: len(b.questions))
    app = KetaquizApp(catalog, ProgressStore(":memory:"), rng=random.Random(1), count="all")
    app_times: list[float] = []
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.start_bank(bank)
        await pilot.pause()
        # The whole bank (a topic quiz asks 10 by default); the last question has no next to go on to.
        for _ in range(min(rounds, app.screen.session.total - 1)):
            session = app.screen.session  # the question screen's QuizSession
            app_times.append(await _timed_press(app, lambda s=session: s.answered))
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()

    bare_times: list[float] = []
    bare = BareKeyApp()
    async with bare.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        for _ in range(len(app_times)):
            label = bare.query_one("#label", Label)
            before = str(label.render())
            bare_times.append(await _timed_press(bare, lambda lb=label, b=before: str(lb.render()) != b))
            await pilot.pause()
    return app_times, bare_times
