"""`ketaquiz stats`: progress per bank (questions, answered, right, mastered, due now) and the flagged questions.

Fast by design: a few indexed SQL aggregates from the store and the banks from the catalog's cache; no Textual, no
fsrs. `--kiosk` shows the kiosk's anonymous per-question counts instead. Reading never creates a store: with no
progress file yet, the numbers are simply zero.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from datetime import UTC, datetime
from typing import Any, TextIO

from ketaquiz.commands.common import Loaded, load_banks_and_store, profile_problem, say, say_missing
from ketaquiz.core.catalog import flag_subject
from ketaquiz.core.figures import BankFigures
from ketaquiz.core.i18n import _, ngettext, number, percent
from ketaquiz.core.progress import StoreError
from ketaquiz.core.report import bank_lines
from ketaquiz.core.review import EssentialsCount, essentials_count
from ketaquiz.core.safe_text import one_line
from ketaquiz.core.safety import NOT_ADVICE_SHORT
from ketaquiz.core.scheduling import MASTERY_RULE

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2


def load_for_reading(args: argparse.Namespace, command: str, err: TextIO) -> Loaded | None:
    """The banks and the store for a read-only command (`stats`, `export`): no store file is created, so `stats`
    on a fresh machine prints zeros and leaves nothing behind. None (after saying why) if no bank loads."""
    return load_banks_and_store(args, who(command), err, read_only=True)


def who(command: str) -> str:
    """What a command's messages start with: its name."""
    return f"ketaquiz {command}"


def _bank_json(line: BankFigures) -> dict[str, Any]:
    # JSON keys are a stable interface (docs/progress.md): never translated.
    return {
        "id": line.bank_id,
        "title": line.title,
        "questions": line.questions,
        "answered": line.questions_answered,
        "right": line.latest_right,
        "mastered": line.mastered,
        "mastery": round(line.mastered / line.questions, 4) if line.questions else 0.0,
        "due_now": line.due_now,
        "answers": line.answers,
        "answers_right": line.answers_right,
        "wrong": line.latest_wrong,
        "dont_know": line.latest_dont_know,
        "last_answered": line.last_answered,
    }


def _shorten(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(text.split()), width=max(width, 12), placeholder="…")


def _progress(loaded: Loaded, profile: str, now: datetime) -> tuple[list[BankFigures], list[dict[str, Any]]]:
    store, banks = loaded.store, loaded.catalog.banks
    lines = bank_lines(banks, store.bank_summaries(profile), store.question_progress(profile), now)
    questions = loaded.catalog.questions()
    flagged = []
    for flag in store.flags(profile):
        subject = flag_subject(flag, questions)
        flagged.append(
            {  # JSON keys (docs/progress.md), as below
                "bank": flag.bank_id,
                "bank_title": subject.bank_title,
                "question": flag.question_id,
                "prompt": subject.question.prompt if subject.question else None,
                "note": flag.note,
                "flagged_at": flag.created_at.astimezone(UTC).isoformat(timespec="seconds"),
            }
        )
    return lines, flagged


