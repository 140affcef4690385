"""Programmable buttons: what a user's Button Programming tab holds.

Buttons belong to the user, not the phone, so they follow the user when hot
desking (reference section 3; tech tip, logoff method 1).  Two actions matter to
the tip: **Advanced > Extn > ExtnLogout**, and **Dial** with a number such as
``*36``.  The text form is what ``str()`` writes, and parses back:

>>> Button.extn_logout()
Button(action=<ButtonAction.EXTN_LOGOUT: 'ExtnLogout'>, number='', label='Logout')
>>> str(Button.dial("*36"))
'Dial *36'
>>> Button.parse('Dial *36 "LogOff"') == Button.dial("*36", label="LogOff")
True
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from ipo_core.errors import ConfigError
from ipo_core.masking import mask_dialled, mask_text
from ipo_core.quoting import quote
from ipo_core.site.handsets import DIAL_KEYS, HANDSET_MODELS
from ipo_core.site.validation import check_savable

__all__ = ["MAX_BUTTONS", "Button", "ButtonAction"]

#: The most programmable buttons any modelled handset has (4424D+, 4624, 6424D+: 24).
MAX_BUTTONS = max(model.button_count for model in HANDSET_MODELS.values())
MAX_LABEL_LENGTH = 10  # what fits over a button on a 24-character display


class ButtonAction(enum.Enum):
    """A button action, by the name Manager gives it."""

    EXTN_LOGIN = "ExtnLogin"
    EXTN_LOGOUT = "ExtnLogout"
    DIAL = "Dial"

    @property
    def manager_path(self) -> tuple[str, ...]:
        """The menus clicked in Manager's Button Programming tab to choose it."""
        return _PATHS[self]

    @property
    def takes_number(self) -> bool:
        """True for Dial, the one action with a Telephone Number."""
        return self is ButtonAction.DIAL

    @property
    def default_label(self) -> str:
        """The label the phone shows when Manager's Label field is left empty."""
        return _LABELS[self]


_PATHS = {
    ButtonAction.EXTN_LOGIN: ("Advanced", "Extn", "ExtnLogin"),
    ButtonAction.EXTN_LOGOUT: ("Advanced", "Extn", "ExtnLogout"),
    ButtonAction.DIAL: ("Dial",),
}
_LABELS = {
    ButtonAction.EXTN_LOGIN: "Login",
    ButtonAction.EXTN_LOGOUT: "Logout",
    ButtonAction.DIAL: "Dial",
}
_TEXT = re.compile(r'^\s*(?P<action>\w+)(?:\s+(?P<number>[0-9*#]+))?(?:\s+"(?P<label>[^"]*)")?\s*$')


