"""Users: the person behind an extension, as Manager's User form holds them.

A *logon user* (the tech tip's "logon agent") has **Force Login** ticked and a
**Login Code** of at least 4 digits on the User > Telephony tab.  Fields are
checked as they are set, the way Manager's own fields refuse what they cannot
hold; rules that involve other records (Force Login without a code, duplicate
names) are checked by ``Config.validate()`` before Merge (rule R2).

>>> agent = User("Agent3000", extension="3000", force_login=True, login_code="1234")
>>> agent.is_logon_agent
True
>>> agent.login_code = "12ab"
Traceback (most recent call last):
...
ipo_core.errors.ConfigError: Login code of user 'Agent3000' must be digits only, such as '1234': it has 'a' as its 3rd character (User > Telephony > Login Code).
>>> agent                                        # a login code never leaves in a repr
User(name='Agent3000', extension='3000', force_login=True, login_code='••••', wrap_up_time=2, short_codes=[], buttons={})
>>> agent.login_code
'1234'

Buttons and short codes are checked when they are edited in place too:

>>> agent.buttons[25] = Button.extn_logout()
Traceback (most recent call last):
...
ipo_core.errors.ConfigError: Button position 25 for user 'Agent3000' must be a whole number from 1 to 24 (button 1 is the first).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from ipo_core.errors import Problem, WrongType
from ipo_core.masking import mask_code, mask_dialled
from ipo_core.quoting import quote
from ipo_core.site.buttons import MAX_BUTTONS, Button
from ipo_core.site.shortcodes import ShortCode, quote_short_code
from ipo_core.site.validation import (
    CheckedDict,
    CheckedList,
    check_extension,
    check_login_code,
    check_name,
    problems_of,
    refuse,
)

__all__ = [
    "GIVE_A_LOGIN_CODE",
    "MAKE_A_LOGON_AGENT",
    "MIN_AGENT_LOGIN_CODE",
    "TICK_FORCE_LOGIN",
    "User",
]

#: The tech tip: "The Pin Code should be a minimum of 4 digits in length."
MIN_AGENT_LOGIN_CODE = 4
# What makes a user a logon agent, in Manager's words, in its two halves and whole: the one
# wording of the advice (User.logon_agent_advice picks what a user still needs).
#: The first half of making a logon agent, in Manager's words.
TICK_FORCE_LOGIN = "tick User > Telephony > Force Login"
#: The second half of making a logon agent, in Manager's words.
GIVE_A_LOGIN_CODE = f"give a Login Code of at least {MIN_AGENT_LOGIN_CODE} digits"
#: What makes a user a logon agent, in Manager's words: both halves.
MAKE_A_LOGON_AGENT = f"{TICK_FORCE_LOGIN} and {GIVE_A_LOGIN_CODE}"
DEFAULT_WRAP_UP_TIME = 2  # reference section 4: 2 s after a call before the next is offered


@dataclass(repr=False)
class User:
    """One user as Manager's User form holds them; editable like the form."""

    name: str
    """User > User > Name: unique, up to 15 characters.

    Manager's help supports letters, digits and spaces only, not starting with a digit; the
    kit takes other characters a site file can hold (but quotes and slashes) and the audit
    advises against them (``validation.name_advice``)."""
    extension: str
    """User > User > Extension: the user's number, and the base extension of their home phone."""
    force_login: bool = False
    """User > Telephony > Force Login: must log on with the code after any logoff or reboot."""
    login_code: str = ""
    """User > Telephony > Login Code: digits; the tech tip wants at least 4 for agents."""
    wrap_up_time: int = DEFAULT_WRAP_UP_TIME
    """User > Telephony > Wrap-up Time: seconds after a call before a hunt group call."""
    short_codes: list[ShortCode] = field(default_factory=list)
    """User > Short Codes: used before the system's, and they follow the user.

    A list that refuses anything but a :class:`ShortCode`, appended or set in place."""
    buttons: dict[int, Button] = field(default_factory=dict)
    """User > Button Programming: position (1 = first) to button; they follow the user.

    A dict that refuses a position off the handset or a value that is not a :class:`Button`."""

    def __setattr__(self, name: str, value: object) -> None:
        # Every assignment, the generated __init__'s included, passes Manager's field checks.
        state = self.__dict__
        if name in ("name", "extension") and name in state:
            _Renames.count += 1  # a Config's index of names and extensions is stale now
        value = check_user_field(f"user {quote(state.get('name', ''))}", name, value)
        object.__setattr__(self, name, value)
        # What passed, remembered: problems() checks again only a field that is no longer
        # the very value its check passed (one set behind the checks, object.__setattr__).
        state.setdefault("_checked", {})[name] = value

    @classmethod
    def from_checked(cls, fields: dict[str, object]) -> User:
        """A user of ``fields``, each already what :func:`check_user_field` gave for it.

        A site file checks every field of a user so as to report each one's problem, then
        makes the user with this, so that no field is checked twice; the defaults fill the
        fields it does not give.  Nothing else should call it: ``User(...)`` checks as it goes.
        """
        user = object.__new__(cls)
        state = user.__dict__
        who = f"user {quote(fields.get('name', ''))}"
        state.update(_DEFAULTS, short_codes=ShortCodeList(who, []), buttons=ButtonMap(who, {}))
        state.update(fields)
        state["_checked"] = {name: state[name] for name in _ALL_FIELDS}
        return user

    def problems(self) -> list[Problem]:
        """Every field Manager's form would refuse as it stands now, one problem each.

        [] for a user made through its checks; ``Config.validate()`` lists these for a field
        set behind them (``object.__setattr__``), and never raises on what it finds.
        """
        state = self.__dict__
        checked = state.get("_checked", {})
        if all(
            name in checked and checked[name] is state.get(name, _UNSET) for name in _ALL_FIELDS
        ) and _items_sound(state["short_codes"], state["buttons"]):
            return []  # every field the very value its check passed, each item sound
        who = f"user {quote(state.get('name', ''))}"
        found: list[Problem] = []
        for name in _FIELD_ORDER:
            found += problems_of(partial(check_user_field, who, name, self.__dict__.get(name)))
        codes = self.__dict__.get("short_codes")
        if not isinstance(codes, list):
            found += problems_of(lambda: check_user_field(who, "short_codes", codes))
        else:
            for sc in codes:
                found += problems_of(partial(_short_code, who, sc), who, "Short Codes")
        buttons = self.__dict__.get("buttons")
        if not isinstance(buttons, dict):
            found += problems_of(lambda: check_user_field(who, "buttons", buttons))
        else:
            for position, button in buttons.items():
                check = partial(_button, who, position, button)
                found += problems_of(check, who, "Button Programming")
        return found

    def copy(self) -> User:
        """An independent copy: its short codes and buttons are lists of its own.

        Made without checking the fields again (``Config.copy`` copies a whole site this way);
        the values are immutable, so only the two containers need copies.
        """
        new = object.__new__(User)
        vars(new).update(vars(self))
        vars(new)["_checked"] = dict(vars(self).get("_checked", {}))  # its own, as it changes
        for name in ("short_codes", "buttons"):
            value = vars(self).get(name)
            if isinstance(value, CheckedList | CheckedDict):
                vars(new)[name] = value.copy_as_is()
            else:  # something set behind the checks: copied whole, whatever it is
                vars(new)[name] = copy.deepcopy(value)
        return new

    @property
    def is_logon_agent(self) -> bool:
        """True when CCC can see this user: Force Login and a code of 4 digits or more."""
        return self.force_login and len(self.login_code) >= MIN_AGENT_LOGIN_CODE

    def logon_agent_advice(self) -> str:
        """What this user still needs to be a logon agent, in Manager's words; '' if nothing.

        >>> User("Agent3000", "3000", force_login=True, login_code="123").logon_agent_advice()
        'agents need at least 4 digits (User > Telephony > Login Code)'
        >>> User("Desk3002", "3002").logon_agent_advice()
        'tick User > Telephony > Force Login and give a Login Code of at least 4 digits'
        """
        if self.is_logon_agent:
            return ""
        if self.force_login:  # Force Login with too short a code
            return f"agents need at least {MIN_AGENT_LOGIN_CODE} digits (User > Telephony > Login Code)"
        if len(self.login_code) < MIN_AGENT_LOGIN_CODE:
            return MAKE_A_LOGON_AGENT
        return TICK_FORCE_LOGIN

    @property
    def can_log_off(self) -> bool:
        """True when ExtnLogout works for this user: only users with a login code (R5)."""
        return bool(self.login_code)

    @property
    def label(self) -> str:
        """How Manager's tree shows the user: ``Agent3000 (3000)``."""
        return f"{self.name} ({self.extension})"

    def __repr__(self) -> str:  # the login code masked: it never leaves the model (masking.py)
        return (
            f"User(name={self.name!r}, extension={self.extension!r}, "
            f"force_login={self.force_login!r}, login_code={mask_code(self.login_code)!r}, "
            f"wrap_up_time={self.wrap_up_time!r}, short_codes={self.short_codes!r}, "
            f"buttons={self.buttons!r})"
        )


