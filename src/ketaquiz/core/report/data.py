"""The care-team report's data: what `build_report` gathers from the store and the loaded banks. It leads with
what to go over together (essentials not yet known, misconceptions with the learner's own answer, questions not
known yet, flagged questions with their notes), then the topics (banks) with their figures. Rendering lives in
`render`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ketaquiz import __version__
from ketaquiz.core.catalog import QuestionIndex, flag_subject
from ketaquiz.core.figures import BankFigures, bank_figures, unloaded_bank_figures, utc_day
from ketaquiz.core.i18n import N_, _
from ketaquiz.core.model import Bank, Question, SourceRef
from ketaquiz.core.review import essentials_count, is_known, review_set, select_review
from ketaquiz.core.safe_text import clean
from ketaquiz.core.safety import CRISIS_TEXT_US, NOT_ADVICE
from ketaquiz.core.scheduling import MASTERY_RULE, is_due

if TYPE_CHECKING:
    from ketaquiz.core.progress import AttemptRow, BankSummary, ProgressStore, QuestionProgress

REPORT_TITLE = N_("What I learned about ketamine treatment")

WEAK_TAG_SHARE = 0.7
"""A tag is a topic to go over again when fewer than this share of the answers to its questions were right."""
MAX_REVIEW_ITEMS = 10
"""The report lists at most this many questions to go over again (the rest are counted), to stay on two pages."""
MAX_WEAK_TAGS = 8
"""The weakest topics shown, at most."""

# ----------------------------------------------------------------------------------------------------------------
# The data


@dataclass(frozen=True, slots=True)
class SourceLine:
    """A cited source as shown in a report."""

    title: str
    publisher: str | None = None
    date: str | None = None
    url: str | None = None

    @classmethod
    def of(cls, ref: SourceRef) -> SourceLine:
        return cls(ref.title, ref.publisher, ref.date, ref.url)

    def text(self) -> str:
        """Title, publisher, date (the url is shown separately)."""
        return ", ".join(p for p in (self.title, self.publisher, self.date) if p)


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A question to go over again: missed the last time, or due for review."""

    bank_id: str
    bank_title: str
    question_id: str
    prompt: str
    answer: str
    """The correct answer."""
    missed: bool
    """True when the latest answer was wrong."""
    due: bool
    times_wrong: int
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AnswerItem:
    """A question to talk over: a misconception (latest answer wrong), one not known yet (latest answer "I don't
    know yet"), or an essential not yet known. JSON keys: docs/progress.md."""

    question_id: str
    bank_id: str
    prompt: str
    chosen: str | None
    """The text of the learner's latest choice; None after "I don't know yet" or when never answered."""
    right: str
    """The right answer."""
    essential: bool
    source_id: str
    bank_title: str = ""
    source: SourceLine | None = None
    latest: str | None = None
    """The latest answer's outcome: "right", "wrong", "dont_know", or None when never answered."""


@dataclass(frozen=True, slots=True)
class EssentialsLine:
    """Essential questions known (latest answer right) of all essential questions in the banks reported."""

    known: int = 0
    total: int = 0


@dataclass(frozen=True, slots=True)
class TagLine:
    """A topic (tag) where fewer than WEAK_TAG_SHARE of the answers were right."""

    tag: str
    answers: int
    right: int


@dataclass(frozen=True, slots=True)
class FlaggedItem:
    """A question flagged "ask my care team", with the learner's note and the cited source."""

    bank_id: str
    bank_title: str
    question_id: str
    prompt: str | None
    """None when the question's bank is not loaded now (the flag is still shown, with its note)."""
    answer: str | None
    explanation: str | None
    quote: str | None
    source: SourceLine | None
    note: str
    flagged_on: str
    """UTC date the flag was set."""
    latest_answer: str | None = None
    """The learner's latest answer: its choice's text, "I don't know yet", or None when not answered."""
    latest: str | None = None
    """That answer's outcome ("right", "wrong", "dont_know"), or None."""


