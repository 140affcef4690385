"""The trainee's actions: the methods practised, and each thing a trainee can do.

An :class:`Action` is one key, softkey, button, dial, lift, hang-up, wait or Manager edit,
with a text form that parses back (``Action.parse(str(a)) == a``), so a whole attempt can
be written down and replayed.  :class:`Method` names the tech tip's six methods and its two
Manager tasks.

>>> Action.parse("dial *35*3000*1234#") == Action.dial("*35*3000*1234#")
True
>>> str(Action.key("MENU")), Method.LOGON_MENU.title
('key MENU', 'Log on with the Menu keys')
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass

from ipo_core.errors import UnknownName, WrongType
from ipo_core.quoting import cut, quote
from ipo_core.site.handsets import DIAL_KEYS, SOFTKEYS

__all__ = ["ACTION_KINDS", "Action", "Method"]

#: What a trainee can do: press a key, a softkey (by label) or a programmable button, dial a
#: number afresh, lift the handset or hang it up, wait (let seconds of model time pass), or
#: edit the configuration in Manager.
ACTION_KINDS = ("key", "softkey", "button", "dial", "lift", "hang_up", "wait", "config")
_KEY_NAMES = {"MENU": "Menu", "EXIT": "Exit", "LEFT": "Left", "RIGHT": "Right"}


class Method(enum.Enum):
    """One exercise: a logon or logoff method of the tech tip, or one of its Manager tasks."""

    LOGON_SHORT_CODE = "logon-short-code"
    LOGON_STAR_35 = "logon-star-35"
    LOGON_MENU = "logon-menu"
    LOGOFF_BUTTON = "logoff-button"
    LOGOFF_STAR_36 = "logoff-star-36"
    LOGOFF_MENU = "logoff-menu"
    CONFIG_LOGON_AGENT = "config-logon-agent"
    CONFIG_HUNT_MODE = "config-hunt-mode"

    @property
    def title(self) -> str:
        """The exercise's name: ``'Log on with the Menu keys'``."""
        return _TITLES[self][0]

    @property
    def way(self) -> str:
        """How the goal is reached in this exercise, in words: ``'with the Menu keys'``."""
        return _TITLES[self][1]

    @property
    def needs_menu_keys(self) -> bool:
        """True for the Menu methods, which the 4406D+ and 4606 cannot do (tech tip)."""
        return self in (Method.LOGON_MENU, Method.LOGOFF_MENU)

    @property
    def is_logon(self) -> bool:
        """True for the three logon methods."""
        return self.value.startswith("logon-")

    @property
    def is_logoff(self) -> bool:
        """True for the three logoff methods."""
        return self.value.startswith("logoff-")

    @property
    def is_config(self) -> bool:
        """True for the two Manager tasks (make a logon agent, a mode CCC can monitor)."""
        return self.value.startswith("config-")

    def __str__(self) -> str:
        return self.title


_TITLES = {
    Method.LOGON_SHORT_CODE: ("Log on with a custom short code", "with the custom short code"),
    Method.LOGON_STAR_35: ("Log on with *35*Extn*Code#", "by dialling *35*Extn*Code#"),
    Method.LOGON_MENU: ("Log on with the Menu keys", "with the Menu keys"),
    Method.LOGOFF_BUTTON: ("Log off with a programmed button", "with the programmed button"),
    Method.LOGOFF_STAR_36: ("Log off with *36", "by dialling *36"),
    Method.LOGOFF_MENU: ("Log off with the Menu keys", "with the Menu keys"),
    Method.CONFIG_LOGON_AGENT: ("Make a user a logon agent", "in Manager"),
    Method.CONFIG_HUNT_MODE: ("Put a hunt group in a mode CCC can monitor", "in Manager"),
}


