"""Loading the banks a front end runs on: failures kept apart, the content-keyed cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ketaquiz.core import bank as bank_mod
from ketaquiz.core.catalog import load_bank_cached, load_catalog
from tests.unit.test_bank import GOOD


def test_good_and_bad_banks(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text("format: 1\nid: broken\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(GOOD.replace("id: demo\n", "id: clash\n"), encoding="utf-8")
    cat = load_catalog([tmp_path, tmp_path / "missing.yaml"])
    assert [b.id for b in cat.banks] == ["demo"]
    failed = {e.path.name: e for e in cat.failures}
    assert set(failed) == {"b.yaml", "c.yaml", "missing.yaml"}
    assert "question id also used" in failed["c.yaml"].message  # the clash fails the later bank
    assert "no such file" in failed["missing.yaml"].message


def test_cache_is_used_when_unchanged_and_refreshed_when_changed(tmp_path: Path, monkeypatch) -> None:
    bank_file = tmp_path / "a.yaml"
    bank_file.write_text(GOOD, encoding="utf-8")
    folder = tmp_path / "cache"
    first = load_bank_cached(bank_file, folder=folder)
    assert len(list((folder / "banks").iterdir())) == 1

    calls = []
    real_parse = bank_mod.parse_bank  # (catalog imports it from the bank module when it must parse)
    monkeypatch.setattr(bank_mod, "parse_bank", lambda *a: calls.append(a) or real_parse(*a))
    again = load_bank_cached(bank_file, folder=folder)
    assert calls == [] and again == first

    bank_file.write_text(GOOD.replace("Demo bank", "Demo bank, changed"), encoding="utf-8")
    changed = load_bank_cached(bank_file, folder=folder)
    assert len(calls) == 1 and changed.title == "Demo bank, changed"


def test_corrupt_or_unwritable_cache_falls_back_to_parsing(tmp_path: Path) -> None:
    bank_file = tmp_path / "a.yaml"
    bank_file.write_text(GOOD, encoding="utf-8")
    folder = tmp_path / "cache"
    load_bank_cached(bank_file, folder=folder)
    (entry,) = (folder / "banks").iterdir()
    entry.write_bytes(b"not a pickle")
    assert load_bank_cached(bank_file, folder=folder).id == "demo"

    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    assert load_bank_cached(bank_file, folder=blocked).id == "demo"
    assert blocked.is_file()


def test_cache_entry_from_another_path_reports_this_path(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(GOOD, encoding="utf-8")
    b.write_text(GOOD, encoding="utf-8")
    load_bank_cached(a, folder=folder)
    assert load_bank_cached(b, folder=folder).path == b
    assert os.listdir(folder / "banks")


def test_bundled_banks_of_one_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ketaquiz.core import catalog as catalog_mod

    folder = tmp_path / "banks"
    folder.mkdir()
    for bank_id, lang in (("english", "en"), ("espanol", "es-MX")):
        text = GOOD.replace("id: demo\n", f"id: {bank_id}\n").replace("language: en", f"language: {lang}")
        (folder / f"{bank_id}.yaml").write_text(text.replace("demo-", f"{bank_id}-"))
    monkeypatch.setattr(catalog_mod, "bundled_banks_dir", lambda: folder)
    assert [b.id for b in load_catalog(None, use_cache=False).banks] == ["english"]
    assert [b.id for b in load_catalog(None, use_cache=False, language="es").banks] == ["espanol"]
    assert [b.id for b in load_catalog(None, use_cache=False, language="fr").banks] == ["english"]  # fallback
    # Given by path, every bank shows, whatever its language.
    assert [b.id for b in load_catalog([folder], use_cache=False).banks] == ["english", "espanol"]


def test_questions_by_id_across_banks_build_only_what_is_looked_up() -> None:
    from ketaquiz.core.catalog import Catalog
    from ketaquiz.core.model import QuestionList
    from tests.factories import make_bank

    a, b = make_bank("bank-a", 3), make_bank("bank-b", 2)
    # As read back from the cache: rows only, no Question built yet.
    a, b = (x._replace(questions=QuestionList.from_rows(x.questions._rows)) for x in (a, b))
    index = Catalog([a, b]).questions()
    assert len(index) == 5 and list(index) == [*a.questions.ids, *b.questions.ids]
    assert all(q is None for q in a.questions._built)
    bank, question = index["bank-b-q2"]
    assert bank is b and question.id == "bank-b-q2"
    assert index.prompt("bank-b-q2") == question.prompt and index.prompt("gone") is None
    assert "bank-a-q1" in index and "gone" not in index and index.get("gone") is None
    assert sum(q is not None for q in (*a.questions._built, *b.questions._built)) == 1


def test_a_flag_names_its_question_and_bank_or_says_the_bank_is_not_loaded() -> None:
    from datetime import UTC, datetime

    from ketaquiz.core.catalog import Catalog, flag_subject
    from ketaquiz.core.progress import Flag
    from tests.factories import make_bank

    bank = make_bank("bank-a", 2)
    questions = Catalog([bank]).questions()
    when = datetime(2026, 11, 1, tzinfo=UTC)
    here = flag_subject(Flag("bank-a", "bank-a-q1", "note", when), questions)
    assert here.loaded and here.bank is bank and here.bank_title == bank.title
    assert here.describe("bank-a-q1") == bank.question("bank-a-q1").prompt
    gone = flag_subject(Flag("old-bank", "old-q", "", when), questions)
    assert not gone.loaded and gone.bank_title == "old-bank" and gone.question is None
    assert gone.describe("old-q") == "question old-q (bank not loaded)"
