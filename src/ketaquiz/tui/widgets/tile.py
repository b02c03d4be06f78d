"""Tile: a big focusable target, chosen with Enter, space or a click. Choices, cards and buttons are tiles.

A tile is ONE widget that draws its key badge, heading and lines itself (`TileVisual`), not a tree of Statics:
Textual styles and lays out every widget on each change, so a handful of leaf widgets keeps start-up and
answering fast. A tile shows that it has the focus by its outline (a heavy line instead of a rounded one), not by
colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

from ketaquiz.core.i18n import N_, _
from ketaquiz.tui.text import literal

BADGE_STYLE = "bold $kq-badge-fg on $kq-primary"  # i18n: not shown (a style)
"""The key badge: the palette's badge pair (contrast-checked in themes.py)."""
CHOOSE_WORDS = N_("Choose the button that is lit up")
MOVE_WORDS = N_("Move between the buttons")


class TileVisual(Visual):
    """A badge on the left, and beside it a heading (with an optional `aside` at the right of its line) and lines.

    The lines wrap under the heading, never under the badge, like a hanging indent.
    """

    def __init__(
        self, badge: str, heading: Content, lines: Sequence[Content] = (), aside: Content | None = None
    ) -> None:
        self.badge = Content.assemble((f" {badge} ", BADGE_STYLE), " ") if badge else Content("")
        self.indent = self.badge.cell_length
        self.heading = heading
        self.lines = list(lines)
        self.aside = aside
        self._bodies: dict[int, Content] = {}

    def __str__(self) -> str:
        """The tile's words as plain text, one line each (the heading, with its aside, first)."""
        first = self.heading.plain + (f"  {self.aside.plain}" if self.aside else "")
        return "\n".join([first, *(line.plain for line in self.lines)])

    def body(self, width: int) -> Content:
        """Heading and lines at this width: the aside at the right of the heading if it fits, else below it."""
        cached = self._bodies.get(width)
        if cached is not None:
            return cached
        first = self.heading
        rows: list[Content] = []
        if self.aside:
            room = width - first.cell_length - self.aside.cell_length
            if room >= 2:
                first = first + Content(" " * room) + self.aside
            else:
                rows.append(self.aside)
        body = Content("\n").join([first, *rows, *self.lines])
        if len(self._bodies) > 8:
            self._bodies.clear()
        self._bodies[width] = body
        return body

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.indent + self.body(max(1, container_width - self.indent)).get_optimal_width(
            rules, container_width
        )

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.indent + self.body(1 << 12).get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.body(max(1, width - self.indent)).get_height(rules, max(1, width - self.indent))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        inner = max(1, width - self.indent)
        strips = self.body(inner).render_strips(inner, height, style, options)
        if not self.indent:
            return strips
        first = self.badge.render_strips(self.indent, 1, style, options)[0]
        blank = Content(" " * self.indent).render_strips(self.indent, 1, style, options)[0]
        return [Strip.join([first if y == 0 else blank, strip]) for y, strip in enumerate(strips)]


