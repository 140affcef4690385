"""The workshop sweep and the supervisor's plots, as specifications."""

from __future__ import annotations

import ast
import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image

import ipo_core as ipo
from ipo_core.callcentre.plots import agent_day, error_by_logon_share, reported_vs_true
from ipo_core.callcentre.sweep import MODES, SHARES

SMALL = ipo.Scenario(agents=6, hours=3, calls_per_hour=40, hot_desk_share=0.4)


@pytest.fixture(scope="module")
def small_sweep() -> ipo.SweepResult:
    return ipo.sweep(SMALL, shares=(0.0, 0.5, 1.0), seeds=(1, 2), workers=1)


def test_the_sweep_runs_every_mode_share_and_seed_in_order(small_sweep):
    plan = [(p.hunt_mode, p.logon_share, p.seed) for p in small_sweep.points]
    assert plan == [(m, s, d) for m in MODES for s in (0.0, 0.5, 1.0) for d in (1, 2)]


def test_with_every_agent_a_logon_agent_no_per_agent_figure_is_wrong_outside_group_mode(
    small_sweep,
):
    for point in small_sweep.points:
        if point.logon_share == 1.0 and point.hunt_mode is not ipo.HuntMode.GROUP:
            assert all(error == 0 for _, error in point.errors), point


def test_group_mode_is_wrong_even_with_every_agent_a_logon_agent(small_sweep):
    group = [
        p for p in small_sweep.points if p.hunt_mode is ipo.HuntMode.GROUP and p.logon_share == 1.0
    ]
    assert all(p.error("presented") > 0 for p in group)
    assert all(p.error("logged_in_time") == 0 for p in group)


def test_non_logon_agents_are_reported_logged_in_while_away(small_sweep):
    means = small_sweep.mean_error("logged_in_time")
    for mode, points in means.items():
        by_share = dict(points)
        assert by_share[0.0] > by_share[0.5] > by_share[1.0] == 0, mode


def test_the_sweep_is_the_same_in_worker_processes(small_sweep):
    parallel = ipo.sweep(SMALL, shares=(0.0, 0.5, 1.0), seeds=(1, 2), workers=2)
    assert parallel == small_sweep


def test_the_sweep_reports_progress_for_every_day():
    heard: list[tuple[int, int]] = []
    ipo.sweep(
        SMALL,
        modes=(ipo.HuntMode.LINEAR,),
        shares=(0.0, 1.0),
        seeds=(1,),
        workers=1,
        progress=lambda done, total: heard.append((done, total)),
    )
    assert heard == [(1, 2), (2, 2)]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"shares": ()}, "nothing to run"),
        ({"workers": 0}, "workers=0"),
    ],
)
def test_a_sweep_that_cannot_run_says_why(kwargs, message):
    with pytest.raises(ipo.ScenarioError, match=message):
        ipo.sweep(SMALL, **kwargs)


def test_asking_for_a_metric_the_sweep_did_not_measure_names_the_ones_it_did(small_sweep):
    with pytest.raises(ipo.ScenarioError, match="'speed'.*presented"):
        small_sweep.points[0].error("speed")


@pytest.fixture(scope="module")
def day() -> ipo.Shift:
    return ipo.simulate(SMALL.replace(logon_share=0.5, seed=4))


def test_reported_against_true_draws_one_pair_of_bars_per_agent(day):
    fig = reported_vs_true(ipo.accuracy(day), "answered")
    ax = fig.axes[0]
    assert len(ax.patches) == 2 * len(day.people)
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        p.name for p in sorted(day.people, key=lambda p: p.name)
    ]
    assert "reported wrongly" in ax.get_title()


def test_reported_against_true_marks_the_agents_who_are_not_logon_agents(day):
    fig = reported_vs_true(ipo.accuracy(day), "logged_in_time", people=day.people)
    ax = fig.axes[0]
    names = {p.name: p.is_logon_agent for p in day.people}
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == [n if names[n] else n + "\u2020" for n in sorted(names)]
    assert ax.get_xlabel() == "\u2020 not a logon agent (no Force Login and code)"
    assert ax.get_ylabel() == "min"


def test_reported_against_true_refuses_a_metric_it_does_not_know(day):
    with pytest.raises(ipo.ScenarioError, match="'speed'"):
        reported_vs_true(ipo.accuracy(day), "speed")


