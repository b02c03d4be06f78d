"""The command line: argument parsing and dispatch.

Each command lives in `ketaquiz.commands.<name>` and is imported only when it runs, so `ketaquiz --version` and
`ketaquiz check` never import Textual. Exit codes: 0 success, 1 the input was wrong (a bank failed its check, a bad
config, a missing file), 2 a usage error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ketaquiz import __version__

AUTHORING = "ketaquiz.commands.authoring"  # i18n: not shown (a module)
COMMANDS: tuple[str, ...] = ("kiosk", "set-pin", "check", "stats", "export")  # i18n: not shown (names)
COMMANDS += ("serve", "import", "review-sheet", "sign", "new")  # i18n: not shown (command names)
SHARED_OPTIONS = ("--data-dir", "--profile", "--lang")  # i18n: not shown (option names)
"""Options the quiz and the commands share; they may come before a command too (`ketaquiz --data-dir DIR stats`).
Each takes one value. A command that does not take one says so as a usage error."""


def _positive_int(text: str) -> int:
    from ketaquiz.core.i18n import _

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is not a whole number").format(text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be 1 or more"))
    return value


def _count(text: str) -> int | str:
    """--count: a whole number of 1 or more, or "all"."""
    return "all" if text.strip().lower() == "all" else _positive_int(text)


def _port(text: str) -> int:
    from ketaquiz.core.i18n import _

    value = _positive_int(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(_("a port is at most 65535"))
    return value


def _bank_text(multiline: bool) -> Callable[[str], str]:
    """argparse type for a text the bank shows (its title, or with `multiline` its summary): not empty, and safe
    text (no control or text-direction characters; no line break in a title)."""

    def parse(text: str) -> str:
        from ketaquiz.core.authoring_text import describe, first_unsafe
        from ketaquiz.core.i18n import _

        text = text.strip()
        if not text:
            raise argparse.ArgumentTypeError(
                _("the summary is empty") if multiline else _("the title is empty")
            )
        if (bad := first_unsafe(text, multiline=multiline)) is not None:
            holds = _("the summary holds {what}") if multiline else _("the title holds {what}")
            raise argparse.ArgumentTypeError(holds.format(what=describe(text[bad])))
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


class Option:
    """One `add_argument` call: its names and keywords; `exclusive` options of one parser exclude each other.

    A plain class, not a NamedTuple: the command line is on every start's path, and making a NamedTuple class
    costs about 5 M instructions (it compiles code).
    """

    __slots__ = ("exclusive", "kwargs", "names")

    def __init__(self, names: tuple[str, ...], kwargs: dict[str, Any], exclusive: bool = False) -> None:
        self.names, self.kwargs, self.exclusive = names, kwargs, exclusive


def _option(*names: str, exclusive: bool = False, **kwargs: Any) -> Option:
    return Option(names, kwargs, exclusive)


class Command:
    """A parser's words (in the interface language) and its options."""

    __slots__ = ("description", "epilog", "options")

    def __init__(self, description: str, options: list[Option], epilog: str | None = None) -> None:
        self.description, self.options, self.epilog = description, options, epilog


