"""The call-centre readiness audit: what the tech tip asks of a site (rule R3), and Avaya's advice.

Manager accepts a site that CCC cannot report on correctly: these are findings,
not refusals.  Each names the user, group or short code and says what to change.
Beside the tech tip's rules, the audit follows CCC's own installation advice (agents'
extensions of at most 4 digits, names CCC's reports cannot tell apart, a station's
default user set to Force Login) and Manager's help on names and login codes; what is
advice rather than a reason for wrong reports is a finding of kind ``ADVICE``.

>>> from ipo_core.site.config import Config
>>> from ipo_core.site.users import User
>>> from ipo_core.site.hunt_groups import HuntGroup, HuntMode
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

from ipo_core.bulk import collector_paused
from ipo_core.site.buttons import ButtonAction
from ipo_core.site.config import Config
from ipo_core.site.hunt_groups import SET_A_MONITORED_MODE, reported_wrongly
from ipo_core.site.shortcodes import Feature, ShortCode
from ipo_core.site.users import GIVE_A_LOGIN_CODE, MIN_AGENT_LOGIN_CODE, TICK_FORCE_LOGIN, User
from ipo_core.site.validation import MAX_BUTTON_LOGIN_CODE_LENGTH, name_advice, supported_name

__all__ = ["Finding", "FindingKind", "audit"]


class FindingKind(enum.Enum):
    """What kind of trouble a finding is."""

    READINESS = "readiness"
    """CCC, CCV or CBC will report wrongly until it is fixed."""
    SECURITY = "security"
    """It works, but gives a login away."""
    ADVICE = "advice"
    """Avaya's advice (CCC's installation manual, Manager's help) that the site does not follow.

    Not one of the tech tip's rules, so the site is ready for CCC without it; but what the
    advice guards against (a shared desk taking calls in its owner's name, a name Manager
    does not support) may still happen."""


#: CCC, CBC and the Delta Server want agents' extensions of at most 4 digits [B: IP Office 9.1
#: Manager help, User > Extension: "Users for Delta Server, CBC and CCC should only use up to 4
#: digit extension numbers", a release later than 1.3; CCC's 2003 manual [A] shows unnamed
#: agents as "Agent - ACD Agent (XXXX*)", consistent with it but not a statement of it].
MAX_AGENT_EXTENSION_DIGITS = 4


@dataclass(frozen=True)
class Finding:
    """One thing the tech tip (or Avaya's advice) asks for that the site does not do."""

    kind: FindingKind
    """Readiness (reports go wrong), security (a login is given away) or advice."""
    subject: str
    """The user, hunt group or short code, as Manager names it (``Name X`` for a shared name)."""
    problem: str
    """What is wrong, in one sentence."""
    fix: str
    """What to change in Manager, in one sentence."""

    def __str__(self) -> str:
        return f"{self.problem} {self.fix}"


def audit(config: Config) -> tuple[Finding, ...]:
    """Every finding for ``config``: readiness (groups first), security, then advice (rule R3).

    CCC can monitor any hunt group, so the audit treats every group as monitored
    and every member of one as an agent.  Linear in the size of the site: each user,
    group, station and short code is looked at once, and looked up by extension.
    """
    with collector_paused():  # a finding or two per record of a large site (bulk.py)
        return _audit(config)


def _audit(config: Config) -> tuple[Finding, ...]:
    findings: list[Finding] = []
    for group in config.hunt_groups:
        if not group.mode.can_be_monitored:
            findings.append(
                Finding(
                    FindingKind.READINESS,
                    f"Hunt group {group.name} ({group.extension})",
                    reported_wrongly(f"{group.name} ({group.extension})", group.mode.value),
                    SET_A_MONITORED_MODE,
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
        findings += _agent_findings(user, ", ".join(groups))
    advice: list[Finding] = []
    findings += _same_names(config, agents, advice)
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
    findings += _default_users(config, agents)
    findings += _unsupported_names(config)
    findings += advice
    findings += _codes_too_long_for_buttons(config)
    return tuple(findings)


def _agent_findings(user: User, where: str) -> list[Finding]:
    """What the tech tip and CCC's advice ask of ``user``, a member of the groups ``where``."""
    found: list[Finding] = []
    if not user.is_logon_agent and not user.force_login:
        found.append(
            Finding(
                FindingKind.READINESS,
                f"User {user.label}",
                f"User {user.label} in hunt group {where} is not a logon agent:",
                f"{user.logon_agent_advice()}.",
            )
        )
    elif not user.is_logon_agent:  # Force Login with too short a code
        found.append(
            Finding(
                FindingKind.READINESS,
                f"User {user.label}",
                f"User {user.label} in hunt group {where} has a {len(user.login_code)}-digit "
                "login code:",
                f"{user.logon_agent_advice()}.",
            )
        )
    if len(user.extension) > MAX_AGENT_EXTENSION_DIGITS:
        found.append(
            Finding(
                FindingKind.READINESS,
                f"User {user.label}",
                f"User {user.label} in hunt group {where} has a {len(user.extension)}-digit "
                "extension:",
                f"CCC, CBC and the Delta Server want agents' extensions of at most "
                f"{MAX_AGENT_EXTENSION_DIGITS} digits, so give the user one of 2 to "
                f"{MAX_AGENT_EXTENSION_DIGITS} (User > User > Extension) and put it in the "
                "group's Members.",
            )
        )
    return found


def _same_names(
    config: Config, agents: dict[str, list[str]], advice: list[Finding]
) -> list[Finding]:
    """A finding for each name that users or hunt groups share, whatever its case.

    Manager's own check compares names with case [B: "This field is case sensitive and must
    be unique"]; ``Config`` refuses a name used twice at add and at Merge.  But CCC's
    reports take agents (or groups) of the same name as one [A: CCC Installation Manual,
    2003, p.46: "the Standard Reports will group data for those directory numbers as a
    single entity"; that they ignore case is [C]], and Voicemail Pro ignores case [B: 9.1
    Manager help].  So two agents or two groups whose names differ only in case are a
    readiness finding; a user and a group, or users who are not agents, advice (appended to
    ``advice``).
    """
    # Each record by its folded name; only names met twice get a list (a site of 50,000
    # users has few or none, so no list and no text is made per user).
    first: dict[str, tuple[str, str, str]] = {}  # folded -> (what, name, extension)
    clashes: dict[str, list[tuple[str, str, str]]] = {}
    records = [
        *(
            ("agent" if u.extension in agents else "user", u.name, u.extension)
            for u in config.users
        ),
        *(("group", g.name, g.extension) for g in config.hunt_groups),
    ]
    for record in records:
        if not isinstance(record[1], str):
            continue
        folded = record[1].casefold()
        met = first.setdefault(folded, record)
        if met is not record:
            clashes.setdefault(folded, [met]).append(record)
    spellings = {
        folded: [
            (name, f"{name!r} ({'hunt group' if what == 'group' else 'user'} {extension})", what)
            for what, name, extension in same
        ]
        for folded, same in clashes.items()
    }
    readiness: list[Finding] = []
    for same in spellings.values():
        shown = [who for _, who, _ in same[:10]] + (["more"] if len(same) > 10 else [])
        names = ", ".join(shown[:-1]) + " and " + shown[-1]
        n_agents = sum(what == "agent" for _, _, what in same)
        n_groups = sum(what == "group" for _, _, what in same)
        fix = (
            "Rename all but one (User > User > Name, Hunt Group > Name), so that each name is "
            "unique whatever its case."
        )
        if n_agents >= 2 or n_groups >= 2:
            kinds = "agents" if n_agents >= 2 else "hunt groups"
            readiness.append(
                Finding(
                    FindingKind.READINESS,
                    f"Name {same[0][0]}",
                    f"The names {names} are one name to CCC, whose reports count {kinds} of "
                    "the same name as one, and to Voicemail Pro, which ignores case.",
                    fix,
                )
            )
        else:
            advice.append(
                Finding(
                    FindingKind.ADVICE,
                    f"Name {same[0][0]}",
                    f"The names {names} are one name to Voicemail Pro, which ignores case, "
                    "and one mailbox.",
                    fix,
                )
            )
    return readiness


def _default_users(config: Config, agents: dict[str, list[str]]) -> list[Finding]:
    """Advice for each station whose default user is not Force Login (and is not an agent).

    CCC's installation manual [A, 2003, reference section 5]: "For reporting on call status
    and call handling all users should use login codes", the default user of an extension
    especially, set to Force Login.  The tech tip: a Force Login station an agent has logged
    off shows No User; any other goes back to its default user (reference section 3), and
    whoever sits there then takes calls in that user's name.  An agent who is not Force Login
    already has a readiness finding, so only the others are advised here.
    """
    found: list[Finding] = []
    for station in config.extensions:
        user = config.find_user(station.base_extension)
        if user is None or user.force_login is not False or user.extension in agents:
            continue
        code = f" and {GIVE_A_LOGIN_CODE}" if len(user.login_code) < MIN_AGENT_LOGIN_CODE else ""
        found.append(
            Finding(
                FindingKind.ADVICE,
                f"User {user.label}",
                f"Station {station.base_extension}'s default user {user.label} is not Force "
                f"Login: when an agent logs off there, the phone goes back to {user.name} "
                f"instead of showing NoUser, and whoever sits there takes calls in "
                f"{user.name}'s name.",
                f"CCC's installation advice: {TICK_FORCE_LOGIN} for {user.name}{code}.",
            )
        )
    return found


def _unsupported_names(config: Config) -> list[Finding]:
    """Advice for each user or hunt group name with what Manager's help does not support."""
    found: list[tuple[str, str, str, str]] = []  # (kind, subject, name, problem)
    for u in config.users:
        if (problem := name_advice("User", u.name)) is not None:
            found.append(("User", f"User {u.label}", u.name, problem))
    for g in config.hunt_groups:
        if (problem := name_advice("Hunt group", g.name)) is not None:
            found.append(("Hunt group", f"Hunt group {g.name} ({g.extension})", g.name, problem))
    if not found:
        return []
    taken = {
        n.casefold()
        for n in [*(u.name for u in config.users), *(g.name for g in config.hunt_groups)]
        if isinstance(n, str)
    }
    advice = []
    for kind, subject, name, problem in found:
        better = supported_name(name)
        such_as = f", such as {better!r}" if better and better.casefold() not in taken else ""
        field = "User > User > Name" if kind == "User" else "Hunt Group > Name"
        advice.append(
            Finding(FindingKind.ADVICE, subject, problem, f"Rename it ({field}){such_as}.")
        )
    return advice


def _codes_too_long_for_buttons(config: Config) -> list[Finding]:
    """Advice for each login code longer than an Extn Login button takes, on a site with one.

    Manager 10.0 [B]: "Login codes of up to 15 digits are supported with Extn Login buttons.
    Login codes of up to 31 digits are supported with Extn Login short codes."  The kit's
    phones take up to 31 at the Logon prompt whatever opened it (validation.py); the advice
    says what a later IP Office would do.  The message gives the code's length, never it.
    """
    if not any(
        b.action is ButtonAction.EXTN_LOGIN for u in config.users for b in u.buttons.values()
    ):
        return []
    return [
        Finding(
            FindingKind.ADVICE,
            f"User {u.label}",
            f"User {u.label} has a {len(u.login_code)}-digit login code, and this site has "
            f"Extn Login buttons: Manager's help (10.0 and later) says they take login codes of "
            f"at most {MAX_BUTTON_LOGIN_CODE_LENGTH} digits, short codes up to 31.",
            f"Have the user log on with a short code (*35*Extn*Code#), or give a Login Code of "
            f"{MIN_AGENT_LOGIN_CODE} to {MAX_BUTTON_LOGIN_CODE_LENGTH} digits (User > "
            "Telephony > Login Code).",
        )
        for u in config.users
        if len(u.login_code) > MAX_BUTTON_LOGIN_CODE_LENGTH
    ]


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
                out.append((f"{owner} short code {sc.code}", where, who))
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
