"""The agents' quick reference card, written by running the model itself.

Every line on the card comes from ``ipo_core``: the steps are the exercises' own
(the tech tip's words, each key named as printed on the station's model: "the Right arrow
once (marked Next on this phone)" on a 4612), and each display is what the model's phone shows after
the steps are carried out on the tip's example site.  If the model changes, the
card changes with it; it cannot drift.

>>> card = quick_reference()
>>> "*35*3000*1234#" in card and "NoUser" in card and "Logged off" in card
True
"""

from __future__ import annotations

import html

from ipo_core.config import Config
from ipo_core.procedures import Checker, Method, Procedure
from ipo_core.shortcodes import DEFAULT_SYSTEM_SHORT_CODES
from ipo_core.sites import load_site
from ipo_core.system import System

__all__ = ["PHONE_METHODS", "quick_reference"]

#: The tip's three ways on and three ways off, in its order.
PHONE_METHODS = (
    Method.LOGON_SHORT_CODE,
    Method.LOGON_STAR_35,
    Method.LOGON_MENU,
    Method.LOGOFF_BUTTON,
    Method.LOGOFF_STAR_36,
    Method.LOGOFF_MENU,
)

_CSS = """
body { font: 11pt/1.35 system-ui, sans-serif; margin: 1.5cm; color: #111; }
h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 12pt; margin: 12pt 0 4pt; }
.card { display: grid; grid-template-columns: 1fr 1fr; gap: 8pt 18pt; }
.method { border: 1px solid #999; border-radius: 6px; padding: 6pt 9pt; break-inside: avoid; }
.method h3 { font-size: 11pt; margin: 0 0 3pt; }
ol { margin: 0 0 4pt 16pt; padding: 0; }
.lcd { font: 10pt/1.2 monospace; background: #c9dca5; border: 2px solid #333;
       padding: 2pt 5pt; white-space: pre; display: inline-block; }
.note { font-size: 9pt; color: #444; }
table { border-collapse: collapse; font-size: 10pt; } td, th { border: 1px solid #bbb; padding: 2pt 6pt; }
@media print { body { margin: 1cm; } }
"""


def _carried_out(method: Method, site: Config, station: str) -> tuple[Procedure, str]:
    """The procedure, and the display its last step leaves on the phone."""
    system = System(site)
    procedure = Procedure.for_site(method, site, station=station)
    procedure.prepare(system)
    checker = Checker(procedure, system)
    for action in procedure.script:
        checker.perform(action)
    lines = system.phone(station).screen.lines
    width = system.phone(station).handset.display_width
    return procedure, "\n".join(line.ljust(width) for line in lines)


def quick_reference(site: Config | None = None, station: str = "3000") -> str:
    """The card as a printable HTML page, for ``site`` (default: the tech tip's)."""
    site = site if site is not None else load_site("tech_tip_014")
    blocks = []
    for method in PHONE_METHODS:
        procedure, display = _carried_out(method, site, station)
        steps = "".join(f"<li>{html.escape(step.text)}</li>" for step in procedure.steps)
        missing = procedure.unavailable_on("4606")
        note = f'<div class="note">{html.escape(missing)}</div>' if missing else ""
        blocks.append(
            f'<div class="method"><h3>{html.escape(method.title)}</h3><ol>{steps}</ol>'
            f'<div class="note">The display then shows:</div><div class="lcd">'
            f"{html.escape(display)}</div>{note}</div>"
        )
    codes = "".join(
        f"<tr><td><code>{html.escape(sc.code)}</code></td><td>{html.escape(sc.feature.value)}</td>"
        f"<td>{'yes' if sc.feature.is_modelled else 'shown as not in the kit'}</td></tr>"
        for sc in DEFAULT_SYSTEM_SHORT_CODES
    )
    glossary = "".join(
        f"<tr><td><span class='lcd'>{html.escape(text)}</span></td><td>{html.escape(meaning)}</td></tr>"
        for text, meaning in _display_words(site, station)
    )
    user = site.user(station)
    model = site.extension(station).model  # the steps name its keys as printed (procedures.py)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>Logon and logoff: quick reference</title><style>{_CSS}</style></head><body>"
        f"<h1>Logging on and off an IP Office phone</h1><p class='note'>Avaya Technical Tip 014, "
        f"for {html.escape(user.label)} at station {html.escape(station)}, a "
        f"{html.escape(model)}: the keys are named as printed on it. Use your own extension "
        "and login code.</p>"
        f"<div class='card'>{''.join(blocks)}</div>"
        f"<h2>What the display tells you</h2><table>{glossary}</table>"
        f"<h2>Default short codes</h2><table><tr><th>dial</th><th>feature</th><th>in the kit</th></tr>{codes}</table>"
        "</body></html>"
    )


def _display_words(site: Config, station: str) -> list[tuple[str, str]]:
    """Each display word an agent meets, as the model's phone shows it."""
    user = site.user(station)
    system = System(site)
    phone = system.phone(station)
    words = []
    idle = phone.screen.lines[0].split()[0]
    if idle == "NoUser":
        words.append((idle, "Nobody is logged on at this phone: it receives no calls."))
    length = max(4, len(user.login_code))
    wrong = ("8" if user.login_code == "9" * length else "9") * length  # never the real code
    words.append(
        (
            phone.dial(f"*35*{user.extension}*{wrong}#").lines[1],
            "Wrong extension or login code. After 4 wrong tries the phone refuses every login for 90 s.",
        )
    )
    words.append((phone.dial("*999").lines[1], "The number matches nothing you can dial."))
    return words
