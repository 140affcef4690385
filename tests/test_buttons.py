"""Programmable buttons: the tech tip's first logoff method, and hot desking.

"Using the Manager programme, select the Users Profile and choose the Button
Programming tab.  On an available DSS position ... select Advanced.  Select Extn
ExtnLogout.  Alternatively you may choose Dial, and in the Telephone Number field
enter *36."  Buttons belong to the user, so they follow the user to any phone
they log on at, as far as that phone has buttons.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

import ipo_core as ipo
from ipo_core.switch.display import Tone

Button = ipo.Button
ButtonAction = ipo.ButtonAction


# --- the Button value object ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("button", "action", "number", "label"),
    [
        (Button.extn_logout(), ButtonAction.EXTN_LOGOUT, "", "Logout"),
        (Button.extn_login(), ButtonAction.EXTN_LOGIN, "", "Login"),
        (Button.dial("*36"), ButtonAction.DIAL, "*36", "Dial *36"),
        (Button.dial("3001"), ButtonAction.DIAL, "3001", "Dial 3001"),
        (Button.dial("*36", label="LogOff"), ButtonAction.DIAL, "*36", "LogOff"),
        (Button.extn_logout(label="Bye"), ButtonAction.EXTN_LOGOUT, "", "Bye"),
        (Button("ExtnLogout"), ButtonAction.EXTN_LOGOUT, "", "Logout"),
        (Button("dial", "*36"), ButtonAction.DIAL, "*36", "Dial *36"),
    ],
)
def test_a_button_has_an_action_a_number_and_a_label(button, action, number, label):
    assert (button.action, button.number, button.label) == (action, number, label)


def test_a_label_left_empty_is_the_default_label_cut_to_ten_characters():
    assert Button.dial("3000*1234").label == "Dial 3000*"
    assert Button.dial("3000*1234").has_default_label


def test_a_button_is_frozen():
    button = Button.extn_logout()
    with pytest.raises(dataclasses.FrozenInstanceError):
        button.label = "Other"  # type: ignore[misc]


def test_buttons_with_the_same_fields_are_equal_and_hash_alike():
    assert Button.dial("*36") == Button.parse("Dial *36")
    assert len({Button.dial("*36"), Button.parse("Dial *36"), Button.extn_logout()}) == 2


# fmt: off
TEXT_FORMS = [
    # text                     the button
    ("ExtnLogout",             Button.extn_logout()),
    ("ExtnLogin",              Button.extn_login()),
    ("Dial *36",               Button.dial("*36")),
    ("Dial 3001",              Button.dial("3001")),
    ("Dial *35*3000*1234#",    Button.dial("*35*3000*1234#")),
    ('Dial *36 "LogOff"',      Button.dial("*36", label="LogOff")),
    ('ExtnLogout "Bye"',       Button.extn_logout(label="Bye")),
    ('ExtnLogout "   "',       Button.extn_logout(label="   ")),
]
# fmt: on


@pytest.mark.parametrize(("text", "button"), TEXT_FORMS, ids=[t for t, _ in TEXT_FORMS])
def test_text_form_parses_and_prints_back_the_same(text, button):
    assert Button.parse(text) == button
    assert str(button) == text
    assert Button.parse(str(button)) == button


@pytest.mark.parametrize(
    ("text", "button"),
    [
        ("  extnlogout  ", Button.extn_logout()),
        ("dial *36", Button.dial("*36")),
        ('Dial *36 ""', Button.dial("*36")),
        ('Dial *36 "Dial *36"', Button.dial("*36")),
    ],
)
def test_parse_accepts_what_manager_would_store_the_same(text, button):
    assert Button.parse(text) == button


@pytest.mark.parametrize(
    ("make", "quoted"),
    [
        (lambda: Button.dial(""), "''"),
        (lambda: Button.dial("*3a"), "'*3a'"),
        (lambda: Button.dial("3000 1234"), "'3000 1234'"),
        (lambda: Button(ButtonAction.EXTN_LOGOUT, "36"), "'36'"),
        (lambda: Button(ButtonAction.EXTN_LOGIN, "3000"), "'3000'"),
        (lambda: Button.dial("*36", label="LogMeOffNow"), "'LogMeOffNow'"),
        (lambda: Button.extn_logout(label='Log "off"'), "'Log \"off\"'"),
        (lambda: Button("Park"), "'Park'"),
        (lambda: Button.parse("Park"), "'Park'"),
        (lambda: Button.parse("Dial"), "''"),
        (lambda: Button.parse("ExtnLogout 36"), "'36'"),
        (lambda: Button.parse("Dial *36 LogOff"), "'Dial *36 LogOff'"),
        (lambda: Button.parse(""), "''"),
        (lambda: Button.parse(None), "None"),
    ],
    ids=[
        "dial-no-number",
        "dial-letters",
        "dial-space",
        "extn-logout-with-a-number",
        "extn-login-with-a-number",
        "label-of-11-characters",
        "label-with-a-double-quote",
        "unknown-action",
        "parse-unknown-action",
        "parse-dial-without-number",
        "parse-extn-logout-with-number",
        "parse-label-without-quotes",
        "parse-empty",
        "parse-not-text",
    ],
)
def test_manager_refuses_a_button_it_cannot_store_quoting_the_value(make, quoted):
    with pytest.raises(ipo.ConfigError, match=re.escape(quoted)) as caught:
        make()
    assert isinstance(caught.value, ipo.IpoError)
    assert isinstance(caught.value, ValueError)


def test_a_label_of_ten_characters_fits():
    assert Button.dial("*36", label="LogMeOffNo").label == "LogMeOffNo"


@pytest.mark.parametrize(
    ("action", "path"),
    [
        (ButtonAction.EXTN_LOGOUT, ("Advanced", "Extn", "ExtnLogout")),
        (ButtonAction.EXTN_LOGIN, ("Advanced", "Extn", "ExtnLogin")),
        (ButtonAction.DIAL, ("Dial",)),
    ],
)
def test_manager_path_is_the_menus_the_tech_tip_clicks(action, path):
    assert action.manager_path == path
    assert Button(action, "*36" if action is ButtonAction.DIAL else "").action.manager_path == path


# --- programming buttons in Manager -------------------------------------------------------------


@pytest.fixture
def bare_system(site: ipo.Config) -> ipo.System:
    """The tech tip's site with every button cleared, so each test programs its own."""
    for user in site.users:
        user.buttons = {}
    return ipo.System(site)


