"""`ketaquiz --plain` driven through a pipe, as a script or a screen reader user would: real subprocesses, real
stores. A few tests call `commands.plain.run` in-process where a failure must be injected (a disk that fills up)."""

from __future__ import annotations

import argparse
import io
import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ketaquiz.core.progress import ProgressStore, StoreError, StoreOpening, StoreWriteError
from ketaquiz.core.safety import CRISIS_TEXT_US

DATA = Path(__file__).resolve().parent.parent / "data"
BASICS = DATA / "plain-basics.yaml"
SECOND = DATA / "plain-second.yaml"
BROKEN = DATA / "broken.yaml"


WRITTEN_ORDER_SEED = "27"


def plain(
    data_dir: Path,
    *banks: Path,
    stdin: str = "",
    extra: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, "-m", "ketaquiz", "--plain", "--data-dir", str(data_dir), *extra]
    for bank in banks:
        args += ["--bank", str(bank)]
    return subprocess.run(
        args,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        # Seed 27 lays out 2- to 4-question banks in their written order, so the answers can be scripted.
        env={**os.environ, "KETAQUIZ_SEED": WRITTEN_ORDER_SEED, **(env or {})},
    )


def store_at(data_dir: Path) -> ProgressStore:
    return ProgressStore(data_dir / "progress.sqlite3")


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert "\x1b" not in result.stdout, "no control codes when the output is a pipe"


def test_right_and_wrong_answers_show_the_feedback(tmp_path: Path) -> None:
    # Q1 wrong (2 = Two), Enter, Q2 right (2 = Blue), Enter, Q3 right, Enter.
    result = plain(tmp_path, BASICS, stdin="2\n\n2\n\n1\n\n")
    assert result.returncode == 0, result.stderr
    assert_clean(result)
    out = result.stdout
    assert "Question 1 of 3 — Plain basics" in out
    assert "  1) One\n  2) Two\n  3) Three\n  0) I don't know yet\n" in out
    assert "Not quite. You chose 2) Two" in out
    assert "Why not: Two comes after one." in out
    assert "The answer: 1) One" in out
    assert "One comes before the others." in out
    assert "“One is the first counting number.”" in out
    assert "A test source, Test Publisher, 2026-01-01, https://example.org/test-source" in out
    assert "Right. You chose 2) Blue" in out
    assert "Press Enter for the next question (f to flag for your care team, q to stop)" in out
    assert "You got 2 of 3 right." in out
    assert "go to your review list" in out and "Which number is first?" in out.split("Done.")[1]
    assert "ketaquiz --plain --review" in out
    # The notices at the start and at the end.
    assert out.count("It is not medical advice") == 2
    assert out.replace("\n", " ").count(CRISIS_TEXT_US) == 2
    with store_at(tmp_path) as store:
        assert store.attempt_count("default") == 3
        assert store.latest_unfinished_run("default") is None  # finished runs are not offered again


def test_invalid_input_is_asked_again(tmp_path: Path) -> None:
    result = plain(tmp_path, BASICS, stdin="x\n9\n-1\n\n1\nwhat\n\n")
    assert result.returncode == 0
    out = " ".join(result.stdout.split())  # the hints wrap at 80 columns
    hint = "Please type a number from 1 to 3, 0 if you don't know yet, f to flag it for your care team, or q to stop."
    assert out.count(hint) == 4
    assert "Right. You chose 1) One" in out
    assert "Please press Enter for the next question, f to flag this question, or q to stop." in out
    assert "Question 2 of 3" in out


