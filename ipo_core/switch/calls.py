"""Calls to hunt groups: queueing, ringing, No Answer Time, answer, wrap-up.

One :class:`CallDistributor` belongs to each running
:class:`~ipo_core.switch.system.System`.  It presents each call the way the group's
mode says (:mod:`ipo_core.switch.hunting`), moves an unanswered call on when the No
Answer Time runs out (rule R9), queues calls when no member is available and
offers them, oldest first, as members become free, and keeps a member out of
hunting for their wrap-up time after each call.  The shift simulator drives this
same code: there is one implementation of each mode.

A member is *available* (reference section 4) when they are logged on, not on a
call or ringing for one, not in wrap-up, not on Do Not Disturb, and their phone
is on-hook.  Logged-off users and NoUser stations are never offered a call.

Each step changes the phones first and then writes the log, so whoever watches the
log (``System.watch``) sees the phones as the event left them.

The timers it books are few (issue 13), on the System's :class:`~ipo_core.switch.clock.Clock`:

* one a ring: the No Answer timer, unless a ring hook promised a pick-up within the No
  Answer Time (only the simulator's hands do, :meth:`CallDistributor.on_ring`; a hook
  registered through ``System.on_ring`` promises nothing), so a trainee's handset always
  gets the No Answer timer; a promise that falls through books it then
  (:meth:`CallDistributor.ring_unattended`);
* the end of wrap-up on a :class:`~ipo_core.switch.clock.Lane` for each wrap-up time,
  since those ends fall due in the order the calls ended.

The available members are an index (``_free``), searched along the call's order by C-level
``filter``; Most Idle's order is kept as calls end and Circular's for each member who
answered last, instead of ordering the members afresh for every call.
"""

from __future__ import annotations

import enum
import math
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from itertools import islice, repeat
from types import MappingProxyType
from typing import Any, Protocol

from ipo_core.errors import CallStateError
from ipo_core.site.hunt_groups import HuntGroup
from ipo_core.site.users import User
from ipo_core.switch.clock import Clock, Lane
from ipo_core.switch.events import EventKind
from ipo_core.switch.hunting import HUNT_ORDERS, HuntContext, HuntOrder
from ipo_core.switch.log import Log
from ipo_core.switch.seating import Seating

__all__ = ["CALL_MOVES", "Call", "CallDistributor", "CallState", "Ringer"]


class CallState(enum.StrEnum):
    """Where a hunt-group call stands: ``Call.state``.  Each compares equal to its text."""

    QUEUED = "queued"
    """Waiting in the group's queue for a member to become free (rule R9)."""
    ALERTING = "alerting"
    """Ringing one member, or every free member in Group mode."""
    CONNECTED = "connected"
    """Answered: a member is on it."""
    ENDED = "ended"
    """Over: hung up after an answer, abandoned by the caller, or turned away."""


QUEUED, ALERTING, CONNECTED, ENDED = (
    CallState.QUEUED,
    CallState.ALERTING,
    CallState.CONNECTED,
    CallState.ENDED,
)
#: Where a call may go from each state: a :class:`Call` makes every move through this table.
CALL_MOVES: dict[CallState, frozenset[CallState]] = {
    QUEUED: frozenset({ALERTING, ENDED}),  # rung, or abandoned (or turned away) waiting
    ALERTING: frozenset({ALERTING, QUEUED, CONNECTED, ENDED}),  # on, back, answered, abandoned
    CONNECTED: frozenset({ENDED}),  # hung up
    ENDED: frozenset(),
}

CALL_QUEUED, CALL_OFFERED = EventKind.CALL_QUEUED, EventKind.CALL_OFFERED
CALL_NOT_ANSWERED, CALL_ANSWERED = EventKind.CALL_NOT_ANSWERED, EventKind.CALL_ANSWERED
CALL_ABANDONED, CALL_ENDED = EventKind.CALL_ABANDONED, EventKind.CALL_ENDED
WRAP_UP_OVER = EventKind.WRAP_UP_OVER


