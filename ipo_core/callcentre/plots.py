"""Pictures of the report model, for supervisors: matplotlib figures from data.

Each function takes data the report model or the sweep produced and returns a
:class:`matplotlib.figure.Figure`; none keeps state or touches pyplot (the one that keeps a
figure to redraw is a class, :class:`ReportedVsTrueChart`), so a widget can redraw in place, and a notebook shows the figure as a picture (it has a
``_repr_png_``) whatever backend is, or is not, set.  matplotlib is
imported only here, and only when a plot is asked for: ``ipo_core`` itself needs
nothing beyond Python.

>>> from ipo_core.callcentre.scenario import Scenario

>>> from ipo_core.callcentre.simulation import simulate
>>> from ipo_core.callcentre.reporting import accuracy
>>> rows = accuracy(simulate(Scenario(agents=4, hours=1, logon_share=0.0, seed=3)))
>>> fig = reported_vs_true(rows, "logged_in_time")
>>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
['true', 'reported by CCC']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ipo_core.callcentre.day import Person
from ipo_core.callcentre.reporting import AccuracyRow
from ipo_core.callcentre.sweep import SweepResult
from ipo_core.errors import IpoError, ScenarioError
from ipo_core.site.hunt_groups import HuntMode

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure  # matplotlib is imported only when a plot is drawn

__all__ = [
    "MODE_STYLES",
    "STATE_COLOURS",
    "TITLES",
    "UNITS",
    "ReportedVsTrueChart",
    "agent_day",
    "error_by_logon_share",
    "reported_vs_true",
]

# Okabe and Ito's palette, which readers with any common colour-vision deficiency tell
# apart; lines also differ by marker and dash, so the plots read in grey as well.
#: What each state looks like on an agent's day: idle green and wrap-up purple never meet.
STATE_COLOURS = {
    "away": "#dddddd",
    "logged off": "#dddddd",
    "idle": "#009e73",
    "ringing": "#e69f00",
    "on call": "#0072b2",
    "wrap-up": "#cc79a7",
}
#: Each hunt mode's colour, marker and dash in the sweep plots.
MODE_STYLES = {
    HuntMode.GROUP: ("#d55e00", "s", "-"),
    HuntMode.LINEAR: ("#0072b2", "o", "-"),
    HuntMode.CIRCULAR: ("#009e73", "^", "--"),
    HuntMode.MOST_IDLE: ("#cc79a7", "D", ":"),
}
#: The truth and CCC's figure in the per-agent bars.
TRUE_COLOUR, REPORTED_COLOUR = "#555555", "#e69f00"
#: How a non-logon agent's name is marked on a per-agent chart.
NON_LOGON_MARK = "†"
#: The unit each figure is drawn in; durations in minutes, as the lessons' tables print them.
UNITS = {
    "logged_in_time": "min",
    "talk_time": "min",
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
    return value / 60.0 if metric in ("logged_in_time", "talk_time") else value


def _non_logon_names(people: Iterable[Person]) -> set[str]:
    return {p.name for p in people if not p.is_logon_agent}


def reported_vs_true(
    rows: Sequence[AccuracyRow], metric: str = "answered", people: Iterable[Person] = ()
) -> Figure:
    """Bars of ``metric`` per agent: the truth beside what CCC reported.

    ``people`` (a Shift's) marks the agents who are not logon agents with a dagger.
    A view that redraws as its data changes uses :class:`ReportedVsTrueChart`.
    """
    mine = _agent_rows(rows, metric)
    fig = _bars_figure(len(mine))
    _draw_reported_vs_true(fig, mine, metric, _non_logon_names(people))
    return fig


def _bars_figure(agents: int) -> Figure:
    """The figure the per-agent bars are drawn on: wider for more agents."""
    return _figure(max(6.0, 0.32 * agents + 2), 3.6)


def _label_agents(ax: Any, mine: Sequence[AccuracyRow], non_logon: set[str]) -> None:
    """Name the agents under their bars, those in ``non_logon`` marked and in bold."""
    names = [r.name + (NON_LOGON_MARK if r.name in non_logon else "") for r in mine]
    ax.set_xticks(range(len(names)), names, rotation=90 if len(names) > 12 else 0)
    for label, row in zip(ax.get_xticklabels(), mine, strict=True):
        label.set_fontweight("bold" if row.name in non_logon else "normal")


def _agent_rows(rows: Sequence[AccuracyRow], metric: str) -> list[AccuracyRow]:
    """The per-agent rows of ``metric``; ScenarioError naming the metrics there are if none."""
    mine = [r for r in rows if r.metric == metric and r.is_agent]
    if not mine:
        metrics = sorted({r.metric for r in rows if r.is_agent})
        raise ScenarioError(
            f"No per-agent rows for metric {metric!r}: choose one of {', '.join(metrics)}."
        )
    return mine


def _title(metric: str, mine: Sequence[AccuracyRow]) -> str:
    wrong = sum(1 for r in mine if r.is_wrong)
    return f"{TITLES.get(metric, metric)} per agent: {wrong} of {len(mine)} reported wrongly"


def _draw_reported_vs_true(
    fig: Figure, mine: Sequence[AccuracyRow], metric: str, non_logon: set[str]
) -> tuple[Any, list[Any]]:
    """Draw the bars on ``fig``: its axes, and every bar, the truth's first."""
    ax = fig.add_subplot()
    xs = range(len(mine))
    true = ax.bar(
        [x - 0.2 for x in xs],
        [_scale(metric, r.true) for r in mine],
        0.4,
        label="true",
        color=TRUE_COLOUR,
    )
    reported = ax.bar(
        [x + 0.2 for x in xs],
        [_scale(metric, r.reported) for r in mine],
        0.4,
        label="reported by CCC",
        color=REPORTED_COLOUR,
    )
    _label_agents(ax, mine, non_logon)
    if non_logon:
        ax.set_xlabel(f"{NON_LOGON_MARK} not a logon agent (no Force Login and code)")
    ax.set_ylabel(UNITS.get(metric, "calls"))
    ax.set_title(_title(metric, mine))
    ax.legend()
    return ax, [*true.patches, *reported.patches]


#: The characters a chart's scale has room for, whatever its first day's figures: a
#: chart's layout then depends on its agents and metric alone, never on what it drew before.
SCALE_ROOM = 4


def _room_for(room: int) -> Any:
    """A tick formatter whose every label is ``room`` figure spaces (a digit's width each):
    what a layout measures to leave that much room, whatever the scale's own labels are."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, pos: "\u2007" * room)


class ReportedVsTrueChart:
    """:func:`reported_vs_true` kept on one figure, for a view that redraws it (a slider).

    The figure is made and laid out once for each metric and list of agents.  A new day of
    the same agents changes what moves (the bars and the frame over their feet, the scale,
    the title, where the legend sits) and draws only that again, over a copy of the rest (matplotlib's blitting);
    :meth:`png` then writes the canvas as it stands.  A slider move costs a fraction of a
    whole new figure, whose text (the agents' names) is most of the drawing.

    >>> from ipo_core.callcentre.scenario import Scenario
    >>> from ipo_core.callcentre.simulation import simulate
    >>> from ipo_core.callcentre.reporting import accuracy
    >>> chart = ReportedVsTrueChart()
    >>> for seed in (1, 2):
    ...     png = chart.png(accuracy(simulate(Scenario(agents=4, hours=1, seed=seed))))
    >>> png[:4], chart.redrawn
    (b'\x89PNG', 1)
    """

    def __init__(self, dpi: float = 72) -> None:
        self.dpi = dpi
        """Dots per inch of the PNG."""
        self.figure: Figure | None = None
        """The figure drawn last (None before the first)."""
        self.redrawn = 0
        """How many pictures were drawn on the figure already made (not counting makes)."""
        self._layout: tuple[object, ...] | None = None  # what the figure was made for
        self._bars: list[Any] = []
        self._moving: list[Any] = []  # drawn afresh every time: bars, frame, scale, title, legend
        self._background: Any = None  # the canvas with everything else on it
        self._room = 0  # the figure spaces the scale's labels have room for
        self._marked: set[str] = set()  # the agents labelled as no logon agents

    @property
    def _ax(self) -> Any:
        assert self.figure is not None
        return self.figure.axes[0]

    @property
    def _canvas(self) -> Any:  # the figure's Agg canvas
        assert self.figure is not None
        return self.figure.canvas

    def png(
        self, rows: Sequence[AccuracyRow], metric: str = "answered", people: Iterable[Person] = ()
    ) -> bytes:
        """The PNG of :func:`reported_vs_true` for ``rows``; ScenarioError as it gives."""
        mine = _agent_rows(rows, metric)
        non_logon = _non_logon_names(people) & {r.name for r in mine}
        # The layout is made for the agents' names, with room for each to be marked as no
        # logon agent: who is marked (another share of logon agents) changes only the labels.
        layout = (metric, tuple(r.name for r in mine), bool(non_logon))
        if layout == self._layout:
            if non_logon != self._marked:
                self._mark(mine, non_logon)
            if self._update(mine, metric):
                self.redrawn += 1
                return self._encode()
        self._make(mine, metric, non_logon)
        self._layout = layout
        return self._encode()

    def _make(self, mine: Sequence[AccuracyRow], metric: str, non_logon: set[str]) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        fig = _bars_figure(len(mine))
        fig.set_dpi(self.dpi)
        FigureCanvasAgg(fig)  # the figure's canvas from now on: self._canvas
        self.figure = fig
        every = {r.name for r in mine} if non_logon else set()  # the widest labels
        _, self._bars = _draw_reported_vs_true(fig, mine, metric, every)
        engine = fig.get_layout_engine()
        assert engine is not None
        # Laid out (constrained) once, measuring the text and drawing none, with room for a
        # scale of SCALE_ROOM digits (more if today's labels are longer): the next days'
        # scales fit in the same layout, and the layout depends on that room alone, never on
        # the labels of the day it was made for.
        self._room = max(SCALE_ROOM, self._widest_tick_label())
        axis = self._ax.yaxis
        scale = axis.get_major_formatter()
        axis.set_major_formatter(_room_for(self._room))
        engine.execute(fig)
        axis.set_major_formatter(scale)
        fig.set_layout_engine("none")  # and keep that layout for every later picture
        ax = self._ax
        moving = [*self._bars, *ax.spines.values(), ax.yaxis, ax.title, ax.get_legend()]
        for artist in moving:
            artist.set_animated(True)
        # Drawn again in the order a whole drawing takes them: by zorder, then as the axes
        # hold them (the spines over the bars' feet, the legend over the bars).
        held = {id(artist): n for n, artist in enumerate(ax.get_children())}
        self._moving = sorted(moving, key=lambda a: (a.get_zorder(), held.get(id(a), 0)))
        self._mark(mine, non_logon)
        self._blit()

    def _mark(self, mine: Sequence[AccuracyRow], non_logon: set[str]) -> None:
        """Label the agents, marking those in ``non_logon``; draw what does not move."""
        _label_agents(self._ax, mine, non_logon)
        self._marked = set(non_logon)
        assert self.figure is not None
        self._canvas.draw()  # everything that does not move
        self._background = self._canvas.copy_from_bbox(self.figure.bbox)

    def _update(self, mine: Sequence[AccuracyRow], metric: str) -> bool:
        """Set the bars, scale and title to ``mine``; False when the scale wants another
        room than the layout was made with (the figure is then made again)."""
        ax = self._ax
        values = [_scale(metric, r.true) for r in mine] + [_scale(metric, r.reported) for r in mine]
        for bar, value in zip(self._bars, values, strict=True):
            bar.set_height(value)
        ax.relim()
        ax.autoscale_view(scalex=False)
        if max(SCALE_ROOM, self._widest_tick_label()) != self._room:
            return False  # laid out for another room: made again, as a fresh chart would be
        ax.set_title(_title(metric, mine))
        self._blit()
        return True

    def _widest_tick_label(self) -> int:
        axis = self._ax.yaxis
        low, high = axis.get_view_interval()
        ticks = [t for t in axis.get_major_locator()() if low <= t <= high]
        return max(map(len, axis.get_major_formatter().format_ticks(ticks)), default=0)

    def _blit(self) -> None:
        self._canvas.restore_region(self._background)
        for artist in self._moving:
            self._ax.draw_artist(artist)

    def _encode(self) -> bytes:
        """The canvas as it stands, as PNG: what ``print_png`` writes, without drawing again."""
        import io

        from matplotlib.image import imsave

        buffer = io.BytesIO()
        imsave(buffer, self._canvas.buffer_rgba(), format="png", origin="upper", dpi=self.dpi)
        return buffer.getvalue()


#: The sweep plot's two columns: the mode CCC cannot monitor, and the three it can.
_COLUMNS = (
    ("Group mode (not monitorable)", (HuntMode.GROUP,)),
    (", ".join(m.value for m in HuntMode.monitorable()), HuntMode.monitorable()),
)


def error_by_logon_share(result: SweepResult, metrics: Sequence[str] | None = None) -> Figure:
    """Mean absolute per-agent error of each metric against the share of logon agents.

    A row per metric; Group mode on the left and the three modes CCC can monitor on
    the right, each with its own scale, so Group's hundreds of calls do not flatten
    the others' few.
    """
    chosen = list(metrics or result.metrics)
    fig = _figure(10.0, 0.4 + 2.5 * len(chosen))
    shares = sorted({p.logon_share for p in result.points})
    for k, metric in enumerate(chosen):
        means = result.mean_error(metric)
        for c, (heading, modes) in enumerate(_COLUMNS):
            ax = fig.add_subplot(len(chosen), 2, 2 * k + c + 1)
            highest = 0.0
            for mode in modes:
                if mode not in means:
                    continue
                colour, marker, dash = MODE_STYLES[mode]
                errors = [_scale(metric, e) for _, e in means[mode]]
                highest = max([highest, *errors])
                ax.plot(
                    [100 * s for s, _ in means[mode]],
                    errors,
                    marker=marker,
                    ms=4,
                    linestyle=dash,
                    label=mode.value,
                    color=colour,
                )
            if result.site_group is not None:
                _mark_the_site(ax, result, metric, means, modes)
            ax.set_title(f"{TITLES.get(metric, metric)}, {heading}", fontsize="medium")
            ax.set_xticks([100 * s for s in shares] if len(shares) <= 11 else [0, 25, 50, 75, 100])
            ax.set_xlim(-3, 103)
            # All zero: a flat line on the floor of a readable axis, not a sliver of one.
            ax.set_ylim(0, 1.08 * highest if highest > 0 else 1)
            ax.set_ylabel(
                f"mean absolute error\nper agent ({UNITS.get(metric, 'calls')})", fontsize="small"
            )
            if k == len(chosen) - 1:
                ax.set_xlabel("logon agents (%)")
            if k == 0 and (len(modes) > 1 or result.base.hunt_mode in modes and result.site_group):
                # the left column's one mode is in its title; the site's star needs a word
                ax.legend(title="hunt mode", fontsize="small")
    fig.suptitle(_sweep_title(result))
    return fig


def _mark_the_site(
    ax: Any,
    result: SweepResult,
    metric: str,
    means: Mapping[HuntMode, Sequence[tuple[float, float]]],
    modes: Sequence[HuntMode],
) -> None:
    """Where the site stands today: its share of logon agents, and its mode's point there.

    ``means`` is ``result.mean_error(metric)``, as the caller already has it.
    """
    base = result.base
    ax.axvline(100 * base.logon_share, color="#000000", linewidth=0.8, linestyle=(0, (1, 3)))
    if base.hunt_mode not in modes:
        return
    today = dict(means.get(base.hunt_mode, ()))
    if base.logon_share in today:
        ax.plot(
            [100 * base.logon_share],
            [_scale(metric, today[base.logon_share])],
            marker="*",
            ms=14,
            linestyle="none",
            color="#000000",
            label=f"{result.site_group} today",
        )


def _sweep_title(result: SweepResult) -> str:
    base = result.base
    seeds = len({p.seed for p in result.points})
    days = len(result.points)
    desks = f", {base.hot_desk_share:.0%} sharing desks" if base.hot_desk_share else ""
    site = f"{result.site_group} of the site file, " if result.site_group else ""
    return (
        f"How wrong CCC is, by share of logon agents\n{site}{base.agents} agents{desks}, "
        f"{base.hours:g}-hour days, {seeds} day{'s' if seeds != 1 else ''} a point "
        f"({days} days in all)"
    )


def agent_day(
    name: str,
    true_states: Sequence[tuple[float, float, str]],
    reported_states: Sequence[tuple[float, float, str]],
    is_logon_agent: bool | None = None,
) -> Figure:
    """One agent's day as two timelines: what they really did, and what CCC showed.

    ``is_logon_agent`` (when known) is said in the title.
    """
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
    kind = {None: "", True: ": a logon agent", False: ": not a logon agent"}[is_logon_agent]
    ax.set_title(f"{name}'s day{kind}")
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
