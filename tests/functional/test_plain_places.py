"""Plain mode keeps a place per topic (issue 14): its menu offers every quiz left part-way, most recent first, and
each goes on where it stopped. Real subprocesses and real stores, as in test_plain.py."""

from __future__ import annotations

from pathlib import Path

from tests.functional.test_plain import BASICS, SECOND, assert_clean, plain, store_at


def test_the_menu_offers_each_topic_left_part_way(tmp_path: Path) -> None:
    plain(tmp_path, BASICS, SECOND, stdin="1\n1\n\nq\n")  # Plain basics: one answer, then stop
    plain(tmp_path, BASICS, SECOND, stdin="2\n1\n\nq\n")  # the second bank: one answer, then stop
    with store_at(tmp_path) as store:
        assert [r.topic for r in store.unfinished_runs("default")] == ["plain-second", "plain-basics"]

    third = plain(tmp_path, BASICS, SECOND, stdin="5\n")
    assert_clean(third)
    assert "  4) Continue: Second <b>bank</b>, question 2 of 2" in third.stdout
    assert "  5) Continue: Plain basics, question 2 of 3" in third.stdout
    assert "Question 2 of 3 — Plain basics" in third.stdout  # 5 went on with the older place

    fourth = plain(tmp_path, BASICS, SECOND, stdin="4\n")
    assert "Question 2 of 2 — Second <b>bank</b>" in fourth.stdout
    assert "Question 1 of" not in fourth.stdout


def test_a_single_bank_goes_on_with_its_own_place_not_the_latest_one(tmp_path: Path) -> None:
    plain(tmp_path, BASICS, SECOND, stdin="1\n1\n\nq\n")  # Plain basics left at question 2
    plain(tmp_path, BASICS, SECOND, stdin="2\n1\n\nq\n")  # then the second bank, more recently
    alone = plain(tmp_path, BASICS, stdin="")
    assert "Continuing where you stopped: question 2 of 3." in alone.stdout
    assert "Question 2 of 3 — Plain basics" in alone.stdout