class Tile(Widget, can_focus=True):
    """A focusable, clickable tile that posts `Tile.Pressed`.

    `arrows` says which arrow keys move the focus to the tile before or after: "vertical" for a column of tiles,
    "horizontal" for a row (then up and down are left to the page around it, which scrolls), "" for neither.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "press", N_("Choose"), tooltip=CHOOSE_WORDS, id="tile.choose"),
        Binding("space", "press", N_("Choose"), show=False, tooltip=CHOOSE_WORDS, id="tile.choose-space"),
        Binding("up", "move('vertical', -1)", N_("Move"), show=False, tooltip=MOVE_WORDS, id="tile.up"),
        Binding("down", "move('vertical', 1)", N_("Move"), show=False, tooltip=MOVE_WORDS, id="tile.down"),
        Binding("left", "move('horizontal', -1)", N_("Move"), show=False, tooltip=MOVE_WORDS, id="tile.left"),
        Binding(
            "right", "move('horizontal', 1)", N_("Move"), show=False, tooltip=MOVE_WORDS, id="tile.right"
        ),
    ]
    ARROWS = "vertical"

    class Pressed(Message):
        """The learner chose this tile."""

        def __init__(self, tile: Tile) -> None:
            super().__init__()
            self.tile = tile

        @property
        def control(self) -> Tile:
            return self.tile

    def __init__(
        self,
        badge: str = "",
        heading: Content | str = "",
        lines: Sequence[Content] = (),
        *,
        aside: Content | None = None,
        arrows: str | None = None,
        enter_words: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.arrows = self.ARROWS if arrows is None else arrows
        self._badge = badge
        self.heading = literal(heading) if isinstance(heading, str) else heading
        self.lines: list[Content] = list(lines)
        self.aside = aside
        self._visual: TileVisual | None = None
        self.enter_words = enter_words
        """What Enter does here, in the footer's words ("Next question", "Save"...); "" leaves Enter out of the
        footer, None says the binding's own word ("Choose")."""

    def footer_words(self, binding: Binding) -> str:
        """The footer's words for one of this tile's bindings (the bottom bar asks), in the interface language."""
        if binding.action == "press" and self.enter_words is not None:
            return self.enter_words
        return _(binding.description) if binding.description else ""

    def render(self) -> TileVisual:
        if self._visual is None:
            self._visual = TileVisual(self._badge, self.heading, self.lines, self.aside)
        return self._visual

    def set_content(
        self,
        heading: Content | None = None,
        lines: Sequence[Content] | None = None,
        aside: Content | None = None,
    ) -> None:
        """Change what the tile says (one repaint; a new layout only if the height may change)."""
        if heading is not None:
            self.heading = heading
        if lines is not None:
            self.lines = list(lines)
        if aside is not None:
            self.aside = aside
        self._visual = None
        self.refresh(layout=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # An arrow this tile does not use passes on to the page (which scrolls).
        if action == "move":
            return bool(parameters) and parameters[0] == self.arrows
        return True

    def action_move(self, arrows: str, step: int) -> None:
        """An arrow along the tiles' row or column: the focus goes to the tile before (-1) or after (1)."""
        if step < 0:
            self.screen.focus_previous()
        else:
            self.screen.focus_next()

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.press()

    def action_press(self) -> None:
        self.press()

    def press(self) -> None:
        """Choose this tile (ignored while disabled)."""
        if not self.disabled:
            self.post_message(self.Pressed(self))


class ActionTile(Tile):
    """A tile with a key badge, a bold heading and an optional line of detail."""

    def __init__(
        self,
        key: str,
        heading: str,
        detail: str = "",
        *,
        arrows: str | None = None,
        enter_words: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(
            key,
            literal(heading, "bold"),
            self._detail_lines(detail),
            arrows=arrows,
            enter_words=heading if enter_words is None else enter_words,
            id=id,
            classes=classes,
        )

    @staticmethod
    def _detail_lines(detail: str) -> list[Content]:
        return [literal(detail, "$kq-muted")] if detail else []  # i18n: not shown (a style)

    def set_text(
        self, heading: str | None = None, detail: str | None = None, *, enter_words: str | None = None
    ) -> None:
        """Change what the tile says (and, with `enter_words`, what the footer says Enter does here)."""
        if enter_words is not None and enter_words != self.enter_words:
            self.enter_words = enter_words
            if self.is_mounted:
                self.screen.refresh_bindings()
        if heading == self.heading.plain:
            heading = None
        if detail is not None and detail == "\n".join(line.plain for line in self.lines):
            detail = None
        if heading is None and detail is None:
            return  # nothing changes: no repaint
        self.set_content(
            heading=literal(heading, "bold") if heading is not None else None,
            lines=self._detail_lines(detail) if detail is not None else None,
        )


def tile_row(*tiles: Tile, id: str) -> Horizontal:
    """Tiles side by side (left and right move along them: give them `arrows="horizontal"`, as
    `keys.bound_tile` does); the last has the class -end (no margin at its right: ketaquiz.tcss)."""
    if tiles:
        tiles[-1].add_class("-end")
    return Horizontal(*tiles, classes="tile-row", id=id)  # i18n: not shown (a class)
