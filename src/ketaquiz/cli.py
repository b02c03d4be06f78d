"""The command line: argument parsing and dispatch.

Each command lives in `ketaquiz.commands.<name>` and is imported only when it runs, so `ketaquiz --version` and
`ketaquiz check` never import Textual. Exit codes: 0 success, 1 the input was wrong (a bank failed its check, a bad
config, a missing file), 2 a usage error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence

from ketaquiz import __version__

AUTHORING = "ketaquiz.commands.authoring"
COMMANDS = ("kiosk", "set-pin", "check", "stats", "export", "serve", "import", "review-sheet", "sign", "new")
SHARED_OPTIONS = ("--data-dir", "--profile", "--lang")
"""Options the quiz and the commands share; they may come before a command too (`ketaquiz --data-dir DIR stats`).
Each takes one value. A command that does not take one says so as a usage error."""

DESCRIPTION = (
    "Short quizzes about ketamine and esketamine treatment for depression. Every answer is explained and backed "
    "by a quoted source. This is education, not medical advice: talk with your care team. In a crisis, call or "
    "text 988."
)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _count(text: str) -> int | str:
    """--count: a whole number of 1 or more, or "all"."""
    return "all" if text.strip().lower() == "all" else _positive_int(text)


def _port(text: str) -> int:
    value = _positive_int(text)
    if value > 65535:
        raise argparse.ArgumentTypeError("a port is at most 65535")
    return value


def _bank_text(what: str) -> Callable[[str], str]:
    """argparse type for a text the bank shows (its title or summary): not empty, and safe text (no control or
    text-direction characters; no line break in a title)."""

    def parse(text: str) -> str:
        from ketaquiz.core.authoring_text import describe, first_unsafe

        text = text.strip()
        if not text:
            raise argparse.ArgumentTypeError(f"the {what} is empty")
        if (bad := first_unsafe(text, multiline=what == "summary")) is not None:
            raise argparse.ArgumentTypeError(f"the {what} holds {describe(text[bad])}")
        return text

    return parse


def _lazy(module: str, name: str) -> Callable[[str], str]:
    """An argparse type function that lives in a command module, imported only when the option is used."""

    def parse(text: str) -> str:
        import importlib

        parsed: str = getattr(importlib.import_module(module), name)(text)
        return parsed

    parse.__name__ = name  # argparse names the type in its messages
    return parse


def _add_bank(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--bank",
        action="append",
        metavar="PATH",
        help="a bank file or a folder of banks; repeat for several (replaces the bundled banks)",
    )


def _add_data(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", metavar="DIR", help="where progress is kept (or set KETAQUIZ_DATA_DIR)")
    p.add_argument(
        "--profile", metavar="NAME", default="default", help="whose progress (default: %(default)s)"
    )


def _add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        choices=("en", "es"),
        help="the language of the interface: en (English) or es (español); or set KETAQUIZ_LANG",
    )


def _add_config(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE", help="the kiosk config file (or set KETAQUIZ_CONFIG)")


def quiz_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="ketaquiz",
        description=DESCRIPTION,
        epilog=(
            "commands: kiosk, set-pin, check, stats, export, serve, import, review-sheet, sign, new "
            "(run `ketaquiz COMMAND --help`). "
            "Without a command, ketaquiz opens the quiz. --data-dir and --profile may come before or after a "
            "command."
        ),
    )
    p.add_argument("--version", action="version", version=f"ketaquiz {__version__}")
    _add_bank(p)
    _add_data(p)
    p.add_argument(
        "--theme", metavar="NAME", help="ketaquiz-dark (default), ketaquiz-light or ketaquiz-contrast"
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--review", action="store_true", help="go over the questions that are due for review (up to 20)"
    )
    which.add_argument(
        "--essentials",
        action="store_true",
        help="the essential questions you do not know yet: what to know before your first session (10)",
    )
    p.add_argument(
        "--count",
        type=_count,
        metavar="N|all",
        help="ask N questions, or all (default: the whole bank; up to 20 for --review; 10 for --essentials)",
    )
    p.add_argument(
        "--plain", action="store_true", help="the quiz as numbered plain text (screen readers, scripts)"
    )
    _add_lang(p)
    return p


def command_parser(command: str) -> argparse.ArgumentParser:
    prog = f"ketaquiz {command}"
    if command == "check":
        p = argparse.ArgumentParser(
            prog=prog, description="Check question banks: format, citations, readability, item writing."
        )
        p.add_argument(
            "paths", nargs="*", metavar="PATH", help="bank files or folders (default: the bundled banks)"
        )
        p.add_argument("--sources", metavar="DIR", help="a source library: verify every quote against it")
        p.add_argument("--json", action="store_true", help="print the results as JSON")
        p.add_argument("--strict", action="store_true", help="warnings fail the check too")
    elif command == "kiosk":
        p = argparse.ArgumentParser(
            prog=prog, description="Run the waiting-room kiosk (staff leave with F12 and the PIN)."
        )
        _add_config(p)
        p.add_argument(
            "--idle-timeout",
            type=_positive_int,
            metavar="SECONDS",
            help="reset after this long without input",
        )
        _add_bank(p)
    elif command == "set-pin":
        p = argparse.ArgumentParser(
            prog=prog,
            description="Set the kiosk's staff PIN (read from standard input when it is not a terminal).",
        )
        _add_config(p)
    elif command == "stats":
        p = argparse.ArgumentParser(prog=prog, description="Show progress per bank, and flagged questions.")
        _add_bank(p)
        _add_data(p)
        p.add_argument("--json", action="store_true", help="print as JSON")
        p.add_argument("--kiosk", action="store_true", help="show the kiosk's anonymous per-question counts")
    elif command == "export":
        p = argparse.ArgumentParser(prog=prog, description="Write a summary to take to your care team.")
        p.add_argument(
            "--format",
            choices=("md", "html", "json", "csv"),
            default=None,
            help="default: from the -o file's extension (.md, .html/.htm, .json, .csv), else md",
        )
        p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
        _add_bank(p)
        _add_data(p)
    elif command == "serve":
        p = argparse.ArgumentParser(
            prog=prog, description="Serve ketaquiz to a web browser (needs ketaquiz[web])."
        )
        p.add_argument("--host", default="127.0.0.1", help="default: %(default)s")
        p.add_argument("--port", type=_port, default=8000, help="default: %(default)s")
        p.add_argument("--kiosk", action="store_true", help="serve the kiosk (nothing is stored per tab)")
        _add_config(p)
        _add_bank(p)
        p.add_argument(
            "--data-dir", metavar="DIR", help="keep progress here (shared by every tab); default: none kept"
        )
    elif command == "import":
        p = argparse.ArgumentParser(
            prog=prog,
            description="Make a bank from a spreadsheet saved as CSV (UTF-8). The columns are listed in "
            "docs/bank-format.md, 'From a spreadsheet'; docs/bank-template.csv is a template.",
        )
        p.add_argument("file", metavar="FILE.csv", help="the spreadsheet, saved as CSV UTF-8")
        p.add_argument(
            "--id",
            required=True,
            type=_lazy(AUTHORING, "bank_id_arg"),
            metavar="BANK_ID",
            help="the bank's id",
        )
        p.add_argument("--title", required=True, type=_bank_text("title"), help="the bank's title (Home)")
        p.add_argument(
            "--sources",
            required=True,
            metavar="DIR",
            help="the source library: fills the bank's sources and checks every quote",
        )
        p.add_argument(
            "--summary",
            type=_bank_text("summary"),
            metavar="TEXT",
            help="a sentence under the title on Home",
        )
        p.add_argument("--bank-language", choices=("en", "es"), default="en", help="default: %(default)s")
        p.add_argument(
            "-o", "--output", metavar="FILE", help="where to write the bank (default: BANK_ID.yaml)"
        )
        p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    elif command == "review-sheet":
        p = argparse.ArgumentParser(
            prog=prog,
            description="Write a printable HTML page for the clinician who reviews a bank: every question, "
            "its answers, explanation and quoted source, with room for notes and a sign-off.",
        )
        p.add_argument("bank", metavar="BANK", help="the bank file")
        p.add_argument("-o", "--output", metavar="FILE.html", help="write here instead of standard output")
    elif command == "sign":
        p = argparse.ArgumentParser(
            prog=prog,
            description="Record a clinician's review in a bank: reviewer, date and the fingerprint of its "
            "questions. Only the review's lines of the file change.",
        )
        p.add_argument("bank", metavar="BANK", help="the bank file")
        p.add_argument(
            "--reviewer",
            required=True,
            type=_lazy(AUTHORING, "reviewer_arg"),
            metavar='"NAME, CREDENTIALS"',
            help="who reviewed it, with credentials",
        )
        p.add_argument(
            "--date",
            type=_lazy(AUTHORING, "date_arg"),
            metavar="YYYY-MM-DD",
            help="the review date (default: today)",
        )
        p.add_argument("--sources", metavar="DIR", help="check the quotes against this source library first")
    elif command == "new":
        p = argparse.ArgumentParser(
            prog=prog, description="Write a commented starter bank that shows every field of the format."
        )
        p.add_argument(
            "bank_id", metavar="BANK_ID", type=_lazy(AUTHORING, "bank_id_arg"), help="the bank's id"
        )
        p.add_argument("-o", "--output", metavar="FILE", help="where to write it (default: BANK_ID.yaml)")
    else:  # pragma: no cover - guarded by COMMANDS
        raise ValueError(command)
    _add_lang(p)
    return p


def split_command(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """The command named in `argv` (None: the quiz) and the arguments for its parser.

    Shared options given before the command (`ketaquiz --data-dir DIR stats`) are handed to the command's parser
    ahead of its own arguments, so one given after the command too wins, as the last value does in argparse.
    """
    leading: list[str] = []
    i = 0
    while i < len(argv):
        token = argv[i]
        if token in SHARED_OPTIONS:
            leading += argv[i : i + 2]
            i += 2
        elif token.partition("=")[0] in SHARED_OPTIONS and "=" in token:
            leading.append(token)
            i += 1
        else:
            break
    if i < len(argv) and argv[i] in COMMANDS:
        return argv[i], [*leading, *argv[i + 1 :]]
    return None, list(argv)


def choose_language(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The interface language for this run (GUIDE 7): `--lang` > KETAQUIZ_LANG > the choice saved on Home (in the
    data folder, like the theme) > the locale > English. An unknown `--lang` is left for argparse to refuse
    (exit 2), in the language the rest would choose."""
    import os

    from ketaquiz.core import i18n

    environ = os.environ if environ is None else environ
    given: dict[str, str | None] = {"--lang": None, "--data-dir": None}
    for i, token in enumerate(argv):
        if token == "--":
            break
        name, equals, value = token.partition("=")
        if name in given:
            given[name] = value if equals else (argv[i + 1] if i + 1 < len(argv) else None)
    lang, data_dir = given["--lang"], given["--data-dir"]
    option = lang if lang in i18n.LANGUAGES else None
    saved = None
    if option is None and i18n.normalise(environ.get("KETAQUIZ_LANG")) is None:
        from ketaquiz.core import paths
        from ketaquiz.core.progress import peek_pref

        saved = peek_pref(paths.data_dir(data_dir), i18n.LANGUAGE_PREF_KEY)
    return i18n.choose(option, environ, saved)


