"""Calls to hunt groups on a running System: ringing, No Answer Time, queueing, answer, wrap-up.

Every test builds a small office by hand:

=====  ====  ======  ===========  ==========  =========================================
user   ext   model   Force Login  login code  note
=====  ====  ======  ===========  ==========  =========================================
Ann    3000  4612    yes          1000        ExtnLogout on button 1, Dial *36 on 2
Bob    3001  6416D+  yes          1001
Cat    3002  4606    yes          1002        2 x 16 display, no Menu keys
Dan    3003  4612    yes          1003        not in Sales: a spare desk
=====  ====  ======  ===========  ==========  =========================================

Hunt group **Sales** (200) has members Ann, Bob, Cat in that order, in the mode the
test asks for.  Each member also has a one-member Linear group of their own
(**Line3000** 300, **Line3001** 301, **Line3002** 302), which is how a test puts a
member on a call, or in wrap-up, without touching Sales.  Unless a test says
otherwise every member is logged on at their own desk, wrap-up time is 0 and the
No Answer Time is 15 s (rule R9).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

import ipo_core as ipo
from ipo_core.errors import CallStateError
from ipo_core.switch.calls import Call

K = ipo.EventKind
LINEAR, CIRCULAR, MOST_IDLE, GROUP = "Linear", "Circular", "Most Idle", "Group"
SEQUENTIAL_MODES = [LINEAR, CIRCULAR, MOST_IDLE]
ALL_MODES = [*SEQUENTIAL_MODES, GROUP]

ANN, BOB, CAT, DAN = "3000", "3001", "3002", "3003"
MEMBERS = (ANN, BOB, CAT)
AGENTS = {
    # extension: (name, login code, handset)
    ANN: ("Ann", "1000", "4612"),
    BOB: ("Bob", "1001", "6416D+"),
    CAT: ("Cat", "1002", "4606"),
    DAN: ("Dan", "1003", "4612"),
}
CODE = {ext: code for ext, (_, code, _) in AGENTS.items()}
CALL_EVENTS = {
    K.CALL_QUEUED,
    K.CALL_OFFERED,
    K.CALL_NOT_ANSWERED,
    K.CALL_ANSWERED,
    K.CALL_ABANDONED,
    K.CALL_ENDED,
    K.WRAP_UP_OVER,
}


def office(
    mode: str = LINEAR,
    *,
    on: tuple[str, ...] = MEMBERS,
    wrap: dict[str, int] | None = None,
    no_answer_time: int = 15,
    queuing: bool = True,
) -> ipo.System:
    """The office above, booted, with the users in ``on`` logged on at their own desks."""
    cfg = ipo.Config()
    for ext, (name, code, model) in AGENTS.items():
        cfg.add_extension(ext, model=model)
        cfg.add_user(
            ipo.User(
                name,
                ext,
                force_login=True,
                login_code=code,
                wrap_up_time=(wrap or {}).get(ext, 0),
            )
        )
    cfg.set_button("Ann", 1, ipo.Button.extn_logout())
    cfg.set_button("Ann", 2, ipo.Button.dial("*36"))
    cfg.add_hunt_group(
        ipo.HuntGroup("Sales", "200", mode, MEMBERS, no_answer_time=no_answer_time, queuing=queuing)
    )
    for i, ext in enumerate(MEMBERS):
        cfg.add_hunt_group(ipo.HuntGroup(f"Line{ext}", f"30{i}", ipo.HuntMode.LINEAR, (ext,)))
    system = ipo.System(cfg)
    for ext in on:
        assert system.log_in(ext, None, CODE[ext]).ok, ext
    return system


def log_on_by_short_code(system: ipo.System, ext: str, station: str) -> ipo.Display:
    """The tech tip's method 2 at ``station``; the handset stays lifted (R7)."""
    return system.phone(station).dial(f"*35*{ext}*{CODE[ext]}#")


def ringing_phones(system: ipo.System) -> tuple[str, ...]:
    """Base extensions of the phones ringing now."""
    return tuple(p.extension for p in system.phones if p.state == "ringing")


def story(system: ipo.System, since: int = 0) -> list[tuple]:
    """The call events of the log from index ``since``: (time, kind, user, call, detail)."""
    return [
        (e.time, e.kind, e.user, e.call, e.detail)
        for e in system.events[since:]
        if e.kind in CALL_EVENTS
    ]


def ring_sequence(system: ipo.System, call: Call, rings: int, every: float = 15) -> list:
    """Who ``call`` rings now, then after each further ``every`` seconds."""
    seen = [call.alerting]
    for _ in range(rings - 1):
        system.advance(every)
        seen.append(call.alerting)
    return seen


def take_private_call(system: ipo.System, ext: str, talk: float = 0) -> Call:
    """``ext`` answers a call to their own one-member group and talks ``talk`` s (not ended)."""
    call = system.incoming_call(f"Line{ext}")
    system.answer_call(call, ext)
    system.advance(talk)
    return call


def assert_consistent(system: ipo.System) -> None:
    """Phones and calls agree: a phone rings only for a logged-on user the call is ringing."""
    for phone in system.phones:
        call = system.call_at(phone.extension)
        if phone.state == "ringing":
            assert phone.user is not None, f"{phone.extension} rings with nobody logged on"
            assert call is not None, phone
            assert phone.user.extension in call.alerting, phone
        if call is not None and call.state == "alerting" and phone.user is not None:
            if phone.user.extension in call.alerting:
                assert phone.state == "ringing", phone
    for call in system.calls:
        for user in call.alerting:
            station = system.location_of(user)
            assert station is not None, f"{call} rings {user}, who is logged on nowhere"
            assert system.phone(station).state == "ringing", (call, station)


# --- making a member unavailable (reference section 4) --------------------------------------


def logged_off(system: ipo.System, ext: str) -> None:
    system.log_out(ext)


