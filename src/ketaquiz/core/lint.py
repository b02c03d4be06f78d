"""Checking banks: schema errors, citations, readability, item-writing flaws and review age, as findings.

`check_paths()` is what `ketaquiz check` runs. It loads every bank, checks ids across banks, verifies quotes
against a source library when one is given, and lints each bank. It never raises for bad input: every problem
becomes a `Finding`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ketaquiz.core import cues
from ketaquiz.core.bank import BankError, Problem, bank_files, cross_bank_problems, load_bank
from ketaquiz.core.model import Bank, Question, base_language
from ketaquiz.core.readability import fk_grade, inflesz, reading_text
from ketaquiz.core.signoff import review_warnings
from ketaquiz.core.sources import SourceLibrary

QUESTION_GRADE_LIMIT = 10.0
"""A question above this Flesch-Kincaid grade (over all it shows the learner) is a warning."""
BANK_GRADE_LIMIT = 8.0
"""A bank's mean grade above this is a warning."""
QUESTION_INFLESZ_MIN = 40.0
"""A Spanish question below this INFLESZ score ("somewhat difficult") is a warning."""
BANK_INFLESZ_MIN = 55.0
"""A Spanish bank's mean INFLESZ below this is a warning (55-65 is "normal"; aim for 60 or more)."""
TESTWISE_MARGIN_POINTS = 8.0
"""A test-wise reader may beat chance by at most this many percentage points in a bank."""
OBJECTIVE_MAX_QUESTIONS = 2
"""More questions than this on one objective (in one language, over the banks checked) is a warning."""
TRUSTED_SHARE_MIN = 2 / 3
SOURCE_DISPLAY_FIELDS = ("title", "publisher", "url", "date")
"""The source fields a learner sees under a quote; a bank copies them from the library's header."""

_ALL_NONE_RE = re.compile(r"\b(all|none|both|neither) of (the )?(above|these)\b", re.IGNORECASE)
_DATE_FORM_RE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
NO_DATE = "no date given"
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
    bank: str | None = None
    """The bank's id, shown in the brackets of a bank-level finding."""

    def format(self) -> str:
        where = self.question or self.bank
        label = f"[{where}] " if where else ""
        ack = f" (acknowledged: {self.acknowledged})" if self.acknowledged else ""
        where = (
            f"{self.path}:{self.line}" if self.line > 0 else f"{self.path}"
        )  # no "line 0" for a missing file
        return f"{where}: {self.level}: {label}{self.message} ({self.rule}){ack}"

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


def _problem_finding(p: Problem, rule: str = "schema") -> Finding:
    return Finding(p.path, p.line, "error", p.rule or rule, p.message, p.question)


def question_text(q: Question) -> str:
    """Everything a learner reads in a question: the prompt, every choice and why_not, the explanation."""
    pieces: list[str | None] = [q.prompt]
    for c in q.choices:
        pieces += [c.text, c.why_not]
    pieces.append(q.explanation)
    return reading_text(pieces)


def is_spanish(language: str) -> bool:
    return base_language(language) == "es"


def question_grade(q: Question, language: str = "en") -> float:
    """Flesch-Kincaid grade (English) or INFLESZ score (Spanish) of what the learner reads."""
    text = question_text(q)
    return inflesz(text) if is_spanish(language) else fk_grade(text)


def grade_label(value: float, language: str) -> str:
    """How `check` shows a grade: "6.8" (Flesch-Kincaid) or "IF 62" (INFLESZ)."""
    return f"IF {value:.0f}" if is_spanish(language) else f"{value:.1f}"


def bank_testwise(bank: Bank) -> cues.TestwiseScore:
    choices = (([c.text for c in q.choices], q.correct_index) for q in bank.questions)
    return cues.testwise_score(choices, base_language(bank.language))