def program(system: ipo.System, user: str, position: int, button: Button | None) -> None:
    """Manager: receive the configuration, set one button, Merge."""
    draft = system.receive_config()
    draft.set_button(user, position, button)
    system.merge(draft)


def log_on(system: ipo.System, station: str, user: str = "3000", code: str = "1234") -> ipo.Phone:
    """The tech tip's default short code at ``station``, then hang up."""
    phone = system.phone(station)
    phone.dial(f"*35*{user}*{code}#")
    phone.hang_up()
    assert system.location_of(user) == station
    return phone


@pytest.mark.parametrize("position", [0, 25, -1, True, "1", 1.0])
def test_set_button_refuses_a_position_no_handset_has(site, position):
    with pytest.raises(ipo.ConfigError, match=re.escape(f"position {position!r}")):
        site.set_button("3000", position, Button.extn_logout())


@pytest.mark.parametrize("position", [1, 24])
def test_set_button_takes_positions_1_to_24(site, position):
    site.set_button("3000", position, Button.extn_logout())
    assert site.user("3000").buttons[position] == Button.extn_logout()


def test_set_button_refuses_an_unknown_user_quoting_them(site):
    with pytest.raises(ipo.UnknownName, match=re.escape("user 'Nobody'")) as caught:
        site.set_button("Nobody", 1, Button.extn_logout())
    assert isinstance(caught.value, ipo.IpoError)


def test_set_button_refuses_text_instead_of_a_button(site):
    with pytest.raises(ipo.ConfigError, match=re.escape("'ExtnLogout' is not a Button")):
        site.set_button("3000", 1, "ExtnLogout")


def test_set_button_none_clears_the_button(site):
    site.set_button("Agent3000", 1, Button.extn_logout())
    site.set_button("Agent3000", 1, None)
    assert 1 not in site.user("3000").buttons
    site.set_button("3000", 9, None)  # clearing a free position is harmless
    assert 9 not in site.user("3000").buttons


def test_a_button_programmed_in_manager_does_nothing_before_merge(bare_system):
    phone = log_on(bare_system, "3000")
    draft = bare_system.receive_config()
    draft.set_button("3000", 1, Button.extn_logout())
    phone.press_button(1)
    assert bare_system.location_of("3000") == "3000"
    bare_system.merge(draft)
    phone.press_button(1)
    assert bare_system.location_of("3000") is None


# --- buttons on the phone -------------------------------------------------------------------------


def test_extn_logout_button_logs_the_agent_off_with_confirmation(bare_system):
    program(bare_system, "3000", 1, Button.extn_logout())
    phone = log_on(bare_system, "3000")
    screen = phone.press_button(1)
    assert (screen.lines, screen.state, screen.tone) == (
        ("NoUser              3000", "Logged off"),
        "notice",
        None,  # on-hook: the display says it, no earpiece plays a tone
    )
    assert bare_system.location_of("3000") is None


def test_dial_star_36_button_logs_off_like_dialling_it(bare_system):
    program(bare_system, "3000", 2, Button.dial("*36"))
    phone = log_on(bare_system, "3000")
    screen = phone.press_button(2)
    assert (screen.lines, screen.state, screen.tone, screen.off_hook) == (
        ("NoUser              3000", "Logged off"),
        "result",
        Tone.CONFIRMATION,
        True,
    )
    assert bare_system.location_of("3000") is None


