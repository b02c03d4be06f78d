"""Mastery bars and the chart of answers per day, drawn with block characters.

Amounts are written out in words beside every bar ("3 of 12 mastered"), so nothing depends on colour or on
reading the bar's length.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from textual.content import Content

from ketaquiz.core.progress import DailyCount

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
        (FULL * filled, "$kq-bar-fill"),
        (EMPTY * empty, "$kq-muted"),
        f"  {mastered} of {total} mastered",
    )


def chart_lines(counts: Sequence[DailyCount], today: date, days: int, height: int = 5) -> list[Content]:
    """A column chart of answers per day, oldest left: █ right answers, ▒ answers not right, day numbers below."""
    by_day = {c.day: c for c in counts}
    span = [today - timedelta(days=days - 1 - i) for i in range(days)]
    top = max((by_day[d].answered for d in span if d in by_day), default=0)
    label_width = max(2, len(str(top)))
    columns: list[tuple[int, int]] = []  # (right cells, not-right cells) per day
    for d in span:
        c = by_day.get(d)
        if c is None or top == 0:
            columns.append((0, 0))
            continue
        total_cells = max(1, round(height * c.answered / top))
        right_cells = round(total_cells * c.right / c.answered)
        columns.append((right_cells, total_cells - right_cells))
    lines: list[Content] = []
    for row in range(height, 0, -1):
        label = str(top) if row == height else ""
        parts: list[str | tuple[str, str]] = [f"{label:>{label_width}} │"]
        for right, wrong in columns:
            if row <= right:
                parts.append((" ██", "$kq-bar-fill"))
            elif row <= right + wrong:
                parts.append((" ▒▒", "$kq-muted"))
            else:
                parts.append("   ")
        lines.append(Content.assemble(*parts))
    lines.append(Content(f"{'0':>{label_width}} └" + "───" * days))
    lines.append(Content(" " * (label_width + 2) + "".join(f"{d.day:>3}" for d in span)))
    return lines
