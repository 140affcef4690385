"""Who is training: the name every attempt is stored under, and the secret their desk is drawn from.

In order: under JupyterHub the Hub user (``JUPYTERHUB_USER``, which the Hub sets in every
trainee's server: a trainee who sets another name in their kernel, ``%env`` included, is
still the Hub's user); otherwise ``IPO_TRAINER_TRAINEE`` when set (a script, a test, a
lesson run); otherwise the name given in this kernel; otherwise the name last given on
this computer (``trainee.txt`` in the trainer's folder), read once when the kernel first
asks and kept by it from then on; otherwise the computer's own user name.

A name belongs to the kernel (the page) it was given in: on one ``ipo-trainer app`` server
several trainees' pages share one trainer folder, and the name trainee B types must never
become the name of trainee A's page, already open.  The file only offers the last name
given as the default of the next page, for a trainee on a computer of their own.
``remember_trainee`` keeps the name a trainee types, refusing what could not be a name
(empty, control characters, longer than :data:`MAX_NAME`) and, under the Hub, any name but
the Hub's.

:func:`desk_rng` is where a trainee's own desk code comes from (``ipo.Desk.draw``): a
random.Random seeded from the trainee's name and this computer's secret, made once in the
trainer's folder (:data:`DESK_SECRET`), or given by :data:`DESK_SECRET_VARIABLE` for runs
that must repeat (the lessons' committed outputs, the tests).
"""

from __future__ import annotations

import getpass
import hashlib
import os
import random
import secrets
import unicodedata

from trainer.errors import TrainerError
from trainer.paths import replace_file, trainer_home

__all__ = [
    "DESK_SECRET",
    "DESK_SECRET_VARIABLE",
    "HUB_VARIABLE",
    "MAX_NAME",
    "TRAINEE_VARIABLE",
    "current_trainee",
    "desk_rng",
    "given_trainee",
    "is_name_fixed",
    "remember_trainee",
]

#: The longest name a trainee may give.
MAX_NAME = 64
#: The Hub's user: under JupyterHub, the trainee's name whatever else is set.
HUB_VARIABLE = "JUPYTERHUB_USER"
#: The name a script, a test or a lesson run gives (outside the Hub).
TRAINEE_VARIABLE = "IPO_TRAINER_TRAINEE"
#: The file in the trainer's folder holding this computer's secret for drawing desk codes.
DESK_SECRET = "desk-secret.txt"
#: A desk secret given from outside, for runs whose outputs must repeat (lessons, tests).
DESK_SECRET_VARIABLE = "IPO_TRAINER_DESK_SECRET"
#: The shortest secret :data:`DESK_SECRET_VARIABLE` may hold.
MIN_SECRET = 16
_FILE = "trainee.txt"
_VARIABLES = (HUB_VARIABLE, TRAINEE_VARIABLE)  # the Hub's first: a trainee cannot outrank it
# Characters no name holds: controls, surrogates, private use, unassigned, and the bidi
# overrides that make a name read differently from what it is.  Other format characters
# (the zero-width joiners of Persian or Hindi names) are letters' business and allowed.
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# The name of this kernel, by trainer folder: given here (remember_trainee), or the one
# trainee.txt held when the kernel first asked ('' for none).  Kept, never read again.
_KERNEL: dict[str, str] = {}


def _from_environment() -> str:
    """The name the Hub or ``IPO_TRAINER_TRAINEE`` gives, or '' (a blank value gives none)."""
    for variable in _VARIABLES:
        name = os.environ.get(variable, "").strip()
        if name:
            return name
    return ""


def is_name_fixed() -> bool:
    """True when the name comes from outside (the Hub or ``IPO_TRAINER_TRAINEE``), not the trainee."""
    return bool(_from_environment())


def _folder() -> str:
    """The trainer's folder as a key of :data:`_KERNEL`; '' when it cannot be made."""
    try:
        return str(trainer_home().resolve())
    except OSError:
        return ""


