"""`ketaquiz --plain`: load the banks, open the store, and run the line-mode quiz (`ketaquiz.plain`).

Exit codes: 0 when the learner stops (q, end of input) or finishes, 1 when no bank loads, 2 for a bad
`--profile`, 130 for ctrl+c. Answers are saved as they are given. Never imports textual or rich.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TextIO

from ketaquiz.commands.common import load_banks_and_store, profile_problem, remember_clinic_banks, say_missing
from ketaquiz.core.i18n import _, ngettext
from ketaquiz.core.progress import DEFAULT_PROFILE, StoreError, StoreWriteError, utc_now
from ketaquiz.core.session import QuizSession
from ketaquiz.plain import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    PlainQuiz,
    Quit,
)

ENV_SEED = "KETAQUIZ_SEED"
"""A whole number that fixes the question order and choice shuffles of plain mode (tests pipe answers by number)."""


def seeded_rng() -> random.Random:
    """A generator seeded from KETAQUIZ_SEED when it holds a whole number, else a fresh one."""
    seed = os.environ.get(ENV_SEED, "").strip()
    return random.Random(int(seed)) if seed.isdigit() else random.Random()


def run(
    args: argparse.Namespace,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    clock: Callable[[], datetime] = utc_now,
    rng: random.Random | None = None,
) -> int:
    """Run plain mode with the quiz's command-line options; returns the exit code.

    `rng` orders the questions and shuffles the choices; without it, KETAQUIZ_SEED (a whole number, for tests and
    for reproducing what someone saw) seeds one, else each run is fresh.
    """
    stdin = stdin or sys.stdin
    if isinstance(stdin, io.TextIOWrapper):
        # Bytes that are not text in this locale become U+FFFD (then "please type a number"), never a traceback.
        stdin.reconfigure(errors="replace")
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    profile = getattr(args, "profile", None) or DEFAULT_PROFILE
    if (problem := profile_problem(profile)) is not None:
        stderr.write(f"ketaquiz: {problem}\n")
        return EXIT_USAGE

    loaded = load_banks_and_store(args, "ketaquiz", stderr, clock=clock)
    if loaded is None:
        return EXIT_BAD_INPUT
    catalog, store = loaded.catalog, loaded.store
    say_missing(loaded, "ketaquiz", stderr)
    if catalog.failures:
        n = len(catalog.banks)
        going_on = ngettext(
            "going on with the {n} bank that loaded.", "going on with the {n} banks that loaded.", n
        )
        stderr.write(f"ketaquiz: {going_on.format(n=n)}\n")
    try:
        store.ensure_profile(profile)
    except StoreWriteError as exc:
        stderr.write(
            "ketaquiz: " + _("warning: progress may not be saved ({error}).").format(error=exc) + "\n"
        )
    remember_clinic_banks(args, catalog, store, profile)

    quiz = PlainQuiz(
        catalog.banks,
        store,
        profile=profile,
        count=getattr(args, "count", None),
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
        clock=clock,
        rng=rng if rng is not None else seeded_rng(),
    )
    session: QuizSession | None = None
    try:
        quiz.say(_("ketaquiz — plain mode. Answer by typing a number and pressing Enter; q stops."))
        quiz.notices()
        session = quiz.choose(
            review=bool(getattr(args, "review", False)), essentials=bool(getattr(args, "essentials", False))
        )
        if session is not None:
            quiz.play(session)
        quiz.notices()
        return EXIT_OK
    except Quit:
        quiz.stopped(session, interrupted=False)
        quiz.notices()
        return EXIT_OK
    except StoreError as exc:
        # A store that opened but cannot be read now (a damaged page, another program holding it locked): said
        # in the app's words, not a traceback. Every answer given so far was saved as it was given.
        stderr.write("ketaquiz: " + _("your progress could not be used: {error}").format(error=exc) + "\n")
        quiz.notices()
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        # Answers were saved as they were given; the unfinished run stays in the store for Continue.
        try:
            quiz.stopped(session, interrupted=True)
            quiz.notices()
        except (KeyboardInterrupt, OSError):
            pass
        return EXIT_INTERRUPTED
    finally:
        store.close()
