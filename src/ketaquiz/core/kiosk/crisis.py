"""The crisis line: the default (US) text and its short form in the interface language, and its layout: wrapped
at spaces only, never inside a phone number or a web address, in the short form where the full one does not fit.

The default texts are kept in core.safety (marked for the catalog there); `default_crisis_text()` and
`default_crisis_short()` give them in the language in use, for the app, plain mode and the kiosk alike. In Spanish:
"En una crisis: llame o envíe un mensaje de texto al 988 (hay ayuda en español). En una emergencia, llame al 911."
(988 answers calls, texts and chats in English and Spanish: SAMHSA's 988 page in the source library).

A phone number written with spaces between its digit groups ("116 123", "1 800 273 8255") counts as one word; a
web address has no spaces, so it is one word already.
"""

from __future__ import annotations

import re

from ketaquiz.core.i18n import _
from ketaquiz.core.safety import CRISIS_SHORT_US, CRISIS_TEXT_US

FULL_FORM_MIN_WIDTH = 80
"""Screens narrower than this (in columns) show the default US text in its short form."""

_DIGIT_GROUP = re.compile(r"[+(]?\d[\d()\-]*")
"""A word that is a group of a phone number and may go on with another group ("116" in "116 123")."""


def default_crisis_text() -> str:
    """The default crisis line (the US 988 wording) in the interface language."""
    return _(CRISIS_TEXT_US)


def default_crisis_short() -> str:
    """Its short form, for narrow screens, in the interface language."""
    return _(CRISIS_SHORT_US)


def is_default_crisis_text(text: str) -> bool:
    """True for the default crisis line, in English or in the interface language."""
    return text in (CRISIS_TEXT_US, default_crisis_text())


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
    """The text to show on a screen `screen_width` columns wide: the default text (in either language) turns to
    its short form in the interface language on screens narrower than 80 columns; a clinic's own text is always
    shown whole."""
    if screen_width < FULL_FORM_MIN_WIDTH and is_default_crisis_text(text):
        return default_crisis_short()
    return text
