"""Text from banks and from the learner is data, never markup.

Everything a bank or the store supplies reaches the screen through `literal()`: a `Content` built from the plain
string, so `[bold]`, `[link=...]` and `$var` show as typed, and terminal control characters and bidi overrides are
removed first (the loader refuses them in banks; a note typed by the learner or an old store may still hold them).
"""

from __future__ import annotations

import re

from textual.content import Content

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """The text without control characters (tab and newline kept) or bidi embeddings and overrides."""
    return _UNSAFE.sub("", text)


def literal(text: str, style: str = "") -> Content:
    """Plain text as Content, optionally styled (e.g. "bold"); never interpreted as markup."""
    return Content.styled(clean(text), style)


def one_line(text: str) -> str:
    """Runs of white space (including the line breaks of folded YAML) as single spaces."""
    return " ".join(clean(text).split())