def on_a_call(system: ipo.System, ext: str) -> None:
    take_private_call(system, ext)


def in_wrap_up(system: ipo.System, ext: str) -> None:
    system.end_call(take_private_call(system, ext))


def off_hook(system: ipo.System, ext: str) -> None:
    system.phone(ext).lift()


def on_dnd(system: ipo.System, ext: str) -> None:
    phone = system.phone(ext)
    assert phone.dial("*08").lines[1] == "DND on"
    phone.hang_up()


def ringing_for_another_call(system: ipo.System, ext: str) -> None:
    system.incoming_call(f"Line{ext}")


UNAVAILABLE = {
    "logged off": logged_off,
    "on a call": on_a_call,
    "in wrap-up": in_wrap_up,
    "off-hook": off_hook,
    "on DND": on_dnd,
    "ringing for another call": ringing_for_another_call,
}


@pytest.mark.parametrize("why", list(UNAVAILABLE))
def test_a_member_is_unavailable_when(why):
    system = office(wrap={BOB: 300})
    assert system.is_available(BOB)
    UNAVAILABLE[why](system, BOB)
    assert not system.is_available(BOB)
    assert system.is_available(ANN)


# --- who rings first, and next, in each mode -----------------------------------------------


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        (LINEAR, [(ANN,), (BOB,), (CAT,), (ANN,)]),
        (CIRCULAR, [(ANN,), (BOB,), (CAT,), (ANN,)]),
        (MOST_IDLE, [(ANN,), (BOB,), (CAT,), (ANN,)]),
        (GROUP, [(ANN, BOB, CAT)] * 4),
    ],
)
def test_with_everyone_free_each_mode_rings_in_list_order_moving_on_every_no_answer_time(
    mode, expected
):
    system = office(mode)
    call = system.incoming_call("200")
    assert ring_sequence(system, call, 4) == expected
    assert call.state == "alerting"


@pytest.mark.parametrize("why", list(UNAVAILABLE))
@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        (LINEAR, [(ANN,), (CAT,), (ANN,)]),
        (CIRCULAR, [(ANN,), (CAT,), (ANN,)]),
        (MOST_IDLE, [(ANN,), (CAT,), (ANN,)]),
        (GROUP, [(ANN, CAT)] * 3),
    ],
)
def test_every_mode_skips_a_member_who_is(mode, expected, why):
    system = office(mode, wrap={BOB: 300})
    UNAVAILABLE[why](system, BOB)
    call = system.incoming_call("200")
    assert ring_sequence(system, call, 3) == expected
    assert (BOB in ringing_phones(system)) == (why == "ringing for another call")


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        (LINEAR, [(BOB,), (CAT,), (BOB,)]),
        (CIRCULAR, [(BOB,), (CAT,), (BOB,)]),
        (MOST_IDLE, [(BOB,), (CAT,), (BOB,)]),
        (GROUP, [(BOB, CAT)] * 3),
    ],
)
def test_with_the_top_member_logged_off_each_mode_starts_at_the_next(mode, expected):
    system = office(mode, on=(BOB, CAT))
    call = system.incoming_call("200")
    assert ring_sequence(system, call, 3) == expected


@pytest.mark.parametrize("mode", SEQUENTIAL_MODES)
def test_a_single_free_member_is_rung_again_after_each_no_answer_time(mode):
    system = office(mode, on=(CAT,))
    call = system.incoming_call("200")
    assert ring_sequence(system, call, 3) == [(CAT,)] * 3
    assert [(t, k, u, d) for t, k, u, _, d in story(system)] == [
        (0.0, K.CALL_QUEUED, None, ""),
        (0.0, K.CALL_OFFERED, CAT, ""),
        (15.0, K.CALL_NOT_ANSWERED, CAT, "no answer"),
        (15.0, K.CALL_OFFERED, CAT, ""),
        (30.0, K.CALL_NOT_ANSWERED, CAT, "no answer"),
        (30.0, K.CALL_OFFERED, CAT, ""),
    ]


@pytest.mark.parametrize("no_answer_time", [1, 15, 40])
def test_the_call_moves_on_exactly_when_the_groups_no_answer_time_runs_out(no_answer_time):
    system = office(LINEAR, no_answer_time=no_answer_time)
    call = system.incoming_call("200")
    system.advance(no_answer_time - 0.5)
    assert call.alerting == (ANN,)
    system.advance(0.5)
    assert call.alerting == (BOB,)
    assert ringing_phones(system) == (BOB,)


def test_the_no_answer_time_runs_from_when_the_call_starts_ringing_that_member():
    system = office(LINEAR, on=(ANN,))
    system.phone(ANN).lift()
    system.advance(10)
    call = system.incoming_call("200")  # waits: Ann is off-hook
    system.advance(5)
    system.phone(ANN).hang_up()  # rings Ann at 15 s
    system.advance(14)
    assert call.alerting == (ANN,)
    assert [e.time for e in system.events if e.kind is K.CALL_NOT_ANSWERED] == []
    system.advance(1)
    assert [e.time for e in system.events if e.kind is K.CALL_NOT_ANSWERED] == [30.0]


# --- Linear, Circular, Most Idle across calls -----------------------------------------------


@pytest.mark.parametrize(
    ("mode", "second_call_rings"),
    [(LINEAR, ANN), (CIRCULAR, CAT), (MOST_IDLE, ANN)],
)
def test_where_the_next_call_starts_after_bob_answered_the_last_one(mode, second_call_rings):
    """Call 1 rang Ann, rang out, and Bob took it: Linear restarts at the top, Circular
    goes on after Bob, Most Idle offers Ann (never had a call, first in the list)."""
    system = office(mode)
    first = system.incoming_call("200")
    system.advance(15)
    system.answer_call(first, BOB)
    system.advance(30)
    system.end_call(first)
    second = system.incoming_call("200")
    assert second.alerting == (second_call_rings,)


