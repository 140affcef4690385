"""The accuracy explorer, driven headless: set a control's value, see the day follow."""

from __future__ import annotations

import doctest
import re
import warnings
from typing import Any

import ipywidgets as w
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ipo_core as ipo
import widgets.explorer
from widgets.base import StatusLine
from widgets.explorer import AccuracyExplorer

SMALL = ipo.Scenario(agents=6, hours=2, calls_per_hour=60, logon_share=0.5, hot_desk_share=0.4)
TINY_SWEEP = ipo.Scenario(agents=4, hours=0.25, calls_per_hour=20)
PNG = b"\x89PNG\r\n\x1a\n"
EVERY_MODE = tuple(ipo.HuntMode)
MONITORABLE = tuple(m for m in EVERY_MODE if m.can_be_monitored)


def explorer_of(scenario: ipo.Scenario = SMALL, **kwargs: Any) -> AccuracyExplorer:
    return AccuracyExplorer(scenario, sweep_base=TINY_SWEEP, workers=1, **kwargs)


def text(markup: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", markup)).strip()


def view_of(widget: w.Widget) -> list[tuple[str, dict[str, Any]]]:
    """Everything the trainee sees, child by child (the status line, a history, aside)."""
    if isinstance(widget, StatusLine):
        return []
    seen = []
    for part in (widget, widget.layout):
        state = {
            key: bytes(value) if isinstance(value, memoryview) else value
            for key, value in part.get_state().items()
            if "IPY_MODEL_" not in repr(value)
        }
        seen.append((type(part).__name__, state))
    for child in getattr(widget, "children", ()):
        seen.extend(view_of(child))
    return seen


# --- the module's own story ----------------------------------------------------------------


def test_the_module_story_runs_as_written():
    result = doctest.testmod(widgets.explorer, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_the_module_lists_its_one_public_name():
    assert widgets.explorer.__all__ == ["AccuracyExplorer"]
    assert issubclass(AccuracyExplorer, widgets.base.View)


# --- controls drive the scenario -------------------------------------------------------------


@pytest.mark.parametrize(
    ("control", "value", "field", "expected"),
    [
        ("agents", 8, "agents", 8),
        ("logon_share", 0.2, "logon_share", 0.2),
        ("logon_share", 1.0, "logon_share", 1.0),
        ("hunt_mode", ipo.HuntMode.GROUP, "hunt_mode", ipo.HuntMode.GROUP),
        ("hunt_mode", ipo.HuntMode.MOST_IDLE, "hunt_mode", ipo.HuntMode.MOST_IDLE),
        ("hot_desk_share", 0.0, "hot_desk_share", 0.0),
        ("shifts", 2, "shifts", 2),
        ("calls_per_hour", 30, "calls_per_hour", 30),
        ("seed", 7, "seed", 7),
    ],
)
def test_each_control_changes_its_field_of_the_scenario_and_nothing_else(
    control, value, field, expected
):
    explorer = explorer_of()
    getattr(explorer, control).value = value
    assert explorer.scenario == SMALL.replace(**{field: expected})
    assert explorer.shift == ipo.simulate(explorer.scenario)
    assert explorer.rows == ipo.accuracy(explorer.shift)


def test_the_controls_show_the_scenario_the_explorer_opens_on():
    scenario = ipo.Scenario(
        agents=9,
        hunt_mode=ipo.HuntMode.CIRCULAR,
        logon_share=0.3,
        hot_desk_share=0.2,
        shifts=2,
        calls_per_hour=90,
        seed=4,
        hours=2,
    )
    explorer = explorer_of(scenario)
    shown = (
        explorer.agents.value,
        explorer.hunt_mode.value,
        explorer.logon_share.value,
        explorer.hot_desk_share.value,
        explorer.shifts.value,
        explorer.calls_per_hour.value,
        explorer.seed.value,
    )
    assert shown == (9, ipo.HuntMode.CIRCULAR, 0.3, 0.2, 2, 90, 4)
    assert explorer.scenario == scenario


def test_the_hunt_mode_buttons_use_the_1_3_names_and_say_which_ccc_reports_wrongly():
    explorer = explorer_of()
    assert explorer.hunt_mode.options == tuple((m.value, m) for m in EVERY_MODE)
    assert [m.value for m in EVERY_MODE] == ["Group", "Linear", "Circular", "Most Idle"]
    assert "CCC, CCV and CBC report it wrongly" in explorer.hunt_mode.tooltips[0]
    assert "Collective" in explorer.hunt_mode.tooltips[0]
    assert all("wrongly" not in tip for tip in explorer.hunt_mode.tooltips[1:])


def test_the_shares_are_sliders_in_tenths_shown_as_percentages():
    explorer = explorer_of()
    for slider in (explorer.logon_share, explorer.hot_desk_share):
        assert (slider.min, slider.max, slider.step, slider.readout_format) == (0, 1, 0.1, ".0%")
        assert slider.continuous_update is False  # a drag simulates once, on release


def test_a_scenario_beyond_a_controls_usual_range_widens_it_instead_of_changing_the_day():
    scenario = ipo.Scenario(agents=60, calls_per_hour=700, hours=0.5, shifts=5)
    explorer = explorer_of(scenario)
    assert explorer.scenario == scenario
    assert (explorer.agents.value, explorer.agents.max) == (60, 60)
    assert (explorer.calls_per_hour.value, explorer.calls_per_hour.max) == (700, 700)
    assert explorer.shifts.value == 5


def test_the_default_day_is_twenty_agents_half_of_them_logon_agents_some_sharing_desks():
    explorer = AccuracyExplorer()
    assert (explorer.scenario.agents, explorer.scenario.logon_share) == (20, 0.5)
    assert explorer.scenario.hot_desk_share == 0.3


# --- plots and tables follow ----------------------------------------------------------------


def test_the_reported_plot_is_a_png_that_changes_when_the_scenario_does():
    explorer = explorer_of()
    before = explorer.reported_plot.value
    assert bytes(before).startswith(PNG)
    explorer.logon_share.value = 0.0
    after = explorer.reported_plot.value
    assert bytes(after).startswith(PNG)
    assert after != before


def test_the_figure_picker_redraws_the_reported_plot_and_marks_its_row_of_the_table():
    explorer = explorer_of()
    presented = explorer.reported_plot.value
    explorer.metric_picker.value = "logged_in_time"
    assert explorer.reported_plot.value.tobytes().startswith(PNG)
    assert explorer.reported_plot.value != presented
    marked = re.findall(r"<tr><td style='[^']*font-weight:600'>([^<]*)</td>", explorer.table.value)
    assert marked == ["logged-in time"]
    explorer.metric_picker.value = "presented"
    assert explorer.reported_plot.value == presented


def test_the_figure_picker_offers_every_per_agent_figure_in_words():
    explorer = explorer_of()
    assert [label for label, _ in explorer.metric_picker.options] == [
        "calls presented",
        "calls answered",
        "calls not answered",
        "calls abandoned while ringing",
        "logged-in time",
        "talk time",
        "occupancy",
    ]
    assert [m for _, m in explorer.metric_picker.options] == list(ipo.AGENT_METRICS)
    # A supervisor opens on a figure that non-logon agents and Group mode both get wrong.
    assert explorer.metric_picker.value == "presented"


def test_the_agents_day_is_drawn_only_while_its_section_is_open():
    explorer = explorer_of()
    assert explorer.day_section.selected_index is None
    assert explorer.day_plot.value == b""
    explorer.day_section.selected_index = 0
    first = explorer.day_plot.value
    assert bytes(first).startswith(PNG)
    explorer.logon_share.value = 0.0
    assert explorer.day_plot.value.tobytes().startswith(PNG)
    assert explorer.day_plot.value != first
    explorer.day_section.selected_index = None
    assert explorer.day_plot.value == b""


def test_the_agent_picker_lists_the_people_and_redraws_their_day():
    explorer = explorer_of(show_day=True)
    assert explorer.agent_picker.options == tuple(p.name for p in explorer.shift.people)
    assert explorer.agent_picker.options == ("Ann", "Bob", "Cat", "Dan", "Eve", "Fay")
    anns_day = explorer.day_plot.value
    explorer.agent_picker.value = "Eve"
    assert explorer.day_plot.value.tobytes().startswith(PNG)
    assert explorer.day_plot.value != anns_day


def test_the_agent_picker_follows_the_people_keeping_the_chosen_agent_while_they_work():
    explorer = explorer_of(agent="Fay")
    explorer.agents.value = 8
    assert explorer.agent_picker.options == ("Ann", "Bob", "Cat", "Dan", "Eve", "Fay", "Gus", "Hal")
    assert explorer.agent_picker.value == "Fay"
    explorer.agents.value = 4
    assert explorer.agent_picker.options == ("Ann", "Bob", "Cat", "Dan")
    assert explorer.agent_picker.value == "Ann"


@pytest.mark.parametrize("mode", MONITORABLE, ids=lambda m: m.value)
@pytest.mark.parametrize("hot_desk_share", [0.0, 0.4])
def test_with_every_agent_a_logon_agent_and_a_monitorable_group_every_figure_is_right(
    mode, hot_desk_share
):
    explorer = explorer_of()
    explorer.hunt_mode.value = mode
    explorer.hot_desk_share.value = hot_desk_share
    explorer.logon_share.value = 1.0
    assert explorer.headline_text == "CCC reported every figure right for all 6 agents."
    assert "0 of 6" in text(explorer.table.value)
    assert "1 of 6" not in text(explorer.table.value)


def test_with_no_logon_agents_and_desk_sharing_ccc_gets_figures_wrong_and_says_why():
    explorer = explorer_of()
    explorer.hot_desk_share.value = 0.4
    explorer.logon_share.value = 0.0
    explorer.metric_picker.value = "logged_in_time"
    assert explorer.headline_text == (
        "CCC reported 1 of 6 agents' logged-in time wrongly; 2 of 6 agents have at least one "
        "figure wrong."
    )
    table = text(explorer.table.value)
    assert "a non-logon agent cannot log off" in table
    assert "logged-in time 1 of 6: " in table
    assert "→" in table


def test_in_group_mode_figures_are_wrong_even_with_every_agent_a_logon_agent():
    explorer = explorer_of(metric="presented")
    explorer.logon_share.value = 1.0
    explorer.hunt_mode.value = ipo.HuntMode.GROUP
    assert explorer.headline_text == "CCC reported 6 of 6 agents' calls presented wrongly."
    assert "In Group mode CCC counts every ring as presented" in text(explorer.table.value)


def test_the_table_gives_the_largest_gap_of_each_figure_with_its_explanation():
    explorer = explorer_of(ipo.Scenario(agents=6, hours=2, logon_share=0.0, hot_desk_share=0.4))
    rows = [r for r in explorer.rows if r.metric == "logged_in_time" and r.is_wrong]
    largest = max(rows, key=lambda r: abs(r.error))
    table = text(explorer.table.value)
    assert largest.explanation in table
    assert f"{largest.name}: " in table


def test_the_status_line_says_which_day_is_shown():
    explorer = explorer_of()
    calls = next(r for r in explorer.rows if r.metric == "calls").true
    assert explorer.status.text == (
        f"One simulated day: 6 agents, 2 h, {calls:.0f} calls to Sales, seed 1."
    )


# --- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"agents": 2, "shifts": 3}, r"shifts=3 is more than agents=2: every shift needs someone"),
        ({"seed": "x"}, r"seed='x' must be a whole number"),
        ({"logon_share": 1.5}, r"logon_share=1.5 is out of range: give a number from 0 to 1"),
        ({"queue": 3}, r"has no field 'queue'"),
    ],
)
def test_a_refused_change_is_shown_in_the_status_line_and_the_day_stays_as_it_was(changes, message):
    explorer = explorer_of(show_day=True)
    before = view_of(explorer)
    explorer.change_scenario(**changes)
    assert re.search(message, explorer.status.text)
    assert "ipo-error" in explorer.status.value
    assert "Traceback" not in explorer.status.value
    assert explorer.scenario == SMALL
    assert view_of(explorer) == before