def _commands() -> dict[str, Command]:
    """The quiz (key "quiz") and every command: description and options, their help in the interface language.

    Built when a parser is (main sets the language first), never at import: the words follow `--lang`.
    """
    from ketaquiz.core.i18n import LANGUAGES, _

    bank = _option(
        "--bank",
        action="append",
        metavar=_("PATH"),
        help=_("a bank file or a folder of banks; repeat for several (replaces the bundled banks)"),
    )
    data_dir = _option(
        "--data-dir",  # i18n: not shown (an option's name)
        metavar=_("DIR"),
        help=_("where progress is kept (or set KETAQUIZ_DATA_DIR)"),
    )
    profile = _option(
        "--profile", metavar=_("NAME"), default="default", help=_("whose progress (default: %(default)s)")
    )
    config = _option("--config", metavar=_("FILE"), help=_("the kiosk config file (or set KETAQUIZ_CONFIG)"))
    to_stdout = _option("-o", "--output", metavar=_("FILE"), help=_("write here instead of standard output"))
    as_json = _option("--json", action="store_true", help=_("print as JSON"))
    a_bank = _option("bank", metavar=_("BANK"), help=_("the bank file"))
    bank_id = _lazy(AUTHORING, "bank_id_arg")
    return {
        "quiz": Command(
            _(
                "Short quizzes about ketamine and esketamine treatment for depression. Every answer is explained "
                "and backed by a quoted source. This is education, not medical advice: talk with your care team. "
                "In a crisis, call or text 988."
            ),
            [
                _option("--version", action="version", version=f"ketaquiz {__version__}"),
                bank,
                data_dir,
                profile,
                _option(
                    "--theme",
                    metavar=_("NAME"),
                    help=_("ketaquiz-dark (default), ketaquiz-light or ketaquiz-contrast"),
                ),
                _option(
                    "--review",
                    exclusive=True,
                    action="store_true",
                    help=_("go over the questions that are due for review (up to 20)"),
                ),
                _option(
                    "--essentials",
                    exclusive=True,
                    action="store_true",
                    help=_(
                        "the essential questions you do not know yet: what to know before your first session"
                    ),
                ),
                _option(
                    "--count",
                    type=_count,
                    metavar="N|all",
                    help=_("ask N questions, or all (default: 10; up to 20 for --review)"),
                ),
                _option(
                    "--plain",
                    action="store_true",
                    help=_("the quiz as numbered plain text (screen readers, scripts)"),
                ),
            ],
            epilog=_(
                "commands: {commands} (run `ketaquiz COMMAND --help`). Without a command, ketaquiz opens the "
                "quiz. --data-dir, --profile and --lang may come before or after a command."
            ).format(commands=", ".join(COMMANDS)),
        ),
        "check": Command(
            _("Check question banks: format, citations, readability, item writing."),
            [
                _option(
                    "paths",
                    nargs="*",
                    metavar=_("PATH"),
                    help=_("bank files or folders (default: the bundled banks)"),
                ),
                _option(
                    "--sources", metavar=_("DIR"), help=_("a source library: verify every quote against it")
                ),
                _option("--json", action="store_true", help=_("print the results as JSON")),
                _option("--strict", action="store_true", help=_("warnings fail the check too")),
            ],
        ),
        "kiosk": Command(
            _("Run the waiting-room kiosk (staff leave with F12 and the PIN)."),
            [
                config,
                _option(
                    "--idle-timeout",  # i18n: not shown (an option's name)
                    type=_positive_int,
                    metavar=_("SECONDS"),
                    help=_("reset after this long without input"),
                ),
                bank,
            ],
        ),
        "set-pin": Command(  # i18n: not shown (the command's name)
            _("Set the kiosk's staff PIN (read from standard input when it is not a terminal)."), [config]
        ),
        "stats": Command(
            _("Show progress per bank, and flagged questions."),
            [
                bank,
                data_dir,
                profile,
                as_json,
                _option(
                    "--kiosk", action="store_true", help=_("show the kiosk's anonymous per-question counts")
                ),
            ],
        ),
        "export": Command(
            _("Write a summary to take to your care team."),
            [
                _option(
                    "--format",
                    choices=("md", "html", "json", "csv"),
                    default=None,
                    help=_("default: from the -o file's extension (.md, .html/.htm, .json, .csv), else md"),
                ),
                to_stdout,
                bank,
                data_dir,
                profile,
            ],
        ),
        "serve": Command(
            _("Serve ketaquiz to a web browser (needs ketaquiz[web])."),
            [
                _option("--host", default="127.0.0.1", help=_("default: %(default)s")),
                _option("--port", type=_port, default=8000, help=_("default: %(default)s")),
                _option(
                    "--kiosk", action="store_true", help=_("serve the kiosk (nothing is stored per tab)")
                ),
                config,
                bank,
                _option(
                    "--data-dir",  # i18n: not shown (an option's name)
                    metavar=_("DIR"),
                    help=_("keep progress here (shared by every tab); default: none kept"),
                ),
            ],
        ),
        "import": Command(
            _(
                "Make a bank from a spreadsheet saved as CSV (UTF-8). The columns are listed in "
                "docs/bank-format.md, 'From a spreadsheet'; docs/bank-template.csv is a template."
            ),
            [
                _option("file", metavar=_("FILE.csv"), help=_("the spreadsheet, saved as CSV UTF-8")),
                _option("--id", required=True, type=bank_id, metavar=_("BANK_ID"), help=_("the bank's id")),
                _option(
                    "--title",
                    required=True,
                    type=_bank_text(False),
                    metavar=_("TITLE"),
                    help=_("the bank's title (Home)"),
                ),
                _option(
                    "--sources",
                    required=True,
                    metavar=_("DIR"),
                    help=_("the source library: fills the bank's sources and checks every quote"),
                ),
                _option(
                    "--summary",
                    type=_bank_text(True),
                    metavar=_("TEXT"),
                    help=_("a sentence under the title on Home"),
                ),
                _option(
                    "--bank-language",  # i18n: not shown (an option's name)
                    choices=LANGUAGES,
                    default="en",
                    help=_("the bank's language (default: %(default)s)"),
                ),
                _option(
                    "-o",
                    "--output",
                    metavar=_("FILE"),
                    help=_("where to write the bank (default: BANK_ID.yaml)"),
                ),
                _option("--force", action="store_true", help=_("replace the output file if it exists")),
            ],
        ),
        "review-sheet": Command(  # i18n: not shown (the command's name)
            _(
                "Write a printable HTML page for the clinician who reviews a bank: every question, its answers, "
                "explanation and quoted source, with room for notes and a sign-off."
            ),
            [
                a_bank,
                _option(
                    "-o", "--output", metavar=_("FILE.html"), help=_("write here instead of standard output")
                ),
            ],
        ),
        "sign": Command(
            _(
                "Record a clinician's review in a bank: reviewer, date and the fingerprint of its questions. Only "
                "the review's lines of the file change."
            ),
            [
                a_bank,
                _option(
                    "--reviewer",
                    required=True,
                    type=_lazy(AUTHORING, "reviewer_arg"),
                    metavar=_('"NAME, CREDENTIALS"'),
                    help=_("who reviewed it, with credentials"),
                ),
                _option(
                    "--date",
                    type=_lazy(AUTHORING, "date_arg"),
                    metavar=_("YYYY-MM-DD"),
                    help=_("the review date (default: today)"),
                ),
                _option(
                    "--sources",
                    metavar=_("DIR"),
                    help=_("check the quotes against this source library first"),
                ),
            ],
        ),
        "new": Command(
            _("Write a commented starter bank that shows every field of the format."),
            [
                _option("bank_id", metavar=_("BANK_ID"), type=bank_id, help=_("the bank's id")),
                _option(
                    "-o", "--output", metavar=_("FILE"), help=_("where to write it (default: BANK_ID.yaml)")
                ),
            ],
        ),
    }