def main(argv: Sequence[str] | None = None) -> int:
    from ketaquiz.core.i18n import set_language

    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        set_language(choose_language(args_list))
        named, rest = split_command(args_list)
        if named is not None:
            command = named
            args = command_parser(command).parse_args(rest)
        else:
            command = "quiz"
            args = quiz_parser().parse_args(args_list)
        return _dispatch(command, args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`ketaquiz stats | head`): quietly stop writing.
        try:
            sys.stdout = None
        finally:
            return 0  # noqa: B012


def _dispatch(command: str, args: argparse.Namespace) -> int:
    if command == "check":
        from ketaquiz.commands.check import run
    elif command == "quiz":
        if args.plain:
            from ketaquiz.commands.plain import run
        else:
            from ketaquiz.commands.quiz import run
    elif command == "kiosk":
        from ketaquiz.commands.kiosk import run
    elif command == "set-pin":
        from ketaquiz.commands.kiosk import run_set_pin as run
    elif command == "stats":
        from ketaquiz.commands.stats import run
    elif command == "export":
        from ketaquiz.commands.export import run
    elif command == "serve":
        from ketaquiz.commands.serve import run
    elif command == "import":
        from ketaquiz.commands.authoring import run_import as run
    elif command == "review-sheet":
        from ketaquiz.commands.authoring import run_review_sheet as run
    elif command == "sign":
        from ketaquiz.commands.authoring import run_sign as run
    elif command == "new":
        from ketaquiz.commands.authoring import run_new as run
    else:  # pragma: no cover
        raise ValueError(command)
    return run(args)
