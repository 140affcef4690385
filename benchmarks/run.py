"""Speed benchmarks of ipo_core: ``python benchmarks/run.py`` (``make bench``).

Each section times one thing, prints a table, and marks each target PASS or FAIL.  A
missed target is printed, not raised: the exit status is 0 either way, since this is a
benchmark, not a test.  ``--calls N`` makes a quick run; ``--section NAME`` runs one
section.

Sections run in the order of ``SECTIONS`` at the end of this file.  A new benchmark is
one more function ``name(args) -> None`` in its own block below the others, added to
``SECTIONS``; the command-line options every section shares are in ``main``.
"""

from __future__ import annotations

import argparse
import gc
import heapq
import math
import os
import platform
import random
import sys
import time
from collections import Counter, deque
from collections.abc import Callable
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import Any, TypeVar
from unittest.mock import patch

import browser_speed
import lite_speed
import scaling
import workshop_load

from ipo_core.callcentre.day import Shift
from ipo_core.callcentre.plots import ReportedVsTrueChart
from ipo_core.callcentre.reporting import accuracy, ccc_report
from ipo_core.callcentre.scenario import Scenario
from ipo_core.callcentre.simulation import simulate
from ipo_core.callcentre.sweep import MODES, SHARES, sweep, text_progress
from ipo_core.site.hunt_groups import HuntMode
from ipo_core.switch.clock import Clock, Lane
from ipo_core.switch.events import Event, EventKind

try:
    import peer_simpy
except ImportError as error:  # simpy itself is missing
    sys.exit(
        f"{error}: the benchmarks need SimPy: run `make bench` or `pip install -e '.[bench]'`."
    )

#: Calls a full run simulates in each mode.
FULL_CALLS = 100_000

T = TypeVar("T")


def best_of(
    repeats: int, run: Callable[[], T], setup: Callable[[], object] | None = None
) -> tuple[float, T]:
    """The shortest wall-clock seconds of ``repeats`` runs of ``run``, and its last result;
    ``setup``, if given, runs untimed before each."""
    best, result = float("inf"), None
    for _ in range(repeats):
        result = None  # let the last run's garbage go before timing the next
        if setup is not None:
            setup()
        gc.collect()
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return best, result


def verdict(passed: bool) -> str:
    """The target column: PASS, or a FAIL that stands out."""
    return "PASS" if passed else "FAIL  <<<"


# --- hunt modes: the kit's simulator against a SimPy peer ----------------------------------

#: The hunt-mode workload: 50 agents logged on all day, 640 calls an hour, Poisson arrivals.
AGENTS = 50
CALLS_PER_HOUR = 640.0
HANDLE_TIME = 240.0
#: The kit's simulator must be at least this many times faster than the SimPy peer that
#: writes the same event records as the kit (issue 13) ...
LOG_PEER_TARGET = 3.0
#: ... and this many times faster than the peer that keeps counters only.
SPEED_UP_TARGET = 2.5


def hunt_scenario(mode: str, calls: int, seed: int) -> Scenario:
    """The kit's day that simulates ``calls`` calls, expected, to a hunt group in ``mode``."""
    return Scenario(
        agents=AGENTS,
        hunt_mode=HuntMode.from_name(mode),
        hours=calls / CALLS_PER_HOUR,
        calls_per_hour=CALLS_PER_HOUR,
        breaks=(),
        logon_share=1.0,
        hot_desk_share=0.0,
        handle_time=HANDLE_TIME,
        seed=seed,
    )


def peer_workload(scenario: Scenario) -> dict[str, Any]:
    """The SimPy peer's arguments for the same day as ``scenario``."""
    return {
        "agents": scenario.agents,
        "hours": scenario.hours,
        "calls_per_hour": scenario.calls_per_hour,
        "handle_time": scenario.handle_time,
        "answer_delay": scenario.answer_delay,
        "no_answer_time": scenario.no_answer_time,
        "patience": scenario.patience,
        "wrap_up_time": scenario.wrap_up_time,
        "seed": scenario.seed,
    }


