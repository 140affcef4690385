"""The handset state machine, as the tech tip's trainee drives it.

Every case is a key script run on agent 3000's 4612 in the tech tip's site
(Force Login, login code 1234, so it boots showing NoUser) and the display,
softkeys, state and tone it must end on.  A script is a line of tokens:

    MENU EXIT LEFT RIGHT SOFTKEY1   press that key
    [Hdesk]                         press the softkey labelled Hdesk
    lift  hangup  button2           lift, hang up, press programmable button 2
    *35*3000*1234#                  anything else: press each dial-pad key in turn
"""

from __future__ import annotations

import dataclasses
import re

import pytest

import ipo_core as ipo
import ipo_core.switch.phone as phone_module
from ipo_core.switch.display import Tone
from ipo_core.switch.phone import SOFTKEY_ACTIONS, SOFTKEY_LABELS, STATES, TRANSITIONS

NOUSER = "NoUser              3000"
AGENT = "Agent3000           3000"
AGENT_ON_DND = "N Agent3000         3000"  # N: Do Not Disturb on (test_idle_display.py)
BLANK = ("", "", "", "")
PAGE_1 = ("Pick", "Park", "Page", "Dir")
PAGE_2 = ("Fwd", "DND", "Grp", "Acct")
PAGE_3 = ("Hdesk", "Vmail", "", "")
HDESK = ("Logon", "LogOff", "", "")
NEXT = ("Next", "Bksp", "", "")
DONE = ("Done", "Bksp", "", "")

TO_HDESK = "MENU MENU RIGHT [Hdesk]"  # the tech tip: Menu twice, Right once, Hdesk
TO_LOGON = f"{TO_HDESK} [Logon]"
LOGGED_ON = "*35*3000*1234# hangup"


def run(phone: ipo.Phone, script: str) -> ipo.Display:
    """Run a key script (see the module docstring); return the last snapshot."""
    screen = phone.screen
    for token in script.split():
        if token.startswith("[") and token.endswith("]"):
            screen = phone.press_softkey(token[1:-1])
        elif token == "lift":
            screen = phone.lift()
        elif token == "hangup":
            screen = phone.hang_up()
        elif token.startswith("button"):
            screen = phone.press_button(int(token.removeprefix("button")))
        elif token in ("MENU", "EXIT", "LEFT", "RIGHT") or token.startswith("SOFTKEY"):
            screen = phone.press(token)
        else:
            screen = phone.type(token)
    return screen


@pytest.fixture
def phone(system: ipo.System) -> ipo.Phone:
    """Agent 3000's 4612, logged off after boot (Force Login)."""
    return system.phone("3000")


def apart_from_note(screen: ipo.Display) -> ipo.Display:
    return dataclasses.replace(screen, note="", ignored=False)


# --- the state machine as a table -------------------------------------------------------

