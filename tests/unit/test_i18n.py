"""The interface language: the choice of language, the catalog in step with the code, nothing shown unmarked."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

import pytest

from ketaquiz.core import i18n

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "ketaquiz"


def _load(name: str, path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def spanish():  # type: ignore[no-untyped-def]
    before = i18n.language()
    i18n.set_language("es")
    yield
    i18n.set_language(before)


# -- which language


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("es_US.UTF-8", "es"),
        ("es_MX", "es"),
        ("es", "es"),
        ("ES-mx", "es"),
        ("en_GB.UTF-8", "en"),
        ("fr_FR.UTF-8", None),
        ("C", None),
        ("POSIX", None),
        ("C.UTF-8", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise(value: str | None, expected: str | None) -> None:
    if value in ("C", "POSIX", "C.UTF-8"):
        assert i18n.from_locale({"LANG": value}) is None
    else:
        assert i18n.normalise(value) == expected


def test_the_locale_is_read_as_gettext_reads_it() -> None:
    assert i18n.from_locale({"LANG": "es_US.UTF-8"}) == "es"
    assert i18n.from_locale({"LC_ALL": "es_MX.UTF-8", "LANG": "en_US.UTF-8"}) == "es"
    assert i18n.from_locale({"LC_MESSAGES": "en_US.UTF-8", "LANG": "es_ES.UTF-8"}) == "en"
    # LANGUAGE may list several; the first one we have wins, and it is read before the others.
    assert i18n.from_locale({"LANGUAGE": "fr:es", "LANG": "en_US.UTF-8"}) == "es"
    assert i18n.from_locale({"LANGUAGE": "fr", "LANG": "es_ES.UTF-8"}) is None
    assert i18n.from_locale({"LANG": "C.UTF-8"}) is None
    assert i18n.from_locale({}) is None


def test_the_order_of_choice() -> None:
    env = {"KETAQUIZ_LANG": "en", "LANG": "es_US.UTF-8"}
    assert i18n.choose("es", env, saved="en") == "es"  # --lang first
    assert i18n.choose(None, env, saved="es") == "en"  # then KETAQUIZ_LANG
    assert i18n.choose(None, {"LANG": "en_US.UTF-8"}, saved="es") == "es"  # then the saved choice
    assert i18n.choose(None, {"LANG": "es_US.UTF-8"}) == "es"  # then the locale
    assert i18n.choose(None, {"LANG": "C"}) == "en"  # C is English
    assert i18n.choose(None, {}) == "en"


def test_values_we_do_not_have_are_ignored_in_the_environment() -> None:
    assert i18n.choose(None, {"KETAQUIZ_LANG": "fr", "LANG": "es_MX.UTF-8"}) == "es"
    assert i18n.choose(None, {"KETAQUIZ_LANG": "klingon"}, saved="nonsense") == "en"


def test_an_unknown_lang_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    from ketaquiz.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--lang", "fr", "--plain"])
    assert exit_info.value.code == 2
    assert "--lang" in capsys.readouterr().err


def test_the_command_line_reads_the_choice_saved_on_home(tmp_path: Path) -> None:
    from ketaquiz.cli import choose_language
    from ketaquiz.core.progress import ProgressStore

    store = ProgressStore(tmp_path / "progress.sqlite3")
    store.set_pref(i18n.LANGUAGE_PREF_KEY, "es")
    store.close()
    env = {"LANG": "en_US.UTF-8"}
    assert choose_language(["--data-dir", str(tmp_path)], env) == "es"
    assert choose_language([f"--data-dir={tmp_path}", "stats"], env) == "es"
    assert choose_language(["--data-dir", str(tmp_path), "--lang", "en"], env) == "en"
    assert choose_language(["--data-dir", str(tmp_path)], {**env, "KETAQUIZ_LANG": "en"}) == "en"
    assert choose_language(["--data-dir", str(tmp_path / "none")], env) == "en"


def test_set_language_refuses_what_we_do_not_have() -> None:
    with pytest.raises(ValueError):
        i18n.set_language("fr")


# -- counting, dates and numbers


def test_plural_forms_in_both_languages(spanish: None) -> None:
    assert i18n.ngettext("{n} question", "{n} questions", 1).format(n=1) == "1 pregunta"
    assert i18n.ngettext("{n} question", "{n} questions", 2).format(n=2) == "2 preguntas"
    i18n.set_language("en")
    assert i18n.ngettext("{n} question", "{n} questions", 1).format(n=1) == "1 question"
    assert i18n.ngettext("{n} question", "{n} questions", 0).format(n=0) == "0 questions"


def test_dates_and_numbers_in_spanish_form(spanish: None) -> None:
    import datetime as dt

    assert i18n.long_date(dt.date(2026, 12, 4)) == "4 de diciembre de 2026"
    assert i18n.short_date(dt.date(2026, 1, 9)) == "9 ene"
    assert i18n.number(5.25, 1) == "5,2"
    assert i18n.percent(92.4) == "92\u00a0%"
    i18n.set_language("en")
    assert i18n.long_date(dt.date(2026, 12, 4)) == "4 December 2026"
    assert i18n.number(1234.5, 1) == "1,234.5"
    assert i18n.percent(92.4) == "92%"


def test_english_reads_no_catalog() -> None:
    i18n.set_language("en")
    i18n._catalogs.clear()
    assert i18n._("Question {n} of {total}") == "Question {n} of {total}"
    assert i18n._catalogs == {}


# -- the catalog and the code


def test_the_spanish_catalog_is_complete_and_in_step_with_the_code() -> None:
    pytest.importorskip("babel", reason="Babel comes with the test extra")  # it is in .ci/run's install
    tool = _load("ketaquiz_i18n_tool", ROOT / "tools" / "i18n.py")
    found = tool.problems("es", tool.extract())
    assert found == [], "\n".join(found[:40]) + "\n(run: python tools/i18n.py)"


def test_every_shown_string_goes_through_the_catalog() -> None:
    scanner = _load("ketaquiz_i18n_scan", ROOT / "tests" / "i18n_scan.py")
    found = scanner.scan([SRC])
    assert found == [], f"{len(found)} shown strings are not marked for the catalog:\n" + "\n".join(
        found[:60]
    )


def _gettext_calls(tree: ast.AST) -> list[ast.Call]:
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("_", "ngettext")
    ]


def test_no_string_is_translated_at_import_time() -> None:
    """The language can change while the program runs (Home's l, a bilingual kiosk): translate where shown."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        run_later: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                run_later.update(id(sub) for sub in ast.walk(node))
        for call in _gettext_calls(tree):
            if id(call) not in run_later:
                found.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert found == [], "translated at import time (use N_ there and _ where it is shown):\n" + "\n".join(
        found
    )


def test_gettext_is_given_literal_strings() -> None:
    """Babel can only extract literals; an f-string would be looked up after its fields are filled in. A name is
    a constant marked with `N_` where it is defined (the rule in core/i18n.py: `_(CONSTANT)` where it is shown)."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "i18n.py":
            continue
        for call in _gettext_calls(ast.parse(path.read_text(encoding="utf-8"))):
            wanted = 2 if isinstance(call.func, ast.Name) and call.func.id == "ngettext" else 1
            literal = all(
                (isinstance(a, ast.Constant) and isinstance(a.value, str))
                or (isinstance(a, ast.Name) and a.id.isupper() and call.func.id == "_")  # type: ignore[attr-defined]
                for a in call.args[:wanted]
            )
            if not literal or len(call.args) < wanted:
                found.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert found == [], "_()/ngettext() given something other than a literal:\n" + "\n".join(found)
