"""The default system short codes of the 1.x-3.x era, as an engineer finds them in Manager.

Sources: docs/sources/ipo-details.md section 1b (the table, assembled: each code's source
and confidence letter is beside it in ``ipo_core/site/shortcodes.py``) and section 6 (a Dial
button's number is matched; a Dial short code's goes out on its line group, which the kit
does not follow: see the Dial tests below).

The specification, in three parts:

* every code of the table is there and resolves to its feature, by the same precedence
  as any short code (reference section 2, R7): a user's own code comes first, and a
  custom code that begins with a default one (``*3000`` after ``*30``) is never reached;
* dialled on any handset model, with digits for its ``N`` or none, no default code says
  "Incompatible": the kit carries out ExtnLogin, ExtnLogout and DND, and every other
  feature is accepted with confirmation tone, changes nothing, and the note says the kit
  does not model it;
* a Dial short code's number that is itself a feature code runs that feature: the kit's
  choice (IP Office sends it out on the line group), kept because the audit and the desks
  are built on it; otherwise the number rings the extension it names or goes out.  These
  tests, and the Dial button's, state what the kit did before the table grew: the brief
  asks that a test say it.
"""

from __future__ import annotations

import html

import pytest

import ipo_core as ipo
from ipo_core.site.handsets import HANDSET_MODELS

F = ipo.Feature
SC = ipo.ShortCode
EXACT, PARTIAL, NONE = ipo.MatchKind.EXACT, ipo.MatchKind.PARTIAL, ipo.MatchKind.NONE
DEFAULTS = ipo.DEFAULT_SYSTEM_SHORT_CODES
BY_CODE = {sc.code: sc for sc in DEFAULTS}

#: The table of docs/sources/ipo-details.md section 1b: code -> Manager's Feature name.
ERA_TABLE = {
    "*00": "CancelCallForwarding",
    "*01": "ForwardUnconditionalOn",
    "*02": "ForwardUnconditionalOff",
    "*03": "ForwardOnBusyOn",
    "*04": "ForwardOnBusyOff",
    "*05": "ForwardOnNoAnswerOn",
    "*06": "ForwardOnNoAnswerOff",
    "*07*N#": "ForwardNumber",
    "*08": "DoNotDisturbOn",
    "*09": "DoNotDisturbOff",
    "*10*N#": "DoNotDisturbExceptionAdd",
    "*11*N#": "DoNotDisturbExceptionDel",
    "*12*N#": "FollowMeHere",
    "*13*N#": "FollowMeHereCancel",
    "*14*N#": "FollowMeTo",
    "*15": "CallWaitingOn",
    "*16": "CallWaitingOff",
    "*17": "VoicemailCollect",
    "*20*N#": "SetHuntGroupNightService",
    "*21*N#": "ClearHuntGroupNightService",
    "*26": "ClearCW",
    "*27*N#": "HoldCW",
    "*28*N#": "SuspendCW",
    "*30": "CallPickupAny",
    "*31": "CallPickupGroup",
    "*32*N#": "CallPickupExtn",
    "*35*N#": "ExtnLogin",
    "*36": "ExtnLogout",
    "*37*N#": "ParkCall",
    "*38*N#": "UnparkCall",
    "*50": "ForwardHuntgroupCallsOn",
    "*51": "ForwardHuntgroupCallsOff",
    "*57*N#": "ForwardOnBusyNumber",
}

#: What N stands for when a trainee dials each code that takes one.
N_DIGITS = {
    "*07*N#": "3001",  # the forward number
    "*10*N#": "3001",  # the number let through DND
    "*11*N#": "3001",
    "*12*N#": "3001",  # whose calls follow me here
    "*13*N#": "3001",
    "*14*N#": "3001",  # where my calls follow me to
    "*20*N#": "200",  # the hunt group
    "*21*N#": "200",
    "*27*N#": "3001",
    "*28*N#": "3001",
    "*32*N#": "3001",  # the extension whose call to answer
    "*35*N#": "3000*1234",  # Extn*Code
    "*37*N#": "1",  # the park slot
    "*38*N#": "1",
    "*57*N#": "3001",
}


def dialled(code: str, digits: str | None = None) -> str:
    """The keys for the default ``code``, its N given ``digits`` (default: :data:`N_DIGITS`)."""
    if "N" not in code:
        return code
    return code.replace("N", N_DIGITS[code] if digits is None else digits)


#: Every way a trainee can dial a code of the era's table: with digits for N, and with none.
DIALS = [
    *(pytest.param(code, dialled(code), id=dialled(code)) for code in ERA_TABLE),
    *(
        pytest.param(code, dialled(code, ""), id=dialled(code, ""))
        for code in ERA_TABLE
        if "N" in code
    ),
]


