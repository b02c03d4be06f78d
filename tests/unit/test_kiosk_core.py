"""The kiosk's policy without a screen: config errors, PIN hashing, set-pin editing, wrong-PIN back-off, idle."""

from __future__ import annotations

import logging
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from ketaquiz.core import i18n
from ketaquiz.core.kiosk import (
    IdlePolicy,
    IdleState,
    KioskConfig,
    KioskConfigError,
    PinGuard,
    PinResult,
    hash_pin,
    load_kiosk_config,
    pin_problem,
    set_pin_in_config,
    verify_pin,
)
from ketaquiz.core.kiosk import config as kiosk_config
from ketaquiz.core.kiosk.crisis import (
    crisis_form,
    crisis_lines,
    crisis_words,
    default_crisis_short,
    default_crisis_text,
)
from ketaquiz.core.kiosk.visit import draw_visit, visit_length
from ketaquiz.core.model import Bank
from ketaquiz.core.safety import CRISIS_SHORT_US, CRISIS_TEXT_US
from tests.factories import make_bank, make_question


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin("2468")


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    yield
    i18n.set_language("en")


def write(tmp_path: Path, text: str, name: str = "kiosk.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(KioskConfigError) as info:
        load_kiosk_config(path)
    assert info.value.path == path
    return [str(p) for p in info.value.problems]


# ----------------------------------------------------------------------------------------------------------------
# Config


def test_a_config_with_only_the_pin_hash_takes_every_default(tmp_path: Path, pin_hash: str) -> None:
    path = write(tmp_path, f'pin_hash: "{pin_hash}"\n')
    config = load_kiosk_config(path)
    assert config == KioskConfig(path=path, pin_hash=pin_hash)
    assert config.idle_timeout == 120
    assert config.idle_warning == 30
    assert config.crisis_text == CRISIS_TEXT_US
    assert config.anonymous_stats is False
    assert config.theme == "ketaquiz-dark"
    assert config.banks == ()


def test_a_full_config_is_read(tmp_path: Path, pin_hash: str) -> None:
    path = write(
        tmp_path,
        f"""# Riverside's kiosk
clinic_name: "Riverside   Clinic"
banks:
  - banks/ours.yaml
  - /srv/other
idle_timeout: 90
idle_warning: 25.5
theme: ketaquiz-contrast
crisis_text: "In a crisis in the UK, call 111 or Samaritans on 116 123."
anonymous_stats: true
pin_hash: '{pin_hash}'
""",
    )
    config = load_kiosk_config(path)
    assert config.clinic_name == "Riverside Clinic"
    assert config.banks == (tmp_path / "banks/ours.yaml", Path("/srv/other"))
    assert (config.idle_timeout, config.idle_warning) == (90, 25.5)
    assert config.theme == "ketaquiz-contrast"
    assert config.crisis_text.startswith("In a crisis in the UK")
    assert config.anonymous_stats is True


def test_a_bilingual_config_gives_its_texts_per_language(tmp_path: Path, pin_hash: str) -> None:
    path = write(
        tmp_path,
        f"""languages: [en, es]
clinic_name: {{en: "Riverside Clinic", es: "Clínica Riverside"}}
welcome_text: "Ask at the desk / Pregunte en la recepción."
pin_hash: '{pin_hash}'
""",
    )
    config = load_kiosk_config(path)
    assert config.languages == ("en", "es")
    assert config.clinic_name == {"en": "Riverside Clinic", "es": "Clínica Riverside"}
    assert config.shown("clinic_name") == "Riverside Clinic"
    assert config.shown("welcome_text") == "Ask at the desk / Pregunte en la recepción."
    assert config.shown("crisis_text") == CRISIS_TEXT_US
    i18n.set_language("es")
    assert config.shown("clinic_name") == "Clínica Riverside"
    assert config.shown("welcome_text") == "Ask at the desk / Pregunte en la recepción."  # one text for both
    # The defaults follow the language.
    assert config.shown("crisis_text") == CRISIS_ES
    assert (
        KioskConfig().shown("welcome_text")
        == "Unas pocas preguntas, cada una explicada. No se guarda nada de lo que responda."
    )
    assert KioskConfig().shown("clinic_name") == "Le damos la bienvenida"


def test_languages_default_to_english_and_may_be_one_code(tmp_path: Path, pin_hash: str) -> None:
    assert KioskConfig().languages == ("en",)
    path = write(tmp_path, f"languages: ES\npin_hash: '{pin_hash}'\n")
    assert load_kiosk_config(path).languages == ("es",)


def test_the_words_of_config_keys_match_the_constants() -> None:
    # CONFIG_KEYS is written out for the catalog; these are the values it names.
    keys = kiosk_config.CONFIG_KEYS
    assert keys["theme"] == "one of " + ", ".join(kiosk_config.THEMES)
    low, high = kiosk_config.MIN_QUESTIONS_PER_VISIT, kiosk_config.MAX_QUESTIONS_PER_VISIT
    assert keys["questions_per_visit"] == f"a whole number from {low} to {high}"
    assert keys["languages"] == "a list of languages: " + ", ".join(i18n.LANGUAGES)


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("clinic_nme: X\n", 1, "unknown key `clinic_nme`; did you mean `clinic_name`?"),
        ("idle_timout: 100\n", 1, "did you mean `idle_timeout`?"),
        ("colour: red\n", 1, "unknown key `colour`; the keys are clinic_name, banks"),
        ("idle_timeout: soon\n", 1, "`idle_timeout` must be a number of seconds above 0, not str 'soon'"),
        ("idle_timeout: true\n", 1, "`idle_timeout` must be a number of seconds above 0, not `true`"),
        ("idle_warning: 15\n", 1, "`idle_warning` is 15 s; it must be at least 20 s"),
        ("idle_timeout: 25\n", 1, "`idle_timeout` (25 s) is shorter than `idle_warning` (30 s)"),
        (
            "# c\nidle_timeout: 40\nidle_warning: 45\n",
            2,
            "`idle_timeout` (40 s) is shorter than `idle_warning`",
        ),
        ("theme: ketaquiz-drak\n", 1, "did you mean `ketaquiz-dark`?"),
        ("anonymous_stats: 'yes'\n", 1, "`anonymous_stats` must be true or false"),
        ("banks: 3\n", 1, "`banks` must be a list of bank files or folders"),
        ("banks: []\n", 1, "`banks` must be a list of bank files or folders"),
        (
            "clinic_name: ''\n",
            1,
            "`clinic_name` must be text, or a text per language ({en: ..., es: ...}), not str ''",
        ),
        (
            "clinic_name: [a]\n",
            1,
            "`clinic_name` must be text, or a text per language ({en: ..., es: ...}), not a list",
        ),
        ('clinic_name: "A\\x1b[2Jb"\n', 1, "`clinic_name` holds a control character"),
        ("clinic_name: " + "x" * 81 + "\n", 1, "`clinic_name` is 81 characters; keep it to 80"),
        (
            "crisis_text: null\n",
            1,
            "`crisis_text` must be text, or a text per language ({en: ..., es: ...}), not empty",
        ),
        ("a: 1\nb: [\n", 3, "not valid YAML"),
        ("- one\n- two\n", 1, "the config must be a mapping"),
        ("theme: ketaquiz-dark\ntheme: ketaquiz-light\n", 2, "`theme` is given twice (first on line 1)"),
        ("pin_hash: 'hunter2'\n", 1, "`pin_hash` is not a hash made by ketaquiz set-pin"),
        ("clinic_name: !!python/object:os.system x\n", 1, "YAML tags such as"),
        # The one hardened YAML reader (core.safe_yaml) reads the config too: no anchors, aliases or merge keys.
        ("clinic_name: &n Riverside\ncrisis_text: *n\n", 1, "YAML anchors (&name) are not allowed"),
        ("crisis_text: *n\n", 1, "YAML aliases (*name) are not allowed in a kiosk config"),
        ("<<: {theme: ketaquiz-light}\n", 1, "YAML merge keys (<<) are not allowed"),
        ("theme: ketaquiz-dark\n---\ntheme: ketaquiz-light\n", 2, "one YAML document, not several"),
        # Escapes decode to control characters; the safe-text rule refuses them after decoding.
        ('crisis_text: "Call \\e]0;pwned\\a 988"\n', 1, "`crisis_text` holds a control character"),
        ('clinic_name: "\\u202eCINILC"\n', 1, "`clinic_name` holds a control character"),
        ('banks: ["a\\x07.yaml"]\n', 1, "`banks` holds a control character"),
        ("clinic_name: \x1b[2J\n", 1, "control or text-direction character U+001B"),
        (
            "questions_per_visit: 0\n",
            1,
            "`questions_per_visit` must be a whole number from 1 to 20, not int 0",
        ),
        ("questions_per_visit: 21\n", 1, "must be a whole number from 1 to 20, not int 21"),
        ("questions_per_visit: 2.5\n", 1, "must be a whole number from 1 to 20, not float 2.5"),
        ("questions_per_visit: five\n", 1, "must be a whole number from 1 to 20, not str 'five'"),
        ("questions_per_visit: true\n", 1, "must be a whole number from 1 to 20, not `true`"),
        ("question_per_visit: 5\n", 1, "did you mean `questions_per_visit`?"),
        (
            "welcome_text: ''\n",
            1,
            "`welcome_text` must be text, or a text per language ({en: ..., es: ...}), not str ''",
        ),
        (
            "welcome_text: [a]\n",
            1,
            "`welcome_text` must be text, or a text per language ({en: ..., es: ...}), not a list",
        ),
        ("welcome_text: " + "x" * 301 + "\n", 1, "`welcome_text` is 301 characters; keep it to 300"),
        ('welcome_text: "Hi\\x1b[2J"\n', 1, "`welcome_text` holds a control character"),
        ("welcom_text: Hi\n", 1, "did you mean `welcome_text`?"),
        # Languages, and the visitor texts given per language.
        (
            "languages: [en, sp]\n",
            1,
            "`languages`: `sp` is not a language the kiosk speaks (it speaks en, es); did you mean `es`?",
        ),
        (
            "languages: [English, Spanish]\n",
            1,
            "`English` is not a language the kiosk speaks (it speaks en, es); did you mean `en`?",
        ),
        ("languages: []\n", 1, "`languages` must be a list of languages: en, es, not a list"),
        ("languages: 3\n", 1, "`languages` must be a list of languages: en, es, not int 3"),
        ("languages: [es, en, es]\n", 1, "`languages` lists `es` twice"),
        ("languages: [en, 5]\n", 1, "`languages`: `5` is not a language the kiosk speaks"),
        ("clinic_name: {en: A, fr: B}\n", 1, "`clinic_name`: `fr` is not a language the kiosk speaks"),
        (
            "# c\nlanguages: [en, es]\nclinic_name: {en: A}\n",
            3,
            "`clinic_name` has no text for `es` (Español)",
        ),
        ("crisis_text: {es: Llame}\n", 1, "`crisis_text` has no text for `en` (English), one of the kiosk's"),
        ("welcome_text: {en: ''}\n", 1, "`welcome_text.en` must be text, not str ''"),
        ("welcome_text: {en: [a]}\n", 1, "`welcome_text.en` must be text, not a list"),
        (
            "crisis_text: {}\n",
            1,
            "`crisis_text` must be text, or a text per language ({en: ..., es: ...}), not a mapping",
        ),
        ("clinic_name: {en: " + "x" * 81 + "}\n", 1, "`clinic_name.en` is 81 characters; keep it to 80"),
        ('clinic_name: {en: "A\\x1b[2J"}\n', 1, "`clinic_name` holds a control character"),
        ("langauges: [en]\n", 1, "did you mean `languages`?"),
    ],
)
def test_each_config_error_names_file_line_and_problem(
    tmp_path: Path, pin_hash: str, text: str, line: int, expected: str
) -> None:
    path = write(tmp_path, text)
    found = problems_of(path)
    assert any(p.startswith(f"{path}:{line}: error: ") and expected in p for p in found), found


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "clinic_nme: X\nidle_warning: 5\ntheme: pink\n")
    found = problems_of(path)
    assert [p.split(": error: ")[0] for p in found] == [f"{path}:1", f"{path}:2", f"{path}:3"]


