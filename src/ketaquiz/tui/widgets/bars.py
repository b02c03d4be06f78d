"""Mastery bars, drawn with block characters (the chart of answers per day is in chart.py: only Progress uses it).

Amounts are written out in words beside every bar ("3 of 12 mastered"), so nothing depends on colour or on
reading the bar's length.
"""

from __future__ import annotations

from textual.content import Content

from ketaquiz.core.i18n import _

FULL, EMPTY = "█", "░"


def bar_cells(part: int, whole: int, width: int) -> tuple[int, int]:
    """How many of `width` cells are filled for part/whole; any part above zero fills at least one cell."""
    if whole <= 0 or part <= 0:
        return 0, width
    filled = max(1, round(width * min(part, whole) / whole))
    return filled, width - filled


def bar_line(mastered: int, total: int, width: int = 20) -> Content:
    """A `width`-cell bar and "N of M mastered"."""
    filled, empty = bar_cells(mastered, total, width)
    return Content.assemble(
        (FULL * filled, "$kq-bar-fill"),  # i18n: not shown (a style)
        (EMPTY * empty, "$kq-muted"),  # i18n: not shown (a style)
        "  " + _("{mastered} of {total} mastered").format(mastered=mastered, total=total),
    )