@pytest.mark.parametrize(
    ("number", "lines", "tone"),
    [
        ("3002", ("Desk3002 3002", "Calling"), Tone.RINGBACK),
        ("3001", ("Agent3001 3001", "Busy"), Tone.BUSY),  # 3001 is logged off: no phone rings
        ("200", ("Sales 200", "Calling"), Tone.RINGBACK),
    ],
)
def test_dial_button_dials_an_extension(bare_system, number, lines, tone):
    program(bare_system, "3000", 3, Button.dial(number))
    phone = log_on(bare_system, "3000")
    screen = phone.press_button(3)
    assert (screen.lines, screen.state, screen.tone) == (lines, "result", tone)


def test_an_unprogrammed_button_does_nothing_and_says_so(bare_system):
    phone = log_on(bare_system, "3000")
    before = phone.screen
    screen = phone.press_button(4)
    assert screen.note == "Button 4 is not programmed for Agent3000 (User > Button Programming)."
    assert screen.ignored
    assert dataclasses.replace(screen, note="", ignored=False) == dataclasses.replace(
        before, note=""
    )
    assert bare_system.location_of("3000") == "3000"


def test_a_cleared_button_is_unprogrammed_again(bare_system):
    program(bare_system, "3000", 1, Button.extn_logout())
    program(bare_system, "3000", 1, None)
    phone = log_on(bare_system, "3000")
    assert "not programmed" in phone.press_button(1).note
    assert bare_system.location_of("3000") == "3000"


@pytest.mark.parametrize(
    ("station", "default_display"),
    [
        ("3001", ("NoUser              3001", "")),  # its own user Agent3001 is Force Login
        ("3002", ("Desk3002    3002", "")),  # its own user Desk3002 comes back (rule R5)
    ],
)
def test_buttons_follow_the_agent_when_hot_desking(bare_system, station, default_display):
    program(bare_system, "3000", 1, Button.extn_logout())
    there = bare_system.phone(station)
    assert there.buttons[0] is None, "before 3000 logs on, the button is not on this phone"
    log_on(bare_system, station)
    assert there.buttons[0] == Button.extn_logout()
    assert bare_system.phone("3000").display == ("NoUser              3000", "")

    there.press_button(1)

    assert bare_system.location_of("3000") is None
    assert there.hang_up().lines == default_display
    assert bare_system.phone("3000").display == ("NoUser              3000", "")


def test_the_phone_shows_the_buttons_of_the_user_logged_on_there(bare_system):
    program(bare_system, "3000", 1, Button.extn_logout())
    program(bare_system, "3001", 1, Button.dial("*36"))
    phone = log_on(bare_system, "3001", "3001", "5678")
    assert phone.buttons[0] == Button.dial("*36")
    log_on(bare_system, "3001")  # 3000 takes the desk: 3001 is logged off
    assert phone.buttons[0] == Button.extn_logout()
    assert bare_system.location_of("3001") is None


def test_a_button_beyond_a_smaller_handset_is_not_reachable_there(bare_system):
    program(bare_system, "3000", 7, Button.extn_logout())
    phone = log_on(bare_system, "3002")  # the 4606 has 6 buttons
    assert len(phone.buttons) == 6
    with pytest.raises(ipo.KeyNotOnHandset, match=re.escape("The 4606 has no key 7.")):
        phone.press_button(7)
    assert bare_system.location_of("3000") == "3002"
    log_on(bare_system, "3000")  # at home on the 4612 (12 buttons) the button is there
    bare_system.phone("3000").press_button(7)
    assert bare_system.location_of("3000") is None


def test_a_nouser_phone_has_no_buttons(bare_system):
    program(bare_system, "3000", 1, Button.extn_logout())
    phone = log_on(bare_system, "3000")
    phone.dial("*36")
    assert phone.hang_up().lines == ("NoUser              3000", "")
    assert phone.buttons == (None,) * 12
    assert phone.press_button(1).note == (
        "Button 1 is not programmed for NoUser (User > Button Programming)."
    )


def test_extn_login_button_opens_the_logon_prompt_on_a_display_phone(bare_system):
    program(bare_system, "3000", 1, Button.extn_login())
    screen = log_on(bare_system, "3000").press_button(1)
    assert (screen.lines, screen.softkeys, screen.state) == (
        ("Logon: extension?", ""),
        ("Next", "Bksp", "", ""),
        "logon_extension",
    )


def test_extn_login_button_on_a_4606_says_it_needs_softkeys(bare_system):
    program(bare_system, "3002", 1, Button.extn_login())
    phone = bare_system.phone("3002")
    before = phone.screen
    screen = phone.press_button(1)
    assert screen.note == "ExtnLogin buttons need a display with softkeys; the 4606 has none."
    assert dataclasses.replace(screen, note="") == dataclasses.replace(before, note="")


def test_extn_logout_button_while_dialling_stops_the_dial_delay(bare_system):
    program(bare_system, "3000", 1, Button.extn_logout())
    phone = log_on(bare_system, "3000")
    phone.press("3")  # a partial number: the Dial Delay Time is running
    screen = phone.press_button(1)
    assert (screen.lines[1], screen.state) == ("Logged off", "result")
    # A timer left running here would never clear, and System.advance would loop forever.
    assert phone.timer_due is None
    bare_system.advance(10)
    assert phone.display == ("NoUser              3000", "Logged off")
