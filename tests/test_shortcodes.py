"""Short codes as a specification: the value object, matching, precedence, and a real phone.

Sources: reference section 2 (fields, match characters, precedence, timers) and
rule R7 (``N`` takes digits and ``*`` but never ``#``; ``;`` and a trailing ``N``
wait for ``#`` or the 4 s Dial Delay Time; a feature code leaves the phone
off-hook showing what happened).
"""

from __future__ import annotations

import dataclasses
import math
import re

import pytest

import ipo_core as ipo
from ipo_core.site.shortcodes import DIAL_DELAY_TIME

EXACT, PARTIAL, NONE = ipo.MatchKind.EXACT, ipo.MatchKind.PARTIAL, ipo.MatchKind.NONE
F = ipo.Feature
SC = ipo.ShortCode


def quoted(value: object) -> str:
    """A ``match=`` pattern for a message that quotes ``value`` with ``!r``."""
    return re.escape(repr(value))


# --- the value object ---------------------------------------------------------------------

ROUND_TRIP = [
    *(pytest.param(sc, id=f"default {sc.code}") for sc in ipo.DEFAULT_SYSTEM_SHORT_CODES),
    pytest.param(SC("#3000", "3000*1234", F.EXTN_LOGIN), id="tech tip custom login #3000"),
    pytest.param(SC("#9N", "3000*N", F.EXTN_LOGIN), id="trailing N"),
    pytest.param(SC("9N", "N", F.DIAL, 1), id="dial with line group 1"),
    pytest.param(SC("?", "3001"), id="default match ?"),
    pytest.param(SC("*5X;", "E*N", F.DIAL), id="X then receive sending complete"),
    pytest.param(SC("*7", "U", F.VOICEMAIL_COLLECT), id="user name in the number"),
    pytest.param(SC("*3XX", "N"), id="two X"),
    pytest.param(SC("*" * 31, "1"), id="31 characters, the longest Manager takes"),
]


@pytest.mark.parametrize("short_code", ROUND_TRIP)
def test_text_form_parses_back_to_the_same_short_code(short_code: ipo.ShortCode) -> None:
    text = str(short_code)
    assert ipo.ShortCode.parse(text) == short_code
    assert str(ipo.ShortCode.parse(text)) == text


def test_text_form_is_the_four_manager_fields_joined_by_slashes() -> None:
    short_code = SC("#3000", "3000*1234", F.EXTN_LOGIN)
    assert str(short_code) == "#3000/3000*1234/ExtnLogin/0"


def test_text_form_may_leave_out_the_line_group_and_surrounding_spaces() -> None:
    assert ipo.ShortCode.parse("  *36//ExtnLogout \n") == SC("*36", "", F.EXTN_LOGOUT, 0)


def test_a_new_short_code_is_a_dial_on_line_group_0() -> None:
    short_code = SC("*5", "3001")
    assert (short_code.feature, short_code.line_group_id) == (F.DIAL, 0)


def test_default_system_short_codes_are_the_reference_list() -> None:
    """The 1.x-3.x table of docs/sources/ipo-details.md section 1b, in its order."""
    assert [(sc.code, sc.number, sc.feature) for sc in ipo.DEFAULT_SYSTEM_SHORT_CODES] == [
        ("*00", "", F.CANCEL_CALL_FORWARDING),
        ("*01", "", F.FORWARD_UNCONDITIONAL_ON),
        ("*02", "", F.FORWARD_UNCONDITIONAL_OFF),
        ("*03", "", F.FORWARD_ON_BUSY_ON),
        ("*04", "", F.FORWARD_ON_BUSY_OFF),
        ("*05", "", F.FORWARD_ON_NO_ANSWER_ON),
        ("*06", "", F.FORWARD_ON_NO_ANSWER_OFF),
        ("*07*N#", "N", F.FORWARD_NUMBER),
        ("*08", "", F.DO_NOT_DISTURB_ON),
        ("*09", "", F.DO_NOT_DISTURB_OFF),
        ("*10*N#", "N", F.DO_NOT_DISTURB_EXCEPTION_ADD),
        ("*11*N#", "N", F.DO_NOT_DISTURB_EXCEPTION_DEL),
        ("*12*N#", "N", F.FOLLOW_ME_HERE),
        ("*13*N#", "N", F.FOLLOW_ME_HERE_CANCEL),
        ("*14*N#", "N", F.FOLLOW_ME_TO),
        ("*15", "", F.CALL_WAITING_ON),
        ("*16", "", F.CALL_WAITING_OFF),
        ("*17", "?U", F.VOICEMAIL_COLLECT),
        ("*20*N#", "N", F.SET_HUNT_GROUP_NIGHT_SERVICE),
        ("*21*N#", "N", F.CLEAR_HUNT_GROUP_NIGHT_SERVICE),
        ("*26", "", F.CLEAR_CW),
        ("*27*N#", "N", F.HOLD_CW),
        ("*28*N#", "N", F.SUSPEND_CW),
        ("*30", "", F.CALL_PICKUP_ANY),
        ("*31", "", F.CALL_PICKUP_GROUP),
        ("*32*N#", "N", F.CALL_PICKUP_EXTN),
        ("*35*N#", "N", F.EXTN_LOGIN),
        ("*36", "", F.EXTN_LOGOUT),
        ("*37*N#", "N", F.PARK_CALL),
        ("*38*N#", "N", F.UNPARK_CALL),
        ("*50", "", F.FORWARD_HUNTGROUP_CALLS_ON),
        ("*51", "", F.FORWARD_HUNTGROUP_CALLS_OFF),
        ("*57*N#", "N", F.FORWARD_ON_BUSY_NUMBER),
    ]
    assert all(sc.line_group_id == 0 for sc in ipo.DEFAULT_SYSTEM_SHORT_CODES)


