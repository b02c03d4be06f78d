"""Which language a quote is in, so a Spanish question can say that its quote is the English original.

A Spanish bank may quote an English source where no Spanish one has the fact (issue 17); the front end then shows
the quote under "Texto original (en inglés)". A bank's sources do not say their language, so the quote's own words
tell: the small words every English or Spanish sentence is made of (articles, prepositions, pronouns), and the
letters only Spanish writes (á é í ó ú ü ñ ¿ ¡). Quotes are sentences from patient leaflets and labels, long
enough for this to be clear; a quote that does not say (too short, or mixed) is taken to be in its bank's language.
"""

from __future__ import annotations

import re

from ketaquiz.core.model import base_language

__all__ = ["quote_is_foreign", "quote_language"]

_ENGLISH = frozenset((
    "the", "and", "of", "to", "is", "are", "was", "were", "be", "been", "for", "with", "that", "this",
    "these", "those", "from", "by", "as", "at", "on", "it", "its", "an", "or", "not", "can", "may", "should",
    "will", "would", "after", "before", "your", "you", "they", "their", "which", "who", "when", "if", "have",
    "has"
))  # fmt: skip
"""Small words that English sentences are made of."""
_SPANISH = frozenset((
    "el", "la", "los", "las", "de", "del", "que", "y", "en", "por", "para", "con", "es", "son", "fue", "un",
    "una", "unos", "unas", "se", "su", "sus", "al", "lo", "le", "les", "como", "más", "pero", "este", "esta",
    "estos", "estas", "puede", "pueden", "debe", "cuando", "si", "hay", "muy"
))  # fmt: skip
"""Small words that Spanish sentences are made of."""
_SPANISH_LETTERS = re.compile("[áéíóúüñ¿¡]", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 4
"""A quote with small words of both languages needs this many in all (and twice as many of one) to tell."""


def quote_language(quote: str) -> str | None:
    """ "en" or "es" for a quote whose words say so clearly; None when they do not (too short, or mixed)."""
    words = [w.lower() for w in _WORD.findall(quote)]
    english = sum(1 for w in words if w in _ENGLISH)
    spanish = sum(1 for w in words if w in _SPANISH) + 2 * len(_SPANISH_LETTERS.findall(quote))
    if english == spanish:
        return None
    if (
        min(english, spanish) == 0 and max(english, spanish) >= 2
    ):  # only one language's words: short is enough
        return "en" if english else "es"
    if english + spanish < MIN_WORDS:
        return None
    return "en" if english > 2 * spanish else "es" if spanish > 2 * english else None


def quote_is_foreign(quote: str, bank_language: str) -> str | None:
    """The quote's language when it is not the bank's ("en" for an English quote in a Spanish bank), else None."""
    found = quote_language(quote)
    return found if found is not None and found != base_language(bank_language) else None
