"""The fingerprint (GUIDE section 7), the review state `check` and the app derive from it, and sign's text edit."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
from pathlib import Path

import pytest

from ketaquiz.core.bank import parse_bank
from ketaquiz.core.fingerprint import canonical_content, fingerprint
from ketaquiz.core.lint import lint_bank
from ketaquiz.core.safety import UNREVIEWED_TEXT
from ketaquiz.core.signing import SignError, check_date, check_reviewer, sign_text
from ketaquiz.core.signoff import ReviewState, bank_review_line, review_state

BANK = """\
# A clinic's bank: this comment must survive signing.
format: 1
id: demo
title: Demo
summary: >-
  A demo bank
  for signing.
review:
  written: 2026-11-22   # when it was written
  reviewed_by: null     # who reviewed it
  reviewed_on: null
sources:
  src:
    title: A source
questions:
  - id: q-two
    prompt: "Second, in the file first?"
    choices:
      - text: 'Yes'
        why_not: No.
      - text: No
        correct: true
    explanation: Because.
    cite: {source: src, quote: "Quoted."}
    tags: [a, b]
  # a comment between questions
  - id: q-one
    prompt: First?
    choices:
      - text: Right
        correct: true
      - text: Wrong
        why_not: It is wrong.
    explanation: Because.
    cite:
      source: src
      quote: Quoted.