@pytest.mark.parametrize(
    ("mode", "answerers"),
    [
        (LINEAR, [ANN, ANN, ANN, ANN, ANN]),
        (CIRCULAR, [ANN, BOB, CAT, ANN, BOB]),
        (MOST_IDLE, [ANN, BOB, CAT, ANN, BOB]),
        (GROUP, [ANN, ANN, ANN, ANN, ANN]),
    ],
)
def test_successive_calls_each_taken_where_they_first_ring(mode, answerers):
    system = office(mode)
    taken = []
    for _ in answerers:
        call = system.incoming_call("200")
        who = call.alerting[0]
        system.advance(3)
        system.answer_call(call, who)
        system.advance(60)
        system.end_call(call)
        system.advance(5)
        taken.append(call.answered_by)
    assert taken == answerers


def test_linear_starts_every_call_at_the_top_even_while_the_top_member_was_just_used():
    system = office(LINEAR)
    for _ in range(3):
        call = system.incoming_call("200")
        assert call.alerting == (ANN,)
        system.answer_call(call)
        system.end_call(call)


def test_circular_continues_after_the_last_answerer_even_if_they_are_still_on_the_call():
    system = office(CIRCULAR)
    first = system.incoming_call("200")
    system.answer_call(first, ANN)
    second = system.incoming_call("200")
    assert second.alerting == (BOB,)
    system.answer_call(second, BOB)
    third = system.incoming_call("200")
    assert third.alerting == (CAT,)


def test_circular_wraps_past_the_end_of_the_list_and_skips_whoever_is_unavailable():
    system = office(CIRCULAR, on=(ANN, BOB))
    first = system.incoming_call("200")
    system.advance(15)
    system.answer_call(first, BOB)  # next after Bob is Cat, logged off: back to Ann
    system.end_call(first)
    assert system.incoming_call("200").alerting == (ANN,)


def test_circular_counts_only_answers_to_its_own_group():
    system = office(CIRCULAR)
    system.end_call(take_private_call(system, BOB))  # Bob answers Line3001, not Sales
    assert system.incoming_call("200").alerting == (ANN,)


def test_circular_goes_on_after_the_answerer_not_after_the_member_rung_last():
    system = office(CIRCULAR)
    first = system.incoming_call("200")
    system.advance(30)  # Ann, then Bob, rang out: it rings Cat now
    assert first.alerting == (CAT,)
    system.answer_call(first, CAT)
    system.end_call(first)
    assert system.incoming_call("200").alerting == (ANN,)


def end_calls_in_order(system: ipo.System, order: tuple[str, ...]) -> None:
    """Each member of ``order`` takes a private call and ends it 10 s after the one before."""
    for ext in order:
        system.end_call(take_private_call(system, ext, talk=10))


@pytest.mark.parametrize(
    ("ended_in_order", "expected"),
    [
        ((), [(ANN,), (BOB,), (CAT,)]),
        ((CAT, ANN), [(BOB,), (CAT,), (ANN,)]),  # Bob never had a call: idle longest
        ((ANN, BOB, CAT), [(ANN,), (BOB,), (CAT,)]),
        ((CAT, BOB, ANN), [(CAT,), (BOB,), (ANN,)]),
        ((BOB,), [(ANN,), (CAT,), (BOB,)]),
        ((ANN, BOB, CAT, ANN), [(BOB,), (CAT,), (ANN,)]),  # only the latest call counts
    ],
)
def test_most_idle_offers_first_the_member_whose_last_call_ended_longest_ago(
    ended_in_order, expected
):
    system = office(MOST_IDLE)
    end_calls_in_order(system, ended_in_order)
    call = system.incoming_call("200")
    assert ring_sequence(system, call, 3) == expected


def test_most_idle_measures_from_the_end_of_the_call_not_its_start():
    system = office(MOST_IDLE, on=(ANN, BOB))
    ann = take_private_call(system, ANN)  # Ann answers first ...
    system.advance(5)
    bob = take_private_call(system, BOB, talk=5)
    system.end_call(bob)  # ... Bob's call ends first, at 10 s
    system.advance(10)
    system.end_call(ann)  # Ann's at 20 s
    assert system.incoming_call("200").alerting == (BOB,)


def test_most_idle_counts_a_sales_call_like_any_other():
    system = office(MOST_IDLE)
    first = system.incoming_call("200")
    system.answer_call(first, ANN)
    system.advance(20)
    system.end_call(first)
    assert system.incoming_call("200").alerting == (BOB,)


# --- Group mode ------------------------------------------------------------------------------


def test_group_mode_rings_every_available_member_at_once():
    system = office(GROUP)
    call = system.incoming_call("200")
    assert call.alerting == MEMBERS
    assert ringing_phones(system) == MEMBERS
    assert story(system) == [
        (0.0, K.CALL_QUEUED, None, 1, ""),
        (0.0, K.CALL_OFFERED, ANN, 1, ""),
        (0.0, K.CALL_OFFERED, BOB, 1, ""),
        (0.0, K.CALL_OFFERED, CAT, 1, ""),
    ]


def test_in_group_mode_the_first_answer_stops_the_others_ringing():
    system = office(GROUP)
    call = system.incoming_call("200")
    system.advance(4)
    shown = system.phone(BOB).answer()
    assert shown.state == "connected"
    assert call.answered_by == BOB
    assert call.alerting == ()
    assert ringing_phones(system) == ()
    assert system.phone(ANN).state == system.phone(CAT).state == "idle"
    assert story(system)[-3:] == [
        (4.0, K.CALL_ANSWERED, BOB, 1, ""),
        (4.0, K.CALL_NOT_ANSWERED, ANN, 1, "answered by 3001"),
        (4.0, K.CALL_NOT_ANSWERED, CAT, 1, "answered by 3001"),
    ]


