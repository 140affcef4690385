"""Manager's refusals (rule R2): what a configuration must satisfy before Merge.

``Config.validate()`` returns these as :class:`Problem` values; ``System(config)``
and ``System.merge(draft)`` raise :class:`~ipo_core.errors.ConfigError` holding
them.  Field formats (a login code with letters, a one-digit extension) are refused as they are typed, the way Manager's own fields refuse
them, by the ``check_*`` functions here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipo_core.errors import ConfigError

__all__ = ["Problem", "check_extension", "check_login_code", "check_name"]

MAX_NAME_LENGTH = 15  # reference section 3: "User Name: up to 15 characters, unique"


@dataclass(frozen=True)
class Problem:
    """One reason Manager refuses a configuration."""

    subject: str
    """What it is about, as Manager's tree names it: ``"User Agent3000 (3000)"``."""
    field: str
    """The form field to change: ``"Telephony > Login Code"``."""
    message: str
    """The whole sentence: what is wrong, the value, and what to do."""

    def __str__(self) -> str:
        return self.message


def refuse(subject: str, field: str, message: str) -> ConfigError:
    """A :class:`ConfigError` holding one problem."""
    return ConfigError([Problem(subject, field, message)])


def check_name(kind: str, name: object) -> str:
    """``name`` if Manager accepts it as a user or hunt group name, else ConfigError."""
    if not isinstance(name, str) or not name.strip():
        raise refuse(kind, "Name", f"{kind} name {name!r} must be text, such as 'Agent3000'.")
    if name != name.strip():
        raise refuse(kind, "Name", f"{kind} name {name!r} starts or ends with a space: remove it.")
    if len(name) > MAX_NAME_LENGTH:
        raise refuse(
            kind,
            "Name",
            f"{kind} name {name!r} has {len(name)} characters; Manager allows at most "
            f"{MAX_NAME_LENGTH}.",
        )
    if any(c in name for c in '"/\\'):
        raise refuse(kind, "Name", f"{kind} name {name!r} holds a quote or slash: remove it.")
    return name


def check_extension(subject: str, extension: object, field: str = "Extension") -> str:
    """``extension`` if it is 2 to 9 digits (IP Office 3.x), else ConfigError on ``field``."""
    if not isinstance(extension, str) or not extension.isdigit() or not extension.isascii():
        raise refuse(
            subject,
            field,
            f"Extension {extension!r} of {subject} must be digits only, such as '3000'.",
        )
    if not 2 <= len(extension) <= 9:
        raise refuse(
            subject,
            field,
            f"Extension {extension!r} of {subject} has {len(extension)} digits; IP Office "
            "takes 2 to 9 (CCC prefers at most 4).",
        )
    return extension


def check_login_code(subject: str, code: object) -> str:
    """``code`` if it is empty or all digits (R2), else ConfigError."""
    if not isinstance(code, str):
        raise refuse(
            subject,
            "Telephony > Login Code",
            f"Login code of {subject} must be text of digits, such as '1234', not "
            f"{type(code).__name__} (User > Telephony > Login Code).",
        )
    bad = next((i for i, c in enumerate(code) if not (c.isdigit() and c.isascii())), None)
    if bad is not None:
        # The message names the offending character, never the digits (masking.py).
        raise refuse(
            subject,
            "Telephony > Login Code",
            f"Login code of {subject} must be digits only, such as '1234': it has "
            f"{_character(code[bad])} as its {_ordinal(bad + 1)} character (User > Telephony > "
            "Login Code).",
        )
    return code


def _character(c: str) -> str:
    """``c`` quoted, unless it is a digit of another script (that would be a digit of the code)."""
    return "a digit other than 0-9" if c.isdigit() else repr(c)


def _ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th`` ... ``11th``, ``21st``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
