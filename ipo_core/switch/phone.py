"""A desk phone as a state machine: keys in, display snapshots out.

The handset's behaviour is the table :data:`TRANSITIONS` below: for each state,
the events that mean something there and the action each one runs.  An event
missing from a state's row is a real key pressed where it means nothing: the
snapshot says so in its ``note`` and nothing changes (STYLE 5).  Only a key the
model does not have at all raises :class:`~ipo_core.errors.KeyNotOnHandset`.

The tech tip's Menu method on a 4612, as the table runs it:

>>> from ipo_core.site.examples import load_site
>>> from ipo_core.switch.system import System
>>> phone = System(load_site("tech_tip_014")).phone("3001")
>>> phone.press("MENU").softkeys
('Pick', 'Park', 'Page', 'Dir')
>>> phone.press("MENU").softkeys
('Fwd', 'DND', 'Grp', 'Acct')
>>> phone.press("RIGHT").softkeys
('Hdesk', 'Vmail', '', '')
>>> phone.press_softkey("Hdesk").softkeys
('Logon', 'LogOff', '', '')
>>> phone.press_softkey("Logon").lines
('Logon: extension?', '')
>>> phone.type("3001").lines
('Logon: extension?', '3001')
>>> phone.press_softkey("Next").lines
('Logon: login code?', '')
>>> phone.type("5678").lines
('Logon: login code?', '****')
>>> print(phone.press_softkey("Done"))
+------------------------+
|Agent3001           3001|
|Logged on               |
+------------------------+
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, NamedTuple, Protocol

from ipo_core.errors import KeyNotOnHandset, SoftkeyNotShown, UnknownName
from ipo_core.masking import mask_dialled, mask_text
from ipo_core.quoting import quote
from ipo_core.site.buttons import Button, ButtonAction
from ipo_core.site.handsets import DIAL_KEYS, MENU_KEYS, SOFTKEYS, HandsetModel
from ipo_core.site.shortcodes import DIAL_DELAY_TIME, DigitMatcher, Feature, MatchKind, Resolution
from ipo_core.site.users import User
from ipo_core.switch.calls import Call
from ipo_core.switch.display import (
    MENU_PAGE_NUMBERS,
    NOT_LOGGED_ON,
    Display,
    Outcome,
    PhoneState,
    Tone,
)

__all__ = ["SCREENS", "SOFTKEY_LABELS", "STATES", "TRANSITIONS", "Exchange", "Phone", "Shows"]

# What a state draws: its two display lines, its tone (or None) and its status letters.
_Screen = tuple[tuple[str, str], Tone | None, str]
_NO_SOFTKEYS = ("", "", "", "")


class Shows(NamedTuple):
    """What one state shows: a row of :data:`SCREENS`."""

    draw: Callable[[Phone, int], _Screen]
    """The Phone method that draws the two lines, the tone and the status letters."""
    softkeys: tuple[str, str, str, str] = _NO_SOFTKEYS
    """The labels over the four softkeys, left to right ('' where blank)."""


class Exchange(Protocol):
    """What a phone asks of the running system it belongs to: a
    :class:`~ipo_core.switch.system.System`, which boots its phones with itself.

    A phone reads who is at its station and asks for features through these public
    methods only, so the phone depends on this protocol and not on ``System``.
    """

    @property
    def time(self) -> float:
        """Model time in seconds: when a dial delay started."""

    @property
    def phones(self) -> tuple[Phone, ...]:
        """Every station's phone: to name the stations when one is unknown."""

    def schedule(self, when: float, action: Callable[..., Any], *args: Any) -> None:
        """Run ``action(*args)`` at model time ``when``: the dial delay's end."""

    def occupant(self, base_extension: str) -> User | None:
        """The running record of the user at a station (read only), or None."""

    def user_at(self, base_extension: str) -> User | None:
        """A copy of the user at a station, or None (NoUser): for the trainee."""

    def is_dnd(self, user: str) -> bool:
        """True when ``user`` has Do Not Disturb on: the idle display's N."""

    def logoff_pending(self, user: str) -> bool:
        """True when ``user`` logs off when the call ends: "Logoff after call"."""

    def describe_number(self, number: str) -> tuple[str, str | None, bool]:
        """(name, station that would ring, is a user) for an internal number dialled."""

    def resolve_digits(self, station: str, digits: str, complete: bool) -> Resolution:
        """What digits dialled at a station mean now (rule R7)."""

    def log_in(self, station: str, extension: str | None, code: str) -> Outcome:
        """ExtnLogin at a station (rules R5, R6)."""

    def log_out(self, station: str) -> Outcome:
        """ExtnLogout at a station (rule R5)."""

    def set_dnd(self, station: str, on: bool) -> Outcome:
        """Do Not Disturb on or off for the user at a station."""

    def answer_call(self, call: Call, user: str | None = None) -> None:
        """``user`` answers the call ringing their phone."""

    def end_call(self, call: Call) -> None:
        """The call in progress ends (the handset goes down)."""

    def hook_changed(self, station: str) -> None:
        """The handset at a station went up or down: its user's availability changes."""


