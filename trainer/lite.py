"""The agents' lessons as a JupyterLite site with a Pyodide kernel (``ipo-trainer lite``).

``ipo-trainer lite [--output DIR]`` (``make lite``) writes the site to ``build/lite/`` of the
kit's folder, or to DIR.  No Python server and no network when the site is opened:
everything is put in the site at build time, from the package registries.

- JupyterLite and its Pyodide kernel: the ``lite`` extra (PyPI), run as ``jupyter lite build``
  with the kernel's own options (``--pyodide`` for a local distribution);
- the Pyodide runtime: the npm registry's ``pyodide`` package at the version the kernel
  expects, exactly as ``lite/package-lock.json`` pins it (``npm ci --prefix lite``);
- the pure-Python wheels the kernel and the kit load (micropip, ipython, ipywidgets, comm,
  anywidget ... and their dependencies): from PyPI with ``pip download``.  The npm package's
  ``pyodide-lock.json`` names Pyodide's own builds of these wheels, which are not on any
  registry here, so the lock is rewritten: each entry kept names the PyPI wheel at the same
  version and its sha256, and the entries for wheels not in the site are dropped (a lesson
  that imports one of them says so instead of reaching for a CDN).

The kit's own wheel and what it needs in the browser are added to the same lock and loaded
when the kernel starts (``loadPyodideOptions.packages`` in ``lite/jupyter-lite.json``).  So
the build runs in the kit's source folder: it needs ``lite/`` and the source the kit's wheel
is built from, and a kit installed otherwise says so (:func:`check_ready`).

The lessons are the agents' (00, 02, 03), as copies made for the site
(:func:`for_the_site`; the originals in ``notebooks/`` are never written): every code
cell's input is collapsed, so an agent sees the text and the phones, and a first cell
(tagged :data:`NOTE_TAG`) says how to start the lesson here and where the attempts are
kept.  matplotlib has no Pyodide build on any registry reachable here, so the supervisors'
lessons (04, 05) stay on the server front ends, as lesson 00's note says.

No store is put in the site: the kernel makes its own, in its memory, without Alembic
(:meth:`trainer.store.Store._create_at_head`; ``IPO_TRAINER_DB`` in
``lite/jupyter-lite.json`` names it), and the browser keeps the attempts.

The site's root address opens lesson 00.  JupyterLite 0.8.6 has no option for that: its
root ``index.html`` sends the browser to ``appUrl``, which is also the JupyterLab app's own
address and so cannot carry ``?path=`` (jupyterlite/jupyterlite issues 1086 and 1700 ask
for such an option).  So the build rewrites the root ``index.html``
(:func:`root_index`) to go to ``lab/index.html?path=00_start_here.ipynb``, keeping the
``jupyter-config-data`` block that every page of the site reads from its root.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from trainer.errors import TrainerError
from trainer.links import notebook_text, served_only

__all__ = [
    "LESSONS",
    "NOTE_TAG",
    "OUT",
    "ROOT",
    "START",
    "build",
    "check_ready",
    "for_the_site",
    "root_index",
    "stage_lessons",
]

#: The kit's source folder: the build reads ``lite/``, ``notebooks/`` and the kit's source.
ROOT = Path(__file__).resolve().parent.parent
LITE = ROOT / "lite"
NPM_PYODIDE = LITE / "node_modules" / "pyodide"
#: Where the site goes unless told (``--output``).
OUT = ROOT / "build" / "lite"
#: Where the build keeps what it assembles before ``jupyter lite build`` (wheels, Pyodide).
WORK = ROOT / "build" / "lite-work"
#: The lessons the site carries: the agents' (matplotlib-free).
LESSONS = ("00_start_here.ipynb", "02_logon_three_ways.ipynb", "03_logoff_three_ways.ipynb")
#: The lesson the site's root address opens.
START = LESSONS[0]
#: The tag of the note each staged lesson opens with (cell metadata ``tags``).
NOTE_TAG = "ipo-lite-note"
#: The Pyodide packages kept from the lock: micropip, and ipython and jedi, which the kernel
#: installs at start, and typing-extensions for the kit's; their dependencies follow.
KERNEL_PACKAGES = ("micropip", "ipython", "jedi", "packaging", "typing-extensions")
#: What the kit needs in the browser beyond Pyodide's lock: name -> requirement on PyPI.
#: The trainer's records use SQLAlchemy (its pure-Python wheel) over Pyodide's sqlite3.
KIT_NEEDS = {
    "comm": "comm==0.2.3",
    "ipywidgets": "ipywidgets==8.1.9",
    "anywidget": "anywidget==0.11.0",
    "psygnal": "psygnal==0.16.1",
    "sqlalchemy": "sqlalchemy==2.1.9",
    "platformdirs": "platformdirs==4.14.9",
}
#: Each added package's dependencies, as names in the lock (the front ends' packages,
#: widgetsnbextension and jupyterlab_widgets, are the site's extensions, not Python).
KIT_DEPENDS = {
    "comm": ["traitlets"],
    "ipywidgets": ["comm", "ipython", "traitlets"],
    "anywidget": ["ipywidgets", "psygnal", "typing-extensions"],
    "psygnal": ["typing-extensions"],
    "sqlalchemy": ["typing-extensions"],
    "platformdirs": [],
    "ipo-logon-kit": ["anywidget", "ipywidgets", "sqlalchemy", "platformdirs"],
}
#: The import names of each added package (Pyodide loads a package when one is imported).
KIT_IMPORTS = {
    "comm": ["comm"],
    "ipywidgets": ["ipywidgets"],
    "anywidget": ["anywidget"],
    "psygnal": ["psygnal"],
    "sqlalchemy": ["sqlalchemy"],
    "platformdirs": ["platformdirs"],
    "ipo-logon-kit": ["ipo_core", "widgets", "trainer"],
}

# The note every staged lesson opens with: how to start a lesson in this site.
_NOTE = """\
**This lesson runs in your browser alone.** To start it:

