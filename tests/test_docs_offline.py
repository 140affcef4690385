"""The static lessons (``make docs``) draw their widgets with no network at all.

``scripts/build_docs.py`` writes the lessons as HTML pages, each with its widgets' state, and
serves from the site itself what draws them: require.js and the widget manager's embed bundle
(from the npm registry, ``site/package-lock.json``) and anywidget's module for the handset's
keyboard.  These tests serve the site on loopback with ``python -m http.server``, open every
page in headless Chromium with every request to anywhere else refused (and recorded), and check
that each stored widget view draws and that nothing left the site.

The site is built once for the session into a temporary folder, unless ``build/docs`` is
newer than everything it is built from (``make docs`` was just run).  Building needs
``site/node_modules`` (``make site/node_modules``, which ``make test`` runs) and Debian's
Chromium at ``/usr/bin/chromium``; under CI a missing one fails, elsewhere the tests skip.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from browser import LESSONS, WIDGET_VIEW, missing, new_page, playwright, widget_outputs
from browser import browser as browser
from browser import chromium_path as chromium_path
from servers import ROOT, free_port, get, serving

from trainer.workspace import AGENT_LESSONS

BUILT = ROOT / "build" / "docs"
NODE_MODULES = ROOT / "site" / "node_modules"
#: What the site is built from: when any of it is newer than build/docs, the site is rebuilt.
SOURCES = ("notebooks", "ipo_core", "widgets", "trainer", "scripts", "site", "pyproject.toml")
#: Seconds the site may take to build (six lessons run in fresh kernels).
BUILD_PATIENCE = 600
#: Seconds a page may take to load the bundle and draw every widget from its state.
PATIENCE = 60

_VIEW_SCRIPT = re.compile(
    rf'<script type="{re.escape(WIDGET_VIEW)}">\s*(.*?)\s*</script>', re.DOTALL
)
_STATE_SCRIPT = re.compile(
    r'<script type="application/vnd.jupyter.widget-state\+json">\s*(.*?)\s*</script>', re.DOTALL
)
_HREF = re.compile(r"""href=["']([^"'#]+)""")


def _is_fresh(site: Path) -> bool:
    """``site`` was built (its manifest written last) after every file it is built from."""
    manifest = site / "manifest.json"
    if not manifest.exists():
        return False
    built = manifest.stat().st_mtime
    for name in SOURCES:
        source = ROOT / name
        files = [source] if source.is_file() else source.rglob("*")
        for file in files:
            if "node_modules" in file.parts or "__pycache__" in file.parts:
                continue
            if file.is_file() and file.stat().st_mtime > built:
                return False
    return True


@pytest.fixture(scope="module")
def site(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site: build/docs when it is fresh, else one built now into a temporary folder."""
    if _is_fresh(BUILT):
        return BUILT
    if not (NODE_MODULES / ".package-lock.json").exists():
        missing(
            f"No {NODE_MODULES.relative_to(ROOT)}: the pages' widget manager comes from npm "
            "(apt-get install nodejs npm, then make site/node_modules)."
        )
    out = tmp_path_factory.mktemp("docs") / "docs"
    # build_docs.py as `make docs` runs it, with its output folder pointed elsewhere, so a
    # test never overwrites (or reads half-written) the build/docs a developer is looking at.
    build = (
        "import pathlib, sys; sys.path.insert(0, 'scripts'); import build_docs; "
        "build_docs.OUT = pathlib.Path(sys.argv[1]); build_docs.main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", build, str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_PATIENCE,
        check=False,
    )
    assert done.returncode == 0, (
        f"build_docs.py failed:\n{done.stdout[-2000:]}{done.stderr[-4000:]}"
    )
    return out


@pytest.fixture(scope="module")
def served(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``http://127.0.0.1:PORT/``: ``python -m http.server`` serving the site, stopped afterwards."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tmp_path_factory.mktemp("http") / "http.log"
    command = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)]
    with serving(command, log, base, name="http.server", patience=30, cwd=site):
        yield base


class Offline:
    """A page that reaches only the site: every other request is refused and kept in ``left``.

    What the site does not have (a 404: a font looked for in the wrong folder, say) is kept in
    ``missing``; the browser's own ``/favicon.ico`` is not counted.
    """

    def __init__(self, browser: playwright.Browser, base: str) -> None:
        self.base = base
        self.left: list[str] = []
        self.errors: list[str] = []
        self.missing: list[str] = []
        self.page = new_page(browser, patience=PATIENCE)
        self.context = self.page.context
        self.context.route("**/*", self._route)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("response", self._on_response)

    def _route(self, route: playwright.Route) -> None:
        if route.request.url.startswith(self.base):
            route.continue_()
        else:
            self.left.append(route.request.url)
            route.abort("internetdisconnected")

    def _on_response(self, response: playwright.Response) -> None:
        if response.status >= 400 and response.url != self.base + "favicon.ico":
            self.missing.append(f"{response.status} {response.url}")

    def open(self, name: str) -> playwright.Page:
        """Open ``name`` on the site and wait until it and everything it asked for has loaded."""
        self.page.goto(self.base + name, wait_until="networkidle")
        return self.page


@pytest.fixture
def offline(browser: playwright.Browser, served: str) -> Iterator[Offline]:
    tab = Offline(browser, served)
    yield tab
    tab.context.close()


def stored_views(page_html: str) -> tuple[list[str], dict[str, object]]:
    """The model ids of a page's widget outputs, in order, and the widget state it stores."""
    views = [json.loads(html.unescape(v))["model_id"] for v in _VIEW_SCRIPT.findall(page_html)]
    states = _STATE_SCRIPT.findall(page_html)
    state = json.loads(html.unescape(states[0]))["state"] if states else {}
    return views, state


# --- every lesson's widgets draw, with nothing from outside the site --------------------------


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_widget_of_a_lesson_draws_offline_from_its_stored_state(site, offline, lesson):
    views, state = stored_views((site / f"{lesson.stem}.html").read_text(encoding="utf-8"))
    assert len(views) == widget_outputs(lesson)
    assert all(view in state for view in views), "a widget output has no stored state"

    page = offline.open(f"{lesson.stem}.html")

    drawn = page.locator(".jp-OutputArea-output > .widget-subarea > .jupyter-widgets")
    playwright.expect(drawn).to_have_count(len(views), timeout=PATIENCE * 1000)
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.locator(".jupyter-widgets-error-widget").count() == 0
    assert offline.errors == []
    assert offline.missing == []
    assert offline.left == []


@pytest.mark.parametrize("name", ["index.html", "quick_reference.html"])
def test_the_index_and_the_card_load_nothing_from_outside_the_site(offline, name):
    offline.open(name)

    assert offline.errors == []
    assert offline.missing == []
    assert offline.left == []


def test_the_handset_draws_offline_with_its_keyboard_script(offline):
    page = offline.open("02_logon_three_ways.html")

    phones = page.locator(".ipo-handset")
    playwright.expect(phones).to_have_count(4)  # the widget, and the three exercises
    playwright.expect(phones.first.locator(".ipo-lcd-line").first).to_contain_text("NoUser")
    assert phones.first.locator("button.ipo-dial").count() == 12
    # anywidget's keyboard view ran from the site's copy of its module: it names each phone.
    playwright.expect(page.locator('.ipo-handset[role="group"]')).to_have_count(4)
    assert offline.left == []


@pytest.mark.parametrize(
    ("lesson", "shown"), [("02_logon_three_ways", False), ("01_make_logon_agents", True)]
)
def test_the_exercises_action_box_shows_only_on_supervisors_pages(offline, lesson, shown):
    page = offline.open(f"{lesson}.html")

    boxes = page.locator(".ipo-exercise .ipo-action")
    playwright.expect(page.locator(".ipo-exercise").first.locator(".ipo-steps")).to_be_visible()
    assert boxes.count() >= 1
    for n in range(boxes.count()):
        if shown:
            playwright.expect(boxes.nth(n)).to_be_visible()
        else:
            playwright.expect(boxes.nth(n)).to_be_hidden()


def test_the_widget_manager_and_require_js_are_served_by_the_site(offline, served):
    page = offline.open("02_logon_three_ways.html")
    playwright.expect(page.locator('.ipo-handset[role="group"]')).to_have_count(4)  # all drawn

    loaded = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
    assert served + "static/require.js" in loaded
    assert served + "static/embed-amd.js" in loaded
    assert served + "static/anywidget.js" in loaded
    assert all(url.startswith((served, "blob:", "data:")) for url in loaded), loaded


# --- what each reader sees ----------------------------------------------------------------


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_agents_lessons_hide_their_code_and_supervisors_lessons_show_it(site, lesson):
    page_html = (site / f"{lesson.stem}.html").read_text(encoding="utf-8")

    code_cells = page_html.count('class="jp-CodeMirrorEditor')
    if lesson.stem in AGENT_LESSONS:
        assert code_cells == 0
        assert "import ipo_core" not in page_html
    else:
        assert code_cells > 0


def test_every_page_is_linked_from_the_index_and_every_link_opens(site, served):
    index = (site / "index.html").read_text(encoding="utf-8")
    linked = {html.unescape(href) for href in _HREF.findall(index)}
    pages = {
        str(p.relative_to(site))
        for p in site.rglob("*")
        if p.is_file() and p.suffix in {".html", ".pdf"} and p.name != "index.html"
    }
    pages = {p for p in pages if not p.startswith("static/")}

    assert {f"{p.stem}.html" for p in LESSONS} <= pages
    assert pages - linked == set()
    for href in sorted(linked):
        status, _ = get(urljoin(served, href))
        assert status == 200, href


def test_lessons_link_to_each_others_pages_not_to_notebooks(site):
    for lesson in LESSONS:
        page_html = (site / f"{lesson.stem}.html").read_text(encoding="utf-8")
        for href in _HREF.findall(page_html):
            if not href.startswith(("http://", "https://", "mailto:")):
                assert not href.endswith(".ipynb"), (lesson.stem, href)
                assert (site / href).is_file(), (lesson.stem, href)
