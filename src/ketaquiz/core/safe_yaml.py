"""The one YAML reader: every YAML file ketaquiz opens (banks, the kiosk config) is read here.

It reads the YAML *event stream* (libyaml's C parser where available) and builds plain Python values itself. That
lets it refuse, before anything is built: anchors and aliases (so no alias bomb), explicit tags (so nothing
constructs objects), merge keys, several documents and deep nesting. It keeps the line of every value so each
error names the file and the line. Scalars are read as YAML 1.2's core schema would: only `true`/`false` are
booleans, only `null`/`~`/empty is null, dates stay text; numbers with a point are floats only when asked for.

Importing this module imports PyYAML; callers import it only when a file must really be parsed (starting from
cached banks never does).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import yaml
from yaml import events as ev

from ketaquiz.core.i18n import N_, _

__all__ = [
    "BANK",
    "KIOSK_CONFIG",
    "MAX_DEPTH",
    "Duplicate",
    "Node",
    "SpanNode",
    "YamlRefused",
    "explain_syntax_error",
    "plain",
    "read_yaml",
]

MAX_DEPTH = 24
"""Deepest nesting accepted; a bank needs 6."""

BANK = N_("a bank")
KIOSK_CONFIG = N_("a kiosk config")
"""The kinds of file `read_yaml` names in its messages (English; translated where a message is made)."""


class Node:
    """A value read from YAML, with the line it starts on.

    A mapping's value is a dict of key -> (key Node, value Node); a sequence's is a list of Nodes.
    """

    __slots__ = ("line", "value")

    def __init__(self, value: Any, line: int) -> None:
        self.value = value
        self.line = line

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Node({self.value!r}, line={self.line})"  # i18n: not shown (a debugging repr)


class SpanNode(Node):
    """A Node that also knows where it is in the text (for tools that edit a file in place, like set-pin)."""

    __slots__ = ("end", "flow", "start")

    def __init__(self, value: Any, line: int, start: int, end: int, flow: bool = False) -> None:
        super().__init__(value, line)
        self.start, self.end, self.flow = start, end, flow


class Duplicate(NamedTuple):
    """A mapping key given twice; the reader keeps the first value."""

    line: int
    key: Any
    first_line: int

    @property
    def message(self) -> str:
        return _("duplicate key {key} (first on line {line})").format(
            key=repr(self.key), line=self.first_line
        )


class YamlRefused(Exception):
    """The text is not YAML this reader accepts. `line` is 1-based; `message` is in the interface language.

    `empty` says the file holds no YAML at all (a reader may take that as "nothing configured").
    """

    def __init__(self, line: int, message: str, *, empty: bool = False) -> None:
        super().__init__(f"line {line}: {message}")
        self.line, self.message, self.empty = line, message, empty


_INT_RE = re.compile(r"^[-+]?[0-9]+$")
_FLOAT_RE = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_DUPLICATE = object()
"""Marks the key of a duplicate mapping entry, whose value is dropped."""


def _plain_scalar(text: str, floats: bool) -> Any:
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if _INT_RE.match(text):
        return int(text)
    if floats:
        if _FLOAT_RE.match(text):
            return float(text)
        if text.lower() in (".inf", "+.inf", "-.inf", ".nan"):
            return float(text.lower().replace(".", ""))
    return text


def _loader_class() -> type:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(
    text: str, *, what: str = BANK, floats: bool = False, spans: bool = False
) -> tuple[Node, list[Duplicate]]:
    """Build one YAML document from its events, refusing what ketaquiz files must not use. Raises YamlRefused.

    `what` names the file's kind in messages, in English (`BANK`, `KIOSK_CONFIG`): it is translated here. `floats`
    reads `1.5` as a number (else it stays text). `spans` gives SpanNodes, which know their place in `text`.

    Duplicate keys do not stop the build (the first value is kept) so that they can be reported with the question
    they belong to; they come back as a list.
    """
    loader = _loader_class()(text)

    def refused(line: int, message: str, **fields: object) -> YamlRefused:
        """`message` (translated, with `{what}` and `fields` to fill in) at `line`."""
        kind = {BANK: _(BANK), KIOSK_CONFIG: _(KIOSK_CONFIG)}.get(what, what)
        return YamlRefused(line, message.format(what=kind, **fields))

    stack: list[tuple[Any, Any, Any]] = []  # (container, its start event, pending key Node for mappings)
    root: Node | None = None
    duplicates: list[Duplicate] = []
    seen_document = False
    try:
        while True:
            event = loader.get_event()
            if event is None:
                break
            kind = type(event)
            if kind is ev.ScalarEvent:
                line = event.start_mark.line + 1
                if event.anchor is not None:
                    raise refused(line, _(_ANCHOR))
                if event.tag is not None and event.tag != "!":
                    raise refused(line, _(_TAG), tag=repr(event.tag))
                if not event.style and event.implicit[0]:
                    value: Any = _plain_scalar(event.value, floats)
                else:
                    value = event.value
                if spans:
                    node: Node = SpanNode(value, line, event.start_mark.index, event.end_mark.index)
                else:
                    node = Node(value, line)
            elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
                line = event.start_mark.line + 1
                if event.anchor is not None:
                    raise refused(line, _(_ANCHOR))
                if event.tag is not None and event.tag != "!":
                    raise refused(line, _(_TAG), tag=repr(event.tag))
                if len(stack) >= MAX_DEPTH:
                    raise refused(line, _("nesting is deeper than {depth} levels"), depth=MAX_DEPTH)
                container: Any = {} if kind is ev.MappingStartEvent else []
                stack.append((container, event, None))
                continue
            elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                container, start, _pending = stack.pop()
                line = start.start_mark.line + 1
                if spans:
                    node = SpanNode(
                        container, line, start.start_mark.index, event.end_mark.index, bool(start.flow_style)
                    )
                else:
                    node = Node(container, line)
            elif kind is ev.AliasEvent:
                raise refused(event.start_mark.line + 1, _("YAML aliases (*name) are not allowed in {what}"))
            elif kind is ev.DocumentStartEvent:
                if seen_document:
                    raise refused(event.start_mark.line + 1, _("{what} holds one YAML document, not several"))
                seen_document = True
                continue
            else:  # stream start/end, document end
                continue

            # Attach the finished node to its parent.
            if not stack:
                root = node
                continue
            parent, pstart, pending = stack[-1]
            if isinstance(parent, dict):
                if pending is None:
                    if isinstance(node.value, (dict, list)):
                        raise refused(node.line, _("a mapping key must be a plain value"))
                    key = node.value
                    if key == "<<" and isinstance(key, str):
                        raise refused(node.line, _("YAML merge keys (<<) are not allowed in {what}"))
                    if key in parent:
                        duplicates.append(Duplicate(node.line, key, parent[key][0].line))
                        node = Node(_DUPLICATE, node.line)
                    stack[-1] = (parent, pstart, node)
                else:
                    if pending.value is not _DUPLICATE:
                        parent[pending.value] = (pending, node)
                    stack[-1] = (parent, pstart, None)
            else:
                parent.append(node)
    except yaml.YAMLError as exc:
        line, message = explain_syntax_error(exc, text)
        raise refused(line, _("not valid YAML: {explanation}"), explanation=message) from None
    except RecursionError:  # pragma: no cover - the depth limit stops this first
        raise refused(1, _("nesting is too deep")) from None
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose is not None:
            dispose()
    if root is None:
        raise YamlRefused(1, _("the file is empty"), empty=True)
    return root, duplicates


_ANCHOR = N_("YAML anchors (&name) are not allowed in {what}")
_TAG = N_("YAML tags such as {tag} are not allowed in {what}")


# PyYAML's words for a syntax error (libyaml's and the pure-Python parser's differ) -> a sentence a clinic's staff
# can act on, and whether the line to name is where the trouble started (the context) rather than where the parser
# gave up (an unclosed quote is noticed only at the end of the file).
def _syntax_help() -> tuple[tuple[str, bool, str], ...]:
    """(PyYAML's clue, name the context's line, the sentence in the interface language), first match wins."""
    indent = _(
        "this line is not indented like the lines around it (each level uses the same number of spaces), or text "
        "follows a closing quotation mark"
    )
    colon = _(
        "this line needs a colon after its name, like title: My bank. If it is the rest of a text from the line "
        "above, put that whole text in double quotes"
    )
    quote = _(
        "a quotation mark (\" or ') opens on this line and is never closed: add the closing one at the end of the "
        "text"
    )
    escape = _(
        "a backslash inside double quotes starts an escape YAML does not know: write two backslashes, or use "
        "single quotes"
    )
    brackets = _("a list in square brackets [ ] is not closed, or its items lack commas")
    braces = _("a mapping in braces { } is not closed, or its items lack commas")
    reserved = _(
        "this text starts with a character YAML keeps for itself (such as @ or `): put the text in double quotes"
    )
    return (
        ("mapping values are not allowed", False, indent),  # i18n: not shown (PyYAML's words)
        ("could not find expected ':'", True, colon),  # i18n: not shown (PyYAML's words)
        ("while scanning a quoted scalar", True, quote),  # i18n: not shown (PyYAML's words)
        ("unknown escape", False, escape),  # i18n: not shown (PyYAML's words)
        ("expected ',' or ']'", True, brackets),  # i18n: not shown (PyYAML's words)
        ("expected ',' or '}'", True, braces),  # i18n: not shown (PyYAML's words)
        ("did not find expected", False, indent),  # i18n: not shown (PyYAML's words)
        ("expected <block end>", False, indent),  # i18n: not shown (PyYAML's words)
        ("cannot start any token", False, reserved),  # i18n: not shown (PyYAML's words)
    )


def explain_syntax_error(exc: yaml.YAMLError, text: str = "") -> tuple[int, str]:
    """The 1-based line and a plain sentence (in the interface language) for a YAML syntax error in `text`, with
    PyYAML's own words (English) after it, alone when no sentence fits."""
    problem = str(getattr(exc, "problem", None) or exc)
    context = str(getattr(exc, "context", None) or "")
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    mark = problem_mark or context_mark
    line = mark.line + 1 if mark is not None else 1
    if "tab" in problem or "'\\t'" in problem:
        sentence = _("this line is indented with a tab. YAML needs spaces: replace the tab with spaces")
        return line, f"{sentence} (YAML: {problem})"
    for clue, at_start, sentence in _syntax_help():
        if clue in problem or clue in context:
            if at_start and context_mark is not None:
                line = context_mark.line + 1
            if clue == "mapping values are not allowed" and problem_mark is not None:
                # A colon after an earlier "name:" on the same line is a colon inside an unquoted text.
                lines = text.splitlines()
                row = lines[problem_mark.line] if problem_mark.line < len(lines) else ""
                if ":" in row[: problem_mark.column]:
                    sentence = _(
                        "this text contains a colon followed by a space, which YAML reads as a new name: put the "
                        'whole text in double quotes, like title: "Side effects: what to know"'
                    )
            return line, f"{sentence} (YAML: {problem})"
    return line, problem


def plain(node: Node) -> Any:
    """The plain Python value of a node: dicts, lists, str, int, float, bool, None (lines dropped)."""
    value = node.value
    if isinstance(value, dict):
        return {k: plain(v) for k, (_kn, v) in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
