"""The report model: what CCC shows, what really happened, and how far apart they are.

The tech tip warns that CCC, CCV and CBC report real-time and archived figures
wrongly unless every agent is a logon agent and the monitored hunt group is
Linear, Circular or Most Idle.  This module shows why, with the kit's teaching
model (rule R10), computed from one :class:`~ipo_core.callcentre.day.Shift`'s event
log and nothing else:

* :func:`ccc_report` is the Delta Server view.  It knows people only through
  logons, so every ring, answer and second goes to the *user* in the event.
* :func:`true_report` is ground truth.  It knows who sat at each desk (the
  simulator's ``SEATED`` / ``LEFT_DESK``), so every ring and answer at a desk
  goes to the person sitting there.
* :func:`accuracy` sets the two side by side, figure by figure, and says in a
  supervisor's words why they differ; :func:`agent_states` draws one agent's
  day both ways.

Ann is not a logon agent.  Bob works the late shift at her desk, and takes a
call there.  IP Office still has Ann logged on at that desk, so CCC credits the
call to her:

>>> from ipo_core.switch.events import Event, EventKind as K
>>> from ipo_core.callcentre.day import Person, Shift
>>> from ipo_core.callcentre.scenario import Scenario
>>> ann = Person("Ann", "3000", is_logon_agent=False, home_station="3000", shift=0, start=0.0, end=100.0)
>>> bob = Person("Bob", "3001", is_logon_agent=False, home_station="3000", shift=1, start=100.0, end=200.0)
>>> log = (
...     Event(0.0, K.LOGON, user="3000", station="3000"),
...     Event(0.0, K.SEATED, station="3000", person="Ann"),
...     Event(100.0, K.LEFT_DESK, station="3000", person="Ann"),
...     Event(100.0, K.SEATED, station="3000", person="Bob"),
...     Event(150.0, K.CALL_QUEUED, call=1, group="Sales"),
...     Event(150.0, K.CALL_OFFERED, user="3000", station="3000", call=1, group="Sales"),
...     Event(154.0, K.CALL_ANSWERED, user="3000", station="3000", call=1, group="Sales"),
...     Event(190.0, K.CALL_ENDED, user="3000", station="3000", call=1, group="Sales"),
...     Event(192.0, K.WRAP_UP_OVER, user="3000", station="3000"),
...     Event(200.0, K.LEFT_DESK, station="3000", person="Bob"),
... )
>>> day = Shift(Scenario(agents=2, logon_share=0.0, shifts=2), (ann, bob), ("3000",), log, end=200.0)
>>> ccc_report(day).agent("Ann").answered, true_report(day).agent("Ann").answered
(1, 0)
>>> ccc_report(day).agent("Bob").answered, true_report(day).agent("Bob").answered
(0, 1)
>>> row = next(r for r in accuracy(day) if r.scope == "agent Ann" and r.metric == "answered")
>>> row.error
1.0
>>> print(row.explanation)
CCC credited 1 call answered at Ann's desk to Ann, but Bob sat there: a non-logon agent cannot log off, so the desk's default user gets every call.
>>> agent_states(day, "Ann", "reported")
((0.0, 150.0, 'idle'), (150.0, 154.0, 'ringing'), (154.0, 190.0, 'on call'), (190.0, 192.0, 'wrap-up'), (192.0, 200.0, 'idle'))
>>> agent_states(day, "Ann", "true")
((0.0, 100.0, 'idle'), (100.0, 200.0, 'away'))

Model time is seconds from the start of the day, as in the log.  Every
function here is pure: the same Shift gives the same report, and each report is
one pass over the log.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ipo_core.callcentre.day import Person, Shift
from ipo_core.callcentre.scenario import GROUP_NAME
from ipo_core.errors import ModelTimeError, UnknownName
from ipo_core.switch.events import Event, EventKind

__all__ = [
    "AGENT_METRICS",
    "GROUP_METRICS",
    "AccuracyRow",
    "AgentFigures",
    "GroupFigures",
    "Report",
    "accuracy",
    "accuracy_summary",
    "agent_states",
    "ccc_report",
    "format_figure",
    "true_report",
]

#: The per-agent figures :func:`accuracy` compares, in the order its rows use.
AGENT_METRICS = (
    "presented",
    "answered",
    "not_answered",
    "abandoned",
    "logged_in_time",
    "talk_time",
    "occupancy",
)
#: The hunt group figures :func:`accuracy` lists, in the order its rows use.
GROUP_METRICS = ("calls", "answered", "abandoned", "service_level")

_EPSILON = 1e-9
_SOURCES = ("true", "reported")


# --- the figures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AgentFigures:
    """One agent's row of a report (times in seconds)."""

    name: str
    """The person's name (also their user's name)."""
    presented: int
    """Calls presented to the agent."""
    answered: int
    """Calls the agent answered."""
    not_answered: int
    """Calls presented to the agent that they did not answer."""
    abandoned: int
    """Calls whose caller hung up while they rang at the agent."""
    logged_in_time: float
    """Seconds the agent counted as present: logged on (CCC) or seated at a desk (truth)."""
    talk_time: float
    """Seconds on answered calls."""
    occupancy: float
    """Talk time over logged-in time; 0.0 when logged-in time is 0."""


