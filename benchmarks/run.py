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
import os
import platform
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from ipo_core.events import EventKind
from ipo_core.hunt_groups import HuntMode
from ipo_core.simulation import Scenario, Shift, simulate

try:
    import peer_simpy
except ImportError as error:  # simpy itself is missing
    sys.exit(
        f"{error}: the benchmarks need SimPy: run `make bench` or `pip install -e '.[bench]'`."
    )

#: Calls a full run simulates in each mode.
FULL_CALLS = 100_000

T = TypeVar("T")


def best_of(repeats: int, run: Callable[[], T]) -> tuple[float, T]:
    """The shortest wall-clock seconds of ``repeats`` runs of ``run``, and its last result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        result = None  # let the last run's garbage go before timing the next
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
#: The kit's simulator must be at least this many times faster than the SimPy peer.
SPEED_UP_TARGET = 3.0


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
    """The kit's headline figures, read from the shift's event log."""
    arrived: dict[int | None, float] = {}
    by_member: dict[str | None, int] = dict.fromkeys((p.extension for p in shift.people), 0)
    answered = abandoned = 0
    total_wait = 0.0
    for event in shift.events:
        if event.kind is EventKind.CALL_QUEUED:
            arrived[event.call] = event.time
        elif event.kind is EventKind.CALL_ANSWERED:
            answered += 1
            by_member[event.user] += 1
            total_wait += event.time - arrived[event.call]
        elif event.kind is EventKind.CALL_ABANDONED:
            abandoned += 1
    return peer_simpy.Headline(
        len(arrived), answered, abandoned, total_wait, tuple(by_member.values())
    )


def hunt_modes(args: argparse.Namespace) -> None:
    """Time ``ipo_core.simulate`` and the SimPy peer on the same day, in each hunt mode."""
    print(
        f"Hunt modes: {AGENTS} agents logged on all day, {args.calls:,} calls expected "
        f"({CALLS_PER_HOUR:g} an hour for {args.calls / CALLS_PER_HOUR:g} h), "
        f"best of {args.repeats}; target: the kit >= {SPEED_UP_TARGET:g}x faster than SimPy."
    )
    header = f"{'mode':<10} {'calls':>9} {'kit s':>8} {'SimPy s':>8} {'speed-up':>9}  target"
    print(header)
    print("-" * len(header))
    agreement = []
    for mode in peer_simpy.MODES:
        scenario = hunt_scenario(mode, args.calls, args.seed)
        kit_seconds, shift = best_of(args.repeats, partial(simulate, scenario))
        kit = kit_headline(shift)
        del shift
        peer_seconds, peer = best_of(
            args.repeats, partial(peer_simpy.simulate, mode, **peer_workload(scenario))
        )
        speed_up = peer_seconds / kit_seconds
        print(
            f"{mode:<10} {kit.calls:>9,} {kit_seconds:>8.2f} {peer_seconds:>8.2f} "
            f"{speed_up:>8.2f}x  {verdict(speed_up >= SPEED_UP_TARGET)}",
            flush=True,
        )
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


# --- further sections (the workshop sweep; a live re-simulate, report and plot) go here, ----
# --- one block each, as a function(args) -> None that SECTIONS lists ---------------------------


#: Every section, in the order a full run takes them: (name for --section, function).
SECTIONS: list[tuple[str, Callable[[argparse.Namespace], None]]] = [
    ("hunt-modes", hunt_modes),
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
        "--repeats", type=int, default=3, help="runs of each timing; the best counts (default 3)"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of every simulated day")
    parser.add_argument(
        "--section",
        choices=[name for name, _ in SECTIONS],
        action="append",
        help="run only this section (repeatable); default: all",
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
