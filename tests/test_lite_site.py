"""The agents' lessons as a JupyterLite site (``make lite``), in a real browser with no network.

The site is built afresh, served on loopback by ``python -m http.server``, and opened in
Debian's Chromium with every request to another host refused: the lessons must run, and
the records must be kept, by the browser alone.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from servers import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, serving

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
        if os.environ.get("CI"):  # under CI these tests never skip: .ci/run brings them all
            pytest.fail("No " + "; no ".join(missing))
        pytest.skip("No " + "; no ".join(missing))
    out = tmp_path_factory.mktemp("lite") / "site"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_lite.py"), "--output", str(out)], check=True
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "http.server", "-b", "127.0.0.1", str(port), "-d", str(out)]
    with serving(command, out.parent / "http.log", base, name="http.server", patience=30):
        yield base


def test_lesson_02_logs_on_in_the_browser_with_no_server_and_no_network(site: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    refused: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()

        def only_the_site(route: Any) -> None:
            if route.request.url.startswith(site) or route.request.url.startswith("blob:"):
                route.continue_()
            else:
                refused.append(route.request.url)
                route.abort()

        page.route("**/*", only_the_site)
        page.goto(f"{site}lab/index.html?path=02_logon_three_ways.ipynb")
        page.get_by_text("Python (Pyodide) | Idle").first.wait_for(timeout=120_000)
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").click()
        page.get_by_text("Run All Cells", exact=True).click()
        task = page.locator(".ipo-exercise").filter(
            has=page.locator("h3", has_text="*35*Extn*Code#")
        )
        phone = task.locator(".ipo-handset")
        phone.wait_for(timeout=120_000)
        for key in "*35*3000*1234#":
            phone.locator("button.ipo-dial", has_text=key).click()
        sync_api.expect(phone.locator(".ipo-lcd-line").first).to_have_text(
            "Agent3000           3000", timeout=20_000
        )
        sync_api.expect(task.locator(".ipo-result")).to_have_text(
            re.compile(r"^Passed: 14 actions, 0 mistakes"), timeout=20_000
        )
        browser.close()
    assert refused == []
