"""The four hunt modes as small strategy classes: each orders the members for a new call.

A mode answers one question for a new call: in what order are the group's
members tried?  Everything else (who is available, No Answer Time, queueing)
is the same for every mode and lives in :mod:`ipo_core.switch.calls`, which both the
running system and the shift simulator use: one implementation of each mode.

>>> ctx = HuntContext(last_answered="3001", idle_since={"3000": 50.0, "3001": 10.0, "3002": 30.0})
>>> members = ("3000", "3001", "3002")
>>> Linear().order(members, ctx)
('3000', '3001', '3002')
>>> Circular().order(members, ctx)      # starts after the member who answered last (R8)
('3002', '3000', '3001')
>>> MostIdle().order(members, ctx)      # idle longest first (R8)
('3001', '3002', '3000')
>>> GroupRinging().rings_all
True
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat

from ipo_core.errors import WrongType
from ipo_core.site.hunt_groups import HuntMode

__all__ = [
    "HUNT_ORDERS",
    "Circular",
    "GroupRinging",
    "HuntContext",
    "HuntOrder",
    "Linear",
    "MostIdle",
]


@dataclass(frozen=True)
class HuntContext:
    """What a mode may look at when it orders the members for a new call."""

    last_answered: str | None = None
    """The member who answered the group's previous call (Circular, rule R8)."""
    idle_since: Mapping[str, float] = field(default_factory=dict)
    """When each member's last call of any kind ended; absent means never (Most Idle, R8)."""

    def __post_init__(self) -> None:
        if self.last_answered is not None and not isinstance(self.last_answered, str):
            raise WrongType(
                "last member who answered",
                "a member's extension such as '3000', or None",
                self.last_answered,
            )
        if type(self.idle_since) is not dict and not isinstance(self.idle_since, Mapping):
            raise WrongType(
                "idle times",
                "a mapping of extension to model time, such as {'3000': 50.0}",
                self.idle_since,
            )


class HuntOrder:
    """A hunt mode: the order in which a new call tries the members.

    A mode implements :meth:`ordered`; :meth:`order` is the checked entry for any caller.
    """

    #: True when the call rings every available member at once (Group mode).
    rings_all = False
    #: True when the order depends on who answered the group's last call, and on nothing
    #: else but the members (Circular): the distributor keeps the order it gives for each
    #: member who answered last, and gives the idle times alone to other modes.
    reads_last_answered = False
    #: True when the mode's order changes only as calls end (Most Idle): the distributor
    #: then keeps it for each such group (:meth:`kept_order`, :meth:`call_ended`) and a new
    #: call takes it as it stands, instead of ordering the members afresh every call.
    keeps_order = False

    def order(self, members: Sequence[str], ctx: HuntContext) -> tuple[str, ...]:
        """The members in the order this mode tries them for a new call.

        WrongType for members that are not a list of extensions or a ``ctx`` that is no
        HuntContext; then :meth:`ordered`.
        """
        return self.ordered(_checked(members, ctx), ctx)

    def ordered(self, members: tuple[str, ...], ctx: HuntContext) -> tuple[str, ...]:
        """:meth:`order` for members already checked: a HuntGroup's, which Manager's rules
        checked when the group was made.  The distributor calls this on every new call, so the
        checks run once, where the values come in, not on each call."""
        raise NotImplementedError

    def kept_order(self, members: tuple[str, ...], idle_since: Mapping[str, float]) -> list[str]:
        """For a mode that ``keeps_order``: the order to keep, as :meth:`ordered` gives it."""
        return list(self.ordered(members, HuntContext(None, idle_since)))

    def call_ended(
        self,
        order: list[str],
        member: str,
        members: tuple[str, ...],
        idle_since: Mapping[str, float],
    ) -> None:
        """For a mode that ``keeps_order``: ``member``'s call ended (``idle_since`` says when):
        change the kept ``order`` in place to what :meth:`ordered` would give now."""
        raise NotImplementedError


