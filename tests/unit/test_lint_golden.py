"""`check` end to end on one small bank that trips most rules: every line and every JSON field pinned.

The bank (tests/data/golden/bank.yaml) and its two-source library were written by hand so that each rule fires
for a reason that can be read off the file; the expected figures below were worked out by hand too:
- test-wise: g-one's hedge-free key ties with "Five minutes" (1/2), g-two's key is the one hedged choice (1),
  g-three's "Nobody" scores -1 so the key wins (1): (1/2 + 1 + 1) / 3 = 83.3%; chance (1/3 + 1/3 + 1/2) / 3 = 38.9%.
- trusted: 2 of the 3 citations verify, both from the government source (67%); src-b is clinic marketing and its
  quote says "for all" where the source says "for everyone".
- correct-longest: the key is the longest in both questions with 3 choices (g-three has 2 choices: exempt).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ketaquiz.core import i18n
from ketaquiz.core.lint import check_paths, format_report

HERE = Path(__file__).resolve().parent.parent / "data" / "golden"
BANK = HERE / "bank.yaml"
LIB = HERE / "lib"

EXPECTED_TEXT = """\
bank               questions essential  quotes trusted grade test-wise warnings
golden                     3         1     2/3     67%   1.2    83/39%       14
quotes: verified in the source library. test-wise: right answers a reader who picks the most
hedged, least absolute choice can expect / by chance. +N ok: warnings acknowledged with lint_ok.

{bank}:1: warning: [golden] objective 'spare' is declared but no question teaches it (objective-unused)
{bank}:1: warning: [golden] a reader who picks the most hedged, least absolute choice scores 83% against 39% by chance; keep it within 8 points (test-wise-score)
{bank}:1: warning: [golden] the correct choice is the longest in 2 of 2 questions; test-wise readers spot this (correct-longest)
{bank}:1: warning: [golden] no clinician has reviewed this bank (review.reviewed_by is null) (review)
{bank}:15: warning: [golden] source 'src-b': date 'Revised 2019' should be YYYY, YYYY-MM, YYYY-MM-DD or 'no date given' (source-date-form)
{bank}:15: warning: [golden] source 'src-b': title differs from the library's 'Source B'; copy it from the library's header (source-title)
{bank}:15: warning: [golden] source 'src-b': date differs from the library's 'no date given'; copy it from the library's header (source-date)
{bank}:31: warning: [g-one] only wrong choices use absolute words ('Only'); test-wise readers rule them out (absolute-only-in-distractors)
{bank}:39: warning: [g-two] the prompt asks a negative question (NOT / EXCEPT); ask it positively (negative-stem)
{bank}:39: warning: [g-two] the question names no objective (objective: ...) (objective-missing)
{bank}:42: warning: [g-two] only the right choice hedges ('may'); give a wrong choice that too (hedge-only-in-key)
{bank}:42: warning: [g-two] only the right choice names the care team ('care team'); give a wrong choice that too (team-only-in-key)
{bank}:51: error: [g-two] quote not found in source 'src-b' (citation)
{bank}:56: warning: [g-three] only the right choice names the care team ('prescriber'); give a wrong choice that too (team-only-in-key)
{bank}:58: warning: [g-three] only wrong choices use absolute words ('Nobody'); test-wise readers rule them out (absolute-only-in-distractors)

1 bank: 1 error, 14 warnings.
"""

# The same report in Spanish: only the words change. Each line keeps its file:line, its level, the id in brackets
# and the rule name in parentheses (editors and scripts read them), numbers take the Spanish form (1,2; 67 %), and
# the counts their plurals ("1 banco", "14 avisos").
EXPECTED_TEXT_ES = """\
banco              preguntas  esencial   citas fiables nivel     truco   avisos
golden                     3         1     2/3    67\u00a0%   1,2   83/39\u00a0%       14
citas: verificadas en la biblioteca de fuentes. truco: aciertos que espera quien elige la opción
más prudente y menos absoluta / al azar. +N ok: avisos aceptados con lint_ok.