def test_a_short_code_is_frozen_and_hashable() -> None:
    short_code = SC("*36", "", F.EXTN_LOGOUT)
    with pytest.raises(dataclasses.FrozenInstanceError):
        short_code.code = "*37"  # type: ignore[misc]
    assert short_code.code == "*36"
    assert len({short_code, ipo.ShortCode.parse(str(short_code))}) == 1


def test_short_codes_differing_in_any_field_are_not_equal() -> None:
    base = SC("#3000", "3000*1234", F.EXTN_LOGIN, 0)
    assert base != SC("#3001", "3000*1234", F.EXTN_LOGIN, 0)
    assert base != SC("#3000", "3000*5678", F.EXTN_LOGIN, 0)
    assert base != SC("#3000", "3000*1234", F.DIAL, 0)
    assert base != SC("#3000", "3000*1234", F.EXTN_LOGIN, 1)


@pytest.mark.parametrize("feature", list(F), ids=lambda f: f.value)
def test_feature_from_name_accepts_every_manager_name(feature: ipo.Feature) -> None:
    assert F.from_name(feature.value) is feature


@pytest.mark.parametrize(
    ("name", "feature"),
    [
        pytest.param("extnlogin", F.EXTN_LOGIN, id="any case"),
        pytest.param("Extn Logout", F.EXTN_LOGOUT, id="with a space"),
        pytest.param(F.DO_NOT_DISTURB_ON, F.DO_NOT_DISTURB_ON, id="a Feature itself"),
    ],
)
def test_feature_from_name_forgives_case_and_spaces(name: object, feature: ipo.Feature) -> None:
    assert F.from_name(name) is feature


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Login", id="not a Manager name"),
        pytest.param("ExtnLogon", id="a near miss"),
        pytest.param("", id="empty"),
        pytest.param(None, id="None"),
        pytest.param(35, id="a number"),
    ],
)
def test_feature_from_name_refuses_unknown_names(name: object) -> None:
    with pytest.raises(ipo.ShortCodeError, match=quoted(name)) as info:
        F.from_name(name)
    assert "ExtnLogin" in str(info.value)  # the message lists the names it knows


def test_short_code_error_is_an_ipo_error_and_a_value_error() -> None:
    assert issubclass(ipo.ShortCodeError, ipo.IpoError)
    assert issubclass(ipo.ShortCodeError, ValueError)


