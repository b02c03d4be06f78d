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
