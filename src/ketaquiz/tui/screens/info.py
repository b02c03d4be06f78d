"""Help (every key) and About (what ketaquiz is, where the content comes from, who reviewed it)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ketaquiz.core.i18n import N_, _, long_date, ngettext
from ketaquiz.core.review import topic_length
from ketaquiz.core.safety import NOT_ADVICE
from ketaquiz.core.scheduling import MASTERY_RULE
from ketaquiz.core.signoff import bank_review_line
from ketaquiz.tui.keys import keys_text
from ketaquiz.tui.screens.base import KetaquizScreen, section_heading
from ketaquiz.tui.text import literal, one_line
from ketaquiz.tui.widgets.tile import Tile


def date_words(iso: str) -> str:
    """An ISO date from a bank ("2026-01-05") as the interface writes dates ("5 January 2026"); else as given."""
    try:
        return long_date(date.fromisoformat(iso))
    except ValueError:
        return iso


class KeyHelp(NamedTuple):
    """A row of the Help screen's key table."""

    keys: str
    """The keys, as words: "? or F1"."""
    words: str
    """What they do."""
    action: str = ""
    """The action of the first of its bindings ("" for a row that is not a binding)."""


EVERYWHERE, HOME, A_QUESTION, YOUR_RESULTS = (
    N_("Everywhere"),
    N_("Home"),
    N_("A question"),
    N_("Your results"),
)
"""The Help screen's sections (marked; translated where shown)."""

NOT_BINDINGS: dict[str, tuple[KeyHelp, ...]] = {
    EVERYWHERE: (
        KeyHelp(N_("Up, Down, Page Up/Down"), N_("Scroll the page")),
        KeyHelp(N_("Mouse"), N_("Click or tap any button")),
    ),
}
"""Rows that are not ketaquiz's key bindings: Textual's scrolling, and the mouse (marked; translated where shown)."""


def key_rows(bindings: Iterable[BindingType], keymap: Mapping[str, str]) -> list[KeyHelp]:
    """One row per thing to do: its keys (with the keymap applied) and its words (the binding's tooltip, else
    its description). Bindings with the same words share a row, in the order they are declared."""
    rows: dict[str, tuple[str, list[str]]] = {}
    for binding in Binding.make_bindings(bindings):
        marked = binding.tooltip or binding.description  # marked with N_ where the binding was made
        if not marked:
            continue
        words = _(marked)
        mapped = keymap.get(binding.id) if binding.id else None
        keys = rows.setdefault(words, (binding.action, []))[1]
        for key in (k.strip() for k in (mapped.split(",") if mapped else [binding.key])):
            if key and key not in keys:
                keys.append(key)
    return [KeyHelp(keys_text(keys), words, action) for words, (action, keys) in rows.items() if keys]


def help_sections(app: App[object], keymap: Mapping[str, str]) -> list[tuple[str, list[KeyHelp]]]:
    """The Help screen's key table: per screen, every key and what it does, from the bindings themselves."""
    from ketaquiz.tui.screens.home import HomeScreen
    from ketaquiz.tui.screens.question import QuestionScreen
    from ketaquiz.tui.screens.summary import SummaryScreen

    sections: list[tuple[str, Sequence[BindingType]]] = [
        (EVERYWHERE, [*type(app).BINDINGS, *KetaquizScreen.BINDINGS, *Tile.BINDINGS]),
        (HOME, HomeScreen.BINDINGS),
        (A_QUESTION, QuestionScreen.BINDINGS),
        (YOUR_RESULTS, SummaryScreen.BINDINGS),
    ]
    out = []
    for title, bindings in sections:
        others = [KeyHelp(_(row.keys), _(row.words)) for row in NOT_BINDINGS.get(title, ())]
        out.append((_(title), [*key_rows(bindings, keymap), *others]))
    return out


class KeyRow(Horizontal):
    """One key and what it does; a long description wraps under itself, not under the key."""

    DEFAULT_CSS = """
    KeyRow { height: auto; }
    KeyRow > .key { text-style: bold; }
    KeyRow > .what { width: 1fr; }
    """

    def __init__(self, key: str, what: str, key_width: int) -> None:
        super().__init__()
        self._key, self._what, self._key_width = key, what, key_width

    def compose(self) -> ComposeResult:
        key = Static(literal(self._key), classes="key")
        key.styles.width = self._key_width
        yield key
        yield Static(literal(self._what), classes="what")


class HelpScreen(KetaquizScreen):
    """Every key, by screen."""

    WHERE = N_("Help")

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="body", classes="page"):
            yield section_heading(_("Keys"), first=True)
            yield Static(
                literal(_("You can do everything with the keys below, or with a mouse or touch screen.")),
                classes="muted",
            )
            sections = help_sections(self.app, self.kq.keymap)
            key_width = max(len(row.keys) for _title, rows in sections for row in rows) + 2
            for title, rows in sections:
                yield section_heading(title)
                for keys, what, action in rows:
                    if action == "quit":
                        # Only promise what is true: with no usable data folder nothing is kept.
                        if self.kq.persistent:
                            what = _("{what}. Your answers are already saved.").format(what=what)
                        else:
                            what = _("{what}. Progress is not being saved.").format(what=what)
                    yield KeyRow(keys, what, key_width)
            yield section_heading(_("Quizzes"))
            yield Static(
                literal(
                    _(
                        "A topic quiz asks {length} (fewer if the topic has fewer): the ones you have not "
                        "answered yet first, then the ones due again, in a fresh order each time. Review asks "
                        "up to 20 questions to go over again; the essentials quiz up to 10."
                    ).format(length=topic_length(self.kq.count))
                )
            )
            yield section_heading(_("Mastery"))
            yield Static(literal(_(MASTERY_RULE)))

    def on_mount(self) -> None:
        self.query_one("#body").focus()


class AboutScreen(KetaquizScreen):
    """What ketaquiz is and where its content comes from."""

    WHERE = N_("About")
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
            yield section_heading(_("What ketaquiz is"), first=True)
            yield Static(
                literal(
                    _(
                        "ketaquiz asks short questions about ketamine and esketamine treatment for depression. "
                        "After each answer it tells you why, and shows the passage from a published source "
                        "that the answer is based on."
                    )
                )
            )
            yield section_heading(_("Where the questions come from"))
            yield Static(
                literal(
                    _(
                        "Each question quotes a source word for word: drug labels, health agencies and medical "
                        "research. After each answer you see the source's title, publisher, date and web "
                        "address."
                    )
                )
            )
            yield section_heading(_("Who checked them"))
            for bank in self.kq.catalog.banks:
                review = bank.review
                lines = [
                    literal(one_line(bank.title), "bold"),
                    literal(bank_review_line(bank)),
                ]
                if review.written:
                    n = len(bank.sources)
                    written = _("Written {date}.").format(date=date_words(review.written))
                    sources = ngettext("{n} source.", "{n} sources.", n).format(n=n)
                    lines.append(literal(f"{written} {sources}"))
                yield Static(Content("\n").join(lines), classes="about-bank")  # i18n: not shown (a class)
            yield section_heading(_("Not medical advice"))
            yield Static(literal(_(NOT_ADVICE)))
            yield section_heading(_("If you need help now"))
            yield Static(literal(self.kq.crisis_text, "bold"))

    def on_mount(self) -> None:
        self.query_one("#body").focus()
