"""A configuration as Manager edits it: extensions, users, short codes, hunt groups.

A :class:`Config` is what Manager holds: a copy that changes nothing on a phone
until it is merged into a running :class:`~ipo_core.system.System`.  Records are
added with the ``add_*`` methods, which refuse duplicates at once, and edited
through the objects ``user()`` and ``hunt_group()`` return, as on Manager's
forms.  ``validate()`` lists what Manager would refuse at Merge (rule R2).

>>> cfg = Config()
>>> cfg.add_extension("3000", model="4612")
>>> cfg.add_user(User("Agent3000", extension="3000", force_login=True, login_code="1234"))
>>> cfg.user("3000").force_login = True
>>> cfg.user("3000").login_code = ""
>>> for problem in cfg.validate():
...     print(problem)
User Agent3000 (3000) has Force Login ticked but no Login Code: enter a code of at least 4 digits (User > Telephony > Login Code), or untick Force Login.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ipo_core.buttons import Button
from ipo_core.errors import ConfigError, UnknownName
from ipo_core.handsets import HandsetModel, handset_model
from ipo_core.hunt_groups import HuntGroup
from ipo_core.shortcodes import DEFAULT_SYSTEM_SHORT_CODES, ShortCode
from ipo_core.users import User, check_button_position
from ipo_core.validation import Problem, check_extension, refuse

__all__ = ["Config", "Extension"]


@dataclass(frozen=True)
class Extension:
    """A physical station: the phone on a desk, known by its base extension."""

    base_extension: str
    """The station's own number; its *default user* is the user with this extension."""
    model: str
    """The handset model on the desk, by its canonical name (``'4612'``, ``'6416D+'``)."""

    def __post_init__(self) -> None:
        check_extension("a station", self.base_extension, "Base Extension")
        try:
            object.__setattr__(self, "model", handset_model(self.model).name)
        except UnknownName as error:
            raise refuse(
                f"Extension {self.base_extension}",
                "Model",
                f"{error} Choose the model on the desk for station {self.base_extension}.",
            ) from None

    @property
    def handset(self) -> HandsetModel:
        """The handset model's description: display, keys and buttons."""
        return handset_model(self.model)


