"""Which language a run uses, end to end: the saved choice, the environment, the option (GUIDE 7)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ketaquiz.core import i18n
from ketaquiz.core.progress import ProgressStore


@pytest.fixture(autouse=True)
def _english_after() -> object:
    yield None
    i18n.set_language("en")


def _save_choice(folder: Path, language: str) -> None:
    store = ProgressStore(folder / "progress.sqlite3")
    store.set_pref(i18n.LANGUAGE_PREF_KEY, language)
    store.close()


def _plain_first_question(monkeypatch: pytest.MonkeyPatch, argv: list[str], env: dict[str, str]) -> str:
    from ketaquiz.cli import main

    for name in ("KETAQUIZ_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("KETAQUIZ_SEED", "1")
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    assert main(["--plain", *argv]) == 0
    return out.getvalue()


def test_the_quiz_uses_the_choice_saved_on_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _save_choice(tmp_path, "es")
    text = _plain_first_question(monkeypatch, ["--data-dir", str(tmp_path)], {"LANG": "en_US.UTF-8"})
    assert "Ketamina" in text  # the Spanish bank
    assert i18n.language() == "es"


def test_the_environment_and_the_option_win_over_the_saved_choice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _save_choice(tmp_path, "es")
    text = _plain_first_question(monkeypatch, ["--data-dir", str(tmp_path)], {"KETAQUIZ_LANG": "en"})
    assert "Ketamina" not in text
    i18n.set_language("en")
    text = _plain_first_question(monkeypatch, ["--data-dir", str(tmp_path), "--lang", "en"], {})
    assert "Ketamina" not in text


def test_the_locale_chooses_when_nothing_else_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _plain_first_question(monkeypatch, ["--data-dir", str(tmp_path)], {"LANG": "es_US.UTF-8"})
    assert "Ketamina" in text
    i18n.set_language("en")
    text = _plain_first_question(monkeypatch, ["--data-dir", str(tmp_path / "c")], {"LANG": "C.UTF-8"})
    assert "Ketamina" not in text
