"""The note a quote gets in the feedback when it is in another language than its question: "Texto original (en
inglés)" (the quote's language told by core.quote_language)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ketaquiz.core import i18n
from ketaquiz.core.catalog import load_catalog
from ketaquiz.core.model import Choice, Citation, SourceRef
from ketaquiz.core.paths import bundled_banks_dir
from ketaquiz.core.quote_language import quote_language
from ketaquiz.core.session import Feedback
from ketaquiz.tui.widgets.feedback import quote_language_note, quote_text


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    yield
    i18n.set_language("en")


def test_every_bundled_explanation_tells_its_questions_language() -> None:
    # When the app does not pass the bank's language, the explanation (written in it) tells it.
    catalog = load_catalog([bundled_banks_dir()], use_cache=False)
    assert {b.language for b in catalog.banks} == {"en", "es"}
    for bank in catalog.banks:
        for question in bank.questions:
            assert quote_language(question.explanation) == bank.language, question.id


def feedback(quote: str, explanation: str) -> Feedback:
    right = Choice("Sí", True, None)
    return Feedback(
        correct=True,
        chosen=right,
        chosen_index=0,
        correct_choice=right,
        correct_index=0,
        why_not=None,
        explanation=explanation,
        citation=Citation(source="fda-label", quote=quote),
        source=SourceRef(id="fda-label", title="SPRAVATO label"),
        seconds=1.0,
    )


ENGLISH_QUOTE = "Patients should be monitored for at least 2 hours after each dose."
SPANISH_QUOTE = "Lo vigilarán durante al menos 2 horas después de cada dosis."
SPANISH_WHY = "Después de cada dosis, el equipo lo vigila durante al menos 2 horas."


def test_an_english_quote_under_a_spanish_question_says_so() -> None:
    i18n.set_language("es")
    assert quote_language_note(feedback(ENGLISH_QUOTE, SPANISH_WHY), "es") == "Texto original (en inglés)"
    text = quote_text(feedback(ENGLISH_QUOTE, SPANISH_WHY), "es").plain
    assert text.startswith("Texto original (en inglés)\n“Patients should be monitored")
    assert "Fuente: SPRAVATO label" in text
    # A Spanish quote says nothing; nor does an English one under an English question.
    assert quote_language_note(feedback(SPANISH_QUOTE, SPANISH_WHY), "es") == ""
    i18n.set_language("en")
    assert quote_language_note(feedback(ENGLISH_QUOTE, "They watch you for 2 hours."), "en") == ""
    assert quote_text(feedback(ENGLISH_QUOTE, "x"), "en").plain.startswith("“Patients")


def test_without_the_banks_language_the_explanation_tells_the_questions() -> None:
    # The app's question screen may not pass the bank's language: a Spanish question still gets the note, in the
    # interface's language, and a Spanish quote under an English question gets it too.
    assert quote_language_note(feedback(ENGLISH_QUOTE, SPANISH_WHY)) == "Original text (in English)"
    i18n.set_language("es")
    assert quote_language_note(feedback(ENGLISH_QUOTE, SPANISH_WHY)) == "Texto original (en inglés)"
    assert quote_language_note(feedback(SPANISH_QUOTE, "They watch you for 2 hours after each dose.")) == (
        "Texto original (en español)"
    )
    assert quote_language_note(feedback(ENGLISH_QUOTE, SPANISH_WHY), "es-MX") == "Texto original (en inglés)"
