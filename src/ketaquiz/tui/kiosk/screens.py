"""The kiosk's screens: Welcome, a quiz on one topic, its summary, the idle warning and the staff PIN."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from ketaquiz.core.kiosk import PinGuard, PinResult
from ketaquiz.core.kiosk.visit import visit_length
from ketaquiz.core.safety import NOT_ADVICE_SHORT
from ketaquiz.core.session import (
    DONT_KNOW_FEEDBACK,
    DONT_KNOW_KEY,
    DONT_KNOW_TEXT,
    Feedback,
    QuizSession,
)
from ketaquiz.tui.kiosk.widgets import SWALLOW_BINDINGS, VISIT_BINDINGS, CrisisLine, Tile, plain
from ketaquiz.tui.text import clean

if TYPE_CHECKING:
    from ketaquiz.tui.kiosk.app import KioskApp

# ----------------------------------------------------------------------------------------------------------------
# Screens


class KioskScreen(Screen[None]):
    """Base of the kiosk's full screens: escape keys swallowed, crisis text at the bottom."""

    BINDINGS: ClassVar[list[BindingType]] = [*SWALLOW_BINDINGS]

    @property
    def kiosk(self) -> KioskApp:
        from ketaquiz.tui.kiosk.app import KioskApp  # the app imports this module: imported when first asked

        app = self.app
        assert isinstance(app, KioskApp)
        return app

    def bottom_bar(self, *actions: Widget) -> Vertical:
        """The screen's foot: its action button(s) above the crisis line, docked together (Textual overlaps
        widgets docked to the same edge, so they share one container)."""
        children: list[Widget] = []
        if actions:
            children.append(Horizontal(*actions, classes="actions"))
        children.append(CrisisLine(self.kiosk.config.crisis_text))
        return Vertical(*children, classes="bottom-bar")


class BlankScreen(KioskScreen):
    """The bottom of the screen stack: only ever seen for a moment during a reset."""

    def compose(self) -> ComposeResult:
        yield self.bottom_bar()


class WelcomeScreen(KioskScreen):
    """The clinic's name, what this is, and the topics: a visitor starts with one key or tap."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *SWALLOW_BINDINGS,
        *(Binding(str(n), f"start({n - 1})", show=False) for n in range(1, 10)),
        Binding("up,left", "app.focus_previous", show=False),
        Binding("down,right", "app.focus_next", show=False),
    ]

    def compose(self) -> ComposeResult:
        kiosk = self.kiosk
        with VerticalScroll(id="welcome-body"):
            yield Static(plain(kiosk.config.clinic_name), id="clinic-name", markup=False)
            yield Static(
                Content.assemble(
                    "Learn about ketamine and esketamine treatment while you wait. ",
                    plain(kiosk.config.welcome_text),
                ),
                id="welcome-intro",
                markup=False,
            )
            many = len(kiosk.banks) > 1
            yield Static(
                "Tap a topic, or press its number, to start:" if many else "Tap below, or press 1, to start:",
                id="welcome-hint",
                markup=False,
            )
            with Vertical(id="topics"):
                for i, bank in enumerate(kiosk.banks[:9]):
                    n = visit_length(bank, kiosk.config.questions_per_visit)
                    title = Content.assemble(
                        (f"{i + 1}  ", "bold"),
                        (clean(bank.title), "bold"),
                        f"  ·  {n} question{'s' if n != 1 else ''}",
                    )
                    yield Tile(
                        Static(title, classes="topic-title", markup=False),
                        Static(plain(bank.summary), classes="topic-summary", markup=False),
                        index=i,
                        id=f"topic-{i + 1}",
                        classes="topic",
                    )
            yield Static(NOT_ADVICE_SHORT, id="not-advice", markup=False)
        yield self.bottom_bar()

    def on_mount(self) -> None:
        self.query_one("#topic-1", Tile).focus()

    def action_start(self, index: int) -> None:
        if 0 <= index < min(9, len(self.kiosk.banks)):
            self.kiosk.start_visit(index)

    @on(Tile.Chosen, ".topic")
    def _topic_chosen(self, message: Tile.Chosen) -> None:
        self.action_start(message.tile.index)


DONT_KNOW_INDEX = -1
"""The "I don't know yet" tile's index (the bank's choices are 0, 1, ...)."""


class VisitScreen(KioskScreen):
    """A screen that shows one visitor's session; `forget()` drops it at the reset."""

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

    def back_button(self) -> Button:
        """The visible way back to the topics, on every screen of a visit (Escape does the same)."""
        return Button("‹ Back to topics", id="back", classes="back")

    def action_back_to_topics(self) -> None:
        """Escape or the Back tile: this visit ends and the topics come back; the kiosk keeps running."""
        if not self.forgotten:
            self.kiosk.end_visit()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back_to_topics()


