"""The core and the non-drawing commands never import Textual or Rich (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

CORE_MODULES = [
    "ketaquiz",
    "ketaquiz.cli",
    "ketaquiz.core.bank",
    "ketaquiz.core.bankfile",
    "ketaquiz.core.catalog",
    "ketaquiz.core.lint",
    "ketaquiz.core.sources",
    "ketaquiz.core.readability",
    "ketaquiz.core.model",
    "ketaquiz.core.paths",
    "ketaquiz.core.safety",
    "ketaquiz.core.figures",
    "ketaquiz.commands.check",
    "ketaquiz.commands.authoring",
    "ketaquiz.core.fingerprint",
    "ketaquiz.core.signoff",
    "ketaquiz.core.signing",
    "ketaquiz.core.csv_import",
    "ketaquiz.core.review_sheet",
    "ketaquiz.core.starter",
    "ketaquiz.core.authoring_text",
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


START_PATH = (
    "from ketaquiz.core.catalog import load_catalog\n"
    "import ketaquiz.cli, ketaquiz.commands.quiz, ketaquiz.tui.app\n"
    "from ketaquiz.core.overview import build_overview\n"
    "from ketaquiz.core.progress import ProgressStore\n"
    "from datetime import datetime, UTC\n"
    "catalog = load_catalog(None)\n"
    "build_overview(catalog, ProgressStore(':memory:'), 'default', datetime.now(UTC), history=False)\n"
)
"""What `ketaquiz` does before Home is up, less the drawing."""


def after_start(tmp_path: Path, probe: str) -> object:
    """Run the start path in a fresh interpreter, with the banks cached by a first load; `probe` prints JSON."""
    env = {**os.environ, "KETAQUIZ_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run(
        [sys.executable, "-c", "from ketaquiz.core.catalog import load_catalog; load_catalog(None)"],
        check=True,
        env=env,
    )
    code = START_PATH + "import sys, json\n" + probe
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_starting_the_app_with_cached_banks_imports_neither_the_yaml_reader_nor_the_quiz_session(
    tmp_path: Path,
) -> None:
    # The banks come from the cache, so the YAML reader is not needed, and the quiz session only when a quiz
    # starts (start-up benchmark, README).
    probe = (
        "print(json.dumps([m for m in ('yaml', 'ketaquiz.core.safe_yaml', 'ketaquiz.core.bank', "
        "'ketaquiz.core.session') if m in sys.modules]))"
    )
    assert after_start(tmp_path, probe) == []


def test_records_made_at_start_have_no_string_annotations(tmp_path: Path) -> None:
    # typing.NamedTuple compiles each string annotation into a ForwardRef as the class is made: twice the cost
    # of a class with real types, some 8 M instructions over the records on the start path (README,
    # Performance). A module defining records that are made at start does not use `from __future__ import
    # annotations`.
    probe = (
        "import typing\n"
        "records = [\n"
        "    (f'{name}.{attr}', cls) for name, module in list(sys.modules.items()) if name.startswith('ketaquiz')\n"
        "    for attr, cls in vars(module).items()\n"
        "    if isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, '_fields') and cls.__module__ == name\n"
        "]\n"
        "bad = sorted(f'{where}.{field}' for where, cls in records\n"
        "    for field, kind in cls.__dict__.get('__annotations__', {}).items()\n"
        "    if isinstance(kind, (str, typing.ForwardRef)))\n"
        "print(json.dumps({'records': len(records), 'string annotations': bad}))"
    )
    found = after_start(tmp_path, probe)
    assert isinstance(found, dict)
    assert found["records"] >= 20, found  # the probe sees the records (model, progress, catalog...)
    assert found["string annotations"] == []
