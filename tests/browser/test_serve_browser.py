"""`ketaquiz serve --kiosk` in a real headless Chromium: the page loads, the welcome screen shows, and a visitor
answers a question with the keyboard.

Needs Debian's `chromium` and `chromium-driver` (apt) and the `selenium` package; skipped only when no Chromium is
installed. Nothing is downloaded: selenium is pointed at /usr/bin/chromedriver, so Selenium Manager never runs.

The terminal in the page is drawn on a canvas, so the test reads what happened from the kiosk's anonymous
statistics (switched on in its config): one question shown, answered, and answered right. The kiosk speaks English
and Spanish (`languages: [en, es]`): after Back, `l` turns the welcome to Spanish and the next visit asks a question
of the Spanish bank.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / "tests" / "data" / "plain-basics.yaml"  # three short questions
SPANISH_BANK = ROOT / "questions" / "ketamina-es.yaml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

if CHROMIUM is None:
    pytest.skip("no chromium installed (apt-get install chromium chromium-driver)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def kiosk_stats(data_dir: Path) -> list[tuple[str, str, int, int, int]]:
    path = data_dir / "progress.sqlite3"
    if not path.exists():
        return []
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT * FROM kiosk_stats ORDER BY question_id").fetchall()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    config = tmp_path / "kiosk.yaml"
    # No PIN needed in a browser.
    config.write_text("clinic_name: Browser Clinic\nanonymous_stats: true\nlanguages: [en, es]\n")
    data_dir = tmp_path / "data"
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ketaquiz",
            "serve",
            "--kiosk",
            "--port",
            str(port),
            "--config",
            str(config),
            "--bank",
            str(BANK),
            "--bank",
            str(SPANISH_BANK),
        ],
        cwd=ROOT,
        env={**os.environ, "KETAQUIZ_DATA_DIR": str(data_dir)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"

    def up() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except OSError:
            return process.poll() is not None  # stop waiting if it died

    try:
        wait_until(up, 30, "ketaquiz serve to listen")
        assert process.poll() is None, (tmp_path / "serve.log").read_text()
        yield url, data_dir
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture
def browser(tmp_path: Path):  # type: ignore[no-untyped-def]
    webdriver = pytest.importorskip("selenium.webdriver", reason="pip install selenium")
    from selenium.webdriver.chrome.service import Service

    assert CHROMEDRIVER is not None, (
        "chromium is installed but chromedriver is not: apt-get install chromium-driver"
    )
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1280,800",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def test_serve_kiosk_in_chromium(server: tuple[str, Path], browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, data_dir = server
    browser.get(url)
    assert "textual-terminal" in browser.page_source  # the page of textual-serve, not an error page
    # textual-serve marks the page "-first-byte" once the app process has drawn something.
    wait_until(
        lambda: "-first-byte" in browser.execute_script("return document.body.className"), 30, "the app"
    )
    time.sleep(1.0)  # the page fades the terminal in
    shot = tmp_path / "welcome.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000, "the screenshot looks empty"
    print(f"welcome screenshot: {shot}")
    assert kiosk_stats(data_dir) == []  # nothing shown yet: the Welcome screen is up

    keyboard = browser.find_element(By.CSS_SELECTOR, "textarea.xterm-helper-textarea")
    browser.execute_script("arguments[0].focus()", keyboard)
    keyboard.send_keys("1")  # the first topic: a short visit, its questions drawn at random

    def totals() -> tuple[int, int]:
        rows = kiosk_stats(data_dir)
        return sum(r[2] for r in rows), sum(r[3] for r in rows)

    wait_until(lambda: totals() == (1, 0), 20, "the first question")
    keyboard.send_keys("1")  # an answer (counted as answered, right or not)
    wait_until(lambda: totals() == (1, 1), 20, "the answer")
    assert browser.save_screenshot(str(tmp_path / "answered.png"))
    assert {r[0] for r in kiosk_stats(data_dir)} == {"plain-basics"}
    keyboard.send_keys(Keys.ESCAPE)  # back to the topics: the kiosk keeps running
    time.sleep(1.0)
    keyboard.send_keys("l")  # Español: the welcome in Spanish, with the Spanish topics
    time.sleep(1.0)
    keyboard.send_keys("1")  # a new visit, in Spanish: its first question is shown
    wait_until(lambda: totals() == (2, 1), 20, "a new visit after Back")
    assert {r[0] for r in kiosk_stats(data_dir)} == {"plain-basics", "ketamina-es"}
    assert browser.save_screenshot(str(tmp_path / "after-back.png"))


def test_serve_quiz_in_chromium_keeps_nothing_and_q_ends_the_tab(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Self-study in a tab: q ends the quiz on a last screen that says nothing was kept, a key then ends the
    session (the page marks itself closed), and nothing was written to the data folder."""
    from selenium.webdriver.common.by import By

    data_dir = tmp_path / "data"
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "ketaquiz", "serve", "--port", str(port), "--bank", str(BANK)],
        cwd=ROOT,
        env={**os.environ, "KETAQUIZ_DATA_DIR": str(data_dir)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"

    def up() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except OSError:
            return process.poll() is not None

    try:
        wait_until(up, 30, "ketaquiz serve to listen")
        assert process.poll() is None, (tmp_path / "serve.log").read_text()
        browser.get(url)
        body_class = "return document.body.className"
        wait_until(lambda: "-first-byte" in browser.execute_script(body_class), 30, "the app")
        time.sleep(1.0)
        keyboard = browser.find_element(By.CSS_SELECTOR, "textarea.xterm-helper-textarea")
        browser.execute_script("arguments[0].focus()", keyboard)
        keyboard.send_keys("1")  # the bank
        time.sleep(1.0)
        keyboard.send_keys("1")  # an answer
        time.sleep(1.0)
        keyboard.send_keys("q")
        time.sleep(2.0)
        assert "-closed" not in browser.execute_script(body_class), "the last screen says nothing was kept"
        assert browser.save_screenshot(str(tmp_path / "farewell.png"))
        keyboard.send_keys("x")
        wait_until(lambda: "-closed" in browser.execute_script(body_class), 20, "the tab's session to end")
        assert not data_dir.exists() or not any(data_dir.iterdir()), "a browser tab keeps nothing"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
