"""Short codes: what Manager stores, and how IP Office matches dialled digits.

A short code has four fields, as on Manager's Short Code form: **Short Code**
(what is dialled), **Telephone Number** (what the feature receives),
**Feature** (default ``Dial``) and **Line Group ID** (default 0).  Its text
form is the four fields joined by ``/`` and parses back to the same value:

>>> sc = ShortCode("#3000", "3000*1234", Feature.EXTN_LOGIN)
>>> str(sc)
'#3000/3000*1234/ExtnLogin/0'
>>> ShortCode.parse(str(sc)) == sc
True

Matching follows Manager's rules (reference section 2, rule R7).  A code is
used as soon as it matches exactly; while some code could still match, the
phone waits for more digits; with neither, the caller gets "Incompatible".

>>> login = ShortCode("*35*N#", "N", Feature.EXTN_LOGIN)
>>> login.match("*35*30").kind
<MatchKind.PARTIAL: 'partial'>
>>> m = login.match("*35*3000*1234#")
>>> m.kind, login.telephone_number_for(m)
(<MatchKind.EXACT: 'exact'>, '3000*1234')
>>> login.match("*36").kind
<MatchKind.NONE: 'none'>
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ipo_core.errors import ShortCodeError
from ipo_core.masking import mask_number
from ipo_core.quoting import quote

__all__ = [
    "DEFAULT_SYSTEM_SHORT_CODES",
    "DIAL_DELAY_TIME",
    "Feature",
    "Match",
    "MatchKind",
    "Resolution",
    "ShortCode",
    "resolve",
]

#: Dial Delay Time in model seconds (US default 4000 ms; reference section 2, rule R7).
DIAL_DELAY_TIME = 4.0

MAX_CODE_LENGTH = 31  # Manager: "Short Code (max 31 chars)"
DIALLABLE = frozenset("0123456789*#")
CODE_CHARACTERS = DIALLABLE | frozenset("NX?;")
NUMBER_CHARACTERS = DIALLABLE | frozenset("NEU?")


class Feature(enum.Enum):
    """A short-code feature, by the name Manager shows in its Feature list."""

    DIAL = "Dial"
    EXTN_LOGIN = "ExtnLogin"
    EXTN_LOGOUT = "ExtnLogout"
    DO_NOT_DISTURB_ON = "DoNotDisturbOn"
    DO_NOT_DISTURB_OFF = "DoNotDisturbOff"
    CANCEL_CALL_FORWARDING = "CancelCallForwarding"
    FORWARD_UNCONDITIONAL_ON = "ForwardUnconditionalOn"
    FORWARD_UNCONDITIONAL_OFF = "ForwardUnconditionalOff"
    FOLLOW_ME_TO = "FollowMeTo"
    VOICEMAIL_COLLECT = "VoicemailCollect"
    # The rest of the era's default table (docs/sources/ipo-details.md, 1b), and the hunt
    # group membership switch Manager has without a default code.
    FORWARD_ON_BUSY_ON = "ForwardOnBusyOn"
    FORWARD_ON_BUSY_OFF = "ForwardOnBusyOff"
    FORWARD_ON_NO_ANSWER_ON = "ForwardOnNoAnswerOn"
    FORWARD_ON_NO_ANSWER_OFF = "ForwardOnNoAnswerOff"
    FORWARD_NUMBER = "ForwardNumber"
    DO_NOT_DISTURB_EXCEPTION_ADD = "DoNotDisturbExceptionAdd"
    DO_NOT_DISTURB_EXCEPTION_DEL = "DoNotDisturbExceptionDel"
    FOLLOW_ME_HERE = "FollowMeHere"
    FOLLOW_ME_HERE_CANCEL = "FollowMeHereCancel"
    CALL_WAITING_ON = "CallWaitingOn"
    CALL_WAITING_OFF = "CallWaitingOff"
    SET_HUNT_GROUP_NIGHT_SERVICE = "SetHuntGroupNightService"
    CLEAR_HUNT_GROUP_NIGHT_SERVICE = "ClearHuntGroupNightService"
    CLEAR_CW = "ClearCW"
    HOLD_CW = "HoldCW"
    SUSPEND_CW = "SuspendCW"
    CALL_PICKUP_ANY = "CallPickupAny"
    CALL_PICKUP_GROUP = "CallPickupGroup"
    CALL_PICKUP_EXTN = "CallPickupExtn"
    PARK_CALL = "ParkCall"
    UNPARK_CALL = "UnparkCall"
    FORWARD_HUNTGROUP_CALLS_ON = "ForwardHuntgroupCallsOn"
    FORWARD_HUNTGROUP_CALLS_OFF = "ForwardHuntgroupCallsOff"
    FORWARD_ON_BUSY_NUMBER = "ForwardOnBusyNumber"
    HUNT_GROUP_ENABLE = "HuntGroupEnable"
    HUNT_GROUP_DISABLE = "HuntGroupDisable"

    @classmethod
    def from_name(cls, name: object) -> Feature:
        """The feature with Manager's name ``name`` (``'ExtnLogin'``), or ``name`` itself."""
        if isinstance(name, Feature):
            return name
        for feature in cls:
            if isinstance(name, str) and name.replace(" ", "").lower() == feature.value.lower():
                return feature
        known = ", ".join(f.value for f in cls)
        raise ShortCodeError(
            f"Feature {name!r} is not one the kit knows: choose one of {known}.", str(name)
        )

    @property
    def is_modelled(self) -> bool:
        """True when the kit carries this feature out; the others say they are not modelled."""
        return self in _MODELLED

    @property
    def function(self) -> str:
        """What the feature does, in a user guide's words (the phone's note quotes it).

        >>> Feature.FORWARD_ON_BUSY_ON.function
        'forward calls when busy on'
        """
        return _FUNCTIONS[self]

    @property
    def needs_number(self) -> bool:
        """True when the feature cannot work with an empty Telephone Number."""
        return self in (Feature.DIAL, Feature.EXTN_LOGIN, Feature.FOLLOW_ME_TO)

    def __str__(self) -> str:
        return self.value


