"""The idle display: status letters before the name, and a hot-desk-only station's text.

* Do Not Disturb puts an ``N`` at the top left of the idle display (2420 User Guide, IP
  Office, April 2003 [A]: "the display includes an N (No calls)"), on every model the kit
  draws; the name gives up the room, the extension keeps its place at the right edge, and
  the second line stays empty (the kit wrote ``DND`` there before).
* Only N: D (forward unconditional) is not modelled, and G (an enabled hunt-group member)
  is attested from 2009 guides only, with the Grp switch the kit leaves out.
* A station whose base extension is no user's is the kit's hot-desk-only station (Manager:
  "no extension number").  On the 4412D+, 4424D+ and 64xx it shows ``NOT LOGGED ON`` while
  nobody is logged on there (IP Office 3.0 Manager help, hotdesking.htm [A]); the other
  models show NoUser and the base extension, as before.
"""

from __future__ import annotations

import pytest

import ipo_core as ipo
from ipo_core.switch.display import NOT_LOGGED_ON

AGENT = "Agent3000           3000"
AGENT_ON_DND = "N Agent3000         3000"
NAMED_MODELS = ("4412D+", "4424D+", "6408D+", "6416D+", "6424D+")  # hotdesking.htm


def logged_on_agent(model: str = "4612") -> tuple[ipo.System, ipo.Phone]:
    """Agent3000 (Force Login, code 1234) logged on at station 3000 of ``model``, idle."""
    config = ipo.Config()
    config.add_extension("3000", model=model)
    config.add_user(ipo.User("Agent3000", extension="3000", login_code="1234", force_login=True))
    system = ipo.System(config)
    phone = system.phone("3000")
    phone.dial("*35*3000*1234#")
    phone.hang_up()
    return system, phone


def hot_desk_site(model: str = "4412D+") -> ipo.Config:
    """Agent3000's own 4612 at 3000, and a ``model`` at 3090, which is no user's extension."""
    config = ipo.Config()
    config.add_extension("3000", model="4612")
    config.add_extension("3090", model=model)
    config.add_user(ipo.User("Agent3000", extension="3000", login_code="1234", force_login=True))
    return config


# --- status letters ---------------------------------------------------------------------


def test_dnd_on_puts_an_n_at_the_top_left_and_dnd_off_takes_it_away() -> None:
    system, phone = logged_on_agent()
    assert phone.screen.lines == (AGENT, "")
    phone.dial("*08")
    screen = phone.hang_up()
    assert screen.lines == (AGENT_ON_DND, ""), "N before the name, the extension where it was"
    assert screen.status == "N"
    phone.dial("*09")
    screen = phone.hang_up()
    assert (screen.lines, screen.status) == ((AGENT, ""), "")


def test_the_dnd_softkey_and_the_system_call_show_the_same_letter() -> None:
    system, phone = logged_on_agent()
    phone.press("MENU")
    phone.press("MENU")
    phone.press_softkey("DND")
    assert phone.press("EXIT").lines == (AGENT_ON_DND, "")
    system.set_dnd("3000", False)
    assert phone.display == (AGENT, "")
    system.set_dnd("3000", True)
    assert phone.display == (AGENT_ON_DND, "")


@pytest.mark.parametrize("model", sorted(ipo.HANDSET_MODELS))
def test_every_model_shows_the_letter_within_its_width(model: str) -> None:
    system, phone = logged_on_agent(model)
    width = ipo.handset_model(model).display_width
    assert phone.display == ({16: "Agent3000   3000", 24: AGENT}[width], "")
    system.set_dnd("3000", True)
    assert phone.display == ({16: "N Agent3000 3000", 24: AGENT_ON_DND}[width], "")


def test_a_long_name_gives_up_room_and_the_extension_keeps_the_right_edge() -> None:
    config = ipo.Config()
    config.add_extension("3000", model="4606")  # 16 characters
    config.add_user(ipo.User("Supervisor12345", extension="3000", login_code="1234"))
    system = ipo.System(config)  # not Force Login: at home after boot
    phone = system.phone("3000")
    assert phone.display == ("Supervisor1 3000", "")
    system.set_dnd("3000", True)
    assert phone.display == ("N Superviso 3000", "")


def test_the_letters_are_on_the_idle_display_only() -> None:
    system, phone = logged_on_agent()
    system.set_dnd("3000", True)
    assert phone.press("MENU").lines == (AGENT, "Menu 1 of 3")
    assert phone.press("EXIT").lines == (AGENT_ON_DND, "")
    assert phone.lift().lines == (AGENT, "")
    assert phone.dial("*09").lines == (AGENT, "DND off")
    assert phone.hang_up().lines == (AGENT, "")


