"""The clinic's authoring commands: `import` (a spreadsheet to a bank), `review-sheet` (a printable page for the
reviewing clinician), `sign` (record that review) and `new` (a commented starter bank).

Files are written atomically (a temporary file beside the target, flushed, then renamed over it), so a failure never
leaves half a bank. Exit codes: 0 done, 1 the input was wrong (the message names the file, and the row or line),
2 a usage error (argparse's own, or a refused argument value).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import stat
import sys
import tempfile
from pathlib import Path

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


class WriteError(Exception):
    """A file cannot be written; the message says why."""


def write_atomically(path: Path, data: bytes, *, mode: int | None = None, replace: bool = True) -> None:
    """Write `data` to `path` through a temporary file beside it. With `replace=False`, an existing file is kept
    (and WriteError raised), even one created meanwhile."""
    if path.is_dir():
        raise WriteError(f"{path} is a folder; give a file name")
    parent = path.parent
    if not parent.is_dir():
        raise WriteError(f"the folder {parent} does not exist")
    if not replace and path.exists():
        raise WriteError(f"{path} already exists; use --force to replace it")
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteError(f"cannot write in {parent}: {exc.strerror or exc}") from exc
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
                raise WriteError(f"{path} already exists; use --force to replace it") from None
            except OSError:  # a file system without hard links
                if path.exists():
                    raise WriteError(f"{path} already exists; use --force to replace it") from None
                os.replace(tmp, path)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        Path(tmp).unlink(missing_ok=True)


def _say(command: str, message: str) -> None:
    sys.stderr.write(f"ketaquiz {command}: {message}\n")


# ---------------------------------------------------------------------------------------------------------------
# import


def run_import(args: argparse.Namespace) -> int:
    from ketaquiz.core.csv_import import BankInfo, CsvImportError, import_csv
    from ketaquiz.core.sources import SourceLibrary, SourceLibraryError

    source = Path(args.file)
    output = Path(args.output) if args.output else Path(f"{args.id}.yaml")
    if output.exists() and not args.force:
        _say("import", f"{output} already exists; use --force to replace it (nothing was written)")
        return EXIT_BAD_INPUT
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        _say("import", f"{source}: no such file")
        return EXIT_BAD_INPUT
    except IsADirectoryError:
        _say("import", f"{source}: this is a folder, not a CSV file")
        return EXIT_BAD_INPUT
    except OSError as exc:
        _say("import", f"{source}: cannot read the file: {exc.strerror or exc}")
        return EXIT_BAD_INPUT
    try:
        library = SourceLibrary(args.sources)
    except SourceLibraryError as exc:
        _say("import", str(exc))
        return EXIT_BAD_INPUT
    info = BankInfo(
        id=args.id, title=args.title, summary=args.summary or args.title, language=args.bank_language
    )
    try:
        text, count = import_csv(data, source, info, library, output)
    except CsvImportError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
        n = len(exc.problems)
        _say("import", f"{n} problem{'s' if n != 1 else ''} found; nothing was written")
        return EXIT_BAD_INPUT
    except SourceLibraryError as exc:
        _say("import", f"{exc}; nothing was written")
        return EXIT_BAD_INPUT
    try:
        write_atomically(output, text.encode("utf-8"), replace=args.force)
    except WriteError as exc:
        _say("import", f"{exc} (nothing was written)")
        return EXIT_BAD_INPUT
    print(f"Wrote {output}: bank {args.id!r}, {count} question{'s' if count != 1 else ''}.")
    if not args.summary:
        print("Its summary repeats the title: write a sentence for Home under `summary:` (or use --summary).")
    print(f"Next: ketaquiz check {output} --sources {args.sources}")
    print(
        f"      ketaquiz review-sheet {output} -o {output.stem}-review.html   (for the reviewing clinician)"
    )
    return EXIT_OK


# ---------------------------------------------------------------------------------------------------------------
# review-sheet


def run_review_sheet(args: argparse.Namespace) -> int:
    from ketaquiz.core.bank import BankError, load_bank
    from ketaquiz.core.review_sheet import review_sheet_html

    path = Path(args.bank)
    try:
        bank = load_bank(path, with_fingerprint=True)
    except BankError as exc:
        sys.stderr.write(f"{exc}\n")
        _say("review-sheet", f"{path} does not load; fix it first (ketaquiz check {path})")
        return EXIT_BAD_INPUT
    page = review_sheet_html(bank, file_name=str(path))
    if not args.output or args.output == "-":
        sys.stdout.write(page)
        sys.stdout.flush()
        return EXIT_OK
    target = Path(args.output)
    try:
        write_atomically(target, page.encode("utf-8"))
    except WriteError as exc:
        _say("review-sheet", str(exc))
        return EXIT_BAD_INPUT
    print(f"Wrote {target}: {len(bank.questions)} questions to review. Open it in a browser and print it.")
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


def run_sign(args: argparse.Namespace) -> int:
    from ketaquiz.core.bank import BankError, parse_bank
    from ketaquiz.core.lint import check_paths
    from ketaquiz.core.signing import SignError, sign_text
    from ketaquiz.core.sources import SourceLibraryError

    path = Path(args.bank)
    if not path.is_file():
        _say("sign", f"{path}: no such file" if not path.exists() else f"{path}: not a bank file")
        return EXIT_BAD_INPUT
    try:
        report = check_paths([path], sources=args.sources)
    except SourceLibraryError as exc:
        _say("sign", str(exc))
        return EXIT_BAD_INPUT
    if report.errors:
        for finding in report.errors:
            sys.stderr.write(f"{finding.format()}\n")
        n = len(report.errors)
        _say(
            "sign",
            f"{path} has {n} error{'s' if n != 1 else ''}; a bank that fails its check cannot be signed "
            "(nothing was written)",
        )
        return EXIT_BAD_INPUT
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
            raise SignError("the signed file would not read back as signed; nothing was written")
        write_atomically(path, new_data, mode=stat.S_IMODE(path.stat().st_mode))
    except (SignError, WriteError) as exc:
        _say("sign", f"{path}: {exc}")
        return EXIT_BAD_INPUT
    except (BankError, OSError, UnicodeDecodeError) as exc:  # changed under us since the check
        _say("sign", f"{path}: {exc}")
        return EXIT_BAD_INPUT
    print(f"Signed {path}: reviewed by {args.reviewer} on {reviewed_on}.")
    print(f"Fingerprint {fingerprint}: any later change to the questions shows in `ketaquiz check`.")
    return EXIT_OK


# ---------------------------------------------------------------------------------------------------------------
# new


def bank_id_arg(text: str) -> str:
    from ketaquiz.core.bank import ID_RE

    if not ID_RE.match(text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a bank id: lowercase letters, digits and single dashes, like clinic-visits"
        )
    return text


def run_new(args: argparse.Namespace) -> int:
    from ketaquiz.core.starter import NEXT_STEPS, starter_bank

    output = Path(args.output) if args.output else Path(f"{args.bank_id}.yaml")
    if output.exists():
        _say("new", f"{output} already exists; choose another name with -o (nothing was written)")
        return EXIT_BAD_INPUT
    text = starter_bank(args.bank_id, file_name=str(output))
    try:
        write_atomically(output, text.encode("utf-8"), replace=False)
    except WriteError as exc:
        _say("new", f"{exc} (nothing was written)")
        return EXIT_BAD_INPUT
    print(f"Wrote {output}: a starter bank with one example question and a comment on every field.")
    print(NEXT_STEPS.format(file=output, stem=output.stem))
    return EXIT_OK
