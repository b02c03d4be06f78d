"""The kiosk config file: reading and checking it (one `KioskConfigError` listing every problem as
`file:line: error: message`; a kiosk never starts half-configured) and `set_pin_in_config`, which changes only the
`pin_hash` line and writes the file atomically. Read by the one hardened YAML reader (core.safe_yaml); every text
value passes the safe-text rule (core.safe_text).

A kiosk may speak several languages (`languages: [en, es]`); the texts a visitor reads (`clinic_name`,
`welcome_text`, `crisis_text`) are then either one text for every language or a mapping with one per language.
"""

from __future__ import annotations

import difflib
import math
import os
import stat
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ketaquiz.core.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, language
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

DEFAULT_THEME = "ketaquiz-dark"  # i18n: not shown (a theme's name)
THEMES = ("ketaquiz-dark", "ketaquiz-light", "ketaquiz-contrast")  # i18n: not shown (theme names)
"""The themes the front ends define (the core cannot ask Textual, so the names live here too)."""
DEFAULT_LANGUAGES = ("en",)
DEFAULT_CLINIC_NAME = N_("Welcome")
DEFAULT_WELCOME_TEXT = N_("A few questions, each one explained. Nothing you answer is kept.")
MAX_CONFIG_BYTES = 64 * 1024

VisitorText = str | Mapping[str, str]
"""One text for every language, or a text per language (`{"en": ..., "es": ...}`)."""

VISITOR_TEXTS: dict[str, tuple[str, int]] = {
    "clinic_name": (DEFAULT_CLINIC_NAME, 80),
    "welcome_text": (DEFAULT_WELCOME_TEXT, 300),
    "crisis_text": (CRISIS_TEXT_US, 300),
}
"""The texts a visitor reads that a clinic may set: their defaults (shown in the visit's language) and their
longest length."""

PER_LANGUAGE = " ({en: ..., es: ...})"  # i18n: not shown (YAML, after the words of CONFIG_KEYS)

LANGUAGE_WORDS = {"english": "en", "spanish": "es", "español": "es", "espanol": "es", "castellano": "es"}
"""Language names staff may write instead of a code, for the "did you mean" hint."""


# ------------------------------------------------------------------------------------------------------------
# The config


@dataclass(frozen=True, slots=True)
class KioskConfig:
    """A kiosk's settings; every field but the PIN hash has a default."""

    path: Path | None = None
    """The file it was read from (None when built in code, as tests do)."""
    clinic_name: VisitorText = DEFAULT_CLINIC_NAME
    """Shown large on the welcome screen."""
    welcome_text: VisitorText = DEFAULT_WELCOME_TEXT
    """The clinic's words under the kiosk's one line on what this is, on the welcome screen."""
    banks: tuple[Path, ...] = ()
    """Bank files or folders; empty means the bundled banks. Relative paths start at the config's folder."""
    idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    """Seconds without input before the warning."""
    idle_warning: float = DEFAULT_IDLE_WARNING
    """Seconds of countdown in the warning before the visitor's session is cleared."""
    theme: str = DEFAULT_THEME
    crisis_text: VisitorText = CRISIS_TEXT_US
    """Shown on every screen; change it for a country outside the US."""
    anonymous_stats: bool = False
    """Keep per-question counts (shown, answered, right) in the data folder's store. Never who, never in what
    order."""
    pin_hash: str | None = None
    """The staff PIN's scrypt hash, written by `ketaquiz set-pin`."""
    questions_per_visit: int = DEFAULT_QUESTIONS_PER_VISIT
    """How many questions a visit asks, drawn afresh for each visitor (fewer when a bank is smaller)."""
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    """The languages a visitor may choose, the first one at the start and after each reset."""

    def shown(self, key: str) -> str:
        """The text `key` (clinic_name, welcome_text or crisis_text) in the interface language: the clinic's text
        for that language, or the default in it."""
        value = getattr(self, key)
        if not isinstance(value, str):
            value = value.get(language()) or value.get(self.languages[0]) or next(iter(value.values()))
        default = VISITOR_TEXTS[key][0]
        return _(default) if value == default else value


CONFIG_KEYS: dict[str, str] = {
    "clinic_name": N_("text, or a text per language"),
    "banks": N_("a list of bank files or folders"),
    "idle_timeout": N_("a number of seconds above 0"),
    "idle_warning": N_("a number of seconds above 0"),
    "theme": N_("one of ketaquiz-dark, ketaquiz-light, ketaquiz-contrast"),
    "crisis_text": N_("text, or a text per language"),
    "anonymous_stats": N_("true or false"),
    "pin_hash": N_("a hash written by `ketaquiz set-pin`"),
    "questions_per_visit": N_("a whole number from 1 to 20"),
    "welcome_text": N_("text, or a text per language"),
    "languages": N_("a list of languages: en, es"),
}
"""Every key a config may hold, with what its value must be (for error messages; translated where shown). The
themes, the range of questions_per_visit and the languages are written out (a test holds them to the constants)."""


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """One thing wrong with a kiosk config."""

    path: Path
    line: int
    """1-based; 0 when the problem has no line (a missing file, a missing key)."""
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return (
            f"{where}: error: {self.message}"  # i18n: not shown (the `file:line: error:` format of findings)
        )


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


