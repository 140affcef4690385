"""Handset models (reference section 6): what each desk phone has on its face.

The specification is the table below, one row per model the kit draws.  Keys a
model has can always be pressed; keys it lacks raise KeyNotOnHandset and leave
the phone exactly as it was; the display never holds more than the model's width.
"""

from __future__ import annotations

import random
import re

import pytest

import ipo_core as ipo
from ipo_core.site.handsets import DIAL_KEYS
from ipo_core.switch.phone import STATES

MENU_KEYS = ("MENU", "EXIT", "LEFT", "RIGHT")
SOFTKEYS = ("SOFTKEY1", "SOFTKEY2", "SOFTKEY3", "SOFTKEY4")

# fmt: off
# The 44xx arrows are printed as \u25c4 and \u25ba; the 4406D+ and 4606 have no arrow keys.
#    model     width lines softkeys Menu     buttons left arrow  right arrow series
MODELS = [
    ("4406D+", 16,   2,    0,       False,    6,      "",         "",         "44xx"),
    ("4412D+", 24,   2,    4,       True,     12,     "\u25c4",   "\u25ba",   "44xx"),
    ("4424D+", 24,   2,    4,       True,     24,     "\u25c4",   "\u25ba",   "44xx"),
    ("4606",   16,   2,    0,       False,    6,      "",         "",         "46xx"),
    ("4612",   24,   2,    4,       True,     12,     "Previous", "Next",     "46xx"),
    ("4624",   24,   2,    4,       True,     24,     "Previous", "Next",     "46xx"),
    ("6408D+", 24,   2,    4,       True,     8,      "Prev",     "Next",     "64xx"),
    ("6416D+", 24,   2,    4,       True,     16,     "Prev",     "Next",     "64xx"),
    ("6424D+", 24,   2,    4,       True,     24,     "Prev",     "Next",     "64xx"),
]
# fmt: on
MODEL_NAMES = [row[0] for row in MODELS]
NO_MENU_MODELS = ["4406D+", "4606"]


# --- the table of models --------------------------------------------------------------


def test_the_table_covers_every_model_the_kit_draws():
    assert sorted(ipo.HANDSET_MODELS) == sorted(MODEL_NAMES)


@pytest.mark.parametrize(
    ("name", "width", "lines", "softkeys", "menu", "buttons", "left", "right", "series"),
    MODELS,
    ids=MODEL_NAMES,
)
def test_each_model_has_the_display_keys_and_buttons_of_the_reference(
    name, width, lines, softkeys, menu, buttons, left, right, series
):
    model = ipo.HANDSET_MODELS[name]
    assert model.name == name
    assert str(model) == name
    assert model.series == series
    assert model.display_width == width
    assert model.display_lines == lines
    assert model.softkey_count == softkeys
    assert model.has_menu_keys is menu
    assert model.button_count == buttons
    assert (model.left_label, model.right_label) == (left, right)


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_a_model_has_the_dial_pad_and_its_menu_keys_and_softkeys_only(name):
    model = ipo.HANDSET_MODELS[name]
    expected = DIAL_KEYS + (MENU_KEYS + SOFTKEYS if model.has_menu_keys else ())
    assert model.keys == expected
    assert all(model.has_key(key) for key in expected)


@pytest.mark.parametrize(
    ("name", "key", "printed"),
    [
        ("4612", "LEFT", "Previous"),
        ("4612", "RIGHT", "Next"),
        ("6416D+", "LEFT", "Prev"),
        ("4412D+", "RIGHT", "\u25ba"),
        ("4612", "MENU", "Menu"),
        ("4612", "EXIT", "Exit"),
        ("4612", "5", "5"),
    ],
)
def test_key_label_is_what_is_printed_on_the_key(name, key, printed):
    assert ipo.HANDSET_MODELS[name].key_label(key) == printed


@pytest.mark.parametrize(
    ("name", "key", "named"),
    [
        ("4612", "RIGHT", "the Right arrow (marked Next)"),
        ("4624", "LEFT", "the Left arrow (marked Previous)"),
        ("6424D+", "LEFT", "the Left arrow (marked Prev)"),
        ("4424D+", "RIGHT", "the Right arrow"),  # printed with an arrow, not a word
        ("4612", "MENU", "Menu"),
    ],
)
def test_key_name_names_an_arrow_by_its_side_and_the_word_printed_on_it(name, key, named):
    assert ipo.HANDSET_MODELS[name].key_name(key) == named


def test_only_the_4412_4424_and_64xx_show_not_logged_on_at_a_hot_desk_only_station():
    # IP Office 3.0 Manager help, hotdesking.htm: "4412, 4424 or 6400 series display telephones".
    shows = {m.name for m in ipo.HANDSET_MODELS.values() if m.shows_not_logged_on}
    assert shows == {"4412D+", "4424D+", "6408D+", "6416D+", "6424D+"}


