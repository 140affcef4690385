"""JupyterLab and Voila as a trainee starts them, and a headless Chromium to open them in.

Plain helpers with no pytest in them, beside ``servers.py``, so the tests
(``test_handset_in_jupyterlab.py``), the browser benchmarks (``benchmarks/browser_speed.py``,
``benchmarks/lite_speed.py``) and ``scripts/screenshots.py`` open the pages one way:
``ipo-trainer app --all`` and ``ipo-trainer lab`` on loopback ports of their own, with a
known token and a throw-away trainer folder; lesson ``02_logon_three_ways`` in Voila and a
one-cell notebook drawing ``widgets.Handset`` for station 3000 of ``tech_tip_014`` in
JupyterLab, run from Lab's Run menu.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from servers import CHROMIUM, CHROMIUM_ARGS, Running, free_port, launched

#: The token both servers are given (IPO_TRAINER_TOKEN): one known token for the whole run.
TOKEN = "browser-speed-benchmark-token"
#: Seconds a server may take to answer, and a page to draw its first handset.
PATIENCE = int(os.environ.get("BROWSER_PATIENCE", "120"))
#: The lesson page measured in Voila.
LESSON = "02_logon_three_ways.ipynb"
#: The notebook measured in JupyterLab, written into the trainee's folder through Lab.
LAB_NOTEBOOK = "browser_speed_handset.ipynb"
LAB_CELL = (
    "import ipo_core as ipo, widgets\n"
    'widgets.Handset(ipo.System(ipo.load_site("tech_tip_014")).phone("3000"))'
)
#: Lab's settings for the run: no news or update check (nothing to fetch, no toast to close).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def write_lab_settings(home: Path) -> None:
    """Write :data:`LAB_SETTINGS` where ``trainer_server`` points JupyterLab for ``home``."""
    for name, settings in LAB_SETTINGS.items():
        path = home / "lab-settings" / name.replace("/", os.sep, 1)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings))


@contextmanager
def trainer_server(command: str, home: Path, log: Path) -> Iterator[Running]:
    """``ipo-trainer COMMAND --no-browser`` on a free loopback port until the block ends."""
    args = [command, "--no-browser", "--port", str(free_port())]
    if command == "app":
        args.insert(1, "--all")
    env = {
        "IPO_TRAINER_HOME": str(home),
        "IPO_TRAINER_TOKEN": TOKEN,
        "IPO_TRAINER_TRAINEE": "bench",
        "JUPYTERLAB_SETTINGS_DIR": str(home / "lab-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "lab-workspaces"),
    }
    with launched(args, log, env=env, patience=PATIENCE) as server:
        yield server


@contextmanager
def front_ends() -> Iterator[tuple[Running, Running]]:
    """Voila (every lesson) and JupyterLab, on loopback, with one throw-away trainer folder."""
    with tempfile.TemporaryDirectory(prefix="ipo-browser-") as folder, ExitStack() as stack:
        home = Path(folder)
        write_lab_settings(home)
        voila = stack.enter_context(trainer_server("app", home, home / "voila.log"))
        lab = stack.enter_context(trainer_server("lab", home, home / "lab.log"))
        yield voila, lab


@contextmanager
def chromium(viewport: tuple[int, int] = (1280, 900), scale: float = 1) -> Iterator[Any]:
    """A headless Chromium's browser context (Playwright), closed when the block ends."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": viewport[0], "height": viewport[1]},
                device_scale_factor=scale,
            )
            context.set_default_timeout(PATIENCE * 1000)
            yield context
        finally:
            browser.close()


def settle(page: Any) -> None:
    """Wait until the page has its first handset drawn and has stopped adding handsets.

    RuntimeError, with what the page says, when a widget fails to draw instead.
    """
    page.wait_for_function(
        """() => document.querySelector('.ipo-handset .ipo-lcd-line')
             || /Error displaying widget|javascript error/i.test(document.body.innerText)"""
    )
    phone = page.locator(".ipo-handset").first
    if phone.locator(".ipo-lcd-line").count() == 0:
        shown = page.locator(".jp-OutputArea-output").filter(has_text=re.compile("rror"))
        error = shown.first.inner_text() if shown.count() else "an error"
        raise RuntimeError(f"the handset did not draw: {' '.join(error.split())[:200]}")
    phone.locator("button.ipo-dial").first.wait_for()
    count, steady = -1, 0
    while steady < 4:  # the count of handsets unchanged for 2 s: every cell has run
        page.wait_for_timeout(500)
        now = page.locator(".ipo-handset").count()
        steady = steady + 1 if now == count else 0
        count = now
    page.wait_for_timeout(500)


def open_voila(page: Any, voila: Running) -> Any:
    """The lesson as a trainee opens it in Voila; its first handset, once every cell has run."""
    page.goto(voila.url(f"/voila/render/{LESSON}"))
    settle(page)
    return page.locator(".ipo-handset").first


def open_lab(page: Any, lab: Running) -> Any:
    """A one-cell notebook drawing a handset, opened in JupyterLab and run; its handset."""
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "handset",
                "metadata": {},
                "outputs": [],
                "source": LAB_CELL,
            }
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    body = json.dumps({"type": "notebook", "format": "json", "content": notebook}).encode()
    request = urllib.request.Request(
        lab.url(f"/api/contents/{LAB_NOTEBOOK}"),
        data=body,
        method="PUT",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30):
        pass
    page.goto(lab.url(f"/lab/tree/{LAB_NOTEBOOK}"))
    page.locator(".jp-Notebook .jp-Cell").first.wait_for()
    # The kernel is ready when Lab's toolbar says so; running before that only queues the cell.
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for()
    # Run > Run All Cells; a click Lab takes before the notebook's session is wired does
    # nothing, so it is repeated until the cell's prompt shows it queued or run ([*] or [1]).
    prompt = page.locator(".jp-Notebook .jp-Cell .jp-InputPrompt").first
    deadline = time.monotonic() + PATIENCE
    while not re.search(r"\[[*0-9]+\]", prompt.inner_text()):
        if time.monotonic() > deadline:
            raise RuntimeError("JupyterLab did not run the notebook from Run > Run All Cells")
        page.keyboard.press("Escape")  # a menu left open by the last try
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        page.wait_for_timeout(3000)
    settle(page)
    return page.locator(".ipo-handset").first
