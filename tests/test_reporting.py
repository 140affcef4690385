"""The report model (rule R10): what CCC shows against what really happened.

Every day here is written by hand as a short script, one log line per line, and
turned into a :class:`~ipo_core.callcentre.day.Shift` by :func:`day`.  The tech tip's
claim is the first specification: with logon agents and a Linear, Circular or Most
Idle group, CCC is right; the rest show how each way of breaking the rule makes
it wrong, and in which direction.
"""

from __future__ import annotations

import dataclasses
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipo_core.callcentre.day import Person, Shift
from ipo_core.callcentre.reporting import (
    AGENT_METRICS,
    GROUP_METRICS,
    AccuracyRow,
    AgentFigures,
    GroupFigures,
    Report,
    accuracy,
    accuracy_summary,
    agent_states,
    ccc_report,
    true_report,
)
from ipo_core.callcentre.scenario import Scenario
from ipo_core.errors import ModelTimeError, UnknownName
from ipo_core.site.hunt_groups import HuntMode
from ipo_core.switch.events import Event, EventKind

HOUR = 3600.0

# --- the script helper ------------------------------------------------------------------

#: verb -> (kind, detail) for the one-event verbs of a script line.
VERBS = {
    "logon": (EventKind.LOGON, ""),
    "logoff": (EventKind.LOGOFF, ""),
    "sit": (EventKind.SEATED, ""),
    "leave": (EventKind.LEFT_DESK, ""),
    "queue": (EventKind.CALL_QUEUED, ""),
    "offer": (EventKind.CALL_OFFERED, ""),
    "noanswer": (EventKind.CALL_NOT_ANSWERED, "no answer"),
    "answeredby": (EventKind.CALL_NOT_ANSWERED, "answered by"),
    "hungup": (EventKind.CALL_NOT_ANSWERED, "abandoned"),
    "loggedoff": (EventKind.CALL_NOT_ANSWERED, "logged off"),
    "answer": (EventKind.CALL_ANSWERED, ""),
    "abandon": (EventKind.CALL_ABANDONED, ""),
    "end": (EventKind.CALL_ENDED, ""),
    "wrapped": (EventKind.WRAP_UP_OVER, ""),
}


def events(script: str, group: str = "Sales") -> tuple[Event, ...]:
    """Turn a script into the log, oldest first (ties keep script order).

    One line per event: ``<time> <verb> <args>``; ``#`` starts a comment.

    ===============================  ==========================================
    ``0 logon 3000@3000``            LOGON of user 3000 at station 3000 (logoff)
    ``0 sit Ann@3000``               SEATED: Ann sits at 3000 (leave)
    ``10 queue 1``                   call 1 reaches the group
    ``10 offer 1 3000@3000``         call 1 rings at user 3000 on station 3000
    ``25 noanswer 1 3000@3000``      No Answer Time ran out there
    ``14 answeredby 1 3000@3000 3001``  a colleague (3001) took it (Group mode)
    ``30 hungup 1 3000@3000``        the caller hung up while it rang there
    ``30 loggedoff 1 3000@3000``     it stopped ringing there: the user logged off
    ``30 abandon 1``                 CALL_ABANDONED
    ``14 answer 1 3000@3000``        answered there (``end`` when it ends)
    ``76 wrapped 3000@3000``         wrap-up over
    ``25 noanswer 1 3000@-``         ``-``: an event that names no station
    ``10 take 1 3000@3000 4 60``     a whole call: queue, offer, answer after 4 s,
                                     end after 60 s of talk, wrap-up over 2 s later
    ===============================  ==========================================
    """
    out: list[Event] = []
    for line in script.splitlines():
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        t, verb, *args = words
        at = float(t)
        if verb == "take":
            call, where, ring, talk = int(args[0]), args[1], float(args[2]), float(args[3])
            user, station = where.split("@")
            answered, ended = at + ring, at + ring + talk
            out += [
                Event(at, EventKind.CALL_QUEUED, call=call, group=group),
                Event(at, EventKind.CALL_OFFERED, user, station, call, group),
                Event(answered, EventKind.CALL_ANSWERED, user, station, call, group),
                Event(ended, EventKind.CALL_ENDED, user, station, call, group),
                Event(ended + 2, EventKind.WRAP_UP_OVER, user, station),
            ]
            continue
        kind, detail = VERBS[verb]
        if kind in (EventKind.SEATED, EventKind.LEFT_DESK):
            person, station = args[0].split("@")
            out.append(Event(at, kind, station=station, person=person))
        elif kind in (EventKind.LOGON, EventKind.LOGOFF, EventKind.WRAP_UP_OVER):
            user, station = args[0].split("@")
            out.append(Event(at, kind, user, station))
        elif kind in (EventKind.CALL_QUEUED, EventKind.CALL_ABANDONED):
            out.append(Event(at, kind, call=int(args[0]), group=group))
        else:
            user, where = args[1].split("@")
            station = None if where == "-" else where
            if verb == "answeredby":
                detail = f"answered by {args[2]}"
            out.append(Event(at, kind, user, station, int(args[0]), group, detail=detail))
    return tuple(sorted(out, key=lambda e: e.time))


