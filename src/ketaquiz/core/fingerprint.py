"""A bank's fingerprint: what `ketaquiz sign` records, so `check` and the app can tell when a signed bank changed.

The definition (GUIDE section 7, docs/bank-format.md): `sha256:` and the hex SHA-256 of the canonical JSON of the
bank as the loader decodes it (plain dicts, lists, text, whole numbers, true/false and null), without its
`review` block; the questions sorted by their id, every other list in file order. Canonical JSON: keys sorted, no
spaces, UTF-8 (no `\\u` escapes), every string (keys too) in Unicode NFC.

So the YAML's layout does not count (indentation, quoting style, comments, key order, a folded or a literal
paragraph that decodes to the same text), and every value does: a question, a choice, a why_not, an explanation,
a citation, a source's fields, tags, lint_ok, shuffle, essential, objectives.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from typing import Any

PREFIX = "sha256:"
REVIEW_KEY = "review"


def _key(key: Any) -> str:
    """A mapping key as JSON writes it (`1` -> "1", `true` -> "true"), so keys of mixed kinds still sort."""
    return key if isinstance(key, str) else json.dumps(key)


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(_key(k)): _nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    return value


def _question_key(question: Any) -> tuple[int, str]:
    qid = question.get("id") if isinstance(question, dict) else None
    return (0, qid) if isinstance(qid, str) else (1, json.dumps(qid, sort_keys=True, default=str))


def canonical_content(data: Any) -> bytes:
    """The bytes that are hashed: `data` (a decoded bank) without `review`, questions sorted by id."""
    data = _nfc(data)  # first, so that two spellings of one id sort alike
    if isinstance(data, dict):
        data.pop(REVIEW_KEY, None)
        questions = data.get("questions")
        if isinstance(questions, list):
            data["questions"] = sorted(questions, key=_question_key)
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def fingerprint(data: Any) -> str:
    """`sha256:<hex>` of a decoded bank's content (see the module's docstring)."""
    return PREFIX + hashlib.sha256(canonical_content(data)).hexdigest()