# fmt: off
STORY = [
    # script                                   lines                              softkeys state              tone
    ("",                                       (NOUSER, ""),                      BLANK,  "idle",            None),
    ("lift",                                   (NOUSER, ""),                      BLANK,  "dialling",        Tone.DIAL),
    ("lift 30",                                (NOUSER, "30"),                    BLANK,  "dialling",        None),
    ("30",                                     (NOUSER, "30"),                    BLANK,  "dialling",        None),
    ("lift 30 hangup",                         (NOUSER, ""),                      BLANK,  "idle",            None),
    ("MENU",                                   (NOUSER, "Menu 1 of 3"),           PAGE_1, "menu_1",          None),
    ("MENU MENU",                              (NOUSER, "Menu 2 of 3"),           PAGE_2, "menu_2",          None),
    ("MENU MENU RIGHT",                        (NOUSER, "Menu 3 of 3"),           PAGE_3, "menu_3",          None),
    ("MENU MENU RIGHT LEFT",                   (NOUSER, "Menu 2 of 3"),           PAGE_2, "menu_2",          None),
    ("MENU MENU MENU",                         (NOUSER, ""),                      BLANK,  "idle",            None),
    ("MENU MENU RIGHT MENU",                   (NOUSER, ""),                      BLANK,  "idle",            None),
    ("MENU lift",                              (NOUSER, ""),                      BLANK,  "dialling",        Tone.DIAL),
    (TO_HDESK,                                 ("Hot desking", "Logon or LogOff?"), HDESK, "hdesk",          None),
    (f"{TO_HDESK} LEFT",                       (NOUSER, "Menu 3 of 3"),           PAGE_3, "menu_3",          None),
    (TO_LOGON,                                 ("Logon: extension?", ""),         NEXT,   "logon_extension", None),
    (f"{TO_LOGON} 3000",                       ("Logon: extension?", "3000"),     NEXT,   "logon_extension", None),
    (f"{TO_LOGON} 3000 [Bksp]",                ("Logon: extension?", "300"),      NEXT,   "logon_extension", None),
    (f"{TO_LOGON} [Bksp]",                     ("Logon: extension?", ""),         NEXT,   "logon_extension", None),
    (f"{TO_LOGON} 3000 [Next]",                ("Logon: login code?", ""),        DONE,   "logon_code",      None),
    (f"{TO_LOGON} 3000 [Next] 1234",           ("Logon: login code?", "****"),    DONE,   "logon_code",      None),
    (f"{TO_LOGON} 3000 [Next] 1234 [Bksp]",    ("Logon: login code?", "***"),     DONE,   "logon_code",      None),
    (f"{TO_LOGON} 3000 [Next] 1234 [Done]",    (AGENT, "Logged on"),              BLANK,  "notice",          None),
    (f"{TO_LOGON} 3000 [Next] 12345 [Bksp] [Done]", (AGENT, "Logged on"),         BLANK,  "notice",          None),
    (f"{TO_LOGON} 3000 [Next] 9999 [Done]",    (NOUSER, "Invalid"),               BLANK,  "notice",          None),
    (f"{TO_LOGON} 3000 [Next] 1234 [Done] EXIT", (AGENT, ""),                     BLANK,  "idle",            None),
    (f"{LOGGED_ON} {TO_HDESK} [LogOff]",       (NOUSER, "Logged off"),            BLANK,  "notice",          None),
    (f"{TO_HDESK} [LogOff]",                   (NOUSER, "Invalid"),               BLANK,  "notice",          None),
    ("*35*3000*1234#",                         (AGENT, "Logged on"),              BLANK,  "result",          Tone.CONFIRMATION),
    ("*35*3000*9999#",                         (NOUSER, "Invalid"),               BLANK,  "result",          Tone.BUSY),
    ("*35*3000*1234",                          (NOUSER, "*35*3000*1234"),         BLANK,  "dialling",        None),
    ("#3000",                                  (AGENT, "Logged on"),              BLANK,  "result",          Tone.CONFIRMATION),
    (LOGGED_ON,                                (AGENT, ""),                       BLANK,  "idle",            None),
    (f"{LOGGED_ON} *36",                       (NOUSER, "Logged off"),            BLANK,  "result",          Tone.CONFIRMATION),
    (f"{LOGGED_ON} *36 hangup",                (NOUSER, ""),                      BLANK,  "idle",            None),
    ("9",                                      ("9", "Incompatible"),             BLANK,  "result",          Tone.NUMBER_UNOBTAINABLE),
    ("lift 9",                                 ("9", "Incompatible"),             BLANK,  "result",          Tone.NUMBER_UNOBTAINABLE),
    ("9 hangup",                               (NOUSER, ""),                      BLANK,  "idle",            None),
    (f"{LOGGED_ON} *08",                       (AGENT, "DND on"),                 BLANK,  "result",          Tone.CONFIRMATION),
    (f"{LOGGED_ON} *08 hangup",                (AGENT_ON_DND, ""),                BLANK,  "idle",            None),
    (f"{LOGGED_ON} MENU MENU [DND]",           (AGENT, "DND on"),                 BLANK,  "notice",          None),
    (f"{LOGGED_ON} MENU MENU [DND] EXIT",      (AGENT_ON_DND, ""),                BLANK,  "idle",            None),
    (f"{LOGGED_ON} MENU MENU [DND] MENU MENU [DND]", (AGENT, "DND off"),          BLANK,  "notice",          None),
    ("MENU MENU [DND]",                        (NOUSER, "Invalid"),               BLANK,  "notice",          None),
    ("3002",                                   ("Desk3002 3002", "Calling"),      BLANK,  "result",          Tone.RINGBACK),
    ("3001",                                   ("Agent3001 3001", "Busy"),        BLANK,  "result",          Tone.BUSY),
]
# fmt: on


