"""Load question banks (bank format v1) from YAML, safely and with line numbers.

The YAML is read by `core.safe_yaml` (anchors, aliases, tags, merge keys and deep nesting refused, lines kept);
this module checks the result against the bank format, so each error names the file, the line and the question.
Every text field passes the safe-text rule of `core.safe_text` after YAML decoding, so a control character is
refused whether written raw or as an escape (`"\\e[2J"`).

Any problem ends in one exception type, `BankError`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

from ketaquiz.core.bankfile import (
    MAX_BANK_BYTES,
    BankError,
    Problem,
    bank_files,
    cross_bank_problems,
    read_bank_bytes,
    too_big,
)
from ketaquiz.core.i18n import _
from ketaquiz.core.model import Bank, Choice, Citation, Question, QuestionList, Review, SourceRef
from ketaquiz.core.safe_text import RULE as UNSAFE_RULE
from ketaquiz.core.safe_text import first_unsafe, one_line, unsafe_message
from ketaquiz.core.safe_yaml import Node, YamlRefused, plain, read_yaml

__all__ = [
    "FORMAT_VERSION",
    "MAX_BANK_BYTES",
    "BankError",
    "Problem",
    "bank_files",
    "cross_bank_problems",
    "load_bank",
    "parse_bank",
    "read_bank_bytes",
]

FORMAT_VERSION = 1
MIN_CHOICES, MAX_CHOICES = 2, 5

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# ---------------------------------------------------------------------------------------------------------------
# Schema


class _Collector:
    """Gathers problems for one file so `check` can report them all at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, line: int, message: str, question: str | None = None, rule: str | None = None) -> None:
        self.problems.append(Problem(self.path, line, question, message, rule))


_BANK_FIELDS = {
    "format": True,
    "id": True,
    "title": True,
    "summary": True,
    "language": False,
    "review": True,
    "sources": True,
    "questions": True,
    "lint_ok": False,
    "objectives": False,
}
_REVIEW_FIELDS = {"written": False, "reviewed_by": True, "reviewed_on": False, "fingerprint": False}
FINGERPRINT_RE = re.compile(r"^sha256:[0-9a-f]{64}$")
_SOURCE_FIELDS = {"title": True, "publisher": False, "url": False, "date": False}
_QUESTION_FIELDS = {
    "id": True,
    "prompt": True,
    "choices": True,
    "explanation": True,
    "cite": True,
    "shuffle": False,
    "tags": False,
    "lint_ok": False,
    "objective": False,
    "essential": False,
}
_CHOICE_FIELDS = {"text": True, "correct": False, "why_not": False}
_CITE_FIELDS = {"source": True, "quote": True}


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """The hint `; did you mean 'x'?` for the known name closest to a misspelt `word`; "" when none is close."""
    hint = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return _("; did you mean {name}?").format(name=repr(hint[0])) if hint else ""


def _fields(
    node: Node,
    allowed: dict[str, bool],
    what: str,
    out: _Collector,
    qid: str | None = None,
) -> dict[str, Node] | None:
    """Check a mapping's keys: unknown ones (with a hint) and missing required ones.

    `what` (like every `what` below) names the mapping or field in the interface language, as messages show it.
    """
    if not isinstance(node.value, dict):
        out.add(node.line, _("{what} must be a mapping of fields").format(what=what), qid)
        return None
    result: dict[str, Node] = {}
    for key, (knode, vnode) in node.value.items():
        if not isinstance(key, str) or key not in allowed:
            extra = did_you_mean(str(key), allowed) or _(" (allowed: {names})").format(
                names=", ".join(allowed)
            )
            out.add(
                knode.line,
                _("unknown field {key} in {what}{hint}").format(key=repr(key), what=what, hint=extra),
                qid,
            )
            continue
        result[key] = vnode
    for key, required in allowed.items():
        if required and key not in result:
            out.add(node.line, _("{what} is missing the field {key}").format(what=what, key=repr(key)), qid)
    return result


