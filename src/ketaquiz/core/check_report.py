"""What `ketaquiz check` found, and how it is printed: the findings, a row per bank, and the text report.

The records are plain data (`--json` writes them as they are); `format_report` is the one place their words are
put together. Only the words are in the interface language: the `file:line: level: [id] message (rule)` layout,
the levels and the rule names stay as they are, so editors and scripts read the lines in any language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ketaquiz.core import cues
from ketaquiz.core.bankfile import location
from ketaquiz.core.i18n import _, ngettext, number, percent
from ketaquiz.core.model import base_language


def is_spanish(language: str) -> bool:
    return base_language(language) == "es"


def grade_label(value: float, language: str) -> str:
    """How `check` shows a grade: "6.8" (Flesch-Kincaid; "6,8" in Spanish) or "IF 62" (INFLESZ)."""
    return f"IF {value:.0f}" if is_spanish(language) else number(value, 1)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing `check` reports."""

    path: Path
    line: int
    level: str
    """"error" or "warning"."""
    rule: str
    message: str
    question: str | None = None
    acknowledged: str | None = None
    """The author's reason, when the question (or bank) acknowledges this warning with `lint_ok`."""
    bank: str | None = None
    """The bank's id, shown in the brackets of a bank-level finding."""

    def format(self) -> str:
        """`file:line: level: [id] message (rule)`: only the message (and "acknowledged") is in the interface
        language; the level, like the rest of the layout, stays as tools that read it expect."""
        who = self.question or self.bank
        label = f"[{who}] " if who else ""
        ack = (
            " ({})".format(_("acknowledged: {reason}").format(reason=self.acknowledged))
            if self.acknowledged
            else ""
        )
        return f"{location(self.path, self.line)}: {self.level}: {label}{self.message} ({self.rule}){ack}"

    def to_json(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "line": self.line,
            "level": self.level,
            "question": self.question,
            "rule": self.rule,
            "message": self.message,
            "acknowledged": self.acknowledged,
            "bank": self.bank,
        }


@dataclass(slots=True)
class CheckedBank:
    """One row of `check`'s summary."""

    path: Path
    bank_id: str | None
    loaded: bool
    questions: int = 0
    citations: int = 0
    verified: int | None = None
    """Citations found in the source library; None when no library was given."""
    trusted: int | None = None
    """Citations whose source is of a trusted kind; None when no library was given."""
    mean_grade: float | None = None
    """Mean Flesch-Kincaid grade (English) or INFLESZ score (Spanish: see `grade_scale`)."""
    grade_scale: str = "fk"
    """"fk" (Flesch-Kincaid grade, lower is easier) or "inflesz" (Spanish, higher is easier)."""
    language: str = "en"
    essentials: int = 0
    testwise: cues.TestwiseScore | None = None
    errors: int = 0
    warnings: int = 0
    acknowledged: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "id": self.bank_id,
            "loaded": self.loaded,
            "questions": self.questions,
            "citations": self.citations,
            "citations_verified": self.verified,
            "citations_trusted": self.trusted,
            "mean_grade": None if self.mean_grade is None else round(self.mean_grade, 1),
            "grade_scale": self.grade_scale,
            "language": self.language,
            "essentials": self.essentials,
            "testwise": None
            if self.testwise is None
            else {
                "score": round(100 * self.testwise.score, 1),
                "chance": round(100 * self.testwise.chance, 1),
            },
            "errors": self.errors,
            "warnings": self.warnings,
            "acknowledged": self.acknowledged,
        }


@dataclass(slots=True)
class CheckReport:
    """Everything `check` found."""

    banks: list[CheckedBank] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    sources_checked: bool = False

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """Warnings not acknowledged by the author."""
        return [f for f in self.findings if f.level == "warning" and not f.acknowledged]

    def exit_code(self, strict: bool = False) -> int:
        if self.errors or (strict and self.warnings):
            return 1
        return 0

    def to_json(self) -> dict[str, object]:
        return {
            "banks": [b.to_json() for b in self.banks],
            "findings": [f.to_json() for f in self.findings],
            "sources_checked": self.sources_checked,
        }


def _columns() -> tuple[tuple[str, int], ...]:
    """The summary table's columns: heading and width (negative: left-aligned). 80 columns in English; a heading
    that is longer in another language widens its column."""
    return (
        (_("bank"), -18),
        (_("questions"), 9),
        (_("essential"), 9),
        (_("quotes"), 7),
        (_("trusted"), 7),
        (_("grade"), 5),
        (_("test-wise"), 9),
        (_("warnings"), 8),
    )


def _table_row(cells: Sequence[str], widths: Sequence[int]) -> str:
    return " ".join(cell.ljust(-w) if w < 0 else cell.rjust(w) for cell, w in zip(cells, widths, strict=True))


def format_report(report: CheckReport) -> Iterable[str]:
    """The human-readable lines `ketaquiz check` prints."""
    # 80 columns: errors are listed below the table and counted in its last line.
    columns = _columns()
    widths = [max(abs(w), len(h)) * (-1 if w < 0 else 1) for h, w in columns]
    yield _table_row([h for h, _w in columns], widths)
    for b in report.banks:
        name = b.bank_id or b.path.name
        if not b.loaded:
            failed = ngettext("failed to load: {count} error", "failed to load: {count} errors", b.errors)
            yield f"{name:<{-widths[0]}} {failed.format(count=b.errors)}"
            continue
        if b.verified is None:
            cited = trusted = "-"
        else:
            cited = f"{b.verified}/{b.citations}"
            trusted = percent(100 * (b.trusted or 0) / b.citations if b.citations else 0)
        grade = grade_label(b.mean_grade, b.language) if b.mean_grade is not None else "-"
        tw = f"{100 * b.testwise.score:.0f}/{percent(100 * b.testwise.chance)}" if b.testwise else "-"
        warned = f"{b.warnings}" + (f"+{b.acknowledged}ok" if b.acknowledged else "")
        yield _table_row(
            [name, str(b.questions), str(b.essentials), cited, trusted, grade, tw, warned], widths
        )
    if any(b.loaded for b in report.banks):
        yield _(
            "quotes: verified in the source library. test-wise: right answers a reader who picks the most\n"
            "hedged, least absolute choice can expect / by chance. +N ok: warnings acknowledged with lint_ok."
        )
    if not report.sources_checked:
        yield _("Citations not verified (no source library): run with --sources DIR to check every quote.")
    if report.findings:
        yield ""
        for f in report.findings:
            yield f.format()
    errors, warnings = len(report.errors), len(report.warnings)
    yield ""
    banks = ngettext("{count} bank", "{count} banks", len(report.banks)).format(count=len(report.banks))
    errors_text = ngettext("{count} error", "{count} errors", errors).format(count=errors)
    warnings_text = ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings)
    yield f"{banks}: {errors_text}, {warnings_text}."