def test_a_missing_pin_hash_says_how_to_set_one(tmp_path: Path) -> None:
    path = write(tmp_path, "clinic_name: Riverside\n")
    (message,) = problems_of(path)
    assert message == (
        f"{path}: error: no staff PIN is set, so staff could not leave the kiosk; "
        f"set one with: ketaquiz set-pin --config {path}"
    )
    assert load_kiosk_config(path, require_pin=False).clinic_name == "Riverside"


def test_a_missing_file_is_an_error_that_names_it(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    (message,) = problems_of(path)
    assert message.startswith(f"{path}: error: no kiosk config here")
    assert f"ketaquiz set-pin --config {path}" in message


def test_a_folder_or_binary_file_is_an_error(tmp_path: Path) -> None:
    assert "a folder" in problems_of(tmp_path)[0]
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"clinic_name: x\n\xff\xfe\n")
    assert problems_of(binary) == [f"{binary}:2: error: the file is not UTF-8 text"]


def test_an_empty_file_only_lacks_the_pin(tmp_path: Path) -> None:
    path = write(tmp_path, "# nothing yet\n")
    (message,) = problems_of(path)
    assert "no staff PIN is set" in message


# ----------------------------------------------------------------------------------------------------------------
# PIN hashing


def test_a_pin_hash_is_salted_scrypt_with_its_parameters(pin_hash: str) -> None:
    assert pin_hash.startswith("scrypt$n=16384,r=8,p=1$")
    assert "2468" not in pin_hash
    assert hash_pin("2468") != pin_hash  # a new salt every time
    assert verify_pin("2468", pin_hash)
    assert not verify_pin("2469", pin_hash)
    assert not verify_pin("", pin_hash)