def person(
    name: str,
    extension: str,
    *,
    logon: bool = True,
    home: str | None = None,
    shift: int = 0,
    start: float = 0.0,
    end: float = 8 * HOUR,
) -> Person:
    """A person whose user is ``extension``; home desk defaults to that extension."""
    return Person(name, extension, logon, home or extension, shift, start, end)


def day(
    script: str,
    people: tuple[Person, ...],
    *,
    mode: HuntMode = HuntMode.LINEAR,
    end: float = 8 * HOUR,
    service_level_time: float = 20.0,
) -> Shift:
    """A hand-written Shift: the people, their desks, and the scripted log."""
    scenario = Scenario(
        agents=len(people),
        hunt_mode=mode,
        logon_share=sum(p.is_logon_agent for p in people) / max(len(people), 1),
        service_level_time=service_level_time,
    )
    stations = tuple(sorted({p.home_station for p in people}))
    return Shift(scenario, people, stations, events(script), end=end)


def rows(shift: Shift, at: float | None = None) -> dict[tuple[str, str], AccuracyRow]:
    """accuracy() keyed by (scope, metric)."""
    return {(r.scope, r.metric): r for r in accuracy(shift, at)}


def test_the_script_helper_writes_the_log_as_the_engine_does():
    assert events("10 take 7 3000@3001 4 60") == (
        Event(10.0, EventKind.CALL_QUEUED, call=7, group="Sales"),
        Event(10.0, EventKind.CALL_OFFERED, "3000", "3001", 7, "Sales"),
        Event(14.0, EventKind.CALL_ANSWERED, "3000", "3001", 7, "Sales"),
        Event(74.0, EventKind.CALL_ENDED, "3000", "3001", 7, "Sales"),
        Event(76.0, EventKind.WRAP_UP_OVER, "3000", "3001"),
    )
    assert events("5 answeredby 2 3000@3000 3001 # Group mode")[0].detail == "answered by 3001"


# --- the tech tip's claim: logon agents and a hunting group report correctly ------------

ANN, BOB = person("Ann", "3000"), person("Bob", "3001")

#: Two logon agents on a hunting group: breaks, a hot desk, a miss, an abandon, all logged.
LOGON_DAY = """
0     sit Ann@3000
0     logon 3000@3000
0     sit Bob@3001
0     logon 3001@3001
100   take 1 3000@3000 4 300       # Ann answers at her desk
500   queue 2
500   offer 2 3001@3001
515   noanswer 2 3001@3001         # Bob lets it ring out: a true miss
515   offer 2 3000@3000            # the hunt moves on
520   answer 2 3000@3000
700   end 2 3000@3000
702   wrapped 3000@3000
900   queue 3
900   offer 3 3001@3001
910   hungup 3 3001@3001           # the caller gives up while it rings at Bob alone
910   abandon 3
3600  logoff 3000@3000             # Ann's break: she logs off
3600  leave Ann@3000
4500  sit Ann@3000
4500  logon 3000@3000
5000  logoff 3000@3000             # Ann moves to desk 3002 and logs on there
5000  leave Ann@3000
5000  sit Ann@3002
5000  logon 3000@3002
5100  take 4 3000@3002 3 200
6000  take 5 3001@3001 6 100
28000 logoff 3000@3002
28000 leave Ann@3002
28790 queue 6
28790 offer 6 3001@3001
28795 answer 6 3001@3001           # still on the call when the day ends
28800 leave Bob@3001
28800 logoff 3001@3001
"""


@pytest.mark.parametrize("mode", [HuntMode.LINEAR, HuntMode.CIRCULAR, HuntMode.MOST_IDLE])
def test_with_logon_agents_and_a_hunting_group_every_agent_figure_is_right(mode):
    shift = day(LOGON_DAY, (ANN, BOB), mode=mode)
    agent_rows = [r for r in accuracy(shift) if r.scope.startswith("agent")]
    assert len(agent_rows) == 2 * len(AGENT_METRICS)
    assert [(r.scope, r.metric, r.error) for r in agent_rows if r.error != 0] == []
    assert {r.explanation for r in agent_rows} == {"Reported as it happened."}
    assert ccc_report(shift).agents == true_report(shift).agents


