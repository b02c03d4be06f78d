"""The care-team report as Markdown, one self-contained printable HTML page, or JSON.

Markdown and HTML are drawn from one outline (`_sections`): the report's sections in the interface language, each
line a tuple of `Run`s that say which words are ours (translated) and which are a bank's or the learner's. Each
format then only decides how a section, a line and a style look. Dates and counts are written the way the interface
language writes them (`i18n.long_date`, `i18n.number`).

Bank text is data: HTML escapes it with `html.escape`, Markdown backslash-escapes the characters that would
otherwise become formatting, links or raw HTML; both drop unsafe characters (core.safe_text) first.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple, cast

from ketaquiz import __version__
from ketaquiz.core.figures import BankFigures
from ketaquiz.core.i18n import _, language, long_date, ngettext, number
from ketaquiz.core.report.data import AnswerItem, FlaggedItem, Report, SourceLine
from ketaquiz.core.safe_text import clean, one_line

# ----------------------------------------------------------------------------------------------------------------
# The outline both page formats draw


class Run(NamedTuple):
    """A run of text in a line of the report."""

    text: str
    style: str = ""
    """"strong", "em", "tag" (a small label), "nowrap", or "" (plain)."""
    ours: bool = False
    """Our own words (translated): trusted. Otherwise bank or learner text, made inert for the format."""


Line = tuple[Run, ...]
Field = str | int | Run | Line
"""What fills a `{field}` of a template: bank or learner text, a count, or runs made already."""


class Entry(NamedTuple):
    """One item of a section: its line, and for a card the lines under it (each with its HTML class)."""

    head: Line
    details: tuple[tuple[Line, str], ...] = ()


class Section(NamedTuple):
    heading: str
    intro: Line | None
    entries: list[Entry]
    empty: str | None
    """Said when there are no entries."""
    cards: bool = False
    """Entries with lines under them: a numbered list in Markdown, framed blocks in HTML."""


_FIELD = re.compile(r"\{(\w+)\}")


def _ours(text: str, style: str = "") -> Run:
    return Run(text, style, ours=True)


def _fill(template: str, **fields: Field) -> Line:
    """`template` (our words, translated; `{name}` fields in any order) as runs, each field's text kept apart so
    that it is escaped as data."""
    runs: list[Run] = []
    for i, part in enumerate(_FIELD.split(template)):
        if i % 2 == 0:
            if part:
                runs.append(_ours(part))
            continue
        value = fields[part]
        if isinstance(value, Run):
            runs.append(value)
        elif isinstance(value, tuple):
            runs.extend(cast(Line, value))  # a Run is a tuple too, so mypy cannot tell them apart here
        elif isinstance(value, int):
            runs.append(_ours(number(value)))
        else:
            runs.append(Run(value))
    return tuple(runs)


def _day(iso: str | None) -> str:
    """A stored UTC date (YYYY-MM-DD...) as the interface language writes it: "4 December 2026"."""
    if not iso:
        return ""
    try:
        return long_date(dt.date.fromisoformat(iso[:10]))
    except ValueError:
        return iso


def _source(source: SourceLine | None, source_id: str = "") -> Line:
    if source is None:
        return (Run(source_id),)
    # A url is shown as text (never a link), so it cannot carry markup.
    return (Run(source.text()), _ours(" — "), Run(source.url)) if source.url else (Run(source.text()),)


def _question(item: AnswerItem, style: str = "") -> Line:
    """The question's prompt, and a label when it is essential."""
    tag = (_ours(" "), _ours(_("essential"), "tag")) if item.essential else ()
    return (Run(item.prompt, style), *tag)


def _state_words(item: AnswerItem) -> str:
    if item.latest == "wrong":
        return _("answered wrong")
    if item.latest == "dont_know":
        return _("I didn't know yet")
    return _("not tried yet")


def _latest_words(f: FlaggedItem) -> Line:
    if f.latest_answer is None:
        return (_ours(_("not answered yet")),)
    if f.latest == "right":
        return _fill(_("{answer} (right)"), answer=f.latest_answer)
    if f.latest == "wrong":
        return _fill(_("{answer} (not right)"), answer=f.latest_answer)
    return (Run(f.latest_answer),)


def _essentials_line(report: Report) -> Line:
    e = report.essentials
    if not e.total:
        return (_ours(_("These topics mark no question as essential.")),)
    return _fill(
        ngettext(
            "{known} of {total} essential question known (latest answer right).",
            "{known} of {total} essential questions known (latest answer right).",
            e.total,
        ),
        known=e.known,
        total=e.total,
    )


