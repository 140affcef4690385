"""The workshop sweep: how wrong CCC is, across hunt modes and shares of logon agents.

A supervisor's question is not "what happened on one day" but "how much does
it matter": :func:`sweep` simulates a day for every hunt mode, every share of
logon agents and several seeds, and keeps, for each day, the mean per-agent
error of every reported figure (``accuracy_summary``).  The days are independent,
so they run in worker processes, and a ``progress(done, total)`` callback hears
about each one as it finishes (the widget draws a progress bar with it; the
benchmark prints one).

>>> result = sweep(Scenario(agents=4, hours=3, calls_per_hour=20), shares=(0.0, 1.0),
...                seeds=(1,), modes=(HuntMode.LINEAR,), workers=1)
>>> [(p.logon_share, round(p.error("logged_in_time"))) for p in result.points]
[(0.0, 855), (1.0, 0)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from os import PathLike
from statistics import fmean

from ipo_core.bulk import collector_paused
from ipo_core.callcentre.reporting import accuracy_summary
from ipo_core.callcentre.scenario import Scenario, site_group
from ipo_core.callcentre.simulation import simulate
from ipo_core.errors import ScenarioError
from ipo_core.site.config import Config
from ipo_core.site.hunt_groups import HuntMode

__all__ = ["MODES", "SHARES", "SweepPoint", "SweepResult", "sweep", "text_progress"]

#: The four hunt modes, in the tech tip's order.
MODES = (HuntMode.GROUP, HuntMode.LINEAR, HuntMode.CIRCULAR, HuntMode.MOST_IDLE)
#: Shares of logon agents from none to all, in tenths.
SHARES = tuple(i / 10 for i in range(11))


@dataclass(frozen=True)
class SweepPoint:
    """One simulated day of the sweep and how wrong its report was."""

    hunt_mode: HuntMode
    """The Sales group's mode that day."""
    logon_share: float
    """The share of logon agents that day."""
    seed: int
    """The day's seed."""
    errors: tuple[tuple[str, float], ...]
    """(metric, mean absolute per-agent error), in ``accuracy_summary`` order."""

    def error(self, metric: str) -> float:
        """The mean absolute per-agent error of ``metric`` that day."""
        for name, value in self.errors:
            if name == metric:
                return value
        raise ScenarioError(
            f"No metric {metric!r} in the sweep: choose one of {', '.join(n for n, _ in self.errors)}."
        )


@dataclass(frozen=True)
class SweepResult:
    """Every day of a sweep, in mode, share, seed order."""

    base: Scenario
    """The scenario every day started from."""
    points: tuple[SweepPoint, ...]
    """One point a day."""
    site_group: str | None = None
    """The hunt group of the site file the base was read from (the plots mark where it
    stands today); None when the base is no site's."""

    @property
    def metrics(self) -> tuple[str, ...]:
        """The metrics measured."""
        return tuple(name for name, _ in self.points[0].errors) if self.points else ()

    def mean_error(self, metric: str) -> dict[HuntMode, tuple[tuple[float, float], ...]]:
        """For each mode, (share, error of ``metric`` averaged over the seeds), by share."""
        table: dict[HuntMode, dict[float, list[float]]] = {}
        for p in self.points:
            table.setdefault(p.hunt_mode, {}).setdefault(p.logon_share, []).append(p.error(metric))
        return {
            mode: tuple((share, fmean(values)) for share, values in sorted(by_share.items()))
            for mode, by_share in table.items()
        }


def sweep(
    base: Scenario | Config | str | PathLike[str] | None = None,
    *,
    group: str | None = None,
    modes: Sequence[HuntMode] = MODES,
    shares: Sequence[float] = SHARES,
    seeds: Iterable[int] = (1, 2, 3, 4, 5),
    progress: Callable[[int, int], object] | None = None,
    workers: int = 2,
) -> SweepResult:
    """Simulate and measure a day for every mode x share x seed (4 x 11 x 5 by default).

    ``base`` (default: 50 agents, an 8-hour shift, the Scenario defaults
    otherwise) gives everything else; ``workers`` processes share the days.  A site
    (a Config, a shipped site's name or a site file's path) starts from its hunt
    group ``group``: ``Scenario.from_site(base, group)``.
    """
    # The workers are started with "spawn": a script that sweeps must do it under
    # ``if __name__ == "__main__":``, as multiprocessing asks (a notebook needs nothing).
    group_name = None
    if base is not None and not isinstance(base, Scenario):
        config, chosen = site_group(base, group)  # read once: a site file is not read twice
        group_name = chosen.name
        base = Scenario.from_site(config, chosen.name)
    base = base or Scenario(agents=50)
    seeds = tuple(seeds)
    plan = [
        base.replace(hunt_mode=m, logon_share=s, seed=d)
        for m in modes
        for s in shares
        for d in seeds
    ]
    if not plan:
        raise ScenarioError("The sweep has nothing to run: give at least one mode, share and seed.")
    if not isinstance(workers, int) or workers < 1:
        raise ScenarioError(f"workers={workers!r} must be a whole number, 1 or more.")
    done: dict[int, SweepPoint] = {}
    if workers == 1:
        for i, scenario in enumerate(plan):
            done[i] = _measure(scenario)
            if progress is not None:
                progress(len(done), len(plan))
    else:
        # Imported here: a trainee's kernel imports ipo_core but never sweeps (its memory is
        # counted, benchmarks/workshop_load.py).
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        # spawn, not fork: a notebook kernel has threads, and forking those is unsafe.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            # Slowest first (Group mode rings everyone), so no worker is left with a long tail.
            order = sorted(range(len(plan)), key=lambda i: plan[i].hunt_mode is not HuntMode.GROUP)
            futures = {pool.submit(_measure, plan[i]): i for i in order}
            for future in as_completed(futures):
                done[futures[future]] = future.result()
                if progress is not None:
                    progress(len(done), len(plan))
    return SweepResult(base, tuple(done[i] for i in range(len(plan))), group_name)


def _measure(scenario: Scenario) -> SweepPoint:
    # As in simulate(): a day's log has no reference cycles, so the cyclic collector
    # would only re-scan it while the report runs.
    with collector_paused():
        summary = accuracy_summary(simulate(scenario))
    return SweepPoint(
        scenario.hunt_mode, scenario.logon_share, scenario.seed, tuple(summary.items())
    )


def text_progress(width: int = 40) -> Callable[[int, int], None]:
    """A progress callback that draws ``[#####.....] 12/220`` on the terminal's stderr."""
    import sys

    def draw(done: int, total: int) -> None:
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return draw
