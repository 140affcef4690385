"""Pictures of the report model, for supervisors: matplotlib figures from data.

Each function takes data the report model or the sweep produced and returns a
:class:`matplotlib.figure.Figure`; none keeps state or touches pyplot, so a widget
can redraw in place, and a notebook shows the figure as a picture (it has a
``_repr_png_``) whatever backend is, or is not, set.  matplotlib is
imported only here, and only when a plot is asked for: ``ipo_core`` itself needs
nothing beyond Python.

>>> from ipo_core.simulation import Scenario, simulate
>>> from ipo_core.reporting import accuracy
>>> rows = accuracy(simulate(Scenario(agents=4, hours=1, logon_share=0.0, seed=3)))
>>> fig = reported_vs_true(rows, "logged_in_time")
>>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
['true', 'reported by CCC']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ipo_core.errors import IpoError, ScenarioError
from ipo_core.hunt_groups import HuntMode

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ipo_core.reporting import AccuracyRow
    from ipo_core.sweep import SweepResult

__all__ = [
    "STATE_COLOURS",
    "TITLES",
    "UNITS",
    "agent_day",
    "error_by_logon_share",
    "reported_vs_true",
]

#: What each state looks like on an agent's day.
STATE_COLOURS = {
    "away": "#d9d9d9",
    "logged off": "#d9d9d9",
    "idle": "#a6d96a",
    "ringing": "#fdae61",
    "on call": "#2b83ba",
    "wrap-up": "#abdda4",
}
MODE_COLOURS = {
    HuntMode.GROUP: "#d7191c",
    HuntMode.LINEAR: "#2b83ba",
    HuntMode.CIRCULAR: "#1a9641",
    HuntMode.MOST_IDLE: "#7b3294",
}
UNITS = {
    "logged_in_time": "hours",
    "talk_time": "hours",
    "occupancy": "share of time",
    "service_level": "share of calls",
}
TITLES = {
    "presented": "calls presented",
    "answered": "calls answered",
    "not_answered": "calls not answered",
    "abandoned": "calls abandoned while ringing",
    "logged_in_time": "logged-in time",
    "talk_time": "talk time",
    "occupancy": "occupancy",
    "calls": "calls to the group",
    "service_level": "service level",
}


_FIGURE_CLASS: type | None = None


def _figure(width: float, height: float) -> Figure:
    global _FIGURE_CLASS
    if _FIGURE_CLASS is None:
        try:
            from matplotlib.figure import Figure as MatplotlibFigure
        except ImportError:  # pragma: no cover - the lab and test extras install it
            raise IpoError(
                "The plots need matplotlib: install the kit with its lab extra, "
                "pip install 'ipo-logon-kit[lab]'."
            ) from None

        class Figure(MatplotlibFigure):  # its repr stays "<Figure size ...>"
            """A Figure a notebook shows as a picture, with no pyplot and no backend set."""

            def _repr_png_(self) -> bytes:
                import io

                buffer = io.BytesIO()
                self.savefig(buffer, format="png", dpi=80)
                return buffer.getvalue()

        _FIGURE_CLASS = Figure
    return _FIGURE_CLASS(figsize=(width, height), layout="constrained")  # type: ignore[no-any-return]


def _scale(metric: str, value: float) -> float:
    return value / 3600.0 if metric in ("logged_in_time", "talk_time") else value


def reported_vs_true(rows: Sequence[AccuracyRow], metric: str = "answered") -> Figure:
    """Bars of ``metric`` per agent: the truth beside what CCC reported."""
    mine = [r for r in rows if r.metric == metric and r.is_agent]
    if not mine:
        metrics = sorted({r.metric for r in rows if r.is_agent})
        raise ScenarioError(
            f"No per-agent rows for metric {metric!r}: choose one of {', '.join(metrics)}."
        )
    names = [r.name for r in mine]
    fig = _figure(max(6.0, 0.32 * len(names) + 2), 3.6)
    ax = fig.add_subplot()
    xs = range(len(names))
    ax.bar(
        [x - 0.2 for x in xs],
        [_scale(metric, r.true) for r in mine],
        0.4,
        label="true",
        color="#4d4d4d",
    )
    ax.bar(
        [x + 0.2 for x in xs],
        [_scale(metric, r.reported) for r in mine],
        0.4,
        label="reported by CCC",
        color="#f46d43",
    )
    ax.set_xticks(list(xs), names, rotation=90 if len(names) > 12 else 0)
    ax.set_ylabel(UNITS.get(metric, "calls"))
    wrong = sum(1 for r in mine if r.is_wrong)
    ax.set_title(f"{TITLES.get(metric, metric)} per agent: {wrong} of {len(mine)} reported wrongly")
    ax.legend()
    return fig


def error_by_logon_share(result: SweepResult, metrics: Sequence[str] | None = None) -> Figure:
    """Mean per-agent error of each metric against the share of logon agents, a line per mode."""
    chosen = list(metrics or result.metrics)
    columns = min(3, len(chosen))
    rows = -(-len(chosen) // columns)
    fig = _figure(4.2 * columns, 3.0 * rows)
    for k, metric in enumerate(chosen):
        ax = fig.add_subplot(rows, columns, k + 1)
        for mode, points in result.mean_error(metric).items():
            ax.plot(
                [100 * s for s, _ in points],
                [_scale(metric, e) for _, e in points],
                marker="o",
                ms=3,
                label=mode.value,
                color=MODE_COLOURS.get(mode),
            )
        ax.set_title(TITLES.get(metric, metric))
        ax.set_xlabel("logon agents (%)")
        ax.set_ylabel(f"mean error ({UNITS.get(metric, 'calls')})")
        ax.set_ylim(bottom=0)
    fig.axes[0].legend(title="hunt mode", fontsize="small")
    seeds = len({p.seed for p in result.points})
    fig.suptitle(
        f"How wrong CCC is, by share of logon agents ({result.base.agents} agents, "
        f"{seeds} days each)"
    )
    return fig


def agent_day(
    name: str,
    true_states: Sequence[tuple[float, float, str]],
    reported_states: Sequence[tuple[float, float, str]],
) -> Figure:
    """One agent's day as two timelines: what they really did, and what CCC showed."""
    fig = _figure(10.0, 2.4)
    ax = fig.add_subplot()
    for row, states in ((1, true_states), (0, reported_states)):
        for state in dict.fromkeys(s for _, _, s in states):
            spans = [(a / 3600.0, (b - a) / 3600.0) for a, b, s in states if s == state]
            ax.broken_barh(
                spans,
                (row - 0.35, 0.7),
                color=STATE_COLOURS.get(state, "#999999"),
                label=state,  # the legend below keeps each state once
            )
    ax.set_yticks([0, 1], ["reported by CCC", "true"])
    ax.set_xlabel("hours into the day")
    ax.set_title(f"{name}'s day")
    handles: dict[str, Any] = {}
    for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
        handles.setdefault(label, handle)
    ax.legend(
        handles.values(),
        handles.keys(),
        fontsize="small",
        loc="center left",
        bbox_to_anchor=(1.01, 0.5),
        frameon=False,
    )
    return fig