{bank}:1: warning: [golden] el objetivo 'spare' está declarado pero ninguna pregunta lo enseña (objective-unused)
{bank}:1: warning: [golden] quien elige la opción más prudente y menos absoluta acierta el 83\u00a0%, frente al 39\u00a0% al azar; no deje que pase de 8 puntos (test-wise-score)
{bank}:1: warning: [golden] la opción correcta es la más larga en 2 de 2 preguntas; quien conoce el truco lo nota (correct-longest)
{bank}:1: warning: [golden] ningún profesional clínico ha revisado este banco (review.reviewed_by es null) (review)
{bank}:15: warning: [golden] fuente 'src-b': la fecha 'Revised 2019' debe ser YYYY, YYYY-MM, YYYY-MM-DD o 'no date given' (source-date-form)
{bank}:15: warning: [golden] fuente 'src-b': title no coincide con 'Source B' de la biblioteca; cópielo del encabezado de la biblioteca (source-title)
{bank}:15: warning: [golden] fuente 'src-b': date no coincide con 'no date given' de la biblioteca; cópielo del encabezado de la biblioteca (source-date)
{bank}:31: warning: [g-one] solo las opciones incorrectas usan palabras absolutas ('Only'); quien conoce el truco las descarta (absolute-only-in-distractors)
{bank}:39: warning: [g-two] el enunciado hace una pregunta negativa (NOT / EXCEPT); hágala en positivo (negative-stem)
{bank}:39: warning: [g-two] la pregunta no nombra un objetivo (objective: ...) (objective-missing)
{bank}:42: warning: [g-two] solo la opción correcta suaviza lo que dice ('may'); haga que una opción incorrecta también lo haga (hedge-only-in-key)
{bank}:42: warning: [g-two] solo la opción correcta nombra al equipo médico ('care team'); haga que una opción incorrecta también lo nombre (team-only-in-key)
{bank}:51: error: [g-two] la cita no está en la fuente 'src-b' (citation)
{bank}:56: warning: [g-three] solo la opción correcta nombra al equipo médico ('prescriber'); haga que una opción incorrecta también lo nombre (team-only-in-key)
{bank}:58: warning: [g-three] solo las opciones incorrectas usan palabras absolutas ('Nobody'); quien conoce el truco las descarta (absolute-only-in-distractors)