class Config:
    """Everything Manager edits for one IP Office: the kit's whole configuration."""

    def __init__(self, *, default_short_codes: bool = True) -> None:
        """An empty site holding the default system short codes (``*35*N#``, ``*36`` ...)."""
        self.extensions: list[Extension] = []
        self.users: list[User] = []
        self.short_codes: list[ShortCode] = list(
            DEFAULT_SYSTEM_SHORT_CODES if default_short_codes else ()
        )
        self.hunt_groups: list[HuntGroup] = []

    # --- adding records ----------------------------------------------------------------

    def add_extension(self, base_extension: str, model: str = "4612") -> None:
        """Add a station: a phone of ``model`` with base extension ``base_extension``."""
        station = Extension(base_extension, model)
        if any(e.base_extension == station.base_extension for e in self.extensions):
            raise refuse(
                f"Extension {base_extension}",
                "Base Extension",
                f"There is already a station with base extension {base_extension!r}: choose "
                "another number, or change that station's model instead.",
            )
        self.extensions.append(station)

    def set_extension_model(self, base_extension: str, model: str) -> None:
        """Put a phone of another ``model`` on the station ``base_extension``."""
        station = self.extension(base_extension)
        new = Extension(station.base_extension, model)
        self.extensions[self.extensions.index(station)] = new

    def add_user(self, user: User) -> None:
        """Add ``user``; refused at once if the name or extension is taken."""
        if not isinstance(user, User):
            raise refuse("User", "User", f"add_user takes a User, not {user!r}.")
        self._check_free(user.name, user.extension, f"User {user.name}")
        self.users.append(user)

    def add_hunt_group(self, group: HuntGroup) -> None:
        """Add ``group``; refused at once if its name or extension is taken or a member is no user."""
        if not isinstance(group, HuntGroup):
            raise refuse(
                "Hunt group", "Hunt Group", f"add_hunt_group takes a HuntGroup, not {group!r}."
            )
        self._check_free(group.name, group.extension, f"Hunt group {group.name}")
        problems = _member_problems(group, {u.extension for u in self.users})
        if problems:
            raise ConfigError(problems)
        self.hunt_groups.append(group)

    def add_short_code(self, short_code: ShortCode, user: str | None = None) -> None:
        """Add a system short code, or one of ``user``'s (their extension or name)."""
        if not isinstance(short_code, ShortCode):
            raise refuse(
                "Short code",
                "Short Code",
                f"add_short_code takes a ShortCode, not {short_code!r}: "
                "ShortCode('#3000', '3000*1234', Feature.EXTN_LOGIN).",
            )
        table = self.short_codes if user is None else self.user(user).short_codes
        where = "the system" if user is None else f"user {self.user(user).label}"
        if any(sc.code == short_code.code for sc in table):
            raise refuse(
                where,
                "Short Codes",
                f"{where[0].upper()}{where[1:]} already has short code {short_code.code!r}: edit "
                "or remove that one first.",
            )
        table.append(short_code)

    def remove_short_code(self, code: str, user: str | None = None) -> ShortCode:
        """Remove and return the short code dialled as ``code`` (system, or ``user``'s)."""
        table = self.short_codes if user is None else self.user(user).short_codes
        for sc in table:
            if sc.code == code:
                table.remove(sc)
                return sc
        raise UnknownName("short code", code, [sc.code for sc in table])

    def set_button(self, user: str, position: int, button: Button | None) -> None:
        """Program ``user``'s button ``position`` (1 = first); ``None`` clears it."""
        record = self.user(user)
        check_button_position(f"user {record.label}", position)
        if button is None:
            record.buttons.pop(position, None)
        elif not isinstance(button, Button):
            raise refuse(
                record.label,
                "Button Programming",
                f"Button {button!r} is not a Button: use Button.extn_logout() or "
                "Button.dial('*36').",
            )
        else:
            record.buttons[position] = button

    def remove_extension(self, base_extension: str) -> Extension:
        """Remove and return the station ``base_extension`` (its users stay, phoneless)."""
        station = self.extension(base_extension)
        self.extensions.remove(station)
        return station

    def remove_hunt_group(self, key: str) -> HuntGroup:
        """Remove and return the hunt group with name or extension ``key``."""
        group = self.hunt_group(key)
        self.hunt_groups.remove(group)
        return group

    def remove_user(self, user: str) -> User:
        """Remove and return ``user`` (by extension or name)."""
        record = self.user(user)
        self.users.remove(record)
        return record

    # --- finding records ---------------------------------------------------------------

    def user(self, key: str) -> User:
        """The user with extension or name ``key`` (names match whatever their case)."""
        for u in self.users:
            if key == u.extension or (isinstance(key, str) and key.lower() == u.name.lower()):
                return u
        raise UnknownName("user", key, [u.label for u in self.users])

    def hunt_group(self, key: str) -> HuntGroup:
        """The hunt group with name or extension ``key`` (names match whatever their case)."""
        for g in self.hunt_groups:
            if key == g.extension or (isinstance(key, str) and key.lower() == g.name.lower()):
                return g
        raise UnknownName("hunt group", key, [g.name for g in self.hunt_groups])

    def extension(self, base_extension: str) -> Extension:
        """The station with base extension ``base_extension``."""
        for e in self.extensions:
            if e.base_extension == base_extension:
                return e
        raise UnknownName("station", base_extension, [e.base_extension for e in self.extensions])

    def home_station(self, user: str) -> Extension | None:
        """The station whose base extension is ``user``'s extension (their home phone), or None."""
        extension = self.user(user).extension
        return next((e for e in self.extensions if e.base_extension == extension), None)

    def find_user(self, extension: str) -> User | None:
        """The user with ``extension``, or None."""
        return next((u for u in self.users if u.extension == extension), None)

    # --- validation, copies, files -----------------------------------------------------

    def validate(self) -> tuple[Problem, ...]:
        """Every reason Manager would refuse this configuration at Merge (R2); () if none."""
        problems: list[Problem] = []
        for u in self.users:
            if u.force_login and not u.login_code:
                problems.append(
                    Problem(
                        f"User {u.label}",
                        "Telephony > Login Code",
                        f"User {u.label} has Force Login ticked but no Login Code: enter a code "
                        "of at least 4 digits (User > Telephony > Login Code), or untick Force "
                        "Login.",
                    )
                )
        spellings: dict[str, list[str]] = {}
        for name in [*(u.name for u in self.users), *(g.name for g in self.hunt_groups)]:
            spellings.setdefault(name.lower(), []).append(name)
        for same in spellings.values():
            if len(same) > 1:
                quoted = ", ".join(repr(n) for n in same)
                problems.append(
                    Problem(
                        f"Name {same[0]}",
                        "Name",
                        f"The names {quoted} are one name to IP Office (case does not count): "
                        "names of users and hunt groups must be unique, so rename all but one.",
                    )
                )
        for base, count in _repeated(e.base_extension for e in self.extensions):
            problems.append(
                Problem(
                    f"Extension {base}",
                    "Base Extension",
                    f"Base extension {base!r} is given to {count} stations: each station "
                    "needs its own, so change or remove all but one.",
                )
            )
        for number, count in _repeated(
            [*(u.extension for u in self.users), *(g.extension for g in self.hunt_groups)]
        ):
            problems.append(
                Problem(
                    f"Extension {number}",
                    "Extension",
                    f"Extension {number!r} is used {count} times by users and hunt groups: "
                    "each number must be unique, so change all but one.",
                )
            )
        user_numbers = {u.extension for u in self.users}
        for g in self.hunt_groups:
            problems.extend(_member_problems(g, user_numbers))
        for owner, table in [
            ("the system", self.short_codes),
            *((f"user {u.label}", u.short_codes) for u in self.users),
        ]:
            for code, count in _repeated(sc.code for sc in table):
                problems.append(
                    Problem(
                        owner,
                        "Short Codes",
                        f"Short code {code!r} appears {count} times in {owner}: keep one.",
                    )
                )
        return tuple(problems)

    def is_valid(self) -> bool:
        """True when Manager would accept this configuration at Merge."""
        return not self.validate()

    def copy(self) -> Config:
        """An independent copy: editing it changes nothing here."""
        return copy.deepcopy(self)

    def save(self, path: str | Path) -> None:
        """Write this site to a TOML file that ``Config.load`` reads back equal."""
        from ipo_core.site_file import dumps

        Path(path).write_text(dumps(self), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Config:
        """Read a site file written by ``save`` or by hand; errors name the line or field."""
        from ipo_core.site_file import read

        return read(path)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Config):
            return NotImplemented
        return (self.extensions, self.users, self.short_codes, self.hunt_groups) == (
            other.extensions,
            other.users,
            other.short_codes,
            other.hunt_groups,
        )

    __hash__ = None  # type: ignore[assignment]  # editable, so unhashable

    def __repr__(self) -> str:
        return (
            f"<Config: {len(self.extensions)} stations, {len(self.users)} users, "
            f"{len(self.short_codes)} system short codes, {len(self.hunt_groups)} hunt groups>"
        )

    def _check_free(self, name: str, extension: str, subject: str) -> None:
        for u in self.users:
            if u.name.lower() == name.lower() or u.extension == extension:
                raise refuse(
                    subject,
                    "Name" if u.name.lower() == name.lower() else "Extension",
                    f"{subject} with name {name!r} and extension {extension!r} clashes with user "
                    f"{u.label}: names and extension numbers must be unique, so choose another.",
                )
        for g in self.hunt_groups:
            if g.name.lower() == name.lower() or g.extension == extension:
                raise refuse(
                    subject,
                    "Name" if g.name.lower() == name.lower() else "Extension",
                    f"{subject} with name {name!r} and extension {extension!r} clashes with hunt "
                    f"group {g.name} ({g.extension}): names and extension numbers must be unique, "
                    "so choose another.",
                )


def _member_problems(group: HuntGroup, user_numbers: Iterable[str]) -> list[Problem]:
    numbers = set(user_numbers)
    problems = [
        Problem(
            f"Hunt group {group.name}",
            "Members",
            f"Hunt group {group.name!r} lists member {m!r}, who is not a user: add user {m} "
            "first, or remove them from the group.",
        )
        for m in dict.fromkeys(group.members)
        if m not in numbers
    ]
    for m, count in Counter(group.members).items():
        if count > 1:
            problems.append(
                Problem(
                    f"Hunt group {group.name}",
                    "Members",
                    f"Hunt group {group.name!r} lists member {m!r} {count} times: keep one.",
                )
            )
    return problems


def _repeated(values: Iterable[str]) -> list[tuple[str, int]]:
    """Each value that occurs more than once, with how often, in sorted order."""
    return sorted((value, count) for value, count in Counter(values).items() if count > 1)
