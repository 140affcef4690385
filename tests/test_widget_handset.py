"""widgets.Handset: the desk phone on screen, driven by clicks as a trainee drives it.

Every case clicks the widget's own children (``Button.click()``, a ToggleButton's
``value``) on the tech tip's site: agent 3000 on a 4612 (button 1 ExtnLogout,
button 2 Dial *36, login code 1234), agent 3001 on a 6416D+ (login code 5678),
and Desk3002 on a 4606 (no login code).  A click script is a line of tokens:

    MENU EXIT LEFT RIGHT     click that key (the model prints its own label on it)
    [Hdesk]                  click the softkey whose label is Hdesk
    softkey3                 click softkey 3, whatever its label
    hook  answer             click the hook (Lift handset / Hang up), or Answer
    button1                  click programmable button 1
    *35*3000*1234#           anything else: click each dial-pad key in turn
"""

from __future__ import annotations

import functools
import io
import math
import random
import struct
import warnings
import wave
from collections.abc import Callable

import ipywidgets as w
import pytest

import ipo_core as ipo
from widgets.handset import Handset
from widgets.tones import CADENCES, SAMPLE_RATE, duration, tone_wav

NOUSER = "NoUser              3000"
AGENT = "Agent3000           3000"
NOUSER_3001 = "NoUser              3001"
AGENT_3001 = "Agent3001           3001"
DESK = "Desk3002    3002"
MENU_TO_HDESK = "MENU MENU RIGHT [Hdesk]"  # the tech tip: Menu twice, Right once, Hdesk


def click(handset: Handset, script: str) -> None:
    """Run a click script (see the module docstring) on the widget's children."""
    for token in script.split():
        if token.startswith("[") and token.endswith("]"):
            labels = [key.description for key in handset.softkeys]
            handset.softkeys[labels.index(token[1:-1])].click()
        elif token.startswith("softkey"):
            handset.softkeys[int(token.removeprefix("softkey")) - 1].click()
        elif token.startswith("button"):
            handset.line_keys[int(token.removeprefix("button")) - 1].click()
        elif token == "hook":
            handset.hook.click()
        elif token == "answer":
            handset.answer.click()
        elif token in ("MENU", "EXIT", "LEFT", "RIGHT"):
            handset.menu_keys[token].click()
        else:
            for key in token:
                handset.keypad[key].click()


def shown(handset: Handset) -> tuple[str, ...]:
    """The LCD as drawn, trailing spaces removed."""
    return tuple(line.rstrip() for line in handset.text)


def labels(keys: tuple[w.Button, ...]) -> tuple[str, ...]:
    return tuple(key.description for key in keys)


@pytest.fixture
def handset(system: ipo.System) -> Handset:
    """Agent 3000's 4612, logged off after boot (Force Login)."""
    return Handset(system.phone("3000"))


@pytest.fixture
def logged_on(system: ipo.System) -> Handset:
    """Agent 3000's 4612 with Agent3000 logged on, handset down."""
    handset = Handset(system.phone("3000"))
    click(handset, "*35*3000*1234# hook")
    return handset


# --- drawn after the model ------------------------------------------------------------------

MENU_LABELS_46XX = {"MENU": "Menu", "EXIT": "Exit", "LEFT": "Previous", "RIGHT": "Next"}
MENU_LABELS_64XX = {"MENU": "Menu", "EXIT": "Exit", "LEFT": "Prev", "RIGHT": "Next"}
MENU_LABELS_44XX = {"MENU": "Menu", "EXIT": "Exit", "LEFT": "\u25c4", "RIGHT": "\u25ba"}

# fmt: off
MODELS = [
    # model     display width  softkeys  Menu, Exit and arrows  programmable buttons
    ("4612",    24,            4,        MENU_LABELS_46XX,      12),
    ("6416D+",  24,            4,        MENU_LABELS_64XX,      16),
    ("4606",    16,            0,        {},                    6),
    ("4406D+",  16,            0,        {},                    6),
    ("4412D+",  24,            4,        MENU_LABELS_44XX,      12),
    ("4624",    24,            4,        MENU_LABELS_46XX,      24),
]
# fmt: on


