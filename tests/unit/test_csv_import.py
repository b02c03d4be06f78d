"""`ketaquiz import`'s core: a spreadsheet's rows become a bank exactly, or every problem names its row and column."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketaquiz.core.bank import parse_bank
from ketaquiz.core.csv_import import BankInfo, CsvImportError, column_letter, import_csv
from ketaquiz.core.lint import check_paths
from ketaquiz.core.sources import SourceLibrary
from tests.authoring_support import HEADER, ROWS, csv_bytes, make_library

INFO = BankInfo(
    id="clinic-faq", title="Clinic FAQ", summary="Questions from our clinic.", written="2026-12-04"
)


@pytest.fixture
def library(tmp_path: Path) -> SourceLibrary:
    return SourceLibrary(make_library(tmp_path / "lib"))


def run(data: bytes, library: SourceLibrary, tmp_path: Path, info: BankInfo = INFO) -> str:
    text, _count = import_csv(data, tmp_path / "q.csv", info, library, tmp_path / "out.yaml")
    return text


def problems(data: bytes, library: SourceLibrary, tmp_path: Path) -> list[str]:
    with pytest.raises(CsvImportError) as err:
        run(data, library, tmp_path)
    return [str(p) for p in err.value.problems]


def test_a_spreadsheet_imports_exactly(library: SourceLibrary, tmp_path: Path) -> None:
    text = run(
        csv_bytes(ROWS), library, tmp_path
    )  # BOM, CRLF, a blank row, quotes, commas, line breaks, accents
    out = tmp_path / "out.yaml"
    out.write_text(text, encoding="utf-8")
    bank = parse_bank(out.read_bytes(), out)
    assert [q.id for q in bank.questions] == ["cl-watch", "cl-drive"]
    watch, drive = bank.questions
    assert watch.prompt == ROWS[0]["prompt"]  # a quote, an apostrophe and a line break, exactly
    assert [c.text for c in watch.choices] == [ROWS[0]["choice_1"], ROWS[0]["choice_2"], ROWS[0]["choice_3"]]
    assert watch.choices[2].text == "=2*1 hours, as a formula"  # a formula stays text
    assert watch.correct_index == 1 and watch.choices[0].why_not == ROWS[0]["why_not_1"]
    assert watch.explanation == ROWS[0]["explanation"]
    assert watch.cite.quote == ROWS[0]["quote"] and watch.cite.source == "clinic-leaflet"
    assert watch.tags == ("monitoring", "after-session") and watch.essential and not watch.shuffle
    assert watch.objective == drive.objective == "watch-after-dose"
    assert bank.objectives == {"watch-after-dose": ROWS[0]["objective_text"]}
    assert (
        drive.prompt == ROWS[1]["prompt"]
        and len(drive.choices) == 2
        and drive.shuffle
        and not drive.essential
    )
    assert drive.choices[0].why_not == 'Feeling fine is not enough, "really".'
    src = bank.sources["clinic-leaflet"]
    assert (src.title, src.publisher, src.url, src.date) == (
        "After your treatment: a leaflet",
        "Example Clinic",
        "https://example.org/leaflet?a=1&b=2",
        "2026-05",
    )
    assert list(bank.sources) == ["clinic-leaflet"]  # only the sources used
    assert bank.review.reviewed_by is None and bank.review.written == "2026-12-04"
    assert (bank.id, bank.title, bank.summary, bank.language) == (
        "clinic-faq",
        "Clinic FAQ",
        INFO.summary,
        "en",
    )
    report = check_paths([out], sources=library.folder, today=dt.date(2026, 12, 4))
    assert not report.errors, [f.format() for f in report.errors]


def test_without_bom_and_with_lf_and_semicolons(library: SourceLibrary, tmp_path: Path) -> None:
    plain = csv_bytes(ROWS, bom=False).replace(b"\r\n", b"\n")
    assert "cl-drive" in run(plain, library, tmp_path)
    # Spreadsheets set to a Spanish locale save with semicolons: recognised from the header row.
    text = run(csv_bytes(ROWS, delimiter=";"), library, tmp_path)
    assert "cl-watch" in text and "cl-drive" in text


def test_spanish_bank_language(library: SourceLibrary, tmp_path: Path) -> None:
    info = BankInfo(
        id="clinica", title="Preguntas", summary="De la clínica.", language="es", written="2026-12-04"
    )
    row = dict(
        ROWS[1],
        id="es-1",
        source="fuente-es",
        quote="La sesión incluye un periodo de observación, «siempre» con el equipo.",
    )
    row["objective"] = ""
    text = run(csv_bytes([row], blank=False), library, tmp_path, info)
    assert "language: es" in text and "Guía para pacientes" in text


def test_unknown_column_is_named(library: SourceLibrary, tmp_path: Path) -> None:
    header = [*HEADER, "choice1"]
    found = problems(csv_bytes(ROWS, header), library, tmp_path)
    assert any("row 1, column choice1 (R): unknown column; did you mean 'choice_1'?" in p for p in found), (
        found
    )


def test_missing_column_and_choice_without_why_not_column(library: SourceLibrary, tmp_path: Path) -> None:
    header = [h for h in HEADER if h not in ("quote", "why_not_3")]
    found = problems(csv_bytes(ROWS, header), library, tmp_path)
    assert any("column quote: this column is missing" in p for p in found), found
    assert any("column why_not_3: each choice column needs its why_not column" in p for p in found), found


def test_a_gap_in_choices_names_row_and_column(library: SourceLibrary, tmp_path: Path) -> None:
    rows = copy.deepcopy(ROWS)
    rows[0]["choice_2"] = ""
    found = problems(csv_bytes(rows), library, tmp_path)
    assert found[0].endswith(
        "q.csv: row 2, column choice_2 (D): this choice is empty but choice_3 is not: fill the choices from "
        "choice_1, no gaps"
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"correct": "4"},
            "row 2, column correct (F): must be the number of the right choice, 1 to 3; found '4'",
        ),
        ({"correct": "two"}, "column correct (F): must be the number"),
        ({"why_not_2": "It is right."}, "column why_not_2 (H): choice 2 is the right one"),
        ({"why_not_3": ""}, "column why_not_3 (I): choice 3 is wrong: say why"),
        ({"id": "Bad Id"}, "column id (A): 'Bad Id' must be lowercase"),
        ({"source": "nope"}, "column source (K): source 'nope' is not in the source library"),
        ({"quote": "Not in the leaflet."}, "column quote (L): the quote is not in source 'clinic-leaflet'"),
        ({"essential": "maybe"}, "column essential (N): must be yes or no, not 'maybe'"),
        ({"choice_1": "At least 2 hours"}, "column choice_2 (D): the same text as choice_1"),
        ({"choice_1": "15 minutes\nthen home"}, "column choice_1 (C): the cell holds a line break"),
        (
            {"prompt": "Hello \x1b[31m red"},
            "column prompt (B): the cell holds the control or text-direction character U+001B",
        ),
        (
            {"explanation": "Right\u202eto left"},
            "column explanation (J): the cell holds the control or text-direction character U+202E",
        ),
        ({"prompt": ""}, "column prompt (B): this cell is empty"),
        ({"objective_text": "Something else."}, None),  # row 2 gives the first description: fine
    ],
)
def test_row_errors_name_row_and_column(
    change: dict[str, str], expected: str | None, library: SourceLibrary, tmp_path: Path
) -> None:
    rows = copy.deepcopy(ROWS)
    rows[0].update(change)
    if expected is None:
        assert run(csv_bytes(rows), library, tmp_path)
        return
    found = problems(csv_bytes(rows), library, tmp_path)
    assert any(expected in p for p in found), found
    assert all(": row " in p for p in found)


def test_conflicting_objective_text_and_duplicate_ids(library: SourceLibrary, tmp_path: Path) -> None:
    rows = copy.deepcopy(ROWS)
    rows[1]["objective_text"] = "Another description."
    rows[1]["id"] = "cl-watch"
    found = problems(
        csv_bytes(rows), library, tmp_path
    )  # the blank row is row 3, so the second question is row 4
    assert any("row 4, column id (A): the id 'cl-watch' is also used on row 2" in p for p in found), found
    assert any(
        "row 4, column objective_text (P): objective 'watch-after-dose' is described differently on row 2"
        in p
        for p in found
    )


def test_every_bad_row_is_reported_at_once(library: SourceLibrary, tmp_path: Path) -> None:
    rows = copy.deepcopy(ROWS)
    rows[0]["correct"] = "9"
    rows[1]["source"] = "missing-source"
    found = problems(csv_bytes(rows), library, tmp_path)
    assert any("row 2," in p for p in found) and any("row 4," in p for p in found)


def test_not_utf8_and_not_csv(library: SourceLibrary, tmp_path: Path) -> None:
    latin1 = csv_bytes(ROWS, bom=False).decode("utf-8").encode("latin-1", errors="replace")
    (found,) = problems(latin1, library, tmp_path)
    assert "not UTF-8" in found and "CSV UTF-8" in found
    broken = b'id,prompt\n"unclosed,x\n'
    found = problems(broken, library, tmp_path)
    assert found and all("Traceback" not in p for p in found)
    assert any("row 1" in p for p in problems(b"", library, tmp_path))


def test_only_blank_rows(library: SourceLibrary, tmp_path: Path) -> None:
    data = (",".join(HEADER) + "\r\n" + "," * (len(HEADER) - 1) + "\r\n").encode()
    (found,) = problems(data, library, tmp_path)
    assert "no questions" in found


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 51, 52)] == ["A", "Z", "AA", "AB", "AZ", "BA"]


@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    prompt=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40),
    choice=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20),
)
def test_any_cell_imports_exactly_or_is_refused_by_row(
    prompt: str, choice: str, library: SourceLibrary, tmp_path: Path
) -> None:
    rows = [dict(ROWS[0], prompt=prompt, choice_3=choice)]
    try:
        text = run(csv_bytes(rows, blank=False), library, tmp_path)
    except CsvImportError as exc:
        assert all(p.row >= 1 and str(p).startswith(str(tmp_path / "q.csv")) for p in exc.problems)
        return
    bank = parse_bank(text.encode("utf-8"), tmp_path / "out.yaml")
    q = bank.questions[0]
    expected = prompt.replace("\r\n", "\n").replace("\r", "\n").strip()
    assert q.prompt == expected
    assert q.choices[2].text == choice.replace("\r\n", "\n").replace("\r", "\n").strip()


def test_empty_unnamed_columns_are_ignored_but_a_value_under_one_is_an_error(
    library: SourceLibrary, tmp_path: Path
) -> None:
    header = [*HEADER, "", ""]  # as spreadsheets save formatted but empty columns
    assert "cl-watch" in run(csv_bytes(ROWS, header), library, tmp_path)
    data = csv_bytes([dict(ROWS[0], **{"": "stray"})], header, blank=False)
    found = problems(data, library, tmp_path)
    assert found == [
        f"{tmp_path / 'q.csv'}: row 2: the row has a value in column R, which has no name in the header row"
    ]
