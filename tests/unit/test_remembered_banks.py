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
