"""Work on many new objects at once: a site file of 50,000 users, a simulated day.

Python's cyclic garbage collector runs each time enough new container objects have piled
up, and a full collection scans every object alive.  Loading a large site or playing a day
makes hundreds of thousands of records with no reference cycles among them, so the
collector would only scan them again and again as they pile up: at 50,000 users it costs
more than the work itself.  Such work runs with the collector paused; reference counting
still frees everything at once, and the collector resumes as it was afterwards.

>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block; it resumes as it was, even on error."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