def kit_headline(shift: Shift) -> peer_simpy.Headline:
    """The kit's headline figures, as its own report model reads them from the event log."""
    report = ccc_report(shift)  # archived day: the group's figures are right whatever the mode
    group = report.group
    return peer_simpy.Headline(
        group.calls,
        group.answered,
        group.abandoned,
        group.mean_wait * group.answered,
        tuple(agent.answered for agent in report.agents),
    )


def hunt_modes(args: argparse.Namespace) -> None:
    """Time ``ipo_core.simulate`` and the SimPy peer on the same day, in each hunt mode."""
    print(
        f"Hunt modes: {AGENTS} agents logged on all day, {args.calls:,} calls expected "
        f"({CALLS_PER_HOUR:g} an hour for {args.calls / CALLS_PER_HOUR:g} h), "
        f"best of {args.repeats}; targets: the kit >= {LOG_PEER_TARGET:g}x the SimPy peer that "
        f"writes the same event records, >= {SPEED_UP_TARGET:g}x the counters-only peer."
    )
    header = (
        f"{'mode':<10} {'calls':>9} {'events':>9} {'kit s':>7} {'log peer s':>10} "
        f"{'x':>6} {'target':>7} {'counters s':>10} {'x':>6} {'target':>7}"
    )
    print(header)
    print("-" * len(header))
    agreement = []
    for mode in peer_simpy.MODES:
        scenario = hunt_scenario(mode, args.calls, args.seed)
        kit_seconds, shift = best_of(args.repeats, partial(simulate, scenario))
        kit, events = kit_headline(shift), len(shift.events)
        del shift
        work = peer_workload(scenario)
        logged_seconds, logged = best_of(
            args.repeats, partial(peer_simpy.simulate, mode, log=True, **work)
        )
        peer_seconds, peer = best_of(args.repeats, partial(peer_simpy.simulate, mode, **work))
        against_log, against_counters = logged_seconds / kit_seconds, peer_seconds / kit_seconds
        print(
            f"{mode:<10} {kit.calls:>9,} {events:>9,} {kit_seconds:>7.2f} {logged_seconds:>10.2f} "
            f"{against_log:>5.2f}x {verdict(against_log >= LOG_PEER_TARGET):>7} "
            f"{peer_seconds:>10.2f} {against_counters:>5.2f}x "
            f"{verdict(against_counters >= SPEED_UP_TARGET):>7}",
            flush=True,
        )
        print(f"{'':<10} {'':>9} {logged.records:>9,}  (the log peer's records)")
        agreement.append((mode, kit, peer))
    print()
    print("Same workload, same answers? (kit | SimPy; the two draw their random numbers apart)")
    header = (
        f"{'mode':<10} {'calls':>17} {'answered':>17} {'abandoned':>15} {'mean wait s':>15} "
        f"{'last member':>15}"
    )
    print(header)
    print("-" * len(header))
    for mode, kit, peer in agreement:
        print(
            f"{mode:<10} {kit.calls:>8,}|{peer.calls:<8,} "
            f"{kit.answered_share:>8.2%}|{peer.answered_share:<8.2%} "
            f"{kit.abandoned_share:>7.2%}|{peer.abandoned_share:<7.2%} "
            f"{kit.mean_wait:>7.2f}|{peer.mean_wait:<7.2f} "
            f"{kit.last_member_share:>7.2%}|{peer.last_member_share:<7.2%}"
        )


# --- the workshop sweep: 4 modes x 11 logon shares x 5 seeds ---------------------------------

#: A supervisor's workshop: 50 agents, an 8-hour shift, the Scenario defaults otherwise.
SWEEP_BASE = Scenario(agents=50, hours=8.0)
SWEEP_WORKERS = 2
SWEEP_TARGET = 2.5