@pytest.mark.parametrize(("model", "width", "softkeys", "menu_keys", "buttons"), MODELS)
def test_each_model_has_exactly_the_keys_printed_on_it(
    one_station: Callable[..., ipo.System],
    model: str,
    width: int,
    softkeys: int,
    menu_keys: dict[str, str],
    buttons: int,
) -> None:
    handset = Handset(one_station(model).phone("3000"))

    assert len(handset.softkeys) == softkeys
    assert {key: button.description for key, button in handset.menu_keys.items()} == menu_keys
    assert list(handset.keypad) == list("123456789*0#")
    assert [key.description for key in handset.keypad.values()] == list("123456789*0#")
    assert len(handset.line_keys) == buttons
    assert [len(line) for line in handset.text] == [width, width]
    assert model in handset.brand.value


def test_the_lcd_pads_each_line_to_the_model_width_and_escapes_nothing_away(
    handset: Handset,
) -> None:
    assert handset.text == (NOUSER, " " * 24)
    assert 'class="ipo-lcd"' in handset.display.value
    click(handset, "*35")
    assert handset.text == (NOUSER, "*35".ljust(24))


def test_programmable_buttons_carry_the_labels_of_the_user_logged_on(
    handset: Handset, system: ipo.System
) -> None:
    # Buttons belong to the user: NoUser has none, Agent3000 brings ExtnLogout and Dial *36.
    assert set(labels(handset.line_keys)) == {""}
    click(handset, "*35*3000*1234#")
    assert labels(handset.line_keys)[:3] == ("Logout", "Dial *36", "")
    assert handset.line_keys[1].tooltip == "Button 2: Dial *36"


def test_the_softkeys_show_the_labels_of_the_current_menu_page(handset: Handset) -> None:
    assert labels(handset.softkeys) == ("", "", "", "")
    click(handset, "MENU")
    assert labels(handset.softkeys) == ("Pick", "Park", "Page", "Dir")
    click(handset, "MENU RIGHT")
    assert labels(handset.softkeys) == ("Hdesk", "Vmail", "", "")


def test_a_blank_label_empties_the_key_in_the_browser_too(handset: Handset) -> None:
    # ipywidgets' Button view leaves the old text on a key whose description becomes '',
    # unless it has an icon: a blank key gets 'fw' (a fixed width, no glyph) instead.
    click(handset, "MENU MENU")
    assert [key.icon for key in handset.softkeys] == ["", "", "", ""]
    click(handset, "RIGHT")
    assert [key.icon for key in handset.softkeys] == ["", "", "fw", "fw"]
    assert ["ipo-blank" in key._dom_classes for key in handset.softkeys] == [0, 0, 1, 1]
    click(handset, "EXIT *35*3000*1234# hook")
    assert [key.icon for key in handset.line_keys[:3]] == ["", "", "fw"]
    click(handset, "button1")
    assert {key.icon for key in handset.line_keys} == {"fw"}


def test_a_4606_has_no_menu_keys_so_the_tip_sends_its_trainee_to_short_codes(
    system: ipo.System,
) -> None:
    handset = Handset(system.phone("3002"))
    assert handset.softkeys == ()
    assert handset.menu_keys == {}
    assert shown(handset) == (DESK, "")


# --- the tech tip's three logon methods and three logoff methods, by clicks ------------------

# fmt: off
LOGON_METHODS = {
    "1 a custom short code #3000": ("3000", [
        ("#300",                    (NOUSER, "#300")),
        ("0",                       (AGENT, "Logged on")),
        ("hook",                    (AGENT, "")),
    ]),
    "2 the default short code *35*Extn*Code#": ("3000", [
        ("hook",                    (NOUSER, "")),
        ("*35*3000*1234",           (NOUSER, "*35*3000*1234")),
        ("#",                       (AGENT, "Logged on")),
        ("hook",                    (AGENT, "")),
    ]),
    "3 the Menu keys on a 4612": ("3000", [
        ("MENU",                    (NOUSER, "Menu 1 of 3")),
        ("MENU",                    (NOUSER, "Menu 2 of 3")),
        ("RIGHT",                   (NOUSER, "Menu 3 of 3")),
        ("[Hdesk]",                 ("Hot desking", "Logon or LogOff?")),
        ("[Logon]",                 ("Logon: extension?", "")),
        ("3000",                    ("Logon: extension?", "3000")),
        ("[Next]",                  ("Logon: login code?", "")),
        ("1234",                    ("Logon: login code?", "****")),
        ("[Done]",                  (AGENT, "Logged on")),
    ]),
    "3 the Menu keys on a 6416D+": ("3001", [
        (MENU_TO_HDESK,             ("Hot desking", "Logon or LogOff?")),
        ("[Logon] 3001 [Next]",     ("Logon: login code?", "")),
        ("5678 [Done]",             (AGENT_3001, "Logged on")),
        ("EXIT",                    (AGENT_3001, "")),
    ]),
}
LOGOFF_METHODS = {
    "1 a programmed ExtnLogout button": [
        ("button1",                 (NOUSER, "Logged off")),
    ],
    "2 the default short code *36": [
        ("*3",                      (AGENT, "*3")),
        ("6",                       (NOUSER, "Logged off")),
        ("hook",                    (NOUSER, "")),
    ],
    "2 a Dial *36 button": [
        ("button2",                 (NOUSER, "Logged off")),
        ("hook",                    (NOUSER, "")),
    ],
    "3 the Menu keys": [
        (MENU_TO_HDESK,             ("Hot desking", "Logon or LogOff?")),
        ("[LogOff]",                (NOUSER, "Logged off")),
    ],
}
# fmt: on