def test_only_the_4406_display_width_is_the_kits_own_choice():
    unconfirmed = [m.name for m in ipo.HANDSET_MODELS.values() if not m.width_confirmed]
    assert unconfirmed == ["4406D+"]


def test_handset_models_are_frozen():
    with pytest.raises(AttributeError):
        ipo.HANDSET_MODELS["4612"].button_count = 99  # type: ignore[misc]


# --- finding a model by name -----------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "found"),
    [
        ("4412", "4412D+"),
        ("6416d+", "6416D+"),
        ("6416", "6416D+"),
        ("4612", "4612"),
        (" 4606 ", "4606"),
        ("4424D+", "4424D+"),
    ],
)
def test_handset_model_finds_a_model_with_or_without_its_d_plus(asked, found):
    assert ipo.handset_model(asked).name == found


def test_handset_model_given_a_model_returns_it():
    model = ipo.HANDSET_MODELS["4612"]
    assert ipo.handset_model(model) is model


@pytest.mark.parametrize("bad", ["Nokia", "4613", "", "4606D+", None])
def test_handset_model_refuses_an_unknown_name_quoting_it(bad):
    with pytest.raises(ipo.UnknownName, match=re.escape(f"handset model {bad!r}")) as caught:
        ipo.handset_model(bad)
    assert isinstance(caught.value, ipo.IpoError)
    assert isinstance(caught.value, LookupError)
    assert caught.value.name == bad
    assert "4612" in str(caught.value), "the message lists the models there are"


# --- pressing keys -----------------------------------------------------------------------


def every_model_and_key():
    return [
        pytest.param(name, key, id=f"{name}-{key}")
        for name in MODEL_NAMES
        for key in ipo.HANDSET_MODELS[name].keys
    ]


@pytest.mark.parametrize(("name", "key"), every_model_and_key())
def test_every_key_of_a_model_can_be_pressed(one_station, name, key):
    phone = one_station(name).phone("3000")
    screen = phone.press(key)
    # 3 and * start a short code the site has (3000, *35...); other digits match none.
    expected = {"3": "dialling", "*": "dialling", "MENU": "menu_1"}.get(
        key, "result" if key in DIAL_KEYS else "idle"
    )
    assert screen.state == expected
    assert screen.width == ipo.HANDSET_MODELS[name].display_width


def keys_not_on_models():
    cases = [
        pytest.param(name, key, id=f"{name}-{key}")
        for name in NO_MENU_MODELS
        for key in MENU_KEYS + SOFTKEYS
    ]
    for name in MODEL_NAMES:
        for key in ("A", "SOFTKEY5", "", None, 12):
            cases.append(pytest.param(name, key, id=f"{name}-{key!r}"))
    return cases


@pytest.mark.parametrize(("name", "key"), keys_not_on_models())
def test_a_key_the_model_lacks_raises_and_changes_nothing(one_station, name, key):
    phone = one_station(name).phone("3000")
    phone.press("3")  # part-way through dialling, so there is state to lose
    before, timer = phone.screen, phone.timer_due
    with pytest.raises(ipo.KeyNotOnHandset, match=re.escape(f"has no key {key!r}")) as caught:
        phone.press(key)
    assert isinstance(caught.value, ipo.IpoError)
    assert isinstance(caught.value, LookupError)
    assert (caught.value.key, caught.value.model) == (key, name)
    assert phone.screen == before
    assert phone.timer_due == timer


@pytest.mark.parametrize("name", NO_MENU_MODELS)
def test_menu_keys_missing_point_to_the_short_codes(one_station, name):
    phone = one_station(name).phone("3000")
    with pytest.raises(ipo.KeyNotOnHandset, match=r"\*35\*Extn\*Code# and \*36"):
        phone.press("MENU")


MENU_MODELS = [name for name in MODEL_NAMES if name not in NO_MENU_MODELS]


def agent_station(one_station, name):
    """The tech tip's agent 3000 (Force Login, code 1234) alone on a ``name`` handset."""
    agent = ipo.User("Agent3000", extension="3000", force_login=True, login_code="1234")
    return one_station(name, agent)


@pytest.mark.parametrize("name", MENU_MODELS)
def test_the_tech_tips_menu_logon_and_logoff_work_on_every_model_with_menu_keys(one_station, name):
    system = agent_station(one_station, name)
    phone = system.phone("3000")
    for key in ("MENU", "MENU", "RIGHT"):
        phone.press(key)
    phone.press_softkey("Hdesk")
    phone.press_softkey("Logon")
    phone.type("3000")
    phone.press_softkey("Next")
    phone.type("1234")
    assert phone.press_softkey("Done").lines[1] == "Logged on"
    assert system.location_of("3000") == "3000"
    for key in ("EXIT", "MENU", "MENU", "RIGHT"):
        phone.press(key)
    phone.press_softkey("Hdesk")
    assert phone.press_softkey("LogOff").lines[1] == "Logged off"
    assert system.location_of("3000") is None