#: Each feature's function, from the user guides and Manager help of docs/sources/ipo-details.md.
_FUNCTIONS: dict[Feature, str] = {
    Feature.DIAL: "dial the Telephone Number",
    Feature.EXTN_LOGIN: "log a user on at this phone",
    Feature.EXTN_LOGOUT: "log off the user at this phone",
    Feature.DO_NOT_DISTURB_ON: "do not disturb on",
    Feature.DO_NOT_DISTURB_OFF: "do not disturb off",
    Feature.CANCEL_CALL_FORWARDING: "cancel all forwarding",
    Feature.FORWARD_UNCONDITIONAL_ON: "forward direct (not hunt group) calls on",
    Feature.FORWARD_UNCONDITIONAL_OFF: "forward direct calls off",
    Feature.FOLLOW_ME_TO: "follow me to another extension (*14*# cancels)",
    Feature.VOICEMAIL_COLLECT: "collect voicemail",
    Feature.FORWARD_ON_BUSY_ON: "forward calls when busy on",
    Feature.FORWARD_ON_BUSY_OFF: "forward calls when busy off",
    Feature.FORWARD_ON_NO_ANSWER_ON: "forward calls on no answer on",
    Feature.FORWARD_ON_NO_ANSWER_OFF: "forward calls on no answer off",
    Feature.FORWARD_NUMBER: "set the number calls are forwarded to",
    Feature.DO_NOT_DISTURB_EXCEPTION_ADD: "add a number to the do not disturb exceptions",
    Feature.DO_NOT_DISTURB_EXCEPTION_DEL: "delete a number from the do not disturb exceptions",
    Feature.FOLLOW_ME_HERE: "follow me here: bring an extension's calls to this phone",
    Feature.FOLLOW_ME_HERE_CANCEL: "cancel follow me here",
    Feature.CALL_WAITING_ON: "call waiting on",
    Feature.CALL_WAITING_OFF: "call waiting off",
    Feature.SET_HUNT_GROUP_NIGHT_SERVICE: "put a hunt group into night service",
    Feature.CLEAR_HUNT_GROUP_NIGHT_SERVICE: "take a hunt group out of night service",
    Feature.CLEAR_CW: "clear the call and take the waiting call",
    Feature.HOLD_CW: "hold the call and take the waiting call",
    Feature.SUSPEND_CW: "suspend the call and take the waiting call",
    Feature.CALL_PICKUP_ANY: "answer a call ringing anywhere",
    Feature.CALL_PICKUP_GROUP: "answer a call ringing in your group",
    Feature.CALL_PICKUP_EXTN: "answer the call ringing at an extension",
    Feature.PARK_CALL: "park the call in a park slot",
    Feature.UNPARK_CALL: "take a call out of a park slot",
    Feature.FORWARD_HUNTGROUP_CALLS_ON: "forward hunt group calls too, on",
    Feature.FORWARD_HUNTGROUP_CALLS_OFF: "forward hunt group calls too, off",
    Feature.FORWARD_ON_BUSY_NUMBER: "set the busy and no answer forward number",
    Feature.HUNT_GROUP_ENABLE: "enable your membership of a hunt group",
    Feature.HUNT_GROUP_DISABLE: "disable your membership of a hunt group",
}

