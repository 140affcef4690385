"""The trainee's own working copy of the lessons, so the kit's originals stay clean.

JupyterLab (``ipo-trainer lab``) opens the copy in ``trainer_home() / "lessons"``: a trainee
may edit and save it, and :func:`ensure_lessons` never overwrites a lesson they changed.  It
adds lessons that are new in the kit, and brings up to date the ones the trainee never
touched (it remembers what it copied in ``.kit-lessons.json``).  :func:`reset_lesson` puts a
fresh copy back, of one lesson or of all.  Voila (``ipo-trainer app``) serves
:func:`pages`: fresh copies of the chosen lessons only, the agents' by default.

The originals are the kit's ``notebooks/`` folder, found beside the installed packages: the
kit is installed from its checkout (``pip install -e .``, as ``make`` does), so a wheel
without the checkout has no lessons and says so.

>>> import tempfile
>>> from pathlib import Path
>>> folder = ensure_lessons(Path(tempfile.mkdtemp()) / "lessons")
>>> sorted(p.stem for p in folder.glob("*.ipynb")) == list(LESSONS)
True
>>> [p.name for p in reset_lesson("02", folder)]
['02_logon_three_ways.ipynb']
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from trainer.errors import WorkspaceError
from trainer.links import notebook_text, served_only
from trainer.paths import replace_file, trainer_home

__all__ = [
    "AGENT_LESSONS",
    "KIT_LESSONS",
    "LESSONS",
    "ensure_lessons",
    "lesson_name",
    "pages",
    "reset_lesson",
]

#: The kit's own lessons, never written by the trainer.
KIT_LESSONS = Path(__file__).resolve().parent.parent / "notebooks"
#: Every lesson of the kit, by name (the notebook's file name without ``.ipynb``), in order.
LESSONS: tuple[str, ...] = tuple(sorted(p.stem for p in KIT_LESSONS.glob("*.ipynb")))
#: The lessons for agents learning on their own, as ``ipo-trainer app`` serves them.
AGENT_LESSONS: tuple[str, ...] = ("00_start_here", "02_logon_three_ways", "03_logoff_three_ways")
_MANIFEST = ".kit-lessons.json"
_BACKUP = ".backup"


def _original(name: str) -> Path:
    """The kit's file of lesson ``name``; WorkspaceError when this install has no lessons."""
    path = KIT_LESSONS / f"{name}.ipynb"
    if not path.is_file():
        raise WorkspaceError(
            f"The kit's lesson {name!r} is not at {str(path)!r}: the lessons come with the kit's "
            "checkout, so install the kit from it (`pip install -e .`, as `make lab` does)."
        )
    return path


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _folder(folder: Path | None, default: str) -> Path:
    where = trainer_home() / default if folder is None else Path(folder)
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WorkspaceError(
            f"The lessons' folder {str(where)!r} cannot be made ({error.strerror}): "
            "set IPO_TRAINER_HOME to a folder you can write."
        ) from None
    return where


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def _copy(
    names: Iterable[str],
    folder: Path,
    *,
    fresh: bool,
    edit: Callable[[bytes], bytes] | None = None,
) -> tuple[Path, ...]:
    """Copy lessons ``names`` into ``folder``: all of them if ``fresh``, else only those not edited.

    ``edit`` turns the kit's file into the copy's (default: the same bytes).
    """
    manifest = _read_manifest(folder)
    copied = []
    try:
        for name in names:
            data = _original(name).read_bytes()
            if edit is not None:
                data = edit(data)
            target = folder / f"{name}.ipynb"
            if target.exists() and not fresh:
                # The trainee's copy is the kit's as last copied: not edited, so it may follow the kit.
                if _digest(target.read_bytes()) != manifest.get(name):
                    continue
                if manifest[name] == _digest(data):
                    continue
            replace_file(target, data)  # a copy cut short is never left as a lesson
            manifest[name] = _digest(data)
            copied.append(target)
        if copied:
            replace_file(
                folder / _MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode()
            )
    except OSError as error:
        raise WorkspaceError(
            f"The lessons cannot be copied into {str(folder)!r} ({error.strerror}): "
            "set IPO_TRAINER_HOME to a folder you can write."
        ) from None
    return tuple(copied)


def ensure_lessons(folder: Path | None = None) -> Path:
    """The trainee's working copy of the lessons (``trainer_home() / "lessons"`` unless given).

    Made on first use; afterwards a lesson new in the kit is added and one the trainee never
    edited follows the kit, but an edited lesson is left exactly as the trainee saved it.
    """
    where = _folder(folder, "lessons")
    if not LESSONS:
        _original(AGENT_LESSONS[0])  # says where the lessons were looked for
    _copy(LESSONS, where, fresh=False)
    return where


def lesson_name(name: str) -> str:
    """The lesson called ``name``: ``'02'``, ``'02_logon_three_ways'`` or ``'...ipynb'``."""
    stem = name.strip().removesuffix(".ipynb")
    matches = [lesson for lesson in LESSONS if stem in (lesson, lesson.split("_", 1)[0])]
    if len(matches) != 1:
        raise WorkspaceError(
            f"There is no lesson {name!r}. The lessons: {', '.join(LESSONS)} "
            "(give one by its number, such as '02', or its name)."
        )
    return matches[0]


def reset_lesson(name: str | None = None, folder: Path | None = None) -> tuple[Path, ...]:
    """Put a fresh copy of lesson ``name`` (every lesson when None) in the working copy.

    Nothing is lost: a lesson the trainee edited is first moved to ``.backup/`` in the
    working copy, named with the time of the reset (``02_logon_three_ways-20261202T0910.ipynb``).
    Returns the files written.
    """
    names = LESSONS if name is None else (lesson_name(name),)
    where = _folder(folder, "lessons")
    manifest = _read_manifest(where)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    for lesson in names:
        current = where / f"{lesson}.ipynb"
        if current.exists() and _digest(current.read_bytes()) != manifest.get(lesson):
            backup = where / _BACKUP / f"{lesson}-{stamp}.ipynb"
            try:
                backup.parent.mkdir(exist_ok=True)
                os.replace(current, backup)
            except OSError as error:
                raise WorkspaceError(
                    f"Your edited copy of {lesson} cannot be kept in {str(backup.parent)!r} "
                    f"({error.strerror}), so it was not reset: free some room or move it yourself."
                ) from None
    return _copy(names, where, fresh=True)


def pages(names: Iterable[str] = AGENT_LESSONS, folder: Path | None = None) -> Path:
    """A folder holding fresh copies of lessons ``names`` and no other lesson, for Voila.

    ``trainer_home() / "pages"`` unless given; what Voila serves is never edited, so it is
    written from the kit at every start.  A link to a lesson not among ``names`` is made
    plain words (:func:`trainer.links.served_only`): Voila would answer it "not found".
    """
    chosen = tuple(lesson_name(n) for n in names)
    where = _folder(folder, "pages")
    for stale in where.glob("*.ipynb"):
        if stale.stem not in chosen:
            stale.unlink()

    def for_these_pages(data: bytes) -> bytes:
        page = served_only(json.loads(data), chosen)
        return notebook_text(page).encode()

    _copy(chosen, where, fresh=True, edit=for_these_pages)
    return where