BAD_SHORT_CODES = [
    # (code, number, feature, line group) -> the value the message must quote, and why
    pytest.param(("*3a", "1", F.DIAL, 0), "*3a", "digits", id="code with a letter"),
    pytest.param(("*35*n#", "N", F.EXTN_LOGIN, 0), "*35*n#", "capital", id="lowercase n"),
    pytest.param(("*3?", "1", F.DIAL, 0), "*3?", "stand alone", id="? not alone"),
    pytest.param(("*3;5", "1", F.DIAL, 0), "*3;5", "last character", id="; not last"),
    pytest.param(("*N*N", "N", F.DIAL, 0), "*N*N", "more than one N", id="two N"),
    pytest.param(("*" * 32, "1", F.DIAL, 0), "*" * 32, "at most 31", id="32 characters"),
    pytest.param(  # a login number is quoted masked: the message holds no code
        ("#3000", "3000-1234", F.EXTN_LOGIN, 0), "••••-••••", "'-'", id="number with -"
    ),
    pytest.param(("#3000", "3000*abcd", F.EXTN_LOGIN, 0), "3000*abcd", "digits", id="number a-d"),
    pytest.param(("*5", "1" * 32, F.DIAL, 0), "1" * 32, "longer than 31", id="number too long"),
    pytest.param(("*5", "", F.DIAL, 0), "*5", "needs a Telephone Number", id="Dial, no number"),
    pytest.param(
        ("#3000", "", F.EXTN_LOGIN, 0), "#3000", "needs a Telephone Number", id="login, no number"
    ),
    pytest.param(
        ("*14*#", "", F.FOLLOW_ME_TO, 0), "*14*#", "needs a Telephone Number", id="follow-me empty"
    ),
    pytest.param(("#3000", "3000*N", F.EXTN_LOGIN, 0), "3000*N", "no N or X", id="N with no N/X"),
    pytest.param(("*5", "1", F.DIAL, -1), -1, "0 or more", id="negative line group"),
    pytest.param(("*5", "1", F.DIAL, "0"), "0", "whole number", id="line group as text"),
    pytest.param(("*5", "1", F.DIAL, 1.5), 1.5, "whole number", id="fractional line group"),
    pytest.param((3000, "1", F.DIAL, 0), 3000, "must be text", id="code not text"),
    pytest.param(("*5", 3001, F.DIAL, 0), 3001, "must be text", id="number not text"),
    pytest.param(("*5", "1", "Logon", 0), "Logon", "not one the kit knows", id="unknown feature"),
]


@pytest.mark.parametrize(("fields", "value", "why"), BAD_SHORT_CODES)
def test_a_short_code_manager_would_refuse_cannot_be_made(
    fields: tuple[object, ...], value: object, why: str
) -> None:
    with pytest.raises(ipo.ShortCodeError, match=quoted(value)) as info:
        SC(*fields)  # type: ignore[arg-type]
    assert why in str(info.value)


def test_an_empty_short_code_cannot_be_made() -> None:
    with pytest.raises(ipo.ShortCodeError, match="'' is empty") as info:
        SC("", "1")
    assert info.value.value == ""


@pytest.mark.parametrize("group", ["²", "٣", "-1", "x"])
def test_a_line_group_in_the_text_form_must_be_ascii_digits(group: str) -> None:
    with pytest.raises(ipo.ShortCodeError, match=f"Line Group ID '{group}'"):
        SC.parse(f"*1/1/Dial/{group}")


def test_a_true_or_false_line_group_is_refused() -> None:
    with pytest.raises(ipo.ShortCodeError, match="True"):
        SC("9N", "N", F.DIAL, True)


BAD_TEXT_FORMS = [
    pytest.param("*36", "*36", id="one field"),
    pytest.param("*36/", "*36/", id="two fields"),
    pytest.param("*36//ExtnLogout/0/0", "*36//ExtnLogout/0/0", id="five fields"),
    pytest.param("", "", id="empty text"),
    pytest.param("*36//ExtnLogout/x", "x", id="line group not a number"),
    pytest.param("*36//ExtnLogout/-1", "-1", id="negative line group"),
    pytest.param("*36//Logoff/0", "Logoff", id="unknown feature"),
    pytest.param("*3a//ExtnLogout/0", "*3a", id="bad code inside good text"),
    pytest.param("#3000/3000*N/ExtnLogin/0", "3000*N", id="bad number inside good text"),
    pytest.param(None, None, id="not a string"),
    pytest.param(b"*36//ExtnLogout", b"*36//ExtnLogout", id="bytes"),
]


@pytest.mark.parametrize(("text", "value"), BAD_TEXT_FORMS)
def test_a_malformed_text_form_is_refused_quoting_it(text: object, value: object) -> None:
    with pytest.raises(ipo.ShortCodeError, match=quoted(value)):
        ipo.ShortCode.parse(text)  # type: ignore[arg-type]


# --- matching one short code (reference section 2, rule R7) ---------------------------------


def dialling(code: str) -> ipo.ShortCode:
    """A Dial short code for ``code`` that passes on whatever its N and Xs matched."""
    return SC(code, "N" if ("N" in code or "X" in code) else "3001")


