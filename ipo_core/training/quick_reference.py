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
from collections.abc import Callable

from ipo_core.errors import ConfigError
from ipo_core.masking import mask_text
from ipo_core.site.config import Config
from ipo_core.site.examples import load_site
from ipo_core.site.handsets import HANDSET_MODELS, handset_model
from ipo_core.site.shortcodes import DEFAULT_SYSTEM_SHORT_CODES, Feature
from ipo_core.site.users import User
from ipo_core.switch.system import System
from ipo_core.training.actions import Method
from ipo_core.training.checker import Checker
from ipo_core.training.exercises import Procedure

__all__ = [
    "CODE_FIELD",
    "PHONE_METHODS",
    "agent_card",
    "card_agents",
    "no_menu_models",
    "quick_reference",
]

#: The tip's three ways on and three ways off, in its order.
PHONE_METHODS = (
    Method.LOGON_SHORT_CODE,
    Method.LOGON_STAR_35,
    Method.LOGON_MENU,
    Method.LOGOFF_BUTTON,
    Method.LOGOFF_STAR_36,
    Method.LOGOFF_MENU,
)

#: The card's word for a default code the kit accepts but does not carry out (phone.py).
_NOT_MODELLED = "accepted (confirmation tone), not modelled"

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


def _carried_out(
    method: Method, site: Config, station: str, extension: str | None = None
) -> tuple[Procedure, str]:
    """The procedure, and the display its last step leaves on the phone."""
    system = System(site)
    procedure = Procedure.for_site(method, site, station=station, extension=extension)
    procedure.prepare(system)
    checker = Checker(procedure, system)
    for action in procedure.script:
        checker.perform(action)
    return procedure, _screen_text(system, station)


def _screen_text(system: System, station: str) -> str:
    """The display of the phone at ``station``, each line padded to the display's width."""
    phone = system.phone(station)
    width = phone.handset.display_width
    return "\n".join(line.ljust(width) for line in phone.screen.lines)


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
        f"<td>{html.escape(sc.feature.function)}</td>"
        f"<td>{'yes' if sc.feature.is_modelled else _NOT_MODELLED}</td></tr>"
        for sc in DEFAULT_SYSTEM_SHORT_CODES
    )
    glossary = _glossary(site, station)
    user = site.user(station)
    model = site.extension(station).model  # the steps name its keys as printed (exercises.py)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>Logon and logoff: quick reference</title><style>{_CSS}</style></head><body>"
        f"<h1>Logging on and off an IP Office phone</h1><p class='note'>Avaya Technical Tip 014, "
        f"for {html.escape(user.label)} at station {html.escape(station)}, a "
        f"{html.escape(model)}: the keys are named as printed on it. Use your own extension "
        "and login code.</p>"
        f"<div class='card'>{''.join(blocks)}</div>"
        f"<h2>What the display tells you</h2><table>{glossary}</table>"
        "<h2>Default short codes</h2><table><tr><th>dial</th><th>feature</th><th>what it does</th>"
        f"<th>in the kit</th></tr>{codes}</table>"
        "</body></html>"
    )


def _glossary(site: Config, station: str) -> str:
    """The table rows of the display words: the word as the phone shows it, and its meaning."""
    return "".join(
        f"<tr><td><span class='lcd'>{html.escape(text)}</span></td><td>{html.escape(meaning)}</td></tr>"
        for text, meaning in _display_words(site, station)
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


# --- one card per agent ---------------------------------------------------------------------

#: What stands for the login code on a card printed without it: a blank to write in.
CODE_FIELD = "____________"

_CARD_CSS = """
body { font: 10pt/1.3 "DejaVu Sans", system-ui, sans-serif; margin: 0; color: #111; }
h1 { font-size: 15pt; margin: 0 0 3pt; } h2 { font-size: 12pt; margin: 8pt 0 3pt; }
p { margin: 2pt 0; } .code { font-size: 11pt; margin: 5pt 0; }
.ways { display: grid; grid-template-columns: 1fr 1fr; gap: 0 14pt; }
.way { border: 1px solid #999; border-radius: 5px; padding: 4pt 7pt; margin: 0 0 5pt;
       break-inside: avoid; }
.way h3 { font-size: 10.5pt; margin: 0 0 2pt; }
ol { margin: 0 0 3pt 14pt; padding: 0; }
.lcd { font: 9pt/1.2 "DejaVu Sans Mono", monospace; background: #c9dca5; border: 2px solid #333;
       padding: 1pt 4pt; white-space: pre; display: inline-block; }
.note { font-size: 8.5pt; color: #444; }
table { border-collapse: collapse; font-size: 9pt; } td { border: 1px solid #bbb; padding: 1pt 5pt; }
"""


def card_agents(site: Config) -> tuple[User, ...]:
    """The users of ``site`` who log on and off (Force Login and a login code): one card each."""
    return tuple(u for u in site.users if u.force_login and u.login_code)


def no_menu_models() -> str:
    """The sentence every card carries: the models that lack the Menu method."""
    names = [m.name for m in HANDSET_MODELS.values() if not m.has_menu_keys]
    listed = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
    return (
        f"The {listed} have no Menu keys, so the Menu method does not work on them: "
        "log on with *35*Extn*Code# and off with *36."
    )


def agent_card(site: Config, agent: str, *, with_code: bool = False) -> str:
    """One agent's card as a printable HTML page: their own codes, buttons, steps and displays.

    ``agent`` is the user's name or extension.  The login code is printed only with
    ``with_code`` (the agent's own copy); otherwise a blank to write it in stands for it,
    and every step shows it masked (``ipo_core.masking``).

    >>> card = agent_card(load_site("tech_tip_014"), "Agent3000")
    >>> "Login code: ____________" in card and "*35*3000*••••#" in card and "1234" not in card
    True
    """
    user = site.user(agent)
    if user not in card_agents(site):
        raise ConfigError(
            [
                f"User {user.label} does not log on (Force Login and a Login Code), so there is "
                f"no card for them: give one of {', '.join(u.name for u in card_agents(site))}."
            ]
        )
    home = site.home_station(user.name)
    station = home.base_extension if home is not None else user.extension
    model = site.extension(station).model
    code = user.login_code

    def shown(text: str) -> str:
        return html.escape(text if with_code else mask_text(text, codes=[code]))

    logon, logoff = _own_ways(site, user.extension, station, shown)
    for method in PHONE_METHODS:
        if method in (Method.LOGON_SHORT_CODE, Method.LOGOFF_BUTTON):
            continue  # the site's own codes and buttons, above, are this agent's
        procedure = Procedure.for_site(method, site, station=station, extension=user.extension)
        missing = procedure.unavailable_on(model)
        if missing is not None:
            body = f"<p class='note'>{html.escape(missing)}</p>"
        else:
            _, display = _carried_out(method, site, station, user.extension)
            steps = "".join(f"<li>{shown(step.text)}</li>" for step in procedure.steps)
            body = f"<ol>{steps}</ol>{_display_block(display)}"
        block = f"<div class='way'><h3>{html.escape(method.title)}</h3>{body}</div>"
        (logon if method.is_logon else logoff).append(block)
    field = html.escape(code) if with_code else CODE_FIELD
    whose = (
        "yours alone: keep it to yourself"
        if with_code
        else "write your own here, and keep it to yourself"
    )
    glossary = _glossary(site, station)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(user.name)}: logging on and off</title><style>{_CARD_CSS}</style>"
        f"</head><body><h1>{html.escape(user.name)}: logging on and off</h1>"
        f"<p>Extension {html.escape(user.extension)} at station {html.escape(station)}, a "
        f"{html.escape(model)}: the keys are named as printed on it.</p>"
        f"<p class='code'>Login code: {field} ({whose})</p>"
        f"<div class='ways'><div><h2>Log on</h2>{''.join(logon)}</div>"
        f"<div><h2>Log off</h2>{''.join(logoff)}</div></div>"
        f"<p class='note'>{html.escape(no_menu_models())}</p>"
        f"<h2>What the display tells you</h2><table>{glossary}</table>"
        "<p class='note'>Avaya Technical Tip 014, Logon Users for CCC Reporting.</p>"
        "</body></html>"
    )


