"""The call-centre readiness audit (rule R3): findings, not refusals."""

from __future__ import annotations

import dataclasses

import pytest

import ipo_core as ipo

READINESS = ipo.FindingKind.READINESS
SECURITY = ipo.FindingKind.SECURITY


@pytest.fixture
def cfg(by_hand) -> ipo.Config:
    """A site the tech tip is happy with: two logon agents in a Linear group, default codes only.

    Desk3002 is a user with no station of their own here: on the tip's shared desk 3002 they
    would be its default user without Force Login, which CCC's installation advice asks for
    (an advice finding, tests/test_audit_ccc_advice.py).
    """
    site = by_hand()
    site.remove_extension("3002")
    return site


def test_a_ready_site_has_no_findings(cfg):
    assert ipo.audit(cfg) == ()


def test_the_default_login_short_code_is_no_finding(cfg):
    assert any(sc.code == "*35*N#" for sc in cfg.short_codes)
    assert not [f for f in ipo.audit(cfg) if "*35*N#" in str(f)]


def test_an_empty_site_has_no_findings():
    assert ipo.audit(ipo.Config()) == ()


@pytest.mark.parametrize(
    "mode", [ipo.HuntMode.LINEAR, ipo.HuntMode.CIRCULAR, ipo.HuntMode.MOST_IDLE]
)
def test_linear_circular_and_most_idle_groups_pass(cfg, mode):
    cfg.hunt_group("Sales").mode = mode
    assert ipo.audit(cfg) == ()


def test_the_audit_changes_nothing(cfg):
    cfg.hunt_group("Sales").mode = ipo.HuntMode.GROUP
    before = cfg.copy()
    ipo.audit(cfg)
    assert cfg == before


# --- one finding per problem ------------------------------------------------------------


def group_mode(c: ipo.Config) -> None:
    c.hunt_group("Sales").mode = ipo.HuntMode.COLLECTIVE


def member_without_force_login(c: ipo.Config) -> None:
    c.user("3001").force_login = False


def plain_user_as_member(c: ipo.Config) -> None:
    c.hunt_group("Sales").members = ("3000", "3001", "3002")


def short_login_code(c: ipo.Config) -> None:
    c.user("3001").login_code = "12"


def login_short_code_without_star_or_hash(c: ipo.Config) -> None:
    c.add_short_code(ipo.ShortCode("93N", "N", ipo.Feature.EXTN_LOGIN))


def users_login_short_code_without_star_or_hash(c: ipo.Config) -> None:
    c.add_short_code(ipo.ShortCode("93N", "N", ipo.Feature.EXTN_LOGIN), user="3002")


def custom_login_short_code(c: ipo.Config) -> None:
    c.add_short_code(ipo.ShortCode("#3000", "3000*1234", ipo.Feature.EXTN_LOGIN))


def users_custom_login_short_code(c: ipo.Config) -> None:
    c.add_short_code(ipo.ShortCode("#55", "3001*5678", ipo.Feature.EXTN_LOGIN), user="3002")


def dial_short_code_with_a_login(c: ipo.Config) -> None:
    c.add_short_code(ipo.ShortCode("*77", "*35*3000*1234#"))


def dial_button_with_a_login(c: ipo.Config) -> None:
    c.set_button("3002", 3, ipo.Button.dial("*35*3001*5678#"))


def code_only_login_short_code(c: ipo.Config) -> None:
    c.add_short_code(ipo.ShortCode("*78", "5678", ipo.Feature.EXTN_LOGIN))


