"""The terminal app (Textual). Importing this package does not import Textual; `ketaquiz.tui.app` does."""
