"""The shift simulator's hunt-group workload written in SimPy 4: the speed benchmark's peer.

This is the model a SimPy user would write for the day that ``benchmarks/run.py`` gives
``ipo_core.simulate``: every agent sits at a desk, logged on, all day (no breaks, no desk
moves), and callers ring one hunt group.

- Callers arrive as a Poisson stream and each waits an exponential time (their patience)
  before hanging up, whether queued or ringing.
- A ring lasts until the member picks up, a uniform answer delay after it started, or
  until the No Answer Time runs out, when the call moves on to the next member.
- Group rings every free member at once and the first to pick up wins; a member who comes
  free while a Group call rings joins the ringing.  Linear starts at the top of the list
  for each call, Circular just after the member who answered last, Most Idle with the
  member whose last call ended longest ago (never-called first, ties in list order).
- When nobody is free the call queues; a member who comes free takes the oldest waiting
  call.  After each call the member is in wrap-up before they are offered another.

With ``log=True`` the peer also writes the event records the kit's day writes, one tuple a
step in one list, as the kit's log holds them: ``(time, call, group, user, station, person,
event, detail)``, each member's extension and the group's name made once, for a call's
arrival (``queued``), each ring (``offered``), each pick-up (``answered``), each ring that
ends unanswered (``not answered``, with ``no answer``, ``abandoned`` or ``answered by``),
each caller who hangs up (``abandoned``), each call's end (``ended``) and each wrap-up's
(``wrap-up over``).  That is the peer that does the same work as the kit (issue 13); without
it the peer keeps counters only.  The records cost the counters-only peer one test each.

One process per call carries it from arrival to the end of the agent's wrap-up; the
agents and the queue are state shared by those processes, and a Group ring is a pick-up
timeout per ringing member racing to trigger the call's ``answered`` event.  All
randomness comes from one ``random.Random(seed)``, drawn from the same distributions as
the kit's, though not in the same order, so the two agree in distribution, not call for
call.  Model time is seconds.

>>> peer = simulate("Linear", agents=5, hours=1.0, calls_per_hour=60, seed=3)
>>> peer.calls == peer.answered + peer.abandoned + peer.unfinished
True
>>> logged = simulate("Linear", agents=5, hours=1.0, calls_per_hour=60, seed=3, log=True)
>>> logged.calls == peer.calls, logged.records > 4 * logged.calls, peer.records
(True, True, 0)
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import simpy

__all__ = ["MODES", "Headline", "simulate"]

#: The hunt modes, by the names the kit's ``HuntMode`` gives them.
MODES = ("Group", "Linear", "Circular", "Most Idle")

# What a call and an agent are doing.
QUEUED, RINGING, CONNECTED, ENDED = "queued", "ringing", "connected", "ended"
FREE, TALKING, WRAP_UP = "free", "talking", "wrap-up"


@dataclass(frozen=True)
class Headline:
    """The figures a supervisor reads first, from either simulator."""

    calls: int
    """Calls that reached the hunt group."""
    answered: int
    """Calls a member answered."""
    abandoned: int
    """Calls whose caller hung up before anyone answered."""
    total_wait: float
    """Seconds from arrival to answer, summed over the answered calls."""
    by_member: tuple[int, ...] = ()
    """Calls each member answered, in the hunt group's list order."""
    records: int = 0
    """Event records written (0 for the counters-only peer)."""

    @property
    def unfinished(self) -> int:
        """Calls still waiting or ringing when the day ended."""
        return self.calls - self.answered - self.abandoned

    @property
    def answered_share(self) -> float:
        """Answered calls as a share of all calls."""
        return self.answered / self.calls if self.calls else 0.0

    @property
    def abandoned_share(self) -> float:
        """Abandoned calls as a share of all calls."""
        return self.abandoned / self.calls if self.calls else 0.0

    @property
    def mean_wait(self) -> float:
        """Mean seconds from arrival to answer of the answered calls."""
        return self.total_wait / self.answered if self.answered else 0.0

    @property
    def last_member_share(self) -> float:
        """The last-listed member's share of the answered calls (low in Linear only)."""
        return self.by_member[-1] / self.answered if self.answered else 0.0


class Agent:
    """One member of the hunt group, at their desk and logged on all day."""

    __slots__ = ("call", "extension", "idle_since", "index", "state")

    def __init__(self, index: int) -> None:
        self.index = index
        self.extension = str(3000 + index)  # the user's, and their station's: the kit's desks
        self.state = FREE
        self.call: Call | None = None
        self.idle_since = float("-inf")  # never had a call: the most idle of all


class Call:
    """One call to the hunt group."""

    __slots__ = ("answered", "answered_by", "arrived", "number", "offered", "ringing", "state")

    offered: simpy.Event
    """Triggered when the call, queued, starts ringing (made only for a call that queues)."""
    answered: simpy.Event
    """Group: triggered when the first member picks up (made only for a Group call)."""

    def __init__(self, arrived: float, number: int) -> None:
        self.arrived = arrived
        self.number = number
        self.state = QUEUED
        self.ringing: list[Agent] = []
        self.answered_by: Agent | None = None