def test_the_logon_day_counts_what_happened():
    ann = true_report(day(LOGON_DAY, (ANN, BOB))).agent("Ann")
    bob = true_report(day(LOGON_DAY, (ANN, BOB))).agent("Bob")
    assert (ann.presented, ann.answered, ann.not_answered, ann.abandoned) == (3, 3, 0, 0)
    assert (bob.presented, bob.answered, bob.not_answered, bob.abandoned) == (4, 2, 1, 1)
    assert ann.talk_time == 300 + 180 + 200
    assert ann.logged_in_time == 3600 + (28000 - 4500)
    assert ann.occupancy == pytest.approx(680 / 27100)


@pytest.mark.parametrize("at", [0.0, 520.0, 910.0, 3700.0, 7010.0, 28797.0])
def test_with_logon_agents_snapshots_are_right_too(at):
    shift = day(LOGON_DAY, (ANN, BOB))
    assert ccc_report(shift, at).agents == true_report(shift, at).agents


# --- non-logon agents: a shared desk -------------------------------------------------------

ANN_EARLY = person("Ann", "3000", logon=False, shift=0, end=4 * HOUR)
BOB_LATE = person("Bob", "3001", logon=False, home="3000", shift=1, start=4 * HOUR)

#: Ann (non-logon) works the early shift at 3000; Bob (non-logon) the late shift at her desk.
SHARED_DESK = """
0      logon 3000@3000          # Ann's user is at her desk all day: she cannot log off
0      sit Ann@3000
1000   take 1 3000@3000 5 100
2000   take 2 3000@3000 5 100
14400  leave Ann@3000
14400  sit Bob@3000             # Bob's user has no desk of its own: IP Office never sees him
15000  take 3 3000@3000 5 200
16000  take 4 3000@3000 5 200
17000  take 5 3000@3000 25 200
28800  leave Bob@3000
"""


def test_a_shared_desk_gives_the_default_user_the_sitters_calls():
    shift = day(SHARED_DESK, (ANN_EARLY, BOB_LATE))
    ccc, truth = ccc_report(shift), true_report(shift)
    assert (ccc.agent("Ann").answered, truth.agent("Ann").answered) == (5, 2)
    assert (ccc.agent("Bob").answered, truth.agent("Bob").answered) == (0, 3)
    assert (ccc.agent("Ann").talk_time, truth.agent("Ann").talk_time) == (800, 200)
    assert (ccc.agent("Bob").talk_time, truth.agent("Bob").talk_time) == (0, 600)


@pytest.mark.parametrize("metric", ["presented", "answered", "talk_time"])
def test_on_a_shared_desk_ccc_overstates_the_default_user_and_understates_the_sitter(metric):
    found = rows(day(SHARED_DESK, (ANN_EARLY, BOB_LATE)))
    assert found["agent Ann", metric].error > 0
    assert found["agent Bob", metric].error < 0
    assert found["agent Ann", metric].error == -found["agent Bob", metric].error


def test_the_shared_desk_explanations_name_who_really_sat_there():
    found = rows(day(SHARED_DESK, (ANN_EARLY, BOB_LATE)))
    assert found["agent Ann", "answered"].explanation == (
        "CCC credited 3 calls answered at Ann's desk to Ann, but Bob sat there: a non-logon "
        "agent cannot log off, so the desk's default user gets every call."
    )
    assert found["agent Bob", "answered"].explanation == (
        "CCC credited 3 calls answered that Bob handled at Ann's desk to Ann, not to Bob: "
        "a non-logon agent cannot log off, so the desk's default user gets every call."
    )
    assert "10 min" in found["agent Ann", "talk_time"].explanation


def test_a_sitter_ccc_never_sees_is_never_logged_in():
    found = rows(day(SHARED_DESK, (ANN_EARLY, BOB_LATE)))
    bob = found["agent Bob", "logged_in_time"]
    assert (bob.true, bob.reported, bob.error) == (4 * HOUR, 0.0, -4 * HOUR)
    assert "did not count the 4 h Bob sat at a desk" in bob.explanation
    ann = found["agent Ann", "logged_in_time"]
    assert (ann.true, ann.reported) == (4 * HOUR, 8 * HOUR)
    assert "cannot log off" in ann.explanation


# --- non-logon agents: breaks ------------------------------------------------------------

CY = person("Cy", "3002", logon=False, end=2 * HOUR)

#: Cy is not a logon agent: she takes a 15-minute break and her phone rings while she is away.
BREAK_DAY = """
0     logon 3002@3002
0     sit Cy@3002
100   take 1 3002@3002 4 600
3600  leave Cy@3002
3700  queue 2
3700  offer 2 3002@3002         # rings at an empty desk in Cy's name
3715  noanswer 2 3002@3002
3715  abandon 2
4500  sit Cy@3002
5000  take 3 3002@3002 4 600
7200  leave Cy@3002
"""


