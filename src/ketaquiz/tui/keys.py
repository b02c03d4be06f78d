"""Keys as a learner reads them, and the key a binding has now (a keymap may have moved it).

Every key ketaquiz shows (the badges on tiles, the line under the topics, the Help screen) goes through here, so
a keymap (`App.set_keymap`, by binding id) changes what the screens say along with what the keys do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.keys import key_to_character

from ketaquiz.core.i18n import N_, _
from ketaquiz.tui.widgets.tile import ActionTile

KEY_WORDS: dict[str, tuple[str, str]] = {
    # key name: (the English words, the message the catalog translates). The arrows have a message of their own:
    # "Right" alone is also the verdict ("Correcta"), and a catalog holds one translation per message.
    "question_mark": ("?", "?"),
    "escape": ("Esc", N_("Esc")),
    "enter": ("Enter", N_("Enter")),
    "space": ("Space", N_("Space")),
    "tab": ("Tab", N_("Tab")),
    "up": ("Up", N_("Up arrow")),
    "down": ("Down", N_("Down arrow")),
    "left": ("Left", N_("Left arrow")),
    "right": ("Right", N_("Right arrow")),
    "pageup": ("Page Up", N_("Page Up")),  # i18n: not shown (English; marked beside)
    "pagedown": ("Page Down", N_("Page Down")),  # i18n: not shown (English; marked beside)
    "home": ("Home", N_("Home")),
    "end": ("End", N_("End")),
    "backspace": ("Backspace", N_("Backspace")),
    "delete": ("Delete", N_("Delete")),
}
"""Keys as the Help screen names them (Textual's own key display uses symbols: ⏎, ⇥, ^q); translated where
shown (Spanish keeps the names printed on the keys, and says Espacio and the arrows in words)."""


def key_words(key: str) -> str:
    """A key as a learner reads it: "Ctrl+Q", "Shift+Tab", "F1", "Esc", "?", "n"."""
    *modifiers, name = key.split("+")
    if len(name) == 1:
        word = name.upper() if modifiers else name
    else:
        character = key_to_character(name) if not modifiers else None
        named = KEY_WORDS.get(name)
        if named:
            english, message = named
            translated = _(message)
            word = english if translated == message else translated
        else:
            word = character or name.replace("_", " ").capitalize()
        if len(name) in (2, 3) and name[0] == "f" and name[1:].isdigit():
            word = name.upper()
    return "+".join([*(m.capitalize() for m in modifiers), word])


def keys_text(keys: Sequence[str]) -> str:
    """Keys as words, a run of three or more digits as "1 to 9": "? or F1", "Enter, Space or n", "1 or 2"."""
    words: list[str] = []
    i = 0
    while i < len(keys):
        j = i
        while j + 1 < len(keys) and keys[j].isdigit() and keys[j + 1] == str(int(keys[j]) + 1):
            j += 1
        if j - i >= 2:
            words.append(_("{first} to {last}").format(first=keys[i], last=keys[j]))
        else:
            words += [key_words(k) for k in keys[i : j + 1]]
        i = j + 1
    if len(words) == 1:
        return words[0]
    return _("{keys} or {last}").format(keys=", ".join(words[:-1]), last=words[-1])


def digit_bindings(
    action: str, description: str, tooltip: str, id_prefix: str, *, show_first: bool = False
) -> list[Binding]:
    """Keys 1 to 9, each running `action(n)` (choose an answer, start a topic), with ids `<id_prefix>-<n>` that a
    keymap can name. `show_first`: the bottom bar shows the first, standing for them all (a screen's
    `footer_key` says how many there are). Mark `description` and `tooltip` with N_."""
    return [
        Binding(
            str(n),
            f"{action}({n})",
            description,
            show=show_first and n == 1,
            tooltip=tooltip,
            id=f"{id_prefix}-{n}",
        )
        for n in range(1, 10)
    ]


def bound_key(keymap: Mapping[str, str], binding_id: str, default: str) -> str:
    """The key shown for a binding: the first of its keys in the keymap, as words; else `default`."""
    mapped = [k.strip() for k in keymap.get(binding_id, "").split(",") if k.strip()]
    return key_words(mapped[0]) if mapped else default


def key_for(app: App[Any], binding_id: str, default: str) -> str:
    """The key shown for a binding in this app (`KetaquizApp.keymap`; an app without a keymap shows `default`)."""
    return bound_key(getattr(app, "keymap", {}), binding_id, default)


def answer_keys(app: App[Any], count: int, *, short: bool = False) -> str:
    """The keys that pick the first `count` answers: "1 to 4", "1 or 2" (never "1 to 2"), or "1, 2, x or 4" once
    a keymap moved one. `short` (for the footer): "1-4" where the keys are 1 to 4, three or more of them."""
    keymap: Mapping[str, str] = getattr(app, "keymap", {})
    ids = [f"quiz.answer-{n}" for n in range(1, count + 1)]  # i18n: not shown (binding ids)
    keys = [(keymap[i].split(",")[0].strip() if i in keymap else str(n)) for n, i in enumerate(ids, 1)]
    if short and count >= 3 and not any(i in keymap for i in ids):
        return f"1-{count}"
    return keys_text(keys)


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
