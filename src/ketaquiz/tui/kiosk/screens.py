"""The kiosk's screens: Welcome, a quiz on one topic, its summary, the idle warning and the staff PIN.

They are built from the app's widgets (tiles, the choice tiles, the feedback with its quote, the results), so the
kiosk looks and reads like the app. What differs is what a kiosk must: no store and no flags, a "Back to topics"
tile on every screen of a visit, the clinic's welcome, and the crisis line wrapped for a waiting room.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static

from ketaquiz.core.i18n import LANGUAGE_NAMES, _, ngettext
from ketaquiz.core.kiosk import PinGuard, PinResult
from ketaquiz.core.kiosk.visit import visit_length
from ketaquiz.core.model import Bank
from ketaquiz.core.safety import NOT_ADVICE_SHORT
from ketaquiz.core.session import DONT_KNOW_KEY, QuizSession
from ketaquiz.tui.kiosk.widgets import SWALLOW_BINDINGS, VISIT_BINDINGS, CrisisLine
from ketaquiz.tui.screens.base import preset_breakpoints
from ketaquiz.tui.text import literal, one_line
from ketaquiz.tui.widgets.choice import ChoiceButton, compose_choices, mark_choices, show_choices
from ketaquiz.tui.widgets.feedback import FeedbackPanel
from ketaquiz.tui.widgets.results import ResultEntry, ScoreLine
from ketaquiz.tui.widgets.tile import ActionTile, Tile, tile_row

if TYPE_CHECKING:
    from ketaquiz.tui.kiosk.app import KioskApp

MUTED = "$kq-muted"  # i18n: not shown (a style)
HEADING = "section-heading"  # i18n: not shown (a class)
WAIT_TIMER = "pin wait countdown"  # i18n: not shown (a timer's name)
BOTTOM_BAR = "bottom-bar"  # i18n: not shown (a class)


def kiosk_of(screen: Screen[Any]) -> KioskApp:
    from ketaquiz.tui.kiosk.app import KioskApp  # the app imports this module: imported when first asked

    app = screen.app
    assert isinstance(app, KioskApp)
    return app


def foot(screen: Screen[Any], *tiles: ActionTile) -> Vertical:
    """A screen's foot: its tiles in a row above the crisis line, docked together (Textual overlaps widgets docked
    to the same edge, so they share one container)."""
    crisis = CrisisLine(lambda: kiosk_of(screen).crisis_text())
    if not tiles:
        return Vertical(crisis, classes=BOTTOM_BAR)
    # (The row has a box of its own to be centred in: Textual aligns a container's children as one block.)
    row = Center(tile_row(*tiles, id="actions"), id="actions-bar")  # i18n: not shown (an id)
    return Vertical(row, crisis, classes=BOTTOM_BAR)


def kiosk_tile(key: str, heading: str, id: str) -> ActionTile:
    """A tile of a row at a screen's foot or in a dialog, badged with its key (the kiosk has no keymap)."""
    return ActionTile(key, heading, arrows="horizontal", id=id)


class KioskScreen(Screen[None]):
    """Base of the kiosk's full screens: escape keys swallowed, the crisis line at the foot."""

    BINDINGS: ClassVar[list[BindingType]] = [*SWALLOW_BINDINGS]

    def __init__(self) -> None:
        super().__init__()
        preset_breakpoints(self)

    @property
    def kiosk(self) -> KioskApp:
        return kiosk_of(self)


class BlankScreen(KioskScreen):
    """The bottom of the screen stack: only ever seen for a moment during a reset."""

    def compose(self) -> ComposeResult:
        yield foot(self)


LANGUAGE_KEY = "l"
"""On Welcome, the key that changes the language (in a kiosk of several)."""


def topic_tile(number: int, bank: Bank, per_visit: int, *, summary: bool) -> Tile:
    """A topic on Welcome: its number, title, how many questions a visit asks, and (on tall screens) its summary."""
    n = visit_length(bank, per_visit)
    return Tile(
        str(number),
        literal(one_line(bank.title), "bold"),
        topic_lines(bank, summary=summary),
        aside=literal(ngettext("{n} question", "{n} questions", n).format(n=n), MUTED),
        id=f"topic-{number}",
        classes="topic",
    )


def topic_lines(bank: Bank, *, summary: bool) -> list[Content]:
    return [literal(one_line(bank.summary), MUTED)] if summary else []


