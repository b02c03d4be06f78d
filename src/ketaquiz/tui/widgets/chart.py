"""DailyChart: the Progress screen's chart of answers per day (apart from bars.py, which Home imports).

Every answer counts (GUIDE 7): right, wrong and "I don't know yet". A day's column is its answers; the right ones
are drawn █, the others ▒ (a shape, not only a colour). Under the axis, a few dates with their month ("25 Feb",
"4 mar"), each over a tick; under that the legend, whose items never break across lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from textual.content import Content
from textual.widget import Widget

from ketaquiz.core.i18n import N_, _, short_date
from ketaquiz.core.progress import DailyCount
from ketaquiz.tui.widgets.chrome import ByWidth

RIGHT_CELLS, OTHER_CELLS = "██", "▒▒"
RIGHT_STYLE, OTHER_STYLE, TEXT_STYLE = "$kq-bar-fill", "$kq-muted", "$kq-text"  # i18n: not shown (styles)
LEGEND = (
    (RIGHT_CELLS, RIGHT_STYLE, N_("right")),
    (OTHER_CELLS, OTHER_STYLE, N_("wrong or “I don't know yet”")),
)
"""The legend's items: the cells, their style, and what they stand for."""
TICK_EVERY = 7
"""Dates go under today and every 7 days before it, and under the first day where there is room."""


def chart_lines(counts: Sequence[DailyCount], today: date, days: int, height: int = 5) -> list[Content]:
    """A column chart of the answers per day over `days` days, oldest left, and a line of dates under it."""
    by_day = {c.day: c for c in counts}
    span = [today - timedelta(days=days - 1 - i) for i in range(days)]
    top = max((by_day[d].answered for d in span if d in by_day), default=0)
    label_width = max(2, len(str(top)))
    columns: list[tuple[int, int]] = []  # (right cells, other cells) per day
    for d in span:
        c = by_day.get(d)
        if c is None or top == 0 or c.answered == 0:
            columns.append((0, 0))
            continue
        total_cells = max(1, round(height * c.answered / top))
        right_cells = round(total_cells * c.right / c.answered)
        columns.append((right_cells, total_cells - right_cells))
    lines: list[Content] = []
    for row in range(height, 0, -1):
        label = str(top) if row == height else ""
        parts: list[str | tuple[str, str]] = [f"{label:>{label_width}} │"]
        for right, other in columns:
            if row <= right:
                parts.append((" " + RIGHT_CELLS, RIGHT_STYLE))
            elif row <= right + other:
                parts.append((" " + OTHER_CELLS, OTHER_STYLE))
            else:
                parts.append("   ")
        lines.append(Content.assemble(*parts))
    axis, dates = _date_axis(span, label_width)
    lines.append(Content(f"{'0':>{label_width}} └" + axis))
    lines.append(_words_apart(" " * (label_width + 2) + dates))
    return lines


def _words_apart(text: str, style: str = TEXT_STYLE) -> Content:
    """`text` with its words in `style` and the spaces between them in runs of their own: an SVG screenshot drops
    the spaces at the start of a run (a terminal does not), which would shift the dates off their ticks."""
    return Content.assemble(
        *((part, "" if part.isspace() else style) for part in re.split(r"( +)", text) if part)
    )


def _date_axis(span: Sequence[date], label_width: int) -> tuple[str, str]:
    """The axis under the columns with a tick (┬) under each dated day, and the line of dates below it.

    Today and every TICK_EVERY days before it get a date, then the first day; a date that would touch another is
    left out. A date starts under its column's bar, or ends at the axis's end if it would run past it.
    """
    width = 3 * len(span)
    wanted = [len(span) - 1 - k for k in range(0, len(span), TICK_EVERY)] + [0]
    taken: list[tuple[int, int]] = []  # (first cell, cell after the last) of each date placed, with a gap
    placed: dict[int, tuple[int, str]] = {}
    for i in dict.fromkeys(wanted):
        text = short_date(span[i])
        start = min(3 * i + 1, width - len(text))
        end = start + len(text)
        if any(start < b + 1 and a < end + 1 for a, b in taken):
            continue
        taken.append((start, end))
        placed[i] = (start, text)
    axis = "".join("─┬─" if i in placed else "───" for i in range(len(span)))
    dates = [" "] * width
    for start, text in placed.values():
        dates[start : start + len(text)] = list(text)
    return axis, "".join(dates).rstrip()


def legend_lines(width: int) -> list[Content]:
    """The legend at `width`: its items on one line where they fit, else one item a line (never split)."""
    items = [Content.assemble((cells, style), " ", (_(words), TEXT_STYLE)) for cells, style, words in LEGEND]
    one_line = Content("   ").join(items)
    return [one_line] if one_line.cell_length <= width else items


class DailyChart(Widget):
    """Answers per day over the last `days` days: the columns, their dates, and the legend."""

    DEFAULT_CSS = """
    DailyChart {
        height: auto;
    }
    """

    def __init__(self, counts: Sequence[DailyCount], today: date, days: int = 14, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.set_data(counts, today, days)

    def set_data(self, counts: Sequence[DailyCount], today: date, days: int = 14) -> None:
        self._chart = chart_lines(counts, today, days)
        self.refresh(layout=True)

    def lines_at(self, width: int) -> list[Content]:
        """The chart's lines at `width`: the columns and dates cut at the edge (a wrapped column chart would read
        as nonsense), then the legend laid out for the width."""
        chart = [line if line.cell_length <= width else line[:width] for line in self._chart]
        return [*chart, *legend_lines(width)]

    def render(self) -> ByWidth:
        return ByWidth(lambda width: Content("\n").join(self.lines_at(width)), self.outer_size.width)
