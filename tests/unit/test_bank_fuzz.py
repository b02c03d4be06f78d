"""Fuzzing the loader: whatever the input, it returns a Bank or raises BankError, and nothing else."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketaquiz.core.bank import BankError, parse_bank
from ketaquiz.core.model import Bank
from tests.unit.test_bank import GOOD

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PATH = Path("fuzz.yaml")


def outcome(data: bytes) -> object:
    try:
        return parse_bank(data, PATH)
    except BankError as exc:
        assert exc.problems and all(p.path == PATH for p in exc.problems)
        assert all(isinstance(p.line, int) and p.line >= 0 for p in exc.problems)
        return exc


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes(data: bytes) -> None:
    assert isinstance(outcome(data), (Bank, BankError))


@FUZZ
@given(st.text(max_size=2000))
def test_any_text(text: str) -> None:
    assert isinstance(outcome(text.encode("utf-8", "surrogatepass")), (Bank, BankError))


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(["format", "id", "questions", "choices", "correct", "why_not", "cite", "<<", "1", "yes"]),
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(
            st.one_of(st.text(max_size=12), st.sampled_from(["id", "prompt", "choices", "text"])),
            children,
            max_size=6,
        ),
    ),
    max_leaves=40,
)


@FUZZ
@given(structures)
def test_any_yaml_structure(value: object) -> None:
    data = yaml.safe_dump(value, allow_unicode=True).encode()
    assert isinstance(outcome(data), (Bank, BankError))


@FUZZ
@given(st.data())
def test_mutated_good_bank(data: st.DataObject) -> None:
    text = GOOD
    for _ in range(data.draw(st.integers(1, 4))):
        pos = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["delete", "insert", "dup-line"]))
        if action == "delete":
            text = text[:pos] + text[pos + data.draw(st.integers(1, 20)) :]
        elif action == "insert":
            text = (
                text[:pos]
                + data.draw(
                    st.sampled_from([":", "-", "&a ", "*a", "!!str ", "\n", "  ", "[", "{", "'", '"', "\x1b"])
                )
                + text[pos:]
            )
        else:
            lines = text.splitlines(keepends=True)
            i = data.draw(st.integers(0, len(lines) - 1))
            text = "".join([*lines[: i + 1], lines[i], *lines[i + 1 :]])
    assert isinstance(outcome(text.encode()), (Bank, BankError))