#: The features the kit carries out; every other one is accepted (confirmation tone) and
#: changes nothing, and the phone's note says so (docs/behaviour.md, section 7).
_MODELLED = frozenset(
    {
        Feature.DIAL,
        Feature.EXTN_LOGIN,
        Feature.EXTN_LOGOUT,
        Feature.DO_NOT_DISTURB_ON,
        Feature.DO_NOT_DISTURB_OFF,
    }
)


class MatchKind(enum.Enum):
    """How dialled digits stand against one short code."""

    EXACT = "exact"
    PARTIAL = "partial"
    NONE = "none"


@dataclass(frozen=True)
class Match:
    """The result of matching dialled digits against one short code."""

    kind: MatchKind
    """Exact (use it now), partial (keep dialling) or none."""
    digits: str = ""
    """The dialled characters that matched ``N`` and ``X``, for the Telephone Number."""


@dataclass(frozen=True, repr=False)
class ShortCode:
    """One short code as Manager stores it; parsed, and so checked, when it is made."""

    code: str
    """What is dialled: digits, ``*``, ``#`` and the match characters ``N X ? ;``."""
    number: str = ""
    """Telephone Number: digits, ``*``, ``#``, and ``N`` (matched digits), ``E`` (the
    dialling user's extension), ``U`` (their name)."""
    feature: Feature = Feature.DIAL
    """What the system does with it (Manager's Feature list)."""
    line_group_id: int = 0
    """Outgoing line group for Dial to an outside number (kept, not used by the kit)."""
    _regex: re.Pattern[str] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "feature", Feature.from_name(self.feature))
        if not isinstance(self.code, str) or not isinstance(self.number, str):
            raise ShortCodeError(
                f"Short code {self.code!r} -> {self.number!r}: both fields must be text, "
                "such as ShortCode('#3000', '3000*1234', Feature.EXTN_LOGIN).",
                str(self.code),
            )
        _check_code(self.code)
        _check_number(self.code, self.number, self.feature)
        group = self.line_group_id
        if not isinstance(group, int) or isinstance(group, bool) or group < 0:
            raise ShortCodeError(
                f"Line Group ID {self.line_group_id!r} of short code {self.code!r} must be a "
                "whole number 0 or more (0 is the default).",
                str(self.line_group_id),
            )
        object.__setattr__(self, "_regex", _regex_for(self.code))

    # --- text form ---------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> ShortCode:
        """Read ``'code/number/Feature[/line group]'``, the form ``str()`` writes."""
        if not isinstance(text, str):
            raise ShortCodeError(f"Short code text {text!r} must be a string.", repr(text))
        parts = text.strip().split("/")
        if len(parts) > 1:  # the number may hold a login code: mask it in any message
            text = mask_short_code_text(text.strip())
        if len(parts) not in (3, 4):
            raise ShortCodeError(
                f"Short code text {text!r} is not 'Short Code/Telephone Number/Feature' "
                "(for example '*35*N#/N/ExtnLogin').",
                text,
            )
        code, number, feature = (p.strip() for p in parts[:3])
        group = 0
        if len(parts) == 4:
            if not (parts[3].strip().isascii() and parts[3].strip().isdecimal()):
                raise ShortCodeError(
                    f"Line Group ID {parts[3]!r} in {text!r} must be a whole number such as 0.",
                    text,
                )
            group = int(parts[3])
        return cls(code, number, Feature.from_name(feature), group)

    def __str__(self) -> str:
        return f"{self.code}/{self.number}/{self.feature.value}/{self.line_group_id}"

    @property
    def masked_number(self) -> str:
        """The Telephone Number with any login code in it masked: ``'3000*••••'``."""
        return mask_number(self.number, login=self.feature is Feature.EXTN_LOGIN)

    def masked_text(self) -> str:
        """The text form with any login code in the number masked: ``'#3000/3000*••••/ExtnLogin/0'``.

        ``str()`` holds the digits, to parse back; this is the form to show, log or record.
        """
        return f"{self.code}/{self.masked_number}/{self.feature.value}/{self.line_group_id}"

    def __repr__(self) -> str:  # a login code never leaves in a repr (masking.py)
        return (
            f"ShortCode(code={self.code!r}, number={self.masked_number!r}, feature={self.feature!r}, "
            f"line_group_id={self.line_group_id!r})"
        )

    # --- matching ----------------------------------------------------------------------

    @cached_property
    def is_default_match(self) -> bool:
        """True for ``?``, the code used only when nothing else matches."""
        return self.code == "?"

    @cached_property
    def is_open_ended(self) -> bool:
        """True when the code ends in ``N`` or ``;``: it needs ``#`` or the dial delay (R7)."""
        return self.code.endswith(("N", ";"))

    @cached_property
    def literal_count(self) -> int:
        """How many literal digits, ``*`` and ``#`` the code holds (the first tie-break)."""
        return sum(1 for c in self.code if c in DIALLABLE)

    @cached_property
    def fixed_length(self) -> int:
        """Characters the code always takes: literals and ``X`` (``N`` may take none)."""
        return sum(1 for c in self.code if c in DIALLABLE or c == "X")

    def match(self, dialled: str, complete: bool = False) -> Match:
        """Match ``dialled`` against this code.

        ``complete`` means dialling is over (the Dial Delay Time ran out), so a
        code ending in ``N`` or ``;`` may match exactly.  A ``#`` dialled where an
        open-ended code could end is taken as "sending complete" (rule R7).
        """
        if self.is_default_match:
            return Match(MatchKind.EXACT, dialled) if dialled else Match(MatchKind.PARTIAL)
        before, states = _START, self._start
        for ch in dialled:
            before, states = states, self._step(states, ch)
            if not before:
                break
        kind = self._kind(before, states, dialled[-1:], complete)
        return self._match_of(dialled) if kind is MatchKind.EXACT else Match(kind)

    # The code as an automaton over its tokens (``;`` is not one, it only makes the code
    # open-ended): a state is how many tokens are behind, and ``N`` may take any number of
    # digits and ``*``.  Dialling feeds it one character at a time, so a long dial costs
    # each key the same (``DigitMatcher``); the regex only fills in the matched digits once.

    @cached_property
    def _tokens(self) -> tuple[str, ...]:
        return tuple(c for c in self.code if c != ";")

    @cached_property
    def _start(self) -> frozenset[int]:
        return _closure({0}, self._tokens)

    @cached_property
    def _steps(self) -> dict[tuple[frozenset[int], str], frozenset[int]]:
        return {}

    def _step(self, states: frozenset[int], ch: str) -> frozenset[int]:
        """The states after dialling ``ch`` in ``states`` (remembered: there are few)."""
        key = (states, ch)
        found = self._steps.get(key)
        if found is None:
            tokens, nxt = self._tokens, set()
            for i in states:
                t = tokens[i] if i < len(tokens) else ""
                if t == "N":
                    if ch in _N_TAKES:  # rule R7: N takes digits and '*', never '#'
                        nxt.add(i)
                elif (t == "X" and ch in _X_TAKES) or (t and t == ch):
                    nxt.add(i + 1)
            found = self._steps[key] = _closure(nxt, tokens)
        return found

    def _kind(
        self, before: frozenset[int], states: frozenset[int], last: str, complete: bool
    ) -> MatchKind:
        """Exact, partial or none, from the states before and after the last character."""
        end = len(self._tokens)
        if self.is_open_ended and last == "#" and end in before:
            return MatchKind.EXACT  # the '#' is "sending complete" (rule R7)
        if end in states and (complete or not self.is_open_ended):
            return MatchKind.EXACT
        if not complete and states and (min(states) < end or self.is_open_ended):
            return MatchKind.PARTIAL
        return MatchKind.NONE

    def _match_of(self, dialled: str) -> Match:
        """The exact match of ``dialled`` with the digits that ``N`` and ``X`` took."""
        if self.is_open_ended and dialled.endswith("#"):
            found = self._regex.fullmatch(dialled[:-1])
            if found is not None:
                return Match(MatchKind.EXACT, "".join(found.groups()))
        found = self._regex.fullmatch(dialled)
        assert found is not None  # the automaton said exact
        return Match(MatchKind.EXACT, "".join(found.groups()))

    def telephone_number_for(
        self, match: Match, *, extension: str = "", user_name: str = ""
    ) -> str:
        """The Telephone Number with ``N``, ``E`` and ``U`` replaced for this call."""
        out = []
        for c in self.number:
            if c == "N":
                out.append(match.digits)
            elif c == "E":
                out.append(extension)
            elif c == "U":
                out.append(user_name)
            else:
                out.append(c)
        return "".join(out)

    def rank(self, dialled: str) -> tuple[int, int]:
        """Tie-break among exact matches: most literal digits, then closest length."""
        return self._rank(len(dialled), dialled[-1:])

    def _rank(self, length: int, last: str) -> tuple[int, int]:
        if self.is_open_ended and last == "#":
            length -= 1  # the '#' was "sending complete", not part of the code
        return (self.literal_count, -abs(length - self.fixed_length))


