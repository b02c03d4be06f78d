"""The three themes meet WCAG contrast: every text colour on every background it is drawn on (4.5:1, AA; the
high-contrast theme 7:1, AAA), and borders, focus rings and bars at 3:1. No Textual needed (nor imported)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from ketaquiz.tui.themes import (
    COLOURS,
    DEFAULT_THEME,
    GRAPHIC_PAIRS,
    PALETTES,
    TEXT_PAIRS,
    TEXTUAL_CSS_VARIABLES,
    THEME_COLOURS,
    THEME_NAMES,
    THEMES,
    Palette,
    contrast_ratio,
    css_variables,
    relative_luminance,
    theme_words,
)

TUI = Path(__file__).resolve().parents[2] / "src" / "ketaquiz" / "tui"


def test_contrast_arithmetic_matches_wcag_reference_values() -> None:
    assert relative_luminance("#000000") == 0.0
    assert relative_luminance("#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # Known pairs (WebAIM's checker): #767676 on white is the lightest grey passing AA; #777777 fails it.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") < 4.5
    assert contrast_ratio("#0000ff", "#ffffff") == pytest.approx(8.59, abs=0.01)
    assert contrast_ratio("#ffffff", "#0000ff") == contrast_ratio("#0000ff", "#ffffff")
    with pytest.raises(ValueError):
        relative_luminance("#fff")


def test_the_three_themes() -> None:
    assert THEME_NAMES == ("ketaquiz-dark", "ketaquiz-light", "ketaquiz-contrast")
    assert DEFAULT_THEME == "ketaquiz-dark"
    assert PALETTES["ketaquiz-dark"].dark and not PALETTES["ketaquiz-light"].dark


@pytest.mark.parametrize("theme", THEME_NAMES)
@pytest.mark.parametrize(("fg", "bg"), TEXT_PAIRS)
def test_text_contrast(theme: str, fg: str, bg: str) -> None:
    p = PALETTES[theme]
    minimum = 7.0 if theme == "ketaquiz-contrast" else 4.5
    ratio = contrast_ratio(getattr(p, fg), getattr(p, bg))
    assert ratio >= minimum, f"{theme}: {fg} {getattr(p, fg)} on {bg} {getattr(p, bg)} is {ratio:.2f}:1"


@pytest.mark.parametrize("theme", THEME_NAMES)
@pytest.mark.parametrize(("fg", "bg"), GRAPHIC_PAIRS)
def test_graphics_contrast(theme: str, fg: str, bg: str) -> None:
    p = PALETTES[theme]
    ratio = contrast_ratio(getattr(p, fg), getattr(p, bg))
    assert ratio >= 3.0, f"{theme}: {fg} on {bg} is {ratio:.2f}:1"


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_textual_text_colours_are_pinned_to_checked_ones(theme: str) -> None:
    """Textual's own text colours (footer, inputs, notifications) are set to palette colours, never alpha blends."""
    p = PALETTES[theme]
    variables = css_variables(p)
    checked = {getattr(p, name) for pair in TEXT_PAIRS for name in pair}
    for name in (
        "text",
        "text-muted",
        "footer-key-foreground",
        "footer-description-foreground",
        "footer-foreground",
    ):
        assert re.fullmatch(r"#[0-9a-f]{6}", variables[name]), name
        assert variables[name] in checked, name
    assert contrast_ratio(variables["footer-key-foreground"], variables["footer-key-background"]) >= 4.5
    assert contrast_ratio(variables["footer-description-foreground"], variables["footer-background"]) >= 4.5


def test_stylesheet_uses_only_palette_colours() -> None:
    """Every colour in the stylesheet comes from a palette variable, so the pairs above are the ones on screen.

    The stylesheet is ketaquiz.tcss and the DEFAULT_CSS of the app's screens and widgets (rules for screens
    that Home does not show live there, so they are not parsed on every start). The kiosk has its own."""
    css = (TUI / "ketaquiz.tcss").read_text(encoding="utf-8")
    modules = [path for path in TUI.rglob("*.py") if path.name != "kiosk.py"]
    default_css = [
        block
        for path in modules
        for block in re.findall(r'DEFAULT_CSS = f?"""(.*?)"""', path.read_text("utf-8"), flags=re.S)
    ]
    assert len(default_css) >= 5, "the screens' own rules were not found"
    body = re.sub(r"/\*.*?\*/", "", "\n".join([css, *default_css]), flags=re.S)
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b", body), "a literal colour in the stylesheet"
    defined = set(css_variables(PALETTES[DEFAULT_THEME]))
    used_css = set(re.findall(r"\$([a-z0-9-]+)", body))
    used_py = {
        name
        for path in TUI.rglob("*.py")
        for name in re.findall(r'"\$(kq-[a-z0-9-]+)', path.read_text("utf-8"))
    }
    assert used_css | used_py <= defined, (used_css | used_py) - defined
    # Colour properties name only our variables (Textual's $text etc. would dodge the contrast check).
    for prop, value in re.findall(r"^\s*(color|background):\s*([^;]+);", body, flags=re.M):
        assert value.split()[0].startswith("$kq-"), f"{prop}: {value}"


def test_palettes_do_not_import_textual() -> None:
    code = "import sys, ketaquiz.tui.themes; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_the_colour_table_has_every_role_for_every_theme() -> None:
    roles = [f for f in Palette._fields if f not in ("name", "dark", "words")]
    assert list(COLOURS) == roles  # every role once, in the order of the Palette's fields
    assert all(len(colours) == len(THEMES) for colours in COLOURS.values())
    for i, (name, dark, words) in enumerate(THEMES):
        p = PALETTES[name]
        assert p.dark is dark and p.words == words
        assert {role: getattr(p, role) for role in roles} == {role: COLOURS[role][i] for role in roles}


def test_textual_variables_and_theme_colours_name_palette_roles() -> None:
    roles = set(Palette._fields)
    assert set(TEXTUAL_CSS_VARIABLES) <= roles and set(THEME_COLOURS.values()) <= roles
    pinned = [v for variables in TEXTUAL_CSS_VARIABLES.values() for v in variables]
    assert len(pinned) == len(set(pinned))  # each of Textual's variables pinned to one role
    variables = css_variables(PALETTES["ketaquiz-light"])
    assert variables["text-muted"] == variables["kq-muted"] == PALETTES["ketaquiz-light"].muted
    assert variables["footer-key-foreground"] == PALETTES["ketaquiz-light"].key_fg


def test_theme_names_a_learner_reads() -> None:
    assert [theme_words(n) for n in THEME_NAMES] == ["Dark", "Light", "High contrast"]
    assert theme_words("unknown") == "unknown"