@dataclass(frozen=True)
class GroupFigures:
    """The hunt group's row of a report: calls are facts, so both views agree."""

    name: str
    """The hunt group's name."""
    calls: int
    """Calls that reached the group."""
    answered: int
    """Calls a member answered."""
    abandoned: int
    """Calls whose caller hung up before an answer."""
    answered_within_sl: int
    """Calls answered within the scenario's service level time of arriving."""
    service_level: float
    """``answered_within_sl / calls``; 0.0 when there were no calls."""
    mean_wait: float
    """Mean seconds from arrival to answer over answered calls; 0.0 when none was answered."""


@dataclass(frozen=True)
class Report:
    """A report over one shift: a row per agent and the group's row."""

    agents: tuple[AgentFigures, ...]
    """One row per person, in the Shift's people order."""
    group: GroupFigures
    """The hunt group's figures."""
    at: float | None
    """Model time of a real-time snapshot; None for the archived day."""

    def agent(self, name: str) -> AgentFigures:
        """The row of the agent called ``name``."""
        for row in self.agents:
            if row.name == name:
                return row
        raise UnknownName("agent", name, [row.name for row in self.agents])


@dataclass(frozen=True)
class AccuracyRow:
    """One figure, true against reported, and why they differ."""

    metric: str
    """The figure: one of AGENT_METRICS or GROUP_METRICS."""
    scope: str
    """Whose figure: ``'agent Ann'`` or ``'group Sales'``."""
    true: float
    """What really happened."""
    reported: float
    """What CCC shows."""
    error: float
    """``reported - true``."""
    explanation: str
    """One sentence a supervisor understands."""

    @property
    def is_wrong(self) -> bool:
        """True when CCC's figure is not what really happened."""
        return abs(self.error) > _EPSILON

    @property
    def is_agent(self) -> bool:
        """True for a per-agent figure, False for the hunt group's."""
        return self.scope.startswith("agent ")

    @property
    def name(self) -> str:
        """The agent's or hunt group's name, without the scope word."""
        return self.scope.split(" ", 1)[1]


# --- one pass over the log ------------------------------------------------------------------


class _Tally:
    """One agent's running figures in one view."""

    __slots__ = ("abandoned", "answered", "intervals", "not_answered", "presented", "talk")

    def __init__(self) -> None:
        self.presented = 0
        self.answered = 0
        self.not_answered = 0
        self.abandoned = 0
        self.talk = 0.0
        self.intervals: list[tuple[float, float]] = []

    def count(self, metric: str) -> None:
        """One more call answered, abandoned or not answered."""
        if metric == "answered":
            self.answered += 1
        elif metric == "abandoned":
            self.abandoned += 1
        else:
            self.not_answered += 1

    def figures(self, name: str) -> AgentFigures:
        logged_in = sum(b - a for a, b in self.intervals)
        return AgentFigures(
            name=name,
            presented=self.presented,
            answered=self.answered,
            not_answered=self.not_answered,
            abandoned=self.abandoned,
            logged_in_time=logged_in,
            talk_time=self.talk,
            occupancy=self.talk / logged_in if logged_in > 0 else 0.0,
        )


class _Rings:
    """Where one call rings now, and how many of its rings were going just before a moment."""

    __slots__ = ("at", "going", "open")

    def __init__(self) -> None:
        # station -> (since, user); a ring logged without a station is kept under "@user"
        self.open: dict[str, tuple[float, str | None]] = {}
        self.at = -1.0  # the moment ``going`` was counted for
        self.going = 0  # rings of this call that had started before ``at``

    def stop(self, station: str | None, user: str | None, t: float) -> tuple[str | None, bool]:
        """Stop the ring at ``station`` (found by ``user`` if None): its station, and if it rang alone.

        A ring rang alone when no other ring of the same call overlapped it for any length
        of time.  Rings that stop at the same moment (Group mode timing out, or the caller
        hanging up on every member) overlapped; the next member of a Linear hunt, offered
        at the very moment this ring stops, did not.
        """
        if self.at != t:
            # Counted once a moment (Group mode stops dozens of rings at one moment), so
            # rings stopped earlier at this same moment still count as overlapping.
            self.at = t
            self.going = sum(1 for s, _ in self.open.values() if s < t)
        key = station
        if key is None or key not in self.open:
            key = next((k for k, (_, u) in self.open.items() if u == user), key)
        start = self.open.pop(key, (t, None))[0] if key is not None else t
        if key is not None and key.startswith("@"):
            key = None
        others = self.going - (1 if start < t else 0)
        return key, not (start < t and others > 0)


