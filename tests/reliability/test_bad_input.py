"""Bad input that is not a bank's text: stray bytes on plain mode's standard input, and a bank cache written by an
older ketaquiz. Neither may end in a traceback.

(Bank files themselves are fuzzed in tests/unit/test_bank_fuzz.py and their refusals tested in test_bank.py.)
"""

from __future__ import annotations

import os
import pickle
import subprocess
from pathlib import Path

import pytest

from ketaquiz.core.catalog import load_catalog
from tests.reliability.support import child_env, plain_args, run_plain, write_simple_bank


def test_plain_mode_answers_bytes_that_are_not_utf8_by_asking_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = write_simple_bank(tmp_path / "bytes.yaml", "bytes", 2)
    # Outside the C locale Python reads standard input with errors="strict" (as on most desktops, where
    # LANG=en_US.UTF-8); PYTHONIOENCODING makes that so here, whatever locales this machine has.
    monkeypatch.setenv("PYTHONIOENCODING", "utf-8:strict")
    result = subprocess.run(
        plain_args(tmp_path / "data", bank),
        input=b"\xff\xfe\n1\n\nq\n",  # a stray Latin-1 line first, then an answer
        capture_output=True,
        timeout=60,
        env=child_env(),
    )
    out, err = result.stdout.decode(), result.stderr.decode()
    assert "Traceback" not in err, err
    assert result.returncode == 0
    assert "Please type a number from 1 to 3" in out
    assert "You chose 1) bytes-q1 choice 1" in out


def test_a_bank_cache_left_by_an_older_ketaquiz_is_parsed_again_not_a_traceback(tmp_path: Path) -> None:
    bank = write_simple_bank(tmp_path / "cached.yaml", "cached", 3)
    # (Seen for real during development: start-up died with AttributeError on such an entry.)
    load_catalog([bank])  # fills the cache (KETAQUIZ_CACHE_DIR is this test's own folder)
    [entry] = Path(os.environ["KETAQUIZ_CACHE_DIR"]).glob("banks/*.pickle")
    # What the cache held before the questions were kept as rows: a Bank whose questions are a plain tuple.
    [old] = load_catalog([bank], use_cache=False).banks
    old = old._replace(questions=tuple(old.questions))
    entry.write_bytes(pickle.dumps(old))

    result = run_plain(tmp_path / "data", bank, stdin="1\n\nq\n")

    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0
    assert "Question 1 of 3" in result.stdout
