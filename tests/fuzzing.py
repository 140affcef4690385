"""Shared pieces of the fuzz suite: its two sizes, the values of the wrong kind, and counting.

The fuzz tests (``tests/test_fuzz_*.py``) run in two sizes, chosen by the ``IPO_FUZZ``
environment variable:

* ``modest`` (the default, what ``make test`` runs): a few dozen examples each, all three
  files in well under a minute;
* ``thorough`` (``make fuzz``): at least 4,000 state-machine actions on the running switch and
  a few thousand site files and scenarios; each file counts what it ran, prints the totals at
  the end, and fails if it ran fewer than it promises.

Both are derandomized and keep no example database, so a run is the same on every machine and
writes nothing into the checkout (CI reproduces a failure from the test's name alone).
"""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Callable

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, Phase, settings

import ipo_core as ipo

__all__ = [
    "COUNTS",
    "MODELS",
    "PROFILE",
    "THOROUGH",
    "fuzz_settings",
    "report_counts",
    "wrong_kinds",
]

_PROFILES = ("modest", "thorough")
PROFILE = os.environ.get("IPO_FUZZ", "modest").strip().lower() or "modest"
if PROFILE not in _PROFILES:
    raise ValueError(f"IPO_FUZZ={PROFILE!r}: use one of {', '.join(_PROFILES)}.")
THOROUGH = PROFILE == "thorough"

#: Shrinking a failure to its smallest form can take Hypothesis minutes, so it is off unless
#: ``IPO_FUZZ_SHRINK=1``: a failure is reported as found, each step listed.
_PHASES = tuple(p for p in Phase if p != Phase.shrink or os.environ.get("IPO_FUZZ_SHRINK") == "1")

#: What each fuzz file ran in this process, by name ("switch actions", "site files" ...).
COUNTS: Counter[str] = Counter()

#: Every handset model the kit knows, in a fixed order.
MODELS = tuple(sorted(ipo.HANDSET_MODELS))


def fuzz_settings(modest: int, thorough: int, **changes: object) -> settings:
    """Settings for one fuzz test: ``modest`` or ``thorough`` examples, reproducible, no database."""
    return settings(
        max_examples=thorough if THOROUGH else modest,
        phases=_PHASES,
        derandomize=True,
        database=None,
        deadline=None,
        print_blob=False,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
        **changes,  # type: ignore[arg-type]
    )


def report_counts(request: pytest.FixtureRequest, minimums: dict[str, int]) -> None:
    """Print what this file's fuzzers ran; under ``thorough``, fail if it is below ``minimums``."""
    plugins = request.config.pluginmanager
    reporter = plugins.get_plugin("terminalreporter")
    capture = plugins.get_plugin("capturemanager")
    line = f"fuzz ({PROFILE}): " + ", ".join(f"{COUNTS[name]:,} {name}" for name in minimums)
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():  # shown on a passing run too
            reporter.write_line("")
            reporter.write_line(line)
    else:  # pragma: no cover - pytest always has both unless run with -p no:terminal
        print(line)
    if THOROUGH:
        short = {n: (COUNTS[n], m) for n, m in minimums.items() if COUNTS[n] < m}
        assert not short, f"make fuzz promises more than it ran (ran, promised): {short}"


@st.composite
def _huge_int(draw: st.DrawFn) -> int:
    return draw(st.sampled_from([1, -1])) * 10 ** draw(st.integers(19, 5000))


class _Long:
    """An object whose repr is 1,000 characters (a message must cut it, quoting.py)."""

    def __repr__(self) -> str:
        return "<Long " + "x" * 1_000 + ">"


#: Digits that are not ASCII digits: str.isdigit() says yes to all of them.
NON_ASCII_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳०१२३४५६७८९０１２３４５６７８９²³¹"


def wrong_kinds() -> st.SearchStrategy[object]:
    """Values of the wrong kind for any field or argument: None, numbers, containers, junk text."""
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**6), 10**6),
        _huge_int(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from([math.nan, math.inf, -math.inf, -0.0, 1e308, 5e-324]),
        st.lists(st.integers(0, 9), max_size=3),
        st.tuples(st.text(max_size=3)),
        st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
        st.binary(max_size=5),
        st.text(alphabet=NON_ASCII_DIGITS, min_size=1, max_size=6),
        st.text(max_size=8),
        st.just("9" * 5000),
        st.builds(_Long),
        st.just(object()),
    )


#: A message quotes at most ~100 characters of a value (quoting.py); this leaves room for
#: the words around it and a list of what is known (stations, keys).
LONGEST_MESSAGE = 600


def check_message(error: ipo.IpoError) -> None:
    """``error`` can be shown, and quotes no value at length (each problem of a ConfigError)."""
    parts = error.problems if isinstance(error, ipo.ConfigError) else (error,)
    for part in parts:
        text = str(part)
        assert len(text) <= LONGEST_MESSAGE, f"a message quotes at length: {text[:300]} ..."


def never_anything_but_ipo_errors(action: Callable[[], object]) -> ipo.IpoError | None:
    """Run ``action``; return the IpoError it raised (None if none).  Anything else propagates."""
    try:
        action()
    except ipo.IpoError as error:
        check_message(error)
        return error
    return None
