"""ipo_core.training.desks: each trainee's own desk, and the site as that desk sees it."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

import ipo_core as ipo
from ipo_core.training.desks import Desk

NAMES = ["Ana", "Ben", "Chloe", "Dev", "Eve", "Femi", "Gus", "Hana", "Ivo", "Jun", "Zoë"]
GUESSABLE = {"0000", "1111", "9999", "1234", "2345", "6789", "4321", "9876", "1212", "3000"}


@pytest.fixture
def floor() -> ipo.Config:
    """The workshop floor: eight stations, some of them logon agents on Menu-key handsets."""
    return ipo.load_site("workshop_floor")


# --- drawing a desk --------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_a_desk_is_a_logon_agents_station_with_menu_keys_and_buttons(floor, name):
    desk = Desk.draw(floor, name, random.Random(1))
    user = floor.user(desk.extension)
    handset = floor.extension(desk.station).handset
    assert desk.station == desk.extension == user.extension
    assert desk.user == user.name
    assert desk.model == handset.name
    assert user.is_logon_agent
    assert handset.has_menu_keys
    assert handset.button_count > 0


def test_the_4606_and_non_logon_users_are_never_a_desk(floor):
    stations = {Desk.draw(floor, f"trainee {i}", random.Random(i)).station for i in range(200)}
    # 3002 and 3005 are not logon agents, 3003's code is too short, 3004 is a 4606.
    assert stations == {"3000", "3001", "3006", "3007"}


@pytest.mark.parametrize("name", NAMES)
def test_a_trainee_keeps_their_station_whatever_the_random_numbers(floor, name):
    stations = {Desk.draw(floor, name, random.Random(seed)).station for seed in range(20)}
    assert len(stations) == 1


def test_the_station_does_not_depend_on_the_interpreters_hash_seed():
    script = (
        "import random, ipo_core as ipo;"
        "site = ipo.load_site('workshop_floor');"
        "print([ipo.Desk.draw(site, n, random.Random(0)).station for n in "
        f"{NAMES!r}])"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={"PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (0, 1, 2)
    }
    assert len(runs) == 1


def test_a_class_is_spread_over_the_stations(floor):
    stations = {Desk.draw(floor, name, random.Random(0)).station for name in NAMES}
    assert len(stations) > 1


def test_the_same_random_numbers_give_the_same_code(floor):
    one = Desk.draw(floor, "Ana", random.Random(42))
    two = Desk.draw(floor, "Ana", random.Random(42))
    assert one == two


@pytest.mark.parametrize("seed", range(300))
def test_a_drawn_code_is_four_digits_nobody_on_the_site_has_and_not_guessable(floor, seed):
    desk = Desk.draw(floor, "Ana", random.Random(seed))
    code = desk.login_code
    assert len(code) == 4
    assert code.isdigit()
    assert code not in {u.login_code for u in floor.users}
    assert code not in GUESSABLE
    assert code != desk.extension
    assert len(set(code)) > 1


def test_a_rng_that_offers_guessable_codes_first_is_asked_again(floor):
    class Offers(random.Random):
        """Offers 1234, 0000, the extension, a colleague's code, then 5820."""

        def __init__(self, extension: str) -> None:
            super().__init__(0)
            self.offers = [1234, 0, 1111, int(extension), 5678, 4321, 5820]

        def randrange(self, *args: object, **kwargs: object) -> int:  # type: ignore[override]
            return self.offers.pop(0)

    station = Desk.draw(floor, "Ana", random.Random(0)).station
    assert Desk.draw(floor, "Ana", Offers(station)).login_code == "5820"


def test_the_login_code_never_shows_in_a_desks_repr(floor):
    desk = Desk.draw(floor, "Ana", random.Random(3))
    assert desk.login_code not in repr(desk)
    assert repr(desk) == (
        f"Desk(station={desk.station!r}, extension={desk.extension!r}, "
        f"user={desk.user!r}, model={desk.model!r})"
    )


def test_a_desk_is_a_frozen_value():
    desk = Desk("3000", "3000", "Agent3000", "4612", "5820")
    with pytest.raises(AttributeError):
        desk.login_code = "1234"  # type: ignore[misc]


def test_a_site_without_a_logon_agent_station_is_refused_saying_what_to_do():
    site = ipo.Config()
    site.add_extension("3000", model="4612")
    site.add_extension("3002", model="4606")
    site.add_user(ipo.User("Desk3000", extension="3000"))
    site.add_user(ipo.User("Agent3002", extension="3002", force_login=True, login_code="2580"))
    with pytest.raises(ipo.ConfigError, match=r"no station for an exercise desk.*logon agent") as e:
        Desk.draw(site, "Ana", random.Random(0))
    assert repr(site) in str(e.value)
    assert "tech_tip_014" in str(e.value)


# --- applying it -----------------------------------------------------------------------


def test_apply_gives_the_agent_the_trainees_code_on_a_copy(floor):
    desk = Desk.draw(floor, "Ana", random.Random(5))
    before = floor.copy()
    mine = desk.apply(floor)
    assert mine.user(desk.extension).login_code == desk.login_code
    assert floor == before
    others = [u for u in mine.users if u.extension != desk.extension]
    assert others == [u for u in before.users if u.extension != desk.extension]
    assert mine.validate() == ()


