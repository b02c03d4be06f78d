"""The chart on My progress (issue 14): every answer counts as an answer (right, wrong and "I don't know yet",
GUIDE 7), its dates carry the month, and its legend never breaks an item across lines."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from ketaquiz.core import i18n
from ketaquiz.core.catalog import Catalog, load_catalog
from ketaquiz.core.overview import Overview
from ketaquiz.core.progress import DailyCount, ProgressStore
from ketaquiz.core.session import QuizSession
from ketaquiz.tui.app import KetaquizApp
from ketaquiz.tui.screens.progress import chart_sentence
from ketaquiz.tui.widgets.chart import DailyChart, chart_lines, legend_lines
from tests.factories import WrittenOrder
from tests.functional.test_app import BANKS, NOW, clock, press, settle

TODAY = date(2026, 3, 10)
LEGEND_ITEMS = ("██ right", "▒▒ wrong or “I don't know yet”")


@pytest.fixture
def spanish():  # type: ignore[no-untyped-def]
    before = i18n.language()
    i18n.set_language("es")
    yield
    i18n.set_language(before)


def plain(lines: list) -> list[str]:  # type: ignore[type-arg]
    return [line.plain for line in lines]


def test_the_legend_fits_on_one_line_where_it_can_and_never_splits_an_item() -> None:
    assert plain(legend_lines(76)) == ["   ".join(LEGEND_ITEMS)]
    for width in (40, 35, 31):
        assert plain(legend_lines(width)) == list(LEGEND_ITEMS)


def test_the_legend_in_spanish(spanish: None) -> None:
    assert plain(legend_lines(76)) == ["██ correcta   ▒▒ incorrecta o “Todavía no lo sé”"]


def test_dates_carry_the_month_and_sit_over_ticks() -> None:
    lines = plain(chart_lines([DailyCount(TODAY, 2, 1)], TODAY, 14))
    axis, dates = lines[-2], lines[-1]
    assert "25 Feb" in dates and "3 Mar" in dates and "10 Mar" in dates
    # Every date but the last (pushed back to end with the axis) starts under its tick.
    for label in ("25 Feb", "3 Mar"):
        assert axis[dates.index(label)] == "┬"
    assert axis.count("┬") == 3
    assert len(dates) <= len(axis)


def test_dates_in_spanish(spanish: None) -> None:
    dates = plain(chart_lines([], TODAY, 14))[-1]
    assert "25 feb" in dates and "3 mar" in dates and "10 mar" in dates


def test_dates_that_would_touch_are_left_out() -> None:
    # 7 days: today and the first day only; they are 18 cells apart, so both fit.
    dates = plain(chart_lines([], TODAY, 7))[-1]
    assert dates.split() == ["4", "Mar", "10", "Mar"]
    # 2 days: the first day's date would touch today's, so only today's is shown.
    assert plain(chart_lines([], TODAY, 2))[-1].split() == ["10", "Mar"]


def _overview(daily: list[DailyCount]) -> Overview:
    return Overview([], 0, None, [], daily, TODAY)


def test_the_sentence_counts_answers() -> None:
    assert chart_sentence(_overview([])) == "No answers in the last 14 days yet."
    one = _overview([DailyCount(TODAY, 1, 0)])
    assert chart_sentence(one) == "In the last 14 days you gave 1 answer, on 1 day, 0 of them right."
    many = _overview([DailyCount(TODAY - timedelta(days=1), 3, 1), DailyCount(TODAY, 2, 2)])
    assert chart_sentence(many) == "In the last 14 days you gave 5 answers, on 2 days, 3 of them right."


def test_the_sentence_in_spanish(spanish: None) -> None:
    one = _overview([DailyCount(TODAY, 1, 1)])
    assert chart_sentence(one) == "En los últimos 14 días dio 1 respuesta, en 1 día, 1 de ellas correcta."
    many = _overview([DailyCount(TODAY - timedelta(days=1), 3, 1), DailyCount(TODAY, 2, 2)])
    assert chart_sentence(many) == "En los últimos 14 días dio 5 respuestas, en 2 días, 3 de ellas correctas."


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    s = ProgressStore(tmp_path / "progress.sqlite3", clock=clock)
    yield s
    s.close()


async def test_i_dont_know_yet_counts_as_an_answer_in_the_chart(store: ProgressStore) -> None:
    catalog: Catalog = load_catalog([BANKS], use_cache=False)
    yesterday = NOW - timedelta(days=1)
    session = QuizSession.from_bank(catalog.bank("snapshot-basics"), store=store, clock=lambda: yesterday)
    session.answer_dont_know()
    session.next()
    session.answer(1)  # the second question's second choice: wrong
    session.next()
    session.answer(0)  # right
    session.next()
    app = KetaquizApp(catalog, store, clock=clock, rng=random.Random(3), order_rng=WrittenOrder())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        chart = app.screen.query_one("#chart", DailyChart)
        text = str(chart.render())
        assert "In the last 14 days you gave 3 answers, on 1 day, 1 of them right." in "\n".join(
            str(w.render()) for w in app.screen.query("Static")
        )
        columns = [line for line in text.split("\n") if "│" in line]
        assert "3 │" in columns[0]  # the top of the scale: all three answers
        assert (
            sum(line.count("▒▒") for line in columns) == 3 and sum(line.count("██") for line in columns) == 2
        )


@pytest.mark.parametrize("width", [80, 60, 44])
async def test_the_legend_on_screen_is_whole_at_80_columns_and_narrower(
    store: ProgressStore, width: int
) -> None:
    """(No answers: the chart and its legend show all the same.)"""
    catalog = load_catalog([BANKS], use_cache=False)
    app = KetaquizApp(catalog, store, clock=clock, rng=random.Random(3), order_rng=WrittenOrder())
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        chart = app.screen.query_one("#chart", DailyChart)
        rows = [line.plain for line in chart.lines_at(chart.content_region.width)]
        assert all(len(row) <= chart.content_region.width for row in rows)
        for item in LEGEND_ITEMS:
            assert any(item in row for row in rows), (item, rows)