def test_q_stops_with_progress_saved_and_continue_offered(tmp_path: Path) -> None:
    first = plain(tmp_path, BASICS, SECOND, stdin="1\n1\n\nq\n")
    assert first.returncode == 0
    assert_clean(first)
    assert "Stopped." in first.stdout
    assert "You answered 1 of 3 (1 right); your answers are saved." in first.stdout
    assert first.stdout.replace("\n", " ").count(CRISIS_TEXT_US) == 2
    with store_at(tmp_path) as store:
        assert store.attempt_count("default") == 1
        assert store.latest_unfinished_run("default") is not None

    # The second run's menu offers Continue; choosing it goes on at question 2.
    second = plain(tmp_path, BASICS, SECOND, stdin="4\n1\n\n1\n\n")
    assert second.returncode == 0, second.stderr
    assert "  1) Plain basics (3 questions)" in second.stdout
    assert "  2) Second <b>bank</b> (2 questions)" in second.stdout
    assert "  3) Review (nothing due now)" in second.stdout
    assert "  4) Continue: Plain basics, question 2 of 3" in second.stdout
    assert "Question 2 of 3 — Plain basics" in second.stdout
    assert "Question 1 of 3" not in second.stdout
    assert "You got 2 of 3 right." in second.stdout
    with store_at(tmp_path) as store:
        assert store.attempt_count("default") == 3
        assert store.latest_unfinished_run("default") is None


def test_single_bank_continues_its_unfinished_run(tmp_path: Path) -> None:
    plain(tmp_path, BASICS, stdin="1\n\nq\n")
    again = plain(tmp_path, BASICS, stdin="")
    assert "Continuing where you stopped: question 2 of 3." in again.stdout
    assert "Question 2 of 3 — Plain basics" in again.stdout


def test_menu_input_is_asked_again(tmp_path: Path) -> None:
    result = plain(tmp_path, BASICS, SECOND, stdin="7\nabc\n2\n")
    assert result.returncode == 0
    assert result.stdout.count("Please type a number from 1 to 3, or q to stop.") == 2
    assert "Question 1 of 2 — Second <b>bank</b>" in result.stdout
    # Choosing Review with nothing due says so and shows the menu again.
    review = plain(tmp_path / "fresh", BASICS, SECOND, stdin="3\n")
    assert "Nothing to review right now." in review.stdout
    assert review.stdout.count("Choose what to do:") == 2


def test_end_of_input_ends_cleanly(tmp_path: Path) -> None:
    result = plain(tmp_path, BASICS, stdin="1\n")  # the input ends at the "Press Enter" prompt
    assert result.returncode == 0
    assert_clean(result)
    assert result.stderr == ""
    assert "Stopped." in result.stdout
    with store_at(tmp_path) as store:
        assert store.attempt_count("default") == 1


