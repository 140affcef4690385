"""What decides a simulated day: the :class:`Scenario`, checked field by field.

A Scenario is frozen, so it can key a cache; :meth:`Scenario.from_site` takes the people
and the hunt group of a real site.  The simulator (``ipo_core.callcentre.simulation``)
plays it; the records of the day it gives are in ``ipo_core.callcentre.day``.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, fields
from os import PathLike
from pathlib import Path
from typing import Any

from ipo_core.errors import IpoError, ScenarioError
from ipo_core.quoting import quote
from ipo_core.site.config import Config
from ipo_core.site.examples import load_site
from ipo_core.site.hunt_groups import DEFAULT_NO_ANSWER_TIME, HuntGroup, HuntMode
from ipo_core.switch.clock import LONGEST_STEP

__all__ = ["GROUP_EXTENSION", "GROUP_NAME", "Scenario"]

#: The hunt group every simulated call rings: the tech tip's Sales.
GROUP_NAME = "Sales"
GROUP_EXTENSION = "200"
#: Breaks in a shift, as (seconds after the shift starts, length in seconds).
DEFAULT_BREAKS = ((2 * 3600.0, 900.0), (4 * 3600.0, 1800.0), (6 * 3600.0, 900.0))


@dataclass(frozen=True)
class Scenario:
    """Everything that decides a simulated day; frozen, so it can key a cache."""

    agents: int = 20
    """People who work in the hunt group over the day."""
    hunt_mode: HuntMode = HuntMode.LINEAR
    """How the Sales group presents calls."""
    logon_share: float = 1.0
    """Share of agents who are logon agents (Force Login and a code); the rest are not."""
    hot_desk_share: float = 0.0
    """Share of agents who move to another desk once during their shift."""
    hours: float = 8.0
    """Length of the day in hours."""
    calls_per_hour: float = 120.0
    """Mean calls an hour to the group (Poisson arrivals), shaped by ``arrivals_by_hour``."""
    seed: int = 1
    """Seed of the one random generator the day uses."""
    shifts: int = 1
    """Consecutive shifts in the day; agents of later shifts sit at the same desks."""
    stations: int = 0
    """Desks on the floor; 0 means one for each agent of the largest shift.  Desks beyond
    that have no default user, so they show NoUser and ring for nobody."""
    breaks: tuple[tuple[float, float], ...] = DEFAULT_BREAKS
    """Breaks in each shift: (seconds after the shift starts, length); staggered per agent."""
    arrivals_by_hour: tuple[float, ...] = ()
    """Relative call volume of each hour (repeated if shorter than the day); () is flat."""
    handle_time: float = 240.0
    """Mean talk time of a call in seconds (exponential)."""
    answer_delay: tuple[float, float] = (2.0, 8.0)
    """Seconds a free agent at the desk takes to pick up a ringing call (uniform)."""
    no_answer_time: int = DEFAULT_NO_ANSWER_TIME
    """Seconds a call rings at one member before moving on (rule R9)."""
    patience: float = 120.0
    """Mean seconds a caller waits before hanging up (exponential)."""
    wrap_up_time: int = 2
    """Seconds after each call before an agent is offered another."""
    service_level_time: float = 20.0
    """Calls answered within this many seconds count towards the service level."""

    def __post_init__(self) -> None:
        # Every field is checked here, for kind, range and finiteness, so that a Scenario
        # that exists can be simulated: simulate refuses nothing a Scenario accepted.
        if not isinstance(self.hunt_mode, str | HuntMode):
            raise ScenarioError(
                f"Scenario hunt_mode={quote(self.hunt_mode)} must be a hunt mode or its name, "
                f"such as 'Linear' ({type(self.hunt_mode).__name__} given)."
            )
        try:
            object.__setattr__(self, "hunt_mode", HuntMode.from_name(self.hunt_mode))
        except IpoError as error:
            raise ScenarioError(f"Scenario hunt_mode: {error}") from None
        if (
            isinstance(self.seed, bool)
            or not isinstance(self.seed, int)
            or not -MAX_SEED <= self.seed <= MAX_SEED
        ):
            raise ScenarioError(
                f"Scenario seed={quote(self.seed)} must be a whole number from {-MAX_SEED:,} to "
                f"{MAX_SEED:,}: one seed gives one day."
            )
        for name, whole, low, high in _LIMITS:
            _check_limit(name, getattr(self, name), whole, low, high)
        for name in ("answer_delay", "breaks", "arrivals_by_hour"):
            _check_numbers(name, getattr(self, name), pairs=name == "breaks")
        self._check_between_fields()

    def _check_between_fields(self) -> None:
        """The rules that tie fields together; each field is sound by itself already."""
        largest = -(-self.agents // self.shifts)
        if self.stations and self.stations < largest:
            raise ScenarioError(
                f"Scenario stations={self.stations!r} is fewer than the {largest} agents of the "
                "largest shift: give every agent a desk (or 0 for one each)."
            )
        if self.shifts > self.agents:
            raise ScenarioError(
                f"Scenario shifts={self.shifts!r} is more than agents={self.agents!r}: every "
                "shift needs someone."
            )
        if len(self.answer_delay) != 2:
            raise ScenarioError(
                f"Scenario answer_delay={quote(self.answer_delay)} must be two numbers: "
                "(shortest, longest) seconds."
            )
        shortest, longest = self.answer_delay
        if not 0 <= shortest <= longest <= MAX_ANSWER_DELAY:
            raise ScenarioError(
                f"Scenario answer_delay={quote(self.answer_delay)} must be (shortest, longest) "
                f"seconds, from 0 to {MAX_ANSWER_DELAY:g}."
            )
        weights = self.arrivals_by_hour
        if any(w < 0 for w in weights) or (weights and not any(weights)):
            raise ScenarioError(
                f"Scenario arrivals_by_hour={quote(weights)} must be weights of 0 or "
                "more, not all 0."
            )
        for start, length in self.breaks:
            if not (0 <= start <= _LONGEST_DAY and 0 < length <= _LONGEST_DAY):
                raise ScenarioError(
                    f"Scenario break ({quote(start)}, {quote(length)}) must start at 0 s or later "
                    f"and last more than 0 s, both within {_LONGEST_DAY:g} s (the longest day)."
                )
        peak = self.calls_per_hour / _mean_of_peak(weights)
        if peak > MAX_CALLS_PER_HOUR:
            raise ScenarioError(
                f"Scenario calls_per_hour={quote(self.calls_per_hour)} with "
                f"arrivals_by_hour={quote(weights)} gives {peak:,.0f} calls in the busiest "
                f"hour; an IP Office 412 carries at most {MAX_CALLS_PER_HOUR:,}: "
                "lower calls_per_hour or even out the weights."
            )
        expected = self.calls_per_hour * self.hours
        if expected > MAX_CALLS_IN_A_DAY:
            raise ScenarioError(
                f"Scenario calls_per_hour={quote(self.calls_per_hour)} over "
                f"hours={quote(self.hours)} is {expected:,.0f} calls; the simulator plays at "
                f"most {MAX_CALLS_IN_A_DAY:,} in a day: shorten the day or lower the rate."
            )

    @classmethod
    def from_site(
        cls, site: Config | str | PathLike[str], group: str | None = None, **changes: Any
    ) -> Scenario:
        """The day of one hunt group of a site file: its agents, logon agents and hunt mode.

        ``site`` is a Config, a shipped site's name (``'workshop_floor'``) or a site
        file's path; ``group`` the hunt group's name or extension (default: the first).
        From the site come ``agents`` (the group's members), ``logon_share`` (the members
        who are logon agents: Force Login and a code of 4 digits or more), ``hunt_mode``,
        ``no_answer_time``, ``wrap_up_time`` (the members' mean) and ``hot_desk_share``
        (members with no station of their own, who must sit at a colleague's desk).
        ``calls_per_hour`` is 6 an agent, the default day's load; ``changes`` set any field.

        >>> day = Scenario.from_site("workshop_floor", "Sales", hours=4)
        >>> day.agents, day.logon_share, day.hunt_mode.value, day.calls_per_hour, day.hours
        (4, 0.5, 'Group', 24.0, 4)
        """
        config, chosen = site_group(site, group)
        members = [u for u in (config.find_user(m) for m in chosen.members) if u is not None]
        if not members:
            raise ScenarioError(
                f"Hunt group {chosen.name} ({chosen.extension}) has no users as members: "
                "add the agents' extensions to Hunt Group > Members."
            )
        stations = {e.base_extension for e in config.extensions}
        fields_of_site: dict[str, Any] = {
            "agents": len(members),
            "hunt_mode": chosen.mode,
            "logon_share": sum(u.is_logon_agent for u in members) / len(members),
            "hot_desk_share": sum(u.extension not in stations for u in members) / len(members),
            "no_answer_time": chosen.no_answer_time,
            "wrap_up_time": round(sum(u.wrap_up_time for u in members) / len(members)),
            "calls_per_hour": float(_CALLS_AN_AGENT_HOUR * len(members)),
        }
        return cls().replace(**{**fields_of_site, **changes})

    def replace(self, **changes: Any) -> Scenario:
        """A copy with ``changes``: ``scenario.replace(logon_share=0.5)``."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ScenarioError(
                f"Scenario has no field {quote(unknown[0])}: use one of {', '.join(sorted(known))}."
            )
        return dataclasses.replace(self, **changes)  # __post_init__ checks the new values


#: Calls an hour per agent in a site's day: the default day's 120 calls for 20 agents.
_CALLS_AN_AGENT_HOUR = 6


def site_group(site: object, group: str | None = None) -> tuple[Config, HuntGroup]:
    """``site`` as a Config (itself, a shipped site by name, or a site file by path) and
    its hunt group ``group`` (name or extension; None for the first)."""
    if isinstance(site, Config):
        config = site
    elif isinstance(site, str) and not site.endswith(".toml") and "/" not in site:
        config = load_site(site)
    elif isinstance(site, str | PathLike):
        config = Config.load(Path(site))
    else:
        raise ScenarioError(
            "Scenario.from_site needs a Config, a shipped site's name or a site file's path, "
            f"not {quote(site)}."
        )
    if not config.hunt_groups:
        raise ScenarioError(
            "The site has no hunt group to simulate: add one (Hunt Group > Name, Members)."
        )
    return config, config.hunt_groups[0] if group is None else config.hunt_group(group)


def _check_numbers(name: str, value: object, pairs: bool) -> None:
    """A tuple of finite numbers (of pairs of them, for breaks), or ScenarioError."""
    shape = "a tuple of (start, length) pairs" if pairs else "a tuple of numbers"
    items = value if isinstance(value, tuple) else None
    if pairs:  # each item a pair of numbers, and nothing else
        ok = items is not None and all(isinstance(i, tuple) and len(i) == 2 for i in items)
        flat = [x for i in (items or ()) if isinstance(i, tuple) for x in i]
    else:  # each item a number: a tuple inside the tuple is no number
        ok = items is not None
        flat = list(items or ())
    ok = ok and all(_is_finite_number(x) for x in flat)
    if not ok:
        raise ScenarioError(f"Scenario {name}={quote(value)} must be {shape}, all finite.")


def _is_finite_number(x: object) -> bool:
    """True for an int or float that is finite as a float (10**400 is not: it overflows)."""
    if isinstance(x, bool) or not isinstance(x, int | float):
        return False
    return math.isfinite(x) if isinstance(x, float) else abs(x) <= _LARGEST_FLOAT


def _check_limit(name: str, value: object, whole: bool, low: float, high: float) -> None:
    """``value`` of field ``name`` is a number (a whole one if ``whole``) in [low, high]."""
    kind = "a whole number" if whole else "a number"
    if isinstance(value, bool) or not isinstance(value, int if whole else int | float):
        raise ScenarioError(
            f"Scenario {name}={quote(value)} must be {kind} ({type(value).__name__} given): "
            f"give {kind} from {low:g} to {high:g}."
        )
    if not low <= value <= high:  # a NaN is no number in any range
        raise ScenarioError(
            f"Scenario {name}={quote(value)} is out of range: give {kind} from {low:g} to {high:g}."
        )


def _mean_of_peak(weights: tuple[float, ...]) -> float:
    """The mean of the hourly weights as a share of the largest (1.0 for a flat day).

    The busiest hour gets ``calls_per_hour`` divided by it; computed on weights scaled to
    the largest, so weights near the float limit do not overflow.
    """
    if not weights:
        return 1.0
    top = max(weights)
    return sum(w / top for w in weights) / len(weights)


#: The most calls an hour a scenario may offer, in its busiest hour: the largest IP Office
#: of the 1.3 era, the IP412, takes at most 360 extensions ("IP Office H323 IP Phones",
#: System Capacity table [B]); a call a minute to every one of them is 21,600 an hour, far
#: beyond what the agents of a Scenario (500 at most) could answer.
MAX_CALLS_PER_HOUR = 360 * 60
#: The most calls a simulated day may expect (``calls_per_hour * hours``): a million calls is
#: about two minutes of simulate on a laptop (about 90 microseconds a call), ten times the
#: benchmark's full run.
MAX_CALLS_IN_A_DAY = 1_000_000
#: The longest answer delay in seconds: ten minutes, the longest No Answer Time.
MAX_ANSWER_DELAY = 600.0
#: The largest seed (either sign): a 64-bit number, which any seed a person types fits in and
#: whose repr a notebook can show (Python will not print an int of more than 4,300 digits).
MAX_SEED = 2**64 - 1
# The longest day is the longest step the switch's clock takes: 1000 hours.
_LONGEST_DAY = LONGEST_STEP
_LARGEST_FLOAT = 1.7976931348623157e308

#: (field, whole number only, lowest, highest), checked in this order.
_LIMITS = (
    ("agents", True, 1, 500),
    ("logon_share", False, 0, 1),
    ("hot_desk_share", False, 0, 1),
    ("hours", False, 0.25, 1000),  # long days are for benchmarks
    ("calls_per_hour", False, 0, MAX_CALLS_PER_HOUR),
    ("shifts", True, 1, 6),
    ("stations", True, 0, 500),
    ("handle_time", False, 1, 7200),
    ("no_answer_time", True, 1, 600),  # HuntGroup takes whole seconds
    ("patience", False, 1, 7200),
    ("wrap_up_time", True, 0, 600),  # User takes whole seconds
    ("service_level_time", False, 1, 600),
)
