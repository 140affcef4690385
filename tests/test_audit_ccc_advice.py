"""The audit follows CCC's own installation advice as well as the tech tip.

Agents' extensions of at most 4 digits (9.1 Manager help [B]); a station's default user set
to Force Login (CCC Installation Manual, 2003 [A]); names CCC's reports cannot tell apart
(the same manual, p.46 [A]).  What is not a reason for wrong reports is a finding of kind
ADVICE, listed after the readiness and security findings.
"""

from __future__ import annotations

import pytest

import ipo_core as ipo

READINESS = ipo.FindingKind.READINESS
SECURITY = ipo.FindingKind.SECURITY
ADVICE = ipo.FindingKind.ADVICE


@pytest.fixture
def cfg(by_hand) -> ipo.Config:
    """The tech tip's site: logon agents 3000 and 3001 in Linear Sales, Desk3002 on a shared desk."""
    return by_hand()


def kinds_and_subjects(config: ipo.Config) -> list[tuple[ipo.FindingKind, str]]:
    return [(f.kind, f.subject) for f in ipo.audit(config)]


def test_findings_come_in_three_kinds_readiness_security_and_advice():
    assert [k.value for k in ipo.FindingKind] == ["readiness", "security", "advice"]


# --- agents' extensions: at most 4 digits ---------------------------------------------------


def agent_at(extension: str) -> ipo.Config:
    """A site whose agent Agent, a logon agent in Linear Sales, has ``extension``.

    Beside them: agent Short at 3000 in Sales, and Lobby at 30099 in no group.
    """
    config = ipo.Config()
    config.add_user(ipo.User("Agent", extension, force_login=True, login_code="1234"))
    config.add_user(ipo.User("Short", "3000", force_login=True, login_code="5678"))
    config.add_user(ipo.User("Lobby", "30099", force_login=True, login_code="9999"))
    members = (extension, "3000")
    config.add_hunt_group(ipo.HuntGroup("Sales", "200", ipo.HuntMode.LINEAR, members))
    return config


@pytest.mark.parametrize(("extension", "digits"), [("30000", 5), ("123456789", 9)])
def test_an_agent_whose_extension_has_more_than_4_digits_is_a_readiness_finding(extension, digits):
    (finding,) = ipo.audit(agent_at(extension))  # not Short (4 digits), not Lobby (no agent)
    assert (finding.kind, finding.subject) == (READINESS, f"User Agent ({extension})")
    assert finding.problem == (
        f"User Agent ({extension}) in hunt group Sales has a {digits}-digit extension:"
    )
    assert "at most 4 digits" in finding.fix
    assert "User > User > Extension" in finding.fix


def test_a_long_extension_is_a_finding_of_its_own_beside_the_tech_tip_s():
    config = agent_at("30000")
    config.user("30000").login_code = "12"
    assert [f.problem for f in ipo.audit(config)] == [
        "User Agent (30000) in hunt group Sales has a 2-digit login code:",
        "User Agent (30000) in hunt group Sales has a 5-digit extension:",
    ]


# --- a station's default user: Force Login --------------------------------------------------


def test_a_station_whose_default_user_is_not_force_login_is_advice_a_supervisor_can_act_on(cfg):
    cfg.add_extension("3009", model="4612")  # a hot desk: no user has 3009, so no default user
    (finding,) = ipo.audit(cfg)  # not 3000 or 3001 either: their default users are Force Login
    assert (finding.kind, finding.subject) == (ADVICE, "User Desk3002 (3002)")
    assert finding.problem == (
        "Station 3002's default user Desk3002 (3002) is not Force Login: when an agent logs off "
        "there, the phone goes back to Desk3002 instead of showing NoUser, and whoever sits "
        "there takes calls in Desk3002's name."
    )
    assert finding.fix == (
        "CCC's installation advice: tick User > Telephony > Force Login for Desk3002 and give "
        "a Login Code of at least 4 digits."
    )
    # ... which is what the switch does on that desk:
    system = ipo.System(cfg)
    desk = system.phone("3002")
    desk.dial("*35*3000*1234#")
    desk.hang_up()
    desk.dial("*36")
    desk.hang_up()
    assert system.location_of("3002") == "3002"  # back to Desk3002, not NoUser
    assert desk.display[0].split() == ["Desk3002", "3002"]


