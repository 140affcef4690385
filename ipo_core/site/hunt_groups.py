"""Hunt groups: Manager's Hunt Group form, and the four ways a group rings.

IP Office 1.3 calls the modes Group, Linear, Circular and Most Idle; from 4.0 on
they are Collective, Sequential, Rotary and Longest Waiting.  The kit uses the
1.3 names and accepts the later ones as aliases (rule R1):

>>> HuntMode.SEQUENTIAL is HuntMode.LINEAR
True
>>> HuntMode.from_name("Longest Waiting")
<HuntMode.MOST_IDLE: 'Most Idle'>
>>> HuntMode.GROUP.can_be_monitored   # the tech tip: never Group for CCC
False
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from ipo_core.errors import WrongType
from ipo_core.quoting import quote
from ipo_core.site.validation import check_extension, check_name, refuse

__all__ = [
    "DEFAULT_NO_ANSWER_TIME",
    "MONITORED_MODES",
    "REPORTED_WRONGLY",
    "SET_A_MONITORED_MODE",
    "HuntGroup",
    "HuntMode",
    "reported_wrongly",
]

#: Seconds one member rings before the next is tried, unless a group says otherwise (R9).
DEFAULT_NO_ANSWER_TIME = 15


class HuntMode(enum.Enum):
    """How a hunt group presents a call to its members (reference section 4)."""

    GROUP = "Group"
    LINEAR = "Linear"
    CIRCULAR = "Circular"
    MOST_IDLE = "Most Idle"
    # IP Office 4.0+ names (rule R1): aliases of the same members.
    COLLECTIVE = "Group"
    SEQUENTIAL = "Linear"
    ROTARY = "Circular"
    LONGEST_WAITING = "Most Idle"

    @classmethod
    def from_name(cls, name: object) -> HuntMode:
        """The mode called ``name`` in 1.x-3.x or 4.0+ Manager (``'Rotary'``, ``'Hunt'``)."""
        if isinstance(name, HuntMode):
            return name
        if isinstance(name, str):
            mode = _NAMES.get(name.replace("_", " ").strip().lower())
            if mode is not None:
                return mode
        raise refuse(
            "Hunt group",
            "Hunt Type",
            f"Hunt mode {quote(name)} is not one IP Office has: choose Group, Linear, Circular or "
            "Most Idle (4.0+: Collective, Sequential, Rotary, Longest Waiting).",
        )

    @property
    def later_name(self) -> str:
        """The name IP Office 4.0 and later give this mode."""
        return _LATER[self]

    @property
    def can_be_monitored(self) -> bool:
        """True when CCC, CCV and CBC report this group correctly (the tech tip)."""
        return self is not HuntMode.GROUP

    @classmethod
    def monitorable(cls) -> tuple[HuntMode, ...]:
        """The modes CCC can monitor: Linear, Circular and Most Idle."""
        return tuple(m for m in cls if m.can_be_monitored)  # the aliases are not iterated

    def __str__(self) -> str:
        return f"{self.value} ({self.later_name})"


_LATER = {
    HuntMode.GROUP: "Collective",
    HuntMode.LINEAR: "Sequential",
    HuntMode.CIRCULAR: "Rotary",
    HuntMode.MOST_IDLE: "Longest Waiting",
}
_NAMES = {
    **{m.value.lower(): m for m in _LATER},
    **{later.lower(): m for m, later in _LATER.items()},
    "hunt": HuntMode.LINEAR,
    "idle": HuntMode.MOST_IDLE,
    "mostidle": HuntMode.MOST_IDLE,
    "longestwaiting": HuntMode.MOST_IDLE,
}

#: The modes CCC, CCV and CBC report correctly, in the tech tip's words.
MONITORED_MODES = ", ".join(m.value for m in HuntMode.monitorable()[:-1]) + (
    f" or {HuntMode.monitorable()[-1].value}"
)
#: What the reports do with a hunt group in any other mode.
REPORTED_WRONGLY = "CCC, CCV and CBC report it wrongly"
#: What to do about a hunt group in any other mode, in Manager's words.
SET_A_MONITORED_MODE = f"Set Hunt Group > Hunt Type to {MONITORED_MODES}."


def reported_wrongly(group: str, mode: str) -> str:
    """The tech tip's warning for hunt group ``group`` (as the reader knows it: a name, or a
    name and its extension) in ``mode``, a mode the reports cannot follow.

    The audit, the exercises' hints and Manager's hunt group form all say it in these words,
    followed by :data:`SET_A_MONITORED_MODE`.

    >>> reported_wrongly("Sales (200)", "Group")
    'Hunt group Sales (200) is in Group mode: CCC, CCV and CBC report it wrongly.'
    """
    return f"Hunt group {group} is in {mode} mode: {REPORTED_WRONGLY}."


#: A new hunt group's hunt type: Manager's Hunt Group form says "Ring Mode: Default =
#: Sequential ... Sequential (previously known as Linear and Hunt)" [B: 4.x Manager help,
#: quoted on tek-tips; Web Manager 12.3 "Ring Mode | Default = Sequential"], i.e. Linear in
#: the 1.x-3.x names (rule R1).  No 1.x-3.x page gives the default, so for 1.3 it is [C]
#: (docs/sources/ipo-details.md section 4).  A monitorable mode: a new group passes the
#: tech tip's hunt-type check until someone sets it to Group.
DEFAULT_HUNT_MODE = HuntMode.LINEAR


@dataclass
class HuntGroup:
    """A hunt group as Manager's Hunt Group form holds it; editable like the form."""

    name: str
    """Hunt group name, unique, up to 15 characters (what CCC shows); same rules as a user's."""
    extension: str
    """The number callers dial to reach the group."""
    mode: HuntMode = DEFAULT_HUNT_MODE
    """How calls are presented; a new group is Linear (Sequential), as in Manager."""
    members: tuple[str, ...] = ()
    """User extensions, in the order Linear and Circular hunt them."""
    no_answer_time: int = DEFAULT_NO_ANSWER_TIME
    """Seconds one member rings before the call moves on (R9)."""
    queuing: bool = True
    """Whether calls wait when no member is available (R9)."""

    def __setattr__(self, name: str, value: object) -> None:
        # Every assignment, the generated __init__'s included, passes Manager's field checks.
        if name == "name":
            value = check_name("Hunt group", value)
        elif name == "extension":
            value = check_extension(f"hunt group {self.__dict__.get('name', '')!r}", value)
        elif name == "mode":
            value = HuntMode.from_name(value)
        elif name == "members":
            value = _members(self.__dict__.get("name", ""), value)
        elif name == "no_answer_time":
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 99999:
                raise refuse(
                    f"Hunt group {self.__dict__.get('name', '')!r}",
                    "No Answer Time",
                    f"No Answer Time {quote(value)} must be whole seconds, 1 or more (default 15).",
                )
        elif name == "queuing" and not isinstance(value, bool):
            raise refuse(
                "Hunt group",
                "Queuing",
                f"Queuing {quote(value)} must be True or False (true or false in a site file).",
            )
        object.__setattr__(self, name, value)

    def add_member(self, extension: str) -> None:
        """Add ``extension`` last in the hunt order (validate() checks it is a user)."""
        self.members = (*self.members, extension)

    def remove_member(self, extension: str) -> None:
        """Take ``extension`` out of the group."""
        self._check_member(extension)
        self.members = tuple(m for m in self.members if m != extension)

    def _check_member(self, extension: object) -> None:
        if not isinstance(extension, str):
            raise WrongType("member", "a member's extension such as '3000'", extension)
        if extension not in self.members:
            raise refuse(
                f"Hunt group {self.name!r}",
                "Members",
                f"{quote(extension)} is not a member of hunt group {self.name!r}: members are "
                f"{', '.join(self.members) or 'none'}.",
            )

    def move_member(self, extension: str, step: int) -> None:
        """Move member ``extension`` ``step`` places down the hunt order (up if negative).

        A step past either end stops there.  WrongType for an extension that is not text or
        a step that is not a whole number (``1.0``, ``'1'``, ``True``); nothing moves.
        """
        self._check_member(extension)
        if isinstance(step, bool) or not isinstance(step, int):
            raise WrongType("step", "a whole number of places, such as 1 (down) or -1 (up)", step)
        order = list(self.members)
        at = order.index(extension)
        order.insert(max(0, min(len(order) - 1, at + step)), order.pop(at))
        self.members = tuple(order)


def _members(group: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise refuse(
            f"Hunt group {group!r}",
            "Members",
            f"Members {quote(value)} of hunt group {group!r} must be a list of user extensions, "
            "such as ('3000', '3001').",
        )
    members = tuple(value)
    for m in members:
        check_extension(f"a member of hunt group {group!r}", m, "Members")
    return members
