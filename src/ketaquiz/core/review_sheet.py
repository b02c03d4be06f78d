"""The review sheet (`ketaquiz review-sheet`): one printable HTML page for the clinician who reviews a bank.

Self-contained (its style inline; no script, no image, no font or link fetched), every bank text escaped, and laid out
for paper: a question is never split across pages. Beside each question a box for "OK / needs change" and lines for
notes; at the end a sign-off block, and the command that records the review.
"""

from __future__ import annotations

import html
from pathlib import Path

from ketaquiz.core.model import Bank, Question
from ketaquiz.core.signoff import ReviewState, review_state

STYLE = """
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
.mark { display: inline-block; min-width: 5.5em; font-size: .85em; font-weight: bold; }
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
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _question(n: int, q: Question, bank: Bank) -> str:
    source = bank.sources.get(q.cite.source)
    parts = [f'<section class="question" id="q-{_e(q.id)}">']
    parts.append(f'<div class="qhead"><h2>Question {n}</h2><span class="qid">{_e(q.id)}</span></div>')
    extra = []
    if q.essential:
        extra.append("essential")
    if q.objective:
        described = bank.objectives.get(q.objective)
        extra.append(f"objective: {q.objective}" + (f" ({described})" if described else ""))
    if q.tags:
        extra.append("tags: " + ", ".join(q.tags))
    extra.append("choices shuffled" if q.shuffle else "choices kept in this order")
    parts.append(f'<p class="notice">{_e(" · ".join(extra))}</p>')
    parts.append(f'<p class="prompt">{_e(q.prompt)}</p>')
    parts.append('<ol class="choices">')
    for c in q.choices:
        if c.correct:
            parts.append(f'<li class="correct"><span class="mark">✔ RIGHT</span>{_e(c.text)}</li>')
        else:
            parts.append(
                f'<li><span class="mark">✘ wrong</span>{_e(c.text)}'
                f'<p class="why"><span class="label">Why not:</span> {_e(c.why_not or "")}</p></li>'
            )
    parts.append("</ol>")
    parts.append(f'<p class="text"><span class="label">Explanation:</span> {_e(q.explanation)}</p>')
    parts.append(f"<blockquote>{_e(q.cite.quote)}</blockquote>")
    if source is not None:
        cited = [f"<cite>{_e(source.title)}</cite>"]
        cited += [_e(v) for v in (source.publisher, source.date) if v]
        if source.url:
            cited.append(f"<code>{_e(source.url)}</code>")
        parts.append(f'<p class="source"><span class="label">Source:</span> {" · ".join(cited)}</p>')
    parts.append(
        '<div class="verdict"><span class="label">Review:</span>'
        '<span class="box"></span>OK<span class="box"></span>Needs change'
        '<div class="label" style="margin-top:.4em">Notes:</div><div class="line"></div><div class="line"></div>'
        "</div></section>"
    )
    return "\n".join(parts)


def review_sheet_html(bank: Bank, *, file_name: str | None = None) -> str:
    """The whole sheet as one HTML document."""
    path = file_name if file_name is not None else str(bank.path)
    review = bank.review
    state = review_state(bank)
    if state is ReviewState.UNREVIEWED:
        status = "Not reviewed yet."
    else:
        status = f"Reviewed by {review.reviewed_by}" + (
            f" on {review.reviewed_on}" if review.reviewed_on else ""
        )
        status += {
            ReviewState.SIGNED: " (signed; the questions are unchanged since).",
            ReviewState.CHANGED: " (signed; the questions have CHANGED since that review).",
            ReviewState.UNVERIFIED: " (not signed with a fingerprint).",
        }[state]
    n = len(bank.questions)
    fingerprint = bank.content_fingerprint or ""
    head = f"""<!DOCTYPE html>
<html lang="{_e(bank.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Review sheet: {_e(bank.title)}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>Review sheet: {_e(bank.title)}</h1>
<p>{_e(bank.summary)}</p>
<dl class="meta">
<dt>Bank</dt><dd><code>{_e(bank.id)}</code> · {n} question{"s" if n != 1 else ""} · language {_e(bank.language)}</dd>
<dt>File</dt><dd><code>{_e(path)}</code></dd>
<dt>Fingerprint</dt><dd class="fingerprint">{_e(fingerprint)}</dd>
<dt>Written</dt><dd>{_e(review.written or "not given")}</dd>
<dt>Review</dt><dd>{_e(status)}</dd>
</dl>
<p class="notice">For each question: is the right answer right, is every wrong answer wrong for the reason given,
does the explanation say what the quoted source says, and would a patient understand it? Tick a box and note any
change. The fingerprint identifies exactly this content: any later edit changes it.</p>
"""
    body = "\n".join(_question(i, q, bank) for i, q in enumerate(bank.questions, start=1))
    command = f'ketaquiz sign {Path(path).name} --reviewer "NAME, CREDENTIALS" --date YYYY-MM-DD'
    tail = f"""
<section class="signoff">
<h2>Sign-off</h2>
<p>I have reviewed the {n} question{"s" if n != 1 else ""} above against their sources.</p>
<div class="field"><span class="label">Name</span><div class="line"></div></div>
<div class="field"><span class="label">Credentials</span><div class="line"></div></div>
<div class="field"><span class="label">Date</span><div class="line"></div></div>
<div class="field"><span class="label">Signature</span><div class="line"></div></div>
<p class="notice">Then record the review in the bank: <code>{_e(command)}</code></p>
</section>
</body>
</html>
"""
    return head + body + tail
