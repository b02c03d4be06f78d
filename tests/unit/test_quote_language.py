"""Which language a quote is in (core/quote_language): a Spanish question may quote an English source, and then the
front ends mark the quote as the English original."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketaquiz.core.catalog import load_catalog
from ketaquiz.core.quote_language import quote_is_foreign, quote_language
from ketaquiz.core.sources import SourceLibrary


@pytest.mark.parametrize(
    ("quote", "language"),
    [
        ("Patients are watched for at least two hours after each dose.", "en"),
        ("Assess BP prior to administration of SPRAVATO.", "en"),
        ("Un familiar o un amigo debe llevarlo a casa después de la sesión.", "es"),
        ("La ketamina es un anestésico.", "es"),
        ("SPRAVATO 28 mg", None),  # nothing to tell by
        ("", None),
    ],
)
def test_quote_language(quote: str, language: str | None) -> None:
    assert quote_language(quote) == language


def test_foreign_means_not_the_banks_language() -> None:
    english = "Patients are watched for at least two hours after each dose."
    assert quote_is_foreign(english, "es") == "en"
    assert quote_is_foreign(english, "es-MX") == "en"
    assert quote_is_foreign(english, "en") is None
    assert quote_is_foreign("La ketamina es un anestésico.", "es") is None
    assert quote_is_foreign("SPRAVATO 28 mg", "es") is None  # cannot tell: taken to be the bank's language


def test_every_quote_of_the_bundled_spanish_bank_is_told_right(sources_dir: Path) -> None:
    """What the words say agrees with the `language:` the source library gives each quoted source."""
    library = SourceLibrary(sources_dir)
    banks = load_catalog(None, language="es", use_cache=False).banks
    assert banks and all(bank.language == "es" for bank in banks)
    told = []
    for bank in banks:
        for q in bank.questions:
            source = library.get(q.cite.source)
            assert source is not None, q.cite.source
            told.append((q.id, quote_language(q.cite.quote), source.header.get("language", "en")))
    assert [t for t in told if t[1] != t[2]] == []
    assert {t[2] for t in told} == {"en", "es"}