@dataclass(slots=True)
class Report:
    """Everything a report shows, as plain data (the JSON export is this, as a dict). `build_report` writes its
    texts (title, mastery rule, not advice, crisis line, "I don't know yet") in the interface language; the
    defaults here are the English source texts."""

    profile: str
    generated_at: str
    """UTC ISO time the report was made."""
    banks: list[BankFigures] = field(default_factory=list)
    """Banks with at least one answer, in catalog order."""
    not_started: list[str] = field(default_factory=list)
    """Titles of the loaded banks without an answer yet."""
    review: list[ReviewItem] = field(default_factory=list)
    """Questions to go over again, missed ones first (at most MAX_REVIEW_ITEMS)."""
    review_total: int = 0
    """How many questions there are to go over again in all."""
    weak_tags: list[TagLine] = field(default_factory=list)
    flagged: list[FlaggedItem] = field(default_factory=list)
    essentials: EssentialsLine = field(default_factory=EssentialsLine)
    """Essentials known / total over the loaded banks."""
    essentials_unknown: list[AnswerItem] = field(default_factory=list)
    """The essential questions not yet known, never answered last."""
    misconceptions: list[AnswerItem] = field(default_factory=list)
    """Questions whose latest answer was wrong, with that answer: essential ones first."""
    dont_know: list[AnswerItem] = field(default_factory=list)
    """Questions whose latest answer was "I don't know yet": essential ones first."""
    title: str = REPORT_TITLE
    mastery_rule: str = MASTERY_RULE
    not_advice: str = NOT_ADVICE
    crisis: str = CRISIS_TEXT_US

    @property
    def total_answers(self) -> int:
        return sum(b.answers for b in self.banks)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        # asdict keeps NamedTuples as tuples: the banks are written out by name (keys in docs/progress.md).
        data["banks"] = [
            {**line._asdict(), "score_percent": line.score_percent, "mastery_percent": line.mastery_percent}
            for line in self.banks
        ]
        data["version"] = __version__
        return data


# ----------------------------------------------------------------------------------------------------------------
# Building it


def build_report(
    store: ProgressStore,
    banks: Sequence[Bank],
    profile: str,
    now: datetime | None = None,
    *,
    max_review: int = MAX_REVIEW_ITEMS,
) -> Report:
    """The report for `profile`, over the loaded `banks`, as of `now` (default: the current time)."""
    now = now or datetime.now(UTC)
    progress = store.question_progress(profile)
    summaries = store.bank_summaries(profile)
    first_days = _first_days(store, profile, summaries)
    report = Report(
        profile=profile,
        generated_at=now.astimezone(UTC).isoformat(timespec="seconds"),
        title=_(REPORT_TITLE),
        mastery_rule=_(MASTERY_RULE),
        not_advice=_(NOT_ADVICE),
        crisis=_(CRISIS_TEXT_US),
    )

    questions = QuestionIndex(banks)

    # Banks covered: every bank with an answer, loaded or not (answers to a bank not loaded now are still yours).
    for line in bank_lines(banks, summaries, progress, now, first_days=first_days, include_unloaded=True):
        if line.answers:
            report.banks.append(line)
        else:
            report.not_started.append(line.title)

    review = _review_items(questions, progress, now)
    report.review_total = len(review)
    report.review = review[:max_review]
    report.weak_tags = _weak_tags(questions, progress)

    latest = store.latest_attempts(profile)
    known, total = essentials_count(progress, banks)
    report.essentials = EssentialsLine(known, total)
    for qid, (in_bank, question) in questions.items():
        facts = progress.get(qid)
        state = facts.latest if facts is not None else None
        if question.essential and not is_known(facts):
            report.essentials_unknown.append(_answer_item(in_bank, question, latest.get(qid), state))
        if state == "wrong":
            report.misconceptions.append(_answer_item(in_bank, question, latest.get(qid), state))
        elif state == "dont_know":
            report.dont_know.append(_answer_item(in_bank, question, None, state))
    # Answered (wrong or "I didn't know yet") first, never answered last.
    report.essentials_unknown.sort(key=lambda item: item.latest is None)
    report.misconceptions.sort(key=lambda item: not item.essential)  # stable: bank order within each
    report.dont_know.sort(key=lambda item: not item.essential)

    for flag in store.flags(profile):
        subject = flag_subject(flag, questions)
        q, bank = subject.question, subject.bank
        # A flag whose bank is not loaded now still belongs in the report, with its note.
        report.flagged.append(
            FlaggedItem(
                bank_id=bank.id if bank else flag.bank_id,
                bank_title=subject.bank_title,
                question_id=flag.question_id,
                prompt=q.prompt if q else None,
                answer=q.correct_choice.text if q else None,
                explanation=q.explanation if q else None,
                quote=q.cite.quote if q else None,
                source=SourceLine.of(bank.source_for(q)) if bank and q else None,
                note=flag.note,
                flagged_on=utc_day(flag.created_at) or "",
                latest_answer=_latest_text(latest.get(flag.question_id)),
                latest=(row := latest.get(flag.question_id)) and row.outcome,
            )
        )
    return report