# --- the chart a view redraws: blitted, and the same picture as one drawn afresh ------------

#: The explorer's day: 20 agents, half of them logon agents, some on shared desks.
LIVE = ipo.Scenario(agents=20, hours=8, logon_share=0.5, hot_desk_share=0.3)


def pixels(png: bytes) -> tuple[tuple[int, int], bytes]:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.size, image.tobytes()


def drawn_whole(chart: ipo.plots.ReportedVsTrueChart) -> bytes:
    """The PNG of the chart's figure drawn whole, nothing blitted: what its picture must be."""
    figure = chart.figure
    moving = [artist for artist in figure.findobj() if artist.get_animated()]
    for artist in moving:
        artist.set_animated(False)
    buffer = io.BytesIO()
    figure.canvas.print_png(buffer)
    for artist in moving:  # as the chart keeps them, for its next picture
        artist.set_animated(True)
    return buffer.getvalue()


def what_it_says(figure) -> tuple:
    ax = figure.axes[0]
    return (
        ax.get_title(),
        [(t.get_text(), t.get_fontweight()) for t in ax.get_xticklabels()],
        ax.get_xlabel(),
        [bar.get_height() for bar in ax.patches],
        [t.get_text() for t in ax.get_legend().get_texts()],
    )


@pytest.mark.parametrize(
    ("metric", "dpi"), [("answered", 72), ("abandoned", 96), ("talk_time", 150)]
)
@pytest.mark.parametrize(
    "moves",
    [
        # The hunt mode and the calls an hour: the same agents, the same labels.
        [{"hunt_mode": m} for m in MODES] + [{"calls_per_hour": c} for c in (20.0, 200.0)],
        # Another share of logon agents, another seed: the same names, other marks.
        [{"logon_share": 0.3}, {"seed": 5}, {"logon_share": 0.9, "seed": 2}],
    ],
)
def test_a_chart_redrawn_for_each_move_shows_what_a_chart_drawn_afresh_shows(moves, metric, dpi):
    chart = ipo.plots.ReportedVsTrueChart(dpi=dpi)
    first = ipo.simulate(LIVE)
    chart.png(ipo.accuracy(first), metric, first.people)
    for move in moves:
        shift = ipo.simulate(LIVE.replace(**move))
        rows = ipo.accuracy(shift)
        redrawn = chart.png(rows, metric, shift.people)
        fresh = ipo.plots.ReportedVsTrueChart(dpi=dpi)
        drawn_afresh = fresh.png(rows, metric, shift.people)
        assert fresh.redrawn == 0  # its first picture: the figure made and drawn whole
        assert what_it_says(chart.figure) == what_it_says(fresh.figure), move
        assert chart.figure.axes[0].get_ylim() == fresh.figure.axes[0].get_ylim(), move
        # Only what moves was drawn again, yet the picture is the same, pixel for pixel, as
        # a chart that never drew another day.
        assert pixels(redrawn) == pixels(drawn_afresh), move
    assert chart.redrawn == len(moves)  # every move redrew the figure it had
    # And the last is the figure drawn whole (drawn after the moves: the explorer never
    # draws the whole figure between them, so neither does this test).
    assert pixels(redrawn) == pixels(drawn_whole(chart))


def test_a_chart_says_what_a_new_figure_says(day):
    rows = ipo.accuracy(day)
    chart = ipo.plots.ReportedVsTrueChart()
    chart.png(rows, "answered", day.people)
    ax, fresh = chart.figure.axes[0], reported_vs_true(rows, "answered", people=day.people)
    assert ax.get_title() == fresh.axes[0].get_title()
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        t.get_text() for t in fresh.axes[0].get_xticklabels()
    ]
    heights = [bar.get_height() for bar in ax.patches]
    assert heights == [bar.get_height() for bar in fresh.axes[0].patches]
    assert what_it_says(chart.figure) == what_it_says(fresh)  # the marks and legend too
    assert ax.get_ylim() == fresh.axes[0].get_ylim()


