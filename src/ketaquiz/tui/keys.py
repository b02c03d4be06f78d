"""Keys as a learner reads them, and the key a binding has now (a keymap may have moved it).

Every key ketaquiz shows (the badges on tiles, the line under the topics, the Help screen) goes through here, so
a keymap (`App.set_keymap`, by binding id) changes what the screens say along with what the keys do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from textual.app import App
from textual.keys import key_to_character

from ketaquiz.tui.widgets.tile import ActionTile

KEY_WORDS = {
    "question_mark": "?",
    "escape": "Esc",
    "enter": "Enter",
    "space": "Space",
    "tab": "Tab",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
    "pageup": "Page Up",
    "pagedown": "Page Down",
    "home": "Home",
    "end": "End",
    "backspace": "Backspace",
    "delete": "Delete",
}
"""Keys as the Help screen names them (Textual's own key display uses symbols: ⏎, ⇥, ^q)."""


def key_words(key: str) -> str:
    """A key as a learner reads it: "Ctrl+Q", "Shift+Tab", "F1", "Esc", "?", "n"."""
    *modifiers, name = key.split("+")
    if len(name) == 1:
        word = name.upper() if modifiers else name
    else:
        character = key_to_character(name) if not modifiers else None
        word = KEY_WORDS.get(name) or character or name.replace("_", " ").capitalize()
        if len(name) in (2, 3) and name[0] == "f" and name[1:].isdigit():
            word = name.upper()
    return "+".join([*(m.capitalize() for m in modifiers), word])


def keys_text(keys: Sequence[str]) -> str:
    """Keys as words, a run of three or more digits as "1 to 9": "? or F1", "Enter, Space or n"."""
    words: list[str] = []
    i = 0
    while i < len(keys):
        j = i
        while j + 1 < len(keys) and keys[j].isdigit() and keys[j + 1] == str(int(keys[j]) + 1):
            j += 1
        if j - i >= 2:
            words.append(f"{keys[i]} to {keys[j]}")
        else:
            words += [key_words(k) for k in keys[i : j + 1]]
        i = j + 1
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def bound_key(keymap: Mapping[str, str], binding_id: str, default: str) -> str:
    """The key shown for a binding: the first of its keys in the keymap, as words; else `default`."""
    mapped = [k.strip() for k in keymap.get(binding_id, "").split(",") if k.strip()]
    return key_words(mapped[0]) if mapped else default


def key_for(app: App[Any], binding_id: str, default: str) -> str:
    """The key shown for a binding in this app (`KetaquizApp.keymap`; an app without a keymap shows `default`)."""
    return bound_key(getattr(app, "keymap", {}), binding_id, default)


def answer_keys(app: App[Any], count: int) -> str:
    """The keys that pick the first `count` answers: "1 to 4" (or "1, 2, x or 4" once a keymap moved one)."""
    keymap: Mapping[str, str] = getattr(app, "keymap", {})
    ids = [f"quiz.answer-{n}" for n in range(1, count + 1)]
    if not any(i in keymap for i in ids):
        return f"1 to {count}"
    return keys_text(
        [(keymap[i].split(",")[0].strip() if i in keymap else str(n)) for n, i in enumerate(ids, 1)]
    )


def bound_tile(
    app: App[Any],
    binding_id: str,
    default_key: str,
    heading: str,
    *,
    end: bool = False,
    enter_words: str | None = None,
    id: str | None = None,
) -> ActionTile:
    """A tile in a row of tiles (Save / Cancel, Next / Ask my care team...) for what a binding does, its badge
    the key that binding has now (`key_for`). `end`: the last tile of its row (no margin on its right)."""
    return ActionTile(
        key_for(app, binding_id, default_key),
        heading,
        arrows="horizontal",
        enter_words=enter_words,
        id=id,
        classes="-end" if end else None,
    )
