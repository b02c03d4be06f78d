"""Shared fixtures: every test gets its own data, config and cache folders, so a developer's files never leak in."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "questions"
SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture(autouse=True)
def _isolate_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("KETAQUIZ_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("KETAQUIZ_CONFIG", str(base / "config" / "kiosk.yaml"))
    monkeypatch.setenv("KETAQUIZ_CACHE_DIR", str(base / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TEXTUAL_SCREENSHOT", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "xdg-cache"))


@pytest.fixture
def sources_dir() -> Path:
    """The shared source library; tests that need it skip only when the folder is absent (CI has it)."""
    if not SOURCES.is_dir():
        pytest.skip("../shared/sources is not beside this checkout")
    return SOURCES
