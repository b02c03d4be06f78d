"""The care-team report as Markdown, one self-contained printable HTML page, or JSON.

Bank text is data: HTML escapes it with `html.escape`, Markdown backslash-escapes the characters that would
otherwise become formatting, links or raw HTML; both drop unsafe characters (core.safe_text) first.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ketaquiz import __version__
from ketaquiz.core.figures import BankFigures
from ketaquiz.core.report.data import AnswerItem, FlaggedItem, Report, SourceLine
from ketaquiz.core.safe_text import clean, one_line

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


def _md_source(source: SourceLine | None, source_id: str = "") -> str:
    if source is None:
        return md_escape(source_id)
    text = md_escape(source.text())
    if source.url:
        # An autolink would let a url carry markup; shown as escaped text it stays readable and inert.
        text += f" — {md_escape(source.url)}"
    return text


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


ESSENTIALS_HEADING = "Before the first session: essentials not yet known"
MISCONCEPTIONS_HEADING = "What I believed that is not right"
DONT_KNOW_HEADING = "I didn't know yet"
FLAGGED_HEADING = "Questions for my care team"
TOPICS_HEADING = "Topics"


def _essentials_sentence(report: Report) -> str:
    e = report.essentials
    if not e.total:
        return "These topics mark no question as essential."
    return f"{e.known} of {_plural(e.total, 'essential question')} known (latest answer right)."


def _state_words(item: AnswerItem) -> str:
    if item.latest == "wrong":
        return "answered wrong"
    if item.latest == "dont_know":
        return "I didn't know yet"
    return "not tried yet"


def _topic_figures(b: BankFigures) -> str:
    """Counts that cannot be misread: questions tried of the topic's questions, then answers (repeats counted)."""
    if b.questions:
        tried = f"{b.questions_answered} of {b.questions} questions tried"
    else:
        tried = f"{_plural(b.questions_answered, 'question')} tried (this topic is not loaded now)"
    text = f"{tried} · {b.answers_right} of {_plural(b.answers, 'answer')} right"
    if b.answers > b.questions_answered:
        text += "; some questions were answered more than once"
    return text


def _topic_parts(b: BankFigures) -> list[str]:
    parts = [_topic_figures(b)]
    if b.questions:
        parts.append(f"{b.mastered} of {b.questions} mastered")
    if dates := _dates_text(b):
        parts.append(dates)
    return parts


def _latest_words(f: FlaggedItem) -> str:
    if f.latest_answer is None:
        return "not answered yet"
    verdict = {"right": " (right)", "wrong": " (not right)"}.get(f.latest or "", "")
    return f.latest_answer + verdict


def render_markdown(report: Report) -> str:
    """The report as Markdown: what to go over together first (essentials, misconceptions, not known yet, flagged
    questions), then the topics with their figures."""
    out: list[str] = [f"# {report.title}", ""]
    out.append(f"Profile: {md_escape(report.profile)} · made on {report.generated_at[:10]} (UTC)")
    out += ["", f"> {report.not_advice}", ">", f"> **{report.crisis}**", ""]

    out += [f"## {ESSENTIALS_HEADING}", "", _essentials_sentence(report), ""]
    for item in report.essentials_unknown:
        out.append(
            f"- {md_escape(item.prompt)} — *{_state_words(item)}*. Right answer: {md_escape(item.right)}"
        )
    if report.essentials_unknown:
        out.append("")

    out += [f"## {MISCONCEPTIONS_HEADING}", ""]
    if not report.misconceptions:
        out += ["None: no latest answer is wrong.", ""]
    for i, item in enumerate(report.misconceptions, 1):
        essential = " (essential)" if item.essential else ""
        out.append(f"{i}. **{md_escape(item.prompt)}**{essential}")
        out.append(f"   - I answered: {md_escape(item.chosen or '')}")
        out.append(f"   - The right answer: {md_escape(item.right)}")
        out.append(f"   - Source: {_md_source(item.source, item.source_id)} ({md_escape(item.bank_title)})")
        out.append("")

    out += [f"## {DONT_KNOW_HEADING}", ""]
    if not report.dont_know:
        out += ["None.", ""]
    for item in report.dont_know:
        essential = " (essential)" if item.essential else ""
        out.append(
            f"- **{md_escape(item.prompt)}**{essential} — the right answer: {md_escape(item.right)}. "
            f"Source: {_md_source(item.source, item.source_id)}"
        )
    if report.dont_know:
        out.append("")

    out += [f"## {FLAGGED_HEADING}", ""]
    if not report.flagged:
        out += ["No questions flagged. (Press f during a quiz to flag one.)", ""]
    for i, f in enumerate(report.flagged, 1):
        out.append(f"{i}. **{_flag_prompt(f, md_escape)}**")
        out.append(f"   - My note: {md_escape(f.note) if f.note else '(no note)'}")
        out.append(f"   - My latest answer: {md_escape(_latest_words(f))}")
        if f.answer is not None:
            out.append(f"   - The right answer: {md_escape(f.answer)}")
        if f.explanation:
            out.append(f"   - Why: {md_escape(f.explanation)}")
        if f.quote:
            out.append(f"   - Source: “{md_escape(f.quote)}” — {_md_source(f.source)}")
        out.append(f"   - Topic: {md_escape(f.bank_title)} · flagged on {f.flagged_on}")
        out.append("")

    out += [f"## {TOPICS_HEADING}", ""]
    if not report.banks:
        out.append("No answers yet.")
    for b in report.banks:
        out.append(f"- **{md_escape(b.title)}**: " + "; ".join(_topic_parts(b)) + ".")
    if report.not_started:
        out += ["", "Not started yet: " + ", ".join(md_escape(t) for t in report.not_started) + "."]
    if report.review_total:
        out += ["", f"{_review_sentence(report)}"]
    out += ["", f"*Mastered:* {report.mastery_rule}", ""]
    out += ["---", "", report.not_advice, "", f"**{report.crisis}**", ""]
    return "\n".join(out)


