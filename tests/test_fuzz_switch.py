"""Fuzzing the running switch: a Hypothesis state machine of trainees, callers and Manager.

Every example boots a site with a station of every handset model, then runs a random
sequence of actions: real keys and keys no handset has, dialled strings (logons here and
elsewhere, logoffs, junk), softkeys, buttons, lifting and hanging up, model time passing,
outside calls to the hunt groups, answers, hang-ups and callers giving up, Merges of random
Manager edits (with calls ringing and in progress), and public calls given values of the
wrong kind.  After every step:

* one phone per user and one user per phone, ``location_of`` and ``user_at`` agreeing;
* every call in a known state whose fields agree with it, ringing and talking only at
  users who are logged on, in a hunt group that still exists (no orphan call after Merge);
* model time never goes backwards, and the event log is in time order;
* every display renders: lines of text within the model's width, the model's softkeys.

Each action either works or raises an :class:`ipo_core.IpoError` (anything else is a
failure), and an action that raised changed nothing anyone can see.  What this adds to
``test_properties.py``: calls, wrong kinds, every model at once, and the whole visible state
(time, log, screens, calls, configuration) compared after a refusal, not only who is where.
"""

from __future__ import annotations

import hypothesis.strategies as st
import pytest
from fuzzing import (
    COUNTS,
    MODELS,
    THOROUGH,
    fuzz_settings,
    never_anything_but_ipo_errors,
    report_counts,
    wrong_kinds,
)
from hypothesis import assume
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

import ipo_core as ipo
from ipo_core.switch.phone import STATES

ACTIONS = "switch actions"
EXAMPLES = "switch runs"
#: make fuzz promises at least this many state-machine actions in all.
MIN_ACTIONS = 4_000

CALL_STATES = ("queued", "alerting", "connected", "ended")
CODES = ["", "1", "123", "1234", "5678", "0000", "987654"]
#: Not keys of any model, or (Menu, softkeys) not of the 4406D+ and 4606; key names are read
#: without case or surrounding spaces (" menu " is Menu), so those are real keys.
BAD_KEYS = [
    "",
    "A",
    "10",
    "**",
    "SOFTKEY5",
    "SOFTKEY0",
    "Hdesk",
    " ",
    "٣",
    "\x00",
    "MENU",
    "softkey1",
]
NUMBERS = [f"30{i:02d}" for i in range(12)]


@st.composite
def sites(draw: st.DrawFn) -> ipo.Config:
    """A station of every handset model (and sometimes a spare), users, and 1-2 hunt groups."""
    models = list(draw(st.permutations(MODELS)))
    models += draw(st.lists(st.sampled_from(MODELS), max_size=2))
    bases = draw(st.permutations(NUMBERS))[: len(models)]
    cfg = ipo.Config()
    for base, model in zip(bases, models, strict=True):
        cfg.add_extension(base, model=model)
    homeless = draw(st.lists(st.sampled_from(["400", "401"]), max_size=2, unique=True))
    for number in [b for b in bases if draw(st.integers(0, 4))] + homeless:
        force_login = draw(st.booleans())
        cfg.add_user(
            ipo.User(
                f"U{number}",
                number,
                force_login=force_login,
                login_code=draw(st.sampled_from(CODES[1:] if force_login else CODES)),
                wrap_up_time=draw(st.sampled_from([0, 2, 10])),
            )
        )
        if draw(st.integers(0, 3)) == 0:
            button = draw(
                st.sampled_from(
                    [ipo.Button.extn_logout(), ipo.Button.extn_login(), ipo.Button.dial("*36")]
                )
            )
            cfg.set_button(number, draw(st.integers(1, 3)), button)
    numbers = [u.extension for u in cfg.users]
    for name, extension in [("Sales", "200"), ("Support", "201")][: draw(st.integers(1, 2))]:
        pick = (
            st.lists(st.sampled_from(numbers), max_size=6, unique=True) if numbers else st.just([])
        )
        members = tuple(draw(pick))
        cfg.add_hunt_group(
            ipo.HuntGroup(
                name,
                extension,
                mode=draw(st.sampled_from(list(ipo.HuntMode))),
                members=members,
                no_answer_time=draw(st.sampled_from([5, 15])),
                queuing=draw(st.booleans()),
            )
        )
    assume(not cfg.validate())
    return cfg


