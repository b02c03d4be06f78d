"""Find strings in the source that a person may read but that do not go through the interface catalog.

Used by tests/unit/test_i18n.py; run it alone (`python tests/i18n_scan.py [PATH...]`) to list what is left.

A string literal is "shown" unless it is: a docstring; the argument of `_`, `N_` or `ngettext`; CSS, SQL or a
regular expression; a programmer's error (ValueError, TypeError, ...); a string with fewer than two words; or on
a line that says `# i18n: not shown` (with a reason after it, e.g. `# i18n: not shown (JSON key)`), or in a
statement that starts on such a line.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "ketaquiz"
MARKERS = {"_", "N_", "ngettext"}
NOT_SHOWN_CALLS = {
    "execute", "executescript", "executemany", "compile", "match", "fullmatch", "search", "sub", "subn",
    "findall", "finditer", "split", "warn", "getLogger", "debug", "info", "exception", "strptime", "strftime",
    "TypeError", "ValueError", "AssertionError", "RuntimeError", "KeyError", "IndexError", "NotImplementedError",
    "AttributeError", "query", "query_one", "query_exactly_one", "get_child_by_id", "set_class", "add_class",
    "remove_class", "has_class", "run_action", "check_action", "Binding", "get_component_rich_style",
    "styles", "mount", "import_module", "getattr", "hasattr", "setattr", "startswith", "endswith",
    "environ", "get", "decode", "encode", "open", "Path", "join", "format_map", "NamedTemporaryFile",
}  # fmt: skip
NOT_SHOWN_NAMES = re.compile(
    r"(^|_)(CSS|SQL|SCHEMA|PATTERN|RE|REGEX|MIGRATIONS?|DDL|STATEMENTS?)($|_)|^DEFAULT_CSS$"
)
WORDS = re.compile(r"[^\W\d_]{2,}[^\w{]+[^\W\d_]{2,}")
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WITH|BEGIN|COMMIT|REPLACE)\b")


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            for i, stmt in enumerate(body):
                # The docstring, and the attribute docstrings that follow assignments.
                if (
                    isinstance(stmt, ast.Expr)
                    and isinstance(stmt.value, ast.Constant)
                    and (i == 0 or isinstance(body[i - 1], ast.Assign | ast.AnnAssign))
                ):
                    found.add(id(stmt.value))
    return found


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def scan_file(path: Path) -> Iterator[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    tree = ast.parse(text)
    skip: set[int] = _docstrings(tree)
    exempt_lines = {i + 1 for i, line in enumerate(lines) if "# i18n: not shown" in line}

    def skip_all(node: ast.AST) -> None:
        for sub in ast.walk(node):
            skip.add(id(sub))

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in MARKERS or name in NOT_SHOWN_CALLS:
                skip_all(node)
        elif isinstance(node, ast.arg | ast.FunctionDef | ast.AsyncFunctionDef | ast.AnnAssign):
            # Type annotations ("QuestionProgress | None") are for the type checker, never shown.
            for annotation in (getattr(node, "annotation", None), getattr(node, "returns", None)):
                if annotation is not None:
                    skip_all(annotation)
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any((n := _name(t)) and NOT_SHOWN_NAMES.search(n) for t in targets):
                skip_all(node)
        elif isinstance(node, ast.Subscript):
            skip_all(node.slice)  # dict keys read, e.g. data["some key"]
        elif isinstance(node, ast.Compare):
            skip_all(node)  # comparisons against a literal
        elif isinstance(node, ast.stmt) and node.lineno in exempt_lines:
            skip_all(node)
    for node in ast.walk(tree):
        if id(node) in skip or node.lineno in exempt_lines if hasattr(node, "lineno") else False:
            continue
        if isinstance(node, ast.JoinedStr):
            for part in node.values:
                skip.add(id(part))
            literal = "".join(
                p.value for p in node.values if isinstance(p, ast.Constant) and isinstance(p.value, str)
            )
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            literal = node.value
        else:
            continue
        if SQL.match(literal) or not WORDS.search(literal):
            continue
        yield node.lineno, literal


def scan(paths: list[Path]) -> list[str]:
    found = []
    for root in paths:
        files = [root] if root.is_file() else sorted(root.rglob("*.py"))
        for path in files:
            for lineno, literal in scan_file(path):
                found.append(f"{path.relative_to(SRC.parent.parent)}:{lineno}: {literal[:70]!r}")
    return found


if __name__ == "__main__":
    targets = [Path(p).resolve() for p in sys.argv[1:]] or [SRC]
    result = scan(targets)
    print("\n".join(result))
    print(f"{len(result)} shown strings not in the catalog", file=sys.stderr)