def test_a_chart_is_made_anew_for_another_metric_or_other_agents(day):
    chart = ipo.plots.ReportedVsTrueChart()
    rows = ipo.accuracy(day)
    chart.png(rows, "answered", day.people)
    first = chart.figure
    chart.png(rows, "logged_in_time", day.people)
    assert chart.figure is not first
    other = ipo.simulate(SMALL.replace(agents=4))
    chart.png(ipo.accuracy(other), "logged_in_time", other.people)
    assert len(chart.figure.axes[0].patches) == 2 * 4
    assert chart.redrawn == 0


def test_a_chart_refuses_a_metric_it_does_not_know_and_keeps_its_picture(day):
    chart = ipo.plots.ReportedVsTrueChart()
    png = chart.png(ipo.accuracy(day), "answered")
    with pytest.raises(ipo.ScenarioError, match="'speed'"):
        chart.png(ipo.accuracy(day), "speed")
    assert chart.png(ipo.accuracy(day), "answered") == png


def test_the_error_plot_puts_group_mode_beside_the_three_modes_ccc_can_monitor(small_sweep):
    fig = error_by_logon_share(small_sweep, ["presented", "logged_in_time"])
    assert [ax.get_title() for ax in fig.axes] == [
        "calls presented, Group mode (not monitorable)",
        "calls presented, Linear, Circular, Most Idle",
        "logged-in time, Group mode (not monitorable)",
        "logged-in time, Linear, Circular, Most Idle",
    ]
    assert [[line.get_label() for line in ax.get_lines()] for ax in fig.axes[:2]] == [
        ["Group"],
        ["Linear", "Circular", "Most Idle"],
    ]


def test_each_column_has_its_own_scale_so_the_tips_modes_do_not_look_like_zero(small_sweep):
    fig = error_by_logon_share(small_sweep, ["presented"])
    group, recommended = fig.axes
    worst = max(max(line.get_ydata()) for line in recommended.get_lines())
    assert worst > 0
    assert recommended.get_ylim()[1] == pytest.approx(1.08 * worst)
    assert group.get_ylim()[1] > 5 * recommended.get_ylim()[1]


def test_an_error_that_is_zero_everywhere_lies_on_the_floor_of_a_readable_axis():
    right = ipo.SweepResult(
        SMALL,
        tuple(ipo.SweepPoint(m, s, 1, (("talk_time", 0.0),)) for m in MODES for s in (0.0, 1.0)),
    )
    fig = error_by_logon_share(right)
    assert all(ax.get_ylim() == (0, 1) for ax in fig.axes)


def test_the_error_plot_says_what_is_measured_in_minutes_and_over_how_many_days(small_sweep):
    fig = error_by_logon_share(small_sweep, ["presented", "logged_in_time"])
    labels = [ax.get_ylabel().replace("\n", " ") for ax in fig.axes]
    assert labels[0] == "mean absolute error per agent (calls)"
    assert labels[2] == "mean absolute error per agent (min)"
    mean = dict(small_sweep.mean_error("logged_in_time")[ipo.HuntMode.LINEAR])
    line = fig.axes[3].get_lines()[0]
    assert list(line.get_ydata()) == pytest.approx([mean[s] / 60 for s in (0.0, 0.5, 1.0)])
    assert fig.get_suptitle() == (
        "How wrong CCC is, by share of logon agents\n6 agents, 40% sharing desks, "
        "3-hour days, 2 days a point (24 days in all)"
    )


def test_the_palette_tells_idle_from_wrap_up_and_each_mode_by_marker_and_dash():
    from matplotlib.colors import to_rgb

    from ipo_core.callcentre.plots import MODE_STYLES, STATE_COLOURS

    idle, wrap_up = to_rgb(STATE_COLOURS["idle"]), to_rgb(STATE_COLOURS["wrap-up"])
    assert sum(abs(a - b) for a, b in zip(idle, wrap_up, strict=True)) > 0.9
    assert len({style[0] for style in MODE_STYLES.values()}) == 4
    assert len({style[1:] for style in MODE_STYLES.values()}) == 4


def test_an_agents_day_shows_the_truth_above_what_ccc_showed(day):
    name = next(p.name for p in day.people if not p.is_logon_agent)
    fig = agent_day(
        name, ipo.agent_states(day, name, "true"), ipo.agent_states(day, name, "reported")
    )
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["reported by CCC", "true"]
    assert ax.get_title() == f"{name}'s day"