class Call:
    """One call to a hunt group, as the system sees it now (read its properties).

    The call owns its state: every move (rung, back in the queue, answered, over) is one of
    its ``_`` methods, checked against :data:`CALL_MOVES`.  The :class:`CallDistributor` of
    this module makes them; a trainee moves a call through the System's methods.
    """

    __slots__ = (
        "_alerting",
        "_due",
        "_hunt",
        "_rings_all",
        "_answered_by",
        "_serial",
        "_state",
        "_timed",
        "_tried",
        "arrived",
        "caller",
        "ended",
        "group",
        "number",
        "order",
        "station",
    )

    def __init__(self, number: int, group: HuntGroup, arrived: float, caller: str) -> None:
        self.number = number
        """The call's number in this system: 1, 2, ..."""
        self.group = group.name
        """The hunt group's name."""
        self.arrived = arrived
        """Model time the call reached the group."""
        self.caller = caller
        """What the display shows for the caller."""
        self.ended: float | None = None
        """Model time the call ended (answered and hung up, or abandoned)."""
        self.station: str | None = None
        """The station that answered it."""
        self.order: tuple[str, ...] = ()
        self._hunt = group  # the group's record when the call arrived
        self._rings_all = False  # its mode rings every free member at once (set on arrival)
        self._state = QUEUED
        self._alerting: tuple[str, ...] = ()
        self._answered_by: str | None = None
        self._serial = 0  # which ring this is: a stale No Answer timer finds another
        self._due = 0.0  # when this ring's No Answer Time runs out (sequential modes)
        self._timed = 0  # the ring whose No Answer timer is booked (0: none)
        self._tried = -1  # index in order of the member rung last (sequential modes)

    @property
    def state(self) -> CallState:
        """``'queued'``, ``'alerting'``, ``'connected'`` or ``'ended'``: a :class:`CallState`."""
        return self._state

    @property
    def alerting(self) -> tuple[str, ...]:
        """The user extensions ringing for this call now."""
        return self._alerting

    @property
    def answered_by(self) -> str | None:
        """The user extension that answered, or None."""
        return self._answered_by

    @property
    def no_answer_at(self) -> float | None:
        """When the No Answer Time of the member ringing now runs out (rule R9); None when
        the call rings nobody, or every free member at once (Group mode has no No Answer)."""
        if self._state != ALERTING or self._rings_all or not self._alerting:
            return None
        return self._due

    # --- its moves: made by the CallDistributor ------------------------------------------

    def _to(self, state: CallState) -> None:
        if state not in CALL_MOVES[self._state]:
            raise CallStateError(
                f"Call {self.number} is {self._state}: it cannot become {state} (a call goes "
                "queued, alerting, connected, ended, and never back from ended).",
                self.number,
                self._state,
            )
        self._state = state

    def _ring(self, users: tuple[str, ...]) -> None:
        """It rings ``users`` as well as whoever it rings now (Group mode).  A new ring: a No
        Answer timer booked before (when it rang in a sequential mode) finds another."""
        self._to(ALERTING)
        self._alerting += users
        self._serial += 1

    def _ring_alone(self, user: str) -> int:
        """It rings ``user`` and nobody else (a sequential mode): the number of this ring."""
        self._to(ALERTING)
        self._alerting = (user,)
        self._serial += 1
        return self._serial

    def _stop_ringing(self, user: str) -> None:
        """It no longer rings ``user`` (no answer, logged off): it may ring nobody now."""
        self._alerting = tuple(u for u in self._alerting if u != user)

    def _requeue(self) -> None:
        """It rings nobody and waits in the queue again."""
        self._to(QUEUED)

    def _connect(self, user: str, station: str) -> None:
        """``user`` answered it at ``station``."""
        self._to(CONNECTED)
        self._alerting, self._answered_by, self.station = (), user, station

    def _silence(self) -> tuple[str, ...]:
        """It stops ringing everyone, on its way to ending: who it rang.  A No Answer timer
        booked for its ring finds another ring when it fires."""
        ringing, self._alerting = self._alerting, ()
        self._serial += 1
        return ringing

    def _end(self, now: float) -> None:
        """It is over at ``now``: hung up, abandoned or turned away."""
        self._to(ENDED)
        self.ended = now

    def __repr__(self) -> str:
        who = f" at {', '.join(self._alerting)}" if self._alerting else ""
        by = f" by {self._answered_by}" if self._answered_by else ""
        return f"<Call {self.number} to {self.group}: {self._state}{who}{by}>"