def test_a_default_user_with_a_code_is_only_asked_to_tick_force_login(cfg):
    cfg.user("3002").login_code = "2580"
    (finding,) = ipo.audit(cfg)
    assert (
        finding.fix
        == "CCC's installation advice: tick User > Telephony > Force Login for Desk3002."
    )


def test_a_default_user_who_is_an_agent_gets_the_tech_tip_s_finding_not_the_advice_too(cfg):
    cfg.hunt_group("Sales").members = ("3000", "3001", "3002")
    cfg.add_extension("3009", model="4612")
    cfg.add_user(ipo.User("Lobby", "3009"))
    assert kinds_and_subjects(cfg) == [
        (READINESS, "User Desk3002 (3002)"),  # "is not a logon agent: tick ... Force Login"
        (ADVICE, "User Lobby (3009)"),
    ]


def test_advice_comes_after_readiness_and_security(cfg):
    cfg.hunt_group("Sales").mode = ipo.HuntMode.GROUP
    cfg.add_short_code(ipo.ShortCode("#3000", "3000*1234", ipo.Feature.EXTN_LOGIN))
    assert [k for k, _ in kinds_and_subjects(cfg)] == [READINESS, SECURITY, ADVICE]


# --- names CCC's reports cannot tell apart ----------------------------------------------------


def test_two_agents_whose_names_differ_only_in_case_are_a_readiness_finding(cfg):
    cfg.remove_extension("3002")
    cfg.user("3001").name = "AGENT3000"  # renamed behind add_user's check (validate lists it)
    cfg.user("3002").name = "Agent 3000"  # more than case: another name
    (finding,) = ipo.audit(cfg)
    assert (finding.kind, finding.subject) == (READINESS, "Name Agent3000")
    assert finding.problem == (
        "The names 'Agent3000' (user 3000) and 'AGENT3000' (user 3001) are one name to CCC, "
        "whose reports count agents of the same name as one, and to Voicemail Pro, which "
        "ignores case."
    )
    assert "unique whatever its case" in finding.fix


def test_two_hunt_groups_whose_names_differ_only_in_case_are_a_readiness_finding(cfg):
    cfg.remove_extension("3002")
    cfg.add_hunt_group(ipo.HuntGroup("Support", "201", ipo.HuntMode.LINEAR, ("3001",)))
    cfg.hunt_group("Support").name = "SALES"
    (finding,) = ipo.audit(cfg)
    assert (finding.kind, finding.subject) == (READINESS, "Name Sales")
    assert "count hunt groups of the same name as one" in finding.problem


def test_a_user_and_a_group_or_two_plain_users_of_one_name_are_advice(cfg):
    cfg.remove_extension("3002")
    cfg.user("3002").name = "sales"
    (finding,) = ipo.audit(cfg)
    assert (finding.kind, finding.subject) == (ADVICE, "Name sales")
    assert finding.problem == (
        "The names 'sales' (user 3002) and 'Sales' (hunt group 200) are one name to Voicemail "
        "Pro, which ignores case, and one mailbox."
    )


# --- the shipped sites -----------------------------------------------------------------------


def test_the_shipped_tech_tip_site_is_advised_about_its_shared_desk_only():
    site = ipo.load_site("tech_tip_014")
    assert kinds_and_subjects(site) == [
        (SECURITY, "System short code #3000"),
        (ADVICE, "User Desk3002 (3002)"),
    ]


def test_the_shipped_workshop_floor_has_no_advice_its_default_users_are_agents():
    site = ipo.load_site("workshop_floor")
    assert not [f for f in ipo.audit(site) if f.kind is ADVICE]
    assert len([f for f in ipo.audit(site) if f.kind is READINESS]) == 5
