"""The "ask my care team" dialog: flag the question, with an optional note. Returns the note, or None."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ketaquiz.tui.keys import key_for
from ketaquiz.tui.screens.base import preset_breakpoints
from ketaquiz.tui.text import literal, one_line
from ketaquiz.tui.widgets.chrome import BottomBar
from ketaquiz.tui.widgets.tile import ActionTile, Tile

MAX_NOTE = 500


class FlagDialog(ModalScreen[str | None]):
    """A small dialog over the question."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="note.cancel")
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
            title = "Change my note for my care team" if self.already else "Ask my care team"
            yield Static(literal(title, "bold"), classes="dialog-title")
            yield Static(
                literal(
                    "This question goes on your list of things to ask your care team. "
                    "You can see the list under My progress, and in the report you export."
                )
            )
            yield Static(literal(one_line(self.prompt), "italic"), classes="dialog-prompt")
            yield Static(literal("Your note (you can leave it empty):"), classes="dialog-label")
            yield Input(self.note, placeholder="What do you want to ask?", max_length=MAX_NOTE, id="note")
            with Horizontal(classes="tile-row"):
                yield ActionTile("Enter", "Save", arrows="horizontal", id="save")
                yield ActionTile(
                    key_for(self.app, "note.cancel", "Esc"),
                    "Cancel",
                    arrows="horizontal",
                    id="cancel",
                    classes="-end",
                )
        yield BottomBar(*self.crisis)

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    @on(Input.Submitted, "#note")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    @on(Tile.Pressed, "#save")
    def _save(self) -> None:
        self.dismiss(self.query_one("#note", Input).value.strip())

    @on(Tile.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
