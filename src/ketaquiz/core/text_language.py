"""Which language a passage is in, English or Spanish, told from its words.

A Spanish bank may quote an English source where no Spanish one says the fact (issue 17): the feedback then shows
the quote under "Texto original (en inglés)". A bank's sources carry no language tag, so the quote's own words
decide: short words each language uses all the time and the other almost never, and the letters only Spanish has.
Over the bundled banks it tells every quote and every explanation right (tests/unit/test_text_language.py).
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The words a passage is matched against (never shown).
_FUNCTION_WORDS = {
    "en": _words(
        "the of and to is are was were be been being for with that this these those"  # i18n: not shown (words)
        " it its as by or not from at have has had will would can could may might should must you your they"
        " their them which who what when if than into about after before during"
    ),
    "es": _words(
        "el la los las del de que y en es son fue ser para con por una un unos unas se su"  # i18n: not shown (words)
        " sus al lo como más pero muy este esta estos estas puede pueden debe deben le les usted ni hay está"
        " están también durante después antes sobre entre"
    ),
}
_SPANISH_LETTERS = frozenset("áéíóúñü¿¡")
_WORD = re.compile(r"[^\W\d_]+")


def text_language(text: str) -> str | None:
    """ "en" or "es" for a passage of a few words or more; None when its words do not tell (too short, or mixed)."""
    words = _WORD.findall(text.lower())
    english = sum(word in _FUNCTION_WORDS["en"] for word in words)
    spanish = sum(word in _FUNCTION_WORDS["es"] or not _SPANISH_LETTERS.isdisjoint(word) for word in words)
    spanish += text.count("¿") + text.count("¡")
    best, score, other = ("en", english, spanish) if english > spanish else ("es", spanish, english)
    return best if score >= 2 and score >= 2 * other else None
