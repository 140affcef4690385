"""Site files: a configuration as a TOML file a person can read and edit.

``Config.save`` writes every field in a fixed order, so a file the kit wrote
loads and saves back byte for byte, and ``Config.load(path)`` gives a config
equal to the one saved.  A hand-edited file may leave out any field that has a
default.  Every mistake in a file is reported at once, each with its line and
field, and nothing is loaded.

>>> from ipo_core.site.config import Config
>>> from ipo_core.site.examples import TECH_TIP_014
>>> text = TECH_TIP_014.read_text(encoding="utf-8")
>>> dumps(Config.loads(text)) == text
True
>>> Config.loads('[[user]]\\nname = "Agent3000"\\nextension = "3000"\\nlogin_code = "12ab"\\n')
Traceback (most recent call last):
...
ipo_core.errors.ConfigFileError: Cannot load site file '<text>':
  - line 4 (user[1].login_code): Login code of user 'Agent3000' must be digits only, such as '1234': it has 'a' as its 3rd character (User > Telephony > Login Code).
"""

from __future__ import annotations

import bisect
import json
import os
import re
import sys
import tomllib
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from ipo_core.bulk import collector_paused
from ipo_core.errors import ConfigError, ConfigFileError, IpoError, WrongType
from ipo_core.quoting import cut, quote
from ipo_core.site.buttons import Button
from ipo_core.site.hunt_groups import HuntGroup
from ipo_core.site.shortcodes import ShortCode, quote_short_code
from ipo_core.site.users import User, check_user_field
from ipo_core.site.validation import ASCII_DIGITS

__all__ = ["dumps", "loads", "read"]

HEADER = (
    "# IP Office site for the logon-agent kit (ipo_core).  Load it with Config.load(path).\n"
    "# Short codes are 'Short Code/Telephone Number/Feature/Line Group ID'.\n"
    "# Buttons are 'ExtnLogout', 'ExtnLogin' or 'Dial <number>', by position (1 = first).\n"
)

_FIELDS: dict[str, tuple[str, ...]] = {
    "system": ("short_codes",),
    "extension": ("base_extension", "model"),
    "user": (
        "name",
        "extension",
        "force_login",
        "login_code",
        "wrap_up_time",
        "short_codes",
        "buttons",
    ),
    "hunt_group": ("name", "extension", "mode", "members", "no_answer_time", "queuing"),
}
_REQUIRED = {
    "system": (),
    "extension": ("base_extension", "model"),
    "user": ("name", "extension"),
    "hunt_group": ("name", "extension"),
}


class Site(Protocol):
    """What a site file is written from and read into: a ``Config`` (``ipo_core.site.config``).

    The file format needs only these, so ``Config.save`` and ``Config.load`` use this module
    and this module does not import ``Config``.
    """

    @property
    def extensions(self) -> Sequence[Any]: ...
    @property
    def users(self) -> Sequence[User]: ...
    @property
    def hunt_groups(self) -> Sequence[HuntGroup]: ...
    @property
    def short_codes(self) -> Sequence[ShortCode]: ...
    @short_codes.setter
    def short_codes(self, records: Iterable[ShortCode]) -> None: ...
    def add_extension(self, base_extension: str, model: str = ...) -> None: ...
    def add_user(self, user: User) -> None: ...
    def add_hunt_group(self, group: HuntGroup) -> None: ...


def dumps(config: Site) -> str:
    """The site file text for ``config``: every field, in a fixed order."""
    out = [HEADER, "[system]", "short_codes = " + _list(str(sc) for sc in config.short_codes)]
    for e in config.extensions:
        out += [
            "",
            "[[extension]]",
            f"base_extension = {_q(e.base_extension)}",
            f"model = {_q(e.model)}",
        ]
    for u in config.users:
        buttons = ", ".join(f"{_q(str(p))} = {_q(str(b))}" for p, b in sorted(u.buttons.items()))
        out += [
            "",
            "[[user]]",
            f"name = {_q(u.name)}",
            f"extension = {_q(u.extension)}",
            f"force_login = {_bool(u.force_login)}",
            f"login_code = {_q(u.login_code)}",
            f"wrap_up_time = {u.wrap_up_time}",
            "short_codes = " + _list(str(sc) for sc in u.short_codes),
            "buttons = {" + (f" {buttons} " if buttons else "") + "}",
        ]
    for g in config.hunt_groups:
        out += [
            "",
            "[[hunt_group]]",
            f"name = {_q(g.name)}",
            f"extension = {_q(g.extension)}",
            f"mode = {_q(g.mode.value)}",
            "members = " + _list(g.members),
            f"no_answer_time = {g.no_answer_time}",
            f"queuing = {_bool(g.queuing)}",
        ]
    return "\n".join(out) + "\n"


