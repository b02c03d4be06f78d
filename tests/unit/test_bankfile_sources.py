"""Bank files as files (finding, reading, the error type) and the source library (headers, quotes), in process."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketaquiz.core.bankfile import (
    MAX_BANK_BYTES,
    BankError,
    Problem,
    bank_files,
    cross_bank_problems,
    read_bank_bytes,
)
from ketaquiz.core.model import Bank, Review
from ketaquiz.core.sources import (
    TRUSTED_KINDS,
    SourceLibrary,
    SourceLibraryError,
    normalise_quote,
    parse_source,
)
from tests.factories import make_question

# --- Problem and BankError ---------------------------------------------------------------------------------


def test_problem_text_names_file_line_and_question() -> None:
    assert str(Problem(Path("b.yaml"), 7, "q-one", "bad")) == "b.yaml:7: error: [q-one] bad"
    assert str(Problem(Path("b.yaml"), 1, None, "bad")) == "b.yaml:1: error: bad"
    assert str(Problem(Path("b.yaml"), 0, None, "no such file")) == "b.yaml: error: no such file"


def test_bank_error_keeps_every_problem_and_names_the_first() -> None:
    first = Problem(Path("b.yaml"), 3, "q", "first")
    second = Problem(Path("b.yaml"), 9, None, "second")
    err = BankError([first, second])
    assert err.problems == [first, second]
    assert (err.path, err.line, err.question_id, err.message) == (Path("b.yaml"), 3, "q", "first")
    assert err.args == ("b.yaml:3: error: [q] first",)
    assert str(err) == "b.yaml:3: error: [q] first\nb.yaml:9: error: second"
    with pytest.raises(ValueError, match="at least one problem"):
        BankError([])


# --- reading a bank file -----------------------------------------------------------------------------------


def test_read_bank_bytes_reads_a_file(tmp_path: Path) -> None:
    p = tmp_path / "b.yaml"
    p.write_bytes(b"format: 1\n")
    assert read_bank_bytes(p) == b"format: 1\n"


def _problem(path: Path) -> Problem:
    with pytest.raises(BankError) as info:
        read_bank_bytes(path)
    (problem,) = info.value.problems
    return problem


def test_read_bank_bytes_refuses_a_huge_file_unread(tmp_path: Path) -> None:
    p = tmp_path / "huge.yaml"
    with p.open("wb") as f:
        f.truncate(MAX_BANK_BYTES + 1)  # sparse: costs no disk
    problem = _problem(p)
    assert problem == Problem(p, 1, None, "the file is 21.0 MB; a bank may be at most 20 MiB")


def test_read_bank_bytes_accepts_exactly_the_limit(tmp_path: Path) -> None:
    p = tmp_path / "edge.yaml"
    with p.open("wb") as f:
        f.truncate(MAX_BANK_BYTES)
    assert len(read_bank_bytes(p)) == MAX_BANK_BYTES


def test_read_bank_bytes_missing_folder_and_unreadable(tmp_path: Path) -> None:
    assert _problem(tmp_path / "nope.yaml") == Problem(tmp_path / "nope.yaml", 0, None, "no such file")
    assert _problem(tmp_path) == Problem(tmp_path, 0, None, "this is a folder, not a bank file")
    a_file = tmp_path / "file"
    a_file.write_text("x")
    problem = _problem(a_file / "b.yaml")  # a file where a folder should be: NotADirectoryError
    assert problem.line == 0 and problem.message.startswith("cannot read the file: ")
    assert "Not a directory" in problem.message


def test_bank_files_expands_folders_sorted_and_keeps_missing_paths(tmp_path: Path) -> None:
    for name in ("b.yml", "a.yaml", "notes.txt", "c.YAML.bak"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub.yaml").mkdir()  # a folder named like a bank is not a bank
    missing = tmp_path / "missing.yaml"
    assert list(bank_files([tmp_path, missing])) == [tmp_path / "a.yaml", tmp_path / "b.yml", missing]


def _bank(bank_id: str, path: str, question_ids: list[str]) -> Bank:
    return Bank(
        id=bank_id,
        title=bank_id,
        summary="s",
        language="en",
        review=Review(),
        sources={},
        questions=[
            make_question(qid, bank_id=bank_id)._replace(line=10 + i) for i, qid in enumerate(question_ids)
        ],
        path=Path(path),
        line=1,
    )


def test_cross_bank_problems_name_both_places() -> None:
    a = _bank("one", "a.yaml", ["q-1", "q-2"])
    b = _bank("one", "b.yaml", ["q-2", "q-3"])
    problems = cross_bank_problems([a, b])
    assert [str(p) for p in problems] == [
        "b.yaml:1: error: bank id 'one' is also used by a.yaml",
        "b.yaml:10: error: [q-2] question id also used in a.yaml:11; progress follows the id, so it must be unique",
    ]
    assert cross_bank_problems([a, _bank("two", "c.yaml", ["q-9"])]) == []


# --- source files ------------------------------------------------------------------------------------------

SOURCE = (
    "id: demo-source\n"
    "Title: A Title: with a colon\n"
    "kind: government\n"
    "not a key line\n"
    "two words: ignored\n"
    "\n"
    "First paragraph \u201cquoted\u201d \u2014 here.\n\nSecond paragraph.\n"
)


def test_parse_source_header_and_body() -> None:
    s = parse_source(SOURCE, Path("lib/file-name.txt"))
    assert s.id == "demo-source"
    assert s.header == {"id": "demo-source", "title": "A Title: with a colon", "kind": "government"}
    assert s.title == "A Title: with a colon" and s.kind == "government" and s.trusted
    assert s.body == "First paragraph \u201cquoted\u201d \u2014 here.\n\nSecond paragraph.\n"
    assert s.normalised_body == 'First paragraph "quoted" - here. Second paragraph.'
    assert s.path == Path("lib/file-name.txt")


def test_parse_source_crlf_bom_and_fallbacks() -> None:
    s = parse_source("\ufefftitle: T\r\nkind: news\r\n\r\nBody text.\r\n", Path("x/fallback-id.txt"))
    assert s.id == "fallback-id"  # no id: line, so the file name
    assert s.header == {"title": "T", "kind": "news"}
    assert s.body == "Body text.\n"
    assert not s.trusted
    headless = parse_source("title: only a header\n", Path("h.txt"))
    assert headless.body == "" and headless.normalised_body == "" and headless.title == "only a header"
    assert parse_source("x\n\nbody", Path("k.txt")).kind is None


def test_trusted_kinds() -> None:
    assert {"government", "drug-label", "drug-information", "peer-reviewed"} == TRUSTED_KINDS
    for kind, trusted in (("drug-label", True), ("peer-reviewed", True), ("clinic-marketing", False)):
        assert parse_source(f"kind: {kind}\n\nb", Path("k.txt")).trusted is trusted


def test_contains_normalises_both_sides_but_keeps_case() -> None:
    s = parse_source(SOURCE, Path("a.txt"))
    assert s.contains('paragraph "quoted" - here. Second')  # across paragraphs, straight quotes, hyphen
    assert (
        s.contains("paragraph \u2018\u2018quoted\u2019\u2019") is False
    )  # two single quotes are not a double
    assert not s.contains("first paragraph")  # case-sensitive
    assert not s.contains("   ")  # an empty quote matches nothing
    assert normalise_quote("  a\u2026 \u2212b\u2013c\n\nd ") == "a... -b-c d"
    assert normalise_quote("\ufb01ne") == "fine"  # NFKC: the fi ligature


def test_source_library_reads_on_demand_and_caches(tmp_path: Path) -> None:
    (tmp_path / "b-src.txt").write_text("title: B\nkind: government\n\nBody B.\n", encoding="utf-8")
    (tmp_path / "a-src.txt").write_text("title: A\n\nBody A.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a source")
    lib = SourceLibrary(tmp_path)
    assert lib.folder == tmp_path
    assert lib.ids() == ["a-src", "b-src"]
    first = lib.get("b-src")
    assert first is not None and first.title == "B"
    (tmp_path / "b-src.txt").unlink()
    assert lib.get("b-src") is first  # read once, kept
    assert lib.get("missing") is None
    (tmp_path / "missing.txt").write_text("title: late\n\nx")
    assert lib.get("missing") is None  # the miss is kept too
    (tmp_path / "folder.txt").mkdir()
    assert lib.get("folder") is None


def test_source_library_errors(tmp_path: Path) -> None:
    with pytest.raises(SourceLibraryError, match="the source library folder does not exist"):
        SourceLibrary(tmp_path / "nope")
    (tmp_path / "bad.txt").write_bytes(b"title: \xff\n\nx")
    with pytest.raises(SourceLibraryError, match=r"bad\.txt: cannot read this source file"):
        SourceLibrary(tmp_path).get("bad")
