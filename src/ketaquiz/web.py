"""The browser front end: ketaquiz served to web browsers by textual-serve (the optional `web` extra).

textual-serve starts one app process per browser tab with a shell command (`tab_command`): `python -m
ketaquiz.commands.tab TAB-KIND ...` (the tab runners are commands, like every entry point), so each tab can be set
up the way the browser needs:

- `kiosk-tab`: the kiosk without the staff exit (in a browser F12 belongs to the browser; staff stop the server on
  the host), so no PIN is needed. It keeps nothing about a visitor, as in the terminal.
- `quiz-tab`: the self-study quiz with its progress in memory only (`ketaquiz.tui.browser`), so nothing of one
  tab's learner reaches another's (every tab runs as the same OS user) and nothing outlives the tab; the app says
  "Progress not saved", and q ends the tab saying nothing was kept. With `serve --data-dir DIR` the plain quiz
  command runs instead, and every tab shares DIR.

Nothing here imports Textual or textual-serve until it is needed.
"""

from __future__ import annotations

import importlib.util
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from ketaquiz.core.i18n import _

WEB_EXTRA_HINT = 'pip install "ketaquiz[web]"'  # i18n: not shown (a command to type)
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
        record = metadata.distribution("ketaquiz").read_text("direct_url.json")  # i18n: not shown (a file)
    except metadata.PackageNotFoundError:
        record = None
        root = Path(__file__).resolve().parent.parent.parent
        return root if (root / "pyproject.toml").is_file() else None  # i18n: not shown (a file)
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
    command = 'pip install -e ".[web]"'  # i18n: not shown (a command to type)
    try:
        here = Path.cwd().resolve() == clone.resolve()
    except OSError:
        here = False
    return command if here else _("{command} (in {folder})").format(command=command, folder=clone)


def tab_command(
    *,
    kiosk: bool,
    config: Path | None = None,
    banks: Sequence[str] = (),
    data_dir: Path | None = None,
    language: str | None = None,
) -> str:
    """The shell command textual-serve runs for each new tab; with `language`, the tab runs in it (`--lang`)."""
    tab = "ketaquiz.commands.tab"  # i18n: not shown (a module)
    argv = [sys.executable, "-m"]
    if kiosk:
        argv += [tab, "kiosk-tab"]  # i18n: not shown (arguments of a command)
        if config is not None:
            argv += ["--config", str(config)]
    elif data_dir is not None:
        argv += ["ketaquiz", "--data-dir", str(data_dir)]  # i18n: not shown (arguments of a command)
    else:
        argv += [tab, "quiz-tab"]  # i18n: not shown (arguments of a command)
    for bank in banks:
        argv += ["--bank", str(bank)]
    if language is not None:
        argv += ["--lang", language]
    return shlex.join(argv)


def serve(command: str, *, host: str, port: int, title: str = "ketaquiz") -> None:
    """Serve `command` until ctrl+c. Raises WebExtraMissing without textual-serve, OSError if the port is taken."""
    try:
        from textual_serve.server import Server
    except ImportError as exc:
        raise WebExtraMissing(
            _("ketaquiz serve needs the web extra: {command}").format(command=web_extra_hint())
        ) from exc
    Server(command, host=host, port=port, title=title).serve()