def test_apply_moves_the_custom_login_short_code_to_the_new_code():
    site = ipo.load_site("tech_tip_014")  # #3000/3000*1234/ExtnLogin
    desk = Desk("3000", "3000", "Agent3000", "4612", "5820")
    mine = desk.apply(site)
    short_code = next(sc for sc in mine.short_codes if sc.code == "#3000")
    assert short_code.number == "3000*5820"
    assert short_code.feature is ipo.Feature.EXTN_LOGIN
    assert not any("1234" in sc.number for sc in mine.short_codes)


def test_apply_moves_a_users_own_login_short_code_and_a_logon_dial_button(by_hand):
    site = by_hand()
    site.add_short_code(ipo.ShortCode("#9", "3000*1234", ipo.Feature.EXTN_LOGIN), user="3001")
    site.set_button("3001", 4, ipo.Button.dial("*35*3000*1234#"))
    site.set_button("3001", 5, ipo.Button.dial("*35*3000*1234#", label="Me"))
    site.add_short_code(ipo.ShortCode("#3001", "3001*5678", ipo.Feature.EXTN_LOGIN))
    mine = Desk("3000", "3000", "Agent3000", "4612", "5820").apply(site)
    assert mine.user("3001").short_codes[0].number == "3000*5820"
    assert mine.user("3001").buttons[4] == ipo.Button.dial("*35*3000*5820#")
    assert mine.user("3001").buttons[5] == ipo.Button.dial("*35*3000*5820#", label="Me")
    assert next(sc for sc in mine.short_codes if sc.code == "#3001").number == "3001*5678"


def test_the_short_code_logon_exercise_works_with_the_trainees_code():
    site = ipo.load_site("tech_tip_014")
    desk = Desk("3000", "3000", "Agent3000", "4612", "5820")
    system = ipo.System(desk.apply(site))
    phone = system.phone("3000")
    assert phone.dial("#3000").lines[1].strip() == "Logged on"
    procedure = ipo.Procedure.for_site(ipo.Method.LOGON_STAR_35, desk.apply(site), desk.station)
    assert procedure.code == "5820"
    assert any("5820" in step.text for step in procedure.steps)


def test_apply_moves_every_logon_with_the_old_code_whatever_dials_it(by_hand):
    site = by_hand()
    site.add_short_code(ipo.ShortCode("*99*N#", "N", ipo.Feature.EXTN_LOGIN))  # a second prefix
    site.add_short_code(ipo.ShortCode("#8", "*35*3000*1234#", ipo.Feature.DIAL))
    site.set_button("3000", 3, ipo.Button.dial("*35*1234#"))  # the code alone, at home
    site.set_button("3000", 4, ipo.Button.dial("*99*3000*1234#", label="On 1234"))
    site.set_button("3001", 4, ipo.Button.dial("*35*1234#"))  # at 3001 that is 3001's login
    mine = Desk("3000", "3000", "Agent3000", "4612", "5820").apply(site)
    assert next(sc for sc in mine.short_codes if sc.code == "#8").number == "*35*3000*5820#"
    assert mine.user("3000").buttons[3] == ipo.Button.dial("*35*5820#")
    assert mine.user("3000").buttons[4] == ipo.Button.dial("*99*3000*5820#", label="On 5820")
    assert mine.user("3001").buttons[4] == ipo.Button.dial("*35*1234#")
    system = ipo.System(mine)
    assert system.phone("3000").dial("#8").lines[1].strip() == "Logged on"


@pytest.mark.parametrize("name", NAMES)
def test_after_apply_no_short_code_or_button_holds_the_agents_old_code(floor, name):
    desk = Desk.draw(floor, name, random.Random(2))
    old = floor.user(desk.extension).login_code
    floor.set_button(desk.extension, 5, ipo.Button.dial(f"*35*{desk.extension}*{old}#"))
    mine = desk.apply(floor)
    numbers = [sc.number for sc in mine.short_codes] + [
        b.number + b.label for u in mine.users for b in u.buttons.values()
    ]
    assert not [n for n in numbers if f"{desk.extension}*{old}" in n]


# --- the training room: a desk for each of a class of thirty ------------------------------


def test_the_training_room_has_thirty_desks_each_a_logon_agent_as_the_tip_sets_one_up():
    room = ipo.load_site("training_room")
    stations = [e.base_extension for e in room.extensions]
    assert stations == [str(n) for n in range(3100, 3130)]
    assert tuple(ipo.audit(room)) == ()  # no short code holds a code, no agent without one
    codes = [room.user(s).login_code for s in stations]
    assert len(set(codes)) == 30
    assert not set(codes) & GUESSABLE
    assert all(len(code) >= 4 for code in codes)
    for station in stations:
        user = room.user(station)
        handset = room.extension(station).handset
        assert (user.force_login, handset.has_menu_keys) == (True, True)
        assert handset.button_count > 0
    desks = {Desk.draw(room, f"Trainee {i:02d}", random.Random(i)).station for i in range(30)}
    assert desks <= set(stations)
    assert len(desks) >= 15  # a class is spread over the room, not piled on a few desks


@pytest.mark.parametrize("method", ipo.PHONE_METHODS, ids=[m.value for m in ipo.PHONE_METHODS])
def test_every_method_of_the_tip_can_be_done_at_a_training_room_desk(method):
    room = ipo.load_site("training_room")
    desk = Desk.draw(room, "Ana", random.Random(5))
    site = desk.apply(room)
    procedure = ipo.Procedure.for_site(method, site, desk.station)
    system = ipo.System(site)
    procedure.prepare(system)
    checker = ipo.Checker(procedure, system)
    for action in procedure.script:
        checker.perform(action)
    assert checker.is_complete
    assert checker.passed
    assert procedure.code == desk.login_code
