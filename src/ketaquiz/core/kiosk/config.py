"""The kiosk config file: reading and checking it (one `KioskConfigError` listing every problem as
`file:line: error: message`; a kiosk never starts half-configured) and `set_pin_in_config`, which changes only the
`pin_hash` line and writes the file atomically. Read by the one hardened YAML reader (core.safe_yaml); every text
value passes the safe-text rule (core.safe_text).
"""

from __future__ import annotations

import difflib
import math
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ketaquiz.core.kiosk.idle import DEFAULT_IDLE_TIMEOUT, DEFAULT_IDLE_WARNING, MIN_IDLE_WARNING
from ketaquiz.core.kiosk.pin import hash_pin, parse_pin_hash
from ketaquiz.core.kiosk.visit import (
    DEFAULT_QUESTIONS_PER_VISIT,
    MAX_QUESTIONS_PER_VISIT,
    MIN_QUESTIONS_PER_VISIT,
)
from ketaquiz.core.safe_text import first_unsafe, unsafe_message
from ketaquiz.core.safety import CRISIS_TEXT_US

if TYPE_CHECKING:
    from ketaquiz.core.safe_yaml import Duplicate, SpanNode

DEFAULT_THEME = "ketaquiz-dark"
THEMES = ("ketaquiz-dark", "ketaquiz-light", "ketaquiz-contrast")
"""The themes the front ends define (the core cannot ask Textual, so the names live here too)."""
MAX_CLINIC_NAME = 80
MAX_CRISIS_TEXT = 300
MAX_WELCOME_TEXT = 300
DEFAULT_WELCOME_TEXT = "A few questions, each one explained. Nothing you answer is kept."
MAX_CONFIG_BYTES = 64 * 1024


# ------------------------------------------------------------------------------------------------------------
# The config


@dataclass(frozen=True, slots=True)
class KioskConfig:
    """A kiosk's settings; every field but the PIN hash has a default."""

    path: Path | None = None
    """The file it was read from (None when built in code, as tests do)."""
    clinic_name: str = "Welcome"
    """Shown large on the welcome screen."""
    welcome_text: str = DEFAULT_WELCOME_TEXT
    """The clinic's words under the kiosk's one line on what this is, on the welcome screen."""
    banks: tuple[Path, ...] = ()
    """Bank files or folders; empty means the bundled banks. Relative paths start at the config's folder."""
    idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    """Seconds without input before the warning."""
    idle_warning: float = DEFAULT_IDLE_WARNING
    """Seconds of countdown in the warning before the visitor's session is cleared."""
    theme: str = DEFAULT_THEME
    crisis_text: str = CRISIS_TEXT_US
    """Shown on every screen; change it for a country outside the US."""
    anonymous_stats: bool = False
    """Keep per-question counts (shown, answered, right) in the data folder's store. Never who, never in what
    order."""
    pin_hash: str | None = None
    """The staff PIN's scrypt hash, written by `ketaquiz set-pin`."""
    questions_per_visit: int = DEFAULT_QUESTIONS_PER_VISIT
    """How many questions a visit asks, drawn afresh for each visitor (fewer when a bank is smaller)."""


CONFIG_KEYS: dict[str, str] = {
    "clinic_name": "text",
    "banks": "a list of bank files or folders",
    "idle_timeout": "a number of seconds",
    "idle_warning": "a number of seconds",
    "theme": "one of " + ", ".join(THEMES),
    "crisis_text": "text",
    "anonymous_stats": "true or false",
    "pin_hash": "a hash written by `ketaquiz set-pin`",
    "questions_per_visit": f"a whole number from {MIN_QUESTIONS_PER_VISIT} to {MAX_QUESTIONS_PER_VISIT}",
    "welcome_text": "text",
}
"""Every key a config may hold, with what its value must be (for error messages)."""


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """One thing wrong with a kiosk config."""

    path: Path
    line: int
    """1-based; 0 when the problem has no line (a missing file, a missing key)."""
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: error: {self.message}"


