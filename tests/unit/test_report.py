"""The care-team report: what it says (scores, mastery, review, flags with notes and sources) and how each format
keeps bank text inert (HTML escaped, Markdown escaped, CSV one row per attempt)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ketaquiz.core import i18n, scheduling
from ketaquiz.core.catalog import load_catalog
from ketaquiz.core.model import Bank
from ketaquiz.core.progress import Attempt, ProgressStore
from ketaquiz.core.report import (
    CSV_HEADER,
    build_report,
    csv_safe,
    md_escape,
    render_html,
    render_json,
    render_markdown,
    write_attempts_csv,
)
from ketaquiz.core.safety import CRISIS_TEXT_US, NOT_ADVICE

DATA = Path(__file__).resolve().parent.parent / "data"
DAY1 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAY2 = DAY1 + timedelta(days=3)
PROFILE = "default"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def banks() -> list[Bank]:
    catalog = load_catalog([DATA / "plain-basics.yaml", DATA / "plain-second.yaml"], use_cache=False)
    assert not catalog.failures
    return catalog.banks


@pytest.fixture
def clock() -> Clock:
    return Clock(DAY1)


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> ProgressStore:
    s = ProgressStore(tmp_path / "progress.sqlite3", clock=clock)
    yield s
    s.close()


def answer(store: ProgressStore, bank: Bank, qid: str, choice: int, when: datetime) -> None:
    """Record an answer the way a session does: the attempt and the question's new schedule together."""
    q = bank.question(qid)
    chosen = q.choices[choice]
    previous = store.get_card(PROFILE, qid)
    card = scheduling.review(previous.card_json if previous else None, chosen.correct, when)
    store.record_answer(
        PROFILE, Attempt(bank.id, qid, choice, chosen.text, chosen.correct, when, 4.0, "run-1"), card
    )


@pytest.fixture
def filled(store: ProgressStore, banks: list[Bank], clock: Clock) -> ProgressStore:
    basics, second = banks
    # pb-first: right on two different days -> mastered once it is not due.
    answer(store, basics, "pb-first", 0, DAY1)
    answer(store, basics, "pb-first", 0, DAY2)
    # pb-colour: wrong, then wrong again -> missed, to go over again.
    answer(store, basics, "pb-colour", 0, DAY1)
    answer(store, basics, "pb-colour", 0, DAY2)
    # ps-script: right once; flagged with a note that looks like markup.
    answer(store, second, "ps-script", 0, DAY2)
    clock.now = DAY2 + timedelta(minutes=5)
    store.set_flag(PROFILE, second.id, "ps-script", "Is <b>this</b> *safe* for me? & [link](x)")
    store.set_flag(PROFILE, basics.id, "pb-colour", "")
    return store


NOW = DAY2 + timedelta(minutes=10)


def test_scores_mastery_and_dates(filled: ProgressStore, banks: list[Bank]) -> None:
    report = build_report(filled, banks, PROFILE, NOW)
    by_id = {b.bank_id: b for b in report.banks}
    basics = by_id["plain-basics"]
    assert (basics.questions, basics.questions_answered, basics.answers, basics.answers_right) == (3, 2, 4, 2)
    assert basics.score_percent == 50
    assert basics.latest_right == 1
    assert basics.mastered == 1  # pb-first only: right on two days, latest right, not due
    assert basics.first_answered == DAY1.date().isoformat()
    assert basics.last_answered == DAY2.date().isoformat()
    second = by_id["plain-second"]
    assert (second.answers, second.answers_right, second.mastered, second.score_percent) == (1, 1, 0, 100)
    assert report.not_started == []


def test_mastery_needs_two_days(store: ProgressStore, banks: list[Bank]) -> None:
    basics = banks[0]
    answer(store, basics, "pb-first", 0, DAY1)
    answer(store, basics, "pb-first", 0, DAY1 + timedelta(hours=1))
    report = build_report(store, banks, PROFILE, DAY1 + timedelta(hours=2))
    assert report.banks[0].mastered == 0
    assert report.not_started == ["Second <b>bank</b>"]


