"""Site files: a configuration as a TOML file a person can read and edit.

``Config.save`` writes every field in a fixed order, so a file the kit wrote
loads and saves back byte for byte, and ``Config.load(path)`` gives a config
equal to the one saved.  A hand-edited file may leave out any field that has a
default.  Every mistake in a file is reported at once, each with its line and
field, and nothing is loaded.

>>> from ipo_core.sites import TECH_TIP_014
>>> text = TECH_TIP_014.read_text(encoding="utf-8")
>>> dumps(loads(text)) == text
True
>>> loads('[[user]]\\nname = "Agent3000"\\nextension = "3000"\\nlogin_code = "12ab"\\n')
Traceback (most recent call last):
...
ipo_core.errors.ConfigFileError: Cannot load site file '<text>':
  - line 4 (user[1].login_code): Login code of user 'Agent3000' must be digits only, such as '1234': it has 'a' as its 3rd character (User > Telephony > Login Code).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from ipo_core.buttons import Button
from ipo_core.config import Config
from ipo_core.errors import ConfigError, ConfigFileError, IpoError
from ipo_core.hunt_groups import HuntGroup
from ipo_core.shortcodes import ShortCode
from ipo_core.users import User
from ipo_core.validation import refuse

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


def dumps(config: Config) -> str:
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


def read(path: str | Path) -> Config:
    """Load the site file at ``path``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigFileError(str(path), [f"cannot read it: {error.strerror}"]) from None
    except UnicodeDecodeError:
        raise ConfigFileError(str(path), ["it is not UTF-8 text: save it as UTF-8"]) from None
    return loads(text, str(path))


