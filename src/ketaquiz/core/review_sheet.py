"""The review sheet (`ketaquiz review-sheet`): one printable HTML page for the clinician who reviews a bank.

Self-contained (its style inline; no script, no image, no font or link fetched), every bank text escaped, and laid out
for paper: a question is never split across pages. Beside each question a box for "OK / needs change" and lines for
notes; at the end a sign-off block, and the command that records the review.
"""

from __future__ import annotations

import datetime as dt
import html
import shlex
from pathlib import Path

from ketaquiz.core.i18n import _, language, long_date, ngettext
from ketaquiz.core.model import Bank, Question
from ketaquiz.core.signoff import ReviewState, review_state, reviewed_by

SHEET_CSS = """
@page { size: auto; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #000; background: #fff; max-width: 46em;
       margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.15em; margin: 0 0 .4em; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; margin: .6em 0 1.2em; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.fingerprint { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .85em; overflow-wrap: anywhere; }
.question { border: 1px solid #444; border-radius: 4px; padding: .7em .9em; margin: 0 0 1em;
            break-inside: avoid; page-break-inside: avoid; }
.qhead { display: flex; justify-content: space-between; gap: 1em; align-items: baseline; }
.qid { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .9em; }
.prompt, .text { white-space: pre-wrap; }
ol.choices { margin: .4em 0 .6em; padding-left: 1.6em; }
ol.choices li { margin: .25em 0; }
.correct { font-weight: bold; }
.mark { display: inline-block; min-width: 5.5em; margin-right: .4em; font-size: .85em; font-weight: bold; }
.why { margin: .1em 0 0; color: #222; white-space: pre-wrap; }
.label { font-weight: bold; }
blockquote { margin: .3em 0 .3em 1em; padding-left: .7em; border-left: 3px solid #888; white-space: pre-wrap; }
.source { font-size: .9em; overflow-wrap: anywhere; }
.verdict { border-top: 1px dashed #666; margin-top: .6em; padding-top: .5em; }
.box { display: inline-block; width: .95em; height: .95em; border: 1.5px solid #000; vertical-align: -.12em;
       margin: 0 .3em 0 .9em; }
.line { border-bottom: 1px solid #000; height: 1.7em; }
.signoff { border: 2px solid #000; padding: .8em 1em; margin-top: 1.5em; break-inside: avoid;
           page-break-inside: avoid; }
.signoff .field { display: grid; grid-template-columns: 9em 1fr; align-items: end; margin: .7em 0; }
.notice { font-size: .9em; }
.notes { margin-top: .4em; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _el(tag: str, *content: str, **attributes: str) -> str:
    """An HTML element around `content` (already HTML). Attribute values are escaped here; a name's trailing _
    is dropped and its _ written as - (`class_`, `http_equiv`). A `meta` has no content and no end tag."""
    attrs = "".join(
        f' {name.rstrip("_").replace("_", "-")}="{_e(value)}"' for name, value in attributes.items() if value
    )
    return f"<{tag}{attrs}>" if tag == "meta" else f"<{tag}{attrs}>{''.join(content)}</{tag}>"


def _label(text: str) -> str:
    return _el("span", _e(text), class_="label")


def _line() -> str:
    return _el("div", class_="line")


def _day(iso: str) -> str:
    """A date of the bank's review block as the interface language writes it (as given when it is no date)."""
    try:
        return long_date(dt.date.fromisoformat(iso))
    except ValueError:
        return iso