def _flag_entry(f: FlaggedItem) -> Entry:
    if f.prompt:
        head: Line = (Run(f.prompt, "strong"),)
    else:
        head = tuple(
            r._replace(style="strong")
            for r in _fill(_("Question {id} (its topic is not loaded now)"), id=f.question_id)
        )
    note: Field = f.note if f.note else _ours(_("(no note)"), "em")
    details = [
        (_fill(_("My note: {note}"), note=note), ""),
        (_fill(_("My latest answer: {answer}"), answer=_latest_words(f)), ""),
    ]
    if f.answer is not None:
        details.append((_fill(_("The right answer: {answer}"), answer=f.answer), "small"))
    if f.explanation:
        details.append((_fill(_("Why: {explanation}"), explanation=f.explanation), "small"))
    if f.quote:
        details.append((_fill(_("“{quote}”"), quote=f.quote), "small quote"))  # i18n: not shown (CSS classes)
    if f.source is not None:
        details.append((_fill(_("Source: {source}"), source=_source(f.source)), "small"))
    details.append(
        (
            _fill(
                _("Topic: {topic} · flagged on {date}"), topic=f.bank_title, date=_ours(_day(f.flagged_on))
            ),
            "small",
        )
    )
    return Entry(head, tuple(details))


def _sections(report: Report) -> list[Section]:
    """What to go over together first: essentials not yet known, misconceptions, not known yet, flagged."""
    return [
        Section(
            _("Before the first session: essentials not yet known"),
            _essentials_line(report),
            [
                Entry(
                    _fill(
                        _("{question} — {state}. Right answer: {answer}"),
                        question=_question(item),
                        state=_ours(_state_words(item), "em"),
                        answer=item.right,
                    )
                )
                for item in report.essentials_unknown
            ],
            None,
        ),
        Section(
            _("What I believed that is not right"),
            None,
            [
                Entry(
                    _question(item, "strong"),
                    (
                        (_fill(_("I answered: {answer}"), answer=item.chosen or ""), ""),
                        (_fill(_("The right answer: {answer}"), answer=item.right), ""),
                        (
                            _fill(
                                _("Source: {source} ({topic})"),
                                source=_source(item.source, item.source_id),
                                topic=item.bank_title,
                            ),
                            "small",
                        ),
                    ),
                )
                for item in report.misconceptions
            ],
            _("None: no latest answer is wrong."),
            cards=True,
        ),
        Section(
            _("I didn't know yet"),
            None,
            [
                Entry(
                    _fill(
                        _("{question} — the right answer: {answer}. Source: {source}"),
                        question=_question(item, "strong"),
                        answer=item.right,
                        source=_source(item.source, item.source_id),
                    )
                )
                for item in report.dont_know
            ],
            _("None."),
        ),
        Section(
            _("Questions for my care team"),
            None,
            [_flag_entry(f) for f in report.flagged],
            _("No questions flagged. (Press f during a quiz to flag one.)"),
            cards=True,
        ),
    ]


def _head_line(report: Report) -> Line:
    return _fill(
        _("Profile: {profile} · made on {date} (UTC)"),
        profile=report.profile,
        date=_ours(_day(report.generated_at)),
    )


def _review_line(report: Report) -> Line:
    return _fill(
        ngettext(
            "{n} question to go over again now (answered wrong or not known yet last time, or due by the review "
            "schedule): {command}.",
            "{n} questions to go over again now (answered wrong or not known yet last time, or due by the review "
            "schedule): {command}.",
            report.review_total,
        ),
        n=report.review_total,
        command=_ours("ketaquiz --review", "nowrap"),  # i18n: not shown (a command to type)
    )


def _mastery_line(report: Report) -> Line:
    return (_ours(_("Mastered:"), "em"), _ours(" " + report.mastery_rule))


def _not_started_line(report: Report) -> Line:
    return _fill(_("Not started yet: {topics}."), topics=", ".join(report.not_started))


# Topics: a sentence per topic in Markdown, a table in HTML; the counts read the same in both.


def _of(part: int, whole: int) -> str:
    return _("{part} of {whole}").format(part=number(part), whole=number(whole))


def _tried(b: BankFigures) -> str:
    if b.questions:
        return ngettext(
            "{answered} of {n} question tried", "{answered} of {n} questions tried", b.questions
        ).format(answered=number(b.questions_answered), n=number(b.questions))
    return ngettext(
        "{n} question tried (this topic is not loaded now)",
        "{n} questions tried (this topic is not loaded now)",
        b.questions_answered,
    ).format(n=number(b.questions_answered))


def _answers_right(b: BankFigures, *, with_word: bool = True) -> str:
    if with_word:
        template = ngettext("{right} of {n} answer right", "{right} of {n} answers right", b.answers)
    else:
        template = ngettext("{right} of {n} answer", "{right} of {n} answers", b.answers)
    return template.format(right=number(b.answers_right), n=number(b.answers))


