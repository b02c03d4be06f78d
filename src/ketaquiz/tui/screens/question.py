"""The question screen: one question at a time, its choices as big tiles, then the feedback on the same screen.

Keys: 1-9 answer (or arrows and Enter, or a click); 0 is "I don't know yet", the last tile of every question (added
here, never by a bank, never shuffled); after the answer Enter, space or `n` go on; `f` flags the
question "ask my care team"; Esc goes back to Home (the run is kept for Continue once an answer was given).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ketaquiz.core.i18n import N_, _
from ketaquiz.core.progress import StoreError
from ketaquiz.core.session import DONT_KNOW_KEY, DONT_KNOW_TEXT, QuizSession, SessionError
from ketaquiz.tui.keys import answer_keys, digit_bindings, key_for
from ketaquiz.tui.screens.base import KetaquizScreen
from ketaquiz.tui.screens.flag import FlagChoice, FlagDialog
from ketaquiz.tui.text import literal, one_line
from ketaquiz.tui.widgets.choice import ChoiceButton
from ketaquiz.tui.widgets.feedback import FeedbackPanel
from ketaquiz.tui.widgets.tile import ActionTile, Tile

FLAG_WORDS = N_("⚑ On your list to ask your care team")
NEXT_WORDS = N_("After answering: go on")


class QuestionScreen(KetaquizScreen):
    """Runs a QuizSession until it is finished, then hands over to the Summary."""

    WHERE = N_("Quiz")
    # Parsed when the first quiz opens, not on every start (see ketaquiz.tcss for the rules that must win).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #where {
        color: $kq-muted;
    }

    #prompt {
        margin: 1 0 0 0;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *digit_bindings(
            "answer",
            N_("Answer"),
            N_("Pick that answer"),
            "quiz.answer",  # i18n: not shown (the ids' start)
            show_first=True,
        ),
        Binding(
            DONT_KNOW_KEY,
            "answer(0)",
            N_("I don't know yet"),
            show=False,
            tooltip=N_('Answer "I don\'t know yet": see the right answer, without guessing'),
            id="quiz.dont-know",
        ),
        Binding("enter,space", "next", N_("Next"), show=False, tooltip=NEXT_WORDS, id="quiz.next-enter"),
        Binding("n", "next", N_("Next"), tooltip=NEXT_WORDS, id="quiz.next"),
        Binding(
            "f",
            "flag",
            N_("Ask my care team"),
            tooltip=N_("Add the question to your list for your care team, with a note"),
            id="quiz.flag",
        ),
        Binding(
            "escape",
            "back",
            N_("Home"),
            tooltip=N_("Back to Home. Once you have answered, Continue takes you back."),
            id="screen.back",
        ),
    ]

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self.session = session
        self.flagged = False

    def compose_body(self) -> ComposeResult:
        self.flagged = self._read_flagged()
        shown = self.session.current
        panel = FeedbackPanel()
        panel.display = False
        with VerticalScroll(id="body", classes="page", can_focus=False):  # the body is the column (tcss)
            yield Static(self._where_text(), id="where")
            yield Static(self._prompt_text(), id="prompt")
            yield Static(self._hint_text(), id="hint", classes="muted")
            for i, choice in enumerate(shown.choices, 1):
                yield ChoiceButton(i, choice.text, key=self._answer_key(i), id=f"choice-{i}")
            yield ChoiceButton(0, _(DONT_KNOW_TEXT), key=self._answer_key(0), id="choice-0")
            yield panel

    def _prompt_text(self) -> Content:
        return literal(one_line(self.session.current.question.prompt), "bold")

    def _answer_key(self, number: int) -> str:
        """The key that picks answer `number` (0: "I don't know yet")."""
        binding_id = "quiz.dont-know" if number == 0 else f"quiz.answer-{number}"  # i18n: not shown (ids)
        return key_for(self.app, binding_id, str(number))

    def _hint_text(self) -> Content:
        """What to do now: how to answer, or (once answered) how to go on."""
        if self.session.answered:
            return literal(
                _("You have answered. Press {key} to go on.").format(
                    key=key_for(self.app, "quiz.next-enter", _("Enter"))  # i18n: not shown (an id)
                )
            )
        keys = answer_keys(self.app, len(self.session.current.choices))
        dont_know = self._answer_key(0)
        return literal(
            _("Choose an answer: press {keys}, or click it. Press {dont_know} if you don't know yet.").format(
                keys=keys, dont_know=dont_know
            )
        )

    def footer_key(self, binding: Binding) -> str | None:
        """The key the bottom bar shows for `binding` here: the answer keys as many as there are choices
        ("1-4", "1 or 2"); None: the binding's own."""
        if binding.id == "quiz.answer-1":
            return answer_keys(self.app, len(self.session.current.choices), short=True)
        return None

    def _read_flagged(self) -> bool:
        try:
            return self.session.is_flagged
        except StoreError:
            return False

    def _where_text(self) -> Content:
        shown = self.session.current
        parts: list[str | tuple[str, str] | Content] = [
            (_("Question {n} of {total}").format(n=shown.number, total=shown.total), "bold"),
            "  ·  ",
            literal(one_line(shown.bank.title)),
        ]
        if self.flagged:
            parts += ["  ·  ", (_(FLAG_WORDS), "bold")]
        return Content.assemble(*parts)

    def on_mount(self) -> None:
        self._focus_first_choice()

    def _focus_first_choice(self) -> None:
        choices = self.query(ChoiceButton)
        if choices:
            choices.first().focus(scroll_visible=False)
        self.query_one("#body").scroll_home(animate=False)

    def _show_question(self) -> None:
        """Fill the screen in for the session's current question, reusing the widgets already there."""
        self.flagged = self._read_flagged()
        shown = self.session.current
        with self.app.batch_update():
            self.query_one("#where", Static).update(self._where_text())
            self.query_one("#prompt", Static).update(self._prompt_text())
            self.query_one("#hint", Static).update(self._hint_text())
            dont_know = self.query_one("#choice-0", ChoiceButton)
            tiles = [tile for tile in self.query(ChoiceButton) if tile is not dont_know]
            panel = self.query_one(FeedbackPanel)
            for i, choice in enumerate(shown.choices, 1):
                if i <= len(tiles):
                    tiles[i - 1].set_choice(i, choice.text, key=self._answer_key(i))
                    tiles[i - 1].display = True
                else:
                    self.query_one("#body").mount(
                        ChoiceButton(i, choice.text, key=self._answer_key(i), id=f"choice-{i}"),
                        before=dont_know,
                    )
            dont_know.set_choice(0, _(DONT_KNOW_TEXT), key=self._answer_key(0))
            for tile in tiles[len(shown.choices) :]:
                tile.display = False  # kept for a later question with more choices
            panel.display = False
            self.refresh_bindings()
            self._focus_first_choice()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.session.finished:
            return action in ("back",)
        if action == "answer":
            n = parameters[0] if parameters else 0
            return (
                not self.session.answered
                and isinstance(n, int)
                and 0 <= n <= len(self.session.current.choices)
            )
        if action == "next":
            return self.session.answered
        return True

    # -- answering

    def action_answer(self, number: int) -> None:
        if self.session.answered or self.session.finished:
            return
        try:
            feedback = self.session.answer_dont_know() if number == 0 else self.session.answer(number - 1)
        except SessionError:
            return
        go_on = _("See my results") if self.session.is_last else _("Next question")
        panel = self.query_one(FeedbackPanel)
        with self.app.batch_update():
            for choice in self.query(ChoiceButton):
                if not choice.display:
                    continue
                index = choice.number - 1
                if choice.number == 0:
                    mark = "chosen-dont-know" if feedback.dont_know else "other"  # i18n: not shown (a class)
                elif index == feedback.chosen_index:
                    mark = "chosen-right" if feedback.correct else "chosen-wrong"  # i18n: not shown (a class)
                elif index == feedback.correct_index:
                    mark = "right"
                else:
                    mark = "other"
                choice.set_mark(mark)
            panel.show(feedback, go_on=go_on, flag_words=self._flag_tile_words())
            panel.display = True
            self.query_one("#hint", Static).update(self._hint_text())
            self.refresh_bindings()
            self.query_one("#next").focus(scroll_visible=False)
            self._scroll_to_feedback()

    def _flag_tile_words(self) -> str:
        return _("Change my note for my care team") if self.flagged else _("Ask my care team about this")

    def _scroll_to_feedback(self) -> None:
        self.query_one(FeedbackPanel).reveal(self.query_one("#body", VerticalScroll))

    @on(Tile.Pressed)
    def _pressed(self, event: Tile.Pressed) -> None:
        tile = event.tile
        if isinstance(tile, ChoiceButton):
            self.action_answer(tile.number)
        elif tile.id == "next":
            self.action_next()
        elif tile.id == "flag":
            self.action_flag()

    def action_next(self) -> None:
        if not self.session.answered:
            return
        # A notification ("Saved...") sits at the top right, over the next question's text at 80x24: it was
        # about the question just left, so it goes with it.
        self.app.clear_notifications()
        self.session.next()
        if self.session.finished:
            self.kq.show_summary(self.session)
            return
        self._show_question()

    # -- flagging

    def action_flag(self) -> None:
        if self.session.finished:
            return
        note = ""
        try:
            flag = self.kq.store.get_flag(self.session.profile, self.session.current.question.id)
        except StoreError:
            flag = None
        if flag is not None:
            note = flag.note
        dialog = FlagDialog(
            self.session.current.question.prompt,
            note,
            already=flag is not None,
            crisis=(self.kq.crisis_text, self.kq.crisis_short),
        )
        self.app.push_screen(dialog, self._flag_done)

    def _flag_done(self, choice: FlagChoice | None) -> None:
        if choice is None or self.session.finished:
            return
        try:
            if choice.remove:
                self.session.unflag()
            else:
                self.session.flag(choice.note)
        except StoreError as exc:
            self.notify(
                _("Could not save the flag: {error}").format(error=exc), severity="error", markup=False
            )
            return
        self.flagged = not choice.remove
        self.query_one("#where", Static).update(self._where_text())
        if tiles := self.query("#flag"):
            tiles.first(ActionTile).set_text(heading=self._flag_tile_words())
        if choice.remove:
            self.notify(_("Taken off your list for your care team."), markup=False)
        else:
            self.notify(
                _("Saved. You can find it under My progress."), title=_("Ask my care team"), markup=False
            )

    def action_back(self) -> None:
        self.kq.left_a_quiz = True
        self.app.pop_screen()
        at_the_end = self.session.answered and self.session.is_last  # the run is already finished
        if self.session.score.answered and not at_the_end:
            self.notify(_("Your place is saved. Choose Continue to go on."), markup=False)