class WelcomeScreen(KioskScreen):
    """The clinic's name, what this is, and the topics: a visitor starts with one key or tap. A kiosk of several
    languages offers them at the foot ("English / Español", key l)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *SWALLOW_BINDINGS,
        *(Binding(str(n), f"start({n - 1})", show=False) for n in range(1, 10)),
        Binding(LANGUAGE_KEY, "language", show=False),
    ]

    def __init__(self, *, focus: str = "topic-1") -> None:
        """`focus`: the id of the tile to focus (the language tile, when the visitor just changed language)."""
        super().__init__()
        self._focus = focus

    def compose(self) -> ComposeResult:
        kiosk = self.kiosk
        banks = kiosk.topics()
        with VerticalScroll(id="body", classes="page"):
            yield Static(
                literal(kiosk.shown_text("clinic_name")),
                id="clinic-name",  # i18n: not shown (an id)
            )
            yield Static(
                Content.assemble(
                    _("Learn about ketamine and esketamine treatment while you wait."),
                    " ",
                    literal(kiosk.shown_text("welcome_text")),
                ),
                id="welcome-intro",  # i18n: not shown (an id)
            )
            yield Static(
                _("Tap a topic, or press its number, to start:")
                if len(banks) > 1
                else _("Tap below, or press 1, to start:"),
                id="welcome-hint",  # i18n: not shown (an id)
            )
            tall = self.has_class("-tall")
            for number, bank in enumerate(banks, 1):
                yield topic_tile(number, bank, kiosk.config.questions_per_visit, summary=tall)
            yield Static(literal(_(NOT_ADVICE_SHORT), MUTED), id="not-advice")  # i18n: not shown (an id)
        languages = kiosk.config.languages
        if len(languages) > 1:
            # Each language in its own words, so a visitor finds theirs whatever the screen's language.
            names = " / ".join(LANGUAGE_NAMES[code] for code in languages)
            yield foot(self, kiosk_tile(LANGUAGE_KEY, names, "language"))
        else:
            yield foot(self)

    def on_mount(self) -> None:
        self.query_one(f"#{self._focus}", Tile).focus()

    def on_resize(self, event: events.Resize) -> None:
        # Topic summaries only where there is room for them (the -tall breakpoint).
        tall = self.has_class("-tall")
        for tile, bank in zip(self.query(".topic").results(Tile), self.kiosk.topics(), strict=False):
            if bool(tile.lines) != tall:
                tile.set_content(lines=topic_lines(bank, summary=tall))

    def action_start(self, index: int) -> None:
        if 0 <= index < len(self.kiosk.topics()):
            self.kiosk.start_visit(index)

    def action_language(self) -> None:
        if len(self.kiosk.config.languages) > 1:
            self.kiosk.next_language()

    @on(Tile.Pressed, ".topic")
    def _topic_chosen(self, message: Tile.Pressed) -> None:
        self.action_start(int((message.tile.id or "topic-1").removeprefix("topic-")) - 1)

    @on(Tile.Pressed, "#language")
    def _language_chosen(self) -> None:
        self.action_language()


class VisitScreen(KioskScreen):
    """A screen that shows one visitor's session; `forget()` drops it at the reset."""

    BINDINGS: ClassVar[list[BindingType]] = [*VISIT_BINDINGS]

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self._session: QuizSession | None = session

    @property
    def session(self) -> QuizSession:
        if self._session is None:
            raise RuntimeError("this visit is over")
        return self._session

    @property
    def forgotten(self) -> bool:
        return self._session is None

    def forget(self) -> None:
        """Drop the visitor's session, so it goes even if Textual holds on to this screen object for a while."""
        self._session = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A key still queued for a screen of a visit that was just cleared does nothing.
        return not self.forgotten

    def back_tile(self) -> ActionTile:
        """The visible way back to the topics, on every screen of a visit (Escape does the same)."""
        return kiosk_tile(_("Esc"), _("‹ Back to topics"), "back")

    def action_back_to_topics(self) -> None:
        """Escape or the Back tile: this visit ends and the topics come back; the kiosk keeps running."""
        if not self.forgotten:
            self.kiosk.end_visit()

    @on(Tile.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back_to_topics()


class QuizScreen(VisitScreen):
    """One question at a time; after an answer, the feedback on the same screen and a big Next tile."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *VISIT_BINDINGS,
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
        Binding(DONT_KNOW_KEY, "pick(0)", show=False),
        Binding("n", "next", show=False),
        # Arrows the focused tile does not use (it has them while the choices are open) scroll the page.
        Binding("up", "scroll(-2)", show=False),
        Binding("down", "scroll(2)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
    ]

    def compose(self) -> ComposeResult:
        shown = self.session.current
        panel = FeedbackPanel(actions=False)
        panel.display = False
        with VerticalScroll(id="body", classes="page", can_focus=False):
            yield Static(id="where")
            yield Static(id="prompt")
            yield from compose_choices([c.text for c in shown.choices], str)
            yield panel
        yield foot(self, self.back_tile(), kiosk_tile(_("Enter"), _("Next question"), "next"))

    def on_mount(self) -> None:
        self.show_question()

    def show_question(self) -> None:
        """Fill the screen in for the session's current question, in the widgets already there."""
        if self.forgotten:
            return
        shown = self.session.current
        body = self.query_one("#body", VerticalScroll)
        with self.app.batch_update():
            self.query_one("#where", Static).update(
                Content.assemble(
                    (_("Question {n} of {total}").format(n=shown.number, total=shown.total) + "  ", "bold"),
                    "·  ",
                    literal(one_line(shown.bank.title)),
                )
            )
            self.query_one("#prompt", Static).update(literal(one_line(shown.question.prompt), "bold"))
            show_choices(body, [c.text for c in shown.choices], str)
            self.query_one(FeedbackPanel).display = False
            self.query_one("#next", ActionTile).display = False
            self.query_one("#choice-1", ChoiceButton).focus(scroll_visible=False)
            body.scroll_home(animate=False)

    def action_scroll(self, rows: int) -> None:
        self.query_one("#body", VerticalScroll).scroll_relative(y=rows, animate=False)

    def action_page(self, step: int) -> None:
        body = self.query_one("#body", VerticalScroll)
        body.scroll_relative(y=step * max(1, body.size.height - 2), animate=False)

    def action_pick(self, number: int) -> None:
        if self.session.answered or self.session.finished:
            return
        if 0 <= number <= len(self.session.current.choices):
            self.answer(number)

    @on(Tile.Pressed)
    def _pressed(self, message: Tile.Pressed) -> None:
        if self.forgotten:
            return
        tile = message.tile
        if isinstance(tile, ChoiceButton):
            self.action_pick(tile.number)
        elif tile.id == "next":
            self.action_next()

    def answer(self, number: int) -> None:
        """Answer choice `number` (0: "I don't know yet") and show the feedback."""
        feedback = self.session.answer_dont_know() if number == 0 else self.session.answer(number - 1)
        body = self.query_one("#body", VerticalScroll)
        panel = self.query_one(FeedbackPanel)
        next_tile = self.query_one("#next", ActionTile)
        go_on = _("See how you did") if self.session.is_last else _("Next question")
        with self.app.batch_update():
            mark_choices(body, feedback)
            panel.show(feedback, question_language=self.session.current.bank.language)
            panel.display = True
            next_tile.set_text(heading=go_on)
            next_tile.display = True
            next_tile.focus(scroll_visible=False)
            panel.reveal(body)

    def action_next(self) -> None:
        if self.forgotten or not self.session.answered:
            return
        self.session.next()
        if self.session.finished:
            self.kiosk.show_summary()
        else:
            self.show_question()


class VisitSummaryScreen(VisitScreen):
    """The visitor's score, what to ask the staff about, each question; then a fresh start."""

    def compose(self) -> ComposeResult:
        results = self.session.results
        with VerticalScroll(id="body", classes="page"):
            yield ScoreLine(self.session.score, id="summary-score")  # i18n: not shown (an id)
            # The visit's wrong answers, on screen only: nothing about a visitor is kept anywhere.
            wrong = [r for r in results if r.outcome == "wrong"]
            if wrong:
                yield Static(
                    literal(_("Worth asking the staff about"), "bold"),
                    id="ask-staff-heading",  # i18n: not shown (an id)
                    classes=HEADING,
                )
                yield Static(
                    Content("\n").join(
                        Content.assemble("•  ", literal(one_line(r.question.prompt))) for r in wrong
                    ),
                    id="ask-staff",  # i18n: not shown (an id)
                )
            yield Static(literal(_("Your answers"), "bold"), classes=HEADING)
            for number, result in enumerate(results, 1):
                yield ResultEntry(number, result)
            yield Static(
                _("Questions about your own treatment? Ask your care team: they know your situation."),
                id="summary-next",  # i18n: not shown (an id)
            )
        yield foot(self, self.back_tile(), kiosk_tile(_("Enter"), _("Done: start again"), "done"))

    def on_mount(self) -> None:
        self.query_one("#done", ActionTile).focus(scroll_visible=False)

    @on(Tile.Pressed, "#done")
    def _done(self) -> None:
        if not self.forgotten:
            self.kiosk.end_visit()


class KioskDialog(ModalScreen[Any]):
    """A dialog over the kiosk (the idle warning, the staff PIN), with the crisis line at the foot."""

    def __init__(self) -> None:
        super().__init__()
        preset_breakpoints(self)


class IdleWarningScreen(KioskDialog):
    """Are you still there? A countdown, and any key or tap keeps the session."""

    BINDINGS: ClassVar[list[BindingType]] = []  # every key is handled in on_key: it means "I'm still here"

    seconds_left: reactive[int] = reactive(0)

    def __init__(self, seconds_left: float) -> None:
        super().__init__()
        self.set_reactive(IdleWarningScreen.seconds_left, round(seconds_left))

    def compose(self) -> ComposeResult:
        with Vertical(id="idle-dialog", classes="dialog"):  # i18n: not shown (an id)
            yield Static(
                literal(_("Are you still there?"), "bold"), id="idle-title"
            )  # i18n: not shown (an id)
            yield Static(id="idle-countdown")  # i18n: not shown (an id)
            yield ActionTile(
                _("Enter"), _("I'm still here"), arrows="", id="still-here"
            )  # i18n: not shown (an id)
            yield Static(
                _("Press any key or tap anywhere to keep going."), id="idle-hint"
            )  # i18n: not shown (an id)
        yield foot(self)

    def on_mount(self) -> None:
        self.watch_seconds_left(self.seconds_left)
        self.query_one("#still-here", ActionTile).focus()

    def watch_seconds_left(self, seconds: int) -> None:
        self.query_one("#idle-countdown", Static).update(
            ngettext(
                "To keep your answers private, this screen will start over in {n} second.",
                "To keep your answers private, this screen will start over in {n} seconds.",
                seconds,
            ).format(n=seconds)
        )

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        event.stop()
        self.dismiss()

    @on(Tile.Pressed, "#still-here")  # i18n: not shown (a selector)
    def _still_here(self) -> None:
        self.dismiss()


class StaffPinScreen(KioskDialog):
    """Staff only: the PIN, masked. A right PIN closes the kiosk; wrong ones are slowed down by the PinGuard."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, guard: PinGuard) -> None:
        super().__init__()
        self.guard = guard
        self._waiting = False
        """A wrong-PIN wait is on screen (so its end can be announced)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="pin-dialog", classes="dialog"):  # i18n: not shown (an id)
            yield Static(literal(_("Staff only"), "bold"), id="pin-title")  # i18n: not shown (an id)
            yield Static(
                _("Enter the staff PIN to close the kiosk."), id="pin-help"
            )  # i18n: not shown (an id)
            yield Input(password=True, id="pin", placeholder=_("PIN"), max_length=64)
            yield Static("", id="pin-message")  # i18n: not shown (an id)
            yield tile_row(
                kiosk_tile(_("Enter"), _("Close kiosk"), "pin-ok"),  # i18n: not shown (an id)
                kiosk_tile(_("Esc"), _("Cancel"), "pin-cancel"),  # i18n: not shown (an id)
                id="pin-actions",  # i18n: not shown (an id)
            )
        yield foot(self)

    def on_mount(self) -> None:
        self.query_one("#pin", Input).focus()
        self._show_wait()
        # The wait counts down on screen (on the guard's clock, so tests move time instead of waiting).
        self.set_interval(0.25, self._show_wait, name=WAIT_TIMER)

    def _show_wait(self) -> bool:
        """Show the wrong-PIN wait, if any ("Try again in 24 s"); True while it lasts."""
        wait = self.guard.wait_remaining()
        message = self.query_one("#pin-message", Static)
        if wait > 0:
            message.update(_("Too many wrong PINs. Try again in {n} s.").format(n=math.ceil(wait)))
            self._waiting = True
            return True
        if self._waiting:
            message.update(_("You can try again now."))
            self._waiting = False
        return False

    @on(Input.Submitted, "#pin")
    @on(Tile.Pressed, "#pin-ok")  # i18n: not shown (a selector)
    def _submit(self) -> None:
        field = self.query_one("#pin", Input)
        pin = field.value
        field.value = ""
        if self._show_wait():
            return
        if self.guard.check(pin) is PinResult.RIGHT:
            self.dismiss(True)
            return
        if not self._show_wait():
            self.query_one("#pin-message", Static).update(_("That PIN is not right."))
        field.focus()

    @on(Tile.Pressed, "#pin-cancel")  # i18n: not shown (a selector)
    def action_cancel(self) -> None:
        self.dismiss(False)
