"""`check`'s rules: citations, readability, item-writing flaws, review age, acknowledgements."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ketaquiz.core.bank import parse_bank
from ketaquiz.core.lint import check_paths, format_report, lint_bank
from tests.unit.test_bank import GOOD

TODAY = dt.date(2026, 11, 22)


def rules(findings) -> list[str]:
    return [f.rule for f in findings if not f.acknowledged]


def bank_with_questions(questions: str, extra: str = "") -> bytes:
    head = GOOD.split("questions:\n")[0]
    return (head + extra + "questions:\n" + questions).encode()


def q(
    qid: str,
    prompt: str,
    correct: str,
    wrong: list[str],
    shuffle: bool = True,
    explanation: str = "You stay.",
    extra: str = "",
) -> str:
    lines = [
        f"  - id: {qid}",
        f'    prompt: "{prompt}"',
        "    choices:",
        f'      - text: "{correct}"',
        "        correct: true",
    ]
    for w in wrong:
        lines += [f'      - text: "{w}"', "        why_not: No."]
    lines += [
        f'    explanation: "{explanation}"',
        "    cite:",
        "      source: fda-spravato-rems",
        "      quote: Have a prescriber onsite.",
        f"    shuffle: {'true' if shuffle else 'false'}",
    ]
    if extra:
        lines.append(extra)
    return "\n".join(lines) + "\n"


def lint(data: bytes, today: dt.date = TODAY):
    return lint_bank(parse_bank(data, Path("b.yaml")), today=today)


def test_item_writing_flaws_flagged() -> None:
    data = bank_with_questions(
        q("a", "Which of these is NOT true?", "Yes", ["All of the above", "It never happens"])
    )
    assert {"negative-stem", "all-none-of-the-above", "absolute-word"} <= set(rules(lint(data)))


def test_clean_question_has_no_item_writing_flaws() -> None:
    data = bank_with_questions(q("a", "How long do you stay?", "Two hours", ["Ten minutes", "Five minutes"]))
    assert set(rules(lint(data))) == {"review"}  # only "never reviewed"


def test_lint_ok_acknowledges_a_question_warning() -> None:
    data = bank_with_questions(
        q(
            "a",
            "Which is NOT true?",
            "Yes",
            ["No", "Maybe"],
            extra="    lint_ok: {negative-stem: The myth is the point.}",
        )
    )
    found = [f for f in lint(data) if f.rule == "negative-stem"]
    assert found and found[0].acknowledged == "The myth is the point."


def test_correct_longest_in_most_questions() -> None:
    longest = "".join(q(f"q{i}", "How long?", "The longest answer here", ["Short", "Tiny"]) for i in range(3))
    assert "correct-longest" in rules(lint(bank_with_questions(longest)))
    mixed = longest + "".join(
        q(f"r{i}", "How long?", "Short", ["The longest answer here", "Tiny"]) for i in range(3)
    )
    assert "correct-longest" not in rules(lint(bank_with_questions(mixed)))


def test_true_false_questions_exempt_from_longest() -> None:
    two = "".join(q(f"q{i}", "True?", "Longer answer", ["No"]) for i in range(4))
    assert "correct-longest" not in rules(lint(bank_with_questions(two)))


def test_unbalanced_positions_when_not_shuffled() -> None:
    same = "".join(q(f"q{i}", "How long?", "A", ["B", "C"], shuffle=False) for i in range(5))
    assert "correct-position" in rules(lint(bank_with_questions(same)))
    four = "".join(q(f"q{i}", "How long?", "A", ["B", "C"], shuffle=False) for i in range(4))
    assert "correct-position" not in rules(lint(bank_with_questions(four)))  # fewer than 5: too few to judge
    shuffled = "".join(q(f"q{i}", "How long?", "A", ["B", "C"]) for i in range(6))
    assert "correct-position" not in rules(lint(bank_with_questions(shuffled)))


def test_readability_warnings() -> None:
    hard = (
        "Pharmacological antagonism of ionotropic glutamatergic receptors precipitates "
        "neuroplasticity-associated intracellular signalling cascades, consequently facilitating "
        "synaptogenesis throughout corticolimbic circuitry"
    )
    findings = lint(bank_with_questions(q("a", "What happens?", "Yes", ["No"], explanation=hard)))
    assert "readability" in rules(findings)
    assert "readability-bank" in rules(findings)


def test_review_age() -> None:
    reviewed = GOOD.replace("reviewed_by: null", "reviewed_by: Dr A. Example, MD").replace(
        "reviewed_on: null", "reviewed_on: 2025-01-01"
    )
    assert "review" in rules(lint(reviewed.encode()))
    assert "review" not in rules(lint(reviewed.encode(), today=dt.date(2025, 6, 1)))


def test_check_paths_with_sources(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "fda-spravato-rems.txt").write_text(
        "id: fda-spravato-rems\ntitle: SPRAVATO REMS\nkind: government\n\n"
        "Patients are monitored for at least two\nhours and until resolution.\n\nHave a prescriber onsite.\n",
        encoding="utf-8",
    )
    bank = tmp_path / "b.yaml"
    bank.write_text(GOOD, encoding="utf-8")
    report = check_paths([bank], sources=lib, today=TODAY)
    assert report.errors == []
    (summary,) = report.banks
    assert (summary.verified, summary.trusted, summary.questions) == (2, 2, 2)

    bank.write_text(GOOD.replace("at least two hours", "at least three hours"), encoding="utf-8")
    report = check_paths([bank], sources=lib, today=TODAY)
    (err,) = report.errors
    assert err.rule == "citation" and err.question == "demo-one" and err.line == 29
    assert report.exit_code() == 1
    text = "\n".join(format_report(report))
    assert f"{bank}:29: error: [demo-one] quote not found in source 'fda-spravato-rems'" in text


def test_quote_matching_normalises_only_spacing_quotes_and_dashes(tmp_path: Path) -> None:
    from ketaquiz.core.sources import parse_source

    src = parse_source(
        "id: x\n\nIt is \u201cfast\u201d \u2014 within\n\nhours\u2026 Really.", tmp_path / "x.txt"
    )
    assert src.contains('It is "fast" - within hours... Really.')
    assert src.contains("hours\u2026")
    assert not src.contains("it is")  # case matters
    assert not src.contains("It is fast")  # quotes are not dropped
    assert not src.contains("")


@pytest.mark.parametrize("strict,code", [(False, 0), (True, 1)])
def test_strict_fails_on_warnings(tmp_path: Path, strict: bool, code: int) -> None:
    bank = tmp_path / "b.yaml"
    bank.write_text(GOOD, encoding="utf-8")
    report = check_paths([bank], today=TODAY)
    assert report.warnings  # never reviewed
    assert report.exit_code(strict=strict) == code


def test_ids_unique_across_banks(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD.replace("id: demo\n", "id: demo-b\n"), encoding="utf-8")
    report = check_paths([tmp_path], today=TODAY)
    assert {f.question for f in report.errors} == {"demo-one", "demo-two"}
    assert all(f.path.name == "b.yaml" for f in report.errors)