class QuizScreen(VisitScreen):
    """One question at a time; after an answer, the feedback on the same screen and a big Next button."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *VISIT_BINDINGS,
        *(Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 10)),
        Binding(
            DONT_KNOW_KEY, f"pick({DONT_KNOW_INDEX})", "I don't know yet", show=False, id="kiosk.dont_know"
        ),
        Binding("n", "next", show=False),
        Binding("up,left", "move(-1)", show=False),
        Binding("down,right", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="quiz-header", markup=False)
        with VerticalScroll(id="quiz-body"):
            yield Static(id="prompt", markup=False)
            yield Vertical(id="choices")
            yield Vertical(id="feedback")
        yield self.bottom_bar(self.back_button(), Button("Next  ›", id="next", variant="primary"))

    async def on_mount(self) -> None:
        await self.show_question()

    async def show_question(self) -> None:
        if self.forgotten:
            return
        shown = self.session.current
        self.remove_class("answered")
        self.query_one("#quiz-header", Static).update(
            plain(f"Question {shown.number} of {shown.total}  ·  {shown.bank.title}")
        )
        self.query_one("#prompt", Static).update(plain(shown.question.prompt))
        choices = self.query_one("#choices", Vertical)
        feedback = self.query_one("#feedback", Vertical)
        await choices.remove_children()
        await feedback.remove_children()
        await choices.mount_all(
            Tile(
                Static(Content.assemble((f"{i + 1}  ", "bold"), plain(choice.text)), markup=False),
                index=i,
                classes="choice",
            )
            for i, choice in enumerate(shown.choices)
        )
        # "I don't know yet" is the last tile of every question (key 0), added here and never shuffled.
        await choices.mount(
            Tile(
                Static(Content.assemble((f"{DONT_KNOW_KEY}  ", "bold"), DONT_KNOW_TEXT), markup=False),
                index=DONT_KNOW_INDEX,
                classes="choice",
            )
        )
        self.query_one("#next", Button).display = False
        self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)
        choices.query(Tile).first().focus()

    def action_move(self, step: int) -> None:
        """Arrows: move between choices; once answered, scroll the feedback."""
        if self.session.answered:
            body = self.query_one("#quiz-body", VerticalScroll)
            body.scroll_relative(y=2 * step, animate=False)
        elif step < 0:
            self.focus_previous()
        else:
            self.focus_next()

    def action_page(self, step: int) -> None:
        body = self.query_one("#quiz-body", VerticalScroll)
        body.scroll_relative(y=step * max(1, body.size.height - 2), animate=False)

    def action_pick(self, index: int) -> None:
        if self.session.answered or self.session.finished:
            return
        if index == DONT_KNOW_INDEX or 0 <= index < len(self.session.current.choices):
            self.answer(index)

    @on(Tile.Chosen, ".choice")
    def _choice_chosen(self, message: Tile.Chosen) -> None:
        if self.forgotten:
            return
        if self.session.answered:
            self.action_next()
        else:
            self.answer(message.tile.index)

    def answer(self, index: int) -> None:
        shown = self.session.current
        dont_know = index == DONT_KNOW_INDEX
        feedback = self.session.answer_dont_know() if dont_know else self.session.answer(index)
        self.add_class("answered")
        for tile in self.query(".choice").results(Tile):
            tile.can_focus = False
            if tile.index == feedback.correct_index:
                tile.add_class("correct")
                tile.update(Content.assemble(("✓ ", "bold"), plain(feedback.correct_choice.text)))
            elif tile.index == feedback.chosen_index and feedback.chosen is not None:
                tile.add_class("wrong")
                tile.update(Content.assemble(("✗ ", "bold"), plain(feedback.chosen.text)))
            elif tile.index == DONT_KNOW_INDEX:
                tile.add_class("other")
                tile.update(Content.assemble("  ", DONT_KNOW_TEXT))
            else:
                tile.add_class("other")
                tile.update(Content.assemble("  ", plain(shown.choices[tile.index].text)))
        self.query_one("#feedback", Vertical).mount_all(self._feedback_widgets(feedback))
        next_button = self.query_one("#next", Button)
        next_button.label = "See how you did  ›" if self.session.is_last else "Next question  ›"
        next_button.display = True
        next_button.focus()

    def _feedback_widgets(self, feedback: Feedback) -> list[Widget]:
        if feedback.dont_know:
            verdict = Static(DONT_KNOW_FEEDBACK, classes="verdict", markup=False)
        elif feedback.correct:
            verdict = Static("✓  Right!", classes="verdict right", markup=False)
        else:
            verdict = Static("✗  Not quite.", classes="verdict wrong", markup=False)
        widgets: list[Widget] = [verdict]
        if not feedback.correct:
            if feedback.why_not:
                widgets.append(Static(plain(feedback.why_not), classes="why-not", markup=False))
            widgets.append(
                Static(
                    Content.assemble(("The answer is: ", "bold"), plain(feedback.correct_choice.text)),
                    classes="answer-is",
                    markup=False,
                )
            )
        widgets.append(Static(plain(feedback.explanation), classes="explanation", markup=False))
        source = feedback.source
        cite = [f"“{feedback.citation.quote}”"]
        if source is not None:
            parts = [source.title, source.publisher, source.date]
            cite.append("— " + ", ".join(p for p in parts if p))
            if source.url:
                cite.append(source.url)
        widgets.append(Static(plain("\n".join(cite)), classes="citation", markup=False))
        return widgets

    @on(Button.Pressed, "#next")
    def _next_pressed(self) -> None:
        self.action_next()

    def action_next(self) -> None:
        if self.forgotten or not self.session.answered:
            return
        self.session.next()
        if self.session.finished:
            self.kiosk.show_summary()
        else:
            self.run_worker(self.show_question(), exclusive=True, group="question")


class VisitSummaryScreen(VisitScreen):
    """The visitor's score and each question, then a fresh start."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *VISIT_BINDINGS,
        Binding("up,left", "app.focus_previous", show=False),
        Binding("down,right", "app.focus_next", show=False),
    ]

    def compose(self) -> ComposeResult:
        score = self.session.score
        not_known = f" · {score.dont_know} not known yet" if score.dont_know else ""
        with VerticalScroll(id="summary-body"):
            yield Static(
                f"You got {score.right} of {score.answered} right{not_known}.",
                id="summary-score",
                markup=False,
            )
            for result in self.session.results:
                mark = "?" if result.chosen is None else "✓" if result.correct else "✗"
                lines: list[str | Content | tuple[str, str]] = [
                    (f"{mark} ", "bold"),
                    plain(result.question.prompt),
                ]
                if not result.correct:
                    lines += ["\n   Answer: ", plain(result.correct_choice.text)]
                yield Static(
                    Content.assemble(*lines),
                    classes="result " + ("right" if result.correct else "wrong"),
                    markup=False,
                )
            # The visit's wrong answers, on screen only: nothing about a visitor is kept anywhere.
            wrong = [r for r in self.session.results if r.outcome == "wrong"]
            if wrong:
                yield Static("Worth asking the staff about", id="ask-staff-heading", markup=False)
                yield Static(
                    Content("\n").join(Content.assemble("•  ", plain(r.question.prompt)) for r in wrong),
                    id="ask-staff",
                    markup=False,
                )
            yield Static(
                "Questions about your own treatment? Ask your care team: they know your situation.",
                id="summary-next",
                markup=False,
            )
        yield self.bottom_bar(self.back_button(), Button("Done: start again", id="done", variant="primary"))

    def on_mount(self) -> None:
        self.query_one("#done", Button).focus()

    @on(Button.Pressed, "#done")
    def _done(self) -> None:
        if not self.forgotten:
            self.kiosk.end_visit()


