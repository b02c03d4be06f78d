"""The kiosk as a visitor and as staff meet it: Pilot tests of the app, and the commands run as subprocesses."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static

from ketaquiz.core import i18n
from ketaquiz.core.kiosk import KioskConfig, hash_pin, load_kiosk_config, verify_pin
from ketaquiz.core.model import Bank
from ketaquiz.core.progress import ProgressStore
from ketaquiz.core.safety import CRISIS_SHORT_US
from ketaquiz.tui.kiosk import (
    ESCAPE_KEYS,
    CrisisLine,
    IdleWarningScreen,
    KioskApp,
    QuizScreen,
    StaffPinScreen,
    VisitSummaryScreen,
    WelcomeScreen,
)
from ketaquiz.tui.widgets.choice import ChoiceButton
from ketaquiz.tui.widgets.tile import ActionTile, Tile
from tests.factories import make_bank

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
PIN = "2468"
PIN_HASH = hash_pin(PIN)


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    yield
    i18n.set_language("en")


def make_app(**kwargs: object) -> KioskApp:
    config = KioskConfig(clinic_name="Riverside Clinic", pin_hash=PIN_HASH)
    banks = [make_bank("bank-a", 3, shuffle=False), make_bank("bank-b", 2, shuffle=False)]
    options: dict[str, object] = {"poll_interval": 0.05}
    options.update(kwargs)
    return KioskApp(config, banks, **options)  # type: ignore[arg-type]


async def wait_for(pilot: Pilot, condition: Callable[[], bool], timeout: float = 6.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met in time {what}".strip())
        await pilot.pause(0.05)
    await pilot.pause()  # let what just appeared finish mounting


def key_for(app: KioskApp, *, right: bool) -> str:
    """The digit of the current question's right choice (or of a wrong one): a visit draws its questions in a
    random order, so tests ask which key is which."""
    assert app.visit is not None
    shown = app.visit.session.current
    index = next(i for i, c in enumerate(shown.choices) if c.correct is right)
    return str(index + 1)


def screen_text(app: KioskApp) -> str:
    """Everything the visible screens say (Statics and tiles), for asserting what is and is not shown."""
    parts = []
    for screen in app.screen_stack:
        for widget in screen.query("Static, Tile"):
            if widget.display:
                parts.append(str(widget.render()))
    return "\n".join(parts)


# ----------------------------------------------------------------------------------------------------------------
# A visit


async def test_welcome_shows_clinic_topics_and_crisis_line() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, WelcomeScreen)
        text = screen_text(app)
        assert "Riverside Clinic" in text
        assert "Bank bank-a" in text and "Bank bank-b" in text
        assert "call or text 988" in text
        assert app.theme == "ketaquiz-dark"


async def test_one_key_starts_and_a_quiz_runs_to_the_summary() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.visit is not None and app.visit.session.current.bank.id == "bank-b"
        assert "Question 1 of 2" in screen_text(app)
        await pilot.press(key_for(app, right=True))
        await pilot.pause()
        assert "✓ Right!" in screen_text(app)
        assert "call or text 988" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        qid = app.visit.session.current.question.id
        wrong = key_for(app, right=False)
        await pilot.press(wrong)
        await pilot.pause()
        text = screen_text(app)
        assert (
            "✗ Not quite." in text
            and f"{qid} why not {int(wrong) - 1}" in text
            and "✓ The right answer: " in text
        )
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, VisitSummaryScreen)
        assert "You got 1 of 2 right." in screen_text(app)
        await pilot.click("#done")
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen) and app.visit is None)


async def test_zero_is_i_dont_know_yet_and_the_summary_lists_what_to_ask_the_staff() -> None:
    store = ProgressStore(":memory:")
    app = make_app(stats=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")  # bank-a: 3 questions, in a random order
        await pilot.pause()
        assert app.visit is not None
        asked_ids = [app.visit.session.current.question.id]
        tiles = [tile for tile in app.screen.query(ChoiceButton) if tile.display]
        assert len(tiles) == 4 and (tiles[-1].number, tiles[-1].text) == (0, "I don't know yet")
        await pilot.press("0")
        await pilot.pause()
        text = screen_text(app)
        assert "That's fine — here is the answer." in text and "✓ The right answer: " in text
        assert "Not quite" not in text
        await pilot.press("enter")
        await pilot.pause()
        asked_ids.append(app.visit.session.current.question.id)
        await pilot.press(key_for(app, right=False))  # a misconception worth asking about
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        asked_ids.append(app.visit.session.current.question.id)
        await pilot.press(key_for(app, right=True))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, VisitSummaryScreen)
        text = screen_text(app)
        assert "You got 1 of 3 right · 1 not known yet." in text
        assert "Worth asking the staff about" in text
        asked = str(app.screen.query_one("#ask-staff", Static).render())
        assert asked_ids[1] in asked and asked_ids[0] not in asked and asked_ids[2] not in asked
    # Counted anonymously as answered, not right; nothing about the visitor kept.
    counts = {(s.question_id, s.answered, s.right) for s in store.kiosk_stats()}
    assert counts == {(asked_ids[0], 1, 0), (asked_ids[1], 1, 0), (asked_ids[2], 1, 1)}
    assert store.bank_summaries("default") == {} and store.attempt_count("default") == 0


async def test_a_tap_starts_and_a_tap_answers() -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.click("#topic-1")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        tiles = list(app.screen.query(ChoiceButton))
        await pilot.click(tiles[int(key_for(app, right=True)) - 1])
        await pilot.pause()
        assert app.visit is not None and app.visit.session.answered
        assert "✓ Right!" in screen_text(app)


# ----------------------------------------------------------------------------------------------------------------
# Idle


async def test_idle_warning_appears_and_im_still_here_keeps_the_session() -> None:
    # Time is the injected clock's: the test moves it instead of waiting.
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        session = app.visit.session if app.visit else None
        await pilot.press("1")  # answered: feedback showing
        await pilot.pause()
        clock.now += app.idle.timeout + 28
        await wait_for(pilot, lambda: isinstance(app.screen, IdleWarningScreen))
        assert "Are you still there?" in screen_text(app)
        assert "start over in 2 seconds" in screen_text(app)
        clock.now += 1
        await wait_for(pilot, lambda: "start over in 1 second." in screen_text(app))
        assert "call or text 988" in screen_text(app)
        await pilot.click("#still-here")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.visit is not None and app.visit.session is session and session.answered
        # Any key keeps it too, and does nothing else.
        clock.now += app.idle.timeout + 1
        await wait_for(pilot, lambda: isinstance(app.screen, IdleWarningScreen))
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.visit.session is session
        assert session.current.number == 1 and session.answered


async def test_a_click_anywhere_keeps_the_session() -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        clock.now += app.idle.timeout + 1
        await wait_for(pilot, lambda: isinstance(app.screen, IdleWarningScreen))
        await pilot.click(offset=(1, 1))
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.visit is not None


async def test_reset_leaves_nothing_of_the_last_visitor() -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        first_welcome = app.screen
        await pilot.press("1")
        await pilot.pause()
        assert app.visit is not None
        qid = app.visit.session.current.question.id
        await pilot.press(key_for(app, right=False))  # why_not and the right answer on screen
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        quiz.query_one("#body").scroll_end(animate=False)
        await pilot.pause()
        assert f"{qid} why not" in screen_text(app)
        session_ref = weakref.ref(quiz.session)
        quiz_ref = weakref.ref(quiz)
        del quiz
        clock.now += app.idle.timeout + 1
        await wait_for(pilot, lambda: isinstance(app.screen, IdleWarningScreen))
        clock.now += app.idle.warning
        await wait_for(pilot, lambda: app.visit is None and isinstance(app.screen, WelcomeScreen))
        await pilot.pause()
        # One screen, a new Welcome: no quiz, dialog, answer, feedback or scroll position survives.
        assert [type(s).__name__ for s in app.screen_stack] == ["BlankScreen", "WelcomeScreen"]
        assert app.screen is not first_welcome
        assert not any(
            isinstance(s, QuizScreen | VisitSummaryScreen | IdleWarningScreen) for s in app.screen_stack
        )
        text = screen_text(app)
        assert qid not in text and "What about" not in text and "Not quite" not in text
        assert app.screen.query_one("#body").scroll_y == 0
        assert app.focused is not None and app.focused.id == "topic-1"
        assert app.resets == 1
        gc.collect()
        assert session_ref() is None, "the last visitor's session is still referenced somewhere"
        old_quiz = quiz_ref()  # Textual may keep the object a while; it must be detached and hold no session
        assert old_quiz is None or (not old_quiz.is_attached and old_quiz.forgotten)
        del old_quiz
        # The next visitor starts at question 1 with nothing answered.
        await pilot.press("1")
        await pilot.pause()
        assert app.visit is not None and app.visit.session.score.answered == 0
        assert app.visit.session.current.number == 1 and not app.visit.session.answered


async def test_welcome_has_no_idle_warning() -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        clock.now += app.idle.timeout + app.idle.warning + 60
        await pilot.pause(0.3)  # several ticks of the idle timer (every 0.05 s here)
        assert isinstance(app.screen, WelcomeScreen) and len(app.screen_stack) == 2


async def test_idle_uses_the_injected_clock() -> None:
    clock = FakeClock()
    app = make_app(clock=clock, idle_timeout=120.0, idle_warning=30.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause(0.2)
        clock.now += 119
        await pilot.pause(0.2)
        assert isinstance(app.screen, QuizScreen)
        clock.now += 2
        await wait_for(pilot, lambda: isinstance(app.screen, IdleWarningScreen))
        assert "start over in 29 seconds" in screen_text(app)
        clock.now += 30
        await wait_for(pilot, lambda: app.visit is None and isinstance(app.screen, WelcomeScreen))


# ----------------------------------------------------------------------------------------------------------------
# No way out


async def reach(pilot: Pilot, app: KioskApp, clock: FakeClock, where: str) -> None:
    """Bring the kiosk to one of its places: welcome, quiz, feedback, summary or warning."""
    # One key at a time, each waited for, so a loaded machine cannot run a key before its screen is ready.
    if where != "welcome":
        await pilot.press("2")
        await wait_for(
            pilot, lambda: isinstance(app.screen, QuizScreen) and bool(app.screen.query(ChoiceButton))
        )
    if where in ("feedback", "summary"):
        await pilot.press("1")
        await wait_for(pilot, lambda: app.visit is not None and app.visit.session.answered)
    if where == "summary":
        await pilot.press("n")
        await wait_for(pilot, lambda: app.visit is not None and not app.visit.session.answered)
        await pilot.press("1")
        await wait_for(pilot, lambda: app.visit is not None and app.visit.session.answered)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, VisitSummaryScreen))
    await pilot.pause()
    if where == "warning":
        clock.now += app.idle.timeout + 1
        await wait_for(pilot, lambda: isinstance(app.screen, IdleWarningScreen))


@pytest.mark.parametrize("where", ["welcome", "quiz", "feedback", "summary", "warning"])
async def test_every_escape_key_does_nothing_but_escape_goes_back(where: str) -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await reach(pilot, app, clock, where)
        screen = app.screen
        state = app.visit.session.to_state() if app.visit else None
        # Escape is the way back to the topics (tested below), except on the welcome and the warning.
        keys = [k for k in ESCAPE_KEYS if k != "escape" or where in ("welcome", "warning")]
        for key in (*keys, "ctrl+backslash", "ctrl+d", "ctrl+w", "f1", "tab"):
            if where == "warning":
                clock.now += 0  # the warning closes on any key: that is "I'm still here", not a way out
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running and app.return_code is None, key
            assert not any(isinstance(s, CommandPalette) for s in app.screen_stack), key
            if where == "warning":
                # (the warning closes as the key arrives; on a loaded machine that may take more than one pause)
                await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what=key)
                clock.now += app.idle.timeout + 1
                await wait_for(pilot, lambda: isinstance(app.screen, IdleWarningScreen))
            else:
                assert app.screen is screen, key
            assert (app.visit.session.to_state() if app.visit else None) == state, key
        assert type(app.screen_stack[1]) is WelcomeScreen


@pytest.mark.parametrize("where", ["quiz", "feedback", "summary"])
@pytest.mark.parametrize("how", ["escape", "back"])
async def test_escape_and_the_back_tile_return_to_the_topics(where: str, how: str) -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await reach(pilot, app, clock, where)
        assert app.visit is not None
        back = app.screen.query_one("#back", ActionTile)
        assert "Back to topics" in back.heading.plain and back.display and back.region.height >= 3
        if how == "escape":
            await pilot.press("escape")
        else:
            await pilot.click("#back")
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen) and app.visit is None)
        assert [type(s).__name__ for s in app.screen_stack] == ["BlankScreen", "WelcomeScreen"]
        assert app.is_running and app.return_code is None
        # Escape again on the welcome does nothing, and the kiosk keeps running.
        welcome = app.screen
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is welcome and app.is_running and app.return_code is None
        # The next visitor starts afresh.
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and "Question 1 of 3" in screen_text(app)


async def test_done_start_again_returns_to_the_topics() -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await reach(pilot, app, clock, "summary")
        await pilot.click("#done")
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen) and app.visit is None)
        assert app.is_running


async def test_screenshots_and_devtools_are_off() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_screenshot()
        app.action_quit()
        app.action_command_palette()
        await pilot.pause()
        assert app.is_running and app.devtools is None and "devtools" not in app.features
        assert isinstance(app.screen, WelcomeScreen)


# ----------------------------------------------------------------------------------------------------------------
# Staff


async def test_pin_dialog_wrong_then_right_exits_0() -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, StaffPinScreen)
        pin_input = app.screen.query_one("#pin", Input)
        assert pin_input.password
        await pilot.press(*"1357", "enter")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, StaffPinScreen)
        assert "That PIN is not right." in screen_text(app)
        assert pin_input.value == ""
        for wrong in ("qqqq", "0000"):  # q types into the field; it does not quit
            await pilot.press(*wrong, "enter")
            await pilot.pause()
        assert "Try again in 30 s" in screen_text(app)
        assert app.pin_guard is not None and app.pin_guard.misses == 3
        await pilot.press(*PIN, "enter")  # during the wait even the right PIN is not checked
        await pilot.pause()
        assert app.is_running
        clock.now += 6  # the wait counts down on screen
        await wait_for(pilot, lambda: "Try again in 24 s" in screen_text(app))
        clock.now += 24
        await wait_for(pilot, lambda: "You can try again now." in screen_text(app))
        await pilot.press(*PIN, "enter")
        await pilot.pause()
    assert app.return_value == 0


async def test_pin_dialog_cancel_goes_back_to_the_visit() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        quiz = app.screen
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, StaffPinScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is quiz and app.is_running
        await pilot.press("f12")
        await pilot.pause()
        await pilot.click("#pin-cancel")
        await pilot.pause()
        assert app.screen is quiz


async def test_in_a_browser_f12_opens_nothing() -> None:
    app = make_app(staff_exit=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.is_running


async def test_anonymous_stats_keep_counts_only() -> None:
    store = ProgressStore(":memory:")
    app = make_app(stats=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert app.visit is not None
        first = app.visit.session.current.question.id
        await pilot.press(key_for(app, right=True), "enter")
        await pilot.pause()
        second = app.visit.session.current.question.id
        await pilot.press(key_for(app, right=False))
        await pilot.pause()
    counts = {(s.question_id, s.shown, s.answered, s.right) for s in store.kiosk_stats()}
    assert counts == {(first, 1, 1, 1), (second, 1, 1, 0)}
    assert store.bank_summaries("default") == {} and store.flags("default") == []


# ----------------------------------------------------------------------------------------------------------------
# The commands


def ketaquiz(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ketaquiz", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
    )


def test_set_pin_from_a_pipe(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.yaml"
    done = ketaquiz("set-pin", "--config", str(config), stdin="4321\n4321\n")
    assert done.returncode == 0, done.stderr
    assert f"Staff PIN set in {config}." in done.stdout
    loaded = load_kiosk_config(config)
    assert loaded.pin_hash and verify_pin("4321", loaded.pin_hash)
    assert "4321" not in config.read_text()
    # One line is enough; KETAQUIZ_CONFIG stands in for --config.
    done = ketaquiz("set-pin", stdin="97531\n", env={"KETAQUIZ_CONFIG": str(config)})
    assert done.returncode == 0, done.stderr
    assert verify_pin("97531", load_kiosk_config(config).pin_hash or "")


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("4321\n1234\n", "the second line does not match the first"),
        ("123\n", "a PIN needs at least 4 characters"),
        ("", "no PIN on standard input"),
    ],
)
def test_set_pin_refuses_without_changing_anything(tmp_path: Path, stdin: str, message: str) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text("clinic_name: Riverside\n")
    done = ketaquiz("set-pin", "--config", str(config), stdin=stdin)
    assert done.returncode == 1
    assert message in done.stderr
    assert config.read_text() == "clinic_name: Riverside\n"
    assert "Traceback" not in done.stderr


def test_kiosk_refuses_without_a_pin_and_says_how_to_set_one(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text("clinic_name: Riverside\n")
    done = ketaquiz("kiosk", "--config", str(config))
    assert done.returncode == 1
    assert f"{config}: error: no staff PIN is set" in done.stderr
    assert f"ketaquiz set-pin --config {config}" in done.stderr
    missing = tmp_path / "none.yaml"
    done = ketaquiz("kiosk", "--config", str(missing))
    assert done.returncode == 1 and f"{missing}: error: no kiosk config here" in done.stderr


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("idle_warning: 10\n", 1, "at least 20 s"),
        ("clinic_name: A\nthme: ketaquiz-dark\n", 2, "did you mean `theme`?"),
        ("clinic_name: A\n bad: x\n", 2, "not valid YAML"),
    ],
)
def test_config_errors_exit_1_naming_the_file(tmp_path: Path, text: str, line: int, message: str) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text(text + f'pin_hash: "{PIN_HASH}"\n')
    done = ketaquiz("kiosk", "--config", str(config))
    assert done.returncode == 1
    assert f"{config}:{line}: error: " in done.stderr and message in done.stderr
    assert "Traceback" not in done.stderr


def test_kiosk_refuses_a_bank_that_fails(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text(f'pin_hash: "{PIN_HASH}"\n')
    done = ketaquiz("kiosk", "--config", str(config), "--bank", str(DATA / "broken.yaml"))
    assert done.returncode == 1
    assert "broken.yaml" in done.stderr and "does not start while a bank fails" in done.stderr


def test_kiosk_idle_timeout_under_the_warning_is_a_usage_error(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text(f'pin_hash: "{PIN_HASH}"\n')
    done = ketaquiz("kiosk", "--config", str(config), "--idle-timeout", "10")
    assert done.returncode == 2
    assert "--idle-timeout 10 is shorter than the warning (30 s" in done.stderr


def test_serve_kiosk_checks_the_config_before_serving(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text("idle_warning: 5\n")
    done = ketaquiz("serve", "--kiosk", "--config", str(config), "--port", "1")
    assert done.returncode == 1
    assert f"{config}:1: error: " in done.stderr


def test_serve_tab_commands() -> None:
    from ketaquiz.web import tab_command

    kiosk = tab_command(kiosk=True, config=Path("/etc/k.yaml"), banks=["/b/x.yaml"])
    assert kiosk.endswith("-m ketaquiz.commands.tab kiosk-tab --config /etc/k.yaml --bank /b/x.yaml")
    assert tab_command(kiosk=False).endswith("-m ketaquiz.commands.tab quiz-tab")
    shared = tab_command(kiosk=False, data_dir=Path("/srv/data dir"))
    assert shared.endswith("-m ketaquiz --data-dir '/srv/data dir'")


# ----------------------------------------------------------------------------------------------------------------
# Short visits


async def test_a_visit_asks_questions_per_visit_drawn_afresh() -> None:
    config = KioskConfig(clinic_name="Riverside Clinic", pin_hash=PIN_HASH, questions_per_visit=5)
    app = KioskApp(config, [make_bank("long", 40)], poll_interval=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "40 questions" not in screen_text(app)
        assert "5 questions" in str(app.screen.query_one("#topic-1", Tile).render())
        drawn = []
        for _ in range(3):
            await pilot.press("1")
            await pilot.pause()
            assert isinstance(app.screen, QuizScreen) and app.visit is not None
            assert "Question 1 of 5" in screen_text(app)
            drawn.append(tuple(item["question"] for item in app.visit.session.to_state()["items"]))
            app.end_visit()
            await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen) and app.visit is None)
        assert all(len(d) == 5 for d in drawn) and len(set(drawn)) > 1  # each visitor gets a new draw


async def test_without_the_key_a_visit_asks_5() -> None:
    config = KioskConfig(pin_hash=PIN_HASH)
    assert config.questions_per_visit == 5
    app = KioskApp(config, [make_bank("long", 12)], poll_interval=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert "Question 1 of 5" in screen_text(app)


async def test_the_welcome_text_is_the_clinics() -> None:
    config = KioskConfig(pin_hash=PIN_HASH, welcome_text="Ask [b]us[/b] at the desk.")
    app = KioskApp(config, [make_bank("a", 3)], poll_interval=0.05)
    async with app.run_test(size=(80, 24)):
        intro = str(app.screen.query_one("#welcome-intro", Static).render())
        assert "Ask [b]us[/b] at the desk." in intro  # config text is never markup
    app = make_app()
    async with app.run_test(size=(80, 24)):
        intro = str(app.screen.query_one("#welcome-intro", Static).render())
        assert "A few questions, each one explained. Nothing you answer is kept." in intro


async def test_the_warning_speaks_to_the_visitor() -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await reach(pilot, app, clock, "warning")
        text = screen_text(app)
        assert "To keep your answers private" in text and "last visit" not in text


@pytest.mark.parametrize("width", [80, 60])
async def test_the_crisis_line_keeps_numbers_whole_on_screen(width: int) -> None:
    uk = "In a crisis in the UK: call 111, or Samaritans free on 116 123. In an emergency, call 999."
    app = KioskApp(KioskConfig(pin_hash=PIN_HASH, crisis_text=uk), [make_bank("a", 3)], poll_interval=0.05)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        line = app.screen.query_one(CrisisLine)
        rows = str(line.render()).split("\n")
        assert any("116 123" in row for row in rows) and len(rows) == 2, rows
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        rows = str(app.screen.query_one(CrisisLine).render()).split("\n")
        if width == 80:
            assert rows == [
                "In a crisis: call or text 988, or chat at 988lifeline.org. In an emergency,",
                "call 911.",
            ]
        else:
            assert rows == [CRISIS_SHORT_US]


def run_set_pin_at_a_terminal(
    monkeypatch: pytest.MonkeyPatch, config: Path, typed: list[str]
) -> tuple[int, list[str]]:
    """`set-pin` as if at a terminal: `typed` are the answers to its masked prompts, in turn."""
    import argparse

    from ketaquiz.commands import kiosk as kiosk_command

    answers = iter(typed)
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(kiosk_command.getpass, "getpass", fake_getpass)
    monkeypatch.setattr(kiosk_command.sys.stdin, "isatty", lambda: True, raising=False)
    return kiosk_command.run_set_pin(argparse.Namespace(config=str(config))), prompts


def test_set_pin_at_a_terminal_asks_again_after_a_short_or_mismatched_pin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "kiosk.yaml"
    code, prompts = run_set_pin_at_a_terminal(monkeypatch, config, ["12", "4321", "4312", "4321", "4321"])
    assert code == 0 and len(prompts) == 5
    err = capsys.readouterr().err
    assert "at least 4 characters; try again" in err and "the two PINs differ; try again" in err
    assert verify_pin("4321", load_kiosk_config(config).pin_hash or "")


def test_set_pin_at_a_terminal_gives_up_after_three_tries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text("clinic_name: Riverside\n")
    code, prompts = run_set_pin_at_a_terminal(monkeypatch, config, ["1", "2", "3"])
    assert code == 1 and len(prompts) == 3
    assert "nothing was changed" in capsys.readouterr().err
    assert config.read_text() == "clinic_name: Riverside\n"


async def test_the_idle_warning_shows_over_an_unused_pin_dialog_and_the_reset_clears_both() -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await reach(pilot, app, clock, "quiz")
        await pilot.press("f12")
        await wait_for(pilot, lambda: isinstance(app.screen, StaffPinScreen))
        await pilot.press("1", "2")  # staff start typing, then walk off
        clock.now += app.idle.timeout + 1
        await wait_for(pilot, lambda: isinstance(app.screen, IdleWarningScreen))
        assert isinstance(app.screen_stack[-2], StaffPinScreen)
        clock.now += app.idle.warning
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen) and app.visit is None)
        assert [type(s).__name__ for s in app.screen_stack] == ["BlankScreen", "WelcomeScreen"]
        assert app.is_running and app.resets == 1


async def test_a_key_on_the_warning_over_the_pin_dialog_brings_the_dialog_back() -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await reach(pilot, app, clock, "quiz")
        await pilot.press("f12")
        await wait_for(pilot, lambda: isinstance(app.screen, StaffPinScreen))
        clock.now += app.idle.timeout + 1
        await wait_for(pilot, lambda: isinstance(app.screen, IdleWarningScreen))
        await pilot.press("space")
        await wait_for(pilot, lambda: isinstance(app.screen, StaffPinScreen))
        assert app.visit is not None and app.is_running


# ----------------------------------------------------------------------------------------------------------------
# Languages


def spanish_bank(bank_id: str = "banco-es", n: int = 2) -> Bank:
    bank = make_bank(bank_id, n, shuffle=False)
    return bank._replace(language="es", title="Banco en español", summary="Un banco para las pruebas.")


def bilingual_app(**kwargs: object) -> KioskApp:
    config = KioskConfig(
        clinic_name={"en": "Riverside Clinic", "es": "Clínica Riverside"},
        pin_hash=PIN_HASH,
        languages=("en", "es"),
    )
    options: dict[str, object] = {"poll_interval": 0.05}
    options.update(kwargs)
    return KioskApp(config, [make_bank("bank-a", 3, shuffle=False), spanish_bank()], **options)  # type: ignore[arg-type]


async def choose_spanish(pilot: Pilot, app: KioskApp) -> None:
    await pilot.press("l")
    await wait_for(
        pilot, lambda: isinstance(app.screen, WelcomeScreen) and "Clínica Riverside" in screen_text(app)
    )


async def test_a_bilingual_kiosk_offers_espanol_and_runs_the_visit_in_spanish() -> None:
    app = bilingual_app()
    async with app.run_test(size=(80, 24)) as pilot:
        text = screen_text(app)
        assert "English / Español" in str(app.screen.query_one("#language", Tile).render())
        assert "Riverside Clinic" in text and "Bank bank-a" in text and "Banco en español" not in text
        await choose_spanish(pilot, app)
        assert i18n.language() == "es" and app.focused is not None and app.focused.id == "language"
        text = screen_text(app)
        assert "Aprenda sobre el tratamiento con ketamina y esketamina mientras espera." in text
        assert "Toque abajo, o presione 1, para empezar:" in text
        assert "Banco en español" in text and "2 preguntas" in text and "Bank bank-a" not in text
        assert "Learn about" not in text and "Tap " not in text
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen))
        assert app.visit is not None and app.visit.session.current.bank.id == "banco-es"
        text = screen_text(app)
        assert "Pregunta 1 de 2  ·  Banco en español" in text and "Question" not in text
        assert "‹ Volver a los temas" in text
        await pilot.press(key_for(app, right=False))
        await pilot.pause()
        text = screen_text(app)
        assert (
            "✗ No del todo." in text and "✓ La respuesta correcta: " in text and "Siguiente pregunta" in text
        )
        assert "✗ Su respuesta. No es correcta." in text
        # Back to the topics: the next visitor gets English again.
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen) and app.visit is None)
        assert i18n.language() == "en"
        text = screen_text(app)
        assert "Riverside Clinic" in text and "Tap below, or press 1, to start:" in text
        assert "Bank bank-a" in text and "Clínica" not in text and "Aprenda" not in text
        assert [type(s).__name__ for s in app.screen_stack] == ["BlankScreen", "WelcomeScreen"]


async def test_done_start_again_returns_to_the_first_language() -> None:
    app = bilingual_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_spanish(pilot, app)
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen))
        for _ in range(2):
            await pilot.press(key_for(app, right=True))
            await wait_for(pilot, lambda: app.visit is not None and app.visit.session.answered)
            await pilot.press("n")
            await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, VisitSummaryScreen))
        text = screen_text(app)
        assert "Acertó las 2. ¡Muy bien!" in text and "Listo: empezar de nuevo" in text
        await pilot.click("#done")
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen) and app.visit is None)
        assert i18n.language() == "en" and "Riverside Clinic" in screen_text(app)


async def test_a_welcome_left_in_spanish_resets_to_english_when_idle() -> None:
    clock = FakeClock()
    app = bilingual_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_spanish(pilot, app)
        clock.now += app.idle.timeout + 1
        await wait_for(pilot, lambda: isinstance(app.screen, IdleWarningScreen))
        assert "¿Sigue ahí?" in screen_text(app)
        clock.now += app.idle.warning
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen) and i18n.language() == "en")
        assert "Riverside Clinic" in screen_text(app) and app.resets == 1
        # In the first language the welcome never times out.
        clock.now += app.idle.timeout + app.idle.warning + 60
        await pilot.pause(0.3)
        assert isinstance(app.screen, WelcomeScreen) and app.resets == 1


async def test_a_kiosk_of_one_language_offers_no_other() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.screen.query("#language")
        await pilot.press("l")
        await pilot.pause()
        assert i18n.language() == "en" and "Riverside Clinic" in screen_text(app)


def test_the_kiosk_refuses_a_language_without_a_bank(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text(f'languages: [en, es]\npin_hash: "{PIN_HASH}"\n')
    done = ketaquiz("kiosk", "--config", str(config), "--bank", str(DATA / "plain-basics.yaml"))
    assert done.returncode == 1, done.stderr
    assert "no bank in Español (`es`), one of the kiosk's `languages`" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_kiosk_refuses_a_bank_in_a_language_it_does_not_list(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text(f'pin_hash: "{PIN_HASH}"\n')
    spanish = ROOT / "questions" / "ketamina-es.yaml"
    done = ketaquiz("kiosk", "--config", str(config), "--bank", str(spanish))
    assert done.returncode == 1, done.stderr
    assert "is in `es`, a language not in the kiosk's `languages` (en)" in done.stderr


def test_the_bundled_banks_of_each_language(tmp_path: Path) -> None:
    from ketaquiz.commands.kiosk import prepare

    config = tmp_path / "kiosk.yaml"
    config.write_text(f'languages: [es, en]\npin_hash: "{PIN_HASH}"\n')
    prepared = prepare(config, None, command="kiosk")
    assert not isinstance(prepared, int)
    languages = {bank.language for bank in prepared[1]}
    assert languages == {"en", "es"}
    config.write_text(f'pin_hash: "{PIN_HASH}"\n')
    prepared = prepare(config, None, command="kiosk")
    assert not isinstance(prepared, int) and {bank.language for bank in prepared[1]} == {"en"}


@pytest.mark.parametrize(
    ("width", "rows"),
    [
        (
            80,
            [
                "En una crisis: llame o envíe un mensaje de texto al 988 (hay ayuda en",
                "español). En una emergencia, llame al 911.",
            ],
        ),
        (60, ["¿Crisis? Llame o envíe un texto al 988 (en español)"]),
    ],
)
async def test_in_spanish_the_crisis_line_is_spanish_at_every_width(width: int, rows: list[str]) -> None:
    app = bilingual_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await choose_spanish(pilot, app)
        await pilot.pause()
        for screen in app.screen_stack:  # the screen under the welcome too
            assert str(screen.query_one(CrisisLine).render()).split("\n") == rows, screen
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen))
        assert str(app.screen.query_one(CrisisLine).render()).split("\n") == rows


async def test_an_english_quote_in_a_spanish_visit_is_marked_as_the_original_text() -> None:
    from dataclasses import replace

    english = "Patients should be monitored for at least 2 hours after each dose."
    bank = spanish_bank(n=1)
    question = bank.questions[0]._replace(
        explanation="Después de cada dosis, el equipo lo vigila durante al menos 2 horas.",
        cite=bank.questions[0].cite._replace(quote=english),
    )
    bank = bank._replace(questions=(question,))
    config = replace(KioskConfig(pin_hash=PIN_HASH), languages=("es",))
    app = KioskApp(config, [bank], poll_interval=0.05)
    async with app.run_test(size=(100, 40)) as pilot:
        assert i18n.language() == "es"
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen))
        await pilot.press("0")
        await wait_for(pilot, lambda: app.visit is not None and app.visit.session.answered)
        quote = str(app.screen.query_one("#quote-block", Static).render())
        assert quote.startswith(f"Texto original (en inglés)\n“{english}”"), quote
        assert "Lo que dice la fuente" in screen_text(app)


def test_the_kiosk_commands_speak_spanish(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text("idle_warning: 10\nlanguages: [en, sp]\n")
    done = ketaquiz("kiosk", "--config", str(config), env={"KETAQUIZ_LANG": "es"})
    assert done.returncode == 1
    assert f"{config}:1: error: `idle_warning` es de 10 s; debe ser de al menos 20 s" in done.stderr
    assert "`languages`: `sp` no es un idioma del quiosco (habla en, es); ¿quiso decir `es`?" in done.stderr
    assert "ketaquiz kiosk: el quiosco no se inició." in done.stderr
    done = ketaquiz("set-pin", "--config", str(tmp_path / "new.yaml"), "--lang", "es", stdin="123\n")
    assert done.returncode == 1 and "un PIN necesita al menos 4 caracteres" in done.stderr
    done = ketaquiz("set-pin", "--config", str(tmp_path / "new.yaml"), "--lang", "es", stdin="4321\n")
    assert done.returncode == 0 and f"PIN del personal guardado en {tmp_path / 'new.yaml'}." in done.stdout


async def test_arrows_move_along_a_row_of_tiles_and_scroll_across_it() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen))
        await pilot.press("down")  # a column of choices: down goes to the next choice
        assert app.focused is not None and app.focused.id == "choice-2"
        await pilot.press("1")
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "next")
        body = app.screen.query_one("#body")
        body.scroll_home(animate=False)
        await pilot.pause()
        await pilot.press("down")  # a row (Back, Next): down is not the row's, so the page scrolls
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "next" and body.scroll_y > 0
        await pilot.press("left")
        assert app.focused is not None and app.focused.id == "back"
        await pilot.press("right")
        assert app.focused is not None and app.focused.id == "next"
