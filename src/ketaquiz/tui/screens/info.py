"""Help (every key) and About (what ketaquiz is, where the content comes from, who reviewed it)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ketaquiz.core.safety import NOT_ADVICE
from ketaquiz.core.scheduling import MASTERY_RULE
from ketaquiz.core.signoff import bank_review_line
from ketaquiz.tui.screens.base import KetaquizScreen
from ketaquiz.tui.text import literal, one_line

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Everywhere",
        (
            ("? or F1", "This help"),
            ("Tab, Shift+Tab", "Move to the next or the previous button"),
            ("Enter or Space", "Choose the button that is lit up"),
            ("Esc", "Go back"),
            ("q or Ctrl+Q", "Quit"),
            ("Mouse", "Click or tap any button"),
        ),
    ),
    (
        "Home",
        (
            ("1 to 9", "Start that topic"),
            ("Up, Down", "Move between the buttons"),
            ("c", "Continue the quiz you left"),
            ("r", "Review: go over questions again"),
            ("p", "My progress"),
            ("a", "About ketaquiz"),
            ("t", "Change the colours (dark, light, high contrast)"),
        ),
    ),
    (
        "A question",
        (
            ("1 to 9", "Pick that answer"),
            ("Up, Down, then Enter", "Pick an answer"),
            ("Enter, Space or n", "After answering: go on"),
            ("f", "Add the question to your list for your care team, with a note"),
            ("Up, Down, Page Up/Down", "After answering: scroll"),
            ("Esc", "Back to Home. Once you have answered, Continue takes you back."),
        ),
    ),
    (
        "Results and My progress",
        (
            ("r", "Review the questions you missed"),
            ("p", "My progress"),
            ("Up, Down, Page Up/Down", "Scroll"),
        ),
    ),
)


KEY_WIDTH = max(len(k) for _, rows in KEYS for k, _ in rows) + 2


class KeyRow(Horizontal):
    """One key and what it does; a long description wraps under itself, not under the key."""

    DEFAULT_CSS = f"""
    KeyRow {{ height: auto; }}
    KeyRow > .key {{ width: {KEY_WIDTH}; text-style: bold; }}
    KeyRow > .what {{ width: 1fr; }}
    """

    def __init__(self, key: str, what: str) -> None:
        super().__init__()
        self._key, self._what = key, what

    def compose(self) -> ComposeResult:
        yield Static(literal(self._key), classes="key")
        yield Static(literal(self._what), classes="what")


class HelpScreen(KetaquizScreen):
    """Every key, by screen."""

    WHERE = "Help"

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="body", classes="page"):
            yield Static(literal("Keys", "bold"), classes="section-heading first")
            yield Static(
                literal("You can do everything with the keys below, or with a mouse or touch screen."),
                classes="muted",
            )
            for title, rows in KEYS:
                yield Static(literal(title, "bold"), classes="section-heading")
                for key, what in rows:
                    if key == "q or Ctrl+Q":
                        # Only promise what is true: with no usable data folder nothing is kept.
                        saved = (
                            "Your answers are already saved."
                            if self.kq.persistent
                            else "Progress is not being saved."
                        )
                        what = f"{what}. {saved}"
                    yield KeyRow(key, what)
            yield Static(literal("Mastery", "bold"), classes="section-heading")
            yield Static(literal(MASTERY_RULE))

    def on_mount(self) -> None:
        self.query_one("#body").focus()


class AboutScreen(KetaquizScreen):
    """What ketaquiz is and where its content comes from."""

    WHERE = "About"
    SCOPED_CSS = False
    DEFAULT_CSS = """
    .about-bank {
        margin: 1 0 0 0;
        padding: 0 1;
        border-left: thick $kq-border;
    }
    """

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="body", classes="page"):
            yield Static(literal("What ketaquiz is", "bold"), classes="section-heading first")
            yield Static(
                literal(
                    "ketaquiz asks short questions about ketamine and esketamine treatment for depression. "
                    "After each answer it tells you why, and shows the passage from a published source "
                    "that the answer is based on."
                )
            )
            yield Static(literal("Where the questions come from", "bold"), classes="section-heading")
            yield Static(
                literal(
                    "Each question quotes a source word for word: drug labels, health agencies and medical "
                    "research. After each answer you see the source's title, publisher, date and web address."
                )
            )
            yield Static(literal("Who checked them", "bold"), classes="section-heading")
            for bank in self.kq.catalog.banks:
                review = bank.review
                lines = [
                    literal(one_line(bank.title), "bold"),
                    literal(bank_review_line(bank)),
                ]
                if review.written:
                    n = len(bank.sources)
                    lines.append(literal(f"Written {review.written}. {n} source{'s' if n != 1 else ''}."))
                yield Static(Content("\n").join(lines), classes="about-bank")
            yield Static(literal("Not medical advice", "bold"), classes="section-heading")
            yield Static(literal(NOT_ADVICE))
            yield Static(literal("If you need help now", "bold"), classes="section-heading")
            yield Static(literal(self.kq.crisis_text, "bold"))

    def on_mount(self) -> None:
        self.query_one("#body").focus()