def _text(
    node: Node | None,
    what: str,
    out: _Collector,
    qid: str | None = None,
    *,
    optional: bool = False,
    multiline: bool = False,
) -> str | None:
    """A text field, stripped; None (with a problem added) when it is missing, empty, not text or unsafe.

    `multiline` allows line breaks and tabs (the fields that hold paragraphs, GUIDE section 7).
    """
    if node is None:
        return None
    value = node.value
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        out.add(node.line, _("{what} must be text").format(what=what), qid)
        return None
    # Checked before str.strip(), which would quietly drop a trailing \x1c-\x1f or \x85; only the line break
    # that ends a block scalar (`|`, `>`) and plain spaces are trimmed first.
    text = str(value).strip(" \n")
    if (index := first_unsafe(text, multiline=multiline)) is not None:
        out.add(node.line, unsafe_message(text, index, what), qid, UNSAFE_RULE)
        return None
    text = text.strip()
    if not text:
        if optional:
            return None
        out.add(node.line, _("{what} is empty").format(what=what), qid)
        return None
    return text


def _ident(node: Node | None, what: str, out: _Collector, qid: str | None = None) -> str | None:
    text = _text(node, what, out, qid)
    if text is None or node is None:
        return None
    if not ID_RE.match(text):
        out.add(
            node.line,
            _("{what} {value} must be lowercase letters, digits and single dashes").format(
                what=what, value=repr(text)
            ),
            qid,
        )
        return None
    return text


def _entries(
    node: Node | None, must: str, out: _Collector, qid: str | None = None, *, required: bool = False
) -> list[tuple[object, Node, Node]]:
    """The (key, key node, value node) entries of a mapping field (lint_ok, objectives, sources).

    No entries for a field left out or empty (unless `required`); a value that is not a mapping is reported with
    `must`, the message saying what the field must map.
    """
    if node is None or (node.value is None and not required):
        return []
    if not isinstance(node.value, dict):
        out.add(node.line, must, qid)
        return []
    return [(key, knode, vnode) for key, (knode, vnode) in node.value.items()]


def _lint_ok(node: Node | None, out: _Collector, qid: str | None = None) -> dict[str, str]:
    result = {}
    for key, knode, vnode in _entries(
        node, _("lint_ok must map a rule name to the reason it is acknowledged"), out, qid
    ):
        if _text(knode, _("a lint_ok rule name"), out, qid) is None:
            continue
        reason = _text(vnode, _("the reason for lint_ok {key}").format(key=repr(key)), out, qid)
        if reason is not None:
            result[str(key)] = reason
    return result


def _parse_review(node: Node | None, out: _Collector) -> Review:
    if node is None:
        return Review()
    f = _fields(node, _REVIEW_FIELDS, "review", out)
    if f is None:
        return Review()
    # Named by their key paths ("review.written"), the same in every language.
    written, by, on, fingerprint = (
        _text(f.get(key), f"review.{key}", out, optional=True)
        for key in ("written", "reviewed_by", "reviewed_on", "fingerprint")
    )
    if by and not on:
        out.add(f["reviewed_by"].line, _("review.reviewed_on is needed when reviewed_by names a reviewer"))
    if on and not by:
        out.add(
            f["reviewed_on"].line, _("review.reviewed_by must name the clinician when reviewed_on is set")
        )
    for key, value in (("written", written), ("reviewed_on", on)):
        if value and not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            out.add(
                f[key].line,
                _("review.{key} must be a date like 2026-11-22, not {value}").format(
                    key=key, value=repr(value)
                ),
            )
    if fingerprint and not FINGERPRINT_RE.match(fingerprint):
        out.add(
            f["fingerprint"].line,
            _("review.fingerprint must be 'sha256:' and 64 hex digits, as `ketaquiz sign` writes it"),
        )
        fingerprint = None
    return Review(written=written, reviewed_by=by, reviewed_on=on, fingerprint=fingerprint)


