"""Model time: the switch's clock and its agenda of timers.

One :class:`Clock` belongs to each running System.  Everything that happens later (the
dial delay, No Answer Time, wrap-up, the simulator's people) is booked on its agenda and
runs, in order of time and then of booking, while the clock advances.

>>> clock = Clock()
>>> clock.schedule(5, print, "five")
>>> clock.schedule(2, print, "two")
>>> clock.advance(10)
two
five
>>> clock.now
10.0
"""

from __future__ import annotations

import heapq
import math
import numbers
from collections.abc import Callable
from typing import Any

from ipo_core.errors import ModelTimeError, WrongType
from ipo_core.quoting import quote

__all__ = ["Clock"]

_SECONDS = "give a finite number of seconds, 0 or more, such as 4 or 1.5"
#: The longest step ``advance`` takes: 1000 hours, the simulator's longest day.  A call
#: nobody answers hunts on every No Answer Time, so a step of 1e308 s would never return.
LONGEST_STEP = 1000 * 3600.0
_WHEN = "give a finite model time in seconds since boot, such as system.time + 15"


def _as_seconds(value: object) -> float | None:
    """``value`` as a float if it is a real number (not a bool), else None; inf if too big."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    try:
        return float(value)
    except OverflowError:  # an int of hundreds of digits: past every finite float
        return -math.inf if value < 0 else math.inf


def _not_a_number(value: object) -> str:
    """The end of a model-time message for a value that is no number at all."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return f", not a {type(value).__name__}"
    return ""


class Clock:
    """Model time in seconds since boot, and the timers booked on it."""

    def __init__(self) -> None:
        self.now = 0.0
        """Model time now, in seconds since boot.  Only :meth:`advance` moves it."""
        self._agenda: list[tuple[float, int, Callable[..., Any], tuple[Any, ...]]] = []
        self._booked = 0  # booking order: two timers due at one time run as booked

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass; timers run in order as they fall due.

        ModelTimeError, and nothing changes, for a step that is negative, NaN, infinite, no
        number at all (text, None, a bool), or longer than 1000 hours (each step must have an
        end), which also keeps model time finite.
        """
        step = seconds if type(seconds) is float else _as_seconds(seconds)
        if step is None or not 0 <= step < math.inf:  # also refuses NaN
            raise ModelTimeError(
                f"Cannot advance model time by {quote(seconds)}: {_SECONDS}"
                f"{_not_a_number(seconds)}."
            )
        if step > LONGEST_STEP:
            raise ModelTimeError(
                f"Cannot advance model time by {quote(seconds)} s at once: at most "
                f"{LONGEST_STEP:,.0f} s (1000 hours) at a time, since every timer on the way "
                "fires; advance again for more."
            )
        end = self.now + step  # finite: 1e302 steps of 1000 hours would not reach inf
        agenda = self._agenda
        while agenda and agenda[0][0] <= end:
            when, _, action, args = heapq.heappop(agenda)
            if when > self.now:
                self.now = when
            action(*args)
        if end > self.now:  # an action may have advanced further itself: never go back
            self.now = end

    def schedule(self, when: float, action: Callable[..., Any], *args: Any) -> None:
        """Run ``action(*args)`` when model time reaches ``when`` (during ``advance``).

        A time already past runs at the next ``advance``; ``math.inf`` means never, and
        books nothing.  ModelTimeError for NaN, ``-inf`` or what is no number; WrongType for
        an ``action`` that cannot be called.  Nothing is booked when either is refused.
        """
        if not callable(action):
            raise WrongType("action", "a function to call when the time comes", action)
        at = when if type(when) is float else _as_seconds(when)
        if at is None or not -math.inf < at < math.inf:  # also refuses NaN
            if at == math.inf and when == math.inf:
                return  # never: model time is always finite, so it would never come
            raise ModelTimeError(
                f"Cannot schedule an action at model time {quote(when)}: {_WHEN}"
                f"{_not_a_number(when)}."
            )
        self._booked += 1
        if at < self.now:  # never in the past
            at = self.now
        heapq.heappush(self._agenda, (at, self._booked, action, args))

    def __repr__(self) -> str:
        return f"<Clock at {self.now:g} s: {len(self._agenda)} timers booked>"
