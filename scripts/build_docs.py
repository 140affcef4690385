"""Render the lessons to a static HTML site, with the agents' quick reference card (``make docs``).

Each lesson is run again in a fresh kernel with its widgets' state kept, so the pages
show the handsets and explorers as they were drawn; the card is written by
``ipo_core.training.quick_reference`` from the model itself.  Output: ``build/docs/``.

The pages draw their widgets from that stored state with no network: require.js and the
widget manager's embed bundle (with the fonts it loads) come from the npm registry at the
versions in ``site/package-lock.json`` (``make site/node_modules``) and are served from the
site's ``static/`` folder, as is anywidget's module for the handset's keyboard (from the
installed anywidget, so it matches the kernel's).  The agents' lessons are shown without code.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import anywidget
import nbformat
from nbconvert import HTMLExporter
from run_lessons import execute  # this folder: run as a script, like run_lessons.py

import ipo_core as ipo
from trainer.card import write_cards
from trainer.workspace import AGENT_LESSONS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "docs"
#: The npm packages the pages load (site/package.json), and the lessons' page template.
SITE = ROOT / "site"
NODE_MODULES = SITE / "node_modules"
#: Where the pages find them, relative to the site.
STATIC = "static"
#: The embed bundle's files a page loads: the AMD bundle and the fonts its CSS names.
EMBED_FILES = ("embed-amd.js", "*.woff2", "*.woff", "*.ttf", "*.eot", "*.svg")
#: Where require.js finds each module (``static/anywidget`` is ``static/anywidget.js``): the
#: bundle's own, so that the fonts each names are looked for in ``static/`` too, and the widget
#: modules outside it, which the bundle would otherwise fetch from a CDN.
REQUIRE_PATHS = {"@jupyter-widgets": STATIC, "anywidget": f"{STATIC}/anywidget"}
#: A lesson's link to another (``02_logon_three_ways.ipynb``), which on the site is its page.
LESSON_LINK = re.compile(r'href="(\d\d_\w+)\.ipynb(#[^"]*)?"')


def title_of(notebook: nbformat.NotebookNode, fallback: str) -> str:
    """The lesson's first heading."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def copy_static() -> None:
    """Put what the pages load into the site's ``static/``: nothing comes from elsewhere."""
    if not (NODE_MODULES / ".package-lock.json").exists():
        raise SystemExit(
            f"{NODE_MODULES.relative_to(ROOT)} is missing: the pages' widget manager and "
            "require.js come from npm (apt-get install nodejs npm, then make site/node_modules)."
        )
    static = OUT / STATIC
    static.mkdir()
    shutil.copy(NODE_MODULES / "requirejs" / "require.js", static / "require.js")
    embed = NODE_MODULES / "@jupyter-widgets" / "html-manager" / "dist"
    for pattern in EMBED_FILES:
        for file in embed.glob(pattern):
            shutil.copy(file, static / file.name)
    # The AMD build the classic notebook loads; the npm package has only an ES module.
    shutil.copy(
        Path(anywidget.__file__).parent / "nbextension" / "index.js", static / "anywidget.js"
    )


def exporter(name: str) -> HTMLExporter:
    """The exporter for lesson ``name``: the agents' lessons without their code."""
    return HTMLExporter(
        template_name="lab",
        extra_template_paths=[str(SITE)],
        template_file="lesson.html.j2",
        require_js_url=f"{STATIC}/require.js",
        widget_renderer_url=f"{STATIC}/embed-amd.js",
        exclude_input=name in AGENT_LESSONS,
        exclude_output_prompt=name in AGENT_LESSONS,
    )


def render(path: Path) -> tuple[str, str]:
    """Run one lesson with widget state and write its page; (page name, title)."""
    notebook = execute(path, keep_widget_state=True, agents_page=path.stem in AGENT_LESSONS)
    body, _ = exporter(path.stem).from_notebook_node(
        notebook, resources={"require_paths": REQUIRE_PATHS, "widget_assets": f"{STATIC}/"}
    )
    page = path.stem + ".html"
    (OUT / page).write_text(LESSON_LINK.sub(r'href="\1.html\2"', body), encoding="utf-8")
    return page, title_of(notebook, path.stem)


def main() -> None:
    """Build the whole site."""
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    copy_static()
    lessons = [render(p) for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]
    (OUT / "quick_reference.html").write_text(ipo.quick_reference(), encoding="utf-8")
    cards = write_cards(ipo.load_site("tech_tip_014"), OUT / "cards")  # ipo-trainer card
    card_items = "".join(
        f'<li><a href="cards/{html.escape(p.name)}">{html.escape(p.name)}</a></li>' for p in cards
    )
    items = "".join(
        f'<li><a href="{html.escape(page)}">{html.escape(title)}</a></li>'
        for page, title in lessons
    )
    (OUT / "index.html").write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>IP Office logon-agent kit"
        "</title></head><body style='font-family: system-ui, sans-serif; margin: 2em'>"
        "<h1>IP Office logon-agent training kit</h1>"
        "<p>Avaya Technical Tip 014, <i>Logon Users for CCC Reporting</i>, as lessons you can "
        "read here and run in JupyterLab (<code>make lab</code>), or click through as pages "
        "without code in Voila (<code>make agent</code>), where the widgets answer clicks "
        "(here they are drawn as the lesson left them).</p>"
        f"<h2>Lessons</h2><ol>{items}</ol>"
        "<h2>For agents</h2><p><a href='quick_reference.html'>Quick reference card</a> "
        "(printable): logging on and off, three ways each.</p>"
        "<p>Each agent's own card for the tech tip's site, one page as PDF for A4 or Letter "
        f"paper (the login code a blank to write in):</p><ul>{card_items}</ul></body></html>",
        encoding="utf-8",
    )
    (OUT / "manifest.json").write_text(
        json.dumps(
            {
                "lessons": [p for p, _ in lessons],
                "card": "quick_reference.html",
                "cards": [f"cards/{p.name}" for p in cards],
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    print(
        f"built {len(lessons)} lessons, the index, the quick reference card and "
        f"{len(cards) // 2} agents' cards (A4 and Letter PDF) in {OUT}"
    )


if __name__ == "__main__":
    main()
