"""Keep the interface catalogs in step with the code (a developer tool: needs Babel, from the test extra).

    python tools/i18n.py            extract every `_`/`N_`/`ngettext` string from src/ketaquiz, merge them into
                                    each language's .po (keeping translations, dropping strings no longer used,
                                    adding new ones untranslated), and compile the .mo files the wheel ships
    python tools/i18n.py --take FILE.po ...
                                    as the first form, also taking the translations these .po files have for
                                    messages still untranslated here (resolves a merge: keep one side's .po,
                                    take the other's with --take; see docs/translating.md)
    python tools/i18n.py --check    change nothing; list what is out of step and exit 1 if anything is
                                    (the test suite runs the same check)

The .po files are sorted by message and carry file names but no line numbers, so an edit elsewhere in a file
does not rewrite the catalog and two branches that each add strings rarely touch the same lines.
"""

from __future__ import annotations

import datetime
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "ketaquiz"
LOCALE_DIR = PACKAGE / "locale"
DOMAIN = "ketaquiz"
TRANSLATED = ("es",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLURAL_FORMS = {"es": "nplurals=2; plural=(n != 1);"}
FIELD = re.compile(r"(?<!\{)\{([a-zA-Z_][a-zA-Z0-9_]*)?(?:[!:][^{}]*)?\}(?!\})")


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def extract() -> Catalog:
    """Every message the code marks, with the files it comes from."""
    template = Catalog(domain=DOMAIN, project="ketaquiz", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        location = ("src/ketaquiz/" + filename.replace("\\", "/"), lineno)
        template.add(message, None, [location], auto_comments=comments, context=context)
    return template


HEADER = """\
# The {name} interface of ketaquiz. Translate the msgstr lines (usted, plain words, grade 6-8); keep every
# {{field}} of the English. Then run `python tools/i18n.py` to tidy this file and compile the .mo beside it.
#"""


def _empty(language: str) -> Catalog:
    catalog = Catalog(
        locale=language,
        domain=DOMAIN,
        header_comment=HEADER.format(name={"es": "Spanish"}.get(language, language)),
        project="ketaquiz",
        version="1",
        copyright_holder="the ketaquiz team",
        msgid_bugs_address="-",
        last_translator="the ketaquiz team",
        language_team="the ketaquiz team",
        fuzzy=False,
    )
    if language in PLURAL_FORMS:
        # Babel's CLDR data gives Spanish a third form ("many", for millions); gettext's usual rule has two.
        catalog.mime_headers = [("Plural-Forms", PLURAL_FORMS[language])]
    return catalog


def read(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return _empty(language)
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def merged(language: str, template: Catalog, extra: tuple[Catalog, ...] = ()) -> Catalog:
    """`template`'s messages with the translations `language`'s .po already has (or, for one it lacks, the first
    of `extra` that has it); nothing fuzzy is invented."""
    old = read(language)
    for other in extra:
        for message in other:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            mine = old.get(message.id, message.context)
            mine_strings = (
                () if mine is None else (mine.string if isinstance(mine.string, tuple) else (mine.string,))
            )
            if all(strings) and not message.fuzzy and not (mine_strings and all(mine_strings)):
                old[message.id] = message
    new = _empty(language)
    for message in template:
        if not message.id:
            continue
        before = old.get(message.id, message.context)
        string = before.string if before is not None else ("", "") if message.pluralizable else ""
        flags = {f for f in (before.flags if before is not None else ()) if f != "python-format"}
        new.add(
            message.id,
            string,
            list(message.locations),
            flags=flags,
            auto_comments=message.auto_comments,
            user_comments=before.user_comments if before is not None else (),
            context=message.context,
        )
    return new


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=110, sort_output=True, include_lineno=False, omit_header=False)
    text = out.getvalue().decode("utf-8")
    # A stable header: no dates that change on every run.
    text = re.sub(r'"(POT-Creation-Date|PO-Revision-Date|Generated-By): [^"]*\\n"\n', "", text)
    if catalog.locale is not None and str(catalog.locale) in PLURAL_FORMS:
        text = re.sub(
            r'"Plural-Forms: [^"]*\\n"', f'"Plural-Forms: {PLURAL_FORMS[str(catalog.locale)]}\\\\n"', text
        )
    return text.encode("utf-8")


def mo_bytes(catalog: Catalog) -> bytes:
    # The .po keeps no dates, so Babel would stamp the .mo's header with the time of reading: a .mo compiled a
    # minute earlier would no longer match. A fixed date keeps the .mo a function of the .po alone.
    catalog.creation_date = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def problems(language: str, template: Catalog) -> list[str]:
    """What is out of step for `language`: missing, unused, untranslated, fuzzy, wrong fields, stale .mo."""
    found: list[str] = []
    catalog = read(language)
    wanted = {(m.id if isinstance(m.id, str) else m.id[0]) for m in template if m.id}
    have = {(m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}
    for missing in sorted(wanted - have):
        found.append(f"{language}: not in the catalog: {missing!r}")
    for unused in sorted(have - wanted):
        found.append(f"{language}: in the catalog but no longer used: {unused!r}")
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            found.append(f"{language}: untranslated: {key!r}")
        if message.fuzzy:
            found.append(f"{language}: fuzzy: {key!r}")
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        fields = {f for s in sources for f in FIELD.findall(s)}
        for s in strings:
            if s and {f for f in FIELD.findall(s)} - fields:
                found.append(f"{language}: a field the English does not have in {key!r}: {s!r}")
            elif s and fields - {f for f in FIELD.findall(s)} - {""} and not isinstance(message.id, tuple):
                found.append(f"{language}: a field of the English is missing in {key!r}: {s!r}")
    po = po_path(language)
    if po.exists() and po.read_bytes() != po_bytes(merged(language, template)):
        found.append(f"{language}: {po.relative_to(ROOT)} is not in its tidy form (run python tools/i18n.py)")
    mo = mo_path(language)
    if not mo.exists() or mo.read_bytes() != mo_bytes(catalog):
        found.append(f"{language}: {mo.relative_to(ROOT)} does not match the .po (run python tools/i18n.py)")
    return found


def update(take: tuple[Path, ...] = ()) -> None:
    template = extract()
    for language in TRANSLATED:
        extra = []
        for path in take:
            with path.open("rb") as handle:
                extra.append(read_po(handle, locale=language, domain=DOMAIN))
        catalog = merged(language, template, tuple(extra))
        po = po_path(language)
        po.parent.mkdir(parents=True, exist_ok=True)
        po.write_bytes(po_bytes(catalog))
        mo_path(language).write_bytes(mo_bytes(read(language)))
        untranslated = sum(
            1
            for m in read(language)
            if m.id and not all(m.string if isinstance(m.string, tuple) else (m.string,))
        )
        print(f"{po.relative_to(ROOT)}: {len(catalog)} messages, {untranslated} untranslated")


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        template = extract()
        found = [p for language in TRANSLATED for p in problems(language, template)]
        print("\n".join(found) if found else "catalogs in step")
        return 1 if found else 0
    if argv and argv[0] == "--take" and len(argv) > 1:
        update(tuple(Path(a) for a in argv[1:]))
        return 0
    if argv:
        print(__doc__)
        return 2
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
