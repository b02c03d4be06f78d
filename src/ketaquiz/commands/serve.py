"""`ketaquiz serve`: the quiz, or the kiosk, in a web browser (needs the `web` extra, textual-serve).

Everything a tab will need is checked once here, before serving, so a bad config or bank is a clear error at the
command line rather than a blank tab: with `--kiosk`, the kiosk config (no PIN needed: in a browser staff stop the
server on the host) and every bank; without it, that at least one bank loads.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ketaquiz.commands.common import say
from ketaquiz.core.i18n import _, language
from ketaquiz.core.paths import ENV_CONFIG, config_file

WHO = "ketaquiz serve"  # i18n: not shown (the command's name)


def _error(message: str) -> int:
    say(sys.stderr, WHO, _("error: {message}").format(message=message))
    return 1


def _kiosk_config_path(args: argparse.Namespace) -> Path | None:
    """The config to serve the kiosk with: the one named (--config or KETAQUIZ_CONFIG), which must exist, else
    the default one if there is one, else None (the defaults)."""
    if args.config or os.environ.get(ENV_CONFIG):
        return config_file(args.config).resolve()
    default = config_file()
    return default.resolve() if default.exists() else None


def run(args: argparse.Namespace) -> int:
    from ketaquiz import web

    if not web.web_extra_installed():
        return _error(
            _("serving to a browser needs the web extra: {command}").format(command=web.web_extra_hint())
        )
    banks = [str(Path(b).resolve()) for b in args.bank or ()]
    config: Path | None = None
    data_dir: Path | None = None
    if args.kiosk:
        from ketaquiz.commands.kiosk import open_stats, prepare

        config = _kiosk_config_path(args)
        if config is not None:
            prepared = prepare(config, banks or None, command="serve", require_pin=False)
            if isinstance(prepared, int):
                return prepared
            if prepared[0].anonymous_stats:
                store = open_stats("serve")
                if isinstance(store, int):
                    return store
                store.close()
        else:
            from ketaquiz.commands.common import load_banks

            if load_banks(banks, WHO, sys.stderr, refuse_if_any_fails=True) is None:
                return 1
        if args.data_dir:
            say(sys.stderr, WHO, _("note: --data-dir is not used with --kiosk (nothing is stored)"))
    else:
        from ketaquiz.commands.common import load_banks

        if load_banks(banks, WHO, sys.stderr) is None:
            return 1
        if args.data_dir:
            data_dir = Path(args.data_dir).expanduser().resolve()
            try:
                data_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                return _error(
                    _("cannot use the data folder {folder}: {reason}").format(
                        folder=data_dir, reason=exc.strerror or exc
                    )
                )
    # Every tab runs in the interface language the server was started in (each tab is a process of its own).
    command = web.tab_command(
        kiosk=args.kiosk, config=config, banks=banks, data_dir=data_dir, language=language()
    )
    url = f"http://{args.host}:{args.port}"
    if args.kiosk:
        started = _("the kiosk at {url} (nothing is stored). Stop with ctrl+c.")
    elif data_dir:
        started = _(
            "the quiz at {url} (progress is kept in {folder}, shared by every tab). Stop with ctrl+c."
        )
    else:
        started = _("the quiz at {url} (no progress is kept). Stop with ctrl+c.")
    say(sys.stderr, WHO, started.format(url=url, folder=data_dir))
    try:
        web.serve(
            command, host=args.host, port=args.port, title=_("ketaquiz kiosk") if args.kiosk else "ketaquiz"
        )
    except web.WebExtraMissing as exc:
        return _error(str(exc))
    except OSError as exc:
        return _error(
            _("cannot serve on {host}:{port}: {reason}").format(
                host=args.host, port=args.port, reason=exc.strerror or exc
            )
        )
    return 0
