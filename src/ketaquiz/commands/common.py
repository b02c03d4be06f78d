"""What the commands share: load the banks (naming each one that failed) and open the progress store.

Every command that reads banks goes through `load_banks`, and every one that also reads progress through
`load_banks_and_store`, so the rules are written once: a bank that fails is named on stderr and the others are
used; no bank at all is exit 1; a data folder that cannot be used still gives a store (in memory) and a warning.
"""

# No `from __future__ import annotations`: a NamedTuple compiles every string annotation (typing.ForwardRef),
# which made start-up measurably slower (README, Performance). Quote names defined later or imported only
# for type checking.

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO

from ketaquiz.core import paths
from ketaquiz.core.catalog import Catalog, load_catalog
from ketaquiz.core.i18n import _
from ketaquiz.core.progress import (
    DEFAULT_PROFILE,
    STORE_FILENAME,
    Clock,
    ProgressStore,
    RememberedBank,
    StoreError,
    StoreOpening,
    open_store,
    utc_now,
)

if TYPE_CHECKING:
    import argparse

__all__ = ["Loaded", "load_banks", "load_banks_and_store", "profile_problem", "remember_clinic_banks", "say"]


def profile_problem(profile: str) -> str | None:
    """Why `profile` cannot be a profile name (the quiz, plain mode, stats and export say the same), or None."""
    from ketaquiz.core.progress import MAX_PROFILE_NAME, is_profile_name

    if is_profile_name(profile):
        return None
    return _(
        "{profile!r} cannot be a profile name: use 1 to {most} letters, digits or other printable characters."
    ).format(profile=profile, most=MAX_PROFILE_NAME)


def say(err: TextIO, who: str, message: str) -> None:
    """Write `message` on `err` as a command does: after the command's name (`who`, e.g. "ketaquiz stats")."""
    err.write(f"{who}: {message}\n")


class Loaded(NamedTuple):
    """The banks that loaded and the store that opened (see `load_banks_and_store`)."""

    catalog: Catalog
    store: ProgressStore
    opening: StoreOpening
    """How the store opened: `warning` and `persistent` say whether progress will be kept."""
    missing: tuple[RememberedBank, ...] = ()
    """Remembered clinic banks whose file is gone (`stats` and `export` without `--bank`)."""


def load_banks(
    sources: Sequence[str | Path] | None,
    who: str,
    err: TextIO,
    *,
    name_failures: bool = True,
    refuse_if_any_fails: bool = False,
    language: str | None = None,
    remembered: Sequence[str | Path] = (),
) -> Catalog | None:
    """The catalog of `sources` (None: the bundled banks), or None after saying on `err` why nothing can run.

    `who` starts each message ("ketaquiz", "ketaquiz stats"). Failed banks are named unless `name_failures` is
    False (the app shows them on Home), but always when no bank loaded. `refuse_if_any_fails` is the kiosk's
    rule: never half-configured.
    """
    if language is None:  # the bundled banks of the interface language (GUIDE 7)
        from ketaquiz.core.i18n import language as interface_language

        language = interface_language()
    catalog = load_catalog(sources or None, language=language, remembered=remembered)
    if name_failures or not catalog.banks or (refuse_if_any_fails and catalog.failures):
        for failure in catalog.failures:
            say(err, who, _("a bank could not be loaded:\n{failure}").format(failure=failure))
    if refuse_if_any_fails and catalog.failures:
        say(
            err, who, _("the kiosk does not start while a bank fails its check (run `ketaquiz check` on it).")
        )
        return None
    if not catalog.banks:
        if not catalog.failures:
            say(err, who, _("no bank files were found."))
        say(err, who, _("no question bank could be loaded, so there is nothing to ask."))
        return None
    return catalog


