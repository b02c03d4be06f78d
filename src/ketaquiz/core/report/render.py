"""The care-team report as Markdown, one self-contained printable HTML page, or JSON.

Bank text is data: HTML escapes it with `html.escape`, Markdown backslash-escapes the characters that would
otherwise become formatting, links or raw HTML; both drop unsafe characters (core.safe_text) first.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ketaquiz import __version__
from ketaquiz.core.figures import BankFigures
from ketaquiz.core.report.data import FlaggedItem, Report, ReviewItem, SourceLine
from ketaquiz.core.safe_text import clean, one_line

# ----------------------------------------------------------------------------------------------------------------
# Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


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


def _bank_parts(b: BankFigures) -> list[str]:
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


def _dates_text(b: BankFigures) -> str:
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
