"""The care-team summary, "What I learned about ketamine treatment": its data and its renderers.

`build_report` gathers, from the progress store and the loaded banks, what a learner may want to bring to an
appointment: the banks they covered (scores and dates), mastery (the scheduling module's definition), the topics
to go over again, and the questions they flagged "ask my care team" with their notes, each with its cited source.
The renderers turn that into Markdown, one self-contained HTML page that prints on one or two sheets, or JSON;
`write_attempts_csv` streams every answer as one CSV row, for anyone who wants their data.

Bank text is data: HTML escapes it with `html.escape`, Markdown backslash-escapes the characters that would
otherwise become formatting, links or raw HTML. Pure Python: no textual, no rich.

The package keeps its parts apart: `data` (the report's records and `build_report`), `render` (Markdown, HTML,
JSON) and `csv_export` (the attempts as CSV).
"""

from __future__ import annotations

from ketaquiz.core.report.csv_export import CSV_HEADER, csv_safe, write_attempts_csv
from ketaquiz.core.report.data import (
    REPORT_TITLE,
    AnswerItem,
    EssentialsLine,
    FlaggedItem,
    Report,
    ReviewItem,
    SourceLine,
    TagLine,
    bank_lines,
    build_report,
)
from ketaquiz.core.report.render import md_escape, render, render_html, render_json, render_markdown

__all__ = [
    "CSV_HEADER",
    "REPORT_TITLE",
    "AnswerItem",
    "EssentialsLine",
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
