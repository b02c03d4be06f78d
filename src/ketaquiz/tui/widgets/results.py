"""The pieces of a results screen (the app's summary and the kiosk's): the score in words, and each question with
the learner's answer; when missed, the right answer, why, and the source."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ketaquiz.core.i18n import _, ngettext
from ketaquiz.core.session import DONT_KNOW_TEXT, QuestionResult, Score
from ketaquiz.tui.text import literal, one_line
from ketaquiz.tui.widgets.feedback import OUTCOME_CLASSES


def score_words(right: int, answered: int, dont_know: int = 0) -> str:
    """ "You got 6 of 10 right · 2 not known yet." ("I don't know yet" answers are counted apart, never as wrong.)"""
    if answered == 0:
        return _("You did not answer any questions.")
    if right == answered:
        return ngettext("You got it right. Well done!", "You got all {n} right. Well done!", answered).format(
            n=answered
        )
    if dont_know:
        return ngettext(
            "You got {right} of {answered} right · {n} not known yet.",
            "You got {right} of {answered} right · {n} not known yet.",
            dont_know,
        ).format(right=right, answered=answered, n=dont_know)
    return _("You got {right} of {answered} right.").format(right=right, answered=answered)


def result_text(number: int, result: QuestionResult) -> Content:
    """One answered question: the mark, the prompt and the answer; when missed, the right answer, why, and the
    source's title."""
    if result.chosen is None:
        mark = _("? Not known yet")
        chosen = _(DONT_KNOW_TEXT)
    else:
        mark = _("✓ Right") if result.correct else _("✗ Not right")
        chosen = result.chosen.text
    lines = [
        # The spaces end the mark's run: an SVG screenshot drops the spaces that start a run, and what follows them
        # would be drawn over them.
        Content.assemble((mark + "  ", "bold"), f"·  {number}. ", literal(one_line(result.question.prompt))),
        Content.assemble(_("Your answer: "), literal(one_line(chosen))),
    ]
    if not result.correct:
        # The next steps say "read the explanations of the ones you missed below": here they are, with the source.
        question = result.question
        source = result.bank.sources.get(question.cite.source)
        lines += [
            Content.assemble(_("Right answer: "), literal(one_line(result.correct_choice.text))),
            Content.assemble(_("Why: "), literal(question.explanation.replace("\t", " "))),
            literal(
                _("Source: {title}").format(
                    title=one_line(source.title if source is not None else question.cite.source)
                ),
                "$kq-muted",  # i18n: not shown (a style)
            ),
        ]
    return Content("\n").join(lines)


class ScoreLine(Static):
    """The score, large and framed, at the top of the results."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    ScoreLine {
        color: $kq-primary;
        border: round $kq-border;
        padding: 0 1;
        text-align: center;
    }
    """

    def __init__(self, score: Score, *, id: str = "score") -> None:
        super().__init__(literal(score_words(score.right, score.answered, score.dont_know), "bold"), id=id)


class ResultEntry(Static):
    """One answered question (`result_text`), with a bar at its left: right, wrong or not known yet."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    ResultEntry {
        margin: 1 0 0 0;
        padding: 0 1;
        border-left: thick $kq-right;
    }

    ResultEntry.-wrong {
        border-left: thick $kq-wrong;
    }

    ResultEntry.-dont-know {
        border-left: thick $kq-primary;
    }
    """

    def __init__(self, number: int, result: QuestionResult) -> None:
        super().__init__(result_text(number, result), classes=f"result {OUTCOME_CLASSES[result.outcome]}")
        self.result = result
