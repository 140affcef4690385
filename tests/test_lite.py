"""The steps of ``ipo-trainer lite`` (``make lite``) that need no network: the lock, the lessons.

:mod:`trainer.lite` keeps from the npm package's ``pyodide-lock.json`` only what the kernel
needs, names PyPI's wheel for each entry with that wheel's sha256, and adds the kit and what
it loads: these tests run that on a hand-written lock and fake wheels.  It stages copies of
the agents' lessons for the site (code folded, a note first) and writes the root page that
opens lesson 00: these run on the kit's real lessons and JupyterLite's real root page.
The whole build, in a browser, is ``test_lite_site.py``.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import shutil
import tarfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import nbformat
import pytest
from browser import missing
from servers import ROOT

from trainer import links, lite
from trainer.errors import TrainerError

LOCK = {
    "info": {"abi_version": "2026_0", "arch": "wasm32", "python": "3.14.2"},
    "packages": {
        "ipython": {
            "name": "ipython",
            "version": "9.12.0",
            "file_name": "ipython-9.12.0-py3-none-any.whl",
            "sha256": "pyodide's own build",
            "depends": ["prompt_toolkit"],
        },
        "prompt-toolkit": {
            "name": "prompt_toolkit",
            "version": "3.0.52",
            "file_name": "prompt_toolkit-3.0.52-py3-none-any.whl",
            "sha256": "pyodide's own build",
            "depends": [],
        },
        "numpy": {
            "name": "numpy",
            "version": "2.3.0",
            "file_name": "numpy-2.3.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl",
            "sha256": "not on PyPI",
            "depends": [],
        },
    },
}


def lite_extra(module: str) -> Any:
    """``module`` of the kit's ``lite`` extra, which ``make test`` installs: a failure under CI
    (browser.missing), a skip that says how to get it elsewhere."""
    try:
        return importlib.import_module(module)
    except ImportError:
        missing(f"{module} is not installed: make test (or pip install -e '.[lite]') installs it.")


def _wheel(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(name.encode())
    return path


def test_the_names_in_depends_are_found_however_they_are_spelt() -> None:
    assert lite.closure(LOCK, ["ipython"]) == {"ipython", "prompt-toolkit"}
    assert lite.canonical("Prompt_Toolkit") == "prompt-toolkit"


def test_each_entry_kept_names_pypi_s_wheel_and_its_checksum(tmp_path: Path) -> None:
    ipython = _wheel(tmp_path, "ipython-9.12.0-py3-none-any.whl")
    _wheel(tmp_path, "prompt_toolkit-3.0.52-py3-none-any.whl")

    lock = lite.rewrite_lock(LOCK, tmp_path, lite.closure(LOCK, ["ipython"]))

    assert sorted(lock["packages"]) == ["ipython", "prompt-toolkit"]  # numpy dropped
    entry = lock["packages"]["ipython"]
    assert entry["sha256"] == hashlib.sha256(ipython.read_bytes()).hexdigest()
    assert entry["file_name"] == ipython.name
    assert lock["info"] == LOCK["info"]
    assert LOCK["packages"]["ipython"]["sha256"] == "pyodide's own build"  # not changed


def test_a_wheel_missing_from_the_download_stops_the_build(tmp_path: Path) -> None:
    _wheel(tmp_path, "ipython-9.12.0-py3-none-any.whl")
    with pytest.raises(FileNotFoundError, match="prompt_toolkit"):
        lite.rewrite_lock(LOCK, tmp_path, {"ipython", "prompt-toolkit"})


def test_the_kit_is_added_with_what_it_imports_and_needs(tmp_path: Path) -> None:
    kit = _wheel(tmp_path, "ipo_logon_kit-0.1.0-py3-none-any.whl")
    lock = json.loads(json.dumps(LOCK))

    lite.add_to_lock(lock, "ipo-logon-kit", kit)

    entry = lock["packages"]["ipo-logon-kit"]
    assert entry["version"] == "0.1.0"
    assert entry["imports"] == ["ipo_core", "widgets", "trainer"]
    assert "ipywidgets" in entry["depends"]
    assert entry["sha256"] == hashlib.sha256(kit.read_bytes()).hexdigest()


def test_the_site_asks_for_the_pyodide_the_npm_lock_pins() -> None:
    """lite/package-lock.json's pyodide is the version jupyterlite-pyodide-kernel expects."""
    constants = lite_extra("jupyterlite_pyodide_kernel.constants")

    lock = json.loads((ROOT / "lite" / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/pyodide"]["version"] == constants.PYODIDE_VERSION


# --- the lessons as the site carries them ---------------------------------------------------


@pytest.fixture
def lessons(tmp_path: Path) -> Path:
    """The kit's real agents' lessons, copied to a folder of the test's own."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in lite.LESSONS:
        shutil.copy2(ROOT / "notebooks" / name, folder / name)
    return folder


def test_the_site_carries_the_agents_lessons_and_leaves_the_originals_alone(
    lessons: Path, tmp_path: Path
) -> None:
    before = {p.name: p.read_bytes() for p in lessons.iterdir()}
    written = lite.stage_lessons(tmp_path / "contents", lessons)
    assert [p.name for p in written] == list(lite.LESSONS)
    assert lite.START == "00_start_here.ipynb"
    assert {p.name: p.read_bytes() for p in lessons.iterdir()} == before
    assert sorted(p.name for p in (tmp_path / "contents").iterdir()) == sorted(before)


@pytest.mark.parametrize("name", lite.LESSONS)
def test_each_lesson_has_its_code_folded_and_opens_with_how_to_start(
    lessons: Path, tmp_path: Path, name: str
) -> None:
    lite.stage_lessons(tmp_path / "contents", lessons)
    original = nbformat.read(lessons / name, as_version=4)
    staged = nbformat.read(tmp_path / "contents" / name, as_version=4)
    nbformat.validate(staged)  # still a valid notebook, cell ids and all

    note, *cells = staged.cells
    assert note.cell_type == "markdown"
    assert note.metadata["tags"] == [lite.NOTE_TAG]
    for words in ("Python (Pyodide) | Idle", "Run ▸ Run All Cells", "⏩", "Your progress"):
        assert words in note.source
    assert "kept in this browser" in note.source
    assert len(cells) == len(original.cells)
    served = {Path(lesson).stem for lesson in lite.LESSONS}
    for mine, kit in zip(cells, original.cells, strict=True):
        words = links.served_only({"cells": [dict(kit)]}, served)["cells"][0]["source"]
        assert (mine.cell_type, mine.source) == (kit.cell_type, words)
        if mine.cell_type == "code":
            assert mine.metadata["jupyter"]["source_hidden"] is True
            assert mine.outputs == kit.outputs
        else:
            assert mine.metadata == kit.metadata
    assert all("source_hidden" not in c.metadata.get("jupyter", {}) for c in original.cells)


def test_the_site_s_lessons_link_only_to_lessons_in_the_site(lessons: Path, tmp_path: Path) -> None:
    # JupyterLite would open a link to a lesson it does not carry as a file not found.
    written = lite.stage_lessons(tmp_path / "contents", lessons)
    served = {p.stem for p in written}
    for path in written:
        linked = links.lessons_linked(json.loads(path.read_text(encoding="utf-8")))
        assert linked, f"{path.name} links to no lesson"
        assert set(linked) <= served, f"{path.name} links to {set(linked) - served}"
    start = (tmp_path / "contents" / lite.START).read_text(encoding="utf-8")
    assert "Lesson 1: Make logon agents (in JupyterLab)" in start  # named, not linked


def test_only_lesson_00_says_where_the_supervisors_lessons_are(
    lessons: Path, tmp_path: Path
) -> None:
    lite.stage_lessons(tmp_path / "contents", lessons)
    notes = {
        name: nbformat.read(tmp_path / "contents" / name, as_version=4).cells[0].source
        for name in lite.LESSONS
    }
    start = notes.pop("00_start_here.ipynb")
    for words in ("lessons 4 and 5", "matplotlib", "ipo-trainer app --all", "deploy/README.md"):
        assert words in start
    assert all("lessons 4 and 5" not in note for note in notes.values())


# --- the root address opens lesson 00 -------------------------------------------------------


class _Page(HTMLParser):
    """What a browser reads of a page here: the config block and where the page sends it."""

    def __init__(self) -> None:
        super().__init__()
        self.config: dict[str, str | None] | None = None
        self.config_text = ""
        self.refresh: str | None = None
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("id") == "jupyter-config-data":
            self.config, self._in_config = found, True
        if tag == "meta" and found.get("http-equiv") == "refresh":
            self.refresh = found.get("content")

    def handle_endtag(self, tag: str) -> None:
        self._in_config = self._in_config and tag != "script"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config_text += data


def _jupyterlite_root_page() -> str:
    """The root ``index.html`` of JupyterLite's own app archive (the lite extra's version)."""
    jupyterlite_core = lite_extra("jupyterlite_core")

    archive = (
        Path(jupyterlite_core.__file__).parent
        / f"jupyterlite-app-{jupyterlite_core.__version__}.tgz"
    )
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("package/index.html"))
        page = tar.extractfile(member)
        assert page is not None
        return page.read().decode("utf-8")


def test_the_root_page_opens_lesson_00_and_keeps_the_config_every_page_reads() -> None:
    generated = _jupyterlite_root_page()
    page = _Page()
    page.feed(lite.root_index(generated))
    assert page.refresh == "0; url=lab/index.html?path=00_start_here.ipynb"
    assert page.config is not None
    assert page.config["data-jupyter-lite-root"] == "."  # the lab page's config reads up to here
    assert json.loads(page.config_text) == {}
    assert "import(" not in lite.root_index(generated)  # config-utils.js: to lab/ alone


def test_a_root_page_without_its_config_block_stops_the_build() -> None:
    with pytest.raises(TrainerError, match="no jupyter-config-data block"):
        lite.root_index("<html></html>")