class Ringer(Protocol):
    """What the distributor needs of the phone on a station: a
    :class:`~ipo_core.switch.phone.Phone`."""

    @property
    def is_off_hook(self) -> bool:
        """True while the handset is lifted: its user is busy."""

    def show_call(self, call: Call | None, connected: bool = False) -> None:
        """Ring for ``call`` (or show it connected), or stop (None)."""


class CallDistributor:
    """Presents hunt-group calls to members; owned by a System, driven by its clock.

    It is given the parts of the system it works with, never the System: the ``clock`` it
    books No Answer Time and wrap-up on, the ``log`` it writes every step of a call to, the
    ``seating`` it reads who is where from, the ``phones`` by station (the System's own
    table, which Merge changes in place), and ``log_off(station, detail)``, the System's
    logoff, for a logoff asked for during a call.  The users and hunt groups come with
    :meth:`reindex`, at boot and at every Merge.
    """

    def __init__(
        self,
        clock: Clock,
        log: Log,
        seating: Seating,
        phones: Mapping[str, Ringer],
        log_off: Callable[..., Any],
    ) -> None:
        self._clock = clock
        self._record = log.record  # the log's own appends (log.py)
        self._record_each = log.record_each
        self._station_of = seating.station_of  # live views: the seating changes them
        self._user_at = seating.user_at
        self._dnd = seating.dnd
        self._phones = phones
        self._log_off = log_off
        self._ring_hooks: list[Callable[[Call, list[str]], Any]] = []
        self._groups: dict[str, HuntGroup] = {}  # by name, as the running config has them
        self._groups_of: dict[str, list[HuntGroup]] = {}  # a member's groups
        self._wrap_up: dict[str, int] = {}  # each user's wrap-up time in seconds
        self.calls: list[Call] = []
        self._queues: dict[str, deque[Call]] = {}
        self._ringing: dict[str, Call] = {}  # user -> the call ringing them
        self.ringing: Mapping[str, Call] = MappingProxyType(self._ringing)
        """Who each call rings now: user extension -> the call.  A live view, read only."""
        self._on_call: dict[str, Call] = {}  # user -> the call they are on
        self._wrap_until: dict[str, float] = {}
        self._wrap_lanes: dict[int, Lane] = {}  # wrap-up time -> the ends of wrap-up
        self._idle_since: dict[str, float] = {}
        self._history = HuntContext(None, self._idle_since)  # live: what Most Idle reads
        self._last_answered: dict[str, str] = {}
        self._pending_logoff: set[str] = set()
        # Group-mode calls ringing now, by group, oldest first: a member who frees joins in.
        self._ringing_all: dict[str, dict[int, Call]] = {}
        self._strategies: dict[str, HuntOrder] = {}
        self._kept: dict[str, list[str]] = {}  # group -> its mode's kept order (Most Idle)
        # group -> the member who answered last -> the order a new call takes (Circular)
        self._orders_after: dict[str, dict[str | None, tuple[str, ...]]] = {}
        self._leaving: str | None = None  # the user being logged off right now
        self._free: set[str] = set()  # the available members: see recheck()
        # During a Merge (merge_begins .. merged): calls that stopped ringing everyone, to
        # hunt on once users, stations and groups are all as the Merge leaves them.
        self._merging = False
        self._held: dict[int, Call] = {}

    # --- asking ------------------------------------------------------------------------

    def is_available(self, user: str) -> bool:
        """True when ``user`` may be offered a hunt-group call now."""
        return user in self._free

    def recheck(self, user: str) -> None:
        """Something about ``user`` changed: work out again whether they are available.

        ``_free`` is an index of the available users, so that hunting a call is a set
        lookup a member (and no lookup at all when nobody is free); this works it out.
        """
        station = self._station_of.get(user)
        if station is None:
            self._free.discard(user)
        elif (
            user in self._ringing
            or user in self._on_call
            or user == self._leaving
            or user in self._wrap_until
            or user in self._dnd
            or self._phones[station].is_off_hook
        ):
            self._free.discard(user)
        else:
            self._free.add(user)

    def call_ringing(self, user: str) -> Call | None:
        """The call ringing ``user`` now, if any."""
        return self._ringing.get(user)

    def call_of(self, user: str) -> Call | None:
        """The call ``user`` is on now, if any."""
        return self._on_call.get(user)

    def has_pending_logoff(self, user: str) -> bool:
        """True when ``user`` asked to log off during a call."""
        return user in self._pending_logoff

    # --- what happens ------------------------------------------------------------------

    def arrive(self, group: HuntGroup, caller: str) -> Call:
        """A call reaches ``group``: it rings by the group's mode, or waits in the queue."""
        now, name = self._clock.now, group.name
        call = Call(len(self.calls) + 1, group, now, caller)
        self.calls.append(call)
        self._record(now, CALL_QUEUED, None, None, call.number, name, None, "")
        strategy = self._strategy(group)
        kept = self._kept.get(name)
        if kept is not None:  # Most Idle: the order kept as calls end
            call.order = tuple(kept)
        elif strategy.reads_last_answered:  # Circular: one order for each member who answered
            last = self._last_answered.get(name)
            orders = self._orders_after.setdefault(name, {})
            order = orders.get(last)
            if order is None:
                order = orders[last] = strategy.ordered(
                    group.members, self._context(strategy, name)
                )
            call.order = order
        else:
            call.order = strategy.ordered(group.members, self._history)
        call._rings_all = strategy.rings_all
        if not self._present(call):
            if group.queuing:
                self._queues.setdefault(group.name, deque()).append(call)
            else:
                self._abandon(call, "busy: no member free and queuing off")
        return call

    def answer(self, call: Call, user: str | None) -> None:
        """``user``, who the call is ringing, answers it."""
        if call._state != ALERTING or user not in call._alerting:
            at = f" and not ringing at {user!r}" if user is not None else ""
            raise CallStateError(
                f"Call {call.number} is {call._state}{at}: "
                f"only {', '.join(call._alerting) or 'nobody'} can answer it now.",
                call.number,
                call._state,
            )
        station = self._station_of[user]
        others = [u for u in call._alerting if u != user]
        call._connect(user, station)
        if call._rings_all:
            self._ringing_all.get(call.group, {}).pop(call.number, None)
        del self._ringing[user]
        self._on_call[user] = call
        self._last_answered[call.group] = user
        self._phones[station].show_call(call, connected=True)  # the phone first, then the log
        self._record(
            self._clock.now, CALL_ANSWERED, user, station, call.number, call.group, None, ""
        )
        if others:
            self._stop_ringing_all(call, others, f"answered by {user}")
            if self._anything_waiting():
                for other in others:
                    self._offer_waiting(other)  # availability worked out as they stopped

    def end(self, call: Call) -> None:
        """The answered call is over: the member goes into wrap-up."""
        if call._state != CONNECTED:
            raise CallStateError(
                f"Call {call.number} is {call._state}, not connected: only a call in progress "
                "can end.",
                call.number,
                call._state,
            )
        self._end(call, wrap_up=True)

    def _end(self, call: Call, wrap_up: bool, why: str = "") -> None:
        now = self._clock.now
        user = call._answered_by
        assert user is not None
        assert call.station is not None
        call._end(now)
        del self._on_call[user]
        self._idle_since[user] = now
        if self._kept:
            for group in self._groups_of.get(user, ()):
                kept = self._kept.get(group.name)
                if kept is not None:
                    self._strategies[group.name].call_ended(
                        kept, user, group.members, self._idle_since
                    )
        self._phones[call.station].show_call(None)
        self._record(now, CALL_ENDED, user, call.station, call.number, call.group, None, why)
        if not wrap_up:
            return
        if user in self._pending_logoff:
            self._pending_logoff.discard(user)
            self._log_off(call.station, detail="after the call")
            return
        wrap = self._wrap_up[user]
        if wrap > 0:
            self._wrap_until[user] = now + wrap
            lane = self._wrap_lanes.get(wrap)
            if lane is None:  # one a wrap-up time: its ends come in the order calls end
                lane = self._wrap_lanes[wrap] = self._clock.lane()
            lane.after(wrap, self._wrap_over, user, call.station)
        else:
            self._member_free(user)

    def abandon(self, call: Call) -> None:
        """The caller hangs up before anyone answers."""
        if call._state not in (QUEUED, ALERTING):
            raise CallStateError(
                f"Call {call.number} is {call._state}: only a waiting or ringing call can be "
                "abandoned.",
                call.number,
                call._state,
            )
        self._abandon(call, "")

    def user_leaves(self, user: str) -> None:
        """``user`` is logging off: a call ringing them moves on (a call in progress is ended)."""
        self._pending_logoff.discard(user)
        self._leaving = user  # not available to the call that moves on from them
        self._free.discard(user)
        try:
            call = self._ringing.get(user)
            if call is not None:
                self._ring_out(call, user, "logged off")
            call = self._on_call.get(user)
            if call is not None:
                self._end(call, wrap_up=False, why="logged off")
            self._wrap_until.pop(user, None)
        finally:
            self._leaving = None

    def defer_logoff(self, user: str) -> None:
        """``user`` asked to log off during a call: it happens when the call ends."""
        self._pending_logoff.add(user)

    def member_may_be_free(self, user: str) -> None:
        """Something changed for ``user`` (logon, DND off, handset down): offer waiting calls."""
        self._member_free(user)

    def merge_begins(self) -> None:
        """Merge is about to log users off and change groups: hold the hunting till merged().

        A call that stops ringing someone meanwhile (a user or station removed) waits, and
        nobody is offered a call, so no call rings a member that the same Merge takes away.
        """
        self._merging = True

    def merged(self, restarted: list[str]) -> None:
        """Merge changed the configuration: leave no call that nobody can answer or end.

        ``restarted`` are the stations whose handset Merge changed.  Such a phone restarts
        (IP Office restarts an extension whose settings a Merge changed): a call in progress
        there ends, logged ``phone restarted at Merge``, as if hung up; a call ringing there
        rings the new handset (the system, not the phone, holds a ringing call).  A call
        waiting or ringing in a hunt group that is gone is turned away; one in a group whose
        members or mode changed hunts among the members as they now are.  A call in progress
        stays whatever happened to its group: it no longer needs the group.  Then
        ``merge_ends`` lets the calls held since ``merge_begins`` hunt on.
        """
        groups = self._groups
        waiting = {c.number: c for queue in self._queues.values() for c in queue}
        waiting.update((c.number, c) for c in self._ringing.values())
        waiting.update(self._held)  # rang only members the Merge logged off
        for number in sorted(waiting):
            call = waiting[number]
            if call._state not in (QUEUED, ALERTING):
                continue  # an earlier call's hunt moved this one on
            group = groups.get(call.group)
            if group is None:
                self._abandon(
                    call, "hunt group removed at Merge", stop="hunt group removed at Merge"
                )
            elif group != call._hunt:
                self._regroup(call, group)
        for name in [n for n in self._queues if n not in groups]:
            del self._queues[name]
        # Last, so that a member freed by a restart is offered calls by their groups as now.
        for base in restarted:
            user = self._user_at.get(base)
            if user is None:
                continue
            ringing = self._ringing.get(user)
            if ringing is not None:
                self._phones[base].show_call(ringing)
            talking = self._on_call.get(user)
            if talking is not None and talking.station == base:
                self._end(talking, wrap_up=True, why="phone restarted at Merge")

    def merge_ends(self) -> None:
        """The hunting held since ``merge_begins`` goes on, oldest call first, among the
        members as they now are; the System then offers waiting calls to whoever is free.

        System.merge calls it however the Merge went, so no call is left held.
        """
        self._merging = False
        held, self._held = self._held, {}
        if held:  # who is free now: Merge may have put handsets down and moved users
            for user in list(self._station_of):
                self.recheck(user)
        for number in sorted(held):
            call = held[number]
            if call._state == ALERTING and not call._alerting:
                self._hunt_on(call)

    def _regroup(self, call: Call, group: HuntGroup) -> None:
        """``call``'s hunt group changed at Merge: hunt on by its new members and mode."""
        old, call._hunt = call._hunt, group
        if group.members == old.members and group.mode is old.mode:
            return  # No Answer Time or queuing: the next ring, or the next call, uses it
        strategy = self._strategy(group)
        rang_all = call._rings_all
        call.order = strategy.ordered(group.members, self._context(strategy, group.name))
        call._rings_all = strategy.rings_all
        call._tried = -1
        if call._state != ALERTING:
            return  # waiting: offered by the new order when a member frees
        if rang_all:
            self._ringing_all.get(call.group, {}).pop(call.number, None)
        if rang_all != call._rings_all:  # another way of ringing: start it afresh
            out, why = list(call._alerting), "hunt group changed at Merge"
        else:
            out = [u for u in call._alerting if u not in group.members]
            why = "left the hunt group at Merge"
        staying = [u for u in call._alerting if u not in out]
        if staying and call._rings_all:
            self._ringing_all.setdefault(group.name, {})[call.number] = call
        elif staying:
            call._tried = call.order.index(staying[0])
        for user in out:
            self._ring_out(call, user, why)

    # --- the mechanism -----------------------------------------------------------------

    def _strategy(self, group: HuntGroup) -> HuntOrder:
        # Looked up by name: hashing the HuntMode enum is Python code, and this runs per call.
        strategy = self._strategies.get(group.name)
        if strategy is None:
            strategy = self._strategies[group.name] = HUNT_ORDERS[group.mode]
        return strategy

    def on_ring(self, hook: Callable[[Call, list[str]], float | None]) -> None:
        """Call ``hook(call, stations)`` each time a call starts ringing at ``stations``.

        The hook may return the model time it will answer by (a pick-up it booked).  A ring
        that is answered within its No Answer Time then books no No Answer timer: one timer
        a ring.  A hook that promised a time and then finds nobody will pick up (the person
        got up) calls :meth:`ring_unattended`, and the No Answer Time runs after all.
        """
        self._ring_hooks.append(hook)

    def ring_unattended(self, call: Call) -> None:
        """The pick-up promised for ``call``'s ring will not happen: book its No Answer timer,
        due when the ring's No Answer Time runs out, if it is not booked already."""
        if call._state == ALERTING and not call._rings_all and call._timed != call._serial:
            call._timed = call._serial
            self._clock.book(call._due, self._no_answer, call, call._serial)

    def reindex(self, users: Iterable[User], groups: Iterable[HuntGroup]) -> None:
        """The running users and hunt groups, at boot and after a Merge changed them: forget
        cached strategies, know every user's wrap-up time and every member's groups."""
        self._strategies.clear()
        self._wrap_up = {}
        for user in users:
            self._wrap_up[user.extension] = user.wrap_up_time
            self._idle_since.setdefault(user.extension, float("-inf"))  # never had a call
        self._groups = {g.name: g for g in groups}
        self._groups_of = {}
        self._kept, self._orders_after = {}, {}
        for group in self._groups.values():
            for member in group.members:
                self._groups_of.setdefault(member, []).append(group)
            strategy = self._strategy(group)
            if strategy.keeps_order:
                self._kept[group.name] = strategy.kept_order(group.members, self._idle_since)

    def _context(self, strategy: HuntOrder, group: str) -> HuntContext:
        """What ``strategy`` may look at for a new call to ``group``: the idle times are one
        live map, so only a mode that reads who answered last needs a context of its own."""
        if strategy.reads_last_answered:
            return HuntContext(self._last_answered.get(group), self._idle_since)
        return self._history

    def _present(self, call: Call) -> bool:
        """Ring the call where its mode says; False when no member is available.

        The search is the index of free members (``_free``) read by C-level ``filter`` along
        the call's order: most of the members of a busy group are on calls.
        """
        free = self._free
        if not free:  # a busy centre: most calls find nobody and wait
            return False
        order = call.order
        is_free = free.__contains__
        if call._rings_all:  # Group mode
            members = list(filter(is_free, order))
            if not members:
                return False
            self._ring(call, members)
            return True
        # Sequential: the first free member cyclically after the one rung last (R9).
        after = call._tried + 1
        member = next(filter(is_free, islice(order, after, None)), None)
        if member is not None:
            call._tried = order.index(member, after)
        elif after:
            member = next(filter(is_free, islice(order, after)), None)
            if member is None:
                return False
            call._tried = order.index(member)
        else:
            return False
        self._ring_one(call, member)
        return True

    def _ring_one(self, call: Call, user: str) -> None:
        """Ring ``user``, the one member a sequential mode rings: the phone, the log, the
        hands, and one timer (R9): the pick-up a hook promised within the No Answer Time,
        or else the No Answer timer.  (The simulator's most frequent step: written out.)"""
        station = self._station_of[user]
        serial = call._ring_alone(user)  # a sequential call rings nobody else
        self._ringing[user] = call
        self._free.discard(user)
        self._phones[station].show_call(call)
        now = self._clock.now
        self._record(now, CALL_OFFERED, user, station, call.number, call.group, None, "")
        # Set before the hooks run: they read it (Call.no_answer_at) to plan within it.
        call._due = due = now + call._hunt.no_answer_time
        if self._promised(call, [station]) > due:
            call._timed = serial
            self._clock.book(due, self._no_answer, call, serial)

    def _promised(self, call: Call, stations: list[str]) -> float:
        """Tell the ring hooks the call rings at ``stations``: the soonest pick-up one of
        them booked for this ring (inf: none)."""
        promised = math.inf
        for hook in self._ring_hooks:
            when = hook(call, stations)
            if when is not None and when < promised:
                promised = when
        return promised

    def _ring(self, call: Call, users: list[str]) -> None:
        """Ring ``users`` for a Group-mode call (every free member, or one who joins it):
        the phones, then the log, then the hands.  No timer: a Group-mode call has no No
        Answer Time, it rings until answered or abandoned."""
        self._ringing_all.setdefault(call.group, {})[call.number] = call
        call._ring(tuple(users))
        self._ringing.update(zip(users, repeat(call)))
        self._free.difference_update(users)
        station_of, phones = self._station_of, self._phones
        seats = [(user, station_of[user]) for user in users]
        for _, station in seats:  # Group mode rings dozens of phones a call
            phones[station].show_call(call)
        self._record_each(self._clock.now, CALL_OFFERED, seats, call.number, call.group)
        self._promised(call, [station for _, station in seats])

    def _no_answer(self, call: Call, serial: int) -> None:
        if call._state == ALERTING and call._serial == serial:
            self._ring_out(call, call._alerting[0], "no answer")

    def _ring_out(self, call: Call, user: str, why: str) -> None:
        """The call stops ringing ``user`` unanswered and tries the next member (R9)."""
        self._stop_ringing(call, user, why)
        call._stop_ringing(user)
        if self._merging:  # hunted on by merged(), among the members as Merge leaves them
            if not call._alerting:
                self._held[call.number] = call
            return
        if not call._alerting:
            self._hunt_on(call)
        # A member logging off is not offered the next call on their way out: recheck()
        # knows them as the one leaving.
        self._member_free(user)

    def _hunt_on(self, call: Call) -> None:
        """``call`` rings nobody now: ring the next member, or wait, or be turned away (R9)."""
        if not self._present(call):
            self._ringing_all.get(call.group, {}).pop(call.number, None)
            if call._hunt.queuing:
                call._requeue()
                self._requeue(call)
            else:
                self._abandon(call, "busy: no member free and queuing off")

    def _stop_ringing(self, call: Call, user: str, why: str) -> None:
        self._ringing.pop(user, None)
        station = self._station_of.get(user)
        if station is not None:
            self._phones[station].show_call(None)
        self._record(
            self._clock.now, CALL_NOT_ANSWERED, user, station, call.number, call.group, None, why
        )
        self.recheck(user)

    def _stop_ringing_all(self, call: Call, users: list[str], why: str) -> None:
        """``_stop_ringing`` for many members at once (a Group-mode call answered)."""
        ringing, station_of, phones = self._ringing, self._station_of, self._phones
        seats = [(user, station_of[user]) for user in users]
        for user, station in seats:
            del ringing[user]
            phones[station].show_call(None)
        for user in users:
            self.recheck(user)  # DND may have been set while it rang
        self._record_each(self._clock.now, CALL_NOT_ANSWERED, seats, call.number, call.group, why)

    def _anything_waiting(self) -> bool:
        """True when some call waits in a queue or rings in Group mode."""
        return any(self._queues.values()) or any(self._ringing_all.values())

    def _requeue(self, call: Call) -> None:
        queue = self._queues.setdefault(call.group, deque())
        # Back in its place by arrival: it has waited longer than calls behind it.
        place = (call.arrived, call.number)
        index = next((i for i, c in enumerate(queue) if (c.arrived, c.number) > place), len(queue))
        queue.insert(index, call)

    def _abandon(self, call: Call, why: str, stop: str = "abandoned") -> None:
        if call._state == QUEUED:
            queue = self._queues.get(call.group)
            if queue and call in queue:
                queue.remove(call)
        ringing = call._silence()
        for user in ringing:
            self._stop_ringing(call, user, stop)
        call._end(self._clock.now)
        self._ringing_all.get(call.group, {}).pop(call.number, None)
        self._record(
            self._clock.now, CALL_ABANDONED, None, None, call.number, call.group, None, why
        )
        for user in ringing:
            self._member_free(user)

    def _wrap_over(self, user: str, station: str) -> None:
        if self._wrap_until.get(user) == self._clock.now:
            del self._wrap_until[user]
            self._record(self._clock.now, WRAP_UP_OVER, user, station)
            self._member_free(user)

    def _member_free(self, user: str) -> None:
        """``user`` may be free: give them the oldest waiting call of their groups."""
        self.recheck(user)
        self._offer_waiting(user)

    def _offer_waiting(self, user: str) -> None:
        """:meth:`_member_free` once ``user``'s availability is worked out."""
        if self._merging or user not in self._free:
            return  # during a Merge, System.merge offers waiting calls once it is done
        oldest: Call | None = None
        for group in self._groups_of.get(user, ()):
            queue = self._queues.get(group.name)
            if queue:
                if oldest is None or queue[0].arrived < oldest.arrived:
                    oldest = queue[0]
            elif self._strategy(group).rings_all:
                # A Group-mode call already ringing others rings a newly free member too.
                for call in self._ringing_all.get(group.name, {}).values():
                    if user not in call._alerting:
                        self._ring(call, [user])
                        return
        if oldest is not None and self._present(oldest):
            self._queues[oldest.group].remove(oldest)