DONT_KNOW_ANSWER = N_("I don't know yet")


def _latest_text(row: AttemptRow | None) -> str | None:
    if row is None:
        return None
    # Stored text (from a bank as it was then) passes the one safe-text rule again before it reaches a report.
    return _(DONT_KNOW_ANSWER) if row.outcome == "dont_know" else clean(row.choice_text or "")


def _answer_item(bank: Bank, q: Question, row: AttemptRow | None, state: str | None) -> AnswerItem:
    source = bank.sources.get(q.cite.source)
    return AnswerItem(
        question_id=q.id,
        bank_id=bank.id,
        prompt=q.prompt,
        chosen=clean(row.choice_text or "") if row is not None and row.outcome == "wrong" else None,
        right=q.correct_choice.text,
        essential=q.essential,
        source_id=q.cite.source,
        bank_title=bank.title,
        source=SourceLine.of(source) if source is not None else None,
        latest=state,
    )


def bank_lines(
    banks: Sequence[Bank],
    summaries: Mapping[str, BankSummary],
    progress: Mapping[str, QuestionProgress],
    now: datetime,
    *,
    first_days: Mapping[str, str] | None = None,
    include_unloaded: bool = False,
) -> list[BankFigures]:
    """One line per loaded bank, in order (and, with `include_unloaded`, per bank answered but not loaded now).

    Counted by `figures.bank_figures`, as Home counts them. `due_now` is what a Review would ask now: questions
    missed last time and questions due by the schedule.
    """
    lines: list[BankFigures] = []
    to_review = review_set(progress, now, banks)
    first = first_days or {}
    for bank in banks:
        lines.append(bank_figures(bank, summaries.get(bank.id), progress, now, to_review, first.get(bank.id)))
    if include_unloaded:
        loaded = {b.id for b in banks}
        for bank_id in sorted(set(summaries) - loaded):
            lines.append(unloaded_bank_figures(bank_id, summaries[bank_id], first.get(bank_id)))
    return lines


def _first_days(store: ProgressStore, profile: str, summaries: Mapping[str, Any]) -> dict[str, str]:
    """The first answer's UTC date per bank. The store keeps no per-bank minimum, so one pass over the attempts
    finds it; attempts come oldest first, so each bank's first row is its first answer, and the pass stops as soon
    as every bank has been seen."""
    wanted = set(summaries)
    found: dict[str, str] = {}
    if not wanted:
        return found
    for row in store.iter_attempts(profile, batch=2000):
        if row.bank_id not in found:
            found[row.bank_id] = row.answered_at[:10]
            if len(found) == len(wanted):
                break
    return found


def _review_items(
    questions: Mapping[str, tuple[Bank, Question]], progress: Mapping[str, QuestionProgress], now: datetime
) -> list[ReviewItem]:
    """What to go over again, in the order `ketaquiz --review` asks it (review.select_review)."""
    items: list[ReviewItem] = []
    for qid in select_review(progress, now, questions.keys()):
        facts = progress[qid]
        bank, q = questions[qid]
        items.append(
            ReviewItem(
                bank_id=bank.id,
                bank_title=bank.title,
                question_id=qid,
                prompt=q.prompt,
                answer=q.correct_choice.text,
                missed=not facts.last_correct,
                due=is_due(facts.due, now),
                times_wrong=facts.answered - facts.right,
                tags=q.tags,
            )
        )
    return items


def _weak_tags(
    questions: Mapping[str, tuple[Bank, Question]], progress: Mapping[str, QuestionProgress]
) -> list[TagLine]:
    totals: dict[str, list[int]] = {}
    for qid, facts in progress.items():
        found = questions.get(qid)
        if found is None:
            continue
        for tag in found[1].tags:
            t = totals.setdefault(tag, [0, 0])
            t[0] += facts.answered
            t[1] += facts.right
    weak = [TagLine(tag, n, r) for tag, (n, r) in totals.items() if n and r / n < WEAK_TAG_SHARE]
    weak.sort(key=lambda t: (t.right / t.answers, -t.answers, t.tag))
    return weak[:MAX_WEAK_TAGS]