def test_a_control_the_scenario_refuses_snaps_back_to_the_day_shown():
    explorer = explorer_of(ipo.Scenario(agents=2, hours=1))
    explorer.shifts.value = 3
    assert "shifts=3 is more than agents=2" in explorer.status.text
    assert explorer.shifts.value == 1
    assert explorer.scenario.shifts == 1
    explorer.shifts.value = 2  # and the next change works as usual
    assert explorer.scenario.shifts == 2
    assert explorer.status.text.startswith("One simulated day")


def test_a_bug_is_not_caught_it_stays_loud(monkeypatch):
    explorer = explorer_of()

    def broken(scenario):
        raise RuntimeError("the simulator broke")

    monkeypatch.setattr(ipo, "simulate", broken)
    with pytest.raises(RuntimeError, match="the simulator broke"):
        explorer.seed.value = 9
    assert "broke" not in explorer.status.text
    assert explorer.scenario == SMALL
    assert explorer.seed.value == SMALL.seed  # redrawn from the model on the way out


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"metric": "smiles"}, r"There is no figure 'smiles'"),
        ({"agent": "Zed"}, r"There is no agent 'Zed'\. Known: Ann, Bob"),
    ],
)
def test_a_bad_choice_when_building_the_explorer_raises_at_once(kwargs, message):
    with pytest.raises(ipo.UnknownName, match=message):
        explorer_of(**kwargs)


