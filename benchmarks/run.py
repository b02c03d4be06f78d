"""ketaquiz's performance figures, each next to a baseline measured in the same run.

    python benchmarks/run.py [--quick] [--json FILE]

The machines this runs on are small and shared, so every figure is taken in turns with its baseline (A, B, A,
B, ...) and reported as medians and a ratio; absolute times are for orientation only. Whole-process figures use
`os.wait4`, which gives the child's CPU time (user + system) and peak resident memory.

Start-up is measured as the targets describe: the process starts on Textual's headless driver and is ended by
Textual's own screenshot timer (`TEXTUAL_SCREENSHOT=1`), against a bare Textual app (a Header, a Label and a
Footer) run the same way. Comparing CPU time, not wall time, leaves out the one-second screenshot wait.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

PY = sys.executable
HEADLESS = {
    "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
    "TEXTUAL_SCREENSHOT": "1",
}


@dataclass
class Figure:
    name: str
    value: str
    baseline_name: str
    baseline: str
    ratio: float | None
    target: str
    met: bool

    def row(self) -> str:
        ratio = f"{self.ratio:.2f}x" if self.ratio is not None else "-"
        mark = "yes" if self.met else "**no**"
        return f"| {self.name} | {self.value} | {self.baseline_name}: {self.baseline} | {ratio} | {self.target} | {mark} |"


@dataclass
class ProcStats:
    wall: float
    cpu: float
    max_rss_mb: float


def run_process(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> ProcStats:
    full_env = {**os.environ, **(env or {})}
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=full_env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{argv} exited {proc.returncode}: {err[-2000:]}")
    return ProcStats(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def in_turns(
    a: Callable[[], ProcStats], b: Callable[[], ProcStats], rounds: int
) -> tuple[list[ProcStats], list[ProcStats]]:
    xs, ys = [], []
    a()
    b()  # warm the page cache and the bytecode caches once
    for _ in range(rounds):
        xs.append(a())
        ys.append(b())
    return xs, ys


def med(values: list[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


# -------------------------------------------------------------------------------------------------------------


def bench_startup(rounds: int, work: Path) -> list[Figure]:
    # Measure with bytecode compiled, as an installed copy has it (an editable install under
    # PYTHONDONTWRITEBYTECODE=1 would otherwise recompile ketaquiz on every start).
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    data = work / "startup-data"
    cache = work / "startup-cache"
    shots = work / "shots"
    shots.mkdir(exist_ok=True)
    env = {**HEADLESS, "TEXTUAL_SCREENSHOT_LOCATION": str(shots), "KETAQUIZ_CACHE_DIR": str(cache)}
    app = lambda: run_process([PY, "-m", "ketaquiz", "--data-dir", str(data)], env)  # noqa: E731
    bare = lambda: run_process([PY, str(ROOT / "benchmarks" / "bare_app.py")], env)  # noqa: E731
    xs, ys = in_turns(app, bare, rounds)
    cpu_app, cpu_bare = med([x.cpu for x in xs]), med([y.cpu for y in ys])
    mem_app, mem_bare = med([x.max_rss_mb for x in xs]), med([y.max_rss_mb for y in ys])
    return [*_startup_figures(cpu_app, cpu_bare, mem_app, mem_bare), *bench_startup_instructions(work, env)]


def _instructions(argv: list[str], env: dict[str, str]) -> int:
    """Instructions the process executes (valgrind's cachegrind, no cache simulation): the same every run."""
    out = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *argv],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    ).stderr
    for line in out.splitlines():
        if "I" in line and "refs:" in line:
            return int(line.rsplit(":", 1)[1].replace(",", "").strip())
    raise RuntimeError(f"no instruction count from valgrind: {out[-500:]}")


def bench_startup_instructions(work: Path, env: dict[str, str]) -> list[Figure]:
    """Start-up again, counted in instructions: on a shared machine CPU time wanders by several per cent from
    run to run, an instruction count by under 0.1 %. Only where valgrind is installed (it is not needed
    otherwise); the screenshot is taken after 15 s, since everything runs some 50 times slower under it."""
    if shutil.which("valgrind") is None:
        return []
    slow = {**env, "TEXTUAL_SCREENSHOT": "15", "PYTHONHASHSEED": "0"}
    data = work / "startup-data"
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        app_f = pool.submit(_instructions, [PY, "-m", "ketaquiz", "--data-dir", str(data)], slow)
        bare_f = pool.submit(_instructions, [PY, str(ROOT / "benchmarks" / "bare_app.py")], slow)
        app, bare = app_f.result(), bare_f.result()
    return [
        Figure(
            "the same start, in instructions executed (valgrind)",
            f"{app / 1e6:.0f} M",
            "bare Textual app",
            f"{bare / 1e6:.0f} M",
            app / bare,
            "(a steadier view of the row above)",
            True,
        )
    ]