def _read_until(proc: subprocess.Popen[bytes], marker: bytes, timeout: float = 30.0) -> bytes:
    """Read the child's output until `marker` appears (prompts end without a newline, so read raw bytes)."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"timed out waiting for {marker!r}; got {seen[-500:]!r}"
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            chunk = os.read(fd, 65536)
            assert chunk, f"output ended before {marker!r}: {seen[-500:]!r}"
            seen += chunk
    return seen


def test_ctrl_c_exits_130_with_progress_saved(tmp_path: Path) -> None:
    args = [sys.executable, "-m", "ketaquiz", "--plain", "--bank", str(BASICS), "--data-dir", str(tmp_path)]
    env = {**os.environ, "KETAQUIZ_SEED": WRITTEN_ORDER_SEED}
    proc = subprocess.Popen(
        args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    try:
        assert proc.stdin is not None
        _read_until(proc, b"Your answer (1-3")
        proc.stdin.write(b"2\n")
        proc.stdin.flush()
        _read_until(proc, b"Press Enter for the next question")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert b"Traceback" not in err
    assert b"Interrupted." in out
    assert b"your answers are saved" in out
    with store_at(tmp_path) as store:
        assert store.attempt_count("default") == 1
        run = store.latest_unfinished_run("default")
        assert run is not None and len(run.state["answers"]) == 1


def test_review_runs_missed_questions(tmp_path: Path) -> None:
    plain(tmp_path, BASICS, stdin="1\n\n1\n\n1\n\n")  # Q2 wrong (Green)
    result = plain(tmp_path, BASICS, extra=("--review",), stdin="2\n\n")
    assert result.returncode == 0
    assert "Review: 1 question to go over again." in result.stdout
    assert "Question 1 of 1 — Plain basics" in result.stdout
    assert "What colour is a clear daytime sky?" in result.stdout
    assert "You got 1 of 1 right." in result.stdout
    nothing = plain(tmp_path, BASICS, extra=("--review",))
    assert "Nothing to review right now." in nothing.stdout
    assert nothing.returncode == 0


def test_count_limits_the_run(tmp_path: Path) -> None:
    result = plain(tmp_path, BASICS, extra=("--count", "2"), stdin="1\n\n2\n\n")
    assert "Question 1 of 2 — Plain basics" in result.stdout
    assert "You got 2 of 2 right." in result.stdout


def test_bank_text_is_shown_literally(tmp_path: Path) -> None:
    result = plain(tmp_path, BASICS, stdin="1\n\n2\n\n1\n\n")
    out = result.stdout
    assert "Is [bold]this[/bold] shown as $x literally?" in out
    assert "  1) Yes, [red]as written[/red] with $HOME" in out
    assert "Text from banks is never markup: $x and [bold] appear as typed." in out
    assert "“Square [brackets] and $signs are plain characters.”" in out
    assert_clean(result)


def test_flag_with_a_note(tmp_path: Path) -> None:
    # f at the answer prompt (with a note), then f after the feedback removes it, then f flags it again.
    result = plain(tmp_path, BASICS, stdin="f\nDoes this apply to me?\n1\nf\nf\n\n\nq\n")
    assert result.returncode == 0
    assert result.stdout.count("Flagged. It will be in your summary") == 2
    assert result.stdout.count("Removed from your list.") == 1
    with store_at(tmp_path) as store:
        flags = store.flags("default")
        assert [(f.question_id, f.note) for f in flags] == [("pb-first", "")]  # flagged again: a new note
    result = plain(tmp_path / "two", BASICS, stdin="f\nWhy \x1b[31mone?\n1\n\nf\nBlue?\nq\n")
    with store_at(tmp_path / "two") as store:
        assert {f.question_id: f.note for f in store.flags("default")} == {
            "pb-first": "Why [31mone?",  # the escape character is dropped, the rest kept as typed
            "pb-colour": "Blue?",
        }


def test_profiles_keep_progress_apart(tmp_path: Path) -> None:
    plain(tmp_path, BASICS, extra=("--profile", "sam"), stdin="1\n\nq\n")
    with store_at(tmp_path) as store:
        assert store.attempt_count("sam") == 1
        assert store.attempt_count("default") == 0
    other = plain(tmp_path, BASICS, stdin="")
    assert "Continuing where you stopped" not in other.stdout


def test_failed_banks_are_named_and_the_good_ones_run(tmp_path: Path) -> None:
    result = plain(tmp_path, BASICS, BROKEN, stdin="q\n")
    assert result.returncode == 0
    assert "broken.yaml:7: error: the bank has no questions" in result.stderr
    assert "Question 1 of 3 — Plain basics" in result.stdout
    assert_clean(result)


def test_no_bank_loads_exit_1(tmp_path: Path) -> None:
    result = plain(tmp_path, BROKEN, tmp_path / "missing.yaml")
    assert result.returncode == 1
    assert "broken.yaml" in result.stderr and "missing.yaml" in result.stderr
    assert "no question bank could be loaded" in result.stderr
    assert "Traceback" not in result.stderr


def test_unusable_data_folder_warns_and_goes_on(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    result = plain(blocker, BASICS, stdin="1\n\n")
    assert result.returncode == 0
    assert "warning:" in result.stderr and "Progress will not be saved" in result.stderr
    assert "Right. You chose 1) One" in result.stdout


def test_text_is_wrapped_to_the_width(tmp_path: Path) -> None:
    result = plain(tmp_path, BASICS, stdin="q\n", env={"COLUMNS": "40"})
    lines = result.stdout.splitlines()
    notice = [line for line in lines if "medical" in line or "988" in line]
    assert notice and all(len(line) <= 40 for line in notice)
    assert len([line for line in lines[:8] if line]) > 4  # the notices did wrap onto several lines


# ----------------------------------------------------------------------------------------------------------------
# In-process: injected failures and the terminal check


def _args(data_dir: Path, *banks: Path, **extra: object) -> argparse.Namespace:
    base = {
        "bank": [str(b) for b in banks],
        "data_dir": str(data_dir),
        "profile": "default",
        "review": False,
        "count": None,
        "plain": True,
    }
    base.update(extra)
    return argparse.Namespace(**base)


class _FullDiskStore(ProgressStore):
    """A store whose disk is full: every answer fails to save."""

    def record_answer(self, *args: object, **kwargs: object) -> None:
        raise StoreWriteError("could not save progress: database or disk is full")


def test_disk_full_during_the_quiz_does_not_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ketaquiz.commands import common
    from ketaquiz.commands import plain as plain_mode

    store = _FullDiskStore(tmp_path / "progress.sqlite3")
    monkeypatch.setattr(common, "open_store", lambda *a, **k: StoreOpening(store))
    out, err = io.StringIO(), io.StringIO()
    code = plain_mode.run(
        _args(tmp_path, BASICS),
        stdin=io.StringIO("1\n\n2\n\n1\n\n"),
        stdout=out,
        stderr=err,
        rng=random.Random(int(WRITTEN_ORDER_SEED)),
    )
    assert code == 0
    assert "your progress cannot be saved right now" in err.getvalue()
    assert "disk is full" in err.getvalue()
    assert "this answer could not be saved either." in err.getvalue()
    assert "You got 3 of 3 right." in out.getvalue()


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bold_only_on_a_terminal_and_never_with_no_color(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ketaquiz.commands import plain as plain_mode

    monkeypatch.setenv("TERM", "xterm-256color")
    tty = _Tty()
    written = random.Random(int(WRITTEN_ORDER_SEED))
    plain_mode.run(
        _args(tmp_path, BASICS), stdin=io.StringIO("1\n"), stdout=tty, stderr=io.StringIO(), rng=written
    )
    assert "\x1b[1mRight.\x1b[0m" in tty.getvalue()

    monkeypatch.setenv("NO_COLOR", "1")
    tty = _Tty()
    plain_mode.run(_args(tmp_path, BASICS), stdin=io.StringIO("q\n"), stdout=tty, stderr=io.StringIO())
    assert "\x1b" not in tty.getvalue()


def test_plain_mode_never_imports_textual_or_rich(tmp_path: Path) -> None:
    code = (
        "import sys, io, argparse\n"
        "from ketaquiz.commands import plain\n"
        f"ns = argparse.Namespace(bank=[{str(BASICS)!r}], data_dir={str(tmp_path)!r}, profile='default',"
        " review=False, count=None, plain=True)\n"
        "plain.run(ns, stdin=io.StringIO('1\\n\\nq\\n'), stdout=io.StringIO(), stderr=io.StringIO())\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_zero_is_i_dont_know_yet_and_counts_apart_from_wrong(tmp_path: Path) -> None:
    # Q1 "I don't know yet", Q2 wrong (1 = Green), Q3 right.
    result = plain(tmp_path, BASICS, stdin="0\n\n1\n\n1\n\n")
    assert result.returncode == 0, result.stderr
    assert_clean(result)
    out = result.stdout
    assert "  0) I don't know yet\n" in out
    first = out.split("Question 2 of 3")[0]
    assert "That's fine — here is the answer." in first and "The answer: 1) One" in first
    assert "Not quite" not in first and "Why not" not in first
    assert "One comes before the others." in first and "“One is the first counting number.”" in first
    assert "You got 1 of 3 right · 1 not known yet." in out
    with store_at(tmp_path) as store:
        outcomes = [(r.question_id, r.outcome, r.choice_text) for r in store.iter_attempts("default")]
    assert outcomes == [
        ("pb-first", "dont_know", None),
        ("pb-colour", "wrong", "Green"),
        ("pb-markup", "right", outcomes[2][2]),
    ]

    # stats --json: per bank, the questions whose latest answer was wrong, and those not known yet.
    stats = subprocess.run(
        [
            sys.executable,
            "-m",
            "ketaquiz",
            "stats",
            "--json",
            "--data-dir",
            str(tmp_path),
            "--bank",
            str(BASICS),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    import json

    figures = json.loads(stats.stdout)["banks"][0]
    assert (figures["dont_know"], figures["wrong"]) == (1, 1)

    # The report lists the wrong one as a misconception with the chosen text, and not the 0 one.
    export = subprocess.run(
        [
            sys.executable,
            "-m",
            "ketaquiz",
            "export",
            "--format",
            "json",
            "--data-dir",
            str(tmp_path),
            "--bank",
            str(BASICS),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    report = json.loads(export.stdout)
    assert [(m["question_id"], m["chosen"]) for m in report["misconceptions"]] == [("pb-colour", "Green")]
    assert [d["question_id"] for d in report["dont_know"]] == ["pb-first"]


def test_essentials_in_plain_mode(tmp_path: Path) -> None:
    bank = tmp_path / "ess.yaml"
    bank.write_text(
        BASICS.read_text(encoding="utf-8")
        .replace("id: plain-basics", "id: ess-basics")
        .replace("id: pb-first", "id: es-first")
        .replace("id: pb-colour", "id: es-colour")
        .replace("id: pb-markup", "id: es-markup")
        .replace("    tags: [counting]", "    tags: [counting]\n    essential: true")
        .replace("    tags: [colours]", "    tags: [colours]\n    essential: true"),
        encoding="utf-8",
    )
    data = tmp_path / "data"
    result = plain(data, bank, stdin="0\n\n", extra=("--essentials",))
    assert result.returncode == 0, result.stderr
    assert "Essentials: 2 questions to know before your first session." in result.stdout
    assert "Question 1 of 2" in result.stdout
    # The one answered 0 is still not known: the next essentials quiz asks both again (never answered first).
    first_asked = "What colour" if "1 of 2 — Plain basics\n\nWhat colour" in result.stdout else "Which number"
    never_asked = "Which number" if first_asked == "What colour" else "What colour"
    right = {"What colour": "2", "Which number": "1"}
    again = plain(
        data, bank, stdin=f"{right[never_asked]}\n\n{right[first_asked]}\n\n", extra=("--essentials",)
    )
    assert f"Question 1 of 2 — Plain basics\n\n{never_asked}" in again.stdout, again.stdout + again.stderr
    assert "You got 2 of 2 right." in again.stdout
    menu = plain(data, bank, SECOND, stdin="q\n")
    assert "  4) Before your first session: 2 of 2 essentials known" in menu.stdout, menu.stdout
    done = plain(data, bank, extra=("--essentials",))
    assert done.returncode == 0 and "You know all 2 essentials. Well done." in done.stdout


def test_a_topic_asks_ten_questions_by_default(tmp_path: Path) -> None:
    side_effects = Path(__file__).parents[2] / "questions" / "side-effects.yaml"
    out = io.StringIO()
    from ketaquiz.commands.plain import run as plain_mode_run

    code = plain_mode_run(
        _args(tmp_path, side_effects), stdin=io.StringIO("q\n"), stdout=out, stderr=io.StringIO()
    )
    assert code == 0
    assert "Question 1 of 10 — " in out.getvalue()
    seen = set()
    for seed in range(4):
        out = io.StringIO()
        plain_mode_run(
            _args(tmp_path / str(seed), side_effects, count="all"),
            stdin=io.StringIO("q\n"),
            stdout=out,
            stderr=io.StringIO(),
            rng=random.Random(seed),
        )
        text = out.getvalue()
        assert "Question 1 of " in text and " of 10 " not in text  # --count all: the whole bank
        seen.add(text.split("Question 1 of ")[1].split("Your answer")[0])
    assert len(seen) > 1  # a fresh order: not always the same first question


class _UnreadableStore(ProgressStore):
    """A store that opened but cannot be read now (a damaged page)."""

    def question_progress(self, *args: object, **kwargs: object) -> dict[str, object]:
        raise StoreError("could not read progress: database disk image is malformed")


def test_a_store_that_cannot_be_read_at_the_start_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ketaquiz.commands import common
    from ketaquiz.commands import plain as plain_mode

    store = _UnreadableStore(tmp_path / "progress.sqlite3")
    monkeypatch.setattr(common, "open_store", lambda *a, **k: StoreOpening(store))
    out, err = io.StringIO(), io.StringIO()
    code = plain_mode.run(
        _args(tmp_path, BASICS), stdin=io.StringIO("1\n"), stdout=out, stderr=err, rng=random.Random(1)
    )
    assert code == 1
    assert "ketaquiz: your progress could not be used: could not read progress: database disk image" in (
        err.getvalue()
    )
    assert out.getvalue().count(CRISIS_TEXT_US.split(":")[0]) == 2  # the notices, at the start and at the end
    assert "Question 1" not in out.getvalue()