_Cause = tuple[str, str | None]


def _ignore(*_: object) -> None:
    """Stands in for _Ledger._attribute when no explanation is wanted."""


class _Ledger:
    """Both views of one shift up to ``horizon``, and the causes of every difference."""

    def __init__(self, shift: Shift, at: float | None, explain: bool = True) -> None:
        end = _day_end(shift)
        if at is not None and not 0.0 <= at <= end:
            raise ModelTimeError(
                f"A snapshot at {at!r} s is outside the day (0 to {end:g} s): choose a time "
                "within the day, or at=None for the archived day."
            )
        self.shift = shift
        self.at = at
        self.explain = explain
        self.horizon = end if at is None else at
        self.owner = {p.extension: p.name for p in shift.people}
        self.reported = {p.name: _Tally() for p in shift.people}
        self.true = {p.name: _Tally() for p in shift.people}
        # (name, metric) -> cause -> signed amount of reported - true it explains (rule R10)
        self.causes: dict[tuple[str, str], dict[_Cause, float]] = {}
        # name -> seconds logged on while not seated (within, outside their shift), and
        # seconds seated while not logged on: what logged_in_time's error is made of
        self.away_in_shift: dict[str, float] = {}
        self.away_off_shift: dict[str, float] = {}
        self.seated_logged_off: dict[str, float] = {}
        self.group_name = ""
        self.calls = 0
        self.group_answered = 0
        self.group_abandoned = 0
        self.within_sl = 0
        self.total_wait = 0.0
        self._run()

    def _run(self) -> None:
        owner = self.owner
        reported = self.reported
        true = self.true
        horizon = self.horizon
        sl_time = self.shift.scenario.service_level_time
        seated: dict[str, str] = {}  # station -> person sitting there
        seat_of: dict[str, tuple[str, float]] = {}  # person -> (station, since)
        logon_since: dict[str, float] = {}  # person (by their user) -> logged on since
        rings: dict[int, _Rings] = {}
        arrivals: dict[int, float] = {}
        talking: dict[int, tuple[float, str | None, str | None, str | None]] = {}
        answered_calls: set[int] = set()
        attribute = self._attribute if self.explain else _ignore
        quick = not self.explain
        # the kinds as locals: this loop runs ~200 reports x 5,000 events in a sweep
        _CALL_OFFERED, _CALL_NOT_ANSWERED = EventKind.CALL_OFFERED, EventKind.CALL_NOT_ANSWERED
        _CALL_ANSWERED, _CALL_ENDED = EventKind.CALL_ANSWERED, EventKind.CALL_ENDED
        _CALL_QUEUED, _CALL_ABANDONED = EventKind.CALL_QUEUED, EventKind.CALL_ABANDONED
        _SEATED, _LEFT_DESK = EventKind.SEATED, EventKind.LEFT_DESK
        _LOGON, _LOGOFF = EventKind.LOGON, EventKind.LOGOFF

        # Unpacked, not read by attribute: a named tuple's fields are Python-level lookups.
        for (
            t,
            kind,
            ev_user,
            ev_station,
            ev_call,
            ev_group,
            ev_person,
            ev_detail,
        ) in self.shift.events:
            if t > horizon:
                break
            if kind is _CALL_OFFERED:
                if ev_call is None:
                    continue
                r = owner.get(ev_user or "")
                if r is not None:
                    reported[r].presented += 1
                ring = rings.get(ev_call)
                if ring is None:
                    ring = rings[ev_call] = _Rings()
                ring.open[ev_station if ev_station is not None else f"@{ev_user}"] = (t, ev_user)
            elif kind is _CALL_NOT_ANSWERED or kind is _CALL_ANSWERED:
                if ev_call is None:
                    continue
                if quick and ev_station is not None and ev_detail.startswith("answered by"):
                    # A colleague took it (Group mode, most of its log): CCC counts a miss,
                    # truth nothing; only the figures are wanted, so no more bookkeeping.
                    ring = rings.get(ev_call)
                    if ring is not None:
                        ring.open.pop(ev_station, None)
                    r = owner.get(ev_user or "")
                    if r is not None:
                        reported[r].not_answered += 1
                    continue
                ring = rings.get(ev_call)
                station, alone = ev_station, True
                if ring is not None:
                    station, alone = ring.stop(ev_station, ev_user, t)
                r = owner.get(ev_user or "")
                x = seated.get(station) if station is not None else None
                if kind is _CALL_ANSWERED:
                    # rule R10: truth credits the person at the desk, CCC the logged-on user
                    metric = "answered"
                    truth = x
                    talking[ev_call] = (t, r, x, x)
                    if ev_call not in answered_calls:
                        answered_calls.add(ev_call)
                        self.group_answered += 1
                        wait = t - arrivals.get(ev_call, t)
                        self.total_wait += wait
                        if wait <= sl_time:
                            self.within_sl += 1
                elif ev_detail == "abandoned":
                    metric = "abandoned"
                    truth = x if alone else None
                else:
                    # rule R10: a miss is a call that rang at this agent alone and stopped
                    # unanswered for their own reason ('no answer'; or 'logged off' when they
                    # left the desk while it rang), never because a colleague took it
                    metric = "not_answered"
                    colleague = ev_detail.startswith("answered by")
                    truth = x if alone and not colleague else None
                if r is not None:
                    reported[r].count(metric)
                if truth is not None:
                    tally = true[truth]
                    tally.presented += 1
                    tally.count(metric)
                if r != truth:
                    # rang at other desks too, or a colleague took it: Group mode's doing
                    shared = not alone or ev_detail.startswith("answered by")
                    attribute("presented", 1.0, r, truth, x, shared)
                    attribute(metric, 1.0, r, truth, x, shared)
            elif kind is _CALL_ENDED:
                if ev_call is None:
                    continue
                talk = talking.pop(ev_call, None)
                if talk is not None:
                    self._talk(t - talk[0], talk[1], talk[2], talk[3])
            elif kind is _CALL_QUEUED:
                if ev_call is None:
                    continue
                self.calls += 1
                arrivals[ev_call] = t
                if not self.group_name and ev_group:
                    self.group_name = ev_group
            elif kind is _CALL_ABANDONED:
                self.group_abandoned += 1
                if ev_call is not None:
                    rings.pop(ev_call, None)
            elif kind is _SEATED:
                person = ev_person
                if person is None or ev_station is None or person not in true:
                    continue
                if person in seat_of:  # sat down elsewhere without getting up: close that
                    station, since = seat_of.pop(person)
                    true[person].intervals.append((since, t))
                    if seated.get(station) == person:
                        del seated[station]
                before = seated.get(ev_station)
                if before is not None and before != person:  # one chair: they have left it
                    true[before].intervals.append((seat_of.pop(before)[1], t))
                seated[ev_station] = person
                seat_of[person] = (ev_station, t)
            elif kind is _LEFT_DESK:
                person = ev_person
                if person is None or person not in seat_of:
                    continue
                station, since = seat_of.pop(person)
                true[person].intervals.append((since, t))
                if seated.get(station) == person:
                    del seated[station]
            elif kind is _LOGON:
                name = owner.get(ev_user or "")
                if name is not None and name not in logon_since:
                    logon_since[name] = t
            elif kind is _LOGOFF:
                name = owner.get(ev_user or "")
                if name is not None and name in logon_since:
                    reported[name].intervals.append((logon_since.pop(name), t))

        # what is still going on at the horizon counts up to it
        for name, since in logon_since.items():
            reported[name].intervals.append((since, horizon))
        for person, (_, since) in seat_of.items():
            true[person].intervals.append((since, horizon))
        for start, r, x, truth in talking.values():
            self._talk(horizon - start, r, x, truth)
        for ring in rings.values():
            alone = len(ring.open) == 1
            for station, (_, user) in ring.open.items():
                x = seated.get(station)
                truth = x if alone else None
                r = owner.get(user or "")
                if truth is not None:
                    true[truth].presented += 1
                if r != truth:
                    attribute("presented", 1.0, r, truth, x, not alone)
        for agent in self.shift.people:
            on = reported[agent.name].intervals
            sat = true[agent.name].intervals
            away = sum(b - a for a, b in on) - _overlap(on, sat)
            in_shift = _overlap(_difference(on, sat), [(agent.start, agent.end)])
            self.away_in_shift[agent.name] = in_shift
            self.away_off_shift[agent.name] = away - in_shift
            self.seated_logged_off[agent.name] = sum(b - a for a, b in sat) - _overlap(on, sat)
        if not self.group_name:
            self.group_name = GROUP_NAME

    def _talk(self, seconds: float, r: str | None, x: str | None, truth: str | None) -> None:
        if r is not None:
            self.reported[r].talk += seconds
        if truth is not None:
            self.true[truth].talk += seconds
        if r != truth and self.explain:
            self._attribute("talk_time", seconds, r, truth, x, False)

    def _attribute(
        self,
        metric: str,
        amount: float,
        r: str | None,
        truth: str | None,
        x: str | None,
        shared: bool,
    ) -> None:
        """Record why CCC (``r``) and truth (``truth``) credited ``amount`` to different agents.

        ``x`` is the person who sat at the desk, if anyone; ``shared`` says the call also
        rang elsewhere at the time (or a colleague took it).  A difference with none of
        these causes is left unexplained here, and the explanation says so.
        """
        causes = self.causes
        if r is not None:
            cause: _Cause | None
            if truth is not None:
                cause = ("desk", truth)
            elif x is None:
                cause = ("empty", None)
            elif x != r:
                cause = ("desk", x)
            else:
                cause = ("group", None) if shared else None
            if cause is not None:
                found = causes.setdefault((r, metric), {})
                found[cause] = found.get(cause, 0.0) + amount
        if truth is not None:
            found = causes.setdefault((truth, metric), {})
            cause = ("taken", r)
            found[cause] = found.get(cause, 0.0) - amount

    def group(self) -> GroupFigures:
        calls = self.calls
        return GroupFigures(
            name=self.group_name,
            calls=calls,
            answered=self.group_answered,
            abandoned=self.group_abandoned,
            answered_within_sl=self.within_sl,
            service_level=self.within_sl / calls if calls else 0.0,
            mean_wait=self.total_wait / self.group_answered if self.group_answered else 0.0,
        )

    def report(self, source: str) -> Report:
        tallies = self.true if source == "true" else self.reported
        rows = tuple(tallies[p.name].figures(p.name) for p in self.shift.people)
        return Report(agents=rows, group=self.group(), at=self.at)