def load_banks_and_store(
    args: "argparse.Namespace",
    who: str,
    err: TextIO,
    *,
    name_failures: bool = True,
    warn: bool = True,
    read_only: bool = False,
    clock: Clock = utc_now,
) -> Loaded | None:
    """Load `args.bank` (see `load_banks`) and open the store in `args.data_dir`; None when no bank loads.

    `warn` writes the store's warning (an unusable folder, a file moved aside) on `err`; the app shows it itself.
    `read_only` (stats, export) creates no file: with no store yet an empty in-memory one stands in, and SQLite's
    page-by-page check is skipped (about 20 ms per 100,000 answers). A data folder that cannot be read (a file
    where the folder should be, no permission) is then an error, said on `err` (None), never an empty report.

    Without `--bank`, the profile's remembered clinic banks are loaded beside the bundled ones (the store is then
    opened first, to read them); a remembered file that is gone is in `Loaded.missing` (the command says so).
    """
    folder = paths.data_dir(getattr(args, "data_dir", None))
    given = getattr(args, "bank", None)
    if read_only:
        opening = _open_to_read(folder, who, err, warn=warn, clock=clock)
        if opening is None:
            return None
    elif given:
        # The banks first: a bank that fails leaves no store file behind.
        catalog = load_banks(given, who, err, name_failures=name_failures)
        if catalog is None:
            return None
        opening = open_store(folder, clock=clock)
        _use_saved_language(args, opening.store)
        _say_warning(opening, who, err, warn)
        return Loaded(catalog, opening.store, opening)
    else:
        opening = open_store(folder, clock=clock)
        _use_saved_language(args, opening.store)
    remembered: list[RememberedBank] = []
    if not given:
        # The bundled banks and the ones this profile used with --bank (GUIDE 7: every place that lists banks).
        # Reading them may fail: the quiz runs on regardless, a report says it cannot read your progress.
        try:
            remembered = opening.store.remembered_banks(getattr(args, "profile", None) or DEFAULT_PROFILE)
        except StoreError as exc:
            if read_only:
                say(err, who, _("cannot read your progress: {reason}").format(reason=exc))
                opening.store.close()
                return None
    catalog = load_banks(
        given,
        who,
        err,
        name_failures=name_failures,
        remembered=[r.path for r in remembered if Path(r.path).is_file()],
    )
    if catalog is None:
        opening.store.close()
        return None
    if not read_only:
        _say_warning(opening, who, err, warn)
    return Loaded(catalog, opening.store, opening, _gone(remembered))


def _open_to_read(folder: Path, who: str, err: TextIO, *, warn: bool, clock: Clock) -> StoreOpening | None:
    """The store in `folder` opened for reading (an empty one in memory when there is none yet); None after
    saying why when the progress there cannot be read."""
    if (problem := paths.folder_problem(folder)) is not None:
        # Never an empty report that looks real: progress that cannot be read is an error (exit 1).
        say(err, who, _("cannot read your progress: {reason}.").format(reason=problem))
        return None
    if not (folder / STORE_FILENAME).exists():
        return StoreOpening(ProgressStore(":memory:", clock=clock), persistent=False)
    opening = open_store(folder, clock=clock, verify=False)
    if not opening.persistent:
        say(err, who, _("cannot read your progress: {reason}").format(reason=opening.warning))
        opening.store.close()
        return None
    _say_warning(opening, who, err, warn)
    return opening


def _use_saved_language(args: "argparse.Namespace", store: ProgressStore) -> None:
    """The quiz: the language chosen on Home, kept in the store, when neither --lang nor KETAQUIZ_LANG chose one
    (the command line left it to us: `args.saved_language_pending`). Before the banks load, which it filters."""
    if not getattr(args, "saved_language_pending", False):
        return
    from ketaquiz.core import i18n

    try:
        saved = i18n.normalise(store.get_pref(i18n.LANGUAGE_PREF_KEY))
    except StoreError:
        saved = None
    if saved is not None:
        i18n.set_language(saved)
        args.lang = saved


def _say_warning(opening: StoreOpening, who: str, err: TextIO, warn: bool) -> None:
    if warn and opening.warning:
        say(err, who, _("warning: {message}").format(message=opening.warning))


def _gone(remembered: Sequence[RememberedBank]) -> tuple[RememberedBank, ...]:
    return tuple(r for r in remembered if not Path(r.path).is_file())


def remember_clinic_banks(
    args: "argparse.Namespace", catalog: Catalog, store: ProgressStore, profile: str
) -> None:
    """The quiz with `--bank`: the profile remembers each bank file it loaded (not the bundled ones), so `stats`
    and `export` and the quiz without `--bank` include them later. A store that cannot take it now loses nothing a
    learner gave."""
    if not getattr(args, "bank", None):
        return
    bundled = paths.bundled_banks_dir().resolve()
    files = []
    for bank in catalog.banks:
        path = Path(bank.path).resolve()
        if not path.is_relative_to(bundled):
            files.append((str(path), bank.id))
    if files:
        with contextlib.suppress(StoreError, ValueError):
            store.remember_banks(profile, files)


def missing_note(gone: RememberedBank) -> str:
    """What to say about a remembered clinic bank whose file is gone."""
    return _(
        "The bank {bank!r} this profile used ({path}) is no longer there, so its questions cannot be shown. If it "
        "moved, run `ketaquiz --bank NEW-PLACE` once."
    ).format(bank=gone.bank_id, path=gone.path)


def say_missing(loaded: Loaded, who: str, err: TextIO) -> None:
    """Name each remembered clinic bank whose file is gone, so a report never leaves its questions out silently."""
    for gone in loaded.missing:
        say(err, who, _("note: {message}").format(message=missing_note(gone)))
