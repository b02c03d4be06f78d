"""`ketaquiz serve` in the interface language it was started in (issue 17): textual-serve starts one process per
browser tab, so the server hands its language to every tab command (`--lang`), and the tab's app runs in it."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ketaquiz import web
from ketaquiz.cli import choose_language, main
from ketaquiz.commands import tab
from ketaquiz.core import i18n

BASICS = Path(__file__).resolve().parent.parent / "data" / "plain-basics.yaml"


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The tab commands `serve` would hand to textual-serve (nothing is served)."""
    commands: list[str] = []
    monkeypatch.setattr(web, "web_extra_installed", lambda: True)
    monkeypatch.setattr(web, "serve", lambda command, **options: commands.append(command))
    monkeypatch.delenv("KETAQUIZ_CONFIG", raising=False)  # the kiosk with its defaults
    return commands


def _tab_language(
    monkeypatch: pytest.MonkeyPatch, command: str, app_class: Any, *, before: str = "en"
) -> list[str]:
    """Run `command` as the tab's process would (in this process, in language `before` until the command says
    otherwise), and say which language its app ran in."""
    argv = shlex.split(command)
    assert argv[1:3] == ["-m", "ketaquiz.commands.tab"]
    seen: list[str] = []
    monkeypatch.setattr(app_class, "run", lambda self, *a, **k: seen.append(i18n.language()))
    i18n.set_language(before)
    assert tab.main(argv[3:]) == 0
    return seen


def test_a_self_study_tab_runs_in_the_server_s_language(
    served: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ketaquiz.tui.browser import BrowserQuizApp

    assert main(["serve", "--lang", "es", "--bank", str(BASICS), "--port", "8123"]) == 0
    [command] = served
    assert shlex.split(command)[-2:] == ["--lang", "es"]
    assert capsys.readouterr().err == (
        "ketaquiz serve: el cuestionario en http://127.0.0.1:8123 (no se guarda el progreso). "
        "Deténgalo con ctrl+c.\n"
    )
    assert _tab_language(monkeypatch, command, BrowserQuizApp) == ["es"]


def test_a_kiosk_tab_runs_in_the_server_s_language(
    served: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ketaquiz.tui.kiosk import KioskApp

    monkeypatch.setenv("KETAQUIZ_LANG", "es")
    assert main(["serve", "--kiosk", "--bank", str(BASICS)]) == 0
    [command] = served
    assert "kiosk-tab" in command and shlex.split(command)[-2:] == ["--lang", "es"]
    assert "el quiosco en http://127.0.0.1:8000 (no se guarda nada)" in capsys.readouterr().err
    monkeypatch.delenv("KETAQUIZ_LANG")  # the tab is told by --lang, not by what it inherits
    assert _tab_language(monkeypatch, command, KioskApp) == ["es"]


def test_shared_progress_tabs_run_the_quiz_command_in_the_server_s_language(
    served: list[str], tmp_path: Path
) -> None:
    assert main(["serve", "--lang", "es", "--data-dir", str(tmp_path / "data"), "--bank", str(BASICS)]) == 0
    [command] = served
    argv = shlex.split(command)
    assert argv[1:3] == ["-m", "ketaquiz"] and argv[-2:] == ["--lang", "es"]
    assert choose_language(argv[3:], {"LANG": "en_US.UTF-8"}) == "es"


def test_an_english_server_tells_its_tabs_english(served: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from ketaquiz.tui.browser import BrowserQuizApp

    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    assert main(["serve", "--lang", "en", "--bank", str(BASICS)]) == 0
    [command] = served
    assert shlex.split(command)[-2:] == ["--lang", "en"]
    assert _tab_language(monkeypatch, command, BrowserQuizApp, before="es") == ["en"]