_FIELD_ORDER = ("name", "extension", "force_login", "login_code", "wrap_up_time")
_ALL_FIELDS = (*_FIELD_ORDER, "short_codes", "buttons")
_DEFAULTS = {"force_login": False, "login_code": "", "wrap_up_time": DEFAULT_WRAP_UP_TIME}
_UNSET = object()


def _items_sound(codes: object, buttons: object) -> bool:
    """True when a user's two containers hold only what their checks allow.

    The checked containers refuse anything else, but ``list.append`` or ``dict.__setitem__``
    called on them directly gets past that; one look at each item (a user has few) finds it.
    """
    return (
        type(codes) is ShortCodeList
        and all(type(sc) is ShortCode for sc in codes)
        and type(buttons) is ButtonMap
        and all(
            type(p) is int and 1 <= p <= MAX_BUTTONS and type(b) is Button
            for p, b in buttons.items()
        )
    )


class _Renames:
    """How many times any user's name or extension has changed since the kit was imported.

    A :class:`~ipo_core.site.config.Config` keeps an index of its users' names and extensions,
    so that adding a user costs no scan of the others; an index built at another count is
    built again, since a user edited through ``cfg.user(...)`` may have taken a name.
    """

    count = 0


def renames() -> int:
    """How many user names and extensions have been changed (see :class:`_Renames`)."""
    return _Renames.count


