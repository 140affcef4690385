"""Who is training: the name every attempt is stored under.

In order: ``IPO_TRAINER_TRAINEE`` when set (a script, a test); under JupyterHub the Hub
user (``JUPYTERHUB_USER``, which the Hub sets in every trainee's server and which the
trainee cannot change from a Voila page); otherwise the name the trainee gave once on
this computer (``trainee.txt`` in the trainer's folder); otherwise the computer's own
user name.  ``remember_trainee`` keeps the name a trainee types, refusing what could not
be a name (empty, control characters, longer than :data:`MAX_NAME`) and, under the Hub,
any name but the Hub's.
"""

from __future__ import annotations

import getpass
import os
import unicodedata

from trainer.errors import TrainerError
from trainer.paths import replace_file, trainer_home

__all__ = ["MAX_NAME", "current_trainee", "given_trainee", "is_name_fixed", "remember_trainee"]

#: The longest name a trainee may give.
MAX_NAME = 64
_FILE = "trainee.txt"
_VARIABLES = ("IPO_TRAINER_TRAINEE", "JUPYTERHUB_USER")
# Characters no name holds: controls, surrogates, private use, unassigned, and the bidi
# overrides that make a name read differently from what it is.  Other format characters
# (the zero-width joiners of Persian or Hindi names) are letters' business and allowed.
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _from_environment() -> str:
    """The name ``IPO_TRAINER_TRAINEE`` or the Hub gives, or '' (a blank value gives none)."""
    for variable in _VARIABLES:
        name = os.environ.get(variable, "").strip()
        if name:
            return name
    return ""


def is_name_fixed() -> bool:
    """True when the name comes from outside (the Hub or ``IPO_TRAINER_TRAINEE``), not the trainee."""
    return bool(_from_environment())


def given_trainee() -> str:
    """The name fixed from outside or given by the trainee on this computer; '' when neither.

    :func:`current_trainee` without its last resort, the computer's user name: what a
    browser-only page keeps for the next one (``widgets.browser_records``).
    """
    name = _from_environment()
    if name:
        return name
    try:  # a folder that cannot be made or read is no reason to stop an exercise
        return (trainer_home() / _FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def current_trainee() -> str:
    """The trainee's name, as every attempt is stored under it."""
    name = given_trainee()
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
    clean = unicodedata.normalize("NFC", " ".join(name.split()))
    if not clean:
        raise TrainerError("Type your name first: your attempts are kept under it.")
    if len(clean) > MAX_NAME:
        raise TrainerError(
            f"The name {clean[:MAX_NAME]!r}... is longer than {MAX_NAME} characters: use a shorter one."
        )
    if any(unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") or c in _BIDI for c in clean):
        raise TrainerError(f"The name {clean!r} has a control character: type it again.")
    if is_name_fixed():
        fixed = current_trainee()
        if clean != fixed:
            raise TrainerError(
                f"You are signed in as {fixed!r}: your attempts are kept under that name."
            )
        return fixed
    try:  # a kill mid-write leaves the old name, never half a name
        replace_file(trainer_home() / _FILE, (clean + "\n").encode("utf-8"))
    except OSError as error:
        raise TrainerError(
            f"Your name {clean!r} cannot be kept on this computer ({error}): "
            "ask your trainer to make that folder writable, or to set IPO_TRAINER_TRAINEE."
        ) from error
    return clean