@pytest.mark.parametrize(
    ("script", "lines", "softkeys", "state", "tone"), STORY, ids=[row[0] or "boot" for row in STORY]
)
def test_key_script_ends_on_this_display(phone, script, lines, softkeys, state, tone):
    screen = run(phone, script)
    assert (screen.lines, screen.softkeys, screen.state, screen.tone) == (
        lines,
        softkeys,
        state,
        tone,
    )
    assert screen == phone.screen, "the snapshot returned is what the phone shows"
    assert screen.off_hook is (state in ("dialling", "result"))


def test_idle_shows_the_user_name_and_extension_at_the_model_width(system):
    assert system.phone("3002").screen.lines == ("Desk3002    3002", "")
    assert system.phone("3001").screen.lines == ("NoUser              3001", "")


def test_menu_logon_logs_the_agent_on_at_this_station(system, phone):
    run(phone, f"{TO_LOGON} 3000 [Next] 1234 [Done]")
    assert system.location_of("3000") == "3000"


def test_menu_logon_with_a_wrong_code_changes_nothing_but_the_display(system, phone):
    run(phone, f"{TO_LOGON} 3000 [Next] 9999 [Done]")
    assert system.location_of("3000") is None
    assert system.user_at("3000") is None


def test_menu_logoff_logs_the_agent_off(system, phone):
    run(phone, f"{LOGGED_ON} {TO_HDESK} [LogOff]")
    assert system.location_of("3000") is None


def test_dnd_softkey_toggles_dnd(system, phone):
    run(phone, f"{LOGGED_ON} MENU MENU [DND]")
    assert system.is_dnd("3000")
    run(phone, "MENU MENU [DND]")
    assert not system.is_dnd("3000")


# --- Exit, and keys that mean nothing -------------------------------------------------------

MENU_STATES = [
    ("MENU", "menu_1"),
    ("MENU MENU", "menu_2"),
    ("MENU MENU RIGHT", "menu_3"),
    (TO_HDESK, "hdesk"),
    (TO_LOGON, "logon_extension"),
    (f"{TO_LOGON} 30", "logon_extension"),
    (f"{TO_LOGON} 3000 [Next]", "logon_code"),
    (f"{TO_LOGON} 3000 [Next] 12", "logon_code"),
]


@pytest.mark.parametrize(("script", "state"), MENU_STATES, ids=[s for s, _ in MENU_STATES])
def test_exit_leaves_every_menu_state_for_the_idle_display(system, phone, script, state):
    assert run(phone, script).state == state
    screen = phone.press("EXIT")
    assert (screen.lines, screen.softkeys, screen.state, screen.note) == (
        (NOUSER, ""),
        BLANK,
        "idle",
        "",
    )
    assert system.location_of("3000") is None


