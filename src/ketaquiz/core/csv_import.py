"""A bank from a spreadsheet (`ketaquiz import`): CSV rows in, bank YAML out, every error naming its row and column.

The CSV is UTF-8 (with or without the byte-order mark spreadsheets add), comma-separated (semicolons and tabs are
recognised from the header too), with a header row naming the columns in any order:

    id, prompt, choice_1 .. choice_5, correct, why_not_1 .. why_not_5, explanation, source, quote
    optional: tags, essential, objective, objective_text, shuffle

Text is text: a cell is written to the bank exactly as the spreadsheet saved it (outer spaces trimmed, line breaks
as newlines), even one that starts with `=` or looks like a number; every cell passes the safe-text rule. Nothing is
produced unless every row is right, and the YAML produced is read back with the bank loader before it is returned,
so what is written is exactly what the rows said.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ketaquiz.core import i18n
from ketaquiz.core.authoring_text import MULTILINE_FIELDS, describe, first_unsafe
from ketaquiz.core.bank import ID_RE, MAX_CHOICES, MIN_CHOICES, did_you_mean
from ketaquiz.core.i18n import _, ngettext
from ketaquiz.core.sources import SourceLibrary, not_in_library

MAX_CSV_BYTES = 20 * 1024 * 1024
REQUIRED_COLUMNS = ("id", "prompt", "choice_1", "choice_2", "correct", "explanation", "source", "quote")
CHOICE_COLUMNS = tuple(f"choice_{i}" for i in range(1, MAX_CHOICES + 1))
WHY_NOT_COLUMNS = tuple(f"why_not_{i}" for i in range(1, MAX_CHOICES + 1))
OPTIONAL_COLUMNS = ("tags", "essential", "objective", "objective_text", "shuffle")
KNOWN_COLUMNS = (
    "id",
    "prompt",
    *CHOICE_COLUMNS,
    "correct",
    *WHY_NOT_COLUMNS,
    "explanation",
    "source",
    "quote",
    *OPTIONAL_COLUMNS,
)
YES = frozenset({"yes", "y", "true"})
NO = frozenset({"no", "n", "false"})
SOURCE_FIELDS = ("title", "publisher", "url", "date")


@dataclass(frozen=True, slots=True)
class CsvProblem:
    """One thing wrong with the spreadsheet: its row (1 is the header), and its column when there is one."""

    path: Path
    row: int
    column: str | None
    letter: str | None
    message: str

    def __str__(self) -> str:
        if not self.column:
            where = _("row {row}").format(row=self.row)
        elif not self.letter:
            where = _("row {row}, column {column}").format(row=self.row, column=self.column)
        else:
            where = _("row {row}, column {column} ({letter})").format(
                row=self.row, column=self.column, letter=self.letter
            )
        return f"{self.path}: {where}: {self.message}"


class CsvImportError(Exception):
    """The spreadsheet cannot become a bank; `problems` lists every reason found."""

    def __init__(self, problems: list[CsvProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(slots=True)
class BankInfo:
    """What the command line gives about the bank as a whole."""

    id: str
    title: str
    summary: str
    language: str = "en"
    written: str = field(default_factory=lambda: dt.date.today().isoformat())


def column_letter(index: int) -> str:
    """A 0-based column index as a spreadsheet names it: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def _normalise_header(name: str) -> str:
    return name.strip().lower()


def _pick_delimiter(first_line: str) -> str:
    best, best_known = ",", -1
    for delimiter in (",", ";", "\t"):
        names = [_normalise_header(n) for n in next(csv.reader([first_line], delimiter=delimiter), [])]
        known = sum(n in KNOWN_COLUMNS for n in names)
        if known > best_known:
            best, best_known = delimiter, known
    return best


