"""The call-centre readiness audit: what the tech tip asks of a site (rule R3).

Manager accepts a site that CCC cannot report on correctly: these are findings,
not refusals.  Each names the user, group or short code and says what to change.

>>> from ipo_core.config import Config
>>> from ipo_core.users import User
>>> from ipo_core.hunt_groups import HuntGroup, HuntMode
>>> cfg = Config()
>>> cfg.add_user(User("Desk3002", extension="3002"))
>>> cfg.add_hunt_group(HuntGroup("Sales", "200", HuntMode.GROUP, ("3002",)))
>>> for finding in audit(cfg):
...     print(finding)
Hunt group Sales (200) is in Group mode: CCC, CCV and CBC report it wrongly. Set Hunt Group > Hunt Type to Linear, Circular or Most Idle.
User Desk3002 (3002) in hunt group Sales is not a logon agent: tick User > Telephony > Force Login and give a Login Code of at least 4 digits.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ipo_core.config import Config
from ipo_core.shortcodes import Feature, ShortCode
from ipo_core.users import MIN_AGENT_LOGIN_CODE

__all__ = ["Finding", "FindingKind", "audit"]


class FindingKind(enum.Enum):
    """What kind of trouble a finding is."""

    READINESS = "readiness"
    """CCC, CCV or CBC will report wrongly until it is fixed."""
    SECURITY = "security"
    """It works, but gives a login away."""


@dataclass(frozen=True)
class Finding:
    """One thing the tech tip asks for that the site does not do."""

    kind: FindingKind
    """Readiness (reports go wrong) or security (a login is given away)."""
    subject: str
    """The user, hunt group or short code, as Manager names it."""
    problem: str
    """What is wrong, in one sentence."""
    fix: str
    """What to change in Manager, in one sentence."""

    def __str__(self) -> str:
        return f"{self.problem} {self.fix}"


def audit(config: Config) -> tuple[Finding, ...]:
    """Every readiness and security finding for ``config``, groups first (rule R3).

    CCC can monitor any hunt group, so the audit treats every group as monitored
    and every member of one as an agent.
    """
    findings: list[Finding] = []
    for group in config.hunt_groups:
        if not group.mode.can_be_monitored:
            findings.append(
                Finding(
                    FindingKind.READINESS,
                    f"Hunt group {group.name} ({group.extension})",
                    f"Hunt group {group.name} ({group.extension}) is in {group.mode.value} mode: "
                    "CCC, CCV and CBC report it wrongly.",
                    "Set Hunt Group > Hunt Type to Linear, Circular or Most Idle.",
                )
            )
    agents: dict[str, list[str]] = {}
    for group in config.hunt_groups:
        for member in group.members:
            agents.setdefault(member, []).append(group.name)
    for extension, groups in agents.items():
        user = config.find_user(extension)
        if user is None:
            continue  # not a user at all: validate() refuses that
        if user.is_logon_agent:
            continue
        where = ", ".join(groups)
        if not user.force_login:
            findings.append(
                Finding(
                    FindingKind.READINESS,
                    f"User {user.label}",
                    f"User {user.label} in hunt group {where} is not a logon agent:",
                    "tick User > Telephony > Force Login and give a Login Code of at least "
                    f"{MIN_AGENT_LOGIN_CODE} digits."
                    if len(user.login_code) < MIN_AGENT_LOGIN_CODE
                    else "tick User > Telephony > Force Login.",
                )
            )
        else:  # Force Login with too short a code
            findings.append(
                Finding(
                    FindingKind.READINESS,
                    f"User {user.label}",
                    f"User {user.label} in hunt group {where} has a {len(user.login_code)}-digit "
                    "login code:",
                    f"agents need at least {MIN_AGENT_LOGIN_CODE} digits (User > Telephony > "
                    "Login Code).",
                )
            )
    for owner, table in _short_code_tables(config):
        for sc in table:
            if sc.feature is not Feature.EXTN_LOGIN:
                continue
            if sc.code[0] not in "*#":
                findings.append(
                    Finding(
                        FindingKind.READINESS,
                        f"Short code {sc.code}",
                        f"{owner} short code {sc.code!r} (ExtnLogin) does not start with * or #:",
                        "the tech tip's custom login codes start with * or #, such as "
                        f"'#{_extension_of(sc.number)}'.",
                    )
                )
    for owner, text, who in _embedded_login_codes(config):
        findings.append(
            Finding(
                FindingKind.SECURITY,
                owner,
                f"{owner} holds {who}'s login code in {text}: anyone who dials it is logged "
                f"on as {who}.",
                "Keep such codes only where that trade-off is accepted, and change the login "
                "code if it leaks.",
            )
        )
    return tuple(findings)


def _extension_of(number: str) -> str:
    """The extension of an ExtnLogin number ``Extn*Code``; '3000' for a code alone (never a code)."""
    extension, star, _ = number.partition("*")
    return extension if star and extension else "3000"


def _embedded_login_codes(config: Config) -> list[tuple[str, str, str]]:
    """(owner, text, user) for each short code or button that carries a user's login code.

    ``text`` says where the code is, masked and in Manager's words (``"its Telephone Number
    '3000*••••'"``), never the stored record form: the finding names the short code or
    button and its user, not the digits.
    """
    out: list[tuple[str, str, str]] = []
    with_codes = [u for u in config.users if u.login_code]

    def owners_of(number: str, feature: Feature | None) -> list[str]:
        found = [u.label for u in with_codes if f"{u.extension}*{u.login_code}" in number]
        if not found:
            # A code alone logs on the user of the phone that dials it: ExtnLogin with
            # Telephone Number "5678", or a Dial of "*35*5678#".
            found = [
                u.label
                for u in with_codes
                if (feature is Feature.EXTN_LOGIN and number == u.login_code)
                or f"*35*{u.login_code}#" in number
            ]
        return found

    for owner, table in _short_code_tables(config):
        for sc in table:
            for who in owners_of(sc.number, sc.feature):
                where = f"its Telephone Number {sc.masked_number!r} ({sc.feature.value})"
                out.append((f"{owner} short code {sc.code!r}", where, who))
    for u in config.users:
        for position, button in sorted(u.buttons.items()):
            for who in owners_of(button.number, None):
                where = f"its action {button.masked_text()!r}"
                out.append((f"User {u.label}'s button {position}", where, who))
    return out


def _short_code_tables(config: Config) -> list[tuple[str, list[ShortCode]]]:
    """The system's short codes and each user's, with who owns them as Manager names them."""
    return [
        ("System", config.short_codes),
        *((f"User {u.label}", u.short_codes) for u in config.users),
    ]