def visible_state(system: ipo.System) -> tuple[object, ...]:
    """Everything a refused action must leave as it was."""
    return (
        system.time,
        system.events,
        system.config,
        tuple((u.extension, system.location_of(u.extension)) for u in system.config.users),
        tuple((p.extension, p.screen, p.timer_due, p.is_retired) for p in system.phones),
        tuple(
            (c.number, c.state, c.alerting, c.answered_by, c.station, c.ended) for c in system.calls
        ),
    )


#: Merge may remove every station; then there is no phone to press.
HAS_PHONES = precondition(lambda self: bool(self.system.phones))


class Switch(RuleBasedStateMachine):
    """One running IP Office, its trainees, its callers and its Manager."""

    def __init__(self) -> None:
        super().__init__()
        self.system: ipo.System
        self.last_time = 0.0

    @initialize(config=sites())
    def boot(self, config: ipo.Config) -> None:
        self.system = ipo.System(config)
        COUNTS[EXAMPLES] += 1

    # --- helpers ------------------------------------------------------------------------

    def act(self, action, *args) -> None:  # type: ignore[no-untyped-def]
        """One action: it works, or raises an IpoError and changes nothing anyone can see."""
        COUNTS[ACTIONS] += 1
        before = visible_state(self.system)
        error = never_anything_but_ipo_errors(lambda: action(*args))
        if error is not None:
            assert visible_state(self.system) == before, (
                f"{type(error).__name__} ({error}) but the system changed"
            )

    def pick_phone(self, data: st.DataObject) -> ipo.Phone:
        return data.draw(st.sampled_from(self.system.phones), label="phone")

    def login_strings(self) -> list[str]:
        out = []
        for u in self.system.config.users:
            out += [f"*35*{u.extension}*{u.login_code}#", f"*35*{u.login_code}#"]
            out += [f"*35*{u.extension}*9999#", u.extension]
        return [*out, "*36", "*35*", "*3", "#", "*", "200", "201", "*17", "*00"]

    # --- what trainees do ---------------------------------------------------------------

    @HAS_PHONES
    @rule(data=st.data())
    def press_a_key(self, data: st.DataObject) -> None:
        phone = self.pick_phone(data)
        key = data.draw(st.sampled_from(phone.handset.keys) | st.sampled_from(BAD_KEYS))
        self.act(phone.press, key)
        if key.strip().upper() not in phone.handset.keys:
            with pytest.raises(ipo.IpoError):
                phone.press(key)

    @HAS_PHONES
    @rule(data=st.data())
    def dial(self, data: st.DataObject) -> None:
        phone = self.pick_phone(data)
        digits = data.draw(
            st.sampled_from(self.login_strings()) | st.text(alphabet="0123456789*#", max_size=12)
        )
        self.act(phone.dial, digits)

    @precondition(
        lambda self: (
            len(self.system.phones) >= 2 and any(u.login_code for u in self.system.config.users)
        )
    )
    @rule(data=st.data())
    def log_on_elsewhere(self, data: st.DataObject) -> None:
        """A user with a code logs on at another desk than the one they are at (R5)."""
        users = [u for u in self.system.config.users if u.login_code]
        user = data.draw(st.sampled_from(users))
        here = self.system.location_of(user.extension)
        others = [p for p in self.system.phones if p.extension != here]
        phone = data.draw(st.sampled_from(others))
        self.act(phone.dial, f"*35*{user.extension}*{user.login_code}#")

    @HAS_PHONES
    @rule(data=st.data())
    def type_keys(self, data: st.DataObject) -> None:
        phone = self.pick_phone(data)
        self.act(phone.type, data.draw(st.text(alphabet="0123456789*#AM ", max_size=8)))

    @HAS_PHONES
    @rule(data=st.data())
    def press_a_softkey(self, data: st.DataObject) -> None:
        phone = self.pick_phone(data)
        shown = [k for k in phone.softkeys if k]
        label = data.draw(
            (st.sampled_from(shown) if shown else st.nothing())
            | st.sampled_from(["Logon", "Logoff", "Hdesk", "", "Next"])
        )
        self.act(phone.press_softkey, label)

    @HAS_PHONES
    @rule(data=st.data())
    def press_a_button(self, data: st.DataObject) -> None:
        phone = self.pick_phone(data)
        position = data.draw(st.integers(-1, 26) | wrong_kinds())
        self.act(phone.press_button, position)

    @HAS_PHONES
    @rule(data=st.data(), what=st.sampled_from(["lift", "hang_up", "answer"]))
    def handset(self, data: st.DataObject, what: str) -> None:
        phone = self.pick_phone(data)
        self.act(getattr(phone, what))

    @rule(seconds=st.sampled_from([0, 0.5, 1.5, 4, 5, 15, 30, 90, 600]) | wrong_kinds())
    def time_passes(self, seconds: object) -> None:
        self.act(self.system.advance, seconds)

    # --- callers ------------------------------------------------------------------------

    @rule(group=st.sampled_from(["200", "201", "Sales", "support"]) | wrong_kinds())
    def a_call_arrives(self, group: object) -> None:
        self.act(self.system.incoming_call, group)

    def pick_call(self, data: st.DataObject) -> object:
        calls = self.system.calls
        live = [c for c in calls if c.state != "ended"]
        return data.draw(
            (st.sampled_from(live) if live else st.nothing())
            | (st.sampled_from(calls) if calls else st.nothing())
            | wrong_kinds()
        )

    @rule(data=st.data())
    def someone_answers(self, data: st.DataObject) -> None:
        call = self.pick_call(data)
        ringing = list(getattr(call, "alerting", ()))
        user = data.draw(
            st.none() | (st.sampled_from(ringing) if ringing else st.nothing()) | wrong_kinds()
        )
        self.act(self.system.answer_call, call, user)

    @rule(data=st.data(), how=st.sampled_from(["end_call", "abandon_call"]))
    def someone_hangs_up(self, data: st.DataObject, how: str) -> None:
        self.act(getattr(self.system, how), self.pick_call(data))

    @precondition(lambda self: any(p.can_answer for p in self.system.phones))
    @rule(data=st.data())
    def a_ringing_phone_is_answered(self, data: st.DataObject) -> None:
        ringing = [p for p in self.system.phones if p.can_answer]
        phone = data.draw(st.sampled_from(ringing))
        self.act(data.draw(st.sampled_from([phone.answer, phone.lift])))

    # --- Manager ------------------------------------------------------------------------

    @rule(data=st.data())
    def merge(self, data: st.DataObject) -> None:
        draft = self.system.receive_config()
        busy = [c.answered_by for c in self.system.calls if c.state == "connected"]
        busy += [u for c in self.system.calls for u in c.alerting]
        for _ in range(data.draw(st.integers(1, 3))):
            edit_draft(data, draft, busy)
        COUNTS[ACTIONS] += 1
        before = visible_state(self.system)
        error = never_anything_but_ipo_errors(lambda: self.system.merge(draft))
        if error is not None:
            assert isinstance(error, ipo.ConfigError)
            assert error.problems == draft.validate()
            assert visible_state(self.system) == before, "a refused Merge changed the system"
        else:
            assert self.system.config == draft

    # --- public calls given the wrong kind of value -------------------------------------

    @rule(
        data=st.data(),
        what=st.sampled_from(
            [
                "phone",
                "user",
                "location_of",
                "user_at",
                "occupant",
                "is_dnd",
                "lockout_remaining",
                "is_available",
                "call_at",
                "log_out",
                "merge",
                "log_in",
            ]
        ),
    )
    def a_wrong_kind_of_value(self, data: st.DataObject, what: str) -> None:
        value = data.draw(wrong_kinds())
        method = getattr(self.system, what)
        if what == "log_in":
            self.act(method, value, data.draw(wrong_kinds() | st.none()), data.draw(wrong_kinds()))
        else:
            self.act(method, value)

    @HAS_PHONES
    @rule(data=st.data(), what=st.sampled_from(["press", "type", "dial", "press_softkey"]))
    def a_wrong_kind_of_key(self, data: st.DataObject, what: str) -> None:
        phone = self.pick_phone(data)
        value = data.draw(wrong_kinds().filter(lambda v: not isinstance(v, str)))
        COUNTS[ACTIONS] += 1
        before = visible_state(self.system)
        with pytest.raises(ipo.IpoError):
            getattr(phone, what)(value)
        assert visible_state(self.system) == before

    # --- after every step ---------------------------------------------------------------

    @invariant()
    def one_phone_per_user_and_one_user_per_phone(self) -> None:
        system = self.system
        stations = {p.extension for p in system.phones}
        at: dict[str, str] = {}
        for user in system.config.users:
            station = system.location_of(user.extension)
            if station is None:
                continue
            assert station in stations, f"{user.extension} is at {station}, which is gone"
            assert station not in at, f"{at[station]} and {user.extension} both at {station}"
            at[station] = user.extension
        for phone in system.phones:
            here = system.user_at(phone.extension)
            assert (None if here is None else here.extension) == at.get(phone.extension)

    @invariant()
    def every_call_is_in_a_known_state(self) -> None:
        system = self.system
        groups = {g.name for g in system.config.hunt_groups}
        users = {u.extension for u in system.config.users}
        taken: dict[str, int] = {}
        for call in system.calls:
            assert call.state in CALL_STATES, f"{call!r} is in an unknown state"
            if call.state == "ended":
                assert call.alerting == ()
                assert call.ended is not None
                assert call.ended <= system.time
                continue
            assert call.ended is None
            if call.state in ("queued", "alerting"):  # answered, a call no longer needs its group
                assert call.group in groups, f"{call!r} waits in a hunt group Merge removed"
            if call.state == "queued":
                assert call.alerting == ()
                assert call.answered_by is None
            elif call.state == "alerting":
                assert call.alerting, f"{call!r} is alerting nobody"
                assert call.answered_by is None
                for user in call.alerting:
                    assert user in users, f"{call!r} rings {user}, who Merge removed"
                    station = system.location_of(user)
                    assert station is not None, f"{call!r} rings {user}, who is logged off"
                    assert system.call_at(station) is call
                    assert system.phone(station).state == "ringing", (
                        f"{call!r} rings {user} at {station}, whose phone is "
                        f"{system.phone(station).state}"
                    )
                    assert user not in taken, f"{user} is on calls {taken[user]} and {call.number}"
                    taken[user] = call.number
            else:
                user = call.answered_by
                assert user is not None
                assert call.alerting == ()
                assert user in users, f"{call!r} is with {user}, who Merge removed"
                assert system.location_of(user) == call.station, (
                    f"{call!r} is in progress at {call.station} but {user} is at "
                    f"{system.location_of(user)}"
                )
                assert system.call_at(call.station) is call
                assert system.phone(call.station).state == "connected", (
                    f"{call!r} is in progress at {call.station}, whose phone is "
                    f"{system.phone(call.station).state}"
                )
                assert user not in taken, f"{user} is on calls {taken[user]} and {call.number}"
                taken[user] = call.number

    @invariant()
    def time_never_goes_backwards(self) -> None:
        now = self.system.time
        assert now >= self.last_time, f"model time went back from {self.last_time} to {now}"
        self.last_time = now
        times = [e.time for e in self.system.events]
        assert times == sorted(times), "the event log is not in model-time order"
        assert not times or times[-1] <= now

    @invariant()
    def every_display_renders(self) -> None:
        for phone in self.system.phones:
            screen = phone.screen
            model = phone.handset
            assert isinstance(screen, ipo.Display)
            assert screen.state in STATES
            assert phone.state == screen.state
            assert all(isinstance(line, str) for line in screen.lines)
            assert screen.lines
            for line in screen.lines:
                assert len(line) <= model.display_width, f"{phone!r} shows {line!r}: too wide"
                assert line == line.rstrip()
            assert len(screen.softkeys) == model.softkey_count
            assert all(isinstance(k, str) for k in screen.softkeys)
            assert isinstance(screen.text, str)
            assert isinstance(repr(phone), str)
            assert isinstance(screen.explain("5", screen), str)
            if phone.timer_due is not None:
                assert phone.timer_due >= self.system.time
                assert phone.state == "dialling"


