"""The event log, byte for byte: the call engine's record to keep through a rebuild.

Issue 13 rebuilds the call distributor and the simulator for speed. What they must keep is
what they write: the one event log, as ``Shift.queue_log`` gives it
(``time|call|group|user|station|person|event|detail``, a line an event). Each case below is
a seeded day, or a scripted session on a trainee's System, chosen to go through one part of
the engine: No Answer moving a call on, queueing, callers abandoning, breaks, hot desks and
later shifts, non-logon agents, every hunt mode, and Merge with calls ringing, waiting and
connected. Its log is kept in ``tests/golden/NAME.log.gz`` and must come out the same, byte
for byte, in a fresh process with its own string hashing.

A change that means to change a log writes the files again and says why in its commit::

    .venv/bin/python tests/test_golden_logs.py --write

and the test names the first line that differs, with the lines around it.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import ipo_core as ipo
from ipo_core.callcentre.scenario import Scenario
from ipo_core.switch.events import log_text

GOLDEN = Path(__file__).resolve().parent / "golden"

#: Seeded days, each small enough to keep (a few thousand events) and each through one part.
DAYS: dict[str, Scenario] = {
    # A busy Linear day: queueing, callers who give up, and the end of the shift.
    "linear_busy": Scenario(agents=6, hours=2.0, calls_per_hour=110, patience=60.0, seed=11),
    # Group rings every free member; half the agents are not logon agents.
    "group_half_logon": Scenario(
        agents=8, hunt_mode=ipo.HuntMode.GROUP, hours=2.0, logon_share=0.5, seed=12
    ),
    # Circular with desk sharing: hot desks, and a second shift at the same desks.
    "circular_hot_desks": Scenario(
        agents=8,
        hunt_mode=ipo.HuntMode.CIRCULAR,
        hours=3.0,
        hot_desk_share=0.5,
        shifts=2,
        calls_per_hour=90,
        seed=13,
    ),
    # Most Idle, slow to answer: No Answer Time moves calls on, callers abandon ringing.
    "most_idle_no_answer": Scenario(
        agents=5,
        hunt_mode=ipo.HuntMode.MOST_IDLE,
        hours=1.5,
        answer_delay=(4.0, 14.0),
        no_answer_time=6,
        patience=25.0,
        calls_per_hour=70,
        seed=14,
    ),
    # Calls by the hour, a lunch break for everyone, wrap-up and a long handle time.
    "linear_by_hour": Scenario(
        agents=5,
        hours=3.0,
        arrivals_by_hour=(40.0, 90.0, 20.0),
        breaks=((3600.0, 900.0),),
        handle_time=300.0,
        wrap_up_time=20,
        seed=15,
    ),
}


def merge(system: ipo.System, edit: Callable[[ipo.Config], object]) -> None:
    draft = system.receive_config()
    edit(draft)
    system.merge(draft)


def trainee_session() -> str:
    """A trainee's System on the workshop floor, driven call by call through its public API."""
    system = ipo.System(ipo.load_site("workshop_floor"))
    for station, extension, code in [
        ("3000", "3000", "1234"),
        ("3001", "3001", "5678"),
        ("3004", "3004", "4321"),
        ("3006", "3006", "2468"),
    ]:
        system.log_in(station, extension, code)
    # Sales is Group: every free member rings; the first to answer takes it.
    first = system.incoming_call("Sales", caller="01632 960001")
    system.advance(3)
    system.answer_call(first, "3001")
    # Support is Linear: 3004 lets it ring past No Answer Time, so it moves on down the list.
    second = system.incoming_call("Support")
    system.advance(16)
    system.answer_call(second, second.alerting[0])
    # Everyone in Support busy or ringing: the next calls wait, and one caller gives up.
    third = system.incoming_call("Support")
    waiting = system.incoming_call("Support")
    system.advance(5)
    system.abandon_call(waiting)
    system.answer_call(third, third.alerting[0])
    # A hot desk: 3007 logs on at 3002's desk while a Sales call rings there.
    ringing = system.incoming_call("Sales")
    system.log_in("3002", "3007", "1357")
    system.advance(2)
    system.answer_call(ringing, ringing.alerting[-1])
    # Merge with calls connected and one waiting: Support becomes Most Idle and loses 3004,
    # Sales gains 3007; 3006's handset is changed while a call rings there (it restarts and
    # rings again), and 3000's while it is on a call (the restart ends the call).
    queued = system.incoming_call("Support")
    merge(
        system,
        lambda d: (
            setattr(d.hunt_group("Support"), "mode", ipo.HuntMode.MOST_IDLE),
            setattr(d.hunt_group("Support"), "members", ("3005", "3006", "3007")),
            setattr(d.hunt_group("Sales"), "members", ("3000", "3001", "3002", "3003", "3007")),
            d.set_extension_model("3006", "6416D+"),
            d.set_extension_model("3000", "6416D+"),
        ),
    )
    system.advance(20)
    for call in system.calls:
        if call.state == "connected":
            system.end_call(call)
    system.advance(30)
    if queued.state != "ended":
        system.end_call(queued) if queued.state == "connected" else system.abandon_call(queued)
    # DND: 3000 will not be offered the next Sales call; logging off leaves NoUser.
    system.set_dnd("3000", True)
    last = system.incoming_call("Sales")
    system.advance(4)
    system.answer_call(last, last.alerting[0])
    system.advance(60)
    system.end_call(last)
    system.log_out("3001")
    system.advance(10)
    return log_text(system.events)