MATCHES = [
    # N takes digits and '*', never '#'
    pytest.param("*35*N#", "*35*3000*1234#", False, EXACT, "3000*1234", id="N takes *"),
    pytest.param("*35*N#", "*35*1234#", False, EXACT, "1234", id="N takes only a code"),
    pytest.param("*35*N#", "*35*#", False, EXACT, "", id="N may take nothing"),
    pytest.param("*35*N#", "*35*3000#1", False, NONE, "", id="N never takes #"),
    pytest.param("*35*N#", "*35*3000*1234", False, PARTIAL, "", id="*35*N# waits for its #"),
    pytest.param("*35*N#", "*35*3000*1234", True, NONE, "", id="*35*N# needs #, not the delay"),
    pytest.param("*35*N#", "*35*", False, PARTIAL, "", id="partial at the N"),
    pytest.param("*35*N#", "*3", False, PARTIAL, "", id="partial in the literals"),
    pytest.param("*35*N#", "", False, PARTIAL, "", id="nothing dialled yet"),
    pytest.param("*35*N#", "*36", False, NONE, "", id="a wrong literal"),
    pytest.param("*14*N#", "*14*3001#", False, EXACT, "3001", id="follow-me number"),
    # X is exactly one digit
    pytest.param("*3X", "*36", False, EXACT, "6", id="X takes one digit"),
    pytest.param("*3X", "*3", False, PARTIAL, "", id="X still to come"),
    pytest.param("*3X", "*3*", False, NONE, "", id="X is not *"),
    pytest.param("*3X", "*3#", False, NONE, "", id="X is not #"),
    pytest.param("*3X", "*367", False, NONE, "", id="X is not two digits"),
    pytest.param("*3XX", "*36", False, PARTIAL, "", id="one of two X"),
    pytest.param("*3XX", "*367", False, EXACT, "67", id="both X"),
    # literal codes are used at once
    pytest.param("*36", "*36", False, EXACT, "", id="exact at once"),
    pytest.param("#3000", "#30", False, PARTIAL, "", id="literal partial"),
    pytest.param("#3000", "#3001", False, NONE, "", id="literal miss"),
    pytest.param("*36", "*361", False, NONE, "", id="one digit too many"),
    pytest.param("*36", "*3", True, NONE, "", id="a partial is none once dialling is over"),
    # a trailing N needs '#' (sending complete) or the dial delay
    pytest.param("#9N", "#9", False, PARTIAL, "", id="trailing N waits"),
    pytest.param("#9N", "#91234", False, PARTIAL, "", id="trailing N keeps waiting"),
    pytest.param("#9N", "#91234", True, EXACT, "1234", id="trailing N after the delay"),
    pytest.param("#9N", "#9", True, EXACT, "", id="trailing N may take nothing"),
    pytest.param("#9N", "#91*2", True, EXACT, "1*2", id="trailing N takes *"),
    pytest.param("#9N", "#91234#", False, EXACT, "1234", id="# ends a trailing N at once"),
    pytest.param("#9N", "#912#3", False, NONE, "", id="nothing follows the # of a trailing N"),
    pytest.param("#9N", "#8", False, NONE, "", id="trailing N, wrong literal"),
    # ';' receive sending complete
    pytest.param("*5;", "*5", False, PARTIAL, "", id="; waits"),
    pytest.param("*5;", "*5", True, EXACT, "", id="; after the delay"),
    pytest.param("*5;", "*5#", False, EXACT, "", id="; after #"),
    pytest.param("*5;", "*56", False, NONE, "", id="; takes no more digits"),
    pytest.param("*5X;", "*56", False, PARTIAL, "", id="X then ; waits"),
    pytest.param("*5X;", "*56#", False, EXACT, "6", id="X then ; after #"),
    # '?' is a default match
    pytest.param("?", "5", False, EXACT, "5", id="? matches anything dialled"),
    pytest.param("?", "", False, PARTIAL, "", id="? waits for a first digit"),
]


@pytest.mark.parametrize(("code", "dialled", "complete", "kind", "digits"), MATCHES)
def test_matching_dialled_digits_against_one_short_code(
    code: str, dialled: str, complete: bool, kind: ipo.MatchKind, digits: str
) -> None:
    found = dialling(code).match(dialled, complete)
    assert (found.kind, found.digits) == (kind, digits)


# --- resolve: precedence and tie-breaks ----------------------------------------------------

LOGOUT = SC("*36", "", F.EXTN_LOGOUT)