def _day_end(shift: Shift) -> float:
    last = shift.events[-1].time if shift.events else 0.0
    return float(max(shift.end, last))


def _overlap(a: Sequence[tuple[float, float]], b: Sequence[tuple[float, float]]) -> float:
    """Seconds two sorted lists of intervals have in common."""
    total = 0.0
    i = j = 0
    while i < len(a) and j < len(b):
        lo = max(a[i][0], b[j][0])
        hi = min(a[i][1], b[j][1])
        if hi > lo:
            total += hi - lo
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def _difference(
    a: Sequence[tuple[float, float]], b: Sequence[tuple[float, float]]
) -> list[tuple[float, float]]:
    """The parts of sorted intervals ``a`` outside sorted intervals ``b``."""
    out: list[tuple[float, float]] = []
    j = 0
    for lo, hi in a:
        while j < len(b) and b[j][1] <= lo:
            j += 1
        k = j
        while lo < hi and k < len(b) and b[k][0] < hi:
            if b[k][0] > lo:
                out.append((lo, b[k][0]))
            lo = max(lo, b[k][1])
            k += 1
        if lo < hi:
            out.append((lo, hi))
    return out


# --- the public functions -------------------------------------------------------------------


def ccc_report(shift: Shift, at: float | None = None) -> Report:
    """What CCC shows: every figure goes to the user in the event (rule R10).

    With ``at``, a real-time snapshot: only events up to ``at`` count, and a call
    or logon still open counts up to ``at``.
    """
    return _Ledger(shift, at, explain=False).report("reported")


