"""`ketaquiz stats` and `ketaquiz export` through the command line, in subprocesses: output shapes, files written
atomically, bad paths refused with a message (exit 1, no traceback), and stats' speed with 100,000 answers."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ketaquiz.core import scheduling
from ketaquiz.core.catalog import load_catalog
from ketaquiz.core.progress import Attempt, ProgressStore
from ketaquiz.core.report import CSV_HEADER

DATA = Path(__file__).resolve().parent.parent / "data"
BASICS = DATA / "plain-basics.yaml"
SECOND = DATA / "plain-second.yaml"
BANK_ARGS = ("--bank", str(BASICS), "--bank", str(SECOND))
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def ketaquiz(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ketaquiz", *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A store with answers in both test banks, one question flagged with a note, and kiosk counts."""
    folder = tmp_path / "data"
    folder.mkdir()
    banks = {b.id: b for b in load_catalog([BASICS, SECOND], use_cache=False).banks}
    store = ProgressStore(folder / "progress.sqlite3", clock=lambda: T0 + timedelta(hours=1))
    plan = [
        ("plain-basics", "pb-first", 0),
        ("plain-basics", "pb-colour", 0),
        ("plain-second", "ps-script", 0),
        ("plain-basics", "pb-colour", 1),
    ]
    for i, (bank_id, qid, choice) in enumerate(plan):
        q = banks[bank_id].question(qid)
        when = T0 + timedelta(minutes=i)
        prev = store.get_card("default", qid)
        card = scheduling.review(prev.card_json if prev else None, q.choices[choice].correct, when)
        store.record_answer(
            "default",
            Attempt(bank_id, qid, choice, q.choices[choice].text, q.choices[choice].correct, when),
            card,
        )
    store.set_flag("default", "plain-second", "ps-script", "Ask about <script> & this")
    store.count_shown("plain-basics", "pb-first")
    store.count_shown("plain-basics", "pb-first")
    store.count_answered("plain-basics", "pb-first", True)
    store.close()
    return folder


# ----------------------------------------------------------------------------------------------------------------
# stats


def test_stats_json_shape(data_dir: Path) -> None:
    result = ketaquiz("stats", "--json", "--data-dir", str(data_dir), *BANK_ARGS)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"profile", "generated_at", "mastery_rule", "banks", "flagged"}
    assert data["profile"] == "default"
    basics, second = data["banks"]
    assert basics == {
        "id": "plain-basics",
        "title": "Plain basics",
        "questions": 3,
        "answered": 2,
        "right": 2,  # pb-first right; pb-colour wrong then right: its latest answer is right
        "mastered": 0,
        "mastery": 0.0,
        "due_now": basics["due_now"],
        "answers": 3,
        "answers_right": 2,
        "wrong": 0,
        "dont_know": 0,
        "last_answered": "2026-03-02",
    }
    assert data["essentials"] == {"known": 0, "total": 0}
    assert isinstance(basics["due_now"], int)
    assert (second["id"], second["title"], second["answered"], second["right"]) == (
        "plain-second",
        "Second <b>bank</b>",
        1,
        1,
    )
    assert data["flagged"] == [
        {
            "bank": "plain-second",
            "bank_title": "Second <b>bank</b>",
            "question": "ps-script",
            "prompt": "Which tag runs code: <script> or <p>?",
            "note": "Ask about <script> & this",
            "flagged_at": "2026-03-02T10:00:00+00:00",
        }
    ]


def test_stats_text(data_dir: Path) -> None:
    result = ketaquiz("stats", "--data-dir", str(data_dir), *BANK_ARGS)
    assert result.returncode == 0
    out = result.stdout
    assert "Bank" in out and "Questions" in out and "Mastered" in out and "Due now" in out
    row = next(line for line in out.splitlines() if line.startswith("Plain basics"))
    assert row.split()[2:5] == ["3", "2", "2"]
    assert 'Flagged "ask my care team" (1):' in out
    assert "Which tag runs code: <script> or <p>?" in out
    assert "Note: Ask about <script> & this" in out
    assert "mastered when you have answered it right on at least two different days" in " ".join(out.split())
    assert "\x1b" not in out
    no_traceback(result)


