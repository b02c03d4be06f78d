"""FeedbackPanel: what the learner sees after an answer, on the question screen itself.

Right or wrong in words and a symbol (never colour alone); why the chosen answer is not right; the right answer;
the explanation; and the cited passage as a quotation with its source's title, publisher, date and address. A
quote in another language than the question's (an English source quoted by a Spanish question) says so above it:
"Texto original (en inglés)".

The panel is composed once with the question screen, hidden, and filled in on each answer: updating a few
Statics costs far less than mounting a new tree of widgets while the learner waits for the verdict. The app's
panel ends with the tiles to go on and to flag the question; the kiosk's has neither (it keeps no flags, and its
Next tile stays in sight at the foot of the screen).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ketaquiz.core.i18n import N_, _, language
from ketaquiz.core.model import base_language
from ketaquiz.core.quote_language import quote_language
from ketaquiz.core.session import DONT_KNOW_FEEDBACK, Feedback
from ketaquiz.tui.keys import bound_tile
from ketaquiz.tui.text import literal, one_line
from ketaquiz.tui.widgets.tile import ActionTile, tile_row

ORIGINAL_TEXT = {"en": N_("Original text (in English)"), "es": N_("Original text (in Spanish)")}
"""Above a quote in another language than the question's."""
RIGHT_WORDS = N_("✓ Right!")
WRONG_WORDS = N_("✗ Not quite.")
BLANK = Content("")
OUTCOME_CLASSES = {"right": "-right", "wrong": "-wrong", "dont_know": "-dont-know"}  # i18n: not shown (class)
"""The class of an answer's verdict, and of its line in the results, by its outcome."""
RIGHT = "$kq-right"  # i18n: not shown (a style)
WRONG = "$kq-wrong"  # i18n: not shown (a style)


def source_lines(feedback: Feedback) -> list[str]:
    """The cited source as lines: title, publisher, date, address (whichever the bank gives)."""
    src = feedback.source
    if src is None:
        return [_("Source: {title}").format(title=feedback.citation.source)]
    lines = [_("Source: {title}").format(title=one_line(src.title))]
    lines += [one_line(x) for x in (src.publisher, src.date, src.url) if x]
    return lines


def verdict_text(fb: Feedback) -> Content:
    """The verdict block: right or not, what was chosen, and (when wrong) why not and the right answer."""
    if fb.chosen is None:
        # "I don't know yet" is not wrong: a kind word, then the right answer (and no "why not").
        return Content("\n").join(
            [
                literal(_(DONT_KNOW_FEEDBACK), "bold"),
                BLANK,
                Content.assemble(
                    (_("✓ The right answer: "), "bold $kq-right"),
                    literal(one_line(fb.correct_choice.text), "$kq-right"),
                ),
            ]
        )
    if fb.correct:
        lines = [literal(_(RIGHT_WORDS), f"bold {RIGHT}")]
    else:
        lines = [literal(_(WRONG_WORDS), f"bold {WRONG}")]
    lines.append(Content.assemble(_("You chose: "), literal(one_line(fb.chosen.text), "bold")))
    if not fb.correct:
        if fb.why_not:
            lines += [BLANK, Content.assemble((_("Why not: "), "bold"), literal(one_line(fb.why_not)))]
        lines += [
            BLANK,
            Content.assemble(
                (_("✓ The right answer: "), f"bold {RIGHT}"),
                literal(one_line(fb.correct_choice.text), RIGHT),
            ),
        ]
    return Content("\n").join(lines)


def explanation_text(fb: Feedback) -> Content:
    """ "Why", the explanation, and the heading of the quotation below it."""
    return Content("\n").join(
        [
            literal(_("Why"), "bold $kq-primary"),
            literal(one_line(fb.explanation)),
            BLANK,
            literal(_("What the source says"), "bold $kq-primary"),
        ]
    )


def quote_language_note(fb: Feedback, question_language: str | None = None) -> str:
    """ "Original text (in English)" when the quote is in another language than the question, else "".

    `question_language`: the bank's language tag; None tells it from the explanation (written in the question's
    language), else the interface language's."""
    quoted = quote_language(fb.citation.quote)
    asked = base_language(question_language) if question_language else None
    asked = asked or quote_language(fb.explanation) or language()
    if quoted not in ORIGINAL_TEXT or quoted == asked:
        return ""
    note = ORIGINAL_TEXT[quoted]
    return _(note)