def true_report(shift: Shift, at: float | None = None) -> Report:
    """What really happened: every ring and answer goes to the person at the desk (rule R10).

    An agent missed a call only when it rang at them alone and stopped unanswered
    for their own reason (it rang out, or they logged off while it rang), never
    because a colleague took it; a call presented is one they answered, missed,
    or that was abandoned while ringing at them alone (or, in a snapshot, that
    still rings at them alone).  Logged-in time is time
    seated at a desk; a person who sits down in an occupied chair has taken it
    over from whoever sat there.
    """
    return _Ledger(shift, at, explain=False).report("true")


def accuracy(shift: Shift, at: float | None = None) -> tuple[AccuracyRow, ...]:
    """Every figure true against reported, with why they differ, sorted by scope then metric."""
    ledger = _Ledger(shift, at)
    true = ledger.report("true")
    reported = ledger.report("reported")
    logon = {p.name: p.is_logon_agent for p in shift.people}
    rows: list[AccuracyRow] = []
    for t_row, r_row in zip(true.agents, reported.agents, strict=True):
        name = t_row.name
        for metric in AGENT_METRICS:
            t_value = float(getattr(t_row, metric))
            r_value = float(getattr(r_row, metric))
            error = r_value - t_value
            if abs(error) <= _EPSILON:
                text = "Reported as it happened."
            else:
                text = _explain(ledger, name, logon[name], metric, error)
            rows.append(AccuracyRow(metric, f"agent {name}", t_value, r_value, error, text))
    group = true.group
    for metric in GROUP_METRICS:
        value = float(getattr(group, metric))
        rows.append(
            AccuracyRow(
                metric, f"group {group.name}", value, value, 0.0, "Reported as it happened."
            )
        )
    order = {m: i for i, m in enumerate(AGENT_METRICS)} | {
        m: i for i, m in enumerate(GROUP_METRICS)
    }
    rows.sort(key=lambda row: (row.scope, order[row.metric]))
    return tuple(rows)