# The states the system sets on every ring, answer and hang-up, as plain names: reading an
# Enum member from its class (PhoneState.IDLE) costs ten times a global's lookup in 3.11.
_IDLE, _RINGING, _CONNECTED = PhoneState.IDLE, PhoneState.RINGING, PhoneState.CONNECTED

# state -> {event: action}.  Events: a dial-pad key ("digit"), "menu", "exit", "left",
# "right", "softkey" (its label picks the action, see SOFTKEY_ACTIONS), "button",
# "lift", "hang_up", "answer", and "timeout" (the Dial Delay Time ran out).  Calls arrive
# from the system (show_call): a hunt-group call puts the phone in RINGING.
# fmt: off
TRANSITIONS: dict[PhoneState, dict[str, str]] = {
    PhoneState.IDLE:            {"digit": "lift_and_dial", "lift": "lift", "menu": "open_menu",
                        "button": "use_button"},
    PhoneState.DIALLING:        {"digit": "dial_digit", "timeout": "dial_delay_over", "hang_up": "go_idle",
                        "button": "use_button"},
    PhoneState.RESULT:          {"hang_up": "go_idle", "button": "use_button"},
    PhoneState.NOTICE:          {"digit": "lift_and_dial", "lift": "lift", "menu": "open_menu",
                        "exit": "go_idle", "hang_up": "go_idle", "button": "use_button"},
    PhoneState.MENU_1:          {"menu": "next_menu", "exit": "go_idle", "softkey": "use_softkey",
                        "lift": "lift", "hang_up": "go_idle", "button": "use_button"},
    PhoneState.MENU_2:          {"menu": "next_menu", "right": "page_right", "exit": "go_idle",
                        "softkey": "use_softkey", "lift": "lift", "hang_up": "go_idle",
                        "button": "use_button"},
    PhoneState.MENU_3:          {"menu": "next_menu", "left": "page_left", "exit": "go_idle",
                        "softkey": "use_softkey", "lift": "lift", "hang_up": "go_idle",
                        "button": "use_button"},
    PhoneState.HDESK:           {"menu": "next_menu", "left": "page_left", "exit": "go_idle",
                        "softkey": "use_softkey", "lift": "lift", "hang_up": "go_idle",
                        "button": "use_button"},
    PhoneState.LOGON_EXTENSION: {"digit": "enter_digit", "exit": "go_idle", "softkey": "use_softkey",
                        "lift": "lift", "hang_up": "go_idle", "button": "use_button"},
    PhoneState.LOGON_CODE:      {"digit": "enter_digit", "exit": "go_idle", "softkey": "use_softkey",
                        "lift": "lift", "hang_up": "go_idle", "button": "use_button"},
    PhoneState.RINGING:         {"answer": "answer", "lift": "answer", "button": "use_button"},
    PhoneState.CONNECTED:       {"hang_up": "end_call", "button": "use_button"},
}
# fmt: on
STATES = tuple(TRANSITIONS)

#: What a softkey label does where it is shown; other labels are features the kit leaves out.
SOFTKEY_ACTIONS: dict[str, str] = {
    "DND": "toggle_dnd",
    "Hdesk": "open_hdesk",
    "Logon": "prompt_extension",
    "LogOff": "log_off",
    "Next": "prompt_code",
    "Done": "submit_login",
    "Bksp": "backspace",
}
# Menu steps through the pages and then back out (Right and Left move within page 2).
_NEXT_MENU = {
    PhoneState.MENU_1: PhoneState.MENU_2,
    PhoneState.MENU_2: PhoneState.IDLE,
    PhoneState.MENU_3: PhoneState.IDLE,
    PhoneState.HDESK: PhoneState.IDLE,
}
#: The states in which the Menu pages are shown.
MENU_STATES = tuple(_NEXT_MENU)
_OFF_HOOK_STATES = {PhoneState.DIALLING, PhoneState.RESULT, PhoneState.CONNECTED}
#: The event of TRANSITIONS that each Menu-row key fires.
KEY_EVENTS = {"MENU": "menu", "EXIT": "exit", "LEFT": "left", "RIGHT": "right"}
_MAX_CHAIN = 3  # a Dial short code whose number is itself a short code, at most this deep
#: A computer keyboard's keys (their DOM ``key`` names) and the handset key each presses;
#: Enter confirms a Logon prompt (its first softkey, Next or Done), see ``key_for``.
KEYBOARD_KEYS = {"ArrowLeft": "LEFT", "ArrowRight": "RIGHT", "Escape": "EXIT"}
#: The prompts whose first softkey confirms what was typed: Enter presses it there only (on
#: a Menu page or the Hdesk screen the first softkey is a choice, Pick or Logon, not a yes).
_CONFIRMED_BY_ENTER = (PhoneState.LOGON_EXTENSION, PhoneState.LOGON_CODE)