# fmt: off
MEANINGLESS = [
    # reach this state        then         the note says
    ("",                      "EXIT",      "Exit does nothing on the idle display."),
    ("",                      "LEFT",      "The Left arrow (marked Previous) does nothing on the idle display."),
    ("",                      "hangup",    "Hanging up does nothing on the idle display."),
    ("",                      "SOFTKEY1",  "Softkey 1 has no label now: it does nothing."),
    ("",                      "button5",   "Button 5 is not programmed for NoUser (User > Button Programming)."),
    ("MENU",                  "LEFT",      "The Left arrow (marked Previous) does nothing on menu page 1."),
    ("MENU",                  "RIGHT",     "The Right arrow (marked Next) does nothing on menu page 1."),
    ("MENU",                  "5",         "Key 5 does nothing on menu page 1."),
    ("MENU MENU",             "LEFT",      "The Left arrow (marked Previous) does nothing on menu page 2."),
    ("MENU MENU RIGHT",       "RIGHT",     "The Right arrow (marked Next) does nothing on menu page 3."),
    ("MENU MENU RIGHT",       "SOFTKEY3",  "Softkey 3 has no label now: it does nothing."),
    ("MENU MENU RIGHT",       "SOFTKEY4",  "Softkey 4 has no label now: it does nothing."),
    (TO_HDESK,                "RIGHT",     "The Right arrow (marked Next) does nothing on the Hdesk screen."),
    (TO_HDESK,                "5",         "Key 5 does nothing on the Hdesk screen."),
    (TO_HDESK,                "SOFTKEY3",  "Softkey 3 has no label now: it does nothing."),
    (TO_HDESK,                "button1",   "Button 1 is not programmed for NoUser (User > Button Programming)."),
    (TO_LOGON,                "MENU",      "Menu does nothing at the extension prompt."),
    (TO_LOGON,                "LEFT",      "The Left arrow (marked Previous) does nothing at the extension prompt."),
    (TO_LOGON,                "RIGHT",     "The Right arrow (marked Next) does nothing at the extension prompt: to go on, press the Next softkey under the display."),
    (f"{TO_LOGON} 30 [Next]", "RIGHT",     "The Right arrow (marked Next) does nothing at the login code prompt: to go on, press the Done softkey under the display."),
    ("lift",                  "lift",      "Lifting the handset does nothing while dialling."),
    ("lift 3",                "MENU",      "Menu does nothing while dialling."),
    ("lift 3",                "EXIT",      "Exit does nothing while dialling."),
    ("lift 3",                "SOFTKEY2",  "Softkey 2 has no label now: it does nothing."),
    ("9",                     "5",         "Key 5 does nothing now: hang up first."),
    ("*35*3000*9999#",        "1",         "Key 1 does nothing now: hang up first."),
    ("9",                     "MENU",      "Menu does nothing now: hang up first."),
    ("9",                     "lift",      "Lifting the handset does nothing now: hang up first."),
]
# fmt: on


@pytest.mark.parametrize(
    ("script", "key", "note"),
    MEANINGLESS,
    ids=[f"{s or 'idle'}-then-{k}" for s, k, _ in MEANINGLESS],
)
def test_a_key_that_means_nothing_here_says_so_and_changes_nothing(phone, script, key, note):
    before = run(phone, script)
    timer = phone.timer_due
    after = run(phone, key)
    assert after.note == note
    assert after.ignored
    assert apart_from_note(after) == apart_from_note(before)
    assert apart_from_note(phone.screen) == apart_from_note(before)
    assert phone.timer_due == timer


NOT_MODELLED = (
    [("MENU", label) for label in PAGE_1]
    + [("MENU MENU", label) for label in ("Fwd", "Grp", "Acct")]
    + [("MENU MENU RIGHT", "Vmail")]
)


@pytest.mark.parametrize(("script", "label"), NOT_MODELLED, ids=[lbl for _, lbl in NOT_MODELLED])
def test_a_softkey_the_kit_does_not_model_leaves_the_display_and_says_so(
    system, phone, script, label
):
    before = run(phone, script)
    after = phone.press_softkey(label)
    assert after.note == (
        f"{label} is a real IP Office feature the kit does not model; the display stays as it was."
    )
    assert apart_from_note(after) == apart_from_note(before)
    assert system.location_of("3000") is None


@pytest.mark.parametrize(
    ("script", "label", "shown"),
    [
        ("", "Hdesk", "none"),
        ("MENU", "Hdesk", "'Pick', 'Park', 'Page', 'Dir'"),
        ("MENU MENU RIGHT", "Logon", "'Hdesk', 'Vmail'"),
        ("MENU MENU RIGHT", "", "'Hdesk', 'Vmail'"),
        (TO_HDESK, "Done", "'Logon', 'LogOff'"),
        ("lift", "Hdesk", "none"),
    ],
)
def test_pressing_a_softkey_label_not_shown_raises_naming_those_shown(phone, script, label, shown):
    before = run(phone, script)
    with pytest.raises(ipo.SoftkeyNotShown, match=re.escape(f"(shown: {shown})")) as caught:
        phone.press_softkey(label)
    assert isinstance(caught.value, ipo.IpoError)
    assert isinstance(caught.value, LookupError)
    assert caught.value.label == label
    assert caught.value.shown == tuple(s for s in before.softkeys if s)
    assert phone.screen == before


@pytest.mark.parametrize("label", ["Hdesk", "Logon", "DND"])
def test_press_softkey_on_a_4606_raises_key_not_on_handset(system, label):
    phone = system.phone("3002")
    before = phone.screen
    with pytest.raises(
        ipo.KeyNotOnHandset, match=re.escape(f"no key {label!r}. It has no softkeys")
    ):
        phone.press_softkey(label)
    assert phone.screen == before


