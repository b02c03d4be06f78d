"""The small helpers in tui/keys.py that screens share (issue 11): digit_bindings (Home's topics and a question's
answers) and bound_tile (a row's tile badged with its binding's key, as the keymap has it now)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from ketaquiz.tui.keys import bound_tile, digit_bindings
from ketaquiz.tui.screens.question import QuestionScreen


def test_digit_bindings() -> None:
    bindings = digit_bindings("answer", "Answer", "Pick that answer", "quiz.answer", show_first=True)
    assert [b.key for b in bindings] == [str(n) for n in range(1, 10)]
    assert [b.action for b in bindings] == [f"answer({n})" for n in range(1, 10)]
    assert [b.id for b in bindings] == [f"quiz.answer-{n}" for n in range(1, 10)]
    assert [b.show for b in bindings] == [True] + [False] * 8
    assert not any(b.show for b in digit_bindings("start", "Start topic", "Start that topic", "home.topic"))
    # The question screen's answer keys are these.
    ids = [b.id for b in QuestionScreen.BINDINGS if getattr(b, "id", "").startswith("quiz.answer-")]  # type: ignore[union-attr]
    assert ids == [f"quiz.answer-{n}" for n in range(1, 10)]


class _Row(App[None]):
    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        yield bound_tile(self, "note.cancel", "Esc", "Cancel", end=True, id="cancel")
        yield bound_tile(self, "quiz.flag", "f", "Ask", enter_words="Ask my care team", id="flag")


async def test_bound_tile_shows_the_key_the_keymap_gives() -> None:
    app = _Row({"note.cancel": "ctrl+g"})
    async with app.run_test(size=(60, 12)):
        cancel = app.query_one("#cancel")
        flag = app.query_one("#flag")
        assert cancel.render().badge.plain.strip() == "Ctrl+G"  # type: ignore[attr-defined]
        assert flag.render().badge.plain.strip() == "f"  # type: ignore[attr-defined]
        assert cancel.has_class("-end") and not flag.has_class("-end")
        assert cancel.arrows == flag.arrows == "horizontal"  # type: ignore[attr-defined]
        assert flag.enter_words == "Ask my care team"  # type: ignore[attr-defined]