class IdleWarningScreen(ModalScreen[None]):
    """Are you still there? A countdown, and any key or tap keeps the session."""

    BINDINGS: ClassVar[list[BindingType]] = []  # every key is handled in on_key: it means "I'm still here"

    seconds_left: reactive[int] = reactive(0)

    def __init__(self, seconds_left: float, crisis_text: str) -> None:
        super().__init__()
        self.set_reactive(IdleWarningScreen.seconds_left, round(seconds_left))
        self._crisis_text = crisis_text

    def compose(self) -> ComposeResult:
        with Vertical(id="idle-dialog", classes="dialog"):
            yield Static("Are you still there?", id="idle-title", markup=False)
            yield Static(id="idle-countdown", markup=False)
            yield Button("I'm still here", id="still-here", variant="primary")
            yield Static("Press any key or tap anywhere to keep going.", id="idle-hint", markup=False)
        yield Vertical(CrisisLine(self._crisis_text), classes="bottom-bar")

    def on_mount(self) -> None:
        self.watch_seconds_left(self.seconds_left)
        self.query_one("#still-here", Button).focus()

    def watch_seconds_left(self, seconds: int) -> None:
        unit = "second" if seconds == 1 else "seconds"
        self.query_one("#idle-countdown", Static).update(
            f"To keep your answers private, this screen will start over in {seconds} {unit}."
        )

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        event.stop()
        self.dismiss()

    @on(Button.Pressed, "#still-here")
    def _still_here(self) -> None:
        self.dismiss()


