"""The drawn phone in a real browser shows exactly what the model shows, and takes the keyboard.

A stock ipywidgets Button keeps its old text in the browser when its description is set
to '' (its view redraws only a non-empty description or icon), so a check in the kernel
alone cannot see a stale softkey label: these tests read the page.  Voila serves a page
of phones, one per method of the tech tip, started with the command line ``ipo-trainer
app`` builds (:func:`trainer.launch.app_command`); each phone's system is booted from the
tech tip's site and put where its method starts by :func:`desk`, which the test process
runs too.  After every step of every method, clicked on the page and replayed on the
test's own copy of the system, every display line, every softkey label (and no stale
text on a blank key), the labels on Menu, Exit and the arrow keys, and every programmable
button's label must match the model, no key may show its label shortened (a label wider
than its key is cut with an ellipsis by the browser, which a key's text does not tell), and
the status line under the phone must say what the key did.  A page of every handset model
of ``ipo_core.site.handsets``, each button programmed with a label of the longest length Manager
allows, shows every key whole on every model, on every Menu page and logon prompt.

The browser, Debian's Chromium, and its pages are the fixtures of ``browser.py``: under CI
a missing Chromium fails, elsewhere these tests are skipped.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from browser import PATIENCE, REDRAW, expect_lcd, playwright, type_at_the_logon_prompts
from browser import browser as browser
from browser import chromium_path as chromium_path
from browser import page as page
from servers import Running, free_port, serving

import ipo_core as ipo
from ipo_core.site.buttons import MAX_LABEL_LENGTH
from ipo_core.site.handsets import HANDSET_MODELS, MENU_KEYS
from ipo_core.switch.phone import SOFTKEY_LABELS
from trainer import launch

#: The phones on the page: the lesson's 4612 and 6416D+, each with every handset method.
STATIONS = {"4612": "3000", "6416D+": "3001"}
METHODS = [m for m in ipo.Method if not m.is_config]


def desk(method: ipo.Method, station: str) -> tuple[ipo.System, ipo.Procedure]:
    """A system booted from the tech tip's site, ready for ``method``'s phone steps."""
    site = ipo.load_site("tech_tip_014")
    system = ipo.System(site)
    procedure = ipo.Procedure.for_site(method, site, station=station)
    procedure.prepare(system)
    checker = ipo.Checker(procedure, system)
    for action in procedure.script:
        if action.kind == "config":  # Manager's steps (a short code, a button) and Merge
            checker.perform(action)
    return system, procedure


def write_page(path: Path, cells: list[str]) -> None:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, path)


def keys_page(folder: Path) -> None:
    """A page with the two phones of a freshly booted site, NoUser on each (Force Login)."""
    write_page(
        folder / "keys.ipynb",
        [
            "import ipo_core as ipo\nimport widgets\n\n"
            'system = ipo.System(ipo.load_site("tech_tip_014"))',
            *[f'widgets.Handset(system.phone("{station}"))' for station in STATIONS.values()],
        ],
    )


def phones_page(folder: Path) -> None:
    """A page with one phone per (model, method), in the order of STATIONS and METHODS."""
    cells = [
        "import ipo_core as ipo\nimport widgets\n\n" + textwrap.dedent(inspect.getsource(desk))
    ]
    for station in STATIONS.values():
        cells += [
            f'system, _ = desk(ipo.Method.{method.name}, "{station}")\n'
            f'widgets.Handset(system.phone("{station}"))'
            for method in METHODS
        ]
    write_page(folder / "phones.ipynb", cells)


def models_page(folder: Path) -> None:
    """A page with one phone of every handset model, each button labelled at Manager's longest.

    Station 4000 + n is the n-th model of HANDSET_MODELS, with a user of its own (not a logon
    agent, so the phone shows the user and a Menu at once).
    """
    write_page(
        folder / "models.ipynb",
        [
            "import ipo_core as ipo\nimport widgets\n\n"
            + textwrap.dedent(inspect.getsource(models))
            + "\nsystem = models()",
            *[f'widgets.Handset(system.phone("{4000 + n}"))' for n in range(len(HANDSET_MODELS))],
        ],
    )


def models() -> ipo.System:
    """Every handset model at a station of its own, 4000 on; each button labelled long."""
    from ipo_core.site.buttons import MAX_LABEL_LENGTH
    from ipo_core.site.handsets import HANDSET_MODELS

    site = ipo.Config()
    for n, model in enumerate(HANDSET_MODELS.values()):
        extension = str(4000 + n)
        site.add_extension(extension, model.name)
        site.add_user(ipo.User(f"Agent{extension}", extension))
        for position in range(1, model.button_count + 1):
            label = f"Button {position}".ljust(MAX_LABEL_LENGTH - 1) + "W"
            site.set_button(f"Agent{extension}", position, ipo.Button.dial("*36", label=label))
    return ipo.System(site)


@pytest.fixture(scope="module")
def phones(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """Voila serving the page of phones, with the command line ``ipo-trainer app`` runs."""
    folder = tmp_path_factory.mktemp("phones")
    phones_page(folder)
    keys_page(folder)
    models_page(folder)
    server = launch.Server(launch.LOOPBACK, free_port(), launch.make_token())
    running = Running(f"http://{server.ip}:{server.port}", server.token)
    command = launch.app_command(folder, server)
    with serving(command, folder / "voila.log", running.url("/"), name="Voila", patience=PATIENCE):
        yield running


def open_phones(page: playwright.Page, phones: Running, name: str = "phones") -> playwright.Locator:
    """Open a page and wait until every phone is drawn; the phones, in page order."""
    page.goto(phones.url(f"/voila/render/{name}.ipynb"))
    handsets = page.locator(".ipo-handset")
    count = {"phones": len(STATIONS) * len(METHODS), "models": len(HANDSET_MODELS)}.get(
        name, len(STATIONS)
    )
    playwright.expect(handsets).to_have_count(count, timeout=PATIENCE * 1000)
    handsets.last.locator("button.ipo-hook").wait_for()
    return handsets


# Every key of a phone whose label the browser shortens: its text is wider than the room
# inside its padding, or it overflows the key (a key cuts what overflows it, with an
# ellipsis), so what the trainee reads is not all that the key holds.  Each as "title: text".
CLIPPED = """phone => [...phone.querySelectorAll("button")].filter(key => {
  if (key.getBoundingClientRect().width === 0) return false;  // not on the page
  const style = getComputedStyle(key), range = document.createRange();
  range.selectNodeContents(key);
  const text = range.getBoundingClientRect().width;
  const room = key.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return text > room + 0.5 || key.scrollWidth > key.clientWidth ||
    key.scrollHeight > key.clientHeight;
}).map(key => key.title + ": " + key.textContent.trim())"""

# What the page shows of a phone: every display line, the text in every softkey and
# programmable button (all of it, hidden or not: a blank key must hold none), the labels
# on Menu, Exit and the arrows, the hook's, and every key whose label the browser shortens.
DRAWN = f"""phone => ({{
  lines: [...phone.querySelectorAll(".ipo-lcd-line")].map(e => e.textContent),
  softkeys: [...phone.querySelectorAll("button.ipo-softkey")].map(e => e.textContent.trim()),
  visible: [...phone.querySelectorAll("button.ipo-softkey")].map(e => e.innerText.trim()),
  nav: [...phone.querySelectorAll("button.ipo-nav")].map(e => e.innerText.trim()),
  buttons: [...phone.querySelectorAll("button.ipo-line")].map(e => e.textContent.trim()),
  hook: phone.querySelector("button.ipo-hook").textContent.trim(),
  clipped: ({CLIPPED})(phone),
  status: (phone.querySelector(".ipo-status.ipo-ok") || {{}}).textContent || "",
}})"""


def model_view(phone: ipo.Phone) -> dict[str, object]:
    """What the model says the page must show (the status line: that something is said).

    Every key whole: no label shortened by the browser.
    """
    screen, handset = phone.screen, phone.handset
    lines = [*screen.lines, *[""] * (handset.display_lines - len(screen.lines))]
    return {
        "lines": [line.ljust(screen.width) for line in lines],
        "softkeys": list(screen.softkeys),
        "visible": list(screen.softkeys),
        "nav": [handset.key_label(key) for key in MENU_KEYS if handset.has_key(key)],
        "buttons": [b.label if b else "" for b in phone.buttons],
        "hook": "Hang up" if screen.off_hook else "Lift handset",
        "clipped": [],
    }


def shown(handset: playwright.Locator) -> dict[str, object]:
    return dict(handset.evaluate(DRAWN))


def expect_model(
    page: playwright.Page, handset: playwright.Locator, phone: ipo.Phone, *, said: bool = True
) -> None:
    """Wait for the page to show what ``phone`` shows; fail with both when it does not.

    ``said``: a key was pressed, so the status line must say something too.
    """
    want = model_view(phone)
    same = f"""([phone, want, said]) => {{
      const got = ({DRAWN})(phone);
      return (!said || got.status !== "") && Object.keys(want).every(
        k => JSON.stringify(got[k]) === JSON.stringify(want[k]));
    }}"""
    try:
        page.wait_for_function(
            same, arg=[handset.element_handle(), want, said], timeout=REDRAW * 1000
        )
    except playwright.TimeoutError:
        got = shown(handset)
        assert {k: got[k] for k in want} == want
        assert got["status"] or not said, "the status line says nothing"


def click(handset: playwright.Locator, action: ipo.Action) -> None:
    """Click what ``action`` presses on the drawn phone."""
    if action.kind == "key" and action.is_dial_pad:
        handset.locator(f'button.ipo-dial[title="Key {action.value}"]').click()
    elif action.kind == "key":
        handset.locator(f'button.ipo-nav[title="{action.value.title()}"]').click()
    elif action.kind == "softkey":
        handset.locator("button.ipo-softkey").filter(
            has_text=re.compile(rf"^{re.escape(action.value)}$")
        ).click()
    elif action.kind == "button":
        handset.locator("button.ipo-line").nth(int(action.value) - 1).click()
    else:
        raise AssertionError(f"the tip's phone steps have no {action}")


def press(phone: ipo.Phone, action: ipo.Action) -> None:
    """The same step on the test's own copy of the system."""
    if action.kind == "key":
        phone.press(action.value)
    elif action.kind == "softkey":
        phone.press_softkey(action.value)
    else:
        phone.press_button(int(action.value))


