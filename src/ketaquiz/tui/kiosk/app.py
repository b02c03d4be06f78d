"""KioskApp: the app a visitor cannot leave, its idle clock, and the visit it forgets."""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer

from ketaquiz.core.i18n import N_, _, set_language
from ketaquiz.core.kiosk import IdlePolicy, IdleState, KioskConfig, PinGuard
from ketaquiz.core.kiosk.idle import Clock
from ketaquiz.core.kiosk.visit import draw_visit
from ketaquiz.core.model import Bank, base_language
from ketaquiz.core.session import QuizSession
from ketaquiz.core.session_store import KioskStatsSink, NullStore
from ketaquiz.tui.kiosk.screens import (
    BlankScreen,
    IdleWarningScreen,
    QuizScreen,
    StaffPinScreen,
    VisitScreen,
    VisitSummaryScreen,
    WelcomeScreen,
)
from ketaquiz.tui.kiosk.widgets import ACTIVITY_EVENTS, CONTROL_ESCAPE_KEYS, CrisisLine
from ketaquiz.tui.themes import build_themes

MAX_TOPICS = 9
"""Topics on Welcome, one per bank: each has its number key."""

# ----------------------------------------------------------------------------------------------------------------
# The app


@dataclass(slots=True)
class Visit:
    """Everything about the current visitor. Dropped whole at the reset: the app keeps no other trace."""

    session: QuizSession
    bank_index: int
    started: float = field(default=0.0)


