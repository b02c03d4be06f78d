"""A bank's clinician sign-off: whether it is reviewed, by whom, and whether it changed since (the fingerprint).

A bank is *signed* when `ketaquiz sign` recorded the reviewer, the date and the fingerprint of its content
(core/fingerprint.py). The fingerprint the loader computes (`Bank.content_fingerprint`) then tells whether the bank
is still what was reviewed. Cheap to import (no hashing here): the app asks it for every bank it shows.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from ketaquiz.core.i18n import _
from ketaquiz.core.model import Bank
from ketaquiz.core.safety import UNREVIEWED_TEXT

REVIEW_MAX_AGE_DAYS = 365


class ReviewState(Enum):
    """Where a bank stands with its clinical review."""

    UNREVIEWED = "unreviewed"
    """No reviewer named."""
    UNVERIFIED = "unverified"
    """A reviewer named, but no fingerprint: nothing shows the content is what was reviewed."""
    SIGNED = "signed"
    """Signed, and the content is what was signed."""
    CHANGED = "changed"
    """Signed, but the content changed since."""


def review_state(bank: Bank) -> ReviewState:
    review = bank.review
    if not review.is_reviewed:
        return ReviewState.UNREVIEWED
    if not review.fingerprint:
        return ReviewState.UNVERIFIED
    if bank.content_fingerprint is not None and bank.content_fingerprint != review.fingerprint:
        return ReviewState.CHANGED
    return ReviewState.SIGNED


def reviewed_by(bank: Bank) -> str:
    """The words "Reviewed by NAME on DATE" (no full stop) in the interface language; the date as the bank has it."""
    review = bank.review
    if review.reviewed_on:
        return _("Reviewed by {reviewer} on {date}").format(
            reviewer=review.reviewed_by, date=review.reviewed_on
        )
    return _("Reviewed by {reviewer}").format(reviewer=review.reviewed_by)


def bank_review_line(bank: Bank) -> str:
    """The line About and Home show: who reviewed the bank and when, or plainly that no clinician has; and when
    the content changed after it was signed, that too."""
    state = review_state(bank)
    if state is ReviewState.UNREVIEWED:
        return _(UNREVIEWED_TEXT)
    if state is ReviewState.CHANGED:
        return _("{reviewed}; the questions have changed since its review.").format(
            reviewed=reviewed_by(bank)
        )
    return reviewed_by(bank) + "."


def review_warnings(bank: Bank, *, today: dt.date) -> list[tuple[str, str]]:
    """`check`'s review findings for one bank, as (rule, message) warnings.

    `review`: never reviewed, or reviewed more than a year ago; `review-unverified`: a reviewer without a
    fingerprint; `changed-since-review`: the content differs from what was signed.
    """
    review = bank.review
    state = review_state(bank)
    if state is ReviewState.UNREVIEWED:
        return [("review", _("no clinician has reviewed this bank (review.reviewed_by is null)"))]
    found: list[tuple[str, str]] = []
    if state is not ReviewState.SIGNED:
        # Rule names are the same in every language: `lint_ok` names them.
        if state is ReviewState.UNVERIFIED:
            rule = "review-unverified"  # i18n: not shown (a rule's name)
            # TRANSLATORS: {when} is empty, or a space and "on {date}".
            message = _(
                "reviewed by {reviewer}{when}, but without a review.fingerprint nothing shows the questions are "
                "the ones reviewed; record the review with `ketaquiz sign`"
            )
        else:
            rule = "changed-since-review"  # i18n: not shown (a rule's name)
            # TRANSLATORS: {when} is empty, or a space and "on {date}".
            message = _(
                "the bank changed after {reviewer} reviewed it{when} (its fingerprint differs); have the changes "
                "reviewed, then run `ketaquiz sign` again"
            )
        when = " " + _("on {date}").format(date=review.reviewed_on) if review.reviewed_on else ""
        found.append((rule, message.format(reviewer=review.reviewed_by, when=when)))
    if review.reviewed_on:
        try:
            age = (today - dt.date.fromisoformat(review.reviewed_on)).days
        except ValueError:
            age = None
        if age is not None and age > REVIEW_MAX_AGE_DAYS:
            found.append(
                ("review", _("last reviewed {date}, more than a year ago").format(date=review.reviewed_on))
            )
    return found
