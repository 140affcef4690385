"""Model time: the switch's clock and its agenda of timers.

One :class:`Clock` belongs to each running System.  Everything that happens later (the
dial delay, No Answer Time, wrap-up, the simulator's people) is booked on its agenda and
runs, in order of time and then of booking, while the clock advances.

The agenda is a heap and any number of :class:`Lane` s.  A lane is a first-in-first-out
line of timers whose times never go down as they are booked (the end of wrap-up, a
constant time after each call; the simulator's next caller, one at a time): its next
timer is compared with the heap's, so timers still fire in order of time and then of
booking, as if all were on one heap, without the heap's cost.

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
import itertools
import math
import numbers
from collections import deque
from collections.abc import Callable
from typing import Any

from ipo_core.errors import ModelTimeError, WrongType
from ipo_core.quoting import quote

__all__ = ["Clock", "Lane"]

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


#: A booked timer: (when, booking number, action, its arguments).
Timer = tuple[float, int, Callable[..., Any], tuple[Any, ...]]
_NEVER: Timer = (math.inf, 0, print, ())  # what an empty agenda offers: later than any time


class Lane:
    """Timers that fall due in the order they are booked: :meth:`Clock.lane` makes one.

    The kit's own code books on a lane only times that never go down: a constant delay
    after now (:meth:`after`), or the next of a sequence (:meth:`at`).  Nothing checks this
    here, on the hot path; the clock's doctest and tests/test_engine.py show the order.
    """

    __slots__ = ("_clock", "_line", "_number")

    def __init__(self, clock: Clock, line: deque[Timer], number: Callable[[], int]) -> None:
        self._clock = clock
        self._line = line
        self._number = number

    def after(self, delay: float, action: Callable[..., Any], *args: Any) -> None:
        """Run ``action(*args)`` ``delay`` seconds from now: the same delay every time."""
        self._line.append((self._clock.now + delay, self._number(), action, args))

    def at(self, when: float, action: Callable[..., Any], *args: Any) -> None:
        """Run ``action(*args)`` at ``when``, no earlier than any timer already in the lane."""
        self._line.append((when, self._number(), action, args))

    def __len__(self) -> int:
        return len(self._line)


class Clock:
    """Model time in seconds since boot, and the timers booked on it.

    >>> clock = Clock()
    >>> wrap_up = clock.lane()
    >>> clock.book(3.0, print, "heap at 3")
    >>> wrap_up.after(3.0, print, "lane at 3, booked later")
    >>> wrap_up.after(5.0, print, "lane at 5")
    >>> clock.book(4.0, print, "heap at 4")
    >>> clock.advance(10)
    heap at 3
    lane at 3, booked later
    heap at 4
    lane at 5
    """

    def __init__(self) -> None:
        self.now = 0.0
        """Model time now, in seconds since boot.  Only :meth:`advance` moves it."""
        self._agenda: list[Timer] = []
        # Booking order, shared by the heap and the lanes: two timers due at one time run
        # as booked, wherever they wait.
        self._number = itertools.count(1).__next__
        self._lines: list[deque[Timer]] = []

    def lane(self) -> Lane:
        """A new :class:`Lane` on this clock's agenda."""
        line: deque[Timer] = deque()
        self._lines.append(line)
        return Lane(self, line, self._number)

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
        agenda, lines, pop = self._agenda, self._lines, heapq.heappop
        while True:
            timer = agenda[0] if agenda else _NEVER
            line = None
            for other in lines:  # one or two: wrap-up ends, the next caller
                if other and other[0] < timer:
                    timer, line = other[0], other
            when, _, action, args = timer
            if when > end:
                break
            if line is None:
                pop(agenda)
            else:
                line.popleft()
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
        WrongType.unless_callable("action", "a function to call when the time comes", action)
        at = when if type(when) is float else _as_seconds(when)
        if at is None or not -math.inf < at < math.inf:  # also refuses NaN
            if at == math.inf and when == math.inf:
                return  # never: model time is always finite, so it would never come
            raise ModelTimeError(
                f"Cannot schedule an action at model time {quote(when)}: {_WHEN}"
                f"{_not_a_number(when)}."
            )
        self.book(max(at, self.now), action, *args)  # never in the past

    def book(self, when: float, action: Callable[..., Any], *args: Any) -> None:
        """:meth:`schedule` for the kit's own code, unchecked: ``when`` is a finite float no
        earlier than now and ``action`` a function (the switch's timers, the simulator's)."""
        heapq.heappush(self._agenda, (when, self._number(), action, args))

    def __repr__(self) -> str:
        booked = len(self._agenda) + sum(map(len, self._lines))
        return f"<Clock at {self.now:g} s: {booked} timers booked>"