# --- the sweep ---------------------------------------------------------------------------


def test_the_sweep_moves_its_progress_bar_to_the_total_and_plots_the_result():
    explorer = explorer_of()
    seen: list[tuple[int, int]] = []
    disabled: list[bool] = []
    explorer.sweep_progress.observe(
        lambda c: seen.append((explorer.sweep_progress.value, explorer.sweep_progress.max)),
        names="value",
    )
    explorer.sweep_button.observe(lambda c: disabled.append(c["new"]), names="disabled")
    assert explorer.sweep_plot.layout.display == "none"
    assert explorer.sweep_label.value.startswith("not run yet")

    explorer.sweep_button.click()

    assert isinstance(explorer.sweep_progress, w.IntProgress)
    total = 4 * 11 * 5
    assert seen[-1] == (total, total)
    assert [done for done, _ in seen] == list(range(1, total + 1))
    assert explorer.sweep_label.value == f"{total}/{total} days"
    assert disabled == [True, False]  # off while it ran, on again after
    assert explorer.sweep_result is not None
    assert explorer.sweep_result.base == TINY_SWEEP
    assert explorer.sweep_plot.value.tobytes().startswith(PNG)
    assert explorer.sweep_plot.layout.display is None
    assert explorer.status.text == (
        f"Swept {total} days of 4 agents: every hunt mode at every share of logon agents."
    )