def _parse_objectives(node: Node | None, out: _Collector) -> dict[str, str]:
    result: dict[str, str] = {}
    for key, knode, vnode in _entries(
        node, _("objectives must map each objective id to a one-line description"), out
    ):
        oid = _ident(knode, _("objective id"), out)
        text = _text(
            vnode, _("the description of objective {key}").format(key=repr(key)), out, multiline=True
        )
        if oid is not None and text is not None:
            result[oid] = text
    return result


def _parse_sources(node: Node, out: _Collector) -> dict[str, SourceRef]:
    must = _("sources must map each source id to its title, publisher, url and date")
    result: dict[str, SourceRef] = {}
    for key, knode, vnode in _entries(node, must, out, required=True):
        sid = _ident(knode, _("source id"), out)
        f = _fields(vnode, _SOURCE_FIELDS, _("source {id}").format(id=repr(key)), out)
        if sid is None or f is None:
            continue

        text = {
            name: _text(
                f.get(name),
                _("source {id} {field}").format(id=repr(sid), field=name),
                out,
                optional=name != "title",
            )
            for name in _SOURCE_FIELDS
        }
        result[sid] = SourceRef(
            id=sid,
            title=text["title"] or sid,
            publisher=text["publisher"],
            url=text["url"],
            date=text["date"],
            line=knode.line,
        )
    return result


def _parse_choice(node: Node, qid: str | None, out: _Collector) -> Choice | None:
    f = _fields(node, _CHOICE_FIELDS, _("a choice"), out, qid)
    if f is None:
        return None
    text = _text(f.get("text"), _("choice text"), out, qid)
    correct_node = f.get("correct")
    correct = False
    if correct_node is not None:
        if not isinstance(correct_node.value, bool):
            # Report the cause alone: "yes" is a typo for true, and the choice's other checks would only echo it.
            out.add(
                correct_node.line,
                _(
                    "correct must be true or false, not {value}: write `correct: true` on the right choice (yes and "
                    "no are text in a bank)"
                ).format(value=repr(correct_node.value)),
                qid,
            )
            return None
        correct = correct_node.value
    why_not = _text(f.get("why_not"), "why_not", out, qid, optional=True, multiline=True)
    if correct and why_not:
        out.add(f["why_not"].line, _("the correct choice must not have a why_not"), qid)
        why_not = None
    if not correct and not why_not:
        out.add(node.line, _("every wrong choice needs a why_not: why this one is not right"), qid)
    if text is None:
        return None
    return Choice(text=text, correct=correct, why_not=why_not, line=node.line)


def _flag(fields: dict[str, Node], key: str, default: bool, out: _Collector, qid: str | None) -> bool:
    """A true/false field (`shuffle`, `essential`): its value, or `default` when it is left out or not a boolean."""
    node = fields.get(key)
    if node is None:
        return default
    if not isinstance(node.value, bool):
        message = _("{key} must be true or false, not {value}").format(key=key, value=repr(node.value))
        out.add(node.line, message, qid)
        return default
    return node.value


def _label(raw_id: object) -> str | None:
    """A question's id as written, for the brackets of its problems (made safe: it has not been checked yet)."""
    return (one_line(raw_id) or None) if isinstance(raw_id, str) else None