@pytest.mark.parametrize("method", LOGON_METHODS)
def test_each_logon_method_of_the_tech_tip_works_by_clicks(system: ipo.System, method: str) -> None:
    station, steps = LOGON_METHODS[method]
    handset = Handset(system.phone(station))
    for script, lines in steps:
        click(handset, script)
        assert shown(handset) == lines, script
        assert "ipo-ok" in handset.status.value, script  # said what it did; nothing refused
    assert system.location_of(station) == station


@pytest.mark.parametrize("method", LOGOFF_METHODS)
def test_each_logoff_method_of_the_tech_tip_works_by_clicks(
    logged_on: Handset, system: ipo.System, method: str
) -> None:
    for script, lines in LOGOFF_METHODS[method]:
        click(logged_on, script)
        assert shown(logged_on) == lines, script
    assert system.location_of("3000") is None
    assert set(labels(logged_on.line_keys)) == {""}  # the buttons left with the user


# --- the line under the phone: what every key did ---------------------------------------------

# fmt: off
EXPLAINED = [
    # clicks on agent 3000's 4612                  the status line after the last click
    ("MENU",                                       "Menu: page 1 of 3 of the menu."),
    ("MENU MENU",                                  "Menu: page 2 of 3 of the menu."),
    ("MENU MENU RIGHT",                            "Next: page 3 of 3 of the menu."),
    ("MENU MENU RIGHT LEFT",                       "Previous: page 2 of 3 of the menu."),
    ("MENU MENU MENU",                             "Menu: the phone is idle again."),
    (MENU_TO_HDESK,                                "Hdesk: the Hot desking screen; choose Logon "
                                                   "or LogOff."),
    (f"{MENU_TO_HDESK} [Logon]",                   "Logon: the phone asks for the extension; "
                                                   "type it, then press Next."),
    (f"{MENU_TO_HDESK} [Logon] 30",                "0: the extension so far is 30."),
    (f"{MENU_TO_HDESK} [Logon] 3000 [Next]",       "Next: the phone asks for the login code; "
                                                   "type it, then press Done."),
    (f"{MENU_TO_HDESK} [Logon] 3000 [Next] 12",    "2: 2 digits of the login code so far, "
                                                   "shown as *."),
    (f"{MENU_TO_HDESK} [Logon] 3000 [Next] 1 [Bksp]", "Bksp: 0 digits of the login code so far, "
                                                   "shown as *."),
    (f"{MENU_TO_HDESK} [Logon] 3000 [Next] 1234 [Done]", "Logged on as Agent3000 at 3000."),
    ("hook",                                       "Lift handset: dial tone; dial a number or a "
                                                   "short code."),
    ("3",                                          "Dialled 3: the display waits for more digits."),
    ("5",                                          "5: the system answered Incompatible."),
    ("*35*3000*1234#",                             "Logged on as Agent3000 at 3000."),
    ("*35*3000*1234# hook",                        "Hang up: the phone is idle again."),
    ("*35*3000*9999#",                             "#: the system answered Invalid."),
    ("*35*3000*1234# hook button1",                "Logged off: the phone at 3000 shows NoUser."),
    ("button1",                                    "Button 1: nothing changed."),
    ("MENU MENU RIGHT softkey3",                   "Softkey 3: nothing changed."),
    ("MENU 5",                                     "5: nothing changed."),
    ("MENU EXIT",                                  "Exit: the phone is idle again."),
]
# fmt: on


