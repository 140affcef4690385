"""Manager's field rules: names, login codes, a new hunt group's mode (ipo-details section 4).

Names [B, the 3.x Manager-help copy to 9.1]: "Up to 15 characters ... Only alphanumeric
characters and space are supported ... Do not use punctuation characters such as #, ?, /, -,
_ and ,. Do not start names with a numeric character. This field is case sensitive and must
be unique."  The kit refuses as typed what a site file cannot hold, quotes and slashes;
what is only "not supported" the audit lists as advice, so every site that loaded before
still loads and merges.
"""

from __future__ import annotations

import pytest

import ipo_core as ipo
from ipo_core.site.hunt_groups import DEFAULT_HUNT_MODE
from ipo_core.site.validation import MAX_BUTTON_LOGIN_CODE_LENGTH, MAX_LOGIN_CODE_LENGTH

ADVICE = ipo.FindingKind.ADVICE


def advice(config: ipo.Config) -> list[ipo.Finding]:
    return [f for f in ipo.audit(config) if f.kind is ADVICE]


def site_with_user(name: str) -> ipo.Config:
    """One Force Login user, in no group and at no station: only their name can be advised."""
    config = ipo.Config()
    config.add_user(ipo.User(name, "3000", force_login=True, login_code="1234"))
    return config


# --- names: what Manager's help does not support is advice, not a refusal ---------------------

UNSUPPORTED = [
    pytest.param("Agent_3000", "holds '_'", "Agent 3000", id="underscore"),
    pytest.param("Sales-1", "holds '-'", "Sales 1", id="hyphen"),
    pytest.param("O'Brien #2", "holds \"'\" and '#'", "O Brien 2", id="apostrophe-and-hash"),
    pytest.param("2nd Line", "starts with a digit", None, id="digit-first"),
    pytest.param("3000-A", "holds '-' and starts with a digit", None, id="both"),
    pytest.param("back\u00a0space", "holds '\\xa0'", "back space", id="no-break-space"),
]


@pytest.mark.parametrize(("name", "says", "such_as"), UNSUPPORTED)
def test_a_user_name_manager_s_help_does_not_support_loads_merges_and_is_advised(
    name, says, such_as
):
    config = site_with_user(name)
    assert config.validate() == ()  # Manager takes it: not a reason to refuse the Merge
    (finding,) = advice(config)
    assert finding.subject == f"User {name} (3000)"
    assert finding.problem.startswith(f"User name {name!r} ")
    assert f"{name!r} {says}, which Manager's help does not support" in finding.problem
    assert finding.problem.endswith(
        "a name takes letters, digits and spaces only, and does not start with a digit."
    )
    if such_as:
        assert finding.fix == f"Rename it (User > User > Name), such as {such_as!r}."
    else:
        assert finding.fix == "Rename it (User > User > Name)."


def test_five_odd_characters_are_named_and_the_rest_counted():
    (finding,) = advice(site_with_user("a,b?c^d>e_"))
    assert "holds ',', '?', '^', '>' and '_', which" in finding.problem
    (finding,) = advice(site_with_user("a,b?c^d>e_-"))
    assert "holds ',', '?', '^', '>', '_' and more," in finding.problem


@pytest.mark.parametrize("name", ["Agent3000", "Desk 3002", "Zoë Ångström", "李小龙"])
def test_letters_and_digits_of_any_script_and_spaces_are_supported(name):
    config = site_with_user(name)
    config.add_user(ipo.User("Sales-1", "3001"))  # so that the audit has advice to give
    assert [f.subject for f in advice(config)] == ["User Sales-1 (3001)"]


def test_a_hunt_group_name_follows_the_same_rules():
    config = site_with_user("Agent3000")
    config.add_hunt_group(ipo.HuntGroup("Sales-1", "200", ipo.HuntMode.LINEAR, ("3000",)))
    (finding,) = advice(config)
    assert finding.subject == "Hunt group Sales-1 (200)"
    assert finding.problem.startswith("Hunt group name 'Sales-1' holds '-', which Manager's help")
    assert finding.fix == "Rename it (Hunt Group > Name), such as 'Sales 1'."


