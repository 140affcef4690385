"""The system's log: every change, with its model time, in one list.

In the spirit of Asterisk's ``queue_log``: the running system appends an
:class:`Event` for every logon and logoff, every refused login, every Merge, and
every step of every call (queued, offered to a member, answered, not answered,
abandoned, ended, wrap-up over).  The shift simulator adds where people really
sat (``SEATED`` and ``LEFT_DESK``).  Whatever wants to know what happened (the
report model, a test, a trainee) reads this log; nothing keeps its own account
on the side.

An event is a named tuple: immutable, compared by value, and cheap enough that a
workshop sweep can write a million of them.

>>> Event(12.0, EventKind.CALL_ANSWERED, user="3000", station="3000", call=7, group="Sales")
Event(time=12.0, kind=<EventKind.CALL_ANSWERED: 'answered'>, user='3000', station='3000', call=7, group='Sales', person=None, detail='')
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import NamedTuple

__all__ = ["Event", "EventKind", "log_text"]


class EventKind(enum.Enum):
    """What happened.  The fields each kind fills are listed beside it."""

    # people and logons: user, station (person for the simulator's desk events)
    LOGON = "logon"
    """A user is logged on at a station (at boot, by a login, or home again)."""
    LOGOFF = "logoff"
    """A user is logged off a station; ``detail`` says why when it is not ExtnLogout."""
    LOGOFF_PENDING = "logoff pending"
    """A logoff asked for during a call: it happens when the call ends."""
    LOGIN_REFUSED = "login refused"
    """A login was refused at a station: ``detail`` says why."""
    LOCKOUT = "lockout"
    """A station refuses logins for 90 s after four failures (rule R6)."""
    MERGE = "merge"
    """A configuration was merged."""
    DND_ON = "dnd on"
    """A user turned Do Not Disturb on."""
    DND_OFF = "dnd off"
    """A user turned Do Not Disturb off."""
    SEATED = "seated"
    """Simulator: ``person`` sat down at ``station`` (ground truth only)."""
    LEFT_DESK = "left desk"
    """Simulator: ``person`` got up from ``station`` (ground truth only)."""
    # calls: call, group, and user/station where a member is concerned
    CALL_QUEUED = "queued"
    """A call reached the hunt group ``group`` and waits for a member."""
    CALL_OFFERED = "offered"
    """The call rings at member ``user`` on ``station``."""
    CALL_NOT_ANSWERED = "not answered"
    """The call stopped ringing at ``user`` unanswered: ``detail`` is ``'no answer'``
    (No Answer Time ran out), ``'answered by <ext>'`` (a colleague took it), ``'logged off'``
    (the member logged off while it rang), ``'abandoned'`` (the caller hung up), or, at a
    Merge, ``'left the hunt group at Merge'``, ``'hunt group changed at Merge'`` (its mode
    went from Group to another or back: the call hunts afresh) or ``'hunt group removed at
    Merge'``."""
    CALL_ANSWERED = "answered"
    """``user`` answered the call at ``station``."""
    CALL_ABANDONED = "abandoned"
    """The caller hung up before anyone answered, or the system turned the call away
    (``detail`` ``'busy: no member free and queuing off'``, or ``'hunt group removed at
    Merge'``)."""
    CALL_ENDED = "ended"
    """The answered call ended; ``user`` took it.  ``detail`` is empty when someone hung up,
    ``'logged off'`` when the user was logged off during it (logged on elsewhere, or removed
    at Merge), ``'phone restarted at Merge'`` when Merge changed the station's handset."""
    WRAP_UP_OVER = "wrap-up over"
    """``user``'s wrap-up time after a call is over: they can be offered calls again."""

    # Each member is the one object of its kind, so it hashes as itself: an Enum's own
    # __hash__ (hashing the name) is Python code, and the log looks up watchers by kind on
    # every event.
    __hash__ = object.__hash__


class Event(NamedTuple):
    """One line of the log."""

    time: float
    """Model time in seconds since the system booted."""
    kind: EventKind
    """What happened."""
    user: str | None = None
    """The user's extension, where a user is concerned."""
    station: str | None = None
    """The station's base extension, where a phone is concerned."""
    call: int | None = None
    """The call's number (1, 2, ...), for call events."""
    group: str | None = None
    """The hunt group's name, for call events."""
    person: str | None = None
    """Simulator: the real person, for desk events."""
    detail: str = ""
    """Why, in a few words: ``'displaced by 3001'``, ``'wrong code'``, ``'no answer'``."""


def log_text(events: Iterable[Event]) -> str:
    """``events`` as text, one a line, in the spirit of Asterisk's queue_log.

    ``time|call|group|user|station|person|event|detail``: the same events give the same
    text, byte for byte (``Shift.queue_log``, and the logs ``tests/golden`` keeps).

    >>> print(log_text([Event(3.0, EventKind.CALL_ANSWERED, "3001", "3001", 1, "Sales")]), end="")
    3.000|1|Sales|3001|3001||answered|
    """
    return "".join(
        f"{e.time:.3f}|{e.call or ''}|{e.group or ''}|{e.user or ''}|{e.station or ''}|"
        f"{e.person or ''}|{e.kind.value}|{e.detail}\n"
        for e in events
    )
