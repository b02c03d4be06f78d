"""KetaquizApp: the self-study quiz in the terminal.

The app is handed everything it works with (the catalog, the progress store, a clock and a random generator), so
tests and snapshots inject fixed ones. It drives `QuizSession` and reads figures through `ProgressStore`; it never
parses YAML or writes SQL. Every answer is saved by the session as it is given, so quitting at any time loses
nothing, and an unfinished run comes back as "Continue".
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType, Keymap

from ketaquiz.core import i18n
from ketaquiz.core.catalog import Catalog
from ketaquiz.core.i18n import N_, _
from ketaquiz.core.model import Bank
from ketaquiz.core.overview import Overview, build_overview
from ketaquiz.core.progress import DEFAULT_PROFILE, Clock, ProgressStore, RunRecord, StoreError, utc_now
from ketaquiz.core.safety import CRISIS_SHORT_US, CRISIS_TEXT_US
from ketaquiz.tui.screens.home import HomeScreen
from ketaquiz.tui.textual_private import start_in_theme
from ketaquiz.tui.themes import DEFAULT_THEME, PALETTES, THEME_NAMES, THEME_PREF_KEY, build_themes

if TYPE_CHECKING:
    from ketaquiz.core.session import QuizSession

THEME_WORDS = {
    "ketaquiz-dark": N_("Dark"),  # i18n: not shown (the key is a theme's name)
    "ketaquiz-light": N_("Light"),  # i18n: not shown (the key is a theme's name)
    "ketaquiz-contrast": N_("High contrast"),  # i18n: not shown (the key is a theme's name)
}


class KetaquizApp(App[None]):
    """The quiz app. `run()` it; `return_code` is 0 unless something went wrong."""

    CSS_PATH = "ketaquiz.tcss"
    TITLE = "ketaquiz"
    ENABLE_COMMAND_PALETTE = False
    # Every binding has an id, so a keymap (`App.set_keymap`) can move it to other keys; the Help screen
    # lists them with their keys as they are now (`tooltip` is its longer description).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "question_mark,f1", "help", N_("Help"), key_display="?", tooltip=N_("This help"), id="app.help"
        ),
        Binding("q", "quit", N_("Quit"), tooltip=N_("Quit"), id="app.quit"),
        # Also while typing a note, where q is a letter.
        Binding(
            "ctrl+q",
            "quit",
            N_("Quit"),
            show=False,
            priority=True,
            tooltip=N_("Quit"),
            id="app.quit-anywhere",
        ),
    ]
    # Declared as Textual declares them (instance attributes), hence no ClassVar.
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (100, "-medium"), (150, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-short"), (32, "-tall")]  # noqa: RUF012

    def __init__(
        self,
        catalog: Catalog,
        store: ProgressStore,
        *,
        profile: str = DEFAULT_PROFILE,
        clock: Clock = utc_now,
        rng: random.Random | None = None,
        order_rng: random.Random | None = None,
        theme: str | None = None,
        review: bool = False,
        essentials: bool = False,
        count: int | str | None = None,
        notices: Sequence[str] = (),
        persistent: bool = True,
        crisis_text: str = CRISIS_TEXT_US,
        crisis_short: str = CRISIS_SHORT_US,
        catalog_for: Callable[[str], Catalog | None] | None = None,
    ) -> None:
        """`theme`: a name from THEME_NAMES, or None for the saved preference (else the default).

        `catalog_for(language)` loads the banks Home lists in an interface language (GUIDE 7: the bundled and
        remembered banks of that language, English ones when it has none), or None when none load; without it
        (`--bank`: the banks given, whatever their language) a change of language keeps the catalog."""
        super().__init__()
        self.catalog = catalog
        self.store = store
        self.profile = profile
        self.clock = clock
        self.rng = rng if rng is not None else random.Random()
        """Shuffles choices (and questions, unless `order_rng` is given): tests pass a seeded one."""
        self.order_rng = order_rng
        """Shuffles a topic quiz's questions; None: `rng`."""
        self.count = count
        self.start_in_review = review
        self.start_in_essentials = essentials
        self.notices = [n for n in notices if n]
        self.persistent = persistent
        self._crisis = (crisis_text, crisis_short)
        self.catalog_for = catalog_for
        self.left_a_quiz = False
        """Set when the learner leaves a quiz part-way, so Home offers Continue first."""
        self.keymap: dict[str, str] = {}
        """The keymap in effect: binding id -> keys (Textual keeps its own copy private)."""
        for t in build_themes():
            self.register_theme(t)
        start_in_theme(self, theme if theme in PALETTES else self._saved_theme())

    def _saved_theme(self) -> str:
        try:
            saved = self.store.get_pref(THEME_PREF_KEY)
        except StoreError:
            saved = None
        return saved if saved in PALETTES else DEFAULT_THEME

    @property
    def crisis_text(self) -> str:
        """The crisis line in the interface language (a clinic's own text, not in the catalog, as it was given)."""
        text, _short = self._crisis
        return _(text)

    @property
    def crisis_short(self) -> str:
        """Its one-line form for narrow screens."""
        _text, short = self._crisis
        return _(short)

    @property
    def title_note(self) -> str:
        """The right-hand side of the title bar: whose progress, and whether it is kept."""
        parts = []
        if self.profile != DEFAULT_PROFILE:
            parts.append(_("Profile: {name}").format(name=self.profile))
        if not self.persistent:
            parts.append(_("Progress not saved"))
        return " · ".join(parts) + (" " if parts else "")

    def set_keymap(self, keymap: Keymap) -> None:
        super().set_keymap(keymap)
        self.keymap = dict(keymap)

    def update_keymap(self, keymap: Keymap) -> None:
        super().update_keymap(keymap)
        self.keymap = {**self.keymap, **keymap}

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen()

    def on_mount(self) -> None:
        if self.start_in_review:
            self.start_review()
        elif self.start_in_essentials:
            self.start_essentials()

    # -- reading figures (called from worker threads)

    def read_overview(self, *, history: bool) -> Overview:
        return build_overview(self.catalog, self.store, self.profile, self.clock(), history=history)

    # -- starting runs

    def _open_question_screen(self, session: QuizSession) -> None:
        from ketaquiz.tui.screens.question import QuestionScreen

        self.clear_notifications()  # what Home said is done with; nothing may cover the first question
        self.push_screen(QuestionScreen(session))

    def start_bank(self, bank: Bank) -> None:
        """A topic quiz over one bank: 10 questions, new-first, in a fresh order (--count says otherwise)."""
        from ketaquiz.core.session import QuizSession  # (Home does not need it: imported when a quiz starts)

        self._start_quiz(
            lambda **common: QuizSession.topic(bank, order_rng=self.order_rng, **common),
            _("This topic has no questions."),
        )

    def start_review(self) -> None:
        """The questions to go over again: missed ones first, then those due."""
        from ketaquiz.core.session import QuizSession

        self._start_quiz(
            lambda **common: QuizSession.review(self.catalog.banks, **common),
            _("Nothing to go over right now. Questions you miss, and ones due again, come back here."),
            title=_("Review"),
        )

    def start_essentials(self) -> None:
        """The essential questions not yet known (10 at most unless --count says otherwise)."""
        from ketaquiz.core.session import QuizSession

        self._start_quiz(
            lambda **common: QuizSession.essentials(self.catalog.banks, **common),
            _("You know every essential question. Well done."),
            title=_("Before your first session"),
        )

    def _start_quiz(self, make: Callable[..., QuizSession], nothing_to_ask: str, title: str = "") -> None:
        """Build a quiz with this app's store, count, profile, random source and clock; open it, or say why not."""
        quiz = partial(
            make, store=self.store, count=self.count, profile=self.profile, rng=self.rng, clock=self.clock
        )
        self._open_quiz(quiz, nothing_to_ask, title)

    def continue_run(self, run: RunRecord) -> None:
        """Go on with a run left unfinished."""
        from ketaquiz.core.session import QuizSession

        resume = partial(
            QuizSession.resume, run.state, self.catalog.banks, self.store, rng=self.rng, clock=self.clock
        )
        self._open_quiz(resume, _("That quiz has no questions left."))

    def _open_quiz(self, make: Callable[[], QuizSession], nothing_left: str, title: str = "") -> None:
        """Open the quiz `make` builds (a new one, or one to continue), or say why it cannot be."""
        from ketaquiz.core.session import SessionError

        try:
            session = make()
        except StoreError as exc:
            error = _("Your progress could not be read: {error}").format(error=exc)
            self.notify(error, severity="error", markup=False)
            return
        except SessionError as exc:
            error = _("That quiz cannot be continued: {error}").format(error=exc)
            self.notify(error, severity="warning", markup=False)
            return
        if session.finished:
            self.notify(nothing_left, title=title, markup=False)
            return
        self._open_question_screen(session)

    def show_summary(self, session: QuizSession) -> None:
        from ketaquiz.tui.screens.summary import SummaryScreen

        self.switch_screen(SummaryScreen(session))

    def show_progress(self) -> None:
        from ketaquiz.tui.screens.progress import ProgressScreen

        self.push_screen(ProgressScreen())

    def show_about(self) -> None:
        from ketaquiz.tui.screens.info import AboutScreen

        self.push_screen(AboutScreen())

    def notice_texts(self) -> list[str]:
        """What Home says before everything else (a store warning, a remembered bank gone...), in the words the
        command gave; a front end with its own notices adds them in the language of the moment."""
        return self.notices

    # -- app-wide actions

    def action_help(self) -> None:
        from ketaquiz.tui.screens.info import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def switch_language(self) -> None:
        """English <-> Español (Home's `l`, which then builds itself again): remembered like the colours (it wins
        over the locale at the next start; --lang and KETAQUIZ_LANG still win over it), the catalog becomes the
        banks of that language, and every screen is built in it from now on (words are translated as drawn)."""
        language = i18n.LANGUAGES[(i18n.LANGUAGES.index(i18n.language()) + 1) % len(i18n.LANGUAGES)]
        i18n.set_language(language)
        with suppress(StoreError):  # the language still changes; it just is not remembered
            self.store.set_pref(i18n.LANGUAGE_PREF_KEY, language)
        if self.catalog_for is not None and (catalog := self.catalog_for(language)) is not None:
            self.catalog = catalog
        self.clear_notifications()  # what was said was said in the other language

    def action_cycle_theme(self) -> None:
        """Dark, light, high contrast, and round again; the choice is remembered."""
        names = list(THEME_NAMES)
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]
        with suppress(StoreError):  # the colours still change; they just are not remembered
            self.store.set_pref(THEME_PREF_KEY, self.theme)
        name = THEME_WORDS.get(self.theme)
        words = _(name) if name else self.theme
        self.notify(_("Colours: {name}").format(name=words), markup=False, timeout=3)