def _refuse(path: Path, line: int, message: str) -> NoReturn:
    """Stop reading the config at a problem that leaves nothing else to check."""
    raise KioskConfigError([ConfigProblem(path, line, message)])


def _set_pin_hint(path: Path) -> str:
    return _("set one with: ketaquiz set-pin --config {path}").format(path=path)


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            _refuse(
                path,
                0,
                _("the file is {size} bytes; a kiosk config is at most {most}").format(
                    size=size, most=MAX_CONFIG_BYTES
                ),
            )
        data = path.read_bytes()
    except FileNotFoundError:
        _refuse(
            path,
            0,
            _(
                "no kiosk config here; create one by setting the staff PIN: ketaquiz set-pin --config {path}"
            ).format(path=path),
        )
    except IsADirectoryError:
        _refuse(path, 0, _("this is a folder, not a config file"))
    except OSError as exc:
        _refuse(path, 0, _("cannot read it ({reason})").format(reason=exc.strerror or exc))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        _refuse(path, data[: exc.start].count(b"\n") + 1, _("the file is not UTF-8 text"))


def _top_mapping(text: str, path: Path) -> tuple[SpanNode | None, list[Duplicate]]:
    """The top-level mapping (read by the one hardened YAML reader, which refuses anchors, aliases, tags and merge
    keys) and its repeated keys; None for a file with nothing in it (comments only)."""
    from ketaquiz.core.safe_yaml import SpanNode, YamlRefused, read_yaml

    if (index := first_unsafe(text, raw_file=True)) is not None:
        _refuse(path, text.count("\n", 0, index) + 1, unsafe_message(text, index, _("the config")))
    try:
        node, duplicates = read_yaml(text, what=_("a kiosk config"), floats=True, spans=True)
    except YamlRefused as exc:
        if exc.empty:
            return None, []
        _refuse(path, exc.line, exc.message)
    assert isinstance(node, SpanNode)
    if node.value is None:  # a document holding only `~` or nothing but a comment
        return None, []
    if not isinstance(node.value, dict):
        _refuse(path, node.line, _("the config must be a mapping of `key: value` lines"))
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


def _describe(value: Any) -> str:
    """A value as an error message names it: "empty", "`true`", "a list", "str 'soon'"."""
    if value is None:
        return _("empty")
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return f"{type(value).__name__} {value!r}"


def _must_be(key: str, value: Any, extra: str = "") -> str:
    """ "`key` must be <what CONFIG_KEYS says>, not <value>"."""
    must_be = CONFIG_KEYS[key]
    return _("`{key}` must be {what}, not {value}").format(
        key=key, what=_(must_be) + extra, value=_describe(value)
    )


# Each key's check: its value from the file -> (the setting, or None and the problem).
Checked = tuple[Any, str | None]


def _language_code(key: str, value: Any) -> Checked:
    """A language code of LANGUAGES, as `languages` or a per-language text's key gives it."""
    code = value.strip().lower() if isinstance(value, str) else None
    if code in LANGUAGES:
        return code, None
    close = LANGUAGE_WORDS.get(code or "") or next(
        iter(difflib.get_close_matches(code or "", LANGUAGES, n=1, cutoff=0.5)), None
    )
    hint = _("; did you mean `{code}`?").format(code=close) if close else ""
    return None, _("`{key}`: `{value}` is not a language the kiosk speaks (it speaks {codes}){hint}").format(
        key=key, value=value, codes=", ".join(LANGUAGES), hint=hint
    )


def _check_languages(value: Any) -> Checked:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        return None, _must_be("languages", value)
    codes: list[str] = []
    for item in items:
        code, problem = _language_code("languages", item)
        if problem:
            return None, problem
        if code in codes:
            return None, _("`languages` lists `{code}` twice").format(code=code)
        codes.append(code)
    return tuple(codes), None


def _one_text(key: str, value: Any, limit: int, what: str) -> Checked:
    """One line of plain text (runs of white space, newlines too, become one space) within `limit`."""
    if not isinstance(value, str) or not value.strip():
        return None, _("`{key}` must be {what}, not {value}").format(
            key=key, what=what, value=_describe(value)
        )
    text = " ".join(value.split())
    if len(text) > limit:
        return None, _("`{key}` is {n} characters; keep it to {limit} so it fits on the screen").format(
            key=key, n=len(text), limit=limit
        )
    return text, None


