"""Per-bank figures are counted one way: Home, `stats`/export and `--review` agree."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from ketaquiz.core.catalog import Catalog
from ketaquiz.core.figures import bank_figures
from ketaquiz.core.overview import build_overview
from ketaquiz.core.progress import ProgressStore
from ketaquiz.core.report import bank_lines
from ketaquiz.core.review import review_set
from ketaquiz.core.session import QuizSession
from tests.factories import make_bank

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def test_a_question_just_missed_counts_as_to_review_everywhere() -> None:
    bank = make_bank("bank-a", 3, shuffle=False)
    store = ProgressStore(":memory:", clock=lambda: NOW)
    session = QuizSession.from_bank(bank, store=store, rng=random.Random(0), clock=lambda: NOW)
    session.answer(1)  # wrong: the schedule says "due tomorrow", but a Review would ask it now
    session.next()
    session.answer(session.current.question.correct_index)  # right, and not due yet

    later = NOW + timedelta(minutes=5)
    progress = store.question_progress("default")
    summaries = store.bank_summaries("default")
    to_review = review_set(progress, later, [bank])
    assert to_review == {"bank-a-q1"}

    fig = bank_figures(bank, summaries.get(bank.id), progress, later, to_review)
    assert (fig.questions, fig.questions_answered, fig.latest_right, fig.due_now) == (3, 2, 1, 1)
    assert (fig.answers, fig.answers_right, fig.mastered) == (2, 1, 0)

    (line,) = bank_lines([bank], summaries, progress, later)  # what `stats` and the export print
    assert line.due_now == fig.due_now
    home = build_overview(Catalog(banks=[bank]), store, "default", later, history=False)
    assert home.banks[0].due_now == fig.due_now and home.review_due == 1  # what Home shows
    review = QuizSession.review([bank], store=store, clock=lambda: later)  # what Review asks
    assert review.total == fig.due_now
