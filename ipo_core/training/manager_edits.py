"""Manager's side of an exercise: the edits each one asks for, checked, and edits as text.

Each check returns '' when the configuration does what the step asks, or else what is
missing, in a sentence the trainee can act on (``EDITS``).  ``config`` actions are
Manager edits as text (``config user 3000 force login on``): :func:`apply_edit` carries one
out on Manager's draft, and :func:`config_edits` writes the edits between two
configurations, each login code masked when they are to be shown or kept.

>>> from ipo_core.site.examples import load_site
>>> site = load_site("tech_tip_014")
>>> draft = site.copy()
>>> draft.user("3001").force_login = False
>>> config_edits(site, draft)
('user 3001 force login off',)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from ipo_core.errors import UnknownName
from ipo_core.masking import mask_code, mask_number, mask_text
from ipo_core.site.buttons import Button, ButtonAction
from ipo_core.site.config import Config
from ipo_core.site.handsets import DIAL_KEYS, handset_model
from ipo_core.site.hunt_groups import (
    SET_A_MONITORED_MODE,
    HuntGroup,
    HuntMode,
    reported_wrongly,
)
from ipo_core.site.shortcodes import (
    Feature,
    MatchKind,
    ShortCode,
    login_dials,
    mask_short_code_text,
    resolve,
)
from ipo_core.site.users import MIN_AGENT_LOGIN_CODE
from ipo_core.switch.system import System
from ipo_core.training.actions import Method

__all__ = ["config_edits"]


class Task(Protocol):
    """What the Manager checks read of an exercise: a
    :class:`~ipo_core.training.exercises.Procedure`."""

    @property
    def method(self) -> Method:
        """The method practised."""

    @property
    def station(self) -> str:
        """The station the trainee uses."""

    @property
    def model(self) -> str:
        """The handset model on that station."""

    @property
    def extension(self) -> str:
        """The agent's extension."""

    @property
    def user(self) -> str:
        """The agent's user name."""

    @property
    def code(self) -> str:
        """The agent's login code."""

    @property
    def group(self) -> str:
        """The hunt group of the hunt-mode task."""


# --- the Manager edits each exercise asks for --------------------------------------------
# Each check returns '' when the configuration does what the step asks, or else what is
# missing, in a sentence the trainee can act on.  ``start`` is the configuration the
# exercise began from, so only the trainee's own changes are blamed.

_EditCheck = Callable[[Task, Config, Config], str]


def login_short_codes(p: Task, config: Config) -> tuple[str, ...]:
    """The custom short codes in ``config`` that log ``p.extension`` on when dialled (tip)."""
    numbers = [u.extension for u in config.users] + [g.extension for g in config.hunt_groups]
    found = []
    for sc in config.short_codes:
        if (
            sc.feature is Feature.EXTN_LOGIN
            and sc.code[0] in "*#"
            and set(sc.code) <= set(DIAL_KEYS)
            and sc.number == f"{p.extension}*{p.code}"
        ):
            # Only the system's short codes count: a code of the occupant's would not follow
            # the agent to another desk.
            got = resolve(sc.code, extensions=numbers, system_codes=config.short_codes)
            if got.kind is MatchKind.EXACT and got.short_code == sc:
                found.append(sc.code)
    return tuple(found)


def _short_code_problem(p: Task, config: Config, start: Config) -> str:
    if login_short_codes(p, config):
        return ""
    e, c = p.extension, p.code
    for sc in reversed([sc for sc in config.short_codes if sc not in start.short_codes]):
        if sc.feature is not Feature.EXTN_LOGIN:
            if e in sc.code or f"{e}*" in sc.number:
                return f"Short code {sc.code} has Feature {sc.feature.value}: choose ExtnLogin."
            continue
        if sc.code[0] not in "*#":
            return (
                f"Short code {sc.code!r} does not start with * or #: a custom login short code "
                f"does, such as #{e}."
            )
        if not set(sc.code) <= set(DIAL_KEYS):
            return (
                f"Short code {sc.code!r} holds match characters: give the agent a short code of "
                f"their own, such as #{e}."
            )
        if sc.number == c:
            return f"The Telephone Number is Extn*Code: {e}*{c}, not the code alone."
        if sc.number.startswith(f"{e}*"):
            # Not quoted: the attempt keeps this hint, and a near miss gives a code away.
            return (
                f"The code after {e}* in the Telephone Number is not {p.user}'s login code: "
                f"enter {e}*{c}, the number of step 1."
            )
        if sc.number != f"{e}*{c}":
            shown = mask_number(sc.number, login=True)
            return f"The Telephone Number is Extn*Code: {e}*{c}, not {shown!r}."
        return (
            f"Dialling {sc.code} reaches an extension or another short code first: choose "
            f"another, such as #{e}."
        )
    return (
        f"There is no login short code for {p.user} yet: Short Code #{e}, Telephone Number "
        f"{e}*{c}, Feature ExtnLogin."
    )


