"""What the commands share: load the banks (naming each one that failed) and open the progress store.

Every command that reads banks goes through `load_banks`, and every one that also reads progress through
`load_banks_and_store`, so the rules are written once: a bank that fails is named on stderr and the others are
used; no bank at all is exit 1; a data folder that cannot be used still gives a store (in memory) and a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO

from ketaquiz.core import paths
from ketaquiz.core.catalog import Catalog, load_catalog
from ketaquiz.core.progress import STORE_FILENAME, Clock, ProgressStore, StoreOpening, open_store, utc_now

if TYPE_CHECKING:
    import argparse

__all__ = ["Loaded", "load_banks", "load_banks_and_store"]


class Loaded(NamedTuple):
    """The banks that loaded and the store that opened (see `load_banks_and_store`)."""

    catalog: Catalog
    store: ProgressStore
    opening: StoreOpening
    """How the store opened: `warning` and `persistent` say whether progress will be kept."""


def load_banks(
    sources: Sequence[str | Path] | None,
    who: str,
    err: TextIO,
    *,
    name_failures: bool = True,
    refuse_if_any_fails: bool = False,
    language: str = "en",
) -> Catalog | None:
    """The catalog of `sources` (None: the bundled banks), or None after saying on `err` why nothing can run.

    `who` starts each message ("ketaquiz", "ketaquiz stats"). Failed banks are named unless `name_failures` is
    False (the app shows them on Home), but always when no bank loaded. `refuse_if_any_fails` is the kiosk's
    rule: never half-configured.
    """
    catalog = load_catalog(sources or None, language=language)
    if name_failures or not catalog.banks or (refuse_if_any_fails and catalog.failures):
        for failure in catalog.failures:
            err.write(f"{who}: a bank could not be loaded:\n{failure}\n")
    if refuse_if_any_fails and catalog.failures:
        err.write(
            f"{who}: the kiosk does not start while a bank fails its check (run `ketaquiz check` on it).\n"
        )
        return None
    if not catalog.banks:
        if not catalog.failures:
            err.write(f"{who}: no bank files were found.\n")
        err.write(f"{who}: no question bank could be loaded, so there is nothing to ask.\n")
        return None
    return catalog


def load_banks_and_store(
    args: argparse.Namespace,
    who: str,
    err: TextIO,
    *,
    name_failures: bool = True,
    warn: bool = True,
    read_only: bool = False,
    clock: Clock = utc_now,
) -> Loaded | None:
    """Load `args.bank` (see `load_banks`), then open the store in `args.data_dir`; None when no bank loads.

    `warn` writes the store's warning (an unusable folder, a file moved aside) on `err`; the app shows it itself.
    `read_only` (stats, export) creates no file: with no store yet an empty in-memory one stands in, and SQLite's
    page-by-page check is skipped (about 20 ms per 100,000 answers).
    """
    catalog = load_banks(getattr(args, "bank", None), who, err, name_failures=name_failures)
    if catalog is None:
        return None
    folder = paths.data_dir(getattr(args, "data_dir", None))
    if read_only and not (folder / STORE_FILENAME).exists():
        store = ProgressStore(":memory:", clock=clock)
        return Loaded(catalog, store, StoreOpening(store, persistent=False))
    opening = open_store(folder, clock=clock, verify=not read_only)
    if warn and opening.warning:
        err.write(f"{who}: warning: {opening.warning}\n")
    return Loaded(catalog, opening.store, opening)