def _dates(b: BankFigures) -> str:
    if b.first_answered and b.last_answered and b.first_answered != b.last_answered:
        return _("from {first} to {last}").format(first=_day(b.first_answered), last=_day(b.last_answered))
    return _("on {day}").format(day=_day(b.last_answered)) if b.last_answered else ""


def _topic_parts(b: BankFigures) -> list[str]:
    """Counts that cannot be misread: questions tried of the topic's questions, then answers (repeats counted)."""
    figures = f"{_tried(b)} · {_answers_right(b)}"
    if b.answers > b.questions_answered:
        figures += "; " + _("some questions were answered more than once")
    parts = [figures]
    if b.questions:
        parts.append(
            _("{mastered} of {n} mastered").format(mastered=number(b.mastered), n=number(b.questions))
        )
    if dates := _dates(b):
        parts.append(dates)
    return parts


# ----------------------------------------------------------------------------------------------------------------
# Markdown

# Only what would act as Markdown is escaped, so the text reads cleanly as plain text too: emphasis and code
# marks always; "](" or "][" (a link) and "<" before a letter, "/", "!" or "?" (raw HTML, an autolink); "&" only
# when it starts an entity; a backslash only before punctuation.
_MD_ALWAYS = re.compile(r"([`*_~])")
_MD_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_MD_LINK = re.compile(r"\](?=[(\[:])")
_MD_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def md_escape(text: str) -> str:
    """Bank text for Markdown: one line, inert (no formatting, link or raw HTML), with as few backslashes as that
    takes (CommonMark allows one before any ASCII punctuation); unsafe characters dropped."""
    text = _MD_BACKSLASH.sub(r"\\\\", one_line(text))
    text = _MD_ALWAYS.sub(r"\\\1", text)
    text = _MD_LINK.sub(r"\\]", text)
    text = _MD_TAG.sub(r"\\<", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    # At the start of a line "# ", "- ", "+ ", "= ", "> " or "1. " would make a heading, a list or a quote.
    text = re.sub(r"^([#+=>-])", r"\\\1", text)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)


_MD_STYLES = {"strong": "**{}**", "em": "*{}*", "tag": "({})"}


def _styled(line: Line, escape: Callable[[str], str], styles: dict[str, str]) -> str:
    """A line in one format: runs of one style together, bank text escaped, our words as they are."""
    out = []
    for style, runs in itertools.groupby(line, key=lambda r: r.style):
        text = "".join(r.text if r.ours else escape(r.text) for r in runs)
        out.append(styles.get(style, "{}").format(text))
    return "".join(out)


def _md(line: Line) -> str:
    return _styled(line, md_escape, _MD_STYLES)


def _md_section(s: Section) -> list[str]:
    out = [f"## {s.heading}", ""]
    if s.intro:
        out += [_md(s.intro), ""]
    if not s.entries and s.empty:
        out += [s.empty, ""]
    for i, entry in enumerate(s.entries, 1):
        if s.cards:
            out.append(f"{i}. {_md(entry.head)}")
            out += [f"   - {_md(line)}" for line, _class in entry.details]
            out.append("")
        else:
            out.append(f"- {_md(entry.head)}")
    if s.entries and not s.cards:
        out.append("")
    return out


def render_markdown(report: Report) -> str:
    """The report as Markdown: what to go over together first (essentials, misconceptions, not known yet, flagged
    questions), then the topics with their figures."""
    out: list[str] = [f"# {report.title}", "", _md(_head_line(report))]
    out += ["", f"> {report.not_advice}", ">", f"> **{report.crisis}**", ""]
    for section in _sections(report):
        out += _md_section(section)
    out += ["## " + _("Topics"), ""]
    if not report.banks:
        out.append(_("No answers yet."))
    for b in report.banks:
        out.append(f"- **{md_escape(b.title)}**: " + "; ".join(_topic_parts(b)) + ".")
    if report.not_started:
        out += ["", _md(_not_started_line(report))]
    if report.review_total:
        out += ["", _md(_review_line(report))]
    out += ["", _md(_mastery_line(report)), ""]
    out += ["---", "", report.not_advice, "", f"**{report.crisis}**", ""]
    return "\n".join(out)


# ----------------------------------------------------------------------------------------------------------------
# HTML

