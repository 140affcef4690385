"""Invariants of the running system, under random sites and random trainees.

Whatever a trainee presses, dials or merges:

* a user is logged on at one station at most, and a station holds one user at most,
  and ``System.location_of`` and ``System.user_at`` agree both ways;
* an idle phone's display names the user logged on there, or shows NoUser;
* a Dial Delay timer only runs while a phone is dialling (so ``advance`` always ends);
* the event log is in model-time order;
* nothing but an :class:`ipo_core.IpoError` is raised, and an ``IpoError`` leaves who is
  logged on where exactly as it was.
"""

from __future__ import annotations

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

import ipo_core as ipo

MODELS = sorted(ipo.HANDSET_MODELS)
CODES = ["", "1", "12", "1234", "5678", "0000", "99999"]
DIAL_ALPHABET = "0123456789*#ab"
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def sites(draw: st.DrawFn) -> ipo.Config:
    """2-6 stations of random models; a user on most of them, and some without a station."""
    cfg = ipo.Config()
    bases = draw(
        st.lists(
            st.sampled_from([f"30{i}" for i in range(10)]), min_size=2, max_size=6, unique=True
        )
    )
    for base in bases:
        cfg.add_extension(base, model=draw(st.sampled_from(MODELS)))
    homeless = draw(st.lists(st.sampled_from(["400", "401", "402"]), max_size=2, unique=True))
    for number in [b for b in bases if draw(st.booleans()) or len(cfg.users) == 0] + homeless:
        force_login = draw(st.booleans())
        code = draw(st.sampled_from(CODES[1:] if force_login else CODES))
        cfg.add_user(ipo.User(f"U{number}", number, force_login=force_login, login_code=code))
        if draw(st.booleans()):
            button = draw(
                st.sampled_from(
                    [ipo.Button.extn_logout(), ipo.Button.dial("*36"), ipo.Button.extn_login()]
                )
            )
            cfg.set_button(number, draw(st.integers(1, 3)), button)
    if draw(st.booleans()):
        members = tuple(u.extension for u in cfg.users[:3])
        mode = draw(st.sampled_from(list(ipo.HuntMode)))
        cfg.add_hunt_group(ipo.HuntGroup("Sales", "200", mode=mode, members=members))
    return cfg


def where_everyone_is(system: ipo.System) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """(user -> station, station -> user) as the system reports them."""
    users = {u.extension: system.location_of(u.extension) for u in system.config.users}
    stations = {}
    for phone in system.phones:
        user = system.user_at(phone.extension)
        stations[phone.extension] = None if user is None else user.extension
    return users, stations


def check_invariants(system: ipo.System) -> None:
    times = [e.time for e in system.events]
    assert times == sorted(times), "the event log is not in model-time order"
    assert all(t <= system.time for t in times)
    users, stations = where_everyone_is(system)
    taken = [s for s in users.values() if s is not None]
    assert len(taken) == len(set(taken)), f"two users at one station: {users}"
    for user, station in users.items():
        if station is not None:
            assert stations[station] == user, (
                f"{user} is at {station}, which holds {stations[station]}"
            )
    for station, user in stations.items():
        if user is not None:
            assert users[user] == station, (
                f"station {station} holds {user}, who is at {users[user]}"
            )
    for phone in system.phones:
        if phone.state == "idle":
            expected = stations[phone.extension]
            header = phone.display[0]
            if expected is None:
                # Nobody on it: NoUser, or Manager's text on a hot-desk-only 4412/4424/64xx.
                hot_desk_text = phone.is_hot_desk_only and phone.handset.shows_not_logged_on
                if hot_desk_text:
                    assert header == "NOT LOGGED ON"  # no extension number to show
                else:
                    assert header.startswith("NoUser")
                    assert header.endswith(phone.extension)
            else:
                assert header.endswith(expected)
                assert header.startswith(system.user(expected).name[:8])
        if phone.timer_due is not None:
            assert phone.timer_due >= system.time
            assert phone.state == "dialling", (
                f"{phone!r} has a dial-delay timer in state {phone.state!r}"
            )


