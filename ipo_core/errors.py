"""The kit's exceptions: one base, a small tree, messages a trainee can act on.

Normal outcomes are results, not exceptions: a wrong login code shows "Invalid"
on the handset, dialled digits that match nothing show "Incompatible", and a key
pressed where it means nothing is reported on the display snapshot.  What raises
is a mistake in how the kit is used or configured::

    IpoError                      base of everything the kit raises on purpose
    ├── WrongType (TypeError)     a public call given a value of the wrong kind
    ├── ConfigError (ValueError)  Manager refuses a configuration; ``.problems``
    │   └── ConfigFileError       a site file cannot be read; names line or field
    ├── ShortCodeError (ValueError)
    │                             a short code or Telephone Number cannot be parsed
    ├── UnknownName (LookupError) no user, station, hunt group or model by that name
    ├── KeyNotOnHandset (LookupError)
    │                             a key this handset model does not have
    ├── SoftkeyNotShown (LookupError)
    │                             a softkey label that is not on the display now
    ├── ModelTimeError (ValueError)
    │                             model time asked to run backwards, or by what is not
    │                             a finite number of seconds
    ├── CallStateError (ValueError)
    │                             a call asked to do what its state does not allow
    └── ScenarioError (ValueError)
                                  a simulated day that cannot be run

Every message quotes the offending value (``repr``, cut to about 100 characters by
:func:`ipo_core.quoting.quote`) and says what to do, and
every exception carries its data as attributes, so a widget can show it in a
status line and a test can check it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ipo_core.quoting import quote

__all__ = [
    "CallStateError",
    "ConfigError",
    "ConfigFileError",
    "IpoError",
    "KeyNotOnHandset",
    "ModelTimeError",
    "Problem",
    "ScenarioError",
    "ShortCodeError",
    "SoftkeyNotShown",
    "UnknownName",
    "WrongType",
]


class IpoError(Exception):
    """Base class of every error the kit raises on purpose."""


class WrongType(IpoError, TypeError):
    """A public call given a value of the wrong kind (``None`` for a station, a list for a time).

    ``what`` names the argument as the trainee or engineer knows it, ``expected`` says what it
    takes, ``value`` is what was given.  ``shown``, where the value may hold a login code, is
    the masked text the message shows instead, and it is what ``value`` keeps too: the error
    travels (to a log, a widget, a traceback's locals) and must not carry the digits.  The message quotes the value (at most about 100
    characters of it, :func:`ipo_core.quoting.quote`) and says what to pass instead.  Nothing
    was changed before it is raised.

    >>> print(WrongType("station", "a station number such as '3000'", None))
    The station must be a station number such as '3000', not None (NoneType).
    """

    def __init__(
        self, what: str, expected: str, value: object, *, shown: str | None = None
    ) -> None:
        self.what = what
        self.expected = expected
        # ``shown`` stands in for the value where it may hold a login code (masking.py).
        self.value = value if shown is None else shown
        quoted = quote(value) if shown is None else shown
        super().__init__(f"The {what} must be {expected}, not {quoted} ({type(value).__name__}).")

    @classmethod
    def unless_callable(cls, what: str, expected: str, value: object) -> None:
        """Raise one unless ``value`` can be called: a hook, a watcher, a timer's action.

        >>> WrongType.unless_callable("watcher", "a function taking an Event", print)
        >>> WrongType.unless_callable("watcher", "a function taking an Event", "print")
        Traceback (most recent call last):
        ipo_core.errors.WrongType: The watcher must be a function taking an Event, not 'print' (str).
        """
        if not callable(value):
            raise cls(what, expected, value)


@dataclass(frozen=True)
class Problem:
    """One reason Manager refuses a configuration: what a :class:`ConfigError` holds."""

    subject: str
    """What it is about, as Manager's tree names it: ``"User Agent3000 (3000)"``."""
    field: str
    """The form field to change: ``"Telephony > Login Code"``."""
    message: str
    """The whole sentence: what is wrong, the value, and what to do."""

    def __str__(self) -> str:
        return self.message