def is_logout(button: Button | None) -> bool:
    return button is not None and (
        button.action is ButtonAction.EXTN_LOGOUT
        or (button.action is ButtonAction.DIAL and button.number == "*36")
    )


def logout_buttons(p: Task, config: Config) -> tuple[int, ...]:
    """Positions of ``p.user``'s logoff buttons in ``config`` that the station's phone has."""
    user = config.find_user(p.extension)
    count = handset_model(p.model).button_count
    if user is None:
        return ()
    return tuple(i for i, b in sorted(user.buttons.items()) if i <= count and is_logout(b))


def _button_problem(p: Task, config: Config, start: Config) -> str:
    if logout_buttons(p, config):
        return ""
    user, before = config.find_user(p.extension), start.find_user(p.extension)
    owned = user.buttons if user else {}
    had = before.buttons if before else {}
    count = handset_model(p.model).button_count
    for position in sorted(set(owned) | set(had), reverse=True):
        button = owned.get(position)
        if button is None or button == had.get(position):
            continue
        if is_logout(button):
            return (
                f"The {p.model} has buttons 1 to {count}: button {position} is not on it. "
                f"Program one from 1 to {count}."
            )
        if button.action is ButtonAction.EXTN_LOGIN:
            return (
                f"Button {position} is ExtnLogin: for logoff choose Advanced > Extn > ExtnLogout."
            )
        return (
            f"Button {position} dials {button.number}: a logoff button dials *36 (or choose "
            "Advanced > Extn > ExtnLogout)."
        )
    return (
        f"There is no logoff button yet: on {p.user}'s Button Programming tab choose a free "
        "button, then Advanced > Extn > ExtnLogout (or Dial *36)."
    )


def _force_login_problem(p: Task, config: Config, start: Config) -> str:
    user = config.find_user(p.extension)
    if user is not None and user.force_login:
        return ""
    return f"Force Login is not ticked for {p.user}: tick it on User > Telephony."


def _login_code_problem(p: Task, config: Config, start: Config) -> str:
    user = config.find_user(p.extension)
    code = user.login_code if user else ""
    if len(code) >= MIN_AGENT_LOGIN_CODE:
        return ""
    if not code:
        return (  # p.code is masked in the hint, as in every hint (masking.py)
            f"{p.user} has no Login Code: assign one of at least {MIN_AGENT_LOGIN_CODE} digits, "
            f"such as {p.code}."
        )
    return (
        f"A Login Code of {len(code)} digits is too short: the tip asks for at least "
        f"{MIN_AGENT_LOGIN_CODE}, such as {p.code}."
    )


def _find_group(config: Config, name: str) -> HuntGroup | None:
    return next((g for g in config.hunt_groups if g.name == name), None)


def _hunt_mode_problem(p: Task, config: Config, start: Config) -> str:
    group = _find_group(config, p.group)
    if group is not None and group.mode.can_be_monitored:
        return ""
    mode = group.mode.value if group else "no"
    return f"{reported_wrongly(p.group, mode)} {SET_A_MONITORED_MODE}"


#: The Manager edits each method asks for, in the order of its steps (Merge follows them).
EDITS: dict[Method, tuple[_EditCheck, ...]] = {
    Method.LOGON_SHORT_CODE: (_short_code_problem,),
    Method.LOGOFF_BUTTON: (_button_problem,),
    Method.CONFIG_LOGON_AGENT: (_force_login_problem, _login_code_problem),
    Method.CONFIG_HUNT_MODE: (_hunt_mode_problem,),
}
#: What a trainee who used the phone before Merge is told.
BEFORE_MERGE = {
    Method.LOGON_SHORT_CODE: "The short code works only after Merge.",
    Method.LOGOFF_BUTTON: "The button works only after Merge.",
}
MERGE_STEP = "Merge the configuration to the system."


# --- Manager edits as text -----------------------------------------------------------------