def test_group_mode_keeps_ringing_everyone_past_the_no_answer_time():
    system = office(GROUP)
    call = system.incoming_call("200")
    system.advance(300)
    assert call.alerting == MEMBERS
    assert not [e for e in system.events if e.kind is K.CALL_NOT_ANSWERED]


def test_in_group_mode_a_member_who_becomes_free_joins_the_ringing():
    system = office(GROUP, on=(ANN, BOB))
    call = system.incoming_call("200")
    system.advance(5)
    system.log_in(CAT, None, CODE[CAT])
    assert call.alerting == MEMBERS
    assert ringing_phones(system) == MEMBERS


def test_in_group_mode_members_freed_by_an_answer_get_the_next_waiting_call():
    system = office(GROUP, on=(ANN, BOB))
    first = system.incoming_call("200")
    second = system.incoming_call("200")  # both members are ringing for the first
    assert second.state == "queued"
    system.answer_call(first, ANN)
    assert second.alerting == (BOB,)


# --- queueing --------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ALL_MODES)
def test_with_nobody_available_the_call_waits_in_the_queue(mode):
    system = office(mode, on=())
    call = system.incoming_call("200")
    system.advance(120)
    assert call.state == "queued"
    assert call.alerting == ()
    assert call.answered_by is None
    assert ringing_phones(system) == ()
    assert story(system) == [(0.0, K.CALL_QUEUED, None, 1, "")]


def test_with_queuing_off_and_nobody_available_the_caller_gets_busy():
    system = office(LINEAR, on=(), queuing=False)
    call = system.incoming_call("200")
    assert call.state == "ended"
    assert call.ended == 0.0
    assert story(system) == [
        (0.0, K.CALL_QUEUED, None, 1, ""),
        (0.0, K.CALL_ABANDONED, None, 1, "busy: no member free and queuing off"),
    ]


def _busy_until_logged_on(system: ipo.System) -> Callable[[], None]:
    system.log_out(ANN)
    return lambda: system.log_in(ANN, None, CODE[ANN])


def _busy_until_short_code_logon_hung_up(system: ipo.System) -> Callable[[], None]:
    system.log_out(ANN)

    def free() -> None:
        assert log_on_by_short_code(system, ANN, ANN).lines[1] == "Logged on"
        assert system.location_of(ANN) == ANN
        assert ringing_phones(system) == ()  # still off-hook after the short code (R7)
        system.phone(ANN).hang_up()

    return free


def _busy_until_wrap_up_over(system: ipo.System) -> Callable[[], None]:
    system.end_call(take_private_call(system, ANN))  # at 0 s; Ann's wrap-up is 30 s here
    return lambda: system.advance(20)  # called at 10 s


def _busy_until_hung_up(system: ipo.System) -> Callable[[], None]:
    system.phone(ANN).lift()
    return lambda: system.phone(ANN).hang_up()


def _busy_until_dnd_off_by_system(system: ipo.System) -> Callable[[], None]:
    on_dnd(system, ANN)
    return lambda: system.set_dnd(ANN, False)


def _busy_until_dnd_off_by_short_code(system: ipo.System) -> Callable[[], None]:
    on_dnd(system, ANN)

    def free() -> None:
        assert system.phone(ANN).dial("*09").lines[1] == "DND off"
        assert ringing_phones(system) == ()  # off-hook until the handset goes down
        system.phone(ANN).hang_up()

    return free


FREED_BY = {
    "logging on": _busy_until_logged_on,
    "logging on by short code and hanging up": _busy_until_short_code_logon_hung_up,
    "the end of wrap-up": _busy_until_wrap_up_over,
    "hanging up an off-hook phone": _busy_until_hung_up,
    "DND off": _busy_until_dnd_off_by_system,
    "DND off by short code and hanging up": _busy_until_dnd_off_by_short_code,
}


@pytest.mark.parametrize("how", list(FREED_BY))
@pytest.mark.parametrize("mode", ALL_MODES)
def test_a_waiting_call_rings_the_member_who_becomes_free_by(mode, how):
    system = office(mode, on=(ANN,), wrap={ANN: 30})
    free = FREED_BY[how](system)
    call = system.incoming_call("200")
    system.advance(10)
    assert call.state == "queued"
    free()
    assert call.state == "alerting"
    assert call.alerting == (ANN,)
    assert ringing_phones(system) == (ANN,)
    offered = [e for e in system.events if e.kind is K.CALL_OFFERED and e.call == call.number]
    assert [(e.time, e.user, e.station) for e in offered] == [(system.time, ANN, ANN)]


def _menu_logon(system: ipo.System) -> ipo.Display:
    phone = system.phone(ANN)
    for key in ("MENU", "MENU", "RIGHT"):
        phone.press(key)
    phone.press_softkey("Hdesk")
    phone.press_softkey("Logon")
    phone.type(ANN)
    phone.press_softkey("Next")
    phone.type(CODE[ANN])
    return phone.press_softkey("Done")


def _menu_dnd_off(system: ipo.System) -> ipo.Display:
    phone = system.phone(ANN)
    phone.press("MENU")
    phone.press("MENU")
    return phone.press_softkey("DND")


@pytest.mark.parametrize(
    ("before", "menu_action", "second_line"),
    [
        ("logged off", _menu_logon, "Logged on"),
        ("on DND", _menu_dnd_off, "DND off"),
    ],
    ids=["Menu Logon", "Menu DND off"],
)
def test_a_waiting_call_rings_at_once_after_a_menu_action_frees_the_member(
    before, menu_action, second_line
):
    system = office(LINEAR, on=(ANN,))
    UNAVAILABLE[before](system, ANN)
    call = system.incoming_call("200")
    shown = menu_action(system)
    assert call.alerting == (ANN,)
    assert shown.state == "ringing"  # the call replaces the notice on the on-hook phone
    assert system.phone(ANN).lift().state == "connected"
    assert call.answered_by == ANN