def _check_code(code: str) -> None:
    if not code:
        raise ShortCodeError(
            f"Short code {code!r} is empty: type what is dialled, such as '#3000' or '*35*N#'.",
            code,
        )
    if len(code) > MAX_CODE_LENGTH:
        raise ShortCodeError(
            f"Short code {code!r} has {len(code)} characters; Manager takes at most "
            f"{MAX_CODE_LENGTH}.",
            code,
        )
    bad = sorted({c for c in code if c not in CODE_CHARACTERS})
    if bad:
        raise ShortCodeError(
            f"Short code {code!r} holds {''.join(bad)!r}: a short code may only hold digits, "
            "'*', '#' and the match characters N, X, ? and ; (capital letters).",
            code,
        )
    if "?" in code and code != "?":
        raise ShortCodeError(
            f"Short code {code!r}: '?' is the default match and must stand alone as '?'.", code
        )
    if ";" in code[:-1]:
        raise ShortCodeError(
            f"Short code {code!r}: ';' (receive sending complete) may only be the last character.",
            code,
        )
    if code.count("N") > 1:
        raise ShortCodeError(
            f"Short code {code!r} has more than one N: use one N, and X for single digits.", code
        )


def _check_number(code: str, number: str, feature: Feature) -> None:
    shown = mask_number(number, login=feature is Feature.EXTN_LOGIN)  # no login code in a message
    bad = sorted({c for c in number if c not in NUMBER_CHARACTERS})
    if bad:
        raise ShortCodeError(
            f"Telephone Number {shown!r} of short code {code!r} holds {''.join(bad)!r}: use "
            "digits, '*', '#', N (the digits that matched), E (the extension) or U (the name).",
            shown,
        )
    if len(number) > MAX_CODE_LENGTH:
        raise ShortCodeError(
            f"Telephone Number {shown!r} of short code {code!r} is longer than "
            f"{MAX_CODE_LENGTH} characters.",
            shown,
        )
    if feature.needs_number and not number:
        raise ShortCodeError(
            f"Short code {code!r} with feature {feature.value} needs a Telephone Number, "
            "such as 'N' or '3000*1234'.",
            code,
        )
    if "N" in number and "N" not in code and "X" not in code:
        raise ShortCodeError(
            f"Telephone Number {shown!r} uses N, but short code {code!r} has no N or X to "
            "match digits: add N to the short code or write the digits out.",
            shown,
        )


