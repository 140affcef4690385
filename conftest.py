"""Every test run keeps its training records to itself.

The kit writes a trainee's attempts to the store named by ``IPO_TRAINER_DB`` (default: a
SQLite file in the trainer's folder, ``IPO_TRAINER_HOME``) under the name in
``IPO_TRAINER_TRAINEE``.  A test run, and every lesson kernel nbval starts (kernels
inherit this process's environment), must never write a developer's real records, so the
three are set here, before anything is collected, to a folder of this run's own; it is
removed when the run ends (and the desk secret the lessons are run with is set too).  Tests that are about these variables set their own with
``monkeypatch``.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

_HOME = Path(tempfile.mkdtemp(prefix="ipo-trainer-tests-"))
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
os.environ["IPO_TRAINER_HOME"] = str(_HOME)
os.environ["IPO_TRAINER_DB"] = str(_HOME / "records.sqlite")
os.environ["IPO_TRAINER_TRAINEE"] = "trainee"
# The desk "trainee" is given in the lessons' exercises follows from this secret, as the
# committed outputs do (scripts/run_lessons.py runs them with the same one).
os.environ["IPO_TRAINER_DESK_SECRET"] = "lessons-and-tests-only-not-a-class-secret"


def pytest_sessionfinish(session, exitstatus):  # noqa: ARG001 - pytest's hook
    """Under CI no test may skip: ``.ci/run`` installs every server, browser and database the
    tests need, so a skip there means a test did not run that should have.  The run fails,
    and the skipped tests are listed (elsewhere a skip says which command installs what)."""
    if os.environ.get("CI", "").strip().lower() in ("", "0", "false", "no"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter is not None else []
    if skipped and session.exitstatus == 0:
        session.exitstatus = 1
        reporter.write_line(f"\nUnder CI no test may skip, and {len(skipped)} did:", red=True)
        for report in skipped[:20]:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
            reporter.write_line(f"  {report.nodeid}: {reason}")
