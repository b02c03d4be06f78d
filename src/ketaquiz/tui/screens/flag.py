"""The "ask my care team" dialog: flag the question, with an optional note, or take it off the list.

Returns a FlagChoice (keep the question on the list with this note, or remove it), or None when cancelled.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ketaquiz.core.i18n import N_, _
from ketaquiz.tui.keys import bound_tile
from ketaquiz.tui.screens.base import preset_breakpoints
from ketaquiz.tui.text import literal, one_line
from ketaquiz.tui.widgets.chrome import BottomBar
from ketaquiz.tui.widgets.tile import ActionTile, Tile

MAX_NOTE = 500
REMOVE_WORDS = N_("Remove from my list")
"""The words of the tile (and of the key) that takes a flagged question off the list (here and on My progress)."""


class FlagChoice(NamedTuple):
    """What the learner chose in the dialog."""

    note: str
    """The note to keep with the flag (may be empty)."""
    remove: bool = False
    """True: take the question off the list (the note does not matter)."""


class FlagDialog(ModalScreen[FlagChoice | None]):
    """A small dialog over the question. With `already` (the question is on the list), it can also remove it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), tooltip=N_("Close without saving"), id="note.cancel"),
        # Not a letter: the focus is in the note, where letters are typed.
        Binding(
            "ctrl+r",
            "remove",
            REMOVE_WORDS,
            key_display="Ctrl+R",
            tooltip=N_("Take the question off your list for your care team"),
            id="note.remove",
        ),
    ]
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #dialog {
        width: 80%;
        max-width: 80;
        min-width: 40;
        height: auto;
        max-height: 90%;
        background: $kq-surface;
        color: $kq-text;
        border: heavy $kq-primary;
        padding: 1 2;
    }

    FlagDialog.-narrow #dialog {
        width: 100%;
    }

    #dialog .dialog-title {
        color: $kq-primary;
    }

    #dialog .dialog-prompt {
        margin: 1 0;
        color: $kq-muted;
    }

    #dialog Input {
        background: $kq-background;
        color: $kq-text;
        border: round $kq-border;
    }

    #dialog Input:focus {
        border: heavy $kq-primary;
        background-tint: $kq-background 0%;
    }

    #dialog Input > .input--placeholder {
        color: $kq-muted;
    }

    """

    def __init__(
        self, prompt: str, note: str = "", *, already: bool = False, crisis: tuple[str, str]
    ) -> None:
        super().__init__()
        preset_breakpoints(self)
        self.prompt = prompt
        self.note = note
        self.already = already
        self.crisis = crisis

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            if self.already:
                title = _("Change my note for my care team")
                about = _(
                    "This question is on your list of things to ask your care team. You can change your "
                    "note, or take the question off the list."
                )
            else:
                title = _("Ask my care team")
                about = _(
                    "This question goes on your list of things to ask your care team. "
                    "You can see the list under My progress, and in the report you export."
                )
            yield Static(literal(title, "bold"), classes="dialog-title")  # i18n: not shown (ids and classes)
            yield Static(literal(about))
            yield Static(literal(one_line(self.prompt), "italic"), classes="dialog-prompt")  # i18n: not shown
            label = _("Your note (you can leave it empty):")
            yield Static(literal(label), classes="dialog-label")  # i18n: not shown (a class)
            yield Input(self.note, placeholder=_("What do you want to ask?"), max_length=MAX_NOTE, id="note")
            save = ActionTile("Enter", _("Save"), arrows="horizontal", id="save")
            cancel = bound_tile(
                self.app,
                "note.cancel",  # i18n: not shown (a binding id)
                "Esc",
                _("Cancel"),
                end=True,
                id="cancel",
            )
            with Horizontal(classes="tile-row"):  # i18n: not shown (ids and classes)
                yield save
                if self.already:
                    # Save and Cancel as wide as their words, so "Remove from my list" has room for one line.
                    # (Inline: the app's stylesheet, which gives every tile 1fr, wins over DEFAULT_CSS.)
                    save.styles.width = cancel.styles.width = "auto"
                    remove_key = "note.remove"  # i18n: not shown (a binding id)
                    yield bound_tile(self.app, remove_key, "Ctrl+R", _(REMOVE_WORDS), id="remove")
                yield cancel
        yield BottomBar(*self.crisis)

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove":
            return self.already  # nothing to remove from the list when the question is not on it
        return True

    @on(Input.Submitted, "#note")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(FlagChoice(event.value.strip()))

    @on(Tile.Pressed, "#save")
    def _save(self) -> None:
        self.dismiss(FlagChoice(self.query_one("#note", Input).value.strip()))

    @on(Tile.Pressed, "#remove")
    def action_remove(self) -> None:
        if self.already:
            self.dismiss(FlagChoice(self.note, remove=True))

    @on(Tile.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
