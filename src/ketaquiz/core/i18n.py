"""The interface language: English source strings, Spanish from a gettext catalog.

Every string ketaquiz shows goes through `_` (or `ngettext` when it counts something). English is the source
language, so in English `_` returns its argument untouched and no catalog is read: start-up pays nothing for
Spanish. The Spanish catalog (``locale/es/LC_MESSAGES/ketaquiz.mo``, compiled from the ``.po`` beside it by
``python tools/i18n.py``) is read with the standard library's gettext the first time a Spanish string is asked for.

Rules for code (a test checks the first two):
- Never call `_` at import time (module level or in a class body): the language can change while the program runs
  (Home's `l`, a bilingual kiosk). Mark such strings with `N_` and translate them where they are shown: `_(CONSTANT)`.
- Never pass an f-string to `_`: write ``_("Question {n} of {total}").format(n=n, total=total)``.
- Count with ``ngettext("{n} question", "{n} questions", n).format(n=n)``.

Which language (GUIDE section 7): ``--lang`` > ``KETAQUIZ_LANG`` > the choice saved on Home > the locale
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG, read as gettext reads them; C and POSIX mean English) > English.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as _dt

LANGUAGES: tuple[str, ...] = ("en", "es")
"""The interface languages, English first (the source language and the fallback)."""

LANGUAGE_NAMES: dict[str, str] = {"en": "English", "es": "Español"}
"""Each language in its own words (shown untranslated: a reader looks for their own language's name)."""

DEFAULT_LANGUAGE = "en"
LANGUAGE_PREF_KEY = "language"
"""The key of the language chosen on Home in the store's preferences (beside the theme)."""

DOMAIN = "ketaquiz"

_current = DEFAULT_LANGUAGE
_catalogs: dict[str, Any] = {}  # language -> gettext.NullTranslations, read on first use


def _catalog(language: str) -> Any:
    found = _catalogs.get(language)
    if found is None:
        import gettext  # only when a language other than English is in use
        from pathlib import Path

        locale_dir = Path(__file__).resolve().parent.parent / "locale"
        found = gettext.translation(DOMAIN, locale_dir, languages=[language], fallback=True)
        _catalogs[language] = found
    return found


def _(message: str) -> str:
    """`message` (an English source string) in the interface language."""
    if _current == DEFAULT_LANGUAGE:
        return message
    translated: str = _catalog(_current).gettext(message)
    return translated


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message for `n`, in the interface language ("1 pregunta", "2 preguntas")."""
    if _current == DEFAULT_LANGUAGE:
        return singular if n == 1 else plural
    translated: str = _catalog(_current).ngettext(singular, plural, n)
    return translated


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it yet (translate it with `_` where it is shown)."""
    return message


def language() -> str:
    """The interface language in use: ``"en"`` or ``"es"``."""
    return _current


def set_language(code: str) -> None:
    """Use `code` (one of LANGUAGES) from now on."""
    global _current
    if code not in LANGUAGES:
        raise ValueError(f"unknown interface language: {code!r}")
    _current = code


def normalise(value: str | None) -> str | None:
    """``"es_US.UTF-8"``, ``"es-MX"``, ``"ES"`` -> ``"es"``; C, POSIX and languages we do not have -> None."""
    if not value:
        return None
    code = value.strip().split(".", 1)[0].split("@", 1)[0].replace("-", "_").split("_", 1)[0].lower()
    return code if code in LANGUAGES else None


def from_locale(environ: Mapping[str, str]) -> str | None:
    """The language the locale asks for, read as gettext reads it; None when that is C, POSIX or unknown here.

    The first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set decides; LANGUAGE may list several
    (``fr:es``), and the first one we have wins, as gettext's own search does.
    """
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            for part in value.split(":"):
                if part in ("C", "POSIX") or part.startswith(("C.", "POSIX.")):
                    return None
                code = normalise(part)
                if code is not None:
                    return code
            return None
    return None


def choose(
    option: str | None,
    environ: Mapping[str, str],
    saved: str | None = None,
) -> str:
    """The interface language: `option` (``--lang``, already checked) > KETAQUIZ_LANG > `saved` > the locale > en.

    Values that are not a language we have are skipped (the option is checked by the command line, which says
    so and exits 2; the environment and a saved choice are only hints).
    """
    for candidate in (option, environ.get("KETAQUIZ_LANG"), saved):
        code = normalise(candidate)
        if code is not None:
            return code
    return from_locale(environ) or DEFAULT_LANGUAGE


# -- dates and numbers in the interface language

_MONTHS_ES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(day: _dt.date) -> str:
    """``4 December 2026`` / ``4 de diciembre de 2026``."""
    if _current == "es":
        return f"{day.day} de {_MONTHS_ES[day.month - 1]} de {day.year}"  # i18n: not shown (the Spanish form)
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def short_date(day: _dt.date) -> str:
    """``4 Dec`` / ``4 dic`` (for chart axes and lists where space is short)."""
    months = _MONTHS_ES if _current == "es" else _MONTHS_EN
    return f"{day.day} {months[day.month - 1][:3]}"


def number(value: float, places: int = 0) -> str:
    """``1,234.5`` / ``1234,5``: Spanish uses a decimal comma (and no thousands mark below 10 000)."""
    text = f"{value:,.{places}f}"
    if _current == "es":
        plain = f"{value:.{places}f}"
        if abs(value) < 10000:
            return plain.replace(".", ",")
        return text.replace(",", "\u00a0").replace(".", ",")
    return text


def percent(value: float) -> str:
    """``92%`` / ``92 %`` (Spanish writes a space before the sign)."""
    whole = round(value)
    return f"{whole}\u00a0%" if _current == "es" else f"{whole}%"
