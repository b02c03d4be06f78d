"""`ketaquiz --plain`: the quiz as plain numbered text over standard input and output.

For screen readers, dumb terminals, ssh sessions and scripts. It drives the same `QuizSession` and progress store
as the terminal app, so answers, schedules, flags and unfinished runs ("Continue") are kept the same way.

Behaviour: one bank starts at once (continuing its unfinished run, if there is one); several give
a numbered menu with Review and Continue. After the feedback, Enter goes on. `q` or the end of input ends with exit
0, ctrl+c with 130; answers are saved as they are given, so nothing is lost either way. No control codes are written
unless standard output is a terminal and NO_COLOR is unset (and then only bold). Never imports textual or rich.
"""

from __future__ import annotations

import functools
import os
import random
import shutil
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TextIO

from ketaquiz.core.catalog import QuestionIndex, flag_subject
from ketaquiz.core.i18n import _, ngettext
from ketaquiz.core.model import Bank, SourceRef
from ketaquiz.core.overview import MAX_UNFINISHED
from ketaquiz.core.progress import DEFAULT_PROFILE, Flag, ProgressStore, StoreError, StoreWriteError, utc_now
from ketaquiz.core.quote_language import quote_is_foreign
from ketaquiz.core.review import REVIEW_COUNT, EssentialsCount, essentials_count, select_review
from ketaquiz.core.safe_text import clean
from ketaquiz.core.safety import CRISIS_TEXT_US, NOT_ADVICE
from ketaquiz.core.session import (
    DONT_KNOW_FEEDBACK,
    DONT_KNOW_KEY,
    DONT_KNOW_TEXT,
    KIND_BANK,
    Feedback,
    PresentedQuestion,
    QuizSession,
    SessionError,
)

REVIEW_COMMAND = "ketaquiz --plain --review"  # i18n: not shown (a command to type)
PLAIN_COMMAND = "ketaquiz --plain"  # i18n: not shown (a command to type)
STATS_COMMAND = "ketaquiz stats"  # i18n: not shown (a command to type)
EXPORT_COMMAND = "ketaquiz export --format html -o summary.html"  # i18n: not shown (a command to type)

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class Quit(Exception):
    """The learner typed q, or the input ended: stop, with progress kept."""

    def __init__(self, eof: bool) -> None:
        super().__init__("eof" if eof else "q")
        self.eof = eof


@dataclass(slots=True)
class _Menu:
    """The numbered start menu: what each number starts."""

    labels: list[str] = field(default_factory=list)
    actions: list[Callable[[], QuizSession | None]] = field(default_factory=list)

    def add(self, label: str, action: Callable[[], QuizSession | None]) -> None:
        self.labels.append(label)
        self.actions.append(action)


