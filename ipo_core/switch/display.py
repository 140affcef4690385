"""What a handset shows and sounds at one moment: an immutable snapshot.

Every key press returns a :class:`Display`.  Its ``lines`` and ``softkeys`` are
what the phone shows; ``tone`` is what the caller hears; ``note`` is the kit's
own explanation for the trainee (a real phone has no such line), used for keys
that mean nothing in the current state and for features the kit does not model.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = [
    "MENU_PAGE_NUMBERS",
    "NOT_LOGGED_ON",
    "STATUS_LETTERS",
    "Display",
    "Outcome",
    "PhoneState",
    "Tone",
]

#: What a hot-desk-only station (no base extension user) shows between logons on the models
#: IP Office 3.0 Manager help names (hotdesking.htm [A]: "4412, 4424 or 6400 series").
NOT_LOGGED_ON = "NOT LOGGED ON"
#: The status letters the idle display can show before the name, and what each says
#: (2420 User Guide, IP Office, April 2003 [A]: "the display includes an N (No calls)").
STATUS_LETTERS = {"N": "Do Not Disturb is on"}


class Tone(enum.Enum):
    """A tone a phone plays (US tones; the widget synthesises them)."""

    DIAL = "dial tone"
    CONFIRMATION = "confirmation tone"
    BUSY = "busy tone"
    NUMBER_UNOBTAINABLE = "number unobtainable tone"
    RINGBACK = "ringback"
    RINGING = "ringing"


class PhoneState(enum.StrEnum):
    """The handset's state machine's states: a phone is in exactly one (:data:`~ipo_core.switch.phone.TRANSITIONS`).

    Each compares equal to its text (``PhoneState.IDLE == "idle"``), which is what
    :attr:`~ipo_core.switch.phone.Phone.state` has always given; the kit's own tables are keyed by the members, so a
    renamed state fails at import, never silently.
    """

    IDLE = "idle"
    """On-hook, nothing shown but the user's name (or NoUser)."""
    DIALLING = "dialling"
    """Off-hook, digits being dialled; the Dial Delay Time runs between them (rule R7)."""
    RESULT = "result"
    """Off-hook after a feature: the display says what it did (``Logged on``)."""
    NOTICE = "notice"
    """On-hook after a feature or a refusal: the display says it until the next key."""
    MENU_1 = "menu_1"
    """The first Menu page (Menu pressed once)."""
    MENU_2 = "menu_2"
    """The second Menu page (Menu twice)."""
    MENU_3 = "menu_3"
    """The third Menu page (Menu twice, then Right): Hdesk is here."""
    HDESK = "hdesk"
    """The Hot desking screen: Logon or LogOff."""
    LOGON_EXTENSION = "logon_extension"
    """The Logon prompt for the extension."""
    LOGON_CODE = "logon_code"
    """The Logon prompt for the login code."""
    RINGING = "ringing"
    """A hunt-group call rings here."""
    CONNECTED = "connected"
    """On a call."""


#: The Menu pages' numbers, as a handset shows them (``Menu 2 of 3``): the states that are pages.
MENU_PAGE_NUMBERS: dict[PhoneState, int] = {
    PhoneState.MENU_1: 1,
    PhoneState.MENU_2: 2,
    PhoneState.MENU_3: 3,
}


