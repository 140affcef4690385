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

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import LESSONS, TRAINING_ROOM, desk_shown, exercise, lesson_drawn, playwright, press
from browser import browser as browser
from browser import chromium_path as chromium_path
from browser import page as page
from browser import voila as voila
from servers import ROOT, Running, free_port, launched

import ipo_core as ipo
from trainer.identity import desk_rng

#: The agents' lessons, as ``ipo-trainer app`` serves them (trainer.workspace.AGENT_LESSONS).
AGENT_PAGES = ("00_start_here", "02_logon_three_ways", "03_logoff_three_ways")

#: What an agent's page must never show, each with why.  A pattern finds its text anywhere
#: in a line (a repr inside a sentence too), not only a line that is nothing else.
FORBIDDEN: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 'Logout', '#3000', '' (a !r or quote() of a value); an apostrophe (agent's) is a letter's
    ("a quoted value", re.compile(r"(?<![\w'])'[^'\n]*'(?![\w'])")),
    ("a list, tuple or dict of values", re.compile(r"""[\[({]\s*["']|["']\s*[,:]\s*["']""")),
    ("True, False or None", re.compile(r"\b(True|False|None)\b")),
    ("a rule number", re.compile(r"\bR\d+\b")),
    ("a Python call", re.compile(r"\b[A-Za-z_]\w*\.[A-Za-z_]\w*\(")),
    ("a name from the kit's code", re.compile(r"\b(ipo|widgets|trainer|system|phone)\.\w")),
    ("an object's repr", re.compile(r"<\w+:|<\w+ object at")),
    ("an enum member", re.compile(r"\bMethod\.|\b[A-Z]+(_[A-Z0-9]+)+\b")),
    ("a key's name in the kit's code", re.compile(r"\b(MENU|EXIT|LEFT|RIGHT|SOFTKEY\d)\b")),
    ("a snake_case name", re.compile(r"(?<![\w./-])[a-z][a-z0-9]*(_[a-z0-9]+)+\b")),
    ("a short code as Manager stores it", re.compile(r"\S/\S*/[A-Z][A-Za-z]+/\d+\b")),
    ("a short code's feature field", re.compile(r"/Extn\w+/")),
)
#: A dotted Python name (``mode.value``, ``HuntMode.GROUP``): two names of two letters or more
#: joined by dots, not a file name an agent is given (``progress.csv``).
DOTTED = re.compile(r"(?<![\w./-])[A-Za-z_]\w+(\.[A-Za-z_]\w+)+")
FILE_NAMES = {"csv", "jsonl", "ipynb", "html", "pdf", "png", "toml", "txt", "sqlite"}


def forbidden_lines(text: str) -> list[str]:
    """The lines of ``text`` that show something an agent should not see, with why."""
    found = []
    for line in text.splitlines():
        for why, pattern in FORBIDDEN:
            if pattern.search(line):
                found.append(f"{why}: {line.strip()!r}")
        for name in DOTTED.finditer(line):
            if name.group().rsplit(".", 1)[1].lower() not in FILE_NAMES:
                found.append(f"a dotted Python name: {line.strip()!r}")
                break
    return found


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("'3000'", "a quoted value"),
        (
            "button 1: Advanced > Extn > ExtnLogout  (label on the phone: 'Logout')",
            "a quoted value",
        ),
        ("button 2: Dial  (label on the phone: 'Dial *36')", "a quoted value"),
        ("The 4606 has no key 'MENU'. Its keys are: 1 2 3", "a quoted value"),
        ("The 4606 has no key MENU.", "a key's name in the kit's code"),
        ("A security finding about the system short code '#3000':", "a quoted value"),
        ('at ("3000", "3001")', "a list, tuple or dict of values"),
        ("True", "True, False or None"),
        ("3000 4612 None", "True, False or None"),
        ("('3000', True)", "True, False or None"),
        ("Logged on: False, at 3000", "True, False or None"),
        ("No login is accepted here for 90 s (rule R6).", "a rule number"),
        ("the system tells this with system.location_of(extension)", "a Python call"),
        ("ipo.Method.LOGON_MENU", "a name from the kit's code"),
        ("<Exercise: Log on with the Menu keys>", "an object's repr"),
        ("the share is in logon_share", "a snake_case name"),
        ("Sales is in HuntMode.GROUP", "a dotted Python name"),
        ("what finding.fix says", "a dotted Python name"),
        ("*35*N#/N/ExtnLogin/0", "a short code as Manager stores it"),
        ("Dial *35*N# (feature /ExtnLogin/)", "a short code's feature field"),
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
        "An agent's page, the agents' lessons: what you don't see.",
        'The phone says "Logged on".',
        "Press the Right arrow once (marked Next on this phone), e.g. at Menu 2 of 3.",
        "Download progress.csv, or ipo-training-records.jsonl.",
        "Feature ExtnLogin, Telephone Number N.",
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


