r"""Manager's refusals (rule R2): what a configuration must satisfy before Merge.

``Config.validate()`` returns these as :class:`~ipo_core.errors.Problem` values; ``System(config)``
and ``System.merge(draft)`` raise :class:`~ipo_core.errors.ConfigError` holding
them.  Field formats (a login code with letters, a one-digit extension) are refused as
they are typed, the way Manager's own fields refuse them, by the ``check_*`` functions
here; :class:`CheckedList` and :class:`CheckedDict` refuse a wrong record put into a list
or table in place, so nothing gets behind those checks through a public call.

A name or label is text a site file can save and give back exactly, so it holds no control
character, line break or lone surrogate:

>>> check_name("User", "Agent\x01")
Traceback (most recent call last):
...
ipo_core.errors.ConfigError: User name 'Agent\x01' holds '\x01' as its 6th character, which a site file cannot hold: remove it.
>>> check_login_code("user 'Agent3000'", "１２３４")
Traceback (most recent call last):
...
ipo_core.errors.ConfigError: Login code of user 'Agent3000' must be digits only, such as '1234': it has a digit other than 0-9 as its 1st character (User > Telephony > Login Code).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, SupportsIndex, TypeVar

from ipo_core.errors import ConfigError, IpoError, Problem
from ipo_core.quoting import quote

# CheckedList, CheckedDict, check_savable and problems_of are helpers the other Manager
# modules use; they stay out of __all__ (STYLE 3).
__all__ = ["check_extension", "check_login_code", "check_name"]

#: User and hunt group Name: "Range = Up to 15 characters" [B: the 3.x Manager-help copy and
#: Manager 9.1 alike; reference section 3] (docs/sources/ipo-details.md section 4).
MAX_NAME_LENGTH = 15
#: IP Office's Login Code takes 0-31 ASCII digits [B: IP Office Security Guide, 2024, "Login
#: Code: User > Telephony > Supervisor Settings > Login Code ... Attributes: 0-31 ASCII
#: digits"]; no 1.x-3.x source gives a limit.  Manager 10.0 [B: B5800 / Manager 15-601011
#: Issue 29r, 2012, p.469] adds: "Login codes of up to 15 digits are supported with Extn Login
#: buttons.  Login codes of up to 31 digits are supported with Extn Login short codes."  So the
#: kit takes 31 everywhere, and the audit advises a user whose code is longer than
#: :data:`MAX_BUTTON_LOGIN_CODE_LENGTH` on a site with Extn Login buttons (ipo_core.site.audit).
MAX_LOGIN_CODE_LENGTH = 31
#: The longest login code an Extn Login button supports (Manager 10.0, as above) [B].
MAX_BUTTON_LOGIN_CODE_LENGTH = 15
#: The only digits IP Office takes in a login code or an extension: ASCII 0-9, never the
#: digits of other scripts that ``str.isdigit()`` accepts (full-width '１', Arabic-Indic '١').
ASCII_DIGITS = frozenset("0123456789")
#: Characters a name or label cannot hold: control characters (TOML refuses some raw, and a
#: display line has no place for any), line and paragraph separators, and lone surrogates
#: (not Unicode text: UTF-8 cannot write them).
_UNSAVABLE_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})


def refuse(subject: str, field: str, message: str) -> ConfigError:
    """A :class:`ConfigError` holding one problem."""
    return ConfigError([Problem(subject, field, message)])


def check_savable(text: str) -> int | None:
    """The index of the first character of ``text`` a site file cannot save and give back."""
    return next(
        (i for i, c in enumerate(text) if unicodedata.category(c) in _UNSAVABLE_CATEGORIES),
        None,
    )


def check_name(kind: str, name: object) -> str:
    """``name`` if Manager accepts it as a user or hunt group name, else ConfigError.

    Refused as typed: no text, more than 15 characters, a character a site file cannot hold,
    a space first or last (9.1 [B]: "Names should not start with a space"), and a quote or
    slash ("/" is among the characters Manager's help says not to use [B]; quotes and "\\"
    are the kit's own choice [C]).  The rest of Manager's advice (letters, digits and spaces
    only, no digit first) is advice, listed by the audit (:func:`name_advice`).  Uniqueness
    is a rule between records, checked by ``Config``.
    """
    if not isinstance(name, str) or not name.strip():
        raise refuse(kind, "Name", f"{kind} name {quote(name)} must be text, such as 'Agent3000'.")
    if len(name) > MAX_NAME_LENGTH:
        raise refuse(
            kind,
            "Name",
            f"{kind} name {quote(name)} has {len(name):,} characters; Manager allows at most "
            f"{MAX_NAME_LENGTH}.",
        )
    bad = check_savable(name)
    if bad is not None:
        raise refuse(
            kind,
            "Name",
            f"{kind} name {quote(name)} holds {name[bad]!r} as its {_ordinal(bad + 1)} "
            "character, which a site file cannot hold: remove it.",
        )
    if name != name.strip():
        raise refuse(
            kind, "Name", f"{kind} name {quote(name)} starts or ends with a space: remove it."
        )
    if any(c in name for c in '"/\\'):
        raise refuse(kind, "Name", f"{kind} name {quote(name)} holds a quote or slash: remove it.")
    return name


def name_advice(kind: str, name: object) -> str | None:
    """Why Manager's help advises against ``name`` as a user or hunt group name; None if not.

    Manager's help [B, the 3.x Manager-help copy, wording unchanged to 9.1]: "Only
    alphanumeric characters and space are supported in this field. Do not use punctuation
    characters such as #, ?, /, -, _ and ,. Do not start names with a numeric character."
    Those are *not supported*, not refused: :func:`check_name` refuses only what a site file
    cannot hold, quotes and slashes, so a site whose names break the advice still loads and
    merges, and the audit lists it.  Letters and digits of any script count as alphanumeric
    (the help lists punctuation, not accents: [C]).  One pass over at most 15 characters.

    >>> print(name_advice("User", "Sales-1_B"))
    User name 'Sales-1_B' holds '-' and '_', which Manager's help does not support: a name takes letters, digits and spaces only, and does not start with a digit.
    >>> print(name_advice("Hunt group", "2nd Line"))
    Hunt group name '2nd Line' starts with a digit, which Manager's help does not support: a name takes letters, digits and spaces only, and does not start with a digit.
    >>> name_advice("User", "Zoë Ångström") is None
    True
    """
    if not isinstance(name, str) or not name:
        return None  # not a name at all: check_name refuses it, validate() lists it
    if name.replace(" ", "").isalnum() and not name[0].isnumeric():
        return None  # the usual case, in one pass of C
    odd = list(dict.fromkeys(c for c in name if not (c.isalnum() or c == " ")))
    what = []
    if odd:
        shown = [repr(c) for c in odd[:5]] + (["more"] if len(odd) > 5 else [])
        what.append("holds " + (" and ".join(shown) if len(shown) < 3 else _listed(shown)))
    if name[0].isnumeric():
        what.append("starts with a digit")
    if not what:
        return None
    return (
        f"{kind} name {quote(name)} {' and '.join(what)}, which Manager's help does not "
        "support: a name takes letters, digits and spaces only, and does not start with a digit."
    )


def supported_name(name: str) -> str | None:
    """``name`` with what Manager's help does not support made spaces, if that leaves a name.

    None when nothing is left, or it still starts with a digit (only a person can choose the
    letters to put first).  A suggestion for the audit's advice, not a rule:

    >>> supported_name("Agent_3000"), supported_name("Sales-1"), supported_name("3000")
    ('Agent 3000', 'Sales 1', None)
    """
    kept = " ".join("".join(c if c.isalnum() else " " for c in name).split())
    return kept if kept and not kept[0].isnumeric() and kept != name else None


def _listed(items: list[str]) -> str:
    """``'a', 'b' and 'c'``: items joined as a sentence lists them."""
    return ", ".join(items[:-1]) + " and " + items[-1]


def check_extension(subject: str, extension: object, field: str = "Extension") -> str:
    """``extension`` if it is 2 to 9 digits 0-9 (IP Office 3.x), else ConfigError on ``field``."""
    if not isinstance(extension, str) or not ASCII_DIGITS.issuperset(extension) or not extension:
        raise refuse(
            subject,
            field,
            f"Extension {quote(extension)} of {subject} must be digits only, such as '3000'.",
        )
    if not 2 <= len(extension) <= 9:
        raise refuse(
            subject,
            field,
            f"Extension {quote(extension)} of {subject} has {len(extension):,} digits; IP Office "
            "takes 2 to 9 (CCC prefers at most 4).",
        )
    return extension


def check_login_code(subject: str, code: object) -> str:
    """``code`` if it is empty or up to 31 digits 0-9 (R2), else ConfigError.

    The one check of a login code's form: ASCII 0-9 only, as IP Office takes them, never
    the digits of other scripts that ``str.isdigit()`` accepts.  Its messages name the
    offending character, never the digits (masking.py).
    """
    if not isinstance(code, str):
        raise refuse(
            subject,
            "Telephony > Login Code",
            f"Login code of {subject} must be text of digits, such as '1234', not "
            f"{type(code).__name__} (User > Telephony > Login Code).",
        )
    bad = next((i for i, c in enumerate(code) if c not in ASCII_DIGITS), None)
    if bad is not None:
        # The message names the offending character, never the digits (masking.py).
        raise refuse(
            subject,
            "Telephony > Login Code",
            f"Login code of {subject} must be digits only, such as '1234': it has "
            f"{_character(code[bad])} as its {_ordinal(bad + 1)} character (User > Telephony > "
            "Login Code).",
        )
    if len(code) > MAX_LOGIN_CODE_LENGTH:
        raise refuse(
            subject,
            "Telephony > Login Code",
            f"Login code of {subject} has {len(code):,} digits; IP Office takes at most "
            f"{MAX_LOGIN_CODE_LENGTH} digits (User > Telephony > Login Code).",
        )
    return code


def problems_of(
    check: Callable[[], object], subject: str = "Configuration", field: str = ""
) -> list[Problem]:
    """The problems ``check()`` raises as an IpoError, as :class:`Problem` values; [] if none.

    ``validate()`` uses it to list a field that got behind its checks rather than raise; an
    error that is not a ConfigError of Problems becomes one about ``subject`` and ``field``.
    """
    try:
        check()
    except ConfigError as error:
        return [
            p if isinstance(p, Problem) else Problem(subject, field, str(p)) for p in error.problems
        ]
    except IpoError as error:
        return [Problem(subject, field, str(error))]
    except (TypeError, ValueError, RecursionError) as error:
        # A check that breaks on what got behind it (a message that cannot quote a number of
        # 5,000 digits, say) is still a problem listed, never an error out of validate().
        return [
            Problem(
                subject,
                field,
                f"{subject} holds a value its checks cannot read ({type(error).__name__}): "
                f"set {field or 'the field'} again through Manager's form.",
            )
        ]
    return []


def _character(c: str) -> str:
    """``c`` quoted, unless it is a digit of another script (that would be a digit of the code)."""
    return "a digit other than 0-9" if c.isdigit() or c.isnumeric() else repr(c)


def _ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th`` ... ``11th``, ``21st``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


T = TypeVar("T")


class CheckedList(list[T]):
    """A list whose every item passes ``check`` as it is put in, in place or not.

    A refused item leaves the list as it was.  ``edits`` counts the changes, so an owner
    that keeps an index of the list knows when to build it again.
    """

    edits = 0
    """How many times the list has been changed (an index built at another count is stale)."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        super().__init__(self._checked(items))

    def check(self, item: object) -> T:
        """``item`` if this list can hold it; else an IpoError.  Subclasses say what fits."""
        raise NotImplementedError

    def _checked(self, items: Iterable[object]) -> list[T]:
        return [self.check(item) for item in items]

    def copy_as_is(self) -> CheckedList[T]:
        """A copy of the same kind holding the same items, not checked again (fast)."""
        new = type(self).__new__(type(self))
        vars(new).update(vars(self))
        new.edits = 0
        list.extend(new, self)
        return new

    def _changed(self) -> None:
        self.edits += 1

    def append(self, item: T) -> None:
        """Add ``item`` at the end, if this list can hold it."""
        item = self.check(item)
        super().append(item)
        self._changed()

    def extend(self, items: Iterable[T]) -> None:
        """Add every item, or none if one is refused."""
        checked = self._checked(items)
        super().extend(checked)
        self._changed()

    def insert(self, index: SupportsIndex, item: T) -> None:
        """Put ``item`` before ``index``, if this list can hold it."""
        item = self.check(item)
        super().insert(index, item)
        self._changed()

    def __setitem__(self, index: Any, value: Any) -> None:
        value = self._checked(value) if isinstance(index, slice) else self.check(value)
        super().__setitem__(index, value)
        self._changed()

    def __iadd__(self, items: Iterable[T]) -> CheckedList[T]:  # type: ignore[override,misc]
        self.extend(items)
        return self

    def __imul__(self, times: SupportsIndex) -> CheckedList[T]:
        super().__imul__(times)
        self._changed()
        return self

    def __delitem__(self, index: Any) -> None:
        super().__delitem__(index)
        self._changed()

    def pop(self, index: SupportsIndex = -1) -> T:
        """Remove and return the item at ``index`` (the last by default)."""
        item = super().pop(index)
        self._changed()
        return item

    def remove(self, item: T) -> None:
        """Remove the first item equal to ``item``."""
        super().remove(item)
        self._changed()

    def clear(self) -> None:
        """Remove every item."""
        super().clear()
        self._changed()

    def sort(self, *args: Any, **kwargs: Any) -> None:
        """Sort in place, as ``list.sort``."""
        super().sort(*args, **kwargs)
        self._changed()

    def reverse(self) -> None:
        """Reverse in place."""
        super().reverse()
        self._changed()


K = TypeVar("K")
V = TypeVar("V")


class CheckedDict(dict[K, V]):
    """A dict whose every key and value pass ``check`` as they are put in, in place or not."""

    def __init__(self, items: Any = (), **kwargs: V) -> None:
        super().__init__()
        self.update(items, **kwargs)

    def check(self, key: object, value: object) -> tuple[K, V]:
        """``(key, value)`` if this table can hold them; else an IpoError."""
        raise NotImplementedError

    def __setitem__(self, key: K, value: V) -> None:
        key, value = self.check(key, value)
        super().__setitem__(key, value)

    def copy_as_is(self) -> CheckedDict[K, V]:
        """A copy of the same kind holding the same pairs, not checked again (fast)."""
        new = type(self).__new__(type(self))
        vars(new).update(vars(self))
        dict.update(new, self)
        return new

    def update(self, items: Any = (), **kwargs: V) -> None:
        """Put in every pair, or none if one is refused."""
        pairs = items.items() if hasattr(items, "keys") else items
        checked = [self.check(k, v) for k, v in [*pairs, *kwargs.items()]]
        super().update(checked)

    def setdefault(self, key: K, default: V = None) -> V:  # type: ignore[assignment]
        """``self[key]``, put in first as ``default`` when missing (if it can be held)."""
        if key not in self:
            self[key] = default
        return self[key]

    def __ior__(self, items: Any) -> CheckedDict[K, V]:  # type: ignore[override,misc]
        self.update(items)
        return self