def _regex_for(code: str) -> re.Pattern[str]:
    parts = []
    for c in code:
        if c == "N":
            parts.append("([0-9*]*)")  # rule R7: N takes digits and '*', never '#'
        elif c == "X":
            parts.append("([0-9])")
        elif c in ";?":
            continue
        else:
            parts.append(re.escape(c))
    return re.compile("".join(parts))


_N_TAKES = frozenset("0123456789*")
_X_TAKES = frozenset("0123456789")
_START: frozenset[int] = frozenset({-1})  # "before the first character": not a dead end


def _closure(states: set[int], tokens: Sequence[str]) -> frozenset[int]:
    """``states`` and every state reached from them by ``N`` taking no digits."""
    out = set(states)
    for i in sorted(states):
        j = i
        while j < len(tokens) and tokens[j] == "N":
            j += 1
            out.add(j)
    return frozenset(out)


# --- resolution across the three levels --------------------------------------------------


@dataclass(frozen=True)
class Resolution:
    """What the system does with the digits dialled so far."""

    kind: MatchKind
    """Exact (act now), partial (wait for more) or none ("Incompatible")."""
    level: str = ""
    """Where the match was found: ``'extension'``, ``'user'`` or ``'system'``."""
    short_code: ShortCode | None = None
    """The short code used, for the user and system levels."""
    number: str = ""
    """The Telephone Number after substitution, or the extension dialled."""
    matcher: DigitMatcher | None = field(default=None, repr=False, compare=False)
    """The matcher that decided it, to go on dialling from these digits (a phone does)."""

    @property
    def feature(self) -> Feature:
        """The feature to carry out; dialling an extension is a Dial."""
        return self.short_code.feature if self.short_code is not None else Feature.DIAL