def test_the_same_salt_gives_the_same_hash() -> None:
    salt = bytes(range(16))
    assert hash_pin("abcd", salt=salt) == hash_pin("abcd", salt=salt)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "scrypt$n=16384,r=8,p=1$AAAA$BBBB",  # salt and key too short
        "scrypt$n=1000,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",  # n not 2^k
        "scrypt$n=1073741824,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2$whatever",
    ],
)
def test_a_malformed_hash_never_verifies(bad: str) -> None:
    assert not verify_pin("2468", bad)


def test_a_hash_with_other_parameters_still_verifies() -> None:
    # Parameters travel in the hash, so a config written with stronger settings keeps working.
    import base64
    import hashlib

    salt = b"0123456789abcdef"
    key = hashlib.scrypt(b"1357", salt=salt, n=2**15, r=8, p=2, dklen=32, maxmem=2**27)
    stored = f"scrypt$n=32768,r=8,p=2${base64.b64encode(salt).decode()}${base64.b64encode(key).decode()}"
    assert verify_pin("1357", stored)
    assert not verify_pin("1358", stored)


@pytest.mark.parametrize(
    ("pin", "ok"),
    [
        ("1234", True),
        ("abcd", True),
        ("123", False),
        (" 1234", False),
        ("12\x0034", False),
        ("9" * 65, False),
    ],
)
def test_pin_rules(pin: str, ok: bool) -> None:
    assert (pin_problem(pin) is None) is ok
    if not ok:
        with pytest.raises(ValueError):
            hash_pin(pin)


