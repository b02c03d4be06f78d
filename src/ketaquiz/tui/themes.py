"""The app's three themes, as plain palettes, and the WCAG contrast arithmetic that keeps them readable.

Every colour the app draws text with is pinned here as an opaque hex value (Textual's own defaults use
alpha blends like `auto 87%`, which cannot be checked ahead of time). `TEXT_PAIRS` lists each text colour with
each background it is drawn on, and `tests/unit/test_themes.py` holds every pair in every theme to WCAG AA
(4.5:1; the contrast theme to AAA, 7:1). `GRAPHIC_PAIRS` holds borders, focus rings and bars to 3:1 (WCAG
1.4.11). This module imports Textual only inside `build_theme`, so the palettes can be tested without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from textual.theme import Theme

DEFAULT_THEME = "ketaquiz-dark"
THEME_PREF_KEY = "theme"
"""The store preference that remembers the learner's choice."""


class Palette(NamedTuple):
    """The colours of one theme. Each field becomes the CSS variable `$kq-<field>` (underscores as dashes).

    A NamedTuple rather than a dataclass: this module is imported on every start, and a frozen dataclass of this
    size takes over a millisecond to create."""

    name: str
    dark: bool
    background: str
    """The screen behind everything."""
    surface: str
    """Cards, choices and buttons."""
    panel: str
    """The title bar and the footer."""
    text: str
    """Body text."""
    muted: str
    """Secondary text: hints, sources' details."""
    primary: str
    """Headings, links, the focus ring, the number badges."""
    focus_bg: str
    """The background of the card or choice that has the focus."""
    right: str
    """"Right" verdicts (always with a ✓ and the word too)."""
    wrong: str
    """"Not right" verdicts (always with a ✗ and words too)."""
    warning: str
    """Warnings: a bank that did not load, progress not saved."""
    border: str
    """The outline of cards and choices that do not have the focus."""
    badge_fg: str
    """Text of the number badges (drawn on `primary`)."""
    key_fg: str
    """Keys in the footer (drawn on `panel`)."""
    crisis_fg: str
    crisis_bg: str
    """The crisis line at the foot of every screen."""
    bar_fill: str
    """The filled part of mastery bars and the chart."""


PALETTES: dict[str, Palette] = {
    p.name: p
    for p in (
        Palette(
            name="ketaquiz-dark",
            dark=True,
            background="#161b22",
            surface="#1f2630",
            panel="#0d1117",
            text="#e6edf3",
            muted="#b1bac4",
            primary="#79c0ff",
            focus_bg="#253a55",
            right="#7ee2a8",
            wrong="#ffa198",
            warning="#e3b341",
            border="#768390",
            badge_fg="#0d1117",
            key_fg="#ffb77c",
            crisis_fg="#f2e8ff",
            crisis_bg="#3b2a5c",
            bar_fill="#79c0ff",
        ),
        Palette(
            name="ketaquiz-light",
            dark=False,
            background="#f6f4ef",
            surface="#ffffff",
            panel="#e4ded2",
            text="#1c2128",
            muted="#4b5563",
            primary="#0b57a4",
            focus_bg="#dcebfc",
            right="#116329",
            wrong="#b42318",
            warning="#7a4d00",
            border="#6b7280",
            badge_fg="#ffffff",
            key_fg="#7c2d00",
            crisis_fg="#3b1f66",
            crisis_bg="#ece3f8",
            bar_fill="#0b57a4",
        ),
        Palette(
            name="ketaquiz-contrast",
            dark=True,
            background="#000000",
            surface="#000000",
            panel="#1a1a1a",
            text="#ffffff",
            muted="#e6e6e6",
            primary="#ffd84d",
            focus_bg="#1f2a44",
            right="#66ffa6",
            wrong="#ffb3b3",
            warning="#ffd84d",
            border="#ffffff",
            badge_fg="#000000",
            key_fg="#ffd84d",
            crisis_fg="#000000",
            crisis_bg="#ffd84d",
            bar_fill="#ffd84d",
        ),
    )
}