def test_waiting_calls_are_offered_oldest_first():
    system = office(LINEAR, on=(ANN,))
    system.phone(ANN).lift()
    calls = []
    for _ in range(3):
        calls.append(system.incoming_call("200"))
        system.advance(5)
    system.phone(ANN).hang_up()
    assert [c.state for c in calls] == ["alerting", "queued", "queued"]
    system.log_in(BOB, None, CODE[BOB])
    assert [c.alerting for c in calls] == [(ANN,), (BOB,), ()]
    system.phone(ANN).answer()
    system.phone(ANN).hang_up()  # wrap-up 0: Ann is free for the last one
    assert calls[2].alerting == (ANN,)


def test_a_member_in_two_groups_gets_the_oldest_waiting_call_of_either():
    system = office(LINEAR, on=(ANN,))
    system.phone(ANN).lift()
    private = system.incoming_call("Line3000")
    system.advance(5)
    sales = system.incoming_call("Sales")
    system.phone(ANN).hang_up()
    assert private.alerting == (ANN,)
    assert sales.state == "queued"


@pytest.mark.parametrize(
    "second_arrives_after",
    [
        5,
        0,
    ],
    ids=["later", "same model time"],
)
def test_a_call_that_rings_out_with_nobody_free_waits_again_ahead_of_later_calls(
    second_arrives_after,
):
    system = office(LINEAR, on=(ANN,))
    first = system.incoming_call("200")
    system.advance(second_arrives_after)
    second = system.incoming_call("200")
    system.set_dnd(ANN, True)  # DND does not stop a call already ringing ...
    assert first.alerting == (ANN,)
    system.advance(15)  # ... but after the No Answer Time it has nowhere to go
    assert first.state == second.state == "queued"
    assert ringing_phones(system) == ()
    system.log_in(BOB, None, CODE[BOB])
    assert first.alerting == (BOB,)
    assert second.state == "queued"


def test_a_member_who_set_dnd_while_a_group_call_rang_stays_out_when_a_colleague_answers():
    system = office(GROUP, on=(ANN, BOB))
    call = system.incoming_call("200")
    system.set_dnd(BOB, True)  # DND does not stop the ring already at Bob's phone ...
    system.answer_call(call, ANN)
    assert not system.is_available(BOB)  # ... but once it stops, DND keeps him out of hunting
    assert system.incoming_call("200").state == "queued"


# --- wrap-up ---------------------------------------------------------------------------------


@pytest.mark.parametrize("wrap_up_time", [0, 2, 45])
def test_a_member_is_offered_the_next_call_only_when_their_wrap_up_time_is_over(wrap_up_time):
    system = office(LINEAR, on=(ANN,), wrap={ANN: wrap_up_time})
    first = system.incoming_call("200")
    system.answer_call(first)
    system.advance(60)
    system.end_call(first)  # at 60 s
    second = system.incoming_call("200")
    if wrap_up_time:
        assert second.state == "queued"
        assert not system.is_available(ANN)
        system.advance(wrap_up_time - 0.5)
        assert second.state == "queued"
        system.advance(0.5)
    assert second.alerting == (ANN,)
    offered = [e.time for e in system.events if e.kind is K.CALL_OFFERED and e.call == 2]
    assert offered == [60.0 + wrap_up_time]


def test_wrap_up_over_is_logged_when_it_ends_and_before_the_next_offer():
    system = office(LINEAR, on=(ANN,), wrap={ANN: 20})
    first = system.incoming_call("200")
    system.answer_call(first)
    system.advance(30)
    system.end_call(first)
    system.incoming_call("200")
    system.advance(20)
    assert story(system)[-4:] == [
        (30.0, K.CALL_ENDED, ANN, 1, ""),
        (30.0, K.CALL_QUEUED, None, 2, ""),
        (50.0, K.WRAP_UP_OVER, ANN, None, ""),
        (50.0, K.CALL_OFFERED, ANN, 2, ""),
    ]


def test_each_member_has_their_own_wrap_up_time():
    system = office(LINEAR, on=(ANN, BOB), wrap={ANN: 0, BOB: 60})
    system.end_call(take_private_call(system, ANN))
    system.end_call(take_private_call(system, BOB))
    assert system.is_available(ANN)
    assert not system.is_available(BOB)
    system.advance(60)
    assert system.is_available(BOB)


def test_a_user_with_no_wrap_up_time_set_gets_two_seconds():
    assert ipo.User("Eve", "3005").wrap_up_time == 2


def test_a_member_in_wrap_up_is_skipped_but_rung_again_once_it_is_over():
    system = office(LINEAR, on=(ANN, BOB), wrap={ANN: 20})
    system.end_call(take_private_call(system, ANN))
    call = system.incoming_call("200")
    assert call.alerting == (BOB,)
    system.advance(15)  # Bob rang out at 15 s, Ann is still in wrap-up: Bob again
    assert call.alerting == (BOB,)
    system.advance(15)  # at 30 s Ann is next
    assert call.alerting == (ANN,)


# --- abandonment -----------------------------------------------------------------------------


def test_a_caller_who_hangs_up_while_queued_leaves_the_queue():
    system = office(LINEAR, on=())
    gone = system.incoming_call("200")
    system.advance(40)
    system.abandon_call(gone)
    assert gone.state == "ended"
    assert gone.ended == 40.0
    assert gone.answered_by is None
    waiting = system.incoming_call("200")
    system.log_in(ANN, None, CODE[ANN])
    assert waiting.alerting == (ANN,)
    assert gone.alerting == ()
    assert story(system)[:2] == [
        (0.0, K.CALL_QUEUED, None, 1, ""),
        (40.0, K.CALL_ABANDONED, None, 1, ""),
    ]


