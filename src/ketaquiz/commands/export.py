"""`ketaquiz export`: "What I learned about ketamine treatment", for the care team (md, html, json) or every
answer as CSV.

Without `-o` it writes to standard output. With `-o FILE` it writes a temporary file beside FILE and renames it over
FILE only once complete, so a failure (disk full, interrupted) never leaves half a report or damages an older one.
The file is readable by its owner only: it holds health-related notes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ketaquiz.commands.common import Loaded, say, say_missing
from ketaquiz.commands.stats import EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, check_profile, load_for_reading, who
from ketaquiz.core.i18n import _
from ketaquiz.core.progress import StoreError
from ketaquiz.core.report import build_report, render, write_attempts_csv


class ExportError(Exception):
    """The output file cannot be written; the message says why, in plain words."""


def _writer(loaded: Loaded, fmt: str, profile: str) -> Callable[[TextIO], None]:
    """What writes the export to a stream. The report is built now (so store errors come before any output); the
    CSV is streamed row by row as it is written."""
    banks = loaded.catalog.banks
    if fmt == "csv":

        def write_csv(out: TextIO) -> None:
            write_attempts_csv(loaded.store, profile, out, banks)

        return write_csv
    text = render(build_report(loaded.store, banks, profile), fmt)

    def write_text(out: TextIO) -> None:
        out.write(text)

    return write_text


def _check_target(path: Path) -> None:
    """Refuse, before any work, the outputs that cannot be written, with a reason a person can act on."""
    if path.is_dir():
        raise ExportError(
            _("{path} is a folder; give a file name, like {example}").format(
                path=path, example=path / _("summary.html")
            )
        )
    parent = path.parent
    if not parent.exists():
        raise ExportError(_("the folder {folder} does not exist").format(folder=parent))
    if not parent.is_dir():
        raise ExportError(_("{path} is not a folder").format(path=parent))


def write_atomically(path: Path, write: Callable[[TextIO], None], *, newline: str | None = None) -> None:
    """Write through `write` into a temporary file beside `path`, then rename it into place."""
    _check_target(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(
            _("cannot write in {folder}: {reason}").format(folder=path.parent, reason=exc.strerror or exc)
        ) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


FORMAT_OF_EXTENSION = {".md": "md", ".html": "html", ".htm": "html", ".json": "json", ".csv": "csv"}
"""`-o FILE` without `--format` takes the format from FILE's extension (any other extension: Markdown)."""


def choose_format(given: str | None, target: Path | None) -> str:
    """The export's format: `--format` when given, else the output file's extension, else Markdown.

    Raises ExportError when both are given and disagree (a usage error: exit 2).
    """
    implied = FORMAT_OF_EXTENSION.get(target.suffix.lower()) if target is not None else None
    if given is not None and implied is not None and given != implied:
        raise ExportError(
            _(
                "--format {given} does not match the file name {name} (its extension means {implied}); give one "
                "or make them agree"
            ).format(given=given, name=target.name if target else "", implied=implied)
        )
    return given or implied or "md"


def run(args: argparse.Namespace) -> int:
    err, me = sys.stderr, who("export")
    if not check_profile(args, "export", err):
        return EXIT_USAGE
    # "-o -" is standard output, as with most tools.
    target = Path(args.output).expanduser() if args.output and args.output != "-" else None
    try:
        fmt = choose_format(getattr(args, "format", None), target)
    except ExportError as exc:
        say(err, me, str(exc))
        return EXIT_USAGE
    if target is not None:
        try:
            _check_target(target)  # before loading anything: a typo in -o fails at once
        except ExportError as exc:
            say(err, me, str(exc))
            return EXIT_BAD_INPUT
    loaded = load_for_reading(args, "export", err)
    if loaded is None:
        return EXIT_BAD_INPUT
    say_missing(loaded, me, err)
    try:
        write = _writer(loaded, fmt, args.profile)
        if target is None:
            write(sys.stdout)
            sys.stdout.flush()
        else:
            # csv.writer chooses its own line endings; newline="" stops Python translating them again.
            write_atomically(target, write, newline="" if fmt == "csv" else None)
            say(err, me, _("wrote {path}").format(path=target))
    except (ExportError, StoreError) as exc:
        say(err, me, str(exc))
        return EXIT_BAD_INPUT
    finally:
        loaded.store.close()
    return EXIT_OK