@dataclass(frozen=True, repr=False)
class Button:
    """One programmed button: its action, the number it dials, and its label."""

    action: ButtonAction
    """What the button does."""
    number: str = ""
    """The Telephone Number a Dial button dials; empty for ExtnLogout and ExtnLogin."""
    label: str = ""
    """The label shown for the button; the action's default label when left empty."""

    def __post_init__(self) -> None:
        if not isinstance(self.action, ButtonAction):
            object.__setattr__(self, "action", _action_from(self.action))
        if not isinstance(self.number, str) or not isinstance(self.label, str):
            wrong = self.number if not isinstance(self.number, str) else self.label
            raise ConfigError(
                [f"A button's number and label are text, not {quote(wrong)}: such as '*36'."]
            )
        if self.action is ButtonAction.DIAL:
            if not self.number or any(c not in DIAL_KEYS for c in self.number):
                raise ConfigError(
                    [
                        f"Dial button number {quote(self.number)} must be digits, '*' or '#', "
                        "such as '*36'."
                    ]
                )
        elif self.number:
            raise ConfigError(
                [f"A {self.action.value} button takes no number (got {quote(self.number)})."]
            )
        if not self.label:
            default = self.action.default_label
            if self.action is ButtonAction.DIAL:
                default = f"{default} {self.number}"
            object.__setattr__(self, "label", default[:MAX_LABEL_LENGTH])
        # A label a site file could not give back exactly (a control character, a lone
        # surrogate) is refused as one that is too long is: load(save(c)) == c (issue 12).
        if (
            len(self.label) > MAX_LABEL_LENGTH
            or '"' in self.label
            or check_savable(self.label) is not None
        ):
            raise ConfigError(
                [
                    f"Button label {quote(self.label)} must be at most {MAX_LABEL_LENGTH} "
                    "characters with no double quote, line break or control character."
                ]
            )

    @classmethod
    def extn_logout(cls, label: str = "") -> Button:
        """Advanced > Extn > ExtnLogout: logs the current user off this phone."""
        return cls(ButtonAction.EXTN_LOGOUT, "", label)

    @classmethod
    def extn_login(cls, label: str = "") -> Button:
        """Advanced > Extn > ExtnLogin: opens the Logon prompts on a display phone."""
        return cls(ButtonAction.EXTN_LOGIN, "", label)

    @classmethod
    def dial(cls, number: str, label: str = "") -> Button:
        """Dial: the button dials ``number``, exactly as if it were typed."""
        return cls(ButtonAction.DIAL, number, label)

    @classmethod
    def parse(cls, text: str) -> Button:
        """Read ``'ExtnLogout'``, ``'Dial *36'`` or ``'Dial *36 "LogOff"'``."""
        found = _TEXT.match(text) if isinstance(text, str) else None
        if found is None:
            raise ConfigError(
                [
                    f"Button text {quote(text)} is not 'ExtnLogout', 'ExtnLogin' or "
                    "'Dial <number>' (a label may follow in double quotes)."
                ]
            )
        return cls(_action_from(found["action"]), found["number"] or "", found["label"] or "")

    @property
    def manager_path(self) -> tuple[str, ...]:
        """The menus clicked in Manager's Button Programming tab for this button's action."""
        return self.action.manager_path

    @property
    def has_default_label(self) -> bool:
        """True when the label is the one the phone would show by default."""
        return self.label == Button(self.action, self.number).label

    def __str__(self) -> str:
        text = self.action.value + (f" {self.number}" if self.number else "")
        return text if self.has_default_label else f'{text} "{self.label}"'

    @property
    def masked_label(self) -> str:
        """The label, with a login code that a Dial button's label quotes masked.

        ``'Dial *35*3000*••••'`` for a default label, ``'On ••••'`` for a label of its own
        that quotes the code alone.
        """
        number, masked = self.number, mask_dialled(self.number)
        if masked == number:
            return self.label
        # A default label is "Dial <number>" cut to fit: mask the part of the number it shows.
        end = next((n for n in range(len(number), 0, -1) if number[:n] in self.label), 0)
        label = self.label.replace(number[:end], masked[:end]) if end else self.label
        # The digits masked in the number (a code, or what may be one) are masked anywhere.
        codes = "".join(c if c != m else " " for c, m in zip(number, masked, strict=True))
        return mask_text(label, codes.split())

    def masked_text(self) -> str:
        """The text form with any login code masked: ``'Dial *35*3000*••••#'``."""
        text = self.action.value + (f" {mask_dialled(self.number)}" if self.number else "")
        return text if self.has_default_label else f'{text} "{self.masked_label}"'

    def __repr__(self) -> str:  # a login code never leaves in a repr (masking.py)
        return (
            f"Button(action={self.action!r}, number={mask_dialled(self.number)!r}, "
            f"label={self.masked_label!r})"
        )


def _action_from(name: object) -> ButtonAction:
    for action in ButtonAction:
        if isinstance(name, str) and name.replace(" ", "").lower() == action.value.lower():
            return action
    known = ", ".join(a.value for a in ButtonAction)
    raise ConfigError([f"Button action {quote(name)} is not one the kit knows: choose {known}."])
