"""The agents' pages as an agent sees them: text, phones and exercises, and nothing of the code.

``ipo-trainer app`` (no ``--all``: the agents' lessons 00, 02 and 03 only) is started with a
trainer folder and a store of this module's own, and headless Chromium reads each page's
visible text once every widget is drawn.  An agent must meet no stray value a cell left
behind (``'3000'``, ``True``), no Python name (``ipo.Method.LOGON_MENU``, ``<Exercise: ...>``),
no rule number (``R6``) and no short code as Manager stores it (``*35*N#/N/ExtnLogin/0``).
Then the pages' links are followed as an agent clicks them, and the progress kept between
visits is checked: an exercise passed on one page is ticked on the start page afterwards.

Needs Debian's Chromium, as every browser test does (``browser.py``: skipped without it, with
the command that brings it; CI installs it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from browser import browser as browser
from browser import chromium_path as chromium_path
from browser import exercise, lesson_drawn, playwright, press
from browser import page as page
from servers import ROOT, Running, free_port, launched

#: The agents' lessons, as ``ipo-trainer app`` serves them (trainer.workspace.AGENT_LESSONS).
AGENT_PAGES = ("00_start_here", "02_logon_three_ways", "03_logoff_three_ways")

#: What an agent's page must never show, each with why.
FORBIDDEN: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a quoted value a cell left as its output", re.compile(r"^\s*(['\"]).*\1\s*$")),
    ("True, False or None left as a value", re.compile(r"(^|\s)(True|False|None)\s*$")),
    ("a rule number", re.compile(r"\bR\d+\b")),
    ("a Python call", re.compile(r"\b[A-Za-z_]\w*\.[A-Za-z_]\w*\(")),
    ("a name from the kit's code", re.compile(r"\b(ipo|widgets|trainer|system|phone)\.\w")),
    ("an object's repr", re.compile(r"<\w+:|<\w+ object at")),
    ("an enum member", re.compile(r"\bMethod\.|\b[A-Z]+(_[A-Z]+)+\b")),
    ("a short code as Manager stores it", re.compile(r"\S/\S*/[A-Z][A-Za-z]+/\d+\b")),
    ("a short code's feature field", re.compile(r"/Extn\w+/")),
)


def forbidden_lines(text: str) -> list[str]:
    """The lines of ``text`` that show something an agent should not see, with why."""
    found = []
    for line in text.splitlines():
        for why, pattern in FORBIDDEN:
            if pattern.search(line):
                found.append(f"{why}: {line.strip()!r}")
    return found


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("'3000'", "a quoted value"),
        ("True", "True, False or None"),
        ("3000 4612 None", "True, False or None"),
        ("No login is accepted here for 90 s (rule R6).", "a rule number"),
        ("the system tells this with system.location_of(extension)", "a Python call"),
        ("ipo.Method.LOGON_MENU", "a name from the kit's code"),
        ("<Exercise: Log on with the Menu keys>", "an object's repr"),
        ("*35*N#/N/ExtnLogin/0", "a short code as Manager stores it"),
    ],
)
def test_the_check_catches_what_an_agent_should_not_see(line, why):
    assert any(found.startswith(why) for found in forbidden_lines(line)), line


@pytest.mark.parametrize(
    "line",
    [
        "|NoUser              3000|",
        "Dial *35*3000*1234# at the phone: your extension, a star, your code and a hash.",
        "[Hdesk]  [Vmail]",
        "3000 (a 4612): logged off",
        "✓ Log on with *35*Extn*Code#",
        "Lesson 2: Log on three ways",
    ],
)
def test_the_check_lets_an_agent_s_words_through(line):
    assert forbidden_lines(line) == []


# --- the Action box: for engineers and tests, hidden on an agent's page ----------------------


def star_36(monkeypatch: pytest.MonkeyPatch, software: str | None, **kwargs: object):
    """The *36 exercise, made in a kernel whose SERVER_SOFTWARE is ``software`` (None: unset)."""
    import ipo_core as ipo
    import widgets

    if software is None:
        monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    else:
        monkeypatch.setenv("SERVER_SOFTWARE", software)
    return widgets.Exercise(
        ipo.System(ipo.load_site("tech_tip_014")), ipo.Method.LOGOFF_STAR_36, **kwargs
    )


@pytest.mark.parametrize(
    ("software", "engineer", "shown"),
    [
        (None, None, True),  # JupyterLab, a script, a test
        ("voila/0.5.8", None, False),  # an agent's page
        ("TornadoServer/6.4", None, True),  # some other server is no agent's page
        ("voila/0.5.8", True, True),  # an engineer asks for it on a page
        (None, False, False),
    ],
)
def test_the_action_box_is_shown_to_engineers_and_hidden_on_agents_pages(
    monkeypatch, software, engineer, shown
):
    exercise = star_36(monkeypatch, software, engineer=engineer)

    assert exercise.engineer is shown
    assert exercise.action.layout.display == (None if shown else "none")
    assert "ipo-action" in exercise.action._dom_classes
    assert exercise.command in exercise.action.children
    assert exercise.do in exercise.action.children


def test_a_hidden_action_box_still_takes_actions_from_code(monkeypatch):
    exercise = star_36(monkeypatch, "voila/0.5.8")

    exercise.command.value = "dial *36"
    exercise.do.click()

    assert exercise.attempt is not None
    assert exercise.attempt.passed


# --- the server and the browser ------------------------------------------------------------


@pytest.fixture(scope="module")
def agents_app(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """``ipo-trainer app`` as ``make agent`` starts it, with a trainer folder and store of its own."""
    home = tmp_path_factory.mktemp("agent-home")
    env = {
        "IPO_TRAINER_HOME": str(home),
        "IPO_TRAINER_DB": str(home / "records.sqlite"),
        "IPO_TRAINER_TRAINEE": "ana",
    }
    args = ["app", "--no-browser", "--port", str(free_port())]
    with launched(args, home / "voila.log", env=env) as server:
        yield server


def wait_until_drawn(page: playwright.Page, name: str) -> None:
    """Wait until every widget of lesson ``name`` is drawn on the page, the progress filled in."""
    lesson_drawn(page, ROOT / "notebooks" / f"{name}.ipynb")
    page.locator(".ipo-my-progress .ipo-progress-says").first.wait_for()


def open_page(page: playwright.Page, app: Running, name: str) -> None:
    """Open the agent's page ``name`` and wait until all of it is drawn."""
    page.goto(app.url(f"/voila/render/{name}.ipynb"))
    wait_until_drawn(page, name)