1 banco: 1 error, 14 avisos.
"""

EXPECTED_JSON = {
    "banks": [
        {
            "file": "{bank}",
            "id": "golden",
            "loaded": True,
            "questions": 3,
            "citations": 3,
            "citations_verified": 2,
            "citations_trusted": 2,
            "mean_grade": 1.2,
            "grade_scale": "fk",
            "language": "en",
            "essentials": 1,
            "testwise": {"score": 83.3, "chance": 38.9},
            "errors": 1,
            "warnings": 14,
            "acknowledged": 0,
        }
    ],
    "findings": [
        {
            "file": "{bank}",
            "line": 1,
            "level": "warning",
            "question": None,
            "rule": "objective-unused",
            "message": "objective 'spare' is declared but no question teaches it",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 1,
            "level": "warning",
            "question": None,
            "rule": "test-wise-score",
            "message": "a reader who picks the most hedged, least absolute choice scores 83% against 39% by chance; keep it within 8 points",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 1,
            "level": "warning",
            "question": None,
            "rule": "correct-longest",
            "message": "the correct choice is the longest in 2 of 2 questions; test-wise readers spot this",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 1,
            "level": "warning",
            "question": None,
            "rule": "review",
            "message": "no clinician has reviewed this bank (review.reviewed_by is null)",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 15,
            "level": "warning",
            "question": None,
            "rule": "source-date-form",
            "message": "source 'src-b': date 'Revised 2019' should be YYYY, YYYY-MM, YYYY-MM-DD or 'no date given'",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 15,
            "level": "warning",
            "question": None,
            "rule": "source-title",
            "message": "source 'src-b': title differs from the library's 'Source B'; copy it from the library's header",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 15,
            "level": "warning",
            "question": None,
            "rule": "source-date",
            "message": "source 'src-b': date differs from the library's 'no date given'; copy it from the library's header",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 31,
            "level": "warning",
            "question": "g-one",
            "rule": "absolute-only-in-distractors",
            "message": "only wrong choices use absolute words ('Only'); test-wise readers rule them out",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 39,
            "level": "warning",
            "question": "g-two",
            "rule": "negative-stem",
            "message": "the prompt asks a negative question (NOT / EXCEPT); ask it positively",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 39,
            "level": "warning",
            "question": "g-two",
            "rule": "objective-missing",
            "message": "the question names no objective (objective: ...)",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 42,
            "level": "warning",
            "question": "g-two",
            "rule": "hedge-only-in-key",
            "message": "only the right choice hedges ('may'); give a wrong choice that too",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 42,
            "level": "warning",
            "question": "g-two",
            "rule": "team-only-in-key",
            "message": "only the right choice names the care team ('care team'); give a wrong choice that too",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 51,
            "level": "error",
            "question": "g-two",
            "rule": "citation",
            "message": "quote not found in source 'src-b'",
            "acknowledged": None,
            "bank": None,
        },
        {
            "file": "{bank}",
            "line": 56,
            "level": "warning",
            "question": "g-three",
            "rule": "team-only-in-key",
            "message": "only the right choice names the care team ('prescriber'); give a wrong choice that too",
            "acknowledged": None,
            "bank": "golden",
        },
        {
            "file": "{bank}",
            "line": 58,
            "level": "warning",
            "question": "g-three",
            "rule": "absolute-only-in-distractors",
            "message": "only wrong choices use absolute words ('Nobody'); test-wise readers rule them out",
            "acknowledged": None,
            "bank": "golden",
        },
    ],
    "sources_checked": True,
}


def _report():
    return check_paths([BANK], sources=LIB)


def test_text_report_line_by_line() -> None:
    lines = list(format_report(_report()))
    assert "\n".join(lines) + "\n" == EXPECTED_TEXT.format(bank=BANK)


def test_text_report_in_spanish_keeps_the_layout() -> None:
    before = i18n.language()
    i18n.set_language("es")
    try:
        lines = list(format_report(_report()))
    finally:
        i18n.set_language(before)
    assert "\n".join(lines) + "\n" == EXPECTED_TEXT_ES.format(bank=BANK)
    # Line for line, the Spanish report has what the English one has where tools look: file:line, level, id, rule.
    english = EXPECTED_TEXT.format(bank=BANK).splitlines()
    for es, en in zip("\n".join(lines).splitlines(), english, strict=True):
        if en.startswith(str(BANK)):
            assert es.split(" ", 3)[:3] == en.split(" ", 3)[:3]  # "file:line:", "level:", "[id]"
            assert es.rsplit(" ", 1)[1] == en.rsplit(" ", 1)[1]  # "(rule)"
            assert es != en


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_json_report_is_the_same_in_both_languages_but_for_messages(language: str) -> None:
    before = i18n.language()
    i18n.set_language(language)
    try:
        report = _report().to_json()
    finally:
        i18n.set_language(before)
    english = json.loads(json.dumps(EXPECTED_JSON).replace('"{bank}"', json.dumps(str(BANK))))
    for found in report["findings"]:  # type: ignore[attr-defined]
        found.pop("message")
    for expected in english["findings"]:
        expected.pop("message")
    assert report == english


def test_json_report_field_by_field() -> None:
    expected = json.loads(json.dumps(EXPECTED_JSON).replace('"{bank}"', json.dumps(str(BANK))))
    assert _report().to_json() == expected


def test_exit_codes() -> None:
    report = _report()
    assert report.exit_code() == 1  # one citation error
    assert [f.rule for f in report.errors] == ["citation"]
    assert len(report.warnings) == 14
