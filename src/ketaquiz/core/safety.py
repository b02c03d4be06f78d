"""The words every front end shows: not medical advice, and where to get help in a crisis.

Kept in one place so the terminal app, plain mode, the kiosk and reports say the same thing. The texts are marked
for the catalog (`N_`): show them with `_(CRISIS_TEXT_US)`, so they follow the interface language.
"""

from __future__ import annotations

from ketaquiz.core.i18n import N_, _

CRISIS_TEXT_US = N_("In a crisis: call or text 988, or chat at 988lifeline.org. In an emergency, call 911.")
"""The default crisis line (US wording of the 988 Suicide & Crisis Lifeline). The kiosk config can change it."""

CRISIS_SHORT_US = N_("Crisis? Call or text 988 · chat 988lifeline.org")
"""A one-line form for narrow screens."""

NOT_ADVICE = N_(
    "ketaquiz is for learning. It is not medical advice and does not replace the advice of your care team. "
    "Ask them about your own treatment."
)

NOT_ADVICE_SHORT = N_("Education, not medical advice. Ask your care team.")

UNREVIEWED_TEXT = N_("No clinician has reviewed this bank yet.")


def review_line(reviewed_by: str | None, reviewed_on: str | None) -> str:
    """How a bank's review is shown to learners: the reviewer and date, or plainly that none has reviewed it."""
    if not reviewed_by:
        return _(UNREVIEWED_TEXT)
    if reviewed_on:
        return _("Reviewed by {name} on {date}.").format(name=reviewed_by, date=reviewed_on)
    return _("Reviewed by {name}.").format(name=reviewed_by)
