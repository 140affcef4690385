"""The switch's one log: the events in order, and who watches which kind.

One :class:`Log` belongs to each running System; the system and its call distributor
write every event through :meth:`Log.record`, the one place an event is made, kept and
shown to its watchers (a view that redraws, the simulator's hands).

>>> from ipo_core.switch.events import EventKind
>>> log = Log()
>>> stop = log.watch(EventKind.LOGON, lambda e: print("seen:", e.user))
>>> log.record(0.0, EventKind.LOGON, "3000", "3000")
seen: 3000
>>> stop()
>>> log.record(1.0, EventKind.LOGOFF, "3000", "3000")
>>> [e.kind.value for e in log.events]
['logon', 'logoff']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ipo_core.errors import WrongType
from ipo_core.switch.events import Event, EventKind

__all__ = ["Log"]

_new_event = tuple.__new__  # an Event without the keyword handling of its __new__


class Log:
    """Every event, oldest first, and the watchers of each kind."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        """Everything that happened, oldest first: read it, write through :meth:`record`."""
        # By kind: EventKind hashes as itself (events.py), a C-level lookup per event.
        self._watchers: dict[EventKind, list[Callable[[Event], Any]]] = {}

    def record(
        self,
        time: float,
        kind: EventKind,
        user: str | None = None,
        station: str | None = None,
        call: int | None = None,
        group: str | None = None,
        person: str | None = None,
        detail: str = "",
    ) -> None:
        """Append the event and show it to the watchers of its kind, in the order they came."""
        event = _new_event(Event, (time, kind, user, station, call, group, person, detail))
        self.events.append(event)
        if self._watchers:
            watchers = self._watchers.get(kind)
            if watchers:
                for watcher in watchers:
                    watcher(event)

    def record_each(
        self,
        time: float,
        kind: EventKind,
        seats: Iterable[tuple[str, str]],
        call: int,
        group: str,
        detail: str = "",
    ) -> None:
        """:meth:`record` for each (user, station) of ``seats``, in order: one step of a call
        at many phones at once (a Group-mode call rings, or stops ringing, dozens)."""
        events, new = self.events, _new_event
        watchers = self._watchers.get(kind) if self._watchers else None
        for user, station in seats:
            event = new(Event, (time, kind, user, station, call, group, None, detail))
            events.append(event)
            if watchers:
                for watcher in watchers:
                    watcher(event)

    def hand_over(self) -> list[Event]:
        """Every event so far, for a new owner to keep; the log starts again, empty.

        The shift simulator ends its day so.  Its System is then dropped, and a dropped
        System lives on in reference cycles (each phone knows its system) until the
        garbage collector finds it; the day's events, handed over to the
        :class:`~ipo_core.callcentre.day.Shift`, are freed with it, not scanned and freed
        by that collection (a workshop sweep's Group-mode day: 14 ms of 95).

        >>> log = Log()
        >>> log.record(0.0, EventKind.MERGE)
        >>> kept = log.hand_over()
        >>> len(kept), len(log.events)
        (1, 0)
        """
        events, self.events = self.events, []
        return events

    def watch(self, kind: EventKind, watcher: Callable[[Event], Any]) -> Callable[[], None]:
        """Call ``watcher(event)`` each time an event of ``kind`` is recorded.

        Returns a function that stops it: a view that goes away unwatches.  WrongType for a
        ``kind`` that is no EventKind or a ``watcher`` that cannot be called.
        """
        if not isinstance(kind, EventKind):
            raise WrongType("event kind", "an EventKind, such as EventKind.SEATED", kind)
        WrongType.unless_callable("watcher", "a function taking an Event", watcher)
        watchers = self._watchers.setdefault(kind, [])
        watchers.append(watcher)

        def unwatch() -> None:
            if watcher in watchers:
                watchers.remove(watcher)
            # Called twice, it must not take away a list that later watchers are on.
            if not watchers and self._watchers.get(kind) is watchers:
                del self._watchers[kind]

        return unwatch

    def __repr__(self) -> str:
        return f"<Log: {len(self.events)} events>"