def test_the_sweep_result_stays_when_the_day_changes():
    explorer = explorer_of()
    explorer.sweep_button.click()
    plot = explorer.sweep_plot.value
    explorer.logon_share.value = 0.0
    assert explorer.sweep_plot.value == plot
    assert explorer.sweep_progress.value == explorer.sweep_progress.max == 220


def test_a_refused_sweep_is_shown_in_the_status_line_and_the_button_works_again():
    explorer = AccuracyExplorer(SMALL, sweep_base=TINY_SWEEP, workers=0)
    explorer.sweep_button.click()
    assert "workers=0 must be a whole number, 1 or more" in explorer.status.text
    assert explorer.sweep_button.disabled is False
    assert explorer.sweep_result is None


# --- no domain state in the widgets ---------------------------------------------------------

ACTIONS = st.one_of(
    st.tuples(st.just("agents"), st.integers(4, 8)),
    st.tuples(st.just("logon_share"), st.sampled_from([i / 10 for i in range(11)])),
    st.tuples(st.just("hunt_mode"), st.sampled_from(EVERY_MODE)),
    st.tuples(st.just("hot_desk_share"), st.sampled_from([0.0, 0.3, 0.5, 1.0])),
    st.tuples(st.just("shifts"), st.sampled_from([1, 2, 3])),
    st.tuples(st.just("calls_per_hour"), st.sampled_from([0, 30, 60])),
    st.tuples(st.just("seed"), st.integers(0, 5)),
    st.tuples(st.just("metric_picker"), st.sampled_from(ipo.AGENT_METRICS)),
    st.tuples(st.just("agent_picker"), st.integers(0, 7)),
    st.tuples(st.just("day_section"), st.sampled_from([None, 0])),
    st.tuples(st.just("refused"), st.sampled_from([{"shifts": 9}, {"seed": 1.5}])),
)