def read(path: str | Path, config: Site) -> None:
    """Read the site file at ``path`` into ``config``, an empty ``Config`` (``Config.load``)."""
    if not isinstance(path, str | os.PathLike):
        raise WrongType("site file path", "a path such as 'site.toml'", path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigFileError(str(path), [f"cannot read it: {error.strerror}"]) from None
    except UnicodeDecodeError:
        raise ConfigFileError(str(path), ["it is not UTF-8 text: save it as UTF-8"]) from None
    except ValueError as error:  # a path Python cannot pass to the system (a NUL in it)
        raise ConfigFileError(str(path), [f"cannot read it: {error}"]) from None
    loads(text, config, str(path))


def loads(text: str, config: Site, name: str = "<text>") -> None:
    """Read a site from its file text into ``config``, an empty ``Config``; ``name`` is used in
    messages.  On a ConfigFileError ``config`` is to be thrown away (``Config.loads`` does).

    Linear in the size of the file: every record is checked and added once, and a problem
    looks up its line only in its own table.
    """
    if not isinstance(text, str):
        raise WrongType("site file text", "the text of a site file (str)", text)
    with collector_paused():  # every record is new and acyclic: nothing to collect (bulk.py)
        _loads(text, config, name)


def _loads(text: str, config: Site, name: str) -> None:
    reader = _Reader(text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigFileError(name, [f"not valid TOML: {cut(str(error), _MAX_MESSAGE)}"]) from None
    except (RecursionError, ValueError):
        # tomllib recurses once per bracket and gives Python's int() every number: a value
        # nested thousands deep or a number of thousands of digits escapes it (issue 12).
        raise ConfigFileError(name, [reader.unreadable()]) from None
    # config has the default short codes, unless [system] gives its own list (read below)
    for key in data:
        if key not in _FIELDS:
            reader.problem(
                key,
                0,
                None,
                f"unknown section {quote(key)}: use [system], [[extension]], [[user]] or "
                "[[hunt_group]]",
            )
    if "system" in data:
        table = reader.table("system", data["system"], 1)
        if table is not None and "short_codes" in table:
            codes = reader.short_codes("system", 1, table["short_codes"])
            if codes is not None:
                config.short_codes = codes
    failed_users: set[str] = set()
    for kind in ("extension", "user", "hunt_group"):
        items = data.get(kind, [])
        if not isinstance(items, list):
            reader.problem(kind, 0, None, f"write each {kind} as a [[{kind}]] table, two brackets")
            continue
        for index, item in enumerate(items, 1):
            table = reader.table(kind, item, index)
            fields = None if table is None else reader.record(kind, index, table)
            if fields is None:
                number = item.get("extension") if isinstance(item, dict) else None
                if kind == "user" and isinstance(number, str):
                    failed_users.add(number)
            elif kind == "extension":
                reader.add(kind, index, partial(_add_extension, config, fields))
            elif kind == "user":
                reader.add(kind, index, partial(_add_user, config, fields))
            # A member whose own table failed its field checks is reported there, not
            # again here (one refused when added, as a clash, is reported twice).
            elif failed_users.isdisjoint(fields.get("members", ())):
                reader.add(kind, index, partial(_add_hunt_group, config, fields))
    if reader.problems:
        raise ConfigFileError(name, reader.problems)


def _add_extension(config: Site, fields: dict[str, Any]) -> None:
    config.add_extension(fields["base_extension"], fields["model"])


def _add_user(config: Site, fields: dict[str, Any]) -> None:
    config.add_user(User.from_checked(fields))  # each field checked by record(), once


def _add_hunt_group(config: Site, fields: dict[str, Any]) -> None:
    config.add_hunt_group(HuntGroup(**fields))


# Manager's form field, as a refusal names it, to the site file's field.
_FIELD_KEYS = {
    "Name": "name",
    "Extension": "extension",
    "Base Extension": "base_extension",
    "Model": "model",
    "Members": "members",
}
_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z_][\w-]*)\s*\]\]?\s*(#.*)?$")

# What each field is written as in the file: its TOML kind, and how to write it.
_TEXT = (str, "written in double quotes, as text")
_NUMBER = (int, "a whole number such as 15")
_SWITCH = (bool, "true or false")
_TEXTS = (list, 'a list in square brackets, such as ["3000", "3001"]')
_TABLE = (dict, 'a table such as { "1" = "ExtnLogout" }')
_KINDS: dict[str, tuple[type, str]] = {
    "name": _TEXT,
    "extension": _TEXT,
    "base_extension": _TEXT,
    "model": _TEXT,
    "login_code": _TEXT,
    "mode": _TEXT,
    "force_login": _SWITCH,
    "queuing": _SWITCH,
    "wrap_up_time": _NUMBER,
    "no_answer_time": _NUMBER,
    "short_codes": _TEXTS,
    "members": _TEXTS,
    "buttons": _TABLE,
}
#: Longer than any number a field takes (99999 seconds), short enough to quote whole.
_MAX_NUMBER_BITS = 64
#: Longer than any value of a field but a short code (a name is 15, a mode 15).
_MAX_TEXT = 100
#: A short code's text: 31 for the code, a Telephone Number, the feature and line group.
_MAX_SHORT_CODE_TEXT = 200
#: Deeper than a site file ever nests (a list in a table); shown for a file tomllib gave up on.
_MAX_DEPTH = 50
#: What a problem may say at most; a longer message (a module that quoted a value whole)
#: is cut in the middle, so that a status line can always show it.
_MAX_MESSAGE = 300


class _Reader:
    """Collects every problem in a file, each with its line and field."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.problems: list[str] = []
        self._headers: list[tuple[int, str]] | None = None
        self._of_kind: dict[str, list[int]] = {}  # each kind's header lines, found with them
        self._last_value: dict[tuple[str, int, str], int] = {}  # where the last value was found

    def table(self, kind: str, item: object, index: int) -> dict[str, Any] | None:
        """``item`` if it is a table with every required field; else None, problems noted."""
        if not isinstance(item, dict):
            self.problem(kind, index, None, f"{kind} must be a table, not {quote(item)}")
            return None
        for key in item:
            if key not in _FIELDS[kind]:
                known = ", ".join(_FIELDS[kind])
                self.problem(kind, index, key, f"unknown field {quote(key)}; a {kind} has {known}")
        missing = [k for k in _REQUIRED[kind] if k not in item]
        for key in missing:
            self.problem(kind, index, None, f"missing field {key!r}")
        return None if missing else item

    def record(self, kind: str, index: int, table: dict[str, Any]) -> dict[str, Any] | None:
        """The fields of one record, each passed through Manager's field checks; None if any fails.

        Every field is checked, so that each one's problem is reported, not only the first.
        """
        fields: dict[str, Any] = {}
        ok = True
        # Messages about the other fields name the record as the file does, even when that
        # name is refused itself (the loop checks it like the rest).
        named = table.get("name")
        who = f"{kind.replace('_', ' ')} {quote(named if isinstance(named, str) else '')}"
        probe = HuntGroup("P", "99") if kind == "hunt_group" else None
        if probe is not None and isinstance(named, str):
            vars(probe)["name"] = named
        for key in _FIELDS[kind]:
            if key not in table:
                continue
            try:
                value = self.convert(kind, index, key, table[key])
                if kind == "user":
                    fields[key] = check_user_field(who, key, value)
                elif probe is not None:
                    setattr(probe, key, value)  # the field checks of HuntGroup
                    fields[key] = getattr(probe, key)
                else:
                    fields[key] = value  # a station's fields are checked as it is added
            except _Reported:
                ok = False
            except IpoError as error:
                ok = False
                self.refusal(kind, index, key, error, table[key])
        return fields if ok else None

    def convert(self, kind: str, index: int, key: str, value: object) -> object:
        """A file value as the record field wants it; a value of the wrong kind refused."""
        expected, how = _KINDS[key]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            if key == "login_code":  # no digits in the message (masking.py)
                raise ConfigError(['a login code must be written in double quotes, such as "1234"'])
            shown = quote_short_code(value) if key == "short_codes" else quote(value)
            raise ConfigError([f"{shown} must be {how}"])
        if isinstance(value, int) and value.bit_length() > _MAX_NUMBER_BITS:
            raise ConfigError([f"{quote(value)} is far too large: it must be {how}"])
        if isinstance(value, str) and len(value) > _MAX_TEXT and key != "login_code":
            raise ConfigError(
                [f"{quote(value)} has {len(value):,} characters: far too long for its field"]
            )
        if key == "short_codes":
            codes = self.short_codes(kind, index, value)
            if codes is None:
                raise _Reported
            return codes
        if key == "buttons":
            return _buttons(value)  # type: ignore[arg-type]  # a dict, checked above
        if key == "members":
            return tuple(_text(x) for x in value)  # type: ignore[attr-defined]  # a list
        return value

    def short_codes(self, kind: str, index: int, value: object) -> list[ShortCode] | None:
        """Every short code of a list, each bad one reported at its own line; None if any."""
        if not isinstance(value, list):
            shown = quote_short_code(value)  # a code written as text may hold a login code
            self.problem(kind, index, "short_codes", f"{shown} must be {_TEXTS[1]}")
            return None
        codes, bad = [], False
        for item in value:
            try:
                text = _text(item)
                if len(text) > _MAX_SHORT_CODE_TEXT:
                    raise ConfigError(
                        [
                            f"Short code text {quote_short_code(text)} has {len(text):,} "
                            "characters: a "
                            "Short Code holds at most 31, written 'Short Code/Telephone "
                            "Number/Feature'"
                        ]
                    )
                codes.append(ShortCode.parse(text))
            except IpoError as error:
                bad = True
                self.refusal(kind, index, "short_codes", error, item)
        return None if bad else codes

    def add(self, kind: str, index: int, add: Callable[[], object]) -> None:
        """Add a record to the config; a refusal is reported at the field it names."""
        try:
            add()
        except IpoError as error:
            self.refusal(kind, index, None, error, None)

    def refusal(
        self, kind: str, index: int, key: str | None, error: IpoError, value: object
    ) -> None:
        problems = error.problems if isinstance(error, ConfigError) else (error,)
        for p in problems:
            field = key or _FIELD_KEYS.get(getattr(p, "field", ""))
            self.problem(kind, index, field, str(p), value)

    def problem(
        self, kind: str, index: int, key: str | None, message: str, value: object = None
    ) -> None:
        # index 0: the section as a whole (an unknown one, or [user] written with one bracket)
        self.problems.append(
            self._at(self.line_of(kind, index, key, value), kind, index, key, message)
        )

    def _at(self, line: int | None, kind: str, index: int, key: str | None, message: str) -> str:
        where = cut(kind, 40) if kind == "system" or index == 0 else f"{kind}[{index}]"
        field = f"{where}.{cut(key, 40)}" if key else where
        message = cut(message, _MAX_MESSAGE)
        return f"line {line} ({field}): {message}" if line else f"({field}): {message}"

    def headers(self) -> list[tuple[int, str]]:
        """Each table header's line (from 0) and kind, found once for all the problems."""
        if self._headers is None:
            self._headers = []
            for n, text in enumerate(self.lines):
                found = _HEADER.match(text) if "[" in text else None
                if found:
                    self._headers.append((n, found[1]))
                    self._of_kind.setdefault(found[1], []).append(n)
        return self._headers

    def line_of(self, kind: str, index: int, key: str | None, value: object = None) -> int | None:
        """The line of table ``kind`` number ``index``, of its ``key``, or of ``value`` in it."""
        headers = self.headers()
        mine = self._of_kind.get(kind, [])
        if len(mine) < max(index, 1):
            return None
        start = mine[max(index, 1) - 1]
        after = bisect.bisect_right(headers, (start, "\U0010ffff"))
        end = headers[after][0] if after < len(headers) else len(self.lines)
        if key is None:
            return start + 1
        at = next(
            (
                n
                for n in range(start + 1, end)
                if self.lines[n].split("=", 1)[0].strip().strip('"') == key
            ),
            None,
        )
        if at is None:
            return start + 1
        if isinstance(value, str):
            quoted = _q(value)
            last: int = self._last_value.get((kind, index, key), at)
            for n in [*range(last, end), *range(at, last)]:
                if quoted in self.lines[n]:
                    self._last_value[(kind, index, key)] = n
                    return int(n) + 1
        return at + 1

    def unreadable(self) -> str:
        """The problem of a file tomllib gave up on with a Python error: where and why."""
        found = _culprit(self.lines)
        if found is None:
            return "cannot be read: a value is nested too deep or a number is too long"
        n, why = found
        headers = self.headers()
        before = bisect.bisect_right(headers, (n, "\U0010ffff"))
        kind, index = "", 0
        if before:
            kind = headers[before - 1][1]
            index = sum(1 for _, k in headers[:before] if k == kind)
        key = next(
            (
                self.lines[m].split("=", 1)[0].strip().strip('"')
                for m in range(n, headers[before - 1][0] if before else -1, -1)
                if "=" in self.lines[m]
            ),
            None,
        )
        if not kind:
            return self._at(n + 1, cut(key or "value", 40), 0, None, why)
        return self._at(n + 1, kind, 1 if kind == "system" else index, key, why)


def _culprit(lines: list[str]) -> tuple[int, str] | None:
    """The line (from 0) of the deepest nesting past ``_MAX_DEPTH``, or of a number too long.

    A plain scan of brackets and digits outside strings and comments: it is only asked
    about a file that tomllib could not read, to say where.
    """
    digits = sys.get_int_max_str_digits() or None
    depth, deepest, deepest_at, quote_open = 0, _MAX_DEPTH, None, ""
    for n, line in enumerate(lines):
        i, run = 0, 0
        while i < len(line):
            if quote_open:  # inside a multi-line string
                end = line.find(quote_open, i)
                if end < 0:
                    break
                i, quote_open = end + 3, ""
                continue
            c = line[i]
            if c == "#":
                break
            if line.startswith('"""', i) or line.startswith("'''", i):
                quote_open, i = line[i : i + 3], i + 3
                continue
            if c in "\"'":
                j = i + 1
                while j < len(line) and line[j] != c:
                    j += 2 if c == '"' and line[j] == "\\" else 1
                i, run = j + 1, 0
                continue
            if c in "[{":
                depth += 1
                if depth > deepest:
                    deepest, deepest_at = depth, n
            elif c in "]}":
                depth = max(0, depth - 1)
            if c in ASCII_DIGITS or (c == "_" and run):
                run += 1
                if digits is not None and run > digits:
                    return n, (
                        f"a number of more than {digits:,} digits, which Python will not "
                        "read: write the field as the site file's comments show"
                    )
            else:
                run = 0
            i += 1
    if deepest_at is not None:
        return deepest_at, (
            f"a value nested {deepest:,} or more brackets deep: a site file nests at most two "
            "(a list or table in a table)"
        )
    return None


#: A button position as a site file writes it: 1 to 2 digits 0-9 ("24"), no other script.
_POSITION = re.compile(r"[0-9]{1,2}")


class _Reported(Exception):
    """A problem already written to the reader's list."""


def _buttons(value: dict[str, Any]) -> dict[int, Button]:
    out = {}
    for position, text in value.items():
        if not _POSITION.fullmatch(position):
            raise ConfigError(
                [f'button position {quote(position)} must be a number from 1 to 24, such as "1"']
            )
        out[int(position)] = Button.parse(_text(text))
    return out


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ConfigError([f"{quote(value)} must be written in double quotes, as text"])
    return value


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _list(items: Any) -> str:
    values = [_q(str(i)) for i in items]
    if len(values) <= 3:
        return "[" + ", ".join(values) + "]"
    return "[\n" + "".join(f"    {v},\n" for v in values) + "]"