# --- nothing from another host -------------------------------------------------------------


@pytest.mark.parametrize("name", AGENT_PAGES)
def test_an_agent_s_page_asks_no_other_host_for_anything(page, agents_app, name):
    # Voila's page template links Font Awesome from a CDN; the app's pages forbid it (their
    # Content-Security-Policy), so the browser never sends the request, and the icons come
    # from Voila's own bundle. Without the policy the request would fail here only because
    # the machine has no network (net::ERR_NAME_NOT_RESOLVED), not by the policy ("csp").
    here = agents_app.url("/").split("/")[2]
    answered, refused = [], []
    page.on("response", lambda reply: answered.append(reply.url))
    page.on("requestfailed", lambda r: refused.append((r.url, r.failure or "")))
    reply = page.goto(agents_app.url(f"/voila/render/{name}.ipynb"))
    assert reply is not None
    policy = reply.headers.get("content-security-policy", "")
    assert "default-src 'self'" in policy, policy
    wait_until_drawn(page, name)
    assert {url.split("/")[2] for url in answered} == {here}
    elsewhere = [(url, why) for url, why in refused if url.split("/")[2] != here]
    assert all("csp" in why.lower() for _, why in elsewhere), elsewhere  # refused by the policy


# --- what an agent reads -------------------------------------------------------------------


@pytest.mark.parametrize("name", AGENT_PAGES)
def test_an_agent_s_page_shows_no_code_values_or_rule_numbers(page, agents_app, name):
    open_page(page, agents_app, name)

    found = forbidden_lines(page.inner_text("body"))  # Manager's findings included
    assert found == [], "\n".join([f"{name} shows agents:", *found])
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


def test_an_agent_s_page_gives_the_agent_their_own_desk(page, agents_app):
    """Every exercise of an agents' lesson names the desk drawn for the agent the app serves
    (``ana``): her station, extension and login code, from her name and the desk secret."""
    drawn = ipo.Desk.draw(TRAINING_ROOM, "ana", desk_rng("ana"))
    for name in ("02_logon_three_ways", "03_logoff_three_ways"):
        open_page(page, agents_app, name)
        exercises = page.locator(".ipo-exercise")
        assert exercises.count() == 3
        for n in range(3):
            assert desk_shown(exercises.nth(n), "ana") == drawn


# --- links between the pages -----------------------------------------------------------------

