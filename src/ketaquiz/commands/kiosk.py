"""`ketaquiz kiosk` and `ketaquiz set-pin`: start the waiting-room kiosk, and set its staff PIN.

The kiosk never starts half-configured: a bad config, a bank that fails its check, or no staff PIN stops it at
start-up with a message naming the file, and exit code 1. Textual is imported only once all that has passed.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ketaquiz.core.kiosk import (
    MIN_IDLE_WARNING,
    KioskConfig,
    KioskConfigError,
    load_kiosk_config,
    pin_problem,
    set_pin_in_config,
)
from ketaquiz.core.paths import config_file, data_dir

if TYPE_CHECKING:
    from ketaquiz.core.model import Bank
    from ketaquiz.core.progress import ProgressStore

LOG_FILENAME = "kiosk.log"


def _error(command: str, message: str) -> None:
    print(f"ketaquiz {command}: error: {message}", file=sys.stderr)


def prepare(
    config_path: Path, banks: list[str] | None, *, command: str, require_pin: bool = True
) -> tuple[KioskConfig, list[Bank]] | int:
    """Load the config and the banks, or print why not and return the exit code.

    Shared with `ketaquiz serve --kiosk`, which checks everything once before serving any tab.
    """
    from ketaquiz.commands.common import load_banks

    try:
        config = load_kiosk_config(config_path, require_pin=require_pin)
    except KioskConfigError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"ketaquiz {command}: the kiosk did not start.", file=sys.stderr)
        return 1
    # --bank on the command line wins over the config's banks.
    sources = banks or [str(p) for p in config.banks] or None
    catalog = load_banks(sources, f"ketaquiz {command}", sys.stderr, refuse_if_any_fails=True)
    if catalog is None:
        return 1
    return config, catalog.banks


def _log_to_data_folder() -> None:
    """Kiosk events (start, staff exit, wrong PINs; never anything a visitor did) go to kiosk.log in the data
    folder, since the terminal belongs to the kiosk. Best effort: no log is no reason to stop."""
    logger = logging.getLogger("ketaquiz.kiosk")
    logger.setLevel(logging.INFO)
    logger.propagate = False  # never to stderr under the kiosk's screen
    try:
        folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(folder / LOG_FILENAME, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)


def open_stats(command: str) -> ProgressStore | int:
    """The data folder's store for anonymous counts, or 1 (after saying why) if it cannot be written."""
    from ketaquiz.core.progress import open_store

    opening = open_store(data_dir())
    if not opening.persistent:
        _error(command, f"anonymous_stats is on, but {opening.warning}")
        opening.store.close()
        return 1
    return opening.store


def run(args: argparse.Namespace) -> int:
    path = config_file(args.config)
    prepared = prepare(path, args.bank, command="kiosk")
    if isinstance(prepared, int):
        return prepared
    config, banks = prepared
    if args.idle_timeout is not None and args.idle_timeout < config.idle_warning:
        _error(
            "kiosk",
            f"--idle-timeout {args.idle_timeout} is shorter than the warning ({config.idle_warning:g} s, at least "
            f"{MIN_IDLE_WARNING:g} s); give {config.idle_warning:g} or more",
        )
        return 2
    stats = None
    if config.anonymous_stats:
        opened = open_stats("kiosk")
        if isinstance(opened, int):
            return opened
        stats = opened
    _log_to_data_folder()
    log = logging.getLogger("ketaquiz.kiosk")
    from ketaquiz.tui.kiosk import KioskApp

    app = KioskApp(config, banks, stats=stats, idle_timeout=args.idle_timeout)
    log.info("kiosk started (%d banks, config %s)", len(banks), path)
    try:
        result = app.run()
    finally:
        if stats is not None:
            stats.close()
    log.info("kiosk closed by staff" if result == 0 else "kiosk stopped")
    return 0 if result is None else int(result)


# ----------------------------------------------------------------------------------------------------------------
# set-pin


PIN_TRIES = 3
"""At a terminal, set-pin asks again after a refused or mismatched PIN, this many times in all."""


def _read_pin_interactive() -> str | None:
    for attempt in range(PIN_TRIES):
        last = attempt == PIN_TRIES - 1
        again = "" if last else "; try again"
        first = getpass.getpass("New staff PIN (at least 4 characters; digits suit a touch screen): ")
        if problem := pin_problem(first):
            _error("set-pin", problem + (again or "; nothing was changed"))
            continue
        second = getpass.getpass("The same PIN again: ")
        if second != first:
            _error("set-pin", "the two PINs differ" + (again or "; nothing was changed"))
            continue
        return first
    return None


def _read_pin_piped() -> str | None:
    lines = sys.stdin.read().splitlines()
    if not lines or not lines[0]:
        _error("set-pin", "no PIN on standard input (give it on the first line)")
        return None
    first = lines[0]
    if len(lines) > 1 and lines[1] != first:
        _error("set-pin", "the second line does not match the first; nothing was changed")
        return None
    if problem := pin_problem(first):
        _error("set-pin", problem)
        return None
    return first


def run_set_pin(args: argparse.Namespace) -> int:
    path = config_file(args.config)
    try:
        pin = _read_pin_interactive() if sys.stdin.isatty() else _read_pin_piped()
    except EOFError:
        pin = None
        _error("set-pin", "no PIN given; nothing was changed")
    if pin is None:
        return 1
    try:
        set_pin_in_config(path, pin)
    except KioskConfigError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except OSError as exc:
        _error("set-pin", f"cannot write {path}: {exc.strerror or exc}")
        return 1
    print(f"Staff PIN set in {path}.")
    try:
        load_kiosk_config(path)
    except KioskConfigError as exc:
        print("Note: the kiosk will not start until these are fixed:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
    return 0
