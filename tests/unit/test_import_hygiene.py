"""The core and the non-drawing commands never import Textual or Rich (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

CORE_MODULES = [
    "ketaquiz",
    "ketaquiz.cli",
    "ketaquiz.core.bank",
    "ketaquiz.core.catalog",
    "ketaquiz.core.lint",
    "ketaquiz.core.sources",
    "ketaquiz.core.readability",
    "ketaquiz.core.model",
    "ketaquiz.core.paths",
    "ketaquiz.core.safety",
    "ketaquiz.core.figures",
    "ketaquiz.commands.check",
]
OPTIONAL_CORE = [
    "ketaquiz.core.progress",
    "ketaquiz.core.scheduling",
    "ketaquiz.core.session",
    "ketaquiz.core.report",
    "ketaquiz.core.kiosk",
    "ketaquiz.plain",
    "ketaquiz.commands.stats",
    "ketaquiz.commands.export",
]


def heavy_modules_after(code: str) -> list[str]:
    probe = (
        code
        + "\nimport sys, json\nprint(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", CORE_MODULES + OPTIONAL_CORE)
def test_module_does_not_import_textual_or_rich(module: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        pytest.fail(f"{module} is missing")
    assert heavy_modules_after(f"import {module}") == []


@pytest.mark.parametrize("argv", [["--version"], ["check"]])
def test_commands_do_not_import_textual(argv: list[str]) -> None:
    code = (
        f"import sys\nfrom ketaquiz.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
    )
    assert heavy_modules_after(code) == []


def test_import_linter_contract() -> None:
    # lint-imports is installed beside the interpreter running the tests.
    exe = Path(sys.executable).parent / "lint-imports"
    lint_imports = subprocess.run([str(exe), "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert lint_imports.returncode == 0, lint_imports.stdout + lint_imports.stderr
