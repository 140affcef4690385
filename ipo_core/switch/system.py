"""The running IP Office: stations, who is logged on where, timers, and Merge.

A :class:`System` boots on its own copy of a configuration (rule R4): users
without Force Login are at their home phone, Force Login users are logged off
and their phone shows NoUser.  Manager's edits go to a copy received from the
system and change nothing until :meth:`System.merge`.

>>> from ipo_core.site.examples import load_site
>>> system = System(load_site("tech_tip_014"))
>>> system.location_of("3000") is None        # Force Login: logged off after boot
True
>>> phone = system.phone("3000")
>>> phone.display
('NoUser              3000', '')
>>> phone.dial("*35*3000*1234#").lines
('Agent3000           3000', 'Logged on')
>>> system.location_of("3000")
'3000'
>>> phone.hang_up().lines
('Agent3000           3000', '')
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from ipo_core.bulk import collector_paused
from ipo_core.errors import (
    CallStateError,
    ConfigError,
    IpoError,
    UnknownName,
    WrongType,
)
from ipo_core.masking import mask_code, mask_digits
from ipo_core.quoting import quote
from ipo_core.site.config import Config
from ipo_core.site.shortcodes import Resolution, resolve
from ipo_core.site.users import User
from ipo_core.switch.calls import Call, CallDistributor
from ipo_core.switch.clock import Clock
from ipo_core.switch.display import Outcome, Tone
from ipo_core.switch.events import Event, EventKind
from ipo_core.switch.log import Log
from ipo_core.switch.phone import Phone
from ipo_core.switch.seating import Seating

__all__ = ["LOCKOUT_ATTEMPTS", "LOCKOUT_TIME", "System"]

#: Failed logins at one station before it refuses every login (rule R6).
LOCKOUT_ATTEMPTS = 4
#: Seconds of model time a station refuses logins after the fourth failure (rule R6).
LOCKOUT_TIME = 90.0

# What each kind of argument takes, as a WrongType message says it ("The station must be ...").
_STATION = "a station number such as '3000'"
_USER = "a user's extension or name, such as '3000' or 'Agent3000'"


def _text(what: str, value: object, expected: str) -> str:
    """``value`` if it is text, else WrongType: checked before anything changes."""
    if not isinstance(value, str):
        raise WrongType(what, expected, value)
    return value


def _flag(what: str, value: object) -> bool:
    """``value`` if it is True or False (not 1, not 'off'), else WrongType."""
    if not isinstance(value, bool):
        raise WrongType(what, "True or False", value)
    return value


class System:
    """One running IP Office: its stations, their phones, and who is logged on where."""

    def __init__(self, config: Config) -> None:
        """Boot on a copy of ``config``; ConfigError listing every problem if Manager refuses it."""
        if not isinstance(config, Config):
            raise ConfigError([f"System needs a Config, not {quote(config)}."])
        with collector_paused():  # a large site is many new acyclic records (bulk.py)
            problems = config.validate()
            if problems:
                raise ConfigError(problems)
            self._config = config.copy()
            # The three parts that own the running state, each through its own methods:
            self._clock = Clock()  # model time and the timers booked on it
            self._journal = Log()  # every event, and who watches which kind
            self._seating = Seating()  # who is logged on where, and Do Not Disturb
            # Read often, so kept at hand: live views of the seating's own maps.
            self._station_of = self._seating.station_of  # user -> station base extension
            self._user_at = self._seating.user_at  # station base extension -> user
            self._logons = MappingProxyType(self._seating.user_at)
            self._failures: dict[str, int] = {}
            self._locked_until: dict[str, float] = {}
            self._phones: dict[str, Phone] = {}
            self._users: dict[str, User] = {}
            self._calls = CallDistributor(
                self._clock, self._journal, self._seating, self._phones, self._log_off_now
            )
            self._index_groups()
            self._install_stations()

    # --- looking at it -----------------------------------------------------------------

    @property
    def time(self) -> float:
        """Model time in seconds since boot."""
        return self._clock.now

    @property
    def events(self) -> tuple[Event, ...]:
        """Everything that happened, oldest first."""
        return tuple(self._journal.events)

    @property
    def config(self) -> Config:
        """A copy of the running configuration (edit one from ``receive_config``)."""
        return self._config.copy()

    def phone(self, base_extension: str) -> Phone:
        """The phone on the station with ``base_extension``.

        WrongType for what is no station number (``None``, ``3000`` without quotes);
        UnknownName, listing the stations, for a number that is no station.
        """
        phone = self._phones.get(base_extension) if isinstance(base_extension, str) else None
        if phone is None:
            raise self._no_station(base_extension)
        return phone

    def _no_station(self, base_extension: object) -> IpoError:
        if not isinstance(base_extension, str):
            return WrongType("station", _STATION, base_extension)
        return UnknownName("station", base_extension, sorted(self._phones))

    def _extension_of(self, user: object) -> str:
        """The extension of ``user`` (an extension or a name): WrongType, UnknownName."""
        if not isinstance(user, str):
            raise WrongType("user", _USER, user)
        return user if user in self._users else self._config.user(user).extension

    def _own(self, call: object) -> Call:
        """``call`` if this system made it: WrongType for no call, UnknownName for another's."""
        if not isinstance(call, Call):
            raise WrongType(
                "call", "a Call of this system, such as what incoming_call returned", call
            )
        calls = self._calls.calls
        number = call.number
        if not (type(number) is int and 0 < number <= len(calls) and calls[number - 1] is call):
            raise UnknownName(
                "call",
                call,
                hint="It was made by another System, or is a copy: answer, end or abandon a "
                "call on the System whose incoming_call made it (system.calls lists them).",
            )
        return call

    @property
    def phones(self) -> tuple[Phone, ...]:
        """Every station's phone, by base extension."""
        return tuple(self._phones[k] for k in sorted(self._phones))

    def user(self, key: str) -> User:
        """A copy of the running user with extension or name ``key`` (edit a received config)."""
        return copy.deepcopy(self._config.user(_text("user", key, _USER)))

    def location_of(self, user: str) -> str | None:
        """Base extension of the station ``user`` (extension or name) is logged on at, or None."""
        return self._station_of.get(self._extension_of(user))

    @property
    def logons(self) -> Mapping[str, str]:
        """Who is logged on where now: each occupied station's base extension -> its user's
        extension.  A live view, read only: it follows every logon and logoff.

        >>> from ipo_core.site.examples import load_site
        >>> system = System(load_site("tech_tip_014"))
        >>> dict(system.logons)       # Desk3002 is no Force Login user: at its desk from boot
        {'3002': '3002'}
        """
        return self._logons

    def user_at(self, base_extension: str) -> User | None:
        """A copy of the user logged on at the station ``base_extension``, or None (NoUser)."""
        return copy.deepcopy(self.occupant(base_extension))

    def occupant(self, base_extension: str) -> User | None:
        """The running record of the user at ``base_extension``: for reading only.

        Phones read it many times a key press, so it is not copied; edit users in
        a config from ``receive_config`` and Merge it.
        """
        self.phone(base_extension)
        extension = self._user_at.get(base_extension)
        return None if extension is None else self._users[extension]

    def is_dnd(self, user: str) -> bool:
        """True when ``user`` has Do Not Disturb on."""
        return self._extension_of(user) in self._seating.dnd

    def logoff_pending(self, user: str) -> bool:
        """True when ``user`` asked to log off during a call: it happens when the call ends."""
        return self._calls.has_pending_logoff(self._extension_of(user))

    def lockout_remaining(self, base_extension: str) -> float:
        """Seconds until the station accepts logins again after four failures (R6); 0 if open."""
        self.phone(base_extension)
        return max(0.0, self._locked_until.get(base_extension, 0.0) - self._clock.now)

    # --- Manager ----------------------------------------------------------------------

    def receive_config(self) -> Config:
        """An offline copy for Manager to edit; nothing changes until ``merge``."""
        return self._config.copy()

    def merge(self, draft: Config) -> None:
        """Make ``draft`` the running configuration, or raise ConfigError and change nothing.

        Users and stations that survive keep their logons.  A new station boots as
        at power-up (R4); a user who no longer exists, or whose station is gone, is
        logged off; a station whose handset model changed starts idle with the new
        handset; a phone part-way through dialling keeps its digits, and one showing
        a menu goes back to idle, since its labels may have changed.

        Calls: a new handset restarts the phone, which ends a call in progress there (logged
        ``phone restarted at Merge``) and rings again for a call that was ringing it; a call
        waiting or ringing in a hunt group that Merge removed is turned away, and one in a
        group whose members or mode changed hunts on among the members as they now are.
        """
        if not isinstance(draft, Config):
            raise ConfigError(
                [f"merge needs a Config received from this system, not {quote(draft)}."]
            )
        problems = draft.validate()
        if problems:
            raise ConfigError(problems)
        # No call hunts on, and nobody is offered one, until users, stations and groups are
        # all as this Merge leaves them: a call never rings a member the same Merge removes.
        self._calls.merge_begins()
        try:
            self._change_to(draft.copy())
        finally:  # a watcher that raised must not leave calls held for ever
            self._calls.merge_ends()
        for user in list(self._station_of):  # handsets may have been put down by Merge
            self._calls.member_may_be_free(user)
        self._log(EventKind.MERGE)

    def _change_to(self, config: Config) -> None:
        """Merge's changes, calls held (``merge``): logons, groups, phones, then calls."""
        self._config = config
        users = {u.extension for u in self._config.users}
        stations = {e.base_extension: e.handset for e in self._config.extensions}
        for user, station in list(self._station_of.items()):
            if user not in users or station not in stations:
                self._detach(user, station, detail="removed at Merge")
        self._seating.keep_only(users)
        self._index_groups()
        restarted = []
        for base in list(self._phones):
            if base not in stations:
                self._phones.pop(base).retire()
                self._failures.pop(base, None)
                self._locked_until.pop(base, None)
            elif self._phones[base].handset != stations[base]:
                self._phones[base].replace_handset(stations[base])
                restarted.append(base)
            else:
                self._phones[base].refresh()
        self._install_stations()
        for base in stations:
            self._refill(base)
        # No call is left where nobody can answer or end it (calls.py, CallDistributor.merged).
        self._calls.merged(restarted)

    # --- model time -------------------------------------------------------------------

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` of model time pass; timers (dial delay, No Answer Time, wrap-up,
        and whatever the simulator scheduled) fire in order as they fall due.

        ModelTimeError, and nothing changes, for a step that is negative, NaN, infinite, no
        number at all (text, None, a bool), or longer than 1000 hours (a call nobody answers
        hunts on every No Answer Time, so each step must have an end), which also keeps
        model time finite.
        """
        self._clock.advance(seconds)

    def schedule(self, when: float, action: Callable[..., Any], *args: Any) -> None:
        """Run ``action(*args)`` when model time reaches ``when`` (during ``advance``).

        A time already past runs at the next ``advance``; ``math.inf`` means never, and
        books nothing.  ModelTimeError for NaN, ``-inf`` or what is no number; WrongType for
        an ``action`` that cannot be called.  Nothing is booked when either is refused.
        """
        self._clock.schedule(when, action, *args)

    # --- calls ------------------------------------------------------------------------

    def incoming_call(self, group: str, caller: str = "Outside call") -> Call:
        """An outside call to the hunt group with extension (or name) ``group``.

        It rings by the group's mode, or queues when no member is available
        (rule R9); ``advance`` moves it on when the No Answer Time runs out.
        """
        _text("hunt group", group, "a hunt group's name or extension, such as 'Sales' or '200'")
        _text("caller", caller, "text for the ringing display, such as 'Outside call'")
        return self._calls.arrive(self._config.hunt_group(group), caller)

    @property
    def calls(self) -> tuple[Call, ...]:
        """Every call so far, oldest first."""
        return tuple(self._calls.calls)

    def answer_call(self, call: Call, user: str | None = None) -> None:
        """``user`` (default: the only member it rings) answers ``call``.

        WrongType or UnknownName for what is no call of this system or no user, and
        CallStateError when the call is not ringing at them: all before anything changes.
        """
        self._own(call)
        if user is not None:
            user = self._extension_of(user)  # a name, or a wrong kind, is settled here
        elif len(call.alerting) == 1:
            user = call.alerting[0]
        elif call.alerting:
            raise CallStateError(
                f"Call {call.number} rings several members: name the one who answers, such "
                f"as answer_call(call, {call.alerting[0]!r}); only "
                f"{', '.join(call.alerting)} can answer it now.",
                call.number,
                call.state,
            )
        self._calls.answer(call, user)

    def end_call(self, call: Call) -> None:
        """The answered ``call`` ends (either side hangs up)."""
        self._calls.end(self._own(call))

    def abandon_call(self, call: Call) -> None:
        """The caller of ``call`` hangs up before anyone answers."""
        self._calls.abandon(self._own(call))

    def call_at(self, base_extension: str) -> Call | None:
        """The call ringing or in progress at station ``base_extension``, if any."""
        self.phone(base_extension)
        user = self._user_at.get(base_extension)
        if user is None:
            return None
        return self._calls.call_ringing(user) or self._calls.call_of(user)

    def is_available(self, user: str) -> bool:
        """True when ``user`` may be offered a hunt-group call now (reference section 4)."""
        return self._calls.is_available(self._extension_of(user))

    # --- what features do (the phone calls these) -------------------------------------

    def log_in(self, station: str, extension: str | None, code: str) -> Outcome:
        """ExtnLogin at ``station``: ``extension`` (None for the station's own user) with ``code``.

        Rules R5 and R6: a wrong code shows "Invalid" and changes nothing but the
        failure count; the fourth failure locks the station for 90 s.  A right
        code logs the user off wherever they were, logs off whoever was here,
        and logs the user on here.
        """
        self.phone(station)
        if extension is not None:
            _text(
                "extension",
                extension,
                "a user's extension such as '3000', or None for the station's own user",
            )
        if not isinstance(code, str):
            raise WrongType(
                "login code", "text of digits, such as '1234'", code, shown=mask_digits(quote(code))
            )
        if self.lockout_remaining(station) > 0:
            self._log(EventKind.LOGIN_REFUSED, None, station, "station locked")
            return Outcome(
                False,
                "Invalid",
                Tone.BUSY,
                f"Station {station} refuses every login for {self.lockout_remaining(station):.0f} s "
                f"more, right code or wrong, after {LOCKOUT_ATTEMPTS} failed attempts.",
            )
        number = station if extension is None else extension
        user = self._users.get(number)
        if user is None or not user.login_code or user.login_code != code:
            return self._refuse_login(station, number, user)
        self._failures.pop(station, None)
        here = self._user_at.get(station)
        if here == user.extension:
            return Outcome(
                True, "Logged on", Tone.CONFIRMATION, f"{user.name} was already logged on here."
            )
        previous = self._station_of.get(user.extension)
        if previous is not None:
            self._detach(user.extension, previous, detail=f"logged on at {station}")
        if here is not None:
            self._detach(here, station, detail=f"displaced by {user.extension}")
        self._attach(user.extension, station)
        if here is not None:
            self._send_home(self._users[here])
        if previous is not None:
            self._refill(previous)
        return Outcome(True, "Logged on", Tone.CONFIRMATION)

    def log_out(self, station: str) -> Outcome:
        """ExtnLogout at ``station``: log off whoever is logged on there (rule R5)."""
        self.phone(station)
        here = self._user_at.get(station)
        if here is None:
            return Outcome(False, "Invalid", Tone.BUSY, f"Nobody is logged on at {station}.")
        user = self._users[here]
        if not user.can_log_off:
            return Outcome(
                False,
                "Invalid",
                Tone.BUSY,
                f"{user.name} has no login code, so IP Office will not log them off: they could "
                "not log back on (User > Telephony > Login Code).",
            )
        if self._calls.call_of(here) is not None:
            self._calls.defer_logoff(here)
            self._log(EventKind.LOGOFF_PENDING, here, station)
            return Outcome(
                True,
                "Logoff after call",
                Tone.CONFIRMATION,
                f"{user.name} is on a call: the logoff happens when it ends.",
            )
        self._log_off_now(station)
        return Outcome(True, "Logged off", Tone.CONFIRMATION)

    def _log_off_now(self, station: str, detail: str = "") -> None:
        """Log off whoever is at ``station``: they go home or nowhere, the desk refills (R5)."""
        user = self._users[self._user_at[station]]
        self._detach(user.extension, station, detail=detail)
        if station != user.extension:
            self._send_home(user)
        self._refill(station)

    def set_dnd(self, station: str, on: bool) -> Outcome:
        """Do Not Disturb on or off for the user at ``station``."""
        self.phone(station)
        _flag("Do Not Disturb setting", on)
        here = self._user_at.get(station)
        if here is None:
            return Outcome(False, "Invalid", Tone.BUSY, f"Nobody is logged on at {station}.")
        self._seating.set_dnd(here, on)
        self._log(EventKind.DND_ON if on else EventKind.DND_OFF, here, station)
        self._calls.member_may_be_free(here)  # DND on: busy; off: may take a waiting call
        return Outcome(True, "DND on" if on else "DND off", Tone.CONFIRMATION)

    def resolve_digits(self, station: str, digits: str, complete: bool) -> Resolution:
        """What ``digits`` dialled at ``station`` mean now (rule R7)."""
        user = self.occupant(station)
        _text("digits", digits, "the digits dialled, as text such as '*36'")
        _flag("complete argument (sending complete)", complete)
        numbers = [u.extension for u in self._config.users] + [
            g.extension for g in self._config.hunt_groups
        ]
        return resolve(
            digits,
            extensions=numbers,
            user_codes=user.short_codes if user else (),
            system_codes=self._config.short_codes,
            complete=complete,
            extension=user.extension if user else station,
            user_name=user.name if user else "",
        )

    def describe_number(self, number: str) -> tuple[str, str | None, bool]:
        """(name, station that would ring or None, is a user) for the internal ``number``."""
        user = self._users.get(_text("number", number, "the digits dialled, such as '3001'"))
        if user is not None:
            return user.name, self._station_of.get(user.extension), True
        for group in self._config.hunt_groups:
            if group.extension == number:
                return group.name, None, False
        return number, None, False

    # --- keeping both maps in step -----------------------------------------------------

    def _install_stations(self) -> None:
        for station in self._config.extensions:
            base = station.base_extension
            if base not in self._phones:
                self._phones[base] = Phone(self, base, station.handset)
                self._refill(base, boot=True)

    def _refill(self, station: str, boot: bool = False) -> None:
        """Give a station with nobody on it back to its default user where R4/R5 allow."""
        if station in self._user_at or station not in self._phones:
            return
        default = self._users.get(station)
        if (
            default is not None
            and not default.force_login
            and default.extension not in self._station_of
        ):
            self._attach(default.extension, station, detail="boot" if boot else "default user")

    def _send_home(self, user: User) -> None:
        """R5: a user leaving a borrowed phone goes home if home is free and not Force Login."""
        home = user.extension
        if not user.force_login and home in self._phones and home not in self._user_at:
            self._attach(user.extension, home, detail="back home")

    def _attach(self, user: str, station: str, detail: str = "") -> None:
        self._seating.seat(user, station)  # one station per user, one user per station
        self._log(EventKind.LOGON, user, station, detail)
        self._calls.member_may_be_free(user)

    def _detach(self, user: str, station: str, detail: str = "") -> None:
        self._calls.user_leaves(user)  # a call ringing them moves on first
        self._seating.unseat(user)
        self._log(EventKind.LOGOFF, user, station, detail)

    def _refuse_login(self, station: str, number: str, user: User | None) -> Outcome:
        count = self._failures.get(station, 0) + 1
        why = (
            "no such user"
            if user is None
            else "no login code"
            if not user.login_code
            else "wrong code"
        )
        # Digits that are no user's extension may be a code in the wrong place: masked (masking.py).
        shown = number if user is not None else mask_code(number)
        self._log(
            EventKind.LOGIN_REFUSED, user.extension if user else None, station, f"{why}: {shown}"
        )
        note = f"Login refused ({why}); attempt {count} of {LOCKOUT_ATTEMPTS} at station {station}."
        if count >= LOCKOUT_ATTEMPTS:
            self._failures.pop(station, None)
            self._locked_until[station] = self._clock.now + LOCKOUT_TIME
            self._log(EventKind.LOCKOUT, None, station, f"{LOCKOUT_TIME:.0f} s")
            note += f" No login is accepted here for {LOCKOUT_TIME:.0f} s."
        else:
            self._failures[station] = count
        return Outcome(False, "Invalid", Tone.BUSY, note)

    def _log(
        self,
        kind: EventKind,
        user: str | None = None,
        station: str | None = None,
        detail: str = "",
        *,
        call: int | None = None,
        group: str | None = None,
        person: str | None = None,
    ) -> None:
        self._journal.record(self._clock.now, kind, user, station, call, group, person, detail)

    def on_ring(self, hook: Callable[[Call, list[str]], Any]) -> None:
        """Call ``hook(call, stations)`` each time a call starts ringing at ``stations``.

        One call a ring, however many phones ring.  What the hook returns is ignored: the
        No Answer Time runs for every ring a hook registered here sees (only the kit's own
        simulator, whose hands book their pick-ups, may promise one through the distributor).
        """
        WrongType.unless_callable("hook", "a function taking (call, stations)", hook)

        def told(call: Call, stations: list[str]) -> None:
            hook(call, stations)  # a watcher of rings: it promises no pick-up

        self._calls.on_ring(told)

    def watch(self, kind: EventKind, watcher: Callable[[Event], Any]) -> Callable[[], None]:
        """Call ``watcher(event)`` each time an event of ``kind`` is logged.

        Returns a function that stops it: a view that goes away unwatches.
        """
        return self._journal.watch(kind, watcher)

    def note(self, kind: EventKind, *, person: str, station: str) -> None:
        """Log a fact from outside the system: where a real person sat (the simulator).

        Only SEATED and LEFT_DESK: a logon, a call or a Merge is the system's own to log, and
        one noted from outside would be a fact the reports count that never happened.
        """
        if kind is not EventKind.SEATED and kind is not EventKind.LEFT_DESK:
            raise WrongType(
                "event kind of a note",
                "EventKind.SEATED or EventKind.LEFT_DESK (the system logs its own events)",
                kind,
            )
        _text("person", person, "the person's name, such as 'Ann'")
        self.phone(station)
        self._log(kind, station=station, person=person)

    def _index_groups(self) -> None:
        self._calls.reindex(self._config.users, self._config.hunt_groups)
        self._users = {u.extension: u for u in self._config.users}

    def hook_changed(self, station: str) -> None:
        """The phone at ``station`` says its handset went up (its user is busy) or down (they
        may be free for a waiting call)."""
        user = self._user_at.get(station)
        if user is not None:
            self._calls.member_may_be_free(user)  # which works out availability again first

    def __repr__(self) -> str:
        on = len(self._user_at)
        return f"<System at {self._clock.now:g} s: {len(self._phones)} stations, {on} logged on>"


def engine_of(system: System) -> tuple[Clock, CallDistributor, Log]:
    """The clock, the call distributor and the log of a running ``system``: the kit's engine.

    The shift simulator books its people's timers on the clock (unchecked), drives its
    calls through the distributor, past the checks of ``schedule``, ``incoming_call``,
    ``answer_call``, ``end_call`` and ``abandon_call``, which its own calls never need, and
    hands the log's events to its Shift when the day is over (:meth:`Log.hand_over`).
    Internal to ``ipo_core`` (not in ``__all__``): a trainee's code uses the System's methods.
    """
    return system._clock, system._calls, system._journal