1. Wait until the kernel is idle: the top right of the lesson shows **Python (Pyodide)** \
with an empty circle, and the status bar at the bottom says **Python (Pyodide) | Idle** \
(the first start takes a minute).
2. Then choose **Run ▸ Run All Cells** in the menu (or press the ⏩ button in the bar above \
the lesson). The code stays folded away: you see the text and the phones.

Your attempts are kept in this browser, on this computer. To give them to your trainer, \
press the download button in the **Your progress** box: it saves a file \
(`ipo-training-records.jsonl`) that your trainer adds to the class's records.
"""
# What lesson 00's note adds: where the supervisors' lessons are.
_NOTE_START = """
**Supervisors:** lessons 4 and 5 (why logon agents matter, and the supervisor workshop) \
are not in this site: they draw charts, and matplotlib has no build for the browser here. \
Run them on the trainer's server instead: `make agent AGENT_ARGS=--all` (that is, \
`ipo-trainer app --all`), or the class's JupyterHub; the kit's README and \
`deploy/README.md` say how.
"""
# The block of the root index.html that every page of the site reads (config-utils.js).
_CONFIG_BLOCK = re.compile(r'<script id="jupyter-config-data".*?</script>', re.DOTALL)


# --- what must be there -------------------------------------------------------------------


def check_ready() -> None:
    """TrainerError saying what is missing, and how to get it, when the site cannot be built."""
    if not (LITE / "jupyter-lite.json").is_file() or not (ROOT / "pyproject.toml").is_file():
        raise TrainerError(
            f"The JupyterLite site is built from the kit's source folder, and {str(ROOT)!r} is "
            "not one: the build needs its lite/ folder and the source the kit's wheel is "
            "built from. Install the kit from its checkout (`pip install -e '.[lite]'`, as "
            "`make lite` does) and run `ipo-trainer lite` there."
        )
    if find_spec("jupyterlite_core") is None or find_spec("jupyterlite_pyodide_kernel") is None:
        raise TrainerError(
            "JupyterLite and its Pyodide kernel (jupyterlite_pyodide_kernel) are not installed "
            "here: install the kit's lite extra (`pip install -e '.[lite]'`, as `make lite` does)."
        )
    if not (NPM_PYODIDE / "pyodide.mjs").is_file():
        raise TrainerError(
            f"The Pyodide runtime is not in {str(NPM_PYODIDE)!r}: run `npm ci --prefix lite` "
            f"in {str(ROOT)!r} (as `make lite` does; it needs npm: apt-get install nodejs npm)."
        )


def _check_output(output: Path) -> None:
    """TrainerError when ``output`` is somewhere the build must not replace."""
    if output.exists() and not output.is_dir():
        raise TrainerError(f"--output {str(output)!r} is a file: give a folder for the site.")
    built = all((output / name).is_file() for name in ("jupyter-lite.json", "config-utils.js"))
    if output.is_dir() and any(output.iterdir()) and not built:
        # The build empties the folder first: only a site it built before may be replaced
        # (lite/ has a jupyter-lite.json too, but no config-utils.js).
        raise TrainerError(
            f"--output {str(output)!r} holds files that are not a JupyterLite site, and the "
            "build replaces the folder it is given: give a new or empty folder."
        )


# --- the Pyodide distribution ---------------------------------------------------------------


def _run(*args: str | Path, cwd: Path = ROOT) -> None:
    command = [str(a) for a in args]
    print("+", " ".join(command), flush=True)
    try:
        subprocess.run(command, check=True, cwd=cwd)
    except subprocess.CalledProcessError as error:
        raise TrainerError(
            f"The build stopped: `{' '.join(command[:4])} ...` failed (exit status "
            f"{error.returncode}; what it said is above): put right what it says (the wheels "
            "come from PyPI, so it must be reachable), then run `ipo-trainer lite` again."
        ) from None


def sha256(path: Path) -> str:
    """The hex sha256 of the file at ``path``, as the lock records it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def canonical(name: str) -> str:
    """A distribution's name as the lock's keys spell it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(lock: dict[str, Any], names: Iterable[str]) -> set[str]:
    """The names and every dependency they have in ``lock``, recursively."""
    packages = lock["packages"]
    todo, seen = list(names), set()
    while todo:
        name = canonical(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        todo.extend(packages[name].get("depends", []))
    return seen


def _download(requirements: Iterable[str], dest: Path) -> None:
    """Pure-Python wheels (``py3-none-any``) from PyPI, without their dependencies."""
    _run(
        sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
        "--only-binary=:all:", "--platform", "any", "--implementation", "py",
        "--abi", "none", "--python-version", "3.14", "--dest", dest, *requirements,
    )  # fmt: skip


def wheel_named(folder: Path, name: str, version: str | None = None) -> Path:
    """The wheel in ``folder`` for the distribution ``name`` (at ``version`` if given)."""
    for path in sorted(folder.glob("*.whl")):
        dist, ver = path.name.split("-")[:2]
        if canonical(dist) == canonical(name) and version in (None, ver):
            return path
    raise FileNotFoundError(f"No wheel for {name!r} {version or ''} in {folder}")


def rewrite_lock(lock: dict[str, Any], wheels: Path, keep: set[str]) -> dict[str, Any]:
    """``lock`` with only ``keep``, each naming its PyPI wheel in ``wheels`` and that wheel's sha256."""
    packages = {}
    for name in sorted(keep):
        entry = dict(lock["packages"][name])
        wheel = wheel_named(wheels, entry["name"], entry["version"])
        entry["file_name"] = wheel.name
        entry["sha256"] = sha256(wheel)
        packages[name] = entry
    return {**lock, "packages": packages}