def _cell(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


class _Rows:
    """Collects problems while the rows are read."""

    def __init__(self, path: Path, header: dict[str, int]) -> None:
        self.path = path
        self.header = header
        self.problems: list[CsvProblem] = []

    def add(self, row: int, column: str | None, message: str) -> None:
        letter = column_letter(self.header[column]) if column in self.header else None
        self.problems.append(CsvProblem(self.path, row, column, letter, message))


def read_csv_rows(data: bytes, path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (row number, cells) of a CSV file. Raises CsvImportError."""

    def fail(row: int, message: str) -> CsvImportError:
        return CsvImportError([CsvProblem(path, row, None, None, message)])

    if len(data) > MAX_CSV_BYTES:
        raise fail(
            1,
            _("the file is {size} MB; at most {limit} MiB").format(
                size=i18n.number(len(data) / 1e6, 1), limit=MAX_CSV_BYTES // 2**20
            ),
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise fail(
            line,
            _(
                "the file is not UTF-8 text (byte 0x{byte} on line {line}); save it from the spreadsheet as "
                "'CSV UTF-8'"
            ).format(byte=f"{data[exc.start]:02x}", line=line),
        ) from None
    if "\x00" in text:
        raise fail(1, _("the file holds NUL characters: it is not a CSV text file"))
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_pick_delimiter(first_line), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            rows.append((number, cells))
    except csv.Error as exc:
        raise fail(len(rows) + 1, _("not valid CSV: {error}").format(error=exc)) from None
    if not rows or not any(c.strip() for c in rows[0][1]):
        raise fail(1, _("the first row must name the columns (id, prompt, choice_1, ...)"))
    return rows[0][1], rows[1:]


def _check_header(names: list[str], path: Path) -> dict[str, int]:
    header: dict[str, int] = {}
    problems: list[CsvProblem] = []

    def add(index: int | None, column: str | None, message: str) -> None:
        letter = column_letter(index) if index is not None else None
        problems.append(CsvProblem(path, 1, column, letter, message))

    for index, raw in enumerate(names):
        name = _normalise_header(raw)
        if not name:
            continue  # spreadsheets often save empty columns; a value under one is an error of its row
        if name not in KNOWN_COLUMNS:
            add(
                index,
                raw.strip(),
                _("unknown column{hint} (the columns are listed in docs/bank-format.md)").format(
                    hint=did_you_mean(name, KNOWN_COLUMNS)
                ),
            )
        elif name in header:
            add(
                index,
                name,
                _("the column appears twice (first in column {letter})").format(
                    letter=column_letter(header[name])
                ),
            )
        else:
            header[name] = index
    for name in REQUIRED_COLUMNS:
        if name not in header:
            add(None, name, _("this column is missing from the header row"))
    for i in range(3, MAX_CHOICES + 1):
        if f"choice_{i}" in header and f"choice_{i - 1}" not in header:
            add(
                header[f"choice_{i}"],
                f"choice_{i}",
                _("there is no {column} column before it").format(column=f"choice_{i - 1}"),
            )
    for i in range(1, MAX_CHOICES + 1):
        choice, why_not = f"choice_{i}", f"why_not_{i}"
        if choice in header and why_not not in header:
            add(
                None,
                why_not,
                _("each choice column needs its why_not column: add {column}").format(column=why_not),
            )
        if why_not in header and choice not in header:
            add(header[why_not], why_not, _("there is no {column} column for it").format(column=choice))
    if "objective_text" in header and "objective" not in header:
        add(
            header["objective_text"],
            "objective_text",
            _("objective_text needs an objective column beside it"),
        )
    if problems:
        raise CsvImportError(problems)
    return header


def _yes_no(value: str) -> bool | None:
    low = value.lower()
    if low in YES:
        return True
    if low in NO:
        return False
    raise ValueError(value)


def _source_block(sid: str, library: SourceLibrary) -> dict[str, str] | str:
    """The bank's entry for a library source, or why it cannot be made."""
    source = library.get(sid)
    if source is None:
        return not_in_library(sid, library)
    entry: dict[str, str] = {}
    for name in SOURCE_FIELDS:
        value = (source.header.get(name) or "").strip()
        if not value:
            continue
        if (bad := first_unsafe(value, multiline=False)) is not None:
            return _("the library's {field} of source {id} holds {what}").format(
                field=name, id=repr(sid), what=describe(value[bad])
            )
        entry[name] = value
    if "title" not in entry:
        return _("source {id} in the library has no title: line").format(id=repr(sid))
    return entry


def rows_to_bank(
    header_names: list[str],
    rows: list[tuple[int, list[str]]],
    info: BankInfo,
    library: SourceLibrary,
    path: Path,
) -> tuple[dict[str, Any], dict[str, int]]:
    """The bank's data (plain dicts and lists, in the order they are written) and the row of each question id.

    Raises CsvImportError listing every problem, so nothing is written when any row is wrong.
    """
    header = _check_header(header_names, path)
    out = _Rows(path, header)
    questions: list[dict[str, Any]] = []
    id_rows: dict[str, int] = {}
    objective_texts: dict[str, tuple[str, int]] = {}
    objective_uses: dict[str, int] = {}
    source_ids: list[str] = []
    sources: dict[str, dict[str, str]] = {}

    named = set(header.values())
    for number, raw in rows:
        if not any(c.strip() for c in raw):
            continue  # a blank row
        unnamed = [i for i, c in enumerate(raw) if c.strip() and i not in named]
        if unnamed:
            out.add(
                number,
                None,
                _("the row has a value in column {letter}, which has no name in the header row").format(
                    letter=column_letter(unnamed[0])
                ),
            )
            continue
        before = len(out.problems)
        cells: dict[str, str] = {}
        for name, index in header.items():
            value = _cell(raw[index]) if index < len(raw) else ""
            multiline = name in MULTILINE_FIELDS or name.startswith("why_not_")
            if (bad := first_unsafe(value, multiline=multiline)) is not None:
                what = describe(value[bad])
                if multiline or value[bad] not in "\n\t":
                    message = _("the cell holds {what}, which a bank does not allow")
                else:
                    message = _("the cell holds {what}, which a bank does not allow; this field is one line")
                out.add(number, name, message.format(what=what))
                value = ""
            cells[name] = value

        def need(name: str, cells: dict[str, str] = cells, number: int = number) -> str:
            if not cells.get(name):
                out.add(number, name, _("this cell is empty"))
            return cells.get(name, "")

        def is_id(name: str, value: str, message: str, number: int = number) -> bool:
            """Whether `value` is an id; if not, `message` (its `{value}` filled in) is the cell's problem."""
            if ID_RE.match(value):
                return True
            out.add(number, name, message.format(value=repr(value)))
            return False

        qid = need("id")
        like = _("{value} must be lowercase letters, digits and single dashes, like se-nausea-1")
        if qid and is_id("id", qid, like) and qid in id_rows:
            out.add(
                number,
                "id",
                _("the id {id} is also used on row {row}").format(id=repr(qid), row=id_rows[qid]),
            )
        prompt = need("prompt")
        explanation = need("explanation")

        texts = [cells.get(c, "") for c in CHOICE_COLUMNS]
        count = max((i + 1 for i, t in enumerate(texts) if t), default=0)
        for i in range(count):
            if not texts[i]:
                out.add(
                    number,
                    f"choice_{i + 1}",
                    _(
                        "this choice is empty but {column} is not: fill the choices from choice_1, no gaps"
                    ).format(column=f"choice_{count}"),
                )
        if count < MIN_CHOICES:
            out.add(
                number,
                f"choice_{count + 1}",
                ngettext(
                    "a question needs at least {count} choice",
                    "a question needs at least {count} choices",
                    MIN_CHOICES,
                ).format(count=MIN_CHOICES),
            )
        seen: dict[str, int] = {}
        for i, t in enumerate(texts[:count]):
            if t and t.casefold() in seen:
                out.add(
                    number,
                    f"choice_{i + 1}",
                    _("the same text as {column}").format(column=f"choice_{seen[t.casefold()]}"),
                )
            seen.setdefault(t.casefold(), i + 1)

        correct_text = need("correct")
        correct = 0
        if correct_text:
            if correct_text.isdigit() and 1 <= int(correct_text) <= max(count, MIN_CHOICES):
                correct = int(correct_text)
            else:
                out.add(
                    number,
                    "correct",
                    _("must be the number of the right choice, 1 to {last}; found {value}").format(
                        last=max(count, MIN_CHOICES), value=repr(correct_text)
                    ),
                )
        choices: list[dict[str, Any]] = []
        for i in range(1, MAX_CHOICES + 1):
            why_not = cells.get(f"why_not_{i}", "")
            if i > count:
                if why_not:
                    out.add(
                        number,
                        f"why_not_{i}",
                        _("there is no {column} for this why_not").format(column=f"choice_{i}"),
                    )
                continue
            if i == correct:
                if why_not:
                    out.add(
                        number,
                        f"why_not_{i}",
                        _("choice {number} is the right one: leave its why_not empty").format(number=i),
                    )
                choices.append({"text": texts[i - 1], "correct": True})
            else:
                if not why_not and correct:
                    out.add(
                        number,
                        f"why_not_{i}",
                        _("choice {number} is wrong: say why, for the learner who picks it").format(number=i),
                    )
                choices.append({"text": texts[i - 1], "why_not": why_not})

        source = need("source")
        quote = need("quote")
        if source and is_id(
            "source", source, _("{value} is not a source id (a file name in the source library)")
        ):
            if source not in sources:
                entry = _source_block(source, library)
                if isinstance(entry, str):
                    out.add(number, "source", entry)
                else:
                    sources[source] = entry
                    source_ids.append(source)
            found = library.get(source)
            if found is not None and quote and not found.contains(quote):
                out.add(
                    number,
                    "quote",
                    _("the quote is not in source {id}, word for word").format(id=repr(source)),
                )

        question: dict[str, Any] = {
            "id": qid,
            "prompt": prompt,
            "choices": choices,
            "explanation": explanation,
            "cite": {"source": source, "quote": quote},
        }
        objective = cells.get("objective", "")
        objective_text = cells.get("objective_text", "")
        if objective:
            if is_id(
                "objective", objective, _("{value} must be lowercase letters, digits and single dashes")
            ):
                question["objective"] = objective
                objective_uses.setdefault(objective, number)
                known = objective_texts.get(objective)
                if objective_text and known is None:
                    objective_texts[objective] = (objective_text, number)
                elif objective_text and known is not None and known[0] != objective_text:
                    out.add(
                        number,
                        "objective_text",
                        _(
                            "objective {id} is described differently on row {row}; give one description (or "
                            "leave this cell empty)"
                        ).format(id=repr(objective), row=known[1]),
                    )
        elif objective_text:
            out.add(number, "objective", _("objective_text is given but objective is empty"))
        for flag in ("essential", "shuffle"):
            if value := cells.get(flag, ""):
                try:
                    question[flag] = _yes_no(value)
                except ValueError:
                    out.add(number, flag, _("must be yes or no, not {value}").format(value=repr(value)))
        if tags_text := cells.get("tags", ""):
            tags = [t.strip() for t in tags_text.split(",") if t.strip()]
            if tags:
                question["tags"] = tags
        if question.get("essential") is False:
            del question["essential"]  # the default
        if len(out.problems) == before:
            questions.append(question)
        if qid and qid not in id_rows:
            id_rows[qid] = number

    for objective, number in objective_uses.items():
        if objective not in objective_texts:
            out.add(
                number,
                "objective_text",
                _("objective {id} needs its description on one of its rows").format(id=repr(objective)),
            )
    if not questions and not out.problems:
        out.add(1, None, _("the spreadsheet has no questions (only blank rows)"))
    if out.problems:
        out.problems.sort(key=lambda p: p.row)
        raise CsvImportError(out.problems)

    bank: dict[str, Any] = {
        "format": 1,
        "id": info.id,
        "title": info.title,
        "summary": info.summary,
        "language": info.language,
        "review": {"written": info.written, "reviewed_by": None, "reviewed_on": None},
    }
    if objective_texts:
        bank["objectives"] = {oid: text for oid, (text, _row) in objective_texts.items()}
    bank["sources"] = {sid: sources[sid] for sid in source_ids}
    bank["questions"] = questions
    return bank, id_rows


def bank_yaml(bank: dict[str, Any], *, comment: str = "") -> str:
    """The bank as YAML: fields in the order given, paragraphs with line breaks as `|` blocks, text always text."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)  # lists indented under their key, as the docs write them

    def text(dumper: yaml.SafeDumper, value: str) -> Any:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)  # i18n: not shown (a tag)

    _Dumper.add_representer(str, text)
    body = yaml.dump(
        bank,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=110,
        indent=2,
    )
    return comment + body


def import_csv(
    data: bytes, path: Path, info: BankInfo, library: SourceLibrary, output: Path
) -> tuple[str, int]:
    """The bank's YAML text and its question count, from a CSV file's bytes. Raises CsvImportError.

    The text is read back with the bank loader first: it must load, and decode to exactly the rows' values.
    """
    from ketaquiz.core.bank import BankError, parse_bank
    from ketaquiz.core.fingerprint import fingerprint

    header, rows = read_csv_rows(data, path)
    bank, id_rows = rows_to_bank(header, rows, info, library, path)
    # The comment at the top is for the staff who edit the bank: in the interface language (YAML keys stay English).
    name = path.name if first_unsafe(path.name, multiline=False) is None else _("a spreadsheet")
    out_name = output.name if first_unsafe(output.name, multiline=False) is None else _("THIS-FILE")
    comment = _(
        "# Imported from {name} by `ketaquiz import` on {date}.\n"
        "# Next: ketaquiz check {file} --sources DIR, then ketaquiz review-sheet {file} for the clinician.\n"
    ).format(name=name, date=info.written, file=out_name)
    text = bank_yaml(bank, comment=comment)
    try:
        loaded = parse_bank(text.encode("utf-8"), output, with_fingerprint=True)
    except (
        BankError
    ) as exc:  # a rule the rows above do not know yet: name the row when the loader names the question
        raise CsvImportError(
            [CsvProblem(path, id_rows.get(p.question or "", 1), None, None, p.message) for p in exc.problems]
        ) from None
    if loaded.content_fingerprint != fingerprint(
        bank
    ):  # pragma: no cover - the writer and the reader disagree
        raise CsvImportError(
            [CsvProblem(path, 1, None, None, _("the bank written would not read back exactly"))]
        )
    return text, len(loaded.questions)
