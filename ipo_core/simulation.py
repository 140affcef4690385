"""A day in a call centre: the shift simulator.

``simulate(Scenario(...))`` builds a site, boots a :class:`~ipo_core.system.System`
on it, and plays a day: people arrive at desks, log on (if they are logon
agents), take breaks, change desks, go home; callers ring the hunt group, wait,
and sometimes give up.  Every call is distributed by the same hunt-group code a
trainee's handset uses; the simulator only decides what the *people* do.  The
result is a :class:`Shift`: the system's event log plus the people behind it, from
which the report model computes both ground truth and what CCC would show.

Model time is seconds from the start of the day.  All randomness comes from one
``random.Random(scenario.seed)``, so one seed gives one day, byte for byte.
"""

from __future__ import annotations

import dataclasses
import math
import random
from dataclasses import dataclass, field, fields
from os import PathLike
from pathlib import Path
from typing import Any

from ipo_core.bulk import collector_paused
from ipo_core.calls import Call
from ipo_core.config import Config
from ipo_core.errors import IpoError, ScenarioError
from ipo_core.events import Event, EventKind, log_text
from ipo_core.hunt_groups import DEFAULT_NO_ANSWER_TIME, HuntGroup, HuntMode
from ipo_core.quoting import quote
from ipo_core.sites import load_site
from ipo_core.system import System
from ipo_core.users import User

__all__ = ["GROUP_EXTENSION", "GROUP_NAME", "Person", "Scenario", "Shift", "simulate"]

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
_LONGEST_DAY = 1000 * 3600.0  # seconds in the longest day (hours at most 1000)
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


@dataclass(frozen=True)
class Person:
    """One real person on the simulated day, and the user IP Office knows them as."""

    name: str
    """The person's name, which is also their user's name."""
    extension: str
    """Their user's extension."""
    is_logon_agent: bool
    """True when their user is Force Login with a code, so they log on and off."""
    home_station: str
    """The desk they start at."""
    shift: int
    """Which shift they work (0 = the first)."""
    start: float
    """When their shift starts (model seconds)."""
    end: float
    """When their shift ends."""


@dataclass(frozen=True)
class Shift:
    """A simulated day: the scenario, the people, and the system's event log."""

    scenario: Scenario
    """What was simulated."""
    people: tuple[Person, ...]
    """Everyone who worked, in extension order."""
    stations: tuple[str, ...]
    """The desks' base extensions; the default user of each is the user with that extension."""
    events: tuple[Event, ...] = field(repr=False)
    """The one log, oldest first: logons, desk moves, and every step of every call."""
    end: float = 0.0
    """Model time the day ended."""

    def queue_log(self) -> str:
        """The log as text, one event a line, in the spirit of Asterisk's queue_log.

        ``time|call|group|user|station|person|event|detail``: the same seed gives the
        same text, byte for byte.
        """
        return log_text(self.events)

    def __repr__(self) -> str:
        return (
            f"<Shift: {len(self.people)} agents, {self.scenario.hunt_mode.value}, "
            f"{len(self.events)} events over {self.end / 3600:g} h>"
        )


# --- the simulator ------------------------------------------------------------------------

NAMES = (
    "Ann Bob Cat Dan Eve Fay Gus Hal Ivy Jon Kay Lee Max Ned Oli Pam Quin Ray Sue Tom Uma Vic "
    "Wes Xia Yan Zoe Abe Bea Cal Dot Eli Flo Gil Hua Ian Joy Kim Liv Mo Nia Oto Pia Rex Sal "
    "Ted Una Val Wim Yul Zak"
).split()
FIRST_DESK = 3000
LATER_SHIFT_EXTENSION = 4000


def simulate(scenario: Scenario) -> Shift:
    """Play one day of ``scenario`` through a running System and return its Shift.

    >>> shift = simulate(Scenario(agents=4, calls_per_hour=30, hours=1, seed=7))
    >>> shift
    <Shift: 4 agents, Linear, 199 events over 1 h>
    >>> simulate(Scenario(agents=4, calls_per_hour=30, hours=1, seed=7)) == shift
    True
    """
    if not isinstance(scenario, Scenario):
        raise ScenarioError(f"simulate needs a Scenario, not {quote(scenario)}.")
    # The day's log is hundreds of thousands of immutable tuples with no reference cycles:
    # the cyclic garbage collector would only scan them again and again as they pile up.
    with collector_paused():
        return _Day(scenario).run()