def test_an_extension_number_beats_user_and_system_short_codes() -> None:
    found = ipo.resolve(
        "3000",
        extensions=["3000", "3001"],
        user_codes=[SC("3000", "3001")],
        system_codes=[SC("3000", "3002"), SC("3XXX", "N")],
    )
    assert (found.kind, found.level, found.short_code, found.number) == (
        EXACT,
        "extension",
        None,
        "3000",
    )
    assert found.feature is F.DIAL


def test_a_user_short_code_beats_a_system_short_code() -> None:
    mine = SC("*36", "3001")
    found = ipo.resolve("*36", extensions=["3000"], user_codes=[mine], system_codes=[LOGOUT])
    assert (found.level, found.short_code, found.feature) == ("user", mine, F.DIAL)


def test_the_user_level_wins_even_against_a_more_literal_system_code() -> None:
    mine = SC("*3X", "300N")
    found = ipo.resolve("*36", extensions=[], user_codes=[mine], system_codes=[LOGOUT])
    assert (found.level, found.short_code, found.number) == ("user", mine, "3006")


def test_the_first_level_with_an_exact_match_wins_while_a_later_level_has_partials() -> None:
    mine = SC("*36", "3001")
    found = ipo.resolve(
        "*36", extensions=[], user_codes=[mine], system_codes=[SC("*361", "3002"), LOGOUT]
    )
    assert (found.kind, found.short_code) == (EXACT, mine)


def test_an_exact_system_code_is_used_while_a_user_code_could_still_match() -> None:
    found = ipo.resolve(
        "*36", extensions=[], user_codes=[SC("*361", "3001")], system_codes=[LOGOUT]
    )
    assert (found.kind, found.level, found.short_code) == (EXACT, "system", LOGOUT)


def test_an_exact_short_code_is_used_while_a_longer_extension_could_still_match() -> None:
    code = SC("30", "3001")
    found = ipo.resolve("30", extensions=["3000"], system_codes=[code])
    assert (found.kind, found.short_code) == (EXACT, code)


@pytest.mark.parametrize(
    ("dialled", "extensions", "user_codes", "system_codes"),
    [
        pytest.param("30", ["3000"], [], [LOGOUT], id="an extension could still match"),
        pytest.param("*3", [], [SC("*37", "3001")], [], id="a user code could still match"),
        pytest.param("*3", ["3000"], [], [LOGOUT], id="a system code could still match"),
        pytest.param("*35*3000", [], [], ipo.DEFAULT_SYSTEM_SHORT_CODES, id="*35*N# before its #"),
        pytest.param("*3", [], [], [LOGOUT, SC("?", "3001")], id="even with a ? code"),
    ],
)
def test_a_partial_match_anywhere_waits_when_nothing_matches_exactly(
    dialled: str,
    extensions: list[str],
    user_codes: list[ipo.ShortCode],
    system_codes: list[ipo.ShortCode],
) -> None:
    found = ipo.resolve(
        dialled, extensions=extensions, user_codes=user_codes, system_codes=system_codes
    )
    assert found == ipo.Resolution(PARTIAL)


@pytest.mark.parametrize(
    ("dialled", "complete"),
    [
        pytest.param("*99", False, id="no code starts so"),
        pytest.param("31", False, id="no extension starts so"),
        pytest.param("*35*3000*1234", True, id="*35*N# without its # after the delay"),
        pytest.param("30", True, id="part of an extension after the delay"),
    ],
)
def test_digits_that_match_nothing_are_incompatible(dialled: str, complete: bool) -> None:
    found = ipo.resolve(
        dialled,
        extensions=["3000"],
        system_codes=ipo.DEFAULT_SYSTEM_SHORT_CODES,
        complete=complete,
    )
    assert found == ipo.Resolution(NONE)


@pytest.mark.parametrize(
    ("codes", "dialled", "complete", "winner"),
    [
        pytest.param(["*3X", "*36"], "*36", False, "*36", id="*36 beats *3X"),
        pytest.param(["*36", "*3X"], "*36", False, "*36", id="*36 beats *3X, either order"),
        pytest.param(
            ["*35*N#", "*35*3000*N#"], "*35*3000*1234#", False, "*35*3000*N#", id="longer literal"
        ),
        pytest.param(["*3N", "*3X"], "*35", True, "*3X", id="X beats N"),
        pytest.param(["*3X", "*3N"], "*35", True, "*3X", id="X beats N, either order"),
        pytest.param(["*3N", "*3XX"], "*356", True, "*3XX", id="XX beats N"),
        pytest.param(["*3XX", "*3N"], "*356", True, "*3XX", id="XX beats N, either order"),
    ],
)
def test_among_exact_matches_most_literals_win_then_closest_length(
    codes: list[str], dialled: str, complete: bool, winner: str
) -> None:
    table = [dialling(code) for code in codes]
    found = ipo.resolve(dialled, extensions=[], system_codes=table, complete=complete)
    assert found.kind is EXACT
    assert found.short_code == dialling(winner)