def test_a_non_logon_agent_on_a_break_is_reported_logged_in():
    found = rows(day(BREAK_DAY, (CY,), end=2 * HOUR))
    logged_in = found["agent Cy", "logged_in_time"]
    assert (logged_in.true, logged_in.reported, logged_in.error) == (6300, 7200, 900)
    assert logged_in.explanation.startswith(
        "CCC counted Cy logged in for 15 min while Cy was away from the desk (15 min on breaks)"
    )
    occupancy = found["agent Cy", "occupancy"]
    assert occupancy.error < 0
    assert occupancy.error == pytest.approx(1200 / 7200 - 1200 / 6300)
    assert "15 min too much logged-in time (breaks" in occupancy.explanation
    assert found["agent Cy", "talk_time"].error == 0


def test_a_call_ringing_at_an_empty_desk_counts_against_the_non_logon_agent():
    found = rows(day(BREAK_DAY, (CY,), end=2 * HOUR))
    for metric in ("presented", "not_answered"):
        assert found["agent Cy", metric].error == 1
        assert "while nobody sat there" in found["agent Cy", metric].explanation


def test_a_non_logon_agent_on_a_break_is_idle_in_ccc_and_away_in_truth():
    shift = day(BREAK_DAY, (CY,), end=2 * HOUR)
    reported, true = agent_states(shift, "Cy", "reported"), agent_states(shift, "Cy", "true")
    assert (706.0, 3700.0, "idle") in reported  # her break starts at 3600
    assert (3715.0, 5000.0, "idle") in reported  # and ends at 4500
    assert (3600.0, 4500.0, "away") in true


# --- Group mode --------------------------------------------------------------------------

DI, ED, FAY = person("Di", "3003"), person("Ed", "3004"), person("Fay", "3005")

#: Three logon agents, all at their desks, on a Group-mode hunt group.
GROUP_DAY = """
0    logon 3003@3003
0    logon 3004@3004
0    logon 3005@3005
0    sit Di@3003
0    sit Ed@3004
0    sit Fay@3005
100  queue 1                         # rings at all three; Ed takes it
100  offer 1 3003@3003
100  offer 1 3004@3004
100  offer 1 3005@3005
105  answer 1 3004@3004
105  answeredby 1 3003@3003 3004
105  answeredby 1 3005@3005 3004
200  end 1 3004@3004
202  wrapped 3004@3004
300  queue 2                         # rings at all three; nobody takes it in time
300  offer 2 3003@3003
300  offer 2 3004@3004
300  offer 2 3005@3005
315  noanswer 2 3003@3003
315  noanswer 2 3004@3004
315  noanswer 2 3005@3005
330  abandon 2
400  logoff 3004@3004                # Ed and Fay go home: Di is the only one left
400  leave Ed@3004
400  logoff 3005@3005
400  leave Fay@3005
400  queue 3                         # so call 3 rings at her alone
400  offer 3 3003@3003
415  noanswer 3 3003@3003
420  abandon 3
"""


def test_group_mode_counts_every_ring_as_presented_and_a_colleagues_answer_as_a_miss():
    found = rows(day(GROUP_DAY, (DI, ED, FAY), mode=HuntMode.GROUP, end=500))
    for name in ("Di", "Fay"):
        assert found[f"agent {name}", "presented"].error > 0
        assert found[f"agent {name}", "not_answered"].error > 0
        assert "Group mode" in found[f"agent {name}", "not_answered"].explanation
    assert found["agent Ed", "answered"].error == 0
    assert found["agent Ed", "presented"].error == 1  # the call that rang at everyone
    assert (found["agent Di", "presented"].true, found["agent Di", "presented"].reported) == (1, 3)


def test_in_group_mode_a_call_that_rang_at_one_member_alone_is_a_true_miss():
    truth = true_report(day(GROUP_DAY, (DI, ED, FAY), mode=HuntMode.GROUP, end=500))
    assert (truth.agent("Di").presented, truth.agent("Di").not_answered) == (1, 1)
    assert (truth.agent("Fay").presented, truth.agent("Fay").not_answered) == (0, 0)
    assert (truth.agent("Ed").presented, truth.agent("Ed").answered) == (1, 1)


def test_the_group_mode_explanation_says_a_colleague_answered():
    found = rows(day(GROUP_DAY, (DI, ED, FAY), mode=HuntMode.GROUP, end=500))
    assert found["agent Fay", "not_answered"].explanation == (
        "In Group mode CCC counts a call against every member who rang but did not take it, "
        "so 2 calls a colleague answered, or that rang at several desks at once, count as "
        "not answered by Fay."
    )