def _print_table(out: TextIO, header: list[str], rows: list[list[str]], width: int) -> None:
    """A plain text table: the first column shrinks (shortened with …) so the whole fits `width`."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    rest = sum(widths[1:]) + 2 * (len(header) - 1)
    first = max(12, min(widths[0], width - rest))
    out.write(
        header[0].ljust(first)
        + "".join("  " + h.rjust(w) for h, w in zip(header[1:], widths[1:], strict=True))
    )
    out.write("\n")
    for r in rows:
        name = r[0] if len(r[0]) <= first else _shorten(r[0], first)
        out.write(
            name.ljust(first) + "".join("  " + c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True))
        )
        out.write("\n")


def _text_report(
    out: TextIO,
    profile: str,
    lines: list[BankFigures],
    flagged: list[dict[str, Any]],
    width: int,
    essentials: EssentialsCount,
) -> None:
    out.write(_("Progress for profile {profile!r}").format(profile=profile) + "\n\n")
    rows = [
        [
            line.title,
            number(line.questions),
            number(line.questions_answered),
            number(line.latest_right),
            number(line.latest_wrong),
            number(line.latest_dont_know),
            f"{number(line.mastered)} ({percent(line.mastery_percent)})",
            number(line.due_now),
        ]
        for line in lines
    ]
    header = [
        _("Bank"),
        _("Questions"),
        _("Answered"),
        _("Right"),
        _("Wrong"),
        _("Not known"),
        _("Mastered"),
        _("Due now"),
    ]
    _print_table(out, header, rows, width)
    answers = sum(line.answers for line in lines)
    right = sum(line.answers_right for line in lines)
    out.write("\n")
    notes = [
        _(
            "Answered: questions answered at least once. Right, Wrong, Not known: questions whose latest answer "
            'was right, wrong, or "I don\'t know yet".'
        ),
        _("Mastered: {rule}").format(rule=_(MASTERY_RULE)),
        ngettext(
            "Answers given in all: {n} ({right} right).",
            "Answers given in all: {n} ({right} right).",
            right,  # the same in English; Spanish counts the right ones ("1 correcta", "2 correctas")
        ).format(n=number(answers), right=number(right)),
    ]
    if essentials.total:
        notes.append(
            ngettext(
                "Before your first session: {known} of {total} essential known.",
                "Before your first session: {known} of {total} essentials known.",
                essentials.total,
            ).format(known=number(essentials.known), total=number(essentials.total))
        )
    for note in notes:
        out.write(textwrap.fill(note, width=width) + "\n")
    out.write("\n")
    if not flagged:
        out.write(_('No questions flagged "ask my care team".') + "\n")
    else:
        out.write(_('Flagged "ask my care team" ({n}):').format(n=number(len(flagged))) + "\n")
        for f in flagged:
            what = f["prompt"] or _("question {id} (its bank is not loaded)").format(id=f["question"])
            out.write(
                textwrap.fill(
                    f"[{one_line(f['bank_title'])}] {one_line(what)}",
                    width=width,
                    initial_indent="  - ",
                    subsequent_indent="    ",
                )
                + "\n"
            )
            if f["note"]:
                out.write(
                    textwrap.fill(
                        _("Note: {note}").format(note=one_line(f["note"])),
                        width=width,
                        initial_indent="    ",
                        subsequent_indent="    ",
                    )
                    + "\n"
                )
    out.write("\n" + textwrap.fill(_(NOT_ADVICE_SHORT), width=width) + "\n")


def _kiosk(loaded: Loaded, as_json: bool, out: TextIO, width: int) -> None:
    questions = loaded.catalog.questions()
    stats = loaded.store.kiosk_stats()
    if as_json:
        data = {  # JSON keys (docs/progress.md): never translated
            "kiosk": [
                {
                    "bank": s.bank_id,
                    "question": s.question_id,
                    "prompt": questions.prompt(s.question_id),
                    "shown": s.shown,
                    "answered": s.answered,
                    "right": s.right,
                }
                for s in stats
            ]
        }
        json.dump(data, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    out.write(_("Kiosk statistics: anonymous counts per question (no visitor data is kept).") + "\n\n")
    if not stats:
        out.write(_("No kiosk statistics yet.") + "\n")
        return
    rows = [
        [
            f"{s.question_id}: {one_line(questions.prompt(s.question_id) or '')}".rstrip(": "),
            number(s.shown),
            number(s.answered),
            number(s.right),
        ]
        for s in stats
    ]
    _print_table(out, [_("Question"), _("Shown"), _("Answered"), _("Right")], rows, width)


def check_profile(args: argparse.Namespace, command: str, err: TextIO) -> bool:
    """False (after saying why) when `--profile` cannot name a profile, as the quiz checks it (exit 2)."""
    if (problem := profile_problem(args.profile)) is not None:
        say(err, who(command), problem)
        return False
    return True


def run(args: argparse.Namespace) -> int:
    out, err = sys.stdout, sys.stderr
    if not check_profile(args, "stats", err):
        return EXIT_USAGE
    loaded = load_for_reading(args, "stats", err)
    if loaded is None:
        return EXIT_BAD_INPUT
    say_missing(loaded, who("stats"), err)
    width = _width()
    try:
        if args.kiosk:
            _kiosk(loaded, args.json, out, width)
            return EXIT_OK
        profile = args.profile
        now = datetime.now(UTC)
        lines, flagged = _progress(loaded, profile, now)
        essentials = essentials_count(loaded.store.question_progress(profile), loaded.catalog.banks)
    except StoreError as exc:
        say(err, who("stats"), str(exc))
        return EXIT_BAD_INPUT
    finally:
        loaded.store.close()
    if args.json:
        data = {  # JSON keys (docs/progress.md): never translated
            "profile": profile,
            "generated_at": now.isoformat(timespec="seconds"),
            "mastery_rule": _(MASTERY_RULE),
            "banks": [_bank_json(line) for line in lines],
            "essentials": {"known": essentials.known, "total": essentials.total},
            "flagged": flagged,
            "failed_banks": [str(f.path) for f in loaded.catalog.failures],
            "missing_banks": [{"id": m.bank_id, "path": m.path} for m in loaded.missing],
        }
        json.dump(data, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        _text_report(out, profile, lines, flagged, width, essentials)
    return EXIT_OK


def _width() -> int:
    import shutil

    return max(40, min(shutil.get_terminal_size(fallback=(80, 24)).columns - 1, 120))