class DigitMatcher:
    """Digits dialled one key at a time, matched as they come (rule R7; see :func:`resolve`).

    Each key costs the same however many came before it: every short code keeps where its
    automaton stands, a code that can no longer match is dropped, and extensions are only
    looked at while the digits are no longer than the longest of them.  So a 100,000-digit
    dial costs a hundred times a 1,000-digit one, not ten thousand times.

    >>> m = DigitMatcher(extensions=["3000"], system_codes=DEFAULT_SYSTEM_SHORT_CODES)
    >>> m.add("*35*3000*")
    >>> m.resolution().kind
    <MatchKind.PARTIAL: 'partial'>
    >>> m.add("1234#")
    >>> m.resolution().number
    '3000*1234'
    """

    def __init__(
        self,
        *,
        extensions: Iterable[str],
        user_codes: Sequence[ShortCode] = (),
        system_codes: Sequence[ShortCode] = (),
        extension: str = "",
        user_name: str = "",
    ) -> None:
        self._candidates = list(dict.fromkeys(extensions))  # extensions the digits begin
        self._longest = max(map(len, self._candidates), default=0)
        self._extension, self._user_name = extension, user_name
        self._chunks: list[str] = []
        self._length = 0
        self._last = ""
        # Per level: [short code, states before the last character, states now], live only.
        self._levels: list[tuple[str, list[list[Any]]]] = []
        self._fallback: tuple[str, ShortCode] | None = None
        for level, codes in (("user", user_codes), ("system", system_codes)):
            live: list[list[Any]] = []
            for sc in codes:
                if sc.is_default_match:
                    self._fallback = self._fallback or (level, sc)
                else:
                    live.append([sc, _START, sc._start])
            self._levels.append((level, live))

    @property
    def length(self) -> int:
        """How many characters have been dialled."""
        return self._length

    @property
    def dialled(self) -> str:
        """Everything dialled so far."""
        if len(self._chunks) > 1:
            self._chunks = ["".join(self._chunks)]
        return self._chunks[0] if self._chunks else ""

    def add(self, chars: str) -> None:
        """Dial ``chars`` after what was dialled before."""
        if not chars:
            return
        self._chunks.append(chars)
        self._length += len(chars)
        self._last = chars[-1]
        if self._candidates:  # an extension is 2-9 digits: only a short dial can be one
            short = self._length <= self._longest
            head = self.dialled if short else ""
            self._candidates = [e for e in self._candidates if short and e.startswith(head)]
        for _, live in self._levels:
            kept = []
            for entry in live:
                sc, before, states = entry
                for ch in chars:
                    before, states = states, sc._step(states, ch)
                    if not before:
                        break
                if before:  # still alive: it may match, or its '#' may end it (rule R7)
                    entry[1], entry[2] = before, states
                    kept.append(entry)
            live[:] = kept

    def resolution(self, complete: bool = False) -> Resolution:
        """What the digits dialled so far mean, by Manager's precedence (rule R7)."""
        dialled_length = self._length
        candidates = self._candidates
        if candidates and dialled_length <= self._longest:
            head = self.dialled
            if head in candidates:
                return Resolution(MatchKind.EXACT, "extension", None, head, self)
        partial = not complete and bool(candidates) and dialled_length <= self._longest
        for level, live in self._levels:
            best: tuple[tuple[int, int], ShortCode] | None = None
            for sc, before, states in live:
                kind = sc._kind(before, states, self._last, complete)
                if kind is MatchKind.EXACT:
                    key = sc._rank(dialled_length, self._last)
                    if best is None or key > best[0]:
                        best = (key, sc)
                elif kind is MatchKind.PARTIAL:
                    partial = True
            if best is not None:
                sc = best[1]
                number = sc.telephone_number_for(
                    sc._match_of(self.dialled), extension=self._extension, user_name=self._user_name
                )
                return Resolution(MatchKind.EXACT, level, sc, number, self)
        if partial:
            return Resolution(MatchKind.PARTIAL, matcher=self)
        if self._fallback is not None and dialled_length:
            level, sc = self._fallback
            m = sc.match(self.dialled)
            number = sc.telephone_number_for(
                m, extension=self._extension, user_name=self._user_name
            )
            return Resolution(MatchKind.EXACT, level, sc, number, self)
        return Resolution(MatchKind.NONE, matcher=self)