@dataclass
class _Seat:
    """Where a simulated person is, and what they still mean to do."""

    person: Person
    code: str
    station: str | None = None
    leave_after_call: bool = False
    then_sit_at: str | None = None


class _Day:
    """One simulated day: the site, the people's plans, and the callers."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = sc = scenario
        self.rng = random.Random(sc.seed)
        self.day_end = sc.hours * 3600.0
        # Shifts as even as they can be (4 agents in 3 shifts: 2, 1, 1); desks for the largest.
        shift_of = [k * sc.shifts // sc.agents for k in range(sc.agents)]
        first_of = {s: shift_of.index(s) for s in range(sc.shifts)}
        desks = max(max(shift_of.count(s) for s in range(sc.shifts)), sc.stations)
        self.stations = tuple(str(FIRST_DESK + i) for i in range(desks))
        logon = set(self.rng.sample(range(sc.agents), round(sc.logon_share * sc.agents)))
        shift_length = self.day_end / sc.shifts
        people = []
        for k in range(sc.agents):
            shift = shift_of[k]
            desk = k - first_of[shift]
            extension = self.stations[desk] if shift == 0 else str(LATER_SHIFT_EXTENSION + k)
            name = NAMES[k] if k < len(NAMES) else f"Agent{k + 1}"
            people.append(
                Person(
                    name,
                    extension,
                    k in logon,
                    self.stations[desk],
                    shift,
                    shift * shift_length,
                    (shift + 1) * shift_length,
                )
            )
        self.people = tuple(people)
        config = Config()
        for station in self.stations:
            config.add_extension(station, "4612")
        for i, p in enumerate(self.people):
            code = f"{1000 + i}"
            config.add_user(
                User(
                    p.name,
                    p.extension,
                    force_login=p.is_logon_agent,
                    login_code=code if p.is_logon_agent else "",
                    wrap_up_time=sc.wrap_up_time,
                )
            )
        config.add_hunt_group(
            HuntGroup(
                GROUP_NAME,
                GROUP_EXTENSION,
                sc.hunt_mode,
                tuple(p.extension for p in self.people),
                no_answer_time=sc.no_answer_time,
            )
        )
        self.system = System(config)
        self.seats = {p.name: _Seat(p, f"{1000 + i}") for i, p in enumerate(self.people)}
        self.seated: dict[str, _Seat] = {}  # station -> who really sits there
        self.waiting_for: dict[str, _Seat] = {}  # station -> who waits for its chair
        self.first_pick_up: dict[int, tuple[float, str]] = {}  # call -> (when, station)
        # The desk someone is sitting down at, and the calls that rang there as they logged
        # on (their pick-up is planned by _rung, so _sit must not plan a second one).
        self.sitting: str | None = None
        self.rang_as_they_sat: set[int] = set()
        self.random = self.rng.random  # uniform answer delays, drawn inline (one per ring)
        weights = sc.arrivals_by_hour or (1.0,)
        mean = sum(weights) / len(weights)
        if not math.isfinite(mean):  # weights near the float limit: scale them to the largest
            weights = tuple(w / max(weights) for w in weights)
            mean = sum(weights) / len(weights)
        self.rates = [sc.calls_per_hour * w / mean / 3600.0 for w in weights]  # calls a second
        self.delay_low = sc.answer_delay[0]
        self.delay_span = sc.answer_delay[1] - sc.answer_delay[0]

    # --- the plan ------------------------------------------------------------------------

    def run(self) -> Shift:
        system = self.system
        system.on_ring(self._rung)
        leaves, sits = [], []
        for seat in self.seats.values():
            for start, end, station in self._segments(seat.person):
                sits.append((start, station, seat))
                leaves.append((end, station, seat))
        # At one moment, people leave before others sit down (a desk handed over at a shift change).
        for end, station, seat in sorted(leaves, key=lambda x: (x[0], x[2].person.name)):
            system.schedule(end, self._leave, seat, station)
        for start, station, seat in sorted(sits, key=lambda x: (x[0], x[2].person.name)):
            system.schedule(start, self._sit, seat, station)
        system.schedule(self._next_arrival(0.0), self._arrive)
        system.advance(self.day_end)
        return Shift(self.scenario, self.people, self.stations, system.events, self.day_end)

    def _segments(self, person: Person) -> list[tuple[float, float, str]]:
        """(start, end, desk) spells at desks: the shift less its breaks, split by a desk swap."""
        sc, rng = self.scenario, self.rng
        away = []
        for offset, duration in sc.breaks:
            jitter = rng.uniform(-1800.0, 1800.0)  # drawn for every break: days stay comparable
            if offset + duration > person.end - person.start:
                continue  # a break of a longer shift than this one
            start = person.start + offset + jitter
            start = min(max(start, person.start + 60.0), person.end - duration - 60.0)
            if start > person.start and start + duration < person.end:
                away.append((start, start + duration))
        spells, t = [], person.start
        for start, end in sorted(away):
            if start > t:
                spells.append((t, start))
            t = max(t, end)
        if t < person.end:
            spells.append((t, person.end))
        swap = self._swaps().get(person.name)
        out = []
        for start, end in spells:
            if swap is not None and start < swap[0] < end:
                out += [(start, swap[0], person.home_station), (swap[0], end, swap[1])]
            else:
                desk = swap[1] if swap is not None and start >= swap[0] else person.home_station
                out.append((start, end, desk))
        return out

    def _swaps(self) -> dict[str, tuple[float, str]]:
        """Pairs of agents in one shift who swap desks at one moment (``hot_desk_share``)."""
        if not hasattr(self, "_swap_plan"):
            plan: dict[str, tuple[float, str]] = {}
            sc, r = self.scenario, self.rng
            for shift in range(sc.shifts):
                crew = [p for p in self.people if p.shift == shift]
                movers = r.sample(crew, 2 * int(round(sc.hot_desk_share * len(crew)) // 2))
                for a, b in zip(movers[::2], movers[1::2], strict=True):
                    when = r.uniform(
                        a.start + 0.3 * (a.end - a.start), a.start + 0.7 * (a.end - a.start)
                    )
                    plan[a.name] = (when, b.home_station)
                    plan[b.name] = (when, a.home_station)
            self._swap_plan = plan
        return self._swap_plan

    # --- people ------------------------------------------------------------------------

    def _sit(self, seat: _Seat, station: str) -> None:
        if seat.station is not None:  # still finishing a call at the last desk
            seat.then_sit_at = station
            return
        if station in self.seated:  # the last person here is finishing a call: wait for the chair
            self.waiting_for[station] = seat
            return
        system = self.system
        seat.station = station
        self.seated[station] = seat
        system.note(EventKind.SEATED, person=seat.person.name, station=station)
        if seat.person.is_logon_agent:
            # Logging on may offer a waiting call here at once: _rung plans its pick-up.
            self.sitting = station
            try:
                system.log_in(station, seat.person.extension, seat.code)
            finally:
                self.sitting = None
        rang, self.rang_as_they_sat = self.rang_as_they_sat, set()
        call = system.call_at(station)
        if call is not None and call.state == "alerting" and call.number not in rang:
            # It was ringing before they sat down (their desk's own user, logged on all
            # along): they reach for it now.  One pick-up a sitting, never a second draw.
            self._pick_up_later(call, station)

    def _leave(self, seat: _Seat, station: str) -> None:
        if seat.station != station:
            return
        system = self.system
        user = system._user_at.get(station)
        if user is not None and system._calls.call_of(user) is not None:
            seat.leave_after_call = True  # nobody walks out of a call
            return
        if seat.person.is_logon_agent and user == seat.person.extension:
            system.log_out(station)
        del self.seated[station]
        seat.station = None
        system.note(EventKind.LEFT_DESK, person=seat.person.name, station=station)
        ringing = system.call_at(station)
        if ringing is not None and ringing.state == "alerting":
            if self.first_pick_up.get(ringing.number, (0.0, ""))[1] == station:
                del self.first_pick_up[ringing.number]
                self._ask_again(ringing)
        if seat.then_sit_at is not None:
            then, seat.then_sit_at = seat.then_sit_at, None
            self._sit(seat, then)
        waiting = self.waiting_for.pop(station, None)
        if waiting is not None:
            self._sit(waiting, station)

    # --- callers -----------------------------------------------------------------------

    def _next_arrival(self, now: float) -> float:
        rates = self.rates
        t = now
        while t < self.day_end:
            hour = int(t // 3600)
            rate = rates[hour % len(rates)]
            hour_end = (hour + 1) * 3600.0
            if rate <= 0:
                t = hour_end
                continue
            gap = self.rng.expovariate(rate)
            if t + gap < hour_end:
                return t + gap
            t = hour_end  # memoryless: start again at the next hour's rate
        return math.inf

    def _arrive(self) -> None:
        system, sc = self.system, self.scenario
        call = system.incoming_call(GROUP_EXTENSION)
        system.schedule(system.time + self.rng.expovariate(1.0 / sc.patience), self._give_up, call)
        following = self._next_arrival(system.time)
        if following < self.day_end:
            system.schedule(following, self._arrive)

    def _give_up(self, call: Call) -> None:
        if call.state in ("queued", "alerting"):
            self.system.abandon_call(call)

    def _rung(self, call: Call, stations: list[str]) -> None:
        """The call starts ringing at ``stations``: whoever sits there reaches for it."""
        seated = [s for s in stations if s in self.seated]
        if self.sitting is not None and self.sitting in seated:
            self.rang_as_they_sat.add(call.number)
        if len(seated) == 1:
            self._pick_up_later(call, seated[0])
        elif seated:
            # Only the quickest hand matters (Group mode rings dozens of desks): draw the
            # earliest of k uniform delays directly, and whose it is, uniformly.
            k = len(seated)
            first = 1.0 - (1.0 - self.random()) ** (1.0 / k)
            self._pick_up_later(call, seated[int(self.random() * k)], first)

    def _pick_up_later(self, call: Call, station: str, fraction: float | None = None) -> None:
        """The person at ``station`` will pick up after their answer delay, if first.

        Only the earliest pick-up of a call is scheduled; if that person gets up
        first, the others still at a ringing desk are asked again.  ``fraction`` places
        the delay within the answer-delay range (drawn here when not given).
        """
        if fraction is None:
            fraction = self.random()
        when = self.system._time + self.delay_low + self.delay_span * fraction
        best = self.first_pick_up.get(call.number)
        if best is not None and self.system._user_at.get(best[1]) not in call.alerting:
            best = None  # that desk's ring is over: its pick-up will never happen
        if best is None or when < best[0]:
            self.first_pick_up[call.number] = (when, station)
            self.system.schedule(when, self._pick_up, call, station)

    def _pick_up(self, call: Call, station: str) -> None:
        system = self.system
        if self.first_pick_up.get(call.number, (0.0, ""))[1] != station:
            return  # someone quicker was found after this was planned
        del self.first_pick_up[call.number]
        user = system._user_at.get(station)
        if call.state != "alerting" or user not in call.alerting or station not in self.seated:
            self._ask_again(call)  # rang out, abandoned, or that person got up
            return
        system.answer_call(call, user)
        end = system.time + self.rng.expovariate(1.0 / self.scenario.handle_time)
        system.schedule(end, self._hang_up, call, station)

    def _ask_again(self, call: Call) -> None:
        """The planned pick-up fell through: anyone else at a desk it rings picks up."""
        if call.state != "alerting":
            return
        user_at = self.system._user_at
        for station in self.seated:
            if user_at.get(station) in call.alerting:
                self._pick_up_later(call, station)

    def _hang_up(self, call: Call, station: str) -> None:
        if call.state != "connected":
            return  # ended already (the agent was logged off under it)
        self.system.end_call(call)
        seat = self.seated.get(station)
        if seat is not None and seat.leave_after_call:
            seat.leave_after_call = False
            self._leave(seat, station)
