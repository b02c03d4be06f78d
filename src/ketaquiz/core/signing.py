"""Recording a clinician's review in a bank file (`ketaquiz sign`), changing only the review's lines.

`sign_text` writes `review.reviewed_by`, `review.reviewed_on` and `review.fingerprint` into the file's text: a field
already there has its value replaced in place (a comment after it stays), a missing one is added below the review's
other fields with their indentation. Comments, order, quoting and every other line are left as they were. A review
written in flow style (`review: {reviewed_by: null}`) is rewritten as a block, since there are no lines to keep.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import TYPE_CHECKING, Any

from ketaquiz.core.authoring_text import first_unsafe
from ketaquiz.core.i18n import _

if TYPE_CHECKING:
    from ketaquiz.core.safe_yaml import SpanNode

MAX_REVIEWER_CHARS = 200
SIGNED_FIELDS = ("reviewed_by", "reviewed_on", "fingerprint")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class SignError(Exception):
    """The bank or the values given cannot be signed; the message says why."""


def check_reviewer(name: str) -> str:
    """The reviewer's name as it will be written (outer spaces removed). Raises SignError for a refused one."""
    name = name.strip()
    if not name:
        raise SignError(
            _("the reviewer is empty: give the clinician's name and credentials, like 'Ana Ruiz, MD'")
        )
    if (index := first_unsafe(name, multiline=False)) is not None:
        raise SignError(
            _(
                "the reviewer holds a control character (U+{code}); write it on one line, as plain text"
            ).format(code=f"{ord(name[index]):04X}")
        )
    if len(name) > MAX_REVIEWER_CHARS:
        raise SignError(_("the reviewer is longer than {count} characters").format(count=MAX_REVIEWER_CHARS))
    return name


def check_date(text: str, *, today: dt.date) -> str:
    """A review date: YYYY-MM-DD, a real day, not after today. Raises SignError."""
    if not _DATE_RE.match(text):
        raise SignError(_("the date must look like 2026-12-04, not {text}").format(text=repr(text)))
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise SignError(_("{text} is not a date").format(text=text)) from None
    if day > today:
        raise SignError(_("the review date {text} is in the future").format(text=text))
    return text


def _scalar(value: str) -> str:
    """A value as a YAML scalar that reads back as exactly this text (a JSON string is a valid YAML one)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}|sha256:[0-9a-f]{64}", value):
        return value  # dates and fingerprints read as text in banks, as the loader reads them
    return json.dumps(value, ensure_ascii=False)


def _read(text: str) -> SpanNode:
    """The bank read by the one hardened YAML reader, with each value's place in `text` (in characters)."""
    from ketaquiz.core.safe_yaml import SpanNode, YamlRefused, read_yaml

    try:
        root, _duplicates = read_yaml(text, spans=True)
    except YamlRefused as exc:
        raise SignError(_("line {line}: {message}").format(line=exc.line, message=exc.message)) from None
    assert isinstance(root, SpanNode)
    return root


def _column(text: str, index: int) -> int:
    return index - (text.rfind("\n", 0, index) + 1)


def _line_end(text: str, index: int) -> int:
    """The index just after the line break that ends the line holding `index` (or the end of the text)."""
    nl = text.find("\n", index)
    return len(text) if nl < 0 else nl + 1


def sign_text(text: str, *, reviewer: str, reviewed_on: str, fingerprint: str) -> str:
    """The bank's text with the review recorded. `text` must be a bank the loader accepts (no BOM)."""
    from ketaquiz.core.safe_yaml import plain

    values = {"reviewed_by": reviewer, "reviewed_on": reviewed_on, "fingerprint": fingerprint}
    root = _read(text)
    if not isinstance(root.value, dict):
        raise SignError(_("the file is not a bank (its top level is not a mapping)"))
    entry = root.value.get("review")
    if entry is None:
        raise SignError(_("the bank has no review: block"))
    key_node, node = entry
    newline = "\r\n" if "\r\n" in text else "\n"

    if not isinstance(node.value, dict) or node.flow or not node.value:
        # No lines of its own to keep: write the review as a block, keeping the fields it had.
        kept: dict[str, Any] = {}
        if isinstance(node.value, dict):
            kept = {str(k): plain(v) for k, (_kn, v) in node.value.items()}
        kept.update(values)
        indent = " " * (_column(text, key_node.start) + 2)
        lines = []
        for name, value in kept.items():
            shown = "null" if value is None else _scalar(str(value))
            lines.append(f"{indent}{name}: {shown}")
        start, end = node.start, node.end
        if not isinstance(node.value, dict | list) and start == end:  # `review:` with nothing after it
            start = end = text.index(":", key_node.end) + 1
        return text[:start] + newline + newline.join(lines) + text[end:]

    edits: list[tuple[int, int, str]] = []
    present: dict[str, tuple[SpanNode, SpanNode]] = node.value
    for name in SIGNED_FIELDS:
        if name not in present:
            continue
        knode, vnode = present[name]
        new = _scalar(values[name])
        start, end = vnode.start, vnode.end
        if start == end:  # `reviewed_by:` with nothing after it
            start = end = text.index(":", knode.end) + 1
            new = " " + new
        elif text[start:end].endswith("\n"):  # a block scalar ends after its last line break: keep one
            new += newline
        edits.append((start, end, new))
    missing = [name for name in SIGNED_FIELDS if name not in present]
    if missing:
        entries = list(present.values())
        end = entries[-1][1].end
        at = end if text[:end].endswith("\n") else _line_end(text, end)
        indent = " " * _column(text, entries[0][0].start)
        block = "".join(f"{indent}{name}: {_scalar(values[name])}{newline}" for name in missing)
        if at == len(text) and not text.endswith("\n"):
            block = newline + block
        edits.append((at, at, block))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text