def accuracy_summary(shift: Shift) -> dict[str, float]:
    """Per agent metric, the mean absolute error over the agents (archived day)."""
    ledger = _Ledger(shift, None, explain=False)  # a sweep asks for hundreds of these
    pairs = list(zip(ledger.report("true").agents, ledger.report("reported").agents, strict=True))
    agents = len(pairs)
    return {
        metric: sum(abs(float(getattr(r, metric)) - float(getattr(t, metric))) for t, r in pairs)
        / agents
        if agents
        else 0.0
        for metric in AGENT_METRICS
    }


def agent_states(shift: Shift, name: str, source: str) -> tuple[tuple[float, float, str], ...]:
    """One agent's day as ``(start, end, state)`` intervals covering the day without gaps.

    ``source='true'`` follows the person: ``'away'`` when not seated, otherwise what
    the desk they sit at is doing.  ``source='reported'`` follows their user, as CCC
    does: ``'logged off'`` when not logged on, otherwise what calls to the user are
    doing, so a non-logon agent is ``'idle'`` on breaks too (rule R10).  The busy
    states, strongest first: ``'on call'``, ``'ringing'``, ``'wrap-up'``, else ``'idle'``.
    """
    agent = _person(shift, name)
    if source not in _SOURCES:
        raise UnknownName("report source", source, _SOURCES)
    end = _day_end(shift)
    if source == "true":
        return _states(shift.events, end, agent.name, None)
    return _states(shift.events, end, None, agent.extension)


def _person(shift: Shift, name: str) -> Person:
    for person in shift.people:
        if person.name == name:
            return person
    raise UnknownName("agent", name, [p.name for p in shift.people])


_CALL_KINDS = frozenset(
    {
        EventKind.CALL_OFFERED,
        EventKind.CALL_NOT_ANSWERED,
        EventKind.CALL_ANSWERED,
        EventKind.CALL_ENDED,
        EventKind.WRAP_UP_OVER,
    }
)


def _states(
    events: Iterable[Event], end: float, person: str | None, user: str | None
) -> tuple[tuple[float, float, str], ...]:
    """The state intervals of ``person`` at their desk (truth) or of ``user`` (CCC)."""
    by_desk = person is not None
    here: str | None = None  # truth: the desk the person sits at; CCC: None
    present = False
    ringing: dict[str, set[int]] = {}  # desk or user -> calls ringing there
    on_call: dict[str, set[int]] = {}
    wrap: set[str] = set()
    # truth: the desk a user's ring or call is at, for events that name no station
    desk_of: dict[tuple[int | None, str | None], str] = {}
    absent = "away" if by_desk else "logged off"
    out: list[tuple[float, float, str]] = []
    last = 0.0

    def state() -> str:
        key = here if by_desk else user
        if not present or key is None:
            return absent
        if on_call.get(key):
            return "on call"
        if ringing.get(key):
            return "ringing"
        if key in wrap:
            return "wrap-up"
        return "idle"

    def close(upto: float) -> None:
        if upto <= last:
            return
        now = state()
        if out and out[-1][2] == now and out[-1][1] == last:
            out[-1] = (out[-1][0], upto, now)
        else:
            out.append((last, upto, now))

    for ev in events:
        if ev.time > end:
            break
        if ev.time > last:
            close(ev.time)
            last = ev.time
        kind = ev.kind
        key = ev.station if by_desk else ev.user
        if by_desk and kind in _CALL_KINDS:
            if key is None:
                key = desk_of.get((ev.call, ev.user))
            elif ev.user is not None:
                desk_of[ev.call, ev.user] = key
                desk_of[None, ev.user] = key  # where their wrap-up is
        if kind is EventKind.SEATED or kind is EventKind.LEFT_DESK:
            if by_desk and ev.person == person:
                present = kind is EventKind.SEATED
                here = ev.station if present else None
            elif by_desk and kind is EventKind.SEATED and ev.station == here:
                present, here = False, None  # someone else sat down in their chair
        elif kind is EventKind.LOGON or kind is EventKind.LOGOFF:
            if not by_desk and ev.user == user:
                present = kind is EventKind.LOGON
        elif key is None or (ev.call is None and kind is not EventKind.WRAP_UP_OVER):
            continue
        elif kind is EventKind.CALL_OFFERED:
            ringing.setdefault(key, set()).add(ev.call or 0)
        elif kind is EventKind.CALL_NOT_ANSWERED:
            ringing.get(key, set()).discard(ev.call or 0)
        elif kind is EventKind.CALL_ANSWERED:
            ringing.get(key, set()).discard(ev.call or 0)
            on_call.setdefault(key, set()).add(ev.call or 0)
            wrap.discard(key)
        elif kind is EventKind.CALL_ENDED:
            on_call.get(key, set()).discard(ev.call or 0)
            wrap.add(key)
        elif kind is EventKind.WRAP_UP_OVER:
            wrap.discard(key)
    close(end)
    return tuple(out)


