"""Loading the banks a front end runs on, with a cache keyed by each file's content.

Parsing YAML is the slow part of start-up (PyYAML's C loader needs about 1.9 s for 10,000 questions), so a bank
that has not changed since it was last loaded comes from a pickle in the user cache folder, keyed by a hash of
the file's bytes and the ketaquiz version. The cache is only ever a shortcut: any problem with it (missing,
corrupt, unwritable) falls back to parsing, silently.
"""

# No `from __future__ import annotations`: a NamedTuple compiles every string annotation (typing.ForwardRef),
# which made start-up measurably slower (README, Performance). Quote names defined later or imported only
# for type checking.

import gc
import os
import pickle
import tempfile
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ketaquiz import __version__
from ketaquiz.core.bankfile import BankError, Problem, bank_files, cross_bank_problems, read_bank_bytes
from ketaquiz.core.i18n import _
from ketaquiz.core.model import Bank, Question, QuestionList, base_language
from ketaquiz.core.paths import bundled_banks_dir, cache_dir

if TYPE_CHECKING:
    from ketaquiz.core.progress import Flag

CACHE_FORMAT = 5
"""Raise whenever the pickled model changes shape, so old cache entries are never read back."""


class Catalog:
    """The banks that loaded, and the files that did not (with why)."""

    __slots__ = ("banks", "failures")

    def __init__(self, banks: list[Bank] | None = None, failures: list[BankError] | None = None) -> None:
        self.banks: list[Bank] = banks if banks is not None else []
        self.failures: list[BankError] = failures if failures is not None else []

    def __repr__(self) -> str:
        return f"Catalog(banks={[b.id for b in self.banks]!r}, failures={len(self.failures)})"  # i18n: not shown (repr)

    def bank(self, bank_id: str) -> Bank:
        for b in self.banks:
            if b.id == bank_id:
                return b
        raise KeyError(bank_id)

    @property
    def by_id(self) -> dict[str, Bank]:
        return {b.id: b for b in self.banks}

    def questions(self) -> "QuestionIndex":
        """Every loaded question by id, across banks (a question is built only when looked up)."""
        return QuestionIndex(self.banks)


class QuestionIndex(Mapping[str, tuple[Bank, Question]]):
    """Questions by id across banks: `index[qid]` is (its bank, the question). Ids are unique among the banks
    of a catalog (a bank reusing one fails to load); given banks that repeat one, the first bank wins.

    Built from the ids alone, so indexing a 10,000-question bank builds no Question until one is looked up.
    """

    __slots__ = ("_where",)

    def __init__(self, banks: Iterable[Bank]) -> None:
        self._where: dict[str, tuple[Bank, int]] = {}
        for bank in banks:
            for position, qid in enumerate(bank.questions.ids):
                self._where.setdefault(qid, (bank, position))

    def __getitem__(self, question_id: str) -> tuple[Bank, Question]:
        bank, position = self._where[question_id]
        return bank, bank.questions[position]

    def __contains__(self, question_id: object) -> bool:
        return question_id in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def prompt(self, question_id: str) -> str | None:
        """The question's prompt, or None when no bank here has it."""
        found = self.get(question_id)
        return found[1].prompt if found else None


class FlagSubject(NamedTuple):
    """What a flag is about, as every report of flags shows it."""

    bank_title: str
    """The bank's title; its id when the bank is not loaded now."""
    question: Question | None
    """None when the question's bank is not loaded now (the flag and its note still count)."""
    bank: Bank | None

    @property
    def loaded(self) -> bool:
        return self.question is not None

    def describe(self, question_id: str) -> str:
        """The question's prompt, or words saying its bank is not loaded."""
        if self.question is not None:
            return self.question.prompt
        return _("question {id} (bank not loaded)").format(id=question_id)


def flag_subject(flag: "Flag", questions: Mapping[str, tuple[Bank, Question]]) -> FlagSubject:
    """The question and bank title a flag is about, or the bank's id (with no question) when it is not loaded."""
    found = questions.get(flag.question_id)
    if found is None:
        return FlagSubject(flag.bank_id, None, None)
    bank, question = found
    return FlagSubject(bank.title, question, bank)


def _cache_path(digest: str, folder: Path) -> Path:
    return folder / "banks" / f"{digest}.pickle"


