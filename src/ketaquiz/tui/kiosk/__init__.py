"""The waiting-room kiosk: a Textual app a visitor cannot leave, that forgets each visitor.

Screens: Welcome (clinic name, topics) -> a short quiz on one topic (`questions_per_visit` questions, drawn afresh
for each visit) -> a short summary -> Welcome again; Escape or the "Back to topics" tile goes back at any point of
a visit. A visit lives only in memory, in one `Visit` object; the quiz runs on the core's `NullStore`, so nothing
about a visitor is written anywhere (with anonymous statistics on, only per-question counts go to the store).

Idle: every key, click, scroll or paste passes `on_event`, which notes the time. A timer asks the core's
`IdlePolicy` what is due: the warning (a countdown and an "I'm still here" button; any key or click keeps the
session) and then the reset, which drops the visit and every screen and builds a fresh Welcome screen, so no
answer, screen or scroll position of the last visitor survives.

No way out: the app inherits no bindings (no ctrl+q, ctrl+c, ctrl+p palette), screenshots and devtools are off,
and q, ctrl+z and ctrl+\\ do nothing; Escape does nothing on the welcome and goes back to the topics in a visit,
never further. Staff press F12 and give the PIN (checked by the core's `PinGuard`); a right PIN ends the app with
exit code 0.

The screens are built from the app's widgets (ketaquiz.tui.widgets: tiles, the choice tiles, the feedback with its
quote, the results) and styled by the app's stylesheet, so the kiosk differs from the self-study app only where a
kiosk must: no store, no flags, the idle reset, the staff exit and its own welcome.

The package: `app` (KioskApp and the visit), `screens`, `widgets` (the crisis line and the escape keys).
"""

from __future__ import annotations

from ketaquiz.tui.kiosk.app import KioskApp, Visit
from ketaquiz.tui.kiosk.screens import (
    BlankScreen,
    IdleWarningScreen,
    KioskDialog,
    KioskScreen,
    QuizScreen,
    StaffPinScreen,
    VisitScreen,
    VisitSummaryScreen,
    WelcomeScreen,
)
from ketaquiz.tui.kiosk.widgets import CONTROL_ESCAPE_KEYS, ESCAPE_KEYS, PLAIN_ESCAPE_KEYS, CrisisLine

__all__ = [
    "CONTROL_ESCAPE_KEYS",
    "ESCAPE_KEYS",
    "PLAIN_ESCAPE_KEYS",
    "BlankScreen",
    "CrisisLine",
    "IdleWarningScreen",
    "KioskApp",
    "KioskDialog",
    "KioskScreen",
    "QuizScreen",
    "StaffPinScreen",
    "Visit",
    "VisitScreen",
    "VisitSummaryScreen",
    "WelcomeScreen",
]
