"""`ketaquiz` (no command): open the self-study quiz app.

Loads the banks (exit 1 with the errors if none loads), opens the progress store (recovering rather than
refusing), checks `--theme` (an unknown name is a usage error, exit 2) and `--profile`, then runs the app.
"""

from __future__ import annotations

import argparse
import sys

from ketaquiz.core import paths
from ketaquiz.core.catalog import load_catalog
from ketaquiz.core.progress import StoreError, open_store


def _error(message: str) -> None:
    print(f"ketaquiz: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from ketaquiz.tui.themes import PALETTES

    theme = getattr(args, "theme", None)
    if theme is not None and theme not in PALETTES:
        _error(f"there is no theme called {theme!r}. Choose one of: {', '.join(PALETTES)}.")
        return 2
    profile = getattr(args, "profile", None) or "default"
    if not profile.strip() or len(profile) > 64 or not profile.isprintable():
        _error(
            f"{profile!r} cannot be a profile name: use 1 to 64 letters, digits or other printable characters."
        )
        return 2

    catalog = load_catalog(args.bank)
    if not catalog.banks:
        _error("no question bank could be loaded:")
        for failure in catalog.failures:
            print(str(failure), file=sys.stderr)
        if not catalog.failures:
            print("(no bank files were found)", file=sys.stderr)
        return 1

    opening = open_store(paths.data_dir(args.data_dir))
    store = opening.store
    try:
        from ketaquiz.tui.app import KetaquizApp

        app = KetaquizApp(
            catalog,
            store,
            profile=profile,
            theme=theme,
            review=bool(getattr(args, "review", False)),
            count=getattr(args, "count", None),
            notices=[opening.warning] if opening.warning else [],
            persistent=opening.persistent,
        )
        app.run()
        return app.return_code or 0
    except StoreError as exc:
        _error(f"your progress could not be used: {exc}")
        return 1
    finally:
        store.close()