# ----------------------------------------------------------------------------------------------------------------
# set-pin


def test_set_pin_creates_a_commented_config(tmp_path: Path) -> None:
    path = tmp_path / "new" / "kiosk.yaml"
    set_pin_in_config(path, "8642")
    config = load_kiosk_config(path)
    assert config.pin_hash is not None and verify_pin("8642", config.pin_hash)
    assert config.clinic_name == KioskConfig().clinic_name
    assert "# clinic_name:" in path.read_text()
    assert path.stat().st_mode & 0o777 == 0o600


CLINIC_CONFIG = """\
# Riverside clinic kiosk, set up by Dana
clinic_name: Riverside   # shown big
pin_hash: "{old}"   # from set-pin
idle_timeout: 150

# the end
"""


def test_set_pin_changes_only_the_pin_line(tmp_path: Path, pin_hash: str) -> None:
    path = write(tmp_path, CLINIC_CONFIG.format(old=pin_hash))
    path.chmod(0o640)
    set_pin_in_config(path, "9999")
    before = CLINIC_CONFIG.format(old=pin_hash).splitlines()
    after = path.read_text().splitlines()
    assert len(after) == len(before)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [2]
    assert after[2].startswith('pin_hash: "scrypt$') and after[2].endswith('"   # from set-pin')
    config = load_kiosk_config(path)
    assert verify_pin("9999", config.pin_hash or "") and not verify_pin("2468", config.pin_hash or "")
    assert config.idle_timeout == 150
    assert path.stat().st_mode & 0o777 == 0o640  # the file keeps its permissions
    assert [p.name for p in tmp_path.iterdir()] == ["kiosk.yaml"]  # no temporary file left behind