@pytest.mark.parametrize("mode", ALL_MODES)
def test_a_caller_who_hangs_up_while_ringing_stops_every_phone(mode):
    system = office(mode)
    call = system.incoming_call("200")
    system.advance(20)
    rang = call.alerting
    system.abandon_call(call)
    assert call.state == "ended"
    assert call.alerting == ()
    assert ringing_phones(system) == ()
    assert all(system.is_available(m) for m in MEMBERS)
    tail = story(system)[-len(rang) - 1 :]
    assert tail == [
        *[(20.0, K.CALL_NOT_ANSWERED, m, 1, "abandoned") for m in rang],
        (20.0, K.CALL_ABANDONED, None, 1, ""),
    ]
    before = len(system.events)
    system.advance(60)  # a No Answer timer still due finds nothing to move
    assert system.events[before:] == ()


def test_a_member_freed_by_an_abandoned_call_gets_the_next_waiting_one():
    system = office(LINEAR, on=(ANN,))
    first = system.incoming_call("200")
    second = system.incoming_call("200")
    system.abandon_call(first)
    assert second.alerting == (ANN,)


@pytest.mark.parametrize("act", ["answer", "end", "abandon"])
@pytest.mark.parametrize("state", ["queued", "alerting", "connected", "ended"])
def test_a_call_refuses_what_its_state_does_not_allow(act, state):
    system = office(LINEAR, on=(ANN,))
    if state == "queued":
        system.phone(ANN).lift()
    call = system.incoming_call("200")
    if state in ("connected", "ended"):
        system.answer_call(call, ANN)
    if state == "ended":
        system.end_call(call)
    assert call.state == state
    allowed = {
        "answer": {"alerting"},
        "end": {"connected"},
        "abandon": {"queued", "alerting"},
    }[act]
    do = {
        "answer": lambda: system.answer_call(call, ANN),
        "end": lambda: system.end_call(call),
        "abandon": lambda: system.abandon_call(call),
    }[act]
    if state in allowed:
        do()
    else:
        before = system.events
        with pytest.raises(CallStateError, match=rf"^Call 1 is {state}"):
            do()
        assert system.events == before
        assert call.state == state


# --- handsets --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ext", "lines"),
    [
        (ANN, ("Call for Sales", "555 0100")),  # 4612
        (BOB, ("Call for Sales", "555 0100")),  # 6416D+
        (CAT, ("Call for Sales", "555 0100")),  # 4606, 16 characters
    ],
)
def test_a_ringing_phone_shows_the_group_and_the_caller(ext, lines):
    system = office(LINEAR, on=(ext,))
    call = system.incoming_call("200", caller="555 0100")
    screen = system.phone(ext).screen
    assert screen.state == "ringing"
    assert screen.lines == lines
    assert screen.tone is ipo.Tone.RINGING
    assert screen.off_hook is False
    assert system.call_at(ext) is call


def test_the_caller_defaults_to_outside_call():
    system = office(LINEAR)
    system.incoming_call("200")
    assert system.phone(ANN).display == ("Call for Sales", "Outside call")


@pytest.mark.parametrize("take", ["answer", "lift"])
def test_answering_or_lifting_a_ringing_phone_connects_the_call(take):
    system = office(LINEAR)
    call = system.incoming_call("200")
    system.advance(3)
    shown = getattr(system.phone(ANN), take)()
    assert shown.state == "connected"
    assert shown.lines == ("Sales call", "Outside call")
    assert shown.off_hook is True
    assert call.state == "connected"
    assert call.answered_by == ANN
    assert call.station == ANN
    assert system.call_at(ANN) is call
    assert story(system)[-1] == (3.0, K.CALL_ANSWERED, ANN, 1, "")


def test_hanging_up_ends_the_call_and_the_phone_goes_back_to_its_idle_display():
    system = office(LINEAR)
    call = system.incoming_call("200")
    phone = system.phone(ANN)
    phone.answer()
    system.advance(90)
    shown = phone.hang_up()
    assert shown.state == "idle"
    assert shown.lines[0].split() == ["Ann", ANN]
    assert call.state == "ended"
    assert call.ended == 90.0
    assert call.answered_by == ANN
    assert system.call_at(ANN) is None
    assert story(system)[-1] == (90.0, K.CALL_ENDED, ANN, 1, "")


def test_ending_the_call_from_the_system_puts_the_handset_down():
    system = office(LINEAR)
    call = system.incoming_call("200")
    system.answer_call(call)
    system.end_call(call)
    assert system.phone(ANN).state == "idle"
    assert system.phone(ANN).is_off_hook is False


@pytest.mark.parametrize(
    ("key", "state_after"),
    [
        ("hang_up", "ringing"),  # hanging up does not reject the call
        ("press_button_2", "ringing"),  # a Dial *36 button does nothing while it rings
    ],
)
def test_keys_that_mean_nothing_while_a_call_rings_leave_it_ringing(key, state_after):
    system = office(LINEAR)
    call = system.incoming_call("200")
    phone = system.phone(ANN)
    shown = phone.hang_up() if key == "hang_up" else phone.press_button(2)
    assert shown.ignored
    assert shown.state == state_after
    assert call.alerting == (ANN,)


def test_answer_on_a_phone_that_is_not_ringing_does_nothing():
    system = office(LINEAR)
    shown = system.phone(ANN).answer()
    assert shown.ignored
    assert shown.state == "idle"


def test_a_dial_button_does_nothing_during_a_call():
    system = office(LINEAR)
    call = system.incoming_call("200")
    phone = system.phone(ANN)
    phone.answer()
    shown = phone.press_button(2)  # Dial *36
    assert shown.ignored
    assert "does nothing during a call" in shown.note
    assert call.state == "connected"
    assert system.location_of(ANN) == ANN


