"""The one rule for text that may reach a screen, a report or a terminal (GUIDE section 7).

Refused everywhere, after YAML decoding (so whether written raw or as an escape like `"\\e"`, `"\\x1b"`,
`"\\u202e"`): C0 controls except tab and newline, DEL, C1 controls, and the bidi embeddings, overrides and
isolates U+202A-U+202E and U+2066-U+2069. Ordinary right-to-left letters are fine. Newlines (and tabs, shown as
spaces) are allowed only in the fields that hold paragraphs; `first_unsafe(text, multiline=False)` refuses them
elsewhere.

Readers refuse unsafe text (`first_unsafe`); writers of text that was never checked (a note typed by the learner,
an old store) make it safe with `clean` or `one_line`. No regular expression is compiled at import: this module is
imported at start-up.
"""

from __future__ import annotations

import re
from functools import cache

from ketaquiz.core.i18n import _

__all__ = ["RULE", "UNSAFE_RANGES", "clean", "describe", "first_unsafe", "one_line", "unsafe_message"]

UNSAFE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x08),
    (0x0B, 0x1F),  # carriage return too: the YAML parser turns a file's CRLF into newlines before this check
    (0x7F, 0x9F),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
)
"""Inclusive code point ranges refused in any text: C0 but tab (09) and newline (0A), DEL and C1, bidi
embeddings, overrides and isolates."""

RULE = "unsafe-character"  # i18n: not shown (a rule name, the same in every language)
"""The rule name a refusal is reported under."""

_DROP = {cp: None for lo, hi in UNSAFE_RANGES for cp in range(lo, hi + 1)} | {0x09: 0x20}
"""`str.translate` table for `clean`: unsafe characters dropped, tabs shown as spaces."""


@cache
def _pattern(multiline: bool, raw_file: bool) -> re.Pattern[str]:
    """The character class of refused code points (compiled once, on first use: not at start-up)."""
    points = {cp for lo, hi in UNSAFE_RANGES for cp in range(lo, hi + 1)}
    if not multiline:
        points |= {0x09, 0x0A}
    if raw_file:  # a whole file before parsing: its line ends may be CRLF (or a lone CR)
        points.discard(0x0D)
    return re.compile("[" + "".join(f"\\U{cp:08x}" for cp in sorted(points)) + "]")


def first_unsafe(text: str, *, multiline: bool = True, raw_file: bool = False) -> int | None:
    """The index of the first character the rule refuses, or None when the text is safe.

    `multiline=False` also refuses newlines and tabs (ids, titles, choice texts, tags, source fields).
    `raw_file=True` checks a whole file before its YAML is parsed, where carriage returns end lines.
    """
    if text.isascii() and text.isprintable():
        return None  # printable ASCII holds no refused character: no pattern to compile (a profile name at start)
    match = _pattern(multiline, raw_file).search(text)
    return None if match is None else match.start()


def describe(char: str) -> str:
    """How a refused character is named in a message: "a line break", "a tab", or its code point."""
    if char in "\n\r":
        return _("a line break")
    if char == "\t":
        return _("a tab")
    return _("the control or text-direction character U+{code}").format(code=f"{ord(char):04X}")


def unsafe_message(text: str, index: int, what: str) -> str:
    """How a refusal reads: which character, and in what (the rule name, `RULE`, goes beside it).

    `what` names the field or file, already in the interface language ("prompt", "the file").
    """
    char = text[index]
    if char in "\n\t":
        return _("{what} must be one line; it holds {kind} (U+{code})").format(
            what=what, kind=describe(char), code=f"{ord(char):04X}"
        )
    return _(
        "{what} holds the control or text-direction character U+{code}, which is not allowed whether typed or "
        "written as a YAML escape"
    ).format(what=what, code=f"{ord(char):04X}")


def clean(text: str) -> str:
    """The text with unsafe characters removed and tabs as spaces (newlines kept): for text never checked."""
    return text.translate(_DROP)


def one_line(text: str) -> str:
    """`clean`, with runs of white space (line breaks of folded YAML too) as single spaces."""
    return " ".join(clean(text).split())
