"""A bank's clinician sign-off: whether it is reviewed, by whom, and whether it changed since (the fingerprint).

A bank is *signed* when `ketaquiz sign` recorded the reviewer, the date and the fingerprint of its content
(core/fingerprint.py). The fingerprint the loader computes (`Bank.content_fingerprint`) then tells whether the bank
is still what was reviewed. Cheap to import (no hashing here): the app asks it for every bank it shows.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

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


def _reviewed_by(bank: Bank) -> str:
    review = bank.review
    return f"Reviewed by {review.reviewed_by}" + (f" on {review.reviewed_on}" if review.reviewed_on else "")


def bank_review_line(bank: Bank) -> str:
    """The line About and Home show: who reviewed the bank and when, or plainly that no clinician has; and when
    the content changed after it was signed, that too."""
    state = review_state(bank)
    if state is ReviewState.UNREVIEWED:
        return UNREVIEWED_TEXT
    if state is ReviewState.CHANGED:
        return _reviewed_by(bank) + "; the questions have changed since its review."
    return _reviewed_by(bank) + "."


def review_warnings(bank: Bank, *, today: dt.date) -> list[tuple[str, str]]:
    """`check`'s review findings for one bank, as (rule, message) warnings.

    `review`: never reviewed, or reviewed more than a year ago; `review-unverified`: a reviewer without a
    fingerprint; `changed-since-review`: the content differs from what was signed.
    """
    review = bank.review
    state = review_state(bank)
    if state is ReviewState.UNREVIEWED:
        return [("review", "no clinician has reviewed this bank (review.reviewed_by is null)")]
    found: list[tuple[str, str]] = []
    when = f" on {review.reviewed_on}" if review.reviewed_on else ""
    if state is ReviewState.UNVERIFIED:
        found.append(
            (
                "review-unverified",
                f"reviewed by {review.reviewed_by}{when}, but without a review.fingerprint nothing shows the "
                "questions are the ones reviewed; record the review with `ketaquiz sign`",
            )
        )
    elif state is ReviewState.CHANGED:
        found.append(
            (
                "changed-since-review",
                f"the bank changed after {review.reviewed_by} reviewed it{when} (its fingerprint differs); "
                "have the changes reviewed, then run `ketaquiz sign` again",
            )
        )
    if review.reviewed_on:
        try:
            age = (today - dt.date.fromisoformat(review.reviewed_on)).days
        except ValueError:
            age = None
        if age is not None and age > REVIEW_MAX_AGE_DAYS:
            found.append(("review", f"last reviewed {review.reviewed_on}, more than a year ago"))
    return found
