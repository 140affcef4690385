"""Where the trainer keeps a trainee's things on this computer: one folder, found once.

The folder is ``IPO_TRAINER_HOME`` when set (tests, and a Hub that gives each trainee a
home of their own), otherwise the user's data folder as platformdirs finds it
(``~/.local/share/ipo-trainer`` on Linux).  In it: ``records.sqlite`` (the default store),
``outbox.jsonl`` (attempts waiting to be written), ``trainee.txt`` (the name given once)
and ``lessons/`` (the trainee's own working copy of the lessons).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

__all__ = ["HOME_VARIABLE", "trainer_home"]

#: The environment variable that moves the whole folder.
HOME_VARIABLE = "IPO_TRAINER_HOME"


def trainer_home() -> Path:
    """The trainer's folder for this user, created when missing."""
    where = os.environ.get(HOME_VARIABLE, "").strip()
    home = Path(where).expanduser() if where else Path(platformdirs.user_data_dir("ipo-trainer"))
    home.mkdir(parents=True, exist_ok=True)
    return home
