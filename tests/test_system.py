"""The running system: boot (R4), logon, hot desking and logoff (R5), lockout (R6), Merge.

Most tests use a small office:

=======  =====  ======  ===========  ==========  ===============================
user     ext    model   Force Login  login code  note
=======  =====  ======  ===========  ==========  ===============================
Hana     201    4612    no           1111        ExtnLogout on button 1, Dial *36 on 2
Ivan     202    4612    no           2222
Jo       203    6416D+  yes          3333
Kim      204    4606    no           (none)      cannot log off
Lee      205    (none)  no           5555        no station of his own
Max      207    (none)  yes          7777        no station of her own
(nobody) 206    4624                             a spare hot desk
=======  =====  ======  ===========  ==========  ===============================
"""

from __future__ import annotations

import re
import signal
from contextlib import contextmanager

import pytest

import ipo_core as ipo

USERS = {
    # name: (extension, force login, login code)
    "Hana": ("201", False, "1111"),
    "Ivan": ("202", False, "2222"),
    "Jo": ("203", True, "3333"),
    "Kim": ("204", False, ""),
    "Lee": ("205", False, "5555"),
    "Max": ("207", True, "7777"),
}
STATIONS = {"201": "4612", "202": "4612", "203": "6416D+", "204": "4606", "206": "4624"}
#: Where R4 puts everyone at boot.
AT_BOOT = {"Hana": "201", "Ivan": "202", "Jo": None, "Kim": "204", "Lee": None, "Max": None}


def office_config() -> ipo.Config:
    cfg = ipo.Config()
    for base, model in STATIONS.items():
        cfg.add_extension(base, model=model)
    for name, (extension, force_login, code) in USERS.items():
        cfg.add_user(ipo.User(name, extension, force_login=force_login, login_code=code))
    cfg.set_button("Hana", 1, ipo.Button.extn_logout())
    cfg.set_button("Hana", 2, ipo.Button.dial("*36"))
    cfg.add_hunt_group(ipo.HuntGroup("Sales", "200", ipo.HuntMode.LINEAR, ("201", "203")))
    return cfg


@pytest.fixture
def office() -> ipo.System:
    return ipo.System(office_config())


def locations(system: ipo.System) -> dict[str, str | None]:
    """Every user's station, by name."""
    return {u.name: system.location_of(u.extension) for u in system.config.users}


def occupants(system: ipo.System) -> dict[str, str | None]:
    """Every station's user by name, None for NoUser."""
    return {
        p.extension: (u.name if (u := system.user_at(p.extension)) else None) for p in system.phones
    }


def expected(**changes: str | None) -> dict[str, str | None]:
    """Where everyone is: as at boot, except ``changes``."""
    return {**AT_BOOT, **changes}


def log_on(system: ipo.System, who: str, station: str) -> ipo.Display:
    """``who`` dials the default login short code with their own code at ``station``."""
    user = system.user(who)
    phone = system.phone(station)
    shown = phone.dial(f"*35*{user.extension}*{user.login_code}#")
    phone.hang_up()
    return shown


def run(system: ipo.System, steps: list[str]) -> None:
    """Steps written ``'Jo@201'``: Jo logs on at station 201 with her code."""
    for step in steps:
        who, station = step.split("@")
        assert log_on(system, who, station).lines[1] == "Logged on", step


def words(line: str) -> list[str]:
    return line.split()


def snapshot(system: ipo.System) -> tuple:
    """Everything a refused Merge must leave as it was."""
    return (
        locations(system),
        occupants(system),
        [(p, p.screen) for p in system.phones],
        system.config,
        system.events,
        system.time,
    )


@contextmanager
def watchdog(seconds: float):
    """Turn a hang into a TimeoutError, so a bug that loops forever fails instead."""

    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s of wall-clock time")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- Boot (R4) --------------------------------------------------------------------------


@pytest.mark.parametrize(("user", "station"), list(AT_BOOT.items()))
def test_boot_puts_non_force_login_users_at_home_and_nobody_else_anywhere(office, user, station):
    assert office.location_of(user) == station


@pytest.mark.parametrize(
    ("station", "first_line"),
    [
        ("201", ["Hana", "201"]),
        ("202", ["Ivan", "202"]),
        ("203", ["NoUser", "203"]),  # Jo is Force Login
        ("204", ["Kim", "204"]),
        ("206", ["NoUser", "206"]),  # nobody's home
    ],
)
def test_after_boot_each_phone_shows_its_user_or_no_user_with_its_extension(
    office, station, first_line
):
    phone = office.phone(station)
    assert words(phone.display[0]) == first_line
    assert phone.state == "idle"


