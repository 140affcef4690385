"""Fuzzing the shift simulator's Scenario: generated fields of every kind, and small days run.

The promises checked, for thousands of scenarios under ``make fuzz``:

* ``Scenario(**fields)`` either builds or raises an :class:`ipo_core.IpoError` (a
  ScenarioError, or WrongType) whose message quotes no value at length; never anything else;
* a Scenario that was built holds only values of its fields' kinds, within range, is
  hashable (it keys a cache), and equals itself rebuilt from its fields;
* ``replace`` with generated changes builds or refuses the same way, and a refusal leaves the
  scenario as it was;
* a small Scenario that was built runs: ``simulate`` raises nothing, one seed gives one day,
  the log is in time order within the day, and every call is counted once.

``test_simulation.py`` has the hand-picked refusals; this draws the fields at random.
"""

from __future__ import annotations

import dataclasses
import math

import hypothesis.strategies as st
import pytest
from fuzzing import COUNTS, check_message, fuzz_settings, report_counts, wrong_kinds
from hypothesis import given

import ipo_core as ipo

SCENARIOS = "scenarios"
BUILT = "scenarios built"
DAYS = "days simulated"
#: make fuzz promises at least this many scenarios, built or refused, in all.
MIN_SCENARIOS = 3_000

FIELDS = {f.name: f for f in dataclasses.fields(ipo.Scenario)}
INTS = ("agents", "seed", "shifts", "stations", "no_answer_time", "wrap_up_time")
NUMBERS = (
    "logon_share",
    "hot_desk_share",
    "hours",
    "calls_per_hour",
    "handle_time",
    "patience",
    "service_level_time",
)

finite = st.floats(-1e6, 1e6, allow_nan=False) | st.integers(-10, 10**6)
numbers = st.one_of(
    st.integers(-3, 700),
    st.floats(-2, 2),
    finite,
    st.sampled_from([0, 0.25, 1, 1.0, 0.5, 1e-9, 8, 600, 7200, 100_000, 1000]),
)
tuples_of_numbers = st.one_of(
    st.lists(numbers | wrong_kinds(), max_size=4).map(tuple),
    st.lists(st.floats(0, 5), max_size=4).map(tuple),
    wrong_kinds(),
)
pairs = st.one_of(
    st.lists(st.tuples(numbers, numbers), max_size=3).map(tuple),
    st.lists(st.lists(numbers, max_size=3).map(tuple), max_size=3).map(tuple),
    st.lists(st.tuples(numbers, numbers), max_size=3),  # a list, not a tuple
    wrong_kinds(),
)
modes = st.one_of(
    st.sampled_from(list(ipo.HuntMode)),
    st.sampled_from(["Linear", "Group", "most idle", "Circular", "Rotary", "", "٣"]),
    wrong_kinds(),
)


def field_value(name: str) -> st.SearchStrategy[object]:
    """A value for Scenario field ``name``: mostly near its range, often of another kind."""
    if name == "hunt_mode":
        return modes
    if name == "breaks":
        return pairs
    if name in ("arrivals_by_hour", "answer_delay"):
        return tuples_of_numbers
    return st.one_of(numbers, numbers, wrong_kinds())


fields_strategy = st.fixed_dictionaries(
    {}, optional={name: field_value(name) for name in sorted(FIELDS)}
)


def build(fields: dict[str, object]) -> ipo.Scenario | None:
    """``Scenario(**fields)``, or None when it is refused with an IpoError (and only that)."""
    COUNTS[SCENARIOS] += 1
    try:
        scenario = ipo.Scenario(**fields)  # type: ignore[arg-type]
    except ipo.IpoError as error:
        check_message(error)
        return None
    COUNTS[BUILT] += 1
    return scenario


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def check_built(scenario: ipo.Scenario) -> None:
    """A Scenario that was built holds values of its fields' kinds, and keys a cache."""
    for name in INTS:
        value = getattr(scenario, name)
        assert type(value) is int, f"{name}={value!r}"  # not a bool, not a float
    for name in NUMBERS:
        assert is_number(getattr(scenario, name)), f"{name}={getattr(scenario, name)!r}"
    assert isinstance(scenario.hunt_mode, ipo.HuntMode)
    assert isinstance(scenario.breaks, tuple)
    for pair in scenario.breaks:
        assert isinstance(pair, tuple)
        assert len(pair) == 2
        assert all(map(is_number, pair))
    for name in ("answer_delay", "arrivals_by_hour"):
        value = getattr(scenario, name)
        assert isinstance(value, tuple), f"{name}={value!r}"
        assert all(map(is_number, value)), f"{name}={value!r}"
    assert len(scenario.answer_delay) == 2
    assert 1 <= scenario.agents
    assert 1 <= scenario.shifts <= scenario.agents
    assert scenario.hours > 0
    assert scenario.calls_per_hour >= 0
    hash(scenario)
    repr(scenario)
    rebuilt = ipo.Scenario(**{f: getattr(scenario, f) for f in FIELDS})
    assert rebuilt == scenario
    assert hash(rebuilt) == hash(scenario)