def test_in_group_mode_callers_hanging_up_on_every_member_count_against_each():
    shift = day(
        """
        0   logon 3003@3003
        0   logon 3004@3004
        0   sit Di@3003
        0   sit Ed@3004
        10  queue 1
        10  offer 1 3003@3003
        10  offer 1 3004@3004
        18  hungup 1 3003@3003
        18  hungup 1 3004@3004
        18  abandon 1
        """,
        (DI, ED),
        mode=HuntMode.GROUP,
        end=60,
    )
    found = rows(shift)
    assert (found["agent Di", "abandoned"].true, found["agent Di", "abandoned"].reported) == (0, 1)
    assert "abandoned at Di" in found["agent Di", "abandoned"].explanation


# --- how the log is read where it is unusual -----------------------------------------------


def test_a_call_that_stops_ringing_because_the_agent_logs_off_is_their_miss_in_both_views():
    shift = day(
        """
        0    sit Ann@3000
        0    logon 3000@3000
        100  queue 1
        100  offer 1 3000@3000
        104  loggedoff 1 3000@3000     # Ann goes on her break while it rings
        104  logoff 3000@3000
        104  leave Ann@3000
        104  abandon 1
        """,
        (ANN,),
        end=200,
    )
    assert true_report(shift).agent("Ann").not_answered == 1
    assert ccc_report(shift).agents == true_report(shift).agents


def test_someone_sitting_down_in_an_occupied_chair_takes_it_over():
    shift = day(
        """
        0    sit Ann@3000
        100  sit Bob@3000              # no LEFT_DESK for Ann: Bob has her chair now
        150  take 1 3000@3000 4 20
        """,
        (ANN, BOB),
        end=200,
    )
    truth = true_report(shift)
    assert (truth.agent("Ann").logged_in_time, truth.agent("Bob").logged_in_time) == (100, 100)
    assert (truth.agent("Ann").answered, truth.agent("Bob").answered) == (0, 1)
    assert agent_states(shift, "Ann", "true") == ((0.0, 100.0, "idle"), (100.0, 200.0, "away"))


def test_a_ring_that_ends_without_a_station_is_the_one_ringing_at_that_user():
    shift = day(
        """
        0    sit Ann@3000
        0    logon 3000@3000
        100  queue 1
        100  offer 1 3000@3000
        115  noanswer 1 3000@-
        115  abandon 1
        """,
        (ANN,),
        end=200,
    )
    assert ccc_report(shift).agent("Ann").not_answered == 1
    assert true_report(shift).agent("Ann").not_answered == 1
    assert agent_states(shift, "Ann", "true")[-1] == (115.0, 200.0, "idle")


def test_a_member_offered_the_call_as_the_last_one_stops_ringing_rang_alone():
    shift = day(
        """
        0    sit Ann@3000
        0    logon 3000@3000
        0    sit Bob@3001
        0    logon 3001@3001
        100  queue 1
        100  offer 1 3000@3000
        115  noanswer 1 3000@3000
        115  offer 1 3001@3001         # the hunt moves on at the same moment
        115  noanswer 1 3001@3001      # and Bob's phone stops at once (he is logging off)
        115  abandon 1
        """,
        (ANN, BOB),
        end=200,
    )
    truth = true_report(shift)
    assert (truth.agent("Ann").not_answered, truth.agent("Bob").not_answered) == (1, 1)


# --- real-time snapshots -----------------------------------------------------------------

SNAPSHOT_DAY = """
0    logon 3000@3000
0    sit Ann@3000
100  take 1 3000@3000 4 300       # answered at 104, ends at 404
300  queue 2                      # arrives after the snapshot's calls are counted
"""


def test_an_open_call_counts_talk_time_up_to_the_snapshot():
    shift = day(SNAPSHOT_DAY, (ANN,), end=1000)
    for report in (ccc_report(shift, at=250), true_report(shift, at=250)):
        ann = report.agent("Ann")
        assert (ann.answered, ann.talk_time, ann.logged_in_time) == (1, 146, 250)
        assert ann.occupancy == pytest.approx(146 / 250)
        assert report.at == 250
        assert report.group.calls == 1  # call 2 has not arrived yet


def test_a_call_ringing_at_the_snapshot_counts_as_presented_in_both_views():
    shift = day(SNAPSHOT_DAY, (ANN,), end=1000)
    assert ccc_report(shift, at=102).agent("Ann").presented == 1
    assert true_report(shift, at=102).agent("Ann").presented == 1
    assert ccc_report(shift, at=102).agent("Ann").answered == 0


def test_the_archived_day_runs_to_the_end_of_the_day():
    shift = day(SNAPSHOT_DAY, (ANN,), end=1000)
    archived = ccc_report(shift)
    assert archived.at is None
    assert archived.agent("Ann").logged_in_time == 1000
    assert archived.agent("Ann").talk_time == 300
    assert ccc_report(shift, at=1000).agents == archived.agents


@pytest.mark.parametrize("at", [-1.0, 1000.5])
def test_a_snapshot_outside_the_day_is_refused(at):
    with pytest.raises(ModelTimeError, match=r"outside the day \(0 to 1000 s\)"):
        ccc_report(day(SNAPSHOT_DAY, (ANN,), end=1000), at=at)