def edit_draft(data: st.DataObject, draft: ipo.Config) -> None:
    """A few random Manager edits; a field Manager refuses as typed is simply not made."""
    for _ in range(data.draw(st.integers(1, 3))):
        edit = data.draw(
            st.sampled_from(
                [
                    "force_login",
                    "login_code",
                    "remove_user",
                    "add_user",
                    "add_station",
                    "remove_station",
                    "model",
                    "short_code",
                    "rename",
                    "members",
                ]
            )
        )
        users = draft.users
        stations = draft.extensions
        try:
            if edit == "force_login" and users:
                user = data.draw(st.sampled_from(users))
                user.force_login = not user.force_login
            elif edit == "login_code" and users:
                data.draw(st.sampled_from(users)).login_code = data.draw(
                    st.sampled_from([*CODES, "12ab"])
                )
            elif edit == "remove_user" and users:
                draft.remove_user(data.draw(st.sampled_from(users)).extension)
            elif edit == "add_user":
                number = data.draw(st.sampled_from([f"30{i}" for i in range(10)] + ["401", "402"]))
                draft.add_user(
                    ipo.User(
                        f"N{number}",
                        number,
                        force_login=data.draw(st.booleans()),
                        login_code="4321",
                    )
                )
            elif edit == "add_station":
                draft.add_extension(
                    data.draw(st.sampled_from([f"30{i}" for i in range(10)])),
                    data.draw(st.sampled_from(MODELS)),
                )
            elif edit == "remove_station" and stations:
                stations.remove(data.draw(st.sampled_from(stations)))
            elif edit == "model" and stations:
                station = data.draw(st.sampled_from(stations))
                draft.set_extension_model(
                    station.base_extension, data.draw(st.sampled_from(MODELS))
                )
            elif edit == "short_code" and users:
                user = data.draw(st.sampled_from(users))
                code = ipo.ShortCode(
                    f"#{user.extension}",
                    f"{user.extension}*{user.login_code or '1'}",
                    ipo.Feature.EXTN_LOGIN,
                )
                draft.add_short_code(code)
            elif edit == "rename" and len(users) >= 2:
                a, b = data.draw(st.permutations(users))[:2]
                a.name = b.name.lower()  # a duplicate name: Manager refuses it at Merge
            elif edit == "members" and draft.hunt_groups:
                draft.hunt_groups[0].members = ("309", "408")
        except ipo.IpoError:
            pass


def dial_strings(system: ipo.System) -> st.SearchStrategy[str]:
    logins = []
    for u in system.config.users:
        logins += [f"*35*{u.extension}*{u.login_code}#", f"*35*{u.login_code}#", u.extension]
        logins.append(f"*35*{u.extension}*9999#")
    return st.one_of(
        st.text(alphabet=DIAL_ALPHABET, max_size=10),
        st.sampled_from([*logins, "*36", "*35*", "*3", "3", "30", "#"]),
    )


def one_step(data: st.DataObject, system: ipo.System, last: str | None) -> str:
    """One random action by a trainee, mostly at the desk they used last; returns that desk."""
    desks = system.phones
    here = [p for p in desks if p.extension == last]
    phone = data.draw(
        st.sampled_from(here) if here and data.draw(st.booleans()) else st.sampled_from(desks)
    )
    action = data.draw(
        st.sampled_from(
            [
                "press",
                "press",
                "dial",
                "dial",
                "button",
                "button",
                "softkey",
                "lift",
                "hang_up",
                "advance",
                "merge",
            ]
        )
    )
    if action == "press":
        phone.press(data.draw(st.sampled_from(phone.handset.keys)))
    elif action == "dial":
        phone.dial(data.draw(dial_strings(system)))
    elif action == "button":
        programmed = [i for i, b in enumerate(phone.buttons, 1) if b is not None]
        position = data.draw(st.sampled_from(programmed) if programmed else st.integers(0, 25))
        phone.press_button(position)
    elif action == "softkey":
        labels = [k for k in phone.softkeys if k] or ["Logon"]
        phone.press_softkey(data.draw(st.sampled_from(labels)))
    elif action == "lift":
        phone.lift()
    elif action == "hang_up":
        phone.hang_up()
    elif action == "advance":
        system.advance(data.draw(st.sampled_from([0, 1.5, 4, 30, 90, -1])))
    else:
        draft = system.receive_config()
        edit_draft(data, draft)
        system.merge(draft)
    return phone.extension


@SETTINGS
@given(config=sites(), data=st.data())
def test_random_trainees_never_break_who_is_logged_on_where(config, data):
    system = ipo.System(config)
    check_invariants(system)
    last = None
    for _ in range(data.draw(st.integers(1, 30))):
        if not system.phones:
            break
        before = where_everyone_is(system)
        try:
            last = one_step(data, system, last)
        except ipo.IpoError:
            assert where_everyone_is(system) == before, "an IpoError changed who is logged on where"
        check_invariants(system)


def merge_state(system: ipo.System) -> tuple:
    return (
        where_everyone_is(system),
        system.config,
        system.events,
        [(p, p.screen) for p in system.phones],
    )


@SETTINGS
@given(config=sites(), data=st.data())
def test_a_merge_is_all_or_nothing_and_keeps_surviving_logons(config, data):
    system = ipo.System(config)
    last = None
    for _ in range(data.draw(st.integers(0, 10))):
        if not system.phones:
            break
        try:
            last = one_step(data, system, last)
        except ipo.IpoError:
            pass
    draft = system.receive_config()
    edit_draft(data, draft)
    problems = draft.validate()
    before = merge_state(system)
    if problems:
        with pytest.raises(ipo.ConfigError) as caught:
            system.merge(draft)
        assert caught.value.problems == problems
        assert merge_state(system) == before
    else:
        system.merge(draft)
        assert system.config == draft
        users = {u.extension for u in draft.users}
        stations = {e.base_extension for e in draft.extensions}
        for user, station in before[0][0].items():
            if station is not None and user in users and station in stations:
                assert system.location_of(user) == station, f"{user} lost their logon at {station}"
    check_invariants(system)


@SETTINGS
@given(config=sites())
def test_boot_puts_exactly_the_non_force_login_users_with_a_station_at_home(config):
    system = ipo.System(config)
    stations = {e.base_extension for e in config.extensions}
    for user in config.users:
        expected = user.extension if (not user.force_login and user.extension in stations) else None
        assert system.location_of(user.extension) == expected
