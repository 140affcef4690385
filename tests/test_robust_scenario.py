"""Bad input to the shift simulator: every Scenario field refuses what simulate could not run.

A Scenario checks each field for kind, range and finiteness when it is made, and refuses
with a ScenarioError that names the field and quotes the value (at most about 100
characters of it, ``ipo_core.quoting.quote``): never an OverflowError or a ValueError from
a number too long to print, never a rate so large that the day would not end, and never a
value that simulate then refuses.
"""

from __future__ import annotations

import pytest

import ipo_core as ipo
from ipo_core.callcentre.scenario import MAX_CALLS_IN_A_DAY, MAX_CALLS_PER_HOUR
from ipo_core.quoting import quote

HUGE = 10**5000  # Python will not repr it: a message must still quote it
BIG = 10**400  # too large for a float


# (field, bad value, what the message must hold besides the quoted value)
BAD_FIELDS = [
    ("agents", HUGE, "agents="),
    ("hunt_mode", HUGE, "hunt_mode="),
    ("hunt_mode", ["Linear"], "hunt_mode="),
    ("logon_share", HUGE, "logon_share="),
    ("hot_desk_share", HUGE, "hot_desk_share="),
    ("hours", HUGE, "hours="),
    ("calls_per_hour", HUGE, "calls_per_hour="),
    ("calls_per_hour", MAX_CALLS_PER_HOUR + 1, "calls_per_hour="),
    ("calls_per_hour", 100_000, "calls_per_hour="),
    ("seed", HUGE, "seed="),
    ("seed", 2**64, "seed="),
    ("shifts", HUGE, "shifts="),
    ("stations", HUGE, "stations="),
    ("breaks", ((BIG, 60.0),), "breaks="),
    ("breaks", ((1e308, 60.0),), "break"),
    ("breaks", ((60.0, 1e308),), "break"),
    ("arrivals_by_hour", (BIG,), "arrivals_by_hour="),
    ("arrivals_by_hour", (1.0, BIG), "arrivals_by_hour="),
    ("arrivals_by_hour", ((1.0, 2.0),), "arrivals_by_hour="),  # a pair is no weight
    ("answer_delay", ((0, 1), (2,)), "answer_delay="),
    ("breaks", ((0.0, 60.0), (2.0,)), "breaks="),
    ("handle_time", HUGE, "handle_time="),
    ("answer_delay", (0.0, BIG), "answer_delay="),
    ("answer_delay", (0.0, 1e308), "answer_delay="),
    ("answer_delay", (HUGE, 1.0), "answer_delay="),
    ("no_answer_time", HUGE, "no_answer_time="),
    ("no_answer_time", 15.0, "no_answer_time="),
    ("no_answer_time", 2.5, "no_answer_time="),
    ("patience", HUGE, "patience="),
    ("wrap_up_time", HUGE, "wrap_up_time="),
    ("wrap_up_time", 2.0, "wrap_up_time="),
    ("wrap_up_time", 2.5, "wrap_up_time="),
    ("service_level_time", HUGE, "service_level_time="),
]


@pytest.mark.parametrize(
    ("field", "value", "names"),
    BAD_FIELDS,
    ids=[f"{f}-{type(v).__name__}-{i}" for i, (f, v, _) in enumerate(BAD_FIELDS)],
)
def test_a_bad_field_is_a_scenario_error_that_names_it_and_quotes_the_value(field, value, names):
    with pytest.raises(ipo.ScenarioError) as refused:
        ipo.Scenario(**{field: value})
    message = str(refused.value)
    assert names in message
    if isinstance(value, tuple) and names == "break":  # one break of the tuple is quoted
        assert all(quote(x) in message for x in value[0])
    else:
        assert quote(value) in message
    assert len(message) < 600


def test_a_scenario_quotes_a_huge_number_by_its_size():
    with pytest.raises(ipo.ScenarioError, match="an integer of about 5,000 digits"):
        ipo.Scenario(hours=HUGE)


def test_the_busiest_hour_of_a_shaped_day_is_held_to_the_ceiling():
    # 1,000 calls an hour on average, all of them in the first of 24 hours: 24,000 then.
    peaked = (1.0,) + (0.0,) * 23
    with pytest.raises(ipo.ScenarioError, match=r"24,000 calls in the busiest hour"):
        ipo.Scenario(calls_per_hour=1000, arrivals_by_hour=peaked)


def test_a_day_of_more_calls_than_the_simulator_plays_is_refused():
    with pytest.raises(ipo.ScenarioError, match=f"at most {MAX_CALLS_IN_A_DAY:,} in a day"):
        ipo.Scenario(hours=1000, calls_per_hour=MAX_CALLS_PER_HOUR)


def test_replace_refuses_what_the_scenario_refuses():
    with pytest.raises(ipo.ScenarioError, match="no_answer_time=15.0"):
        ipo.Scenario().replace(no_answer_time=15.0)


def test_weights_near_the_float_limit_shape_the_day_as_their_ratios_do():
    base = {"agents": 4, "hours": 2, "calls_per_hour": 60, "seed": 3}
    huge = ipo.simulate(ipo.Scenario(**base, arrivals_by_hour=(1e308, 1e308)))
    flat = ipo.simulate(ipo.Scenario(**base, arrivals_by_hour=(1.0, 1.0)))
    assert huge.queue_log() == flat.queue_log()
