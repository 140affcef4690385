"""A handset key, clicked in a real browser, to the new display text (``make bench`` section).

``browser``: starts ``ipo-trainer app --all`` (Voila) and ``ipo-trainer lab`` (JupyterLab)
as a trainee does, on loopback ports of their own, with a known token and a throw-away
trainer folder, and drives headless Chromium (Debian's, ``/usr/bin/chromium``) with
Playwright.  In Voila the page is the lesson ``02_logon_three_ways`` (its first handset);
in JupyterLab a one-cell notebook that draws ``widgets.Handset`` for station 3000 of
``tech_tip_014``, run from Lab's Run menu.

The timing is taken in the page, not by Playwright: a script in the page finds the first
``.ipo-handset``, installs a MutationObserver on it, reads ``performance.now()`` and calls
``button.click()`` on a dial key; the observer reads ``performance.now()`` again at the
first mutation after which the text of the ``.ipo-lcd-line`` elements differs from what it
was before the click.  So one press is the whole round trip a trainee waits for: the
click's message to the kernel, ``ipo_core`` and the handset's ``_render`` there, the new
display's value back over the websocket, and the widget's redraw of the LCD.  The presses
are ``*35*`` then digits: the logon feature code that is never finished (no ``#``), so
every key appends to what the display shows (scrolling it once it is full) and every press
changes it.  ``PAUSE_MS`` pass between one press's display change and the next click (a
quick trainee's pace), so the rest of each redraw (the softkeys, the buttons) lands first.

Printed for each front end: the median and 90th-percentile press against the targets (30
and 60 ms), the fastest and slowest, and how many presses saw no change within
``MISS_SECONDS`` (none should).  The servers and pages are opened by
``tests/front_ends.py``, which the JupyterLab keyboard test and ``scripts/screenshots.py``
share.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # tests/servers.py starts the servers and knows Chromium

# Chromium's path and its flags, headless with no network but loopback, as the tests start it.
from front_ends import (  # noqa: E402 - found through the path above, beside servers.py
    CHROMIUM,
    chromium,
    front_ends,
    open_lab,
    open_voila,
)

#: Presses measured in each front end, and the targets for the median and 90th percentile.
PRESSES = 50
MEDIAN_TARGET_MS = 30.0
P90_TARGET_MS = 60.0
#: The keys pressed: the logon code never finished, so every key changes the display.
KEYS = ("*35*" + "1234567890" * 5)[:PRESSES]
#: Milliseconds between one press's display change and the next click: a quick trainee's
#: pace, about three keys a second.  Closer presses queue behind the last one's redraw (in
#: JupyterLab a press 50 ms after the last takes about 50 ms, one 400 ms after about 16 ms).
PAUSE_MS = 300
#: A press whose display has not changed after this many seconds is counted as missed.
MISS_SECONDS = 10.0
# The measurement, run in the page: async (keys, pauseMs, missMs) -> [ms or null per key].
PRESS_SCRIPT = """
async ([keys, pauseMs, missMs]) => {
  const phone = document.querySelector('.ipo-handset');
  const shown = () =>
    Array.from(phone.querySelectorAll('.ipo-lcd-line'), (line) => line.textContent).join('\\n');
  const key = (label) =>
    Array.from(phone.querySelectorAll('button.ipo-dial')).find(
      (button) => button.textContent.trim() === label);
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const times = [];
  for (const label of keys) {
    const button = key(label);
    if (!button) throw new Error(`no dial key ${label} on the first handset`);
    const before = shown();
    times.push(await new Promise((resolve) => {
      let start = 0;
      const observer = new MutationObserver(() => {
        if (shown() === before) return;
        const end = performance.now();
        observer.disconnect();
        clearTimeout(timer);
        resolve(end - start);
      });
      const timer = setTimeout(() => { observer.disconnect(); resolve(null); }, missMs);
      observer.observe(phone, {subtree: true, childList: true, characterData: true});
      start = performance.now();
      button.click();
    }));
    await sleep(pauseMs);
  }
  return times;
}
"""


def presses(page: Any) -> list[float | None]:
    """Milliseconds from each click to the display's change, measured in the page (None: missed)."""
    times: list[float | None] = page.evaluate(
        PRESS_SCRIPT, [list(KEYS), PAUSE_MS, MISS_SECONDS * 1000]
    )
    return times


def figures(times: list[float | None]) -> dict[str, float]:
    """Median, 90th percentile (nearest rank), fastest and slowest of the presses that landed."""
    landed = sorted(t for t in times if t is not None)
    if not landed:
        return {"median": float("nan"), "p90": float("nan"), "min": float("nan"),
                "max": float("nan"), "missed": len(times)}  # fmt: skip
    return {
        "median": statistics.median(landed),
        "p90": landed[int(0.9 * (len(landed) - 1))],
        "min": landed[0],
        "max": landed[-1],
        "missed": len(times) - len(landed),
    }


def measure() -> dict[str, dict[str, float] | str]:
    """The figures of ``PRESSES`` presses in Voila and in JupyterLab, each on a fresh page.

    A front end whose page fails (a widget that does not draw, say) gets the reason instead.
    """
    results: dict[str, dict[str, float] | str] = {}
    with front_ends() as (voila, lab), chromium() as context:
        for name, opener, server in (("Voila", open_voila, voila), ("JupyterLab", open_lab, lab)):
            page = context.new_page()
            try:
                opener(page, server)
                results[name] = figures(presses(page))
            except Exception as error:  # noqa: BLE001 - a benchmark says why and goes on
                results[name] = " ".join(str(error).split())[:300]
            finally:
                page.close()
    return results


def browser(_args: object) -> None:
    """The ``browser`` section: a handset key to the new display, in Voila and in JupyterLab."""
    print(
        f"Browser: a handset dial key clicked in headless Chromium to the new display text, "
        f"timed in the page (click to a MutationObserver seeing the LCD change), {PRESSES} "
        f"presses each, {PAUSE_MS} ms apart; targets: median under {MEDIAN_TARGET_MS:g} ms, 90th percentile under "
        f"{P90_TARGET_MS:g} ms."
    )
    if not os.path.exists(CHROMIUM):
        print(f"  skipped: no Chromium at {CHROMIUM} (apt-get install chromium)")
        return
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        print("  skipped: Playwright is missing (pip install -e '.[test]', as make does)")
        return
    start = time.perf_counter()
    results = measure()
    header = (
        f"{'front end':<11}{'median ms':>10}{'p90 ms':>8}{'min ms':>8}{'max ms':>8}"
        f"{'missed':>8}  target"
    )
    print(header)
    print("-" * len(header))
    for name, f in results.items():
        if isinstance(f, str):
            print(f"{name:<11}  not measured: {f}  FAIL  <<<")
            continue
        passed = f["missed"] == 0 and f["median"] < MEDIAN_TARGET_MS and f["p90"] < P90_TARGET_MS
        print(
            f"{name:<11}{f['median']:>10.1f}{f['p90']:>8.1f}{f['min']:>8.1f}{f['max']:>8.1f}"
            f"{int(f['missed']):>8}  {'PASS' if passed else 'FAIL  <<<'}"
        )
    print(f"(servers started, pages opened and measured in {time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    browser(None)
