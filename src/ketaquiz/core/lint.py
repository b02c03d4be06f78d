"""Checking banks: schema errors, citations, readability, item-writing flaws and review age, as findings.

`check_paths()` is what `ketaquiz check` runs. It loads every bank, checks ids across banks, verifies quotes
against a source library when one is given, and lints each bank. It never raises for bad input: every problem
becomes a `Finding`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ketaquiz.core.bank import BankError, Problem, bank_files, cross_bank_problems, load_bank
from ketaquiz.core.model import Bank, Question
from ketaquiz.core.readability import fk_grade
from ketaquiz.core.sources import SourceLibrary

QUESTION_GRADE_LIMIT = 10.0
"""A question's prompt + explanation above this Flesch-Kincaid grade is a warning."""
BANK_GRADE_LIMIT = 8.0
"""A bank's mean grade above this is a warning."""
REVIEW_MAX_AGE_DAYS = 365
TRUSTED_SHARE_MIN = 2 / 3

_ALL_NONE_RE = re.compile(r"\b(all|none|both|neither) of (the )?(above|these)\b", re.IGNORECASE)
_ABSOLUTE_RE = re.compile(r"\b(always|never)\b", re.IGNORECASE)
_NEGATIVE_STEM_RE = re.compile(
    r"\b(NOT|EXCEPT|LEAST)\b|\bexcept\b|\bwhich\b[^.?!]*\b(not|isn't|aren't|least)\b[^.?!]*\?",
)


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

    def format(self) -> str:
        qid = f"[{self.question}] " if self.question else ""
        ack = f" (acknowledged: {self.acknowledged})" if self.acknowledged else ""
        return f"{self.path}:{self.line}: {self.level}: {qid}{self.message}{ack}"

    def to_json(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "line": self.line,
            "level": self.level,
            "question": self.question,
            "rule": self.rule,
            "message": self.message,
            "acknowledged": self.acknowledged,
        }


@dataclass(slots=True)
class BankSummary:
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
            "errors": self.errors,
            "warnings": self.warnings,
            "acknowledged": self.acknowledged,
        }


@dataclass(slots=True)
class CheckReport:
    """Everything `check` found."""

    banks: list[BankSummary] = field(default_factory=list)
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


def _problem_finding(p: Problem, rule: str = "schema") -> Finding:
    return Finding(p.path, p.line, "error", rule, p.message, p.question)


def question_grade(q: Question) -> float:
    return fk_grade(f"{q.prompt} {q.explanation}")


def lint_bank(bank: Bank, *, today: dt.date) -> list[Finding]:
    """Readability, item-writing and review findings for one bank (no source library needed)."""
    findings: list[Finding] = []

    def warn(rule: str, line: int, message: str, q: Question | None = None) -> None:
        ack_map = q.lint_ok if q is not None else bank.lint_ok
        findings.append(
            Finding(bank.path, line, "warning", rule, message, q.id if q else None, ack_map.get(rule))
        )

    grades: list[float] = []
    for q in bank.questions:
        grade = question_grade(q)
        grades.append(grade)
        if grade > QUESTION_GRADE_LIMIT:
            warn(
                "readability",
                q.line,
                f"reading grade {grade:.1f} is above {QUESTION_GRADE_LIMIT:g} (prompt + explanation)",
                q,
            )
        for c in q.choices:
            if m := _ALL_NONE_RE.search(c.text):
                warn(
                    "all-none-of-the-above", c.line, f"choice uses {m.group(0)!r}; write out a real option", q
                )
            if m := _ABSOLUTE_RE.search(c.text):
                warn(
                    "absolute-word",
                    c.line,
                    f"choice uses {m.group(0)!r}, which test-wise readers learn to rule out",
                    q,
                )
        if _NEGATIVE_STEM_RE.search(q.prompt):
            warn(
                "negative-stem",
                q.line,
                "the prompt asks a negative question (NOT / EXCEPT); ask it positively",
                q,
            )
    if grades:
        mean = sum(grades) / len(grades)
        if mean > BANK_GRADE_LIMIT:
            warn(
                "readability-bank", bank.line, f"mean reading grade {mean:.1f} is above {BANK_GRADE_LIMIT:g}"
            )

    # The correct choice strictly the longest, in most questions with three or more choices.
    multi = [q for q in bank.questions if len(q.choices) >= 3]
    longest = [q for q in multi if _correct_is_strictly_longest(q)]
    if multi and len(longest) * 2 > len(multi):
        warn(
            "correct-longest",
            bank.line,
            f"the correct choice is the longest in {len(longest)} of {len(multi)} questions; test-wise readers spot this",
        )

    # Correct positions unbalanced among questions whose order is kept.
    fixed = [q for q in multi if not q.shuffle]
    if len(fixed) >= 5:
        positions = Counter(q.correct_index for q in fixed)
        pos, count = positions.most_common(1)[0]
        if count * 2 > len(fixed):
            warn(
                "correct-position",
                bank.line,
                f"choice {pos + 1} is correct in {count} of {len(fixed)} questions with shuffle: false",
            )

    review = bank.review
    if not review.is_reviewed:
        warn("review", bank.line, "no clinician has reviewed this bank (review.reviewed_by is null)")
    elif review.reviewed_on:
        try:
            age = (today - dt.date.fromisoformat(review.reviewed_on)).days
        except ValueError:
            age = None
        if age is not None and age > REVIEW_MAX_AGE_DAYS:
            warn("review", bank.line, f"last reviewed {review.reviewed_on}, more than a year ago")
    return findings


