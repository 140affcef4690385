"""The supervisors' accuracy explorer: how right CCC's reports are, one simulated day at a time.

Sliders and buttons choose the day (how many agents are logon agents, the hunt
mode, desk sharing, calls an hour, the seed); every change simulates that day
again and redraws, in place, what CCC reported against what really happened,
one agent's day both ways, and a table of the largest gaps with the report
model's explanation of each.  The Sweep button runs the workshop sweep (every
hunt mode at every share of logon agents) with a progress bar, and plots how
wrong CCC is across them.

The model is the :class:`~ipo_core.Scenario` and the Shift simulated from it;
the controls only show it (STYLE 12-13):

>>> from widgets.explorer import AccuracyExplorer
>>> import ipo_core as ipo
>>> explorer = AccuracyExplorer(ipo.Scenario(agents=6, hours=2, logon_share=1.0))
>>> explorer.headline_text
'CCC reported every figure right for all 6 agents.'
>>> explorer.logon_share.value = 0.0          # what a trainee's slider does
>>> explorer.scenario.logon_share
0.0
>>> explorer.headline_text.startswith("CCC reported")
True
>>> explorer.change_scenario(agents=2, shifts=3)   # refused: the day stays as it was
>>> explorer.status.text
'Scenario shifts=3 is more than agents=2: every shift needs someone.'
>>> explorer.scenario.agents
6
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Hashable, Sequence
from os import PathLike
from typing import TYPE_CHECKING, Any

import ipywidgets as w

import ipo_core as ipo
from widgets.base import View, guarded, plain_text

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["AccuracyExplorer"]

#: The day the explorer opens on: 20 agents, half of them logon agents, 30 % on shared
#: desks (the benchmarks' live workload).
DEFAULT_SCENARIO = ipo.Scenario(agents=20, logon_share=0.5, hot_desk_share=0.3)
#: The four hunt modes, in the tech tip's order (the 4.0+ names are aliases).
#: The controls named after the Scenario field each one sets.
SCENARIO_CONTROLS = (
    "agents",
    "logon_share",
    "hunt_mode",
    "hot_desk_share",
    "shifts",
    "calls_per_hour",
    "seed",
)
#: The figures the sweep plot shows, a row each: the three the tip's warning is about.
SWEEP_METRICS = ("presented", "not_answered", "logged_in_time")
#: Resolution of every picture: small PNGs keep a slider move under 200 ms.
DPI = 72
#: Pictures kept, so switching the figure or the agent back and forth redraws nothing.
PICTURES_KEPT = 16
#: Agents named in a cell of the table before "and N more".
NAMES_SHOWN = 6
#: The usual range of each bounded control; a scenario outside it widens it.
AGENTS = (4, 50)
CALLS_PER_HOUR = (0, 600)
SEEDS = (0, 2**31 - 1)

_GOOD, _WARN, _BAD = "#e5f5e0", "#fff3cd", "#fde0dd"
_HIDDEN = "none"


class AccuracyExplorer(View):
    """How right CCC's reports are for one simulated day, and across the workshop sweep.

    ``scenario`` is the day to open on (default: 20 agents, half of them logon
    agents, 30 % on shared desks); ``metric`` and ``agent`` choose the figure and
    the agent shown first, and ``show_day`` opens the agent's day.  ``sweep_base``
    and ``workers`` are handed to :func:`ipo_core.callcentre.sweep` when the Sweep button is
    pressed (default: 50 agents, 2 worker processes).

    ``site`` (a Config, a shipped site's name or a site file's path) opens on the day
    of its hunt group ``group`` instead (``ipo.Scenario.from_site``), and the Sweep
    button then sweeps that site, marking where it stands today.
    """

    def __init__(
        self,
        scenario: ipo.Scenario | None = None,
        *,
        metric: str = "presented",
        agent: str | None = None,
        show_day: bool = False,
        sweep_base: ipo.Scenario | None = None,
        workers: int = 2,
        site: ipo.Config | str | PathLike[str] | None = None,
        group: str | None = None,
        **kwargs: Any,
    ) -> None:
        if metric not in ipo.AGENT_METRICS:
            raise ipo.UnknownName("figure", metric, ipo.AGENT_METRICS)
        if site is not None:
            if scenario is not None:
                raise ipo.ScenarioError(
                    "Give the explorer a scenario or a site, not both: the site's day is "
                    "ipo.Scenario.from_site(site, group, ...)."
                )
            scenario = ipo.Scenario.from_site(site, group)
        self.site = site
        """The site file the explorer opened on, or None."""
        self.group = group
        """The site's hunt group (None for its first)."""
        self.sweep_base = sweep_base
        """The scenario every day of the sweep starts from; None for the site, or else
        ipo_core's default."""
        self.workers = workers
        """Worker processes the sweep runs in."""
        self.sweep_result: ipo.SweepResult | None = None
        """The last sweep's result, or None before the first."""
        self._pictures: dict[Hashable, bytes] = {}
        # The reported-against-true bars are redrawn in place as the sliders move: only what
        # a move changes is drawn again (ipo.plots.ReportedVsTrueChart says what).
        self._chart = ipo.plots.ReportedVsTrueChart(dpi=DPI)
        self._writing = False  # _render is writing the controls: their observers stand still

        wide = {"description_width": "8em"}
        self.agents = w.IntSlider(
            min=AGENTS[0],
            max=AGENTS[1],
            description="Agents",
            continuous_update=False,
            style=wide,
            tooltip="People in Sales today",
        )
        self.logon_share = w.FloatSlider(
            min=0.0,
            max=1.0,
            step=0.1,
            readout_format=".0%",
            description="Logon agents",
            continuous_update=False,
            style=wide,
            tooltip="Share of agents who are logon agents (Force Login and a Login Code)",
        )
        self.hunt_mode = w.ToggleButtons(
            options=[(mode.value, mode) for mode in ipo.HuntMode],
            tooltips=[
                f"{mode.value} ({mode.later_name} from IP Office 4.0)"
                + ("" if mode.can_be_monitored else f": {ipo.REPORTED_WRONGLY}")
                for mode in ipo.HuntMode
            ],
            description="Hunt mode",
            style={**wide, "button_width": "7em"},
        )
        self.hot_desk_share = w.FloatSlider(
            min=0.0,
            max=1.0,
            step=0.1,
            readout_format=".0%",
            description="Desk sharing",
            continuous_update=False,
            style=wide,
            tooltip="Share of agents who move to a colleague's desk once during their shift",
        )
        self.shifts = w.Dropdown(
            options=[1, 2, 3],
            description="Shifts",
            style=wide,
            layout=w.Layout(width="14em"),
            tooltip="Consecutive shifts; later shifts sit at the same desks",
        )
        self.calls_per_hour = w.IntSlider(
            min=CALLS_PER_HOUR[0],
            max=CALLS_PER_HOUR[1],
            step=10,
            description="Calls / hour",
            continuous_update=False,
            style=wide,
        )
        self.seed = w.BoundedIntText(
            min=SEEDS[0],
            max=SEEDS[1],
            description="Seed",
            style=wide,
            layout=w.Layout(width="14em"),
            tooltip="One seed gives one day",
        )
        self.metric_picker = w.Dropdown(
            options=[(_title(m), m) for m in ipo.AGENT_METRICS],
            value=metric,
            description="Figure",
            layout=w.Layout(width="22em"),
        )
        self.agent_picker = w.Dropdown(description="Agent", layout=w.Layout(width="16em"))
        self.headline = w.HTML()
        self.reported_plot = _image()
        self.table = w.HTML(layout=w.Layout(max_width="100%", overflow="auto"))
        self.day_plot = _image()
        # Closed, the agent's day is not drawn, which keeps a scenario change for 20 agents
        # under 200 ms; open, drawing it costs another 60-80 ms.
        self.day_section = w.Accordion(
            children=[w.VBox([self.agent_picker, self.day_plot])],
            titles=("One agent's day, as it was and as CCC saw it",),
            selected_index=0 if show_day else None,
        )
        self.sweep_button = w.Button(
            description="Sweep",
            icon="play",
            button_style="primary",
            tooltip="Simulate every hunt mode at every share of logon agents",
        )
        self.sweep_progress = w.IntProgress(min=0, max=1, layout=w.Layout(width="24em"))
        self.sweep_label = w.Label()
        self.sweep_plot = _image()

        for field in SCENARIO_CONTROLS:
            getattr(self, field).observe(self._on_scenario_control_change, names="value")
        self.metric_picker.observe(self._on_view_change, names="value")
        self.agent_picker.observe(self._on_view_change, names="value")
        self.day_section.observe(self._on_view_change, names="selected_index")
        self.sweep_button.on_click(self._on_sweep_button_click)

        column = w.Layout(width="50%", min_width="24em")
        controls = w.VBox(
            [
                w.HBox(
                    [
                        w.VBox([self.logon_share, self.hot_desk_share, self.agents], layout=column),
                        w.VBox([self.calls_per_hour, self.shifts, self.seed], layout=column),
                    ],
                    layout=w.Layout(flex_flow="row wrap"),
                ),
                self.hunt_mode,
            ],
            layout=w.Layout(border="1px solid #ddd", padding="6px", margin="0 0 8px 0"),
        )
        sweep = w.VBox(
            [
                _heading("The workshop sweep: every hunt mode at every share of logon agents"),
                w.HBox(
                    [self.sweep_button, self.sweep_progress, self.sweep_label],
                    layout=w.Layout(align_items="center"),
                ),
                self.sweep_plot,
            ]
        )
        kwargs.setdefault("layout", w.Layout(max_width="1000px"))
        super().__init__(**kwargs)  # View makes the status line
        self.add_class("ipo-explorer")
        for widget, name in (
            (self.headline, "ipo-headline"),
            (self.reported_plot, "ipo-reported-plot"),
            (self.sweep_progress, "ipo-sweep-progress"),
            (self.sweep_label, "ipo-sweep-label"),
            (self.sweep_plot, "ipo-sweep-plot"),
        ):
            widget.add_class(name)  # for a page's style sheet, and a browser test to find
        self.children = [
            _heading("How right are CCC's reports?", level=3),
            controls,
            self.headline,
            self.status,
            _heading("Reported against true, per agent"),
            self.metric_picker,
            self.reported_plot,
            self.table,
            self.day_section,
            sweep,
        ]
        self._simulate(DEFAULT_SCENARIO if scenario is None else scenario)
        names = [p.name for p in self.shift.people]
        if agent is not None and agent not in names:
            raise ipo.UnknownName("agent", agent, names)
        self._writing = True
        try:
            self.agent_picker.options = names
            self.agent_picker.value = agent or names[0]
        finally:
            self._writing = False
        self._render()

    # --- the model ------------------------------------------------------------------------

    scenario: ipo.Scenario
    """The day shown: the explorer's whole model."""
    shift: ipo.Shift
    """The day simulated from ``scenario``."""
    rows: tuple[ipo.AccuracyRow, ...]
    """``ipo.accuracy(shift)``: every figure, true against reported, and why they differ."""

    @guarded
    def change_scenario(self, **changes: object) -> None:
        """Show the day ``scenario.replace(**changes)``; a refused change is shown, not raised."""
        self._vary(**changes)

    @property
    def headline_text(self) -> str:
        """The headline as plain text (for tests and screen readers)."""
        return plain_text(self.headline.value)

    def _vary(self, **changes: object) -> None:
        if not self._writing:
            self._simulate(self.scenario.replace(**changes))

    def _simulate(self, scenario: ipo.Scenario) -> None:
        """The one call into the core a scenario change makes; nothing changes if it raises."""
        shift = ipo.simulate(scenario)
        rows = ipo.accuracy(shift)
        self.scenario, self.shift, self.rows = scenario, shift, rows
        self.status.show_ok(self._summary())

    def _summary(self) -> str:
        """What the view shows, in a line: the status after every change that works."""
        sc = self.scenario
        calls = next(r for r in self.rows if r.metric == "calls" and not r.is_agent)
        return (
            f"One simulated day: {sc.agents} agents, {sc.hours:g} h, {ipo.format_figure('calls', calls.true)} calls "
            f"to {calls.name}, seed {sc.seed}."
        )

    # --- handlers -------------------------------------------------------------------------

    @guarded
    def _on_scenario_control_change(self, change: dict[str, Any]) -> None:
        """A control named after a Scenario field moved: simulate that day."""
        field = next(f for f in SCENARIO_CONTROLS if getattr(self, f) is change["owner"])
        self._vary(**{field: change["new"]})

    @guarded
    def _on_view_change(self, change: dict[str, Any]) -> None:
        # Another figure, agent or section of the same day: nothing to ask the core, only to draw.
        if not self._writing:
            self.status.show_ok(self._summary())

    @guarded
    def _on_sweep_button_click(self, _button: w.Button) -> None:
        # Synchronous on purpose: a few seconds, and the bar moves as the days finish.
        # _render enables the button again, whatever happens.
        self.sweep_button.disabled = True
        self.sweep_progress.value = 0
        self.sweep_label.value = "starting…"
        base = self.sweep_base if self.sweep_base is not None or self.site is None else self.site
        self.sweep_result = ipo.sweep(
            base, group=self.group, progress=self._on_sweep_progress, workers=self.workers
        )
        days = len(self.sweep_result.points)
        self.status.show_ok(
            f"Swept {days} days of {self.sweep_result.base.agents} agents: "
            "every hunt mode at every share of logon agents."
        )

    def _on_sweep_progress(self, done: int, total: int) -> None:
        """The sweep's progress callback: one more day finished."""
        self.sweep_progress.max = total
        self.sweep_progress.value = done
        self.sweep_label.value = f"{done}/{total} days"

    # --- drawing --------------------------------------------------------------------------

    def _describe(self) -> str:
        sc = self.scenario
        return (
            f"{sc.agents} agents, {sc.hunt_mode.value}, {sc.logon_share:.0%} logon agents, "
            f"seed {sc.seed}"
        )

    def _render(self) -> None:
        """Write every child from the model (``scenario``, ``shift``, ``rows``, ``sweep_result``)."""
        if self._writing:
            return  # a control written below called back: the render under way covers it
        sc, shift, rows = self.scenario, self.shift, self.rows
        names = [p.name for p in shift.people]
        self._writing = True
        try:
            _set_bounded(self.agents, sc.agents, AGENTS)
            self.logon_share.value = sc.logon_share
            self.hunt_mode.value = sc.hunt_mode
            self.hot_desk_share.value = sc.hot_desk_share
            self.shifts.options = sorted({1, 2, 3, sc.shifts})
            self.shifts.value = sc.shifts
            _set_bounded(self.calls_per_hour, round(sc.calls_per_hour), CALLS_PER_HOUR)
            _set_bounded(self.seed, sc.seed, SEEDS)
            chosen = self.agent_picker.value
            if tuple(self.agent_picker.options) != tuple(names):
                self.agent_picker.options = names
            self.agent_picker.value = chosen if chosen in names else names[0]
            self.sweep_button.disabled = False
        finally:
            self._writing = False

        metric, name = self.metric_picker.value, self.agent_picker.value
        self.headline.value = _headline(rows, metric)
        self.table.value = _table(rows, metric)
        self.reported_plot.value = self._picture(
            ("reported", sc, metric), lambda: self._chart.png(rows, metric, shift.people)
        )
        if self.day_section.selected_index is None:
            self.day_plot.value = b""
        else:
            self.day_plot.value = self._picture(
                ("day", sc, name),
                lambda: _png(
                    ipo.plots.agent_day(
                        name,
                        ipo.agent_states(shift, name, "true"),
                        ipo.agent_states(shift, name, "reported"),
                        is_logon_agent=_person(shift, name).is_logon_agent,
                    )
                ),
            )
        result = self.sweep_result
        if result is None:
            self.sweep_progress.max, self.sweep_progress.value = 1, 0
            self.sweep_label.value = "not run yet: it takes a few seconds"
            self.sweep_plot.value = b""
            self.sweep_plot.layout.display = _HIDDEN
        else:
            days = len(result.points)
            self.sweep_progress.max, self.sweep_progress.value = days, days
            self.sweep_label.value = f"{days}/{days} days"
            self.sweep_plot.value = self._picture(
                ("sweep", result),
                lambda: _png(ipo.plots.error_by_logon_share(result, SWEEP_METRICS)),
            )
            self.sweep_plot.layout.display = None

    def _picture(self, key: Hashable, draw: Callable[[], bytes]) -> bytes:
        """The PNG ``draw()`` gives, drawn once per ``key`` (the model it is drawn from)."""
        png = self._pictures.pop(key, None)
        if png is None:
            png = draw()
        self._pictures[key] = png  # most recently used last
        while len(self._pictures) > PICTURES_KEPT:
            del self._pictures[next(iter(self._pictures))]
        return png


