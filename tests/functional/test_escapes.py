"""Escape sequences written as YAML escapes never reach a terminal, a report or a spreadsheet.

`"\\e[2J"` in a bank decodes to ESC [ 2 J (clear the screen); `"\\e]0;title\\a"` retitles the window. The loader
refuses them (core.safe_text); these tests drive the real commands to show nothing writes one out.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ketaquiz.core.progress import Attempt, ProgressStore

DATA = Path(__file__).resolve().parent.parent / "data"
BASICS = DATA / "plain-basics.yaml"


def ketaquiz(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ketaquiz", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def escaped_bank(tmp_path: Path) -> Path:
    text = BASICS.read_text(encoding="utf-8")
    text = text.replace('"Which number is first?"', '"\\e[2JWhich number is \\e]0;pwned\\a first?"')
    assert text != BASICS.read_text(encoding="utf-8")
    path = tmp_path / "escaped.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_check_refuses_a_bank_with_escape_sequences_written_as_yaml_escapes(escaped_bank: Path) -> None:
    result = ketaquiz("check", str(escaped_bank))
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout + result.stderr
    assert "U+001B" in out and "[pb-first]" in out and "(unsafe-character)" in out
    assert "\x1b" not in out and "\x07" not in out


def test_plain_mode_never_writes_an_escape_from_bank_text(escaped_bank: Path, tmp_path: Path) -> None:
    result = ketaquiz(
        "--plain", "--data-dir", str(tmp_path / "data"), "--bank", str(escaped_bank), stdin="1\n\n"
    )
    assert result.returncode == 1  # the only bank failed its check
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout + result.stderr
    assert "U+001B" in result.stderr


def test_the_export_never_writes_an_escape_from_stored_text(tmp_path: Path) -> None:
    # An older store (or an older bank) may hold control characters in a note or a recorded choice text.
    data = tmp_path / "data"
    data.mkdir()
    store = ProgressStore(data / "progress.sqlite3")
    when = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    store.record_answer("default", Attempt("plain-basics", "pb-first", 0, "One\x1b[2J\u202e", True, when))
    store.set_flag("default", "plain-basics", "pb-first", "Ask \x1b]0;pwned\x07 about this")
    store.close()
    for fmt in ("md", "html", "json", "csv"):
        result = ketaquiz("export", "--format", fmt, "--data-dir", str(data), "--bank", str(BASICS))
        assert result.returncode == 0, result.stderr
        assert (
            "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout
        ), fmt
    stats = ketaquiz("stats", "--data-dir", str(data), "--bank", str(BASICS))
    assert stats.returncode == 0 and "\x1b" not in stats.stdout and "\x07" not in stats.stdout


def test_plain_mode_drops_control_characters_from_text_that_skipped_the_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A bank built in code (or an old cache entry) never met the loader's rule: plain mode's output still
    # passes core.safe_text on its way to the terminal.
    import argparse
    import io

    from ketaquiz.commands import common
    from ketaquiz.commands import plain as plain_mode
    from ketaquiz.core.catalog import Catalog
    from tests.factories import make_bank

    bank = make_bank("bank-a", 1)
    question = bank.questions[0]
    choices = tuple(c._replace(text=c.text + "\x1b[2J") for c in question.choices)
    evil = question._replace(prompt="\x1b]0;pwned\x07Which one?\u202e", choices=choices)
    bank = bank._replace(title="Bank \x1b[31m", questions=[evil])
    monkeypatch.setattr(common, "load_catalog", lambda *a, **k: Catalog([bank]))
    args = argparse.Namespace(
        bank=None, data_dir=str(tmp_path), profile="default", review=False, count=None, plain=True
    )
    out, err = io.StringIO(), io.StringIO()
    code = plain_mode.run(args, stdin=io.StringIO("1\n\nf\n\x1b[2Jnote\nq\n"), stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    assert "Which one?" in out.getvalue()
    for char in ("\x1b", "\x07", "\u202e"):
        assert char not in out.getvalue() + err.getvalue()
