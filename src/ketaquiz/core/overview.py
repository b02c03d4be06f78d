"""What Home and Progress show, gathered from the catalog and the store in one go (no Textual here).

`build_overview` runs in a worker thread: it reads the store (a handful of indexed queries), applies the core's
definitions of mastery and review, and returns plain data for the screens to lay out.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from ketaquiz.core.catalog import Catalog, flag_subject
from ketaquiz.core.figures import BankFigures, bank_figures
from ketaquiz.core.i18n import _
from ketaquiz.core.model import Bank
from ketaquiz.core.progress import DailyCount, Flag, ProgressStore, RunRecord, StoreError
from ketaquiz.core.review import EssentialsCount, essentials_count, review_set

CHART_DAYS = 14
"""Days of history the Progress chart shows."""


# Plain classes with __slots__, not dataclasses: this module is imported on every start, and each slotted
# dataclass costs about a millisecond to create.


class Unfinished:
    """A quiz left part-way, offered as "Continue"."""

    __slots__ = ("answered", "run", "title", "total")

    def __init__(self, run: RunRecord, title: str, answered: int, total: int) -> None:
        self.run = run
        self.title = title
        """What the run covers: a bank's title, or "Review"."""
        self.answered = answered
        self.total = total


class FlaggedQuestion:
    """A question flagged "ask my care team", with the learner's note."""

    __slots__ = ("bank_title", "flag", "prompt")

    def __init__(self, flag: Flag, bank_title: str, prompt: str | None) -> None:
        self.flag = flag
        self.bank_title = bank_title
        self.prompt = prompt
        """None when the question is no longer in the loaded banks."""


class Overview:
    """Everything Home and Progress show."""

    __slots__ = ("banks", "daily", "error", "essentials", "flagged", "review_due", "today", "unfinished")

    def __init__(
        self,
        banks: list[BankFigures] | None = None,
        review_due: int = 0,
        unfinished: Unfinished | None = None,
        flagged: list[FlaggedQuestion] | None = None,
        daily: list[DailyCount] | None = None,
        today: date | None = None,
        error: str | None = None,
        essentials: EssentialsCount | None = None,
    ) -> None:
        self.banks = banks if banks is not None else []
        self.review_due = review_due
        """Questions a Review would ask now, across all banks."""
        self.unfinished = unfinished
        self.flagged = flagged if flagged is not None else []
        self.daily = daily if daily is not None else []
        """Answers per day over the last CHART_DAYS days."""
        self.today = today
        self.error = error
        """Why the store could not be read (the screens say so instead of the figures)."""
        self.essentials = essentials if essentials is not None else EssentialsCount(0, 0)
        """Essential questions known (latest answer right) of all those in the banks Home lists."""


def describe_run(run: RunRecord, catalog: Catalog) -> Unfinished | None:
    """An unfinished run as "Continue" shows it, or None if it cannot be continued with the banks loaded now."""
    from ketaquiz.core.session import QuizSession, SessionError  # (only when a run is unfinished)
    from ketaquiz.core.session_store import NullStore

    try:
        # A throwaway store: this only checks that the run still makes sense with today's banks.
        session = QuizSession.resume(run.state, catalog.banks, NullStore(), rng=random.Random(0))
    except SessionError:
        return None
    if session.finished or session.total == 0:
        return None
    if run.kind == "review":
        title = _("Review")
    elif run.kind == "essentials":
        title = _("Essentials")
    else:
        title = session.current.bank.title
    return Unfinished(run, title, session.score.answered, session.total)


def build_overview(
    catalog: Catalog, store: ProgressStore, profile: str, now: datetime, *, history: bool = True
) -> Overview:
    """Figures per bank, the review count, the unfinished run, and (with `history`) flags and the daily chart."""
    try:
        progress = store.question_progress(profile)
        summaries = store.bank_summaries(profile)
        to_review = review_set(progress, now, catalog.banks)  # by id: Home builds no question
        essentials = essentials_count(progress, catalog.banks)
        banks = [
            bank_figures(bank, summaries.get(bank.id), progress, now, to_review) for bank in catalog.banks
        ]
        unfinished = None
        if run := store.latest_unfinished_run(profile):
            unfinished = describe_run(run, catalog)
        flagged: list[FlaggedQuestion] = []
        daily: list[DailyCount] = []
        today = now.date()
        if history:
            questions = catalog.questions()
            for flag in store.flags(profile):
                subject = flag_subject(flag, questions)
                prompt = subject.question.prompt if subject.question else None
                flagged.append(FlaggedQuestion(flag, subject.bank_title, prompt))
            daily = store.daily_counts(profile, since=today - timedelta(days=CHART_DAYS - 1))
    except StoreError as exc:
        return Overview(
            banks=[_empty(b) for b in catalog.banks],
            error=str(exc),
            today=now.date(),
            essentials=essentials_count({}, catalog.banks),
        )
    return Overview(banks, len(to_review), unfinished, flagged, daily, today, essentials=essentials)


def _empty(bank: Bank) -> BankFigures:
    return BankFigures(bank.id, bank.title, len(bank.questions), 0, 0, 0, 0, 0, 0)