def test_no_name_is_suggested_that_another_record_has_whatever_its_case():
    config = site_with_user("Agent_3000")
    config.add_user(ipo.User("agent 3000", "3001", force_login=True, login_code="5678"))
    (finding,) = advice(config)
    assert finding.fix == "Rename it (User > User > Name)."


def test_what_a_site_file_cannot_hold_quotes_and_slashes_are_still_refused_as_typed():
    for name in ('Ag"ent', "Sales/1", "Back\\slash", " Lead", "A" * 16, "A\x01"):
        with pytest.raises(ipo.ConfigError, match="name"):
            ipo.User(name, "3000")
        with pytest.raises(ipo.ConfigError, match="name"):
            ipo.HuntGroup(name, "200")
    assert advice(site_with_user("Sales-1"))  # ...and the rest is advice


# --- names: unique as Manager compares them -----------------------------------------------------


def test_an_exact_duplicate_is_refused_and_one_that_got_in_is_a_finding_too():
    config = site_with_user("Agent3000")
    with pytest.raises(ipo.ConfigError, match="names and extension numbers must be unique"):
        config.add_user(ipo.User("Agent3000", "3001"))
    config.users.append(ipo.User("Agent3000", "3001"))  # behind add_user's check
    assert any(p.field == "Name" for p in config.validate())  # refused at Merge
    (finding,) = [f for f in ipo.audit(config) if f.subject == "Name Agent3000"]
    assert "'Agent3000' (user 3000) and 'Agent3000' (user 3001) are one name" in finding.problem


# --- login codes ---------------------------------------------------------------------------------


def test_login_codes_take_31_digits_and_extn_login_buttons_15_as_later_manager_says():
    assert (MAX_LOGIN_CODE_LENGTH, MAX_BUTTON_LOGIN_CODE_LENGTH) == (31, 15)
    ipo.User("Agent3000", "3000", login_code="9" * 31)
    with pytest.raises(ipo.ConfigError, match="at most 31 digits"):
        ipo.User("Agent3000", "3000", login_code="9" * 32)


def long_codes(button: ipo.Button | None) -> ipo.Config:
    config = ipo.Config()
    config.add_user(ipo.User("Long", "3000", force_login=True, login_code="9" * 16))
    config.add_user(ipo.User("Fifteen", "3001", force_login=True, login_code="8" * 15))
    if button is not None:
        config.set_button("3001", 1, button)
    return config


def test_a_code_over_15_digits_on_a_site_with_extn_login_buttons_is_advice():
    (finding,) = advice(long_codes(ipo.Button.extn_login()))
    assert finding.subject == "User Long (3000)"
    assert finding.problem == (
        "User Long (3000) has a 16-digit login code, and this site has Extn Login buttons: "
        "Manager's help (10.0 and later) says they take login codes of at most 15 digits, "
        "short codes up to 31."
    )
    assert "*35*Extn*Code#" in finding.fix
    assert "4 to 15 digits" in finding.fix
    assert "9999" not in str(finding)  # the length only, never the code (masking.py)
    assert advice(long_codes(ipo.Button.extn_logout())) == []  # no Extn Login button: fine
    assert advice(long_codes(None)) == []


# --- a new hunt group's default mode -------------------------------------------------------------


def test_a_new_hunt_group_is_linear_manager_s_default_sequential():
    group = ipo.HuntGroup("Sales", "200")
    assert group.mode is DEFAULT_HUNT_MODE is ipo.HuntMode.LINEAR
    assert group.mode.later_name == "Sequential"  # 4.x and 12.3 help: "Default = Sequential"
    assert group.mode.can_be_monitored


def test_a_site_file_group_without_a_mode_loads_linear_and_passes_the_tech_tip_s_check():
    config = ipo.Config.loads(
        '[[user]]\nname = "Agent3000"\nextension = "3000"\nforce_login = true\n'
        'login_code = "1234"\n\n[[hunt_group]]\nname = "Sales"\nextension = "200"\n'
        'members = ["3000"]\n'
    )
    assert config.hunt_group("Sales").mode is ipo.HuntMode.LINEAR
    assert ipo.audit(config) == ()