@pytest.mark.parametrize(("script", "said"), EXPLAINED)
def test_after_every_key_the_status_line_says_what_the_phone_did(
    handset: Handset, script: str, said: str
) -> None:
    for token in script.split():
        click(handset, token)
        assert "ipo-ok" in handset.status.value, token  # something is said after every key
    assert handset.status.text == said


def test_the_status_line_never_quotes_a_login_code(handset: Handset) -> None:
    said = []
    for key in f"{MENU_TO_HDESK} [Logon] 3000 [Next] 1 2 3 4 [Done]".split():
        click(handset, key)
        said.append(handset.status.text)
    assert not any("123" in line for line in said)  # nor a near miss of the code


def test_a_ringing_call_and_answering_it_are_explained(
    logged_on: Handset, system: ipo.System
) -> None:
    system.incoming_call("200")
    click(logged_on, "answer")
    assert logged_on.status.text == "Answer: you are on the call; hang up to end it."
    click(logged_on, "hook")
    assert logged_on.status.text == "Hang up: the phone is idle again."


# --- the computer keyboard ------------------------------------------------------------------


def typed(handset: Handset, *names: str) -> None:
    """What the page sends while the phone has the focus: one message per key typed."""
    for name in names:
        handset._on_keyboard_msg(handset.keyboard, {"key": name}, [])


def test_typing_star_35_on_the_keyboard_logs_on(handset: Handset, system: ipo.System) -> None:
    typed(handset, *"*35*3000*1234#")
    assert shown(handset) == (AGENT, "Logged on")
    assert handset.status.text == "Logged on as Agent3000 at 3000."
    assert system.location_of("3000") == "3000"


def test_arrows_escape_and_enter_press_the_keys_the_phone_says(handset: Handset) -> None:
    click(handset, "MENU MENU")
    typed(handset, "ArrowRight")
    assert shown(handset) == (NOUSER, "Menu 3 of 3")
    typed(handset, "ArrowLeft")
    assert shown(handset) == (NOUSER, "Menu 2 of 3")
    typed(handset, "Escape")
    assert shown(handset) == (NOUSER, "")
    click(handset, f"{MENU_TO_HDESK} [Logon]")
    typed(handset, *"3000", "Enter", *"1234", "Enter")  # Enter: Next, then Done
    assert shown(handset) == (AGENT, "Logged on")


def test_a_keyboard_key_with_no_handset_key_says_so(system: ipo.System) -> None:
    desk = Handset(system.phone("3002"))  # a 4606: no arrows, no Exit, no softkeys
    typed(desk, "ArrowLeft")
    assert desk.status.text == "The left arrow on the keyboard presses no key of the 4606 now."
    typed(desk, "Enter", "x", "F5")
    assert shown(desk) == (DESK, "")
    typed(desk)
    desk._on_keyboard_msg(desk.keyboard, "not a dict", [])  # a stray message is dropped
    assert shown(desk) == (DESK, "")


def test_enter_does_nothing_where_the_first_softkey_is_blank(handset: Handset) -> None:
    assert handset.phone.key_for("Enter") is None
    typed(handset, "Enter")
    assert handset.status.text == "Enter on the keyboard presses no key of the 4612 now."


def test_the_keys_come_in_the_phone_s_own_order_for_tab(handset: Handset) -> None:
    order = [b for b in walk(handset) if isinstance(b, w.Button | w.ToggleButton)]
    assert order == [
        *handset.softkeys,
        *handset.menu_keys.values(),
        *handset.keypad.values(),  # a grid of three: row by row
        *handset.line_keys,
        handset.speaker,
        handset.hook,
        handset.answer,
    ]
    assert list(handset.menu_keys) == ["MENU", "EXIT", "LEFT", "RIGHT"]


def test_every_key_has_a_name_for_a_screen_reader(handset: Handset) -> None:
    keys = [b for b in walk(handset) if isinstance(b, w.Button | w.ToggleButton)]
    assert all(key.tooltip for key in keys)
    assert handset.softkeys[2].tooltip == "Softkey 3: no label now"
    assert handset.keypad["#"].tooltip == "Key #"
    assert handset.keyboard.label.startswith("The phone at 3000")


def walk(widget: w.Widget) -> list[w.Widget]:
    """The widget and its descendants in page order."""
    return [widget, *(d for c in getattr(widget, "children", ()) for d in walk(c))]


