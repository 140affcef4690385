"""widgets.Manager as a trainee sees it: every lesson's Manager screens in Voila, in Chromium.

The headless tests (``test_widget_manager.py``) check what the Manager holds; these check
what it shows, at the two screens of a training room, 1280x800 and 1024x768: on every tab
of every Manager of every lesson that shows one (lesson 01's, and the exercises of lessons
02 and 03 that put a Manager beside the phone), no label, tab title, table cell, field or
list entry is cut off, across or down, and no element sticks out of the box it sits in,
the Manager out of the page or of the row it shares with the phone neither; the Feature field is a drop-down of
Manager's features; a placeholder does not look like a value typed in; and the Manager
words the exercises use each have a line of help under them.

Like every browser test they need Debian's Chromium at ``/usr/bin/chromium``, and are
skipped without it (CI installs it, so under CI a missing browser fails): ``browser.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from browser import LESSONS, exercise, new_page, open_lesson, playwright
from browser import browser as browser
from browser import chromium_path as chromium_path
from browser import voila as voila
from servers import Running

import ipo_core as ipo
from widgets.manager import HELP, TABS

#: The screens of a training room: a laptop's, and an old projector's.
VIEWPORTS = [(1280, 800), (1024, 768)]
LESSON = "01_make_logon_agents"

#: Every element of ``root`` that is cut off or sticks out of its parent, as readable lines.
#: An element clips when it hides what overflows it (labels end in an ellipsis, boxes scroll):
#: then its content must fit, across and down.  A <select> hides an entry too long for it:
#: each entry's text, measured in the select's own font, must fit inside its padding (a list
#: scrolls down its entries on purpose: the Buttons list's 24 positions).  The Manager itself
#: must lie inside the page across, and inside the box it shares with the phone both ways.
OVERFLOWS = """
(root) => {
  const found = [];
  const shown = (el) => {
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
  };
  const name = (el) => {
    const classes = [...el.classList].filter((c) => /^(ipo|widget|lm)-/.test(c));
    const text = (el.innerText || el.value || el.placeholder || '').trim().split('\\n')[0];
    return `<${el.tagName.toLowerCase()}${classes.map((c) => '.' + c).join('')}> "${
      text.slice(0, 40)}"`;
  };
  const canvas = document.createElement('canvas').getContext('2d');
  const page = document.documentElement.clientWidth;
  const frame = root.getBoundingClientRect();
  if (frame.left < -1 || frame.right > page + 1) {
    found.push(`the Manager spans ${frame.left | 0}..${frame.right | 0}px of a ${page}px page`);
  }
  const row = root.parentElement.getBoundingClientRect();
  if (frame.left < row.left - 1 || frame.right > row.right + 1 ||
      frame.top < row.top - 1 || frame.bottom > row.bottom + 1) {
    found.push(`the Manager at ${frame.left | 0}..${frame.right | 0} x ${frame.top | 0}..` +
      `${frame.bottom | 0}px sticks out of its row at ${row.left | 0}..${row.right | 0} x ` +
      `${row.top | 0}..${row.bottom | 0}px`);
  }
  for (const el of root.querySelectorAll('*')) {
    if (!shown(el)) continue;
    const style = getComputedStyle(el);
    if (el.tagName === 'SELECT') {
      canvas.font = style.font;
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      for (const option of el.options) {
        const width = canvas.measureText(option.text).width;
        if (width > room + 1) {
          found.push(`${name(el)} cuts "${option.text}": ${width | 0}px in ${room | 0}px`);
        }
      }
    } else {
      const clips = ['hidden', 'auto', 'scroll', 'clip'].includes(style.overflowX) ||
        style.textOverflow === 'ellipsis' || el.tagName === 'INPUT';
      if (clips && el.scrollWidth > el.clientWidth + 1) {
        found.push(`${name(el)} cuts its content: ${el.scrollWidth}px in ${el.clientWidth}px`);
      }
      const clipsDown = ['hidden', 'auto', 'scroll', 'clip'].includes(style.overflowY);
      if (clipsDown && el.scrollHeight > el.clientHeight + 1) {
        found.push(`${name(el)} cuts its content down: ${el.scrollHeight}px in ` +
          `${el.clientHeight}px`);
      }
    }
    const parent = el.parentElement;  // a list's entries scroll in it, on purpose
    if (el !== root && parent && shown(parent) && parent.tagName !== 'SELECT') {
      const box = el.getBoundingClientRect(), outer = parent.getBoundingClientRect();
      if (box.left < outer.left - 1 || box.right > outer.right + 1) {
        found.push(`${name(el)} at ${box.left | 0}..${box.right | 0}px sticks out of ` +
          `${name(parent)} at ${outer.left | 0}..${outer.right | 0}px`);
      }
      if (box.top < outer.top - 1 || box.bottom > outer.bottom + 1) {
        found.push(`${name(el)} at ${box.top | 0}..${box.bottom | 0}px sticks out down of ` +
          `${name(parent)} at ${outer.top | 0}..${outer.bottom | 0}px`);
      }
    }
  }
  return found;
}
"""


@pytest.fixture(scope="module", params=VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS])
def page(
    request: pytest.FixtureRequest, browser: playwright.Browser, voila: Running
) -> Iterator[playwright.Page]:
    """Lesson 01 at each of the training room's screen sizes (one page a size: each test
    opens the tab it looks at, and leaves no edit behind)."""
    page = new_page(browser, request.param)
    open_lesson(page, voila, LESSON)
    yield page
    page.context.close()


def open_tab(manager: playwright.Locator, title: str) -> None:
    """Click the Manager's tab ``title`` and wait until its page is the one shown."""
    manager.locator(".lm-TabBar-tab", has_text=title).click()
    playwright.expect(manager.locator(".lm-TabBar-tab.lm-mod-current")).to_have_text(title)


