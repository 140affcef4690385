"""Every test run keeps its training records to itself.

The kit writes a trainee's attempts to the store named by ``IPO_TRAINER_DB`` (default: a
SQLite file in the trainer's folder, ``IPO_TRAINER_HOME``) under the name in
``IPO_TRAINER_TRAINEE``.  A test run, and every lesson kernel nbval starts (kernels
inherit this process's environment), must never write a developer's real records, so the
three are set here, before anything is collected, to a folder of this run's own; it is
removed when the run ends.  Tests that are about these variables set their own with
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