class KioskConfigError(Exception):
    """The kiosk config is missing or wrong. `problems` lists everything found, each naming the file (and
    line)."""

    def __init__(self, problems: list[ConfigProblem]) -> None:
        if not problems:
            raise ValueError("KioskConfigError needs at least one problem")
        self.problems = problems
        self.path = problems[0].path
        super().__init__(str(problems[0]))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def _set_pin_hint(path: Path) -> str:
    return f"set one with: ketaquiz set-pin --config {path}"


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            raise KioskConfigError(
                [
                    ConfigProblem(
                        path, 0, f"the file is {size} bytes; a kiosk config is at most {MAX_CONFIG_BYTES}"
                    )
                ]
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise KioskConfigError(
            [
                ConfigProblem(
                    path,
                    0,
                    f"no kiosk config here; create one by setting the staff PIN: "
                    f"ketaquiz set-pin --config {path}",
                )
            ]
        ) from None
    except IsADirectoryError:
        raise KioskConfigError([ConfigProblem(path, 0, "this is a folder, not a config file")]) from None
    except OSError as exc:
        raise KioskConfigError([ConfigProblem(path, 0, f"cannot read it ({exc.strerror or exc})")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise KioskConfigError([ConfigProblem(path, line, "the file is not UTF-8 text")]) from None


def _top_mapping(text: str, path: Path) -> tuple[SpanNode | None, list[Duplicate]]:
    """The top-level mapping (read by the one hardened YAML reader, which refuses anchors, aliases, tags and merge
    keys) and its repeated keys; None for a file with nothing in it (comments only)."""
    from ketaquiz.core.safe_yaml import SpanNode, YamlRefused, read_yaml

    if (index := first_unsafe(text, raw_file=True)) is not None:
        line = text.count("\n", 0, index) + 1
        raise KioskConfigError([ConfigProblem(path, line, unsafe_message(text, index, "the config"))])
    try:
        node, duplicates = read_yaml(text, what="a kiosk config", floats=True, spans=True)
    except YamlRefused as exc:
        if exc.empty:
            return None, []
        raise KioskConfigError([ConfigProblem(path, exc.line, exc.message)]) from None
    assert isinstance(node, SpanNode)
    if node.value is None:  # a document holding only `~` or nothing but a comment
        return None, []
    if not isinstance(node.value, dict):
        raise KioskConfigError(
            [ConfigProblem(path, node.line, "the config must be a mapping of `key: value` lines")]
        )
    return node, duplicates


def _unsafe_text_in(value: Any) -> bool:
    """True when any text in a config value breaks the safe-text rule (newlines are fine: they are folded)."""
    if isinstance(value, str):
        return first_unsafe(value) is not None
    if isinstance(value, list):
        return any(_unsafe_text_in(v) for v in value)
    if isinstance(value, dict):
        return any(_unsafe_text_in(k) or _unsafe_text_in(v) for k, v in value.items())
    return False


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _display_text(value: Any, key: str, limit: int) -> tuple[str | None, str | None]:
    """(text, problem) for a key shown on screen."""
    if not isinstance(value, str) or not value.strip():
        return None, f"`{key}` must be {CONFIG_KEYS[key]}, not {_describe(value)}"
    text = " ".join(value.split())
    if len(text) > limit:
        return None, f"`{key}` is {len(text)} characters; keep it to {limit} so it fits on the screen"
    return text, None


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{type(value).__name__} {value!r}"


def load_kiosk_config(path: str | os.PathLike[str], *, require_pin: bool = True) -> KioskConfig:
    """Read and check a kiosk config. Raises KioskConfigError listing every problem found.

    `require_pin=False` accepts a config without a PIN hash (for tools that only read it).
    """
    path = Path(path)
    from ketaquiz.core.safe_yaml import plain

    text = _read_text(path)
    root, duplicates = _top_mapping(text, path)
    problems: list[ConfigProblem] = []
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key, (key_node, value_node) in root.value.items() if root is not None else ():
        line = key_node.line
        if not isinstance(key, str):
            problems.append(ConfigProblem(path, line, f"a key must be a word, not {key!r}"))
            continue
        if key not in CONFIG_KEYS:
            close = difflib.get_close_matches(key, CONFIG_KEYS, n=1, cutoff=0.6)
            hint = f"; did you mean `{close[0]}`?" if close else "; the keys are " + ", ".join(CONFIG_KEYS)
            problems.append(ConfigProblem(path, line, f"unknown key `{key}`{hint}"))
            continue
        lines[key] = line
        value = plain(value_node)
        if _unsafe_text_in(value):
            problems.append(ConfigProblem(path, line, f"`{key}` holds a control character; remove it"))
            continue
        values[key] = value
    for dup in duplicates:
        if isinstance(dup.key, str) and dup.key in CONFIG_KEYS:
            problems.append(
                ConfigProblem(path, dup.line, f"`{dup.key}` is given twice (first on line {dup.first_line})")
            )

    settings: dict[str, Any] = {}

    def bad(key: str, message: str) -> None:
        problems.append(ConfigProblem(path, lines.get(key, 0), message))

    # The texts shown to visitors: each one line of plain text, within its length.
    for key, limit in (
        ("clinic_name", MAX_CLINIC_NAME),
        ("welcome_text", MAX_WELCOME_TEXT),
        ("crisis_text", MAX_CRISIS_TEXT),
    ):
        if key in values:
            text_value, problem = _display_text(values[key], key, limit)
            if problem:
                bad(key, problem)
            else:
                settings[key] = text_value
    if "banks" in values:
        raw = values["banks"]
        items = [raw] if isinstance(raw, str) else raw
        if (
            not isinstance(items, list)
            or not items
            or not all(isinstance(b, str) and b.strip() for b in items)
        ):
            bad("banks", f"`banks` must be {CONFIG_KEYS['banks']}, not {_describe(raw)}")
        else:
            # Relative to the config file, so a clinic can keep its banks next to it.
            settings["banks"] = tuple(path.parent / Path(b).expanduser() for b in items)
    for key in ("idle_timeout", "idle_warning"):
        if key in values:
            number = _number(values[key])
            if number is None or number <= 0:
                bad(key, f"`{key}` must be {CONFIG_KEYS[key]} above 0, not {_describe(values[key])}")
            else:
                settings[key] = number
    timeout = settings.get("idle_timeout", DEFAULT_IDLE_TIMEOUT)
    warning = settings.get("idle_warning", DEFAULT_IDLE_WARNING)
    if "idle_warning" in settings and warning < MIN_IDLE_WARNING:
        bad(
            "idle_warning",
            f"`idle_warning` is {warning:g} s; it must be at least {MIN_IDLE_WARNING:g} s so a visitor has "
            "time to answer it (WCAG 2.2.1)",
        )
    elif ("idle_timeout" in settings or "idle_warning" in settings) and timeout < warning:
        key = "idle_timeout" if "idle_timeout" in settings else "idle_warning"
        bad(
            key,
            f"`idle_timeout` ({timeout:g} s) is shorter than `idle_warning` ({warning:g} s); the time "
            "before the warning must be at least as long as the warning",
        )
    if "theme" in values:
        theme = values["theme"]
        if theme not in THEMES:
            close = difflib.get_close_matches(str(theme), THEMES, n=1, cutoff=0.5)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            bad("theme", f"`theme` must be {CONFIG_KEYS['theme']}, not {_describe(theme)}{hint}")
        else:
            settings["theme"] = theme
    if "anonymous_stats" in values:
        if not isinstance(values["anonymous_stats"], bool):
            bad(
                "anonymous_stats",
                f"`anonymous_stats` must be true or false, not {_describe(values['anonymous_stats'])}",
            )
        else:
            settings["anonymous_stats"] = values["anonymous_stats"]
    if "questions_per_visit" in values:
        count = values["questions_per_visit"]
        if (
            isinstance(count, bool)
            or not isinstance(count, int)
            or not MIN_QUESTIONS_PER_VISIT <= count <= MAX_QUESTIONS_PER_VISIT
        ):
            bad(
                "questions_per_visit",
                f"`questions_per_visit` must be {CONFIG_KEYS['questions_per_visit']}, not {_describe(count)}",
            )
        else:
            settings["questions_per_visit"] = count
    if values.get("pin_hash") is not None:
        pin_hash = values["pin_hash"]
        if not isinstance(pin_hash, str) or parse_pin_hash(pin_hash) is None:
            bad("pin_hash", f"`pin_hash` is not a hash made by ketaquiz set-pin; {_set_pin_hint(path)}")
        else:
            settings["pin_hash"] = pin_hash
    elif require_pin and not problems:
        where = lines.get("pin_hash", 0)
        problems.append(
            ConfigProblem(
                path, where, f"no staff PIN is set, so staff could not leave the kiosk; {_set_pin_hint(path)}"
            )
        )
    if problems:
        problems.sort(key=lambda p: p.line)
        raise KioskConfigError(problems)
    return KioskConfig(path=path, **settings)


# ------------------------------------------------------------------------------------------------------------
# set-pin: change only the pin_hash line, atomically

_NEW_CONFIG = """\
# ketaquiz kiosk configuration. Every key but pin_hash is optional; see docs/kiosk.md.
# clinic_name: "Riverside Clinic"
# welcome_text: "A few questions, each one explained. Nothing you answer is kept."
# banks: [/srv/ketaquiz/banks]
# idle_timeout: 120        # seconds without input before the warning
# idle_warning: 30         # seconds of countdown before the visitor's session is cleared (at least 20)
# theme: ketaquiz-dark     # or ketaquiz-light, ketaquiz-contrast
# crisis_text: "In a crisis: call or text 988, or chat at 988lifeline.org. In an emergency, call 911."
# anonymous_stats: false   # true keeps per-question counts only (ketaquiz stats --kiosk)
# questions_per_visit: 5   # 1 to 20, drawn afresh for each visitor
"""


def set_pin_in_config(path: str | os.PathLike[str], pin: str) -> Path:
    """Store the hash of `pin` in the config at `path`, creating the file if missing.

    Of an existing file only the `pin_hash` entry changes (or is added at the end): comments, order and every
    other line stay as they were. The file is replaced atomically (temporary file, fsync, rename), so a crash
    leaves the old config or the new one, never half of one. Raises ValueError for a refused PIN and
    KioskConfigError for a file that is not a YAML mapping.
    """
    path = Path(path)
    pin_line = f'pin_hash: "{hash_pin(pin)}"'
    if path.exists():
        text = _read_text(path)
        root, duplicates = _top_mapping(text, path)
        if root is not None and root.flow:
            raise KioskConfigError(
                [
                    ConfigProblem(
                        path,
                        root.line,
                        "set-pin edits block-style YAML only "
                        "(one `key: value` per line); rewrite the file that way",
                    )
                ]
            )
        if twice := [d for d in duplicates if d.key == "pin_hash"]:
            raise KioskConfigError(
                [ConfigProblem(path, twice[0].line, "`pin_hash` is given twice; remove one")]
            )
        entry = root.value.get("pin_hash") if root is not None else None
        if entry is not None:
            key_node, value_node = entry
            start, end = key_node.start, value_node.end
            # A block scalar (`|`) ends after its last line break: keep one so the next key stays on its line.
            tail = "\n" if text[start:end].endswith("\n") else ""
            new_text = text[:start] + pin_line + tail + text[end:]
        else:
            new_text = text + ("" if text.endswith("\n") or not text else "\n") + pin_line + "\n"
        mode = stat.S_IMODE(path.stat().st_mode)
    else:
        new_text = _NEW_CONFIG + pin_line + "\n"
        mode = 0o600  # the hash is not the PIN, but there is no reason to show it to every account
    _atomic_write(path, new_text, mode)
    return path


def _atomic_write(path: Path, text: str, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
