"""Fixtures the app's Pilot tests share: the snapshot banks and a store in a temporary folder.

A test module that needs other banks defines its own `catalog` (pytest prefers the nearer one).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ketaquiz.core.catalog import Catalog, load_catalog
from ketaquiz.core.progress import ProgressStore
from tests.functional.test_app import BANKS, clock


@pytest.fixture
def catalog() -> Catalog:
    cat = load_catalog([BANKS], use_cache=False)
    assert [b.id for b in cat.banks] == ["snapshot-basics", "snapshot-second"]
    return cat


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    s = ProgressStore(tmp_path / "progress.sqlite3", clock=clock)
    yield s
    s.close()