@pytest.mark.parametrize("model", STATIONS)
def test_after_every_step_of_every_method_the_phone_shows_what_the_model_shows(page, phones, model):
    station = STATIONS[model]
    handsets = open_phones(page, phones)
    first = list(STATIONS).index(model) * len(METHODS)
    steps = 0
    for number, method in enumerate(METHODS):
        handset = handsets.nth(first + number)
        system, procedure = desk(method, station)
        phone = system.phone(station)
        assert shown(handset)["lines"] == model_view(phone)["lines"], method
        for action in procedure.script:
            if action.kind == "config":
                continue
            click(handset, action)
            press(phone, action)
            expect_model(page, handset, phone)
            steps += 1
        assert procedure.is_goal_reached(system), method
    assert steps > 30


def test_menu_3_of_3_shows_only_hdesk_and_vmail_and_the_idle_phone_no_softkeys(page, phones):
    """The issue's two cases, in words: no label of page 2 or of the prompts is left over."""
    handset = open_phones(page, phones, "keys").first
    system, procedure = desk(ipo.Method.LOGON_MENU, "3000")
    for action in procedure.script:
        if action.kind != "config":
            click(handset, action)
            press(system.phone("3000"), action)
            expect_model(page, handset, system.phone("3000"))
            if action == ipo.Action.key("RIGHT"):
                assert shown(handset)["softkeys"] == ["Hdesk", "Vmail", "", ""]
    assert shown(handset)["softkeys"] == ["", "", "", ""]  # logged on, idle: Done, Bksp gone
    assert shown(handset)["status"] == "Logged on as Agent3000 at 3000."


# --- the keyboard ---------------------------------------------------------------------------


def test_the_star_35_logon_can_be_typed_on_the_keyboard(page, phones):
    handset = open_phones(page, phones, "keys").first
    expect_lcd(handset, "NoUser              3000", "")

    handset.focus()
    page.keyboard.type("*35*3000*1234#")

    expect_lcd(handset, "Agent3000           3000", "Logged on")
    playwright.expect(handset.locator(".ipo-status")).to_have_text(
        "Logged on as Agent3000 at 3000."
    )


def test_the_menu_logon_can_be_done_with_arrows_enter_and_escape(page, phones):
    handset = open_phones(page, phones, "keys").last  # the 6416D+
    handset.focus()
    menu = handset.locator('button.ipo-nav[title="Menu"]')
    menu.focus()
    page.keyboard.press("Enter")  # on a key, Enter is that key's own click
    page.keyboard.press("Enter")
    expect_lcd(handset, "NoUser              3001", "Menu 2 of 3")
    page.keyboard.press("ArrowRight")
    expect_lcd(handset, "NoUser              3001", "Menu 3 of 3")
    page.keyboard.press("Escape")
    expect_lcd(handset, "NoUser              3001", "")


def test_at_the_logon_prompts_typed_digits_and_enter_log_the_agent_on(page, phones):
    # Enter on the phone (not on a key) presses the softkey that confirms the prompt: Next,
    # then Done (Phone.key_for); the digits typed go to the prompt.
    handset = open_phones(page, phones, "keys").last  # the 6416D+
    for key in ("Menu", "Menu", "Right"):
        handset.locator(f'button.ipo-nav[title="{key}"]').click()
    handset.locator("button.ipo-softkey", has_text="Hdesk").click()
    handset.locator("button.ipo-softkey", has_text="Logon").click()
    type_at_the_logon_prompts(page, handset, "3001", "5678")
    expect_lcd(handset, "Agent3001           3001", "Logged on")


def test_tab_reaches_the_phone_then_its_keys_in_their_order_each_with_a_focus_ring(page, phones):
    handset = open_phones(page, phones, "keys").first  # the 4612
    handset.focus()
    assert handset.evaluate("e => e === document.activeElement")
    names = []
    for _ in range(4 + 4 + 12 + 12 + 2):  # softkeys, Menu row, dial pad, buttons, speaker, hook
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        names.append(focused.evaluate("e => e.title"))
        ring = focused.evaluate(
            "e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth"
        )
        assert ring.startswith("solid"), (names[-1], ring)
        assert not ring.endswith(" 0px"), (names[-1], ring)
    assert names == [
        *[f"Softkey {i}: no label now" for i in range(1, 5)],
        "Menu",
        "Exit",
        "Left",
        "Right",
        *[f"Key {k}" for k in "123456789*0#"],
        *[f"Button {i}: not programmed" for i in range(1, 13)],
        "Hear the phone's tones",
        "Lift the handset or hang it up",
    ]


def test_every_key_has_an_accessible_name(page, phones):
    handsets = open_phones(page, phones, "keys")
    for index in range(len(STATIONS)):  # a 4612 and a 6416D+
        keys = handsets.nth(index).locator("button")
        assert keys.count() > 30
        for i in range(keys.count()):
            playwright.expect(keys.nth(i)).to_have_accessible_name(re.compile(r"\S"))


# --- every model's keys, whole --------------------------------------------------------------


def test_every_key_of_every_handset_model_shows_its_label_whole_on_every_menu_page(page, phones):
    """Menu, Exit and the arrows as printed (the 4612's 'Previous' too), every softkey label
    of every Menu page and logon prompt, and buttons labelled at Manager's longest: none cut."""
    handsets = open_phones(page, phones, "models")
    system = models()
    walk = [
        ipo.Action.key("MENU"),  # Menu 1 of 3
        ipo.Action.key("MENU"),  # Menu 2 of 3
        ipo.Action.key("RIGHT"),  # Menu 3 of 3
        ipo.Action.softkey("Hdesk"),
        ipo.Action.softkey("Logon"),  # the extension prompt
    ]
    pages = set()
    for n, model in enumerate(HANDSET_MODELS.values()):
        handset, phone = handsets.nth(n), system.phone(str(4000 + n))
        assert phone.model == model.name
        assert all(len(b.label) == MAX_LABEL_LENGTH for b in phone.buttons if b)
        expect_model(page, handset, phone, said=False)
        if not model.has_menu_keys:
            assert shown(handset)["nav"] == []
            continue
        for action in walk:
            click(handset, action)
            press(phone, action)
            expect_model(page, handset, phone)
            pages.add(phone.screen.softkeys)
        for key in phone.extension:
            click(handset, ipo.Action.key(key))
            press(phone, ipo.Action.key(key))
        click(handset, ipo.Action.softkey("Next"))  # the login code prompt
        press(phone, ipo.Action.softkey("Next"))
        expect_model(page, handset, phone)
        pages.add(phone.screen.softkeys)
    assert pages == set(SOFTKEY_LABELS.values())  # every softkey label the kit shows
