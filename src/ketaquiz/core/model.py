"""The objects a question bank becomes: plain, frozen dataclasses.

Front ends, the session and the store all work with these; only `ketaquiz.core.bank` builds them from YAML.
They are frozen but deliberately not `slots=True`: slotted dataclasses unpickle through a Python-level
`__setstate__`, which made loading a 10,000-question bank from the cache about twice as slow.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Choice:
    """One answer a learner can pick."""

    text: str
    """What the learner reads."""
    correct: bool
    """True for the one best answer."""
    why_not: str | None
    """For a wrong choice: why it is not right (None on the correct choice)."""
    line: int = 0
    """Line of the choice in its bank file (1-based; 0 when unknown)."""


@dataclass(frozen=True)
class Citation:
    """The passage that backs a question's answer, quoted word for word from a source."""

    source: str
    """Id of the source in the bank's `sources:` (and in the source library)."""
    quote: str
    """The passage, verbatim."""
    line: int = 0


@dataclass(frozen=True)
class SourceRef:
    """A source as the learner sees it cited."""

    id: str
    title: str
    publisher: str | None = None
    url: str | None = None
    date: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Review:
    """Who checked a bank against its sources, and when."""

    written: str | None = None
    """ISO date the bank was written."""
    reviewed_by: str | None = None
    """The clinician who reviewed it, with credentials; None when no clinician has."""
    reviewed_on: str | None = None
    """ISO date of that review."""

    @property
    def is_reviewed(self) -> bool:
        return bool(self.reviewed_by)


@dataclass(frozen=True)
class Question:
    """One question: a prompt, its choices, an explanation and a citation."""

    id: str
    """Stable id: progress follows it."""
    prompt: str
    choices: tuple[Choice, ...]
    explanation: str
    cite: Citation
    shuffle: bool = True
    """False keeps the written order of the choices."""
    tags: tuple[str, ...] = ()
    lint_ok: Mapping[str, str] = field(default_factory=dict)
    """Warnings acknowledged by the author: rule name -> reason."""
    line: int = 0
    bank_id: str = ""
    """Id of the bank the question belongs to."""

    @property
    def correct_index(self) -> int:
        """Index of the correct choice in the written order."""
        for i, choice in enumerate(self.choices):
            if choice.correct:
                return i
        raise ValueError(f"question {self.id} has no correct choice")  # the loader never lets this through

    @property
    def correct_choice(self) -> Choice:
        return self.choices[self.correct_index]


@dataclass(frozen=True)
class Bank:
    """A question bank: one YAML file."""

    id: str
    title: str
    summary: str
    language: str
    review: Review
    sources: Mapping[str, SourceRef]
    questions: tuple[Question, ...]
    path: Path
    """Where it was loaded from."""
    format: int = 1
    lint_ok: Mapping[str, str] = field(default_factory=dict)
    """Bank-level warnings acknowledged by the author."""
    line: int = 1

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def source_for(self, question: Question) -> SourceRef:
        return self.sources[question.cite.source]