@pytest.mark.parametrize(
    ("is_logon_agent", "said"), [(True, ": a logon agent"), (False, ": not a logon agent")]
)
def test_an_agents_day_says_whether_they_are_a_logon_agent(day, is_logon_agent, said):
    name = day.people[0].name
    states = ipo.agent_states(day, name, "true")
    fig = agent_day(name, states, states, is_logon_agent=is_logon_agent)
    assert fig.axes[0].get_title() == f"{name}'s day{said}"


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("seed", [1, 2])
def test_the_sweeps_quick_summary_equals_the_full_accuracy_table(mode, seed):
    shift = ipo.simulate(SMALL.replace(hunt_mode=mode, logon_share=0.5, seed=seed, shifts=2))
    rows = ipo.accuracy(shift)
    summary = ipo.accuracy_summary(shift)
    for metric in ipo.AGENT_METRICS:
        errors = [abs(r.error) for r in rows if r.metric == metric and r.scope.startswith("agent ")]
        assert summary[metric] == pytest.approx(sum(errors) / len(errors)), metric


# --- a supervisor's own site ------------------------------------------------------------------


def test_the_sweep_starts_from_a_site_and_the_plot_marks_where_it_stands_today():
    result = ipo.sweep(
        "workshop_floor", group="Sales", modes=MODES, shares=(0.0, 0.5, 1.0), seeds=(1,), workers=1
    )
    assert result.site_group == "Sales"
    assert result.base == ipo.Scenario.from_site("workshop_floor", "Sales")
    fig = error_by_logon_share(result, ["not_answered"])
    group, recommended = fig.axes
    star = next(line for line in group.get_lines() if line.get_label() == "Sales today")
    today = dict(result.mean_error("not_answered")[ipo.HuntMode.GROUP])[0.5]
    assert (list(star.get_xdata()), list(star.get_ydata())) == ([50.0], [today])
    assert "Sales today" not in [line.get_label() for line in recommended.get_lines()]
    assert fig.get_suptitle().startswith(
        "How wrong CCC is, by share of logon agents\nSales of the site file, 4 agents, 8-hour"
    )


# --- the lessons' sweeps: every share, as the explorer's ----------------------------------

LESSONS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
ALL_SHARES = [f"{share:.0%}" for share in SHARES]  # 0%, 10% ... 100%


def sweeps_of(lesson: Path) -> dict[str, ast.Call]:
    """Each ``name = ipo.sweep(...)`` of the lesson's code, by the name it is kept under."""
    found = {}
    for cell in json.loads(lesson.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                if ast.unparse(node.value.func) == "ipo.sweep":
                    found[ast.unparse(node.targets[0])] = node.value
    return found


def plotted(lesson: Path) -> list[str]:
    """The sweep results the lesson draws with ``error_by_logon_share``."""
    return [
        ast.unparse(node.args[0])
        for cell in json.loads(lesson.read_text(encoding="utf-8"))["cells"]
        if cell["cell_type"] == "code"
        for node in ast.walk(ast.parse("".join(cell["source"])))
        if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("error_by_logon_share")
    ]


def share_rows(lesson: Path) -> list[list[str]]:
    """Every printed line of the committed outputs that names shares (``0%``, ``10%`` ...)."""
    rows = []
    for cell in json.loads(lesson.read_text(encoding="utf-8"))["cells"]:
        for out in cell.get("outputs", []):
            for line in "".join(out.get("text", "")).splitlines():
                shares = re.findall(r"(?<![\d.])(\d+)%", line)
                if len(shares) >= 3:
                    rows.append([f"{s}%" for s in shares])
    return rows


@pytest.mark.parametrize("lesson", [p for p in LESSONS if sweeps_of(p)], ids=lambda p: p.stem)
def test_every_sweep_a_lesson_runs_and_plots_has_all_eleven_shares(lesson):
    sweeps = sweeps_of(lesson)
    for name, call in sweeps.items():
        shares = [ast.unparse(k.value) for k in call.keywords if k.arg == "shares"]
        assert shares == [], f"{lesson.stem}: {name} sweeps shares {shares[0]}, not all 11"
    assert set(plotted(lesson)) <= set(sweeps), "a plot of a sweep the lesson did not run"
    rows = share_rows(lesson)
    assert rows, f"{lesson.stem} prints no sweep table"
    assert all(row == ALL_SHARES for row in rows), rows  # as run and committed