def _check_table() -> None:
    """Shape mistakes in the tables are caught when the module is imported."""
    if set(SCREENS) != set(TRANSITIONS):
        apart = sorted(map(str, set(SCREENS) ^ set(TRANSITIONS)))
        raise TypeError(f"SCREENS and TRANSITIONS disagree on the states: {apart}")
    for state, row in TRANSITIONS.items():
        for event, action in row.items():
            if not callable(getattr(Phone, f"_{action}", None)):
                raise TypeError(
                    f"TRANSITIONS[{str(state)!r}][{event!r}] names no action {action!r}"
                )
        if ("softkey" in row) != any(SCREENS[state].softkeys):
            raise TypeError(f"state {str(state)!r}: the softkey event and SCREENS' labels disagree")
    pages = {state for state, shows in SCREENS.items() if shows.draw is Phone._menu_screen}
    if pages != set(MENU_PAGE_NUMBERS):
        raise TypeError(f"the Menu pages SCREENS draws are not MENU_PAGE_NUMBERS': {sorted(pages)}")
    if set(_WHERE) != set(TRANSITIONS):
        raise TypeError("a state without its words for a key that does nothing there (_WHERE)")
    for action in SOFTKEY_ACTIONS.values():
        if not callable(getattr(Phone, f"_{action}", None)):
            raise TypeError(f"SOFTKEY_ACTIONS names no action {action!r}")
    for source, target in _NEXT_MENU.items():
        if source not in TRANSITIONS or target not in TRANSITIONS:
            raise TypeError(f"Menu goes from {str(source)!r} to {str(target)!r}, not both states")