# --- the group's figures -----------------------------------------------------------------

SERVICE_DAY = """
0    logon 3000@3000
0    sit Ann@3000
100  take 1 3000@3000 5 10        # waited 5 s
200  take 2 3000@3000 20 10       # waited 20 s: within a 20 s service level
300  take 3 3000@3000 25 10       # waited 25 s: outside
400  queue 4
400  offer 4 3000@3000
415  noanswer 4 3000@3000
430  abandon 4
"""


def test_service_level_is_calls_answered_in_time_over_all_calls():
    group = ccc_report(day(SERVICE_DAY, (ANN,), end=500)).group
    assert group == GroupFigures(
        name="Sales",
        calls=4,
        answered=3,
        abandoned=1,
        answered_within_sl=2,
        service_level=0.5,
        mean_wait=50 / 3,
    )


def test_the_service_level_time_comes_from_the_scenario():
    group = ccc_report(day(SERVICE_DAY, (ANN,), end=500, service_level_time=30)).group
    assert (group.answered_within_sl, group.service_level) == (3, 0.75)


def test_a_day_without_calls_has_no_service_level_and_no_wait():
    group = true_report(day("0 sit Ann@3000", (ANN,), end=100)).group
    assert (group.calls, group.service_level, group.mean_wait) == (0, 0.0, 0.0)


@pytest.mark.parametrize("script", [LOGON_DAY, SHARED_DESK, BREAK_DAY, GROUP_DAY, SERVICE_DAY])
def test_group_figures_are_the_same_in_both_reports(script):
    shift = day(script, (ANN, BOB, CY, DI, ED, FAY))
    assert ccc_report(shift).group == true_report(shift).group
    group_rows = [r for r in accuracy(shift) if r.scope == "group Sales"]
    assert [r.metric for r in group_rows] == list(GROUP_METRICS)
    assert all(r.error == 0 and r.true == r.reported for r in group_rows)


# --- accuracy rows and the summary -------------------------------------------------------


def test_accuracy_has_a_row_per_agent_and_metric_then_the_group_sorted_by_scope():
    shift = day(SHARED_DESK, (BOB_LATE, ANN_EARLY))  # people order is not row order
    found = accuracy(shift)
    assert [(r.scope, r.metric) for r in found] == [
        *[("agent Ann", m) for m in AGENT_METRICS],
        *[("agent Bob", m) for m in AGENT_METRICS],
        *[("group Sales", m) for m in GROUP_METRICS],
    ]
    assert all(r.error == r.reported - r.true for r in found)


def test_a_row_without_error_says_it_was_reported_as_it_happened():
    found = rows(day(SHARED_DESK, (ANN_EARLY, BOB_LATE)))
    assert found["agent Ann", "not_answered"].explanation == "Reported as it happened."


def test_accuracy_summary_is_the_mean_absolute_error_per_agent():
    summary = accuracy_summary(day(SHARED_DESK, (ANN_EARLY, BOB_LATE)))
    assert list(summary) == list(AGENT_METRICS)
    assert summary["answered"] == 3  # Ann +3, Bob -3
    assert summary["talk_time"] == 600
    assert summary["not_answered"] == 0
    assert accuracy_summary(day(LOGON_DAY, (ANN, BOB))) == dict.fromkeys(AGENT_METRICS, 0.0)


# --- reports are values ------------------------------------------------------------------


def test_reports_are_frozen_values_that_compare_by_their_figures():
    shift = day(SHARED_DESK, (ANN_EARLY, BOB_LATE))
    first, again = ccc_report(shift), ccc_report(shift)
    assert first == again
    assert first is not again
    assert repr(first) == repr(again)
    assert "0x" not in repr(first)
    assert repr(first).startswith("Report(agents=(AgentFigures(name='Ann', presented=5")
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.at = 3.0  # type: ignore[misc]
    assert isinstance(first.agents[0], AgentFigures)
    assert isinstance(first, Report)


def test_report_agent_names_the_agents_it_knows():
    report = ccc_report(day(SHARED_DESK, (ANN_EARLY, BOB_LATE)))
    assert [row.name for row in report.agents] == ["Ann", "Bob"]
    with pytest.raises(UnknownName, match=r"There is no agent 'Zed'\. Known: Ann, Bob\."):
        report.agent("Zed")


def test_an_agent_with_no_time_has_no_occupancy():
    nobody = person("Gus", "3009")
    report = ccc_report(day(SHARED_DESK, (ANN_EARLY, BOB_LATE, nobody)))
    assert report.agent("Gus") == AgentFigures("Gus", 0, 0, 0, 0, 0.0, 0.0, 0.0)


# --- one agent's day ---------------------------------------------------------------------