def given_trainee() -> str:
    """The name fixed from outside or given by the trainee; '' when neither.

    :func:`current_trainee` without its last resort, the computer's user name: what a
    browser-only page keeps for the next one (``widgets.browser_records``).  A name given
    in this kernel wins over the one on this computer, which is read once, when the
    kernel first asks: a name another page gives later is theirs, not this page's.
    """
    name = _from_environment()
    if name:
        return name
    folder = _folder()
    if folder not in _KERNEL:
        try:  # a folder that cannot be made or read is no reason to stop an exercise
            remembered = (trainer_home() / _FILE).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            remembered = ""
        _KERNEL[folder] = remembered
    return _KERNEL[folder]


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
    """Make ``name`` this kernel's trainee, and the default of the next page on this computer.

    TrainerError if it cannot be a name.  Under JupyterHub (or with ``IPO_TRAINER_TRAINEE``)
    the name is fixed, and giving another is refused.  When the file cannot be written
    the name is not taken either: nothing is half done.
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
            f"ask your trainer to make that folder writable, or to set {TRAINEE_VARIABLE}."
        ) from error
    _KERNEL[_folder()] = clean
    return clean


def desk_rng(trainee: str) -> random.Random:
    """The ``random.Random`` a trainee's desk code is drawn from on this computer.

    Seeded from ``trainee`` and a secret, so the trainee draws the same code every session
    here and nobody without the secret can work it out.  The secret is made once in the
    trainer's folder (:data:`DESK_SECRET`, readable by its owner only), unless
    :data:`DESK_SECRET_VARIABLE` gives one (at least :data:`MIN_SECRET` characters): a
    lesson run or a test, whose outputs must repeat.  Under JupyterHub that variable is
    refused, since a trainee could read it in their server and work out every colleague's
    code.  TrainerError for a secret that is empty, too short or refused.
    """
    if not isinstance(trainee, str):
        raise TrainerError(f"A trainee's name must be text, such as 'Ana Lima'; got {trainee!r}.")
    given = os.environ.get(DESK_SECRET_VARIABLE, "").strip()
    if given:
        secret = _given_secret(given)
    else:
        secret = _folder_secret()
    return random.Random(hashlib.sha256(f"{secret}\n{trainee}".encode()).digest())


def _given_secret(secret: str) -> str:
    """:data:`DESK_SECRET_VARIABLE`'s secret, when it may be used (never quoted: it is a secret)."""
    if os.environ.get(HUB_VARIABLE, "").strip():
        raise TrainerError(
            f"{DESK_SECRET_VARIABLE} is set in a trainee's server under JupyterHub: every trainee "
            "could read it and work out their colleagues' login codes. Remove it from the Hub's "
            "configuration; each trainee's secret is then made in their own folder."
        )
    if len(secret) < MIN_SECRET:
        raise TrainerError(
            f"{DESK_SECRET_VARIABLE} holds {len(secret)} characters: give at least {MIN_SECRET}, "
            "such as the output of: python -c 'import secrets; print(secrets.token_hex(16))'."
        )
    return secret


def _folder_secret() -> str:
    """This computer's secret, made in the trainer's folder the first time it is asked for."""
    path = trainer_home() / DESK_SECRET
    if not path.exists():
        # Written whole under another name, then linked into place: a kernel starting at the
        # same moment reads the one secret, never an empty file (a code anyone could work out).
        draft = path.with_name(f"{path.name}.{secrets.token_hex(4)}.tmp")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as new:
            new.write(secrets.token_hex(16) + "\n")
        try:
            os.link(draft, path)  # fails if another kernel linked theirs first: theirs it is
        except FileExistsError:
            pass
        except (OSError, AttributeError):  # no hard links (Pyodide's os has no link at all)
            if not path.exists():
                os.replace(draft, path)
        finally:
            draft.unlink(missing_ok=True)
    secret = path.read_text(encoding="utf-8").strip()
    if not secret:
        raise TrainerError(
            f"The desk secret {str(path)!r} is empty: delete it, and a new one is made."
        )
    return secret