def test_a_4606_shows_no_softkeys(system):
    assert system.phone("3002").softkeys == ()


# --- the transition table itself ----------------------------------------------------------


CALL_STATES = {"ringing", "connected"}  # reached when the system rings the phone


def test_every_state_is_reachable_from_idle_on_a_4612(site):
    """Breadth-first over every key of a 4612, lifting, hanging up and button 1."""
    moves = [*ipo.handset_model("4612").keys, "lift", "hangup", "button1"]
    first_path = {"idle": ""}
    frontier = [""]
    while frontier:
        path = frontier.pop(0)
        for move in moves:
            script = f"{path} {move}".strip()
            state = run(ipo.System(site).phone("3000"), script).state
            if state not in first_path:
                first_path[state] = script
                frontier.append(script)
    assert set(first_path) == set(STATES) - CALL_STATES
    assert first_path["logon_code"] == "MENU MENU RIGHT SOFTKEY1 SOFTKEY1 SOFTKEY1"


def test_the_call_states_are_reached_when_a_hunt_group_call_rings(system):
    phone = system.phone("3000")
    phone.dial("*35*3000*1234#")
    phone.hang_up()
    call = system.incoming_call("200")
    assert phone.state == "ringing"
    assert phone.answer().state == "connected"
    assert call.answered_by == "3000"
    assert phone.hang_up().state == "idle"


def test_states_are_the_rows_of_the_table():
    assert STATES == tuple(TRANSITIONS)
    assert STATES[0] == "idle"


ACTIONS = sorted(
    {action for row in TRANSITIONS.values() for action in row.values()}
    | set(SOFTKEY_ACTIONS.values())
)


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_the_tables_name_is_a_method_of_phone(action):
    assert callable(getattr(ipo.Phone, f"_{action}", None))


def test_every_state_with_softkeys_has_a_row_of_labels():
    with_softkeys = {state for state, row in TRANSITIONS.items() if "softkey" in row}
    assert with_softkeys == set(SOFTKEY_LABELS)
    assert all(len(labels) == 4 for labels in SOFTKEY_LABELS.values())


def test_the_shipped_table_passes_its_own_check():
    assert phone_module._check_table() is None


def _with_row(table, state, **events):
    return {**table, state: {**table[state], **events}}


BROKEN_TABLES = [
    pytest.param(
        "TRANSITIONS",
        lambda t: _with_row(t, "idle", lift="levitate"),
        "TRANSITIONS['idle']['lift'] names no action 'levitate'",
        id="an-action-that-does-not-exist",
    ),
    pytest.param(
        "TRANSITIONS",
        lambda t: {**t, "menu_1": {k: v for k, v in t["menu_1"].items() if k != "softkey"}},
        "state 'menu_1': the softkey event and SCREENS' labels disagree",
        id="labels-shown-but-no-softkey-event",
    ),
    pytest.param(
        "SCREENS",
        lambda t: {**t, "dialling": t["dialling"]._replace(softkeys=("Conf", "Drop", "", ""))},
        "state 'dialling': the softkey event and SCREENS' labels disagree",
        id="softkey-labels-for-a-state-without-softkeys",
    ),
    pytest.param(
        "SCREENS",
        lambda t: {k: v for k, v in t.items() if k != "hdesk"},
        "SCREENS and TRANSITIONS disagree on the states: ['hdesk']",
        id="a-state-that-shows-nothing",
    ),
    pytest.param(
        "SOFTKEY_ACTIONS",
        lambda t: {**t, "Park": "park_call"},
        "SOFTKEY_ACTIONS names no action 'park_call'",
        id="a-softkey-action-that-does-not-exist",
    ),
    pytest.param(
        "_NEXT_MENU",
        lambda t: {**t, "menu_2": "menu_4"},
        "Menu goes from 'menu_2' to 'menu_4', not both states",
        id="menu-leads-nowhere",
    ),
]


@pytest.mark.parametrize(("table", "break_it", "message"), BROKEN_TABLES)
def test_check_table_raises_type_error_on_a_broken_table(monkeypatch, table, break_it, message):
    monkeypatch.setattr(phone_module, table, break_it(getattr(phone_module, table)))
    with pytest.raises(TypeError, match=re.escape(message)):
        phone_module._check_table()


