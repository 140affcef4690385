"""Render the lessons to a static HTML site, with the agents' quick reference card (``make docs``).

Each lesson is run again in a fresh kernel with its widgets' state kept, so the pages
show the handsets and explorers as they were drawn; the card is written by
``ipo_core.quick_reference`` from the model itself.  Output: ``build/docs/``.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from run_lessons import execute  # this folder: run as a script, like run_lessons.py

import ipo_core as ipo

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "docs"


def title_of(notebook: nbformat.NotebookNode, fallback: str) -> str:
    """The lesson's first heading."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def render(path: Path) -> tuple[str, str]:
    """Run one lesson with widget state and write its page; (page name, title)."""
    notebook = execute(path, keep_widget_state=True)
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(notebook)
    page = path.stem + ".html"
    (OUT / page).write_text(body, encoding="utf-8")
    return page, title_of(notebook, path.stem)


def main() -> None:
    """Build the whole site."""
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    lessons = [render(p) for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]
    (OUT / "quick_reference.html").write_text(ipo.quick_reference(), encoding="utf-8")
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
        "without code in Voila (<code>make agent</code>), where the widgets work.</p>"
        f"<h2>Lessons</h2><ol>{items}</ol>"
        "<h2>For agents</h2><p><a href='quick_reference.html'>Quick reference card</a> "
        "(printable): logging on and off, three ways each.</p></body></html>",
        encoding="utf-8",
    )
    (OUT / "manifest.json").write_text(
        json.dumps({"lessons": [p for p, _ in lessons], "card": "quick_reference.html"}, indent=2),
        encoding="utf-8",
    )
    print(f"built {len(lessons)} lessons, the index and the quick reference card in {OUT}")


if __name__ == "__main__":
    main()
