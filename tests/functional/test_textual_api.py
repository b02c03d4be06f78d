"""Where ketaquiz's front end leans on how Textual works inside: each test fails if a Textual upgrade changes it.

- `start_in_theme` (tui/textual_private.py, the one use of a private Textual method) must draw exactly what
  setting `App.theme` the ordinary way draws, and still take its fast path.
- `preset_breakpoints` gives a new screen the classes Textual would give it on its first resize.
- A screen's first showing is not restyled (the handler in screens/base.py sets `ScreenResume.refresh_styles`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ketaquiz.core.catalog import Catalog
from ketaquiz.core.progress import ProgressStore
from ketaquiz.tui.app import KetaquizApp
from ketaquiz.tui.screens.base import breakpoint_classes
from ketaquiz.tui.screens.info import HelpScreen
from tests.functional.test_app import make_app, press, settle

ANSI_TEXT = "[ansi_red]ANSI red[/] [on ansi_blue]on ANSI blue[/]"
"""Text in the terminal's own colours: drawn through the ANSI colour filter that `start_in_theme` sets."""


async def _theme_shot(app: KetaquizApp, switch_to: str | None = None) -> tuple[str, set[str]]:
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await app.screen.query_one("#intro").mount(Static(Content.from_markup(ANSI_TEXT)))
        if switch_to is not None:
            app.theme = switch_to
        await settle(pilot)
        return app.export_screenshot(), set(app.classes)


async def test_start_in_theme_draws_what_setting_the_theme_draws(catalog: Catalog, tmp_path: Path) -> None:
    assert callable(getattr(App, "_refresh_truecolor_filter", None)), (
        "Textual no longer has App._refresh_truecolor_filter: start_in_theme falls back to the slow path; "
        "see tui/textual_private.py"
    )
    shots = {}
    for name, first, then in (
        ("started light", "ketaquiz-light", None),
        ("switched to light", "ketaquiz-dark", "ketaquiz-light"),
        ("dark", "ketaquiz-dark", None),
    ):
        s = ProgressStore(tmp_path / f"{name}.sqlite3")
        try:
            shots[name] = await _theme_shot(make_app(catalog, s, theme=first), then)
        finally:
            s.close()
    assert shots["started light"] == shots["switched to light"]
    assert shots["started light"][0] != shots["dark"][0]  # (the comparison can see a difference)


@pytest.mark.parametrize("size", [(60, 20), (99, 31), (100, 32), (149, 40), (150, 24), (220, 70)])
async def test_breakpoint_classes_are_the_ones_textual_sets(
    catalog: Catalog,
    store: ProgressStore,
    size: tuple[int, int],
) -> None:
    app = make_app(catalog, store)
    names = {name for _, name in (*(app.HORIZONTAL_BREAKPOINTS or []), *(app.VERTICAL_BREAKPOINTS or []))}
    ours = breakpoint_classes(size[0], app.HORIZONTAL_BREAKPOINTS or []) | breakpoint_classes(
        size[1], app.VERTICAL_BREAKPOINTS or []
    )
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert set(app.screen.classes) & names == ours  # Home, after Textual's own resize
        assert set(HelpScreen().classes) & names == ours  # a new screen has them before it is mounted


async def test_a_screens_first_showing_is_not_restyled(
    catalog: Catalog,
    store: ProgressStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    restyled: list[str] = []
    ordinary = Screen.update_node_styles

    def counting(self: Screen[object], animate: bool = True) -> None:
        restyled.append(type(self).__name__)
        ordinary(self, animate)

    monkeypatch.setattr(Screen, "update_node_styles", counting)

    class OrdinaryHelp(HelpScreen):
        """Help as Textual shows any screen: restyled when it is first shown."""

        def __init__(self) -> None:
            super().__init__()
            self._first_resume = False

    app = make_app(catalog, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape")
        app.push_screen(OrdinaryHelp())
        await settle(pilot)
    assert restyled.count("OrdinaryHelp") == restyled.count("HelpScreen") + 1