# --- pieces -------------------------------------------------------------------------------


def _image() -> w.Image:
    return w.Image(format="png", layout=w.Layout(max_width="100%", height="auto"))


def _heading(text: str, level: int = 4) -> w.HTML:
    return w.HTML(f"<h{level} style='margin:10px 0 4px 0'>{html.escape(text)}</h{level}>")


def _set_bounded(control: Any, value: int, usual: tuple[int, int]) -> None:
    """Show ``value`` on a slider or bounded box, its range widened if the model needs it."""
    low, high = usual
    control.min, control.max = min(low, value), max(high, value)
    control.value = value


def _png(figure: Figure) -> bytes:
    """``figure`` as PNG bytes at ``DPI``.

    Printed straight from an Agg canvas: ``savefig`` draws a figure with a layout engine
    twice (once to lay it out), which costs a slider move 15-20 ms a picture.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure.set_dpi(DPI)
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)  # type: ignore[no-untyped-call]
    return buffer.getvalue()


def _person(shift: ipo.Shift, name: str) -> ipo.Person:
    return next(p for p in shift.people if p.name == name)


def _agent_rows(rows: Sequence[ipo.AccuracyRow]) -> list[ipo.AccuracyRow]:
    return [r for r in rows if r.is_agent]


def _title(metric: str) -> str:
    return ipo.plots.TITLES.get(metric, metric.replace("_", " "))


def _headline(rows: Sequence[ipo.AccuracyRow], metric: str) -> str:
    mine = _agent_rows(rows)
    agents = len({r.scope for r in mine})
    wrong_here = {r.scope for r in mine if r.metric == metric and r.is_wrong}
    wrong_any = {r.scope for r in mine if r.is_wrong}
    title = _title(metric)
    if not wrong_any:
        text, colour = f"CCC reported every figure right for all {agents} agents.", _GOOD
    elif not wrong_here:
        text = (
            f"CCC reported every agent's {title} right, but {len(wrong_any)} of {agents} "
            "agents have another figure wrong."
        )
        colour = _WARN
    else:
        text = f"CCC reported {len(wrong_here)} of {agents} agents' {title} wrongly"
        text += (
            f"; {len(wrong_any)} of {agents} agents have at least one figure wrong."
            if len(wrong_any) > len(wrong_here)
            else "."
        )
        colour = _BAD
    return (
        f"<div style='background:{colour};padding:6px 10px;font-size:1.15em;"
        f"font-weight:600;border-radius:4px'>{html.escape(text)}</div>"
    )


def _table(rows: Sequence[ipo.AccuracyRow], metric: str) -> str:
    """Per figure: the agents CCC got wrong, the largest gap, and the report model's why."""
    mine = _agent_rows(rows)
    agents = len({r.scope for r in mine})
    cell = "padding:3px 8px;border-bottom:1px solid #eee;vertical-align:top;text-align:left"
    head = "".join(
        f"<th style='{cell}'>{h}</th>"
        for h in ("figure", "reported wrongly", "largest gap (true → CCC)", "why")
    )
    body = []
    for m in ipo.AGENT_METRICS:
        wrong = sorted(
            (r for r in mine if r.metric == m and r.is_wrong),
            key=lambda r: (-abs(r.error), r.scope),
        )
        who = [r.name for r in wrong]
        shown = ", ".join(who[:NAMES_SHOWN]) + (
            f" and {len(who) - NAMES_SHOWN} more" if len(who) > NAMES_SHOWN else ""
        )
        if wrong:
            top = wrong[0]
            gap = (
                f"{top.name}: {ipo.format_figure(m, top.true)} → "
                f"{ipo.format_figure(m, top.reported)} ({ipo.format_figure(m, top.error, signed=True)})"
            )
            why = top.explanation
            count = f"{len(wrong)} of {agents}: {shown}"
        else:
            gap, why, count = "", "Reported as it happened for every agent.", f"0 of {agents}"
        style = cell + (";background:#f3f6fb;font-weight:600" if m == metric else "")
        cells = (_title(m), count, gap, why)
        body.append(
            "<tr>" + "".join(f"<td style='{style}'>{html.escape(c)}</td>" for c in cells) + "</tr>"
        )
    group = [r for r in rows if not r.is_agent]
    facts = ", ".join(
        f"{_title(r.metric)} {ipo.format_figure(r.metric, r.true)}"
        + (f" (CCC: {ipo.format_figure(r.metric, r.reported)})" if r.is_wrong else "")
        for r in group
    )
    scope = group[0].name  # accuracy() always has the group's rows
    verdict = "some wrong." if any(r.is_wrong for r in group) else "reported as they happened."
    return (
        "<table style='border-collapse:collapse;font-size:0.9em'>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        f"<p style='margin:4px 8px;font-size:0.9em'>Hunt group {html.escape(scope)}: "
        f"{html.escape(facts)}; {verdict}</p>"
    )