def workshop_sweep(args: argparse.Namespace) -> None:
    """The sweep a workshop runs, in worker processes, with its progress bar."""
    seeds = tuple(range(args.seed, args.seed + 5))
    days = len(MODES) * len(SHARES) * len(seeds)
    print(
        f"Workshop sweep: {len(MODES)} modes x {len(SHARES)} logon shares x {len(seeds)} seeds = "
        f"{days} days of {SWEEP_BASE.agents} agents, {SWEEP_BASE.hours:g} h, "
        f"{SWEEP_BASE.calls_per_hour:g} calls an hour; {SWEEP_WORKERS} worker processes; "
        f"target: under {SWEEP_TARGET:g} s."
    )
    seconds, result = best_of(
        args.repeats,
        partial(sweep, SWEEP_BASE, seeds=seeds, workers=SWEEP_WORKERS, progress=text_progress()),
    )
    print(
        f"sweep: {seconds:.2f} s for {len(result.points)} days (fresh worker processes each "
        f"time)   "
        f"{verdict(seconds < SWEEP_TARGET)}"
    )


# --- one scenario, live: re-simulate, re-report, re-plot --------------------------------------

LIVE_TARGET = 0.100
#: The slider moves a supervisor makes from the explorer's default day, one at a time: each
#: other hunt mode, the calls an hour, the share of logon agents (other agents marked on the
#: chart).
LIVE_MOVES: tuple[tuple[str, dict[str, Any]], ...] = (
    *((f"mode {m.value}", {"hunt_mode": m}) for m in MODES if m is not HuntMode.LINEAR),
    ("80 calls/h", {"calls_per_hour": 80.0}),
    ("160 calls/h", {"calls_per_hour": 160.0}),
    ("30 % logon", {"logon_share": 0.3}),
    ("70 % logon", {"logon_share": 0.7}),
    ("no hot desks", {"hot_desk_share": 0.0}),
)


def live_redraw(chart: ReportedVsTrueChart, scenario: Scenario) -> bytes:
    """What a slider move costs the explorer: simulate, compare, redraw its chart, the PNG."""
    shift = simulate(scenario)
    return chart.png(accuracy(shift), "answered", shift.people)


def live(args: argparse.Namespace) -> None:
    """One slider move after another, as the accuracy explorer redraws them."""
    # What the accuracy explorer shows by default (20 agents, some on shared desks), imported
    # here: the sweep's worker processes import this module, and need no ipywidgets.
    from widgets.explorer import DEFAULT_SCENARIO as LIVE_BASE

    assert LIVE_BASE.hunt_mode is HuntMode.LINEAR  # the mode LIVE_MOVES leaves out
    repeats = max(args.repeats, 5)
    print(
        f"Live: slider moves from a day of {LIVE_BASE.agents} agents, {LIVE_BASE.hours:g} h: each "
        "re-simulated, its accuracy table recomputed and the explorer's reported-against-true "
        f"chart redrawn to PNG (ReportedVsTrueChart, as the widget does; best of {repeats}); "
        f"target: under {LIVE_TARGET * 1000:g} ms a move."
    )
    base = LIVE_BASE.replace(seed=args.seed)
    # A chart made and laid out afresh, as when the explorer opens.
    opening, _ = best_of(repeats, lambda: live_redraw(ReportedVsTrueChart(dpi=72), base))
    chart = ReportedVsTrueChart(dpi=72)  # the explorer's
    print(f"{'move':<16} {'ms':>6}  target")
    worst = 0.0
    for name, change in LIVE_MOVES:
        # Each time from the default day (untimed): the move itself, timed.
        seconds, _ = best_of(
            repeats,
            partial(live_redraw, chart, base.replace(**change)),
            setup=partial(live_redraw, chart, base),
        )
        worst = max(worst, seconds)
        print(f"{name:<16} {seconds * 1000:>6.0f}  {verdict(seconds < LIVE_TARGET)}")
    print(
        f"worst move {worst * 1000:.0f} ms; a chart made afresh, as the explorer opens (no "
        f"target), {opening * 1000:.0f} ms"
    )


