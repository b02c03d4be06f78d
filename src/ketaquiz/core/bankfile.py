"""Bank files as files: finding them, reading their bytes (refusing a huge one unread), and the one error type
every bank problem ends in, `BankError`.

Kept apart from `bank` (the YAML reader) so that starting the app, which reads unchanged banks from the cache,
does not import the reader at all.
"""

# No `from __future__ import annotations`: a NamedTuple compiles every string annotation (typing.ForwardRef),
# which made start-up measurably slower (README, Performance). Quote names defined later or imported only
# for type checking.

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ketaquiz.core.i18n import _, number

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
        rule = f" ({self.rule})" if self.rule else ""
        return f"{location(self.path, self.line)}: error: {qid}{self.message}{rule}"


def location(path: Path, line: int) -> str:
    """`file:line` as findings begin (GUIDE section 6), or the file alone: no "line 0" for a missing file."""
    return f"{path}:{line}" if line > 0 else f"{path}"


def too_big(size: int) -> str:
    """Why a file of `size` bytes is not read as a bank."""
    return _("the file is {size} MB; a bank may be at most {limit} MiB").format(
        size=number(size / 1e6, 1), limit=MAX_BANK_BYTES // 2**20
    )


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
            raise BankError([Problem(path, 1, None, too_big(size))])
        return path.read_bytes()
    except FileNotFoundError:
        raise BankError([Problem(path, 0, None, _("no such file"))]) from None
    except IsADirectoryError:
        raise BankError([Problem(path, 0, None, _("this is a folder, not a bank file"))]) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise BankError(
            [Problem(path, 0, None, _("cannot read the file: {reason}").format(reason=reason))]
        ) from None


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


def cross_bank_problems(banks: Iterable["Bank"]) -> list[Problem]:
    """Ids that must be unique across every bank loaded together: bank ids and question ids."""
    problems: list[Problem] = []
    bank_seen: dict[str, Path] = {}
    question_seen: dict[str, tuple[Path, int]] = {}
    for bank in banks:
        if bank.id in bank_seen:
            message = _("bank id {id} is also used by {path}").format(
                id=repr(bank.id), path=bank_seen[bank.id]
            )
            problems.append(Problem(bank.path, bank.line, None, message))
        else:
            bank_seen[bank.id] = bank.path
        for qid, line in bank.questions.id_lines():
            if qid in question_seen:
                other, first = question_seen[qid]
                message = _(
                    "question id also used in {path}:{line}; progress follows the id, so it must be unique"
                ).format(path=other, line=first)
                problems.append(Problem(bank.path, line, qid, message))
            else:
                question_seen[qid] = (bank.path, line)
    return problems
