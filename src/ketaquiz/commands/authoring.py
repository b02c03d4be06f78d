"""The clinic's authoring commands: `import` (a spreadsheet to a bank), `review-sheet` (a printable page for the
reviewing clinician), `sign` (record that review) and `new` (a commented starter bank).

Files are written atomically (a temporary file beside the target, flushed, then renamed over it), so a failure never
leaves half a bank. Exit codes: 0 done, 1 the input was wrong (the message names the file, and the row or line),
2 a usage error (argparse's own, or a refused argument value).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import shlex
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from ketaquiz.core.i18n import _, ngettext

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


class WriteError(Exception):
    """A file cannot be written; the message says why."""


class Refused(Exception):
    """The command stops without writing anything; the message says why (exit 1)."""


def _exists(path: Path) -> WriteError:
    return WriteError(_("{path} already exists; use --force to replace it").format(path=path))


def write_atomically(path: Path, data: bytes, *, mode: int | None = None, replace: bool = True) -> None:
    """Write `data` to `path` through a temporary file beside it. With `replace=False`, an existing file is kept
    (and WriteError raised), even one created meanwhile."""
    if path.is_dir():
        raise WriteError(_("{path} is a folder; give a file name").format(path=path))
    parent = path.parent
    if not parent.is_dir():
        raise WriteError(_("the folder {folder} does not exist").format(folder=parent))
    if not replace and path.exists():
        raise _exists(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteError(
            _("cannot write in {folder}: {reason}").format(folder=parent, reason=exc.strerror or exc)
        ) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644 if mode is None else mode)
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if the name was taken meanwhile: never over a file
            except FileExistsError:
                raise _exists(path) from None
            except OSError:  # a file system without hard links
                if path.exists():
                    raise _exists(path) from None
                os.replace(tmp, path)
    except OSError as exc:
        raise WriteError(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc
    finally:
        Path(tmp).unlink(missing_ok=True)


def _write_new(path: Path, text: str, *, replace: bool) -> None:
    """Write a new file (import, new), or refuse saying nothing was written."""
    try:
        write_atomically(path, text.encode("utf-8"), replace=replace)
    except WriteError as exc:
        raise Refused(_("{reason} (nothing was written)").format(reason=exc)) from None


def _command(
    name: str,
) -> Callable[[Callable[[argparse.Namespace], int]], Callable[[argparse.Namespace], int]]:
    """Run an authoring command; a `Refused` it raises is said on stderr after the command's name (exit 1)."""

    def wrap(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        @functools.wraps(run)
        def runner(args: argparse.Namespace) -> int:
            try:
                return run(args)
            except Refused as stop:
                sys.stderr.write(f"ketaquiz {name}: {stop}\n")
                return EXIT_BAD_INPUT

        return runner

    return wrap


def _command_line(*words: str) -> str:
    """A command to type, quoted for the shell (a path with spaces stays one argument)."""
    return shlex.join(words)


# ---------------------------------------------------------------------------------------------------------------
# import


@_command("import")
def run_import(args: argparse.Namespace) -> int:
    from ketaquiz.core.csv_import import BankInfo, CsvImportError, import_csv
    from ketaquiz.core.sources import SourceLibrary, SourceLibraryError

    source = Path(args.file)
    output = Path(args.output) if args.output else Path(f"{args.id}.yaml")
    if output.exists() and not args.force:
        raise Refused(
            _("{path} already exists; use --force to replace it (nothing was written)").format(path=output)
        )
    data = _read_csv(source)
    try:
        library = SourceLibrary(args.sources)
    except SourceLibraryError as exc:
        raise Refused(str(exc)) from None
    info = BankInfo(
        id=args.id, title=args.title, summary=args.summary or args.title, language=args.bank_language
    )
    try:
        text, count = import_csv(data, source, info, library, output)
    except CsvImportError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
        n = len(exc.problems)
        raise Refused(
            ngettext(
                "{n} problem found; nothing was written", "{n} problems found; nothing was written", n
            ).format(n=n)
        ) from None
    except SourceLibraryError as exc:
        raise Refused(_("{reason}; nothing was written").format(reason=exc)) from None
    _write_new(output, text, replace=args.force)
    print(
        ngettext(
            "Wrote {path}: bank {bank!r}, {n} question.", "Wrote {path}: bank {bank!r}, {n} questions.", count
        ).format(path=output, bank=args.id, n=count)
    )
    if not args.summary:
        print(
            _("Its summary repeats the title: write a sentence for Home under `summary:` (or use --summary).")
        )
    label = _("Next:")
    sheet = ("ketaquiz", "review-sheet", "-review.html")  # i18n: not shown (a command and a file name)
    review_sheet = _command_line(*sheet[:2], str(output), "-o", output.stem + sheet[2])
    print(label, _command_line("ketaquiz", "check", str(output), "--sources", args.sources))
    print(" " * len(label), review_sheet, " ", _("(for the reviewing clinician)"))
    return EXIT_OK


def _read_csv(source: Path) -> bytes:
    try:
        return source.read_bytes()
    except FileNotFoundError:
        raise Refused(_("{path}: no such file").format(path=source)) from None
    except IsADirectoryError:
        raise Refused(_("{path}: this is a folder, not a CSV file").format(path=source)) from None
    except OSError as exc:
        raise Refused(
            _("{path}: cannot read the file: {reason}").format(path=source, reason=exc.strerror or exc)
        ) from None


# ---------------------------------------------------------------------------------------------------------------
# review-sheet


@_command("review-sheet")  # i18n: not shown (the command's name)
def run_review_sheet(args: argparse.Namespace) -> int:
    from ketaquiz.core.bank import BankError, load_bank
    from ketaquiz.core.review_sheet import review_sheet_html

    path = Path(args.bank)
    try:
        bank = load_bank(path, with_fingerprint=True)
    except BankError as exc:
        sys.stderr.write(f"{exc}\n")
        raise Refused(
            _("{path} does not load; fix it first ({command})").format(
                path=path, command=_command_line("ketaquiz", "check", str(path))
            )
        ) from None
    page = review_sheet_html(bank, file_name=str(path))
    if not args.output or args.output == "-":
        sys.stdout.write(page)
        sys.stdout.flush()
        return EXIT_OK
    target = Path(args.output)
    try:
        write_atomically(target, page.encode("utf-8"))
    except WriteError as exc:
        raise Refused(str(exc)) from None
    n = len(bank.questions)
    print(
        ngettext(
            "Wrote {path}: {n} question to review. Open it in a browser and print it.",
            "Wrote {path}: {n} questions to review. Open it in a browser and print it.",
            n,
        ).format(path=target, n=n)
    )
    return EXIT_OK


# ---------------------------------------------------------------------------------------------------------------
# sign


def reviewer_arg(text: str) -> str:
    """argparse type for --reviewer: refused names are usage errors."""
    from ketaquiz.core.signing import SignError, check_reviewer

    try:
        return check_reviewer(text)
    except SignError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def date_arg(text: str) -> str:
    from ketaquiz.core.signing import SignError, check_date

    try:
        return check_date(text, today=dt.date.today())
    except SignError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


@_command("sign")
def run_sign(args: argparse.Namespace) -> int:
    from ketaquiz.core.bank import BankError, parse_bank
    from ketaquiz.core.lint import check_paths
    from ketaquiz.core.signing import SignError, sign_text
    from ketaquiz.core.sources import SourceLibraryError

    path = Path(args.bank)
    if not path.is_file():
        message = _("{path}: not a bank file") if path.exists() else _("{path}: no such file")
        raise Refused(message.format(path=path))
    try:
        report = check_paths([path], sources=args.sources)
    except SourceLibraryError as exc:
        raise Refused(str(exc)) from None
    if report.errors:
        for finding in report.errors:
            sys.stderr.write(f"{finding.format()}\n")
        n = len(report.errors)
        raise Refused(
            ngettext(
                "{path} has {n} error; a bank that fails its check cannot be signed (nothing was written)",
                "{path} has {n} errors; a bank that fails its check cannot be signed (nothing was written)",
                n,
            ).format(path=path, n=n)
        )
    reviewed_on = args.date or dt.date.today().isoformat()
    try:
        data = path.read_bytes()
        bom = data.startswith(b"\xef\xbb\xbf")
        text = data.decode("utf-8-sig")
        before = parse_bank(data, path, with_fingerprint=True)
        fingerprint = before.content_fingerprint or ""
        new_text = sign_text(text, reviewer=args.reviewer, reviewed_on=reviewed_on, fingerprint=fingerprint)
        new_data = (b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8")
        after = parse_bank(
            new_data, path
        )  # what is written must read back signed, with its content unchanged
        signed = after.review
        if (signed.reviewed_by, signed.reviewed_on, signed.fingerprint, after.content_fingerprint) != (
            args.reviewer,
            reviewed_on,
            fingerprint,
            fingerprint,
        ):  # pragma: no cover - the edit and the loader disagree
            raise SignError(_("the signed file would not read back as signed; nothing was written"))
        write_atomically(path, new_data, mode=stat.S_IMODE(path.stat().st_mode))
    # BankError, OSError, UnicodeDecodeError: the file changed under us since the check.
    except (SignError, WriteError, BankError, OSError, UnicodeDecodeError) as exc:
        raise Refused(f"{path}: {exc}") from None
    print(
        _("Signed {path}: reviewed by {reviewer} on {date}.").format(
            path=path, reviewer=args.reviewer, date=reviewed_on
        )
    )
    print(
        _("Fingerprint {fingerprint}: any later change to the questions shows in `ketaquiz check`.").format(
            fingerprint=fingerprint
        )
    )
    return EXIT_OK


# ---------------------------------------------------------------------------------------------------------------
# new


def bank_id_arg(text: str) -> str:
    from ketaquiz.core.bank import ID_RE

    if not ID_RE.match(text):
        raise argparse.ArgumentTypeError(
            _(
                "{text!r} is not a bank id: lowercase letters, digits and single dashes, like clinic-visits"
            ).format(text=text)
        )
    return text


@_command("new")
def run_new(args: argparse.Namespace) -> int:
    from ketaquiz.core.starter import NEXT_STEPS, starter_bank

    output = Path(args.output) if args.output else Path(f"{args.bank_id}.yaml")
    if output.exists():
        raise Refused(
            _("{path} already exists; choose another name with -o (nothing was written)").format(path=output)
        )
    _write_new(output, starter_bank(args.bank_id, file_name=str(output)), replace=False)
    print(
        _("Wrote {path}: a starter bank with one example question and a comment on every field.").format(
            path=output
        )
    )
    print(_(NEXT_STEPS).format(file=output, stem=output.stem))
    return EXIT_OK