@dataclass(frozen=True)
class Display:
    """One snapshot of a handset: display lines, softkey labels, tone and state."""

    lines: tuple[str, ...]
    """The display lines, at most the model's width, trailing spaces removed."""
    softkeys: tuple[str, ...]
    """The label over each softkey, left to right ('' for none); empty on a 4606."""
    state: PhoneState
    """The handset state machine's state (a :class:`PhoneState`, equal to its text: ``'idle'`` ...)."""
    off_hook: bool
    """True while the handset is lifted (or the speaker is on)."""
    tone: Tone | None = None
    """What the user hears now, if anything."""
    note: str = ""
    """The kit's explanation for the trainee; not shown on a real phone."""

    width: int = 24
    """The model's display width in characters."""
    ignored: bool = False
    """True when the key pressed means nothing here (nothing changed but the note) or, from
    ``Phone.type``, when its last keys did nothing after the one that did."""
    status: str = ""
    """The status letters at the start of the idle top line (``'N'``: Do Not Disturb on,
    see :data:`STATUS_LETTERS`); ``''`` for none, and in every other state."""

    @property
    def status_meaning(self) -> str:
        """The status letters in words: ``'N: Do Not Disturb is on'``; ``''`` for none.

        >>> Display(("N Agent3000         3000", ""), (), PhoneState.IDLE, False, status="N").status_meaning
        'N: Do Not Disturb is on'
        """
        return "; ".join(
            f"{letter}: {STATUS_LETTERS.get(letter, 'not a letter the kit models')}"
            for letter in self.status
        )

    @property
    def text(self) -> str:
        """The display lines joined by a newline."""
        return "\n".join(self.lines)

    def explain(self, key: str, before: Display) -> str:
        """What pressing ``key`` did to go from ``before`` to this display, in a trainee's words.

        ``key`` names what was pressed as the trainee sees it (``'5'``, ``'Menu'``,
        ``'Hdesk'``, ``'Hang up'``).  The sentence is read from the two snapshots alone,
        so it quotes no more than the display shows: at the login code prompt, where the
        display masks the code, only how many digits were typed; while dialling, only the
        key just pressed.

        >>> idle = Display(("NoUser              3000", ""), ("",) * 4, PhoneState.IDLE, False)
        >>> Display(("NoUser              3000", "Menu 2 of 3"), ("Fwd",) * 4, PhoneState.MENU_2,
        ...         False).explain("Menu", idle)
        'Menu: page 2 of 3 of the menu.'
        """
        state, second = self.state, self.lines[1] if len(self.lines) > 1 else ""
        if self.ignored:
            return f"{key}: nothing changed."
        page = MENU_PAGE_NUMBERS.get(state)
        if page is not None:
            return f"{key}: page {page} of {len(MENU_PAGE_NUMBERS)} of the menu."
        if state == PhoneState.HDESK:
            return f"{key}: the Hot desking screen; choose Logon or LogOff."
        if state in (PhoneState.LOGON_EXTENSION, PhoneState.LOGON_CODE):
            what, then = (
                ("extension", "Next")
                if state == PhoneState.LOGON_EXTENSION
                else ("login code", "Done")
            )
            if before.state != state:
                return f"{key}: the phone asks for the {what}; type it, then press {then}."
            if state == PhoneState.LOGON_CODE:
                count = len(second)
                return f"{key}: {count} digit{'' if count == 1 else 's'} of the login code so far, shown as *."
            return f"{key}: the extension so far is {second or 'empty'}."
        if state == PhoneState.DIALLING:
            if not second:
                return f"{key}: dial tone; dial a number or a short code."
            return f"Dialled {key}: the display waits for more digits."
        if state in (PhoneState.RESULT, PhoneState.NOTICE):
            who = self.lines[0].split()
            if second == "Logged on" and len(who) > 1:
                return f"Logged on as {' '.join(who[:-1])} at {who[-1]}."
            if second == "Logged off" and self.lines[0] == NOT_LOGGED_ON:
                return f"Logged off: the phone shows {NOT_LOGGED_ON} until someone logs on."
            if second == "Logged off" and who[:1] == ["NoUser"]:
                return f"Logged off: the phone at {who[-1]} shows NoUser."
            if second == "Logged off" and len(who) > 1:  # its own user came back (R5)
                return f"Logged off: the phone at {who[-1]} is back to its own user, {' '.join(who[:-1])}."
            if second:
                return f"{key}: the system answered {second}."
            return f"{key}: done."
        if state == PhoneState.RINGING:
            return f"{key}: a call rings; press Answer or lift the handset."
        if state == PhoneState.CONNECTED:
            return f"{key}: you are on the call; hang up to end it."
        idle = f"{key}: the phone is idle{' again' if before.state != PhoneState.IDLE else ''}"
        if self.lines[:1] == (NOT_LOGGED_ON,):
            return f"{idle}: nobody is logged on at this hot-desk-only station."
        return f"{idle} ({self.status_meaning})." if self.status else f"{idle}."

    def __str__(self) -> str:
        border = "+" + "-" * self.width + "+"
        body = [f"|{line.ljust(self.width)}|" for line in self.lines]
        keys = ["  ".join(f"[{k}]" for k in self.softkeys if k)] if any(self.softkeys) else []
        return "\n".join([border, *body, border, *keys])


@dataclass(frozen=True)
class Outcome:
    """What a feature did, as the phone that asked for it shows it."""

    ok: bool
    """True when the feature was carried out."""
    text: str
    """The second display line: ``'Logged on'``, ``'Invalid'`` ..."""
    tone: Tone | None
    """The tone that follows."""
    note: str = ""
    """The kit's explanation for the trainee."""