def _check_visitor_text(key: str) -> Callable[[Any], Checked]:
    """The check of a text a visitor reads: one text, or a mapping of language codes to texts."""
    limit = VISITOR_TEXTS[key][1]

    def check(value: Any) -> Checked:
        if not isinstance(value, dict):
            must_be = CONFIG_KEYS[key]
            return _one_text(key, value, limit, _(must_be) + PER_LANGUAGE)
        if not value:
            return None, _must_be(key, value, PER_LANGUAGE)
        texts: dict[str, str] = {}
        for code, text in value.items():
            code, problem = _language_code(key, code)
            if problem is None:
                text, problem = _one_text(f"{key}.{code}", text, limit, _("text"))
            if problem:
                return None, problem
            texts[code] = text
        return texts, None

    return check


def _check_seconds(key: str) -> Callable[[Any], Checked]:
    def check(value: Any) -> Checked:
        number = None if isinstance(value, bool) or not isinstance(value, int | float) else float(value)
        if number is None or not math.isfinite(number) or number <= 0:
            return None, _must_be(key, value)
        return number, None

    return check


def _check_theme(value: Any) -> Checked:
    if value in THEMES:
        return value, None
    close = difflib.get_close_matches(str(value), THEMES, n=1, cutoff=0.5)
    hint = _("; did you mean `{code}`?").format(code=close[0]) if close else ""
    return None, _must_be("theme", value) + hint


def _check_flag(value: Any) -> Checked:
    return (value, None) if isinstance(value, bool) else (None, _must_be("anonymous_stats", value))


def _check_per_visit(value: Any) -> Checked:
    if isinstance(value, bool) or not isinstance(value, int):
        return None, _must_be("questions_per_visit", value)
    if not MIN_QUESTIONS_PER_VISIT <= value <= MAX_QUESTIONS_PER_VISIT:
        return None, _must_be("questions_per_visit", value)
    return value, None


def _check_banks(config_path: Path) -> Callable[[Any], Checked]:
    def check(value: Any) -> Checked:
        items = [value] if isinstance(value, str) else value
        if (
            not isinstance(items, list)
            or not items
            or not all(isinstance(b, str) and b.strip() for b in items)
        ):
            return None, _must_be("banks", value)
        # Relative to the config file, so a clinic can keep its banks next to it.
        return tuple(config_path.parent / Path(b).expanduser() for b in items), None

    return check


def _entries(
    root: SpanNode | None, duplicates: list[Duplicate], path: Path, problems: list[ConfigProblem]
) -> tuple[dict[str, Any], dict[str, int]]:
    """The config's known keys: their plain values and lines (unknown keys, unsafe text and repeated keys go to
    `problems`)."""
    from ketaquiz.core.safe_yaml import plain

    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key, (key_node, value_node) in root.value.items() if root is not None else ():
        line = key_node.line
        if not isinstance(key, str):
            problems.append(ConfigProblem(path, line, _("a key must be a word, not {key!r}").format(key=key)))
        elif key not in CONFIG_KEYS:
            close = difflib.get_close_matches(key, CONFIG_KEYS, n=1, cutoff=0.6)
            hint = (
                _("; did you mean `{key}`?").format(key=close[0])
                if close
                else _("; the keys are {keys}").format(keys=", ".join(CONFIG_KEYS))
            )
            problems.append(ConfigProblem(path, line, _("unknown key `{key}`").format(key=key) + hint))
        else:
            lines[key] = line
            value = plain(value_node)
            if _unsafe_text_in(value):
                message = _("`{key}` holds a control character; remove it").format(key=key)
                problems.append(ConfigProblem(path, line, message))
            else:
                values[key] = value
    for dup in duplicates:
        if isinstance(dup.key, str) and dup.key in CONFIG_KEYS:
            message = _("`{key}` is given twice (first on line {line})").format(
                key=dup.key, line=dup.first_line
            )
            problems.append(ConfigProblem(path, dup.line, message))
    return values, lines


