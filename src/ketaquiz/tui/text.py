"""Text from banks and from the learner is data, never markup.

Everything a bank or the store supplies reaches the screen through `literal()`: a `Content` built from the plain
string, so `[bold]`, `[link=...]` and `$var` show as typed, and terminal control characters and bidi overrides are
removed first by the core's one safe-text rule (`core.safe_text`: the loader refuses them in banks; a note typed by
the learner or an old store may still hold them).
"""

from __future__ import annotations

from textual.content import Content

from ketaquiz.core.safe_text import clean, one_line

__all__ = ["clean", "literal", "one_line"]


def literal(text: str, style: str = "") -> Content:
    """Plain text as Content, optionally styled (e.g. "bold"); never interpreted as markup."""
    return Content.styled(clean(text), style)