@dataclass(frozen=True)
class Action:
    """One thing a trainee does; its text form (``'softkey Hdesk'``) parses back."""

    kind: str
    """One of :data:`ACTION_KINDS`."""
    value: str = ""
    """The key name, softkey label, button position, digits or Manager edit; '' for the hook."""

    def __post_init__(self) -> None:
        if not isinstance(self.kind, str):
            raise WrongType("kind of action", f"one of {', '.join(ACTION_KINDS)}", self.kind)
        if self.kind not in ACTION_KINDS:
            raise UnknownName("kind of action", cut(self.kind), ACTION_KINDS)
        if not isinstance(self.value, str):
            raise WrongType(f"value of a {self.kind} action", "text, such as '5'", self.value)
        value = self.value.strip()
        if self.kind == "key":
            value = value.upper()
        elif self.kind == "button" and not _is_button_position(value):
            raise UnknownName(
                "programmable button", cut(value), [f"1 to {_MOST_POSITIONS} (ASCII digits)"]
            )
        elif self.kind in ("lift", "hang_up") and value:
            raise UnknownName(f"{self.kind} action", f"{self.kind} {value}", ("lift", "hang_up"))
        elif self.kind in ("key", "softkey", "dial", "wait", "config") and not value:
            raise UnknownName(f"{self.kind} action", self.kind, ("it needs a value",))
        elif self.kind == "wait":
            value = _seconds_text(value)
        object.__setattr__(self, "value", str(int(value)) if self.kind == "button" else value)

    @classmethod
    def parse(cls, text: str) -> Action:
        """Read the text form: ``'key MENU'``, ``'softkey Hdesk'``, ``'dial *36'``, ``'lift'``."""
        if not isinstance(text, str):
            raise WrongType("action", "text such as 'key MENU' or 'dial *36'", text)
        kind, _, value = text.strip().partition(" ")
        return cls(kind, value)

    @classmethod
    def key(cls, name: str) -> Action:
        """Press a key: ``'5'``, ``'*'``, ``'MENU'``, ``'RIGHT'``, ``'SOFTKEY1'``."""
        return cls("key", name)

    @classmethod
    def softkey(cls, label: str) -> Action:
        """Press the softkey under ``label``."""
        return cls("softkey", label)

    @classmethod
    def button(cls, position: int) -> Action:
        """Press programmable button ``position`` (1 = first)."""
        if isinstance(position, bool) or not isinstance(position, int):
            raise WrongType(
                "button position", f"a whole number from 1 to {_MOST_POSITIONS}", position
            )
        if not 1 <= position <= _MOST_POSITIONS:
            raise UnknownName(
                "programmable button", quote(position), [f"1 to {_MOST_POSITIONS} (ASCII digits)"]
            )
        return cls("button", str(position))

    @classmethod
    def dial(cls, digits: str) -> Action:
        """Hang up if needed, lift, and dial ``digits`` (``Phone.dial``)."""
        return cls("dial", digits)

    @classmethod
    def lift(cls) -> Action:
        """Lift the handset."""
        return cls("lift")

    @classmethod
    def hang_up(cls) -> Action:
        """Put the handset down."""
        return cls("hang_up")

    @classmethod
    def wait(cls, seconds: float) -> Action:
        """Let ``seconds`` of model time pass with hands off the phone (``'wait 4'``)."""
        return cls("wait", _seconds_text(seconds))

    @classmethod
    def config(cls, edit: str) -> Action:
        """A Manager edit or ``'merge'`` (the forms are in the module docstring)."""
        return cls("config", edit)

    @property
    def is_dial_pad(self) -> bool:
        """True for a dial-pad key: ``'0'``-``'9'``, ``'*'``, ``'#'``."""
        return self.kind == "key" and self.value in DIAL_KEYS

    def describe(self) -> str:
        """The action in a trainee's words: ``'Menu'``, ``'key 5'``, ``'dialling *36'``."""
        if self.kind == "key":
            if self.value in _KEY_NAMES:
                return _KEY_NAMES[self.value]
            if self.value in SOFTKEYS:
                return f"softkey {self.value[-1]}"
            return f"key {self.value}"
        return {
            "softkey": self.value,
            "button": f"button {self.value}",
            "dial": f"dialling {self.value}",
            "lift": "lifting the handset",
            "hang_up": "hanging up",
            "wait": f"waiting {self.value} s",
        }.get(self.kind, self.value)

    def __str__(self) -> str:
        return f"{self.kind} {self.value}" if self.value else self.kind


def _seconds_text(seconds: object) -> str:
    """Seconds of model time as a wait action writes them: ``'4'``, ``'4.5'`` (to the ms).

    At most :data:`MAX_WAIT` seconds, given as a number or as text of ASCII digits (float()
    would also read full-width digits and '1_000').
    """
    value = math.nan
    if isinstance(seconds, int | float) and not isinstance(seconds, bool):
        value = float(seconds) if abs(seconds) <= MAX_WAIT else math.inf
    elif isinstance(seconds, str) and _SECONDS.fullmatch(seconds.strip()):
        value = float(seconds) if len(seconds) <= 20 else math.inf
    elif not isinstance(seconds, str):
        raise WrongType("wait", "a number of seconds such as 4 or 0.5", seconds)
    if not 0 <= value <= MAX_WAIT:
        raise UnknownName(
            "wait action",
            cut(f"wait {seconds if isinstance(seconds, str) else quote(seconds)}"),
            ("wait 4", f"wait 0.5 (at most {MAX_WAIT:g})"),
        )
    return f"{value:.3f}".rstrip("0").rstrip(".")


#: The longest wait an action may hold: a day of model time (the 90 s lockout of rule R6 and
#: the 4 s dial delay of rule R7 are what exercises wait for).
MAX_WAIT = 86_400.0
_SECONDS = re.compile(r"[0-9]+(\.[0-9]*)?|\.[0-9]+")


#: An action names a button position of one or two ASCII digits, as a site file does; which
#: positions a handset has is the phone's to say, for its model ("The 4612 has no key 30."),
#: so an exercise on a 12-button set tells the trainee its own range, not every model's.
_MOST_POSITIONS = 99


def _is_button_position(text: str) -> bool:
    """True for one or two ASCII digits naming a position 1 to 99 (not '１', not 5,000 digits)."""
    return 0 < len(text) <= 2 and text.isascii() and text.isdigit() and int(text) >= 1
