"""The browser front end: ketaquiz served to web browsers by textual-serve (the optional `web` extra).

textual-serve starts one app process per browser tab with a shell command. That command is this module, run as
`python -m ketaquiz.web TAB-KIND ...`, so each tab can be set up the way the browser needs:

- `kiosk-tab`: the kiosk without the staff exit (in a browser F12 belongs to the browser; staff stop the server on
  the host), so no PIN is needed. It keeps nothing about a visitor, as in the terminal.
- `quiz-tab`: the self-study quiz with its progress in memory only (`ketaquiz.tui.browser`), so nothing of one
  tab's learner reaches another's (every tab runs as the same OS user) and nothing outlives the tab; the app says
  "Progress not saved", and q ends the tab saying nothing was kept. With `serve --data-dir DIR` the plain quiz
  command runs instead, and every tab shares DIR.

Nothing here imports Textual or textual-serve until it is needed.
"""

from __future__ import annotations

import argparse
import importlib.util
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

WEB_EXTRA_HINT = 'pip install "ketaquiz[web]"'
"""The command for an ordinary install; `web_extra_hint` gives the one for a clone."""


class WebExtraMissing(RuntimeError):
    """textual-serve is not installed."""


def web_extra_installed() -> bool:
    return importlib.util.find_spec("textual_serve") is not None


def source_checkout() -> Path | None:
    """The clone ketaquiz runs from (an editable install, or `src/` on the path), or None for an ordinary install.

    An editable install says so in its `direct_url.json` (PEP 610); without any install record, a pyproject.toml
    two folders above the package means a source tree.
    """
    import json
    from importlib import metadata
    from urllib.parse import unquote, urlparse

    try:
        record = metadata.distribution("ketaquiz").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        record = None
        root = Path(__file__).resolve().parent.parent.parent
        return root if (root / "pyproject.toml").is_file() else None
    if not record:
        return None
    try:
        info = json.loads(record)
    except ValueError:
        return None
    if not (
        isinstance(info, dict) and isinstance(info.get("dir_info"), dict) and info["dir_info"].get("editable")
    ):
        return None
    url = urlparse(str(info.get("url", "")))
    return Path(unquote(url.path)) if url.scheme == "file" else None


def web_extra_hint() -> str:
    """The command that adds the web extra where this ketaquiz was installed from."""
    clone = source_checkout()
    if clone is None:
        return WEB_EXTRA_HINT
    command = 'pip install -e ".[web]"'
    try:
        here = Path.cwd().resolve() == clone.resolve()
    except OSError:
        here = False
    return command if here else f"{command} (in {clone})"


def tab_command(
    *,
    kiosk: bool,
    config: Path | None = None,
    banks: Sequence[str] = (),
    data_dir: Path | None = None,
) -> str:
    """The shell command textual-serve runs for each new tab."""
    argv = [sys.executable, "-m"]
    if kiosk:
        argv += ["ketaquiz.web", "kiosk-tab"]
        if config is not None:
            argv += ["--config", str(config)]
    elif data_dir is not None:
        argv += ["ketaquiz", "--data-dir", str(data_dir)]
    else:
        argv += ["ketaquiz.web", "quiz-tab"]
    for bank in banks:
        argv += ["--bank", str(bank)]
    return shlex.join(argv)


def serve(command: str, *, host: str, port: int, title: str = "ketaquiz") -> None:
    """Serve `command` until ctrl+c. Raises WebExtraMissing without textual-serve, OSError if the port is taken."""
    try:
        from textual_serve.server import Server
    except ImportError as exc:
        raise WebExtraMissing(f"ketaquiz serve needs the web extra: {web_extra_hint()}") from exc
    Server(command, host=host, port=port, title=title).serve()


# ----------------------------------------------------------------------------------------------------------------
# What each tab runs


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
        prog="python -m ketaquiz.web", description="Run by `ketaquiz serve` per tab."
    )
    parser.add_argument("kind", choices=("kiosk-tab", "quiz-tab"))
    parser.add_argument("--config")
    parser.add_argument("--bank", action="append")
    args = parser.parse_args(argv)
    return _kiosk_tab(args) if args.kind == "kiosk-tab" else _quiz_tab(args)


if __name__ == "__main__":
    sys.exit(main())