# Print first: black on white, no backgrounds, items never split across pages, small type for sources.
_PRINT_CSS = """
@page { size: auto; margin: 12mm 13mm; }
body { font: 10pt/1.3 Georgia, "Times New Roman", serif; color: #000; background: none; max-width: 50em;
       margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 16pt; margin: 0 0 .15em; }
h2 { font-size: 12pt; margin: .8em 0 .3em; border-bottom: 1px solid #000; break-after: avoid;
     page-break-after: avoid; }
p, li { margin: .2em 0; }
ul, ol { margin: .2em 0; padding-left: 1.4em; }
.meta { font-size: 9pt; }
.notice { border: 1px solid #000; padding: .3em .5em; margin: .6em 0; font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 1px solid #666; padding: .15em .35em; text-align: left; vertical-align: top; }
tr, li, .flag, .notice { break-inside: avoid; page-break-inside: avoid; }
.flag { border-left: 2pt solid #000; padding: 0 .5em; margin: .4em 0; }
.flag p { margin: .1em 0; }
.quote { font-style: italic; }
.small { font-size: 8.5pt; }
.nowrap { white-space: nowrap; }
.tag { font-size: 8pt; border: 1px solid #000; padding: 0 .25em; white-space: nowrap; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
"""

_HTML_STYLES = {
    "strong": "<strong>{}</strong>",
    "em": "<em>{}</em>",
    "tag": '<span class="tag">{}</span>',  # i18n: not shown (HTML markup)
    "nowrap": '<span class="nowrap">{}</span>',  # i18n: not shown (HTML markup)
}


def _e(text: object) -> str:
    from html import escape  # imported here: `ketaquiz stats` loads this module and never renders HTML

    return escape(clean(str(text)), quote=True)


def _html(line: Line, css_class: str = "") -> str:
    """The line as an HTML paragraph (with `css_class`, if any); our words are escaped too, for safety."""
    attribute = f' class="{css_class}"' if css_class else ""
    return f"<p{attribute}>{_styled(line, _e, _HTML_STYLES)}</p>"


def _h2(heading: str) -> str:
    return f"<h2>{_e(heading)}</h2>"


def _html_section(s: Section) -> list[str]:
    o = [_h2(s.heading)]
    if s.intro:
        o.append(_html(s.intro))
    if not s.entries and s.empty:
        o.append(_html((_ours(s.empty),)))
    if s.cards:
        for entry in s.entries:
            details = [_html(*d) for d in entry.details]
            o += ['<div class="flag">', _html(entry.head), *details, "</div>"]  # i18n: not shown (HTML)
    elif s.entries:
        items = [f"<li>{_styled(e.head, _e, _HTML_STYLES)}</li>" for e in s.entries]  # i18n: not shown (HTML)
        o += ["<ul>", *items, "</ul>"]
    return o


def _html_topics(banks: Sequence[BankFigures]) -> list[str]:
    if not banks:
        return [_html((_ours(_("No answers yet.")),))]
    heads = (_("Topic"), _("Questions tried"), _("Answers right"), _("Mastered"), _("Dates"))
    head = "".join(f"<th>{_e(h)}</th>" for h in heads)
    o = [f"<table><thead><tr>{head}</tr></thead><tbody>"]  # i18n: not shown (HTML markup)
    for b in banks:
        tried = (
            _of(b.questions_answered, b.questions)
            if b.questions
            else _("{n} (not loaded now)").format(n=number(b.questions_answered))
        )
        mastered = _of(b.mastered, b.questions) if b.questions else "—"
        cells = (b.title, tried, _answers_right(b, with_word=False), mastered, _dates(b))
        o.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>")
    o.append("</tbody></table>")  # i18n: not shown (HTML markup)
    if any(b.answers > b.questions_answered for b in banks):
        o.append(
            _html((_ours(_("Some questions were answered more than once: every answer counts.")),), "small")
        )
    return o


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (no scripts, no external files) that prints on a page or two,
    in the interface language (its `lang`)."""
    crisis = _HTML_STYLES["strong"].format(_e(report.crisis))
    notice = f'<p class="notice">{_e(report.not_advice)}<br>{crisis}</p>'  # i18n: not shown (HTML)
    o: list[str] = []
    o += [  # i18n: not shown (HTML markup; the words in it are translated where they are made)
        "<!DOCTYPE html>",
        f'<html lang="{language()}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(report.title)}</title>",
        f"<style>{_PRINT_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(report.title)}</h1>",
        _html(_head_line(report), "meta"),
        notice,
    ]
    for section in _sections(report):
        o += _html_section(section)
    o.append(_h2(_("Topics")))
    o += _html_topics(report.banks)
    if report.not_started:
        o.append(_html(_not_started_line(report)))
    if report.review_total:
        o.append(_html(_review_line(report)))
    o.append(_html(_mastery_line(report), "small"))
    made_with = _("Made with ketaquiz {version}.").format(version=__version__)
    o += [notice, _html((_ours(made_with),), "meta"), "</body>", "</html>", ""]
    return "\n".join(o)


# ----------------------------------------------------------------------------------------------------------------
# JSON


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
