"""Checking banks: schema errors, citations, readability, item-writing flaws and review age, as findings.

`check_paths()` is what `ketaquiz check` runs. It loads every bank, checks ids across banks, verifies quotes
against a source library when one is given, and lints each bank. It never raises for bad input: every problem
becomes a `Finding`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from ketaquiz.core import cues
from ketaquiz.core.bank import BankError, Problem, bank_files, cross_bank_problems, load_bank
from ketaquiz.core.check_report import (
    CheckedBank,
    CheckReport,
    Finding,
    format_report,
    grade_label,
    is_spanish,
)
from ketaquiz.core.i18n import _, ngettext, number, percent
from ketaquiz.core.model import Bank, Question, base_language
from ketaquiz.core.readability import fk_grade, inflesz, reading_text
from ketaquiz.core.signoff import review_warnings
from ketaquiz.core.sources import SourceLibrary, not_in_library

__all__ = [
    "CheckReport",
    "CheckedBank",
    "Finding",
    "bank_testwise",
    "check_paths",
    "format_report",
    "grade_label",
    "is_spanish",
    "lint_bank",
    "objective_findings",
    "question_grade",
    "question_text",
    "verify_citations",
]

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
NO_DATE = "no date given"  # i18n: not shown (a value written in bank files and source headers)
_NEGATIVE_STEM_RE = re.compile(
    r"\b(NOT|EXCEPT|LEAST)\b|\bexcept\b|\bwhich\b[^.?!]*\b(not|isn't|aren't|least)\b[^.?!]*\?",
)


def _problem_finding(p: Problem, rule: str = "schema") -> Finding:
    return Finding(p.path, p.line, "error", p.rule or rule, p.message, p.question)


def question_text(q: Question) -> str:
    """Everything a learner reads in a question: the prompt, every choice and why_not, the explanation."""
    pieces: list[str | None] = [q.prompt]
    for c in q.choices:
        pieces += [c.text, c.why_not]
    pieces.append(q.explanation)
    return reading_text(pieces)


def question_grade(q: Question, language: str = "en") -> float:
    """Flesch-Kincaid grade (English) or INFLESZ score (Spanish) of what the learner reads."""
    text = question_text(q)
    return inflesz(text) if is_spanish(language) else fk_grade(text)


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
        if message := _readability(grade, spanish, QUESTION_INFLESZ_MIN, QUESTION_GRADE_LIMIT, question=True):
            warn("readability", q.line, message, q)
        for c in q.choices:
            if m := _ALL_NONE_RE.search(c.text):
                message = _("choice uses {words}; write out a real option").format(words=repr(m.group(0)))
                warn("all-none-of-the-above", c.line, message, q)
        findings_for_cues(q, lang, warn)
        if _NEGATIVE_STEM_RE.search(q.prompt):
            warn(
                "negative-stem",
                q.line,
                _("the prompt asks a negative question (NOT / EXCEPT); ask it positively"),
                q,
            )
        if bank.objectives and q.objective is None:
            warn("objective-missing", q.line, _("the question names no objective (objective: ...)"), q)
    if grades:
        mean = sum(grades) / len(grades)
        if message := _readability(mean, spanish, BANK_INFLESZ_MIN, BANK_GRADE_LIMIT, question=False):
            warn("readability-bank", bank.line, message)
    used = {q.objective for q in bank.questions}
    for oid in bank.objectives:
        if oid not in used:
            message = _("objective {id} is declared but no question teaches it").format(id=repr(oid))
            warn("objective-unused", bank.line, message)

    tw = bank_testwise(bank)
    if bank.questions and tw.margin_points > TESTWISE_MARGIN_POINTS:
        warn(
            "test-wise-score",
            bank.line,
            _(
                "a reader who picks the most hedged, least absolute choice scores {score} against {chance} by "
                "chance; keep it within {margin} points"
            ).format(
                score=percent(100 * tw.score),
                chance=percent(100 * tw.chance),
                margin=f"{TESTWISE_MARGIN_POINTS:g}",
            ),
        )

    # The correct choice strictly the longest, in most questions with three or more choices.
    multi = [q for q in bank.questions if len(q.choices) >= 3]
    longest = [q for q in multi if _correct_is_strictly_longest(q)]
    if multi and len(longest) * 2 > len(multi):
        warn(
            "correct-longest",
            bank.line,
            ngettext(
                "the correct choice is the longest in {count} of {total} question; test-wise readers spot this",
                "the correct choice is the longest in {count} of {total} questions; test-wise readers spot this",
                len(multi),
            ).format(count=len(longest), total=len(multi)),
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
                _("choice {position} is correct in {count} of {total} questions with shuffle: false").format(
                    position=pos + 1, count=count, total=len(fixed)
                ),
            )

    for sid, ref in bank.sources.items():
        if ref.date is not None and ref.date != NO_DATE and not _DATE_FORM_RE.match(ref.date):
            warn(
                "source-date-form",
                ref.line,
                _("source {id}: date {date} should be YYYY, YYYY-MM, YYYY-MM-DD or {no_date}").format(
                    id=repr(sid), date=repr(ref.date), no_date=repr(NO_DATE)
                ),
            )

    # Review warnings cannot be acknowledged with lint_ok: only a clinician's review (`ketaquiz sign`) ends them.
    findings.extend(
        Finding(bank.path, bank.line, "warning", rule, message, bank=bank.id)
        for rule, message in review_warnings(bank, today=today)
    )
    return findings


def _readability(
    value: float, spanish: bool, inflesz_min: float, grade_limit: float, *, question: bool
) -> str:
    """The readability warning for a question (`question`) or a bank mean, or "" when the text reads easily enough:
    INFLESZ for Spanish (higher is easier), Flesch-Kincaid grade for English (lower is easier)."""
    if spanish and value < inflesz_min:
        template = (
            _("INFLESZ {score} is below {limit} (everything the learner reads)")
            if question
            else _("mean INFLESZ {score} is below {limit}")
        )
        return template.format(score=f"{value:.0f}", limit=f"{inflesz_min:g}")
    if not spanish and value > grade_limit:
        template = (
            _("reading grade {score} is above {limit} (everything the learner reads)")
            if question
            else _("mean reading grade {score} is above {limit}")
        )
        return template.format(score=number(value, 1), limit=f"{grade_limit:g}")
    return ""


def _only_in_key(kind: str, word: str) -> str:
    """The message for a cue (`hedge`, `team`) that only the right choice carries."""
    if kind == "hedge":
        template = _("only the right choice hedges ({word}); give a wrong choice that too")
    else:
        template = _("only the right choice names the care team ({word}); give a wrong choice that too")
    return template.format(word=repr(word))


def findings_for_cues(q: Question, language: str, warn: Callable[..., None]) -> None:
    """The per-question test-wise cues: words that mark the right answer apart from the wrong ones."""
    key = q.correct_choice.text
    wrong = [c for c in q.choices if not c.correct]
    if cues.find_word("absolute", key, language) is None:
        for c in wrong:
            if (word := cues.find_word("absolute", c.text, language)) is not None:
                message = _(
                    "only wrong choices use absolute words ({word}); test-wise readers rule them out"
                ).format(word=repr(word))
                warn("absolute-only-in-distractors", c.line, message, q)
                break
    for kind in ("hedge", "team"):
        word = cues.find_word(kind, key, language)
        if word is not None and all(cues.find_word(kind, c.text, language) is None for c in wrong):
            line = q.correct_choice.line or q.line
            warn(f"{kind}-only-in-key", line, _only_in_key(kind, word), q)


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
                    not_in_library(sid, library),
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
                        _(
                            "source {id}: {field} differs from the library's {value}; copy it from the library's "
                            "header"
                        ).format(id=repr(sid), field=name, value=repr(theirs)),
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
                    _("quote not found in source {id}").format(id=repr(q.cite.source)),
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
                "trusted-share",  # i18n: not shown (a rule name)
                ngettext(
                    "{count} of {total} citation comes from government, drug-label, drug-information or "
                    "peer-reviewed sources; aim for at least two thirds",
                    "{count} of {total} citations come from government, drug-label, drug-information or "
                    "peer-reviewed sources; aim for at least two thirds",
                    n,
                ).format(count=trusted, total=n),
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
                    folder,
                    0,
                    "error",
                    "no-banks",  # i18n: not shown (a rule name)
                    _("no banks in this folder (a bank is a .yaml or .yml file)"),
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

    by_path = {s.path: s for _b, s in loaded}
    for p in cross_bank_problems(b for b, _s in loaded):
        report.findings.append(_problem_finding(p, "unique-id"))  # i18n: not shown (a rule name)
    report.findings.extend(objective_findings([b for b, _s in loaded]))
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
                        "objective-repeated",  # i18n: not shown (a rule name)
                        _(
                            "objective {id} is already taught by {others}; teach one point once or twice, not "
                            "{count} times"
                        ).format(id=repr(q.objective), others=others, count=len(earlier) + 1),
                        q.id,
                        q.lint_ok.get("objective-repeated"),
                        bank.id,
                    )
                )
            earlier.append(q)
    return findings
