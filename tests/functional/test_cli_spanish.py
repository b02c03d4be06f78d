"""The command line in Spanish (issue 17): `--help`, usage errors, command messages and `stats` follow `--lang es`
(or KETAQUIZ_LANG); argparse's own words ("usage:") stay, JSON keys stay English, and so do the commands to type."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ketaquiz.core import i18n

DATA = Path(__file__).resolve().parent.parent / "data"
BASICS = DATA / "plain-basics.yaml"


def ketaquiz(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ketaquiz", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "LANG": "C.UTF-8", **env},
    )


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    """In-process runs set the interface language; the next test starts in English again."""
    yield
    i18n.set_language("en")


def test_help_in_spanish() -> None:
    result = ketaquiz("--lang", "es", "--help")
    assert result.returncode == 0
    out = " ".join(result.stdout.split())
    assert out.startswith("usage: ketaquiz")  # argparse's own words may stay (GUIDE 7)
    assert "Cuestionarios cortos sobre el tratamiento con ketamina" in out  # the description
    assert "dónde se guarda el progreso (o defina KETAQUIZ_DATA_DIR)" in out  # an option's help
    assert "--data-dir CARPETA" in out  # a placeholder
    assert "comandos: kiosk, set-pin, check" in out  # the epilog; the commands keep their names
    assert "where progress is kept" not in out


def test_a_command_s_help_follows_ketaquiz_lang() -> None:
    result = ketaquiz("export", "--help", KETAQUIZ_LANG="es")
    out = " ".join(result.stdout.split())
    assert result.returncode == 0 and out.startswith("usage: ketaquiz export")
    assert "Escribe un resumen para llevar a su equipo médico." in out
    assert "escribe aquí en vez de en la salida estándar" in out
    english = " ".join(ketaquiz("export", "--help").stdout.split())
    assert "Write a summary to take to your care team." in english


def test_stats_says_in_spanish_that_the_data_folder_is_a_file(tmp_path: Path) -> None:
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x")
    result = ketaquiz("stats", "--lang", "es", "--data-dir", str(a_file), "--bank", str(BASICS))
    assert result.returncode == 1
    assert result.stderr.startswith("ketaquiz stats: no se puede leer su progreso:")
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_usage_error_in_spanish_exits_2() -> None:
    result = ketaquiz("--lang", "es", "--count", "0")
    assert result.returncode == 2
    assert "usage:" in result.stderr and "argument --count: debe ser 1 o más" in result.stderr


def test_stats_in_spanish_and_its_json_keys_in_english(tmp_path: Path) -> None:
    text = ketaquiz("stats", "--data-dir", str(tmp_path), "--bank", str(BASICS), KETAQUIZ_LANG="es")
    assert text.returncode == 0, text.stderr
    out = text.stdout
    assert out.startswith("Progreso del perfil 'default'")
    header = out.splitlines()[2].split()
    assert header[:4] == ["Banco", "Preguntas", "Respondidas", "Correctas"] and "Dominadas" in header
    assert "Respuestas dadas en total: 0 (0 correctas)." in " ".join(out.split())
    assert 'No hay preguntas marcadas "Preguntar a mi equipo médico".' in out
    data = json.loads(
        ketaquiz("stats", "--json", "--data-dir", str(tmp_path), "--bank", str(BASICS), "--lang", "es").stdout
    )
    assert set(data) >= {"profile", "banks", "flagged", "essentials"}
    assert set(data["banks"][0]) >= {"id", "title", "questions", "answered", "right", "due_now"}


def test_export_refuses_a_missing_folder_in_spanish(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "summary.md"
    result = ketaquiz("export", "--lang", "es", "-o", str(target), "--bank", str(BASICS))
    assert result.returncode == 1
    assert f"ketaquiz export: la carpeta {target.parent} no existe" in result.stderr


def test_export_format_mismatch_in_spanish_is_a_usage_error(tmp_path: Path) -> None:
    result = ketaquiz("export", "--lang", "es", "--format", "html", "-o", str(tmp_path / "x.md"))
    assert result.returncode == 2
    assert (
        "--format html no coincide con el nombre del archivo x.md (su extensión indica md)" in result.stderr
    )


def test_new_and_its_refusal_in_spanish(tmp_path: Path) -> None:
    first = ketaquiz("new", "clinic-visits", "--lang", "es", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith(
        "Se escribió clinic-visits.yaml: un banco inicial con una pregunta de ejemplo"
    )
    again = ketaquiz("new", "clinic-visits", "--lang", "es", cwd=tmp_path)
    assert again.returncode == 1
    assert again.stderr == (
        "ketaquiz new: clinic-visits.yaml ya existe; elija otro nombre con -o (no se escribió nada)\n"
    )


def test_sign_counts_errors_with_the_right_plural_in_spanish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ketaquiz.cli import main

    one = tmp_path / "one.yaml"  # only the title is missing
    one.write_text(
        "".join(
            line
            for line in BASICS.read_text(encoding="utf-8").splitlines(True)
            if not line.startswith("title:")
        ),
        encoding="utf-8",
    )
    five = tmp_path / "five.yaml"  # no title, summary, review, sources or questions
    five.write_text("format: 1\nid: x\n", encoding="utf-8")
    refused = "un banco que no pasa su revisión no se puede firmar (no se escribió nada)"
    assert main(["sign", str(one), "--reviewer", "Ana Ruiz, MD", "--lang", "es"]) == 1
    assert capsys.readouterr().err.endswith(f"ketaquiz sign: {one} tiene 1 error; {refused}\n")
    assert main(["sign", str(five), "--reviewer", "Ana Ruiz, MD", "--lang", "es"]) == 1
    assert capsys.readouterr().err.endswith(f"ketaquiz sign: {five} tiene 5 errores; {refused}\n")


def test_sign_messages_in_spanish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ketaquiz.cli import main

    assert main(["sign", str(tmp_path / "nope.yaml"), "--reviewer", "Ana Ruiz, MD", "--lang", "es"]) == 1
    assert capsys.readouterr().err == f"ketaquiz sign: {tmp_path / 'nope.yaml'}: no existe ese archivo\n"
    assert main(["sign", str(tmp_path), "--reviewer", "Ana Ruiz, MD", "--lang", "es"]) == 1
    assert capsys.readouterr().err == f"ketaquiz sign: {tmp_path}: no es un archivo de banco\n"


def test_the_review_sheet_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    from ketaquiz.cli import main

    assert main(["review-sheet", str(BASICS), "--lang", "es"]) == 0
    page = capsys.readouterr().out
    assert page.startswith('<!DOCTYPE html>\n<html lang="es">')
    assert "<title>Hoja de revisión: Plain basics</title>" in page
    assert "<h2>Pregunta 1</h2>" in page and "<h2>Pregunta 3</h2>" in page
    assert "<dd><code>plain-basics</code> · 3 preguntas · idioma en</dd>" in page
    assert "<dt>Escrito</dt><dd>22 de noviembre de 2026</dd>" in page  # written: 2026-11-22
    assert "<dt>Revisión clínica</dt><dd>Todavía sin revisar.</dd>" in page
    assert '<span class="mark">✔ CORRECTA</span><span class="choice" lang="en">One</span>' in page
    assert '<p class="prompt" lang="en">Which number is first?</p>' in page  # the bank's text in its language
    assert "He revisado las 3 preguntas de arriba y las comparé con sus fuentes." in page
    assert "ketaquiz sign plain-basics.yaml --reviewer &quot;NOMBRE, TÍTULO&quot; --date AAAA-MM-DD" in page
    for english in ("Review sheet", "Question 1", "Why not", "Needs change", "Sign-off"):
        assert english not in page


def test_the_review_sheet_in_english_marks_no_language_twice(capsys: pytest.CaptureFixture[str]) -> None:
    from ketaquiz.cli import main

    assert main(["review-sheet", str(BASICS), "--lang", "en"]) == 0
    page = capsys.readouterr().out
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">') and page.count("lang=") == 1
    assert "<dt>Written</dt><dd>22 November 2026</dd>" in page and "1 question" not in page
    assert "I have reviewed the 3 questions above against their sources." in page