def test_a_force_login_user_is_logged_off_after_boot_even_at_their_own_phone(office):
    assert office.user_at("203") is None
    assert office.phone("203").user is None


def test_boot_logs_one_logon_event_per_user_placed_at_home():
    system = ipo.System(office_config())
    assert [(e.time, e.kind, e.user, e.station) for e in system.events] == [
        (0.0, ipo.EventKind.LOGON, "201", "201"),
        (0.0, ipo.EventKind.LOGON, "202", "202"),
        (0.0, ipo.EventKind.LOGON, "204", "204"),
    ]


# --- Logon (R5) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("station", "dialled", "who"),
    [
        ("203", "*35*203*3333#", "Jo"),  # Extn*Code at her own phone
        ("203", "*35*3333#", "Jo"),  # the code alone at her own phone
        ("206", "*35*203*3333#", "Jo"),  # Extn*Code at a spare desk
        ("206", "*35*207*7777#", "Max"),  # a user with no station of her own
        ("204", "*35*205*5555#", "Lee"),  # on a 4606, which has no Menu keys
    ],
)
def test_logon_with_the_default_short_code_puts_the_user_at_that_station(
    office, station, dialled, who
):
    shown = office.phone(station).dial(dialled)
    assert shown.lines[1] == "Logged on"
    assert shown.tone is ipo.Tone.CONFIRMATION
    assert office.location_of(who) == station
    assert office.user_at(station).name == who


@pytest.mark.parametrize(
    ("station", "extension", "code", "who"),
    [("206", "203", "3333", "Jo"), ("203", "", "3333", "Jo")],
)
def test_logon_with_the_menu_keys_accepts_extn_and_code_or_the_code_alone_at_home(
    office, station, extension, code, who
):
    phone = office.phone(station)
    phone.press("MENU")
    phone.press("MENU")
    phone.press("RIGHT")
    phone.press_softkey("Hdesk")
    phone.press_softkey("Logon")
    phone.type(extension)
    phone.press_softkey("Next")
    assert phone.type(code).lines == ("Logon: login code?", "*" * len(code))
    assert phone.press_softkey("Done").lines[1] == "Logged on"
    assert office.location_of(who) == station


@pytest.mark.parametrize(
    ("station", "dialled"), [("206", "*35*3333#"), ("201", "*35*3333#"), ("202", "*35*1111#")]
)
def test_the_code_alone_only_logs_on_the_user_whose_home_station_it_is(office, station, dialled):
    before = locations(office)
    assert office.phone(station).dial(dialled).lines[1] == "Invalid"
    assert locations(office) == before


def test_the_idle_display_names_the_user_after_logon(office):
    log_on(office, "Jo", "206")
    assert words(office.phone("206").display[0]) == ["Jo", "203"]


# --- Hot desking (R5) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("steps", "where"),
    [
        pytest.param(
            ["Jo@201"], expected(Jo="201", Hana=None), id="occupant-at-home-is-displaced-to-nowhere"
        ),
        pytest.param(
            ["Max@202"], expected(Max="202", Ivan=None), id="any-user-displaces-the-default-user"
        ),
        pytest.param(
            ["Hana@206", "Jo@206"],
            expected(Jo="206", Hana="201"),
            id="displaced-borrower-goes-home-when-home-is-free",
        ),
        pytest.param(
            ["Hana@206", "Lee@201", "Jo@206"],
            expected(Jo="206", Lee="201", Hana=None),
            id="displaced-borrower-with-home-taken-goes-nowhere",
        ),
        pytest.param(
            ["Jo@206", "Max@206"],
            expected(Max="206", Jo=None),
            id="displaced-force-login-borrower-goes-nowhere",
        ),
        pytest.param(
            ["Ivan@206", "Hana@202", "Hana@206"],
            expected(Hana="206", Ivan="202"),
            id="displaced-borrower-goes-home-freed-by-the-same-logon",
        ),
        pytest.param(
            ["Ivan@201", "Hana@202"], expected(Ivan="201", Hana="202"), id="two-users-swap-desks"
        ),
    ],
)
def test_hot_desking_onto_an_occupied_phone_logs_the_occupant_off(office, steps, where):
    run(office, steps)
    assert locations(office) == where