def _parse_question(
    node: Node,
    bank_id: str,
    sources: dict[str, SourceRef],
    objectives: dict[str, str],
    out: _Collector,
) -> Question | None:
    qid_node = node.value.get("id") if isinstance(node.value, dict) else None
    qid_raw = qid_node[1].value if qid_node else None
    label = _label(qid_raw)
    before = len(out.problems)
    f = _fields(node, _QUESTION_FIELDS, _("a question"), out, label)
    if f is None:
        return None
    qid = _ident(f.get("id"), _("question id"), out, label)
    prompt = _text(f.get("prompt"), "prompt", out, label, multiline=True)
    explanation = _text(f.get("explanation"), "explanation", out, label, multiline=True)

    choices: list[Choice] = []
    cnode = f.get("choices")
    if cnode is not None:
        if not isinstance(cnode.value, list):
            out.add(cnode.line, _("choices must be a list"), label)
        else:
            if not MIN_CHOICES <= len(cnode.value) <= MAX_CHOICES:
                out.add(
                    cnode.line,
                    _("a question needs {min} to {max} choices, not {count}").format(
                        min=MIN_CHOICES, max=MAX_CHOICES, count=len(cnode.value)
                    ),
                    label,
                )
            for item in cnode.value:
                choice = _parse_choice(item, label, out)
                if choice is not None:
                    choices.append(choice)
            n_correct = sum(c.correct for c in choices)
            if n_correct == 0 and len(choices) == len(cnode.value):
                out.add(cnode.line, _("no choice is marked correct: true"), label)
            elif n_correct > 1:
                out.add(
                    cnode.line,
                    _("{count} choices are marked correct; a question has one best answer").format(
                        count=n_correct
                    ),
                    label,
                )
            seen: dict[str, int] = {}
            for c in choices:
                key = c.text.casefold()
                if key in seen:
                    out.add(
                        c.line,
                        _("two choices have the same text (lines {first} and {second})").format(
                            first=seen[key], second=c.line
                        ),
                        label,
                    )
                seen.setdefault(key, c.line)

    cite: Citation | None = None
    cite_node = f.get("cite")
    if cite_node is not None:
        cf = _fields(cite_node, _CITE_FIELDS, "cite", out, label)
        if cf is not None:
            source = _ident(cf.get("source"), "cite.source", out, label)  # i18n: not shown (key)
            quote = _text(cf.get("quote"), "cite.quote", out, label, multiline=True)  # i18n: not shown (key)
            if source is not None and source not in sources:
                out.add(
                    cf["source"].line,
                    _("cite.source {id} is not listed in the bank's sources{hint}").format(
                        id=repr(source), hint=did_you_mean(source, sources)
                    ),
                    label,
                )
            if source is not None and quote is not None:
                cite = Citation(source=source, quote=quote, line=cf["quote"].line)

    shuffle = _flag(f, "shuffle", True, out, label)

    tags: list[str] = []
    if (tnode := f.get("tags")) is not None and tnode.value is not None:
        if not isinstance(tnode.value, list):
            out.add(tnode.line, _("tags must be a list, like [monitoring, after-session]"), label)
        else:
            for t in tnode.value:
                tag = _text(t, _("a tag"), out, label)
                if tag is not None:
                    tags.append(tag)

    objective: str | None = None
    if (onode := f.get("objective")) is not None and onode.value is not None:
        objective = _ident(onode, "objective", out, label)
        if objective is not None and objective not in objectives:
            out.add(
                onode.line,
                _("objective {id} is not declared under the bank's objectives{hint}").format(
                    id=repr(objective), hint=did_you_mean(objective, objectives)
                ),
                label,
            )

    essential = _flag(f, "essential", False, out, label)

    lint_ok = _lint_ok(f.get("lint_ok"), out, label)
    if len(out.problems) > before or qid is None or prompt is None or explanation is None or cite is None:
        return None
    return Question(
        id=qid,
        prompt=prompt,
        choices=tuple(choices),
        explanation=explanation,
        cite=cite,
        shuffle=shuffle,
        tags=tuple(tags),
        lint_ok=lint_ok,
        line=node.line,
        bank_id=bank_id,
        objective=objective,
        essential=essential,
    )


