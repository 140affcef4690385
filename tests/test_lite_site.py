"""The agents' lessons as a JupyterLite site (``make lite``), in a real browser with no network.

The site is built afresh, served on loopback by ``python -m http.server``, and opened in
Debian's Chromium with every request to another host refused: the lessons must run, and
the records must be kept, by the browser alone.
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import (
    REDRAW,
    TRAINING_ROOM,
    desk_shown,
    exercise,
    expect_lcd,
    lcd_line,
    playwright,
    press,
)
from servers import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, serving, under_ci

import ipo_core as ipo

# --- the site in a browser, with no network but loopback ---------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``make lite``'s site, built afresh and served on loopback; yields its address."""
    missing = []
    if importlib.util.find_spec("jupyterlite_pyodide_kernel") is None:
        missing.append("JupyterLite: pip install -e '.[lite]' (make test installs it)")
    if not (ROOT / "lite" / "node_modules" / "pyodide" / "pyodide.mjs").exists():
        missing.append("Pyodide: npm ci --prefix lite (make test runs it)")
    if not Path(CHROMIUM).exists():
        missing.append(f"Chromium at {CHROMIUM}: apt-get install chromium")
    if missing:
        if under_ci():  # under CI these tests never skip: .ci/run brings them all
            pytest.fail("No " + "; no ".join(missing))
        pytest.skip("No " + "; no ".join(missing))
    out = tmp_path_factory.mktemp("lite") / "site"
    subprocess.run(
        [sys.executable, "-m", "trainer.cli", "lite", "--output", str(out)], check=True, cwd=ROOT
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "http.server", "-b", "127.0.0.1", str(port), "-d", str(out)]
    with serving(command, out.parent / "http.log", base, name="http.server", patience=30):
        yield base


#: Seconds the Pyodide kernel may take to start, and the lesson to run, in the browser.
START = 180


@pytest.fixture(scope="module")
def agent(site: str) -> Iterator[tuple[Any, list[str]]]:
    """One agent's browser (its storage kept across pages) that may reach the site alone.

    Yields the browser context and the list of every request refused (to another host).
    """
    sync_api = pytest.importorskip("playwright.sync_api")
    refused: list[str] = []

    def only_the_site(route: Any) -> None:
        if route.request.url.startswith(site) or route.request.url.startswith("blob:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1280, "height": 900}
        )
        context.route("**/*", only_the_site)
        context.set_default_timeout(START * 1000)
        sync_api.expect.set_options(timeout=REDRAW * 1000)
        yield context, refused
        browser.close()


def run_lesson(page: Any, site: str, name: str) -> None:
    """Open lesson ``name`` in the site as an agent does: wait for the kernel, Run All Cells."""
    page.goto(f"{site}lab/index.html?path={name}.ipynb")
    page.locator("#jp-main-statusbar").get_by_text("Python (Pyodide) | Idle").wait_for()
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").click()
    page.get_by_text("Run All Cells", exact=True).click()
    page.locator(".ipo-exercise").last.locator(".ipo-steps").wait_for()


def test_an_agent_logs_on_and_off_passes_an_exercise_and_takes_the_records_home(
    site: str, agent: tuple[Any, list[str]], tmp_path: Path
) -> None:
    context, refused = agent
    page = context.new_page()

    run_lesson(page, site, "02_logon_three_ways")

    # The practice phone: on with *35, off with *36, by clicking its keys.
    practice = page.locator(".ipo-handset").first
    expect_lcd(practice, "NoUser              3000")
    press(practice, "*35*3000*1234#")
    expect_lcd(practice, "Agent3000           3000", "Logged on")
    practice.locator("button.ipo-hook").click()  # hang up
    press(practice, "*36")
    expect_lcd(practice, "NoUser              3000", "Logged off")

    # The *35 exercise, under the agent's own name, at the desk the page gives her: the
    # station follows from her name, the code from this browser's desk secret (made afresh
    # in the kernel's file system, so read from the page, as she reads it).
    task = exercise(page, "*35*Extn*Code#")
    task.get_by_label("Your name").fill("Ana Lima")
    task.get_by_role("button", name="That's me").click()
    playwright.expect(task.locator(".ipo-who")).to_contain_text("You are Ana Lima")
    desk = desk_shown(task, "Ana Lima")
    assert desk.station == ipo.Desk.draw(TRAINING_ROOM, "Ana Lima", random.Random(0)).station
    phone = task.locator(".ipo-handset")
    expect_lcd(phone, lcd_line("NoUser", desk.station, desk.model))
    press(phone, f"*35*{desk.extension}*{desk.login_code}#")
    expect_lcd(phone, lcd_line(desk.user, desk.extension, desk.model), "Logged on")
    playwright.expect(task.locator(".ipo-result")).to_have_text(
        re.compile(r"^Passed: 14 actions, 0 mistakes")
    )
    playwright.expect(task.get_by_text(re.compile("^Saved in this browser"))).to_be_visible()
    kept = page.locator(".ipo-my-progress .ipo-browser-records-says")
    playwright.expect(kept).to_have_text("1 attempt is kept in this browser.")

    # The next day: a new page, a new kernel; the browser gives back the name and the attempt.
    page.close()
    page = context.new_page()
    run_lesson(page, site, "02_logon_three_ways")
    progress = page.locator(".ipo-my-progress")
    playwright.expect(progress.locator(".ipo-progress-passed")).to_have_text(
        "\u2713 Log on with *35*Extn*Code#"
    )
    playwright.expect(progress.locator("b").first).to_have_text("Your progress, Ana Lima")
    playwright.expect(exercise(page, "*35*Extn*Code#").locator(".ipo-who")).to_contain_text(
        "You are Ana Lima"
    )
    assert desk_shown(exercise(page, "*35*Extn*Code#"), "Ana Lima").station == desk.station
    playwright.expect(progress.locator(".ipo-browser-records-says")).to_have_text(
        "1 attempt is kept in this browser."
    )

    # The file for the trainer, read by the supervisor's command.
    with page.expect_download() as download:
        progress.get_by_role("button", name="Download my training records").click()
    assert download.value.suggested_filename == "ipo-training-records.jsonl"
    file = tmp_path / download.value.suggested_filename
    download.value.save_as(file)
    (line,) = file.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    # The login code stays in the kernel: masked in the record's steps, and in nothing the
    # record says (the uid, timestamps and seconds are digits of the machine's own).
    assert record["station"] == desk.station
    assert record["steps"][-5:] == ["key \u2022"] * 4 + ["key #"]
    said = {k: v for k, v in record.items() if k not in ("uid", "started", "ended", "seconds")}
    assert desk.login_code not in json.dumps(said, ensure_ascii=False)
    board = subprocess.run(
        [sys.executable, "-m", "trainer.cli", "progress", "--import", str(file),
         "--db", str(tmp_path / "class.sqlite")],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert board.startswith("Imported 1 attempt from 1 file")
    assert "Ana Lima" in board
    page.close()
    assert refused == []
