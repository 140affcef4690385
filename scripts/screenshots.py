"""Screenshots of the handset in Voila and in JupyterLab for the README (``make screenshots``).

Starts ``ipo-trainer app --all`` and ``ipo-trainer lab`` as the ``browser`` benchmark does
(loopback, a known token, a throw-away trainer folder: ``benchmarks/front_ends.py``),
opens the same pages in headless Chromium, logs agent 3000 on at the first handset by
clicking ``*35*3000*1234#`` on its keys, and saves the window with the phone in it:

    docs/img/handset-voila.png   the lesson 02_logon_three_ways as a page in Voila
    docs/img/handset-lab.png     a notebook drawing widgets.Handset, run in JupyterLab

Needs Debian's Chromium at /usr/bin/chromium and Playwright (the test extras).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import front_ends  # noqa: E402 - found through the path above

OUT = ROOT / "docs" / "img"
#: The window: wide enough for Lab's file browser beside the phone.
VIEWPORT = (1200, 860)
#: What is dialled before each picture: the default logon short code for agent 3000.
LOGON = "*35*3000*1234#"


def _log_on(page: Any, phone: Any) -> None:
    """Click ``LOGON`` on the phone's keys, each once its display has answered the last."""
    lines = phone.locator(".ipo-lcd-line")
    for key in LOGON:
        before = lines.all_inner_texts()
        phone.locator("button.ipo-dial", has_text=key).click()
        page.wait_for_function(
            """([phone, before]) => JSON.stringify(Array.from(
                 phone.querySelectorAll('.ipo-lcd-line'), (l) => l.innerText)) !== before""",
            arg=[phone.element_handle(), json.dumps(before)],
            timeout=20_000,
        )
    page.wait_for_timeout(1000)  # the softkeys, buttons and any message below redrawn too


def main() -> int:
    if not Path(front_ends.CHROMIUM).exists():
        print(f"No Chromium at {front_ends.CHROMIUM}: apt-get install chromium", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    shots = (
        ("handset-voila.png", front_ends.open_voila, 0),
        ("handset-lab.png", front_ends.open_lab, 1),
    )
    with front_ends.front_ends() as servers, front_ends.chromium(VIEWPORT) as context:
        for name, opener, which in shots:
            page = context.new_page()
            try:
                phone = opener(page, servers[which])
                _log_on(page, phone)
                if which == 0:  # the lesson page: the phone with the exercise's text above it
                    phone.evaluate("(el) => el.scrollIntoView({block: 'center'})")
                    page.wait_for_timeout(300)
                page.mouse.move(0, 0)  # no hover highlight on a key
                page.evaluate("() => document.activeElement?.blur()")  # nor a focus ring
                page.screenshot(path=str(OUT / name))
                print(f"wrote {(OUT / name).relative_to(ROOT)}")
            finally:
                page.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