@pytest.mark.parametrize(
    ("steps", "left", "now_there"),
    [
        pytest.param(
            ["Hana@206"], "201", None, id="home-stays-empty-while-its-default-user-is-elsewhere"
        ),
        pytest.param(
            ["Lee@201", "Lee@206"], "201", "Hana", id="borrowed-desk-goes-back-to-its-default-user"
        ),
        pytest.param(
            ["Max@203", "Max@206"], "203", None, id="force-login-default-user-is-not-put-back"
        ),
        pytest.param(
            ["Lee@201", "Hana@206", "Lee@202"],
            "201",
            None,
            id="default-user-logged-on-elsewhere-stays-there",
        ),
        pytest.param(
            ["Jo@203", "Jo@206"], "203", None, id="force-login-user-leaving-home-leaves-no-user"
        ),
    ],
)
def test_logging_on_elsewhere_logs_you_off_where_you_were(office, steps, left, now_there):
    run(office, steps)
    mover = steps[-1].split("@")[0]
    assert office.location_of(mover) == steps[-1].split("@")[1]
    assert occupants(office)[left] == now_there
    if now_there is None:
        assert words(office.phone(left).display[0]) == ["NoUser", left]


def test_logging_on_again_where_you_already_are_changes_nothing(office):
    log_on(office, "Jo", "206")
    events = len(office.events)
    assert log_on(office, "Jo", "206").lines[1] == "Logged on"
    assert office.location_of("Jo") == "206"
    assert len(office.events) == events


# --- Logoff (R5) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("steps", "station", "where"),
    [
        pytest.param(
            ["Hana@206"], "206", expected(Hana="201"), id="borrower-goes-home-when-home-is-free"
        ),
        pytest.param(
            ["Hana@206", "Lee@201"],
            "206",
            expected(Hana=None, Lee="201"),
            id="borrower-with-home-taken-goes-nowhere",
        ),
        pytest.param(["Jo@206"], "206", expected(), id="force-login-borrower-goes-nowhere"),
        pytest.param(["Jo@203"], "203", expected(), id="force-login-user-at-home-goes-nowhere"),
        pytest.param(["Lee@206"], "206", expected(), id="user-without-a-station-goes-nowhere"),
        pytest.param(
            ["Ivan@201"],
            "201",
            expected(),
            id="borrower-goes-home-and-the-desk-returns-to-its-default-user",
        ),
        pytest.param(
            ["Ivan@201", "Hana@202"],
            "202",
            expected(Ivan="201", Hana=None),
            id="home-taken-and-desk-left-empty",
        ),
        pytest.param(
            [], "201", expected(), id="default-user-without-force-login-is-put-back-at-once"
        ),
    ],
)
def test_logoff_follows_r5(office, steps, station, where):
    run(office, steps)
    shown = office.phone(station).dial("*36")
    assert shown.lines[1] == "Logged off"
    assert shown.tone is ipo.Tone.CONFIRMATION
    assert locations(office) == where


@pytest.mark.parametrize("method", ["*36", "ExtnLogout button", "Dial *36 button", "Menu"])
def test_each_logoff_method_logs_a_borrower_off(office, method):
    log_on(office, "Hana", "206")  # a 4624: buttons and Menu keys
    phone = office.phone("206")
    if method == "*36":
        phone.dial("*36")
    elif method == "ExtnLogout button":
        phone.press_button(1)
    elif method == "Dial *36 button":
        phone.press_button(2)
    else:
        for key in ("MENU", "MENU", "RIGHT"):
            phone.press(key)
        phone.press_softkey("Hdesk")
        phone.press_softkey("LogOff")
    assert office.user_at("206") is None
    assert office.location_of("Hana") == "201"


def test_a_default_user_logged_off_at_home_is_logged_on_again_in_the_log(office):
    start = len(office.events)
    office.phone("201").dial("*36")
    assert [(e.kind, e.user, e.station) for e in office.events[start:]] == [
        (ipo.EventKind.LOGOFF, "201", "201"),
        (ipo.EventKind.LOGON, "201", "201"),
    ]


def test_a_force_login_station_shows_no_user_and_its_extension_after_logoff(office):
    log_on(office, "Jo", "203")
    phone = office.phone("203")
    phone.dial("*36")
    phone.hang_up()
    assert words(phone.display[0]) == ["NoUser", "203"]