def _parser(command: str) -> argparse.ArgumentParser:
    """The parser of `command` ("quiz": ketaquiz without a command), in the interface language."""
    from ketaquiz.core.i18n import LANGUAGES, _

    spec = _commands()[command]
    p = argparse.ArgumentParser(
        prog="ketaquiz" if command == "quiz" else f"ketaquiz {command}",
        description=spec.description,
        epilog=spec.epilog,
    )
    # Only a parser that has exclusive options gets the group (argparse cannot print an empty one).
    exclusive = p.add_mutually_exclusive_group() if any(o.exclusive for o in spec.options) else p
    lang = _option(
        "--lang",
        choices=LANGUAGES,
        help=_("the language of the interface: en (English) or es (Spanish); or set KETAQUIZ_LANG"),
    )
    for option in [*spec.options, lang]:
        (exclusive if option.exclusive else p).add_argument(*option.names, **option.kwargs)
    return p


def quiz_parser() -> argparse.ArgumentParser:
    return _parser("quiz")


def command_parser(command: str) -> argparse.ArgumentParser:
    if command not in COMMANDS:  # pragma: no cover - guarded by split_command
        raise ValueError(command)
    return _parser(command)


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


def choose_language(
    argv: Sequence[str], environ: Mapping[str, str] | None = None, *, read_saved: bool = True
) -> str:
    """The interface language for this run (GUIDE 7): `--lang` > KETAQUIZ_LANG > the choice saved on Home (in the
    data folder, like the theme) > the locale > English. An unknown `--lang` is left for argparse to refuse
    (exit 2), in the language the rest would choose.

    `read_saved=False` leaves the saved choice out: the quiz reads it from the store it opens anyway
    (`commands.common.load_banks_and_store`), which spares start-up a second opening of the file."""
    import os

    from ketaquiz.core import i18n

    environ = os.environ if environ is None else environ
    given: dict[str, str | None] = {"--lang": None, "--data-dir": None}  # i18n: not shown (option names)
    for i, token in enumerate(argv):
        if token == "--":
            break
        name, equals, value = token.partition("=")
        if name in given:
            given[name] = value if equals else (argv[i + 1] if i + 1 < len(argv) else None)
    lang, data_dir = given["--lang"], given["--data-dir"]
    option = lang if lang in i18n.LANGUAGES else None
    saved = None
    if read_saved and option is None and i18n.normalise(environ.get("KETAQUIZ_LANG")) is None:
        from ketaquiz.core import paths
        from ketaquiz.core.progress import peek_pref

        saved = peek_pref(paths.data_dir(data_dir), i18n.LANGUAGE_PREF_KEY)
    return i18n.choose(option, environ, saved)


def _lang_from_environment() -> bool:
    import os

    from ketaquiz.core.i18n import normalise

    return normalise(os.environ.get("KETAQUIZ_LANG")) is not None


def main(argv: Sequence[str] | None = None) -> int:
    from ketaquiz.core.i18n import set_language

    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        named, rest = split_command(args_list)
        # The quiz opens the store anyway: it reads the saved choice there (see load_banks_and_store).
        quiz_start = named is None and not {"-h", "--help", "--version"} & set(args_list)
        set_language(choose_language(args_list, read_saved=not quiz_start))
        if named is not None:
            command = named
            args = command_parser(command).parse_args(rest)
        else:
            command = "quiz"
            args = quiz_parser().parse_args(args_list)
            args.saved_language_pending = args.lang is None and not _lang_from_environment()
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
    run: Callable[[argparse.Namespace], int]
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
