"""`check`'s rules: citations, readability, item-writing flaws, review age, acknowledgements."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ketaquiz.core.bank import parse_bank
from ketaquiz.core.lint import bank_testwise, check_paths, format_report, lint_bank
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
    assert {"negative-stem", "all-none-of-the-above", "absolute-only-in-distractors"} <= set(
        rules(lint(data))
    )


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


# --- test-wise cues ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("correct", "wrong", "expected"),
    [
        ("Two hours", ["It never happens", "Ten minutes"], {"absolute-only-in-distractors"}),
        (
            "At least two hours, every time",
            ["It never happens", "Ten minutes"],
            set(),
        ),  # absolutes both sides
        ("It may take two hours", ["Ten minutes", "Five minutes"], {"hedge-only-in-key"}),
        ("It may take two hours", ["It may take ten minutes", "Five minutes"], set()),
        ("Ask your care team", ["Wait and see", "Look it up online"], {"team-only-in-key"}),
        ("Ask your care team", ["Tell the staff next month", "Look it up online"], set()),
        ("Two hours", ["Ten minutes", "Five minutes"], set()),
    ],
)
def test_cue_rules(correct: str, wrong: list[str], expected: set[str]) -> None:
    cue_rules = {"absolute-only-in-distractors", "hedge-only-in-key", "team-only-in-key"}
    found = {f.rule for f in lint(bank_with_questions(q("a", "How long?", correct, wrong)))} & cue_rules
    assert found == expected


def test_cue_warning_names_the_word_and_can_be_acknowledged() -> None:
    text = q(
        "a",
        "How long?",
        "Two hours",
        ["Only ten minutes", "Five"],
        extra="    lint_ok: {absolute-only-in-distractors: the label says only}",
    )
    found = [f for f in lint(bank_with_questions(text)) if f.rule == "absolute-only-in-distractors"]
    assert len(found) == 1 and found[0].acknowledged == "the label says only"
    assert "'Only'" in found[0].message and found[0].question == "a"


def test_cue_words_are_whole_words_and_phrases() -> None:
    from ketaquiz.core.cues import choice_score, find_word

    assert find_word("absolute", "It is totally safe") == "totally"
    assert find_word("absolute", "Tall people and small ones") is None  # "all" inside words does not count
    assert find_word("absolute", "It works for good") == "for good"
    assert find_word("absolute", "No one knows") == "No one"
    assert find_word("hedge", "It is not yet known") in {"not yet"}
    assert find_word("team", "Ask the care team") in {"care team", "team"}
    assert find_word("absolute", "Nunca maneje", "es") == "Nunca"
    assert find_word("hedge", "Puede causar mareo", "es") == "Puede"
    assert choice_score("It may never happen") == 0
    assert choice_score("It may happen") == 1
    assert choice_score("It never happens") == -1
    assert choice_score("It happens") == 0


def test_testwise_score_counts_ties_and_chance() -> None:
    from ketaquiz.core.cues import testwise_chance, testwise_score

    assert testwise_chance(["may a", "b", "c"], 0) == 1.0  # the one hedged choice, and it is right
    assert testwise_chance(["may a", "b", "c"], 1) == 0.0
    assert testwise_chance(["a", "b", "never c"], 0) == 0.5  # two top choices tie
    assert testwise_chance(["a", "b", "c", "d"], 3) == 0.25
    tw = testwise_score([(["may a", "b", "c"], 0), (["a", "b"], 1)])
    assert tw.score == pytest.approx((1.0 + 0.5) / 2)
    assert tw.chance == pytest.approx((1 / 3 + 1 / 2) / 2)
    assert tw.margin_points == pytest.approx(100 * (0.75 - 5 / 12))
    assert testwise_score([]) == (0.0, 0.0)


def _hedged_key_questions(n_hedged: int, n_plain: int) -> bytes:
    items = [
        q(f"h{i}", "How long?", "It may be two hours", ["Ten min", "Five min", "One min"])
        for i in range(n_hedged)
    ]
    items += [
        q(f"p{i}", "How long?", "Two hours", ["Ten min", "Five min", "One min"]) for i in range(n_plain)
    ]
    return bank_with_questions("".join(items))


def test_testwise_score_warning_threshold() -> None:
    # 4-choice questions: chance 25%. One hedged key in n questions lifts the score by 75/n points.
    assert "test-wise-score" in rules(lint(_hedged_key_questions(1, 8)))  # 25 + 75/9 = 33.3: 8.3 points over
    assert "test-wise-score" not in rules(lint(_hedged_key_questions(1, 9)))  # 25 + 7.5: within 8 points


def test_testwise_figures_in_summary_and_json(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_bytes(_hedged_key_questions(1, 1))
    report = check_paths([tmp_path])
    (summary,) = report.banks
    assert summary.testwise is not None
    assert summary.testwise.score == pytest.approx(0.625) and summary.testwise.chance == pytest.approx(0.25)
    assert summary.to_json()["testwise"] == {"score": 62.5, "chance": 25.0}
    assert any("62/25%" in line for line in format_report(report))


# --- objectives and essentials -------------------------------------------------------------------------------

OBJ = "objectives:\n  ride: Getting home\n  watch: Being watched\n"


def _objective_questions(objectives: list[str | None]) -> str:
    out = []
    for i, o in enumerate(objectives):
        extra = f"    objective: {o}" if o else ""
        out.append(q(f"q{i}", "How?", "By car", ["By bike", "On foot"], extra=extra))
    return "".join(out)


def test_objective_missing_and_unused() -> None:
    found = lint(bank_with_questions(_objective_questions(["ride", None]), extra=OBJ))
    missing = [f for f in found if f.rule == "objective-missing"]
    unused = [f for f in found if f.rule == "objective-unused"]
    assert [f.question for f in missing] == ["q1"]
    assert len(unused) == 1 and "'watch'" in unused[0].message
    # A bank without objectives: no objective findings at all.
    assert not {"objective-missing", "objective-unused"} & set(
        rules(lint(bank_with_questions(_objective_questions([None]))))
    )


def test_objective_repeated_over_banks_of_one_language(tmp_path: Path) -> None:
    one = bank_with_questions(_objective_questions(["ride", "ride"]), extra=OBJ)
    (tmp_path / "a.yaml").write_bytes(one)
    two = one.decode().replace("id: demo\n", "id: demo-two\n").replace("id: q", "id: r")
    (tmp_path / "b.yaml").write_text(two)
    report = check_paths([tmp_path])
    repeated = [f for f in report.findings if f.rule == "objective-repeated"]
    assert [f.question for f in repeated] == ["r0", "r1"]  # the third and fourth question on 'ride'
    assert "q0, q1" in repeated[0].message
    # Another language counts apart.
    (tmp_path / "b.yaml").write_text(two.replace("language: en", "language: es"))
    assert not [f for f in check_paths([tmp_path]).findings if f.rule == "objective-repeated"]


def test_two_questions_on_one_objective_are_fine(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(
        bank_with_questions(_objective_questions(["ride", "ride", "watch"]), extra=OBJ)
    )
    assert not [f for f in check_paths([tmp_path]).findings if f.rule == "objective-repeated"]


def test_essentials_counted_per_bank(tmp_path: Path) -> None:
    text = q("a", "How?", "By car", ["By bike"], extra="    essential: true") + q(
        "b", "How?", "By car", ["By bike"]
    )
    (tmp_path / "a.yaml").write_bytes(bank_with_questions(text))
    report = check_paths([tmp_path])
    assert report.banks[0].essentials == 1
    assert report.banks[0].to_json()["essentials"] == 1


# --- source lines and finding format -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "ok"),
    [("2023", True), ("2019-03", True), ("2025-01-21", True), ("no date given", True),
     ("not shown in stored copy", False), ("2019-13", False), ("Revised 03/2019", False), ("2025-01-32", False)],
)  # fmt: skip
def test_source_date_form(date: str, ok: bool) -> None:
    data = bank_with_questions(q("a", "How?", "By car", ["By bike"])).replace(
        b'date: "2023"', f'date: "{date}"'.encode()
    )
    assert ("source-date-form" not in rules(lint(data))) == ok


def test_source_fields_compared_with_the_library(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "fda-spravato-rems.txt").write_text(
        "id: fda-spravato-rems\ntitle: SPRAVATO REMS\npublisher: U.S. Food and Drug Administration\n"
        "url: https://example.org\ndate: 2023\nkind: government\n\nHave a prescriber onsite.\n"
    )
    (tmp_path / "b.yaml").write_bytes(bank_with_questions(q("a", "How?", "By car", ["By bike"])))
    report = check_paths([tmp_path / "b.yaml"], sources=lib)
    source_rules = sorted(f.rule for f in report.findings if f.rule.startswith("source-"))
    assert source_rules == ["source-publisher"]  # the bank says "FDA"; title, url and date match
    finding = next(f for f in report.findings if f.rule == "source-publisher")
    assert finding.format().endswith(
        "[demo] source 'fda-spravato-rems': publisher differs from the library's "
        "'U.S. Food and Drug Administration'; copy it from the library's header (source-publisher)"
    )


def test_every_finding_prints_its_rule_and_where() -> None:
    found = lint(bank_with_questions(q("a", "Which is NOT true?", "Yes", ["No"])))
    neg = next(f for f in found if f.rule == "negative-stem")
    assert (
        neg.format().startswith("b.yaml:")
        and "[a] " in neg.format()
        and neg.format().endswith("(negative-stem)")
    )
    review = next(f for f in found if f.rule == "review")
    assert "[demo] " in review.format() and review.format().endswith("(review)")


# --- readability over everything the learner reads -----------------------------------------------------------


def test_grade_counts_choices_and_why_nots() -> None:
    from ketaquiz.core.lint import question_text

    bank = parse_bank(bank_with_questions(q("a", "How long?", "Two hours", ["Ten minutes"])), Path("b.yaml"))
    text = question_text(bank.questions[0])
    assert text == "How long? Two hours. Ten minutes. No. You stay."


def test_spanish_bank_uses_inflesz(tmp_path: Path) -> None:
    easy = q(
        "a", "¿Cuánto tiempo se queda?", "Dos horas", ["Diez minutos"], explanation="Se queda dos horas."
    )
    (tmp_path / "es.yaml").write_bytes(bank_with_questions(easy).replace(b"language: en", b"language: es"))
    report = check_paths([tmp_path])
    (summary,) = report.banks
    assert summary.grade_scale == "inflesz" and summary.mean_grade is not None and summary.mean_grade > 60
    assert any(" IF " in line for line in format_report(report))
    hard_words = "La administración concomitante de antagonistas glutamatérgicos incrementa la neuroplasticidad sináptica"
    hard = q("a", hard_words + "?", hard_words, [hard_words + " cortical"], explanation=hard_words + ".")
    (tmp_path / "es.yaml").write_bytes(bank_with_questions(hard).replace(b"language: en", b"language: es"))
    assert {"readability", "readability-bank"} <= {f.rule for f in check_paths([tmp_path]).findings}


def test_a_folder_without_banks_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a bank")
    report = check_paths([tmp_path])
    assert [f.rule for f in report.errors] == ["no-banks"]
    assert report.exit_code() == 1
    assert (
        report.errors[0].format()
        == f"{tmp_path}: error: no banks in this folder (a bank is a .yaml or .yml file) (no-banks)"
    )


def test_correct_yes_reports_its_cause_alone() -> None:
    from ketaquiz.core.bank import BankError

    text = q("a", "How?", "By car", ["By bike"]).replace("correct: true", "correct: yes")
    with pytest.raises(BankError) as info:
        parse_bank(bank_with_questions(text), Path("b.yaml"))
    messages = [p.message for p in info.value.problems]
    assert len(messages) == 1 and messages[0].startswith("correct must be true or false, not 'yes'"), messages


def test_missing_file_is_named_without_line_zero(tmp_path: Path) -> None:
    report = check_paths([tmp_path / "nothere.yaml"])
    assert report.errors[0].format() == f"{tmp_path / 'nothere.yaml'}: error: no such file (schema)"


# --- exact findings, in process (so a changed rule name, line or threshold fails here) -------------------------


def _es(data: bytes) -> bytes:
    return data.replace(b"language: en", b"language: es-MX")


def test_spanish_cue_words_in_spanish_banks() -> None:
    def cue_rules(correct: str, wrong: list[str]) -> set[str]:
        found = lint(_es(bank_with_questions(q("a", "¿Cuánto?", correct, wrong))))
        return {f.rule for f in found} & {
            "absolute-only-in-distractors",
            "hedge-only-in-key",
            "team-only-in-key",
        }

    assert cue_rules("Dos horas", ["Nunca pasa", "Diez minutos"]) == {"absolute-only-in-distractors"}
    assert cue_rules("Puede durar dos horas", ["Diez minutos", "Cinco"]) == {"hedge-only-in-key"}
    assert cue_rules("Pregunte a su médico", ["Busque en internet", "Espere"]) == {"team-only-in-key"}
    # English words mean nothing in a Spanish bank.
    assert cue_rules("It may be two hours", ["Never", "Ask the team"]) == set()
    bank = parse_bank(
        _es(bank_with_questions(q("a", "¿Cuánto?", "Puede ser", ["No", "Nunca"]))), Path("b.yaml")
    )
    assert bank_testwise(bank) == (1.0, 1 / 3)


def test_all_none_of_the_above_finding_is_exact() -> None:
    data = bank_with_questions(q("a", "How?", "By car", ["None of the above"]))
    (f,) = [f for f in lint(data) if f.rule == "all-none-of-the-above"]
    assert (f.line, f.question, f.level) == (22, "a", "warning")
    assert f.message == "choice uses 'None of the above'; write out a real option"


def test_objective_repeated_message_and_acknowledgement(tmp_path: Path) -> None:
    qs = _objective_questions(["ride", "ride"]) + q(
        "q9",
        "How?",
        "By car",
        ["By bike"],
        extra="    objective: ride\n    lint_ok: {objective-repeated: on purpose}",
    )
    (tmp_path / "a.yaml").write_bytes(
        bank_with_questions(qs, extra=OBJ).replace(b"language: en", b"language: en-US")
    )
    (f,) = [f for f in check_paths([tmp_path]).findings if f.rule == "objective-repeated"]
    assert f.question == "q9" and f.acknowledged == "on purpose" and f.bank == "demo" and f.level == "warning"
    assert (
        f.message
        == "objective 'ride' is already taught by q0, q1; teach one point once or twice, not 3 times"
    )


def _library(tmp_path: Path, kind: str = "government") -> Path:
    lib = tmp_path / "lib"
    lib.mkdir(exist_ok=True)
    (lib / "fda-spravato-rems.txt").write_text(
        f"title: SPRAVATO REMS\npublisher: FDA\nurl: https://example.org\ndate: 2023\nkind: {kind}\n\n"
        "Patients are monitored for at least two hours. Have a prescriber onsite.\n"
    )
    return lib


def test_trusted_share_threshold_and_acknowledgement(tmp_path: Path) -> None:
    bank = tmp_path / "b.yaml"
    bank.write_text(GOOD)
    assert not [
        f for f in check_paths([bank], sources=_library(tmp_path)).findings if f.rule == "trusted-share"
    ]
    report = check_paths([bank], sources=_library(tmp_path, kind="news"))
    (f,) = [f for f in report.findings if f.rule == "trusted-share"]
    assert (f.line, f.level, f.bank, f.question, f.acknowledged) == (1, "warning", "demo", None, None)
    assert f.message == (
        "0 of 2 citations come from government, drug-label, drug-information or peer-reviewed sources; "
        "aim for at least two thirds"
    )
    bank.write_text(
        GOOD.replace("questions:\n", "lint_ok: {trusted-share: a clinic's own pages}\nquestions:\n")
    )
    (f,) = [
        f
        for f in check_paths([bank], sources=_library(tmp_path, kind="news")).findings
        if f.rule == "trusted-share"
    ]
    assert f.acknowledged == "a clinic's own pages"


def test_trusted_share_not_judged_while_quotes_fail(tmp_path: Path) -> None:
    bank = tmp_path / "b.yaml"
    bank.write_text(GOOD.replace("Have a prescriber onsite.", "Have a doctor onsite."))
    report = check_paths([bank], sources=_library(tmp_path, kind="news"))
    assert [f.rule for f in report.findings if f.level == "error"] == ["citation"]
    assert "trusted-share" not in {f.rule for f in report.findings}


def test_source_missing_from_library_is_an_error(tmp_path: Path) -> None:
    lib = tmp_path / "empty-lib"
    lib.mkdir()
    bank = tmp_path / "b.yaml"
    bank.write_text(GOOD)
    report = check_paths([bank], sources=lib)
    (f,) = report.errors
    assert (f.rule, f.line, f.bank, f.question) == ("citation", 11, "demo", None)
    assert f.message == f"source 'fda-spravato-rems' is not in the source library {lib}"
    assert report.banks[0].verified == 0 and report.banks[0].trusted == 0


def test_summary_counts_errors_warnings_and_acknowledged(tmp_path: Path) -> None:
    ok = q(
        "a",
        "Which is NOT it?",
        "By car",
        ["By bike"],
        extra="    lint_ok: {negative-stem: the myth is negative}",
    )
    (tmp_path / "a.yaml").write_bytes(
        bank_with_questions(ok + q("b", "Which is NOT it?", "By car", ["By bike"]))
    )
    (tmp_path / "b.yaml").write_text("format: 1\n")
    (tmp_path / "c.yaml").write_text(GOOD)  # the same ids as a.yaml's bank: unique-id errors
    report = check_paths([tmp_path], today=TODAY)
    a, b, c = report.banks
    assert (a.loaded, a.errors, a.warnings, a.acknowledged) == (True, 0, 2, 1)  # negative-stem b, review
    assert (b.loaded, b.bank_id, b.questions, b.errors) == (
        False,
        None,
        0,
        len([f for f in report.findings if f.path == tmp_path / "b.yaml"]),
    )
    assert c.errors == 1 and [
        f.rule for f in report.findings if f.path == tmp_path / "c.yaml" and f.level == "error"
    ] == ["unique-id"]
    assert [f.path.name for f in report.findings] == sorted(
        f.path.name for f in report.findings
    )  # in file order
    lines = list(format_report(report))
    assert lines[1].split() == ["demo", "2", "0", "-", "-", "-2.9", "50/50%", "2+1ok"]
    assert lines[2] == "b.yaml             failed to load: 6 errors"
    assert "Citations not verified (no source library): run with --sources DIR to check every quote." in lines
    assert lines[-1] == "3 banks: 7 errors, 6 warnings."  # c.yaml (GOOD) has 4 of its own
