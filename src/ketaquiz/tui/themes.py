"""The app's three themes, as plain palettes, and the WCAG contrast arithmetic that keeps them readable.

Every colour the app draws text with is pinned here as an opaque hex value (Textual's own defaults use
alpha blends like `auto 87%`, which cannot be checked ahead of time). `TEXT_PAIRS` lists each text colour with
each background it is drawn on, and `tests/unit/test_themes.py` holds every pair in every theme to WCAG AA
(4.5:1; the contrast theme to AAA, 7:1). `GRAPHIC_PAIRS` holds borders, focus rings and bars to 3:1 (WCAG
1.4.11). This module imports Textual only inside `build_theme`, so the palettes can be tested without it.
"""

# No `from __future__ import annotations`: a NamedTuple compiles every string annotation (typing.ForwardRef),
# which made start-up measurably slower (README, Performance). Quote names defined later or imported only
# for type checking.

from typing import TYPE_CHECKING, NamedTuple

from ketaquiz.core.i18n import N_, _

if TYPE_CHECKING:
    from textual.theme import Theme

DEFAULT_THEME = "ketaquiz-dark"  # i18n: not shown (a theme id)
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
    words: str = ""
    """The theme's name as a learner reads it, marked for the catalog (`theme_words` translates it)."""


THEMES: tuple[tuple[str, bool, str], ...] = (
    # (name, dark?, the words a learner reads): in the order the "Colours" key cycles through them. The names are
    # ids (--theme, the saved choice); the words are what the learner reads.
    ("ketaquiz-dark", True, N_("Dark")),  # i18n: not shown (an id)
    ("ketaquiz-light", False, N_("Light")),  # i18n: not shown (an id)
    ("ketaquiz-contrast", True, N_("High contrast")),  # i18n: not shown (an id)
)

COLOURS: dict[str, tuple[str, str, str]] = {
    # Each role's colour in each theme, side by side (the Palette fields say what each role is for).
    # role         ketaquiz-dark  ketaquiz-light  ketaquiz-contrast
    "background": ("#161b22", "#f6f4ef", "#000000"),
    "surface":    ("#1f2630", "#ffffff", "#000000"),
    "panel":      ("#0d1117", "#e4ded2", "#1a1a1a"),
    "text":       ("#e6edf3", "#1c2128", "#ffffff"),
    "muted":      ("#b1bac4", "#4b5563", "#e6e6e6"),
    "primary":    ("#79c0ff", "#0b57a4", "#ffd84d"),
    "focus_bg":   ("#253a55", "#dcebfc", "#1f2a44"),
    "right":      ("#7ee2a8", "#116329", "#66ffa6"),
    "wrong":      ("#ffa198", "#b42318", "#ffb3b3"),
    "warning":    ("#e3b341", "#7a4d00", "#ffd84d"),
    "border":     ("#768390", "#6b7280", "#ffffff"),
    "badge_fg":   ("#0d1117", "#ffffff", "#000000"),
    "key_fg":     ("#ffb77c", "#7c2d00", "#ffd84d"),
    "crisis_fg":  ("#f2e8ff", "#3b1f66", "#000000"),
    "crisis_bg":  ("#3b2a5c", "#ece3f8", "#ffd84d"),
    "bar_fill":   ("#79c0ff", "#0b57a4", "#ffd84d"),
}  # fmt: skip

PALETTES: dict[str, Palette] = {
    name: Palette(name, dark, **{role: colours[i] for role, colours in COLOURS.items()}, words=words)
    for i, (name, dark, words) in enumerate(THEMES)
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


TEXTUAL_CSS_VARIABLES: dict[str, tuple[str, ...]] = {
    # Textual's own variables that draw text, by the palette role each is pinned to: its defaults blend with alpha,
    # so built-in widgets would draw with colours nobody checked.
    "text": (
        "text",
        "footer-foreground",
        "footer-description-foreground",
        "input-cursor-background",
        "input-selection-foreground",
        "screen-selection-foreground",
    ),
    "muted": ("text-muted", "text-disabled", "foreground-muted"),  # Input placeholders use text-disabled
    "primary": ("text-primary", "border", "scrollbar-hover", "scrollbar-active"),
    "right": ("text-success",),
    "wrong": ("text-error",),
    "warning": ("text-warning",),
    "border": ("border-blurred", "scrollbar"),
    "panel": (
        "footer-background",
        "footer-item-background",
        "footer-key-background",
        "footer-description-background",
    ),
    "key_fg": ("footer-key-foreground",),
    "focus_bg": ("block-hover-background", "input-selection-background", "screen-selection-background"),
    "background": ("input-cursor-foreground",),
    "surface": (
        "scrollbar-background",
        "scrollbar-background-hover",
        "scrollbar-background-active",
        "scrollbar-corner-color",
    ),
}


def css_variables(palette: Palette) -> dict[str, str]:
    """The palette as theme variables: our own `kq-*` ones, and Textual's that draw text, pinned to them."""
    own = {
        f"kq-{key.replace('_', '-')}": value
        for key, value in palette._asdict().items()
        if key not in ("name", "dark", "words")
    }
    pinned = {
        variable: getattr(palette, role)
        for role, variables in TEXTUAL_CSS_VARIABLES.items()
        for variable in variables
    }
    return {**own, **pinned}


def theme_words(name: str) -> str:
    """A theme's name as a learner reads it, in the interface language ("Dark", "Oscuro"); an unknown name as is."""
    palette = PALETTES.get(name)
    return _(palette.words) if palette is not None and palette.words else name


THEME_COLOURS: dict[str, str] = {
    # Textual's theme colours, by the palette role each takes.
    "primary": "primary",
    "secondary": "primary",
    "accent": "primary",
    "warning": "warning",
    "error": "wrong",
    "success": "right",
    "foreground": "text",
    "background": "background",
    "surface": "surface",
    "panel": "panel",
    "boost": "surface",
}


def build_theme(palette: Palette) -> "Theme":
    """A Textual theme from a palette (imports Textual)."""
    from textual.theme import Theme

    return Theme(
        name=palette.name,
        dark=palette.dark,
        variables=css_variables(palette),
        **{colour: getattr(palette, role) for colour, role in THEME_COLOURS.items()},
    )


def build_themes() -> list["Theme"]:
    """All three themes (imports Textual)."""
    return [build_theme(p) for p in PALETTES.values()]