def _checked(members: object, ctx: object) -> tuple[str, ...]:
    """``members`` as a tuple if it is a list of extensions and ``ctx`` a HuntContext, else
    WrongType: a mode is asked with a group's members, never with one extension or None."""
    if (
        isinstance(members, str)
        or not isinstance(members, Sequence)
        or not all(map(isinstance, members, repeat(str)))  # C-level: every outside order() call
    ):
        raise WrongType("members", "a list of extensions, such as ('3000', '3001')", members)
    if not isinstance(ctx, HuntContext):
        raise WrongType("hunt context", "a HuntContext, such as HuntContext()", ctx)
    return tuple(members)


class GroupRinging(HuntOrder):
    """Group (4.0+: Collective): every available member rings at once."""

    rings_all = True

    def ordered(self, members: tuple[str, ...], ctx: HuntContext) -> tuple[str, ...]:
        """All members, in list order (they ring together)."""
        return members


class Linear(HuntOrder):
    """Linear (Sequential): the first available member in list order; every call starts at the top."""

    def ordered(self, members: tuple[str, ...], ctx: HuntContext) -> tuple[str, ...]:
        """The list as Manager holds it."""
        return members


class Circular(HuntOrder):
    """Circular (Rotary): list order, starting after the member who answered the previous call (R8)."""

    reads_last_answered = True

    def ordered(self, members: tuple[str, ...], ctx: HuntContext) -> tuple[str, ...]:
        """The list rotated to start just after the last member who answered."""
        if ctx.last_answered not in members:
            return members
        start = members.index(ctx.last_answered) + 1
        return members[start:] + members[:start]


class MostIdle(HuntOrder):
    """Most Idle (Longest Waiting): the member whose last call ended longest ago first (R8).

    >>> idle = {"3000": 50.0, "3001": 10.0, "3002": 30.0}
    >>> order = MostIdle().kept_order(("3000", "3001", "3002"), idle)
    >>> order
    ['3001', '3002', '3000']
    >>> idle["3001"] = 60.0                     # 3001's call ends at 60 s: to the back
    >>> MostIdle().call_ended(order, "3001", ("3000", "3001", "3002"), idle)
    >>> order
    ['3002', '3000', '3001']
    """

    keeps_order = True

    def ordered(self, members: tuple[str, ...], ctx: HuntContext) -> tuple[str, ...]:
        """Members by the end of their last call, never-called first, ties in list order."""
        return tuple(sorted(members, key=_longest_idle_first(members, ctx.idle_since)))

    def call_ended(
        self,
        order: list[str],
        member: str,
        members: tuple[str, ...],
        idle_since: Mapping[str, float],
    ) -> None:
        """``member`` moves to its place by :meth:`ordered`'s key: the back, unless others'
        calls ended at the same moment."""
        order.remove(member)
        last, when = order[-1] if order else None, idle_since.get(member, _NEVER)
        if last is None or idle_since.get(last, _NEVER) < when:
            # The key's first part decides: everyone else's last call ended earlier (the
            # usual case, once a call), so the back, without the key's search of the list.
            order.append(member)
        else:
            bisect.insort(order, member, key=_longest_idle_first(members, idle_since))


def _longest_idle_first(
    members: tuple[str, ...], idle_since: Mapping[str, float]
) -> Callable[[str], tuple[float, int]]:
    """Most Idle's key (rule R8): when the member's last call ended (never: first), then
    their place in the list."""
    return lambda member: (idle_since.get(member, _NEVER), members.index(member))


_NEVER = float("-inf")  # the idle time of a member who never had a call


#: The strategy of each mode.
HUNT_ORDERS: dict[HuntMode, HuntOrder] = {
    HuntMode.GROUP: GroupRinging(),
    HuntMode.LINEAR: Linear(),
    HuntMode.CIRCULAR: Circular(),
    HuntMode.MOST_IDLE: MostIdle(),
}
