"""``ipo-trainer lab`` and ``ipo-trainer app`` (``make lab``, ``make agent``), started for real.

Each runs on a loopback port of its own with a trainer's folder of its own
(``IPO_TRAINER_HOME``), and is asked with and without its token: without it nothing is
shown; with it JupyterLab lists the trainee's copy of the lessons and Voila renders an
agent's lesson with no code.  The kit's ``notebooks/`` are never written.  (The command
lines themselves are checked in ``test_cli.py``; the pages clicked through in a browser in
``test_in_a_browser.py``.)
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import websockets
from servers import Running, free_port, get, launched

from trainer import workspace

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
AGENT_PAGES = sorted(f"{name}.ipynb" for name in workspace.AGENT_LESSONS)
TOKEN = "a-token-the-test-chose-0123456789"
#: Seconds Voila may take to run a lesson before it sends the page.
RENDER = 90


def originals() -> dict[str, str]:
    """Every file of the kit's notebooks/ and its digest."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((ROOT / "notebooks").iterdir())
        if p.is_file()
    }


@pytest.fixture(autouse=True)
def notebooks_stay_clean() -> Iterator[None]:
    before = originals()
    yield
    assert originals() == before


def is_refused(status: int, body: bytes) -> bool:
    """A request without the token: forbidden, or sent to the login page, never the content."""
    return status == 403 or (status in (302, 303) and b"ipo" not in body.lower())


# --- ipo-trainer lab ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Running, Path, Path]]:
    home = tmp_path_factory.mktemp("lab-home")
    log = home / "lab.log"
    env = {"IPO_TRAINER_HOME": str(home), "IPO_TRAINER_TOKEN": TOKEN}
    args = ["lab", "--no-browser", "--port", str(free_port())]
    with launched(args, log, ready="/api/contents", env=env) as server:
        yield server, home, log


def test_lab_prints_its_address_with_the_token_it_was_given(lab):
    server, _, log = lab
    assert server.token == TOKEN
    assert f"{server.base}/lab?token={TOKEN}" in log.read_text()


@pytest.mark.parametrize("path", ["/api/contents", "/lab", "/voila/render/00_start_here.ipynb"])
def test_lab_refuses_a_request_without_the_token(lab, path):
    server, _, _ = lab
    assert is_refused(*get(server.base + path))
    assert is_refused(*get(f"{server.base}{path}?token=not-{TOKEN}"))


def test_lab_lists_the_trainee_s_copy_of_every_lesson(lab):
    server, home, _ = lab
    status, body = get(server.url("/api/contents"))
    assert status == 200
    listed = sorted(item["name"] for item in json.loads(body)["content"])
    assert listed == LESSONS  # the lessons only: no sanitize.cfg, no bookkeeping file
    assert sorted(p.name for p in (home / "lessons").glob("*.ipynb")) == LESSONS
    assert get(server.url("/lab"))[0] == 200


def test_a_lesson_saved_in_lab_changes_the_trainee_s_copy_not_the_kit_s(lab):
    server, home, _ = lab
    name = "02_logon_three_ways.ipynb"
    status, body = get(server.url(f"/api/contents/{name}"))
    assert status == 200
    model = json.loads(body)
    model["content"]["cells"][0]["source"] = "# My own notes"
    request = urllib.request.Request(
        f"{server.base}/api/contents/{name}",
        data=json.dumps({"type": "notebook", "content": model["content"]}).encode(),
        headers={"Authorization": f"token {server.token}", "Content-Type": "application/json"},
        method="PUT",
    )
    with urllib.request.urlopen(request, timeout=10) as reply:
        assert reply.status == 200
    assert "# My own notes" in (home / "lessons" / name).read_text(encoding="utf-8")
    # (the autouse fixture checks that notebooks/ is as it was)


def test_voila_inside_lab_renders_a_lesson_with_the_token(lab):
    server, _, _ = lab
    status, page = get(server.url("/voila/render/00_start_here.ipynb"), timeout=RENDER)
    assert status == 200
    assert b"Start here: the IP Office logon-agent kit" in page


def test_lab_as_root_says_it_added_allow_root(lab):
    _, _, log = lab
    said = "Running as root, so starting JupyterLab with --allow-root." in log.read_text()
    assert said == (os.geteuid() == 0)


# --- ipo-trainer app ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Running, Path, Path]]:
    home = tmp_path_factory.mktemp("app-home")
    log = home / "app.log"
    saved = os.environ.pop("IPO_TRAINER_TOKEN", None)  # the app makes a token of its own
    try:
        args = ["app", "--no-browser", "--port", str(free_port())]
        with launched(args, log, env={"IPO_TRAINER_HOME": str(home)}) as server:
            yield server, home, log
    finally:
        if saved is not None:
            os.environ["IPO_TRAINER_TOKEN"] = saved


def test_app_makes_a_long_token_and_prints_the_address_with_it(app):
    server, _, log = app
    assert len(server.token) >= 32
    assert f"{server.base}/?token={server.token}" in log.read_text()


@pytest.mark.parametrize("path", ["/", "/voila/render/02_logon_three_ways.ipynb"])
def test_app_refuses_a_request_without_the_token(app, path):
    server, _, _ = app
    assert is_refused(*get(server.base + path, timeout=RENDER))
    assert is_refused(*get(f"{server.base}{path}?token=wrong", timeout=RENDER))


@pytest.mark.parametrize("path", ["/api/kernels", "/api/sessions", "/api/contents"])
def test_app_serves_no_kernel_or_file_api_with_or_without_the_token(app, path):
    # Voila serves pages, not Jupyter's REST API: nobody, not even a trainee with the token,
    # can list or start kernels or read files through the app.
    server, _, _ = app
    for url in (server.base + path, server.url(path)):
        status, _ = get(url, timeout=RENDER)
        assert status in (403, 404) or is_refused(status, b""), (url, status)


def test_app_refuses_a_page_s_kernel_channel_without_the_token(app):
    # A page's kernel runs code over its websocket: the one door that must stay shut to a
    # stranger who has guessed or seen the kernel's id.
    server, _, _ = app
    status, page = get(server.url("/voila/render/02_logon_three_ways.ipynb"), timeout=RENDER)
    assert status == 200
    kernel = re.search(rb'"kernelId": "([0-9a-f-]{36})"', page)
    assert kernel is not None
    channel = f"{server.base.replace('http', 'ws', 1)}/api/kernels/{kernel[1].decode()}/channels"

    async def handshake(url: str) -> int:
        try:
            async with websockets.connect(url, open_timeout=RENDER):
                return 101
        except websockets.InvalidStatus as refused:
            return refused.response.status_code

    assert asyncio.run(handshake(channel)) == 403
    assert asyncio.run(handshake(channel + "?token=wrong")) == 403
    assert asyncio.run(handshake(f"{channel}?token={server.token}")) == 101


def test_app_renders_an_agent_s_lesson_as_a_page_with_no_code(app):
    server, _, _ = app
    status, page = get(server.url("/voila/render/02_logon_three_ways.ipynb"), timeout=RENDER)
    assert status == 200
    assert b"Lesson 2: Log on three ways" in page
    assert b"import ipo_core" not in page
    assert b"widgets.Exercise(" not in page


def test_app_serves_the_agents_lessons_only(app):
    server, home, _ = app
    assert sorted(p.name for p in (home / "pages").glob("*.ipynb")) == AGENT_PAGES
    status, _ = get(server.url("/voila/render/05_supervisor_workshop.ipynb"), timeout=RENDER)
    assert status == 404
