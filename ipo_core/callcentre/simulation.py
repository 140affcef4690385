"""A day in a call centre: the shift simulator.

``simulate(Scenario(...))`` builds a site, boots a :class:`~ipo_core.switch.system.System`
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

import math
import random
from dataclasses import dataclass, field

from ipo_core.bulk import collector_paused
from ipo_core.callcentre.day import Person, Shift
from ipo_core.callcentre.scenario import GROUP_EXTENSION, GROUP_NAME, Scenario
from ipo_core.errors import ScenarioError
from ipo_core.quoting import quote
from ipo_core.site.config import Config
from ipo_core.site.hunt_groups import HuntGroup
from ipo_core.site.users import User

# The call states as plain names: read per call, and an Enum member read from its class
# (CallState.ALERTING) costs ten times a global's lookup in Python 3.11.
from ipo_core.switch.calls import ALERTING, CONNECTED, QUEUED, Call
from ipo_core.switch.events import EventKind
from ipo_core.switch.system import System, engine_of

__all__ = ["simulate"]

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
    code: str = field(repr=False)  # the login code: never in a repr (masking.py)
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
        self.logons = self.system.logons  # station -> the user logged on there, live
        # The engine, reached past the System's checks (the simulator's calls are its own):
        # the clock its timers are booked on, the distributor that moves its calls, and the
        # log whose events the Shift takes over at the end of the day.
        self.clock, self.calls, self.log = engine_of(self.system)
        self.book = self.clock.book
        self.group = self.system.config.hunt_group(GROUP_EXTENSION)
        self.arrivals = self.clock.lane()  # the next caller: one at a time, in time order
        self.ringing = self.calls.ringing  # user -> the call ringing them, live
        # A caller's patience is drawn when they call, but their give-up is booked only while
        # they may wait: a call whose pick-up is planned before it could run out books none.
        self.give_up_at: dict[int, float] = {}  # call -> when its caller would give up
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
        self.calls.on_ring(self._rung)  # the hands: each ring's pick-up, promised
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
        first = self._next_arrival(0.0)
        if first < self.day_end:
            self.arrivals.at(first, self._arrive)
        system.advance(self.day_end)
        # The Shift takes the events over: they are freed with it, not kept by the dropped
        # System's reference cycles until the garbage collector scans them (Log.hand_over).
        events = tuple(self.log.hand_over())
        return Shift(self.scenario, self.people, self.stations, events, self.day_end)

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
        if call is not None and call.state == ALERTING and call.number not in rang:
            # It was ringing before they sat down (their desk's own user, logged on all
            # along): they reach for it now.  One pick-up a sitting, never a second draw.
            self._pick_up_later(call, station)

    def _leave(self, seat: _Seat, station: str) -> None:
        if seat.station != station:
            return
        system = self.system
        user = self.logons.get(station)
        call = system.call_at(station)
        if call is not None and call.state == CONNECTED:
            seat.leave_after_call = True  # nobody walks out of a call
            return
        if call is not None:  # ringing here: the caller may have to wait after all
            self._may_wait(call)
        if seat.person.is_logon_agent and user == seat.person.extension:
            system.log_out(station)
        del self.seated[station]
        seat.station = None
        system.note(EventKind.LEFT_DESK, person=seat.person.name, station=station)
        ringing = system.call_at(station)
        if ringing is not None and ringing.state == ALERTING:
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
        call = self.calls.arrive(self.group, "Outside call")
        now = self.clock.now
        give_up = now + self.rng.expovariate(1.0 / self.scenario.patience)
        planned = self.first_pick_up.get(call.number)
        if planned is not None and planned[0] <= give_up:
            # Rung at once, and picked up before the caller would give up (a pick-up is only
            # planned within the No Answer Time): no give-up to book, unless it falls through.
            self.give_up_at[call.number] = give_up
        else:
            self.book(give_up, self._give_up, call)
        following = self._next_arrival(now)
        if following < self.day_end:
            self.arrivals.at(following, self._arrive)

    def _may_wait(self, call: Call) -> None:
        """The pick-up planned for ``call`` may not happen: its caller's give-up is booked."""
        give_up = self.give_up_at.pop(call.number, None)
        if give_up is not None:
            self.book(give_up, self._give_up, call)

    def _give_up(self, call: Call) -> None:
        if call.state in (QUEUED, ALERTING):
            self.calls.abandon(call)

    def _rung(self, call: Call, stations: list[str]) -> float | None:
        """The call starts ringing at ``stations``: whoever sits there reaches for it.

        Returns when the first of them will pick up (the distributor then books no No
        Answer timer for a ring answered within its No Answer Time), or None.
        """
        seated = [s for s in stations if s in self.seated]
        if self.sitting is not None and self.sitting in seated:
            self.rang_as_they_sat.add(call.number)
        if len(seated) == 1:
            return self._pick_up_later(call, seated[0])
        if seated:
            # Only the quickest hand matters (Group mode rings dozens of desks): draw the
            # earliest of k uniform delays directly, and whose it is, uniformly.
            k = len(seated)
            first = 1.0 - (1.0 - self.random()) ** (1.0 / k)
            return self._pick_up_later(call, seated[int(self.random() * k)], first)
        return None

    def _pick_up_later(
        self, call: Call, station: str, fraction: float | None = None
    ) -> float | None:
        """The person at ``station`` will pick up after their answer delay, if first.

        Only the earliest pick-up of a call is scheduled; if that person gets up
        first, the others still at a ringing desk are asked again.  ``fraction`` places
        the delay within the answer-delay range (drawn here when not given).  Returns when
        the call's first pick-up is now planned, or None when this hand is too slow for the
        ring and none is.
        """
        if fraction is None:
            fraction = self.random()
        when = self.clock.now + self.delay_low + self.delay_span * fraction
        due = call.no_answer_at
        if due is not None and when > due:
            # Too slow for this ring: its No Answer Time runs out first and it moves on (R9).
            # Nothing is booked, so a ring books one timer, the No Answer timer; the next
            # ring here is reached for afresh, with a delay of its own.
            return None
        best = self.first_pick_up.get(call.number)
        if best is not None and self.logons.get(best[1]) not in call.alerting:
            best = None  # that desk's ring is over: its pick-up will never happen
        if best is None or when < best[0]:
            self.first_pick_up[call.number] = (when, station)
            self.book(when, self._pick_up, call, station)
            return when
        return best[0]

    def _pick_up(self, call: Call, station: str) -> None:
        first_pick_up = self.first_pick_up
        if first_pick_up.get(call.number, (0.0, ""))[1] != station:
            return  # someone quicker was found after this was planned
        del first_pick_up[call.number]
        user = self.logons.get(station)
        if user is None or self.ringing.get(user) is not call or station not in self.seated:
            self._ask_again(call)  # rang out, abandoned, or that person got up
            return
        self.calls.answer(call, user)
        self.give_up_at.pop(call.number, None)  # answered: the caller gives up no more
        end = self.clock.now + self.rng.expovariate(1.0 / self.scenario.handle_time)
        self.book(end, self._hang_up, call, station)

    def _ask_again(self, call: Call) -> None:
        """The planned pick-up fell through: anyone else at a desk it rings picks up."""
        if call.state != ALERTING:
            return
        self._may_wait(call)
        self.calls.ring_unattended(call)  # its No Answer Time runs after all
        user_at = self.logons
        for station in self.seated:
            if user_at.get(station) in call.alerting:
                self._pick_up_later(call, station)

    def _hang_up(self, call: Call, station: str) -> None:
        if call.state != CONNECTED:
            return  # ended already (the agent was logged off under it)
        self.calls.end(call)
        seat = self.seated.get(station)
        if seat is not None and seat.leave_after_call:
            seat.leave_after_call = False
            self._leave(seat, station)
