"""The four hunt modes as strategies: in what order each tries the members (rule R8).

Each mode is a small class with one method, ``order(members, ctx)``; these tables
give it hand-built contexts and read back the order.  Who is *available* is not a
mode's business (see test_calls.py): a mode only orders the list.
"""

from __future__ import annotations

import pytest

from ipo_core.site.hunt_groups import HuntMode
from ipo_core.switch.hunting import (
    HUNT_ORDERS,
    Circular,
    GroupRinging,
    HuntContext,
    HuntOrder,
    Linear,
    MostIdle,
)

MEMBERS = ("3000", "3001", "3002", "3003")


def ctx(last_answered: str | None = None, **idle: float) -> HuntContext:
    """A context; ``idle`` is written ``m3001=12.0`` for member 3001's last call ending at 12 s."""
    return HuntContext(last_answered, {k.removeprefix("m"): v for k, v in idle.items()})


# --- which strategy each mode uses ----------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "strategy", "rings_all"),
    [
        (HuntMode.GROUP, GroupRinging, True),
        (HuntMode.LINEAR, Linear, False),
        (HuntMode.CIRCULAR, Circular, False),
        (HuntMode.MOST_IDLE, MostIdle, False),
    ],
)
def test_each_mode_has_one_strategy_and_only_group_rings_everyone_at_once(
    mode, strategy, rings_all
):
    assert type(HUNT_ORDERS[mode]) is strategy
    assert isinstance(HUNT_ORDERS[mode], HuntOrder)
    assert HUNT_ORDERS[mode].rings_all is rings_all


@pytest.mark.parametrize(
    ("later_name", "name"),
    [
        ("Collective", "Group"),
        ("Sequential", "Linear"),
        ("Rotary", "Circular"),
        ("Longest Waiting", "Most Idle"),
    ],
)
def test_the_4_0_names_find_the_same_strategy_as_the_1_3_names(later_name, name):
    assert HUNT_ORDERS[HuntMode.from_name(later_name)] is HUNT_ORDERS[HuntMode.from_name(name)]


def test_the_table_covers_exactly_the_four_modes():
    assert set(HUNT_ORDERS) == set(HuntMode)
    assert len(HUNT_ORDERS) == 4


def test_the_base_class_leaves_the_order_to_its_subclasses():
    with pytest.raises(NotImplementedError):
        HuntOrder().order(MEMBERS, ctx())


def test_a_context_defaults_to_no_previous_answer_and_nobody_ever_called():
    assert HuntContext() == HuntContext(None, {})


# --- Group and Linear: the list as Manager holds it -------------------------------------------


@pytest.mark.parametrize("strategy", [GroupRinging(), Linear()])
@pytest.mark.parametrize(
    "context",
    [
        ctx(),
        ctx("3002"),
        ctx("3003", m3000=50.0, m3001=10.0),
        ctx(None, m3000=1.0, m3001=2.0, m3002=3.0, m3003=4.0),
    ],
    ids=["nothing known", "after an answer", "answers and idle times", "all idle times"],
)
def test_group_and_linear_always_give_the_list_in_manager_order(strategy, context):
    assert strategy.order(MEMBERS, context) == MEMBERS


@pytest.mark.parametrize("strategy", [GroupRinging(), Linear(), Circular(), MostIdle()])
def test_every_mode_orders_a_list_given_as_a_list_and_returns_a_tuple(strategy):
    assert strategy.order(list(MEMBERS), ctx()) == MEMBERS


@pytest.mark.parametrize("strategy", [GroupRinging(), Linear(), Circular(), MostIdle()])
def test_every_mode_orders_an_empty_group_as_nobody(strategy):
    assert strategy.order((), ctx("3000", m3000=1.0)) == ()


@pytest.mark.parametrize("strategy", [GroupRinging(), Linear(), Circular(), MostIdle()])
@pytest.mark.parametrize(
    "context",
    [ctx(), ctx("3001"), ctx("3003", m3002=5.0, m3000=1.0)],
    ids=["empty", "last", "both"],
)
def test_every_mode_tries_each_member_exactly_once(strategy, context):
    ordered = strategy.order(MEMBERS, context)
    assert sorted(ordered) == sorted(MEMBERS)


