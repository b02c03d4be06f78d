"""The safe-text rule (GUIDE section 7) as the authoring commands (`import`, `sign`) apply it: a thin face over
`core.safe_text`, which holds the rule itself.

Refused everywhere: C0 controls except tab and newline, DEL, C1 controls, the bidi embeddings, overrides and
isolates. In one-line fields (ids, titles, choice texts, tags, source fields, a reviewer's name) newlines and tabs
are refused too.
"""

from __future__ import annotations

from ketaquiz.core import safe_text
from ketaquiz.core.safe_text import describe

__all__ = ["MULTILINE_FIELDS", "describe", "first_unsafe"]

# Paragraph fields of a bank: where newlines (and tabs, shown as spaces) are allowed.
MULTILINE_FIELDS = frozenset(
    {"prompt", "explanation", "why_not", "quote", "summary", "objective_text", "note"}
)


def first_unsafe(text: str, *, multiline: bool) -> int | None:
    """The index of the first character the rule refuses in `text`, or None when it is safe."""
    return safe_text.first_unsafe(text, multiline=multiline)
