"""The one use of Textual's private API in the quiz app, kept behind one small function.

Textual has no public way to choose an app's first theme without paying for it: setting `App.theme` parses
every stylesheet a second time and restyles the whole app once it runs (some 3 % of start-up, more than the
margin start-up has against its target). `tests/functional/test_textual_api.py` fails if a Textual upgrade
removes or changes what this relies on; until then the fallback keeps the app working, only slower.
"""

from __future__ import annotations

from typing import Any

from textual.app import App


def start_in_theme(app: App[Any], name: str) -> None:
    """Start `app` in the registered theme `name`. Call it in the constructor, before anything is mounted.

    Before the stylesheet is parsed the theme's CSS variables can simply be set; what `App._watch_theme` does
    besides (the app's theme classes, the ANSI colour filter) is done here as it does it.
    """
    refresh_filter = getattr(app, "_refresh_truecolor_filter", None)
    if refresh_filter is None:  # another Textual: set it the ordinary way
        app.theme = name
        return
    app.set_reactive(App.theme, name)
    app.stylesheet.set_variables(app.get_css_variables())
    dark = app.current_theme.dark
    app.update_classes(
        {
            **{c: False for c in app.classes if c.startswith("-theme-")},
            f"-theme-{name}": True,
            "-dark-mode": dark,  # i18n: not shown (CSS classes)
            "-light-mode": not dark,  # i18n: not shown (CSS classes)
        },
        update=False,
    )
    refresh_filter(app.ansi_theme)