def test_stats_profiles_are_apart(data_dir: Path) -> None:
    result = ketaquiz("stats", "--json", "--profile", "someone-else", "--data-dir", str(data_dir), *BANK_ARGS)
    data = json.loads(result.stdout)
    assert all(b["answers"] == 0 for b in data["banks"]) and data["flagged"] == []


def test_stats_without_a_store_shows_zeros_and_creates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    result = ketaquiz("stats", "--json", "--data-dir", str(folder), *BANK_ARGS)
    assert result.returncode == 0, result.stderr
    assert [b["answers"] for b in json.loads(result.stdout)["banks"]] == [0, 0]
    assert not folder.exists()


def test_stats_kiosk(data_dir: Path) -> None:
    result = ketaquiz("stats", "--kiosk", "--json", "--data-dir", str(data_dir), *BANK_ARGS)
    assert result.returncode == 0
    assert json.loads(result.stdout) == {
        "kiosk": [
            {
                "bank": "plain-basics",
                "question": "pb-first",
                "prompt": "Which number is first?",
                "shown": 2,
                "answered": 1,
                "right": 1,
            }
        ]
    }
    text = ketaquiz("stats", "--kiosk", "--data-dir", str(data_dir), *BANK_ARGS)
    assert "anonymous" in text.stdout and "pb-first: Which number is first?" in text.stdout