# --- explanations ---------------------------------------------------------------------------

_NOUNS = {
    "presented": ("call presented", "calls presented"),
    "answered": ("call answered", "calls answered"),
    "not_answered": ("call not answered", "calls not answered"),
    "abandoned": ("abandoned call", "abandoned calls"),
}
_NO_LOGOFF = "a non-logon agent cannot log off, so the desk's default user gets every call"


def format_figure(metric: str, value: float, signed: bool = False) -> str:
    """A figure as a supervisor reads it: ``'12'`` calls, ``'2 h 30 min'``, ``'85 %'``.

    ``signed`` writes a difference: ``'+12'``, ``'-2 h 30 min'``, ``'+4 pts'``.

    >>> format_figure("logged_in_time", 9000.0), format_figure("occupancy", 0.85)
    ('2 h 30 min', '85 %')
    >>> format_figure("answered", -3, signed=True), format_figure("service_level", 0.04, signed=True)
    ('-3', '+4 pts')
    """
    sign = ("+" if value > 0 else "-" if value < 0 else "±") if signed else ""
    size = abs(value) if signed else value
    if metric in ("logged_in_time", "talk_time"):
        return sign + _duration(size)
    if metric in ("occupancy", "service_level"):
        return f"{sign}{100 * size:.0f} pts" if signed else f"{100 * size:.0f} %"
    return f"{sign}{size:.0f}"