class CallCentre:
    """The hunt group, its members and its queue, shared by the callers' processes."""

    def __init__(
        self,
        env: simpy.Environment,
        rng: random.Random,
        mode: str,
        agents: int,
        calls_per_hour: float,
        handle_time: float,
        answer_delay: tuple[float, float],
        no_answer_time: float,
        patience: float,
        wrap_up_time: float,
        log: list[tuple[Any, ...]] | None = None,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"Hunt mode {mode!r} is not one of {', '.join(MODES)}.")
        self.env, self.rng, self.mode = env, rng, mode
        self.rings_all = mode == "Group"
        self.agents = [Agent(i) for i in range(agents)]
        self.free: dict[int, Agent] = {
            a.index: a for a in self.agents
        }  # in the order they came free
        self.queue: deque[Call] = deque()  # oldest first
        self.ringing_calls: dict[Call, None] = {}  # Group calls ringing now, oldest ring first
        self.last_answered = -1  # index of the member who answered last (Circular)
        self.arrival_rate = calls_per_hour / 3600.0
        self.handle_rate = 1.0 / handle_time
        self.patience_rate = 1.0 / patience
        self.answer_delay = answer_delay
        self.no_answer_time = no_answer_time
        self.wrap_up_time = wrap_up_time
        self.calls = self.answered = self.abandoned = 0
        self.by_member = [0] * agents
        self.total_wait = 0.0
        self.log = log
        self.group = "Sales"

    def record(self, kind: str, call: Call | None, agent: Agent | None, detail: str = "") -> None:
        """One event record, as the kit writes one (only with a log)."""
        number = agent.extension if agent is not None else None
        self.log.append(  # type: ignore[union-attr]  # called only with a log
            (
                self.env.now,
                call.number if call is not None else None,
                self.group if call is not None else None,
                number,
                number,
                None,
                kind,
                detail,
            )
        )

    # --- processes ---------------------------------------------------------------------

    def arrivals(self) -> Generator[simpy.Event, Any, None]:
        """Callers ring the group as a Poisson stream."""
        env, rng = self.env, self.rng
        while True:
            yield env.timeout(rng.expovariate(self.arrival_rate))
            env.process(self.caller())

    def caller(self) -> Generator[simpy.Event, Any, None]:
        """One call, from arrival to the end of the answering member's wrap-up."""
        env, log = self.env, self.log
        self.calls += 1
        call = Call(env.now, self.calls)
        if log is not None:
            self.record("queued", call, None)
        patience = env.timeout(self.rng.expovariate(self.patience_rate))
        agents = self.present(call)
        if not agents:
            call.offered = env.event()
            self.queue.append(call)
            yield call.offered | patience
            if call.state is QUEUED:  # hung up while waiting
                self.queue.remove(call)
                call.state = ENDED
                self.abandoned += 1
                if log is not None:
                    self.record("abandoned", call, None)
                return
            agents = call.ringing
        if self.rings_all:
            agent = yield from self.ring_all(call, patience)
        else:
            agent = yield from self.ring_in_turn(call, agents[0], patience)
        if agent is None:
            return
        self.answered += 1
        self.by_member[agent.index] += 1
        self.total_wait += env.now - call.arrived
        yield env.timeout(self.rng.expovariate(self.handle_rate))
        call.state = ENDED
        agent.idle_since = env.now
        if log is not None:
            self.record("ended", call, agent)
        if self.wrap_up_time > 0:
            agent.state = WRAP_UP
            yield env.timeout(self.wrap_up_time)
            if log is not None:
                self.record("wrap-up over", None, agent)
        self.release(agent)
        self.member_free(agent)

    def ring_in_turn(
        self, call: Call, agent: Agent, patience: simpy.Event
    ) -> Generator[simpy.Event, Any, Agent | None]:
        """Linear, Circular, Most Idle: ring one member at a time; the one who answers."""
        env, rng = self.env, self.rng
        low, high = self.answer_delay
        while True:
            delay = rng.uniform(low, high)
            picks_up = delay <= self.no_answer_time
            ring = env.timeout(delay if picks_up else self.no_answer_time)
            outcome = yield ring | patience
            if ring not in outcome:  # the caller hung up while it rang
                call.state = ENDED
                self.abandoned += 1
                if self.log is not None:
                    self.record("not answered", call, agent, "abandoned")
                    self.record("abandoned", call, None)
                self.release(agent)
                self.member_free(agent)
                return None
            if picks_up:
                call.state, agent.state = CONNECTED, TALKING
                self.last_answered = agent.index
                if self.log is not None:
                    self.record("answered", call, agent)
                return agent
            # No Answer Time: on to the next member (this one again when nobody else is free).
            if self.log is not None:
                self.record("not answered", call, agent, "no answer")
            self.release(agent)
            call.ringing = []
            agent = self.next_member(agent)
            self.reserve(call, agent)

    def ring_all(
        self, call: Call, patience: simpy.Event
    ) -> Generator[simpy.Event, Any, Agent | None]:
        """Group: every ringing member may pick up; the first who does, or None if abandoned."""
        call.answered = self.env.event()
        self.ringing_calls[call] = None
        for agent in call.ringing:
            self.start_pick_up(call, agent)
        yield call.answered | patience
        ringing, winner = call.ringing, call.answered_by
        log = self.log
        if winner is not None:  # a member picked up (maybe as the caller hung up)
            winner.state = TALKING
            self.last_answered = winner.index
            if log is not None:
                self.record("answered", call, winner)
                why = f"answered by {winner.extension}"
        else:  # the caller hung up while it rang
            call.state = ENDED
            del self.ringing_calls[call]
            self.abandoned += 1
            why = "abandoned"
        others = [a for a in ringing if a is not winner]
        if log is not None:
            for agent in others:
                self.record("not answered", call, agent, why)
            if winner is None:
                self.record("abandoned", call, None)
        for agent in others:
            self.release(agent)
        for agent in others:
            self.member_free(agent)
        return winner

    # --- shared state ------------------------------------------------------------------

    def present(self, call: Call) -> list[Agent]:
        """Ring the call where the mode says, among free members; [] when nobody is free."""
        free = self.free
        if not free:
            return []
        if self.rings_all:
            chosen = list(free.values())
        elif self.mode == "Linear":
            chosen = [free[min(free)]]
        elif self.mode == "Circular":
            n, start = len(self.agents), self.last_answered + 1
            chosen = [free[min(free, key=lambda i: (i - start) % n)]]
        else:  # Most Idle
            chosen = [min(free.values(), key=lambda a: (a.idle_since, a.index))]
        for agent in chosen:
            self.reserve(call, agent)
        return chosen

    def next_member(self, after: Agent) -> Agent:
        """The free member the mode tries after ``after`` (who is free again) for a ringing call."""
        free = self.free
        if self.mode == "Most Idle":
            rank = (after.idle_since, after.index)
            return min(
                free.values(),
                key=lambda a: ((a.idle_since, a.index) <= rank, a.idle_since, a.index),
            )
        n, start = len(self.agents), after.index + 1
        return free[min(free, key=lambda i: (i - start) % n)]

    def reserve(self, call: Call, agent: Agent) -> None:
        """``agent`` starts ringing for ``call``."""
        del self.free[agent.index]
        agent.state, agent.call = RINGING, call
        call.state = RINGING
        call.ringing.append(agent)
        if self.log is not None:
            self.record("offered", call, agent)

    def release(self, agent: Agent) -> None:
        """``agent`` is free to be offered a call."""
        agent.state, agent.call = FREE, None
        self.free[agent.index] = agent

    def member_free(self, agent: Agent) -> None:
        """``agent`` came free: the oldest waiting call rings, or a Group call rings them too."""
        if agent.state is not FREE:
            return  # a call reached them first
        if self.queue:
            call = self.queue.popleft()
            self.present(call)
            call.offered.succeed()
        elif self.rings_all and self.ringing_calls:
            call = next(iter(self.ringing_calls))
            self.reserve(call, agent)
            self.start_pick_up(call, agent)

    def start_pick_up(self, call: Call, agent: Agent) -> None:
        """Group: ``agent`` picks up after the answer delay, if the call still rings then."""
        pick_up = self.env.timeout(self.rng.uniform(*self.answer_delay), value=(call, agent))
        pick_up.callbacks.append(self._on_pick_up)

    def _on_pick_up(self, event: simpy.Event) -> None:
        call, agent = event.value  # type: ignore[misc]
        if call.state is RINGING and agent.call is call:
            call.state, call.answered_by = CONNECTED, agent
            del self.ringing_calls[call]
            call.answered.succeed()


def simulate(
    mode: str,
    *,
    agents: int = 50,
    hours: float = 8.0,
    calls_per_hour: float = 120.0,
    handle_time: float = 240.0,
    answer_delay: tuple[float, float] = (2.0, 8.0),
    no_answer_time: float = 15.0,
    patience: float = 120.0,
    wrap_up_time: float = 2.0,
    seed: int = 1,
    log: bool = False,
) -> Headline:
    """Play ``hours`` of the hunt-group workload in ``mode`` and return its headline figures.

    ``log``: write the event records as the kit does (the peer doing the kit's work).
    """
    env = simpy.Environment()
    records: list[tuple[Any, ...]] | None = [] if log else None
    centre = CallCentre(
        env,
        random.Random(seed),
        mode,
        agents,
        calls_per_hour,
        handle_time,
        answer_delay,
        no_answer_time,
        patience,
        wrap_up_time,
        records,
    )
    env.process(centre.arrivals())
    env.run(until=hours * 3600.0)
    return Headline(
        centre.calls,
        centre.answered,
        centre.abandoned,
        centre.total_wait,
        tuple(centre.by_member),
        len(records) if records is not None else 0,
    )