#: Every case: its name and what writes its log.
CASES: dict[str, Callable[[], str]] = {
    **{name: (lambda sc=sc: ipo.simulate(sc).queue_log()) for name, sc in DAYS.items()},
    "trainee_session": trainee_session,
}


def golden(name: str) -> str:
    return gzip.decompress((GOLDEN / f"{name}.log.gz").read_bytes()).decode("utf-8")


def first_difference(kept: str, now: str) -> str:
    """Where ``now`` first differs from ``kept``: the line number, with three lines around it."""
    old, new = kept.splitlines(), now.splitlines()
    at = next(
        (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
        min(len(old), len(new)),
    )
    around = slice(max(0, at - 3), at + 3)
    return (
        f"line {at + 1} of {len(old)} kept, {len(new)} now\n"
        f"kept:\n  " + "\n  ".join(old[around]) + "\nnow:\n  " + "\n  ".join(new[around])
    )


@pytest.mark.parametrize("name", CASES)
def test_the_log_is_the_one_kept_byte_for_byte(name: str) -> None:
    now = CASES[name]()
    kept = golden(name)
    assert now == kept, f"{name}: the log changed at {first_difference(kept, now)}"


def test_each_case_goes_through_the_part_of_the_engine_it_is_for() -> None:
    rows = {name: [row.split("|") for row in golden(name).splitlines()] for name in CASES}

    def has(name: str, event: str, detail: str | None = None) -> bool:
        return any(r[6] == event and detail in (None, r[7]) for r in rows[name])

    assert has("linear_busy", "queued")
    assert has("linear_busy", "abandoned")
    assert has("most_idle_no_answer", "not answered", "no answer")
    assert has("linear_by_hour", "left desk")
    assert has("linear_by_hour", "seated")
    assert has("circular_hot_desks", "logon")
    assert has("circular_hot_desks", "left desk")
    assert has("group_half_logon", "logon", "boot")  # non-logon agents, logged on at boot
    assert has("trainee_session", "merge")
    assert has("trainee_session", "logoff", "displaced by 3007")
    assert has("trainee_session", "dnd on")
    assert has("trainee_session", "ended", "phone restarted at Merge")
    assert all(len(rows[name]) > 500 for name in DAYS)


def test_a_fresh_process_with_other_string_hashing_writes_the_same_logs() -> None:
    # The same seed gives the same text in any process: no order drawn from a set of strings.
    code = (
        "import sys, hashlib; sys.path.insert(0, 'tests'); import test_golden_logs as g; "
        "print(' '.join(hashlib.sha256(f().encode()).hexdigest() for f in g.CASES.values()))"
    )
    root = GOLDEN.parent.parent
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr[-2000:]
        digests.add(done.stdout.strip())
    assert len(digests) == 1


def write() -> None:
    """Write every case's log as it comes out now (``--write``)."""
    GOLDEN.mkdir(exist_ok=True)
    for name, run in CASES.items():
        text = run()
        # mtime=0: the same log gives the same file, so an unchanged log leaves git clean.
        (GOLDEN / f"{name}.log.gz").write_bytes(gzip.compress(text.encode(), 9, mtime=0))
        print(f"wrote tests/golden/{name}.log.gz: {len(text.splitlines()):,} events")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit("usage: python tests/test_golden_logs.py --write")
    write()