def lint_bank(bank: Bank, *, today: dt.date) -> list[Finding]:
    """Readability, item-writing and review findings for one bank (no source library needed)."""
    findings: list[Finding] = []

    def warn(rule: str, line: int, message: str, q: Question | None = None) -> None:
        ack_map = q.lint_ok if q is not None else bank.lint_ok
        findings.append(
            Finding(
                bank.path, line, "warning", rule, message, q.id if q else None, ack_map.get(rule), bank.id
            )
        )

    spanish = is_spanish(bank.language)
    lang = base_language(bank.language)
    grades: list[float] = []
    for q in bank.questions:
        grade = question_grade(q, bank.language)
        grades.append(grade)
        if spanish and grade < QUESTION_INFLESZ_MIN:
            warn(
                "readability",
                q.line,
                f"INFLESZ {grade:.0f} is below {QUESTION_INFLESZ_MIN:g} (everything the learner reads)",
                q,
            )
        elif not spanish and grade > QUESTION_GRADE_LIMIT:
            warn(
                "readability",
                q.line,
                f"reading grade {grade:.1f} is above {QUESTION_GRADE_LIMIT:g} (everything the learner reads)",
                q,
            )
        for c in q.choices:
            if m := _ALL_NONE_RE.search(c.text):
                warn(
                    "all-none-of-the-above", c.line, f"choice uses {m.group(0)!r}; write out a real option", q
                )
        findings_for_cues(q, lang, warn)
        if _NEGATIVE_STEM_RE.search(q.prompt):
            warn(
                "negative-stem",
                q.line,
                "the prompt asks a negative question (NOT / EXCEPT); ask it positively",
                q,
            )
        if bank.objectives and q.objective is None:
            warn("objective-missing", q.line, "the question names no objective (objective: ...)", q)
    if grades:
        mean = sum(grades) / len(grades)
        if spanish and mean < BANK_INFLESZ_MIN:
            warn("readability-bank", bank.line, f"mean INFLESZ {mean:.0f} is below {BANK_INFLESZ_MIN:g}")
        elif not spanish and mean > BANK_GRADE_LIMIT:
            warn(
                "readability-bank", bank.line, f"mean reading grade {mean:.1f} is above {BANK_GRADE_LIMIT:g}"
            )
    used = {q.objective for q in bank.questions}
    for oid in bank.objectives:
        if oid not in used:
            warn("objective-unused", bank.line, f"objective {oid!r} is declared but no question teaches it")

    tw = bank_testwise(bank)
    if bank.questions and tw.margin_points > TESTWISE_MARGIN_POINTS:
        warn(
            "test-wise-score",
            bank.line,
            f"a reader who picks the most hedged, least absolute choice scores {100 * tw.score:.0f}% against "
            f"{100 * tw.chance:.0f}% by chance; keep it within {TESTWISE_MARGIN_POINTS:g} points",
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

    for sid, ref in bank.sources.items():
        if ref.date is not None and ref.date != NO_DATE and not _DATE_FORM_RE.match(ref.date):
            warn(
                "source-date-form",
                ref.line,
                f"source {sid!r}: date {ref.date!r} should be YYYY, YYYY-MM, YYYY-MM-DD or {NO_DATE!r}",
            )

    # Review warnings cannot be acknowledged with lint_ok: only a clinician's review (`ketaquiz sign`) ends them.
    findings.extend(
        Finding(bank.path, bank.line, "warning", rule, message, bank=bank.id)
        for rule, message in review_warnings(bank, today=today)
    )
    return findings


def findings_for_cues(q: Question, language: str, warn: Callable[..., None]) -> None:
    """The per-question test-wise cues: words that mark the right answer apart from the wrong ones."""
    key = q.correct_choice.text
    wrong = [c for c in q.choices if not c.correct]
    if cues.find_word("absolute", key, language) is None:
        for c in wrong:
            if (word := cues.find_word("absolute", c.text, language)) is not None:
                warn(
                    "absolute-only-in-distractors",
                    c.line,
                    f"only wrong choices use absolute words ({word!r}); test-wise readers rule them out",
                    q,
                )
                break
    for kind, rule, what in (
        ("hedge", "hedge-only-in-key", "hedges"),
        ("team", "team-only-in-key", "names the care team"),
    ):
        word = cues.find_word(kind, key, language)
        if word is not None and all(cues.find_word(kind, c.text, language) is None for c in wrong):
            line = q.correct_choice.line or q.line
            warn(rule, line, f"only the right choice {what} ({word!r}); give a wrong choice that too", q)


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
                    bank=bank.id,
                )
            )
            continue
        for name in SOURCE_DISPLAY_FIELDS:
            ours, theirs = getattr(ref, name), source.header.get(name)
            if theirs and ours != theirs:
                findings.append(
                    Finding(
                        bank.path,
                        ref.line,
                        "warning",
                        f"source-{name}",
                        f"source {sid!r}: {name} differs from the library's {theirs!r}; copy it from the "
                        "library's header",
                        acknowledged=bank.lint_ok.get(f"source-{name}"),
                        bank=bank.id,
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
                bank=bank.id,
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
    loaded: list[tuple[Bank, CheckedBank]] = []
    files = list(bank_files(paths))
    for raw in paths:
        folder = Path(raw)
        if folder.is_dir() and not any(f.parent == folder for f in files):
            report.findings.append(
                Finding(
                    folder, 0, "error", "no-banks", "no banks in this folder (a bank is a .yaml or .yml file)"
                )
            )
    for path in files:
        try:
            bank = load_bank(path)
        except BankError as exc:
            report.banks.append(CheckedBank(path, None, loaded=False, errors=len(exc.problems)))
            report.findings.extend(_problem_finding(p) for p in exc.problems)
            continue
        summary = CheckedBank(
            path, bank.id, loaded=True, questions=len(bank.questions), citations=len(bank.questions)
        )
        report.banks.append(summary)
        loaded.append((bank, summary))

    by_path = {s.path: s for _, s in loaded}
    for p in cross_bank_problems(b for b, _ in loaded):
        report.findings.append(_problem_finding(p, "unique-id"))
    report.findings.extend(objective_findings([b for b, _ in loaded]))
    for bank, summary in loaded:
        findings = lint_bank(bank, today=today)
        grades = [question_grade(q, bank.language) for q in bank.questions]
        summary.mean_grade = sum(grades) / len(grades) if grades else None
        summary.grade_scale = "inflesz" if is_spanish(bank.language) else "fk"
        summary.language = bank.language
        summary.essentials = sum(q.essential for q in bank.questions)
        summary.testwise = bank_testwise(bank)
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


def objective_findings(banks: Sequence[Bank]) -> list[Finding]:
    """`objective-repeated`: more than OBJECTIVE_MAX_QUESTIONS questions of one language teach one objective."""
    seen: dict[tuple[str, str], list[Question]] = {}
    findings: list[Finding] = []
    for bank in banks:
        lang = base_language(bank.language)
        for q in bank.questions:
            if q.objective is None:
                continue
            earlier = seen.setdefault((lang, q.objective), [])
            if len(earlier) >= OBJECTIVE_MAX_QUESTIONS:
                others = ", ".join(e.id for e in earlier)
                findings.append(
                    Finding(
                        bank.path,
                        q.line,
                        "warning",
                        "objective-repeated",
                        f"objective {q.objective!r} is already taught by {others}; teach one point once or "
                        f"twice, not {len(earlier) + 1} times",
                        q.id,
                        q.lint_ok.get("objective-repeated"),
                        bank.id,
                    )
                )
            earlier.append(q)
    return findings


def format_report(report: CheckReport) -> Iterable[str]:
    """The human-readable lines `ketaquiz check` prints."""
    # 80 columns: errors are listed below the table and counted in its last line.
    yield (
        f"{'bank':<18} {'questions':>9} {'essential':>9} {'quotes':>7} {'trusted':>7} {'grade':>5} "
        f"{'test-wise':>9} {'warnings':>8}"
    )
    for b in report.banks:
        name = b.bank_id or b.path.name
        if not b.loaded:
            yield f"{name:<18} failed to load: {b.errors} error(s)"
            continue
        if b.verified is None:
            cited = trusted = "-"
        else:
            cited = f"{b.verified}/{b.citations}"
            trusted = f"{round(100 * (b.trusted or 0) / b.citations) if b.citations else 0}%"
        grade = grade_label(b.mean_grade, b.language) if b.mean_grade is not None else "-"
        tw = f"{100 * b.testwise.score:.0f}/{100 * b.testwise.chance:.0f}%" if b.testwise else "-"
        warned = f"{b.warnings}" + (f"+{b.acknowledged}ok" if b.acknowledged else "")
        yield (
            f"{name:<18} {b.questions:>9} {b.essentials:>9} {cited:>7} {trusted:>7} {grade:>5} {tw:>9} "
            f"{warned:>8}"
        )
    if any(b.loaded for b in report.banks):
        yield (
            "quotes: verified in the source library. test-wise: right answers a reader who picks the most\n"
            "hedged, least absolute choice can expect / by chance. +N ok: warnings acknowledged with lint_ok."
        )
    if not report.sources_checked:
        yield "Citations not verified (no source library): run with --sources DIR to check every quote."
    if report.findings:
        yield ""
        for f in report.findings:
            yield f.format()
    errors, warnings = len(report.errors), len(report.warnings)
    yield ""
    yield f"{len(report.banks)} bank(s): {errors} error(s), {warnings} warning(s)."