# --- the floor: what any CPython event loop with the kit's timers and log costs -------------------


def skeleton(calls: int, timers: int, lanes: int, records: int, seed: int) -> int:
    """An event loop with no call logic at all: per call, ``timers`` timers on a heap,
    ``lanes`` on first-in-first-out lanes beside it, and ``records`` log records.

    The timers go through an agenda as the System's clock keeps it: a heap, and lanes whose
    next timer is compared with the heap's (the kit's scheme: the ring and the hang-up on the
    heap, the next caller and the end of wrap-up on lanes; the old one booked six a call on
    the heap: arrival, patience, No Answer, pick-up, hang-up, wrap-up).  Each fires a
    function; the records are Events made as the distributor makes them.  Whatever a
    simulator in CPython decides about a call costs more than this.
    """
    gc.disable()  # as simulate() does for a day: the log has no cycles to find
    try:
        return _skeleton_day(calls, timers, lanes, records, seed)
    finally:
        gc.enable()


def _skeleton_day(calls: int, timers: int, lanes: int, records: int, seed: int) -> int:
    rng = random.Random(seed)
    draw, agenda, log = rng.expovariate, [], []
    lines = [deque() for _ in range(lanes)]
    push, pop, append, new_event = heapq.heappush, heapq.heappop, log.append, tuple.__new__
    rate, sequence, now = CALLS_PER_HOUR / 3600.0, 0, 0.0
    never = (math.inf, 0, None, ())

    def fire(_: int) -> None:
        pass

    for call in range(calls):
        now += draw(rate)
        for k in range(timers):
            sequence += 1
            push(agenda, (now + 3.0 * k + draw(0.01), sequence, fire, (call,)))
        for k, line in enumerate(lines):
            sequence += 1
            line.append((now + 2.0 + k, sequence, fire, (call,)))
        while True:  # the clock's loop: the earliest of the heap and the lanes
            timer, source = agenda[0] if agenda else never, None
            for line in lines:
                if line and line[0] < timer:
                    timer, source = line[0], line
            if timer[0] > now:
                break
            if source is None:
                pop(agenda)
            else:
                source.popleft()
            timer[2](*timer[3])
        for _ in range(records):
            append(
                new_event(
                    Event, (now, EventKind.CALL_ANSWERED, "3000", "3000", call, "Sales", None, "")
                )
            )
    return len(log)


def floor(args: argparse.Namespace) -> None:
    """The skeleton's time beside the budget 3x the logging SimPy peer's Linear day leaves the kit."""
    scenario = hunt_scenario("Linear", args.calls, args.seed)
    peer_seconds, _ = best_of(
        args.repeats, partial(peer_simpy.simulate, "Linear", log=True, **peer_workload(scenario))
    )
    budget = peer_seconds / LOG_PEER_TARGET
    print(
        f"Floor: an event loop with no call logic, {args.calls:,} calls, best of {args.repeats}; "
        f"the SimPy peer that writes the same records takes {peer_seconds:.2f} s for the Linear "
        f"day, so {LOG_PEER_TARGET:g}x faster is {budget:.2f} s for everything."
    )
    print(
        f"{'scheme':<22} {'heap':>4} {'lanes':>5} {'records':>7} {'skeleton s':>10}  "
        f"{'share of the budget':>19}"
    )
    schemes = (
        ("the kit's (issue 13)", 2, 2, 5),
        ("six timers a call", 6, 0, 5),
        ("timers only", 2, 2, 0),
        ("records only", 0, 0, 5),
    )
    for name, timers, lanes, records in schemes:
        seconds, _ = best_of(
            args.repeats, partial(skeleton, args.calls, timers, lanes, records, args.seed)
        )
        print(
            f"{name:<22} {timers:>4} {lanes:>5} {records:>7} {seconds:>10.2f}  "
            f"{seconds / budget:>18.0%}"
        )