def test_stats_bad_bank_path(data_dir: Path, tmp_path: Path) -> None:
    result = ketaquiz("stats", "--data-dir", str(data_dir), "--bank", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert "nope.yaml" in result.stderr and "no such file" in result.stderr
    no_traceback(result)
    # One good and one bad: the good one is shown, the bad one named.
    mixed = ketaquiz(
        "stats", "--data-dir", str(data_dir), "--bank", str(BASICS), "--bank", str(DATA / "broken.yaml")
    )
    assert mixed.returncode == 0
    assert "broken.yaml" in mixed.stderr and "Plain basics" in mixed.stdout


# ----------------------------------------------------------------------------------------------------------------
# export


def test_export_markdown_to_stdout(data_dir: Path) -> None:
    result = ketaquiz("export", "--data-dir", str(data_dir), *BANK_ARGS)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("# What I learned about ketamine treatment")
    assert r"Ask about \<script> & this" in out
    assert "Source <script>" not in out
    assert "Plain basics" in out and "2 of 3 questions tried · 2 of 3 answers right" in out
    dash = ketaquiz("export", "-o", "-", "--data-dir", str(data_dir), *BANK_ARGS)
    assert dash.returncode == 0 and dash.stdout == out


def test_export_html_to_a_file_atomically(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "summary.html"
    target.parent.mkdir()
    target.write_text("an older summary")
    result = ketaquiz(
        "export", "--format", "html", "-o", str(target), "--data-dir", str(data_dir), *BANK_ARGS
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page
    assert "Ask about &lt;script&gt; &amp; this" in page
    assert "<script" not in page.lower()
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "summary.html"
    ]  # no temporary file left behind
    assert str(target) in result.stderr


def test_export_json(data_dir: Path) -> None:
    result = ketaquiz("export", "--format", "json", "--data-dir", str(data_dir), *BANK_ARGS)
    data = json.loads(result.stdout)
    assert data["title"] == "What I learned about ketamine treatment"
    assert [b["bank_id"] for b in data["banks"]] == ["plain-basics", "plain-second"]
    assert data["flagged"][0]["note"] == "Ask about <script> & this"
    assert data["flagged"][0]["source"]["publisher"] == "Publisher & Co"


def test_export_csv_one_row_per_attempt(data_dir: Path, tmp_path: Path) -> None:
    result = ketaquiz("export", "--format", "csv", "--data-dir", str(data_dir), *BANK_ARGS)
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CSV_HEADER
    assert len(rows) == 5
    assert [r[3] for r in rows[1:]] == ["pb-first", "pb-colour", "ps-script", "pb-colour"]
    target = tmp_path / "answers.csv"
    written = ketaquiz(
        "export", "--format", "csv", "-o", str(target), "--data-dir", str(data_dir), *BANK_ARGS
    )
    assert written.returncode == 0
    assert target.read_text(encoding="utf-8") == result.stdout


@pytest.mark.parametrize("kind", ["folder", "missing-parent", "parent-is-a-file"])
def test_export_to_an_unwritable_path(kind: str, data_dir: Path, tmp_path: Path) -> None:
    if kind == "folder":
        target = tmp_path
        expected = "is a folder"
    elif kind == "missing-parent":
        target = tmp_path / "no" / "such" / "summary.md"
        expected = "does not exist"
    else:
        blocker = tmp_path / "blocker"
        blocker.write_text("a file")
        target = blocker / "summary.md"
        expected = "is not a folder"
    result = ketaquiz("export", "-o", str(target), "--data-dir", str(data_dir), *BANK_ARGS)
    assert result.returncode == 1
    assert result.stderr.startswith("ketaquiz export: ")
    assert expected in result.stderr
    no_traceback(result)


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("r.html", "<!DOCTYPE html>"),
        ("r.HTM", "<!DOCTYPE html>"),
        ("r.json", "{"),
        ("r.md", "# What"),
        ("r.csv", "answered_at,"),
        ("r.txt", "# What"),
    ],
)
def test_export_takes_the_format_from_the_file_name(
    name: str, start: str, data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / name
    result = ketaquiz("export", "-o", str(target), "--data-dir", str(data_dir), *BANK_ARGS)
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith(start)
    assert target.stat().st_mode & 0o777 == 0o600


def test_export_format_and_file_name_that_disagree_are_a_usage_error(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = ketaquiz("export", "--format", "md", "-o", str(target), "--data-dir", str(data_dir), *BANK_ARGS)
    assert result.returncode == 2
    assert "does not match" in result.stderr and "report.html" in result.stderr
    assert not target.exists()
    no_traceback(result)
    agree = ketaquiz("export", "--format", "html", "-o", str(target), "--data-dir", str(data_dir), *BANK_ARGS)
    assert agree.returncode == 0 and target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_export_bad_format_is_a_usage_error(data_dir: Path) -> None:
    result = ketaquiz("export", "--format", "pdf", "--data-dir", str(data_dir))
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    no_traceback(result)


# ----------------------------------------------------------------------------------------------------------------
# Speed


@pytest.mark.parametrize("command", ["stats", "export"])
def test_light_imports(command: str, data_dir: Path) -> None:
    """stats and export never load Textual, Rich or the scheduler's fsrs: they only read."""
    code = (
        "import sys, io, contextlib\n"
        "from ketaquiz.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main([{command!r}, '--data-dir', {str(data_dir)!r}])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich', 'fsrs'})\n"
        "print(code, heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "0 []", result.stdout + result.stderr


def _fill(folder: Path, attempts: int) -> None:
    """`attempts` answers spread over the bundled banks' questions and 300 days, through the store's own API."""
    banks = load_catalog().banks
    questions = [(b.id, q) for b in banks for q in b.questions]
    store = ProgressStore(folder / "progress.sqlite3")
    store._conn.execute("PRAGMA synchronous = OFF")  # test set-up only: 100,000 fsyncs would take minutes
    step = timedelta(seconds=300 * 86400 / attempts)
    for i in range(attempts):
        bank_id, q = questions[(i * 7) % len(questions)]
        choice = i % len(q.choices)
        chosen = q.choices[choice]
        store.record_answer(
            "default", Attempt(bank_id, q.id, choice, chosen.text, chosen.correct, T0 + i * step)
        )
    for bank_id, q in questions[:5]:
        store.set_flag("default", bank_id, q.id, "a note")
    store.close()


@pytest.mark.slow
def test_stats_counts_100000_attempts(tmp_path: Path) -> None:
    # How fast this is belongs to benchmarks/run.py ("stats, 100,000 attempts"), not to a timed test.
    _fill(tmp_path, 100_000)
    command = [sys.executable, "-m", "ketaquiz", "stats", "--data-dir", str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, env=os.environ)
    assert result.returncode == 0, result.stderr
    assert "Answers given in all: 100,000" in result.stdout  # counts are written as the language writes them
