"""The lessons as trainees see them: Voila pages in a real browser.

An agent learns on their own in a browser, without reading code (``make agent``): Voila
runs a lesson and shows its text, what the phone shows and the widgets, never the code.
These tests start ``ipo-trainer app --all`` (every lesson as a page, on loopback, with a
token the browser gives in the address) and drive headless Chromium with Playwright,
clicking the drawn phone the way a trainee does, and the accuracy explorer the way a
supervisor does in a workshop.

They need Debian's Chromium at ``/usr/bin/chromium`` (Playwright cannot download a
browser here).  CI installs it (``.ci/run``), so under CI a missing browser fails;
elsewhere these tests are skipped with the command that brings it.  Chromium, its pages
and Voila are the fixtures of ``browser.py``.
"""

from __future__ import annotations

import os
import re

import pytest
from browser import (
    LESSONS,
    PATIENCE,
    REDRAW,
    TRAINING_ROOM,
    desk_shown,
    exercise,
    expect_lcd,
    lcd_line,
    lesson_drawn,
    new_page,
    open_lesson,
    playwright,
    press,
)
from browser import browser as browser
from browser import chromium_path as chromium_path
from browser import page as page
from browser import voila as voila
from servers import Running

import ipo_core as ipo
from trainer.identity import desk_rng


def expect_result(task: playwright.Locator, start: str) -> None:
    """The exercise's result line starts with ``start``."""
    playwright.expect(task.locator(".ipo-result")).to_have_text(re.compile(rf"^{re.escape(start)}"))


def softkey(handset: playwright.Locator, label: str) -> None:
    """Click the softkey shown under ``label`` on the display."""
    handset.locator("button.ipo-softkey", has_text=label).click()


def open_hdesk(handset: playwright.Locator) -> None:
    """The tip's way to the Hdesk screen: Menu twice, Right once, then the Hdesk softkey."""
    for key in ("Menu", "Menu", "Right"):
        handset.locator(f'button.ipo-nav[title="{key}"]').click()
    softkey(handset, "Hdesk")


def no_user(desk: ipo.Desk) -> str:
    """The first display line of the desk's phone with nobody logged on: NoUser, its extension."""
    return lcd_line("NoUser", desk.station, desk.model)


def agent_line(desk: ipo.Desk) -> str:
    """The first display line of the desk's phone with its agent logged on."""
    return lcd_line(desk.user, desk.extension, desk.model)


def star_35_exercise(page: playwright.Page, voila: Running) -> tuple[playwright.Locator, ipo.Desk]:
    """Open lesson 02; its *35 exercise, and the desk the page says is the trainee's."""
    open_lesson(page, voila, "02_logon_three_ways")
    task = exercise(page, "*35*Extn*Code#")
    return task, desk_shown(task)


# --- every lesson, as a page -------------------------------------------------------------


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_lesson_opens_as_a_page_whose_widgets_all_draw(page, voila, lesson):
    page.goto(voila.url(f"/voila/render/{lesson.name}"))

    lesson_drawn(page, lesson)
    assert page.locator("h1").count() == 1
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.get_by_text("Traceback").count() == 0
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0


# --- the page an agent sees --------------------------------------------------------------


def test_a_lesson_opens_as_a_page_of_text_and_phones_with_no_code(page, voila):
    open_lesson(page, voila, "02_logon_three_ways")

    assert page.locator("h1").first.inner_text() == "Lesson 2: Log on three ways"
    assert page.get_by_text("import ipo_core").count() == 0
    assert page.get_by_text("widgets.Exercise(").count() == 0
    # What a code cell prints is shown: the 4612's display at the start of the day.
    assert page.get_by_text("|NoUser              3000|").count() >= 1
    assert page.locator(".ipo-handset").count() == 4  # the widget, and the three exercises


def test_each_exercise_tells_the_trainee_the_desk_drawn_for_them(page, voila):
    """The line above every exercise's phone names the trainee's own desk in the training
    room: the one drawn from their name and this computer's desk secret (the tests' own)."""
    name = os.environ["IPO_TRAINER_TRAINEE"]  # the Voila kernels' trainee (conftest.py)
    drawn = ipo.Desk.draw(TRAINING_ROOM, name, desk_rng(name))
    for lesson, count in (("02_logon_three_ways", 3), ("03_logoff_three_ways", 3)):
        open_lesson(page, voila, lesson)
        tasks = page.locator(".ipo-exercise")
        assert tasks.count() == count
        for n in range(count):
            assert desk_shown(tasks.nth(n), name) == drawn
            playwright.expect(tasks.nth(n).locator("h3")).to_contain_text(
                f"{drawn.user} at station {drawn.station} ({drawn.model})"
            )