def test_review_lists_missed_first_with_the_answer(filled: ProgressStore, banks: list[Bank]) -> None:
    report = build_report(filled, banks, PROFILE, NOW)
    assert report.review, "a missed question must be listed to go over again"
    first = report.review[0]
    assert first.question_id == "pb-colour"
    assert first.missed and first.times_wrong == 2
    assert first.answer == "Blue"
    assert [t.tag for t in report.weak_tags] == ["colours"]
    # Much later everything answered is due: still listed, missed ones first.
    late = build_report(filled, banks, PROFILE, NOW + timedelta(days=400))
    assert late.review[0].question_id == "pb-colour"
    assert {r.question_id for r in late.review} == {"pb-colour", "pb-first", "ps-script"}
    assert all(r.due for r in late.review[1:])


def test_flagged_notes_and_sources_in_every_format(filled: ProgressStore, banks: list[Bank]) -> None:
    report = build_report(filled, banks, PROFILE, NOW)
    flagged = {f.question_id: f for f in report.flagged}
    assert set(flagged) == {"ps-script", "pb-colour"}
    f = flagged["ps-script"]
    assert f.note == "Is <b>this</b> *safe* for me? & [link](x)"
    assert f.quote == "A <script> element & its code run in the page."
    assert f.source is not None and f.source.url == "https://example.org/a?b=1&c=2"
    assert f.source.publisher == "Publisher & Co" and f.source.date == "2025-05-05"

    md = render_markdown(report)
    assert r"Is \<b>this\</b> \*safe\* for me? & [link\](x)" in md
    assert "A test source, Test Publisher, 2026-01-01" in md
    assert "https://example.org/test-source" in md
    assert "(no note)" in md  # pb-colour was flagged without a note

    page = render_html(report)
    assert "Is &lt;b&gt;this&lt;/b&gt; *safe* for me? &amp; [link](x)" in page
    assert "“A &lt;script&gt; element &amp; its code run in the page.”" in page
    assert "Publisher &amp; Co" in page and "https://example.org/a?b=1&amp;c=2" in page

    data = json.loads(render_json(report))
    notes = {item["question_id"]: item["note"] for item in data["flagged"]}
    assert notes["ps-script"] == "Is <b>this</b> *safe* for me? & [link](x)"
    src = next(item["source"] for item in data["flagged"] if item["question_id"] == "ps-script")
    assert src == {
        "title": "Source <script>alert('x')</script> & more",
        "publisher": "Publisher & Co",
        "date": "2025-05-05",
        "url": "https://example.org/a?b=1&c=2",
    }
    assert data["banks"][0]["score_percent"] == 50


def test_html_escapes_bank_text_and_is_self_contained(filled: ProgressStore, banks: list[Bank]) -> None:
    page = render_html(build_report(filled, banks, PROFILE, NOW))
    assert "<script" not in page.lower()  # the bank's <script> text is shown, never run
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "Second &lt;b&gt;bank&lt;/b&gt;" in page and "<b>bank</b>" not in page
    # One file: no links to stylesheets, scripts or images; print rules present.
    for outside in ("<link", "src=", "@import", "url("):
        assert outside not in page
    assert "@page" in page and "break-inside: avoid" in page
    assert "background: none" in page


def test_markdown_escapes_bank_text(filled: ProgressStore, banks: list[Bank]) -> None:
    md = render_markdown(build_report(filled, banks, PROFILE, NOW))
    # Every "<" that could open a tag is escaped (nothing left for a Markdown viewer to run as HTML).
    assert re.search(r"(?<!\\)<[A-Za-z/!?]", md) is None
    assert r"Second \<b>bank\</b>" in md
    assert md.startswith("# What I learned about ketamine treatment\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# not a heading", r"\# not a heading"),
        ("- not a list", r"\- not a list"),
        ("1. not a list", r"1\. not a list"),
        ("a *b* _c_ `d` [e](f) <g> & h", r"a \*b\* \_c\_ \`d\` [e\](f) \<g> & h"),
        ("[sic] and [the drug] stay as written", "[sic] and [the drug] stay as written"),
        ("a < b > c, AT&T, &amp; \\ \\*", r"a < b > c, AT&T, \&amp; \ \\\*"),
        ("> not a quote", r"\> not a quote"),
        ("two\n\nlines", "two lines"),
        ("plain words (stay) as they are!", "plain words (stay) as they are!"),
    ],
)
def test_md_escape(text: str, expected: str) -> None:
    assert md_escape(text) == expected


