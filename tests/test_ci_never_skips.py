"""Under CI no test may skip: the root conftest.py fails a run in which one did.

``.ci/run`` installs every server, browser and database the tests need and sets ``CI``, so
a skip under CI is a test that should have run and did not.  Elsewhere a skip is how a test
says which command installs what it needs, and the run passes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIPPING = """
import pytest

def test_that_needs_a_server():
    pytest.skip("No PostgreSQL: make test installs it")

def test_that_runs():
    pass
"""


def run(tmp_path: Path, ci: str) -> subprocess.CompletedProcess[str]:
    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_example.py").write_text(SKIPPING)
    env = {"PATH": "/usr/bin:/bin", "CI": ci, "HOME": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )


def test_under_ci_a_skip_fails_the_run_and_names_the_test(tmp_path: Path) -> None:
    result = run(tmp_path, "true")
    assert result.returncode == 1, result.stdout
    assert "Under CI no test may skip, and 1 did" in result.stdout
    assert "test_example.py::test_that_needs_a_server" in result.stdout


@pytest.mark.parametrize("ci", ["", "false", "0"])
def test_elsewhere_a_skip_passes(tmp_path: Path, ci: str) -> None:
    result = run(tmp_path, ci)
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout
