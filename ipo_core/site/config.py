"""A configuration as Manager edits it: extensions, users, short codes, hunt groups.

A :class:`Config` is what Manager holds: a copy that changes nothing on a phone
until it is merged into a running :class:`~ipo_core.switch.system.System`.  Records are
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
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from ipo_core.bulk import collector_paused
from ipo_core.errors import ConfigError, Problem, UnknownName, WrongType
from ipo_core.quoting import quote
from ipo_core.site import site_file
from ipo_core.site.buttons import Button
from ipo_core.site.handsets import HANDSET_MODELS, HandsetModel, handset_model
from ipo_core.site.hunt_groups import HuntGroup, HuntMode
from ipo_core.site.shortcodes import DEFAULT_SYSTEM_SHORT_CODES, ShortCode, quote_short_code
from ipo_core.site.users import MIN_AGENT_LOGIN_CODE, User, check_button_position, renames
from ipo_core.site.validation import CheckedList, check_extension, problems_of, refuse

__all__ = ["Config", "Extension"]

HANDSET_NAMES = tuple(HANDSET_MODELS)

T = TypeVar("T")


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
            # What passed the checks, so that validate() need not check it again: only a
            # field set behind them (object.__setattr__) differs from it (see _station_problems).
            object.__setattr__(self, "_checked", (self.base_extension, self.model))
        except UnknownName:
            raise refuse(
                f"Extension {self.base_extension}",
                "Model",
                f"There is no handset model {quote(self.model)}. Known: "
                f"{', '.join(HANDSET_NAMES)}. Choose the model on the desk for station "
                f"{self.base_extension}.",
            ) from None

    @property
    def handset(self) -> HandsetModel:
        """The handset model's description: display, keys and buttons."""
        return handset_model(self.model)