@pytest.mark.parametrize(
    "line", ["pin_hash:", "pin_hash: null", "pin_hash: ''", "pin_hash: |\n  old\n  stuff"]
)
def test_set_pin_fills_an_empty_or_odd_pin_entry(tmp_path: Path, line: str) -> None:
    path = write(tmp_path, f"clinic_name: A\n{line}\ntheme: ketaquiz-light\n")
    set_pin_in_config(path, "1111")
    text = path.read_text()
    assert text.startswith('clinic_name: A\npin_hash: "scrypt$')
    assert text.endswith("\ntheme: ketaquiz-light\n")
    assert load_kiosk_config(path).theme == "ketaquiz-light"


def test_set_pin_appends_when_there_is_no_pin_line(tmp_path: Path) -> None:
    path = write(tmp_path, "# keep me\nclinic_name: A")  # no newline at the end
    set_pin_in_config(path, "1111")
    lines = path.read_text().splitlines()
    assert lines[:2] == ["# keep me", "clinic_name: A"]
    assert lines[2].startswith('pin_hash: "scrypt$')


def test_set_pin_refuses_a_file_it_cannot_edit_safely(tmp_path: Path) -> None:
    flow = write(tmp_path, "{clinic_name: A, pin_hash: x}\n", "flow.yaml")
    with pytest.raises(KioskConfigError, match="block-style"):
        set_pin_in_config(flow, "1111")
    broken = write(tmp_path, "clinic_name: [\n", "broken.yaml")
    with pytest.raises(KioskConfigError, match="not valid YAML"):
        set_pin_in_config(broken, "1111")
    assert broken.read_text() == "clinic_name: [\n"


def test_set_pin_leaves_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "clinic_name: A\n")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kiosk_config.os, "replace", broken_replace)
    with pytest.raises(OSError):
        set_pin_in_config(path, "1111")
    assert path.read_text() == "clinic_name: A\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kiosk.yaml"]


# ----------------------------------------------------------------------------------------------------------------
# Wrong-PIN back-off


def test_three_misses_then_a_30_second_wait_doubling(pin_hash: str, caplog: pytest.LogCaptureFixture) -> None:
    clock = FakeClock()
    guard = PinGuard(pin_hash, clock=clock)
    caplog.set_level(logging.INFO, logger="ketaquiz.kiosk")
    assert guard.check("0000") is PinResult.WRONG
    assert guard.wait_remaining() == 0
    assert guard.check("0001") is PinResult.WRONG
    assert guard.wait_remaining() == 0
    assert guard.check("0002") is PinResult.WRONG
    assert guard.wait_remaining() == 30
    # During the wait nothing is checked, not even the right PIN, and nothing more is counted.
    assert guard.check("2468") is PinResult.WAIT
    clock.advance(29.9)
    assert guard.check("0003") is PinResult.WAIT
    assert guard.misses == 3
    clock.advance(0.1)
    assert guard.check("0003") is PinResult.WRONG
    assert guard.wait_remaining() == 60
    clock.advance(60)
    assert guard.check("0004") is PinResult.WRONG
    assert guard.wait_remaining() == 120
    clock.advance(120)
    assert guard.check("2468") is PinResult.RIGHT
    assert guard.misses == 0 and guard.total_misses == 5
    assert guard.check("0005") is PinResult.WRONG and guard.wait_remaining() == 0  # the count starts over
    messages = [r.getMessage() for r in caplog.records]
    assert "wrong staff PIN (3 in a row, 3 since start); next try in 30 s" in messages
    assert not any(p in m for m in messages for p in ("0000", "0003", "2468"))  # never the PIN typed