@pytest.mark.parametrize("codes", [["*3N#", "*3X#"], ["*3X#", "*3N#"]], ids=["N first", "X first"])
def test_x_beats_n_also_when_the_codes_end_in_hash(codes: list[str]) -> None:
    table = [dialling(code) for code in codes]
    found = ipo.resolve("*35#", extensions=[], system_codes=table)
    assert found.short_code == dialling("*3X#")


DEFAULT_MATCH = SC("?", "3001")


@pytest.mark.parametrize(
    ("dialled", "complete", "expected"),
    [
        pytest.param("*36", False, LOGOUT, id="not when a code matches exactly"),
        pytest.param("3000", False, None, id="not when an extension matches"),
        pytest.param("5", False, DEFAULT_MATCH, id="when nothing else could match"),
        pytest.param("*3", True, DEFAULT_MATCH, id="when the partials ran out of time"),
    ],
)
def test_the_default_match_is_used_only_when_nothing_else_matches(
    dialled: str, complete: bool, expected: ipo.ShortCode | None
) -> None:
    found = ipo.resolve(
        dialled, extensions=["3000"], system_codes=[DEFAULT_MATCH, LOGOUT], complete=complete
    )
    assert (found.kind, found.short_code) == (EXACT, expected)


def test_the_default_match_passes_on_its_telephone_number() -> None:
    found = ipo.resolve("5", extensions=["3000"], system_codes=[DEFAULT_MATCH])
    assert (found.number, found.feature) == ("3001", F.DIAL)


def test_a_users_default_match_comes_before_the_systems() -> None:
    mine = SC("?", "3002")
    found = ipo.resolve("5", extensions=[], user_codes=[mine], system_codes=[DEFAULT_MATCH])
    assert found.short_code == mine


def test_a_users_default_match_is_reported_at_the_user_level() -> None:
    found = ipo.resolve("5", extensions=[], user_codes=[SC("?", "3002")])
    assert found.level == "user"


@pytest.mark.parametrize(
    ("code", "number", "dialled", "expected"),
    [
        pytest.param("*35*N#", "N", "*35*3000*1234#", "3000*1234", id="N is the matched digits"),
        pytest.param("#9N", "3000*N", "#91234#", "3000*1234", id="N inside a number"),
        pytest.param("*3XX", "30N", "*312", "3012", id="N is the digits the Xs matched"),
        pytest.param("*7", "E", "*7", "3001", id="E is the caller's extension"),
        pytest.param("*7", "U", "*7", "Agent3001", id="U is the caller's name"),
        pytest.param("*7N", "E*N#U", "*742#", "3001*42#Agent3001", id="all three at once"),
        pytest.param("*7", "3000*1234", "*7", "3000*1234", id="a literal number as it is"),
    ],
)
def test_telephone_number_substitution(code: str, number: str, dialled: str, expected: str) -> None:
    found = ipo.resolve(
        dialled,
        extensions=["3000"],
        system_codes=[SC(code, number)],
        extension="3001",
        user_name="Agent3001",
    )
    assert (found.kind, found.number) == (EXACT, expected)


# --- the same rules on a running system ----------------------------------------------------


@pytest.fixture
def system() -> ipo.System:
    return ipo.System(ipo.load_site("tech_tip_014"))


@pytest.fixture
def e_and_u_system() -> ipo.System:
    cfg = ipo.load_site("tech_tip_014")
    cfg.add_short_code(SC("*71", "E"))
    cfg.add_short_code(SC("*72", "U"))
    return ipo.System(cfg)


@pytest.mark.parametrize(
    ("station", "logon", "extension", "name"),
    [
        pytest.param("3000", None, "3000", "", id="NoUser: E is the station, U is empty"),
        pytest.param("3002", None, "3002", "Desk3002", id="the default user at home"),
        pytest.param("3000", "*35*3001*5678#", "3001", "Agent3001", id="a hot-desking user"),
    ],
)
def test_e_and_u_are_whoever_is_at_the_station(
    e_and_u_system: ipo.System, station: str, logon: str | None, extension: str, name: str
) -> None:
    if logon is not None:
        assert e_and_u_system.phone(station).dial(logon).lines[1] == "Logged on"
    assert e_and_u_system.resolve_digits(station, "*71", complete=False).number == extension
    assert e_and_u_system.resolve_digits(station, "*72", complete=False).number == name