# --- what an agent reads -------------------------------------------------------------------


@pytest.mark.parametrize("name", AGENT_PAGES)
def test_an_agent_s_page_shows_no_code_values_or_rule_numbers(page, agents_app, name):
    open_page(page, agents_app, name)

    assert forbidden_lines(page.inner_text("body")) == []  # Manager's findings included
    assert page.get_by_text("Traceback").count() == 0
    assert page.get_by_text("Click to show javascript error").count() == 0


def managers_findings(page: playwright.Page) -> list[str]:
    """The lines of the readiness findings beside Manager's screens on the page."""
    texts = page.locator(".ipo-manager .ipo-findings").all_inner_texts()
    return [line for text in texts for line in text.splitlines() if line.strip()]


def test_manager_s_findings_on_an_agent_s_page_quote_no_short_code_record(page, agents_app):
    open_page(page, agents_app, "03_logoff_three_ways")

    findings = managers_findings(page)

    assert findings
    assert forbidden_lines("\n".join(findings)) == []


def test_the_exercises_action_box_is_hidden_on_an_agent_s_page(page, agents_app):
    open_page(page, agents_app, "02_logon_three_ways")

    exercises = page.locator(".ipo-exercise")
    assert exercises.count() == 3
    for n in range(3):
        playwright.expect(exercises.nth(n).locator(".ipo-action")).to_be_hidden()
        playwright.expect(exercises.nth(n).get_by_role("button", name="Try again")).to_be_visible()
    playwright.expect(page.get_by_role("button", name="Do", exact=True)).to_have_count(0)


# --- links between the pages -----------------------------------------------------------------


def test_every_link_on_an_agent_s_page_leads_to_a_page_the_app_serves(page, agents_app):
    for name in AGENT_PAGES:
        open_page(page, agents_app, name)
        hrefs = page.locator("a[href$='.ipynb']").evaluate_all("links => links.map(a => a.href)")
        assert hrefs, f"{name} links to no lesson"
        for href in hrefs:
            assert re.search(r"/voila/render/(\w+)\.ipynb$", href), href
            lesson = re.search(r"(\w+)\.ipynb$", href).group(1)
            assert lesson in AGENT_PAGES, f"{name} links to {lesson}, which agents are not served"


def test_an_agent_clicks_from_the_start_page_through_both_lessons_and_back(page, agents_app):
    open_page(page, agents_app, "00_start_here")

    page.get_by_role("link", name="Lesson 2: Log on three ways").first.click()
    page.wait_for_url(re.compile(r"/voila/render/02_logon_three_ways\.ipynb$"))
    wait_until_drawn(page, "02_logon_three_ways")
    assert page.locator("h1").first.inner_text() == "Lesson 2: Log on three ways"

    page.get_by_role("link", name="Next: Lesson 3").last.click()
    page.wait_for_url(re.compile(r"/voila/render/03_logoff_three_ways\.ipynb$"))
    wait_until_drawn(page, "03_logoff_three_ways")
    assert page.locator("h1").first.inner_text() == "Lesson 3: Log off three ways"

    page.get_by_role("link", name="Back: Lesson 2").first.click()
    page.wait_for_url(re.compile(r"/voila/render/02_logon_three_ways\.ipynb$"))
    wait_until_drawn(page, "02_logon_three_ways")

    page.get_by_role("link", name="Start here").first.click()
    page.wait_for_url(re.compile(r"/voila/render/00_start_here\.ipynb$"))
    wait_until_drawn(page, "00_start_here")


# --- progress kept between visits (last: it leaves a passed attempt in the store) -------------


def test_an_exercise_passed_is_ticked_on_the_start_page_and_the_lesson_says_where_to_go_on(
    page, agents_app
):
    open_page(page, agents_app, "00_start_here")
    progress = page.locator(".ipo-my-progress")
    playwright.expect(progress.locator(".ipo-progress-passed")).to_have_count(0)

    open_page(page, agents_app, "03_logoff_three_ways")
    task = exercise(page, "Log off with *36")
    press(task.locator(".ipo-handset"), "*36")
    playwright.expect(task.locator(".ipo-result")).to_have_text(re.compile(r"^Passed"))

    open_page(page, agents_app, "00_start_here")
    passed = page.locator(".ipo-my-progress .ipo-progress-passed")
    playwright.expect(passed).to_have_count(1)
    playwright.expect(passed).to_contain_text("Log off with *36")

    open_page(page, agents_app, "03_logoff_three_ways")
    says = page.locator(".ipo-my-progress .ipo-progress-says")
    playwright.expect(says).to_contain_text("Last time you passed Log off with *36")
    playwright.expect(says).to_contain_text("next: Log off with a programmed button")