class Config:
    """Everything Manager edits for one IP Office: the kit's whole configuration."""

    def __init__(self, *, default_short_codes: bool = True) -> None:
        """An empty site holding the default system short codes (``*35*N#``, ``*36`` ...)."""
        self._extensions = _Records[Extension](_STATION)
        self._users = _Records[User](_USER)
        self._short_codes = _Records[ShortCode](
            _SHORT_CODE, DEFAULT_SYSTEM_SHORT_CODES if default_short_codes else ()
        )
        self._hunt_groups = _Records[HuntGroup](_HUNT_GROUP)
        self._user_index: _Index[User] | None = None
        self._station_index: _Index[Extension] | None = None

    # Each list refuses what is not its record, put in whole or in place; an index of the
    # users and stations, kept as they are added and built again after any other edit,
    # makes adding and finding one cost no scan of the rest (issue 12).

    @property
    def extensions(self) -> list[Extension]:
        """The stations, in the order Manager lists them."""
        return self._extensions

    @extensions.setter
    def extensions(self, records: Iterable[Extension]) -> None:
        self._extensions = _Records(_STATION, records)
        self._station_index = None

    @property
    def users(self) -> list[User]:
        """The users, in the order Manager lists them."""
        return self._users

    @users.setter
    def users(self, records: Iterable[User]) -> None:
        self._users = _Records(_USER, records)
        self._user_index = None

    @property
    def short_codes(self) -> list[ShortCode]:
        """The system short codes (System > Short Codes)."""
        return self._short_codes

    @short_codes.setter
    def short_codes(self, records: Iterable[ShortCode]) -> None:
        self._short_codes = _Records(_SHORT_CODE, records)

    @property
    def hunt_groups(self) -> list[HuntGroup]:
        """The hunt groups, in the order Manager lists them."""
        return self._hunt_groups

    @hunt_groups.setter
    def hunt_groups(self, records: Iterable[HuntGroup]) -> None:
        self._hunt_groups = _Records(_HUNT_GROUP, records)

    # --- adding records ----------------------------------------------------------------

    def add_extension(self, base_extension: str, model: str = "4612") -> None:
        """Add a station: a phone of ``model`` with base extension ``base_extension``."""
        station = Extension(base_extension, model)
        index = self._stations()
        if index.first(station.base_extension) is not None:
            raise refuse(
                f"Extension {base_extension}",
                "Base Extension",
                f"There is already a station with base extension {base_extension!r}: choose "
                "another number, or change that station's model instead.",
            )
        self.extensions.append(station)
        index.added(station.base_extension, renames())

    def set_extension_model(self, base_extension: str, model: str) -> None:
        """Put a phone of another ``model`` on the station ``base_extension``."""
        station = self.extension(base_extension)
        new = Extension(station.base_extension, model)
        self.extensions[self.extensions.index(station)] = new

    def add_user(self, user: User) -> None:
        """Add ``user``; refused at once if the name or extension is taken."""
        if not isinstance(user, User):
            raise refuse("User", "User", f"add_user takes a User, not {quote(user)}.")
        index = self._users_index()
        self._check_free(user.name, user.extension, f"User {user.name}")
        self.users.append(user)
        index.added(user.extension, renames(), user.name.lower())

    def add_hunt_group(self, group: HuntGroup) -> None:
        """Add ``group``; refused at once if its name or extension is taken or a member is no user."""
        if not isinstance(group, HuntGroup):
            raise refuse(
                "Hunt group", "Hunt Group", f"add_hunt_group takes a HuntGroup, not {quote(group)}."
            )
        self._check_free(group.name, group.extension, f"Hunt group {group.name}")
        problems = _member_problems(group, self._users_index().numbers)
        if problems:
            raise ConfigError(problems)
        self.hunt_groups.append(group)

    def add_short_code(self, short_code: ShortCode, user: str | None = None) -> None:
        """Add a system short code, or one of ``user``'s (their extension or name)."""
        if not isinstance(short_code, ShortCode):
            raise refuse(
                "Short code",
                "Short Code",
                f"add_short_code takes a ShortCode, not {quote(short_code)}: "
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
                f"Button {quote(button)} is not a Button: use Button.extn_logout() or "
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
        at = self._users_index().first(key, key.lower()) if isinstance(key, str) else None
        if at is None:
            raise UnknownName("user", key, _few(u.label for u in self.users))
        return self.users[at]

    def hunt_group(self, key: str) -> HuntGroup:
        """The hunt group with name or extension ``key`` (names match whatever their case)."""
        for g in self.hunt_groups:
            if key == g.extension or (isinstance(key, str) and key.lower() == g.name.lower()):
                return g
        raise UnknownName("hunt group", key, _few(g.name for g in self.hunt_groups))

    def extension(self, base_extension: str) -> Extension:
        """The station with base extension ``base_extension``."""
        at = self._stations().first(base_extension) if isinstance(base_extension, str) else None
        if at is None:
            known = _few(e.base_extension for e in self.extensions)
            raise UnknownName("station", base_extension, known)
        return self.extensions[at]

    def home_station(self, user: str) -> Extension | None:
        """The station whose base extension is ``user``'s extension (their home phone), or None."""
        at = self._stations().first(self.user(user).extension)
        return None if at is None else self.extensions[at]

    def find_user(self, extension: str) -> User | None:
        """The user with ``extension``, or None."""
        at = self._users_index().first(extension) if isinstance(extension, str) else None
        return None if at is None else self.users[at]

    # --- validation, copies, files -----------------------------------------------------

    def validate(self) -> tuple[Problem, ...]:
        """Every reason Manager would refuse this configuration at Merge (R2); () if none.

        Never raises on what it finds: a record or field that got behind the checks (set
        with ``object.__setattr__``, say) is a problem of its own, and the rules between
        records are checked on the records that passed their own.  Linear in the size.
        """
        with collector_paused():  # a problem list and a few sets over a large site (bulk.py)
            return self._validate()

    def _validate(self) -> tuple[Problem, ...]:
        problems: list[Problem] = []
        stations = _sound(self.extensions, _STATION, problems, _station_problems)
        users = _sound(self.users, _USER, problems, User.problems)
        groups = _sound(self.hunt_groups, _HUNT_GROUP, problems, _group_problems)
        _sound(self.short_codes, _SHORT_CODE, problems, lambda sc: [])
        for u in users:
            if u.force_login is True and u.login_code == "":
                problems.append(
                    Problem(
                        f"User {u.label}",
                        "Telephony > Login Code",
                        f"User {u.label} has Force Login ticked but no Login Code: enter a code "
                        f"of at least {MIN_AGENT_LOGIN_CODE} digits (User > Telephony > Login "
                        "Code), or untick Force Login.",
                    )
                )
        spellings: dict[str, list[str]] = {}
        for name in [*(u.name for u in users), *(g.name for g in groups)]:
            spellings.setdefault(name.lower(), []).append(name)
        for same in spellings.values():
            if len(same) > 1:
                quoted = ", ".join(repr(n) for n in same[:10]) + (", ..." if len(same) > 10 else "")
                # Manager compares names with case ("case sensitive and must be unique" [B]);
                # the kit refuses case-only twins too, since Voicemail Pro and CCC's reports
                # take them for one name (docs/behaviour.md section 8) [C].
                why = (
                    "names of users and hunt groups must be unique"
                    if len(set(same)) < len(same)
                    else "they differ only in case, which Manager allows but Voicemail Pro and "
                    "CCC's reports do not (they would be one mailbox, one agent), so the kit "
                    "refuses them"
                )
                problems.append(
                    Problem(
                        f"Name {same[0]}",
                        "Name",
                        f"The names {quoted} are one name: {why}. Rename all but one.",
                    )
                )
        for base, count in _repeated(e.base_extension for e in stations):
            problems.append(
                Problem(
                    f"Extension {base}",
                    "Base Extension",
                    f"Base extension {base!r} is given to {count} stations: each station "
                    "needs its own, so change or remove all but one.",
                )
            )
        for number, count in _repeated(
            [*(u.extension for u in users), *(g.extension for g in groups)]
        ):
            problems.append(
                Problem(
                    f"Extension {number}",
                    "Extension",
                    f"Extension {number!r} is used {count} times by users and hunt groups: "
                    "each number must be unique, so change all but one.",
                )
            )
        # A member is a user whose extension is sound, even when another field of theirs is
        # not: that field is a problem of its own, not a second one about the group.
        user_numbers = {
            ext
            for u in self.users
            if isinstance(u, User) and isinstance(ext := vars(u).get("extension"), str)
        }
        for g in groups:
            problems.extend(_member_problems(g, user_numbers))
        for owner, table in [
            ("the system", self.short_codes),
            *((f"user {u.label}", u.short_codes) for u in users),
        ]:
            if not isinstance(table, list) or len(table) < 2:
                continue  # no list is a problem of the user's; one code cannot repeat
            codes = (sc.code for sc in table if isinstance(sc, ShortCode))
            for code, count in _repeated(codes):
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
        """An independent copy: editing it changes nothing here.

        Stations, short codes and buttons are frozen values, so the copy shares them; users
        and hunt groups are copied one by one (linear, and far quicker than ``deepcopy``).
        Anything that got into a list behind its checks is deep-copied as it is.
        """
        new = Config.__new__(Config)
        vars(new).update(self.__getstate__())
        new._extensions = _copied(self._extensions, Extension)
        new._short_codes = _copied(self._short_codes, ShortCode)
        new._users = _copied(self._users, User)
        new._hunt_groups = _copied(self._hunt_groups, HuntGroup)
        return new

    def __deepcopy__(self, memo: dict[int, Any]) -> Config:
        return self.copy()

    def __getstate__(self) -> dict[str, Any]:
        # The indexes are rebuilt when first needed, not copied or pickled.
        return {**vars(self), "_user_index": None, "_station_index": None}

    def save(self, path: str | Path) -> None:
        """Write this site to a TOML file that ``Config.load`` reads back equal."""
        Path(path).write_text(site_file.dumps(self), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Config:
        """Read a site file written by ``save`` or by hand; errors name the line or field."""
        config = cls()
        site_file.read(path, config)
        return config

    @classmethod
    def loads(cls, text: str, name: str = "<text>") -> Config:
        """Read a site from the text of a site file; ``name`` stands for the file in messages.

        >>> Config.loads('[[user]]\\nname = "Agent3000"\\nextension = "3000"\\n').users
        [User(name='Agent3000', extension='3000', force_login=False, login_code='', wrap_up_time=2, short_codes=[], buttons={})]
        """
        config = cls()
        site_file.loads(text, config, name)
        return config

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

    def _users_index(self) -> _Index[User]:
        """The index of the users' extensions and names, built again if anything changed."""
        index, now = self._user_index, renames()
        if index is None or not index.is_of(self._users, now):
            index = _Index(self._users, now)
            for at, u in enumerate(self._users):
                name, number = vars(u).get("name"), vars(u).get("extension")
                if isinstance(number, str) and isinstance(name, str):
                    index.put(at, number, name.lower())
            self._user_index = index
        return index

    def _stations(self) -> _Index[Extension]:
        """The index of the stations' base extensions, built again if anything changed."""
        index, now = self._station_index, renames()
        if index is None or not index.is_of(self._extensions, now):
            index = _Index(self._extensions, now)
            for at, e in enumerate(self._extensions):
                if isinstance(e.base_extension, str):
                    index.put(at, e.base_extension)
            self._station_index = index
        return index

    def _check_free(self, name: str, extension: str, subject: str) -> None:
        at = self._users_index().first(extension, name.lower())
        if at is not None:
            u = self.users[at]
            same_name = u.name.lower() == name.lower()
            raise refuse(
                subject,
                "Name" if same_name else "Extension",
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


class _Index(Generic[T]):
    """Where each number and lower-case name stands in one of a Config's lists.

    Built for one list at one count of its edits and of the users' renames; ``is_of`` says
    whether it still describes the list, ``added`` keeps it so as a record is appended.
    """

    def __init__(self, records: _Records[T], renames: int) -> None:
        self.records = records
        self.edits = records.edits
        self.renames = renames
        self.by_number: dict[str, int] = {}
        self.by_name: dict[str, int] = {}

    def is_of(self, records: _Records[T], renames: int) -> bool:
        return records is self.records and (records.edits, renames) == (self.edits, self.renames)

    def put(self, at: int, number: str, name: str | None = None) -> None:
        self.by_number.setdefault(number, at)  # the first in the list is the one found
        if name is not None:
            self.by_name.setdefault(name, at)

    def added(self, number: str, renames: int, name: str | None = None) -> None:
        """The record just appended to the list has ``number`` and ``name``."""
        self.put(len(self.records) - 1, number, name)
        self.edits, self.renames = self.records.edits, renames

    def first(self, number: str, name: str | None = None) -> int | None:
        """Where the first record with ``number`` (or with lower-case ``name``) stands."""
        if not name:  # by number alone: one look-up (find_user, for each station of a site)
            return self.by_number.get(number)
        found = [
            at
            for at in (self.by_number.get(number), self.by_name.get(name or ""))
            if at is not None
        ]
        return min(found) if found else None

    @property
    def numbers(self) -> Collection[str]:
        return self.by_number.keys()


@dataclass(frozen=True)
class _Kind:
    """What one of a Config's lists holds, as its refusals name it."""

    cls: type
    what: str
    """The record as a trainee knows it: ``'user'``."""
    example: str
    """What to pass instead."""
    subject: str = field(default="")
    """The subject of a problem about an entry that is not one."""


_USER = _Kind(User, "user", "a User, such as User('Agent3000', extension='3000')", "User")
_STATION = _Kind(
    Extension, "station", "an Extension; add one with Config.add_extension('3000')", "Station"
)
_SHORT_CODE = _Kind(
    ShortCode,
    "system short code",
    "a ShortCode, such as ShortCode('*36', '', Feature.EXTN_LOGOUT)",
    "System > Short Codes",
)
_HUNT_GROUP = _Kind(
    HuntGroup, "hunt group", "a HuntGroup, such as HuntGroup('Sales', '200')", "Hunt group"
)


class _Records(CheckedList[T]):
    """One of a Config's lists: it refuses anything but its kind of record (WrongType)."""

    kind = _USER  # until __init__ (or unpickling) says which

    def __init__(self, kind: _Kind, items: Iterable[T] = ()) -> None:
        self.kind = kind
        super().__init__(items)

    def __reduce__(self) -> tuple[Any, ...]:
        # Copied and pickled through __init__, so that the items are checked as this kind.
        return (_Records, (self.kind, list(self)))

    def check(self, item: object) -> T:
        """``item`` if it is this list's kind of record; else WrongType."""
        if not isinstance(item, self.kind.cls):
            raise WrongType(
                f"{self.kind.what} put in the configuration",
                self.kind.example,
                item,
                shown=quote_short_code(item),  # a short code as text may hold a login code
            )
        return item  # type: ignore[return-value]  # of the list's kind, checked just above


def _sound(
    records: list[T],
    kind: _Kind,
    problems: list[Problem],
    check: Any,
) -> list[T]:
    """The records of ``kind`` whose own fields pass (each other one's problems noted)."""
    sound = []
    for at, record in enumerate(records, 1):
        if not isinstance(record, kind.cls):
            problems.append(
                Problem(
                    kind.subject,
                    kind.subject.split(" ")[0] if kind is not _SHORT_CODE else "Short Codes",
                    f"Entry {at} of the {kind.what}s is {quote_short_code(record)}, not a "
                    f"{kind.what}: "
                    f"remove it, or put {kind.example} in its place.",
                )
            )
            continue
        own = check(record)
        problems += own
        if not any(p.field in _IDENTITY for p in own):
            sound.append(record)
    return sound


# A record with a problem in one of these is left out of the rules between records.
_IDENTITY = frozenset(
    {"Name", "Extension", "Base Extension", "Model", "Members", "Hunt Type", "Hunt Group"}
)


def _station_problems(station: Extension) -> list[Problem]:
    fields = vars(station)
    checked = fields.get("_checked", ())
    if (
        len(checked) == 2
        and checked[0] is fields.get("base_extension")
        and checked[1] is fields.get("model")
    ):
        return []  # the very values its own checks passed (a frozen value: nothing else can)
    return problems_of(
        lambda: Extension(fields.get("base_extension"), fields.get("model")),  # type: ignore[arg-type]
        f"Extension {quote(fields.get('base_extension'))}",
        "Base Extension",
    )


def _group_problems(group: HuntGroup) -> list[Problem]:
    fields = dict(vars(group))
    subject = f"Hunt group {quote(fields.get('name'))}"
    found = problems_of(lambda: HuntGroup(**fields), subject, "Hunt Group")
    if not found and not isinstance(fields.get("mode"), HuntMode):
        found.append(
            Problem(
                subject,
                "Hunt Type",
                f"Hunt type {quote(fields.get('mode'))} of {subject} is not a HuntMode: set "
                "it to one, such as HuntMode.LINEAR.",
            )
        )
    return found


def _copied(records: _Records[T], cls: type) -> _Records[T]:
    """An independent copy of one of a Config's lists (see ``Config.copy``)."""
    new = records.copy_as_is()
    items: list[Any] = new  # replaced in place below, unchecked: they are copies of its own
    for at, record in enumerate(items):
        if type(record) is User:
            list.__setitem__(items, at, record.copy())
        elif type(record) is HuntGroup:
            list.__setitem__(items, at, copy.copy(record))  # every field is immutable
        elif type(record) is not cls or cls not in (Extension, ShortCode):
            list.__setitem__(items, at, copy.deepcopy(record))
    return new  # type: ignore[return-value]  # the same kind of list


def _few(names: Iterable[str], most: int = 10) -> list[str]:
    """At most ``most`` of ``names`` for a message, and how many more there are."""
    names = list(names)
    more = len(names) - most
    return names[:most] + [f"and {more:,} more"] if more > 0 else names


def _member_problems(group: HuntGroup, user_numbers: Collection[str]) -> list[Problem]:
    problems = [
        Problem(
            f"Hunt group {group.name}",
            "Members",
            f"Hunt group {group.name!r} lists member {m!r}, who is not a user: add user {m} "
            "first, or remove them from the group.",
        )
        for m in dict.fromkeys(group.members)
        if m not in user_numbers  # a set or a dict's keys: looked up, never copied
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
