"""A trainee's own desk: the station, agent and login code one trainee practises with.

In a class every trainee runs the same exercises on the same site, so without desks
every attempt would be "Agent3000 at 3000 with code 1234", and every trainee would learn
the one code.  :meth:`Desk.draw` gives each trainee a desk of their own: a station whose
user is a logon agent (Force Login and a login code) on a handset that can do all six of
the tip's methods, chosen from the trainee's name so they keep it, and a fresh login
code drawn from the ``random.Random`` passed in.  :meth:`Desk.apply` returns a copy of
the site where that agent's login code is the trainee's, in the user's record and in
every custom short code and button that held the old one, so the short-code logon
still works.  Login codes never appear in a desk's ``repr``.

>>> import random
>>> from ipo_core.site.examples import load_site
>>> site = load_site("tech_tip_014")
>>> desk = Desk.draw(site, "Ben", random.Random(7))
>>> desk
Desk(station='3000', extension='3000', user='Agent3000', model='4612')
>>> Desk.draw(site, "Ben", random.Random(8)).station     # the same desk for the same name
'3000'
>>> Desk.draw(site, "Ana", random.Random(7)).station     # another trainee, maybe another desk
'3001'
>>> desk.login_code != "1234" and len(desk.login_code) == 4
True
>>> mine = desk.apply(site)
>>> mine.user("3000").login_code == desk.login_code
True
>>> [sc.code for sc in mine.short_codes if desk.login_code in sc.number]   # #3000 follows
['#3000']
>>> site.user("3000").login_code                          # the site itself is unchanged
'1234'
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field, replace

from ipo_core.errors import ConfigError, WrongType
from ipo_core.quoting import quote
from ipo_core.site.buttons import ButtonAction
from ipo_core.site.config import Config, Extension
from ipo_core.site.handsets import handset_model
from ipo_core.site.shortcodes import Feature, login_dials
from ipo_core.site.users import MAKE_A_LOGON_AGENT, MIN_AGENT_LOGIN_CODE, User

__all__ = ["Desk"]

#: How many digits a drawn login code has: the tip's minimum.
CODE_DIGITS = MIN_AGENT_LOGIN_CODE
_DRAWS = 1000  # a site would need most of the 10,000 codes taken to exhaust this


@dataclass(frozen=True)
class Desk:
    """One trainee's place on a site: the station they sit at, as which agent, with which code."""

    station: str
    """Base extension of the station the trainee uses."""
    extension: str
    """The agent's extension: the station's own user, who logs on and off there."""
    user: str
    """The agent's user name (``'Agent3000'``)."""
    model: str
    """The handset model on the station."""
    login_code: str = field(repr=False)
    """The trainee's own login code for the agent; kept out of ``repr`` (notebooks show it)."""

    @classmethod
    def draw(cls, config: Config, trainee: str, rng: random.Random) -> Desk:
        """``trainee``'s desk on the site ``config``: a station chosen from their name, a code from ``rng``.

        The station is one whose user is a logon agent on a handset with Menu keys and
        programmable buttons (every exercise works there), the same one for the same name
        on the same site.  The login code has 4 digits, differs from every code on the site
        and is none a colleague would guess (``1234``, ``0000``, ``1111``, the extension).
        ConfigError when the site has no such station; WrongType for a ``config`` that is no
        Config, a ``trainee`` that is not text or an ``rng`` that is no ``random.Random``.
        """
        _check_site(config)
        if not isinstance(trainee, str):
            raise WrongType("trainee", "the trainee's name as text, such as 'Ben'", trainee)
        if not isinstance(rng, random.Random):
            raise WrongType("rng", "a random.Random, such as random.Random(7)", rng)
        stations = _suitable_stations(config)
        if not stations:
            raise ConfigError(
                [
                    f"The site {quote(config)} has no station for an exercise desk: a desk needs a "
                    f"station whose own user is a logon agent ({MAKE_A_LOGON_AGENT}) on a "
                    "handset with Menu keys and buttons, such as a 4612. Make one user a logon agent at such "
                    "a station, or load the site 'tech_tip_014'."
                ]
            )
        digest = hashlib.sha256(trainee.strip().encode("utf-8")).digest()
        station = stations[int.from_bytes(digest[:8], "big") % len(stations)]
        user = config.user(station.base_extension)
        return cls(
            station.base_extension,
            user.extension,
            user.name,
            station.model,
            _fresh_code(config, user, rng),
        )

    def apply(self, config: Config) -> Config:
        """A copy of ``config`` where this desk's agent has the trainee's login code.

        Everything that logged the agent on with the old code does so with the new one:
        every login short code (Feature ExtnLogin, ``Extn*Code``, or the code alone in the
        agent's own short codes), every Dial short code and Dial button that dials an
        ExtnLogin short code with the old code (``*35*Extn*Code#``, or ``*35*Code#`` on the
        agent's own buttons), and a button label that quotes the old code.  WrongType for a
        ``config`` that is no Config; UnknownName when it has no user with the desk's extension.
        """
        _check_site(config)
        site = config.copy()
        user = site.user(self.extension)
        old, new = user.login_code, self.login_code
        user.login_code = new
        if not old or old == new:
            return site
        every = [*site.short_codes, *(sc for u in site.users for sc in u.short_codes)]
        moved = _Move(self.extension, old, new, login_dials(every))
        for owner, table in [(None, site.short_codes), *((u, u.short_codes) for u in site.users)]:
            own = owner is user
            for i, sc in enumerate(table):
                if sc.feature is Feature.EXTN_LOGIN:
                    number = moved.login_number(sc.number, own=own)
                elif sc.feature is Feature.DIAL:
                    number = moved.dialled(sc.number, own=own)
                else:
                    continue
                if number != sc.number:
                    table[i] = replace(sc, number=number)
        for u in site.users:
            for position, button in list(u.buttons.items()):
                if button.action is not ButtonAction.DIAL:
                    continue
                number = moved.dialled(button.number, own=u is user)
                if number == button.number:
                    continue
                label = "" if button.has_default_label else moved.label(button.label)
                u.buttons[position] = replace(button, number=number, label=label)
        return site