def test_the_hook_reads_lift_on_hook_and_hang_up_off_hook(handset: Handset) -> None:
    assert handset.hook.description == "Lift handset"
    click(handset, "hook")
    assert handset.hook.description == "Hang up"
    assert "ipo-off-hook" in handset.hook._dom_classes
    click(handset, "hook")
    assert handset.hook.description == "Lift handset"
    assert "ipo-off-hook" not in handset.hook._dom_classes


def test_the_kits_explanation_is_shown_as_the_note_under_the_phone(handset: Handset) -> None:
    click(handset, "*35*3000*9999#")
    assert shown(handset) == (NOUSER, "Invalid")
    assert "Login refused (wrong code); attempt 1 of 4" in handset.note.value
    click(handset, "hook")
    assert handset.note.value == ""


# --- a ringing call -----------------------------------------------------------------------


def test_a_ringing_call_shows_with_a_lit_lamp_and_the_answer_key_enabled(
    logged_on: Handset, system: ipo.System
) -> None:
    assert logged_on.answer.disabled
    system.incoming_call("200")
    logged_on.refresh()  # the call came from outside: no click drew it
    assert shown(logged_on) == ("Call for Sales", "Outside call")
    assert not logged_on.answer.disabled
    assert "ipo-ringing" in logged_on.answer._dom_classes
    assert "ipo-lit" in logged_on.lamp.value
    assert shown(Handset(system.phone("3000"))) == ("Call for Sales", "Outside call")


@pytest.mark.parametrize("how", ["answer", "hook"])
def test_a_ringing_call_is_answered_by_the_answer_key_or_by_lifting(
    logged_on: Handset, system: ipo.System, how: str
) -> None:
    call = system.incoming_call("200")
    logged_on.refresh()
    click(logged_on, how)
    assert shown(logged_on) == ("Sales call", "Outside call")
    assert call.state == "connected"
    assert logged_on.answer.disabled
    assert "ipo-lit" not in logged_on.lamp.value
    assert logged_on.hook.description == "Hang up"
    click(logged_on, "hook")
    assert shown(logged_on) == (AGENT, "")
    assert call.state == "ended"


# --- the speaker ----------------------------------------------------------------------------


def test_the_speaker_is_off_by_default_and_then_no_tone_plays(handset: Handset) -> None:
    assert handset.speaker.value is False
    click(handset, "hook")
    assert handset.audio.value == b""


# fmt: off
TONES = [
    # script                        tone the display gives
    ("hook",                        ipo.Tone.DIAL),
    ("*35*3000*1234#",              ipo.Tone.CONFIRMATION),
    ("*35*3000*9999#",              ipo.Tone.BUSY),
    ("5",                           ipo.Tone.NUMBER_UNOBTAINABLE),
    ("3002",                        ipo.Tone.RINGBACK),
]
# fmt: on


@pytest.mark.parametrize(("script", "tone"), TONES)
def test_with_the_speaker_on_the_tone_of_the_last_display_plays(
    handset: Handset, script: str, tone: ipo.Tone
) -> None:
    handset.speaker.value = True
    click(handset, script)
    assert handset.phone.screen.tone is tone
    assert handset.audio.value == tone_wav(tone)
    handset.speaker.value = False
    assert handset.audio.value == b""


def test_switching_the_speaker_on_plays_the_tone_already_sounding(handset: Handset) -> None:
    click(handset, "hook")
    handset.speaker.value = True
    assert handset.audio.value == tone_wav(ipo.Tone.DIAL)
    assert handset.speaker.description == "Speaker on"
    click(handset, "3")  # dial tone stops at the first digit
    assert handset.audio.value == b""


def test_a_ringing_phone_rings_through_the_speaker(logged_on: Handset, system: ipo.System) -> None:
    logged_on.speaker.value = True
    system.incoming_call("200")
    logged_on.refresh()
    assert logged_on.audio.value == tone_wav(ipo.Tone.RINGING)


def test_the_same_tone_twice_is_sent_again_so_the_browser_replays_it(handset: Handset) -> None:
    handset.speaker.value = True
    click(handset, "hook")
    sent: list[bytes] = []
    handset.audio.observe(lambda change: sent.append(change["new"]), "value")
    click(handset, "softkey1")  # does nothing: dial tone goes on
    assert sent == [b"", tone_wav(ipo.Tone.DIAL)]


# --- mistakes, and bugs ---------------------------------------------------------------------


