"""Plain mode in Spanish (issue 17): `KETAQUIZ_LANG=es ketaquiz --plain` and `LANG=es_US.UTF-8 ketaquiz --plain` ask
"Pregunta 1 de N" from the Spanish bank, with the crisis line in Spanish; an English quote under a Spanish question
is marked "Texto original (en inglés)". Real subprocesses through the command line, as a learner runs it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.functional.test_plain import WRITTEN_ORDER_SEED, assert_clean

SPANISH_BANK = Path(__file__).resolve().parents[1] / "snapshots" / "banks_es" / "snapshot-es.yaml"
CRISIS_ES = "En una crisis: llame o envíe un mensaje de texto al 988 (hay ayuda en español). En una emergencia, llame al 911."
LOCALE_VARIABLES = ("KETAQUIZ_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def run_plain(
    data_dir: Path, env: dict[str, str], *extra: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    return subprocess.run(
        [sys.executable, "-m", "ketaquiz", "--plain", "--data-dir", str(data_dir), *extra],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**base, "KETAQUIZ_SEED": WRITTEN_ORDER_SEED, **env},
    )


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    "env", [{"KETAQUIZ_LANG": "es"}, {"LANG": "es_US.UTF-8"}], ids=["KETAQUIZ_LANG=es", "LANG=es_US.UTF-8"]
)
def test_plain_mode_asks_the_spanish_bank_in_spanish(tmp_path: Path, env: dict[str, str]) -> None:
    result = run_plain(tmp_path, env)  # the input ends at the first question: stopped, exit 0
    assert result.returncode == 0, result.stderr
    assert_clean(result)
    out = flat(result.stdout)
    assert re.search(r"Pregunta 1 de \d+ — Ketamina y esketamina: lo básico", out), out[:600]
    assert out.count(CRISIS_ES) == 2  # at the start and at the end
    assert "ketaquiz es para aprender. No es un consejo médico" in out
    assert "0) Todavía no lo sé" in out
    assert "Su respuesta (1-" in out and "Se detuvo." in out
    assert "Question" not in out and "In a crisis" not in out


def test_an_english_quote_under_a_spanish_question_is_marked_as_the_original(tmp_path: Path) -> None:
    # Question 1 quotes a Spanish source, question 2 an English one.
    result = run_plain(tmp_path, {"KETAQUIZ_LANG": "es"}, "--bank", str(SPANISH_BANK), stdin="1\n\n2\n\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    first, second = out.split("Pregunta 2 de 2")
    assert "Pregunta 1 de 2 — Prepararse para una sesión" in first
    assert "Correcto. Usted eligió 1) Otra persona lo lleva a casa." in first
    assert "Texto original (en inglés)" not in first  # a Spanish quote is not marked
    assert "No exactamente. Usted eligió 2) Unos cinco minutos." in second
    assert "Por qué no: Lo observan por lo menos dos horas" in second
    mark = second.index("Texto original (en inglés)")
    assert mark < second.index("“Patients are watched for at least two hours after each dose.”")
    assert "Usted acertó 1 de 2." in second


def test_the_same_bank_in_english_marks_nothing(tmp_path: Path) -> None:
    result = run_plain(tmp_path, {"KETAQUIZ_LANG": "en"}, "--bank", str(SPANISH_BANK), stdin="1\n\n2\n\n")
    assert "Question 2 of 2" in result.stdout
    assert "Original text (in English)" in result.stdout  # the bank is Spanish: its English quote is marked
    assert "Texto original" not in result.stdout
