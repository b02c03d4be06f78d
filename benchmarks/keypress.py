"""Key press on a choice until the feedback is drawn, in the real app and in a bare app (Pilot, headless).

Both are timed the same way: from sending the key until Pilot reports the app idle again (the key handled, the
screen updated and refreshed).
"""

from __future__ import annotations

import random
import time
from typing import ClassVar

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


async def measure(rounds: int) -> tuple[list[float], list[float]]:
    from ketaquiz.tui.app import KetaquizApp

    catalog = load_catalog(None)
    bank = max(catalog.banks, key=lambda b: len(b.questions))
    app = KetaquizApp(catalog, ProgressStore(":memory:"), rng=random.Random(1))
    app_times: list[float] = []
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.start_bank(bank)
        await pilot.pause()
        for _ in range(min(rounds, len(bank.questions) - 1)):
            screen = app.screen
            t = time.perf_counter()
            await pilot.press("1")
            await pilot.pause()
            app_times.append(time.perf_counter() - t)
            session = screen.session  # the question screen's QuizSession
            assert session.answered, "the key press did not answer the question"
            await pilot.press("n")
            await pilot.pause()

    bare_times: list[float] = []
    bare = BareKeyApp()
    async with bare.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        for _ in range(len(app_times)):
            t = time.perf_counter()
            await pilot.press("1")
            await pilot.pause()
            bare_times.append(time.perf_counter() - t)
    return app_times, bare_times
