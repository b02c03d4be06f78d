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

from ketaquiz.commands.common import Loaded, load_banks_and_store, profile_problem, say_missing
from ketaquiz.core.catalog import flag_subject
from ketaquiz.core.figures import BankFigures
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
    return load_banks_and_store(args, f"ketaquiz {command}", err, read_only=True)


def _bank_json(line: BankFigures) -> dict[str, Any]:
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
            {
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
    out.write(f"Progress for profile {profile!r}\n\n")
    rows = [
        [
            line.title,
            str(line.questions),
            str(line.questions_answered),
            str(line.latest_right),
            str(line.latest_wrong),
            str(line.latest_dont_know),
            f"{line.mastered} ({line.mastery_percent}%)",
            str(line.due_now),
        ]
        for line in lines
    ]
    header = ["Bank", "Questions", "Answered", "Right", "Wrong", "Not known", "Mastered", "Due now"]
    _print_table(out, header, rows, width)
    answers = sum(line.answers for line in lines)
    right = sum(line.answers_right for line in lines)
    out.write("\n")
    notes = [
        "Answered: questions answered at least once. Right, Wrong, Not known: questions whose latest answer was "
        'right, wrong, or "I don\'t know yet".',
        f"Mastered: {MASTERY_RULE}",
        f"Answers given in all: {answers} ({right} right).",
    ]
    if essentials.total:
        notes.append(f"Before your first session: {essentials.known} of {essentials.total} essentials known.")
    for note in notes:
        out.write(textwrap.fill(note, width=width) + "\n")
    out.write("\n")
    if not flagged:
        out.write('No questions flagged "ask my care team".\n')
    else:
        out.write(f'Flagged "ask my care team" ({len(flagged)}):\n')
        for f in flagged:
            what = f["prompt"] or f"question {f['question']} (its bank is not loaded)"
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
                        f"Note: {one_line(f['note'])}",
                        width=width,
                        initial_indent="    ",
                        subsequent_indent="    ",
                    )
                    + "\n"
                )
    out.write("\n" + textwrap.fill(NOT_ADVICE_SHORT, width=width) + "\n")


def _kiosk(loaded: Loaded, as_json: bool, out: TextIO, width: int) -> None:
    questions = loaded.catalog.questions()
    stats = loaded.store.kiosk_stats()
    if as_json:
        data = {
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
    out.write("Kiosk statistics: anonymous counts per question (no visitor data is kept).\n\n")
    if not stats:
        out.write("No kiosk statistics yet.\n")
        return
    rows = [
        [
            f"{s.question_id}: {one_line(questions.prompt(s.question_id) or '')}".rstrip(": "),
            str(s.shown),
            str(s.answered),
            str(s.right),
        ]
        for s in stats
    ]
    _print_table(out, ["Question", "Shown", "Answered", "Right"], rows, width)


def check_profile(args: argparse.Namespace, command: str, err: TextIO) -> bool:
    """False (after saying why) when `--profile` cannot name a profile, as the quiz checks it (exit 2)."""
    if (problem := profile_problem(args.profile)) is not None:
        err.write(f"ketaquiz {command}: {problem}\n")
        return False
    return True


def run(args: argparse.Namespace) -> int:
    out, err = sys.stdout, sys.stderr
    if not check_profile(args, "stats", err):
        return EXIT_USAGE
    loaded = load_for_reading(args, "stats", err)
    if loaded is None:
        return EXIT_BAD_INPUT
    say_missing(loaded, "ketaquiz stats", err)
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
        err.write(f"ketaquiz stats: {exc}\n")
        return EXIT_BAD_INPUT
    finally:
        loaded.store.close()
    if args.json:
        data = {
            "profile": profile,
            "generated_at": now.isoformat(timespec="seconds"),
            "mastery_rule": MASTERY_RULE,
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
