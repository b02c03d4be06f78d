"""What each browser tab runs: `ketaquiz serve` has textual-serve start `python -m ketaquiz.commands.tab KIND`.

- `kiosk-tab`: the kiosk without the staff exit (in a browser F12 belongs to the browser), keeping nothing.
- `quiz-tab`: the self-study quiz with its progress in memory only (see `ketaquiz.web` for why).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ketaquiz.core.i18n import LANGUAGES, set_language


def _kiosk_tab(args: argparse.Namespace) -> int:
    from ketaquiz.commands.kiosk import open_stats, prepare
    from ketaquiz.core.kiosk import KioskConfig

    if args.config:
        prepared = prepare(Path(args.config), args.bank, command="serve", require_pin=False)
        if isinstance(prepared, int):
            return prepared
        config, banks = prepared
    else:
        from ketaquiz.core.catalog import load_catalog

        config = KioskConfig()
        catalog = load_catalog(args.bank or None)
        if catalog.failures or not catalog.banks:
            return 1  # `serve` checked the banks before serving; they changed since
        banks = catalog.banks
    stats = None
    if config.anonymous_stats:
        opened = open_stats("serve")
        if isinstance(opened, int):
            return opened
        stats = opened
    from ketaquiz.tui.kiosk import KioskApp

    try:
        KioskApp(config, banks, stats=stats, staff_exit=False).run()
    finally:
        if stats is not None:
            stats.close()
    return 0


def _quiz_tab(args: argparse.Namespace) -> int:
    from ketaquiz.commands.common import load_banks
    from ketaquiz.core.progress import ProgressStore

    # Banks that fail are named on Home, as in the terminal; `serve` checked that at least one loads.
    catalog = load_banks(args.bank, "ketaquiz serve", sys.stderr, name_failures=False)
    if catalog is None:
        return 1
    # Progress in memory only: nothing of one tab's learner reaches another's, or outlives the tab.
    store = ProgressStore(":memory:")
    from ketaquiz.tui.browser import BrowserQuizApp

    try:
        app = BrowserQuizApp(catalog, store)
        app.run()
        return app.return_code or 0
    finally:
        store.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ketaquiz.commands.tab", description="Run by `ketaquiz serve` per tab."
    )
    parser.add_argument("kind", choices=("kiosk-tab", "quiz-tab"))
    parser.add_argument("--config")
    parser.add_argument("--bank", action="append")
    parser.add_argument("--lang", choices=LANGUAGES)  # the interface language `serve` was started in
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    return _kiosk_tab(args) if args.kind == "kiosk-tab" else _quiz_tab(args)


if __name__ == "__main__":
    sys.exit(main())