def resolve(
    dialled: str,
    *,
    extensions: Iterable[str],
    user_codes: Sequence[ShortCode] = (),
    system_codes: Sequence[ShortCode] = (),
    complete: bool = False,
    extension: str = "",
    user_name: str = "",
) -> Resolution:
    """Decide what ``dialled`` means, by Manager's precedence (rule R7).

    Extension numbers come first, then the dialling user's short codes, then the
    system's.  The first level with an exact match wins at once; among exact
    matches in one level the most literal digits win, then the closest length.
    Otherwise any partial match anywhere waits for more digits; otherwise ``?``
    is used if there is one, and failing that the answer is "Incompatible".
    The answer's ``matcher`` goes on from ``dialled`` one key at a time.

    >>> codes = [ShortCode("*36", "", Feature.EXTN_LOGOUT), ShortCode("*3X", "N")]
    >>> resolve("*36", extensions=["3000"], system_codes=codes).short_code.feature
    <Feature.EXTN_LOGOUT: 'ExtnLogout'>
    >>> resolve("30", extensions=["3000"]).kind
    <MatchKind.PARTIAL: 'partial'>
    >>> resolve("3000", extensions=["3000"]).level
    'extension'
    """
    matcher = DigitMatcher(
        extensions=extensions,
        user_codes=user_codes,
        system_codes=system_codes,
        extension=extension,
        user_name=user_name,
    )
    matcher.add(dialled)
    return matcher.resolution(complete)


def login_dials(short_codes: Iterable[ShortCode]) -> tuple[tuple[str, str], ...]:
    """What each ExtnLogin short code with ``N`` dials before and after it: ``('*35*', '#')``.

    Longest first before ``N``, so a longer prefix is tried before one it starts with.
    """
    found = {
        (before, after)
        for sc in short_codes
        if sc.feature is Feature.EXTN_LOGIN and "N" in sc.code and "N" in sc.number
        for before, _, after in [sc.code.partition("N")]
        if before
    }
    return tuple(sorted(found, key=lambda d: (-len(d[0]), d)))


def mask_short_code_text(text: str) -> str:
    """Short code text as typed (``'#3000/3000*1234/ExtnLogin'``) with its login code masked.

    The Telephone Number is masked as an ExtnLogin's unless a Feature says it is another's.
    """
    parts = text.split("/")
    if len(parts) < 2:
        return text
    login = len(parts) < 3 or parts[2].strip().lower() == Feature.EXTN_LOGIN.value.lower()
    return "/".join([parts[0], mask_number(parts[1], login=login), *parts[2:]])


def quote_short_code(value: object) -> str:
    """``quote(value)`` for a message, its login code masked when it is short code text.

    >>> print(quote_short_code("#3000/3000*1234/ExtnLogin"))
    '#3000/3000*••••/ExtnLogin'
    """
    return quote(mask_short_code_text(value) if isinstance(value, str) else value)


