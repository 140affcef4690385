"""Who is logged on where, and who has Do Not Disturb on.

One :class:`Seating` belongs to each running System.  It keeps two maps that mirror each
other, a user to their station and a station to its user, so that one user is at one
station at most and one station has one user at most (rule R5: a login elsewhere logs the
user off first).  The System decides who sits where (boot, logon, logoff, Merge); the
call distributor and the simulator read it.

>>> seating = Seating()
>>> seating.seat("3000", "3002")
>>> seating.station_of["3000"], seating.user_at["3002"]
('3002', '3000')
>>> seating.unseat("3000")
'3002'
>>> dict(seating.user_at)
{}
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Set

__all__ = ["Seating"]


class Seating:
    """The logons of a running system (user <-> station) and its Do Not Disturb set."""

    def __init__(self) -> None:
        self._station_of: dict[str, str] = {}  # user extension -> station base extension
        self._user_at: dict[str, str] = {}  # station base extension -> user extension
        self._dnd: set[str] = set()

    @property
    def station_of(self) -> Mapping[str, str]:
        """Each logged-on user's extension -> the base extension of their station (read only)."""
        return self._station_of

    @property
    def user_at(self) -> Mapping[str, str]:
        """Each occupied station's base extension -> its user's extension (read only)."""
        return self._user_at

    @property
    def dnd(self) -> Set[str]:
        """The extensions of the users with Do Not Disturb on (read only)."""
        return self._dnd

    def seat(self, user: str, station: str) -> None:
        """Log ``user`` on at ``station``: both must be free (the System frees them first)."""
        assert user not in self._station_of, user
        assert station not in self._user_at, station
        self._station_of[user] = station
        self._user_at[station] = user

    def unseat(self, user: str) -> str:
        """Log ``user`` off; the station they were at."""
        station = self._station_of.pop(user)
        del self._user_at[station]
        return station

    def set_dnd(self, user: str, on: bool) -> None:
        """Do Not Disturb on or off for ``user``."""
        if on:
            self._dnd.add(user)
        else:
            self._dnd.discard(user)

    def keep_only(self, users: Collection[str]) -> None:
        """Merge removed users: forget Do Not Disturb for any user not in ``users``."""
        self._dnd.intersection_update(users)

    def __repr__(self) -> str:
        return f"<Seating: {len(self._user_at)} logged on, {len(self._dnd)} on DND>"
