"""Execute the lessons in place, top to bottom, so their outputs match the kit (``make lessons``).

nbval then checks in CI that they still do.  Widget state is not stored: it is large,
and the views are drawn again whenever a lesson is run.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
#: The desk secret the lessons are run and tested with (the root conftest.py sets the same).
LESSONS_DESK_SECRET = "lessons-and-tests-only-not-a-class-secret"


def execute(
    path: Path, keep_widget_state: bool, *, agents_page: bool = False
) -> nbformat.NotebookNode:
    """The lesson at ``path`` run top to bottom in a fresh kernel, from its own folder.

    The kernel trains as ``trainee`` on an empty store of its own (as the tests' kernels do,
    see the root conftest.py), so what the lesson shows never depends on this machine's
    records and running it writes none of them.  ``agents_page``: run as an agent's page
    is (``IPO_AGENTS_PAGE``), so an exercise hides its Action box.
    """
    notebook = nbformat.read(path, as_version=4)
    notebook.metadata.pop("widgets", None)
    with tempfile.TemporaryDirectory(prefix="ipo-trainer-lesson-") as home:
        os.environ.update(
            IPO_TRAINER_HOME=home,
            IPO_TRAINER_DB=str(Path(home) / "records.sqlite"),
            IPO_TRAINER_TRAINEE="trainee",
            # A fixed desk secret, so "trainee" sits at the same desk on every run and the
            # committed outputs repeat (a class's secret is made per computer: trainer.identity).
            IPO_TRAINER_DESK_SECRET=LESSONS_DESK_SECRET,
        )
        # An agent's page (the static site's agents' lessons) hides what is for engineers.
        if agents_page:
            os.environ["IPO_AGENTS_PAGE"] = "1"
        else:
            os.environ.pop("IPO_AGENTS_PAGE", None)
        try:
            _run(notebook, path, keep_widget_state)
        finally:
            os.environ.pop("IPO_AGENTS_PAGE", None)
    return notebook


def _run(notebook: nbformat.NotebookNode, path: Path, keep_widget_state: bool) -> None:
    NotebookClient(
        notebook,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=keep_widget_state,
        timeout=600,
    ).execute()


def run(path: Path) -> None:
    """Execute ``path`` and write it back with its outputs (no widget state)."""
    nbformat.write(execute(path, keep_widget_state=False), path)
    print(f"ran {path.relative_to(ROOT)}")


def main(names: list[str]) -> None:
    """Run the lessons named (default: every notebook in notebooks/)."""
    paths = [ROOT / "notebooks" / n for n in names] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        run(path)


if __name__ == "__main__":
    main(sys.argv[1:])