def test_the_wait_stops_doubling_at_an_hour(pin_hash: str) -> None:
    clock = FakeClock()
    guard = PinGuard(pin_hash, clock=clock)
    waits = []
    for _ in range(12):
        guard.check("0000")
        waits.append(guard.wait_remaining())
        clock.advance(guard.wait_remaining())
    assert waits[:6] == [0, 0, 30, 60, 120, 240]
    assert max(waits) == 3600 and waits[-1] == 3600


# ----------------------------------------------------------------------------------------------------------------
# Idle


def test_idle_policy_warns_then_resets_and_input_starts_over() -> None:
    clock = FakeClock()
    idle = IdlePolicy(timeout=120, warning=30, clock=clock)
    assert idle.state() is IdleState.ACTIVE
    clock.advance(119.9)
    assert idle.state() is IdleState.ACTIVE
    clock.advance(0.1)
    assert idle.state() is IdleState.WARNING
    assert idle.seconds_to_reset() == pytest.approx(30)
    clock.advance(20)
    assert idle.seconds_to_reset() == pytest.approx(10)
    idle.touch()  # "I'm still here"
    assert idle.state() is IdleState.ACTIVE
    assert idle.idle_for() == 0
    clock.advance(150)
    assert idle.state() is IdleState.RESET
    assert idle.seconds_to_reset() == 0


def test_idle_policy_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        IdlePolicy(timeout=0, warning=30)


def test_set_pin_finds_its_line_after_text_beyond_ascii(tmp_path: Path) -> None:
    # The reader's spans count characters, so accents and emoji before pin_hash do not shift the edit.
    before = 'clinic_name: "Clínica Señora 😀"\n# café ☕\n'
    path = write(tmp_path, before + 'pin_hash: "old"  # kept\ntheme: ketaquiz-light\n')
    set_pin_in_config(path, "2468")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(before) and text.endswith("  # kept\ntheme: ketaquiz-light\n")
    config = load_kiosk_config(path)
    assert (
        config.pin_hash and verify_pin("2468", config.pin_hash) and config.clinic_name == "Clínica Señora 😀"
    )


# ----------------------------------------------------------------------------------------------------------------
# Short visits


def test_questions_per_visit_defaults_to_5_and_is_read(tmp_path: Path, pin_hash: str) -> None:
    assert load_kiosk_config(write(tmp_path, f"pin_hash: {pin_hash!r}\n")).questions_per_visit == 5
    path = write(tmp_path, f"pin_hash: {pin_hash!r}\nquestions_per_visit: 12\n")
    assert load_kiosk_config(path).questions_per_visit == 12


def essentials_bank(n_essential: int, n_other: int) -> Bank:
    questions = tuple(
        make_question(f"q{i}")._replace(essential=i < n_essential) for i in range(n_essential + n_other)
    )
    return make_bank(questions=questions)


@pytest.mark.parametrize(
    ("n_essential", "n_other", "per_visit", "essentials", "others"),
    [
        (10, 10, 5, 3, 2),  # essentials fill at most half, rounded up
        (10, 10, 4, 2, 2),
        (1, 10, 5, 1, 4),  # fewer essentials than half: the others fill the rest
        (0, 10, 5, 0, 5),
        (10, 1, 5, 4, 1),  # too few others: more essentials, so the visit is still 5 long
        (2, 1, 5, 2, 1),  # a bank smaller than a visit: all of it
        (10, 10, 1, 1, 0),
    ],
)
def test_a_visit_draws_its_questions_with_essentials_at_most_half(
    n_essential: int, n_other: int, per_visit: int, essentials: int, others: int
) -> None:
    bank = essentials_bank(n_essential, n_other)
    drawn = draw_visit(bank, per_visit, random.Random(3))
    assert len({q.id for q in drawn}) == len(drawn) == visit_length(bank, per_visit) == essentials + others
    assert sum(q.essential for q in drawn) == essentials