def test_the_drawn_phone_logs_on_with_star_35_when_its_keys_are_clicked(page, voila):
    task, desk = star_35_exercise(page, voila)
    phone = task.locator(".ipo-handset")
    expect_lcd(phone, no_user(desk), "")

    press(phone, f"*35*{desk.extension}*{desk.login_code}#")

    expect_lcd(phone, agent_line(desk), "Logged on")
    phone.locator("button.ipo-hook").click()  # hang up
    expect_lcd(phone, agent_line(desk), "")


# --- the exercises, done in the browser ----------------------------------------------------


def test_the_star_35_exercise_passes_when_the_agent_dials_the_code(page, voila):
    task, desk = star_35_exercise(page, voila)
    press(task.locator(".ipo-handset"), f"*35*{desk.extension}*{desk.login_code}#")

    expect_result(task, "Passed: 14 actions, 0 mistakes")
    playwright.expect(task.locator(".ipo-step.ipo-done")).to_have_count(1)


def test_a_wrong_code_gets_a_hint_and_the_exercise_is_not_passed(page, voila):
    task, desk = star_35_exercise(page, voila)
    wrong = str((int(desk.login_code[0]) + 1) % 10)  # the code's first digit, mistyped
    press(task.locator(".ipo-handset"), f"*35*{desk.extension}*{wrong}")

    playwright.expect(task.locator(".ipo-hint")).to_have_text(
        f"The code is 4 digits: {desk.login_code}. Hang up and dial again."
    )
    playwright.expect(task.locator(".ipo-passed, .ipo-failed")).to_have_count(0)


def test_forgetting_the_hash_is_explained_when_the_dial_delay_runs_out(page, voila):
    # Nobody hangs up: the kernel lets the phone's Dial Delay Time (4 s, R7) pass in real time.
    task, desk = star_35_exercise(page, voila)
    typed = f"*35*{desk.extension}*{desk.login_code}"
    press(task.locator(".ipo-handset"), typed)

    playwright.expect(task.locator(".ipo-hint")).to_have_text(
        f"{typed} needs # at the end: without it the phone waited the dial delay (4 s) "
        f"and says Incompatible. Hang up and dial {typed}#."
    )
    expect_lcd(task.locator(".ipo-handset"), typed, "Incompatible")


def test_the_menu_logon_exercise_passes_at_the_trainee_s_desk_with_softkeys(page, voila):
    open_lesson(page, voila, "02_logon_three_ways")
    task = exercise(page, "Log on with the Menu keys")
    desk = desk_shown(task)
    assert ipo.handset_model(desk.model).has_menu_keys  # every desk can do every method
    phone = task.locator(".ipo-handset")
    playwright.expect(task.locator(".ipo-unavailable")).to_have_count(0)
    expect_lcd(phone, no_user(desk))

    open_hdesk(phone)
    softkey(phone, "Logon")
    press(phone, desk.extension)
    softkey(phone, "Next")
    press(phone, desk.login_code)
    softkey(phone, "Done")

    expect_lcd(phone, agent_line(desk))
    expect_result(task, "Passed: 15 actions, 0 mistakes")


def test_the_menu_logoff_exercise_leaves_the_phone_showing_nouser(page, voila):
    open_lesson(page, voila, "03_logoff_three_ways")
    task = exercise(page, "Log off with the Menu keys")
    desk = desk_shown(task)
    phone = task.locator(".ipo-handset")
    expect_lcd(phone, agent_line(desk))

    open_hdesk(phone)
    softkey(phone, "LogOff")

    expect_lcd(phone, no_user(desk))
    expect_result(task, "Passed: 5 actions, 0 mistakes")


def test_the_button_logoff_exercise_programs_merges_and_presses_the_button(page, voila):
    """Manager's Button Programming and Merge, then the new button on the phone."""
    open_lesson(page, voila, "03_logoff_three_ways")
    task = exercise(page, "Log off with a programmed button")
    desk = desk_shown(task)
    manager, phone = task.locator(".ipo-manager"), task.locator(".ipo-handset")
    expect_lcd(phone, agent_line(desk))

    manager.locator(".lm-TabBar-tab", has_text="Button Programming").click()
    manager.get_by_label("User", exact=True).select_option(label=f"{desk.user} ({desk.extension})")
    manager.get_by_role("button", name="Set", exact=True).click()  # button 1, ExtnLogout
    manager.get_by_role("button", name="Merge", exact=True).click()
    phone.locator("button.ipo-line").first.click()

    expect_lcd(phone, no_user(desk), "Logged off")
    expect_result(task, "Passed: 3 actions, 0 mistakes")


# --- an engineer at Manager's screens -------------------------------------------------------