@pytest.mark.parametrize("name", NO_MENU_MODELS)
def test_sets_without_menu_keys_log_on_and_off_with_the_default_short_codes(one_station, name):
    system = agent_station(one_station, name)
    phone = system.phone("3000")
    assert phone.dial("*35*3000*1234#").lines == ("Agent3000   3000", "Logged on")
    assert phone.dial("*36").lines == ("NoUser      3000", "Logged off")
    assert system.location_of("3000") is None


@pytest.mark.parametrize("key", ["SOFTKEY5", "SOFTKEY0"])
def test_a_missing_softkey_on_a_menu_model_does_not_claim_it_has_no_menu_keys(one_station, key):
    phone = one_station("4612").phone("3000")
    with pytest.raises(ipo.KeyNotOnHandset, match=rf"The 4612 has no key '{key}'\. ") as caught:
        phone.press(key)
    assert "no softkeys or Menu keys" not in str(caught.value)


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_the_last_programmable_button_can_be_pressed(one_station, name):
    phone = one_station(name).phone("3000")
    count = ipo.HANDSET_MODELS[name].button_count
    assert phone.press_button(count).note == (
        f"Button {count} is not programmed for Agent3000 (User > Button Programming)."
    )


@pytest.mark.parametrize("name", MODEL_NAMES)
@pytest.mark.parametrize("beyond", ["count + 1", 0, -1, True, "1"])
def test_a_button_beyond_the_model_raises_and_changes_nothing(one_station, name, beyond):
    phone = one_station(name).phone("3000")
    count = ipo.HANDSET_MODELS[name].button_count
    position = count + 1 if beyond == "count + 1" else beyond
    before = phone.screen
    with pytest.raises(
        ipo.KeyNotOnHandset,
        match=re.escape(f"has no key {position!r}.") + f".*buttons 1 to {count}",
    ):
        phone.press_button(position)
    assert phone.screen == before


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_a_phone_shows_as_many_buttons_as_its_model_has(one_station, name):
    assert len(one_station(name).phone("3000").buttons) == ipo.HANDSET_MODELS[name].button_count


# --- the display stays inside the model's width --------------------------------------------


def random_walk(phone, rng, steps):
    """Press ``steps`` random things a trainee could press; yield each snapshot.

    Hanging up, the first softkey and "Menu, Menu, Right, Hdesk (, Logon)" are weighted
    up so that the walk also reaches the Logon prompts, not only "Incompatible".
    """
    model = phone.handset
    moves = [*DIAL_KEYS, "lift", *["hang_up"] * 5, "button"]
    if model.has_menu_keys:
        moves += [*MENU_KEYS, *SOFTKEYS, "SOFTKEY1", "SOFTKEY1", "to Hdesk", "to Logon"]
    for _ in range(steps):
        move = rng.choice(moves)
        if move == "lift":
            yield phone.lift()
        elif move == "hang_up":
            yield phone.hang_up()
        elif move == "button":
            yield phone.press_button(rng.randint(1, model.button_count))
        elif move in ("to Hdesk", "to Logon"):
            yield phone.hang_up()
            for key in ("MENU", "MENU", "RIGHT", "SOFTKEY1"):
                yield phone.press(key)
            if move == "to Logon":
                yield phone.press("SOFTKEY1")
        else:
            yield phone.press(move)


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_display_never_exceeds_the_model_width_on_a_random_walk(name):
    # A 15-character name at a 9-digit extension is the widest header Manager allows.
    user = ipo.User("AgentWithLongNm", extension="123456789", login_code="1234")
    user.buttons = {1: ipo.Button.extn_logout(), 2: ipo.Button.dial("*36")}
    user.buttons[3] = ipo.Button.dial("123456789")
    config = ipo.Config()
    config.add_extension("123456789", model=name)
    config.add_user(user)
    phone = ipo.System(config).phone("123456789")
    model = phone.handset
    visited = set()
    for screen in random_walk(phone, random.Random(14), steps=1500):
        visited.add(screen.state)
        assert len(screen.lines) == model.display_lines
        assert all(len(line) <= model.display_width for line in screen.lines), screen.lines
        assert all(line == line.rstrip() for line in screen.lines), screen.lines
        assert len(screen.softkeys) == model.softkey_count
        assert phone.timer_due is None or screen.state == "dialling"
        box = str(screen).splitlines()[: model.display_lines + 2]
        assert {len(row) for row in box} == {model.display_width + 2}
    # The walk went everywhere the model can go: no menu states without Menu keys.
    if model.has_menu_keys:
        assert visited == set(STATES) - {"ringing", "connected"}  # no calls on this walk
    else:
        assert visited == {"idle", "dialling", "result", "notice"}