def test_every_format_says_not_advice_and_crisis(filled: ProgressStore, banks: list[Bank]) -> None:
    report = build_report(filled, banks, PROFILE, NOW)
    for rendered in (render_markdown(report), render_html(report)):
        assert rendered.count(CRISIS_TEXT_US) == 2  # at the top and at the end
    data = json.loads(render_json(report))
    assert data["not_advice"] == NOT_ADVICE and data["crisis"] == CRISIS_TEXT_US
    assert data["title"] == "What I learned about ketamine treatment"


def test_empty_store(store: ProgressStore, banks: list[Bank]) -> None:
    report = build_report(store, banks, "nobody-yet", NOW)
    assert report.banks == [] and report.flagged == [] and report.review == []
    assert "No answers yet." in render_markdown(report)
    assert "No questions flagged" in render_html(report)


def test_flag_on_a_bank_not_loaded_keeps_the_note(store: ProgressStore, banks: list[Bank]) -> None:
    store.record_answer(PROFILE, Attempt("gone-bank", "gone-q", 0, "x", True, DAY1))
    store.set_flag(PROFILE, "gone-bank", "gone-q", "still want to ask")
    report = build_report(store, banks, PROFILE, NOW)
    assert report.flagged[0].prompt is None and report.flagged[0].note == "still want to ask"
    assert [b.bank_id for b in report.banks] == ["gone-bank"]
    assert "still want to ask" in render_markdown(report)
    assert "gone-q" in render_html(report)


def test_csv_one_row_per_attempt(filled: ProgressStore, banks: list[Bank]) -> None:
    out = io.StringIO()
    n = write_attempts_csv(filled, PROFILE, out, banks)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_HEADER
    assert n == filled.attempt_count(PROFILE) == len(rows) - 1 == 5
    first = dict(zip(CSV_HEADER, rows[1], strict=True))
    assert first["question_id"] == "pb-first" and first["correct"] == "true"
    assert first["bank_title"] == "Plain basics" and first["question"] == "Which number is first?"
    assert first["answered_at"].startswith("2026-03-02T09:00:00")
    script = next(dict(zip(CSV_HEADER, r, strict=True)) for r in rows[1:] if r[3] == "ps-script")
    assert script["choice_text"] == "<script>" and script["bank_title"] == "Second <b>bank</b>"