class StaffPinScreen(ModalScreen[bool]):
    """Staff only: the PIN, masked. A right PIN closes the kiosk; wrong ones are slowed down by the PinGuard."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, guard: PinGuard, crisis_text: str) -> None:
        super().__init__()
        self.guard = guard
        self._crisis_text = crisis_text
        self._waiting = False
        """A wrong-PIN wait is on screen (so its end can be announced)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="pin-dialog", classes="dialog"):
            yield Static("Staff only", id="pin-title", markup=False)
            yield Static("Enter the staff PIN to close the kiosk.", id="pin-help", markup=False)
            yield Input(password=True, id="pin", placeholder="PIN", max_length=64)
            yield Static("", id="pin-message", markup=False)
            with Horizontal(id="pin-actions"):
                yield Button("Close kiosk", id="pin-ok", variant="primary")
                yield Button("Cancel", id="pin-cancel")
        yield Vertical(CrisisLine(self._crisis_text), classes="bottom-bar")

    def on_mount(self) -> None:
        self.query_one("#pin", Input).focus()
        self._show_wait()
        # The wait counts down on screen (on the guard's clock, so tests move time instead of waiting).
        self.set_interval(0.25, self._show_wait, name="pin wait countdown")

    def _show_wait(self) -> bool:
        """Show the wrong-PIN wait, if any ("Try again in 24 s"); True while it lasts."""
        wait = self.guard.wait_remaining()
        message = self.query_one("#pin-message", Static)
        if wait > 0:
            message.update(f"Too many wrong PINs. Try again in {math.ceil(wait)} s.")
            self._waiting = True
            return True
        if self._waiting:
            message.update("You can try again now.")
            self._waiting = False
        return False

    @on(Input.Submitted, "#pin")
    @on(Button.Pressed, "#pin-ok")
    def _submit(self) -> None:
        field = self.query_one("#pin", Input)
        pin = field.value
        field.value = ""
        if self._show_wait():
            return
        result = self.guard.check(pin)
        if result is PinResult.RIGHT:
            self.dismiss(True)
            return
        if not self._show_wait():
            self.query_one("#pin-message", Static).update("That PIN is not right.")
        field.focus()

    @on(Button.Pressed, "#pin-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
