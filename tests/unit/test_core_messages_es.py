"""The core's messages in Spanish (issue 17): bank load errors, `check`'s findings and counts, YAML explanations,
unsafe text, the spreadsheet import, signing, the source library, folders and the starter bank.

Only the words change: a finding keeps its `file:line`, its level, the question id in brackets and the rule name in
parentheses, so editors and scripts read the lines in either language. English stays the default.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ketaquiz.core import i18n
from ketaquiz.core.bank import BankError, load_bank, parse_bank
from ketaquiz.core.csv_import import BankInfo, CsvImportError, import_csv
from ketaquiz.core.kiosk import load_kiosk_config
from ketaquiz.core.lint import check_paths, format_report
from ketaquiz.core.paths import describe_os_error, folder_problem
from ketaquiz.core.safe_yaml import KIOSK_CONFIG, YamlRefused, read_yaml
from ketaquiz.core.safety import CRISIS_TEXT_US, review_line
from ketaquiz.core.signing import SignError, check_date, check_reviewer
from ketaquiz.core.sources import SourceLibrary, SourceLibraryError
from ketaquiz.core.starter import STARTER, starter_bank
from tests.authoring_support import HEADER, ROWS, csv_bytes, make_library

BAD_BANK = """\
format: 1
id: clinic
title: Clinic
summary: A bank with mistakes.
review: {reviewed_by: null}
sources:
  leaflet: {title: Leaflet}
questions:
  - id: q-one
    prompt: "Clear the screen \\e[2J"
    choices:
      - {text: Yes, correct: true}
      - {text: No, why_not: Because.}
    explanation: Because.
    cite: {source: leaflet, quote: Yes.}
  - id: q-two
    prompt: How long?
    shuffle: 3
    choices:
      - {text: An hour, correct: true}
      - {text: A day, why_not: Too long.}
    explanation: An hour.
    cite: {source: leafet, quote: An hour.}
