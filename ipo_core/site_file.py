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
  - line 4 (user[1].login_code): Login code '12ab' of user 'Agent3000' must be digits only, such as '1234' (User > Telephony > Login Code).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ipo_core.buttons import Button
from ipo_core.config import Config
from ipo_core.errors import ConfigError, ConfigFileError, IpoError
from ipo_core.hunt_groups import HuntGroup
from ipo_core.shortcodes import ShortCode
from ipo_core.users import User

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
    config = Config(default_short_codes="system" not in data)
    for key in data:
        if key not in _FIELDS:
            reader.problem(
                None,
                0,
                None,
                f"unknown section {key!r}: use [system], [[extension]], [[user]] or [[hunt_group]]",
            )
    if "system" in data:
        system = reader.table("system", data["system"], 0)
        if system is not None:
            reader.each(system, "system", 0, "short_codes", lambda v: _set_system_codes(config, v))
    for kind, build in (("extension", _extension), ("user", _user), ("hunt_group", _hunt_group)):
        items = data.get(kind, [])
        if not isinstance(items, list):
            reader.problem(kind, 0, None, f"write each {kind} as a [[{kind}]] table")
            continue
        for index, item in enumerate(items, 1):
            table = reader.table(kind, item, index)
            if table is not None:
                build(config, reader, table, index)
    if reader.problems:
        raise ConfigFileError(name, reader.problems)
    return config


class _Reader:
    """Collects every problem in a file, each with its line and field."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.problems: list[str] = []

    def table(self, kind: str, item: object, index: int) -> dict[str, Any] | None:
        if not isinstance(item, dict):
            self.problem(kind, index, None, f"{kind} must be a table")
            return None
        for key in item:
            if key not in _FIELDS[kind]:
                self.problem(
                    kind,
                    index,
                    key,
                    f"unknown field {key!r}; a {kind} has {', '.join(_FIELDS[kind])}",
                )
        for key in _REQUIRED[kind]:
            if key not in item:
                self.problem(kind, index, None, f"missing field {key!r}")
        return item if all(k in item for k in _REQUIRED[kind]) else None

    def each(
        self, table: dict[str, Any], kind: str, index: int, key: str, apply: Callable[[Any], Any]
    ) -> Any:
        if key not in table:
            return None
        try:
            return apply(table[key])
        except IpoError as error:
            messages = error.problems if isinstance(error, ConfigError) else (error,)
            for message in messages:
                self.problem(kind, index, key, str(message))
        except (TypeError, ValueError) as error:
            self.problem(kind, index, key, f"{table[key]!r} is not usable here ({error})")
        return None

    def problem(self, kind: str | None, index: int, key: str | None, message: str) -> None:
        where = None if kind is None else kind if kind == "system" else f"{kind}[{index}]"
        field = f"{where}.{key}" if where and key else where
        line = self.line_of(kind, index, key) if kind else None
        label = " ".join(
            p for p in (f"line {line}" if line else "", f"({field})" if field else "") if p
        )
        self.problems.append(f"{label}: {message}" if label else message)

    def line_of(self, kind: str, index: int, key: str | None) -> int | None:
        header = f"[{kind}]" if kind == "system" else f"[[{kind}]]"
        seen, start = 0, None
        for number, line in enumerate(self.lines, 1):
            if line.strip().replace(" ", "") == header:
                seen += 1
                if kind == "system" or seen == index:
                    start = number
                    break
        if start is None:
            return None
        if key is None:
            return start
        for number in range(start, len(self.lines)):
            text = self.lines[number].strip()
            if text.startswith("["):
                break
            if text.split("=", 1)[0].strip().strip('"') == key:
                return number + 1
        return start


def _set_system_codes(config: Config, value: object) -> None:
    config.short_codes = [ShortCode.parse(_text(v)) for v in _array(value)]


def _extension(config: Config, reader: _Reader, table: dict[str, Any], index: int) -> None:
    reader.each(
        table,
        "extension",
        index,
        "base_extension",
        lambda v: config.add_extension(_text(v), _text(table["model"])),
    )


def _user(config: Config, reader: _Reader, table: dict[str, Any], index: int) -> None:
    fields: dict[str, Any] = {}
    converters: dict[str, Callable[[Any], Any]] = {
        "name": _text,
        "extension": _text,
        "force_login": lambda v: v,
        "login_code": _text,
        "wrap_up_time": lambda v: v,
        "short_codes": lambda v: [ShortCode.parse(_text(x)) for x in _array(v)],
        "buttons": _buttons,
    }
    ok = True
    probe = User("Probe", "99")
    for key, convert in converters.items():
        if key in table:

            def apply(v: Any, key: str = key, convert: Callable[[Any], Any] = convert) -> bool:
                value = convert(v)
                setattr(probe, key, value)  # Manager's field checks
                fields[key] = value
                return True

            ok = bool(reader.each(table, "user", index, key, apply)) and ok
    if ok:
        reader.each(table, "user", index, "name", lambda v: config.add_user(User(**fields)))


def _hunt_group(config: Config, reader: _Reader, table: dict[str, Any], index: int) -> None:
    fields: dict[str, Any] = {}
    ok = True
    probe = HuntGroup("Probe", "99")
    for key in _FIELDS["hunt_group"]:
        if key in table:

            def apply(v: Any, key: str = key) -> bool:
                value = tuple(_text(x) for x in _array(v)) if key == "members" else v
                setattr(probe, key, value)
                fields[key] = getattr(probe, key)
                return True

            ok = bool(reader.each(table, "hunt_group", index, key, apply)) and ok
    if ok:
        reader.each(
            table, "hunt_group", index, "name", lambda v: config.add_hunt_group(HuntGroup(**fields))
        )


def _buttons(value: object) -> dict[int, Button]:
    if not isinstance(value, dict):
        raise ConfigError([f'buttons {value!r} must be a table such as {{ "1" = "ExtnLogout" }}'])
    out = {}
    for position, text in value.items():
        if not position.isdigit():
            raise ConfigError([f'button position {position!r} must be a number such as "1"'])
        out[int(position)] = Button.parse(_text(text))
    return out


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ConfigError([f"{value!r} must be written in double quotes, as text"])
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