# --- Circular: after the member who answered the previous call (R8) ---------------------------


@pytest.mark.parametrize(
    ("last_answered", "expected"),
    [
        (None, ("3000", "3001", "3002", "3003")),  # no previous call: from the top
        ("3000", ("3001", "3002", "3003", "3000")),
        ("3001", ("3002", "3003", "3000", "3001")),
        ("3002", ("3003", "3000", "3001", "3002")),
        ("3003", ("3000", "3001", "3002", "3003")),  # the last in the list: back to the top
        ("3999", ("3000", "3001", "3002", "3003")),  # no longer a member: from the top
    ],
)
def test_circular_starts_just_after_the_member_who_answered_the_previous_call(
    last_answered, expected
):
    assert Circular().order(MEMBERS, ctx(last_answered)) == expected


def test_circular_ignores_how_long_members_have_been_idle():
    context = ctx("3001", m3002=0.0, m3003=999.0, m3000=50.0)
    assert Circular().order(MEMBERS, context) == ("3002", "3003", "3000", "3001")


def test_circular_with_a_single_member_rings_that_member():
    assert Circular().order(("3000",), ctx("3000")) == ("3000",)


# --- Most Idle: the member whose last call ended longest ago first (R8) -----------------------


@pytest.mark.parametrize(
    ("idle", "expected"),
    [
        ({}, ("3000", "3001", "3002", "3003")),  # nobody has had a call: list order
        (
            {"3000": 40.0, "3001": 30.0, "3002": 20.0, "3003": 10.0},
            ("3003", "3002", "3001", "3000"),  # the earliest end first
        ),
        (
            {"3000": 10.0, "3001": 10.0, "3002": 10.0, "3003": 10.0},
            ("3000", "3001", "3002", "3003"),  # all tied: list order
        ),
        (
            {"3000": 5.0, "3002": 5.0, "3001": 1.0},
            ("3003", "3001", "3000", "3002"),  # never called first; the 5.0 tie in list order
        ),
        (
            {"3000": 7.0, "3002": 3.0},
            ("3001", "3003", "3002", "3000"),  # two never called, in list order, then by end
        ),
        (
            {"3000": 0.0, "3001": 0.0},
            ("3002", "3003", "3000", "3001"),  # a call ending at 0 s is still a call
        ),
        (
            {"3003": 100.0, "3000": 99.5},
            ("3001", "3002", "3000", "3003"),
        ),
    ],
    ids=[
        "nobody called",
        "by end time",
        "all tied",
        "never called then tie",
        "two never called",
        "ended at time zero",
        "half a second apart",
    ],
)
def test_most_idle_offers_the_member_idle_longest_first(idle, expected):
    assert MostIdle().order(MEMBERS, HuntContext(None, idle)) == expected


def test_most_idle_ignores_who_answered_the_previous_call():
    assert MostIdle().order(MEMBERS, ctx("3000", m3001=5.0)) == ("3000", "3002", "3003", "3001")


def test_most_idle_ignores_idle_times_of_people_not_in_the_group():
    context = ctx(None, m3999=-100.0, m3000=3.0)
    assert MostIdle().order(MEMBERS, context) == ("3001", "3002", "3003", "3000")


def test_most_idle_ties_follow_the_list_as_given_not_extension_order():
    members = ("3003", "3001", "3002", "3000")
    assert MostIdle().order(members, ctx(None, m3003=1.0, m3000=1.0)) == (
        "3001",
        "3002",
        "3003",
        "3000",
    )


# --- the module's own story ----------------------------------------------------------------


def test_a_strategy_does_not_change_the_context_it_is_given():
    idle = {"3000": 50.0, "3001": 10.0}
    context = HuntContext("3001", idle)
    for strategy in HUNT_ORDERS.values():
        strategy.order(MEMBERS, context)
    assert context == HuntContext("3001", {"3000": 50.0, "3001": 10.0})


def test_a_context_is_frozen():
    context = ctx("3000")
    with pytest.raises(AttributeError):
        context.last_answered = "3001"  # type: ignore[misc]