FINDINGS = [
    pytest.param(
        group_mode,
        READINESS,
        "Hunt group Sales (200)",
        [
            "Hunt group Sales (200) is in Group mode",
            "CCC, CCV and CBC report it wrongly",
            "Linear, Circular or Most Idle",
        ],
        id="group-in-group-mode",
    ),
    pytest.param(
        member_without_force_login,
        READINESS,
        "User Agent3001 (3001)",
        [
            "Agent3001 (3001) in hunt group Sales is not a logon agent",
            "tick User > Telephony > Force Login",
        ],
        id="member-without-force-login",
    ),
    pytest.param(
        plain_user_as_member,
        READINESS,
        "User Desk3002 (3002)",
        [
            "Desk3002 (3002) in hunt group Sales is not a logon agent",
            "Force Login",
            "at least 4 digits",
        ],
        id="member-without-force-login-or-code",
    ),
    pytest.param(
        short_login_code,
        READINESS,
        "User Agent3001 (3001)",
        [
            "Agent3001 (3001) in hunt group Sales has a 2-digit login code",
            "at least 4 digits",
            "Login Code",
        ],
        id="member-with-a-short-code",
    ),
    pytest.param(
        login_short_code_without_star_or_hash,
        READINESS,
        "Short code 93N",
        ["System short code '93N' (ExtnLogin) does not start with * or #"],
        id="system-login-short-code-without-star-or-hash",
    ),
    pytest.param(
        users_login_short_code_without_star_or_hash,
        READINESS,
        "Short code 93N",
        ["User Desk3002 (3002) short code '93N' (ExtnLogin) does not start with * or #"],
        id="users-login-short-code-without-star-or-hash",
    ),
    pytest.param(
        custom_login_short_code,
        SECURITY,
        "System short code #3000",
        [
            "holds Agent3000 (3000)'s login code in its Telephone Number '3000*••••' (ExtnLogin)",
            "logged on as Agent3000 (3000)",
        ],
        id="custom-login-short-code-embeds-a-code",
    ),
    pytest.param(
        users_custom_login_short_code,
        SECURITY,
        "User Desk3002 (3002) short code #55",
        [
            "holds Agent3001 (3001)'s login code",
            "anyone who dials it is logged on as Agent3001 (3001)",
        ],
        id="users-login-short-code-embeds-a-code",
    ),
    pytest.param(
        dial_short_code_with_a_login,
        SECURITY,
        "System short code *77",
        ["holds Agent3000 (3000)'s login code in its Telephone Number '*35*3000*••••#' (Dial)"],
        id="dial-short-code-embeds-a-login",
    ),
    pytest.param(
        dial_button_with_a_login,
        SECURITY,
        "User Desk3002 (3002)'s button 3",
        ["holds Agent3001 (3001)'s login code in its action 'Dial *35*3001*••••#'"],
        id="dial-button-embeds-a-login",
    ),
    pytest.param(
        code_only_login_short_code,
        SECURITY,
        "System short code *78",
        ["holds Agent3001 (3001)'s login code in its Telephone Number '••••' (ExtnLogin)"],
        id="code-only-login-short-code",
    ),
]


@pytest.mark.parametrize(("edit", "kind", "subject", "says"), FINDINGS)
def test_each_problem_is_one_finding_naming_it_and_what_to_change(cfg, edit, kind, subject, says):
    edit(cfg)
    (finding,) = ipo.audit(cfg)
    assert finding.kind is kind
    assert finding.subject == subject
    for words in says:
        assert words in str(finding)
    assert str(finding) == f"{finding.problem} {finding.fix}"
    assert finding.fix  # says what to change


def test_a_short_code_finding_names_the_user_and_the_4_digits(cfg):
    cfg.user("3001").login_code = "12"
    (finding,) = ipo.audit(cfg)
    assert "3001" in str(finding)
    assert "Agent3001" in str(finding)
    assert "4" in finding.fix


def test_findings_are_frozen(cfg):
    group_mode(cfg)
    (finding,) = ipo.audit(cfg)
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.fix = "ignore it"


def test_the_audit_reports_every_finding_at_once_groups_first(cfg):
    for edit in (
        dial_button_with_a_login,
        custom_login_short_code,
        login_short_code_without_star_or_hash,
        plain_user_as_member,
        group_mode,
    ):
        edit(cfg)
    assert [(f.kind, f.subject) for f in ipo.audit(cfg)] == [
        (READINESS, "Hunt group Sales (200)"),
        (READINESS, "User Desk3002 (3002)"),
        (READINESS, "Short code 93N"),
        (SECURITY, "System short code #3000"),
        (SECURITY, "User Desk3002 (3002)'s button 3"),
    ]


def test_a_member_of_two_groups_gets_one_finding_naming_both(cfg):
    cfg.add_hunt_group(ipo.HuntGroup("Support", "201", ipo.HuntMode.LINEAR, ("3002",)))
    cfg.hunt_group("Sales").members = ("3000", "3001", "3002")
    (finding,) = ipo.audit(cfg)
    assert "hunt group Sales, Support" in finding.problem


def test_a_user_outside_every_hunt_group_is_not_an_agent_to_audit(cfg):
    cfg.user("3002").login_code = "1"  # no Force Login, short code: but in no group
    assert ipo.audit(cfg) == ()


def test_a_login_code_in_an_unrelated_number_is_no_finding(cfg):
    cfg.add_short_code(ipo.ShortCode("*79", "1234"))  # Dial 1234: not a login
    cfg.add_short_code(ipo.ShortCode("*80", "3000*9999", ipo.Feature.EXTN_LOGIN))  # a wrong code
    assert [f.kind for f in ipo.audit(cfg)] == []


def test_a_dial_short_code_with_a_code_only_login_is_a_security_finding(cfg):
    cfg.add_short_code(ipo.ShortCode("*81", "*35*5678#"))
    system = ipo.System(cfg)
    system.phone("3001").dial("*81")
    assert system.location_of("3001") == "3001"  # the short code does log Agent3001 on
    assert [(f.kind, f.subject) for f in ipo.audit(cfg)] == [(SECURITY, "System short code *81")]
