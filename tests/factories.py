"""Builders for model objects in unit tests: banks and questions without YAML.

Choice texts name their question and written position (`"q1 choice 2"`), so a test can tell at a glance which
choice a display position holds.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from ketaquiz.core.model import Bank, Choice, Citation, Question, Review, SourceRef

SOURCE_ID = "test-source"


def make_question(
    qid: str,
    *,
    bank_id: str = "bank-a",
    n_choices: int = 3,
    correct: int = 0,
    shuffle: bool = True,
) -> Question:
    """A question with `n_choices` choices, the one at written index `correct` right."""
    choices = tuple(
        Choice(
            text=f"{qid} choice {i}",
            correct=i == correct,
            why_not=None if i == correct else f"{qid} why not {i}",
        )
        for i in range(n_choices)
    )
    return Question(
        id=qid,
        prompt=f"What about {qid}?",
        choices=choices,
        explanation=f"{qid} explanation",
        cite=Citation(source=SOURCE_ID, quote=f"{qid} quote"),
        shuffle=shuffle,
        bank_id=bank_id,
    )


def make_bank(
    bank_id: str = "bank-a",
    n_questions: int = 3,
    *,
    questions: tuple[Question, ...] | None = None,
    shuffle: bool = True,
    n_choices: int = 3,
) -> Bank:
    """A bank of `n_questions` generated questions (ids `<bank_id>-q1`...), or of the given `questions`."""
    if questions is None:
        questions = tuple(
            make_question(
                f"{bank_id}-q{i + 1}",
                bank_id=bank_id,
                n_choices=n_choices,
                correct=i % n_choices,
                shuffle=shuffle,
            )
            for i in range(n_questions)
        )
    return Bank(
        id=bank_id,
        title=f"Bank {bank_id}",
        summary="A bank for tests.",
        language="en",
        review=Review(written="2026-11-01"),
        sources={SOURCE_ID: SourceRef(id=SOURCE_ID, title="Test source", publisher="Tests")},
        questions=questions,
        path=Path(f"/nonexistent/{bank_id}.yaml"),
    )


class WrittenOrder(random.Random):
    """A question-order source that keeps the written order (`order_rng=`), for tests that script answers by
    position; the order itself is tested in tests/unit/test_session.py with seeds."""

    def shuffle(self, x: Any) -> None:  # type: ignore[override]
        return None
