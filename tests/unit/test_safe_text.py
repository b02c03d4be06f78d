"""The one safe-text rule (core.safe_text) and the bank loader applying it after YAML decoding.

A YAML double-quoted string turns escapes into characters: `"\\e[2J"` is ESC [ 2 J. The loader must refuse those
as it refuses raw ones, in every text field, while a file saved with Windows line endings still loads.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ketaquiz.core.bank import BankError, parse_bank
from ketaquiz.core.safe_text import RULE, UNSAFE_RANGES, clean, first_unsafe, one_line
from tests.unit.test_bank import GOOD

PATH = Path("escapes.yaml")

UNSAFE = [cp for lo, hi in UNSAFE_RANGES for cp in range(lo, hi + 1)]

# Every text field of the format, each marked where a YAML escape is spliced in (inside a double-quoted scalar).
# The second item: does the field allow line breaks and tabs (GUIDE section 7)?
TEMPLATE = """\
format: 1
id: "demo{bank_id}"
title: "Demo bank{title}"
summary: "A small bank{summary}"
language: "en{language}"
review:
  written: "2026-11-22{written}"
  reviewed_by: "Dr Who{reviewed_by}"
  reviewed_on: 2026-11-23
objectives:
  "obj-one{objective_id}": "Knows the watch time{objective}"
lint_ok:
  "some-rule{lint_rule}": "a reason{lint_reason}"
sources:
  "fda-rems{source_id}":
    title: "SPRAVATO REMS{source_title}"
    publisher: "FDA{publisher}"
    url: "https://example.org{url}"
    date: "2023{date}"
questions:
  - id: "demo-one{question_id}"
    objective: "obj-one{objective_ref}"
    prompt: "How long are you watched after a dose?{prompt}"
    choices:
      - text: "At least two hours{choice}"
        correct: true
      - text: Ten minutes
        why_not: "Too short.{why_not}"
    explanation: "You stay at least two hours.{explanation}"
    cite:
      source: "fda-rems{cite_source}"
      quote: "Patients are monitored{quote}"
    tags: ["monitoring{tag}"]
"""

MULTILINE = {"summary", "objective", "prompt", "why_not", "explanation", "quote"}
FIELDS = [
    "bank_id",
    "title",
    "summary",
    "language",
    "written",
    "reviewed_by",
    "objective_id",
    "objective",
    "lint_rule",
    "lint_reason",
    "source_id",
    "source_title",
    "publisher",
    "url",
    "date",
    "question_id",
    "objective_ref",
    "prompt",
    "choice",
    "why_not",
    "explanation",
    "cite_source",
    "quote",
    "tag",
]
NAMED = {
    0x00: "\\0",
    0x07: "\\a",
    0x08: "\\b",
    0x1B: "\\e",
    0x0C: "\\f",
    0x0D: "\\r",
    0x0B: "\\v",
    0x85: "\\N",
}


def escapes(cp: int) -> list[str]:
    """The ways YAML can write code point `cp` inside double quotes."""
    forms = [f"\\u{cp:04x}", f"\\U{cp:08X}"]
    if cp < 0x100:
        forms.append(f"\\x{cp:02x}")
    if cp in NAMED:
        forms.append(NAMED[cp])
    return forms


def bank_text(field: str, insert: str) -> str:
    return TEMPLATE.format(**{f: (insert if f == field else "") for f in FIELDS})


def refused(text: str) -> BankError:
    with pytest.raises(BankError) as info:
        parse_bank(text.encode(), PATH)
    return info.value


def test_the_template_itself_loads() -> None:
    bank = parse_bank(bank_text("title", "").encode(), PATH)
    assert bank.title == "Demo bank" and bank.questions[0].objective == "obj-one"


@pytest.mark.parametrize("field", FIELDS)
def test_every_unsafe_code_point_written_as_an_escape_is_refused_in_every_field(field: str) -> None:
    for cp in UNSAFE:
        for form in escapes(cp):
            err = refused(bank_text(field, form))
            assert any(p.rule == RULE for p in err.problems), (field, form, [str(p) for p in err.problems])
            assert all(chr(cp) not in str(p) for p in err.problems), "the message never echoes the character"


@settings(max_examples=200, deadline=None)
@given(
    field=st.sampled_from(FIELDS),
    cp=st.sampled_from(UNSAFE),
    data=st.data(),
    before=st.text(alphabet="abc xyz", max_size=5),
)
def test_hypothesis_escapes_of_unsafe_code_points_are_refused(
    field: str, cp: int, data: st.DataObject, before: str
) -> None:
    form = data.draw(st.sampled_from(escapes(cp)))
    err = refused(bank_text(field, before + form))
    problem = next(p for p in err.problems if p.rule == RULE)
    assert f"U+{cp:04X}" in problem.message
    assert str(problem).endswith(f"({RULE})")


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("form", ["\\n", "\\t"])
def test_line_breaks_and_tabs_only_where_paragraphs_are(field: str, form: str) -> None:
    text = bank_text(field, "one" + form + "two")
    if field in MULTILINE:
        parse_bank(text.encode(), PATH)  # allowed
    else:
        err = refused(text)
        assert any(p.rule == RULE and "must be one line" in p.message for p in err.problems), err


def test_the_error_names_file_line_question_and_rule() -> None:
    err = refused(bank_text("prompt", "\\e[2J"))
    assert [str(p) for p in err.problems] == [
        "escapes.yaml:23: error: [demo-one] prompt holds the control or text-direction character U+001B, "
        "which is not allowed whether typed or written as a YAML escape (unsafe-character)"
    ]


def test_raw_control_characters_are_refused_before_parsing() -> None:
    err = refused(GOOD.replace("Demo bank", "Demo \x1b[2J bank"))
    assert err.problems[0].rule == RULE and err.line == 3


def test_a_file_with_windows_line_endings_loads() -> None:
    bank = parse_bank(GOOD.replace("\n", "\r\n").encode(), PATH)
    assert bank.title == "Demo bank" and "\r" not in bank.questions[0].prompt


def test_right_to_left_letters_are_fine() -> None:
    bank = parse_bank(
        bank_text("title", " \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627").encode(), PATH
    )
    assert bank.title.endswith("\u0645\u0631\u062d\u0628\u0627")


def test_first_unsafe_and_the_cleaners() -> None:
    assert first_unsafe("fine\ttext\n") is None
    assert first_unsafe("fine\ttext", multiline=False) == 4
    assert first_unsafe("a\r\nb", raw_file=True) is None
    assert first_unsafe("a\r\nb") == 1
    for cp in UNSAFE:
        assert first_unsafe(f"ab{chr(cp)}") == 2
        assert clean(f"a{chr(cp)}b") == "ab"
    assert clean("a\tb\nc") == "a b\nc"  # tabs are shown as spaces, newlines kept
    assert one_line(" a\x1b[2J\n\tb ") == "a[2J b"