def _review_sentence(report: Report) -> str:
    return (
        f"{_plural(report.review_total, 'question')} to go over again now "
        "(answered wrong or not known yet last time, or due by the review schedule): ketaquiz --review."
    )


def _dates_text(b: BankFigures) -> str:
    if b.first_answered and b.last_answered and b.first_answered != b.last_answered:
        return f"from {b.first_answered} to {b.last_answered}"
    return f"on {b.last_answered}" if b.last_answered else ""


def _flag_prompt(f: FlaggedItem, escape: Callable[[str], str]) -> str:
    if f.prompt:
        return escape(f.prompt)
    return f"Question {escape(f.question_id)} (its topic is not loaded now)"


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


def _e(text: object) -> str:
    from html import escape  # imported here: `ketaquiz stats` loads this module and never renders HTML

    return escape(clean(str(text)), quote=True)


def _html_source(source: SourceLine | None, source_id: str = "") -> str:
    if source is None:
        return _e(source_id)
    return _e(source.text()) + (f" — {_e(source.url)}" if source.url else "")


_ESSENTIAL_TAG = ' <span class="tag">essential</span>'


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
        f"<h2>{_e(ESSENTIALS_HEADING)}</h2>",
        f"<p>{_e(_essentials_sentence(report))}</p>",
    ]
    if report.essentials_unknown:
        o.append("<ul>")
        for item in report.essentials_unknown:
            o.append(
                f"<li>{_e(item.prompt)} <em>({_e(_state_words(item))})</em> "
                f'<span class="small">Right answer: {_e(item.right)}</span></li>'
            )
        o.append("</ul>")

    o.append(f"<h2>{_e(MISCONCEPTIONS_HEADING)}</h2>")
    if not report.misconceptions:
        o.append("<p>None: no latest answer is wrong.</p>")
    for item in report.misconceptions:
        o.append('<div class="flag">')
        o.append(f"<p><strong>{_e(item.prompt)}</strong>{_ESSENTIAL_TAG if item.essential else ''}</p>")
        o.append(f"<p>I answered: {_e(item.chosen or '')}</p>")
        o.append(f"<p>The right answer: <strong>{_e(item.right)}</strong></p>")
        o.append(
            f'<p class="small">Source: {_html_source(item.source, item.source_id)} · {_e(item.bank_title)}</p>'
        )
        o.append("</div>")

    o.append(f"<h2>{_e(DONT_KNOW_HEADING)}</h2>")
    if not report.dont_know:
        o.append("<p>None.</p>")
    else:
        o.append("<ul>")
        for item in report.dont_know:
            o.append(
                f"<li>{_e(item.prompt)}{_ESSENTIAL_TAG if item.essential else ''} "
                f"— the right answer: {_e(item.right)} "
                f'<span class="small">Source: {_html_source(item.source, item.source_id)}</span></li>'
            )
        o.append("</ul>")

    o.append(f"<h2>{_e(FLAGGED_HEADING)}</h2>")
    if not report.flagged:
        o.append("<p>No questions flagged. (Press f during a quiz to flag one.)</p>")
    for f in report.flagged:
        o.append('<div class="flag">')
        o.append(f"<p><strong>{_flag_prompt(f, _e)}</strong></p>")
        o.append(f"<p>My note: {_e(f.note) if f.note else '<em>(no note)</em>'}</p>")
        o.append(f"<p>My latest answer: {_e(_latest_words(f))}</p>")
        if f.answer is not None:
            why = f" — {_e(f.explanation)}" if f.explanation else ""
            o.append(f'<p class="small">The right answer: {_e(f.answer)}{why}</p>')
        if f.quote:
            o.append(f'<p class="small quote">“{_e(f.quote)}”</p>')
        if f.source is not None:
            o.append(f'<p class="small">Source: {_html_source(f.source)}</p>')
        o.append(f'<p class="small">Topic: {_e(f.bank_title)} · flagged on {_e(f.flagged_on)}</p>')
        o.append("</div>")

    o.append(f"<h2>{_e(TOPICS_HEADING)}</h2>")
    if report.banks:
        o.append(
            "<table><thead><tr><th>Topic</th><th>Questions tried</th><th>Answers right</th><th>Mastered</th>"
            "<th>Dates</th></tr></thead><tbody>"
        )
        for b in report.banks:
            tried = (
                f"{b.questions_answered} of {b.questions}"
                if b.questions
                else f"{b.questions_answered} (not loaded now)"
            )
            mastered = f"{b.mastered} of {b.questions}" if b.questions else "—"
            o.append(
                f"<tr><td>{_e(b.title)}</td><td>{_e(tried)}</td>"
                f"<td>{b.answers_right} of {_e(_plural(b.answers, 'answer'))}</td>"
                f"<td>{_e(mastered)}</td><td>{_e(_dates_text(b))}</td></tr>"
            )
        o.append("</tbody></table>")
        if any(b.answers > b.questions_answered for b in report.banks):
            o.append('<p class="small">Some questions were answered more than once: every answer counts.</p>')
    else:
        o.append("<p>No answers yet.</p>")
    if report.not_started:
        o.append(f"<p>Not started yet: {_e(', '.join(report.not_started))}.</p>")
    if report.review_total:
        sentence = _e(_review_sentence(report)).replace(
            "ketaquiz --review", '<span class="nowrap">ketaquiz --review</span>'
        )
        o.append(f"<p>{sentence}</p>")
    o.append(f'<p class="small"><em>Mastered:</em> {_e(report.mastery_rule)}</p>')
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