def _duration(seconds: float) -> str:
    """``'45 s'``, ``'12 min 05 s'``, ``'2 h 30 min'``."""
    s = round(abs(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        m, s = divmod(s, 60)
        return f"{m} min {s:02d} s" if s else f"{m} min"
    h, rest = divmod(s, 3600)
    m = rest // 60
    return f"{h} h {m:02d} min" if m else f"{h} h"


def _quantity(metric: str, amount: float) -> str:
    if metric == "talk_time":
        return f"{_duration(amount)} of talk time"
    n = round(abs(amount))
    one, many = _NOUNS[metric]
    return f"{n} {one if n == 1 else many}"


def _names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _explain(ledger: _Ledger, name: str, is_logon: bool, metric: str, error: float) -> str:
    """One sentence saying why CCC's ``metric`` for ``name`` is off by ``error``."""
    if metric == "logged_in_time":
        clauses = _presence_clauses(ledger, name, is_logon)
    elif metric == "occupancy":
        clauses = _occupancy_clauses(ledger, name, is_logon)
    else:
        clauses = _call_clauses(ledger, name, is_logon, metric, error)
    text = "; ".join(clauses)
    return text[0].upper() + text[1:] + "."


def _call_clauses(
    ledger: _Ledger, name: str, is_logon: bool, metric: str, error: float
) -> list[str]:
    found = ledger.causes.get((name, metric), {})
    kinds: dict[str, tuple[float, list[str]]] = {}
    for (kind, other), amount in sorted(found.items(), key=lambda kv: (-abs(kv[1]), kv[0])):
        total, others = kinds.get(kind, (0.0, []))
        if other is not None and other not in others:
            others.append(other)
        kinds[kind] = (total + amount, others)
    logon = {p.name: p.is_logon_agent for p in ledger.shift.people}
    clauses: list[tuple[float, str]] = []
    for kind, (amount, others) in kinds.items():
        if abs(amount) <= _EPSILON:
            continue
        q = _quantity(metric, amount)
        if kind == "desk":
            who = _names(others)
            if is_logon:
                text = f"CCC credited {q} to {name}, but {who} sat at the desk where {name} was logged on: {name} did not log off on leaving it"
            else:
                text = f"CCC credited {q} at {name}'s desk to {name}, but {who} sat there: {_NO_LOGOFF}"
        elif kind == "empty":
            if is_logon:
                text = f"CCC counted {q} for {name} that rang while nobody sat at the desk: {name} stayed logged on after leaving it"
            else:
                text = f"CCC counted {q} for {name} that rang at {name}'s desk while nobody sat there: a non-logon agent cannot log off, so calls ring in their name while they are away"
        elif kind == "group":
            n = round(abs(amount))
            calls = "call" if n == 1 else "calls"
            if metric == "not_answered":
                text = f"in Group mode CCC counts a call against every member who rang but did not take it, so {n} {calls} a colleague answered, or that rang at several desks at once, {'counts' if n == 1 else 'count'} as not answered by {name}"
            elif metric == "abandoned":
                text = f"in Group mode CCC counts {n} {calls} whose caller hung up while ringing at several desks at once as abandoned at {name}"
            else:
                text = f"in Group mode CCC counts every ring as presented, so {n} {calls} that rang at {name} and other members at once {'counts' if n == 1 else 'count'} as presented to {name}"
        else:  # taken: truth credits this person with what CCC gave the desk's user
            users = [o for o in others if o]
            if not users:
                text = f"CCC credited {q} that {name} handled to another user, not to {name}"
            elif all(not logon.get(u, False) for u in users):
                where = _names([f"{u}'s" for u in users]) + " desk"
                text = f"CCC credited {q} that {name} handled at {where} to {_names(users)}, not to {name}: {_NO_LOGOFF}"
            else:
                text = f"CCC credited {q} that {name} handled to {_names(users)}, who stayed logged on at the desk {name} sat at"
        clauses.append((amount, text))
    explained = sum(a for a, _ in clauses)
    rest = error - explained
    if abs(rest) > 1e-6:
        clauses.append(
            (
                rest,
                f"CCC's figure also differs by {_quantity(metric, rest)} for reasons the report model does not trace",
            )
        )
    clauses.sort(key=lambda c: -abs(c[0]))
    return [text for _, text in clauses]


def _presence_clauses(ledger: _Ledger, name: str, is_logon: bool) -> list[str]:
    in_shift = ledger.away_in_shift[name]
    off_shift = ledger.away_off_shift[name]
    away = in_shift + off_shift
    unseen = ledger.seated_logged_off[name]
    clauses: list[tuple[float, str]] = []
    if away > _EPSILON:
        parts = []
        if in_shift > _EPSILON:
            parts.append(f"{_duration(in_shift)} on breaks")
        if off_shift > _EPSILON:
            parts.append(f"{_duration(off_shift)} outside the shift")
        when = f"while {name} was away from the desk ({' and '.join(parts)})"
        if is_logon:
            text = f"CCC counted {name} logged in for {_duration(away)} {when}: {name} stayed logged on after leaving the desk"
        else:
            text = f"CCC counted {name} logged in for {_duration(away)} {when}: a non-logon agent cannot log off, so the station never shows NoUser"
        clauses.append((away, text))
    if unseen > _EPSILON:
        if is_logon:
            text = f"CCC did not count the {_duration(unseen)} {name} sat at a desk without being logged on"
        else:
            text = f"CCC did not count the {_duration(unseen)} {name} sat at a desk while no station had {name} logged on: IP Office knows a non-logon agent only at their own extension"
        clauses.append((unseen, text))
    clauses.sort(key=lambda c: -c[0])
    return [text for _, text in clauses] or ["CCC's logged-in time differs from the time seated"]


def _occupancy_clauses(ledger: _Ledger, name: str, is_logon: bool) -> list[str]:
    talk = ledger.reported[name].talk - ledger.true[name].talk
    reported_in = sum(b - a for a, b in ledger.reported[name].intervals)
    true_in = sum(b - a for a, b in ledger.true[name].intervals)
    login = reported_in - true_in
    parts = []
    if abs(talk) > _EPSILON:
        why = " (calls at a shared desk credited to the desk's default user)"
        parts.append(f"{_duration(talk)} {'too much' if talk > 0 else 'too little'} talk time{why}")
    if abs(login) > _EPSILON:
        if login > 0 and not is_logon:
            why = " (breaks and time outside the shift, which a non-logon agent cannot log off)"
        elif login > 0:
            why = " (time logged on away from the desk)"
        else:
            why = " (time at a desk without being logged on)"
        parts.append(
            f"{_duration(login)} {'too much' if login > 0 else 'too little'} logged-in time{why}"
        )
    what = " and ".join(parts) if parts else "a different talk or logged-in time"
    return [f"occupancy is talk time over logged-in time, and CCC's figure for {name} has {what}"]