def test_extn_logout_is_refused_for_a_user_without_a_login_code(office):
    shown = office.phone("204").dial("*36")
    assert shown.lines[1] == "Invalid"
    assert shown.tone is ipo.Tone.BUSY
    assert "login code" in shown.note.lower()
    assert office.location_of("Kim") == "204"


def test_logoff_on_a_no_user_phone_is_refused(office):
    before = locations(office)
    shown = office.phone("203").dial("*36")
    assert shown.lines[1] == "Invalid"
    assert shown.tone is ipo.Tone.BUSY
    assert locations(office) == before


def test_pressing_an_extn_logout_button_while_dialling_stops_the_dial_delay_timer(office):
    phone = office.phone("201")
    phone.lift()
    phone.press("2")  # a partial match (201, 202 ...): the Dial Delay timer starts
    assert phone.timer_due is not None
    phone.press_button(1)  # Hana's ExtnLogout
    with watchdog(1.0):
        office.advance(5)
    assert office.time == 5
    assert phone.timer_due is None


# --- Calls to logged-off users and NoUser stations --------------------------------------


@pytest.mark.parametrize(
    ("steps", "dialled", "second_line", "tone"),
    [
        pytest.param([], "203", "Busy", ipo.Tone.BUSY, id="force-login-user-logged-off"),
        pytest.param([], "205", "Busy", ipo.Tone.BUSY, id="user-without-a-station"),
        pytest.param(
            ["Jo@206", "Max@206"], "203", "Busy", ipo.Tone.BUSY, id="user-displaced-to-nowhere"
        ),
        pytest.param([], "202", "Calling", ipo.Tone.RINGBACK, id="user-at-home"),
        pytest.param(["Jo@206"], "203", "Calling", ipo.Tone.RINGBACK, id="user-at-a-borrowed-desk"),
    ],
)
def test_only_a_logged_on_user_can_be_called(office, steps, dialled, second_line, tone):
    run(office, steps)
    shown = office.phone("204").dial(dialled)
    assert shown.lines[1] == second_line
    assert shown.tone is tone


def test_a_call_to_a_hot_desker_rings_where_they_are_logged_on(office):
    log_on(office, "Jo", "206")
    assert "station 206" in office.phone("201").dial("203").note


def test_a_no_user_phone_can_still_make_internal_calls(office):
    shown = office.phone("206").dial("202")
    assert shown.lines[1] == "Calling"


# --- Wrong codes and lockout (R6) -------------------------------------------------------

WRONG = [
    pytest.param("*35*203*9999#", "wrong code", id="wrong-code"),
    pytest.param("*35*299*3333#", "no such user", id="unknown-extension"),
    pytest.param("*35*204*1234#", "no login code", id="user-without-a-code"),
    pytest.param("*35*9999#", "wrong code", id="wrong-code-alone"),
]


@pytest.mark.parametrize(("dialled", "why"), WRONG)
def test_a_wrong_login_shows_invalid_and_changes_nothing(office, dialled, why):
    before = (locations(office), occupants(office))
    shown = office.phone("203").dial(dialled)
    assert shown.lines[1] == "Invalid"
    assert shown.tone is ipo.Tone.BUSY
    assert (locations(office), occupants(office)) == before
    last = office.events[-1]
    assert (last.kind, last.station) == (ipo.EventKind.LOGIN_REFUSED, "203")
    assert why in last.detail


def fail(system: ipo.System, station: str, times: int, dialled: str = "*35*203*9999#") -> None:
    phone = system.phone(station)
    for _ in range(times):
        assert phone.dial(dialled).lines[1] == "Invalid"
    phone.hang_up()


@pytest.mark.parametrize(("dialled", "why"), WRONG)
def test_four_failures_of_any_kind_lock_the_station(office, dialled, why):
    fail(office, "203", 4, dialled)
    assert office.lockout_remaining("203") == 90
    assert log_on(office, "Jo", "203").lines[1] == "Invalid"
    assert office.location_of("Jo") is None


def test_three_failures_do_not_lock_the_station(office):
    fail(office, "203", 3)
    assert office.lockout_remaining("203") == 0
    assert log_on(office, "Jo", "203").lines[1] == "Logged on"