# --- the display snapshot ---------------------------------------------------------------------


def test_a_display_snapshot_is_frozen(phone):
    screen = phone.screen
    with pytest.raises(dataclasses.FrozenInstanceError):
        screen.lines = ("hacked", "")  # type: ignore[misc]


def test_a_snapshot_does_not_change_when_the_phone_does(phone):
    before = phone.screen
    phone.press("MENU")
    assert before.state == "idle"
    assert before.lines == (NOUSER, "")


def test_str_draws_the_lcd_at_24_characters_with_the_softkey_labels(phone):
    assert str(phone.press("MENU")) == (
        "+------------------------+\n"
        "|NoUser              3000|\n"
        "|Menu 1 of 3             |\n"
        "+------------------------+\n"
        "[Pick]  [Park]  [Page]  [Dir]"
    )


def test_str_draws_the_lcd_of_a_4606_at_16_characters_without_softkeys(system):
    assert str(system.phone("3002").screen) == (
        "+----------------+\n|Desk3002    3002|\n|                |\n+----------------+"
    )


def test_str_leaves_blank_softkeys_out(phone):
    assert str(run(phone, "MENU MENU RIGHT")).splitlines()[-1] == "[Hdesk]  [Vmail]"


def test_text_joins_the_lines(phone):
    assert run(phone, "lift 30").text == f"{NOUSER}\n30"


# --- dial() and type() --------------------------------------------------------------------------


def test_dial_lifts_types_and_stays_off_hook_until_hang_up(system, phone):
    screen = phone.dial("*35*3000*1234#")
    assert (screen.lines, screen.state, screen.off_hook) == ((AGENT, "Logged on"), "result", True)
    system.advance(60)
    assert phone.is_off_hook
    assert phone.display == (AGENT, "Logged on")
    screen = phone.hang_up()
    assert (screen.lines, screen.state, screen.off_hook) == ((AGENT, ""), "idle", False)


@pytest.mark.parametrize(
    "script",
    [
        "9",
        "*35*3000*9999#",
        "lift 3",
        "MENU MENU",
        TO_HDESK,
        f"{TO_LOGON} 30",
        f"{TO_HDESK} [LogOff]",
    ],
)
def test_dial_hangs_up_first_whatever_the_phone_was_doing(system, phone, script):
    run(phone, script)
    screen = phone.dial("*35*3000*1234#")
    assert (screen.lines, screen.state, screen.tone) == (
        (AGENT, "Logged on"),
        "result",
        Tone.CONFIRMATION,
    )
    assert system.location_of("3000") == "3000"


def test_dial_nothing_is_dial_tone(phone):
    screen = phone.dial("")
    assert (screen.state, screen.tone, screen.off_hook) == ("dialling", Tone.DIAL, True)


def test_dial_a_partial_number_waits_for_the_dial_delay(system, phone):
    screen = phone.dial("30")
    assert (screen.lines, screen.state) == ((NOUSER, "30"), "dialling")
    assert phone.timer_due == system.time + 4.0


@pytest.mark.parametrize(
    ("digits", "bad"),
    [("*3a", "a"), ("30 00", " "), ("MENU", "M"), ("12-34", "-"), ("*36\n", "\n"), ("*36+", "+")],
)
def test_dial_refuses_a_non_dial_pad_character_before_pressing_anything(phone, digits, bad):
    before = run(phone, "lift 3")
    timer = phone.timer_due
    with pytest.raises(ipo.KeyNotOnHandset, match=re.escape(f"no key {bad!r}")):
        phone.dial(digits)
    assert phone.screen == before
    assert phone.timer_due == timer


@pytest.mark.parametrize("digits", [36, None, ["*", "3", "6"]])
def test_dial_refuses_anything_but_text(phone, digits):
    before = run(phone, "MENU")
    with pytest.raises(ipo.KeyNotOnHandset, match=re.escape(repr(digits))):
        phone.dial(digits)
    assert phone.screen == before


@pytest.mark.parametrize(
    ("script", "keys", "bad"),
    [("", "3x", "x"), (TO_LOGON, "30a0", "a"), (f"{TO_LOGON} 3000 [Next]", "12 34", " ")],
)
def test_type_checks_the_whole_string_before_pressing_any_key(phone, script, keys, bad):
    before = run(phone, script)
    with pytest.raises(ipo.KeyNotOnHandset, match=re.escape(f"no key {bad!r}")):
        phone.type(keys)
    assert phone.screen == before


