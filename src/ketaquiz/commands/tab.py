"""What each browser tab runs: `ketaquiz serve` has textual-serve start `python -m ketaquiz.commands.tab KIND`.

- `kiosk-tab`: the kiosk without the staff exit (in a browser F12 belongs to the browser), keeping nothing.
- `quiz-tab`: the self-study quiz with its progress in memory only (see `ketaquiz.web` for why).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ketaquiz.core.i18n import LANGUAGES, _, set_language

if TYPE_CHECKING:
    from ketaquiz.core.catalog import Catalog

WHO = "ketaquiz serve"  # i18n: not shown (the command's name)


def _kiosk_tab(args: argparse.Namespace) -> int:
    from ketaquiz.commands.kiosk import prepare, run_kiosk

    # `serve` checked the config and the banks before serving; a tab checks them again (they may have changed).
    prepared = prepare(
        Path(args.config) if args.config else None, args.bank, command="serve", require_pin=False
    )
    if isinstance(prepared, int):
        return prepared
    config, banks = prepared
    return run_kiosk(config, banks, "serve", staff_exit=False)


def _quiz_tab(args: argparse.Namespace) -> int:
    from ketaquiz.commands.common import load_banks
    from ketaquiz.core.progress import ProgressStore

    # Banks that fail are named on Home, as in the terminal; `serve` checked that at least one loads.
    catalog = load_banks(args.bank, WHO, sys.stderr, name_failures=False)
    if catalog is None:
        return 1
    # Progress in memory only: nothing of one tab's learner reaches another's, or outlives the tab.
    store = ProgressStore(":memory:")
    from ketaquiz.tui.browser import BrowserQuizApp

    def catalog_for(language: str) -> Catalog | None:
        # Home's `l`: the bundled banks of that language, as in the terminal; a tab with `--bank` keeps its banks.
        return load_banks(None, WHO, io.StringIO(), name_failures=False, language=language)

    try:
        app = BrowserQuizApp(catalog, store, catalog_for=None if args.bank else catalog_for)
        app.run()
        return app.return_code or 0
    finally:
        store.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ketaquiz.commands.tab",  # i18n: not shown (the program's name)
        description=_("Run by `ketaquiz serve` for each browser tab."),
    )
    parser.add_argument("kind", choices=("kiosk-tab", "quiz-tab"))  # i18n: not shown (the kinds' names)
    parser.add_argument("--config")
    parser.add_argument("--bank", action="append")
    parser.add_argument("--lang", choices=LANGUAGES)  # the interface language `serve` was started in
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    return _kiosk_tab(args) if args.kind == "kiosk-tab" else _quiz_tab(args)


if __name__ == "__main__":
    sys.exit(main())
