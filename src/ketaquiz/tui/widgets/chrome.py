"""What frames every screen: the title bar at the top, and the crisis line and the keys at the foot.

Each is one widget that draws its own lines (Textual's Header and Footer are trees of widgets, and the Footer
rebuilds its tree whenever the keys change; BottomBar only repaints).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import events
from textual.content import Content
from textual.css.styles import RulesMap
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

from ketaquiz.core.i18n import _
from ketaquiz.core.safety import CRISIS_SHORT_US, CRISIS_TEXT_US
from ketaquiz.tui.text import literal
from ketaquiz.tui.widgets.tile import Tile


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
        """`where`: the screen's WHERE, in English (marked with N_), translated as it is drawn."""
        super().__init__()
        self._where = where
        self._note = note

    def render(self) -> ByWidth:
        left = Content.assemble((" ketaquiz", "bold"), "  ·  ", literal(_(self._where)))
        note = literal(self._note, "$kq-muted")  # i18n: not shown (a style)

        def at(width: int) -> Content:
            if not note:
                return left
            room = width - left.cell_length - note.cell_length
            if room >= 1:
                return left + Content(" " * room) + note
            return left.truncate(max(0, width - note.cell_length - 1), ellipsis=True) + " " + note

        return ByWidth(at, self.outer_size.width)

    def set_where(self, where: str) -> None:
        self._where = where
        self.refresh()


CRISIS_STYLE = "bold $kq-crisis-fg on $kq-crisis-bg"  # i18n: not shown (a style)
CRISIS_PAD_STYLE = "$kq-crisis-fg on $kq-crisis-bg"  # i18n: not shown (a style)
KEY_STYLE = "bold $kq-key-fg"  # i18n: not shown (a style)


KEEP_AT_END = 2
"""The keys at the end of the line (Help and Quit, the app's own) that are never left out to make room."""


def keys_that_fit(widths: Sequence[int], width: int) -> list[int]:
    """Which of the keys (by their widths, in order) the key line shows at `width`: all of them if they fit;
    else whole keys are left out, the one before the last KEEP_AT_END first and on backwards (so what Enter does,
    first, and Help and Quit, last, stay), never a key cut in two. If even that is too long, all of them (the
    line is then cut with an ellipsis)."""
    kept = list(range(len(widths)))
    while sum(widths[i] for i in kept) > width and len(kept) > KEEP_AT_END + 1:
        del kept[len(kept) - KEEP_AT_END - 1]
    if sum(widths[i] for i in kept) > width:
        return list(range(len(widths)))
    return kept


class BarVisual(Visual):
    """The bottom bar's lines: the crisis line (the long text if it fits with a cell each side, else the short;
    centred, its colours across the whole width), then the key line (`keys_that_fit`)."""

    def __init__(self, long: Content, short: Content, keys: Sequence[Content], width_now: int) -> None:
        self.long, self.short, self.keys = long, short, list(keys)
        self._width_now = width_now or 200

    def crisis(self, width: int) -> Content:
        return self.long if self.long.cell_length + 2 <= width else self.short

    def key_line(self, width: int) -> Content:
        """The keys shown at `width`, as one line."""
        kept = keys_that_fit([part.cell_length for part in self.keys], width)
        line = Content("").join([self.keys[i] for i in kept])
        return line if line.cell_length <= width else line.truncate(width, ellipsis=True)

    def __str__(self) -> str:
        """The crisis text and the keys, one line each, at the width the bar had when this was made."""
        return f"{self.crisis(self._width_now).plain}\n{self.key_line(self._width_now).plain}"

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_minimal_width(self, rules: RulesMap) -> int:
        return 1

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.crisis(width).get_height(rules, width) + 1

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        crisis = self.crisis(width)
        if crisis.cell_length <= width:
            # Centred by hand, the padding in its own (not bold) runs: one run of spaces and words would do in a
            # terminal, but SVG screenshots drop the leading spaces of a run.
            left = (width - crisis.cell_length) // 2
            pad = CRISIS_PAD_STYLE
            crisis = Content.assemble(
                (" " * left, pad), crisis, (" " * (width - left - crisis.cell_length), pad)
            )
        strips = crisis.render_strips(width, None, style, options)
        strips.extend(self.key_line(width).render_strips(width, 1, style, options))
        return strips


class BottomBar(Widget):
    """Docked at the foot of every screen, dialogs included: the crisis line, then the keys that work right now.

    One widget drawing both (every widget costs Textual about as much to build as a screenful of text): the
    crisis line in its own colours, in full where it fits and in its short form where not; under it the keys as
    the footer shows them, from the screen's active bindings (those with `show`), one per action, in the words
    of the focused tile where it has its own (`Tile.footer_words`), as many whole keys as fit. Click a key to
    press it.
    """

    def __init__(self, crisis_text: str = CRISIS_TEXT_US, crisis_short: str = CRISIS_SHORT_US) -> None:
        super().__init__()
        self.crisis_text = crisis_text
        self.crisis_short = crisis_short
        self._keys: list[tuple[Content, str]] = []
        """Each key the bar would show (its part of the line, and the key to press), from the last `keys()`."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    @property
    def crisis_shown(self) -> str:
        """The crisis text shown now (BarVisual.crisis chooses it)."""
        return self.render().crisis(self.size.width).plain

    @property
    def keys_shown(self) -> str:
        """The key line shown now, as text."""
        return self.render().key_line(self.size.width).plain

    def keys(self) -> list[Content]:
        """The keys that work now, each as its part of the key line: the key, then what it does."""
        found: list[tuple[Content, str]] = []
        seen: set[str] = set()
        for node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            # Descriptions are marked with N_ where the bindings are made, and translated here, as they are drawn
            # (a tile's own words may already be translated: `_` gives back what the catalog does not hold).
            words = node.footer_words(binding) if isinstance(node, Tile) else binding.description
            if not binding.show or not words or binding.action in seen:
                continue
            words = _(words)
            seen.add(binding.action)
            # A screen may say which key to show (the question screen: "1-4" for as many answers as it has).
            footer_key = getattr(node, "footer_key", None)
            key = (footer_key(binding) if callable(footer_key) else None) or self.app.get_key_display(binding)
            part = Content.assemble((f" {key} ", KEY_STYLE), words, " ")
            if not enabled:
                part = part.stylize("dim")
            found.append((part, binding.key))
        self._keys = found
        return [part for part, _key in found]

    def render(self) -> BarVisual:
        return BarVisual(
            literal(self.crisis_text, CRISIS_STYLE),
            literal(self.crisis_short, CRISIS_STYLE),
            self.keys(),
            self.outer_size.width,
        )

    def on_click(self, event: events.Click) -> None:
        if event.y != self.size.height - 1:  # the keys are the last line; the crisis line above is not a key
            return
        x = 0
        for i in keys_that_fit([part.cell_length for part, _key in self._keys], self.size.width):
            part, key = self._keys[i]
            if x <= event.x < x + part.cell_length:
                event.stop()
                self.app.simulate_key(key)
                return
            x += part.cell_length
