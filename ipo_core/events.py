"""The system's log: every change, with its model time, in one list.

In the spirit of Asterisk's ``queue_log``: the running system appends an
:class:`Event` for every logon, logoff, refused login and Merge, and whatever
wants to know what happened (a report, a test, a trainee) reads the log rather
than keeping its own account on the side.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["Event", "EventKind"]


class EventKind(enum.Enum):
    """What happened."""

    LOGON = "logon"
    LOGOFF = "logoff"
    LOGIN_REFUSED = "login refused"
    LOCKOUT = "lockout"
    MERGE = "merge"
    DND_ON = "dnd on"
    DND_OFF = "dnd off"


@dataclass(frozen=True)
class Event:
    """One line of the log."""

    time: float
    """Model time in seconds since the system booted."""
    kind: EventKind
    """What happened."""
    user: str | None = None
    """The user's extension, where a user is concerned."""
    station: str | None = None
    """The station's base extension, where a phone is concerned."""
    detail: str = ""
    """Why, in a few words: ``'displaced by 3001'``, ``'wrong code'``."""
