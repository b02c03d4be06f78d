"""The wheel carries the bundled banks, and an installed copy's `ketaquiz check` finds them from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import QUESTIONS, ROOT


@pytest.mark.slow
def test_wheel_ships_the_banks_and_check_finds_them(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("ketaquiz-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        packaged = {n for n in zf.namelist() if n.startswith("ketaquiz/questions/")}
        assert packaged == {f"ketaquiz/questions/{p.name}" for p in QUESTIONS.glob("*.yaml")}
        for name in packaged:
            assert zf.read(name) == (QUESTIONS / Path(name).name).read_bytes()
        zf.extractall(tmp_path / "site")

    # Run the unpacked wheel (not the checkout) from an unrelated folder, as an installed copy runs.
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    result = subprocess.run(
        [sys.executable, "-m", "ketaquiz", "check", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    import json

    report = json.loads(result.stdout)
    files = {Path(b["file"]) for b in report["banks"]}
    assert {f.parent for f in files} == {tmp_path / "site" / "ketaquiz" / "questions"}
    assert len(files) == len(list(QUESTIONS.glob("*.yaml"))) and all(b["loaded"] for b in report["banks"])