def _correct_is_strictly_longest(q: Question) -> bool:
    correct = len(q.correct_choice.text)
    return all(correct > len(c.text) for c in q.choices if not c.correct)


def verify_citations(bank: Bank, library: SourceLibrary) -> tuple[list[Finding], int, int]:
    """Check every quote against the library. Returns (findings, verified count, trusted count)."""
    findings: list[Finding] = []
    verified = trusted = 0
    for sid, ref in bank.sources.items():
        source = library.get(sid)
        if source is None:
            findings.append(
                Finding(
                    bank.path,
                    ref.line,
                    "error",
                    "citation",
                    f"source {sid!r} is not in the source library {library.folder}",
                )
            )
        elif source.title and ref.title != source.title:
            findings.append(
                Finding(
                    bank.path,
                    ref.line,
                    "warning",
                    "source-title",
                    f"source {sid!r}: title differs from the library's {source.title!r}",
                )
            )
    for q in bank.questions:
        source = library.get(q.cite.source)
        if source is None:
            continue  # reported once above
        if source.contains(q.cite.quote):
            verified += 1
            trusted += source.trusted
        else:
            findings.append(
                Finding(
                    bank.path,
                    q.cite.line,
                    "error",
                    "citation",
                    f"quote not found in source {q.cite.source!r}",
                    q.id,
                )
            )
    n = len(bank.questions)
    if n and trusted < TRUSTED_SHARE_MIN * n and verified == n:
        findings.append(
            Finding(
                bank.path,
                bank.line,
                "warning",
                "trusted-share",
                f"{trusted} of {n} citations come from government, drug-label, drug-information or peer-reviewed "
                "sources; aim for at least two thirds",
                acknowledged=bank.lint_ok.get("trusted-share"),
            )
        )
    return findings, verified, trusted


def check_paths(
    paths: Sequence[str | Path],
    *,
    sources: str | Path | None = None,
    today: dt.date | None = None,
) -> CheckReport:
    """Check bank files and folders. Raises SourceLibraryError only when `sources` is not a folder."""
    today = today or dt.date.today()
    library = SourceLibrary(sources) if sources is not None else None
    report = CheckReport(sources_checked=library is not None)
    loaded: list[tuple[Bank, BankSummary]] = []
    files = list(bank_files(paths))
    for path in files:
        try:
            bank = load_bank(path)
        except BankError as exc:
            report.banks.append(BankSummary(path, None, loaded=False, errors=len(exc.problems)))
            report.findings.extend(_problem_finding(p) for p in exc.problems)
            continue
        summary = BankSummary(
            path, bank.id, loaded=True, questions=len(bank.questions), citations=len(bank.questions)
        )
        report.banks.append(summary)
        loaded.append((bank, summary))

    by_path = {s.path: s for _, s in loaded}
    for p in cross_bank_problems(b for b, _ in loaded):
        report.findings.append(_problem_finding(p, "unique-id"))
    for bank, summary in loaded:
        findings = lint_bank(bank, today=today)
        grades = [question_grade(q) for q in bank.questions]
        summary.mean_grade = sum(grades) / len(grades) if grades else None
        if library is not None:
            cfind, summary.verified, summary.trusted = verify_citations(bank, library)
            findings.extend(cfind)
        report.findings.extend(findings)

    for f in report.findings:
        s = by_path.get(f.path)
        if s is None:
            continue
        if f.level == "error":
            s.errors += 1
        elif f.acknowledged:
            s.acknowledged += 1
        else:
            s.warnings += 1
    report.findings.sort(key=lambda f: (files.index(f.path) if f.path in files else len(files), f.line))
    return report


def format_report(report: CheckReport) -> Iterable[str]:
    """The human-readable lines `ketaquiz check` prints."""
    header = f"{'bank':<28} {'questions':>9} {'citations':>16} {'trusted':>8} {'grade':>6} {'warnings':>9} {'errors':>7}"
    yield header
    for b in report.banks:
        name = b.bank_id or b.path.name
        if not b.loaded:
            yield f"{name:<28} {'failed to load':>9}{'':>42} {b.errors:>7}"
            continue
        if b.verified is None:
            cited = "not verified"
            trusted = "-"
        else:
            cited = f"{b.verified}/{b.citations} verified"
            trusted = f"{round(100 * (b.trusted or 0) / b.citations) if b.citations else 0}%"
        grade = f"{b.mean_grade:.1f}" if b.mean_grade is not None else "-"
        warnings = f"{b.warnings}" + (f" (+{b.acknowledged} ok)" if b.acknowledged else "")
        yield f"{name:<28} {b.questions:>9} {cited:>16} {trusted:>8} {grade:>6} {warnings:>9} {b.errors:>7}"
    if not report.sources_checked:
        yield "Citations not verified (no source library): run with --sources DIR to check every quote."
    if report.findings:
        yield ""
        for f in report.findings:
            yield f.format()
    errors, warnings = len(report.errors), len(report.warnings)
    yield ""
    yield f"{len(report.banks)} bank(s): {errors} error(s), {warnings} warning(s)."
