"""The records of a simulated day: the people who worked it and the :class:`Shift`.

The report model (``ipo_core.callcentre.reporting``) reads these records, never the
simulator that wrote them (``ipo_core.callcentre.simulation``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ipo_core.callcentre.scenario import Scenario
from ipo_core.switch.events import Event, log_text

__all__ = ["Person", "Shift"]


@dataclass(frozen=True)
class Person:
    """One real person on the simulated day, and the user IP Office knows them as."""

    name: str
    """The person's name, which is also their user's name."""
    extension: str
    """Their user's extension."""
    is_logon_agent: bool
    """True when their user is Force Login with a code, so they log on and off."""
    home_station: str
    """The desk they start at."""
    shift: int
    """Which shift they work (0 = the first)."""
    start: float
    """When their shift starts (model seconds)."""
    end: float
    """When their shift ends."""


@dataclass(frozen=True)
class Shift:
    """A simulated day: the scenario, the people, and the system's event log."""

    scenario: Scenario
    """What was simulated."""
    people: tuple[Person, ...]
    """Everyone who worked, in extension order."""
    stations: tuple[str, ...]
    """The desks' base extensions; the default user of each is the user with that extension."""
    events: tuple[Event, ...] = field(repr=False)
    """The one log, oldest first: logons, desk moves, and every step of every call."""
    end: float = 0.0
    """Model time the day ended."""

    def queue_log(self) -> str:
        """The log as text, one event a line, in the spirit of Asterisk's queue_log.

        ``time|call|group|user|station|person|event|detail``: the same seed gives the
        same text, byte for byte.
        """
        return log_text(self.events)

    def __repr__(self) -> str:
        return (
            f"<Shift: {len(self.people)} agents, {self.scenario.hunt_mode.value}, "
            f"{len(self.events)} events over {self.end / 3600:g} h>"
        )