try:  # hashlib.blake2b is this same type; importing hashlib also loads OpenSSL's _hashlib (~3 ms per start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without the _blake2 module
    from hashlib import blake2b


def _digest(data: bytes) -> str:
    h = blake2b(data, digest_size=20)
    h.update(f"ketaquiz {__version__} cache {CACHE_FORMAT}".encode())
    return h.hexdigest()


def _read_cache(path: Path) -> Bank | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    # Unpickling builds many small objects at once; pausing the cyclic GC meanwhile roughly halves the time
    # (it would otherwise scan the growing heap again and again, finding nothing to free).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        bank = pickle.loads(data)
    except Exception:  # any damage to the cache only means we parse again
        return None
    finally:
        if was_enabled:
            gc.enable()
    # A stale entry from another model shape is ignored (CACHE_FORMAT should already have changed the key).
    if not isinstance(bank, Bank) or not isinstance(bank.questions, QuestionList):
        return None
    return bank


def _write_cache(path: Path, bank: Bank) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(bank, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a read-only or full cache folder: next start parses again


def load_bank_cached(path: Path, *, use_cache: bool = True, folder: Path | None = None) -> Bank:
    """Load one bank, from the cache when its bytes are unchanged. Raises BankError."""
    data = read_bank_bytes(path)
    cpath = _cache_path(_digest(data), folder or cache_dir()) if use_cache else None
    if cpath is not None:
        bank = _read_cache(cpath)
        if bank is not None:
            return bank if bank.path == path else bank._replace(path=path)
    from ketaquiz.core.bank import parse_bank  # the YAML reader: imported only when a bank must be parsed

    bank = parse_bank(data, path)
    if cpath is not None:
        _write_cache(cpath, bank)
    return bank


def load_catalog(
    paths: Sequence[str | Path] | None = None,
    *,
    use_cache: bool = True,
    language: str = "en",
    remembered: Sequence[str | Path] = (),
) -> Catalog:
    """Load banks from files and folders (None: the bundled banks of `language`, or English ones if it has none).

    Banks that fail go to `failures`; a bank whose id, or one of whose question ids, is already taken by a bank
    loaded before it fails too, so progress never mixes two questions. Banks given by path are kept whatever
    their language: a clinic's `--bank` shows what it is given.

    `remembered` (only with `paths` None) are bank files a profile used with `--bank`, loaded after the bundled
    banks, whatever their language. One that is a bundled bank's own file, or a copy of one (the same bank id,
    in any language), gives way to the bundled bank quietly: it was asked for once with `--bank`, which still
    opens it, and naming it as a failure at every start would only alarm the learner.
    """
    catalog = _load(paths, use_cache=use_cache)
    if not paths:
        bundled_ids = {b.id for b in catalog.banks}
        bundled_files = {Path(b.path).resolve() for b in catalog.banks}
        ours = [b for b in catalog.banks if base_language(b.language) == language]
        catalog.banks[:] = ours or [b for b in catalog.banks if base_language(b.language) == "en"]
        for raw in remembered:
            path = Path(raw)
            if path.resolve() not in bundled_files:
                _add(catalog, path, use_cache=use_cache, giving_way_to=bundled_ids)
    return catalog


def _load(paths: Sequence[str | Path] | None, *, use_cache: bool) -> Catalog:
    catalog = Catalog()
    sources = list(paths) if paths else [bundled_banks_dir()]
    for raw in sources:
        p = Path(raw)
        if not p.exists():
            catalog.failures.append(BankError([Problem(p, 0, None, _("no such file or folder"))]))
    files = [f for f in bank_files(sources) if f.exists()]
    for path in files:
        _add(catalog, path, use_cache=use_cache)
    return catalog


def _add(catalog: Catalog, path: Path, *, use_cache: bool, giving_way_to: Collection[str] = ()) -> None:
    """Load one bank file into `catalog`, or record why not (its own errors, or an id another bank has); a bank
    whose id is in `giving_way_to` is left out without a word."""
    try:
        bank = load_bank_cached(path, use_cache=use_cache)
    except BankError as exc:
        catalog.failures.append(exc)
        return
    if bank.id in giving_way_to:
        return
    clash = cross_bank_problems([*catalog.banks, bank])
    if clash:
        catalog.failures.append(BankError(clash))
        return
    catalog.banks.append(bank)