@pytest.mark.parametrize("method", ["default short code", "Menu"])
def test_a_locked_station_refuses_the_right_code_too(office, method):
    fail(office, "206", 4)
    phone = office.phone("206")
    if method == "Menu":
        for key in ("MENU", "MENU", "RIGHT"):
            phone.press(key)
        phone.press_softkey("Hdesk")
        phone.press_softkey("Logon")
        phone.type("203")
        phone.press_softkey("Next")
        phone.type("3333")
        shown = phone.press_softkey("Done")
    else:
        shown = phone.dial("*35*203*3333#")
    assert shown.lines[1] == "Invalid"
    assert "90 s" in shown.note
    assert office.location_of("Jo") is None


@pytest.mark.parametrize(
    ("wait", "accepted"),
    [(0, False), (30, False), (89.9, False), (90, True), (90.5, True), (600, True)],
)
def test_a_lockout_lasts_90_seconds_of_model_time_from_the_fourth_failure(office, wait, accepted):
    fail(office, "203", 4)
    office.advance(wait)
    assert (log_on(office, "Jo", "203").lines[1] == "Logged on") is accepted
    assert (office.location_of("Jo") == "203") is accepted


def test_the_lockout_counts_from_the_fourth_failure_not_the_first(office):
    fail(office, "203", 3)
    office.advance(50)
    fail(office, "203", 1)
    office.advance(89.9)
    assert log_on(office, "Jo", "203").lines[1] == "Invalid"
    office.advance(0.1)
    assert log_on(office, "Jo", "203").lines[1] == "Logged on"


@pytest.mark.parametrize(("wait", "remaining"), [(0, 90.0), (60, 30.0), (90, 0.0), (200, 0.0)])
def test_lockout_remaining_counts_down_to_zero(office, wait, remaining):
    fail(office, "203", 4)
    office.advance(wait)
    assert office.lockout_remaining("203") == pytest.approx(remaining)


def test_lockout_remaining_is_zero_where_nothing_failed(office):
    assert office.lockout_remaining("203") == 0


def test_failures_at_one_station_do_not_lock_another(office):
    fail(office, "203", 4)
    assert office.lockout_remaining("206") == 0
    assert log_on(office, "Jo", "206").lines[1] == "Logged on"


def test_failures_at_different_stations_are_counted_apart(office):
    fail(office, "203", 2)
    fail(office, "206", 2)
    assert office.lockout_remaining("203") == office.lockout_remaining("206") == 0
    assert log_on(office, "Jo", "203").lines[1] == "Logged on"


def test_a_successful_logon_resets_the_failure_count(office):
    fail(office, "203", 3)
    log_on(office, "Jo", "203")
    office.phone("203").dial("*36")
    fail(office, "203", 3)
    assert office.lockout_remaining("203") == 0
    assert log_on(office, "Jo", "203").lines[1] == "Logged on"


def test_after_a_lockout_ends_the_count_starts_again(office):
    fail(office, "203", 4)
    office.advance(90)
    fail(office, "203", 3)
    assert office.lockout_remaining("203") == 0


def test_attempts_during_a_lockout_do_not_extend_it(office):
    fail(office, "203", 4)
    office.advance(80)
    fail(office, "203", 4)
    office.advance(10)
    assert log_on(office, "Jo", "203").lines[1] == "Logged on"


def test_the_lockout_is_logged_with_the_time_of_the_fourth_failure(office):
    office.advance(12)
    fail(office, "203", 4)
    kinds = [
        (e.time, e.kind, e.station) for e in office.events if e.kind is not ipo.EventKind.LOGON
    ]
    assert kinds == [
        *[(12.0, ipo.EventKind.LOGIN_REFUSED, "203")] * 4,
        (12.0, ipo.EventKind.LOCKOUT, "203"),
    ]


def test_a_login_refused_during_a_lockout_is_logged_too(office):
    fail(office, "203", 4)
    office.advance(10)
    log_on(office, "Jo", "203")
    last = office.events[-1]
    assert (last.time, last.kind, last.station) == (10.0, ipo.EventKind.LOGIN_REFUSED, "203")


def test_lockout_remaining_of_an_unknown_station_names_the_known_ones(office):
    with pytest.raises(ipo.UnknownName, match=r"no station '299'\. Known: 201, 202, 203, 204, 206"):
        office.lockout_remaining("299")


@pytest.mark.parametrize(("station", "kind"), [(203, "int"), (None, "NoneType")])
def test_lockout_remaining_of_what_is_no_station_number_says_to_give_one(office, station, kind):
    with pytest.raises(
        ipo.WrongType,
        match=rf"station must be a station number such as '3000', not {station!r} \({kind}\)",
    ):
        office.lockout_remaining(station)