def test_an_agents_day_true_against_reported():
    shift = day(LOGON_DAY, (ANN, BOB))
    assert agent_states(shift, "Bob", "reported")[:6] == (
        (0.0, 500.0, "idle"),
        (500.0, 515.0, "ringing"),
        (515.0, 900.0, "idle"),
        (900.0, 910.0, "ringing"),
        (910.0, 6000.0, "idle"),
        (6000.0, 6006.0, "ringing"),
    )
    assert agent_states(shift, "Ann", "reported")[-2:] == (
        (5305.0, 28000.0, "idle"),
        (28000.0, 28800.0, "logged off"),
    )
    assert agent_states(shift, "Ann", "true")[-1] == (28000.0, 28800.0, "away")


def test_an_agents_day_shows_wrap_up_after_a_call():
    shift = day(LOGON_DAY, (ANN, BOB))
    assert agent_states(shift, "Ann", "true")[:5] == (
        (0.0, 100.0, "idle"),
        (100.0, 104.0, "ringing"),
        (104.0, 404.0, "on call"),
        (404.0, 406.0, "wrap-up"),
        (406.0, 515.0, "idle"),
    )


def test_the_sitter_is_on_call_in_truth_while_ccc_shows_the_default_user():
    shift = day(SHARED_DESK, (ANN_EARLY, BOB_LATE))
    assert (15005.0, 15205.0, "on call") in agent_states(shift, "Bob", "true")
    assert agent_states(shift, "Bob", "reported") == ((0.0, 8 * HOUR, "logged off"),)
    assert (15005.0, 15205.0, "on call") in agent_states(shift, "Ann", "reported")
    assert (14400.0, 8 * HOUR, "away") in agent_states(shift, "Ann", "true")


def assert_covers_the_day(states, end):
    assert states[0][0] == 0.0
    assert states[-1][1] == end
    for (_, stop, state), (start, _, following) in zip(states, states[1:], strict=False):
        assert stop == start, "no gap and no overlap"
        assert state != following, "neighbours are merged"
    assert all(start < stop for start, stop, _ in states)


@pytest.mark.parametrize(
    ("script", "people"),
    [
        (LOGON_DAY, (ANN, BOB)),
        (SHARED_DESK, (ANN_EARLY, BOB_LATE)),
        (BREAK_DAY, (CY,)),
        (GROUP_DAY, (DI, ED, FAY)),
    ],
)
@pytest.mark.parametrize("source", ["true", "reported"])
def test_an_agents_states_cover_the_day_without_gaps(script, people, source):
    shift = day(script, people)
    for p in people:
        assert_covers_the_day(agent_states(shift, p.name, source), shift.end)


def test_agent_states_refuses_an_unknown_agent_or_source():
    shift = day(BREAK_DAY, (CY,))
    with pytest.raises(UnknownName, match="no agent 'Zed'"):
        agent_states(shift, "Zed", "true")
    with pytest.raises(UnknownName, match="no report source 'ccc'. Known: true, reported"):
        agent_states(shift, "Cy", "ccc")


# --- properties: random hand-made days ---------------------------------------------------