def check_user_field(who: str, name: str, value: object) -> object:
    """``value`` as field ``name`` of ``who`` holds it, or the ConfigError Manager's form gives.

    What ``User`` does on every assignment; a site file checks each field with it before the
    user is made, so that every field's problem is reported, not only the first.
    """
    if name == "name":
        return check_name("User", value)
    if name == "extension":
        return check_extension(who, value)
    if name == "login_code":
        return check_login_code(who, value)
    if name == "force_login" and not isinstance(value, bool):
        raise refuse(
            who,
            "Telephony > Force Login",
            f"Force Login {quote(value)} must be True or False (true or false in a site file).",
        )
    if name == "wrap_up_time" and (
        not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 99999
    ):
        raise refuse(
            who,
            "Telephony > Wrap-up Time",
            f"Wrap-up Time {quote(value)} must be whole seconds, 0 or more.",
        )
    if name == "short_codes":
        if not isinstance(value, list) or not all(isinstance(sc, ShortCode) for sc in value):
            raise refuse(
                who, "Short Codes", f"Short codes of {who} must be a list of ShortCode values."
            )
        return ShortCodeList(who, value)
    if name == "buttons":
        if not isinstance(value, dict):
            raise refuse(
                who, "Button Programming", f"Buttons of {who} must be a dict of position to Button."
            )
        return ButtonMap(who, value)
    return value


def _short_code(who: str, item: object) -> ShortCode:
    if not isinstance(item, ShortCode):
        raise WrongType(
            f"short code of {who}",
            "a ShortCode, such as ShortCode('#3000', '3000*1234', Feature.EXTN_LOGIN)",
            item,
            shown=quote_short_code(item),  # short code text may hold a login code
        )
    return item


def _button(who: str, position: object, button: object) -> tuple[int, Button]:
    check_button_position(who, position)
    if not isinstance(button, Button):
        shown = mask_dialled(button) if isinstance(button, str) else button
        raise refuse(
            who,
            "Button Programming",
            f"Button {position} of {who} must be a Button, not {quote(shown)}: use "
            "Button.extn_logout() or Button.dial('*36').",
        )
    return position, button  # type: ignore[return-value]  # checked just above


class ShortCodeList(CheckedList[ShortCode]):
    """A user's short codes: a list that refuses anything but a :class:`ShortCode`."""

    who = "the user"  # until __init__ (or unpickling) names them

    def __init__(self, who: str, items: list[ShortCode]) -> None:
        self.who = who
        super().__init__(items)

    def __reduce__(self) -> tuple[Any, ...]:
        # Copied and pickled through __init__, so that the items are checked for this user.
        return (ShortCodeList, (self.who, list(self)))

    def check(self, item: object) -> ShortCode:
        """``item`` if it is a ShortCode; else WrongType."""
        return _short_code(self.who, item)


class ButtonMap(CheckedDict[int, Button]):
    """A user's buttons: position (1 to 24) to :class:`Button`, refusing anything else."""

    who = "the user"  # until __init__ (or unpickling) names them

    def __init__(self, who: str, items: dict[int, Button]) -> None:
        self.who = who
        super().__init__(items)

    def __reduce__(self) -> tuple[Any, ...]:
        return (ButtonMap, (self.who, dict(self)))

    def check(self, key: object, value: object) -> tuple[int, Button]:
        """``(key, value)`` if ``key`` is a button position and ``value`` a Button."""
        return _button(self.who, key, value)


def check_button_position(who: str, position: object) -> int:
    """``position`` if it is a button a handset can have (1 to 24), else ConfigError."""
    if (
        not isinstance(position, int)
        or isinstance(position, bool)
        or not 1 <= position <= MAX_BUTTONS
    ):
        raise refuse(
            who,
            "Button Programming",
            f"Button position {quote(position)} for {who} must be a whole number from 1 to "
            f"{MAX_BUTTONS} (button 1 is the first).",
        )
    return position