# --- Looking at the system --------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda s: s.location_of("Zoe"), ipo.UnknownName, r"no user 'Zoe'\. Known: Hana \(201\)"),
        (lambda s: s.user_at("299"), ipo.UnknownName, r"no station '299'\. Known: 201, 202"),
        (lambda s: s.phone("299"), ipo.UnknownName, r"no station '299'\. Known: 201, 202"),
        (lambda s: s.user("299"), ipo.UnknownName, r"no user '299'\. Known: Hana \(201\)"),
        (
            lambda s: s.advance(-1),
            ipo.ModelTimeError,
            r"by -1: give a .*number of seconds, 0 or more",
        ),
        (lambda s: s.advance("5"), ipo.ModelTimeError, r"by '5': give a .*number of seconds"),
        (
            lambda s: s.advance(float("nan")),
            ipo.ModelTimeError,
            r"by nan: give a .*number of seconds",
        ),
        (
            lambda s: s.advance(float("inf")),
            ipo.ModelTimeError,
            r"by inf: give a finite number of seconds",
        ),
        (lambda s: s.advance(True), ipo.ModelTimeError, r"by True: give a .*number of seconds"),
    ],
    ids=[
        "location_of",
        "user_at",
        "phone",
        "user",
        "advance-negative",
        "advance-text",
        "advance-nan",
        "advance-infinite",
        "advance-bool",
    ],
)
def test_bad_arguments_raise_an_error_quoting_the_value(office, call, error, message):
    before = snapshot(office)
    with pytest.raises(error, match=message):
        call(office)
    assert snapshot(office) == before


def test_location_of_accepts_a_name_or_an_extension(office):
    assert office.location_of("Hana") == office.location_of("201") == "201"


def test_model_time_only_moves_when_advanced(office):
    office.advance(1.5)
    office.advance(0)
    assert office.time == 1.5


def test_the_running_config_given_out_is_a_copy(office):
    office.config.user("Jo").force_login = False
    office.config.add_user(ipo.User("Zoe", "299"))
    assert office.config == office_config()


def test_repr_shows_time_stations_and_logons():
    system = ipo.System(office_config())
    system.advance(2)
    assert repr(system) == "<System at 2 s: 5 stations, 3 logged on>"


# --- Merge ------------------------------------------------------------------------------


def test_receive_config_gives_an_equal_independent_copy(office):
    draft = office.receive_config()
    assert draft == office.config
    draft.user("Kim").login_code = "4444"
    draft.hunt_group("Sales").members = ("201",)
    assert office.user("Kim").login_code == ""
    assert office.config.hunt_group("Sales").members == ("201", "203")
    assert office.receive_config() is not office.receive_config()


@pytest.mark.parametrize(
    ("edit", "check"),
    [
        pytest.param(
            lambda d: d.add_short_code(ipo.ShortCode("#203", "203*3333", ipo.Feature.EXTN_LOGIN)),
            lambda s: (
                s.phone("203").dial("#203").lines[1] == "Incompatible"
                and s.location_of("Jo") is None
            ),
            id="new-custom-login-short-code",
        ),
        pytest.param(
            lambda d: setattr(d.user("Jo"), "login_code", "9999"),
            lambda s: log_on(s, "Jo", "203").lines[1] == "Logged on",
            id="new-login-code",
        ),
        pytest.param(
            lambda d: d.set_button("Ivan", 1, ipo.Button.extn_logout()),
            lambda s: s.phone("202").buttons[0] is None,
            id="new-button",
        ),
        pytest.param(
            lambda d: d.remove_user("Hana"),
            lambda s: s.location_of("Hana") == "201",
            id="removed-user",
        ),
        pytest.param(
            lambda d: d.add_extension("205", "4612"),
            lambda s: s.location_of("Lee") is None,
            id="new-station",
        ),
    ],
)
def test_edits_change_nothing_until_merge(office, edit, check):
    draft = office.receive_config()
    edit(draft)
    assert check(office)
    assert office.config == office_config()


def test_a_merged_custom_login_short_code_works(office):
    draft = office.receive_config()
    draft.add_short_code(ipo.ShortCode("#203", "203*3333", ipo.Feature.EXTN_LOGIN))
    office.merge(draft)
    assert office.phone("206").dial("#203").lines[1] == "Logged on"
    assert office.location_of("Jo") == "206"