def random_day(
    rng: random.Random, people: int, calls: int, hours: float, group_mode: bool
) -> Shift:
    """A simple random day: desks shared across two shifts, breaks, and calls.

    Each call is answered by one person seated at a desk it rang at, or abandoned.
    Logon agents log on when they sit and off when they leave; a non-logon agent with
    a desk of their own is logged on there all day; one without is never logged on.
    """
    end = hours * HOUR
    half = end / 2
    firsts = max(1, (people + 1) // 2)
    desks = list(range(firsts)) + rng.sample(range(firsts), people - firsts)  # late shift shares
    staff: list[Person] = []
    log: list[Event] = []
    for i in range(people):
        shift = 0 if i < firsts else 1
        home = f"{3000 + desks[i]}"
        start, stop = (0.0, half) if shift == 0 else (half, end)
        logon = rng.random() < 0.5
        staff.append(Person(f"P{i}", f"{3000 + i}", logon, home, shift, start, stop))
        if not logon and home == f"{3000 + i}":
            log.append(Event(0.0, EventKind.LOGON, f"{3000 + i}", home))
        a = float(rng.randint(int(start), int(stop)))
        b = float(rng.randint(int(a), int(stop)))
        for sit, leave in ((start, a), (b, stop)):
            if leave <= sit:
                continue
            log.append(Event(sit, EventKind.SEATED, station=home, person=f"P{i}"))
            log.append(Event(leave, EventKind.LEFT_DESK, station=home, person=f"P{i}"))
            if logon:
                log.append(Event(sit, EventKind.LOGON, f"{3000 + i}", home))
                log.append(Event(leave, EventKind.LOGOFF, f"{3000 + i}", home))
    log.sort(key=lambda e: (e.time, e.kind is not EventKind.LEFT_DESK))
    seats = [e for e in log if e.kind in (EventKind.SEATED, EventKind.LEFT_DESK)]
    logons = [e for e in log if e.kind in (EventKind.LOGON, EventKind.LOGOFF)]

    def who(changes: list[Event], station: str, at: float) -> str | None:
        here = None
        for e in changes:
            if e.time > at:
                break
            if e.station == station:
                is_on = e.kind in (EventKind.SEATED, EventKind.LOGON)
                name = e.person if e.person is not None else e.user
                here = name if is_on else (None if here == name else here)
        return here

    stations = sorted({p.home_station for p in staff})
    for call in range(1, calls + 1):
        t = float(rng.randint(0, int(end) - 30))
        log.append(Event(t, EventKind.CALL_QUEUED, call=call, group="Sales"))
        users = {s: who(logons, s, t) for s in stations}
        ringing = [(u, s) for s, u in users.items() if u is not None]
        ringing = ringing if group_mode else ringing[:1]
        for u, s in ringing:
            log.append(Event(t, EventKind.CALL_OFFERED, u, s, call, "Sales"))
        t1 = t + rng.randint(1, 15)
        takers = [(u, s) for u, s in ringing if who(seats, s, t1) is not None]
        if takers and rng.random() < 0.8:
            u, s = rng.choice(takers)
            log.append(Event(t1, EventKind.CALL_ANSWERED, u, s, call, "Sales"))
            for other, desk in ringing:
                if desk != s:
                    log.append(
                        Event(
                            t1,
                            EventKind.CALL_NOT_ANSWERED,
                            other,
                            desk,
                            call,
                            "Sales",
                            detail=f"answered by {u}",
                        )
                    )
            t2 = min(t1 + rng.randint(0, 300), end)
            log.append(Event(t2, EventKind.CALL_ENDED, u, s, call, "Sales"))
        else:
            for u, s in ringing:
                log.append(
                    Event(t1, EventKind.CALL_NOT_ANSWERED, u, s, call, "Sales", detail="abandoned")
                )
            log.append(Event(t1, EventKind.CALL_ABANDONED, call=call, group="Sales"))
    log.sort(key=lambda e: e.time)
    mode = HuntMode.GROUP if group_mode else HuntMode.LINEAR
    scenario = Scenario(agents=people, hunt_mode=mode, hours=hours)
    return Shift(scenario, tuple(staff), tuple(stations), tuple(log), end=end)


days = st.builds(
    random_day,
    rng=st.randoms(use_true_random=False),
    people=st.integers(1, 5),
    calls=st.integers(0, 25),
    hours=st.sampled_from([0.25, 1.0]),
    group_mode=st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(days)
def test_every_call_counts_exactly_once_in_the_truth(shift):
    truth = true_report(shift)
    assert sum(a.answered for a in truth.agents) + truth.group.abandoned == truth.group.calls
    assert sum(a.answered for a in truth.agents) == truth.group.answered


@settings(max_examples=100, deadline=None)
@given(days)
def test_ccc_also_credits_each_answered_call_to_one_user(shift):
    ccc = ccc_report(shift)
    assert sum(a.answered for a in ccc.agents) == ccc.group.answered


@settings(max_examples=100, deadline=None)
@given(days, st.floats(0.0, 1.0))
def test_at_any_moment_truth_never_counts_more_presented_than_ccc_rang(shift, share):
    at = share * shift.end
    ccc, truth = ccc_report(shift, at), true_report(shift, at)
    assert sum(a.presented for a in truth.agents) <= sum(a.presented for a in ccc.agents)
    for a in truth.agents:  # a call still ringing at ``at`` is presented, not yet settled
        assert a.presented >= a.answered + a.not_answered + a.abandoned


@settings(max_examples=100, deadline=None)
@given(days)
def test_in_the_archived_truth_a_call_presented_was_answered_missed_or_abandoned(shift):
    for a in true_report(shift).agents:
        assert a.presented == a.answered + a.not_answered + a.abandoned


@settings(max_examples=60, deadline=None)
@given(days)
def test_every_agents_day_is_covered_both_ways(shift):
    for p in shift.people:
        for source in ("true", "reported"):
            assert_covers_the_day(agent_states(shift, p.name, source), shift.end)


@settings(max_examples=100, deadline=None)
@given(days, st.sampled_from([None, 0.3, 0.7]))
def test_every_difference_is_explained_by_a_desk_a_logon_or_group_mode(shift, share):
    at = None if share is None else share * shift.end
    for row in accuracy(shift, at):
        assert (abs(row.error) < 1e-9) == (row.explanation == "Reported as it happened.")
        assert "does not trace" not in row.explanation
        assert row.explanation.endswith(".")
        assert row.explanation[0].isupper()