def edit_draft(data: st.DataObject, draft: ipo.Config, busy: list[str | None]) -> None:
    """One Manager edit, often of a user on a call; one Manager refuses as typed is not made."""
    edit = data.draw(
        st.sampled_from(
            [
                "remove_busy_user",
                "remove_busy_station",
                "remove_group",
                "members",
                "model",
                "force_login",
                "login_code",
                "add_user",
                "add_station",
                "wrap_up",
                "no_answer_time",
                "queuing",
                "mode",
                "duplicate_name",
            ]
        )
    )
    users, stations, groups = draft.users, draft.extensions, draft.hunt_groups
    on_calls = [u for u in users if u.extension in busy] or users
    try:
        if edit == "remove_busy_user" and on_calls:
            draft.remove_user(data.draw(st.sampled_from(on_calls)).extension)
        elif edit == "remove_busy_station" and stations:
            homes = [s for s in stations if s.base_extension in busy] or stations
            draft.remove_extension(data.draw(st.sampled_from(homes)).base_extension)
        elif edit == "remove_group" and groups:
            draft.remove_hunt_group(data.draw(st.sampled_from(groups)).name)
        elif edit == "members" and groups:
            group = data.draw(st.sampled_from(groups))
            numbers = [u.extension for u in users]
            group.members = tuple(
                data.draw(st.lists(st.sampled_from(numbers), max_size=4, unique=True))
                if numbers
                else ()
            )
        elif edit == "model" and stations:
            station = data.draw(st.sampled_from(stations))
            draft.set_extension_model(station.base_extension, data.draw(st.sampled_from(MODELS)))
        elif edit == "force_login" and users:
            user = data.draw(st.sampled_from(users))
            user.force_login = not user.force_login
        elif edit == "login_code" and users:
            data.draw(st.sampled_from(users)).login_code = data.draw(
                st.sampled_from([*CODES, "12ab", "١٢٣٤"])
            )
        elif edit == "add_user":
            number = data.draw(st.sampled_from([*NUMBERS, "400", "401", "402"]))
            draft.add_user(ipo.User(f"N{number}", number, login_code="4321"))
        elif edit == "add_station":
            draft.add_extension(
                data.draw(st.sampled_from(NUMBERS)), data.draw(st.sampled_from(MODELS))
            )
        elif edit == "wrap_up" and users:
            data.draw(st.sampled_from(users)).wrap_up_time = data.draw(st.sampled_from([0, 1, 30]))
        elif edit == "no_answer_time" and groups:
            data.draw(st.sampled_from(groups)).no_answer_time = data.draw(
                st.sampled_from([1, 15, 99])
            )
        elif edit == "queuing" and groups:
            group = data.draw(st.sampled_from(groups))
            group.queuing = not group.queuing
        elif edit == "mode" and groups:
            data.draw(st.sampled_from(groups)).mode = data.draw(st.sampled_from(list(ipo.HuntMode)))
        elif edit == "duplicate_name" and len(users) >= 2:
            a, b = data.draw(st.permutations(users))[:2]
            a.name = b.name.lower()  # Manager refuses two users of one name at Merge (R2)
    except ipo.IpoError:
        pass


Switch.TestCase.settings = fuzz_settings(
    modest=25,
    thorough=220,
    stateful_step_count=40 if THOROUGH else 25,
)
TestSwitch = Switch.TestCase


@pytest.fixture(scope="module", autouse=True)
def _count(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    yield
    report_counts(request, {ACTIONS: MIN_ACTIONS, EXAMPLES: 0})
