"""Bank files as files: finding them, reading their bytes (refusing a huge one unread), and the one error type
every bank problem ends in, `BankError`.

Kept apart from `bank` (the YAML reader) so that starting the app, which reads unchanged banks from the cache,
does not import the reader at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ketaquiz.core.model import Bank

MAX_BANK_BYTES = 20 * 1024 * 1024
"""Largest bank file accepted (a 10,000-question bank is about 10 MB)."""


class Problem(NamedTuple):
    """One thing wrong with a bank file."""

    path: Path
    line: int
    question: str | None
    message: str
    rule: str | None = None
    """The rule broken, when it has a name of its own (e.g. "unsafe-character")."""

    def __str__(self) -> str:
        qid = f"[{self.question}] " if self.question else ""
        # No "line 0" for a missing file.
        where = f"{self.path}:{self.line}" if self.line > 0 else f"{self.path}"
        rule = f" ({self.rule})" if self.rule else ""
        return f"{where}: error: {qid}{self.message}{rule}"


class BankError(Exception):
    """A bank file could not be loaded. `problems` lists everything found; the first is the main one."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("BankError needs at least one problem")
        self.problems = problems
        first = problems[0]
        self.path, self.line, self.question_id, self.message = (
            first.path,
            first.line,
            first.question,
            first.message,
        )
        super().__init__(str(first))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def read_bank_bytes(path: Path) -> bytes:
    """Read a bank file, refusing a huge one before reading it. Raises BankError."""
    try:
        size = path.stat().st_size
        if size > MAX_BANK_BYTES:
            raise BankError(
                [
                    Problem(
                        path,
                        1,
                        None,
                        f"the file is {size / 1e6:.1f} MB; a bank may be at most {MAX_BANK_BYTES // 2**20} MiB",
                    )
                ]
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise BankError([Problem(path, 0, None, "no such file")]) from None
    except IsADirectoryError:
        raise BankError([Problem(path, 0, None, "this is a folder, not a bank file")]) from None
    except OSError as exc:
        raise BankError([Problem(path, 0, None, f"cannot read the file: {exc.strerror or exc}")]) from None


def bank_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and folders into bank files (*.yaml, *.yml), folders sorted by name.

    A path that does not exist is yielded as is, so loading it reports "no such file".
    """
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(x for x in p.iterdir() if x.suffix in (".yaml", ".yml") and x.is_file())
        else:
            yield p


def cross_bank_problems(banks: Iterable[Bank]) -> list[Problem]:
    """Ids that must be unique across every bank loaded together: bank ids and question ids."""
    problems: list[Problem] = []
    bank_seen: dict[str, Path] = {}
    question_seen: dict[str, tuple[Path, int]] = {}
    for bank in banks:
        if bank.id in bank_seen:
            problems.append(
                Problem(
                    bank.path, bank.line, None, f"bank id {bank.id!r} is also used by {bank_seen[bank.id]}"
                )
            )
        else:
            bank_seen[bank.id] = bank.path
        for qid, line in bank.questions.id_lines():
            if qid in question_seen:
                other, first = question_seen[qid]
                problems.append(
                    Problem(
                        bank.path,
                        line,
                        qid,
                        f"question id also used in {other}:{first}; progress follows the id, so it must be unique",
                    )
                )
            else:
                question_seen[qid] = (bank.path, line)
    return problems
