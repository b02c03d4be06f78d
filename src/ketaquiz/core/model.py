"""The objects a question bank becomes: immutable records (`typing.NamedTuple`).

Front ends, the session and the store all work with these; only `ketaquiz.core.bank` builds them from YAML.
Why NamedTuple and not frozen dataclasses: this module is imported on every start, and each frozen dataclass
costs about 0.8 ms to create (it compiles its methods with `exec`); a NamedTuple about 0.1 ms. They also pickle
and unpickle as plain tuples, which keeps the bank cache fast.
"""

# No `from __future__ import annotations`: a NamedTuple compiles every string annotation (typing.ForwardRef),
# which made start-up measurably slower (README, Performance). Quote names defined later or imported only
# for type checking.

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple, overload


def base_language(tag: str) -> str:
    """ "es" for "es", "es-MX" or "es_US": the part of a language tag that picks a bank."""
    return tag.replace("_", "-").split("-")[0].lower()


NO_ACKNOWLEDGEMENTS: Mapping[str, str] = MappingProxyType({})
"""The default `lint_ok`: nothing acknowledged (read-only, so a shared default cannot be changed by mistake)."""


class Choice(NamedTuple):
    """One answer a learner can pick."""

    text: str
    """What the learner reads."""
    correct: bool
    """True for the one best answer."""
    why_not: str | None
    """For a wrong choice: why it is not right (None on the correct choice)."""
    line: int = 0
    """Line of the choice in its bank file (1-based; 0 when unknown)."""


class Citation(NamedTuple):
    """The passage that backs a question's answer, quoted word for word from a source."""

    source: str
    """Id of the source in the bank's `sources:` (and in the source library)."""
    quote: str
    """The passage, verbatim."""
    line: int = 0


class SourceRef(NamedTuple):
    """A source as the learner sees it cited."""

    id: str
    title: str
    publisher: str | None = None
    url: str | None = None
    date: str | None = None
    line: int = 0


class Review(NamedTuple):
    """Who checked a bank against its sources, and when."""

    written: str | None = None
    """ISO date the bank was written."""
    reviewed_by: str | None = None
    """The clinician who reviewed it, with credentials; None when no clinician has."""
    reviewed_on: str | None = None
    """ISO date of that review."""
    fingerprint: str | None = None
    """`sha256:<hex>` of the bank's content when it was signed (`ketaquiz sign`); None when never signed."""

    @property
    def is_reviewed(self) -> bool:
        return bool(self.reviewed_by)


class Question(NamedTuple):
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
    lint_ok: Mapping[str, str] = NO_ACKNOWLEDGEMENTS
    """Warnings acknowledged by the author: rule name -> reason."""
    line: int = 0
    bank_id: str = ""
    """Id of the bank the question belongs to."""
    objective: str | None = None
    """Id of the learning objective it teaches (declared under the bank's `objectives:`)."""
    essential: bool = False
    """True for a fact a patient must know to be safe."""

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


_Row = tuple[Any, ...]


def _question_row(q: Question) -> _Row:
    return (
        q.id,
        q.prompt,
        tuple((c.text, c.correct, c.why_not, c.line) for c in q.choices),
        q.explanation,
        (q.cite.source, q.cite.quote, q.cite.line),
        q.shuffle,
        q.tags,
        dict(q.lint_ok),
        q.line,
        q.bank_id,
        q.objective,
        q.essential,
    )


def _question_from_row(row: _Row) -> Question:
    qid, prompt, choices, explanation, cite, shuffle, tags, lint_ok, line, bank_id, objective, essential = row
    return Question(
        id=qid,
        prompt=prompt,
        choices=tuple(Choice(*c) for c in choices),
        explanation=explanation,
        cite=Citation(*cite),
        shuffle=shuffle,
        tags=tags,
        lint_ok=lint_ok,
        line=line,
        bank_id=bank_id,
        objective=objective,
        essential=essential,
    )


class QuestionList(Sequence[Question]):
    """A bank's questions, kept as plain tuples and turned into `Question` objects when first used.

    Why: a 10,000-question bank read back from the cache would otherwise build some 70,000 small objects
    before the home screen can show its card; plain tuples unpickle about three times faster, and most start-ups
    need only the count and the ids.
    """

    __slots__ = ("_built", "_rows")

    def __init__(self, questions: Iterable[Question] = ()) -> None:
        built = list(questions)
        self._rows: tuple[_Row, ...] = tuple(_question_row(q) for q in built)
        self._built: list[Question | None] = list(built)

    @classmethod
    def from_rows(cls, rows: tuple[_Row, ...]) -> "QuestionList":
        self = cls.__new__(cls)
        self._rows = rows
        self._built = [None] * len(rows)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (QuestionList.from_rows, (self._rows,))

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Question: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Question, ...]: ...
    def __getitem__(self, index: int | slice) -> Question | tuple[Question, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        q = self._built[index]
        if q is None:
            q = self._built[index] = _question_from_row(self._rows[index])
        return q

    def __iter__(self) -> Iterator[Question]:
        for i in range(len(self._rows)):
            yield self[i]

    @property
    def ids(self) -> tuple[str, ...]:
        """The question ids, without building the questions."""
        return tuple(row[0] for row in self._rows)

    @property
    def essential_ids(self) -> tuple[str, ...]:
        """The ids of the questions marked `essential: true`, without building the questions."""
        return tuple(row[0] for row in self._rows if row[11])

    def id_lines(self) -> Iterator[tuple[str, int]]:
        """(id, line) of each question, without building the questions."""
        return ((row[0], row[8]) for row in self._rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, QuestionList):
            return self._rows == other._rows
        if isinstance(other, (tuple, list)):
            return list(self) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._rows)

    def __repr__(self) -> str:
        return f"QuestionList({len(self)} questions)"  # i18n: not shown (repr)


class _BankFields(NamedTuple):
    """The fields of a `Bank`."""

    id: str
    title: str
    summary: str
    language: str
    review: Review
    sources: Mapping[str, SourceRef]
    questions: QuestionList
    """The questions, in the bank's order (a Sequence; `.ids` lists their ids cheaply)."""
    path: Path
    """Where it was loaded from."""
    format: int = 1
    lint_ok: Mapping[str, str] = NO_ACKNOWLEDGEMENTS
    """Bank-level warnings acknowledged by the author."""
    line: int = 1
    objectives: Mapping[str, str] = NO_ACKNOWLEDGEMENTS
    """Learning objectives the bank declares: objective id -> one-line description."""
    content_fingerprint: str | None = None
    """The fingerprint of the bank's content as loaded (core/fingerprint.py), computed for signed banks (and on
    request); `review.fingerprint` is the one recorded when it was signed. None when not computed."""


class Bank(_BankFields):
    """A question bank: one YAML file. `questions` may be given as any iterable of `Question`."""

    __slots__ = ()

    def __new__(cls, *args: Any, **kwargs: Any) -> "Bank":
        self = super().__new__(cls, *args, **kwargs)
        if not isinstance(self.questions, QuestionList):
            self = self._replace(questions=QuestionList(self.questions))
        return self

    def question(self, question_id: str) -> Question:
        try:
            return self.questions[self.questions.ids.index(question_id)]
        except ValueError:
            raise KeyError(question_id) from None

    def source_for(self, question: Question) -> SourceRef:
        return self.sources[question.cite.source]