def test_each_visit_draws_afresh() -> None:
    bank = essentials_bank(6, 14)
    rng = random.Random(1)
    draws = {tuple(q.id for q in draw_visit(bank, 5, rng)) for _ in range(20)}
    assert len(draws) > 10
    assert all(len(d) == 5 for d in draws)


def test_welcome_text_has_a_default_and_is_read(tmp_path: Path, pin_hash: str) -> None:
    default = load_kiosk_config(write(tmp_path, f"pin_hash: {pin_hash!r}\n")).welcome_text
    assert default == "A few questions, each one explained. Nothing you answer is kept."
    path = write(tmp_path, f"pin_hash: {pin_hash!r}\nwelcome_text: |\n  Ask us anything\n  at the desk.\n")
    assert load_kiosk_config(path).welcome_text == "Ask us anything at the desk."


# ----------------------------------------------------------------------------------------------------------------
# The crisis line

UK = "In a crisis in the UK: call 111, or Samaritans free on 116 123. In an emergency, call 999."
CRISIS_ES = "En una crisis: llame o envíe un mensaje de texto al 988 (hay ayuda en español). En una emergencia, llame al 911."


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        (UK, ["116 123", "111,", "999."]),
        ("Call 1 800 273 8255 or visit https://example.org/help-now today.", ["1 800 273 8255"]),
        (CRISIS_TEXT_US, ["988lifeline.org."]),
        (CRISIS_ES, ["988", "911."]),
    ],
)
@pytest.mark.parametrize("width", range(30, 90))
def test_the_crisis_line_never_breaks_a_phone_number_or_web_address(
    text: str, whole: list[str], width: int
) -> None:
    lines = crisis_lines(text, width)
    assert " ".join(lines) == " ".join(text.split())
    assert all(len(line) <= width for line in lines)
    for unit in whole:
        assert any(unit in line for line in lines), (unit, lines)
    if "https://example.org/help-now" in text:
        assert any("https://example.org/help-now" in line for line in lines)


def test_the_crisis_line_fits_80_columns_and_has_a_short_us_form() -> None:
    # 80 columns less the line's padding: two lines, every number whole.
    assert crisis_lines(crisis_form(CRISIS_TEXT_US, 80), 76) == [
        "In a crisis: call or text 988, or chat at 988lifeline.org. In an emergency,",
        "call 911.",
    ]
    assert crisis_form(CRISIS_TEXT_US, 79) == CRISIS_SHORT_US
    assert crisis_form(UK, 40) == UK  # a clinic's own text is always shown whole
    assert crisis_words("call 116 123. Or 999, then 111") == ["call", "116 123.", "Or", "999,", "then", "111"]


def test_the_crisis_line_in_spanish() -> None:
    assert default_crisis_text() == CRISIS_TEXT_US and default_crisis_short() == CRISIS_SHORT_US
    i18n.set_language("es")
    assert default_crisis_text() == CRISIS_ES
    short = default_crisis_short()
    assert short == "¿Crisis? Llame o envíe un texto al 988 (en español)"
    # The short form takes one line on narrow screens (60 columns, less the line's padding), as the English one.
    assert len(short) <= len(CRISIS_SHORT_US) + 4 and crisis_lines(short, 56) == [short]
    # 80 columns: the full text in two lines; narrower: the short form, whichever language the default is given in.
    assert crisis_lines(crisis_form(CRISIS_ES, 80), 76) == [
        "En una crisis: llame o envíe un mensaje de texto al 988 (hay ayuda en",
        "español). En una emergencia, llame al 911.",
    ]
    assert crisis_form(CRISIS_ES, 79) == short and crisis_form(CRISIS_TEXT_US, 60) == short
    assert crisis_form(UK, 40) == UK
