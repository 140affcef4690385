"""Who is training: the name every attempt is stored under.

In order: ``IPO_TRAINER_TRAINEE`` when set (a script, a test); under JupyterHub the Hub
user (``JUPYTERHUB_USER``, which the Hub sets in every trainee's server and which the
trainee cannot change from a Voila page); otherwise the name the trainee gave once on
this computer (``trainee.txt`` in the trainer's folder); otherwise the computer's own
user name.

>>> import os
>>> os.environ["IPO_TRAINER_TRAINEE"] = "ana"
>>> current_trainee()
'ana'
>>> del os.environ["IPO_TRAINER_TRAINEE"]
"""

from __future__ import annotations

import getpass
import os
import unicodedata

from trainer.errors import TrainerError
from trainer.paths import trainer_home

__all__ = ["MAX_NAME", "current_trainee", "is_name_fixed", "remember_trainee"]

#: The longest name a trainee may give.
MAX_NAME = 64
_FILE = "trainee.txt"


def is_name_fixed() -> bool:
    """True when the name comes from outside (the Hub or ``IPO_TRAINER_TRAINEE``), not the trainee."""
    return bool(os.environ.get("IPO_TRAINER_TRAINEE") or os.environ.get("JUPYTERHUB_USER"))


def current_trainee() -> str:
    """The trainee's name, as every attempt is stored under it."""
    for variable in ("IPO_TRAINER_TRAINEE", "JUPYTERHUB_USER"):
        name = os.environ.get(variable, "").strip()
        if name:
            return name
    remembered = trainer_home() / _FILE
    if remembered.exists():
        name = remembered.read_text(encoding="utf-8").strip()
        if name:
            return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a bare container)
        return "trainee"


def remember_trainee(name: str) -> str:
    """Keep ``name`` on this computer as the trainee's; TrainerError if it cannot be a name.

    Under JupyterHub the Hub's user name wins, and giving another is refused.
    """
    if not isinstance(name, str):
        raise TrainerError(f"A trainee's name must be text, such as 'Ana Lima'; got {name!r}.")
    clean = " ".join(name.split())
    if not clean:
        raise TrainerError("Type your name first: your attempts are kept under it.")
    if len(clean) > MAX_NAME:
        raise TrainerError(
            f"The name {clean[:MAX_NAME]!r}... is longer than {MAX_NAME} characters: use a shorter one."
        )
    if any(unicodedata.category(c).startswith("C") for c in clean):
        raise TrainerError(f"The name {clean!r} has a control character: type it again.")
    if is_name_fixed():
        fixed = current_trainee()
        if clean != fixed:
            raise TrainerError(
                f"You are signed in as {fixed!r}: your attempts are kept under that name."
            )
        return fixed
    (trainer_home() / _FILE).write_text(clean + "\n", encoding="utf-8")
    return clean