def test_csv_is_streamed_in_batches(
    filled: ProgressStore, banks: list[Bank], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CSV goes through the store's iterator (batched keyset reads), not a list of every attempt."""
    seen: list[int] = []
    original = filled.iter_attempts

    def spy(profile: str, *, batch: int = 1000):  # type: ignore[no-untyped-def]
        for row in original(profile, batch=2):
            seen.append(1)
            yield row

    monkeypatch.setattr(filled, "iter_attempts", spy)
    out = io.StringIO()
    assert write_attempts_csv(filled, PROFILE, out, banks) == 5
    assert len(seen) == 5


def test_csv_guards_against_spreadsheet_formulas() -> None:
    assert csv_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_safe("+1") == "'+1" and csv_safe("@x") == "'@x"
    assert csv_safe("plain") == "plain"


def test_report_leads_with_essentials_misconceptions_and_dont_knows(
    store: ProgressStore, banks: list[Bank]
) -> None:
    basics, second = banks
    # Mark pb-colour and pb-first essential.
    essential = {"pb-colour", "pb-first"}
    basics = basics._replace(
        questions=type(basics.questions)(q._replace(essential=q.id in essential) for q in basics.questions)
    )
    answer(store, basics, "pb-colour", 1, DAY1)  # right...
    answer(store, basics, "pb-colour", 0, DAY2)  # ...then wrong: a misconception (latest answer), essential
    answer(store, second, "ps-script", 1, DAY1)  # wrong: a misconception, not essential
    store.record_answer(PROFILE, Attempt.dont_know(basics.id, "pb-markup", DAY2))
    store.set_flag(PROFILE, basics.id, "pb-markup", "what is this?")
    report = build_report(store, [basics, second], PROFILE, NOW)

    assert (report.essentials.known, report.essentials.total) == (0, 2)
    assert [(i.question_id, i.latest) for i in report.essentials_unknown] == [
        ("pb-colour", "wrong"),
        ("pb-first", None),
    ]
    assert [(m.question_id, m.chosen, m.right, m.essential) for m in report.misconceptions] == [
        ("pb-colour", "Green", "Blue", True),
        ("ps-script", second.question("ps-script").choices[1].text, "<script>", False),
    ]
    assert [d.question_id for d in report.dont_know] == ["pb-markup"]
    assert report.flagged[0].latest_answer == "I don't know yet"

    data = json.loads(render_json(report))
    assert data["essentials"] == {"known": 0, "total": 2}
    first = data["misconceptions"][0]
    assert {k: first[k] for k in ("question_id", "bank_id", "prompt", "chosen", "right", "essential")} == {
        "question_id": "pb-colour",
        "bank_id": "plain-basics",
        "prompt": "What colour is a clear daytime sky?",
        "chosen": "Green",
        "right": "Blue",
        "essential": True,
    }
    assert first["source_id"] == "test-source"
    assert [d["question_id"] for d in data["dont_know"]] == ["pb-markup"]

    md = render_markdown(report)
    order = [
        md.index(h)
        for h in (
            "## Before the first",
            "## What I believed",
            "## I didn't know",
            "## Questions for",
            "## Topics",
        )
    ]
    assert order == sorted(order)
    assert "0 of 2 essential questions known" in md
    assert "I answered: Green" in md and "The right answer: Blue" in md
    assert "My latest answer: I don't know yet" in md
    assert "Banks" not in md and "colours" not in md  # clinician words: topics by title, no tag slugs
    assert "2 of 3 questions tried · 1 of 3 answers right; some questions were answered more than once" in md

    page = render_html(report)
    assert "I answered: Green" in page and '<span class="tag">essential</span>' in page
    assert "<th>Topic</th>" in page and "Bank" not in page.replace("bank", "")


def test_csv_has_the_outcome_and_an_empty_choice_for_dont_know(
    store: ProgressStore, banks: list[Bank]
) -> None:
    basics = banks[0]
    answer(store, basics, "pb-first", 0, DAY1)
    answer(store, basics, "pb-colour", 0, DAY1)
    store.record_answer(PROFILE, Attempt.dont_know(basics.id, "pb-markup", DAY1))
    out = io.StringIO()
    write_attempts_csv(store, PROFILE, out, banks)
    rows = [dict(zip(CSV_HEADER, r, strict=True)) for r in list(csv.reader(io.StringIO(out.getvalue())))[1:]]
    assert [(r["outcome"], r["correct"], r["choice_index"], r["choice_text"]) for r in rows] == [
        ("right", "true", "0", "One"),
        ("wrong", "false", "0", "Green"),
        ("dont_know", "false", "", ""),
    ]


# -- in Spanish (issue 17): every heading and sentence from the catalog, dates and counts in Spanish form


@pytest.fixture
def spanish() -> Iterator[None]:
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def test_the_report_in_spanish(filled: ProgressStore, banks: list[Bank], spanish: None) -> None:
    report = build_report(filled, banks, PROFILE, NOW)
    md = render_markdown(report)
    assert md.startswith("# Lo que aprendí sobre el tratamiento con ketamina\n")
    assert "Perfil: default · hecho el 5 de marzo de 2026 (UTC)" in md
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Antes de la primera sesión: lo esencial que todavía no sé",
        "## Lo que yo creía y no es correcto",
        "## Todavía no lo sabía",
        "## Preguntas para mi equipo médico",
        "## Temas",
    ]
    # Plurals on the totals: "2 de 4 respuestas", "1 de 1 respuesta"; dates in words.
    assert (
        "- **Plain basics**: 2 de 3 preguntas respondidas · 2 de 4 respuestas correctas; algunas preguntas se "
        "respondieron más de una vez; 1 de 3 dominadas; del 2 de marzo de 2026 al 5 de marzo de 2026." in md
    )
    assert "1 de 1 respuesta correcta; 0 de " in md and "; el 5 de marzo de 2026." in md
    assert "1. **What colour is a clear daytime sky?**" in md and "   - Respondí: Green" in md
    assert "   - La respuesta correcta: Blue" in md
    assert "   - Mi nota: *(sin nota)*" in md
    assert "   - Tema: Plain basics · marcada el 5 de marzo de 2026" in md
    assert "1 pregunta para repasar ahora (la última vez la respondí mal" in md  # pb-colour only
    assert "ketaquiz --review." in md  # the command keeps its words
    for english in ("What I", "Profile:", "questions tried", "The right answer", "flagged on", "Topics"):
        assert english not in md

    page = render_html(report)
    assert '<html lang="es">' in page
    assert "<title>Lo que aprendí sobre el tratamiento con ketamina</title>" in page
    assert '<p class="meta">Perfil: default · hecho el 5 de marzo de 2026 (UTC)</p>' in page
    assert "<th>Tema</th><th>Preguntas respondidas</th><th>Respuestas correctas</th>" in page
    assert "<td>2 de 3</td><td>2 de 4 respuestas</td><td>1 de 3</td>" in page
    assert "<td>1 de 1 respuesta</td>" in page
    assert "<td>del 2 de marzo de 2026 al 5 de marzo de 2026</td>" in page
    assert '<span class="nowrap">ketaquiz --review</span>' in page
    assert "Hecho con ketaquiz" in page
    assert data_keys_stay_english(render_json(report))


