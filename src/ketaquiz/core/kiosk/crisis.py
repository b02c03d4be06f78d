"""Laying out the crisis line: wrapped at spaces only, never inside a phone number or a web address, and the
short US form where the full one does not fit.

A phone number written with spaces between its digit groups ("116 123", "1 800 273 8255") counts as one word; a
web address has no spaces, so it is one word already.
"""

from __future__ import annotations

import re

from ketaquiz.core.safety import CRISIS_SHORT_US, CRISIS_TEXT_US

FULL_FORM_MIN_WIDTH = 80
"""Screens narrower than this (in columns) show the default US text in its short form."""

_DIGIT_GROUP = re.compile(r"[+(]?\d[\d()\-]*")
"""A word that is a group of a phone number and may go on with another group ("116" in "116 123")."""


def crisis_words(text: str) -> list[str]:
    """The text's words, with the digit groups of a phone number joined into one word."""
    words: list[str] = []
    for word in text.split():
        if words and _DIGIT_GROUP.fullmatch(words[-1].rsplit(" ", 1)[-1]) and word[:1].isdigit():
            words[-1] += " " + word
        else:
            words.append(word)
    return words


def crisis_lines(text: str, width: int) -> list[str]:
    """`text` wrapped to `width` columns at spaces, keeping each phone number and web address on one line (a
    word wider than the whole line gets a line of its own, the one case where the screen must cut it)."""
    lines: list[str] = []
    line = ""
    for word in crisis_words(text):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def crisis_form(text: str, screen_width: int) -> str:
    """The text to show on a screen `screen_width` columns wide: the default US text turns to its short form on
    screens narrower than 80 columns; a clinic's own text is always shown whole."""
    if text == CRISIS_TEXT_US and screen_width < FULL_FORM_MIN_WIDTH:
        return CRISIS_SHORT_US
    return text
