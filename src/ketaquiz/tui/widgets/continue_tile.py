"""ContinueTile: a quiz left part-way, on Home: "Continue: Side effects" and, at the right, how far it got.

Home shows one per unfinished quiz (the store keeps a place per topic), most recent first. The most recent one has
the key `c` in its badge; the others are chosen with the arrows and Enter, or a click, and keep their words in
line with the badged tiles (an empty space where a badge would be, never a key that does nothing).
"""

from __future__ import annotations

from textual.content import Content

from ketaquiz.core.i18n import _
from ketaquiz.core.overview import Unfinished
from ketaquiz.tui.text import literal
from ketaquiz.tui.widgets.tile import Tile, TileVisual

BADGE_WIDTH = 4
"""Columns a one-letter badge and its gap take (" c " and a space)."""


def continue_heading(unfinished: Unfinished) -> str:
    """ "Continue: Side effects" (the quiz's topic, or Review, or Essentials)."""
    return _("Continue: {title}").format(title=unfinished.title)


def continue_progress(unfinished: Unfinished) -> str:
    """ "2 of 10 answered"."""
    return _("{answered} of {total} answered").format(answered=unfinished.answered, total=unfinished.total)


class ContinueTile(Tile):
    """A quiz to continue; `show()` puts the run's title and progress in."""

    def __init__(self, key: str, *, id: str) -> None:
        words = _("Continue")  # the heading until the figures come, and what Enter does here
        classes = "full continue"  # i18n: not shown (classes)
        super().__init__(key, literal(words, "bold"), enter_words=words, id=id, classes=classes)
        self.unfinished: Unfinished | None = None

    def show(self, unfinished: Unfinished) -> None:
        """Say which quiz this tile continues, and how far it got."""
        self.unfinished = unfinished
        self.set_content(
            heading=literal(continue_heading(unfinished), "bold"),
            aside=literal(continue_progress(unfinished), "$kq-muted"),  # i18n: not shown (a style)
        )

    def render(self) -> TileVisual:
        visual = super().render()
        if not self._badge and not visual.indent:
            # No key: a blank where the badge would be, so the words line up with the tiles around.
            visual.badge = Content(" " * BADGE_WIDTH)
            visual.indent = BADGE_WIDTH
        return visual