class KioskApp(App[int], inherit_bindings=False):
    """The waiting-room kiosk. Returns 0 when staff close it with the PIN."""

    # The app's stylesheet, then the kiosk's few rules of its own.
    CSS_PATH = ["../ketaquiz.tcss", "kiosk.tcss"]  # noqa: RUF012 (as Textual declares it)
    TITLE = N_("ketaquiz kiosk")
    # The app's breakpoints: on short screens (80x24) topics without summaries, tiles without gaps.
    # Declared as Textual declares them (instance attributes), hence no ClassVar.
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (100, "-medium"), (150, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-short"), (32, "-tall")]  # noqa: RUF012
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(key, "nothing", show=False, priority=True) for key in CONTROL_ESCAPE_KEYS),
        Binding("f12", "staff_pin", show=False, priority=True),
    ]

    def __init__(
        self,
        config: KioskConfig,
        banks: Sequence[Bank],
        *,
        stats: KioskStatsSink | None = None,
        idle_timeout: float | None = None,
        idle_warning: float | None = None,
        clock: Clock = time.monotonic,
        staff_exit: bool = True,
        seed: int | None = None,
        poll_interval: float = 0.25,
    ) -> None:
        """A kiosk over `banks`.

        `idle_timeout` and `idle_warning` override the config without its 20-second floor (tests use a second or
        two; the command line checks the floor itself). `staff_exit=False` (in a browser, where F12 belongs to
        the browser) takes away the PIN dialog. `seed` makes the choice order repeatable (snapshot tests).
        """
        super().__init__()
        self.title = _(self.TITLE)
        # Devtools would let anyone with the console attach to the kiosk: never connect.
        self.features = frozenset(self.features - {"devtools", "debug"})
        self.devtools = None
        self.config = config
        self.banks: tuple[Bank, ...] = tuple(banks)
        self.banks_by_language: dict[str, tuple[Bank, ...]] = {
            code: tuple(b for b in self.banks if base_language(b.language) == code)
            for code in config.languages
        }
        """Each language's topics (a visit runs in the language chosen on Welcome)."""
        if missing := [code for code, found in self.banks_by_language.items() if not found]:
            raise ValueError(f"the kiosk has no bank in {missing[0]}")
        if others := [b.id for b in self.banks if base_language(b.language) not in config.languages]:
            raise ValueError(f"the bank {others[0]} is in a language the kiosk does not list")
        self.visit_language = config.languages[0]
        """The language of the screens: the first of the config's until a visitor chooses another."""
        self.stats = stats
        self.clock = clock
        self.staff_exit = staff_exit and config.pin_hash is not None
        self.seed = seed
        self.poll_interval = poll_interval
        self.idle = IdlePolicy(
            timeout=idle_timeout if idle_timeout is not None else config.idle_timeout,
            warning=idle_warning if idle_warning is not None else config.idle_warning,
            clock=clock,
        )
        self.pin_guard: PinGuard | None = (
            PinGuard(config.pin_hash, clock=clock) if config.pin_hash is not None else None
        )
        self.visit: Visit | None = None
        self.visits_started = 0
        """Visits since start (a number, nothing about them)."""
        self.resets = 0
        """Idle resets since start."""
        self._poll_timer: Timer | None = None
        for theme in build_themes():  # the terminal app's themes: one look, contrast checked in its tests
            self.register_theme(theme)
        self.theme = config.theme

    # -- no way out ----------------------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        # The bottom of the stack stays a blank screen with the crisis line; each visit's Welcome is pushed on it,
        # so a reset can pop every screen of the visit and push a brand-new Welcome.
        return BlankScreen()

    def action_nothing(self) -> None:
        """Bound to every key a visitor might try to leave with."""

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Screenshots are off in the kiosk."""

    def action_command_palette(self) -> None:
        """No command palette in the kiosk."""

    def action_suspend_process(self) -> None:
        """No suspending the kiosk."""

    def action_quit(self) -> None:  # type: ignore[override]
        """Nothing quits the kiosk but the staff PIN."""

    def set_timer(
        self, delay: float, callback: Any = None, *, name: str | None = None, **kwargs: Any
    ) -> Timer:
        # TEXTUAL_SCREENSHOT makes any app save an SVG and exit after a delay: not the kiosk.
        if name == "screenshot timer":
            callback = None
        return super().set_timer(delay, callback, name=name, **kwargs)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, ACTIVITY_EVENTS):
            self.idle.touch()
        await super().on_event(event)

    # -- what the screens show -------------------------------------------------------------------------------------

    def topics(self) -> tuple[Bank, ...]:
        """The banks Welcome offers in the visit's language, in order (at most 9: each has its number key)."""
        return self.banks_by_language[self.visit_language][:MAX_TOPICS]

    def shown_text(self, key: str) -> str:
        """One of the config's texts for visitors (clinic_name, welcome_text, crisis_text), as shown: the clinic's
        text in the visit's language, or the default in it."""
        return self.config.shown(key)

    def crisis_text(self) -> str:
        return self.shown_text("crisis_text")

    # -- visits --------------------------------------------------------------------------------------------------

    # -- languages -----------------------------------------------------------------------------------------------

    def choose_language(self, code: str) -> None:
        """Show every screen in `code` from now on (one of the config's languages)."""
        set_language(code)
        self.visit_language = code
        self.title = _(self.TITLE)
        for screen in self.screen_stack:  # the screens under Welcome keep their crisis line in step
            for line in screen.query(CrisisLine):
                line.refresh_text()

    def next_language(self) -> None:
        """The language key or tile on Welcome: the next of the config's languages, on a new Welcome."""
        codes = self.config.languages
        self.choose_language(codes[(codes.index(self.visit_language) + 1) % len(codes)])
        self.idle.touch()
        self.switch_screen(WelcomeScreen(focus="language"))

    def on_mount(self) -> None:
        self.choose_language(self.config.languages[0])
        self.push_screen(WelcomeScreen())
        self._poll_timer = self.set_interval(
            self.poll_interval,
            self.poll_idle_clock,
            name="kiosk idle clock",  # i18n: not shown (a timer's name)
        )

    def start_visit(self, bank_index: int) -> None:
        """A visitor picked a topic: `questions_per_visit` of its questions, drawn afresh, in a fresh session on a
        NullStore."""
        if self.visit is not None:
            return
        rng = random.Random(self.seed) if self.seed is not None else random.Random()
        bank = self.topics()[bank_index]
        questions = draw_visit(bank, self.config.questions_per_visit, rng)
        session = QuizSession(
            [(bank, q) for q in questions], store=NullStore(), rng=rng, kiosk_stats=self.stats
        )
        if session.finished:  # an empty bank cannot load, but never show a blank quiz
            return
        self.visit = Visit(session=session, bank_index=bank_index, started=self.clock())
        self.visits_started += 1
        self.idle.touch()
        self.push_screen(QuizScreen(session))

    def show_summary(self) -> None:
        if self.visit is None:
            return
        self.switch_screen(VisitSummaryScreen(self.visit.session))

    def end_visit(self) -> None:
        """The visitor is done (or gone): forget everything and show a fresh Welcome screen, in the first language.

        The visit is dropped at once (a key still queued for one of its screens does nothing, and the idle clock
        sees nothing left to clear); the screens go in a worker."""
        self.visit = None
        for screen in self.screen_stack:
            if isinstance(screen, VisitScreen):
                screen.forget()
        self.choose_language(self.config.languages[0])
        self.run_worker(self._fresh_welcome(), exclusive=True, group="reset")

    async def _fresh_welcome(self) -> None:
        # Pop every screen (quiz, summary, dialogs), then replace the Welcome screen with a new one: no widget,
        # scroll position or focus of the last visit survives.
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        await self.push_screen(WelcomeScreen())
        self.idle.touch()

    # -- idle ----------------------------------------------------------------------------------------------------

    def poll_idle_clock(self) -> None:
        """Called by the interval timer: show, update or take down the warning; reset when time is up."""
        if not self.screen_stack:  # the app is closing: a last tick of the timer has nothing to do
            return
        warning = self._warning_screen()
        # Nothing to clear on Welcome, unless a visitor changed its language (the next one gets the first again).
        if self.visit is None and self.visit_language == self.config.languages[0]:
            if warning is not None:
                warning.dismiss()
            # On Welcome, an unused PIN dialog still goes away after the timeout (staff walked off).
            if isinstance(self.screen, StaffPinScreen) and self.idle.state() is IdleState.RESET:
                self.screen.dismiss(False)
            return
        state = self.idle.state()
        if state is IdleState.RESET:
            self.resets += 1
            self.end_visit()
        elif state is IdleState.WARNING:
            seconds = self.idle.seconds_to_reset()
            if warning is None:
                # Over the PIN dialog too (staff who walked off leave it open): the reset then clears both.
                # Whatever closes the warning (the button, a key, a tap) means the visitor is here.
                self.push_screen(IdleWarningScreen(seconds), lambda _result: self.idle.touch())
            else:
                warning.seconds_left = max(1, round(seconds))
        elif warning is not None:
            warning.dismiss()

    def _warning_screen(self) -> IdleWarningScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, IdleWarningScreen):
                return screen
        return None

    # -- staff ---------------------------------------------------------------------------------------------------

    def action_staff_pin(self) -> None:
        """F12: staff give the PIN to close the kiosk (not in a browser, where F12 belongs to the browser)."""
        if (
            not self.staff_exit
            or self.pin_guard is None
            or any(isinstance(s, StaffPinScreen) for s in self.screen_stack)
        ):
            return
        warning = self._warning_screen()
        if warning is not None:
            warning.dismiss()

        def done(right: bool | None) -> None:
            if right:
                self.exit(0)

        self.push_screen(StaffPinScreen(self.pin_guard), done)