def config_edits(before: Config, after: Config, *, masked: bool = False) -> tuple[str, ...]:
    """The Manager edits that turn ``before`` into ``after``, as ``config`` action texts.

    As actions they carry the digits, so they replay; ``masked=True`` gives them as they may
    be shown or kept, every login code masked (``user 3002 login code ••••``).
    """
    edits: list[str] = []
    kept = {sc.code for sc in after.short_codes}
    edits += [f"remove short code {sc.code}" for sc in before.short_codes if sc.code not in kept]
    edits += [
        f"short code {sc.masked_text() if masked else sc}"
        for sc in after.short_codes
        if sc not in before.short_codes
    ]
    old_users = {u.extension: u for u in before.users}
    for user in after.users:
        old = old_users.get(user.extension)
        if old is None:
            edits.append(f"user {user.extension} added")
            continue
        if old.force_login != user.force_login:
            edits.append(f"user {user.extension} force login {'on' if user.force_login else 'off'}")
        if old.login_code != user.login_code:
            code = mask_code(user.login_code) if masked else user.login_code
            edits.append(f"user {user.extension} login code {code}".rstrip())
        for position in sorted(set(old.buttons) | set(user.buttons)):
            button = user.buttons.get(position)
            if button != old.buttons.get(position):
                shown = "clear" if button is None else button.masked_text() if masked else button
                edits.append(f"user {user.extension} button {position} {shown}")
        if old.short_codes != user.short_codes:
            edits.append(f"user {user.extension} short codes changed")
    new_users = {u.extension for u in after.users}
    edits += [f"user {u.extension} removed" for u in before.users if u.extension not in new_users]
    old_groups = {g.extension: g for g in before.hunt_groups}
    for group in after.hunt_groups:
        was = old_groups.get(group.extension)
        if was is None:
            edits.append(f"hunt group {group.name} added")
            continue
        if was.mode is not group.mode:
            edits.append(f"hunt group {group.name} mode {group.mode.value}")
        if was.members != group.members:
            edits.append(f"hunt group {group.name} members {' '.join(group.members)}".rstrip())
        if (was.name, was.no_answer_time, was.queuing) != (
            group.name,
            group.no_answer_time,
            group.queuing,
        ):
            edits.append(f"hunt group {group.name} changed")
    if before.extensions != after.extensions:
        edits.append("stations changed")
    return tuple(edits)


def login_prefixes(config: Config) -> tuple[str, ...]:
    """What is dialled before ``N`` in each of ``config``'s ExtnLogin short codes with ``N``."""
    every = [*config.short_codes, *(sc for u in config.users for sc in u.short_codes)]
    return tuple(sorted({before for before, _ in login_dials(every)}))


def masked_edits(text: str, code: str, prefixes: tuple[str, ...]) -> str:
    """Manager edits as text (``'; '`` between them) with every login code in them masked."""
    out = []
    for edit in text.split("; "):
        if found := re.fullmatch(r"(user \S+ login code ?)(\S*)", edit, re.I):
            edit = found[1] + mask_code(found[2])
        elif found := re.fullmatch(r"(short code )(\S+)", edit, re.I):
            edit = found[1] + mask_short_code_text(found[2])
        out.append(mask_text(edit, (code,), prefixes))
    return "; ".join(out)


_EDIT_FORMS = (
    "short code <Short Code/Telephone Number/Feature/Line Group>",
    "remove short code <code>",
    "user <extension> force login on|off",
    "user <extension> login code <digits>",
    "user <extension> button <position> <ExtnLogout | Dial *36 | clear>",
    "hunt group <name> mode <Linear | Circular | Most Idle | Group>",
    "merge",
)


def apply_edit(system: System, draft: Config, text: str) -> None:
    """Carry out the Manager edit ``text`` on ``draft`` (or Merge it into ``system``)."""
    form = re.compile
    if form(r"merge", re.I).fullmatch(text):
        system.merge(draft)
    elif found := form(r"short code (\S+)", re.I).fullmatch(text):
        short_code = ShortCode.parse(found[1])
        if any(sc.code == short_code.code for sc in draft.short_codes):
            draft.remove_short_code(short_code.code)  # Manager edits the code in place
        draft.add_short_code(short_code)
    elif found := form(r"remove short code (\S+)", re.I).fullmatch(text):
        draft.remove_short_code(found[1])
    elif found := form(r"user (\S+) force login (on|off)", re.I).fullmatch(text):
        draft.user(found[1]).force_login = found[2].lower() == "on"
    elif found := form(r"user (\S+) login code ?(\S*)", re.I).fullmatch(text):
        draft.user(found[1]).login_code = found[2]
    elif found := form(r"user (\S+) button (\d+) (.+)", re.I).fullmatch(text):
        clear = found[3].strip().lower() == "clear"
        draft.set_button(found[1], int(found[2]), None if clear else Button.parse(found[3]))
    elif found := form(r"hunt group (.+?) mode (.+)", re.I).fullmatch(text):
        draft.hunt_group(found[1]).mode = HuntMode.from_name(found[2])
    else:
        raise UnknownName("Manager edit", text, _EDIT_FORMS)