def parse_bank(data: bytes, path: Path, *, with_fingerprint: bool = False) -> Bank:
    """Build a Bank from a file's bytes. Raises BankError listing every problem found.

    `content_fingerprint` is computed for a signed bank (to compare with its `review.fingerprint`), or when
    `with_fingerprint` asks for it; otherwise it is None (it costs about 8% of the parse).
    """
    out = _Collector(path)

    def fail(line: int, message: str) -> BankError:
        return BankError([Problem(path, line, None, message)])

    if len(data) > MAX_BANK_BYTES:
        raise fail(1, too_big(len(data)))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise fail(
            line, _("the file is not UTF-8 text (byte 0x{byte})").format(byte=f"{data[exc.start]:02x}")
        ) from None
    if (index := first_unsafe(text, raw_file=True)) is not None:  # written raw, even in a comment
        line = text.count("\n", 0, index) + 1
        raise BankError([Problem(path, line, None, unsafe_message(text, index, _("the file")), UNSAFE_RULE)])
    try:
        root, duplicates = read_yaml(text)
    except YamlRefused as exc:
        raise fail(exc.line, exc.message) from None

    f = _fields(root, _BANK_FIELDS, _("the bank"), out)
    if f is None:
        raise BankError(out.problems)

    fmt = f.get("format")
    if fmt is not None and fmt.value != FORMAT_VERSION:
        out.add(
            fmt.line,
            _("format must be {version} (this ketaquiz reads bank format {version})").format(
                version=FORMAT_VERSION
            ),
        )
    bank_id = _ident(f.get("id"), _("bank id"), out) or ""
    title = _text(f.get("title"), "title", out) or ""
    summary = _text(f.get("summary"), "summary", out, multiline=True) or ""
    language = _text(f.get("language"), "language", out, optional=True) or "en"
    review = _parse_review(f.get("review"), out)
    sources = _parse_sources(f["sources"], out) if "sources" in f else {}
    bank_lint_ok = _lint_ok(f.get("lint_ok"), out)
    objectives = _parse_objectives(f.get("objectives"), out)

    questions: list[Question] = []
    qnode = f.get("questions")
    if qnode is not None:
        if not isinstance(qnode.value, list):
            out.add(qnode.line, _("questions must be a list"))
        elif not qnode.value:
            out.add(qnode.line, _("the bank has no questions"))
        else:
            first_line: dict[str, int] = {}
            for item in qnode.value:
                q = _parse_question(item, bank_id, sources, objectives, out)
                if q is None:
                    continue
                if q.id in first_line:
                    out.add(
                        q.line,
                        _("question id used twice (first on line {line})").format(line=first_line[q.id]),
                        q.id,
                    )
                    continue
                first_line[q.id] = q.line
                questions.append(q)

    if duplicates:
        starts = (
            sorted((item.line, item.value.get("id")) for item in qnode.value if isinstance(item.value, dict))
            if (qnode is not None and isinstance(qnode.value, list))
            else []
        )
        for line, message in ((d.line, d.message) for d in duplicates):
            owner = None
            for start, id_pair in starts:
                if start <= line:
                    owner = _label(id_pair[1].value) if id_pair else None
            out.add(line, message, owner if qnode is not None and line > qnode.line else None)
        out.problems.sort(key=lambda p: p.line)
    if out.problems:
        raise BankError(out.problems)
    content_fingerprint = None
    if with_fingerprint or review.fingerprint:
        from ketaquiz.core.fingerprint import fingerprint

        content_fingerprint = fingerprint(plain(root))
    return Bank(
        id=bank_id,
        title=title,
        summary=summary,
        language=language,
        review=review,
        sources=sources,
        questions=QuestionList(questions),
        path=path,
        format=FORMAT_VERSION,
        lint_ok=bank_lint_ok,
        line=root.line,
        objectives=objectives,
        content_fingerprint=content_fingerprint,
    )


def load_bank(path: str | Path, *, with_fingerprint: bool = False) -> Bank:
    """Load and validate one bank file (no cache). Raises BankError."""
    p = Path(path)
    return parse_bank(read_bank_bytes(p), p, with_fingerprint=with_fingerprint)
