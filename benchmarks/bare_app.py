"""The baseline for start-up: a bare Textual app with a Header, a Label and a Footer."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Hello")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