def test_a_hunt_group_number_counts_as_an_extension(system: ipo.System) -> None:
    found = system.resolve_digits("3002", "200", complete=False)
    assert (found.kind, found.level, found.number) == (EXACT, "extension", "200")


# --- every default system short code on a real phone ----------------------------------------

#: What a trainee dials for each default system short code: N is an extension, a hunt
#: group (200) or a park slot (1) as the feature takes.
DIALLED_FOR = {
    "*00": "*00",
    "*01": "*01",
    "*02": "*02",
    "*03": "*03",
    "*04": "*04",
    "*05": "*05",
    "*06": "*06",
    "*07*N#": "*07*3001#",
    "*08": "*08",
    "*09": "*09",
    "*10*N#": "*10*3001#",
    "*11*N#": "*11*3001#",
    "*12*N#": "*12*3001#",
    "*13*N#": "*13*3001#",
    "*14*N#": "*14*3001#",
    "*15": "*15",
    "*16": "*16",
    "*17": "*17",
    "*20*N#": "*20*200#",
    "*21*N#": "*21*200#",
    "*26": "*26",
    "*27*N#": "*27*3001#",
    "*28*N#": "*28*3001#",
    "*30": "*30",
    "*31": "*31",
    "*32*N#": "*32*3001#",
    "*35*N#": "*35*3000*1234#",
    "*36": "*36",
    "*37*N#": "*37*1#",
    "*38*N#": "*38*1#",
    "*50": "*50",
    "*51": "*51",
    "*57*N#": "*57*3001#",
}


def test_these_tests_dial_every_default_system_short_code() -> None:
    assert set(DIALLED_FOR) == {sc.code for sc in ipo.DEFAULT_SYSTEM_SHORT_CODES}


def whole_state(system: ipo.System) -> tuple[object, ...]:
    """Who is where, who has DND, and the event log: everything a feature could change."""
    users = [u.extension for u in system.config.users]
    return (
        {u: system.location_of(u) for u in users},
        {u: system.is_dnd(u) for u in users},
        system.events,
    )


@pytest.mark.parametrize(
    ("station", "dialled", "user"),
    [
        pytest.param("3000", "*35*3000*1234#", "3000", id="*35*Extn*Code# at home"),
        pytest.param("3000", "*35*1234#", "3000", id="*35*Code# at home"),
        pytest.param("3001", "*35*3000*1234#", "3000", id="*35*Extn*Code# at another desk"),
    ],
)
def test_star_35_logs_on(system: ipo.System, station: str, dialled: str, user: str) -> None:
    phone = system.phone(station)
    assert system.location_of(user) is None  # Force Login: logged off after boot (R4)
    shown = phone.dial(dialled)
    assert shown.lines[1] == "Logged on"
    assert shown.tone is ipo.Tone.CONFIRMATION
    assert system.location_of(user) == station
    assert phone.hang_up().lines[0].startswith(system.user(user).name)


def test_star_35_with_a_wrong_code_shows_invalid_and_logs_nobody_on(system: ipo.System) -> None:
    before = whole_state(system)[0]
    shown = system.phone("3000").dial("*35*3000*9999#")
    assert (shown.lines[1], shown.tone) == ("Invalid", ipo.Tone.BUSY)
    assert whole_state(system)[0] == before


def test_star_36_logs_off(system: ipo.System) -> None:
    phone = system.phone("3000")
    phone.dial("*35*3000*1234#")
    shown = phone.dial("*36")
    assert shown.lines == ("NoUser              3000", "Logged off")
    assert system.location_of("3000") is None
    assert system.user_at("3000") is None


def test_star_08_and_star_09_turn_do_not_disturb_on_and_off(system: ipo.System) -> None:
    phone = system.phone("3002")  # Desk3002 is at home after boot: no Force Login
    assert phone.dial("*08").lines[1] == "DND on"
    assert system.is_dnd("3002")
    assert phone.hang_up().status == "N"
    assert phone.dial("*09").lines[1] == "DND off"
    assert not system.is_dnd("3002")
    assert phone.hang_up().lines[1] == ""


UNMODELLED = [sc for sc in ipo.DEFAULT_SYSTEM_SHORT_CODES if not sc.feature.is_modelled]