def test_the_letter_goes_with_the_user_not_the_desk() -> None:
    system = ipo.System(ipo.load_site("tech_tip_014"))
    at_3001 = system.phone("3001")  # a 6416D+
    at_3001.dial("*35*3001*5678#")
    at_3001.dial("*08")
    at_3001.hang_up()
    assert at_3001.display == ("N Agent3001         3001", "")
    at_3000 = system.phone("3000")  # a 4612
    at_3000.dial("*35*3001*5678#")
    assert at_3000.hang_up().lines == ("N Agent3001         3001", "")
    assert at_3001.display == ("NoUser              3001", ""), "nobody's DND on an empty desk"


def test_a_hunt_group_member_on_dnd_shows_n_alone() -> None:
    system = ipo.System(ipo.load_site("tech_tip_014"))  # Agent3000 is in Sales
    phone = system.phone("3000")
    phone.dial("*35*3000*1234#")
    assert phone.hang_up().lines == (AGENT, ""), "no G: group membership is not shown"
    system.set_dnd("3000", True)
    assert phone.screen.status == "N"


def test_explain_names_the_letter() -> None:
    system, phone = logged_on_agent()
    before = phone.dial("*08")
    after = phone.hang_up()
    assert after.explain("Hang up", before) == (
        "Hang up: the phone is idle again (N: Do Not Disturb is on)."
    )


# --- the hot-desk-only station ------------------------------------------------------------


def test_each_model_of_a_hot_desk_only_station_shows_what_its_sources_say() -> None:
    shown = {}
    for model in ipo.HANDSET_MODELS:
        phone = ipo.System(hot_desk_site(model)).phone("3090")
        assert phone.is_hot_desk_only
        shown[model] = phone.display
    assert shown == {
        model: (NOT_LOGGED_ON, "")
        if model in NAMED_MODELS
        else ("NoUser".ljust(ipo.handset_model(model).display_width - 4) + "3090", "")
        for model in ipo.HANDSET_MODELS
    }


def test_a_hot_desk_only_station_before_a_logon_after_it_and_after_the_logoff() -> None:
    system = ipo.System(hot_desk_site())
    phone = system.phone("3090")
    assert phone.display == (NOT_LOGGED_ON, "")
    assert phone.press("MENU").lines == (NOT_LOGGED_ON, "Menu 1 of 3")
    phone.press("EXIT")
    assert phone.dial("*35*3000*1234#").lines == (AGENT, "Logged on")
    assert phone.hang_up().lines == (AGENT, "")
    before = phone.screen
    logged_off = phone.dial("*36")
    assert logged_off.lines == (NOT_LOGGED_ON, "Logged off")
    assert logged_off.explain("*36", before) == (
        "Logged off: the phone shows NOT LOGGED ON until someone logs on."
    )
    idle = phone.hang_up()
    assert idle.lines == (NOT_LOGGED_ON, "")
    assert idle.explain("Hang up", logged_off) == (
        "Hang up: the phone is idle again: nobody is logged on at this hot-desk-only station."
    )
    assert system.phone("3000").display == ("NoUser              3000", ""), "Force Login: not home"


def test_a_station_whose_user_merge_removes_becomes_hot_desk_only() -> None:
    config = ipo.Config()
    config.add_extension("3000", model="6416D+")
    config.add_user(ipo.User("Agent3000", extension="3000", login_code="1234"))
    system = ipo.System(config)
    phone = system.phone("3000")
    assert (phone.display, phone.is_hot_desk_only) == ((AGENT, ""), False)
    draft = system.receive_config()
    draft.users = []
    system.merge(draft)
    assert (phone.display, phone.is_hot_desk_only) == ((NOT_LOGGED_ON, ""), True)


def test_an_own_user_who_comes_straight_back_is_not_called_nouser() -> None:
    system = ipo.System(hot_desk_site())
    draft = system.receive_config()
    draft.user("3000").force_login = False  # at home after boot, back home after a logoff
    system.merge(draft)
    phone = system.phone("3000")
    before = phone.lift()
    logged_off = phone.type("*36")
    assert logged_off.lines == (AGENT, "Logged off")
    assert logged_off.explain("*36", before) == (
        "Logged off: the phone at 3000 is back to its own user, Agent3000."
    )