def data_keys_stay_english(text: str) -> bool:
    data = json.loads(text)
    return {"title", "banks", "flagged", "misconceptions", "dont_know", "essentials"} <= set(data)


def test_counts_and_the_dont_know_answer_in_spanish(
    store: ProgressStore, banks: list[Bank], spanish: None
) -> None:
    basics = banks[0]
    essential = {"pb-colour", "pb-first"}
    basics = basics._replace(
        questions=type(basics.questions)(q._replace(essential=q.id in essential) for q in basics.questions)
    )
    store.record_answer(PROFILE, Attempt.dont_know(basics.id, "pb-colour", DAY1))
    store.set_flag(PROFILE, basics.id, "pb-colour", "")
    report = build_report(store, [basics], PROFILE, NOW)
    md = render_markdown(report)
    assert "Sé 0 de 2 preguntas esenciales (última respuesta correcta)." in md
    assert (
        "- What colour is a clear daytime sky? (esencial) — *Todavía no lo sabía*. Respuesta correcta: Blue"
        in md
    )
    assert "- Which number is first? (esencial) — *todavía sin intentar*. Respuesta correcta: One" in md
    assert "   - Mi última respuesta: Todavía no lo sé" in md
    assert report.flagged[0].latest_answer == "Todavía no lo sé"
    page = render_html(report)
    assert '<span class="tag">esencial</span>' in page


def test_large_counts_in_spanish_and_english_form(spanish: None) -> None:
    from ketaquiz.core.figures import BankFigures
    from ketaquiz.core.report import Report

    big = BankFigures("b", "Big", 12000, 10500, 9000, 25000, 20001, 8000, 5, "2026-01-09", "2026-12-04")
    report = Report(profile="p", generated_at="2026-12-04T10:00:00+00:00", banks=[big], review_total=1)
    md = render_markdown(report)
    assert (
        "10\u00a0500 de 12\u00a0000 preguntas respondidas · 20\u00a0001 de 25\u00a0000 respuestas correctas"
        in md
    )
    assert "del 9 de enero de 2026 al 4 de diciembre de 2026" in md
    assert "<td>10\u00a0500 de 12\u00a0000</td>" in render_html(report)
    i18n.set_language("en")
    md = render_markdown(report)
    assert "10,500 of 12,000 questions tried · 20,001 of 25,000 answers right" in md
    assert "from 9 January 2026 to 4 December 2026" in md
    assert "1 question to go over again now" in md