def test_type_nothing_returns_the_display_as_it_is(phone):
    before = run(phone, TO_LOGON)
    assert phone.type("") == before


def test_dialling_on_after_a_result_keeps_the_reason_and_names_the_keys_that_did_nothing(phone):
    screen = phone.dial("99")
    assert screen.lines[1] == "Incompatible"
    assert (
        screen.note
        == "'9' matches no extension and no short code. The keys '9' after it did nothing."
    )
    assert screen.ignored


def test_a_single_key_that_does_nothing_keeps_its_own_note(phone):
    phone.dial("9")
    screen = phone.type("5")
    assert screen.note == "Key 5 does nothing now: hang up first."
    assert screen.ignored


def test_a_result_on_a_phone_is_dropped_when_its_user_is_moved_away_from_elsewhere(system):
    home = system.phone("3000")
    home.dial("*35*3000*1234#")  # left off the hook, showing "Logged on"
    other = system.phone("3001")
    other.dial("#3000")  # the tip's short code logs 3000 on at 3001 instead
    assert home.display == ("NoUser              3000", "")


# --- the computer keyboard, and what a key did in words ----------------------------------

# fmt: off
KEYBOARD = [
    # script                     keyboard key   the handset key it presses now
    ("",                         "5",           "5"),
    ("",                         "#",           "#"),
    ("",                         "ArrowLeft",   "LEFT"),
    ("",                         "ArrowRight",  "RIGHT"),
    ("",                         "Escape",      "EXIT"),
    ("",                         "Enter",       None),       # no label on softkey 1 when idle
    (TO_LOGON,                   "Enter",       "SOFTKEY1"),  # Next
    (f"{TO_LOGON} 3000 [Next]",  "Enter",       "SOFTKEY1"),  # Done
    ("MENU",                     "Enter",       None),       # Pick is a choice, not a yes
    ("MENU MENU RIGHT",          "Enter",       None),       # Hdesk
    ("MENU MENU RIGHT [Hdesk]",  "Enter",       None),       # Logon or LogOff: the trainee's
    ("",                         "a",           None),
    ("",                         "F5",          None),
]
# fmt: on


@pytest.mark.parametrize(("script", "typed", "key"), KEYBOARD)
def test_a_computer_keyboard_key_presses_the_handset_key_the_phone_says(
    phone: ipo.Phone, script: str, typed: str, key: str | None
) -> None:
    run(phone, script)
    assert phone.key_for(typed) == key


def test_a_phone_without_arrows_has_no_key_for_them(system: ipo.System) -> None:
    desk = system.phone("3002")  # a 4606
    assert [desk.key_for(k) for k in ("ArrowLeft", "Escape", "Enter", "7")] == [None] * 3 + ["7"]


# fmt: off
EXPLAINED = [
    # script before        key pressed  named     what the trainee is told
    ("",                   "MENU",      "Menu",   "Menu: page 1 of 3 of the menu."),
    ("MENU MENU",          "RIGHT",     "Next",   "Next: page 3 of 3 of the menu."),
    ("",                   "3",         "3",      "Dialled 3: the display waits for more digits."),
    ("*35*3000*1234",      "#",         "#",      "Logged on as Agent3000 at 3000."),
    ("*35*3000*9999",      "#",         "#",      "#: the system answered Invalid."),
    (f"{TO_LOGON} 3000 [Next] 12", "3", "3",      "3: 3 digits of the login code so far, shown as *."),
    (LOGGED_ON + " MENU MENU RIGHT [Hdesk]", "SOFTKEY2", "LogOff",
                                                  "Logged off: the phone at 3000 shows NoUser."),
    ("MENU",               "5",         "5",      "5: nothing changed."),
    ("MENU",               "EXIT",      "Exit",   "Exit: the phone is idle again."),
]
# fmt: on


@pytest.mark.parametrize(("script", "key", "named", "said"), EXPLAINED)
def test_what_a_key_did_is_said_from_the_displays_before_and_after(
    phone: ipo.Phone, script: str, key: str, named: str, said: str
) -> None:
    before = run(phone, script)
    assert phone.press(key).explain(named, before) == said
