"""Bad input to the exercises and the handset: the kit's own error, quoting the value.

``Procedure.for_site`` and ``Action`` are what a lesson or a records file hands the kit:
a value of the wrong kind is a WrongType, a value of the right kind that means nothing is
an UnknownName or a ConfigError, and every message quotes at most about 100 characters of
the value.  A login code is checked by the one check of its form
(``ipo_core.site.validation.check_login_code``): ASCII digits 0-9 only, at most 31.
"""

from __future__ import annotations

import pytest

import ipo_core as ipo
from ipo_core.training.actions import Action, Method
from ipo_core.training.exercises import Procedure


@pytest.fixture
def site() -> ipo.Config:
    return ipo.load_site("tech_tip_014")


# --- Action ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (lambda: Action(5, "x"), "kind of action"),  # type: ignore[arg-type]
        (lambda: Action(None), "kind of action"),  # type: ignore[arg-type]
        (lambda: Action("key", 5), "value of a key action"),  # type: ignore[arg-type]
        (lambda: Action("dial", None), "value of a dial action"),  # type: ignore[arg-type]
        (lambda: Action.parse(["key", "5"]), "action"),  # type: ignore[arg-type]
        (lambda: Action.button(True), "button position"),
        (lambda: Action.button(2.5), "button position"),  # type: ignore[arg-type]
        (lambda: Action.button("3"), "button position"),  # type: ignore[arg-type]
        (lambda: Action.wait(None), "wait"),  # type: ignore[arg-type]
        (lambda: Action.wait([4]), "wait"),  # type: ignore[arg-type]
    ],
)
def test_an_action_of_the_wrong_kind_is_wrong_type(make, what):
    with pytest.raises(ipo.WrongType, match=f"The {what} must be"):
        make()


@pytest.mark.parametrize(
    "make",
    [
        lambda: Action("button", "１"),  # a full-width digit: not a button IP Office numbers
        lambda: Action.parse("button ２"),
        lambda: Action("button", "9" * 5000),  # int() would refuse it with a ValueError
        lambda: Action.button(10**5000),
        lambda: Action.button(0),
        lambda: Action.button(100),  # three digits: no handset has a position of three
        lambda: Action.wait(10**400),  # float() would raise OverflowError
        lambda: Action.wait(10**5000),  # str() would raise ValueError (over 4,300 digits)
        lambda: Action.wait(1e9),  # beyond a day of model time
        lambda: Action.parse("wait １"),
        lambda: Action.parse("wait 1_000"),
        lambda: Action.parse("wait " + "9" * 5000),
    ],
)
def test_an_action_value_that_means_nothing_is_unknown_name(make):
    with pytest.raises(ipo.UnknownName) as refused:
        make()
    assert len(str(refused.value)) < 400


def test_an_unknown_kind_of_action_is_quoted_cut_to_a_status_line():
    with pytest.raises(ipo.UnknownName, match="characters left out") as refused:
        Action.parse("jump" * 10_000)
    assert len(str(refused.value)) < 400


# --- Procedure.for_site ------------------------------------------------------------------


def test_an_unknown_method_is_unknown_name_listing_the_methods(site):
    with pytest.raises(ipo.UnknownName, match="logon-star-35"):
        Procedure.for_site("log-on-quickly", site)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "what"),
    [
        ({"config": None}, "site of an exercise"),
        ({"config": "tech_tip_014"}, "site of an exercise"),
        ({"station": 3000}, "station of an exercise"),
        ({"extension": 3000}, "extension of an exercise"),
        ({"code": 1234}, "code of an exercise"),
        ({"group": 200}, "hunt group of an exercise"),
    ],
)
def test_for_site_given_a_value_of_the_wrong_kind_is_wrong_type(site, changes, what):
    arguments = {"method": Method.CONFIG_HUNT_MODE, "config": site, **changes}
    with pytest.raises(ipo.WrongType, match=f"The {what} must be"):
        Procedure.for_site(**arguments)


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("１２３４", "a digit other than 0-9"),  # full-width digits pass str.isdigit()
        ("١٢٣٤", "a digit other than 0-9"),  # Arabic-Indic digits too
        ("1" * 5000, "IP Office takes at most 31 digits"),
    ],
)
def test_for_site_checks_a_login_code_with_the_one_check(site, code, says):
    with pytest.raises(ipo.ConfigError, match=says) as refused:
        Procedure.for_site(Method.CONFIG_LOGON_AGENT, site, code=code)
    assert code not in str(refused.value)  # the digits never leave in a message


# --- the handset ---------------------------------------------------------------------------


def test_a_long_dial_that_matches_nothing_quotes_it_cut_to_a_status_line(site):
    phone = ipo.System(site).phone("3000")
    shown = phone.dial("9" * 10_000)
    assert shown.lines[1] == "Incompatible"
    assert "characters left out" in shown.note
    assert len(shown.note) < 400


def test_a_long_login_dial_is_matched_as_the_whole_dial_is(site):
    # *35*N# waits for its '#' however many digits N took (rule R7): a very long code is
    # just a wrong one, refused as Invalid, and the phone is as it is after a short one.
    system = ipo.System(site)
    long_dial = system.phone("3000").dial("*35*3000*" + "1" * 20_000 + "#")
    short_dial = ipo.System(site).phone("3000").dial("*35*3000*1111#")
    assert long_dial.lines == short_dial.lines
    assert system.location_of("3000") is None
