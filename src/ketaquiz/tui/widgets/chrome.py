"""What frames every screen: the title bar at the top, and the crisis line and the keys at the foot.

Each is one widget drawing one line (Textual's Header and Footer are trees of widgets, and the Footer rebuilds
its tree whenever the keys change; KeyBar only repaints its line).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.content import Content
from textual.css.styles import RulesMap
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

from ketaquiz.core.safety import CRISIS_SHORT_US, CRISIS_TEXT_US
from ketaquiz.tui.text import literal


class ByWidth(Visual):
    """Content that depends on the width it is drawn at, chosen when it is drawn.

    (A widget's `render()` that reads `self.size` makes Textual arrange the whole screen again, in the middle of
    arranging it.)
    """

    def __init__(self, pick: Callable[[int], Content], width_now: int = 0) -> None:
        self._pick = pick
        self._width_now = width_now or 200

    def __str__(self) -> str:
        """The text at the width the widget had when this was made."""
        return self._pick(self._width_now).plain

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._pick(container_width).get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self._pick(1 << 12).get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._pick(width).get_height(rules, width)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._pick(width).render_strips(width, height, style, options)


class TitleBar(Widget):
    """One line: "ketaquiz", where the learner is, and (on the right) whose progress and whether it is saved."""

    def __init__(self, where: str, *, note: str = "") -> None:
        super().__init__()
        self._where = where
        self._note = note

    def render(self) -> ByWidth:
        left = Content.assemble((" ketaquiz", "bold"), "  ·  ", literal(self._where))
        note = literal(self._note, "$kq-muted")

        def at(width: int) -> Content:
            if not note:
                return left
            room = width - left.cell_length - note.cell_length
            if room >= 1:
                return left + Content(" " * room) + note
            return left.truncate(max(0, width - note.cell_length - 1), ellipsis=True) + " " + note

        return ByWidth(at, self._size.width)

    def set_where(self, where: str) -> None:
        self._where = where
        self.refresh()


class CrisisLine(Widget):
    """The crisis line (in the BottomBar of every screen); the short form when the full one does not fit."""

    def __init__(self, long_text: str = CRISIS_TEXT_US, short_text: str = CRISIS_SHORT_US) -> None:
        super().__init__(id="crisis-line")
        self.long_text = long_text
        self.short_text = short_text

    def render(self) -> ByWidth:
        long, short = literal(self.long_text, "bold"), literal(self.short_text, "bold")
        width_now = self._size.width - self.styles.gutter.width  # (the size Textual last gave it; no layout)
        return ByWidth(lambda width: long if long.cell_length <= width else short, width_now)


class KeyBar(Widget):
    """The keys that work right now, as the footer shows them: the key, then what it does. Click one to press it.

    Built from the screen's active bindings (those with `show`), one per action, like Textual's Footer.
    """

    def __init__(self) -> None:
        super().__init__(id="keys")
        self._spans: list[tuple[int, int, str]] = []
        """(first cell, cell after the last, key) of each key shown, for clicks."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def render(self) -> Content:
        parts: list[Content] = []
        spans: list[tuple[int, int, str]] = []
        seen: set[str] = set()
        x = 0
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            part = Content.assemble((f" {key} ", "bold $kq-key-fg"), binding.description, " ")
            if not enabled:
                part = part.stylize("dim")
            parts.append(part)
            spans.append((x, x + part.cell_length, binding.key))
            x += part.cell_length
        self._spans = spans
        return Content("").join(parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return


class BottomBar(Widget):
    """Docked at the foot of every screen, dialogs included: the crisis line, then the keys."""

    def __init__(self, crisis_text: str = CRISIS_TEXT_US, crisis_short: str = CRISIS_SHORT_US) -> None:
        super().__init__()
        self._crisis = (crisis_text, crisis_short)

    def compose(self):  # type: ignore[no-untyped-def]
        yield CrisisLine(*self._crisis)
        yield KeyBar()
