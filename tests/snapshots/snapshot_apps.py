"""Apps for the snapshot tests: the fixed banks in ./banks, an in-memory store, a fixed clock and a seeded rng.

`make_app(history=True)` replays a learner's past answers (three days ago, yesterday, and one answer today in a
quiz left unfinished) and a flag with a note, through the real QuizSession, so Home and Progress have figures to
show. Every time is fixed, so due counts and the chart never change with the date the tests run.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ketaquiz.core.catalog import Catalog, load_catalog
from ketaquiz.core.progress import ProgressStore
from ketaquiz.core.session import QuizSession
from ketaquiz.tui.app import KetaquizApp
from tests.factories import WrittenOrder

BANKS = Path(__file__).resolve().parent / "banks"
BANKS_ES = Path(__file__).resolve().parent / "banks_es"
"""A Spanish bank, for the pictures in Spanish (Home in Spanish lists the banks of its language)."""
NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
"""The fixed "now" of every snapshot."""


def fixed_clock() -> datetime:
    return NOW


def snapshot_catalog(folder: Path = BANKS) -> Catalog:
    catalog = load_catalog([folder], use_cache=False)
    assert not catalog.failures, [str(f) for f in catalog.failures]
    return catalog


def _replay(catalog: Catalog, store: ProgressStore, when: datetime, bank_id: str, picks: list[int]) -> None:
    """Answer the bank's questions at `when` with the given display indexes (stops early: an unfinished run)."""
    session = QuizSession.from_bank(
        catalog.bank(bank_id), store=store, rng=random.Random(0), clock=lambda: when
    )
    for i, pick in enumerate(picks):
        session.answer(pick)
        if i < len(picks) - 1 or session.is_last:
            session.next()


def seed_history(catalog: Catalog, store: ProgressStore) -> None:
    """A learner's past: right, wrong, right three days ago and again yesterday; one answer today, then quit."""
    _replay(catalog, store, NOW - timedelta(days=3), "snapshot-basics", [1, 1, 0])
    _replay(catalog, store, NOW - timedelta(days=1), "snapshot-basics", [1, 1, 0])
    _replay(catalog, store, NOW - timedelta(days=1), "snapshot-second", [0])
    _replay(catalog, store, NOW - timedelta(hours=1), "snapshot-basics", [1])
    store.set_flag(
        "default", "snapshot-basics", "snap-markup-literal", "Ask about [bold]cost[/bold] and $copay"
    )


ESSENTIAL_IDS = frozenset({"snap-ride-home", "snap-markup-literal", "snap-after-feel"})
"""Marked `essential: true` for the essentials snapshots (the bank files themselves mark none)."""


def with_essentials(catalog: Catalog) -> Catalog:
    """The catalog with the questions in ESSENTIAL_IDS marked essential, as a bank marks them."""
    banks = [
        bank._replace(
            questions=type(bank.questions)(
                q._replace(essential=q.id in ESSENTIAL_IDS) for q in bank.questions
            )
        )
        for bank in catalog.banks
    ]
    return Catalog(banks, catalog.failures)


def leave_three_quizzes(catalog: Catalog, store: ProgressStore) -> None:
    """Three quizzes left part-way (a place per topic, issue 14): three hours ago a topic (two answers, both
    wrong), two hours ago a Review of those two (one answer), an hour ago the essentials (one answer)."""

    def answer(session: QuizSession, right: bool) -> None:
        session.answer(next(i for i, c in enumerate(session.current.choices) if c.correct == right))
        session.next()

    def at(hours: int) -> Callable[[], datetime]:
        return lambda: NOW - timedelta(hours=hours)

    topic = QuizSession.from_bank(catalog.bank("snapshot-basics"), store=store, clock=at(3))
    answer(topic, False)
    answer(topic, False)
    answer(QuizSession.review(catalog.banks, store=store, rng=random.Random(0), clock=at(2)), True)
    answer(QuizSession.essentials(catalog.banks, store=store, rng=random.Random(0), clock=at(1)), True)


def make_app(
    theme: str = "ketaquiz-dark", *, history: bool = False, essentials: bool = False, places: bool = False
) -> KetaquizApp:
    """`places`: three quizzes left part-way (use it with `essentials`; see `leave_three_quizzes`)."""
    catalog = snapshot_catalog()
    if essentials:
        catalog = with_essentials(catalog)
    store = ProgressStore(":memory:", clock=fixed_clock)
    if history:
        seed_history(catalog, store)
    if places:
        leave_three_quizzes(catalog, store)
    # The topic quizzes keep the written order here, so the pictures show the same questions run after run.
    return KetaquizApp(
        catalog, store, clock=fixed_clock, rng=random.Random(7), order_rng=WrittenOrder(), theme=theme
    )
