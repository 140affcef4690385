"""What a handset shows and sounds at one moment: an immutable snapshot.

Every key press returns a :class:`Display`.  Its ``lines`` and ``softkeys`` are
what the phone shows; ``tone`` is what the caller hears; ``note`` is the kit's
own explanation for the trainee (a real phone has no such line), used for keys
that mean nothing in the current state and for features the kit does not model.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["Display", "Tone"]


class Tone(enum.Enum):
    """A tone a phone plays (US tones; the widget synthesises them)."""

    DIAL = "dial tone"
    CONFIRMATION = "confirmation tone"
    BUSY = "busy tone"
    NUMBER_UNOBTAINABLE = "number unobtainable tone"
    RINGBACK = "ringback"
    RINGING = "ringing"


@dataclass(frozen=True)
class Display:
    """One snapshot of a handset: display lines, softkey labels, tone and state."""

    lines: tuple[str, ...]
    """The display lines, at most the model's width, trailing spaces removed."""
    softkeys: tuple[str, ...]
    """The label over each softkey, left to right ('' for none); empty on a 4606."""
    state: str
    """The handset state machine's state: ``'idle'``, ``'dialling'``, ``'hdesk'`` ..."""
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

    @property
    def text(self) -> str:
        """The display lines joined by a newline."""
        return "\n".join(self.lines)

    def __str__(self) -> str:
        border = "+" + "-" * self.width + "+"
        body = [f"|{line.ljust(self.width)}|" for line in self.lines]
        keys = ["  ".join(f"[{k}]" for k in self.softkeys if k)] if any(self.softkeys) else []
        return "\n".join([border, *body, border, *keys])
