"""Clinic banks remembered (issue 16): the store keeps the bank files a profile was quizzed from with `--bank`,
through its own migration, and the catalog loads them beside the bundled banks."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ketaquiz.core.catalog import load_catalog
from ketaquiz.core.paths import bundled_banks_dir
from ketaquiz.core.progress import MIGRATIONS, STORE_FILENAME, ProgressStore

DATA = Path(__file__).resolve().parent.parent / "data"
BASICS = DATA / "plain-basics.yaml"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _migration_index() -> int:
    """Which migration adds the remembered banks (its number may change as migrations are merged in order)."""
    [index] = [i for i, steps in enumerate(MIGRATIONS) if any("profile_banks" in step for step in steps)]
    return index


def test_the_remembered_banks_migration_upgrades_the_store_before_it_and_keeps_its_profiles(
    tmp_path: Path,
) -> None:
    index = _migration_index()
    path = tmp_path / STORE_FILENAME
    conn = sqlite3.connect(path, isolation_level=None)
    for version, steps in enumerate(MIGRATIONS[:index]):
        for step in steps:
            conn.execute(step, {"now": "2026-03-01T09:00:00.000000+00:00"})
        conn.execute(f"PRAGMA user_version = {version + 1}")
    conn.execute("INSERT INTO profiles (name, created_at) VALUES ('sam', '2026-03-01T09:00:00.000000+00:00')")
    assert "profile_banks" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()

    with ProgressStore(path, clock=lambda: T0) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert store.profiles() == ["default", "sam"]
        assert store.remembered_banks("sam") == []
        store.remember_banks("sam", [(str(BASICS), "plain-basics")])
    with ProgressStore(path, clock=lambda: T0) as store:
        [kept] = store.remembered_banks("sam")
        assert (kept.path, kept.bank_id, kept.last_used_at) == (str(BASICS), "plain-basics", T0)
        assert store.remembered_banks("default") == []  # per profile


def test_a_bank_used_from_a_new_place_is_remembered_there_only(tmp_path: Path) -> None:
    ticks = iter(range(100))
    with ProgressStore(":memory:", clock=lambda: T0 + timedelta(minutes=next(ticks))) as store:
        store.remember_banks("default", [("/old/clinic.yaml", "clinic"), ("/x/other.yaml", "other")])
        store.remember_banks("default", [("/old/clinic.yaml", "clinic")])  # again: one row
        store.remember_banks("default", [("/new/clinic.yaml", "clinic")])
        assert [(r.path, r.bank_id) for r in store.remembered_banks("default")] == [
            ("/x/other.yaml", "other"),
            ("/new/clinic.yaml", "clinic"),
        ]


def test_the_catalog_loads_remembered_banks_beside_the_bundled_ones_and_skips_a_bundled_file() -> None:
    bundled = load_catalog(use_cache=False)
    one_bundled = bundled.banks[0].path
    catalog = load_catalog(use_cache=False, remembered=[BASICS, one_bundled])
    assert [b.id for b in catalog.banks] == [*(b.id for b in bundled.banks), "plain-basics"]
    assert not catalog.failures
    assert Path(one_bundled).resolve().is_relative_to(bundled_banks_dir().resolve())
    # --bank replaces the set: remembered banks are for the bundled set only.
    assert [b.id for b in load_catalog([BASICS], use_cache=False, remembered=[one_bundled]).banks] == [
        "plain-basics"
    ]


def test_a_remembered_copy_of_a_bundled_bank_gives_way_to_it_without_a_failure(tmp_path: Path) -> None:
    # A learner once used `--bank` with a copy of a bundled bank (a clinic's edit, an old download): without
    # `--bank`, the bundled bank is shown and the copy is not named as a failure at every start.
    bundled = load_catalog(use_cache=False, language="en")
    original = next(b for b in bundled.banks if b.language == "en")
    copy = tmp_path / "our-copy.yaml"
    copy.write_bytes(Path(original.path).read_bytes())
    catalog = load_catalog(use_cache=False, remembered=[copy, BASICS])
    assert not catalog.failures
    assert [b.id for b in catalog.banks] == [*(b.id for b in bundled.banks), "plain-basics"]
    assert next(b for b in catalog.banks if b.id == original.id).path == original.path
    # In Spanish too (the copy's id is that of a bundled bank in another language).
    assert not load_catalog(use_cache=False, language="es", remembered=[copy]).failures
    # `--bank` still opens the copy itself.
    [opened] = load_catalog([copy], use_cache=False).banks
    assert Path(opened.path) == copy


def test_a_remembered_bank_that_only_shares_question_ids_still_fails_by_name(tmp_path: Path) -> None:
    bundled = load_catalog(use_cache=False)
    original = Path(bundled.banks[0].path)
    text = original.read_text(encoding="utf-8").replace(
        f"id: {bundled.banks[0].id}\n", "id: our-own-bank\n", 1
    )
    copy = tmp_path / "renamed.yaml"
    copy.write_text(text, encoding="utf-8")
    catalog = load_catalog(use_cache=False, remembered=[copy])
    [failure] = catalog.failures
    assert "question id also used" in str(failure)
