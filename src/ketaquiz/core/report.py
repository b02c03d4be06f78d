"""The care-team summary, "What I learned about ketamine treatment": its data and its renderers.

`build_report` gathers, from the progress store and the loaded banks, what a learner may want to bring to an
appointment: the banks they covered (scores and dates), mastery (the scheduling module's definition), the topics
to go over again, and the questions they flagged "ask my care team" with their notes, each with its cited source.
The renderers turn that into Markdown, one self-contained HTML page that prints on one or two sheets, or JSON;
`write_attempts_csv` streams every answer as one CSV row, for anyone who wants their data.

Bank text is data: HTML escapes it with `html.escape`, Markdown backslash-escapes the characters that would
otherwise become formatting, links or raw HTML. Pure Python: no textual, no rich.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

from ketaquiz import __version__
from ketaquiz.core.figures import bank_figures, review_set
from ketaquiz.core.model import Bank, Question, SourceRef
from ketaquiz.core.safe_text import clean, one_line
from ketaquiz.core.safety import CRISIS_TEXT_US, NOT_ADVICE
from ketaquiz.core.scheduling import MASTERY_RULE, is_due
from ketaquiz.core.session import select_review

if TYPE_CHECKING:
    from ketaquiz.core.progress import BankSummary, ProgressStore, QuestionProgress

__all__ = [
    "CSV_HEADER",
    "REPORT_TITLE",
    "BankLine",
    "FlaggedItem",
    "Report",
    "ReviewItem",
    "SourceLine",
    "TagLine",
    "bank_lines",
    "build_report",
    "csv_safe",
    "md_escape",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "write_attempts_csv",
]

REPORT_TITLE = "What I learned about ketamine treatment"

WEAK_TAG_SHARE = 0.7
"""A tag is a topic to go over again when fewer than this share of the answers to its questions were right."""
MAX_REVIEW_ITEMS = 10
"""The report lists at most this many questions to go over again (the rest are counted), to stay on two pages."""
MAX_WEAK_TAGS = 8
"""The weakest topics shown, at most."""

CSV_HEADER = (
    "answered_at",
    "bank_id",
    "bank_title",
    "question_id",
    "question",
    "choice_index",
    "choice_text",
    "correct",
    "seconds",
    "run_id",
)


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
class BankLine:
    """One bank: how far the learner got."""

    bank_id: str
    title: str
    questions: int
    """Questions in the bank (0 when the bank is not loaded now)."""
    questions_answered: int
    """Distinct questions answered at least once."""
    latest_right: int
    """Questions whose latest answer was right."""
    answers: int
    """Every answer given in the bank."""
    answers_right: int
    mastered: int
    due_now: int
    first_answered: str | None
    """UTC date (YYYY-MM-DD) of the first answer, when known."""
    last_answered: str | None
    """UTC date of the latest answer."""

    @property
    def score_percent(self) -> int | None:
        """Right answers as a whole percentage of all answers (None before any answer)."""
        return round(100 * self.answers_right / self.answers) if self.answers else None

    @property
    def mastery_percent(self) -> int:
        return round(100 * self.mastered / self.questions) if self.questions else 0


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


@dataclass(slots=True)
class Report:
    """Everything a report shows, as plain data (the JSON export is this, as a dict)."""

    profile: str
    generated_at: str
    """UTC ISO time the report was made."""
    banks: list[BankLine] = field(default_factory=list)
    """Banks with at least one answer, in catalog order."""
    not_started: list[str] = field(default_factory=list)
    """Titles of the loaded banks without an answer yet."""
    review: list[ReviewItem] = field(default_factory=list)
    """Questions to go over again, missed ones first (at most MAX_REVIEW_ITEMS)."""
    review_total: int = 0
    """How many questions there are to go over again in all."""
    weak_tags: list[TagLine] = field(default_factory=list)
    flagged: list[FlaggedItem] = field(default_factory=list)
    title: str = REPORT_TITLE
    mastery_rule: str = MASTERY_RULE
    not_advice: str = NOT_ADVICE
    crisis: str = CRISIS_TEXT_US

    @property
    def total_answers(self) -> int:
        return sum(b.answers for b in self.banks)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for line, raw in zip(self.banks, data["banks"], strict=True):
            raw["score_percent"] = line.score_percent
            raw["mastery_percent"] = line.mastery_percent
        data["version"] = __version__
        return data


# ----------------------------------------------------------------------------------------------------------------
# Building it


def _date(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).date().isoformat() if moment else None


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
    report = Report(profile=profile, generated_at=now.astimezone(UTC).isoformat(timespec="seconds"))

    questions: dict[str, tuple[Bank, Question]] = {}
    for bank in banks:
        for q in bank.questions:
            questions[q.id] = (bank, q)

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

    for flag in store.flags(profile):
        found = questions.get(flag.question_id)
        if found is None:
            # Its bank is not loaded now: the flag and the note still belong in the report.
            report.flagged.append(
                FlaggedItem(
                    bank_id=flag.bank_id,
                    bank_title=flag.bank_id,
                    question_id=flag.question_id,
                    prompt=None,
                    answer=None,
                    explanation=None,
                    quote=None,
                    source=None,
                    note=flag.note,
                    flagged_on=_date(flag.created_at) or "",
                )
            )
            continue
        bank, q = found
        report.flagged.append(
            FlaggedItem(
                bank_id=bank.id,
                bank_title=bank.title,
                question_id=q.id,
                prompt=q.prompt,
                answer=q.correct_choice.text,
                explanation=q.explanation,
                quote=q.cite.quote,
                source=SourceLine.of(bank.source_for(q)),
                note=flag.note,
                flagged_on=_date(flag.created_at) or "",
            )
        )
    return report


def bank_lines(
    banks: Sequence[Bank],
    summaries: Mapping[str, BankSummary],
    progress: Mapping[str, QuestionProgress],
    now: datetime,
    *,
    first_days: Mapping[str, str] | None = None,
    include_unloaded: bool = False,
) -> list[BankLine]:
    """One line per loaded bank, in order (and, with `include_unloaded`, per bank answered but not loaded now).

    Counted by `figures.bank_figures`, as Home counts them. `due_now` is what a Review would ask now: questions
    missed last time and questions due by the schedule.
    """
    lines: list[BankLine] = []
    to_review = review_set(progress, now, banks)
    for bank in banks:
        fig = bank_figures(bank, summaries.get(bank.id), progress, now, to_review)
        summary = summaries.get(bank.id)
        lines.append(
            BankLine(
                bank_id=bank.id,
                title=bank.title,
                questions=fig.questions,
                questions_answered=fig.questions_answered,
                latest_right=fig.latest_right,
                answers=fig.answers,
                answers_right=fig.answers_right,
                mastered=fig.mastered,
                due_now=fig.to_review,
                first_answered=(first_days or {}).get(bank.id),
                last_answered=_date(summary.last_answered_at) if summary else None,
            )
        )
    if include_unloaded:
        loaded = {b.id for b in banks}
        for bank_id in sorted(set(summaries) - loaded):
            summary = summaries[bank_id]
            lines.append(
                BankLine(
                    bank_id=bank_id,
                    title=bank_id,
                    questions=0,
                    questions_answered=summary.questions_answered,
                    latest_right=0,
                    answers=summary.answered,
                    answers_right=summary.right,
                    mastered=0,
                    due_now=0,
                    first_answered=(first_days or {}).get(bank_id),
                    last_answered=_date(summary.last_answered_at),
                )
            )
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
    """What to go over again, in the order `ketaquiz --review` asks it (session.select_review)."""
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


# ----------------------------------------------------------------------------------------------------------------
# Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_WS = re.compile(r"\s+")


def md_escape(text: str) -> str:
    """Bank text for Markdown: one line, with every character that could start formatting, a link or raw HTML
    backslash-escaped (CommonMark allows a backslash before any ASCII punctuation); unsafe characters dropped."""
    text = _MD_SPECIAL.sub(r"\\\1", one_line(text))
    # At the start of a line "# ", "- ", "+ ", "= " or "1. " would make a heading or a list: escape that too.
    text = re.sub(r"^([#+=-])", r"\\\1", text)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)


def _md_source(source: SourceLine | None) -> str:
    if source is None:
        return ""
    text = md_escape(source.text())
    if source.url:
        # An autolink would let a url carry markup; shown as escaped text it stays readable and inert.
        text += f" — {md_escape(source.url)}"
    return text


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def render_markdown(report: Report) -> str:
    """The report as Markdown: banks covered, questions for the care team, then topics to go over again."""
    out: list[str] = [f"# {report.title}", ""]
    out.append(f"Profile: {md_escape(report.profile)} · made on {report.generated_at[:10]} (UTC)")
    out += ["", f"> {report.not_advice}", ">", f"> **{report.crisis}**", ""]

    out += ["## Banks covered", ""]
    if not report.banks:
        out.append("No answers yet.")
    for b in report.banks:
        out.append(f"- **{md_escape(b.title)}**: " + "; ".join(_bank_parts(b)) + ".")
    if report.not_started:
        out += ["", "Not started yet: " + ", ".join(md_escape(t) for t in report.not_started) + "."]
    out += ["", f"*Mastered:* {report.mastery_rule}", ""]

    out += ["## Questions for my care team", ""]
    if not report.flagged:
        out += ["No questions flagged. (Press f during a quiz to flag one.)", ""]
    for i, f in enumerate(report.flagged, 1):
        out.append(f"{i}. **{_flag_prompt(f, md_escape)}**")
        out.append(f"   - My note: {md_escape(f.note) if f.note else '(no note)'}")
        if f.answer is not None:
            out.append(f"   - Answer: {md_escape(f.answer)}")
        if f.explanation:
            out.append(f"   - Why: {md_escape(f.explanation)}")
        if f.quote:
            out.append(f"   - Source: “{md_escape(f.quote)}” — {_md_source(f.source)}")
        out.append(f"   - From {md_escape(f.bank_title)} · flagged on {f.flagged_on}")
        out.append("")

    out += ["## Topics to go over again", ""]
    if not report.review and not report.weak_tags:
        out += ["Nothing to go over again right now.", ""]
    if report.weak_tags:
        out += [f"Topics with fewer right answers: {_tags_text(report, md_escape)}.", ""]
    for r in report.review:
        out.append(
            f"- {md_escape(r.prompt)} — *{_review_why(r)}*. Answer: {md_escape(r.answer)} "
            f"({md_escape(r.bank_title)})"
        )
    if report.review_total > len(report.review):
        out.append(f"- … and {report.review_total - len(report.review)} more (run `ketaquiz --review`).")
    out += ["", "---", "", report.not_advice, "", f"**{report.crisis}**", ""]
    return "\n".join(out)


def _bank_parts(b: BankLine) -> list[str]:
    if b.questions:
        tried = f"{b.questions_answered} of {b.questions} questions tried"
    else:
        tried = f"{_plural(b.questions_answered, 'question')} tried (this bank is not loaded now)"
    parts = [tried, f"{b.answers_right} of {b.answers} answers right ({b.score_percent}%)"]
    if b.questions:
        parts.append(f"{b.mastered} of {b.questions} mastered")
    if dates := _dates_text(b):
        parts.append(dates)
    return parts


def _dates_text(b: BankLine) -> str:
    if b.first_answered and b.last_answered and b.first_answered != b.last_answered:
        return f"from {b.first_answered} to {b.last_answered}"
    return f"on {b.last_answered}" if b.last_answered else ""


def _review_why(r: ReviewItem) -> str:
    return f"missed {_plural(r.times_wrong, 'time')}" if r.missed else "due for review"


def _tags_text(report: Report, escape: Callable[[str], str]) -> str:
    return ", ".join(f"{escape(t.tag)} ({t.right} of {t.answers} right)" for t in report.weak_tags)


def _flag_prompt(f: FlaggedItem, escape: Callable[[str], str]) -> str:
    if f.prompt:
        return escape(f.prompt)
    return f"Question {escape(f.question_id)} (its bank is not loaded now)"


# ----------------------------------------------------------------------------------------------------------------
# HTML

# Print first: black on white, no backgrounds, items never split across pages, small type for sources.
_PRINT_CSS = """
@page { size: auto; margin: 14mm 13mm; }
body { font: 10pt/1.3 Georgia, "Times New Roman", serif; color: #000; background: none; max-width: 50em;
       margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 16pt; margin: 0 0 .15em; }