def broken_draft(system: ipo.System) -> ipo.Config:
    """Five things Manager refuses, each made by editing after the records were added."""
    draft = system.receive_config()
    draft.user("Hana").force_login = True
    draft.user("Hana").login_code = ""
    draft.user("Ivan").name = "JO"
    draft.user("Kim").extension = "203"
    draft.hunt_group("Sales").members = ("201", "299")
    draft.short_codes.append(ipo.ShortCode("*36", "", ipo.Feature.EXTN_LOGOUT))
    draft.add_extension("208", "4612")  # a valid change that must not happen either
    return draft


def test_a_refused_merge_lists_every_problem(office):
    draft = broken_draft(office)
    with pytest.raises(
        ipo.ConfigError, match=r"Manager refuses this configuration \(5 problems\)"
    ) as caught:
        office.merge(draft)
    assert caught.value.problems == draft.validate()
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 5
    assert any("Hana (201) has Force Login ticked but no Login Code" in m for m in messages)
    assert any("The names 'JO', 'Jo' are one name" in m for m in messages)
    assert any("Extension '203' is used 2 times" in m for m in messages)
    assert any("member '299', who is not a user" in m for m in messages)
    assert any("Short code '*36' appears 2 times" in m for m in messages)


def test_a_refused_merge_leaves_the_running_system_exactly_as_it_was(office):
    run(office, ["Jo@206", "Lee@201"])
    office.phone("203").press("2")  # part-way through dialling
    office.advance(1)
    before = snapshot(office)
    with pytest.raises(ipo.ConfigError):
        office.merge(broken_draft(office))
    assert snapshot(office) == before
    assert [p.extension for p in office.phones] == ["201", "202", "203", "204", "206"]


@pytest.mark.parametrize("draft", [None, "draft", []])
def test_merge_refuses_what_is_not_a_config(office, draft):
    before = snapshot(office)
    with pytest.raises(
        ipo.ConfigError,
        match=rf"merge needs a Config received from this system, not {re.escape(repr(draft))}",
    ):
        office.merge(draft)
    assert snapshot(office) == before


def test_merge_keeps_the_logons_of_surviving_users(office):
    run(office, ["Jo@206", "Lee@201", "Max@202"])
    before = locations(office)
    draft = office.receive_config()
    draft.add_user(ipo.User("Zoe", "209"))
    draft.user("Jo").login_code = "4321"
    office.merge(draft)
    assert locations(office) == {**before, "Zoe": None}


def test_merge_keeps_a_logged_off_force_login_user_logged_off(office):
    draft = office.receive_config()
    draft.user("Kim").login_code = "4444"
    office.merge(draft)
    assert office.location_of("Jo") is None


@pytest.mark.parametrize(
    ("steps", "remove", "station", "now_there"),
    [
        pytest.param(["Jo@206"], "Jo", "206", None, id="hot-desker-leaves-no-user"),
        pytest.param([], "Hana", "201", None, id="user-at-home-leaves-no-user"),
        pytest.param(
            ["Lee@202"], "Lee", "202", "Ivan", id="borrowed-desk-goes-back-to-its-default-user"
        ),
    ],
)
def test_merge_removing_a_user_logs_them_off(office, steps, remove, station, now_there):
    run(office, steps)
    draft = office.receive_config()
    removed = draft.remove_user(remove)
    group = draft.hunt_group("Sales")
    group.members = tuple(m for m in group.members if m != removed.extension)
    office.merge(draft)
    assert locations(office) == {
        k: v for k, v in AT_BOOT.items() if k != remove
    }  # the rest as at boot
    assert occupants(office)[station] == now_there
    assert any(
        (e.kind, e.station, e.detail) == (ipo.EventKind.LOGOFF, station, "removed at Merge")
        for e in office.events
    )


@pytest.mark.parametrize(
    ("steps", "station", "where"),
    [
        pytest.param(["Jo@206"], "206", expected(), id="hot-desker-goes-nowhere"),
        pytest.param([], "201", expected(Hana=None), id="user-at-home-goes-nowhere"),
        pytest.param(["Hana@206"], "206", expected(), id="non-force-login-borrower-goes-home"),
    ],
)
def test_merge_removing_a_station_logs_its_user_off(office, steps, station, where):
    run(office, steps)
    phone = office.phone(station)
    draft = office.receive_config()
    draft.extensions.remove(draft.extension(station))
    office.merge(draft)
    assert locations(office) == where
    with pytest.raises(ipo.UnknownName, match=rf"no station '{station}'"):
        office.phone(station)
    with pytest.raises(ipo.UnknownName, match=rf"no station '{station}'"):
        phone.dial("*36")