def add_to_lock(lock: dict[str, Any], name: str, wheel: Path) -> None:
    """An entry in ``lock`` for a pure-Python ``wheel`` of ``name``."""
    lock["packages"][name] = {
        "name": name,
        "version": wheel.name.split("-")[1],
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": sha256(wheel),
        "package_type": "package",
        "imports": KIT_IMPORTS[name],
        "depends": KIT_DEPENDS[name],
        "unvendored_tests": False,
        "shared_library": False,
    }


def _assemble_pyodide(dest: Path) -> None:
    """The Pyodide distribution for the site: the npm package, PyPI's wheels, the lock rewritten."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for path in NPM_PYODIDE.iterdir():
        if path.suffix in (".map", ".ts", ".html") or path.name in ("package.json", "README.md"):
            continue
        shutil.copy2(path, dest / path.name)
    lock = json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text())
    keep = closure(lock, KERNEL_PACKAGES)
    entries = [lock["packages"][name] for name in sorted(keep)]
    _download([f"{e['name']}=={e['version']}" for e in entries], dest)
    lock = rewrite_lock(lock, dest, keep)
    _download(KIT_NEEDS.values(), dest)
    for name in KIT_NEEDS:
        add_to_lock(lock, name, wheel_named(dest, name))
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", dest, ".")
    add_to_lock(lock, "ipo-logon-kit", wheel_named(dest, "ipo-logon-kit"))
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))


# --- the lessons ----------------------------------------------------------------------------


def for_the_site(notebook: dict[str, Any], name: str) -> dict[str, Any]:
    """A copy of lesson ``notebook`` (nbformat 4 JSON) as the site carries it; ``name`` its file.

    Every code cell's input collapsed, and a first markdown cell, tagged :data:`NOTE_TAG`,
    saying how to start the lesson in this site (lesson 00's also says where lessons 4
    and 5 are).

    >>> lesson = {"cells": [{"cell_type": "code", "id": "a1", "metadata": {}, "source": "1",
    ...                      "outputs": [], "execution_count": None}],
    ...           "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    >>> site = for_the_site(lesson, "02_logon_three_ways.ipynb")
    >>> [cell["cell_type"] for cell in site["cells"]], site["cells"][0]["metadata"]["tags"]
    (['markdown', 'code'], ['ipo-lite-note'])
    >>> site["cells"][1]["metadata"], lesson["cells"][0]["metadata"]
    ({'jupyter': {'source_hidden': True}}, {})
    """
    # Only the agents' lessons are here: a link to another is plain words (trainer.links).
    staged = served_only(notebook, {Path(lesson).stem for lesson in LESSONS})
    for cell in staged["cells"]:
        if cell["cell_type"] == "code":
            cell["metadata"]["jupyter"] = {
                **cell["metadata"].get("jupyter", {}),
                "source_hidden": True,
            }
    text = _NOTE + (_NOTE_START if name == START else "")
    note: dict[str, Any] = {
        "cell_type": "markdown",
        "metadata": {"tags": [NOTE_TAG]},
        "source": text.splitlines(keepends=True),
    }
    if (staged["nbformat"], staged["nbformat_minor"]) >= (4, 5):  # cells have ids from 4.5
        note["id"] = NOTE_TAG
    staged["cells"].insert(0, note)
    return staged


def stage_lessons(dest: Path, source: Path = ROOT / "notebooks") -> list[Path]:
    """The site's lessons in ``dest`` (emptied first): :data:`LESSONS` from ``source``, for the site."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    written = []
    for name in LESSONS:
        notebook = json.loads((source / name).read_text(encoding="utf-8"))
        path = dest / name
        path.write_text(notebook_text(for_the_site(notebook, name)), encoding="utf-8")
        written.append(path)
    return written


def root_index(generated: str, lesson: str = START) -> str:
    """The root ``index.html`` that opens ``lesson`` in JupyterLab, from the one JupyterLite wrote.

    Keeps the ``jupyter-config-data`` block of ``generated``, which every page of the site
    reads from its root; TrainerError when there is none (a JupyterLite unlike 0.8.6).

    >>> page = root_index('<script id="jupyter-config-data" type="application/json">{}</script>')
    >>> 'url=lab/index.html?path=00_start_here.ipynb' in page
    True
    """
    block = _CONFIG_BLOCK.search(generated)
    if block is None:
        raise TrainerError(
            "JupyterLite's root index.html has no jupyter-config-data block, so the root "
            "address cannot be made to open a lesson: build with the lite extra's JupyterLite "
            "(`pip install -e '.[lite]'`)."
        )
    target = html.escape(f"lab/index.html?path={lesson}")
    return f"""<!DOCTYPE html>
<!-- The site's root address opens lesson {html.escape(lesson)} (written by trainer/lite.py). -->
<html>
  <head>
    <meta charset="utf-8">
    <title>IP Office logon agents</title>
    <!-- Every page of the site reads this block from its root (config-utils.js). -->
    {block.group(0)}
    <meta http-equiv="refresh" content="0; url={target}">
    <script>window.location.replace({json.dumps(f"lab/index.html?path={lesson}")});</script>
  </head>
  <body>
    <p>Opening <a href="{target}">the first lesson</a>...</p>
  </body>
</html>
"""


# --- the build ------------------------------------------------------------------------------


def build(output: Path | None = None) -> Path:
    """Build the site into ``output`` (default :data:`OUT`), replacing a site there; its folder.

    TrainerError, saying what to do, when something the build needs is missing
    (:func:`check_ready`), ``output`` holds anything but a site, or a step fails.
    """
    check_ready()
    output = (OUT if output is None else Path(output)).absolute()
    _check_output(output)
    # The kernel's --pyodide takes a folder whose ``pyodide/`` holds the distribution.
    pyodide, contents = WORK / "pyodide", WORK / "contents"
    _assemble_pyodide(pyodide / "pyodide")
    stage_lessons(contents)
    if output.exists():
        shutil.rmtree(output)
    # A build from scratch every time: doit's database (in the working folder) would
    # otherwise skip the steps that write the site's settings.
    (WORK / ".jupyterlite.doit.db").unlink(missing_ok=True)
    _run(
        sys.executable, "-m", "jupyterlite_core", "build",
        "--lite-dir", LITE, "--output-dir", output,
        "--LiteBuildConfig.cache_dir", WORK / "cache",
        "--contents", contents, "--pyodide", pyodide.resolve(),
        "--no-sourcemaps", "--no-unused-shared-packages", "--apps", "lab", "--apps", "notebooks", "--apps", "tree",
        cwd=WORK,
    )  # fmt: skip
    index = output / "index.html"
    index.write_text(root_index(index.read_text(encoding="utf-8")), encoding="utf-8")
    return output