@pytest.fixture
def default_table_system() -> ipo.System:
    """The tech tip site with the whole default table in front of its own short codes."""
    cfg = ipo.load_site("tech_tip_014")
    own = [sc for sc in cfg.short_codes if sc not in ipo.DEFAULT_SYSTEM_SHORT_CODES]
    cfg.short_codes = [*ipo.DEFAULT_SYSTEM_SHORT_CODES, *own]
    return ipo.System(cfg)


@pytest.mark.parametrize("short_code", UNMODELLED, ids=lambda sc: sc.code)
@pytest.mark.parametrize("station", ["3000", "3002"], ids=["logged-on agent", "default user"])
def test_a_default_code_the_kit_does_not_model_is_accepted_says_so_and_changes_nothing(
    default_table_system: ipo.System, station: str, short_code: ipo.ShortCode
) -> None:
    system = default_table_system
    if station == "3000":
        system.phone("3000").dial("*35*3000*1234#")
        system.phone("3000").hang_up()
    before = whole_state(system)
    dialled = DIALLED_FOR[short_code.code]
    shown = system.phone(station).dial(dialled)
    assert shown.lines == (dialled, "")  # what was dialled, as a real phone leaves it
    assert shown.tone is ipo.Tone.CONFIRMATION
    assert short_code.feature.value in shown.note
    assert "does not model that feature" in shown.note
    assert shown.off_hook
    assert whole_state(system) == before


# --- dial delay on model time (rule R7) ----------------------------------------------------


@pytest.fixture
def hash9_system() -> ipo.System:
    """The tech tip site plus a custom login code whose N ends the code: ``#9N``."""
    cfg = ipo.load_site("tech_tip_014")
    cfg.add_short_code(SC("#9N", "3000*N", F.EXTN_LOGIN))
    return ipo.System(cfg)


def test_the_dial_delay_is_four_seconds() -> None:
    assert DIAL_DELAY_TIME == 4.0


def test_a_trailing_n_is_used_four_seconds_after_the_last_digit(hash9_system: ipo.System) -> None:
    phone = hash9_system.phone("3000")
    phone.dial("#91234")
    hash9_system.advance(3.9)
    assert phone.state == "dialling"
    assert hash9_system.location_of("3000") is None
    hash9_system.advance(0.2)
    assert phone.display[1] == "Logged on"
    assert hash9_system.location_of("3000") == "3000"


def test_each_digit_starts_the_dial_delay_again(hash9_system: ipo.System) -> None:
    phone = hash9_system.phone("3000")
    phone.dial("#912")
    hash9_system.advance(3.0)
    phone.type("34")
    hash9_system.advance(3.9)
    assert hash9_system.location_of("3000") is None
    hash9_system.advance(0.2)
    assert hash9_system.location_of("3000") == "3000"


def test_hash_ends_a_trailing_n_at_once(hash9_system: ipo.System) -> None:
    phone = hash9_system.phone("3000")
    assert phone.dial("#91234#").lines[1] == "Logged on"
    assert hash9_system.time == 0.0
    assert hash9_system.location_of("3000") == "3000"
    assert phone.timer_due is None


def test_digits_that_only_match_partly_become_incompatible_after_the_delay(
    system: ipo.System,
) -> None:
    phone = system.phone("3000")
    phone.dial("*35*3000*1234")
    system.advance(3.9)
    assert phone.display[1] == "*35*3000*1234"
    system.advance(0.2)
    assert phone.display[1] == "Incompatible"
    assert phone.screen.tone is ipo.Tone.NUMBER_UNOBTAINABLE
    assert system.location_of("3000") is None


def test_advancing_by_zero_changes_nothing(system: ipo.System) -> None:
    system.advance(0)
    assert system.time == 0.0


@pytest.mark.parametrize(
    "seconds",
    [
        pytest.param(-1, id="negative"),
        pytest.param(-0.5, id="negative fraction"),
        pytest.param(math.nan, id="NaN"),
        pytest.param("4", id="text"),
        pytest.param(None, id="None"),
        pytest.param(True, id="a bool"),
        pytest.param([4], id="a list"),
    ],
)
def test_model_time_refuses_to_run_backwards_or_by_a_non_number(
    system: ipo.System, seconds: object
) -> None:
    system.advance(1.5)
    with pytest.raises(ipo.ModelTimeError, match=quoted(seconds)):
        system.advance(seconds)  # type: ignore[arg-type]
    assert system.time == 1.5


def test_model_time_error_is_an_ipo_error_and_a_value_error() -> None:
    assert issubclass(ipo.ModelTimeError, ipo.IpoError)
    assert issubclass(ipo.ModelTimeError, ValueError)
