"""Text from banks and from the learner is data, never markup.

Everything a bank or the store supplies reaches the screen through `literal()`: a `Content` built from the plain
string, so `[bold]`, `[link=...]` and `$var` show as typed, and terminal control characters and bidi overrides are
removed first (the loader refuses them in banks; a note typed by the learner or an old store may still hold them).
"""

from __future__ import annotations

from textual.content import Content

_UNSAFE = dict.fromkeys(
    [
        *range(0x00, 0x09),
        *range(0x0B, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
)
"""Code points to drop: C0 controls but tab and newline, DEL and C1, bidi embeddings, overrides and isolates.
(A `str.translate` table: no regular expression to compile at start-up.)"""


def clean(text: str) -> str:
    """The text without control characters (tab and newline kept) or bidi embeddings and overrides."""
    return text.translate(_UNSAFE)


def literal(text: str, style: str = "") -> Content:
    """Plain text as Content, optionally styled (e.g. "bold"); never interpreted as markup."""
    return Content.styled(clean(text), style)


def one_line(text: str) -> str:
    """Runs of white space (including the line breaks of folded YAML) as single spaces."""
    return " ".join(clean(text).split())
