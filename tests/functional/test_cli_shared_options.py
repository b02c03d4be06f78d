"""The command line's shared options and the read-only commands' checks (issue 14, "The command line"): options
before a command, `--profile` checked by stats and export as the quiz checks it, and a data folder that cannot be
read is exit 1 with plain words, never an empty report that looks real."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ketaquiz.cli import split_command
from ketaquiz.core.paths import folder_problem
from ketaquiz.core.progress import open_store

DATA = Path(__file__).resolve().parent.parent / "data"
BASICS = DATA / "plain-basics.yaml"


def ketaquiz(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ketaquiz", *args], input=stdin, capture_output=True, text=True, timeout=120
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


@pytest.mark.parametrize(
    ("argv", "command", "rest"),
    [
        (["--data-dir", "D", "stats"], "stats", ["--data-dir", "D"]),
        (["--profile=sam", "export", "--format", "csv"], "export", ["--profile=sam", "--format", "csv"]),
        (
            ["--data-dir", "D", "--profile", "p", "stats", "--json"],
            "stats",
            ["--data-dir", "D", "--profile", "p", "--json"],
        ),
        (["stats", "--data-dir", "D"], "stats", ["--data-dir", "D"]),
        # A value that happens to be a command's name is a value, not the command.
        (["--profile", "stats"], None, ["--profile", "stats"]),
        (["--bank", "x.yaml", "--data-dir", "D"], None, ["--bank", "x.yaml", "--data-dir", "D"]),
    ],
)
def test_shared_options_before_a_command_go_to_that_command(
    argv: list[str], command: str | None, rest: list[str]
) -> None:
    assert split_command(argv) == (command, rest)


def test_data_dir_before_stats_works(tmp_path: Path) -> None:
    data = tmp_path / "data"
    answered = ketaquiz("--plain", "--bank", str(BASICS), "--data-dir", str(data), stdin="1\n\nq\n")
    assert answered.returncode == 0, answered.stderr
    result = ketaquiz(
        "--data-dir", str(data), "--profile", "default", "stats", "--json", "--bank", str(BASICS)
    )
    assert result.returncode == 0, result.stderr
    [bank] = json.loads(result.stdout)["banks"]
    assert bank["answers"] == 1


def test_a_command_that_does_not_take_a_shared_option_is_a_usage_error(tmp_path: Path) -> None:
    result = ketaquiz("--profile", "sam", "set-pin")
    assert result.returncode == 2
    assert "unrecognized arguments: --profile" in result.stderr


@pytest.mark.parametrize("command", ["stats", "export"])
@pytest.mark.parametrize("profile", [" ", "", "a\tb"])
def test_stats_and_export_refuse_a_blank_profile_as_the_quiz_does(command: str, profile: str) -> None:
    result = ketaquiz(command, "--profile", profile)
    assert result.returncode == 2, result.stderr
    assert "cannot be a profile name" in result.stderr
    assert result.stdout == ""
    no_traceback(result)


@pytest.mark.parametrize(
    "command", [["stats"], ["stats", "--json"], ["export"], ["export", "--format", "csv"]]
)
@pytest.mark.parametrize("below", [False, True], ids=["the-folder", "a-parent"])
def test_stats_and_export_on_a_data_folder_that_is_a_file_exit_1_saying_so(
    tmp_path: Path, command: list[str], below: bool
) -> None:
    # chmod does not stop root: a file stands where the folder should be.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    folder = blocker / "data" if below else blocker
    result = ketaquiz(*command, "--data-dir", str(folder))
    assert result.returncode == 1
    assert f"{blocker} is a file, not a folder" in result.stderr
    assert result.stdout == "", "no report at all, rather than an empty one that looks real"
    no_traceback(result)


def test_the_quiz_says_the_same_plain_words_for_a_data_folder_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    opening = open_store(blocker)
    assert not opening.persistent
    assert opening.warning is not None
    assert f"{blocker} is a file, not a folder" in opening.warning
    assert "Errno" not in opening.warning and "File exists" not in opening.warning
    plain = ketaquiz("--plain", "--bank", str(BASICS), "--data-dir", str(blocker), stdin="q\n")
    assert plain.returncode == 0
    assert f"{blocker} is a file, not a folder" in plain.stderr
    assert "Errno" not in plain.stderr


def test_folder_problem_names_the_file_in_the_way(tmp_path: Path) -> None:
    assert folder_problem(tmp_path) is None
    assert folder_problem(tmp_path / "not" / "yet") is None  # made when needed
    (tmp_path / "f").write_text("")
    assert folder_problem(tmp_path / "f") == f"{tmp_path / 'f'} is a file, not a folder"
    assert folder_problem(tmp_path / "f" / "x") == (
        f"{tmp_path / 'f'} is a file, not a folder (on the way to {tmp_path / 'f' / 'x'})"
    )


# ----------------------------------------------------------------------------------------------------------------
# Clinic banks remembered (issue 16)


def test_after_answering_from_a_clinic_bank_plain_stats_lists_it_beside_the_bundled_banks(
    tmp_path: Path,
) -> None:
    clinic = tmp_path / "clinic.yaml"
    clinic.write_bytes(BASICS.read_bytes())
    data = tmp_path / "data"
    answered = ketaquiz("--plain", "--bank", str(clinic), "--data-dir", str(data), stdin="1\n\nq\n")
    assert answered.returncode == 0, answered.stderr

    result = ketaquiz("stats", "--json", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    ids = [b["id"] for b in report["banks"]]
    assert "plain-basics" in ids and len(ids) > 1, "the clinic's bank beside the bundled ones"
    assert next(b for b in report["banks"] if b["id"] == "plain-basics")["answers"] == 1
    assert report["missing_banks"] == []

    exported = ketaquiz("export", "--format", "json", "--data-dir", str(data))
    assert exported.returncode == 0, exported.stderr
    assert "plain-basics" in {b["bank_id"] for b in json.loads(exported.stdout)["banks"]}

    # --bank still replaces the set for one run.
    other = ketaquiz("stats", "--json", "--data-dir", str(data), "--bank", str(DATA / "plain-second.yaml"))
    assert [b["id"] for b in json.loads(other.stdout)["banks"]] == ["plain-second"]

    # Another profile has not used it.
    sam = ketaquiz("stats", "--json", "--data-dir", str(data), "--profile", "sam")
    assert "plain-basics" not in [b["id"] for b in json.loads(sam.stdout)["banks"]]


def test_a_remembered_clinic_bank_that_is_gone_is_named_not_silently_left_out(tmp_path: Path) -> None:
    clinic = tmp_path / "clinic.yaml"
    clinic.write_bytes(BASICS.read_bytes())
    data = tmp_path / "data"
    assert ketaquiz("--plain", "--bank", str(clinic), "--data-dir", str(data), stdin="q\n").returncode == 0
    clinic.unlink()
    for command in (["stats"], ["stats", "--json"], ["export"]):
        result = ketaquiz(*command, "--data-dir", str(data))
        assert result.returncode == 0, result.stderr
        assert f"The bank 'plain-basics' this profile used ({clinic}) is no longer there" in result.stderr
        no_traceback(result)
    report = json.loads(ketaquiz("stats", "--json", "--data-dir", str(data)).stdout)
    assert report["missing_banks"] == [{"id": "plain-basics", "path": str(clinic)}]


def test_the_app_with_a_clinic_bank_remembers_it_for_the_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ketaquiz.core.progress import STORE_FILENAME, ProgressStore
    from tests.reliability.support import run_app_via_cli, settle

    clinic = tmp_path / "clinic.yaml"
    clinic.write_bytes(BASICS.read_bytes())
    data = tmp_path / "data"

    async def scenario(app, pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(app, pilot)

    argv = ["--data-dir", str(data), "--profile", "sam", "--bank", str(clinic)]
    assert run_app_via_cli(monkeypatch, argv, scenario) == 0
    with ProgressStore(data / STORE_FILENAME) as store:
        assert [(r.path, r.bank_id) for r in store.remembered_banks("sam")] == [
            (str(clinic.resolve()), "plain-basics")
        ]
        assert store.remembered_banks("default") == []

    # Without --bank, Home lists it beside the bundled banks; once the file is gone, Home says so.
    shown: list[list[str]] = []

    async def look(app, pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(app, pilot)
        shown.append([b.id for b in app.catalog.banks])
        shown.append(list(app.notices))

    assert run_app_via_cli(monkeypatch, ["--data-dir", str(data), "--profile", "sam"], look) == 0
    assert "plain-basics" in shown[0] and len(shown[0]) > 1
    clinic.unlink()
    assert run_app_via_cli(monkeypatch, ["--data-dir", str(data), "--profile", "sam"], look) == 0
    assert "plain-basics" not in shown[2]
    assert any("is no longer there" in notice for notice in shown[3])


def test_plain_mode_without_bank_offers_the_remembered_clinic_bank_beside_the_bundled_ones(
    tmp_path: Path,
) -> None:
    clinic = tmp_path / "clinic.yaml"
    clinic.write_bytes(BASICS.read_bytes())
    data = tmp_path / "data"
    assert ketaquiz("--plain", "--bank", str(clinic), "--data-dir", str(data), stdin="q\n").returncode == 0
    menu = ketaquiz("--plain", "--data-dir", str(data), stdin="q\n")
    assert menu.returncode == 0, menu.stderr
    assert "Plain basics" in menu.stdout and "Side effects" in menu.stdout
    clinic.unlink()
    gone = ketaquiz("--plain", "--data-dir", str(data), stdin="q\n")
    assert gone.returncode == 0
    assert "Plain basics" not in gone.stdout
    assert "is no longer there" in gone.stderr
