"""Where the trainer keeps a trainee's things on this computer: one folder, found once.

The folder is ``IPO_TRAINER_HOME`` when set (tests, and a Hub that gives each trainee a
home of their own), otherwise the user's data folder as platformdirs finds it
(``~/.local/share/ipo-trainer`` on Linux).  In it: ``records.sqlite`` (the default store),
``outbox.jsonl`` (attempts waiting to be written), ``trainee.txt`` (the name given once)
and ``lessons/`` (the trainee's own working copy of the lessons).  Every file the trainer
rewrites there is replaced whole by :func:`replace_file`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs

__all__ = ["HOME_VARIABLE", "replace_file", "trainer_home"]

#: The environment variable that moves the whole folder.
HOME_VARIABLE = "IPO_TRAINER_HOME"


def trainer_home() -> Path:
    """The trainer's folder for this user, created when missing."""
    where = os.environ.get(HOME_VARIABLE, "").strip()
    home = Path(where).expanduser() if where else Path(platformdirs.user_data_dir("ipo-trainer"))
    home.mkdir(parents=True, exist_ok=True)
    return home


def replace_file(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` at once: a kill or a crash leaves the old file or the new.

    The data goes to a temporary file of its own beside ``path`` (so writers at the same
    moment never share one), is fsynced, and is renamed over ``path``; the folder is fsynced
    too where the system allows it, so the rename survives a power cut.
    """
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """fsync a folder so a rename in it survives a crash (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
