"""`ketaquiz kiosk` and `ketaquiz set-pin`: start the waiting-room kiosk, and set its staff PIN.

The kiosk never starts half-configured: a bad config, a bank that fails its check, a language of the config with
no bank, or no staff PIN stops it at start-up with a message naming the file, and exit code 1. Textual is imported
only once all that has passed. `ketaquiz serve --kiosk` checks and runs the kiosk with the same code (`prepare`,
`run_kiosk`).
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ketaquiz.core.i18n import LANGUAGE_NAMES, _
from ketaquiz.core.kiosk import (
    MIN_IDLE_WARNING,
    KioskConfig,
    KioskConfigError,
    load_kiosk_config,
    pin_problem,
    set_pin_in_config,
)
from ketaquiz.core.model import base_language
from ketaquiz.core.paths import config_file, data_dir

if TYPE_CHECKING:
    from ketaquiz.core.model import Bank
    from ketaquiz.core.progress import ProgressStore

LOG_FILENAME = "kiosk.log"  # i18n: not shown (a file's name)
SET_PIN = "set-pin"  # i18n: not shown (the command's name)


def _say(command: str, message: str) -> None:
    """A message of `ketaquiz COMMAND` on standard error, as every command writes one."""
    # (commands.common loads banks: imported only when there is something to say)
    from ketaquiz.commands.common import say

    say(sys.stderr, f"ketaquiz {command}", message)


def _error(command: str, message: str) -> None:
    _say(command, _("error: {message}").format(message=message))


def prepare(
    config_path: Path | None, banks: Sequence[str] | None, *, command: str, require_pin: bool = True
) -> tuple[KioskConfig, list[Bank]] | int:
    """Load the config (None: the defaults) and the banks, or print why not and return the exit code.

    Shared with `ketaquiz serve --kiosk`, which checks everything once before serving any tab, and with each tab.
    """
    config = KioskConfig()
    if config_path is not None:
        try:
            config = load_kiosk_config(config_path, require_pin=require_pin)
        except KioskConfigError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            _say(command, _("the kiosk did not start."))
            return 1
    chosen = kiosk_banks(config, banks, command)
    return chosen if isinstance(chosen, int) else (config, chosen)


def kiosk_banks(config: KioskConfig, banks: Sequence[str] | None, command: str) -> list[Bank] | int:
    """The banks of each of the config's languages: `--bank` (else the config's `banks`), or the bundled banks of
    those languages. Exit code 1, after saying why, when a bank fails, when a language has none, or when a bank
    given by path is in a language the config does not list."""
    from ketaquiz.commands.common import load_banks
    from ketaquiz.core.paths import bundled_banks_dir

    # --bank on the command line wins over the config's banks.
    given = [str(b) for b in banks or ()] or [str(p) for p in config.banks]
    catalog = load_banks(
        given or [str(bundled_banks_dir())], f"ketaquiz {command}", sys.stderr, refuse_if_any_fails=True
    )
    if catalog is None:
        return 1
    where = f"{config.path}: " if config.path else ""
    chosen = [b for b in catalog.banks if base_language(b.language) in config.languages]
    for bank in catalog.banks if given else ():  # (bundled banks of other languages are simply not offered)
        code = base_language(bank.language)
        if code not in config.languages:
            _error(
                command,
                where
                + _(
                    "the bank {path} is in `{code}`, a language not in the kiosk's `languages` ({codes}); add "
                    "`{code}` to `languages`, or take the bank out"
                ).format(path=bank.path, code=code, codes=", ".join(config.languages)),
            )
            return 1
    for code in config.languages:
        if not any(base_language(b.language) == code for b in chosen):
            _error(
                command,
                where
                + _(
                    "no bank in {name} (`{code}`), one of the kiosk's `languages`; give one in `banks` or "
                    "--bank, or take `{code}` out of `languages`"
                ).format(name=LANGUAGE_NAMES[code], code=code),
            )
            return 1
    return chosen


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
        _error(command, _("anonymous_stats is on, but {why}").format(why=opening.warning))
        opening.store.close()
        return 1
    return opening.store


def run_kiosk(config: KioskConfig, banks: Sequence[Bank], command: str, **options: Any) -> int:
    """Run the kiosk app until it ends (with the store of anonymous counts when the config keeps them), and
    return its exit code. `options` go to KioskApp (`idle_timeout`, `staff_exit`)."""
    stats = None
    if config.anonymous_stats:
        opened = open_stats(command)
        if isinstance(opened, int):
            return opened
        stats = opened
    from ketaquiz.tui.kiosk import KioskApp

    log = logging.getLogger("ketaquiz.kiosk")
    log.info("kiosk started (%d banks, config %s)", len(banks), config.path)
    try:
        result = KioskApp(config, banks, stats=stats, **options).run()
    finally:
        if stats is not None:
            stats.close()
    log.info("kiosk closed by staff" if result == 0 else "kiosk stopped")
    return 0 if result is None else int(result)


def run(args: argparse.Namespace) -> int:
    prepared = prepare(config_file(args.config), args.bank, command="kiosk")
    if isinstance(prepared, int):
        return prepared
    config, banks = prepared
    if args.idle_timeout is not None and args.idle_timeout < config.idle_warning:
        _error(
            "kiosk",
            _(
                "--idle-timeout {given} is shorter than the warning ({warning:g} s, at least {least:g} s); give "
                "{warning:g} or more"
            ).format(given=args.idle_timeout, warning=config.idle_warning, least=MIN_IDLE_WARNING),
        )
        return 2
    _log_to_data_folder()
    return run_kiosk(config, banks, "kiosk", idle_timeout=args.idle_timeout)


# ----------------------------------------------------------------------------------------------------------------
# set-pin


PIN_TRIES = 3
"""At a terminal, set-pin asks again after a refused or mismatched PIN, this many times in all."""


def _read_pin_interactive() -> str | None:
    for attempt in range(PIN_TRIES):
        last = attempt == PIN_TRIES - 1
        again = _("; nothing was changed") if last else _("; try again")
        first = getpass.getpass(_("New staff PIN (at least 4 characters; digits suit a touch screen): "))
        if problem := pin_problem(first):
            _error(SET_PIN, problem + again)
            continue
        second = getpass.getpass(_("The same PIN again: "))
        if second != first:
            _error(SET_PIN, _("the two PINs differ") + again)
            continue
        return first
    return None


def _read_pin_piped() -> str | None:
    lines = sys.stdin.read().splitlines()
    if not lines or not lines[0]:
        _error(SET_PIN, _("no PIN on standard input (give it on the first line)"))
        return None
    first = lines[0]
    if len(lines) > 1 and lines[1] != first:
        _error(SET_PIN, _("the second line does not match the first; nothing was changed"))
        return None
    if problem := pin_problem(first):
        _error(SET_PIN, problem)
        return None
    return first


def run_set_pin(args: argparse.Namespace) -> int:
    path = config_file(args.config)
    try:
        pin = _read_pin_interactive() if sys.stdin.isatty() else _read_pin_piped()
    except EOFError:
        pin = None
        _error(SET_PIN, _("no PIN given; nothing was changed"))
    if pin is None:
        return 1
    try:
        set_pin_in_config(path, pin)
    except KioskConfigError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except OSError as exc:
        _error(SET_PIN, _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc))
        return 1
    print(_("Staff PIN set in {path}.").format(path=path))
    try:
        load_kiosk_config(path)
    except KioskConfigError as exc:
        print(_("Note: the kiosk will not start until these are fixed:"), file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
    return 0