class Phone:
    """The phone on one station: press keys, read the display (see the module story)."""

    def __init__(self, system: Exchange, base_extension: str, handset: HandsetModel) -> None:
        self._system = system
        self.extension = base_extension
        """The station's base extension."""
        self.handset = handset
        """The handset model on the desk."""
        self._retired = False
        self._state = PhoneState.IDLE
        self._keys: list[str] = []  # dialled since the handset was lifted, one key each
        self._matcher: DigitMatcher | None = None  # where those keys stand (rule R7)
        self._matcher_user: User | None = None  # who was here when it was made
        self._entry = ""  # typed at a Logon prompt
        self._logon_extension = ""
        self._outcome: tuple[str, str, Tone | None] = ("", "", None)
        self._outcome_user: str | None = None  # who was logged on here when it was shown
        self._note = ""  # the kit's explanation of the last key
        self._did_nothing = False  # the last key changed nothing (a blank button, say)
        self._hunt_call: Call | None = None  # the call ringing here or in progress
        self._timer_due: float | None = None

    # --- what a trainee sees ------------------------------------------------------------

    @property
    def system(self) -> Exchange:
        """The running system this phone belongs to."""
        return self._system

    @property
    def model(self) -> str:
        """The handset model's name: ``'4612'``, ``'6416D+'``."""
        return self.handset.name

    @property
    def screen(self) -> Display:
        """Everything the phone shows and sounds now, as one immutable snapshot."""
        return self._snapshot()

    @property
    def display(self) -> tuple[str, ...]:
        """The display lines as shown now: at most the model's width, trailing spaces removed."""
        return self._snapshot().lines

    @property
    def softkeys(self) -> tuple[str, ...]:
        """The labels over the four softkeys now ('' where blank); () on a 4606 or 4406D+."""
        return self._snapshot().softkeys

    @property
    def state(self) -> PhoneState:
        """The state machine's state: one of :data:`STATES`, a :class:`PhoneState`."""
        return self._state

    @property
    def can_answer(self) -> bool:
        """True while a call rings here: ``answer()`` (or lifting the handset) takes it."""
        return "answer" in TRANSITIONS[self._state]

    @property
    def is_retired(self) -> bool:
        """True once a Merge removed this station: every key raises UnknownName."""
        return self._retired

    @property
    def is_off_hook(self) -> bool:
        """True while the handset is lifted."""
        return self._state in _OFF_HOOK_STATES

    @property
    def user(self) -> User | None:
        """The user logged on here, or None (NoUser)."""
        return self._system.user_at(self.extension)

    @property
    def _occupant(self) -> User | None:
        # The running system's own record: read it, never hand it out.
        return self._system.occupant(self.extension)

    def _occupant_extension(self) -> str | None:
        user = self._occupant
        return None if user is None else user.extension

    @property
    def buttons(self) -> tuple[Button | None, ...]:
        """This model's programmable buttons as the user here has them (index 0 = button 1)."""
        user = self._occupant
        owned = user.buttons if user else {}
        return tuple(owned.get(i) for i in range(1, self.handset.button_count + 1))

    def key_for(self, keyboard_key: str) -> str | None:
        """The key of this handset a computer keyboard's ``keyboard_key`` presses now, or None.

        Digits, ``*`` and ``#`` are the dial pad; the arrows are Left and Right, Escape is
        Exit; Enter is the softkey that confirms a Logon prompt (Next at the extension
        prompt, Done at the login code prompt) and nothing elsewhere.  None: no key of
        this model does it now.
        """
        if keyboard_key in DIAL_KEYS:
            return keyboard_key
        if keyboard_key == "Enter":
            confirms = self._state in _CONFIRMED_BY_ENTER and self.softkeys[:1] not in ((), ("",))
            return SOFTKEYS[0] if confirms else None
        key = KEYBOARD_KEYS.get(keyboard_key)
        return key if key is not None and self.handset.has_key(key) else None

    @property
    def timer_due(self) -> float | None:
        """Model time at which the Dial Delay Time runs out, if it is running."""
        return self._timer_due

    # --- what a trainee does ------------------------------------------------------------

    def press(self, key: str) -> Display:
        """Press one key: ``'0'``-``'9'``, ``'*'``, ``'#'``, ``MENU``, ``EXIT``, ``LEFT``,
        ``RIGHT`` or ``SOFTKEY1``-``SOFTKEY4`` (those the model has)."""
        name = self._check_key(key)
        if name in DIAL_KEYS:
            return self._fire("digit", name)
        if name in SOFTKEYS:
            label = self.softkeys[SOFTKEYS.index(name)]
            if not label:
                return self._ignored(
                    f"Softkey {SOFTKEYS.index(name) + 1} has no label now: it does nothing."
                )
            return self._fire("softkey", label)
        return self._fire(KEY_EVENTS[name], name)

    def type(self, keys: str) -> Display:
        """Press each dial-pad key of ``keys`` in turn; checked whole before any is pressed."""
        checked = [self._check_key(k) for k in self._as_text(keys)]
        snapshot, last, ignored = None, self._snapshot(), ""
        for key in checked:
            last = self.press(key)
            if last.ignored:
                ignored += key
            else:
                snapshot, ignored = last, ""
        if snapshot is None or not ignored:
            return last
        # Keep what the last key that did something said, and say which keys did nothing:
        # an ExtnLogin dial among them masked, whatever came before it (masking.py): a code
        # is dialled only after *35*, as a custom short code keeps its code in Manager.
        said = f"{snapshot.note} " if snapshot.note else ""
        return replace(
            self._snapshot(f"{said}The keys {quote(mask_text(ignored))} after it did nothing."),
            ignored=True,
        )

    def dial(self, digits: str) -> Display:
        """A fresh attempt: hang up if needed, lift, and type ``digits``.

        The phone stays off-hook until :meth:`hang_up`, showing what the system did.
        """
        for k in self._as_text(digits):
            self._check_key(k)
            if k not in DIAL_KEYS:
                raise KeyNotOnHandset(k, self.model, DIAL_KEYS, "dial() takes dial-pad keys only.")
        if self._state != PhoneState.IDLE:
            self._fire("hang_up", None)
        self._fire("lift", None)
        return self.type(digits)

    def press_softkey(self, label: str) -> Display:
        """Press the softkey under ``label``; SoftkeyNotShown if the display does not show it."""
        self._check_alive()
        if self.handset.softkey_count == 0:
            raise KeyNotOnHandset(label, self.model, self.handset.keys, "It has no softkeys.")
        shown = self.softkeys
        if label not in shown or not label:
            raise SoftkeyNotShown(label, shown)
        return self.press(SOFTKEYS[shown.index(label)])

    def press_button(self, position: int) -> Display:
        """Press programmable button ``position`` (1 = first) as the user here programmed it."""
        self._check_alive()
        count = self.handset.button_count
        if (
            not isinstance(position, int)
            or isinstance(position, bool)
            or not 1 <= position <= count
        ):
            raise KeyNotOnHandset(
                position,
                self.model,
                [f"button {i}" for i in range(1, count + 1)],
                f"It has programmable buttons 1 to {count}.",
            )
        return self._fire("button", position)

    def answer(self) -> Display:
        """Answer the call ringing here (lifting the handset does the same, rule R7)."""
        self._check_alive()
        return self._fire("answer", None)

    def lift(self) -> Display:
        """Lift the handset (or press Speaker): dial tone."""
        self._check_alive()
        return self._fire("lift", None)

    def hang_up(self) -> Display:
        """Put the handset down: back to the idle display."""
        self._check_alive()
        return self._fire("hang_up", None)

    # --- the system's side ----------------------------------------------------------------

    def _timer_fired(self, due: float) -> None:
        """The Dial Delay Time set at ``due`` ran out, if no later key restarted it."""
        if self._timer_due == due:
            self._fire("timeout", None)

    def show_call(self, call: Call | None, connected: bool = False) -> None:
        """The system rings this phone, connects a call, or ends its ringing or call."""
        if call is None:
            if self._state is _RINGING or self._state is _CONNECTED:
                self._state, self._hunt_call, self._note = _IDLE, None, ""
            return
        if connected:
            self._state, self._hunt_call = _CONNECTED, call
        else:
            if self._state is not _IDLE:
                self._reset()  # a menu or prompt on an on-hook phone gives way to the call
            self._state, self._hunt_call = _RINGING, call

    def replace_handset(self, handset: HandsetModel) -> None:
        """Merge put another model on this desk: it starts idle."""
        self.handset = handset
        self._reset()

    def refresh(self) -> None:
        """Merge changed the configuration: leave prompts whose labels may have gone."""
        self._matcher = None  # the short codes may have changed: match the digits again
        if self._state in MENU_STATES:
            self._reset()

    def retire(self) -> None:
        """Merge removed this station: the object no longer reaches a phone."""
        self._retired = True

    # --- the machine ------------------------------------------------------------------

    def _fire(self, event: str, arg: object) -> Display:
        self._check_alive()
        action = TRANSITIONS[self._state].get(event)
        if action is None:
            return self._ignored(self._meaningless(event, arg))
        self._note, self._did_nothing = "", False
        was_off_hook = self.is_off_hook
        getattr(self, f"_{action}")(arg)
        if self.is_off_hook != was_off_hook:
            self._system.hook_changed(self.extension)
        if self._state != PhoneState.DIALLING:
            self._timer_due = None  # the Dial Delay Time runs only while digits are dialled
        snapshot = self._snapshot()
        return replace(snapshot, ignored=True) if self._did_nothing else snapshot

    def _ignored(self, note: str) -> Display:
        self._note = note  # the screen explains the key that did nothing until the next one
        return replace(self._snapshot(note), ignored=True)

    # actions: each leaves the phone in its next state; the snapshot is drawn afterwards

    def _reset(self) -> None:
        self._state = PhoneState.IDLE
        self._keys = []
        self._matcher = None
        self._entry = ""
        self._logon_extension = ""
        self._outcome = ("", "", None)
        self._note = ""
        self._timer_due = None
        self._hunt_call = None

    def _go_idle(self, _: object) -> None:
        self._reset()

    def _answer(self, _: object) -> None:
        assert self._hunt_call is not None
        user = self._occupant
        assert user is not None  # a call rings a station only where a user is logged on
        self._system.answer_call(self._hunt_call, user.extension)

    def _end_call(self, _: object) -> None:
        assert self._hunt_call is not None
        self._system.end_call(self._hunt_call)

    def _lift(self, _: object) -> None:
        self._reset()
        self._state = PhoneState.DIALLING

    def _lift_and_dial(self, digit: object) -> None:
        self._lift(None)
        self._dial_digit(digit)

    def _dial_digit(self, digit: object) -> None:
        self._keys.append(str(digit))
        self._timer_due = due = self._system.time + DIAL_DELAY_TIME
        self._system.schedule(due, self._timer_fired, due)
        self._act_on(self._resolution(complete=False))

    def _dial_delay_over(self, _: object) -> None:
        self._timer_due = None
        if self._keys:
            self._act_on(self._resolution(complete=True))

    def _resolution(self, complete: bool) -> Resolution:
        """What the keys dialled so far mean: the system decides the first, and its matcher
        takes each key after it, so a key costs the same however many came before."""
        matcher, user = self._matcher, self._occupant
        if matcher is None or user is not self._matcher_user:  # new dial, Merge or logon
            found = self._system.resolve_digits(self.extension, self._digits, complete)
            self._matcher, self._matcher_user = found.matcher, user
            return found
        matcher.add("".join(self._keys[matcher.length :]))
        return matcher.resolution(complete)

    @property
    def _digits(self) -> str:
        """Everything dialled since the handset was lifted (its cost grows with the dial)."""
        return "".join(self._keys)

    def _act_on(self, resolution: Resolution, depth: int = 0) -> None:
        """Carry out what the digits matched: the phone's side of the feature (rule R7)."""
        if resolution.kind is MatchKind.PARTIAL:
            return
        self._timer_due = None
        self._state = PhoneState.RESULT
        if resolution.kind is MatchKind.NONE:
            digits = self._digits
            self._show(
                digits,
                "Incompatible",
                Tone.NUMBER_UNOBTAINABLE,
                f"{quote(mask_dialled(digits))} matches no extension and no short code.",
            )
            return
        feature = resolution.feature
        number = resolution.number
        if resolution.level == "extension":
            self._internal_call(number)
        elif feature is Feature.EXTN_LOGIN:
            extension, star, code = number.partition("*")
            self._show_outcome(
                self._system.log_in(
                    self.extension, extension if star else None, code if star else extension
                )
            )
        elif feature is Feature.EXTN_LOGOUT:
            self._show_outcome(self._system.log_out(self.extension))
        elif feature in (Feature.DO_NOT_DISTURB_ON, Feature.DO_NOT_DISTURB_OFF):
            self._show_outcome(
                self._system.set_dnd(self.extension, feature is Feature.DO_NOT_DISTURB_ON)
            )
        elif feature is Feature.DIAL:
            self._dial_number(resolution, depth)
        else:
            self._accept_unmodelled(resolution)

    def _dial_number(self, resolution: Resolution, depth: int) -> None:
        """A Dial short code: its number rings an extension, runs a feature code, or goes out.

        The kit matches the number against the short codes once more, so a Dial short code
        ``*5`` -> ``*36`` logs off, at most ``_MAX_CHAIN`` deep and never into itself.  That
        is the kit's choice [C]: IP Office sends a Dial short code's Telephone Number as
        called digits on its Line Group ID (Manager help, Short Code form [B]; reading C,
        docs/sources/ipo-details.md section 6), but the kit's audit (a security finding for a
        Dial short code holding ``*35*Extn*Code#``) and its desks (which move such a number
        to a new code) are built on the number running, so the kit keeps it.  A Dial
        *button*'s number is dialled key by key and matched in any case (Tech Tip 014's
        Dial *36).
        """
        number = resolution.number
        inner = self._system.resolve_digits(self.extension, number, complete=True)
        if (
            inner.kind is MatchKind.EXACT
            and inner.short_code != resolution.short_code
            and depth < _MAX_CHAIN
        ):
            self._act_on(inner, depth + 1)
        elif inner.kind is MatchKind.EXACT and inner.level == "extension":
            self._internal_call(number)
        else:
            group = resolution.short_code.line_group_id if resolution.short_code else 0
            self._show(
                number,
                "Outside call",
                Tone.RINGBACK,
                f"{mask_dialled(number)!r} is not an extension here, so IP Office would send it "
                f"to line group {group}; the kit does not model outside lines.",
            )

    def _accept_unmodelled(self, resolution: Resolution) -> None:
        """A feature the kit does not carry out: accepted, as a real phone would, and no change.

        IP Office answers a feature short code with confirmation tone, the phone staying
        off-hook with what was dialled on the display (rule R7), never "Incompatible"; the
        kit's note says the feature itself is not modelled (docs/behaviour.md, section 7).
        """
        feature = resolution.feature
        code = resolution.short_code.code if resolution.short_code else ""
        self._show(
            self._digits,
            "",
            Tone.CONFIRMATION,
            f"{code} is a {resolution.level} short code for {feature.value} "
            f"({feature.function}): IP Office accepts it with confirmation tone. The kit does "
            "not model that feature, so nothing changed; it carries out ExtnLogin, ExtnLogout, "
            "DND and Dial.",
        )

    def _internal_call(self, number: str) -> None:
        name, station, is_user = self._system.describe_number(number)
        if station is None and is_user:
            self._show(
                f"{name} {number}",
                "Busy",
                Tone.BUSY,
                f"{name} is logged on nowhere, so no phone rings: a logged-off user and a "
                "NoUser station receive no calls.",
            )
        else:
            where = f"station {station}" if station else "the hunt group's members"
            self._show(f"{name} {number}", "Calling", Tone.RINGBACK, f"The call rings at {where}.")

    def _open_menu(self, _: object) -> None:
        self._reset()
        self._state = PhoneState.MENU_1

    def _next_menu(self, _: object) -> None:
        self._state = _NEXT_MENU[self._state]

    def _page_right(self, _: object) -> None:
        self._state = PhoneState.MENU_3

    def _page_left(self, _: object) -> None:
        self._state = {PhoneState.MENU_3: PhoneState.MENU_2, PhoneState.HDESK: PhoneState.MENU_3}[
            self._state
        ]

    def _use_softkey(self, label: object) -> None:
        getattr(self, f"_{SOFTKEY_ACTIONS.get(str(label), 'not_modelled')}")(label)

    def _open_hdesk(self, _: object) -> None:
        self._state = PhoneState.HDESK

    def _prompt_extension(self, _: object) -> None:
        self._state, self._entry = PhoneState.LOGON_EXTENSION, ""

    def _prompt_code(self, _: object) -> None:
        self._logon_extension = self._entry
        self._state, self._entry = PhoneState.LOGON_CODE, ""

    def _enter_digit(self, digit: object) -> None:
        self._entry += str(digit)

    def _backspace(self, _: object) -> None:
        self._entry = self._entry[:-1]

    def _submit_login(self, _: object) -> None:
        self._notice(
            self._system.log_in(self.extension, self._logon_extension or None, self._entry)
        )

    def _log_off(self, _: object) -> None:
        self._notice(self._system.log_out(self.extension))

    def _toggle_dnd(self, _: object) -> None:
        user = self._occupant
        self._notice(
            self._system.set_dnd(self.extension, not (user and self._system.is_dnd(user.extension)))
        )

    def _notice(self, outcome: Outcome) -> None:
        """Show what an on-hook feature did, unless a waiting call now rings here."""
        if self._state == PhoneState.RINGING:  # the logon (or DND off) freed the member for a call
            self._note = outcome.note
            return
        self._state = PhoneState.NOTICE
        self._show_outcome(outcome)

    def _not_modelled(self, label: object) -> None:
        self._note = f"{label} is a real IP Office feature the kit does not model; the display stays as it was."

    def _use_button(self, position: object) -> None:
        assert isinstance(position, int)
        button = self.buttons[position - 1]
        if button is None:
            who = self._occupant.name if self._occupant else "NoUser"
            self._note = (
                f"Button {position} is not programmed for {who} (User > Button Programming)."
            )
            self._did_nothing = True
            return
        if (
            self._state in (PhoneState.RINGING, PhoneState.CONNECTED)
            and button.action is not ButtonAction.EXTN_LOGOUT
        ):
            self._note = f"{button.label} does nothing during a call: hang up first."
            self._did_nothing = True
            return
        if self._state == PhoneState.CONNECTED:  # ExtnLogout during a call: after the call
            outcome = self._system.log_out(self.extension)
            self._note = outcome.note
            return
        if button.action is ButtonAction.DIAL:
            self._lift(None)
            for key in button.number:
                if self._state != PhoneState.DIALLING:
                    break
                self._dial_digit(key)
        elif button.action is ButtonAction.EXTN_LOGOUT:
            outcome = self._system.log_out(self.extension)
            self._state = PhoneState.RESULT if self.is_off_hook else PhoneState.NOTICE
            self._show_outcome(outcome)
        elif self.handset.softkey_count:  # ExtnLogin opens the Logon prompts
            self._reset()
            self._prompt_extension(None)
        else:
            self._note = (
                f"ExtnLogin buttons need a display with softkeys; the {self.model} has none."
            )

    # --- drawing ----------------------------------------------------------------------

    def _show(self, first: str, second: str, tone: Tone | None, note: str = "") -> None:
        self._outcome = (first, second, tone)
        self._outcome_user = self._occupant_extension()
        self._note = note

    def _show_outcome(self, outcome: Outcome) -> None:
        self._show("", outcome.text, outcome.tone, outcome.note)

    def _snapshot(self, note: str | None = None) -> Display:
        state = self._state
        width = self.handset.display_width
        shows = SCREENS[state]
        lines, tone, status = shows.draw(self, width)
        softkeys = shows.softkeys if self.handset.softkey_count else ()
        return Display(
            lines=tuple(line[:width].rstrip() for line in lines),
            softkeys=softkeys,
            state=state,
            off_hook=self.is_off_hook,
            tone=tone,
            note=self._note if note is None else note,
            width=width,
            status=status,
        )

    # --- what each state shows (SCREENS): the two lines, the tone, the status letters ---

    def _idle_screen(self, width: int) -> _Screen:
        status = self._status()
        return (self._header(status), ""), None, status

    def _dialling_screen(self, width: int) -> _Screen:
        typed = "".join(self._keys[-width:])
        return (self._header(), typed), None if self._keys else Tone.DIAL, ""

    def _outcome_screen(self, width: int) -> _Screen:
        first, second, tone = self._outcome
        if self._occupant_extension() != self._outcome_user:
            second = ""  # someone logged on or off here since: that result is not news
        if self._state == PhoneState.NOTICE:
            tone = None  # on-hook: the display says it, no earpiece plays it
        return (first[-width:] if first else self._header(), second), tone, ""

    def _menu_screen(self, width: int) -> _Screen:
        page = MENU_PAGE_NUMBERS[self._state]
        return (self._header(), f"Menu {page} of {len(MENU_PAGE_NUMBERS)}"), None, ""

    def _ringing_screen(self, width: int) -> _Screen:
        call = self._hunt_call
        assert call is not None
        return (f"Call for {call.group}", call.caller), Tone.RINGING, ""

    def _connected_screen(self, width: int) -> _Screen:
        call = self._hunt_call
        assert call is not None
        user = self._occupant
        pending = user is not None and self._system.logoff_pending(user.extension)
        return (f"{call.group} call", "Logoff after call" if pending else call.caller), None, ""

    def _hdesk_screen(self, width: int) -> _Screen:
        return ("Hot desking", "Logon or LogOff?"), None, ""

    def _extension_prompt(self, width: int) -> _Screen:
        return ("Logon: extension?", self._entry), None, ""

    def _code_prompt(self, width: int) -> _Screen:
        return ("Logon: login code?", "*" * len(self._entry)), None, ""  # the code masked

    def _status(self) -> str:
        """The idle display's status letters for the user here: ``'N'`` with DND on, else ''.

        Only N is drawn: D (forward unconditional) is a feature the kit does not model, and
        G (an enabled hunt-group member) is attested from 2009 guides only, along with the
        Grp membership switch the kit leaves out (docs/behaviour.md, "Idle-display status
        letters").
        """
        user = self._occupant
        return "N" if user is not None and self._system.is_dnd(user.extension) else ""

    @property
    def is_hot_desk_only(self) -> bool:
        """True when no user has this station's base extension: nobody's home phone.

        The kit's station always has a base extension (its key in Manager's list); one
        that is no user's extension is what Manager's "no extension number" gives: no
        default user comes back after a logoff or at boot (R4, R5), so the desk is for
        hot-desking only.  On a 4412D+, 4424D+ or 64xx it shows ``NOT LOGGED ON`` while
        nobody is logged on there.
        """
        return not self._system.describe_number(self.extension)[2]  # no user by that number

    def _header(self, status: str = "") -> str:
        """The top line: status letters, the name on the left and the extension on the right.

        The letters and a space come first ("top left", 1400 guide [B]); the name gives up
        the room they take, so the extension keeps its place at the right edge.
        """
        user = self._occupant
        if user is None and self.handset.shows_not_logged_on and self.is_hot_desk_only:
            return NOT_LOGGED_ON
        name, number = (user.name, user.extension) if user else ("NoUser", self.extension)
        width = self.handset.display_width
        lead = f"{status} " if status else ""
        name = name[: max(1, width - len(lead) - len(number) - 1)]
        return lead + name + " " * (width - len(lead) - len(name) - len(number)) + number

    # --- checks -----------------------------------------------------------------------

    def _meaningless(self, event: str, arg: object) -> str:
        what = {
            "digit": f"Key {arg}",
            "softkey": f"Softkey {arg}",
            "button": f"Button {arg}",
            "lift": "Lifting the handset",
            "hang_up": "Hanging up",
            "answer": "Answer",
            "timeout": "The dial delay",
        }.get(event, "")
        if not what:  # a key by name, an arrow as printed: "the Right arrow (marked Next)"
            name = self.handset.key_name(str(arg)) or str(arg)
            what = name[:1].upper() + name[1:]
        where = _WHERE[self._state]
        if arg == "RIGHT" and self._state in (PhoneState.LOGON_EXTENSION, PhoneState.LOGON_CODE):
            done = "Next" if self._state == PhoneState.LOGON_EXTENSION else "Done"
            # The arrow printed Next is not the prompt's Next: that is a softkey (reference section 6).
            return f"{what} does nothing {where}: to go on, press the {done} softkey under the display."
        return f"{what} does nothing {where}."

    def _check_key(self, key: object) -> str:
        self._check_alive()
        name = key.strip().upper() if isinstance(key, str) else key
        if not isinstance(name, str) or not self.handset.has_key(name):
            why = ""
            if name in (*MENU_KEYS, *SOFTKEYS) and not self.handset.has_menu_keys:
                why = f"The {self.model} has no softkeys or Menu keys, so the Menu method of the tech tip is not available on it: use *35*Extn*Code# and *36."
            raise KeyNotOnHandset(key, self.model, self.handset.keys, why)
        return name

    def _as_text(self, keys: object) -> str:
        if not isinstance(keys, str):
            raise KeyNotOnHandset(
                keys, self.model, DIAL_KEYS, "Give the keys as text, such as '*36'."
            )
        return keys

    def _check_alive(self) -> None:
        if self._retired:
            raise UnknownName("station", self.extension, [p.extension for p in self._system.phones])

    def __repr__(self) -> str:
        return f"<Phone {self.extension} ({self.model}): {' | '.join(self.display)}>"