class _Sheet:
    """Writes one bank's sheet: our words in the interface language, the bank's text marked with the bank's
    language where the two differ (so that a screen reader, or a browser's hyphenation, reads each in its own)."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.lang = bank.language if bank.language != language() else ""

    def text(self, tag: str, css_class: str, text: str) -> str:
        """Bank text in an element of its own."""
        return _el(tag, _e(text), class_=css_class, lang=self.lang)

    def question(self, n: int, q: Question) -> str:
        bank = self.bank
        source = bank.sources.get(q.cite.source)
        extra = []
        if q.essential:
            extra.append(_("essential"))
        if q.objective:
            described = bank.objectives.get(q.objective)
            if described:
                extra.append(
                    _("objective: {id} ({description})").format(id=q.objective, description=described)
                )
            else:
                extra.append(_("objective: {id}").format(id=q.objective))
        if q.tags:
            extra.append(_("tags: {tags}").format(tags=", ".join(q.tags)))
        extra.append(_("choices shuffled") if q.shuffle else _("choices kept in this order"))
        choices = []
        for c in q.choices:
            if c.correct:
                mark = _el("span", _e(_("✔ RIGHT")), class_="mark")
                choices.append(_el("li", mark, self.text("span", "choice", c.text), class_="correct"))
            else:
                mark = _el("span", _e(_("✘ wrong")), class_="mark")
                why = _el(
                    "p", _label(_("Why not:")), " ", self.text("span", "why", c.why_not or ""), class_="why"
                )
                choices.append(_el("li", mark, self.text("span", "choice", c.text), why))
        parts = [
            _el(
                "div",
                _el("h2", _e(_("Question {n}").format(n=n))),
                _el("span", _e(q.id), class_="qid"),
                class_="qhead",
            ),
            _el("p", _e(" · ".join(extra)), class_="notice"),
            self.text("p", "prompt", q.prompt),
            _el("ol", *choices, class_="choices"),
            _el("p", _label(_("Explanation:")), " ", self.text("span", "text", q.explanation), class_="text"),
            _el("blockquote", _e(q.cite.quote)),  # the source's own words, in its own language
        ]
        if source is not None:
            cited = [_el("cite", _e(source.title))]
            cited += [_e(v) for v in (source.publisher, source.date) if v]
            if source.url:
                cited.append(_el("code", _e(source.url)))
            parts.append(_el("p", _label(_("Source:")), " ", " · ".join(cited), class_="source"))
        box = _el("span", class_="box")
        parts.append(
            _el(
                "div",
                _label(_("Review:")),
                box,
                _e(_("OK")),
                box,
                _e(_("Needs change")),
                _el("div", _e(_("Notes:")), class_="label notes"),  # i18n: not shown (CSS classes)
                _line(),
                _line(),
                class_="verdict",
            )
        )
        return _el("section", "\n", "\n".join(parts), "\n", class_="question", id=f"q-{q.id}")


def _status(bank: Bank) -> str:
    state = review_state(bank)
    if state is ReviewState.UNREVIEWED:
        return _("Not reviewed yet.")
    reviewed = reviewed_by(bank)
    if state is ReviewState.SIGNED:
        return _("{reviewed} (signed; the questions are unchanged since).").format(reviewed=reviewed)
    if state is ReviewState.CHANGED:
        return _("{reviewed} (signed; the questions have CHANGED since that review).").format(
            reviewed=reviewed
        )
    return _("{reviewed} (not signed with a fingerprint).").format(reviewed=reviewed)


def review_sheet_html(bank: Bank, *, file_name: str | None = None) -> str:
    """The whole sheet as one HTML document, in the interface language (the bank's text in its own)."""
    path = file_name if file_name is not None else str(bank.path)
    sheet = _Sheet(bank)
    n = len(bank.questions)
    title = _e(_("Review sheet: {title}").format(title=bank.title))
    count = ngettext("{n} question", "{n} questions", n).format(n=n)
    about = _("{count} · language {language}").format(count=count, language=bank.language)
    written = _day(bank.review.written) if bank.review.written else _("not given")
    meta = [
        (_("Bank"), _el("dd", _el("code", _e(bank.id)), " · ", _e(about))),
        (_("File"), _el("dd", _el("code", _e(path)))),
        (_("Fingerprint"), _el("dd", _e(bank.content_fingerprint or ""), class_="fingerprint")),
        (_("Written"), _el("dd", _e(written))),
        (_("Clinician review"), _el("dd", _e(_status(bank)))),
    ]
    instructions = _(
        "For each question: is the right answer right, is every wrong answer wrong for the reason given, does the "
        "explanation say what the quoted source says, and would a patient understand it? Tick a box and note any "
        "change. The fingerprint identifies exactly this content: any later edit changes it."
    )
    signed = ngettext(
        "I have reviewed the {n} question above against its source.",
        "I have reviewed the {n} questions above against their sources.",
        n,
    ).format(n=n)
    reviewer, date = _('"NAME, CREDENTIALS"'), _("YYYY-MM-DD")
    command = " ".join(
        ("ketaquiz", "sign", shlex.quote(Path(path).name), "--reviewer", reviewer, "--date", date)
    )
    fields = [_("Name"), _("Credentials"), _("Date"), _("Signature")]
    signoff = [
        _el("h2", _e(_("Sign-off"))),
        _el("p", _e(signed)),
        *(_el("div", _label(field), _line(), class_="field") for field in fields),
        _el(
            "p", _e(_("Then record the review in the bank:")), " ", _el("code", _e(command)), class_="notice"
        ),
    ]
    policy = "default-src 'none'; style-src 'unsafe-inline'"  # i18n: not shown (HTTP header)
    viewport = "width=device-width, initial-scale=1"  # i18n: not shown (HTML)
    head = [
        _el("meta", charset="utf-8"),
        _el("meta", name="viewport", content=viewport),
        _el("meta", http_equiv="Content-Security-Policy", content=policy),  # i18n: not shown (HTML)
        _el("title", title),
        _el("style", SHEET_CSS),
    ]
    body = [
        _el("h1", title),
        sheet.text("p", "summary", bank.summary),
        _el("dl", *(_el("dt", _e(term)) + value for term, value in meta), class_="meta"),
        _el("p", _e(instructions), class_="notice"),
        *(sheet.question(i, q) for i, q in enumerate(bank.questions, start=1)),
        _el("section", "\n", "\n".join(signoff), "\n", class_="signoff"),
    ]
    page = _el(
        "html",
        "\n",
        _el("head", *head),
        "\n",
        _el("body", "\n", "\n".join(body), "\n"),
        "\n",
        lang=language(),
    )
    return "<!DOCTYPE html>\n" + page + "\n"  # i18n: not shown (HTML)