def test_a_hunt_group_call_rings_the_member_at_the_desk_they_are_logged_on_at():
    system = office(LINEAR, on=())
    log_on_by_short_code(system, ANN, DAN)
    system.phone(DAN).hang_up()
    call = system.incoming_call("200")
    assert ringing_phones(system) == (DAN,)
    assert system.phone(ANN).display[0].split() == ["NoUser", ANN]
    system.phone(DAN).lift()
    assert call.answered_by == ANN
    assert call.station == DAN


# --- logoff during a call (deferred) ---------------------------------------------------------


def test_an_extn_logout_button_during_a_call_logs_off_when_the_call_ends():
    system = office(LINEAR)
    call = system.incoming_call("200")
    phone = system.phone(ANN)
    phone.answer()
    system.advance(30)
    shown = phone.press_button(1)
    assert shown.lines == ("Sales call", "Logoff after call")
    assert shown.state == "connected"
    assert system.location_of(ANN) == ANN  # still on, still talking
    assert call.state == "connected"
    system.advance(45)
    shown = phone.hang_up()
    assert system.location_of(ANN) is None
    assert shown.lines[0].split() == ["NoUser", ANN]
    kinds = [
        (e.time, e.kind, e.detail)
        for e in system.events
        if e.user == ANN and e.kind in (K.LOGOFF_PENDING, K.CALL_ENDED, K.LOGOFF)
    ]
    assert kinds == [
        (30.0, K.LOGOFF_PENDING, ""),
        (75.0, K.CALL_ENDED, ""),
        (75.0, K.LOGOFF, "after the call"),
    ]


def test_a_member_logged_off_after_their_call_is_not_offered_the_next_one():
    system = office(LINEAR, wrap={ANN: 5})
    call = system.incoming_call("200")
    system.phone(ANN).answer()
    system.phone(ANN).press_button(1)
    system.phone(ANN).hang_up()
    system.advance(10)
    assert not [e for e in system.events if e.kind is K.WRAP_UP_OVER]
    assert system.incoming_call("200").alerting == (BOB,)
    assert call.state == "ended"


def test_system_log_out_during_a_call_is_deferred_too():
    system = office(LINEAR)
    call = system.incoming_call("200")
    system.answer_call(call)
    outcome = system.log_out(ANN)
    assert (outcome.ok, outcome.text) == (True, "Logoff after call")
    assert system.phone(ANN).display == ("Sales call", "Logoff after call")
    assert system.location_of(ANN) == ANN
    system.end_call(call)
    assert system.location_of(ANN) is None


def test_an_extn_logout_button_while_a_call_rings_logs_off_at_once_and_the_call_moves_on():
    system = office(LINEAR)
    call = system.incoming_call("200")
    system.advance(5)
    shown = system.phone(ANN).press_button(1)
    assert shown.lines == ("NoUser              3000", "Logged off")
    assert system.location_of(ANN) is None
    assert call.alerting == (BOB,)
    assert ringing_phones(system) == (BOB,)
    assert story(system)[-2:] == [
        (5.0, K.CALL_NOT_ANSWERED, ANN, 1, "logged off"),
        (5.0, K.CALL_OFFERED, BOB, 1, ""),
    ]


def _leave_by_log_out(system: ipo.System) -> None:
    system.log_out(ANN)


def _leave_by_button(system: ipo.System) -> None:
    system.phone(ANN).press_button(1)


def _leave_by_logging_on_elsewhere(system: ipo.System) -> None:
    system.log_in(DAN, ANN, CODE[ANN])


def _leave_displaced_at_the_desk(system: ipo.System) -> None:
    system.log_in(ANN, DAN, CODE[DAN])


LEAVES = {
    "logs off": _leave_by_log_out,
    "presses ExtnLogout": _leave_by_button,
    "logs on at another desk": _leave_by_logging_on_elsewhere,
    "is displaced by another user's logon": _leave_displaced_at_the_desk,
}


@pytest.mark.parametrize("how", list(LEAVES))
def test_a_member_rung_alone_who_leaves_the_desk_is_not_rung_there_again(how):
    system = office(LINEAR, on=(ANN,))
    call = system.incoming_call("200")
    system.advance(5)
    LEAVES[how](system)
    assert system.phone(ANN).state != "ringing"
    offers = [e for e in system.events if e.kind is K.CALL_OFFERED and e.station == ANN]
    assert len(offers) == 1  # only the ring before Ann left
    system.advance(60)
    assert_consistent(system)
    assert system.phone(ANN).state != "ringing"
    system.phone(ANN).lift()  # a desk left ringing would crash here
    assert call.answered_by is None


def test_in_group_mode_a_member_who_logs_off_stops_ringing_and_the_others_ring_on():
    system = office(GROUP)
    call = system.incoming_call("200")
    system.log_out(ANN)
    assert call.alerting == (BOB, CAT)
    assert ringing_phones(system) == (BOB, CAT)
    system.answer_call(call, BOB)
    assert ringing_phones(system) == ()
    assert_consistent(system)


# --- NoUser stations and logged-off agents ---------------------------------------------------


@pytest.mark.parametrize("mode", ALL_MODES)
def test_a_no_user_station_never_rings(mode):
    system = office(mode, on=(ANN, CAT))  # Bob is Force Login and not logged on
    bob = system.phone(BOB)
    assert bob.display[0].split() == ["NoUser", BOB]
    call = system.incoming_call("200")
    for _ in range(6):
        assert bob.state == "idle"
        assert BOB not in call.alerting
        system.advance(15)
    assert not [e for e in system.events if e.station == BOB and e.kind is K.CALL_OFFERED]


def test_a_group_whose_members_are_all_logged_off_rings_no_phone_at_all():
    system = office(GROUP, on=())
    system.incoming_call("200")
    system.advance(100)
    assert ringing_phones(system) == ()
    assert [p.display[0].split()[0] for p in system.phones] == ["NoUser"] * 4