def _startup_figures(cpu_app: float, cpu_bare: float, mem_app: float, mem_bare: float) -> list[Figure]:
    return [
        Figure(
            "`ketaquiz` start to the home screen (CPU)",
            ms(cpu_app),
            "bare Textual app",
            ms(cpu_bare),
            cpu_app / cpu_bare,
            "<= 1.2x",
            cpu_app / cpu_bare <= 1.2,
        ),
        Figure(
            "peak memory, app with the bundled banks",
            f"{mem_app:.1f} MB",
            "bare Textual app",
            f"{mem_bare:.1f} MB",
            mem_app / mem_bare,
            "<= 1.3x",
            mem_app / mem_bare <= 1.3,
        ),
    ]


def bench_version_and_check(rounds: int) -> list[Figure]:
    version = lambda: run_process([PY, "-m", "ketaquiz", "--version"])  # noqa: E731
    yaml_import = lambda: run_process([PY, "-c", "import yaml"])  # noqa: E731
    xs, ys = in_turns(version, yaml_import, rounds)
    v, y = med([x.cpu for x in xs]), med([x.cpu for x in ys])
    probe = (
        "import sys\nfrom ketaquiz.cli import main\nrc = main(['check'])\n"
        "assert 'textual' not in sys.modules and 'rich' not in sys.modules, 'textual imported'\nsys.exit(rc)"
    )
    check = lambda: run_process([PY, "-c", probe])  # noqa: E731
    cs, ys2 = in_turns(check, yaml_import, rounds)
    c, y2 = med([x.cpu for x in cs]), med([x.cpu for x in ys2])
    return [
        Figure(
            "`ketaquiz --version` (CPU)",
            ms(v),
            '`python -c "import yaml"`',
            ms(y),
            v / y,
            "<= 1.5x",
            v / y <= 1.5,
        ),
        Figure(
            "`ketaquiz check` of the bundled banks, Textual not imported (CPU)",
            ms(c),
            '`python -c "import yaml"`',
            ms(y2),
            c / y2,
            "Textual not imported",
            True,
        ),
    ]


def bench_big_bank(rounds: int, work: Path) -> list[Figure]:
    import gc

    import yaml

    from benchmarks.genbank import write
    from ketaquiz.core.catalog import load_bank_cached
    from ketaquiz.core.lint import check_paths

    path = write(work / "big.yaml", 10_000)
    parse_t, check_t, cached_t = [], [], []
    for i in range(rounds):
        gc.collect()
        t = time.perf_counter()
        with path.open("rb") as fh:
            yaml.load(fh, Loader=yaml.CSafeLoader)
        parse_t.append(time.perf_counter() - t)
        gc.collect()
        t = time.perf_counter()
        report = check_paths([path])
        check_t.append(time.perf_counter() - t)
        assert report.banks[0].questions == 10_000
        cache = work / f"cache-{i}"
        load_bank_cached(path, folder=cache)  # first load fills the cache
        gc.collect()
        t = time.perf_counter()
        bank = load_bank_cached(path, folder=cache)
        cached_t.append(time.perf_counter() - t)
        assert len(bank.questions) == 10_000
    p, c, k = med(parse_t), med(check_t), med(cached_t)
    size = path.stat().st_size / 1e6
    return [
        Figure(
            f"load and check a 10,000-question bank ({size:.1f} MB), first time",
            ms(c),
            "PyYAML C loader, parse only",
            ms(p),
            c / p,
            "<= 1.3x",
            c / p <= 1.3,
        ),
        Figure(
            "the same bank again, unchanged (content-keyed cache)",
            ms(k),
            "PyYAML C loader, parse only",
            ms(p),
            k / p,
            "< 100 ms",
            k < 0.1,
        ),
    ]


