"""The source library: the files that quotes come from, and checking a quote against them.

A source file is a header of `key: value` lines, one blank line, then the verbatim text of the source. A quote
matches when it appears in the body after both are normalised the same way (`normalise_quote`): Unicode NFKC,
curly quotes to straight, en/em dashes and minus to hyphen, "…" to "...", and runs of white space to one space.
Nothing else may differ: matching is case-sensitive, and a quote may run across paragraphs of one source.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ketaquiz.core.i18n import _
from ketaquiz.core.safe_text import one_line

# Kinds of source, as source files' headers write them (`kind:`).
TRUSTED_KINDS = frozenset(
    ("government", "drug-label", "drug-information", "peer-reviewed")  # i18n: not shown (kinds)
)
"""Kinds of source that count towards a bank's trusted share (at least two thirds of its citations)."""

KNOWN_KINDS = TRUSTED_KINDS | frozenset(
    ("academic-medical-center", "news", "clinic-marketing")  # i18n: not shown (kinds)
)

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)
_SPACE_RE = re.compile(r"\s+")


def normalise_quote(text: str) -> str:
    """The form in which quotes and source bodies are compared."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    return _SPACE_RE.sub(" ", text).strip()


class SourceLibraryError(Exception):
    """The source library folder cannot be used."""


@dataclass(frozen=True, slots=True)
class Source:
    """One source file."""

    id: str
    header: dict[str, str]
    body: str
    path: Path
    normalised_body: str = field(repr=False, default="")

    @property
    def title(self) -> str | None:
        return self.header.get("title")

    @property
    def kind(self) -> str | None:
        return self.header.get("kind")

    @property
    def trusted(self) -> bool:
        return self.kind in TRUSTED_KINDS

    def contains(self, quote: str) -> bool:
        """Whether `quote` appears verbatim (after normalisation) in the body."""
        needle = normalise_quote(quote)
        return bool(needle) and needle in self.normalised_body


def parse_source(text: str, path: Path) -> Source:
    """Split a source file into its header and body."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    head, sep, body = text.partition("\n\n")
    header: dict[str, str] = {}
    for raw in head.splitlines():
        key, colon, value = raw.partition(":")
        if colon and key.strip() and " " not in key.strip():
            # Header values are shown (titles in `check`'s findings): made safe by the one rule as they are read.
            header[key.strip().lower()] = one_line(value)
    if not sep:
        body = ""
    return Source(
        id=header.get("id") or path.stem,
        header=header,
        body=body,
        path=path,
        normalised_body=normalise_quote(body),
    )


class SourceLibrary:
    """A folder of source files, read on demand and kept once read."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise SourceLibraryError(
                _("{folder}: the source library folder does not exist").format(folder=self.folder)
            )
        self._cache: dict[str, Source | None] = {}

    def get(self, source_id: str) -> Source | None:
        """The source with this id (file `<id>.txt`), or None when the library has none."""
        if source_id not in self._cache:
            path = self.folder / f"{source_id}.txt"
            try:
                text = path.read_text(encoding="utf-8")
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                self._cache[source_id] = None
            except (OSError, UnicodeDecodeError) as exc:
                raise SourceLibraryError(
                    _("{path}: cannot read this source file ({error})").format(path=path, error=exc)
                ) from None
            else:
                self._cache[source_id] = parse_source(text, path)
        return self._cache[source_id]

    def ids(self) -> list[str]:
        return sorted(p.stem for p in self.folder.glob("*.txt"))


def not_in_library(source_id: str, library: SourceLibrary) -> str:
    """The message for a source id the library has no file for (check and import)."""
    return _("source {id} is not in the source library {folder}").format(
        id=repr(source_id), folder=library.folder
    )
