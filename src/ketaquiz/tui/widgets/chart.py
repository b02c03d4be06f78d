"""DailyChart: the Progress screen's chart of answers per day (apart from bars.py, which Home imports)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.widgets import Static

from ketaquiz.core.progress import DailyCount
from ketaquiz.tui.widgets.bars import chart_lines


class DailyChart(Static):
    """Answers per day over the last `days` days, with a sentence that says the same in words."""

    def __init__(self, counts: Sequence[DailyCount], today: date, days: int = 14, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.set_data(counts, today, days)

    def set_data(self, counts: Sequence[DailyCount], today: date, days: int = 14) -> None:
        lines = chart_lines(counts, today, days)
        self.update(Content("\n").join(lines))