class ConfigError(IpoError, ValueError):
    """Manager refuses a configuration: ``problems`` lists every reason.

    Raised by ``System(config)`` and ``System.merge(draft)`` when
    ``Config.validate()`` is not empty, and by a field that Manager would not
    accept as typed (a login code with letters).  The running system is left
    exactly as it was.
    """

    def __init__(self, problems: Iterable[Problem | str]) -> None:
        self.problems: tuple[Problem | str, ...] = tuple(problems)
        if len(self.problems) == 1:
            text = str(self.problems[0])
        else:
            lines = "\n".join(f"  - {p}" for p in self.problems)
            text = f"Manager refuses this configuration ({len(self.problems)} problems):\n{lines}"
        super().__init__(text)


class ConfigFileError(ConfigError):
    """A site file cannot be loaded; each problem names its line or field."""

    def __init__(self, path: str, problems: Iterable[str]) -> None:
        self.path = path
        probs = tuple(problems)
        super().__init__(probs)
        lines = "\n".join(f"  - {p}" for p in probs)
        self.args = (f"Cannot load site file {path!r}:\n{lines}",)


class ShortCodeError(IpoError, ValueError):
    """A short code, Telephone Number or feature name that cannot be parsed."""

    def __init__(self, message: str, value: str) -> None:
        self.value = value
        super().__init__(message)


class UnknownName(IpoError, LookupError):
    """No user, station, hunt group, call, feature or handset model by that name.

    ``known`` lists the names there are; ``hint`` (a sentence or two) says what to do when a
    list would not help, as for a call that another System made.
    """

    def __init__(
        self, kind: str, name: object, known: Iterable[str] = (), *, hint: str = ""
    ) -> None:
        self.kind = kind
        self.name = name
        self.known = tuple(known)
        listed = f" Known: {', '.join(self.known)}." if self.known else ""
        advice = f" {hint}" if hint else ""
        super().__init__(f"There is no {kind} {quote(name)}.{listed}{advice}")

    def __str__(self) -> str:  # LookupError would otherwise repr() the message
        return str(self.args[0])


class KeyNotOnHandset(IpoError, LookupError):
    """A key that the handset model does not have (Menu on a 4606, say)."""

    def __init__(self, key: object, model: str, keys: Iterable[str], why: str = "") -> None:
        self.key = key
        self.model = model
        self.keys = tuple(keys)
        self.why = why
        """What a trainee at that phone needs to know ("The 4606 has no softkeys or Menu keys,
        so ... use *35*Extn*Code# and *36."), or ''; the message adds the engineer's detail."""
        reason = f" {why}" if why else ""
        super().__init__(
            f"The {model} has no key {quote(key)}.{reason} Its keys are: {' '.join(self.keys)}."
        )

    def __str__(self) -> str:
        return str(self.args[0])


class SoftkeyNotShown(IpoError, LookupError):
    """A softkey label pressed that the display does not show now."""

    def __init__(self, label: str, shown: Iterable[str]) -> None:
        self.label = label
        self.shown = tuple(s for s in shown if s)
        now = ", ".join(quote(s) for s in self.shown) or "none"
        super().__init__(
            f"No softkey {quote(label)} is shown now (shown: {now}). "
            "Look at the display and press one of the labels shown."
        )

    def __str__(self) -> str:
        return str(self.args[0])


class ModelTimeError(IpoError, ValueError):
    """Model time only moves forward, by a finite number of seconds (NaN never reaches it)."""


class CallStateError(IpoError, ValueError):
    """A call asked to do what its state does not allow (answer an ended call, say)."""

    def __init__(self, message: str, call: int, state: str) -> None:
        self.call = call
        self.state = state
        super().__init__(message)


class ScenarioError(IpoError, ValueError):
    """A scenario for the shift simulator that cannot be run (a share above 1, say)."""
