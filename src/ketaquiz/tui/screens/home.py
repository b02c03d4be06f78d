"""Home: Continue (a tile per unfinished quiz), Review, the essentials ("Before your first session: 7 of 12 essentials known", key e), a card per
bank, banks that failed to load, and the way to Progress, Help and About.

The learner's figures (mastery, review count, the unfinished runs) are read from the store by a thread worker
started with the screen. They usually come within a few milliseconds, before the widgets are built, and Home is
drawn once with them; if the store is slow, Home does not wait for it (at most FIRST_FIGURES_WAIT) and fills the
figures in when the worker's success message comes.

Home is built from few widgets (a tile is one widget, see widgets/tile.py): Textual styles and lays out every
widget on each change, and Home is what every start waits for.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from ketaquiz.core.bankfile import BankError
from ketaquiz.core.i18n import LANGUAGE_NAMES, N_, _, ngettext
from ketaquiz.core.overview import Overview
from ketaquiz.core.review import topic_length
from ketaquiz.core.safety import NOT_ADVICE_SHORT
from ketaquiz.tui.keys import key_for
from ketaquiz.tui.screens.base import KetaquizScreen
from ketaquiz.tui.text import literal
from ketaquiz.tui.widgets.bank_card import WAITING, BankCard
from ketaquiz.tui.widgets.tile import BADGE_STYLE, ActionTile, Tile

if TYPE_CHECKING:
    from ketaquiz.core.model import Bank
    from ketaquiz.tui.app import KetaquizApp
    from ketaquiz.tui.widgets.continue_tile import ContinueTile

WELCOME = N_("Learn about ketamine treatment, one question at a time.")
INTRO = N_(
    "Pick a topic for a short quiz ({length}). After each answer you see why, and the source it comes from."
)
"""`length`: `topic_length()`, "10 questions" unless --count says otherwise."""
UNREVIEWED_ALL = N_("No clinician has reviewed these questions yet.")
UNREVIEWED_SOME = N_("No clinician has reviewed some of these topics yet (About says which).")
MAX_PROBLEMS_SHOWN = 3
FIGURES = "home-figures"  # i18n: not shown (a worker group, and its name)
NOTICE = "warning notice full"  # i18n: not shown (classes)
FAILURE = "warning failure full"  # i18n: not shown (classes)
HEADING = "section-heading full"  # i18n: not shown (classes)
"""The worker group that reads the figures (one at a time: a newer read cancels an older one)."""
CONTINUE_IDS = ("continue", "continue-2", "continue-3")
"""The Continue tiles, most recent quiz first (the store keeps a place per topic; Home shows at most three)."""
FIRST_FIGURES_WAIT = 0.05
"""Seconds Home waits, while it is being built, for the learner's figures (a wait, not work: the reading thread
runs meanwhile)."""


def failure_text(error: BankError) -> Content:
    """A bank that did not load: its file, and why (the first few problems, with their lines)."""
    problems = error.problems
    heading = _("⚠ Could not load {file}:").format(file=error.path.name)
    lines = [literal(heading, "bold")]
    for p in problems[:MAX_PROBLEMS_SHOWN]:
        where = _("line {n}").format(n=p.line) if p.line else _("file")
        qid = f" [{p.question}]" if p.question else ""
        lines.append(literal(f"  {where}{qid}: {p.message}"))
    if len(problems) > MAX_PROBLEMS_SHOWN:
        more = _("and {n} more (run: ketaquiz check {path})")
        lines.append(literal("  " + more.format(n=len(problems) - MAX_PROBLEMS_SHOWN, path=error.path)))
    lines.append(literal(f"  {error.path}"))
    return Content("\n").join(lines)


def unreviewed_line(banks: Sequence[Bank]) -> str | None:
    """One quiet line when no clinician has reviewed what Home lists (About names each bank's reviewer)."""
    unreviewed = sum(1 for bank in banks if not bank.review.is_reviewed)
    if not unreviewed:
        return None
    return _(UNREVIEWED_ALL) if unreviewed == len(banks) else _(UNREVIEWED_SOME)


def intro_text(
    essentials: Content | None = None, count: int | str | None = None, unreviewed: str | None = None
) -> Content:
    """The welcome, what to do (and how long a quiz is), that this is education, not medical advice (and, when so,
    that no clinician has reviewed the questions), and the essentials line (if any). One Static: a widget more on
    Home costs every start (benchmarks/run.py)."""
    intro = _(INTRO).format(length=topic_length(count))
    lines = [
        literal(_(WELCOME), "bold $kq-primary"),  # i18n: not shown (a style)
        literal(intro),
        literal(_(NOT_ADVICE_SHORT), "$kq-muted"),  # i18n: not shown (a style)
    ]
    if unreviewed:
        lines.append(literal(unreviewed, "$kq-muted"))  # i18n: not shown (a style)
    if essentials is not None:
        lines += [Content(""), essentials]
    return Content("\n").join(lines)


def essentials_text(key: str, known: int | None, total: int) -> Content:
    """ "Before your first session: 7 of 12 essentials known", with its key in a badge; a click runs it. A line of
    the intro, not a tile of its own: one more widget on Home made every start about 2% slower (benchmarks/run.py).
    """
    words = (
        essentials_heading(known, total)
        if known is not None
        else _("Before your first session: {total} essentials to know").format(total=total)
    )
    more = " · " + (_("well done") if known is not None and known >= total else _("learn the rest"))
    return Content.from_markup(
        f"[@click=screen.essentials][{BADGE_STYLE}] $key [/] [bold]$words[/]$more[/]",  # i18n: not shown (markup; its words are translated)
        key=key,
        words=words,
        more=more,
    )


MORE = (
    ("home.progress", "p", N_("My progress"), "screen.progress"),  # i18n: not shown (binding id, action)
    ("app.help", "?", N_("Help"), "app.help"),  # i18n: not shown (binding id, action)
    ("home.about", "a", N_("About"), "screen.about"),  # i18n: not shown (binding id, action)
    ("home.colours", "t", N_("Colours"), "app.cycle_theme"),  # i18n: not shown (binding id, action)
)
"""The way to the other screens: (binding id, its key, words, action). One line of clickable words with their
keys, not four tiles: the keys work from anywhere on Home, and four more widgets made every start about 5 ms
slower."""


def more_text(app: App[Any]) -> Content:
    """The MORE line: each key in its badge, then its words; a click anywhere on an item runs its action."""
    items = [
        Content.from_markup(
            f"[@click={action}][{BADGE_STYLE}] $key [/] $words[/]",  # i18n: not shown (markup; its words are translated)
            key=key_for(app, binding, key),
            words=_(words),
        )
        for binding, key, words, action in MORE
    ]
    return Content("   ").join(items)


def essentials_heading(known: int, total: int) -> str:
    return _("Before your first session: {known} of {total} essentials known").format(
        known=known, total=total
    )


def review_detail(due: int) -> str:
    if due == 0:
        return _("Nothing to go over right now. Questions you miss come back here.")
    return ngettext("{n} question to go over again.", "{n} questions to go over again.", due).format(n=due)


def _hidden(key: str, action: str, words: str, tooltip: str, name: str) -> Binding:
    """A key of Home that is not in the footer (a tile or the line of keys shows it), with the id `home.<name>`
    (a keymap moves it by its id; Help shows `tooltip`)."""
    return Binding(key, action, words, show=False, tooltip=tooltip, id=f"home.{name}")


class HomeScreen(KetaquizScreen):
    """The first screen."""

    WHERE = N_("Home")
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            _hidden(str(n), f"start({n})", N_("Start topic"), N_("Start that topic"), f"topic-{n}")
            for n in range(1, 10)
        ),
        # Not in the footer: the Continue tile shows its key, and with the focus on it the footer says "⏎ Continue".
        _hidden("c", "continue_run", N_("Continue"), N_("Continue the quiz you left last"), "continue"),
        Binding("r", "review", N_("Review"), tooltip=N_("Review: go over questions again"), id="home.review"),
        _hidden(
            "e",
            "essentials",
            N_("Essentials"),
            N_("Before your first session: a quiz on the essential questions you do not know yet"),
            "essentials",
        ),
        Binding("p", "progress", N_("My progress"), tooltip=N_("My progress"), id="home.progress"),
        # About and Colours are on the line of keys under the cards; the footer has no room for them at 80 columns.
        _hidden("a", "about", N_("About"), N_("About ketaquiz"), "about"),
        _hidden(
            "t",
            "cycle_theme",
            N_("Colours"),
            N_("Change the colours (dark, light, high contrast)"),
            "colours",
        ),
        # The languages' names are shown as they are (a reader looks for their own), in the footer: on Home only.
        Binding(
            "l",
            "language",
            " / ".join(LANGUAGE_NAMES.values()),
            tooltip=N_("Change the language: English or Spanish (Español)"),
            id="home.language",
        ),
    ]

    AUTO_FOCUS = ""  # the focus goes where on_mount (or the figures) put it, not to the first tile and back

    def __init__(self) -> None:
        super().__init__()
        self._essentials_total = 0
        self._conts: list[ContinueTile] = []
        """Essential questions in the banks Home lists (0: no essentials line, and `e` does nothing)."""
        self.overview: Overview | None = None
        self._auto_focus = True
        self._resumed = False
        self._rebuilding = False
        """True while Home builds itself again in another language (figures that come meanwhile wait for it)."""
        # The first figures are read by a worker started now, while Textual is still setting up: they are
        # usually there before the widgets are built, so Home is laid out and drawn once, with them. (The app is
        # handed to the worker: its thread does not see Textual's "active app", and Home is not mounted yet.)
        # Textual's worker costs start-up some 0.3 % more than a bare thread did (valgrind: 1299 M -> 1303 M
        # instructions, the bare app 1097 M; within the noise of the CPU-time row): kept, for its cancelling of
        # stale reads and its error handling.
        self._first: Future[Overview] = Future()
        self.read_figures(self.kq, self._first)

    @work(thread=True, exclusive=True, group=FIGURES, description=FIGURES)
    def read_figures(self, app: KetaquizApp, first: Future[Overview] | None = None) -> Overview:
        """Read the learner's figures (in a thread: the store may be slow); `_figures_read` shows them. The first
        read also hands them to `compose`, which waits for them a moment."""
        try:
            overview = app.read_overview(history=False)
        except BaseException as exc:
            if first is not None:
                first.set_exception(exc)
            raise
        if first is not None:
            first.set_result(overview)
        return overview

    @on(Worker.StateChanged)
    def _figures_read(self, event: Worker.StateChanged) -> None:
        if event.worker.group != FIGURES or event.state is not WorkerState.SUCCESS or self._rebuilding:
            return
        overview = event.worker.result
        if isinstance(overview, Overview) and overview is not self.overview:  # (not already shown by compose)
            self.show_overview(overview)

    def _first_figures(self) -> Overview | None:
        """The first figures if they come within FIRST_FIGURES_WAIT (they take a few milliseconds with a normal
        store); else None, and a worker fills them in when they come, so a slow store never holds Home up."""
        try:
            return self._first.result(timeout=FIRST_FIGURES_WAIT)
        except Exception:
            return None

    def compose_body(self) -> ComposeResult:
        banks = self.kq.catalog.banks
        # The store's error and Continue are put on the page only when there is something to say (every widget
        # costs Textual about as much as a screenful of text, hidden or not); show_overview adds them later.
        store_error = self._store_error = Static(id="store-error", classes=NOTICE)  # i18n: not shown (an id)
        conts = self._conts = []  # made by _continue_tiles when there are places to continue
        key = key_for(self.app, "home.review", "r")  # i18n: not shown (a binding id)
        review = ActionTile(key, _("Review"), WAITING, id="review", classes="full")
        # Only when the banks mark essentials (read from the rows, no question built).
        total = self._essentials_total = sum(len(bank.questions.essential_ids) for bank in banks)
        intro = Static(
            intro_text(self._essentials_line(None) if total else None, self.kq.count, unreviewed_line(banks)),
            id="intro",
            classes="full",
        )
        topic_binding = "home.topic-{n}"  # i18n: not shown (a binding id)
        cards = [
            BankCard(number, bank, key=key_for(self.app, topic_binding.format(n=number), str(number)))
            for number, bank in enumerate(banks, 1)
        ]
        first = self._first_figures()
        if first is not None:
            self._fill(first, store_error, conts, review, cards, intro)
        # The scrolling body is the page's column itself: no column or card box inside it (Textual measures a
        # box of `height: auto` by laying out its contents, so each one nested here cost a layout of the page).
        # On wide screens the body is a two-column grid: the cards side by side, everything else across both.
        with VerticalScroll(id="body", classes="home", can_focus=False):
            yield intro
            for notice in self.kq.notice_texts():
                yield Static(literal(f"⚠ {notice}"), classes=NOTICE)
            if first is not None and first.error:
                yield store_error
            if first is not None:
                yield from conts[: len(first.unfinished)]
            yield review
            yield Static(literal(_("Topics"), "bold"), classes=HEADING)
            yield from cards
            for failure in self.kq.catalog.failures:
                yield Static(failure_text(failure), classes=FAILURE)
            yield Static(more_text(self.app), id="more", classes="full")

    def _continue_tiles(self, wanted: int) -> list[ContinueTile]:
        """The Continue tiles, made when there is a place to continue (most learners have none at first, and a
        widget costs start-up even unmounted). The most recent quiz is continued with `c`; the others with the
        arrows and Enter, or a click."""
        conts = self._conts
        if wanted <= len(conts):
            return conts  # nothing more to make (nor to import)
        from ketaquiz.tui.widgets.continue_tile import ContinueTile

        for i in range(len(conts), min(wanted, len(CONTINUE_IDS))):
            key = key_for(self.app, "home.continue", "c") if i == 0 else ""  # i18n: not shown (a binding id)
            conts.append(ContinueTile(key, id=CONTINUE_IDS[i]))
        return conts

    def on_mount(self) -> None:
        self._focus_first()

    def _focus_first(self) -> None:
        # The focus is set now, not with widget.focus() (which waits for the next turn of the event loop): then
        # the focused tile's outline is styled before Home is first laid out, not in a second full layout.
        cards = self.query(BankCard)
        first_card = cards.first() if cards else None
        if self.overview is not None:  # else filled in when the worker has them
            self._auto_focus = False
        target = self._conts[0] if self.overview is not None and self.overview.unfinished else first_card
        if target is not None:
            self.set_focus(target, scroll_visible=False)

    def on_screen_resume(self) -> None:
        # Back from a quiz or Progress: the figures may have changed. Back from a quiz left part-way, the
        # Continue tile takes the focus again: going on is the obvious next step.
        if not self._resumed:
            self._resumed = True  # the first showing: the figures are there or on their way
            return
        if self.kq.left_a_quiz:
            self.kq.left_a_quiz = False
            self._auto_focus = True
        self.read_figures(self.kq)

    def _fill(
        self,
        overview: Overview,
        error: Static,
        conts: Sequence[ContinueTile],  # the tiles so far; more are made when there are more places
        review: ActionTile,
        cards: Sequence[BankCard],
        intro: Static | None = None,
    ) -> None:
        """Put the figures into the widgets (mounted or not yet)."""
        self.overview = overview
        if overview.error:
            error.update(
                literal(_("⚠ Your progress could not be read: {error}").format(error=overview.error))
            )
        error.display = bool(overview.error)
        for card, progress in zip(cards, overview.banks, strict=False):
            card.show_progress(progress)
        review.set_text(detail=review_detail(overview.review_due))
        if intro is not None and self._essentials_total:
            intro.update(
                intro_text(
                    self._essentials_line(overview.essentials.known),
                    self.kq.count,
                    unreviewed_line(self.kq.catalog.banks),
                )
            )
        conts = self._continue_tiles(len(overview.unfinished))
        for cont, unfinished in zip(conts, overview.unfinished, strict=False):
            cont.show(unfinished)
            cont.display = True
        for cont in conts[len(overview.unfinished) :]:
            cont.display = False

    def show_overview(self, overview: Overview) -> None:
        """Fill the figures in, all in one update."""
        with self.app.batch_update():
            conts, error, review = self._conts, self._store_error, self.query_one("#review", ActionTile)
            intro = self.query_one("#intro", Static)
            self._fill(overview, error, conts, review, list(self.query(BankCard)), intro)
            column = self.query_one("#body")
            conts = self._conts
            for cont in conts[: len(overview.unfinished)]:
                if not cont.is_attached:
                    column.mount(cont, before=review)
            if overview.error and not error.is_attached:
                column.mount(error, before=conts[0] if conts and conts[0].is_attached else review)
            if overview.unfinished and self._auto_focus:
                conts[0].focus(scroll_visible=False)
            elif self.focused is None or not self.focused.display:
                cards = self.query(BankCard)
                if cards:
                    cards.first().focus(scroll_visible=False)
            self._auto_focus = False
            self.refresh_bindings()

    def on_key(self) -> None:
        # Once the learner does something, the screen stops moving the focus for them.
        self._auto_focus = False

    def on_mouse_down(self) -> None:
        self._auto_focus = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return False
        if action == "continue_run":
            return bool(self.overview and self.overview.unfinished)
        if action == "essentials":
            return bool(self._essentials_total)
        if action == "start":
            n = parameters[0] if parameters else 0
            return isinstance(n, int) and 1 <= n <= len(self.kq.catalog.banks)
        return True

    # -- actions

    def action_start(self, number: int) -> None:
        self.kq.start_bank(self.kq.catalog.banks[number - 1])

    def action_continue_run(self, place: int = 0) -> None:
        """Continue the unfinished quiz on the Continue tile `place` (0: the most recent)."""
        if self.overview and place < len(self.overview.unfinished):
            self.kq.continue_run(self.overview.unfinished[place].run)

    def action_review(self) -> None:
        self.kq.start_review()

    def _essentials_line(self, known: int | None) -> Content:
        key = key_for(self.app, "home.essentials", "e")  # i18n: not shown (a binding id)
        return essentials_text(key, known, self._essentials_total)

    def action_essentials(self) -> None:
        self.kq.start_essentials()

    def action_progress(self) -> None:
        self.kq.show_progress()

    def action_about(self) -> None:
        self.kq.show_about()

    def action_cycle_theme(self) -> None:
        self.kq.action_cycle_theme()

    async def action_language(self) -> None:
        """English <-> Español: Home is built again, in the new language, with the banks of that language."""
        self.kq.switch_language()
        self.overview = None
        self._auto_focus = True
        self._first = Future()
        self.read_figures(self.kq, self._first)
        self._rebuilding = True
        try:
            await self.recompose()
        finally:
            self._rebuilding = False
        first = self._first
        if self.overview is None and first.done() and first.exception() is None:
            self.show_overview(
                first.result()
            )  # they came while Home was being built, after it stopped waiting
        self._focus_first()

    def action_back(self) -> None:
        pass  # Home is the bottom of the stack

    @on(Tile.Pressed)
    def _pressed(self, event: Tile.Pressed) -> None:
        tile = event.tile
        if isinstance(tile, BankCard):
            self.kq.start_bank(tile.bank)
            return
        if tile.id in CONTINUE_IDS:
            self.action_continue_run(CONTINUE_IDS.index(tile.id))
        elif tile.id == "review":
            self.action_review()