class PlainQuiz:
    """One plain-mode session: reads answers from `stdin`, writes the quiz to `stdout` and problems to `stderr`."""

    def __init__(
        self,
        banks: Sequence[Bank],
        store: ProgressStore,
        *,
        profile: str = DEFAULT_PROFILE,
        count: int | str | None = None,
        stdin: TextIO,
        stdout: TextIO,
        stderr: TextIO,
        clock: Callable[[], datetime] = utc_now,
        rng: random.Random | None = None,
        width: int | None = None,
    ) -> None:
        self.banks = list(banks)
        self.store = store
        self.profile = profile
        self.count = count
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.clock = clock
        self.rng = rng if rng is not None else random.Random()
        """Question order and choice shuffles (tests pass a seeded one)."""
        self.width = width or _terminal_width()
        self.bold = _wants_bold(stdout)
        self.echo = not _isatty(stdin)
        """Echo what was read when input comes from a pipe, so the transcript reads like a conversation."""
        self.save_failures = 0
        self.flagged_this_run: set[str] = set()
        """The questions flagged in this run (and not unflagged since), for the summary."""

    # -- output helpers ------------------------------------------------------------------------------------------

    def say(self, text: str = "", *, indent: str = "", hang: str | None = None, strong: str = "") -> None:
        """Write `text` wrapped to the width; blank lines in it are kept as paragraph breaks.

        `strong` is a leading part of `text` to show in bold on a terminal; it is applied after wrapping, so the
        control codes never count towards the width.
        """
        if not text:
            self.stdout.write("\n")
            return
        # The one safe-text rule: banks are checked when loaded, but a note or an old store was not.
        text, strong = clean(text), clean(strong)
        for para in text.split("\n"):
            if not para.strip():
                self.stdout.write("\n")
                continue
            wrapped = textwrap.fill(
                para,
                width=self.width,
                initial_indent=indent,
                subsequent_indent=hang if hang is not None else indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
            if strong and self.bold and wrapped.startswith(indent + strong):
                wrapped = f"{indent}\x1b[1m{strong}\x1b[0m{wrapped[len(indent) + len(strong) :]}"
            self.stdout.write(wrapped + "\n")
        self.stdout.flush()

    def warn(self, text: str) -> None:
        self.stderr.write(
            textwrap.fill(f"ketaquiz: {text}", width=max(self.width, 40)) + "\n"
        )  # i18n: not shown (the program's name before a message)
        self.stderr.flush()

    def ask(self, prompt: str) -> str:
        """Read one line (stripped). `q` raises Quit; so does the end of input."""
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()  # run() makes undecodable bytes U+FFFD, so this never raises on them
        if not line:
            self.stdout.write("\n")
            raise Quit(eof=True)
        answer = line.strip()
        if self.echo:
            self.stdout.write(answer + "\n")
        if answer.lower() in ("q", "quit"):  # i18n: not shown (what the learner types)
            raise Quit(eof=False)
        return answer

    def notices(self) -> None:
        self.say(_(NOT_ADVICE))
        self.say(_(CRISIS_TEXT_US))

    # -- the start -----------------------------------------------------------------------------------------------

    def choose(self, review: bool, essentials: bool = False) -> QuizSession | None:
        """The session to run: review, essentials, the single bank (or its unfinished run), or the learner's menu
        choice."""
        if essentials or review:
            make = QuizSession.essentials if essentials else QuizSession.review
            session = make(
                self.banks,
                store=self.store,
                count=self.count,
                profile=self.profile,
                rng=self.rng,
                clock=self.clock,
            )
            n = session.total
            if essentials:
                known = self._essentials().total
                nothing = _("You know all {n} essentials. Well done.").format(n=known)
                words = ngettext(
                    "Essentials: {n} question to know before your first session.",
                    "Essentials: {n} questions to know before your first session.",
                    n,
                )
                if not known:
                    nothing = _("These banks mark no question as essential.")
            else:
                nothing = _(
                    "Nothing to review right now. Questions you miss come back here at once, and the ones you "
                    "get right come back after a few days."
                )
                words = ngettext(
                    "Review: {n} question to go over again.", "Review: {n} questions to go over again.", n
                )
            self.say(words.format(n=n) if n else nothing)
            return session if n else None
        unfinished = self._unfinished()
        if len(self.banks) == 1:
            bank = self.banks[0]
            for session in unfinished:
                if session.kind == KIND_BANK and session.place == bank.id:
                    shown = session.current
                    going_on = _("Continuing where you stopped: question {n} of {total}.")
                    self.say(going_on.format(n=shown.number, total=shown.total))
                    return session
            return self._start_bank(bank)
        return self._menu(unfinished)

    def _unfinished(self) -> list[QuizSession]:
        """The quizzes left part-way that can go on with these banks, most recent first (MAX_UNFINISHED at most:
        one per topic, as Home offers them)."""
        try:
            records = self.store.unfinished_runs(self.profile)
        except StoreError:
            return []
        sessions: list[QuizSession] = []
        for record in records:
            if len(sessions) == MAX_UNFINISHED:
                break
            try:
                session = QuizSession.resume(
                    record.state, self.banks, self.store, rng=self.rng, clock=self.clock
                )
            except SessionError:
                continue
            if not session.finished:
                sessions.append(session)
        return sessions

    def _start_bank(self, bank: Bank) -> QuizSession:
        return QuizSession.topic(
            bank, store=self.store, count=self.count, profile=self.profile, rng=self.rng, clock=self.clock
        )

    def _essentials(self) -> EssentialsCount:
        try:
            return essentials_count(self.store.question_progress(self.profile), self.banks)
        except StoreError:
            return essentials_count({}, self.banks)

    def _review_ids(self) -> list[str]:
        available = QuestionIndex(self.banks)
        try:
            return select_review(self.store.question_progress(self.profile), self.clock(), available)
        except StoreError:
            return []

    def _menu_items(self, unfinished: Sequence[QuizSession]) -> _Menu:
        menu = _Menu()
        for bank in self.banks:
            n = min(self.count, len(bank.questions)) if isinstance(self.count, int) else len(bank.questions)
            menu.add(f"{bank.title} ({questions(n)})", functools.partial(self._start_bank, bank))
        due = len(self._review_ids())
        if isinstance(self.count, int):
            due = min(due, self.count)
        elif self.count is None:
            due = min(due, REVIEW_COUNT)
        review = (
            ngettext("Review ({n} question due)", "Review ({n} questions due)", due).format(n=due)
            if due
            else _("Review (nothing due now)")
        )
        menu.add(review, lambda: self.choose(review=True))
        known, total = self._essentials()
        if total:
            words = _("Before your first session: {known} of {total} essentials known")
            menu.add(
                words.format(known=known, total=total), lambda: self.choose(review=False, essentials=True)
            )
        for run in unfinished:
            shown = run.current
            words = _("Continue: {title}, question {n} of {total}")
            menu.add(
                words.format(title=run.title, n=shown.number, total=shown.total),
                functools.partial(_given, run),
            )
        if flags := self._flags():
            n = len(flags)
            words = ngettext(
                "Your list for your care team ({n} question)",
                "Your list for your care team ({n} questions)",
                n,
            )
            menu.add(words.format(n=n), self._flag_list)
        return menu

    def _menu(self, unfinished: Sequence[QuizSession]) -> QuizSession | None:
        while True:
            menu = self._menu_items(
                unfinished
            )  # again each time: the list for the care team may have changed
            self.say()
            self.say(_("Choose what to do:"))
            self._numbered(menu.labels)
            numbers = numbers_text(len(menu.labels))
            text = self.ask(_("Type {numbers} and press Enter (q to stop): ").format(numbers=numbers))
            if not (text.isdigit() and 1 <= int(text) <= len(menu.labels)):
                self.say(_("Please type {numbers}, or q to stop.").format(numbers=numbers))
                continue
            session = menu.actions[int(text) - 1]()
            if session is not None:
                return session
            self.say()

    def _numbered(self, labels: Sequence[str]) -> None:
        for i, label in enumerate(labels, 1):
            self.say(label, indent=f"  {i}) ", hang=" " * (len(str(i)) + 4))

    # -- the list for the care team ------------------------------------------------------------------------------

    def _flags(self) -> list[Flag]:
        try:
            return self.store.flags(self.profile)
        except StoreError:
            return []

    def _flag_list(self) -> None:
        """The questions flagged "ask my care team", each with its note; typing its number removes one."""
        questions = QuestionIndex(self.banks)
        while flags := self._flags():
            self.say()
            self.say(_("Your list for your care team (it is in the summary that ketaquiz export makes):"))
            labels = []
            for flag in flags:
                label = flag_subject(flag, questions).describe(flag.question_id)
                note = _("Your note: {note}").format(note=flag.note) if flag.note else ""
                labels.append(f"{label} ({note})" if note else label)
            self._numbered(labels)
            text = self.ask(_("Type a number to remove it from your list, or press Enter to go back: "))
            if not text:
                return
            if not (text.isdigit() and 1 <= int(text) <= len(flags)):
                numbers = numbers_text(len(flags))
                self.say(_("Please type {numbers}, or press Enter to go back.").format(numbers=numbers))
                continue
            try:
                self.store.clear_flag(self.profile, flags[int(text) - 1].question_id)
            except StoreWriteError as exc:
                self.warn(_("the flag could not be removed ({reason}).").format(reason=exc))
                continue
            self.say(_("Removed from your list."))
        self.say()
        self.say(_("Your list for your care team is empty."))

    # -- the quiz ------------------------------------------------------------------------------------------------

    def play(self, session: QuizSession) -> None:
        """Ask every question of the session, then show the summary. Raises Quit when the learner stops."""
        while not session.finished:
            shown = session.current
            self.show_question(shown)
            feedback = self.read_answer(session, shown)
            self.show_feedback(shown, feedback)
            self.after_feedback(session, last=session.is_last)
            session.next()
        self.summary(session)

    def show_question(self, shown: PresentedQuestion) -> None:
        self.say()
        number = _("Question {n} of {total}").format(n=shown.number, total=shown.total)
        heading = f"{number} — {shown.bank.title}"
        self.say(heading, strong=heading if len(heading) <= self.width else number)
        self.say()
        self.say(shown.question.prompt)
        self.say()
        for i, choice in enumerate(shown.choices, 1):
            self.say(choice.text, indent=f"  {i}) ", hang=" " * (len(str(i)) + 4))
        # Every question ends with "I don't know yet" (0): added here, never by a bank, never shuffled.
        self.say(_(DONT_KNOW_TEXT), indent=f"  {DONT_KNOW_KEY}) ", hang="     ")
        self.say()

    def read_answer(self, session: QuizSession, shown: PresentedQuestion) -> Feedback:
        n = len(shown.choices)
        while True:
            flagged = self._is_flagged(session)
            f_key = _("f to remove the flag") if flagged else _("f to flag")
            text = self.ask(
                _("Your answer (1-{n}, 0 if you don't know yet, {f_key}, q to stop): ").format(
                    n=n, f_key=f_key
                )
            )
            if text.lower() == "f":
                self.flag(session)
                continue
            if text == DONT_KNOW_KEY or (text.isdigit() and 1 <= int(text) <= n):
                number = int(text)
                feedback = session.answer_dont_know() if number == 0 else session.answer(number - 1)
                if feedback.save_error is not None:
                    self.save_failed(feedback.save_error)
                return feedback
            f_key = _("f to remove the flag") if flagged else _("f to flag it for your care team")
            again = _("Please type {numbers}, 0 if you don't know yet, {f_key}, or q to stop.")
            self.say(again.format(numbers=numbers_text(n), f_key=f_key))

    def show_feedback(self, shown: PresentedQuestion, fb: Feedback) -> None:
        self.say()
        answer = _("The answer: {n}) {choice}").format(n=fb.correct_index + 1, choice=fb.correct_choice.text)
        if fb.chosen is None or fb.chosen_index is None:
            kind = _(DONT_KNOW_FEEDBACK)
            self.say(kind, strong=kind)
            self.say(answer)
        else:
            verdict = _("Right.") if fb.correct else _("Not quite.")
            chose = _("You chose {n}) {choice}").format(n=fb.chosen_index + 1, choice=fb.chosen.text)
            self.say(f"{verdict} {chose}", strong=verdict)
            if not fb.correct:
                if fb.why_not:
                    self.say(_("Why not: {reason}").format(reason=fb.why_not))
                self.say(answer)
        self.say()
        self.say(fb.explanation)
        self.say()
        # A Spanish question may quote an English source (no Spanish one has the fact): the quote is the original,
        # and the explanation above says the same thing in the question's language.
        if quote_is_foreign(fb.citation.quote, shown.bank.language) == "en":
            self.say(_("Original text (in English)"))
        quote = _("From the source: “{quote}”").format(quote=fb.citation.quote)
        self.say(quote, indent="", hang="  ")
        self.say(_source_text(fb.source, fb.citation.source), indent="  — ", hang="    ")
        self.say()

    def after_feedback(self, session: QuizSession, *, last: bool) -> None:
        go_on = _("to see your score") if last else _("for the next question")
        while True:
            flagged = self._is_flagged(session)
            f_key = _("f to remove the flag") if flagged else _("f to flag for your care team")
            text = self.ask(_("Press Enter {go_on} ({f_key}, q to stop): ").format(go_on=go_on, f_key=f_key))
            if text == "" or text.lower() in ("n", "next"):  # i18n: not shown (what the learner types)
                return
            if text.lower() == "f":
                self.flag(session)
                continue
            f_key = _("f to remove the flag") if flagged else _("f to flag this question")
            self.say(_("Please press Enter {go_on}, {f_key}, or q to stop.").format(go_on=go_on, f_key=f_key))

    def _is_flagged(self, session: QuizSession) -> bool:
        try:
            return session.is_flagged
        except StoreError:
            return False  # the store cannot say: offer to flag (flagging again only replaces the note)

    def flag(self, session: QuizSession) -> None:
        """`f`: flag the question for the care team (with a note), or remove the flag it has."""
        if self._is_flagged(session):
            try:
                session.unflag()
            except StoreWriteError as exc:
                self.warn(_("the flag could not be removed ({reason}).").format(reason=exc))
                return
            self.flagged_this_run.discard(session.current.question.id)
            self.say(_("Removed from your list."))
            return
        note = self.ask(
            _('Flagging this question: "ask my care team". Add a note for them, or just press Enter: ')
        )
        try:
            # The session drops control characters: a pasted escape never reaches a terminal.
            session.flag(note)
        except StoreWriteError as exc:
            self.warn(_("the flag could not be saved ({reason}).").format(reason=exc))
            return
        self.flagged_this_run.add(session.current.question.id)
        self.say(_("Flagged. It will be in your summary for your care team (ketaquiz export)."))

    def save_failed(self, reason: str) -> None:
        self.save_failures += 1
        if self.save_failures == 1:
            self.warn(
                _(
                    "your progress cannot be saved right now ({reason}). The quiz goes on, but answers from "
                    "here may not be kept. Free some disk space, or choose another --data-dir."
                ).format(reason=reason)
            )
        else:
            self.warn(_("this answer could not be saved either."))

    # -- the end -------------------------------------------------------------------------------------------------

    def summary(self, session: QuizSession) -> None:
        score = session.score
        self.say()
        done = _("Done.")
        self.say(done, strong=done)
        self.say(_("You got {score}.").format(score=score_text(score.right, score.total, score.dont_know)))
        missed = [r for r in session.results if not r.correct]
        if missed:
            self.say(_("These questions go to your review list, so they come back soon:"))
            for r in missed:
                self.say(_one_line(r.question.prompt, self.width - 4), indent="  - ", hang="    ")
        self.say()
        self.say(_("What next:"))
        steps = [
            _("To go over what you missed: {command}").format(command=REVIEW_COMMAND) if missed else None,
            _("To try another bank: {command}").format(command=PLAIN_COMMAND),
            _("To see your progress: {command}").format(command=STATS_COMMAND),
            _("To make a summary for your care team: {command}").format(command=EXPORT_COMMAND),
        ]
        for step in steps:
            if step:
                self.say(step, indent="  - ", hang="    ")
        if self.flagged_this_run:
            n = len(self.flagged_this_run)
            words = ngettext(
                "You flagged {n} question to ask your care team about.",
                "You flagged {n} questions to ask your care team about.",
                n,
            )
            self.say(words.format(n=n))
        self.say()

    def stopped(self, session: QuizSession | None, *, interrupted: bool) -> None:
        self.say()
        self.say(_("Stopped.") if not interrupted else _("Interrupted."))
        if session is not None and session.score.answered:
            score = session.score
            if not self.store.persistent:
                kept = _("your answers were not saved (your progress could not be stored on this computer)")
            elif self.save_failures:
                kept = _("your answers could not all be saved")
            else:
                kept = _("your answers are saved")
            answered = _("You answered {answered} of {total} ({score}); {kept}.")
            score_words = score_text(score.right, None, score.dont_know)
            self.say(
                answered.format(answered=score.answered, total=score.total, score=score_words, kept=kept)
            )
            if not session.finished and self.store.persistent:
                self.say(_("Next time you can continue where you stopped."))
        self.say()


# ----------------------------------------------------------------------------------------------------------------
# Helpers


def questions(n: int) -> str:
    """ "1 question", "12 questions"."""
    return ngettext("{n} question", "{n} questions", n).format(n=n)


def numbers_text(n: int) -> str:
    """What to type to pick one of `n` numbered things: "1", "1 or 2", "a number from 1 to 5"."""
    if n == 1:
        return "1"
    return _("1 or 2") if n == 2 else _("a number from 1 to {n}").format(n=n)


def score_text(right: int, total: int | None, dont_know: int) -> str:
    """ "6 of 10 right · 2 not known yet" (the second part only when there are some); "3 right" without a total."""
    if total is not None:
        text = _("{right} of {total} right").format(right=right, total=total)
    else:
        text = _("{right} right").format(right=right)
    if not dont_know:
        return text
    return text + " · " + _("{n} not known yet").format(n=dont_know)


def _given(session: QuizSession) -> QuizSession:
    return session


def _one_line(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(text.split()), width=max(width, 20), placeholder=" …")


def _source_text(source: SourceRef | None, source_id: str) -> str:
    if source is None:
        return source_id
    return ", ".join(p for p in (source.title, source.publisher, source.date, source.url) if p)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _wants_bold(stream: TextIO) -> bool:
    """Bold only on a real terminal that can show it, and never with NO_COLOR (any value) or TERM=dumb."""
    if "NO_COLOR" in os.environ or os.environ.get("TERM", "") in ("", "dumb"):
        return False
    return _isatty(stream)


def _terminal_width() -> int:
    # Piped output has no terminal: shutil falls back to $COLUMNS, then 80. Very wide lines are hard to read.
    columns = shutil.get_terminal_size(fallback=(80, 24)).columns
    return max(20, min(columns - 1, 100))