@fuzz_settings(modest=150, thorough=2500)
@given(fields=fields_strategy)
def test_a_scenario_is_built_with_good_fields_or_refused_with_an_ipo_error(
    fields: dict[str, object],
) -> None:
    scenario = build(fields)
    if scenario is not None:
        check_built(scenario)


@fuzz_settings(modest=60, thorough=800)
@given(
    changes=st.fixed_dictionaries(
        {},
        optional={
            **{name: field_value(name) for name in sorted(FIELDS)},
            "colour": st.just("red"),
            "agent": st.integers(1, 5),
        },
    )
)
def test_replace_builds_or_refuses_and_a_refusal_changes_nothing(
    changes: dict[str, object],
) -> None:
    COUNTS[SCENARIOS] += 1
    base = ipo.Scenario(agents=4, hours=1)
    before = dataclasses.astuple(base)
    try:
        changed = base.replace(**changes)
    except ipo.IpoError as error:
        check_message(error)
    else:
        COUNTS[BUILT] += 1
        check_built(changed)
    assert dataclasses.astuple(base) == before, "replace changed the scenario it copies"


@fuzz_settings(modest=30, thorough=400)
@given(
    site=st.sampled_from(["tech_tip_014", "workshop_floor", "no_such_site", "no/such/site.toml"])
    | wrong_kinds(),
    group=st.none() | st.sampled_from(["Sales", "200", "Support", "sales", "999"]) | wrong_kinds(),
    changes=st.fixed_dictionaries(
        {}, optional={name: field_value(name) for name in ("agents", "hours", "seed")}
    ),
)
def test_a_scenario_from_a_site_is_built_or_refused_with_an_ipo_error(
    site: object, group: object, changes: dict[str, object]
) -> None:
    COUNTS[SCENARIOS] += 1
    try:
        scenario = ipo.Scenario.from_site(site, group, **changes)  # type: ignore[arg-type]
    except ipo.IpoError as error:
        check_message(error)
        return
    COUNTS[BUILT] += 1
    check_built(scenario)


small_days = st.fixed_dictionaries(
    {
        "agents": st.integers(1, 6),
        "hours": st.sampled_from([0.25, 0.5, 1]),
        "calls_per_hour": st.sampled_from([0, 0.5, 10, 40, 90]),
        "seed": st.integers(-(2**70), 2**70),
    },
    optional={
        "hunt_mode": st.sampled_from(list(ipo.HuntMode)),
        "logon_share": st.floats(0, 1),
        "hot_desk_share": st.floats(0, 1),
        "shifts": st.integers(1, 3),
        "stations": st.integers(0, 8),
        "breaks": st.lists(st.tuples(st.floats(0, 3600), st.floats(1e-3, 1800)), max_size=2).map(
            tuple
        ),
        "arrivals_by_hour": st.lists(st.floats(0, 3), min_size=1, max_size=3).map(tuple),
        "handle_time": st.sampled_from([1, 30, 240.5]),
        "answer_delay": st.tuples(st.floats(0, 5), st.floats(5, 20)),
        "no_answer_time": st.integers(1, 30),
        "patience": st.sampled_from([1, 20, 120]),
        "wrap_up_time": st.integers(0, 20),
        "service_level_time": st.integers(1, 60),
    },
)


@fuzz_settings(modest=12, thorough=250)
@given(fields=small_days)
def test_a_small_scenario_that_was_built_runs_and_counts_every_call_once(
    fields: dict[str, object],
) -> None:
    scenario = build(fields)
    if scenario is None:
        return
    COUNTS[DAYS] += 1
    shift = ipo.simulate(scenario)
    assert shift.scenario == scenario
    times = [e.time for e in shift.events]
    assert times == sorted(times), "the day's log is not in time order"
    assert all(0 <= t <= shift.end for t in times)
    queued = [e.call for e in shift.events if e.kind == ipo.EventKind.CALL_QUEUED]
    assert len(queued) == len(set(queued)), "a call arrived twice"
    for kind in (ipo.EventKind.CALL_ANSWERED, ipo.EventKind.CALL_ABANDONED):
        calls = [e.call for e in shift.events if e.kind == kind]
        assert len(calls) == len(set(calls)), f"a call is counted twice as {kind.value}"
        assert set(calls) <= set(queued)
    answered = {e.call for e in shift.events if e.kind == ipo.EventKind.CALL_ANSWERED}
    abandoned = {e.call for e in shift.events if e.kind == ipo.EventKind.CALL_ABANDONED}
    assert not answered & abandoned, "a call both answered and abandoned"
    assert ipo.simulate(scenario).queue_log() == shift.queue_log(), "one seed, two days"


@pytest.fixture(scope="module", autouse=True)
def _count(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    yield
    report_counts(request, {SCENARIOS: MIN_SCENARIOS, BUILT: 0, DAYS: 0})