def loads(text: str, name: str = "<text>") -> Config:
    """Load a site from its file text; ``name`` is used in messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigFileError(name, [f"not valid TOML: {error}"]) from None
    reader = _Reader(text)
    config = Config()  # the defaults, unless [system] gives its own list (read below)
    for key in data:
        if key not in _FIELDS:
            reader.problem(
                key,
                0,
                None,
                f"unknown section {key!r}: use [system], [[extension]], [[user]] or [[hunt_group]]",
            )
    if "system" in data:
        table = reader.table("system", data["system"], 1)
        if table is not None and "short_codes" in table:
            codes = reader.short_codes("system", 1, table["short_codes"])
            if codes is not None:
                config.short_codes = codes
    failed_users: set[object] = set()
    for kind in ("extension", "user", "hunt_group"):
        items = data.get(kind, [])
        if not isinstance(items, list):
            reader.problem(kind, 0, None, f"write each {kind} as a [[{kind}]] table, two brackets")
            continue
        for index, item in enumerate(items, 1):
            table = reader.table(kind, item, index)
            if kind == "extension":
                if table is not None:
                    reader.add(kind, index, partial(_add_extension, config, table))
            elif kind == "user":
                user = None if table is None else reader.record(kind, index, table, User("P", "99"))
                if user is None:
                    failed_users.add(item.get("extension") if isinstance(item, dict) else None)
                else:
                    reader.add(kind, index, partial(_add_user, config, user))
            else:
                group = (
                    None
                    if table is None
                    else reader.record(kind, index, table, HuntGroup("P", "99"))
                )
                # A member whose own table failed its field checks is reported there, not
                # again here (one refused when added, as a clash, is reported twice).
                if group is not None and not failed_users & set(group.get("members", ())):
                    reader.add(kind, index, partial(_add_hunt_group, config, group))
    if reader.problems:
        raise ConfigFileError(name, reader.problems)
    return config


def _add_extension(config: Config, table: dict[str, Any]) -> None:
    base = _text(table["base_extension"], "Base Extension")
    config.add_extension(base, _text(table["model"], "Model"))


def _add_user(config: Config, fields: dict[str, Any]) -> None:
    config.add_user(User(**fields))


def _add_hunt_group(config: Config, fields: dict[str, Any]) -> None:
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


class _Reader:
    """Collects every problem in a file, each with its line and field."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.problems: list[str] = []

    def table(self, kind: str, item: object, index: int) -> dict[str, Any] | None:
        """``item`` if it is a table with every required field; else None, problems noted."""
        if not isinstance(item, dict):
            self.problem(kind, index, None, f"{kind} must be a table")
            return None
        for key in item:
            if key not in _FIELDS[kind]:
                known = ", ".join(_FIELDS[kind])
                self.problem(kind, index, key, f"unknown field {key!r}; a {kind} has {known}")
        missing = [k for k in _REQUIRED[kind] if k not in item]
        for key in missing:
            self.problem(kind, index, None, f"missing field {key!r}")
        return None if missing else item

    def record(
        self, kind: str, index: int, table: dict[str, Any], probe: object
    ) -> dict[str, Any] | None:
        """The fields of one user or hunt group, each passed through Manager's field checks."""
        fields: dict[str, Any] = {}
        ok = True
        if isinstance(table.get("name"), str):
            # Messages about the other fields name the record as the file does, even when
            # that name is refused itself (set unchecked; the loop checks it like the rest).
            vars(probe)["name"] = table["name"]
        for key in _FIELDS[kind]:
            if key not in table:
                continue
            try:
                value = self.convert(kind, index, key, table[key])
                setattr(probe, key, value)  # the field checks of User and HuntGroup
                fields[key] = getattr(probe, key)
            except _Reported:
                ok = False
            except IpoError as error:
                ok = False
                self.refusal(kind, index, key, error, table[key])
        return fields if ok else None

    def convert(self, kind: str, index: int, key: str, value: object) -> object:
        """A file value as the record field wants it."""
        if key == "short_codes":
            codes = self.short_codes(kind, index, value)
            if codes is None:
                raise _Reported
            return codes
        if key == "buttons":
            return _buttons(value)
        if key == "members":
            return tuple(_text(x) for x in _array(value))
        if key == "login_code" and not isinstance(value, str):  # no digits in the message
            raise ConfigError(['a login code must be written in double quotes, such as "1234"'])
        if key in ("name", "extension", "login_code", "mode"):
            return _text(value)
        return value

    def short_codes(self, kind: str, index: int, value: object) -> list[ShortCode] | None:
        """Every short code of a list, each bad one reported at its own line; None if any."""
        try:
            items = _array(value)
        except IpoError as error:
            self.refusal(kind, index, "short_codes", error, value)
            return None
        codes, bad = [], False
        for item in items:
            try:
                codes.append(ShortCode.parse(_text(item)))
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
        where = kind if kind == "system" or index == 0 else f"{kind}[{index}]"
        field = f"{where}.{key}" if key else where
        line = self.line_of(kind, index, key, value)
        self.problems.append(
            f"line {line} ({field}): {message}" if line else f"({field}): {message}"
        )

    def line_of(self, kind: str, index: int, key: str | None, value: object = None) -> int | None:
        """The line of table ``kind`` number ``index``, of its ``key``, or of ``value`` in it."""
        headers = [n for n, text in enumerate(self.lines) if _HEADER.match(text)]
        mine = [n for n in headers if _HEADER.match(self.lines[n])[1] == kind]  # type: ignore[index]
        if len(mine) < max(index, 1):
            return None
        start = mine[max(index, 1) - 1]
        end = next((n for n in headers if n > start), len(self.lines))
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
            for n in range(at, end):
                if quoted in self.lines[n]:
                    return n + 1
        return at + 1


class _Reported(Exception):
    """A problem already written to the reader's list."""


def _buttons(value: object) -> dict[int, Button]:
    if not isinstance(value, dict):
        raise ConfigError([f'buttons {value!r} must be a table such as {{ "1" = "ExtnLogout" }}'])
    out = {}
    for position, text in value.items():
        if not position.isdigit():
            raise ConfigError([f'button position {position!r} must be a number such as "1"'])
        out[int(position)] = Button.parse(_text(text))
    return out


def _text(value: object, field: str = "") -> str:
    if not isinstance(value, str):
        message = f"{value!r} must be written in double quotes, as text"
        raise refuse("site file", field, message) if field else ConfigError([message])
    return value


def _array(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise ConfigError([f"{value!r} must be a list in square brackets"])
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