#: Each lesson's title (its first heading), by name.
TITLES = {
    p.stem: next(
        "".join(c["source"]).split("\n", 1)[0].removeprefix("# ")
        for c in json.loads(p.read_text(encoding="utf-8"))["cells"]
        if c["cell_type"] == "markdown"
    )
    for p in LESSONS
}
NAMES = [p.stem for p in LESSONS]
#: A markdown link to a lesson: its text and the lesson (``[Lesson 2: ...](02_....ipynb)``).
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+?)\.ipynb(#[^)]*)?\)")


def links_of(lesson: Path) -> list[tuple[str, str]]:
    """Every (text, lesson name) linked from the lesson's markdown."""
    cells = json.loads(lesson.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return [(m.group(1), m.group(2)) for m in LINK.finditer(text)]


def back_and_next(name: str) -> tuple[str, str]:
    """The lesson before ``name`` (01's is the start page) and after it (the last's too)."""
    at = NAMES.index(name)
    return NAMES[at - 1], NAMES[at + 1] if at + 1 < len(NAMES) else NAMES[0]


def test_the_lessons_link_to_each_other_in_jupyterlab():
    """JupyterLab opens a markdown link relative to the lesson, and the lessons sit in one
    folder (the trainee's copy, ``ipo-trainer lab``): each link must name a lesson there.
    The start page links to every lesson; every lesson back to the one before and on to the
    one after (the last back to the start page)."""
    for lesson in LESSONS:
        links = links_of(lesson)
        for text, target in links:
            where = f"{lesson.stem}: [{text}] leads to {target}.ipynb"
            assert "/" not in target, f"{where}, in another folder"
            assert (lesson.parent / f"{target}.ipynb").is_file(), f"{where}, which is no lesson"
        linked = {target for _, target in links}
        if lesson.stem == NAMES[0]:
            assert set(NAMES[1:]) <= linked, (
                f"the start page does not link {set(NAMES[1:]) - linked}"
            )
        else:
            back, on = back_and_next(lesson.stem)
            missing = sorted({back, on} - linked)
            assert not missing, f"{lesson.stem} (back: {back}, next: {on}) does not link {missing}"


def follow(page: playwright.Page, text: re.Pattern[str], target: str) -> None:
    """Click the first link called ``text`` that leads to ``target``; land on that lesson."""
    link = page.locator(f"a[href$='{target}.ipynb']").filter(has_text=text)
    assert link.count(), f"{page.url.split('?')[0]} has no link {text.pattern} to {target}"
    link.first.click()
    page.wait_for_url(re.compile(rf"/voila/render/{target}\.ipynb(\?.*)?$"))
    heading = re.compile(rf"^{re.escape(TITLES[target])}\W*$")  # and its anchor's mark
    playwright.expect(page.locator("h1").first).to_have_text(heading)


def test_in_voila_every_lesson_links_on_to_the_next_and_back_to_the_one_before(page, voila):
    """Voila (every lesson, as ``ipo-trainer app --all`` serves them): from the start page to
    lesson 1, then each lesson's Next link to the last, then each Back link to the start."""
    page.goto(voila.url(f"/voila/render/{NAMES[0]}.ipynb"))
    heading = re.compile(rf"^{re.escape(TITLES[NAMES[0]])}\W*$")
    playwright.expect(page.locator("h1").first).to_have_text(heading)
    for target in NAMES[1:]:
        assert page.locator(f"a[href$='{target}.ipynb']").count(), f"no link to {target}"
    follow(page, re.compile(r"^Lesson 1"), NAMES[1])
    for here in NAMES[1:-1]:
        follow(page, re.compile(r"^Next"), back_and_next(here)[1])
    for here in reversed(NAMES[2:]):
        follow(page, re.compile(r"^←"), back_and_next(here)[0])
    follow(page, re.compile(r"Start here"), NAMES[0])


def test_every_link_on_an_agent_s_page_leads_to_a_page_the_app_serves(page, agents_app):
    """An agents' lesson links only to the agents' lessons the app serves, each of which
    answers; a supervisors' lesson (not served here) is named in plain words, with where
    it is beside it, never as a link that would answer "not found"."""
    for name in AGENT_PAGES:
        open_page(page, agents_app, name)
        links = page.locator("a[href$='.ipynb']").evaluate_all("links => links.map(a => a.href)")
        assert links, f"{name} links to no lesson"
        for href in links:
            assert re.search(r"/voila/render/(\w+)\.ipynb$", href), href
            lesson = re.search(r"(\w+)\.ipynb$", href).group(1)
            assert lesson in AGENT_PAGES, f"{name} links to {lesson}, which the app does not serve"
            assert page.request.get(href).status == 200, href
        text = page.locator("body").inner_text()
        for lesson in set(linked_in_the_kit(name)) - set(AGENT_PAGES):
            number = TITLES[lesson].split(":")[0]  # "Lesson 1", still named in words
            assert number in text, f"{name} no longer names {lesson}"
            assert "JupyterLab" in text  # and where it is


def linked_in_the_kit(name: str) -> list[str]:
    """The lessons the kit's own copy of lesson ``name`` links to."""
    return [target for _, target in links_of(ROOT / "notebooks" / f"{name}.ipynb")]


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
