"""The bank loader: valid banks load; every kind of bad input ends in BankError naming the file, line and question."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ketaquiz.core.bank import MAX_BANK_BYTES, BankError, cross_bank_problems, load_bank, parse_bank

GOOD = textwrap.dedent(
    """\
    format: 1
    id: demo
    title: Demo bank
    summary: A small bank for tests.
    language: en
    review:
      written: 2026-11-22
      reviewed_by: null
      reviewed_on: null
    sources:
      fda-spravato-rems:
        title: SPRAVATO REMS
        publisher: FDA
        url: https://example.org
        date: "2023"
    questions:
      - id: demo-one
        prompt: How long are you watched after a dose?
        choices:
          - text: At least two hours
            correct: true
          - text: Ten minutes
            why_not: Too short.
          - text: No time at all
            why_not: You are watched.
        explanation: You stay at least two hours.
        cite:
          source: fda-spravato-rems
          quote: "Patients are monitored for at least two hours"
        shuffle: false
        tags: [monitoring]
      - id: demo-two
        prompt: "Is this [bold]shown literally[/bold] with $var?"
        choices:
          - text: "Yes"
            correct: true
          - text: "No"
            why_not: It is.
        explanation: Text is data.
        cite:
          source: fda-spravato-rems
          quote: Have a prescriber onsite.
    """
)


def write(tmp_path: Path, text: str, name: str = "bank.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def load_text(tmp_path: Path, text: str) -> object:
    return load_bank(write(tmp_path, text))


def error_of(tmp_path: Path, text: str) -> BankError:
    with pytest.raises(BankError) as info:
        load_text(tmp_path, text)
    return info.value


def test_good_bank_loads_with_lines_and_types(tmp_path: Path) -> None:
    bank = load_text(tmp_path, GOOD)
    assert bank.id == "demo"
    assert bank.review.written == "2026-11-22"  # an unquoted YAML date stays ISO text
    assert bank.review.reviewed_by is None
    q1, q2 = bank.questions
    assert q1.id == "demo-one" and q1.line == 17
    assert q1.shuffle is False and q1.tags == ("monitoring",)
    assert q1.correct_index == 0 and q1.choices[1].why_not == "Too short."
    assert q2.shuffle is True
    assert q2.prompt == "Is this [bold]shown literally[/bold] with $var?"
    assert q2.choices[0].text == "Yes"  # "Yes" is text, not a YAML 1.1 boolean
    assert bank.source_for(q1).title == "SPRAVATO REMS"


def replace(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "line", "question", "needle"),
    [
        (replace("format: 1\n", ""), 1, None, "missing the field 'format'"),
        (replace("format: 1", "format: 2"), 1, None, "format must be 1"),
        (replace("questions:\n", "questions: []\nx:\n"), 16, None, "no questions"),
        (replace("- id: demo-one", "- id: Demo_One"), 17, "Demo_One", "lowercase letters"),
        (replace("  prompt: How long", "  promt: How long"), 18, "demo-one", "did you mean 'prompt'"),
        (replace("  tags: [monitoring]", "  tagz: [monitoring]"), 31, "demo-one", "did you mean 'tags'"),
        (
            replace("        correct: true\n      - text: Ten", "      - text: Ten"),
            20,
            "demo-one",
            "no choice is marked",
        ),
        (
            replace("        why_not: Too short.", "        correct: true"),
            20,
            "demo-one",
            "2 choices are marked correct",
        ),
        (replace("        why_not: Too short.\n", ""), 22, "demo-one", "needs a why_not"),
        (
            replace("        correct: true\n", "        correct: true\n        why_not: nope\n"),
            22,
            "demo-one",
            "correct choice must not have a why_not",
        ),
        (replace("correct: true", "correct: yes"), 21, "demo-one", "true or false"),
        (
            replace(
                'source: fda-spravato-rems\n      quote: "Patients',
                'source: fda-spravato-remz\n      quote: "Patients',
            ),
            28,
            "demo-one",
            "did you mean 'fda-spravato-rems'",
        ),
        (replace("- id: demo-two", "- id: demo-one"), 32, "demo-one", "used twice"),
        (
            replace(
                "    prompt: How long are you watched after a dose?\n",
                "    prompt: How long are you watched after a dose?\n    prompt: again\n",
            ),
            19,
            "demo-one",
            "duplicate key 'prompt'",
        ),
        (
            replace(
                "      - text: No time at all\n        why_not: You are watched.\n",
                "      - text: Ten minutes\n        why_not: Same.\n",
            ),
            24,
            "demo-one",
            "same text",
        ),
    ],
)
def test_schema_errors_name_line_and_question(
    tmp_path: Path, text: str, line: int, question: str | None, needle: str
) -> None:
    err = error_of(tmp_path, text)
    messages = [str(p) for p in err.problems]
    hit = [p for p in err.problems if needle in p.message]
    assert hit, messages
    assert hit[0].line == line, messages
    assert hit[0].question == question
    assert str(hit[0]).startswith(f"{tmp_path / 'bank.yaml'}:{line}: error: ")


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("a: &x 1\nb: *x\n", "anchors"),
        ("a: [1]\nb: *x\n", "aliases"),
        ("base: {a: 1}\nother:\n  <<: {b: 2}\n", "merge keys"),
        ("a: !!python/object/apply:os.system ['echo hi']\n", "tags"),
        ("a: !!str 1\n", "tags"),
        ("a: !custom 1\n", "tags"),
        ("a: 1\n---\nb: 2\n", "one YAML document"),
        ("", "empty"),
        ("a: [1, 2\n", "not valid YAML"),
        ("- just\n- a list\n", "must be a mapping"),
        ("? [a, b]\n: 1\n", "plain value"),
    ],
)
def test_dangerous_or_broken_yaml_is_refused(tmp_path: Path, text: str, needle: str) -> None:
    err = error_of(tmp_path, text)
    assert needle in err.message, str(err)


def test_alias_bomb_refused_before_it_is_built(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    err = error_of(tmp_path, "\n".join(lines) + "\n")
    assert "anchors" in err.message and err.line == 1


def test_deep_nesting_refused(tmp_path: Path) -> None:
    err = error_of(tmp_path, "a: " + "[" * 20000 + "]" * 20000 + "\n")
    assert "nesting" in err.message


def test_huge_file_refused_without_reading(tmp_path: Path) -> None:
    p = tmp_path / "huge.yaml"
    with p.open("wb") as fh:
        fh.truncate(MAX_BANK_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(BankError) as info:
        load_bank(p)
    assert "at most" in info.value.message


def test_non_utf8_names_the_line(tmp_path: Path) -> None:
    p = tmp_path / "latin1.yaml"
    p.write_bytes(GOOD.encode().replace(b"A small bank", b"A sm\xe9ll bank"))
    with pytest.raises(BankError) as info:
        load_bank(p)
    assert info.value.line == 4 and "not UTF-8" in info.value.message


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\x00"])
def test_control_and_bidi_override_characters_refused(tmp_path: Path, char: str) -> None:
    err = error_of(tmp_path, replace("Text is data.", f"Text {char}[31m is data."))
    assert err.line == 39 and "not allowed" in err.message


def test_right_to_left_letters_and_combining_marks_are_fine(tmp_path: Path) -> None:
    bank = load_text(tmp_path, replace("Text is data.", "מידע عربى e\u0301 is data."))
    assert "عربى" in bank.questions[1].explanation


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(BankError) as info:
        load_bank(tmp_path / "nope.yaml")
    assert "no such file" in info.value.message
    with pytest.raises(BankError) as info:
        load_bank(tmp_path)
    assert "folder" in info.value.message


def test_all_problems_collected_in_one_pass(tmp_path: Path) -> None:
    text = replace("  prompt: How long", "  promt: How long").replace(
        "Too short.", "Too short.\n        extra: 1"
    )
    err = error_of(tmp_path, text)
    assert len(err.problems) >= 3  # unknown 'promt', missing 'prompt', unknown 'extra'


def test_cross_bank_ids(tmp_path: Path) -> None:
    a = parse_bank(GOOD.encode(), tmp_path / "a.yaml")
    b = parse_bank(GOOD.replace("id: demo\n", "id: other\n").encode(), tmp_path / "b.yaml")
    c = parse_bank(GOOD.encode(), tmp_path / "c.yaml")
    problems = cross_bank_problems([a, b])
    assert {p.question for p in problems} == {"demo-one", "demo-two"}
    assert all(p.path == tmp_path / "b.yaml" for p in problems)
    assert any("bank id 'demo'" in p.message for p in cross_bank_problems([a, c]))


def test_documented_example_loads(tmp_path: Path) -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "bank-format.md").read_text(encoding="utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    bank = load_text(tmp_path, example)
    (q,) = bank.questions
    assert q.id == "se-monitoring-two-hours" and q.correct_index == 1
    assert q.lint_ok == {"negative-stem": "The myth itself is phrased as a negative."}


OBJECTIVES = GOOD.replace(
    "questions:\n",
    "objectives:\n  monitoring-length: How long you are watched after a dose\nquestions:\n",
).replace(
    "    tags: [monitoring]\n",
    "    tags: [monitoring]\n    objective: monitoring-length\n    essential: true\n",
)


def test_objectives_and_essential_load(tmp_path: Path) -> None:
    bank = load_text(tmp_path, OBJECTIVES)
    assert bank.objectives == {"monitoring-length": "How long you are watched after a dose"}
    one, two = bank.questions
    assert (one.objective, one.essential) == ("monitoring-length", True)
    assert (two.objective, two.essential) == (None, False)


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("objective: monitoring-length", "objective: monitoring-lenght", "did you mean 'monitoring-length'"),
        ("essential: true", "essential: yes", "essential must be true or false"),
        ("  monitoring-length: How", "  Monitoring: How", "objective id 'Monitoring'"),
    ],
)
def test_objective_and_essential_errors(tmp_path: Path, old: str, new: str, needle: str) -> None:
    err = error_of(tmp_path, OBJECTIVES.replace(old, new))
    assert any(needle in p.message for p in err.problems), [str(p) for p in err.problems]


def test_review_fingerprint_must_be_sha256(tmp_path: Path) -> None:
    good = GOOD.replace("reviewed_on: null\n", "reviewed_on: null\n  fingerprint: sha256:" + "ab" * 32 + "\n")
    assert load_text(tmp_path, good).review.fingerprint == "sha256:" + "ab" * 32
    err = error_of(
        tmp_path, GOOD.replace("reviewed_on: null\n", "reviewed_on: null\n  fingerprint: md5:00\n")
    )
    assert any("review.fingerprint" in p.message for p in err.problems)
