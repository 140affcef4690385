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
    owners_of = _LoginCodeIndex(config).owners_of

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


class _LoginCodeIndex:
    """Which users' login codes a number holds, found by looking the number's pieces up.

    A number holds ``Extn*Code`` of a user when that text is in it; a code alone logs on
    the user of the phone that dials it: an ExtnLogin whose Telephone Number is the code,
    or a number holding ``*35*Code#``.  Rather than try every user on every number (a site
    of 50,000 agents each with a login short code would try 2.5 billion), the users are
    indexed by that text once, and each number looks up only the pieces that could be one:
    around each ``*``, the lengths of extensions and codes the site has.
    """

    def __init__(self, config: Config) -> None:
        self._labels: list[str] = []  # users with a code, in Manager's user list order
        self._pairs: dict[str, list[int]] = {}  # "3000*1234" -> those it logs on
        self._codes: dict[str, list[int]] = {}  # "1234" -> those with that code
        extension_lengths, code_lengths = set(), set()
        for u in config.users:
            if not u.login_code:
                continue
            at = len(self._labels)
            self._labels.append(u.label)
            self._pairs.setdefault(f"{u.extension}*{u.login_code}", []).append(at)
            self._codes.setdefault(u.login_code, []).append(at)
            extension_lengths.add(len(u.extension))
            code_lengths.add(len(u.login_code))
        self._extension_lengths = sorted(extension_lengths)
        self._code_lengths = sorted(code_lengths)

    def owners_of(self, number: str, feature: Feature | None) -> list[str]:
        """The users whose login the number gives away, in Manager's user order."""
        if not self._labels or ("*" not in number and feature is not Feature.EXTN_LOGIN):
            return []
        found: set[int] = set()
        stars = [i for i, c in enumerate(number) if c == "*"]
        for star in stars:
            for e in self._extension_lengths:
                if e > star:
                    break
                for c in self._code_lengths:
                    if star + 1 + c > len(number):
                        break
                    found.update(self._pairs.get(number[star - e : star + 1 + c], ()))
        if not found:
            if feature is Feature.EXTN_LOGIN:
                found.update(self._codes.get(number, ()))
            for star in stars:
                if number.startswith("*35*", star):
                    for c in self._code_lengths:
                        if number.startswith("#", star + 4 + c):
                            found.update(self._codes.get(number[star + 4 : star + 4 + c], ()))
        return [self._labels[at] for at in sorted(found)]


def _short_code_tables(config: Config) -> list[tuple[str, list[ShortCode]]]:
    """The system's short codes and each user's, with who owns them as Manager names them."""
    return [
        ("System", config.short_codes),
        *((f"User {u.label}", u.short_codes) for u in config.users),
    ]
