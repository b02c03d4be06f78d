"""FeedbackPanel: what the learner sees after an answer, on the question screen itself.

Right or wrong in words and a symbol (never colour alone); why the chosen answer is not right; the right answer;
the explanation; and the cited passage as a quotation with its source's title, publisher, date and address.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ketaquiz.core.session import Feedback
from ketaquiz.tui.text import literal, one_line

RIGHT_WORDS = "✓ Right!"
WRONG_WORDS = "✗ Not quite."


def source_lines(feedback: Feedback) -> list[str]:
    """The cited source as lines: title, publisher, date, address (whichever the bank gives)."""
    src = feedback.source
    if src is None:
        return [f"Source: {feedback.citation.source}"]
    lines = [f"Source: {one_line(src.title)}"]
    lines += [one_line(x) for x in (src.publisher, src.date, src.url) if x]
    return lines


class FeedbackPanel(Vertical):
    """The feedback for one answer."""

    DEFAULT_CSS = "FeedbackPanel { height: auto; }"

    def __init__(self, feedback: Feedback) -> None:
        super().__init__(id="feedback", classes="-right" if feedback.correct else "-wrong")
        self.feedback = feedback

    def compose(self) -> ComposeResult:
        fb = self.feedback
        verdict = RIGHT_WORDS if fb.correct else WRONG_WORDS
        with Vertical(id="verdict-block", classes="-right" if fb.correct else "-wrong"):
            yield Static(literal(verdict, "bold"), id="verdict")
            yield Static(
                Content.assemble("You chose: ", literal(one_line(fb.chosen.text), "bold")), id="chosen"
            )
            if not fb.correct:
                if fb.why_not:
                    yield Static(
                        Content.assemble(("Why not: ", "bold"), literal(one_line(fb.why_not))), id="why-not"
                    )
                yield Static(
                    Content.assemble(
                        ("✓ The right answer: ", "bold"), literal(one_line(fb.correct_choice.text))
                    ),
                    id="right-answer",
                )
        if fb.save_error:
            yield Static(
                Content.assemble(("⚠ This answer could not be saved: ", "bold"), literal(fb.save_error)),
                id="save-error",
                classes="warning",
            )
        yield Static(literal("Why", "bold"), classes="section-heading")
        yield Static(literal(one_line(fb.explanation)), id="explanation")
        yield Static(literal("What the source says", "bold"), classes="section-heading")
        with Vertical(id="quote-block"):
            yield Static(literal(f"“{one_line(fb.citation.quote)}”", "italic"), id="quote")
            yield Static(literal("\n".join(source_lines(fb))), id="source")