def default(code: str) -> ipo.ShortCode:
    """The default system short code ``code``; the test fails if the table lacks it."""
    assert code in BY_CODE, f"{code} is not among the default system short codes"
    return BY_CODE[code]


# --- the table ----------------------------------------------------------------------------


def test_the_default_table_is_the_eras_table_in_managers_spelling() -> None:
    assert [(sc.code, sc.feature.value) for sc in DEFAULTS] == list(ERA_TABLE.items())
    for sc in DEFAULTS:  # each passes on what N matched, *17 the user's name, the rest nothing
        expected = "?U" if sc.code == "*17" else "N" if "N" in sc.code else ""
        assert (sc.number, sc.line_group_id) == (expected, 0)


def test_a_new_configuration_holds_the_whole_table() -> None:
    assert [sc.code for sc in ipo.Config().short_codes] == list(ERA_TABLE)


def test_no_default_code_switches_hunt_group_membership_but_manager_has_the_features() -> None:
    assert F.from_name("HuntGroupEnable") is F.HUNT_GROUP_ENABLE
    assert F.from_name("HuntGroupDisable") is F.HUNT_GROUP_DISABLE
    assert not {F.HUNT_GROUP_ENABLE, F.HUNT_GROUP_DISABLE} & {sc.feature for sc in DEFAULTS}


@pytest.mark.parametrize("feature", list(F), ids=lambda f: f.value)
def test_every_feature_says_what_it_does(feature: ipo.Feature) -> None:
    assert feature.function
    assert feature.function == feature.function.strip()


# --- resolving to their features (reference section 2, rule R7) -----------------------------


@pytest.mark.parametrize(("code", "keys"), DIALS)
def test_each_default_code_resolves_to_its_feature_as_soon_as_it_is_dialled(
    code: str, keys: str
) -> None:
    short_code = default(code)
    found = ipo.resolve(
        keys,
        extensions=["3000", "3001", "200"],
        system_codes=DEFAULTS,
        extension="3000",
        user_name="Agent3000",
    )
    assert (found.kind, found.level, found.short_code) == (EXACT, "system", short_code)
    n = keys[len(short_code.code) - 2 : -1] if "N" in short_code.code else ""
    assert found.number == short_code.number.replace("N", n).replace("U", "Agent3000")


@pytest.mark.parametrize("keys", ["*07", "*07*30", "*10*", "*2", "*20*", "*37", "*5", "*57*"])
def test_a_start_of_a_default_code_waits_for_more_digits(keys: str) -> None:
    found = ipo.resolve(keys, extensions=["3000"], system_codes=DEFAULTS)
    assert found.kind is PARTIAL


def test_a_default_code_gives_way_to_a_users_own_code_as_the_levels_say() -> None:
    mine = SC("*30", "3001")
    found = ipo.resolve("*30", extensions=["3000"], user_codes=[mine], system_codes=DEFAULTS)
    assert (found.level, found.short_code) == ("user", mine)
    found = ipo.resolve("*30", extensions=["3000"], system_codes=DEFAULTS)
    assert (found.level, found.feature) == ("system", F.CALL_PICKUP_ANY)


def test_a_custom_code_that_begins_with_a_default_one_is_never_reached() -> None:
    """Rule R7: ``*30`` matches exactly at its third key, so ``*3000`` cannot be dialled."""
    custom = SC("*3000", "3000*1234", F.EXTN_LOGIN)
    found = ipo.resolve("*30", extensions=["3000"], system_codes=[*DEFAULTS, custom])
    assert (found.kind, found.short_code) == (EXACT, default("*30"))


# --- on every handset: never Incompatible ---------------------------------------------------


def site_with(model: str) -> ipo.Config:
    """A new configuration (the default table) with an agent's station of ``model``."""
    cfg = ipo.Config()
    cfg.add_extension("3000", model)
    cfg.add_extension("3001", "4612")
    cfg.add_user(ipo.User("Agent3000", "3000", force_login=True, login_code="1234"))
    cfg.add_user(ipo.User("Desk3001", "3001"))
    cfg.add_hunt_group(ipo.HuntGroup("Sales", "200", ipo.HuntMode.LINEAR, ("3000", "3001")))
    return cfg


def whole_state(system: ipo.System) -> tuple[object, ...]:
    """Who is where, who has DND, and the event log: everything a feature could change."""
    users = [u.extension for u in system.config.users]
    return (
        {u: system.location_of(u) for u in users},
        {u: system.is_dnd(u) for u in users},
        system.events,
    )