#: The default system short codes a new configuration holds: the 1.x-3.x table as
#: docs/sources/ipo-details.md section 1b assembles it (its code and function from the
#: source named, the Feature spelling Manager's; confidence A/B/C as the notes give it; B
#: is an Avaya text later than 1.3).  No default code switches hunt group membership
#: (HuntGroupEnable/Disable): none was found in any source [C].  The kit carries out
#: ExtnLogin, ExtnLogout and DND; the others are accepted and change nothing (phone.py).
DEFAULT_SYSTEM_SHORT_CODES: tuple[ShortCode, ...] = (
    # C: not in the 2003 list; the name from Manager's list.
    ShortCode("*00", "", Feature.CANCEL_CALL_FORWARDING),
    # A: 2420 User Guide 40DHB0002USEG Iss. 1 (2003), "forward direct station (i.e. not Hunt
    # Group) calls on dial *01, ... off dial *02"; Feature names C.
    ShortCode("*01", "", Feature.FORWARD_UNCONDITIONAL_ON),
    ShortCode("*02", "", Feature.FORWARD_UNCONDITIONAL_OFF),
    # A: same guide, "forward on busy on dial *03, ... off dial *04"; names C.
    ShortCode("*03", "", Feature.FORWARD_ON_BUSY_ON),
    ShortCode("*04", "", Feature.FORWARD_ON_BUSY_OFF),
    # A: same guide, "forward on no answer on dial *05, ... off dial *06"; names C.
    ShortCode("*05", "", Feature.FORWARD_ON_NO_ANSWER_ON),
    ShortCode("*06", "", Feature.FORWARD_ON_NO_ANSWER_OFF),
    # A: same guide, "*07*201#, forwarding to 201"; name C.
    ShortCode("*07*N#", "N", Feature.FORWARD_NUMBER),
    # A: 5420 guide 40DHB0002UKEG Iss. 4 (2004) and B: 2410 guide, "dial *08. An N is
    # displayed ... off, dial *09"; names C.
    ShortCode("*08", "", Feature.DO_NOT_DISTURB_ON),
    ShortCode("*09", "", Feature.DO_NOT_DISTURB_OFF),
    # A: 2004 guide "*10*N# to add a nu[mber]" (truncated); B: 2410 guide, *10*N# add and
    # *11*N# delete an exception; name of *10 B (12.3 help), of *11 C.
    ShortCode("*10*N#", "N", Feature.DO_NOT_DISTURB_EXCEPTION_ADD),
    ShortCode("*11*N#", "N", Feature.DO_NOT_DISTURB_EXCEPTION_DEL),
    # A: 2003 guide, "*12*N# from the extension you are temporarily using", "*13*N# to
    # re-direct the calls back"; names C.
    ShortCode("*12*N#", "N", Feature.FOLLOW_ME_HERE),
    ShortCode("*13*N#", "N", Feature.FOLLOW_ME_HERE_CANCEL),
    # A: 2003 guide, "*14*N# from your own extension", "*14*# to cancel"; B: 8.1 help
    # "*14*N#/N/FollowMeTo".
    ShortCode("*14*N#", "N", Feature.FOLLOW_ME_TO),
    # A: 2003 guide and 3.0 Manager help callwaiting.htm, "*15 - Call Waiting On ... *16".
    ShortCode("*15", "", Feature.CALL_WAITING_ON),
    ShortCode("*16", "", Feature.CALL_WAITING_OFF),
    # B: 8.1 help, "*17/?U/VoicemailCollect".
    ShortCode("*17", "?U", Feature.VOICEMAIL_COLLECT),
    # B: 9500 user guide, "Night Service Status On: *20*N# ... Off: *21*N#", and Manager
    # help quoted on tek-tips, "(See default short code *20*N# ...)"; names B/C.
    ShortCode("*20*N#", "N", Feature.SET_HUNT_GROUP_NIGHT_SERVICE),
    ShortCode("*21*N#", "N", Feature.CLEAR_HUNT_GROUP_NIGHT_SERVICE),
    # A: 3.0 Manager help callwaiting.htm, "*26 - Clear CW ... *27*N# - Hold CW ...
    # *28*N# - Suspend CW".
    ShortCode("*26", "", Feature.CLEAR_CW),
    ShortCode("*27*N#", "N", Feature.HOLD_CW),
    ShortCode("*28*N#", "N", Feature.SUSPEND_CW),
    # A: 2420 guide, IP Office 3.0(DT), Iss. 3d (2005), "*30 to answer a call ringing
    # anywhere", "*31 ... within your group", "*32*201# ... a particular extension"; names C.
    ShortCode("*30", "", Feature.CALL_PICKUP_ANY),
    ShortCode("*31", "", Feature.CALL_PICKUP_GROUP),
    ShortCode("*32*N#", "N", Feature.CALL_PICKUP_EXTN),
    # A: Tech Tip 014 and 3.0 Manager help hotdesking.htm, "Dial *35*N*C#" and "dial *36"
    # (reference section 2; rules R3-R5).
    ShortCode("*35*N#", "N", Feature.EXTN_LOGIN),
    ShortCode("*36", "", Feature.EXTN_LOGOUT),
    # B: 9500 and 1400 user guides (later than 1.3), park *37*N#, unpark *38*N#.
    ShortCode("*37*N#", "N", Feature.PARK_CALL),
    ShortCode("*38*N#", "N", Feature.UNPARK_CALL),
    # A: 5420 guide 40DHB0002UKEG Iss. 4 (2004), "forward Hunt Group Calls On/Off, use *50
    # and *51"; names C.
    ShortCode("*50", "", Feature.FORWARD_HUNTGROUP_CALLS_ON),
    ShortCode("*51", "", Feature.FORWARD_HUNTGROUP_CALLS_OFF),
    # C: a blog quoting Manager help of a later release.
    ShortCode("*57*N#", "N", Feature.FORWARD_ON_BUSY_NUMBER),
)