"""
TODAY = dt.date(2026, 12, 4)


def load(text: str, name: str = "demo.yaml"):
    return parse_bank(text.encode("utf-8"), Path(name), with_fingerprint=True)


def signed(text: str = BANK, reviewer: str = "Ana Núñez, MD", on: str = "2026-12-01") -> str:
    return sign_text(text, reviewer=reviewer, reviewed_on=on, fingerprint=load(text).content_fingerprint)


# -- the fingerprint -------------------------------------------------------------------------------------------


def test_fingerprint_is_the_documented_definition() -> None:
    data = {
        "format": 1,
        "review": {"reviewed_by": "X"},
        "questions": [{"id": "b", "x": "cafe\u0301"}, {"id": "a", "x": True}],
        "title": "T",
    }
    expected_json = '{"format":1,"questions":[{"id":"a","x":true},{"id":"b","x":"café"}],"title":"T"}'
    assert canonical_content(data) == expected_json.encode("utf-8")
    assert fingerprint(data) == "sha256:" + hashlib.sha256(expected_json.encode()).hexdigest()


def test_loader_fingerprint_ignores_layout_quoting_comments_order_and_review() -> None:
    base = load(BANK).content_fingerprint
    assert base is not None and base.startswith("sha256:") and len(base) == 7 + 64
    relaid = (
        BANK.replace("# A clinic's bank: this comment must survive signing.\n", "")
        .replace('prompt: "Second, in the file first?"', "prompt: 'Second, in the file first?'")
        .replace("summary: >-\n  A demo bank\n  for signing.", 'summary: "A demo bank for signing."')
        .replace("tags: [a, b]", "tags:\n      - a\n      - b")
        .replace(
            '    cite: {source: src, quote: "Quoted."}', "    cite:\n      quote: Quoted.\n      source: src"
        )
        .replace("reviewed_by: null     # who reviewed it", "reviewed_by: Someone Else, RN")
        .replace("reviewed_on: null", "reviewed_on: 2020-01-01")
    )
    reindented = relaid.replace("\n  ", "\n    ")  # every nested line two spaces deeper: same structure
    assert load(relaid).content_fingerprint == base
    assert load(reindented).content_fingerprint == base
    # Questions are sorted by id: swapping the two questions' places in the file changes nothing.
    first, second = BANK.split("  - id: q-two")[1].split("  # a comment between questions\n  - id: q-one")
    swapped = BANK.split("  - id: q-two")[0] + "  - id: q-one" + second + "  - id: q-two" + first
    assert load(swapped).content_fingerprint == base


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("prompt: First?", "prompt: First now?"),
        ("text: Wrong", "text: Wrong!"),
        ("why_not: It is wrong.", "why_not: It is not right."),
        ("explanation: Because.\n    cite:\n", "explanation: Because so.\n    cite:\n"),
        ("      quote: Quoted.", "      quote: Quoted too."),
        ("    title: A source", "    title: A source\n    publisher: Someone"),
        ("tags: [a, b]", "tags: [b, a]"),
        ("tags: [a, b]", "tags: [a, b]\n    shuffle: false"),
        (
            "    explanation: Because.\n    cite:\n",
            "    explanation: Because.\n    essential: true\n    cite:\n",
        ),
        (
            "      - text: Right\n        correct: true\n      - text: Wrong\n        why_not: It is wrong.",
            "      - text: Wrong\n        why_not: It is wrong.\n      - text: Right\n        correct: true",
        ),
        ("title: Demo", "title: Demo bank"),
    ],
)
def test_any_change_of_content_changes_the_fingerprint(old: str, new: str) -> None:
    assert old in BANK
    assert load(BANK.replace(old, new, 1)).content_fingerprint != load(BANK).content_fingerprint


# -- review state, the app's line, check's warnings -----------------------------------------------------------


def rules(bank) -> list[str]:
    return [f.rule for f in lint_bank(bank, today=TODAY)]


def test_unsigned_bank_is_not_reviewed() -> None:
    bank = load(BANK)
    assert review_state(bank) is ReviewState.UNREVIEWED
    assert bank_review_line(bank) == UNREVIEWED_TEXT
    assert "review" in rules(bank)


def test_signed_bank_has_no_review_warning_and_shows_its_reviewer() -> None:
    bank = load(signed())
    assert review_state(bank) is ReviewState.SIGNED
    assert bank_review_line(bank) == "Reviewed by Ana Núñez, MD on 2026-12-01."
    assert not {"review", "review-unverified", "changed-since-review"} & set(rules(bank))


def test_reviewer_without_fingerprint_is_unverified() -> None:
    text = BANK.replace("reviewed_by: null", "reviewed_by: Dr B, MD").replace(
        "reviewed_on: null", "reviewed_on: 2026-11-30"
    )
    bank = load(text)
    assert review_state(bank) is ReviewState.UNVERIFIED
    assert "review-unverified" in rules(bank)
    assert bank_review_line(bank) == "Reviewed by Dr B, MD on 2026-11-30."


def test_change_after_signing_is_caught_and_named() -> None:
    bank = load(signed().replace("prompt: First?", "prompt: First, changed?"))
    assert review_state(bank) is ReviewState.CHANGED
    found = [f for f in lint_bank(bank, today=TODAY) if f.rule == "changed-since-review"]
    assert len(found) == 1 and found[0].level == "warning" and not found[0].acknowledged
    assert "Ana Núñez, MD" in found[0].message and "2026-12-01" in found[0].message
    assert "changed since its review" in bank_review_line(bank) or "changed since" in bank_review_line(bank)
    assert bank_review_line(bank).startswith("Reviewed by Ana Núñez, MD on 2026-12-01")


def test_lint_ok_cannot_silence_a_changed_review() -> None:
    text = signed().replace("format: 1\n", "format: 1\nlint_ok:\n  changed-since-review: trust me\n", 1)
    (finding,) = [f for f in lint_bank(load(text), today=TODAY) if f.rule == "changed-since-review"]
    assert finding.acknowledged is None


# -- sign's edit ------------------------------------------------------------------------------------------------


def test_sign_changes_only_the_review_lines() -> None:
    after = signed()
    diff = [
        line for line in difflib.ndiff(BANK.splitlines(), after.splitlines()) if line.startswith(("+ ", "- "))
    ]
    assert sorted(diff) == sorted(
        [
            "-   reviewed_by: null     # who reviewed it",
            "-   reviewed_on: null",
            '+   reviewed_by: "Ana Núñez, MD"     # who reviewed it',
            "+   reviewed_on: 2026-12-01",
            "+   fingerprint: " + load(BANK).content_fingerprint,
        ]
    )
    assert (
        after.replace("  fingerprint: " + load(BANK).content_fingerprint + "\n", "")
        .replace('"Ana Núñez, MD"', "null")
        .replace("2026-12-01\n", "null\n")
        == BANK
    )
    bank = load(after)
    assert bank.review == bank.review._replace(
        reviewed_by="Ana Núñez, MD", reviewed_on="2026-12-01", written="2026-11-22"
    )


def test_sign_again_replaces_the_values_in_place() -> None:
    once = signed()
    edited = once.replace("prompt: First?", "prompt: First again?")
    twice = signed(edited, reviewer="Bo Li, PharmD", on="2026-12-03")
    assert twice.count("reviewed_by:") == 1 and twice.count("fingerprint:") == 1
    bank = load(twice)
    assert review_state(bank) is ReviewState.SIGNED
    assert bank.review.reviewed_by == "Bo Li, PharmD"


def test_sign_keeps_crlf_line_ends() -> None:
    crlf = BANK.replace("\n", "\r\n")
    after = signed(crlf)
    assert "\n" not in after.replace("\r\n", "")
    assert review_state(load(after)) is ReviewState.SIGNED


def test_sign_rewrites_a_flow_style_review_as_a_block() -> None:
    text = BANK.replace(
        "review:\n  written: 2026-11-22   # when it was written\n  reviewed_by: null     # who reviewed it\n"
        "  reviewed_on: null\n",
        "review: {written: 2026-11-22, reviewed_by: null}   # flow\n",
    )
    after = signed(text)
    bank = load(after)
    assert review_state(bank) is ReviewState.SIGNED and bank.review.written == "2026-11-22"
    assert "# flow" in after and "# A clinic's bank" in after


def test_sign_adds_missing_fields_after_the_last_one() -> None:
    text = BANK.replace("  reviewed_on: null\n", "")
    bank = load(signed(text))
    assert review_state(bank) is ReviewState.SIGNED


@pytest.mark.parametrize("name", ["", "   ", "Ana\nNúñez", "Ana\x1b[31m", "Ana\u202eMD", "x" * 201])
def test_refused_reviewers(name: str) -> None:
    with pytest.raises(SignError):
        check_reviewer(name)


def test_reviewer_trimmed_and_dates_checked() -> None:
    assert check_reviewer("  Ana Ruiz, MD ") == "Ana Ruiz, MD"
    assert check_date("2026-12-04", today=TODAY) == "2026-12-04"
    for bad in ("2026-12-05", "2026-13-01", "04/12/2026", "2026-2-1"):
        with pytest.raises(SignError):
            check_date(bad, today=TODAY)


def test_json_reviewer_quoting_reads_back_exactly() -> None:
    tricky = 'Dr "Q" O\'Neil: MD, #1 \\ path'
    assert load(signed(reviewer=tricky)).review.reviewed_by == tricky
    assert json.loads(json.dumps(tricky)) == tricky


def test_keys_of_mixed_kinds_are_hashed_as_json_writes_them() -> None:
    # `objectives: {1: ..., a: ...}` is a valid bank (ids may be digits): its keys must not break the sort.
    assert canonical_content({"objectives": {1: "x", "a": "y", None: "z"}}) == (
        b'{"objectives":{"1":"x","a":"y","null":"z"}}'
    )
    text = BANK.replace("sources:\n", "objectives:\n  1: One.\n  b: Two.\nsources:\n", 1)
    assert load(text).content_fingerprint.startswith("sha256:")


def test_fingerprint_is_computed_for_signed_banks_or_on_request() -> None:
    plain = parse_bank(BANK.encode("utf-8"), Path("demo.yaml"))
    assert plain.content_fingerprint is None  # an unsigned bank's parse does not pay for it
    signed_bank = parse_bank(signed().encode("utf-8"), Path("demo.yaml"))
    assert signed_bank.content_fingerprint == signed_bank.review.fingerprint == load(BANK).content_fingerprint