@pytest.mark.parametrize("model", list(HANDSET_MODELS))
@pytest.mark.parametrize("logged_on", [True, False], ids=["agent", "NoUser"])
@pytest.mark.parametrize(("code", "keys"), DIALS)
def test_no_default_code_shows_incompatible_on_any_handset(
    model: str, logged_on: bool, code: str, keys: str
) -> None:
    short_code = default(code)
    system = ipo.System(site_with(model))
    phone = system.phone("3000")
    if logged_on:
        phone.dial("*35*3000*1234#")
        phone.hang_up()
    before = whole_state(system)
    shown = phone.dial(keys)
    assert shown.lines[1] != "Incompatible"
    assert shown.tone is not ipo.Tone.NUMBER_UNOBTAINABLE
    assert (shown.state, shown.off_hook) == ("result", True)  # rule R7: it stays off-hook
    if not short_code.feature.is_modelled:
        assert shown.lines == (keys[-phone.handset.display_width :], "")
        assert shown.tone is ipo.Tone.CONFIRMATION
        assert f"{short_code.code} is a system short code for {short_code.feature.value}" in (
            shown.note
        )
        assert "The kit does not model that feature, so nothing changed" in shown.note
        assert whole_state(system) == before
    assert phone.hang_up().state == "idle"


def test_a_users_unmodelled_short_code_is_accepted_and_named_as_the_users() -> None:
    cfg = site_with("4612")
    cfg.add_short_code(SC("*7", "U", F.VOICEMAIL_COLLECT), user="3001")
    shown = ipo.System(cfg).phone("3001").dial("*7")
    assert shown.tone is ipo.Tone.CONFIRMATION
    assert shown.note.startswith("*7 is a user short code for VoicemailCollect (collect voicemail)")


# --- Dial short codes: the kit matches their number again (its choice) --------------------
# IP Office sends a Dial short code's number out on its line group (ipo-details.md section 6,
# reading C); the kit runs a number that is a feature code instead, as its audit and desks
# assume (docs/behaviour.md).  A Dial button's number is matched on IP Office too.


def dial_code_site(number: str) -> ipo.System:
    """The agent logged on at 3000, and a system Dial short code ``*5`` -> ``number``."""
    cfg = site_with("4612")
    cfg.add_short_code(SC("*5", number, F.DIAL, 2))
    system = ipo.System(cfg)
    system.phone("3000").dial("*35*3000*1234#")
    system.phone("3000").hang_up()
    return system


def test_the_kit_runs_a_dial_short_codes_number_when_it_is_a_feature_code() -> None:
    system = dial_code_site("*36")
    assert system.phone("3000").dial("*5").lines[1] == "Logged off"
    assert system.location_of("3000") is None
    system = dial_code_site("*08")
    assert system.phone("3000").dial("*5").lines[1] == "DND on"
    assert system.is_dnd("3000")


def test_a_dial_short_code_to_an_unmodelled_default_code_is_accepted_like_it() -> None:
    system = dial_code_site("*01")
    before = whole_state(system)
    shown = system.phone("3000").dial("*5")
    assert (shown.lines, shown.tone) == (("*5", ""), ipo.Tone.CONFIRMATION)
    assert shown.note.startswith("*01 is a system short code for ForwardUnconditionalOn")
    assert whole_state(system) == before


@pytest.mark.parametrize("number", ["91234", "*5"], ids=["no code", "itself"])
def test_a_dial_short_code_whose_number_matches_no_other_code_goes_out(number: str) -> None:
    shown = dial_code_site(number).phone("3000").dial("*5")
    assert (shown.lines, shown.tone) == ((number, "Outside call"), ipo.Tone.RINGBACK)
    assert "line group 2" in shown.note


def test_a_dial_button_with_star_36_is_matched_and_logs_off() -> None:
    cfg = site_with("4612")
    cfg.set_button("3000", 1, ipo.Button.dial("*36"))
    system = ipo.System(cfg)
    phone = system.phone("3000")
    phone.dial("*35*3000*1234#")
    phone.hang_up()
    assert phone.press_button(1).lines[1] == "Logged off"
    assert system.location_of("3000") is None


# --- the quick reference card --------------------------------------------------------------


def test_the_card_lists_each_default_code_with_what_it_does_and_whether_the_kit_does_it() -> None:
    card = html.unescape(ipo.quick_reference())
    for sc in DEFAULTS:
        done = "yes" if sc.feature.is_modelled else "accepted (confirmation tone), not modelled"
        row = f"<tr><td><code>{sc.code}</code></td><td>{sc.feature.value}</td>"
        assert f"{row}<td>{sc.feature.function}</td><td>{done}</td></tr>" in card
