"""Every answer of a profile as CSV rows, streamed (memory stays flat however many answers there are)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from ketaquiz.core.catalog import QuestionIndex
from ketaquiz.core.model import Bank
from ketaquiz.core.safe_text import clean, one_line

if TYPE_CHECKING:
    from ketaquiz.core.progress import ProgressStore

CSV_HEADER = (
    "answered_at",
    "bank_id",
    "bank_title",
    "question_id",
    "question",
    "outcome",
    "choice_index",
    "choice_text",
    "correct",
    "seconds",
    "run_id",
)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    """Text for a spreadsheet cell: a leading = + - @ would make it a formula, so it gets a leading '; unsafe
    characters (an answer stored from an older bank may hold one) are dropped."""
    text = clean(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_attempts_csv(store: ProgressStore, profile: str, out: TextIO, banks: Iterable[Bank] = ()) -> int:
    """Stream every answer of `profile`, oldest first, as CSV rows (header first); returns the number of rows.

    Rows come from the store's batched iterator and go straight to `out`, so memory stays flat however many
    answers there are. The bank title and question text come from the loaded banks when they are known.
    """
    banks = list(banks)
    titles = {bank.id: bank.title for bank in banks}
    prompts = {qid: q.prompt for qid, (_bank, q) in QuestionIndex(banks).items()}
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    n = 0
    for row in store.iter_attempts(profile):
        writer.writerow(
            (
                row.answered_at,
                row.bank_id,
                csv_safe(titles.get(row.bank_id, "")),
                row.question_id,
                csv_safe(one_line(prompts.get(row.question_id, ""))),
                row.outcome,
                "" if row.choice_index is None else row.choice_index,
                csv_safe(row.choice_text or ""),
                "true" if row.correct else "false",
                "" if row.seconds is None else f"{row.seconds:.1f}",
                row.run_id or "",
            )
        )
        n += 1
    return n
