"""The safe-text rule (GUIDE section 7) as the authoring commands (`import`, `sign`) apply it: the one place they
reach it, so it is easy to point at core/safe_text.py once that module holds the rule.

Refused everywhere: C0 controls except tab and newline, DEL, C1 controls, the bidi embeddings, overrides and
isolates. In one-line fields (ids, titles, choice texts, tags, source fields, a reviewer's name) newlines and tabs
are refused too.
"""

from __future__ import annotations

try:  # the core's shared rule, where it exists
    from ketaquiz.core.safe_text import first_unsafe as _first_unsafe
except ImportError:  # until then, the loader's character class
    _first_unsafe = None

# Paragraph fields of a bank: where newlines (and tabs, shown as spaces) are allowed.
MULTILINE_FIELDS = frozenset(
    {"prompt", "explanation", "why_not", "quote", "summary", "objective_text", "note"}
)


def first_unsafe(text: str, *, multiline: bool) -> int | None:
    """The index of the first character the rule refuses in `text`, or None when it is safe."""
    if _first_unsafe is not None:
        return _first_unsafe(text, multiline=multiline)
    from ketaquiz.core.bank import FORBIDDEN_CHARS_RE

    match = FORBIDDEN_CHARS_RE.search(text)
    index = None if match is None else match.start()
    if not multiline:
        for char in "\n\t\r":
            at = text.find(char)
            if at >= 0 and (index is None or at < index):
                index = at
    return index


def describe(char: str) -> str:
    """How a refused character is named in a message."""
    names = {"\n": "a line break", "\t": "a tab", "\r": "a line break"}
    return names.get(char, f"the control or text-direction character U+{ord(char):04X}")