def managers_shown(lesson) -> int:
    """How many Managers the committed ``lesson`` draws: its own, and its exercises' (an
    exercise of a method with a step in Manager shows one, beside the phone or alone)."""
    site = ipo.load_site("tech_tip_014")
    with_manager = {
        m.title
        for m in ipo.Method
        if any(step.place == "manager" for step in ipo.Procedure.for_site(m, site).steps)
    }
    count = 0
    for cell in json.loads(lesson.read_text(encoding="utf-8"))["cells"]:
        for out in cell.get("outputs", []):
            text = "".join(out.get("data", {}).get("text/plain", ""))
            if text.startswith("<Manager"):
                count += 1
            elif text.startswith("<Exercise: "):
                count += text.removeprefix("<Exercise: ").split(":")[0] in with_manager
    return count


#: The lessons that show a Manager, with how many.
WITH_MANAGERS = {p.stem: managers_shown(p) for p in LESSONS if managers_shown(p)}


def overflows(page: playwright.Page) -> list[str]:
    """What is cut off or sticks out on any tab of any Manager on the page."""
    managers = page.locator(".ipo-manager")
    found = []
    for n in range(managers.count()):
        manager = managers.nth(n)
        manager.scroll_into_view_if_needed()
        for title in TABS:
            open_tab(manager, title)
            found += [f"Manager {n + 1}, {title}: {line}" for line in manager.evaluate(OVERFLOWS)]
    return found


def test_no_element_of_any_manager_overflows_its_box_on_any_tab(page):
    assert page.locator(".ipo-manager").count() == 3  # the lesson's Manager, its exercises'
    assert overflows(page) == []


def test_the_lessons_that_show_a_manager_are_lesson_01_and_the_agents_lessons():
    assert WITH_MANAGERS == {
        "01_make_logon_agents": 3,
        "02_logon_three_ways": 1,  # the custom short code: Manager beside the phone
        "03_logoff_three_ways": 1,  # the programmed button: Manager beside the phone
    }


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS])
@pytest.mark.parametrize("lesson", [n for n in WITH_MANAGERS if n != LESSON])
def test_no_manager_beside_a_phone_overflows_on_any_tab(browser, voila, lesson, viewport):
    page = new_page(browser, viewport)
    try:
        open_lesson(page, voila, lesson)
        assert page.locator(".ipo-manager").count() == WITH_MANAGERS[lesson]
        assert overflows(page) == []
    finally:
        page.context.close()


def test_the_tab_titles_are_shown_whole(page):
    manager = page.locator(".ipo-manager").first
    titles = manager.locator(".lm-TabBar-tab .lm-TabBar-tabLabel")
    assert titles.all_inner_texts() == list(TABS)
    for label in titles.all():
        assert label.evaluate("el => el.scrollWidth <= el.clientWidth + 1")


def test_the_feature_field_is_a_drop_down_of_managers_features(page):
    manager = page.locator(".ipo-manager").first
    open_tab(manager, "Short Codes")
    feature = manager.get_by_label("Feature")

    assert feature.evaluate("el => el.tagName") == "SELECT"
    assert feature.locator("option").all_inner_texts() == [f.value for f in ipo.Feature]
    assert feature.input_value() == "Dial"
    feature.select_option("ExtnLogin")
    playwright.expect(feature).to_have_value("ExtnLogin")


PLACEHOLDER_STYLE = (
    "(el) => { const s = getComputedStyle(el, '::placeholder'); return [s.color, s.fontStyle]; }"
)
VALUE_STYLE = "(el) => { const s = getComputedStyle(el); return [s.color, s.fontStyle]; }"


def test_a_placeholder_looks_different_from_a_value_typed_in(page):
    manager = page.locator(".ipo-manager").first
    open_tab(manager, "Short Codes")
    short_code = manager.get_by_label("Short Code", exact=True).first
    assert short_code.get_attribute("placeholder") == "#3000"

    placeholder_color, placeholder_style = short_code.evaluate(PLACEHOLDER_STYLE)
    short_code.fill("#3001")
    value_color, value_style = short_code.evaluate(VALUE_STYLE)

    assert (placeholder_style, value_style) == ("italic", "normal")
    assert placeholder_color != value_color
    short_code.fill("")


@pytest.mark.parametrize(
    ("title", "tab", "words"),
    [
        ("Make a user a logon agent", "Telephony", ["Force Login", "Login Code", "Merge"]),
        ("Put a hunt group in a mode CCC can monitor", "Hunt Group", ["Hunt Type", "Merge"]),
    ],
)
def test_the_manager_words_an_exercise_uses_each_have_a_help_line(page, title, tab, words):
    manager = exercise(page, title).locator(".ipo-manager")
    open_tab(manager, tab)

    for word in words:
        line = manager.locator(".ipo-help", has_text=HELP[word])
        playwright.expect(line).to_be_visible()
        assert line.evaluate("el => el.scrollWidth <= el.clientWidth + 1")


@pytest.mark.parametrize(
    ("tab", "words"),
    [
        ("Short Codes", ["Short Code", "Telephone Number", "Feature"]),
        ("Button Programming", ["DSS key", "Action", "Dial number"]),
    ],
)
def test_the_short_code_and_button_words_have_a_help_line_too(page, tab, words):
    manager = page.locator(".ipo-manager").first
    open_tab(manager, tab)

    for word in words:
        playwright.expect(manager.locator(".ipo-help", has_text=HELP[word])).to_be_visible()