def test_the_logon_agent_exercise_passes_from_manager_s_telephony_tab(page, voila):
    open_lesson(page, voila, "01_make_logon_agents")
    task = exercise(page, "Make a user a logon agent")
    manager = task.locator(".ipo-manager")

    manager.locator(".lm-TabBar-tab", has_text="Telephony").click()
    manager.get_by_label("Force Login").check()
    code = manager.get_by_label("Login Code")
    code.fill("1234")
    code.press("Enter")  # the box sends its value on Enter, or on leaving it
    manager.get_by_role("button", name="Merge", exact=True).click()

    expect_result(task, "Passed: 3 actions, 0 mistakes")


def test_the_hunt_mode_exercise_passes_when_sales_is_set_to_linear(page, voila):
    open_lesson(page, voila, "01_make_logon_agents")
    task = exercise(page, "Put a hunt group in a mode CCC can monitor")
    manager = task.locator(".ipo-manager")

    manager.locator(".lm-TabBar-tab", has_text="Hunt Group").click()
    manager.get_by_label("Hunt Type").select_option(label="Linear (Sequential)")
    manager.get_by_role("button", name="Merge", exact=True).click()

    expect_result(task, "Passed: 2 actions, 0 mistakes")


# --- a workshop: many trainees, one server -------------------------------------------------


def test_each_trainee_on_one_server_has_a_phone_system_of_their_own(browser, voila):
    """Voila starts a kernel for every page, so one trainee's logon is not another's."""
    pages = [new_page(browser) for _ in range(2)]
    try:
        for page in pages:
            open_lesson(page, voila, "02_logon_three_ways")
        tasks = [exercise(p, "*35*Extn*Code#") for p in pages]
        desk, theirs = (desk_shown(task) for task in tasks)
        assert theirs == desk  # one name, one desk: the same station, on two systems
        first, second = (task.locator(".ipo-handset") for task in tasks)

        press(first, f"*35*{desk.extension}*{desk.login_code}#")

        expect_lcd(first, agent_line(desk), "Logged on")
        expect_lcd(second, no_user(theirs), "")
        press(second, "*36")  # the second trainee's phone still answers on its own
        expect_lcd(second, no_user(theirs), "Invalid")  # nobody to log off
    finally:
        for page in pages:
            page.context.close()


# --- a supervisor at the accuracy explorer -------------------------------------------------


def test_the_explorer_answers_a_supervisor_moving_its_controls(page, voila):
    page.goto(voila.url("/voila/render/04_why_logon_agents_matter.ipynb"))
    explorer = page.locator(".ipo-explorer")
    headline = explorer.locator(".ipo-headline")
    playwright.expect(headline).to_have_text(
        "CCC reported 9 of 20 agents' calls presented wrongly; 11 of 20 agents have at least "
        "one figure wrong.",
        timeout=PATIENCE * 1000,
    )

    # Logon agents from 50 % to 100 %, by the keyboard on the slider (0.1 a step).
    handle = explorer.locator(".widget-slider", has_text="Logon agents").locator(".noUi-handle")
    handle.focus()
    for _ in range(5):
        handle.press("ArrowRight")
    playwright.expect(headline).to_have_text("CCC reported every figure right for all 20 agents.")

    explorer.get_by_role("button", name="Group", exact=True).click()
    playwright.expect(headline).to_have_text(
        "CCC reported 20 of 20 agents' calls presented wrongly."
    )


def test_the_workshop_sweep_runs_from_its_button_with_a_progress_bar(page, voila):
    page.goto(voila.url("/voila/render/04_why_logon_agents_matter.ipynb"))
    explorer = page.locator(".ipo-explorer")
    explorer.locator(".ipo-headline").wait_for()
    assert sweep_picture_height(explorer) < 50  # nothing drawn before the sweep

    explorer.get_by_role("button", name="Sweep").click()

    playwright.expect(
        explorer.get_by_text(re.compile(r"^Swept 220 days of 50 agents"))
    ).to_be_visible(timeout=PATIENCE * 1000)
    playwright.expect(explorer.locator(".ipo-sweep-label")).to_have_text("220/220 days")
    wait_for_sweep_picture(page, explorer)
    assert sweep_picture_height(explorer) > 300  # seven panels, one a figure


def sweep_picture_height(explorer: playwright.Locator) -> float:
    """The height in pixels of the sweep's figure as the page draws it now (0: no picture)."""
    return float(
        explorer.locator("img.ipo-sweep-plot").evaluate(
            "img => img.complete && img.naturalHeight > 0 ? img.getBoundingClientRect().height : 0"
        )
    )


def wait_for_sweep_picture(page: playwright.Page, explorer: playwright.Locator) -> None:
    """Wait until the sweep's figure is drawn: its PNG comes after the status line, as a blob."""
    page.wait_for_function(
        "img => img.complete && img.naturalHeight > 0",
        arg=explorer.locator("img.ipo-sweep-plot").element_handle(),
        timeout=REDRAW * 1000,
    )
