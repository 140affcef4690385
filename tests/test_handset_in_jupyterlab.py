"""The drawn phone takes the keyboard in JupyterLab too, and JupyterLab does not take it.

In a notebook, JupyterLab's command mode gives the keys a phone uses meanings of its own:
``1`` to ``6`` turn the cell into a heading, ``0 0`` restarts the kernel, Enter edits the
cell and Escape leaves it.  With the phone focused, they are the phone's alone (the handset
marks itself ``data-lm-suppress-shortcuts`` and sends each key to the kernel).  JupyterLab
is started as ``ipo-trainer lab`` starts it and opens a notebook drawing the tech tip's
phone at 3000, as the browser benchmark does (``front_ends.py``, which it shares); the test
types the ``*35`` logon and the Menu logon on the keyboard and reads the display, then
checks the cell is still the same code cell and the kernel was not restarted.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import browser as browser
from browser import chromium_path as chromium_path
from browser import expect_lcd, playwright, type_at_the_logon_prompts
from browser import page as page
from front_ends import open_lab, trainer_server, write_lab_settings
from servers import Running


@pytest.fixture(scope="module")
def lab(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """``ipo-trainer lab`` on loopback with a token, in a throw-away trainer folder."""
    home: Path = tmp_path_factory.mktemp("lab-keyboard")
    write_lab_settings(home)  # no news toast over the page
    with trainer_server("lab", home, home / "lab.log") as server:
        yield server


def cells(page: playwright.Page) -> list[str]:
    """Each cell's kind as JupyterLab draws it (``code``, ``markdown``) and its prompt."""
    return page.locator(".jp-Notebook .jp-Cell").evaluate_all(
        """cells => cells.map(c => (c.classList.contains('jp-CodeCell') ? 'code' : 'other')
                 + ' ' + (c.querySelector('.jp-InputPrompt')?.innerText.trim() ?? ''))"""
    )


def test_in_jupyterlab_the_phone_takes_the_keyboard_and_the_notebook_does_not(page, lab):
    handset = open_lab(page, lab)
    expect_lcd(handset, "NoUser              3000", "")
    before = cells(page)
    assert before == ["code [1]:"], before

    handset.focus()
    page.keyboard.type("*35*3000*1234#")  # 1 would make a heading, 0 0 restart the kernel
    expect_lcd(handset, "Agent3000           3000", "Logged on")
    playwright.expect(handset.locator(".ipo-status")).to_have_text(
        "Logged on as Agent3000 at 3000."
    )
    handset.locator("button.ipo-hook").click()  # hang up
    handset.focus()
    page.keyboard.type("*36")
    expect_lcd(handset, "NoUser              3000", "Logged off")
    handset.locator("button.ipo-hook").click()

    # The Menu logon: Enter on a key is its click, the arrow its arrow, and at the prompts
    # Enter on the phone is the softkey that confirms (Next, then Done).
    handset.locator('button.ipo-nav[title="Menu"]').focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowRight")
    expect_lcd(handset, "NoUser              3000", "Menu 3 of 3")
    handset.locator("button.ipo-softkey", has_text="Hdesk").click()
    handset.locator("button.ipo-softkey", has_text="Logon").click()
    type_at_the_logon_prompts(page, handset, "3000", "1234")
    expect_lcd(handset, "Agent3000           3000", "Logged on")

    assert cells(page) == before  # the same code cell, run once: no heading, no restart
    # Enter did not open the cell for editing: JupyterLab stayed in command mode.
    assert page.locator(".jp-Notebook.jp-mod-editMode").count() == 0
    assert page.locator(".jp-Notebook.jp-mod-commandMode").count() == 1