# --- timers: what the engine books a call -------------------------------------------------


def booked_by(scenario: Scenario) -> tuple[Shift, Counter[str]]:
    """Simulate ``scenario`` counting what is booked: on the heap by the action's name, and
    every lane's timers under "lane"."""
    booked: Counter[str] = Counter()

    def counted(method: Callable[..., None], key: Callable[[Any], str]) -> Callable[..., None]:
        def booking(self: Any, when: float, action: Any, *rest: Any) -> None:
            booked[key(action)] += 1
            method(self, when, action, *rest)

        return booking

    with ExitStack() as stack:
        stack.enter_context(patch.object(Clock, "book", counted(Clock.book, _name)))
        for method in ("after", "at"):
            lane = counted(getattr(Lane, method), lambda _: "lane")
            stack.enter_context(patch.object(Lane, method, lane))
        return simulate(scenario), booked


def _name(action: Any) -> str:
    return str(action.__name__)


def timers(args: argparse.Namespace) -> None:
    """Count what the hunt-mode day books, by kind, on the clock's heap and on its lanes."""
    print(
        f"Timers: what the hunt-mode day ({args.calls:,} calls expected) books a call, on the "
        "clock's heap and on its lanes (no target: the scheme's own account)."
    )
    print(f"{'mode':<10} {'calls':>7} {'heap':>6} {'lanes':>6}  booked on the heap, a call")
    for mode in peer_simpy.MODES:
        shift, booked = booked_by(hunt_scenario(mode, args.calls, args.seed))
        calls = sum(1 for e in shift.events if e.kind is EventKind.CALL_QUEUED)
        lanes = booked.pop("lane", 0)
        kinds = ", ".join(f"{name.strip('_')} {n / calls:.2f}" for name, n in booked.most_common())
        print(
            f"{mode:<10} {calls:>7,} {sum(booked.values()) / calls:>6.2f} {lanes / calls:>6.2f}  "
            f"{kinds}"
        )


#: Every section, in the order a full run takes them: (name for --section, function).
SECTIONS: list[tuple[str, Callable[[argparse.Namespace], None]]] = [
    ("hunt-modes", hunt_modes),
    ("sweep", workshop_sweep),
    ("live", live),
    ("floor", floor),
    ("timers", timers),
    ("records", workshop_load.records),
    ("kernel", workshop_load.kernel),
    ("browser", browser_speed.browser),
    ("lite", lite_speed.lite),
    ("scaling", scaling.scaling),
]


def main(argv: list[str] | None = None) -> int:
    """Run the sections asked for and print their tables; 0 even when a target is missed."""
    parser = argparse.ArgumentParser(description="Speed benchmarks of ipo_core.")
    parser.add_argument(
        "--calls",
        type=int,
        default=FULL_CALLS,
        help=f"calls to simulate in each run (default {FULL_CALLS:,}; 2000 for a quick look)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="runs of each timing; the best counts (the lite section: the median) (default 3)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of every simulated day")
    parser.add_argument(
        "--section",
        choices=[name for name, _ in SECTIONS],
        action="append",
        help="run only this section (repeatable); default: all",
    )
    parser.add_argument(
        "--lite-site",
        type=Path,
        metavar="DIR",
        help="the lite section measures this built site (build/lite after `make lite`) "
        "instead of building one afresh into a temporary folder",
    )
    args = parser.parse_args(argv)
    shortest = round(0.25 * CALLS_PER_HOUR)  # a Scenario lasts a quarter of an hour at least
    if args.calls < shortest or args.repeats < 1:
        parser.error(f"--calls must be {shortest} or more and --repeats 1 or more.")
    print(
        f"ipo_core speed benchmarks: Python {platform.python_version()} on "
        f"{platform.machine()}, {os.cpu_count()} CPUs"
    )
    for name, section in SECTIONS:
        if args.section is None or name in args.section:
            print()
            section(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