@dataclass(frozen=True)
class _Move:
    """One agent's login code changing from ``old`` to ``new``, in the numbers that carry it."""

    extension: str
    """The agent's extension."""
    old: str
    """The login code the site gave them."""
    new: str
    """The desk's login code."""
    dials: tuple[tuple[str, str], ...]
    """What each ExtnLogin short code with N dials before and after N: (``*35*``, ``#``)."""

    def login_number(self, number: str, *, own: bool) -> str:
        """An ExtnLogin Telephone Number: ``Extn*Code``, or the code alone at the agent's own."""
        if number == f"{self.extension}*{self.old}":
            return f"{self.extension}*{self.new}"
        return self.new if own and number == self.old else number

    def dialled(self, number: str, *, own: bool) -> str:
        """A dialled number: an ExtnLogin short code dialled with ``Extn*Code`` (or the code alone)."""
        for before, after in self.dials:
            if number.startswith(before) and number.endswith(after):
                body = number[len(before) : len(number) - len(after)]
                moved = self.login_number(body, own=own)
                if moved != body:
                    return f"{before}{moved}{after}"
        return number

    def label(self, label: str) -> str:
        """A label with the old code, where it stands as a number of its own, made the new one."""
        return re.sub(rf"(?<![0-9]){re.escape(self.old)}(?![0-9])", self.new, label)


def _check_site(config: object) -> None:
    if not isinstance(config, Config):
        raise WrongType("site", "a Config, such as ipo.load_site('tech_tip_014')", config)


def _suitable_stations(config: Config) -> list[Extension]:
    """The stations a desk can be: own user a logon agent, handset with Menu keys and buttons."""
    found = []
    for station in config.extensions:
        user = config.find_user(station.base_extension)
        handset = handset_model(station.model)
        if (
            user is not None
            and user.is_logon_agent
            and handset.has_menu_keys
            and handset.button_count > 0
        ):
            found.append(station)
    return sorted(found, key=lambda s: s.base_extension)


def _fresh_code(config: Config, user: User, rng: random.Random) -> str:
    taken = {u.login_code for u in config.users if u.login_code}
    for _ in range(_DRAWS):
        code = f"{rng.randrange(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        if code not in taken and not _is_guessable(code, user.extension):
            return code
    raise ConfigError(  # pragma: no cover - needs most of the 10,000 codes taken
        [f"No free {CODE_DIGITS}-digit login code is left on the site {quote(config)}."]
    )


def _is_guessable(code: str, extension: str) -> bool:
    """True for a code a colleague would try first: one digit repeated, a run, the extension."""
    digits = [int(c) for c in code]
    steps = {b - a for a, b in zip(digits, digits[1:], strict=False)}
    return (
        len(set(digits)) == 1  # 0000, 1111
        or steps in ({1}, {-1})  # 1234, 6789, 4321
        or code in extension  # 3000 at 3000
        or code[:2] == code[2:]  # 1212
    )
