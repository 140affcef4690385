"""The browser tests' Chromium, its pages and the Voila they read: fixtures and helpers.

The lessons are checked as trainees see them, in headless Chromium driven by Playwright:
Debian's Chromium at ``/usr/bin/chromium`` (Playwright cannot download a browser here),
started with the flags in ``servers.py``.  CI installs it (``.ci/run``), so under CI a
missing browser fails; elsewhere the tests that need it are skipped with the command that
brings it (:func:`missing`).

A test file takes the fixtures it uses under their own names, which tells ruff the import
is meant although nothing but pytest reads it::

    from browser import browser as browser
    from browser import chromium_path as chromium_path

Each fixture is then the test file's own: ``scope="module"`` is one Chromium (and one
Voila) a file.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from servers import CHROMIUM, CHROMIUM_ARGS, ROOT, Running, free_port, launched, under_ci

import ipo_core as ipo

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extras")

#: Seconds Voila may take to run a lesson and draw its widgets.
PATIENCE = 90
#: Seconds a click may take to come back from the kernel as a redraw.
REDRAW = 20
#: A trainee's browser window, in pixels.
VIEWPORT = (1280, 900)
#: Every lesson, as committed.
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def missing(message: str) -> NoReturn:
    """Fail under CI, which installs everything the browser tests need; skip elsewhere."""
    if under_ci():
        pytest.fail(message + " CI must have it: .ci/run installs it.")
    pytest.skip(message)


def widget_outputs(lesson: Path) -> int:
    """How many cell outputs of the committed lesson are widgets."""
    cells = json.loads(lesson.read_text(encoding="utf-8"))["cells"]
    return sum(WIDGET_VIEW in out.get("data", {}) for c in cells for out in c.get("outputs", []))


#: Pages that drew every widget only when loaded again (Voila's own front-end race), each with
#: what the first load lacked; printed at the end of the run (conftest.py) so none goes unseen.
REDRAWN: list[str] = []


def lesson_drawn(page: playwright.Page, lesson: Path) -> None:
    """Wait until every widget output of the committed ``lesson`` is drawn on the page.

    Voila's widget manager now and then leaves a view undrawn although its cell ran and no
    error shows in its place (voila-dashboards/voila#920 and #534: "refreshing ... eventually
    renders ipywidgets"). An agent reloads the page then, and so does this, once: the lesson
    must draw whole on the second load, and the first load's shortfall is kept in
    :data:`REDRAWN` and printed at the end of the run.  When a widget is still missing, the
    failure says what the page shows in its place (an error, a widget's text fallback,
    nothing), not only how many are missing.
    """
    views = page.locator(".jp-OutputArea-output > .jupyter-widgets")
    wanted = widget_outputs(lesson)
    for load in (1, 2):
        try:
            playwright.expect(views).to_have_count(wanted, timeout=PATIENCE * 1000)
            return
        except AssertionError as error:
            drawn = views.count()
            others = page.locator(".jp-OutputArea-output").evaluate_all(
                "outs => outs.filter(o => !o.querySelector(':scope > .jupyter-widgets'))"
                ".map(o => (o.getAttribute('data-mime-type') || '?') + ': ' + o.innerText.slice(0, 300))"
            )
            errors = [o for o in others if "rror" in o]
            if load == 1 and not errors:
                REDRAWN.append(f"{lesson.stem}: {drawn} of {wanted} widgets on the first load")
                page.reload()
                continue
            raise AssertionError(
                f"{lesson.stem}: {drawn} of {wanted} widgets drawn (load {load}); "
                f"the other outputs on the page: {others}"
            ) from error


def new_page(
    browser: playwright.Browser, viewport: tuple[int, int] = VIEWPORT, patience: float = PATIENCE
) -> playwright.Page:
    """A page in a context of its own (no cookies shared); ``page.context.close()`` ends both.

    Playwright waits up to ``patience`` seconds for what the page is told to do, and up to
    ``REDRAW`` for what an ``expect`` waits to see.
    """
    width, height = viewport
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.set_default_timeout(patience * 1000)
    playwright.expect.set_options(timeout=REDRAW * 1000)
    return page


def open_lesson(page: playwright.Page, voila: Running, name: str) -> None:
    """Open a lesson as an agent does, and wait until its last widget is drawn."""
    page.goto(voila.url(f"/voila/render/{name}.ipynb"))
    page.locator(".ipo-exercise").last.locator(".ipo-steps").wait_for()


def exercise(page: playwright.Page, title: str) -> playwright.Locator:
    """The exercise whose heading contains ``title``."""
    return page.locator(".ipo-exercise").filter(has=page.locator("h3", has_text=title))


#: The site the lessons' exercises draw each trainee's desk on (``Exercise.for_trainee``).
TRAINING_ROOM = ipo.load_site("training_room")
#: The line above an exercise's phone at a trainee's own desk (``widgets.exercise``).
WHO = re.compile(  # groups unnamed: Playwright hands the pattern to JavaScript as it is
    r"^You are (.+) at desk (\d+) \(([^)]+)\): your extension is (\d+), your login code (\d+)\.$"
)


def desk_shown(task: playwright.Locator, name: str | None = None) -> ipo.Desk:
    """The desk the exercise ``task`` tells its trainee is theirs, read as a trainee reads it.

    Waits until the ``.ipo-who`` line names a desk (and ``name``, when given); the agent's
    user name is the training room's user at that extension.
    """
    who = task.locator(".ipo-who")
    playwright.expect(who).to_have_text(WHO)
    found = WHO.match(who.inner_text().strip())
    assert found is not None, who.inner_text()
    trainee, station, model, extension, code = found.groups()
    if name is not None:
        assert trainee == name, who.inner_text()
    return ipo.Desk(station, extension, TRAINING_ROOM.user(extension).name, model, code)


def lcd_line(left: str, right: str, model: str) -> str:
    """A display line of ``model``: ``left`` at its start, ``right`` at its end (who, extension)."""
    width = ipo.handset_model(model).display_width
    return left.ljust(width - len(right)) + right


def press(handset: playwright.Locator, keys: str) -> None:
    """Click each dial-pad key of ``keys`` on the drawn phone."""
    for key in keys:
        handset.locator("button.ipo-dial", has_text=key).click()


def type_at_the_logon_prompts(
    page: playwright.Page, handset: playwright.Locator, extension: str, code: str
) -> None:
    """At the phone's Logon prompt, type ``extension`` and ``code`` on the keyboard.

    Enter on the phone (not on a key) presses the softkey that confirms the prompt: Next,
    then Done (``Phone.key_for``); the digits typed go to the prompt.
    """
    expect_lcd(handset, "Logon: extension?")
    handset.focus()
    page.keyboard.type(extension)
    page.keyboard.press("Enter")
    expect_lcd(handset, "Logon: login code?")
    page.keyboard.type(code)
    page.keyboard.press("Enter")


def expect_lcd(handset: playwright.Locator, *lines: str) -> None:
    """The drawn display shows ``lines`` (padded to the model's width), once the kernel replies.

    A click reaches the kernel and the redraw comes back asynchronously, so this waits for it.
    """
    shown = handset.locator(".ipo-lcd-line")
    for i, line in enumerate(lines):
        playwright.expect(shown.nth(i)).to_have_text(re.compile(rf"^{re.escape(line)}\s*$"))


# --- the fixtures ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium_path() -> str:
    """Where Chromium is; a failure under CI, else a skip, when it is not there."""
    if not os.path.exists(CHROMIUM):
        missing(
            f"No Chromium at {CHROMIUM}: install Debian's (`apt-get install chromium`) to run "
            "the browser tests."
        )
    return CHROMIUM


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[playwright.Browser]:
    """Headless Chromium, on loopback only, for the module's tests."""
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: playwright.Browser) -> Iterator[playwright.Page]:
    """A fresh page of a trainee's window size (see :func:`new_page`), closed afterwards."""
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def voila(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """Voila serving every lesson, started as ``make agent`` starts it; yields it with its token."""
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    args = ["app", "--all", "--no-browser", "--port", str(free_port())]
    with launched(args, log) as server:
        yield server