def _display_block(display: str) -> str:
    return (
        "<div class='note'>The display then shows:</div>"
        f"<div class='lcd'>{html.escape(display)}</div>"
    )


def _own_ways(
    site: Config, extension: str, station: str, shown: Callable[[str], str]
) -> tuple[list[str], list[str]]:
    """The site's own short codes and the agent's buttons that log them on or off, as blocks."""
    logon: list[str] = []
    logoff: list[str] = []
    user = site.user(extension)
    codes = [*site.short_codes, *user.short_codes]
    for sc in codes:
        if "N" in sc.code or sc.code == "*36":  # *35*N# and *36: the tip's methods, below
            continue
        if sc.feature is Feature.EXTN_LOGIN:
            system = _ready(site, extension, station, logged_on=False)
            system.phone(station).dial(sc.code)
            if system.location_of(extension) == station:
                text = shown(f"Dial {sc.code} to log on (short code {sc}).")
                logon.append(_way("Log on with your site's short code", text, system, station))
        elif sc.feature is Feature.EXTN_LOGOUT:
            system = _ready(site, extension, station, logged_on=True)
            system.phone(station).dial(sc.code)
            if system.location_of(extension) is None:
                text = shown(f"Dial {sc.code} to log off (short code {sc}).")
                logoff.append(_way("Log off with your site's short code", text, system, station))
    handset = handset_model(site.extension(station).model)
    menu = " or the Menu keys" if handset.has_menu_keys else ""
    count = handset.button_count
    for position, button in sorted(user.buttons.items()):
        if position > count:
            continue
        text = f"Press button {position} ({button}, labelled {button.label}) to "
        system = _ready(site, extension, station, logged_on=True)
        system.phone(station).press_button(position)
        if system.location_of(extension) is None:
            logoff.append(
                _way("Log off with your button", shown(text + "log off."), system, station)
            )
            continue
        system = _ready(site, extension, station, logged_on=False)
        system.phone(station).press_button(position)
        if system.location_of(extension) == station:
            logon.append(_way("Log on with your button", shown(text + "log on."), system, station))
    if not logon:
        logon.append(
            "<div class='way'><p class='note'>This site has no logon short code of your own: "
            f"use *35*Extn*Code#{menu}.</p></div>"
        )
    if not logoff:
        logoff.append(
            "<div class='way'><p class='note'>No logoff button is programmed for you: "
            f"use *36{menu}.</p></div>"
        )
    return logon, logoff


def _way(title: str, text: str, system: System, station: str) -> str:
    """A block of the card: what to do, and the display it leaves on the agent's phone."""
    return (
        f"<div class='way'><h3>{html.escape(title)}</h3><p>{text}</p>"
        f"{_display_block(_screen_text(system, station))}</div>"
    )


def _ready(site: Config, extension: str, station: str, *, logged_on: bool) -> System:
    """A running ``site`` with the agent logged on at ``station``, or logged off."""
    system = System(site)
    where = system.location_of(extension)
    if where is not None and (not logged_on or where != station):
        system.log_out(where)
    if logged_on and system.location_of(extension) is None:
        system.log_in(station, extension, system.user(extension).login_code)
    return system