def load_kiosk_config(path: str | os.PathLike[str], *, require_pin: bool = True) -> KioskConfig:
    """Read and check a kiosk config. Raises KioskConfigError listing every problem found.

    `require_pin=False` accepts a config without a PIN hash (for tools that only read it).
    """
    path = Path(path)
    root, duplicates = _top_mapping(_read_text(path), path)
    problems: list[ConfigProblem] = []
    values, lines = _entries(root, duplicates, path, problems)

    def bad(key: str, message: str) -> None:
        problems.append(ConfigProblem(path, lines.get(key, 0), message))

    checks: dict[str, Callable[[Any], Checked]] = {
        **{key: _check_visitor_text(key) for key in VISITOR_TEXTS},
        "banks": _check_banks(path),
        "idle_timeout": _check_seconds("idle_timeout"),
        "idle_warning": _check_seconds("idle_warning"),
        "theme": _check_theme,
        "anonymous_stats": _check_flag,
        "questions_per_visit": _check_per_visit,
        "languages": _check_languages,
    }
    settings: dict[str, Any] = {}
    for key, check in checks.items():
        if key in values:
            setting, problem = check(values[key])
            if problem:
                bad(key, problem)
            else:
                settings[key] = setting
    _check_idle_times(settings, bad)
    # A text given per language needs one for every language the kiosk speaks.
    languages = settings.get("languages", DEFAULT_LANGUAGES)
    for key in VISITOR_TEXTS:
        texts = settings.get(key)
        missing = [code for code in languages if isinstance(texts, dict) and code not in texts]
        if missing:
            bad(
                key,
                _(
                    "`{key}` has no text for `{code}` ({name}), one of the kiosk's `languages`; add one, or give "
                    "one text for every language"
                ).format(key=key, code=missing[0], name=LANGUAGE_NAMES[missing[0]]),
            )
    if values.get("pin_hash") is not None:
        pin_hash = values["pin_hash"]
        if not isinstance(pin_hash, str) or parse_pin_hash(pin_hash) is None:
            bad("pin_hash", _("`pin_hash` is not a hash made by ketaquiz set-pin; ") + _set_pin_hint(path))
        else:
            settings["pin_hash"] = pin_hash
    elif require_pin and not problems:
        message = _("no staff PIN is set, so staff could not leave the kiosk; ") + _set_pin_hint(path)
        problems.append(ConfigProblem(path, lines.get("pin_hash", 0), message))
    if problems:
        problems.sort(key=lambda p: p.line)
        raise KioskConfigError(problems)
    return KioskConfig(path=path, **settings)


def _check_idle_times(settings: dict[str, Any], bad: Callable[[str, str], None]) -> None:
    """The warning lasts at least 20 s (WCAG 2.2.1), and the time before it at least as long as the warning."""
    timeout = settings.get("idle_timeout", DEFAULT_IDLE_TIMEOUT)
    warning = settings.get("idle_warning", DEFAULT_IDLE_WARNING)
    if "idle_warning" in settings and warning < MIN_IDLE_WARNING:
        bad(
            "idle_warning",
            _(
                "`idle_warning` is {warning:g} s; it must be at least {least:g} s so a visitor has time to answer "
                "it (WCAG 2.2.1)"
            ).format(warning=warning, least=MIN_IDLE_WARNING),
        )
    elif ("idle_timeout" in settings or "idle_warning" in settings) and timeout < warning:
        bad(
            "idle_timeout" if "idle_timeout" in settings else "idle_warning",
            _(
                "`idle_timeout` ({timeout:g} s) is shorter than `idle_warning` ({warning:g} s); the time before "
                "the warning must be at least as long as the warning"
            ).format(timeout=timeout, warning=warning),
        )


# ------------------------------------------------------------------------------------------------------------
# set-pin: change only the pin_hash line, atomically

_NEW_CONFIG = (
    "# ketaquiz kiosk configuration. Every key but pin_hash is optional; see docs/kiosk.md.\n"  # i18n: not shown (a file staff edit, commented in English as the docs)
    '# clinic_name: "Riverside Clinic"\n'
    '# welcome_text: "A few questions, each one explained. Nothing you answer is kept."\n'
    "# banks: [/srv/ketaquiz/banks]\n"
    "# idle_timeout: 120        # seconds without input before the warning\n"
    "# idle_warning: 30         # seconds of countdown before the visitor's session is cleared (at least 20)\n"
    "# theme: ketaquiz-dark     # or ketaquiz-light, ketaquiz-contrast\n"
    '# crisis_text: "In a crisis: call or text 988, or chat at 988lifeline.org. In an emergency, call 911."\n'
    "# anonymous_stats: false   # true keeps per-question counts only (ketaquiz stats --kiosk)\n"
    "# questions_per_visit: 5   # 1 to 20, drawn afresh for each visitor\n"
    "# languages: [en]          # or [en, es]: the welcome offers English / Español (docs/kiosk.md)\n"
)


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
            _refuse(
                path,
                root.line,
                _(
                    "set-pin edits block-style YAML only (one `key: value` per line); rewrite the file that way"
                ),
            )
        if twice := [d for d in duplicates if d.key == "pin_hash"]:
            _refuse(path, twice[0].line, _("`pin_hash` is given twice; remove one"))
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
