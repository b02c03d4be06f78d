"""Plain mode: a flag ("ask my care team") can be removed (issue 14): `f` on a flagged question removes it, and the
menu lists the flags, each removable by its number. Real subprocesses and real stores, as in test_plain.py."""

from __future__ import annotations

from pathlib import Path

from tests.functional.test_plain import BASICS, SECOND, assert_clean, plain, store_at


def test_f_on_a_flagged_question_removes_the_flag(tmp_path: Path) -> None:
    # f flags (with a note); f again removes it; then the answer and Enter.
    result = plain(tmp_path, BASICS, stdin="f\nDoes this apply to me?\nf\n1\n\nq\n")
    assert result.returncode == 0
    assert_clean(result)
    out = " ".join(result.stdout.split())
    assert "Your answer (1-3, 0 if you don't know yet, f to flag, q to stop):" in out
    assert "Your answer (1-3, 0 if you don't know yet, f to remove the flag, q to stop):" in out
    assert out.count("Removed from your list.") == 1
    assert "You flagged" not in out  # nothing is left flagged from this run
    with store_at(tmp_path) as store:
        assert store.flags("default") == []


def test_the_menu_lists_the_flags_and_removes_one_by_its_number(tmp_path: Path) -> None:
    # Plain basics: flag question 1 (note A), answer it, flag question 2 (note B), stop.
    plain(tmp_path, BASICS, SECOND, stdin="1\nf\nnote A\n1\n\nf\nnote B\nq\n")
    with store_at(tmp_path) as store:
        assert [(f.question_id, f.note) for f in store.flags("default")] == [
            ("pb-first", "note A"),
            ("pb-colour", "note B"),
        ]
    # The menu's 5th item is the list; 1 removes the first flag; Enter goes back to the menu, which counts again.
    result = plain(tmp_path, BASICS, SECOND, stdin="5\nx\n1\n\nq\n")
    assert_clean(result)
    out = result.stdout
    assert "  5) Your list for your care team (2 questions)" in out
    assert "  1) Which number is first? (Your note: note A)" in out
    assert "Please type 1 or 2, or press Enter to go back." in out
    assert "Removed from your list." in out
    assert "  5) Your list for your care team (1 question)" in out
    with store_at(tmp_path) as store:
        assert [f.question_id for f in store.flags("default")] == ["pb-colour"]

    # Removing the last one says the list is empty, and the menu no longer offers it.
    emptied = plain(tmp_path, BASICS, SECOND, stdin="5\n1\nq\n")
    assert "Your list for your care team is empty." in emptied.stdout
    assert emptied.stdout.count(") Your list for your care team (") == 1  # the menu before, not after
    with store_at(tmp_path) as store:
        assert store.flags("default") == []