h2 { font-size: 12pt; margin: .9em 0 .3em; border-bottom: 1px solid #000; break-after: avoid;
     page-break-after: avoid; }
p, li { margin: .2em 0; }
ul, ol { margin: .2em 0; padding-left: 1.4em; }
.meta { font-size: 9pt; }
.notice { border: 1px solid #000; padding: .3em .5em; margin: .6em 0; font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 1px solid #666; padding: .15em .35em; text-align: left; vertical-align: top; }
tr, li, .flag, .notice { break-inside: avoid; page-break-inside: avoid; }
.flag { border-left: 2pt solid #000; padding: 0 .5em; margin: .5em 0; }
.flag p { margin: .1em 0; }
.quote { font-style: italic; }
.small { font-size: 8.5pt; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
"""


def _e(text: object) -> str:
    from html import escape  # imported here: `ketaquiz stats` loads this module and never renders HTML

    return escape(clean(str(text)), quote=True)


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (no scripts, no external files) that prints on a page or two."""
    notice = f'<p class="notice">{_e(report.not_advice)}<br><strong>{_e(report.crisis)}</strong></p>'
    o: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(report.title)}</title>",
        f"<style>{_PRINT_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(report.title)}</h1>",
        f'<p class="meta">Profile: {_e(report.profile)} · made on {_e(report.generated_at[:10])} (UTC)</p>',
        notice,
        "<h2>Banks covered</h2>",
    ]
    if report.banks:
        o.append(
            "<table><thead><tr><th>Bank</th><th>Questions tried</th><th>Right answers</th><th>Mastered</th>"
            "<th>Dates</th></tr></thead><tbody>"
        )
        for b in report.banks:
            tried = (
                f"{b.questions_answered} of {b.questions}"
                if b.questions
                else f"{b.questions_answered} (not loaded)"
            )
            mastered = f"{b.mastered} of {b.questions}" if b.questions else "—"
            o.append(
                f"<tr><td>{_e(b.title)}</td><td>{_e(tried)}</td>"
                f"<td>{b.answers_right} of {b.answers} ({b.score_percent}%)</td>"
                f"<td>{_e(mastered)}</td><td>{_e(_dates_text(b))}</td></tr>"
            )
        o.append("</tbody></table>")
    else:
        o.append("<p>No answers yet.</p>")
    if report.not_started:
        o.append(f"<p>Not started yet: {_e(', '.join(report.not_started))}.</p>")
    o.append(f'<p class="small"><em>Mastered:</em> {_e(report.mastery_rule)}</p>')

    o.append("<h2>Questions for my care team</h2>")
    if not report.flagged:
        o.append("<p>No questions flagged. (Press f during a quiz to flag one.)</p>")
    for f in report.flagged:
        o.append('<div class="flag">')
        o.append(f"<p><strong>{_flag_prompt(f, _e)}</strong></p>")
        o.append(f"<p>My note: {_e(f.note) if f.note else '<em>(no note)</em>'}</p>")
        if f.answer is not None:
            why = f" — {_e(f.explanation)}" if f.explanation else ""
            o.append(f'<p class="small">Answer: {_e(f.answer)}{why}</p>')
        if f.quote:
            o.append(f'<p class="small quote">“{_e(f.quote)}”</p>')
        if f.source is not None:
            src = _e(f.source.text()) + (f" — {_e(f.source.url)}" if f.source.url else "")
            o.append(f'<p class="small">Source: {src}</p>')
        o.append(f'<p class="small">From {_e(f.bank_title)} · flagged on {_e(f.flagged_on)}</p>')
        o.append("</div>")

    o.append("<h2>Topics to go over again</h2>")
    if not report.review and not report.weak_tags:
        o.append("<p>Nothing to go over again right now.</p>")
    if report.weak_tags:
        o.append(f"<p>Topics with fewer right answers: {_tags_text(report, _e)}.</p>")
    if report.review:
        o.append("<ul>")
        for r in report.review:
            o.append(
                f"<li>{_e(r.prompt)} <em>({_e(_review_why(r))})</em> "
                f'<span class="small">Answer: {_e(r.answer)} · {_e(r.bank_title)}</span></li>'
            )
        if report.review_total > len(report.review):
            o.append(
                f"<li>… and {report.review_total - len(report.review)} more (run ketaquiz --review).</li>"
            )
        o.append("</ul>")
    o += [notice, f'<p class="meta">Made with ketaquiz {_e(__version__)}.</p>', "</body>", "</html>", ""]
    return "\n".join(o)


# ----------------------------------------------------------------------------------------------------------------
# JSON and CSV


def render_json(report: Report) -> str:
    import json

    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def render(report: Report, fmt: str) -> str:
    """Render as "md", "html" or "json" (CSV is streamed: see `write_attempts_csv`)."""
    if fmt == "md":
        return render_markdown(report)
    if fmt == "html":
        return render_html(report)
    if fmt == "json":
        return render_json(report)
    raise ValueError(f"unknown report format {fmt!r}")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    """Text for a spreadsheet cell: a leading = + - @ would make it a formula, so it gets a leading '; unsafe
    characters (an answer stored from an older bank may hold one) are dropped."""
    text = clean(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_attempts_csv(store: ProgressStore, profile: str, out: TextIO, banks: Iterable[Bank] = ()) -> int:
    """Stream every answer of `profile`, oldest first, as CSV rows (header first); returns the number of rows.

    Rows come from the store's batched iterator and go straight to `out`, so memory stays flat however many
    answers there are. The bank title and question text come from the loaded banks when they are known.
    """
    titles: dict[str, str] = {}
    prompts: dict[str, str] = {}
    for bank in banks:
        titles[bank.id] = bank.title
        for q in bank.questions:
            prompts[q.id] = q.prompt
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    n = 0
    for row in store.iter_attempts(profile):
        writer.writerow(
            (
                row.answered_at,
                row.bank_id,
                csv_safe(titles.get(row.bank_id, "")),
                row.question_id,
                csv_safe(_WS.sub(" ", prompts.get(row.question_id, "")).strip()),
                row.choice_index,
                csv_safe(row.choice_text),
                "true" if row.correct else "false",
                "" if row.seconds is None else f"{row.seconds:.1f}",
                row.run_id or "",
            )
        )
        n += 1
    return n