@pytest.mark.parametrize(
    ("base", "now_there", "first_line"),
    [
        pytest.param("205", "Lee", ["Lee", "205"], id="non-force-login-default-user-is-put-there"),
        pytest.param("207", None, ["NoUser", "207"], id="force-login-default-user-is-not"),
        pytest.param("208", None, ["NoUser", "208"], id="station-without-a-default-user"),
    ],
)
def test_merge_boots_a_new_station_as_at_power_up(office, base, now_there, first_line):
    draft = office.receive_config()
    draft.add_extension(base, "4612")
    office.merge(draft)
    assert occupants(office)[base] == now_there
    assert words(office.phone(base).display[0]) == first_line
    assert office.phone(base).model == "4612"


def test_merge_leaves_a_new_stations_default_user_where_they_are_logged_on(office):
    log_on(office, "Lee", "206")
    draft = office.receive_config()
    draft.add_extension("205", "4612")
    office.merge(draft)
    assert office.location_of("Lee") == "206"
    assert office.user_at("205") is None


def test_merge_changing_a_handset_model_keeps_the_phone_and_its_user(office):
    log_on(office, "Jo", "203")
    phone = office.phone("203")
    draft = office.receive_config()
    draft.set_extension_model("203", "4606")
    office.merge(draft)
    assert office.phone("203") is phone
    assert phone.model == "4606"
    assert phone.softkeys == ()
    assert words(phone.display[0]) == ["Jo", "203"]
    assert office.location_of("Jo") == "203"
    with pytest.raises(ipo.KeyNotOnHandset, match=r"The 4606 has no key 'MENU'"):
        phone.press("MENU")


def test_merge_is_logged_with_model_time(office):
    office.advance(7)
    office.merge(office.receive_config())
    last = office.events[-1]
    assert (last.time, last.kind, last.user, last.station) == (7.0, ipo.EventKind.MERGE, None, None)


def test_the_system_boots_on_its_own_copy_of_the_config():
    cfg = office_config()
    system = ipo.System(cfg)
    cfg.user("Jo").force_login = False
    cfg.add_short_code(ipo.ShortCode("#203", "203*3333", ipo.Feature.EXTN_LOGIN))
    cfg.remove_user("Hana")
    assert system.config == office_config()
    assert system.phone("203").dial("#203").lines[1] == "Incompatible"
    assert system.location_of("Hana") == "201"


def test_a_system_refuses_to_boot_on_a_config_with_problems():
    cfg = office_config()
    cfg.user("Hana").force_login = True
    cfg.user("Hana").login_code = ""
    with pytest.raises(
        ipo.ConfigError, match=r"Hana \(201\) has Force Login ticked but no Login Code"
    ) as caught:
        ipo.System(cfg)
    assert caught.value.problems == cfg.validate()


@pytest.mark.parametrize("config", [None, "tech_tip_014", {}])
def test_a_system_refuses_to_boot_on_what_is_not_a_config(config):
    with pytest.raises(
        ipo.ConfigError, match=rf"System needs a Config, not {re.escape(repr(config))}"
    ):
        ipo.System(config)


# --- The event log ----------------------------------------------------------------------


def test_the_event_log_records_each_change_with_its_model_time(office):
    start = len(office.events)
    office.advance(10)
    log_on(office, "Jo", "201")
    office.advance(5)
    office.phone("206").dial("*35*203*0000#")
    office.merge(office.receive_config())
    office.advance(1)
    office.phone("201").dial("*36")
    assert [(e.time, e.kind, e.user, e.station) for e in office.events[start:]] == [
        (10.0, ipo.EventKind.LOGOFF, "201", "201"),  # Hana, displaced
        (10.0, ipo.EventKind.LOGON, "203", "201"),
        (15.0, ipo.EventKind.LOGIN_REFUSED, "203", "206"),
        (15.0, ipo.EventKind.MERGE, None, None),
        (16.0, ipo.EventKind.LOGOFF, "203", "201"),
        (16.0, ipo.EventKind.LOGON, "201", "201"),  # Hana back at her desk
    ]


def test_the_event_log_is_a_read_only_snapshot(office):
    events = office.events
    assert isinstance(events, tuple)
    log_on(office, "Jo", "203")
    assert len(office.events) == len(events) + 1