"""

INFO = BankInfo(
    id="clinic-faq", title="Clinic FAQ", summary="Questions from our clinic.", written="2026-12-04"
)


@pytest.fixture
def spanish() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("es")
    yield
    i18n.set_language(before)


def ketaquiz(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ketaquiz", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "LANG": "C.UTF-8"},
    )


def _layout(line: str) -> tuple[str, str, str, str]:
    """`file:line:`, the level, `[id]` and `(rule)` of a finding line."""
    where, level, qid, _rest = line.split(" ", 3)
    return where, level, qid, line.rsplit(" ", 1)[1]


def test_check_in_spanish_keeps_file_line_id_and_rule(tmp_path: Path) -> None:
    bank = tmp_path / "clinic.yaml"
    bank.write_text(BAD_BANK, encoding="utf-8")
    english = ketaquiz("check", str(bank))
    spanish = ketaquiz("--lang", "es", "check", str(bank))
    assert english.returncode == spanish.returncode == 1
    found_en = [line for line in english.stdout.splitlines() if line.startswith(str(bank))]
    found_es = [line for line in spanish.stdout.splitlines() if line.startswith(str(bank))]
    assert len(found_en) == len(found_es) == 3
    assert [_layout(line) for line in found_es] == [_layout(line) for line in found_en]
    assert found_es == [
        f"{bank}:10: error: [q-one] prompt contiene el carácter de control o de dirección del texto U+001B, que "
        "no se permite, ni escrito tal cual ni como escape de YAML (unsafe-character)",
        f"{bank}:18: error: [q-two] shuffle debe ser true o false, no 3 (schema)",
        f"{bank}:23: error: [q-two] cite.source 'leafet' no está en las sources del banco; ¿quiso decir "
        "'leaflet'? (schema)",
    ]
    assert found_en[1] == f"{bank}:18: error: [q-two] shuffle must be true or false, not 3 (schema)"
    assert spanish.stdout.splitlines()[-1] == "1 banco: 3 errores, 0 avisos."
    assert "clinic.yaml        no se pudo cargar: 3 errores" in spanish.stdout
    assert "Traceback" not in spanish.stderr


def test_a_bank_error_is_in_the_language_in_use_when_the_bank_is_read(tmp_path: Path, spanish: None) -> None:
    bank = tmp_path / "clinic.yaml"
    bank.write_text(BAD_BANK.replace("summary: A bank with mistakes.\n", ""), encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(bank)
    first = str(caught.value).splitlines()[0]
    assert first == f"{bank}:1: error: falta el campo 'summary' en el banco de preguntas"


def test_plural_forms_in_spanish(tmp_path: Path, spanish: None) -> None:
    (tmp_path / "a.yaml").write_text("format: 1\n", encoding="utf-8")  # one error: the fields are missing
    (tmp_path / "b.yaml").write_text("- a list\n", encoding="utf-8")
    lines = list(format_report(check_paths([tmp_path / "b.yaml"])))
    assert lines[1].endswith("no se pudo cargar: 1 error")
    assert lines[-1] == "1 banco: 1 error, 0 avisos."
    report = check_paths([tmp_path])
    lines = list(format_report(report))
    errors = len(report.errors)
    assert errors > 2
    assert lines[-1] == f"2 bancos: {errors} errores, 0 avisos."


def test_a_yaml_syntax_error_is_explained_in_spanish(spanish: None) -> None:
    with pytest.raises(YamlRefused) as caught:
        read_yaml("format: 1\nid: clinic\ntitle: Side effects: what to know\n")
    assert caught.value.line == 3
    assert caught.value.message.startswith(
        "no es YAML válido: este texto tiene dos puntos seguidos de un espacio"
    )
    assert (
        'ponga todo el texto entre comillas dobles, como title: "Efectos secundarios: lo que debe saber"'
        in (caught.value.message)
    )
    assert "(YAML: mapping values are not allowed" in caught.value.message  # PyYAML's own words stay


def test_a_refused_yaml_feature_names_the_kind_of_file_in_spanish(spanish: None) -> None:
    with pytest.raises(YamlRefused) as caught:
        read_yaml("a: &x 1\nb: *x\n", what=KIOSK_CONFIG)
    assert caught.value.message == "no se permiten anclas YAML (&nombre) en una configuración de quiosco"
    with pytest.raises(YamlRefused) as caught:
        read_yaml("a: 1\n---\nb: 2\n")
    assert caught.value.message == "un banco de preguntas contiene un solo documento YAML, no varios"


def test_an_empty_file_is_told_apart_in_any_language(tmp_path: Path, spanish: None) -> None:
    with pytest.raises(YamlRefused) as caught:
        read_yaml("# nothing here\n")
    assert caught.value.empty and caught.value.message == "el archivo está vacío"
    # The kiosk takes an empty config as "nothing configured", in Spanish too (it once compared English words).
    config = tmp_path / "kiosk.yaml"
    config.write_text("# nothing yet\n", encoding="utf-8")
    assert load_kiosk_config(config, require_pin=False) is not None


def test_unsafe_text_and_duplicates_in_spanish(tmp_path: Path, spanish: None) -> None:
    bank = BAD_BANK.replace('"Clear the screen \\e[2J"', "Clear\n    id: again").encode()
    with pytest.raises(BankError) as caught:
        parse_bank(bank, tmp_path / "b.yaml")
    assert "nombre repetido 'id' (la primera vez en la línea 9)" in [p.message for p in caught.value.problems]
    tabbed = BAD_BANK.replace("text: Yes, correct", 'text: "Y\\tes", correct').encode()
    with pytest.raises(BankError) as caught:
        parse_bank(tabbed, tmp_path / "b.yaml")
    assert "el texto de la opción debe ser de una sola línea; contiene una tabulación (U+0009)" in [
        p.message for p in caught.value.problems
    ]


def test_the_spreadsheet_import_speaks_spanish(tmp_path: Path, spanish: None) -> None:
    library = SourceLibrary(make_library(tmp_path / "lib"))
    rows = [dict(ROWS[0], id="Bad Id", why_not_3="")]
    with pytest.raises(CsvImportError) as caught:
        import_csv(csv_bytes(rows, HEADER), tmp_path / "q.csv", INFO, library, tmp_path / "out.yaml")
    found = [str(p).split(": ", 1)[1] for p in caught.value.problems]
    bad_id = "'Bad Id' debe tener solo letras minúsculas, dígitos y guiones sueltos, como se-nausea-1"
    assert f"fila 2, columna id (A): {bad_id}" in found
    why = "la opción 3 es incorrecta: diga por qué, para el paciente que la elija"
    assert f"fila 2, columna why_not_3 (I): {why}" in found
    text, count = import_csv(
        csv_bytes(ROWS, HEADER), tmp_path / "q.csv", INFO, library, tmp_path / "out.yaml"
    )
    assert count == 2 and text.startswith("# Importado de q.csv con `ketaquiz import` el 2026-12-04.\n")


def test_signing_and_the_source_library_in_spanish(tmp_path: Path, spanish: None) -> None:
    with pytest.raises(SignError, match=r"^falta quien revisa: escriba el nombre"):
        check_reviewer("  ")
    with pytest.raises(SignError, match=r"^la fecha de revisión 2030-01-01 está en el futuro$"):
        check_date("2030-01-01", today=dt.date(2026, 12, 4))
    with pytest.raises(SourceLibraryError, match=r"la carpeta de la biblioteca de fuentes no existe$"):
        SourceLibrary(tmp_path / "missing")


def test_folder_problems_in_spanish(tmp_path: Path, spanish: None) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    assert folder_problem(blocker) == f"{blocker} es un archivo, no una carpeta"
    assert folder_problem(blocker / "inner") == (
        f"{blocker} es un archivo, no una carpeta (en el camino a {blocker / 'inner'})"
    )
    assert describe_os_error(PermissionError(13, "Permission denied")) == "permiso denegado"


def test_the_safety_words_follow_the_language(spanish: None) -> None:
    assert i18n._(CRISIS_TEXT_US) == (
        "En una crisis: llame o envíe un mensaje de texto al 988 (hay ayuda en español). En una emergencia, "
        "llame al 911."
    )
    assert review_line("Ana Ruiz, MD", "2026-11-22") == "Revisado por Ana Ruiz, MD el 2026-11-22."
    assert review_line(None, None) == "Ningún profesional clínico ha revisado todavía estas preguntas."
    i18n.set_language("en")
    assert review_line("Ana Ruiz, MD", None) == "Reviewed by Ana Ruiz, MD."


def test_the_starter_bank_in_spanish_checks_against_a_spanish_source(
    tmp_path: Path, spanish: None, sources_dir: Path
) -> None:
    path = tmp_path / "clinica.yaml"
    text = starter_bank("clinica", file_name=path.name)
    path.write_text(text, encoding="utf-8")
    assert text != STARTER and "# Un banco de preguntas de ketaquiz" in text

    # The YAML keys stay English: the Spanish starter has the English one's keys, in the same order.
    def keys(yaml_text: str) -> list[str]:
        return re.findall(r"^ *(?:- )?([\w-]+):", yaml_text, flags=re.MULTILINE)

    assert [k.replace("medlineplus-esketamina-es", "SOURCE") for k in keys(text)] == [
        k.replace("fda-spravato-rems", "SOURCE") for k in keys(STARTER)
    ]
    bank = load_bank(path)
    assert bank.language == "es" and bank.questions[0].id == "clinica-watch-after-dose"
    report = check_paths([path], sources=sources_dir)
    assert [f.rule for f in report.findings] == ["review"]  # loads, every quote verifies, reads easily
    assert report.banks[0].verified == 1 and report.banks[0].mean_grade is not None
    assert report.banks[0].mean_grade >= 60  # INFLESZ: "bastante fácil" or easier