def act(explorer: AccuracyExplorer, action: tuple[str, Any]) -> None:
    control, value = action
    if control == "refused":
        explorer.change_scenario(**value)
    elif control == "agent_picker":
        names = explorer.agent_picker.options
        explorer.agent_picker.value = names[value % len(names)]
    elif control == "day_section":
        explorer.day_section.selected_index = value
    else:
        getattr(explorer, control).value = value


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=st.lists(ACTIONS, max_size=6))
def test_after_any_changes_the_view_is_a_fresh_render_of_the_same_scenario(actions):
    explorer = AccuracyExplorer(ipo.Scenario(agents=6, hours=1, calls_per_hour=40))
    for action in actions:
        act(explorer, action)
    fresh = AccuracyExplorer(
        explorer.scenario,
        metric=explorer.metric_picker.value,
        agent=explorer.agent_picker.value,
        show_day=explorer.day_section.selected_index is not None,
    )
    assert fresh.shift == explorer.shift
    assert fresh.rows == explorer.rows
    assert view_of(fresh) == view_of(explorer)


# --- quiet ---------------------------------------------------------------------------------


def test_driving_the_explorer_writes_nothing_to_stderr_and_warns_about_nothing(capfd):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        explorer = explorer_of(show_day=True)
        explorer.hunt_mode.value = ipo.HuntMode.GROUP
        explorer.logon_share.value = 0.0
        explorer.metric_picker.value = "occupancy"
        explorer.agent_picker.value = "Cat"
        explorer.change_scenario(agents=2, shifts=3)
        explorer.sweep_button.click()
    assert [str(c.message) for c in caught] == []
    assert capfd.readouterr().err == ""


# --- a supervisor's own site ------------------------------------------------------------------


def test_the_explorer_opens_on_a_sites_hunt_group():
    site = ipo.load_site("workshop_floor")
    explorer = AccuracyExplorer(site=site, group="Sales", workers=1)
    assert explorer.scenario == ipo.Scenario.from_site(site, "Sales")
    assert (explorer.agents.value, explorer.logon_share.value, explorer.hunt_mode.value) == (
        4,
        0.5,
        ipo.HuntMode.GROUP,
    )
    assert explorer.status.text.startswith("One simulated day: 4 agents, 8 h,")
    explorer.logon_share.value = 1.0  # the controls move the site's day like any other
    assert explorer.scenario == ipo.Scenario.from_site(site, "Sales", logon_share=1.0)


def test_the_explorers_sweep_sweeps_the_site_and_marks_it(monkeypatch):
    asked: list[tuple[object, object]] = []
    real = ipo.sweep

    def small_sweep(base, *, group=None, **kwargs):
        asked.append((base, group))
        return real(base, group=group, shares=(0.0, 0.5, 1.0), seeds=(1,), **kwargs)

    monkeypatch.setattr(ipo, "sweep", small_sweep)
    explorer = AccuracyExplorer(site="workshop_floor", group="Support", workers=1)
    explorer.sweep_button.click()
    assert asked == [("workshop_floor", "Support")]
    assert explorer.sweep_result is not None
    assert explorer.sweep_result.site_group == "Support"
    assert explorer.sweep_plot.value.tobytes().startswith(PNG)


def test_the_explorer_takes_a_scenario_or_a_site_not_both():
    with pytest.raises(ipo.ScenarioError, match="a scenario or a site, not both"):
        AccuracyExplorer(SMALL, site="workshop_floor")


def test_the_explorers_pictures_mark_who_is_not_a_logon_agent(monkeypatch):
    drawn: dict[str, Any] = {}
    real_day = ipo.plots.agent_day

    def day(*args, **kwargs):
        drawn["day"] = kwargs
        return real_day(*args, **kwargs)

    monkeypatch.setattr(ipo.plots, "agent_day", day)
    explorer = explorer_of(show_day=True)
    # The bars are the chart that marks the day's people who are not logon agents.
    marked = ipo.plots.ReportedVsTrueChart(dpi=widgets.explorer.DPI).png(
        explorer.rows, explorer.metric_picker.value, explorer.shift.people
    )
    unmarked = ipo.plots.ReportedVsTrueChart(dpi=widgets.explorer.DPI).png(
        explorer.rows, explorer.metric_picker.value
    )
    assert explorer.reported_plot.value == marked != unmarked
    chosen = next(p for p in explorer.shift.people if p.name == explorer.agent_picker.value)
    assert drawn["day"]["is_logon_agent"] is chosen.is_logon_agent