def quote_text(fb: Feedback, question_language: str | None = None) -> Content:
    """The cited passage in quotation marks (under a note when it is in another language), then its source."""
    note = quote_language_note(fb, question_language)
    return Content("\n").join(
        [
            *([literal(note, "bold $kq-muted")] if note else []),
            literal(f"“{one_line(fb.citation.quote)}”", "italic"),
            BLANK,
            literal("\n".join(source_lines(fb)), "$kq-muted"),
        ]
    )


class FeedbackPanel(Vertical):
    """The feedback for one answer, and the tiles to go on or to flag the question."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    FeedbackPanel {
        height: auto;
        margin: 1 0 0 0;
    }

    #verdict-block {
        padding: 0 1;
        border-left: thick $kq-right;
        background: $kq-surface;
    }

    #verdict-block.-wrong {
        border-left: thick $kq-wrong;
    }

    #verdict-block.-dont-know {
        border-left: thick $kq-primary;
    }

    #save-error {
        padding: 0 1;
        margin: 1 0 0 0;
    }

    #explanation {
        margin: 1 0 0 0;
    }

    #quote-block {
        border-left: thick $kq-primary;
        background: $kq-surface;
        padding: 0 1;
    }
    """

    def __init__(self, *, actions: bool = True) -> None:
        """`actions` False: no tiles to go on or to flag (the kiosk)."""
        super().__init__(id="feedback")
        self.actions = actions
        self.feedback: Feedback | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="verdict-block")  # i18n: not shown (an id)
        yield Static(id="explanation")
        yield Static(id="quote-block")  # i18n: not shown (an id)
        if self.actions:
            yield tile_row(
                bound_tile(
                    self.app,
                    "tile.choose",  # i18n: not shown (an id)
                    _("Enter"),
                    _("Next question"),
                    id="next",
                ),
                bound_tile(
                    self.app,
                    "quiz.flag",  # i18n: not shown (an id)
                    "f",
                    _("Ask my care team about this"),
                    enter_words=_("Ask my care team"),
                    id="flag",
                ),
                id="after",
            )

    def show(
        self, fb: Feedback, *, go_on: str = "", flag_words: str = "", question_language: str | None = None
    ) -> None:
        """Fill the panel in for this answer (the caller shows it); `go_on` and `flag_words` are the words of its
        tiles, `question_language` its bank's language (None: told from the explanation)."""
        self.feedback = fb
        block = self.query_one("#verdict-block", Static)
        # The class goes on the block alone: a class on the panel would restyle everything in it.
        block.set_classes(OUTCOME_CLASSES[fb.outcome])
        block.update(verdict_text(fb))
        # The rare "could not be saved" notice is there only when there is one.
        shown = self.query("#save-error")
        if fb.save_error:
            words = Content.assemble(
                (_("⚠ This answer could not be saved: "), "bold"), literal(fb.save_error)
            )
            if shown:
                shown.first(Static).update(words)
            else:
                self.mount(Static(words, id="save-error", classes="warning"), after=block)
        else:
            shown.remove()
        self.query_one("#explanation", Static).update(explanation_text(fb))
        self.query_one("#quote-block", Static).update(quote_text(fb, question_language))
        if self.actions:
            self.query_one("#next", ActionTile).set_text(heading=go_on, enter_words=go_on)
            self.query_one("#flag", ActionTile).set_text(heading=flag_words)

    def reveal(self, body: VerticalScroll) -> None:
        """Once the panel is laid out, scroll `body` so its verdict is at the top of the view (the choices above
        it scroll away, and the feedback repeats them)."""
        signal = self.screen.screen_layout_refresh_signal
        signal.unsubscribe(self)

        def laid_out(_screen: object) -> None:
            if not self.display:
                signal.unsubscribe(self)  # already on to the next question
            elif self.region:
                signal.unsubscribe(self)
                body.scroll_to_widget(self, top=True, animate=False)

        signal.subscribe(self, laid_out)
