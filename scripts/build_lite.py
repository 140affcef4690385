"""The agents' lessons as a JupyterLite site with a Pyodide kernel, in ``build/lite/`` (``make lite``).

No Python server and no network when the site is opened: everything is put in the site at
build time, from the package registries.

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
when the kernel starts (``loadPyodideOptions.packages`` in ``lite/jupyter-lite.json``).
The lessons are the agents' (00, 02, 03); matplotlib has no Pyodide build on any registry
reachable here, so the supervisors' lessons stay on the server front ends.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LITE = ROOT / "lite"
NPM_PYODIDE = LITE / "node_modules" / "pyodide"
OUT = ROOT / "build" / "lite"
#: Where the build keeps what it assembles before ``jupyter lite build`` (wheels, Pyodide).
WORK = ROOT / "build" / "lite-work"
#: The trainee's records in the site: a SQLite file beside the lessons.
RECORDS = "records.sqlite"
#: The lessons the site carries: the agents' (matplotlib-free).
LESSONS = ("00_start_here.ipynb", "02_logon_three_ways.ipynb", "03_logoff_three_ways.ipynb")
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


def run(*args: str | Path, cwd: Path = ROOT) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=cwd)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def canonical(name: str) -> str:
    """A distribution's name as the lock's keys spell it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(lock: dict, names: Iterable[str]) -> set[str]:
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


def download(requirements: Iterable[str], dest: Path) -> None:
    """Pure-Python wheels (``py3-none-any``) from PyPI, without their dependencies."""
    run(
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


def rewrite_lock(lock: dict, wheels: Path, keep: set[str]) -> dict:
    """``lock`` with only ``keep``, each naming its PyPI wheel in ``wheels`` and that wheel's sha256."""
    packages = {}
    for name in sorted(keep):
        entry = dict(lock["packages"][name])
        wheel = wheel_named(wheels, entry["name"], entry["version"])
        entry["file_name"] = wheel.name
        entry["sha256"] = sha256(wheel)
        packages[name] = entry
    return {**lock, "packages": packages}


def add_to_lock(lock: dict, name: str, wheel: Path) -> None:
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


def assemble_pyodide(dest: Path) -> None:
    """The Pyodide distribution for the site: the npm package, PyPI's wheels, the lock rewritten."""
    if not (NPM_PYODIDE / "pyodide.mjs").exists():
        raise SystemExit("No Pyodide in lite/node_modules: run `make lite` (npm ci --prefix lite).")
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
    download([f"{e['name']}=={e['version']}" for e in entries], dest)
    lock = rewrite_lock(lock, dest, keep)
    download(KIT_NEEDS.values(), dest)
    for name in KIT_NEEDS:
        add_to_lock(lock, name, wheel_named(dest, name))
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", dest, ".")
    add_to_lock(lock, "ipo-logon-kit", wheel_named(dest, "ipo-logon-kit"))
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))


def stage_contents(dest: Path) -> None:
    """The lessons the site opens with: the agents' three."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in LESSONS:
        shutil.copy2(ROOT / "notebooks" / name, dest / name)
    # The trainee's records: an empty store at the schema's head, made here with Alembic so
    # the browser needs none (IPO_TRAINER_DB in lite/jupyter-lite.json names it). Not done
    # yet: SQLite cannot open it on JupyterLite's drive, so the Recorder says the records
    # cannot be reached and keeps each attempt in its outbox, in the kernel's memory only.
    from trainer.store import Store

    with Store(str(dest / RECORDS)) as store:
        store.trainees()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUT, help="where the site goes")
    args = parser.parse_args(argv)
    # The kernel's --pyodide takes a folder whose ``pyodide/`` holds the distribution.
    pyodide, contents = WORK / "pyodide", WORK / "contents"
    assemble_pyodide(pyodide / "pyodide")
    stage_contents(contents)
    if args.output.exists():
        shutil.rmtree(args.output)
    # A build from scratch every time: doit's database (in the working folder) would
    # otherwise skip the steps that write the site's settings.
    (WORK / ".jupyterlite.doit.db").unlink(missing_ok=True)
    run(
        Path(sys.executable).with_name("jupyter-lite"), "build",
        "--lite-dir", LITE, "--output-dir", args.output.resolve(),
        "--LiteBuildConfig.cache_dir", WORK / "cache",
        "--contents", contents, "--pyodide", pyodide.resolve(),
        "--no-sourcemaps", "--no-unused-shared-packages", "--apps", "lab", "--apps", "notebooks", "--apps", "tree",
        cwd=WORK,
    )  # fmt: skip
    size = sum(p.stat().st_size for p in args.output.rglob("*") if p.is_file())
    print(
        f"The site is in {args.output} ({size / 1e6:.0f} MB): python -m http.server -d {args.output}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