def test_an_agent_who_logs_off_mid_day_is_not_offered_later_calls():
    system = office(LINEAR)
    system.phone(ANN).dial("*36")
    system.phone(ANN).hang_up()
    call = system.incoming_call("200")
    assert ring_sequence(system, call, 3) == [(BOB,), (CAT,), (BOB,)]


# --- errors --------------------------------------------------------------------------------


def test_answering_an_ended_call_raises_call_state_error_quoting_the_call():
    system = office(LINEAR)
    call = system.incoming_call("200")
    system.answer_call(call)
    system.end_call(call)
    with pytest.raises(ipo.IpoError, match=r"^Call 1 is ended and not ringing at '3000'") as err:
        system.answer_call(call, ANN)
    assert isinstance(err.value, CallStateError)
    assert isinstance(err.value, ValueError)


def test_answering_a_call_for_a_member_it_is_not_ringing_names_who_can():
    system = office(LINEAR)
    call = system.incoming_call("200")
    with pytest.raises(CallStateError, match=r"not ringing at '3001': only 3000 can answer it"):
        system.answer_call(call, BOB)
    assert call.alerting == (ANN,)


def test_answer_call_without_a_user_is_refused_when_several_members_ring():
    system = office(GROUP)
    call = system.incoming_call("200")
    with pytest.raises(CallStateError, match="only 3000, 3001, 3002 can answer it"):
        system.answer_call(call)


@pytest.mark.parametrize("group", ["999", "Support", ""])
def test_a_call_to_an_unknown_group_raises_unknown_name(group):
    system = office(LINEAR)
    with pytest.raises(ipo.UnknownName, match=repr(group)):
        system.incoming_call(group)
    assert system.calls == ()
    assert story(system) == []


@pytest.mark.parametrize("group", ["200", "Sales"])
def test_a_call_can_be_made_to_the_group_by_extension_or_name(group):
    call = office(LINEAR).incoming_call(group)
    assert call.group == "Sales"
    assert call.alerting == (ANN,)


# --- the log and the call's own record ----------------------------------------------------


def test_the_log_tells_a_calls_whole_story_with_model_times():
    system = office(LINEAR, wrap={BOB: 10})
    system.advance(100)
    call = system.incoming_call("200")
    system.advance(15)  # Ann lets it ring out
    system.advance(4)
    system.phone(BOB).answer()
    system.advance(120)
    system.phone(BOB).hang_up()
    system.advance(10)
    assert [
        (e.time, e.kind, e.user, e.station, e.call, e.group, e.detail)
        for e in system.events
        if e.call == call.number or e.kind is K.WRAP_UP_OVER
    ] == [
        (100.0, K.CALL_QUEUED, None, None, 1, "Sales", ""),
        (100.0, K.CALL_OFFERED, ANN, ANN, 1, "Sales", ""),
        (115.0, K.CALL_NOT_ANSWERED, ANN, ANN, 1, "Sales", "no answer"),
        (115.0, K.CALL_OFFERED, BOB, BOB, 1, "Sales", ""),
        (119.0, K.CALL_ANSWERED, BOB, BOB, 1, "Sales", ""),
        (239.0, K.CALL_ENDED, BOB, BOB, 1, "Sales", ""),
        (249.0, K.WRAP_UP_OVER, BOB, BOB, None, None, ""),
    ]
    assert (call.arrived, call.ended, call.answered_by, call.station) == (100.0, 239.0, BOB, BOB)


def test_the_log_has_logons_and_logoffs_and_calls_in_one_list_in_time_order():
    system = office(LINEAR, on=())
    system.advance(10)
    log_on_by_short_code(system, ANN, ANN)
    system.phone(ANN).hang_up()
    system.advance(10)
    call = system.incoming_call("200")
    system.advance(5)
    system.phone(ANN).answer()
    system.phone(ANN).press_button(1)
    system.advance(5)
    system.phone(ANN).hang_up()
    assert [(e.time, e.kind, e.call) for e in system.events] == [
        (10.0, K.LOGON, None),
        (20.0, K.CALL_QUEUED, 1),
        (20.0, K.CALL_OFFERED, 1),
        (25.0, K.CALL_ANSWERED, 1),
        (25.0, K.LOGOFF_PENDING, None),
        (30.0, K.CALL_ENDED, 1),
        (30.0, K.LOGOFF, None),
    ]
    assert call.state == "ended"
    times = [e.time for e in system.events]
    assert times == sorted(times)


def test_calls_are_numbered_in_order_of_arrival_and_listed_by_the_system():
    system = office(LINEAR)
    calls = [system.incoming_call("200") for _ in range(3)]
    assert [c.number for c in calls] == [1, 2, 3]
    assert system.calls == tuple(calls)
    assert [c.alerting for c in calls] == [(ANN,), (BOB,), (CAT,)]


@pytest.mark.parametrize(
    ("steps", "text"),
    [
        ([], "<Call 1 to Sales: alerting at 3000>"),
        (["answer"], "<Call 1 to Sales: connected by 3000>"),
        (["answer", "end"], "<Call 1 to Sales: ended by 3000>"),
        (["abandon"], "<Call 1 to Sales: ended>"),
    ],
)
def test_a_calls_repr_says_where_it_is_without_ids_or_times(steps, text):
    system = office(LINEAR)
    call = system.incoming_call("200")
    for step in steps:
        {
            "answer": lambda: system.answer_call(call),
            "end": lambda: system.end_call(call),
            "abandon": lambda: system.abandon_call(call),
        }[step]()
    assert repr(call) == text


def test_a_queued_calls_repr_names_no_member():
    call = office(LINEAR, on=()).incoming_call("200")
    assert repr(call) == "<Call 1 to Sales: queued>"
