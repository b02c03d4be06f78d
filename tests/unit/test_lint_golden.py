"""`check` end to end on one small bank that trips most rules: every line and every JSON field pinned.

The bank (tests/data/golden/bank.yaml) and its two-source library were written by hand so that each rule fires
for a reason that can be read off the file; the expected figures below were worked out by hand too:
- test-wise: g-one's hedge-free key ties with "Five minutes" (1/2), g-two's key is the one hedged choice (1),
  g-three's "Nobody" scores -1 so the key wins (1): (1/2 + 1 + 1) / 3 = 83.3%; chance (1/3 + 1/3 + 1/2) / 3 = 38.9%.
- trusted: 2 of the 3 citations verify, both from the government source (67%); src-b is clinic marketing and its
  quote says "for all" where the source says "for everyone".
- correct-longest: the key is the longest in both questions with 3 choices (g-three has 2 choices: exempt).
"""

from __future__ import annotations

import json
from pathlib import Path

from ketaquiz.core.lint import check_paths, format_report

HERE = Path(__file__).resolve().parent.parent / "data" / "golden"
BANK = HERE / "bank.yaml"
LIB = HERE / "lib"

EXPECTED_TEXT = """\
bank               questions essential  quotes trusted grade test-wise warnings
golden                     3         1     2/3     67%   1.2    83/39%       14
quotes: verified in the source library. test-wise: right answers a reader who picks the most
hedged, least absolute choice can expect / by chance. +N ok: warnings acknowledged with lint_ok.

{bank}:1: warning: [golden] objective 'spare' is declared but no question teaches it (objective-unused)
{bank}:1: warning: [golden] a reader who picks the most hedged, least absolute choice scores 83% against 39% by chance; keep it within 8 points (test-wise-score)
{bank}:1: warning: [golden] the correct choice is the longest in 2 of 2 questions; test-wise readers spot this (correct-longest)
{bank}:1: warning: [golden] no clinician has reviewed this bank (review.reviewed_by is null) (review)
{bank}:15: warning: [golden] source 'src-b': date 'Revised 2019' should be YYYY, YYYY-MM, YYYY-MM-DD or 'no date given' (source-date-form)
{bank}:15: warning: [golden] source 'src-b': title differs from the library's 'Source B'; copy it from the library's header (source-title)
{bank}:15: warning: [golden] source 'src-b': date differs from the library's 'no date given'; copy it from the library's header (source-date)
{bank}:31: warning: [g-one] only wrong choices use absolute words ('Only'); test-wise readers rule them out (absolute-only-in-distractors)
{bank}:39: warning: [g-two] the prompt asks a negative question (NOT / EXCEPT); ask it positively (negative-stem)
{bank}:39: warning: [g-two] the question names no objective (objective: ...) (objective-missing)
{bank}:42: warning: [g-two] only the right choice hedges ('may'); give a wrong choice that too (hedge-only-in-key)
{bank}:42: warning: [g-two] only the right choice names the care team ('care team'); give a wrong choice that too (team-only-in-key)
{bank}:51: error: [g-two] quote not found in source 'src-b' (citation)
{bank}:56: warning: [g-three] only the right choice names the care team ('prescriber'); give a wrong choice that too (team-only-in-key)
{bank}:58: warning: [g-three] only wrong choices use absolute words ('Nobody'); test-wise readers rule them out (absolute-only-in-distractors)

1 bank: 1 error, 14 warnings.
"""

EXPECTED_JSON = {
    "banks": [
        {
            "file": "{bank}",
            "id": "golden",
            "loaded": True,
            "questions": 3,
            "citations": 3,
            "citations_verified": 2,
            "citations_trusted": 2,
            "mean_grade": 1.2,
            "grade_scale": "fk",
            "language": "en",
            "essentials": 1,
            "testwise": {"score": 83.3, "chance": 38.9},
            "errors": 1,
            "warnings": 14,
            "acknowledged": 0,
        }
    ],
    "findings": [
        {
            "file": "{bank}",
            "line": 1,
            "level": "warning",
            "question": None,
            "rule": "objective-unused",
            "message": "objective 'spare' is declared but no question teaches it",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 1,
            "level": "warning",
            "question": None,
            "rule": "test-wise-score",
            "message": "a reader who picks the most hedged, least absolute choice scores 83% against 39% by chance; keep it within 8 points",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 1,
            "level": "warning",
            "question": None,
            "rule": "correct-longest",
            "message": "the correct choice is the longest in 2 of 2 questions; test-wise readers spot this",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 1,
            "level": "warning",
            "question": None,
            "rule": "review",
            "message": "no clinician has reviewed this bank (review.reviewed_by is null)",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 15,
            "level": "warning",
            "question": None,
            "rule": "source-date-form",
            "message": "source 'src-b': date 'Revised 2019' should be YYYY, YYYY-MM, YYYY-MM-DD or 'no date given'",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 15,
            "level": "warning",
            "question": None,
            "rule": "source-title",
            "message": "source 'src-b': title differs from the library's 'Source B'; copy it from the library's header",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 15,
            "level": "warning",
            "question": None,
            "rule": "source-date",
            "message": "source 'src-b': date differs from the library's 'no date given'; copy it from the library's header",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 31,
            "level": "warning",
            "question": "g-one",
            "rule": "absolute-only-in-distractors",
            "message": "only wrong choices use absolute words ('Only'); test-wise readers rule them out",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 39,
            "level": "warning",
            "question": "g-two",
            "rule": "negative-stem",
            "message": "the prompt asks a negative question (NOT / EXCEPT); ask it positively",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 39,
            "level": "warning",
            "question": "g-two",
            "rule": "objective-missing",
            "message": "the question names no objective (objective: ...)",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 42,
            "level": "warning",
            "question": "g-two",
            "rule": "hedge-only-in-key",
            "message": "only the right choice hedges ('may'); give a wrong choice that too",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 42,
            "level": "warning",
            "question": "g-two",
            "rule": "team-only-in-key",
            "message": "only the right choice names the care team ('care team'); give a wrong choice that too",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 51,
            "level": "error",
            "question": "g-two",
            "rule": "citation",
            "message": "quote not found in source 'src-b'",
            "acknowledged": None,
            "bank": None,
        },
        {
            "file": "{bank}",
            "line": 56,
            "level": "warning",
            "question": "g-three",
            "rule": "team-only-in-key",
            "message": "only the right choice names the care team ('prescriber'); give a wrong choice that too",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 58,
            "level": "warning",
            "question": "g-three",
            "rule": "absolute-only-in-distractors",
            "message": "only wrong choices use absolute words ('Nobody'); test-wise readers rule them out",
            "acknowledged": None,
            "bank": "golden",
        },
    ],
    "sources_checked": True,
}


def _report():
    return check_paths([BANK], sources=LIB)


def test_text_report_line_by_line() -> None:
    lines = list(format_report(_report()))
    assert "\n".join(lines) + "\n" == EXPECTED_TEXT.format(bank=BANK)


def test_json_report_field_by_field() -> None:
    expected = json.loads(json.dumps(EXPECTED_JSON).replace('"{bank}"', json.dumps(str(BANK))))
    assert _report().to_json() == expected


def test_exit_codes() -> None:
    report = _report()
    assert report.exit_code() == 1  # one citation error
    assert [f.rule for f in report.errors] == ["citation"]
    assert len(report.warnings) == 14