THEME_NAMES: tuple[str, ...] = tuple(PALETTES)
"""In the order the "Colours" key cycles through them."""

TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    # (text colour, background it is drawn on): every combination the stylesheet uses.
    ("text", "background"),
    ("text", "surface"),
    ("text", "panel"),
    ("text", "focus_bg"),
    ("muted", "background"),
    ("muted", "surface"),
    ("muted", "panel"),
    ("muted", "focus_bg"),
    ("primary", "background"),
    ("primary", "surface"),
    ("primary", "panel"),
    ("primary", "focus_bg"),
    ("right", "background"),
    ("right", "surface"),
    ("right", "focus_bg"),
    ("wrong", "background"),
    ("wrong", "surface"),
    ("wrong", "focus_bg"),
    ("warning", "background"),
    ("warning", "surface"),
    ("badge_fg", "primary"),
    ("key_fg", "panel"),
    ("key_fg", "focus_bg"),
    ("crisis_fg", "crisis_bg"),
)
"""WCAG 1.4.3 applies: at least 4.5:1."""

GRAPHIC_PAIRS: tuple[tuple[str, str], ...] = (
    ("border", "background"),
    ("primary", "background"),
    ("bar_fill", "surface"),
    ("bar_fill", "background"),
    ("bar_fill", "focus_bg"),
)
"""WCAG 1.4.11 (non-text contrast) applies: at least 3:1."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an opaque `#rrggbb` colour (0 black to 1 white)."""
    text = hex_colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"expected #rrggbb, got {hex_colour!r}")
    r, g, b = (int(text[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two opaque colours, from 1.0 to 21.0 (order does not matter)."""
    a, b = relative_luminance(first), relative_luminance(second)
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


def css_variables(palette: Palette) -> dict[str, str]:
    """The palette as theme variables: our own `kq-*` ones, and Textual's that draw text, pinned to them."""
    own = {
        f"kq-{key.replace('_', '-')}": value
        for key, value in palette._asdict().items()
        if key not in ("name", "dark")
    }
    p = palette
    pinned = {
        # Textual's defaults blend with alpha; pin them so built-in widgets draw with checked colours.
        "text": p.text,
        "text-muted": p.muted,
        "text-disabled": p.muted,  # Input placeholders use it
        "text-primary": p.primary,
        "text-success": p.right,
        "text-error": p.wrong,
        "text-warning": p.warning,
        "foreground-muted": p.muted,
        "border": p.primary,
        "border-blurred": p.border,
        "footer-background": p.panel,
        "footer-foreground": p.text,
        "footer-item-background": p.panel,
        "footer-key-foreground": p.key_fg,
        "footer-key-background": p.panel,
        "footer-description-foreground": p.text,
        "footer-description-background": p.panel,
        "block-hover-background": p.focus_bg,
        "input-cursor-background": p.text,
        "input-cursor-foreground": p.background,
        "input-selection-background": p.focus_bg,
        "input-selection-foreground": p.text,
        "screen-selection-background": p.focus_bg,
        "screen-selection-foreground": p.text,
        "scrollbar": p.border,
        "scrollbar-hover": p.primary,
        "scrollbar-active": p.primary,
        "scrollbar-background": p.surface,
        "scrollbar-background-hover": p.surface,
        "scrollbar-background-active": p.surface,
        "scrollbar-corner-color": p.surface,
    }
    return {**own, **pinned}


def build_theme(palette: Palette) -> Theme:
    """A Textual theme from a palette (imports Textual)."""
    from textual.theme import Theme

    return Theme(
        name=palette.name,
        primary=palette.primary,
        secondary=palette.primary,
        accent=palette.primary,
        warning=palette.warning,
        error=palette.wrong,
        success=palette.right,
        foreground=palette.text,
        background=palette.background,
        surface=palette.surface,
        panel=palette.panel,
        boost=palette.surface,
        dark=palette.dark,
        variables=css_variables(palette),
    )


def build_themes() -> list[Theme]:
    """All three themes (imports Textual)."""
    return [build_theme(p) for p in PALETTES.values()]