def bench_refusals(rounds: int, work: Path) -> list[Figure]:
    """How long the loader takes to refuse hostile files, against loading an ordinary bank."""
    from ketaquiz.core.bank import BankError, load_bank

    bomb = work / "bomb.yaml"
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    deep = work / "deep.yaml"
    deep.write_text("a: " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")
    huge = work / "huge.yaml"
    with huge.open("wb") as fh:
        fh.write(b"format: 1\n")
        fh.truncate(50 * 1024 * 1024)
    ordinary = ROOT / "questions" / "side-effects.yaml"

    def timed(path: Path, refused: bool) -> float:
        best = []
        for _ in range(rounds):
            t = time.perf_counter()
            try:
                load_bank(path)
                ok = True
            except BankError:
                ok = False
            best.append(time.perf_counter() - t)
            assert ok is not refused, path
        return med(best)

    base = timed(ordinary, refused=False)
    figures = []
    for label, path in (
        ("YAML alias bomb (9 levels of 9)", bomb),
        ("20,000-deep nesting", deep),
        ("a 50 MB file", huge),
    ):
        t = timed(path, refused=True)
        figures.append(
            Figure(
                f"refuse {label}",
                ms(t),
                f"load the side-effects bank ({len(load_bank(ordinary).questions)} questions)",
                ms(base),
                t / base,
                "refused before it is built",
                t < base,
            )
        )
    return figures


def bench_answer_write(n: int, work: Path) -> list[Figure]:
    from ketaquiz.core.progress import Attempt, ProgressStore
    from ketaquiz.core.scheduling import review

    store = ProgressStore(work / "answers.sqlite3")
    profile = "default"
    store.ensure_profile(profile)
    times = []
    from datetime import UTC, datetime

    for i in range(n):
        now = datetime.now(UTC)
        attempt = Attempt(
            bank_id="bench",
            question_id=f"q-{i % 50}",
            choice_index=i % 3,
            choice_text="A choice",
            correct=bool(i % 2),
            answered_at=now,
            seconds=3.0,
        )
        card = review(None, bool(i % 2), now)
        t = time.perf_counter()
        store.record_answer(profile, attempt, card)
        times.append(time.perf_counter() - t)
    store.close()

    # Baseline: the floor for a durable write on this disk, a one-row INSERT committed in WAL with synchronous=FULL.
    con = sqlite3.connect(work / "floor.sqlite3", isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE t (a INTEGER, b TEXT)")
    floor = []
    for i in range(n):
        t = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO t VALUES (?, ?)", (i, "x"))
        con.execute("COMMIT")
        floor.append(time.perf_counter() - t)
    con.close()
    p99 = statistics.quantiles(times, n=100)[98]
    f99 = statistics.quantiles(floor, n=100)[98]
    return [
        Figure(
            "one answer recorded durably (p99)",
            ms(p99),
            "bare SQLite INSERT, WAL + synchronous=FULL (p99)",
            ms(f99),
            p99 / f99,
            "p99 < 5 ms",
            p99 < 0.005,
        ),
    ]


def bench_stats(rounds: int, work: Path) -> list[Figure]:
    from benchmarks.fill_store import fill

    data = work / "stats-data"
    fill(data, 100_000)
    stats = lambda: run_process([PY, "-m", "ketaquiz", "stats", "--data-dir", str(data)])  # noqa: E731
    bare = lambda: run_process([PY, "-c", "import sqlite3, yaml"])  # noqa: E731
    xs, ys = in_turns(stats, bare, rounds)
    s, b = med([x.wall for x in xs]), med([y.wall for y in ys])
    return [
        Figure(
            "`ketaquiz stats` with 100,000 attempts (wall)",
            ms(s),
            '`python -c "import sqlite3, yaml"`',
            ms(b),
            s / b,
            "< 200 ms",
            s < 0.2,
        ),
    ]


def bench_keypress(rounds: int) -> list[Figure]:
    from benchmarks.keypress import measure

    app_ms, bare_ms = asyncio.run(measure(rounds))
    a, b = med(app_ms), med(bare_ms)
    return [
        Figure(
            "key press on a choice until the feedback is drawn (median)",
            ms(a),
            "bare app: key updates a Label",
            ms(b),
            a / b if b else None,
            "median < 50 ms",
            a < 0.05,
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a smoke test)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument(
        "--only", help="comma-separated: startup,version,bigbank,refusals,answers,stats,keypress"
    )
    args = parser.parse_args()
    rounds = 3 if args.quick else 9
    only = set(args.only.split(",")) if args.only else None
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="kq-bench-") as tmp:
        work = Path(tmp)
        os.environ["KETAQUIZ_CACHE_DIR"] = str(work / "cache")
        os.environ["KETAQUIZ_DATA_DIR"] = str(work / "data")
        steps = [
            ("startup", lambda: bench_startup(rounds * 2, work)),  # the noisiest figure: more rounds
            ("version", lambda: bench_version_and_check(rounds)),
            ("bigbank", lambda: bench_big_bank(3 if args.quick else 5, work)),
            ("refusals", lambda: bench_refusals(rounds, work)),
            ("answers", lambda: bench_answer_write(200 if args.quick else 1000, work)),
            ("stats", lambda: bench_stats(rounds, work)),
            ("keypress", lambda: bench_keypress(10 if args.quick else 30)),
        ]
        for name, step in steps:
            if only and name not in only:
                continue
            print(f"measuring {name} ...", file=sys.stderr, flush=True)
            figures.extend(step())
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    print(f"Measured {time.strftime('%Y-%m-%d')} on {machine}.\n")
    print("| figure | ketaquiz | baseline (same run) | ratio | target | met |")
    print("| --- | --- | --- | --- | --- | --- |")
    for f in figures:
        print(f.row())
    if args.json:
        Path(args.json).write_text(json.dumps([f.__dict__ for f in figures], indent=2), encoding="utf-8")
    return 0 if all(f.met for f in figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
