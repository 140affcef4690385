"""``make lab`` and ``make agent``: the launcher in ``scripts/lab.py``.

JupyterLab refuses to run as root unless given ``--allow-root``; the launcher adds it only
as root, and says so.  The servers are started for real, on loopback ports of their own.
(Voila, behind ``make agent``, is started by the browser tests.)
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
from servers import free_port, get, launched

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


def load_launcher():
    spec = importlib.util.spec_from_file_location("lab_launcher", ROOT / "scripts" / "lab.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def launcher():
    return load_launcher()


# --- the command lines ----------------------------------------------------------------------


def test_as_root_jupyterlab_gets_allow_root_and_the_launcher_says_so(launcher, monkeypatch, capsys):
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    cmd = launcher.lab_command(["--no-browser"])
    assert cmd[-2:] == ["--allow-root", "--no-browser"]
    assert "Running as root, so starting JupyterLab with --allow-root." in capsys.readouterr().out


def test_as_anyone_else_jupyterlab_gets_no_allow_root_and_nothing_is_said(
    launcher, monkeypatch, capsys
):
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    cmd = launcher.lab_command([])
    assert "--allow-root" not in cmd
    assert cmd[1:] == ["-m", "jupyter", "lab", "--notebook-dir=notebooks"]
    assert capsys.readouterr().out == ""


def test_the_agent_view_is_voila_on_the_lessons_with_the_arguments_given(launcher, capsys):
    cmd = launcher.agent_command(["--Voila.ip=0.0.0.0"])
    assert cmd[1:] == ["-m", "voila", "notebooks", "--Voila.ip=0.0.0.0"]
    assert "02_logon_three_ways" in capsys.readouterr().out


# --- make lab, for real ---------------------------------------------------------------------


def test_make_lab_serves_jupyterlab_on_the_lessons_with_voila_inside(tmp_path):
    log = tmp_path / "lab.log"
    args = [
        "--no-browser",
        f"--port={free_port()}",
        "--ServerApp.ip=127.0.0.1",
        "--IdentityProvider.token=",
    ]
    with launched(args, log, ready="/api/contents") as url:
        status, body = get(f"{url}/api/contents")
        assert status == 200
        listed = sorted(item["name"] for item in json.loads(body)["content"])
        assert [name for name in listed if name.endswith(".ipynb")] == LESSONS
        assert get(f"{url}/lab")[0] == 200
        # Voila's server extension: "Render with Voila" shows a lesson as a page there too.
        status, page = get(f"{url}/voila/render/00_start_here.ipynb")
        assert status == 200
        assert b"Start here: the IP Office logon-agent kit" in page
    if os.geteuid() == 0:
        assert "starting JupyterLab with --allow-root" in log.read_text()
