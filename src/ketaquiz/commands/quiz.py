"""`ketaquiz` (no command): open the self-study quiz app.

Loads the banks (exit 1 with the errors if none loads), opens the progress store (recovering rather than
refusing), checks `--theme` (an unknown name is a usage error, exit 2) and `--profile`, then runs the app.
"""

from __future__ import annotations

import argparse
import gc
import io
import sys
from collections.abc import Callable
from pathlib import Path

from ketaquiz.commands.common import (
    load_banks,
    load_banks_and_store,
    missing_note,
    profile_problem,
    remember_clinic_banks,
)
from ketaquiz.core.catalog import Catalog
from ketaquiz.core.i18n import _
from ketaquiz.core.progress import ProgressStore, StoreError

GC_THRESHOLD = 20_000


def catalog_loader(
    args: argparse.Namespace, store: ProgressStore, profile: str
) -> Callable[[str], Catalog | None] | None:
    """How the app loads the banks Home lists when the learner changes the language (Home's `l`): the bundled
    banks of that language (English ones when it has none) and the profile's remembered clinic banks, as at the
    start (GUIDE 7). None with `--bank`: the banks given are shown whatever their language."""
    if getattr(args, "bank", None):
        return None

    def catalog_for(language: str) -> Catalog | None:
        try:
            remembered = [r.path for r in store.remembered_banks(profile) if Path(r.path).is_file()]
        except StoreError:
            remembered = []
        # Banks that fail are named on Home (catalog.failures), as at the start; nothing is printed.
        err = io.StringIO()
        return load_banks(
            None, "ketaquiz", err, name_failures=False, language=language, remembered=remembered
        )

    return catalog_for


def _error(message: str) -> None:
    print(f"ketaquiz: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from ketaquiz.tui.themes import PALETTES

    theme = getattr(args, "theme", None)
    if theme is not None and theme not in PALETTES:
        _error(
            _("there is no theme called {name}. Choose one of: {names}.").format(
                name=repr(theme), names=", ".join(PALETTES)
            )
        )
        return 2
    profile = getattr(args, "profile", None) or "default"
    if (problem := profile_problem(profile)) is not None:
        _error(problem)
        return 2

    # Banks that fail are named on Home, and the store's warning is one of its notices, not printed here.
    loaded = load_banks_and_store(args, "ketaquiz", sys.stderr, name_failures=False, warn=False)
    if loaded is None:
        return 1
    catalog, store, opening = loaded.catalog, loaded.store, loaded.opening
    remember_clinic_banks(args, catalog, store, profile)
    # Python's cycle collector, tuned for a TUI. The modules, the banks and the store live as long as the app, so
    # they are frozen out of its walks (measured: a full collection while Textual built Home walked them all,
    # about 20 ms of a 400 ms start). And it runs every 20,000 new container objects instead of every 700:
    # Textual makes many short-lived ones while it builds a screen, most freed at once by reference counting.
    gc_threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD)
    try:
        from ketaquiz.tui.app import KetaquizApp

        app = KetaquizApp(
            catalog,
            store,
            profile=profile,
            theme=theme,
            review=bool(getattr(args, "review", False)),
            essentials=bool(getattr(args, "essentials", False)),
            count=getattr(args, "count", None),
            notices=([opening.warning] if opening.warning else [])
            + [missing_note(m) for m in loaded.missing],
            persistent=opening.persistent,
            catalog_for=catalog_loader(args, store, profile),
        )
        app.run()
        return app.return_code or 0
    except StoreError as exc:
        _error(_("your progress could not be used: {error}").format(error=exc))
        return 1
    finally:
        store.close()
        gc.unfreeze()  # as it was, for a caller that goes on (the tests run this in their own process)
        gc.set_threshold(*gc_threshold)