#: What each state shows: the Phone method that draws its two lines, its tone and its status
#: letters, and the labels over its softkeys (the Menu pages are reconstructed: only Hdesk's
#: place, Menu twice then Right once, comes from the tech tip).  Every state has a row, and
#: a state shows labels exactly when TRANSITIONS gives it the softkey event (``_check_table``).
SCREENS: dict[PhoneState, Shows] = {
    PhoneState.IDLE: Shows(Phone._idle_screen),
    PhoneState.DIALLING: Shows(Phone._dialling_screen),
    PhoneState.RESULT: Shows(Phone._outcome_screen),
    PhoneState.NOTICE: Shows(Phone._outcome_screen),
    PhoneState.MENU_1: Shows(Phone._menu_screen, ("Pick", "Park", "Page", "Dir")),
    PhoneState.MENU_2: Shows(Phone._menu_screen, ("Fwd", "DND", "Grp", "Acct")),
    PhoneState.MENU_3: Shows(Phone._menu_screen, ("Hdesk", "Vmail", "", "")),
    PhoneState.HDESK: Shows(Phone._hdesk_screen, ("Logon", "LogOff", "", "")),
    PhoneState.LOGON_EXTENSION: Shows(Phone._extension_prompt, ("Next", "Bksp", "", "")),
    PhoneState.LOGON_CODE: Shows(Phone._code_prompt, ("Done", "Bksp", "", "")),
    PhoneState.RINGING: Shows(Phone._ringing_screen),
    PhoneState.CONNECTED: Shows(Phone._connected_screen),
}
#: The softkey labels of each state that shows any, read from :data:`SCREENS`.
SOFTKEY_LABELS: dict[PhoneState, tuple[str, str, str, str]] = {
    state: shows.softkeys for state, shows in SCREENS.items() if any(shows.softkeys)
}
# Where the phone is, in the words of a key that does nothing there ("does nothing {where}").
_WHERE: dict[PhoneState, str] = {
    PhoneState.IDLE: "on the idle display",
    PhoneState.DIALLING: "while dialling",
    PhoneState.RESULT: "now: hang up first",
    PhoneState.NOTICE: "now",
    **{page: f"on menu page {number}" for page, number in MENU_PAGE_NUMBERS.items()},
    PhoneState.HDESK: "on the Hdesk screen",
    PhoneState.LOGON_EXTENSION: "at the extension prompt",
    PhoneState.LOGON_CODE: "at the login code prompt",
    PhoneState.RINGING: "while a call rings: answer it or let it ring",
    PhoneState.CONNECTED: "during a call",
}

_check_table()
