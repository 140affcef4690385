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
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ipo_core.buttons import MAX_BUTTONS, Button
from ipo_core.masking import mask_code
from ipo_core.shortcodes import ShortCode
from ipo_core.validation import check_extension, check_login_code, check_name, refuse

__all__ = ["MIN_AGENT_LOGIN_CODE", "User"]

#: The tech tip: "The Pin Code should be a minimum of 4 digits in length."
MIN_AGENT_LOGIN_CODE = 4
DEFAULT_WRAP_UP_TIME = 2  # reference section 4: 2 s after a call before the next is offered


@dataclass(repr=False)
class User:
    """One user as Manager's User form holds them; editable like the form."""

    name: str
    """User > User > Name: unique, up to 15 characters."""
    extension: str
    """User > User > Extension: the user's number, and the base extension of their home phone."""
    force_login: bool = False
    """User > Telephony > Force Login: must log on with the code after any logoff or reboot."""
    login_code: str = ""
    """User > Telephony > Login Code: digits; the tech tip wants at least 4 for agents."""
    wrap_up_time: int = DEFAULT_WRAP_UP_TIME
    """User > Telephony > Wrap-up Time: seconds after a call before a hunt group call."""
    short_codes: list[ShortCode] = field(default_factory=list)
    """User > Short Codes: used before the system's, and they follow the user."""
    buttons: dict[int, Button] = field(default_factory=dict)
    """User > Button Programming: position (1 = first) to button; they follow the user."""

    def __setattr__(self, name: str, value: object) -> None:
        # Every assignment, the generated __init__'s included, passes Manager's field checks.
        who = f"user {self.__dict__.get('name', '')!r}"
        if name == "name":
            value = check_name("User", value)
        elif name == "extension":
            value = check_extension(who, value)
        elif name == "login_code":
            value = check_login_code(who, value)
        elif name == "force_login" and not isinstance(value, bool):
            raise refuse(
                who,
                "Telephony > Force Login",
                f"Force Login {value!r} must be True or False (true or false in a site file).",
            )
        elif name == "wrap_up_time" and (
            not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 99999
        ):
            raise refuse(
                who,
                "Telephony > Wrap-up Time",
                f"Wrap-up Time {value!r} must be whole seconds, 0 or more.",
            )
        elif name == "short_codes":
            value = _short_codes(who, value)
        elif name == "buttons":
            value = _buttons(who, value)
        object.__setattr__(self, name, value)

    @property
    def is_logon_agent(self) -> bool:
        """True when CCC can see this user: Force Login and a code of 4 digits or more."""
        return self.force_login and len(self.login_code) >= MIN_AGENT_LOGIN_CODE

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


def _short_codes(who: str, value: object) -> list[ShortCode]:
    if not isinstance(value, list) or not all(isinstance(sc, ShortCode) for sc in value):
        raise refuse(
            who, "Short Codes", f"Short codes of {who} must be a list of ShortCode values."
        )
    return value


def _buttons(who: str, value: object) -> dict[int, Button]:
    if not isinstance(value, dict):
        raise refuse(
            who, "Button Programming", f"Buttons of {who} must be a dict of position to Button."
        )
    for position, button in value.items():
        check_button_position(who, position)
        if not isinstance(button, Button):
            raise refuse(
                who,
                "Button Programming",
                f"Button {position} of {who} must be a Button, not {button!r}.",
            )
    return value


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
            f"Button position {position!r} for {who} must be a whole number from 1 to "
            f"{MAX_BUTTONS} (button 1 is the first).",
        )
    return position
