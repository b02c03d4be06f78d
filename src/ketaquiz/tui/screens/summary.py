"""The summary after a quiz: the score, what to do next, and each question with the learner's answer."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ketaquiz.core.session import DONT_KNOW_TEXT, QuestionResult, QuizSession
from ketaquiz.tui.keys import key_for
from ketaquiz.tui.screens.base import KetaquizScreen
from ketaquiz.tui.text import literal, one_line
from ketaquiz.tui.widgets.tile import ActionTile, Tile


def score_words(right: int, answered: int, dont_know: int = 0) -> str:
    """ "You got 6 of 10 right · 2 not known yet." ("I don't know yet" answers are counted apart, never as wrong.)"""
    if answered == 0:
        return "You did not answer any questions."
    if right == answered:
        return f"You got all {answered} right. Well done!"
    known_yet = f" · {dont_know} not known yet" if dont_know else ""
    return f"You got {right} of {answered} right{known_yet}."


def next_steps(missed: int, *, kept: bool = True) -> str:
    """What to do next. `kept` False (progress not saved): no promise that Review will ask these again later."""
    if not kept:
        first = (
            f"read the explanations of the one{'s' if missed != 1 else ''} you missed below. Nothing here is kept"
            if missed
            else "nothing here is kept"
        )
        return (
            f"What next: {first}, so Review cannot ask these again another day. If something was unclear, "
            "write it down for your care team."
        )
    if missed == 0:
        return (
            "What next: come back in a few days. Review will ask some of these again, to help you remember. "
            "If something was unclear, press f on a question to add it to your list for your care team."
        )
    them = "it" if missed == 1 else f"these {missed}"
    return (
        f"What next: read the explanations of the one{'s' if missed != 1 else ''} you missed below. "
        f"Review (on the home screen) will ask {them} again. "
        "If something worries you, write it down for your care team."
    )


def result_text(number: int, result: QuestionResult) -> Content:
    """One answered question: the mark, the prompt and the answer; when missed, the right answer, why, and the
    source's title."""
    if result.chosen is None:
        mark = ("? Not known yet", "bold")
        chosen = DONT_KNOW_TEXT
    else:
        mark = ("✓ Right", "bold") if result.correct else ("✗ Not right", "bold")
        chosen = result.chosen.text
    lines = [
        Content.assemble(mark, f"  ·  {number}. ", literal(one_line(result.question.prompt))),
        Content.assemble("Your answer: ", literal(one_line(chosen))),
    ]
    if not result.correct:
        # The next steps say "read the explanations of the ones you missed below": here they are, with the source.
        question = result.question
        source = result.bank.sources.get(question.cite.source)
        lines += [
            Content.assemble("Right answer: ", literal(one_line(result.correct_choice.text))),
            Content.assemble("Why: ", literal(question.explanation.replace("\t", " "))),
            literal(
                f"Source: {one_line(source.title if source is not None else question.cite.source)}",
                "$kq-muted",
            ),
        ]
    return Content("\n").join(lines)


RESULT_CLASSES = {"right": "result -right", "wrong": "result -wrong", "dont_know": "result -dont-know"}


class SummaryScreen(KetaquizScreen):
    """Shown when a run is finished."""

    WHERE = "Your results"
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #score {
        color: $kq-primary;
        border: round $kq-border;
        padding: 0 1;
        text-align: center;
    }

    #next-steps {
        margin: 1 0 0 0;
    }

    .result {
        margin: 1 0 0 0;
        padding: 0 1;
        border-left: thick $kq-right;
    }

    .result.-wrong {
        border-left: thick $kq-wrong;
    }

    .result.-dont-know {
        border-left: thick $kq-primary;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Home", tooltip="Back to Home", id="screen.back"),
        Binding(
            "r", "review", "Review missed", tooltip="Review the questions you missed", id="results.review"
        ),
        Binding("p", "progress", "My progress", tooltip="My progress", id="results.progress"),
    ]

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self.session = session
        self.results = session.results
        self.missed = sum(1 for r in self.results if not r.correct)

    def compose_body(self) -> ComposeResult:
        score = self.session.score
        with VerticalScroll(id="body", classes="page"):
            yield Static(
                literal(score_words(score.right, score.answered, score.dont_know), "bold"), id="score"
            )
            yield Static(literal(next_steps(self.missed, kept=self.kq.persistent)), id="next-steps")
            with Horizontal(classes="tile-row", id="summary-actions"):
                yield ActionTile(
                    key_for(self.app, "screen.back", "Esc"), "Back to home", arrows="horizontal", id="home"
                )
                if self.missed:
                    yield ActionTile(
                        key_for(self.app, "results.review", "r"),
                        "Review what I missed",
                        arrows="horizontal",
                        enter_words="Review",
                        id="review",
                    )
                yield ActionTile(
                    key_for(self.app, "results.progress", "p"),
                    "My progress",
                    arrows="horizontal",
                    id="progress",
                    classes="-end",
                )
            yield Static(literal("Your answers", "bold"), classes="section-heading")
            for number, result in enumerate(self.results, 1):
                yield Static(
                    result_text(number, result),
                    classes=RESULT_CLASSES[result.outcome],
                )

    def on_mount(self) -> None:
        self.query_one("#home").focus(scroll_visible=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "review":
            return self.missed > 0
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_review(self) -> None:
        self.app.pop_screen()
        self.kq.start_review()

    def action_progress(self) -> None:
        self.app.pop_screen()
        self.kq.show_progress()

    @on(Tile.Pressed)
    def _pressed(self, event: Tile.Pressed) -> None:
        {"home": self.action_back, "review": self.action_review, "progress": self.action_progress}[
            event.tile.id or "home"
        ]()
