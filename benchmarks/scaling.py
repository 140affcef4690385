"""How the kit's site handling grows with the size of a site (``make bench`` section ``scaling``).

A site of N users is what a large call centre would hand the kit: every user a Force Login
agent with a login code, a station of their own with a 4612 on it, and the agents shared
among a few hunt groups.  Its site file text is written here, straight from N (so building
it costs the benchmark nothing the kit does), and four steps of the kit are timed on it,
each through its public function only:

- load: ``Config.load`` of the site file;
- validate: ``Config.validate()`` (what Manager checks at Merge, rule R2);
- boot: ``System(config)`` (rule R4: every Force Login station shows NoUser);
- audit: ``audit(config)`` (the readiness audit, rule R3): one finding per agent, since six
  digits are more than the four CCC's advice allows an agent's extension.

The table gives the seconds of each step, their total, and the growth between one size and
the one before it: the ratio of the totals divided by the ratio of the sizes, so about 1
means linear and about 5 (for the step from 10,000 to 50,000) means quadratic.  The target:
a site of 50,000 users loads, validates, boots and audits in under 10 s in all.  A size
whose total passes ``GIVE_UP_SECONDS`` ends the run: the larger ones would take too long.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ipo_core.site.audit import audit
from ipo_core.site.config import Config
from ipo_core.switch.system import System

#: Users in each site measured, smallest first.
SIZES = (500, 1_000, 5_000, 10_000, 50_000)
#: Hunt groups the agents are shared among (each agent in one).
GROUPS = 4
#: The largest site must load, validate, boot and audit in this many seconds in all.
TARGET_USERS, TARGET_SECONDS = 50_000, 10.0
#: A size whose total takes longer than this ends the run.
GIVE_UP_SECONDS = 120.0
FIRST_EXTENSION = 100_000  # six digits: room for 50,000 users and more


def site_text(users: int) -> str:
    """The site file of ``users`` Force Login agents, a station each, in ``GROUPS`` groups."""
    out = ["# A generated site: benchmarks/scaling.py", "", "[system]", "short_codes = []"]
    extensions = [str(FIRST_EXTENSION + i) for i in range(users)]
    for extension in extensions:
        out += ["", "[[extension]]", f'base_extension = "{extension}"', 'model = "4612"']
    for i, extension in enumerate(extensions):
        out += [
            "",
            "[[user]]",
            f'name = "Agent{i}"',
            f'extension = "{extension}"',
            "force_login = true",
            f'login_code = "{1000 + i % 9000}"',
            "wrap_up_time = 2",
            "short_codes = []",
            "buttons = {}",
        ]
    for g in range(GROUPS):
        members = ", ".join(f'"{e}"' for e in extensions[g::GROUPS])
        out += [
            "",
            "[[hunt_group]]",
            f'name = "Group{g}"',
            f'extension = "{200 + g}"',
            'mode = "Linear"',
            f"members = [{members}]",
            "no_answer_time = 15",
            "queuing = true",
        ]
    return "\n".join(out) + "\n"


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    """Wall-clock seconds of one ``run()``, and what it returned (garbage of the step before
    collected first, as ``run.best_of`` does)."""
    gc.collect()
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def measure(users: int, folder: Path) -> dict[str, float]:
    """Seconds of each step on a site of ``users`` users (its file written into ``folder``)."""
    path = folder / f"site_{users}.toml"
    path.write_text(site_text(users), encoding="utf-8")
    seconds: dict[str, float] = {}
    seconds["load"], config = timed(lambda: Config.load(path))
    seconds["validate"], problems = timed(config.validate)
    if problems:
        raise SystemExit(f"The generated site of {users:,} users is refused: {problems[0]}")
    seconds["boot"], _ = timed(lambda: System(config))
    seconds["audit"], findings = timed(lambda: audit(config))
    # One finding per agent, and only that: 50,000 agents cannot all have extensions of at
    # most 4 digits, as CCC's advice asks, so the audit names every one of them.
    others = [f for f in findings if "-digit extension" not in f.problem]
    if others or len(findings) != users:
        shown = others[0] if others else f"{len(findings):,} findings"
        raise SystemExit(f"The generated site of {users:,} users has other findings: {shown}")
    return seconds


STEPS = ("load", "validate", "boot", "audit")


def scaling(args: argparse.Namespace) -> None:
    """Print the table: seconds of each step and in all, and the growth, for every size."""
    print(
        f"Scaling: sites of {SIZES[0]:,} to {SIZES[-1]:,} Force Login agents, a station each, "
        f"{GROUPS} hunt groups; one run of each size; growth = time ratio / size ratio "
        "(about 1 is linear)."
    )
    print(
        f"{'users':>7} " + " ".join(f"{s + ' s':>10}" for s in STEPS) + f" {'total s':>9}  growth"
    )
    totals: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        previous: tuple[int, float] | None = None
        for users in SIZES:
            seconds = measure(users, Path(folder))
            total = totals[users] = sum(seconds.values())
            growth = (
                "" if previous is None else f"{(total / previous[1]) / (users / previous[0]):.2f}"
            )
            print(
                f"{users:>7,} "
                + " ".join(f"{seconds[s]:>10.3f}" for s in STEPS)
                + f" {total:>9.3f}  {growth:>6}"
            )
            previous = (users, total)
            if total > GIVE_UP_SECONDS and users != SIZES[-1]:
                print(f"{'':>7} stopped: {total:.0f} s is more than {GIVE_UP_SECONDS:g} s a size.")
                break
    took = totals.get(TARGET_USERS)
    if took is not None:
        # The peer in the same run: Python's own TOML parser reading the same file, which
        # the load step includes, so a busy machine shows in both figures alike.
        text = site_text(TARGET_USERS)
        parse, _ = timed(lambda: tomllib.loads(text))
        print(
            f"Python's own TOML parser (tomllib) alone on the {TARGET_USERS:,}-user file: "
            f"{parse:.2f} s, {parse / took:.0%} of the total; the kit's own work {took - parse:.2f} s"
        )
    shown = "not reached" if took is None else f"{took:.2f} s"
    passed = took is not None and took < TARGET_SECONDS
    print(
        f"Target: {TARGET_USERS:,} users loaded, validated, booted and audited in under "
        f"{TARGET_SECONDS:g} s: {shown}  {'PASS' if passed else 'FAIL  <<<'}"
    )
