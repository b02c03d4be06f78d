"""The command line's contract for bad input: a clear message, the right exit code, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ketaquiz.cli import main


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ketaquiz", *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--count", "0"],
        ["--count", "x"],
        ["--count", "some"],
        ["--review", "--essentials"],
        ["--nope"],
        ["check", "--nope"],
        ["export", "--format", "pdf"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2, result.stderr
    assert "usage:" in result.stderr and "Traceback" not in result.stderr


def test_check_of_a_missing_file_exits_1_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = run_cli("check", str(missing))
    assert result.returncode == 1
    assert f"{missing}: error: no such file" in result.stdout  # named, without a "line 0"
    assert "Traceback" not in result.stderr


def test_check_of_a_broken_bank_names_file_line_and_question(tmp_path: Path) -> None:
    bank = tmp_path / "broken.yaml"
    bank.write_text(
        "format: 1\nid: b\ntitle: B\nsummary: S\nreview: {reviewed_by: null}\nsources: {}\nquestions:\n"
        "  - id: b-one\n    prompt: P?\n    choices: [{text: A, correct: true}, {text: B}]\n"
        "    explanation: E.\n    cite: {source: x, quote: q}\n",
        encoding="utf-8",
    )
    result = run_cli("check", str(bank))
    assert result.returncode == 1
    assert f"{bank}:10: error: [b-one] every wrong choice needs a why_not" in result.stdout
    assert f"{bank}:12: error: [b-one] cite.source 'x' is not listed" in result.stdout


def test_check_with_a_missing_source_library_exits_1(tmp_path: Path) -> None:
    result = run_cli("check", "--sources", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "source library folder does not exist" in result.stderr


def test_serve_without_the_web_extra_says_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ketaquiz import web

    monkeypatch.setattr(web, "web_extra_installed", lambda: False)
    monkeypatch.setattr(web, "source_checkout", lambda: None)
    assert main(["serve"]) == 1
    err = capsys.readouterr().err
    assert "needs the web extra" in err and 'pip install "ketaquiz[web]"' in err


def test_the_web_extra_hint_for_a_clone_is_an_editable_install_there(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from ketaquiz import web

    monkeypatch.setattr(web, "source_checkout", lambda: tmp_path)
    monkeypatch.chdir(tmp_path)
    assert web.web_extra_hint() == 'pip install -e ".[web]"'
    monkeypatch.chdir(tmp_path.parent)
    assert web.web_extra_hint() == f'pip install -e ".[web]" (in {tmp_path})'


@pytest.mark.parametrize(
    ("record", "editable"),
    [
        ('{"dir_info": {"editable": true}, "url": "file:///home/me/ketaquiz"}', True),
        ('{"dir_info": {}, "url": "file:///home/me/ketaquiz"}', False),  # pip install . (a copy)
        ('{"archive_info": {}, "url": "https://example.org/ketaquiz.whl"}', False),
        (None, False),  # from an index: no direct_url.json
        ("not json", False),
    ],
)
def test_source_checkout_reads_the_install_record(
    monkeypatch: pytest.MonkeyPatch, record: str | None, editable: bool
) -> None:
    from importlib import metadata

    from ketaquiz import web

    class Installed:
        def read_text(self, name: str) -> str | None:
            assert name == "direct_url.json"
            return record

    monkeypatch.setattr(metadata, "distribution", lambda name: Installed())
    assert web.source_checkout() == (Path("/home/me/ketaquiz") if editable else None)


@pytest.mark.parametrize("mode", [["--plain"], []], ids=["plain", "app"])
def test_quiz_with_only_broken_banks_exits_1_with_the_errors(tmp_path: Path, mode: list[str]) -> None:
    bank = tmp_path / "broken.yaml"
    bank.write_text("format: 1\nid: only\n", encoding="utf-8")
    result = run_cli(*mode, "--bank", str(bank), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 1
    assert str(bank) in result.stderr and "missing the field 'title'" in result.stderr
    assert "Traceback" not in result.stderr


def test_count_all_and_essentials_parse() -> None:
    from ketaquiz.cli import quiz_parser

    args = quiz_parser().parse_args(["--essentials", "--count", "all"])
    assert args.essentials and not args.review and args.count == "all"
    assert quiz_parser().parse_args(["--count", "7"]).count == 7
