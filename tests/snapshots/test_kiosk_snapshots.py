"""Snapshots of the kiosk's screens at 80x24 and 120x40: Welcome, a question, its feedback, the summary, the idle
warning and the staff PIN dialog. Banks are built here (no content author's edit moves them), choices keep their
written order, and time comes from a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from ketaquiz.core import i18n
from ketaquiz.core.kiosk import KioskConfig
from ketaquiz.core.model import Bank, Choice, Citation, Question, Review, SourceRef
from ketaquiz.tui.kiosk import IdleWarningScreen, KioskApp, VisitSummaryScreen

SIZES = [(80, 24), (120, 40)]
PIN_HASH = (
    "scrypt$n=16384,r=8,p=1$AAECAwQFBgcICQoLDA0ODw==$"
    "Zk1dQbq3o3M3w0nJxkLr0E9fJ0yZqk8F2yQW2m2cZ5o="  # a well-formed hash; no test here checks a PIN
)


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    yield
    i18n.set_language("en")


class FakeClock:
    def __init__(self) -> None:
        self.now = 10_000.0

    def __call__(self) -> float:
        return self.now


SOURCE = SourceRef(
    id="nimh-ketamine",
    title="Ketamine and depression",
    publisher="National Institute of Mental Health",
    url="https://www.nimh.nih.gov/",
    date="2025-01-15",
)


def question(qid: str, prompt: str, choices: list[tuple[str, bool, str | None]], bank_id: str) -> Question:
    return Question(
        id=qid,
        prompt=prompt,
        choices=tuple(Choice(text, correct, why) for text, correct, why in choices),
        explanation="Most people who feel a side effect feel it during the session, and it fades within a couple "
        "of hours. Your care team watches you until it has passed.",
        cite=Citation(source=SOURCE.id, quote="Side effects usually ease within two hours of the dose."),
        shuffle=False,
        bank_id=bank_id,
    )


def banks() -> list[Bank]:
    side = (
        question(
            "se-when",
            "You feel a little dizzy during a ketamine session. When does this feeling usually go away?",
            [
                ("Within a couple of hours", True, None),
                (
                    "After about a week",
                    False,
                    "Dizziness from a dose rarely lasts days; it fades the same day.",
                ),
                ("Only when you stop treatment", False, "It eases after each session, not only at the end."),
            ],
            "side-effects",
        ),
        question(
            "se-drive",
            "Can you drive yourself home after a session?",
            [
                (
                    "Yes, if you feel fine",
                    False,
                    "You may feel fine and still react slowly for the rest of the day.",
                ),
                ("No, plan for someone else to drive", True, None),
            ],
            "side-effects",
        ),
    )
    process = (
        question(
            "tp-first",
            "What happens at the first visit?",
            [
                ("The team checks your health", True, None),
                ("You get a full course at once", False, "Treatment is spread over several visits."),
            ],
            "treatment-process",
        ),
    )
    review = Review(written="2026-01-01")
    return [
        Bank(
            id="side-effects",
            title="Side effects",
            summary="What you may feel during and after a session, and what to tell your care team.",
            language="en",
            review=review,
            sources={SOURCE.id: SOURCE},
            questions=side,
            path=Path("side-effects.yaml"),
        ),
        Bank(
            id="treatment-process",
            title="The treatment process",
            summary="What a visit looks like, from the first check-up to the last session.",
            language="en",
            review=review,
            sources={SOURCE.id: SOURCE},
            questions=process,
            path=Path("treatment-process.yaml"),
        ),
    ]


def make_app(theme: str = "ketaquiz-dark") -> KioskApp:
    config = KioskConfig(clinic_name="Riverside Clinic", pin_hash=PIN_HASH, theme=theme)
    return KioskApp(config, banks(), clock=FakeClock(), seed=8, poll_interval=0.05)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_welcome(snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size)


def test_welcome_light(snap_compare) -> None:
    assert snap_compare(make_app("ketaquiz-light"), terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_question(snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), press=["1"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_feedback_wrong(snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), press=["1", "2"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_summary(snap_compare, size: tuple[int, int]) -> None:
    app = make_app()

    async def run_before(pilot: Pilot) -> None:
        # One key at a time, waiting for each screen, so a loaded machine cannot reorder them.
        for key in ("1", "1", "enter", "1", "enter"):
            await pilot.press(key)
            await pilot.pause()
        while not isinstance(app.screen, VisitSummaryScreen):
            await pilot.pause(0.05)
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_idle_warning(snap_compare, size: tuple[int, int]) -> None:
    app = make_app()

    async def run_before(pilot: Pilot) -> None:
        await pilot.press("1")
        await pilot.pause()
        clock = app.clock
        assert isinstance(clock, FakeClock)
        clock.now += app.idle.timeout + 1  # 29 s left on the countdown
        while not isinstance(app.screen, IdleWarningScreen):
            await pilot.pause(0.05)
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_pin_dialog(snap_compare, size: tuple[int, int]) -> None:
    app = make_app()

    async def run_before(pilot: Pilot) -> None:
        await pilot.press("f12", "1", "2", "3", "4", "enter")  # wrong: the message shows; the field is masked
        await pilot.press("9", "9")
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=size)


def test_welcome_narrow_short_crisis_line(snap_compare) -> None:
    # Narrower than 80 columns: the default US crisis text in its short form.
    assert snap_compare(make_app(), terminal_size=(60, 24))


def test_welcome_uk_crisis_line(snap_compare) -> None:
    # A clinic's own crisis text at 80 columns: wrapped at spaces, "116 123" kept on one line.
    config = KioskConfig(
        clinic_name="Riverside Clinic",
        pin_hash=PIN_HASH,
        crisis_text="In a crisis in the UK: call 111, or Samaritans free on 116 123. In an emergency, call 999.",
    )
    app = KioskApp(config, banks(), clock=FakeClock(), seed=8, poll_interval=0.05)
    assert snap_compare(app, terminal_size=(80, 24))


def spanish_bank() -> Bank:
    # A Spanish question quoting an English source (no Spanish one says it): the feedback marks the quote.
    source = SourceRef(
        id="fda-spravato-label",
        title="SPRAVATO (esketamine) nasal spray: Medication Guide",
        publisher="Janssen Pharmaceuticals",
        url="https://www.janssenlabels.com/",
    )
    q = Question(
        id="es-manejar",
        prompt="¿Puede manejar a su casa después de una sesión?",
        choices=(
            Choice("Sí, si se siente bien", False, "Puede sentirse bien y aun así reaccionar más lento."),
            Choice("No, otra persona debe llevarlo", True, None),
        ),
        explanation="No maneje ni use máquinas hasta el día siguiente, después de dormir bien.",
        cite=Citation(
            source=source.id,
            quote="Do not drive or operate machinery until the next day after a restful sleep.",
        ),
        shuffle=False,
        bank_id="efectos-es",
    )
    return Bank(
        id="efectos-es",
        title="Efectos secundarios",
        summary="Lo que puede sentir durante y después de una sesión.",
        language="es",
        review=Review(written="2026-01-01"),
        sources={source.id: source},
        questions=(q,),
        path=Path("efectos-es.yaml"),
    )


def bilingual_app() -> KioskApp:
    config = KioskConfig(
        clinic_name={"en": "Riverside Clinic", "es": "Clínica Riverside"},
        pin_hash=PIN_HASH,
        languages=("en", "es"),
    )
    return KioskApp(config, [*banks(), spanish_bank()], clock=FakeClock(), seed=8, poll_interval=0.05)


def test_welcome_bilingual(snap_compare) -> None:
    # "English / Español" at the foot of the welcome, key l.
    assert snap_compare(bilingual_app(), terminal_size=(80, 24))


def test_welcome_spanish(snap_compare) -> None:
    assert snap_compare(bilingual_app(), press=["l"], terminal_size=(80, 24))


def test_feedback_spanish(snap_compare) -> None:
    # A wrong answer in Spanish; the English quote under "Texto original (en inglés)".
    assert snap_compare(bilingual_app(), press=["l", "1", "1"], terminal_size=(80, 24))