def test_a_softkey_with_a_blank_label_is_a_note_not_an_error(handset: Handset) -> None:
    click(handset, "MENU MENU RIGHT")
    click(handset, "softkey3")
    assert "Softkey 3 has no label now: it does nothing." in handset.note.value
    assert handset.note.value == fresh(handset).note.value  # the phone's note, not the widget's
    assert handset.status.text == "Softkey 3: nothing changed."
    assert labels(handset.softkeys) == ("Hdesk", "Vmail", "", "")
    click(handset, "[Hdesk]")
    assert "Softkey 3" not in handset.note.value
    assert "ipo-error" not in handset.status.value


def test_a_click_the_phone_takes_clears_the_error_of_the_click_before(
    handset: Handset, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(key: str) -> ipo.Display:
        raise ipo.KeyNotOnHandset(key, "4612", ["5"], "Refused for the test.")

    with monkeypatch.context() as patch:
        patch.setattr(handset.phone, "press", refused)
        click(handset, "5")
    assert "Refused for the test." in handset.status.text
    click(handset, "5")
    assert handset.status.text == "5: the system answered Incompatible."


def test_a_station_removed_by_merge_shows_unknown_name_in_the_status_line(
    system: ipo.System,
) -> None:
    handset = Handset(system.phone("3002"))
    draft = system.receive_config()
    draft.remove_extension("3002")
    system.merge(draft)

    click(handset, "5")

    assert "ipo-error" in handset.status.value
    assert handset.status.text == "There is no station '3002'. Known: 3000, 3001."
    assert "ipo-dark" in handset.display.value
    assert set(handset.text) == {" " * 16}
    assert handset.answer.disabled


def test_a_handset_drawn_for_a_removed_station_says_so_instead_of_raising(
    system: ipo.System,
) -> None:
    phone = system.phone("3002")
    draft = system.receive_config()
    draft.remove_extension("3002")
    system.merge(draft)
    handset = Handset(phone)
    assert "ipo-dark" in handset.display.value
    assert "Merge removed station 3002" in handset.note.value
    assert handset.answer.disabled
    assert handset.status.text == ""  # nothing was refused yet: a key click says why


def test_a_merge_that_changes_the_model_redraws_the_keys(
    logged_on: Handset, system: ipo.System
) -> None:
    draft = system.receive_config()
    draft.set_extension_model("3000", "4606")
    system.merge(draft)
    logged_on.refresh()
    assert logged_on.softkeys == ()
    assert logged_on.menu_keys == {}
    assert len(logged_on.line_keys) == 6
    assert [len(line) for line in logged_on.text] == [16, 16]
    click(logged_on, "button1")
    assert shown(logged_on) == ("NoUser      3000", "Logged off")


class Notebook:
    """Stands in for IPython, which shows a widget callback's traceback in the notebook."""

    def showtraceback(self) -> None:
        raise  # the exception ipywidgets is handling, as IPython would show it


def test_any_other_exception_stays_loud(handset: Handset, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(key: str) -> ipo.Display:
        raise RuntimeError(f"bug pressing {key}")

    monkeypatch.setattr(handset.phone, "press", broken)
    monkeypatch.setattr("ipywidgets.widgets.widget.get_ipython", Notebook)
    with pytest.raises(RuntimeError, match="bug pressing 5"):
        handset.keypad["5"].click()
    assert handset.status.text == ""  # not dressed up as a trainee's mistake
    with pytest.raises(RuntimeError, match="bug pressing 1"):
        handset._on_keypad_click(handset.keypad["1"])  # the handler itself does not swallow it


@pytest.mark.parametrize(
    ("script", "method"),
    [
        ("5", "press"),
        ("MENU", "press"),
        ("softkey1", "press"),
        ("button1", "press_button"),
        ("hook", "lift"),
        ("answer", "answer"),
    ],
)
def test_every_click_is_one_call_into_the_phone(
    handset: Handset, monkeypatch: pytest.MonkeyPatch, script: str, method: str
) -> None:
    calls: list[str] = []
    for name in ("press", "press_button", "lift", "hang_up", "answer", "type", "dial"):
        real = getattr(handset.phone, name)

        def spy(*args: object, _real: Callable[..., object] = real, _name: str = name) -> object:
            calls.append(_name)
            return _real(*args)

        monkeypatch.setattr(handset.phone, name, spy)
    click(handset, script)
    assert calls == [method]


def test_creating_and_clicking_the_widget_prints_no_warning(system: ipo.System) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        handset = Handset(system.phone("3000"))
        handset.speaker.value = True
        click(handset, f"*35*3000*1234# hook {MENU_TO_HDESK} softkey3 [LogOff] hook")


# --- no domain state in the widget ------------------------------------------------------------


def drawn(widget: w.Widget, skip: tuple[w.Widget, ...]) -> object:
    """Everything a widget sends to the browser, its children's too (ids left out)."""
    if any(widget is s for s in skip):
        return "skipped"
    state = {}
    for name in widget.keys:
        if name.startswith(("_model_", "_view_")):
            continue
        state[name] = _drawn_value(getattr(widget, name), skip)
    return type(widget).__name__, state


def _drawn_value(value: object, skip: tuple[w.Widget, ...]) -> object:
    if isinstance(value, w.Widget):
        return drawn(value, skip)
    if isinstance(value, list | tuple):
        return tuple(_drawn_value(v, skip) for v in value)
    return value


def fresh(handset: Handset) -> Handset:
    """A new view of the same phone, with the trainee's speaker set the same way."""
    again = Handset(handset.phone)
    again.speaker.value = handset.speaker.value
    return again


def close_tree(widget: w.Widget) -> None:
    for child in getattr(widget, "children", ()):
        close_tree(child)
    widget.close()


# What a trainee tries, a phrase at a time, besides single keys pressed at random.
PHRASES = [
    "*35*3000*1234#",
    "*35*3001*5678#",
    "*35*3000*9999#",
    "#3000",
    "*36",
    "hook",
    "answer",
    "MENU MENU RIGHT softkey1 softkey1 3000 softkey1 1234 softkey1",
    "MENU MENU RIGHT softkey1 softkey2",
    "MENU softkey2 EXIT",
]


def random_clicks(handset: Handset, rng: random.Random) -> list[Callable[[], None]]:
    """One key at random, or the keys of a phrase this model has keys for."""
    if rng.random() < 0.5:
        keys = [
            *handset.keypad.values(),
            *handset.softkeys,
            *handset.menu_keys.values(),
            *handset.line_keys,
            handset.hook,
            handset.answer,
        ]
        return [rng.choice(keys).click]
    phrases = [p for p in PHRASES if handset.menu_keys or "MENU" not in p]
    tokens = [
        key
        for token in rng.choice(phrases).split()
        for key in (token if token[0] in "0123456789*#" else [token])
    ]
    return [functools.partial(click, handset, token) for token in tokens]


@pytest.mark.parametrize("station", ["3000", "3001", "3002"])
@pytest.mark.parametrize("seed", range(3))
def test_after_any_clicks_the_widget_is_what_a_fresh_one_draws_from_the_model(
    system: ipo.System, station: str, seed: int
) -> None:
    rng = random.Random(seed)
    handset = Handset(system.phone(station))
    for _ in range(60):
        world = rng.random()
        if world < 0.1:
            system.incoming_call("200")  # the world moves on between clicks
        elif world < 0.2:
            system.advance(rng.choice([1, 5, 16]))
        elif world < 0.25:
            handset.speaker.value = not handset.speaker.value
        for press in random_clicks(handset, rng):
            press()
            assert "ipo-error" not in handset.status.value
            if rng.random() < 0.2:  # compare after a seeded fifth of the clicks
                again = fresh(handset)
                assert drawn(handset, (handset.status,)) == drawn(again, (again.status,))
                assert handset.text == again.text
                assert labels(handset.softkeys) == labels(again.softkeys)
                assert labels(handset.line_keys) == labels(again.line_keys)
                assert handset.hook.description == again.hook.description
                close_tree(again)


# --- the tones ----------------------------------------------------------------------------


def samples(tone: ipo.Tone) -> tuple[int, ...]:
    with wave.open(io.BytesIO(tone_wav(tone))) as clip:
        frames = clip.readframes(clip.getnframes())
    return struct.unpack(f"<{len(frames) // 2}h", frames)


def strength(values: tuple[int, ...], frequency: float) -> float:
    """How much of ``frequency`` is in ``values`` (one bin of a DFT, normalised)."""
    re = sum(v * math.cos(2 * math.pi * frequency * n / SAMPLE_RATE) for n, v in enumerate(values))
    im = sum(v * math.sin(2 * math.pi * frequency * n / SAMPLE_RATE) for n, v in enumerate(values))
    return math.hypot(re, im) / len(values)


# fmt: off
TONE_TABLE = [
    # tone                          seconds  frequencies   a silent moment
    (ipo.Tone.DIAL,                 1.5,     (350, 440),   None),
    (ipo.Tone.CONFIRMATION,         0.6,     (350, 440),   0.15),
    (ipo.Tone.BUSY,                 2.0,     (480, 620),   0.75),
    (ipo.Tone.NUMBER_UNOBTAINABLE,  2.0,     (480, 620),   0.375),
    (ipo.Tone.RINGBACK,             6.0,     (440, 480),   3.0),
    (ipo.Tone.RINGING,              3.0,     (440, 480),   1.25),
]
# fmt: on


def test_every_tone_of_the_kit_has_a_sound() -> None:
    assert set(CADENCES) == set(ipo.Tone)
    assert [row[0] for row in TONE_TABLE] == list(ipo.Tone)


@pytest.mark.parametrize(("tone", "seconds", "frequencies", "silent_at"), TONE_TABLE)
def test_each_tone_is_a_short_8khz_mono_16bit_wav_of_its_frequencies(
    tone: ipo.Tone, seconds: float, frequencies: tuple[int, int], silent_at: float | None
) -> None:
    wav = tone_wav(tone)
    assert wav[:4] == b"RIFF"
    assert wav[8:16] == b"WAVEfmt "
    with wave.open(io.BytesIO(wav)) as clip:
        assert (clip.getnchannels(), clip.getsampwidth(), clip.getframerate()) == (1, 2, 8000)
        assert clip.getnframes() / clip.getframerate() == pytest.approx(seconds, abs=1e-3)
    assert duration(tone) == pytest.approx(seconds)

    values = samples(tone)
    first = values[: SAMPLE_RATE // 10]  # the first 0.1 s always sounds
    assert max(abs(v) for v in first) > 10_000
    assert all(strength(first, f) > 2_000 for f in frequencies)
    assert strength(first, 1000) < 500
    if silent_at is not None:
        at = round(silent_at * SAMPLE_RATE)
        assert values[at - 100 : at + 100] == (0,) * 200


def test_a_tone_is_made_once_and_then_reused() -> None:
    assert tone_wav(ipo.Tone.BUSY) is tone_wav(ipo.Tone.BUSY)


def test_a_call_that_rings_shows_without_a_click_or_a_refresh():
    system = ipo.System(ipo.load_site("tech_tip_014"))
    system.phone("3000").dial("*35*3000*1234#")
    system.phone("3000").hang_up()
    handset = Handset(system.phone("3000"))
    assert handset.answer.disabled
    call = system.incoming_call("200")
    assert not handset.answer.disabled
    assert "Call for Sales" in " ".join(handset.text)
    system.advance(15)  # No Answer Time: the call moves on (to nobody else here) and back
    system.abandon_call(call)
    assert handset.answer.disabled
    assert "Call for Sales" not in " ".join(handset.text)


def test_a_closed_handset_stops_following_the_system():
    system = ipo.System(ipo.load_site("tech_tip_014"))
    following, closed = Handset(system.phone("3001")), Handset(system.phone("3001"))
    closed.close()
    system.log_in("3001", None, "5678")  # no key on either view: only the log tells them
    assert following.text[0].startswith("Agent3001")
    assert closed.text[0].startswith("NoUser")


def test_an_arrow_printed_as_a_symbol_is_named_in_words(
    one_station: Callable[..., ipo.System],
) -> None:
    handset = Handset(one_station("4412D+").phone("3000"))
    click(handset, "MENU MENU RIGHT")
    assert handset.status.text == "Right: page 3 of 3 of the menu."


def test_a_phone_changed_without_a_key_drops_the_last_key_s_sentence(
    handset: Handset, system: ipo.System
) -> None:
    click(handset, "*35*3000*1234")
    assert handset.status.text == "Dialled 4: the display waits for more digits."
    system.advance(4)  # the dial delay runs out: the phone no longer waits for digits
    handset.refresh()
    assert shown(handset)[1] == "Incompatible"
    assert handset.status.text == ""
    assert "matches no extension and no short code" in handset.note.value
    click(handset, "hook")  # hang up
    said = handset.status.text
    handset.refresh()  # nothing changed since the key: its sentence stays
    assert said
    assert handset.status.text == said
