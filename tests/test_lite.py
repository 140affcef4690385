"""The scripted step of ``make lite``: the Pyodide lock rewritten for PyPI's wheels.

``scripts/build_lite.py`` keeps from the npm package's ``pyodide-lock.json`` only what the
kernel needs, names PyPI's wheel for each entry with that wheel's sha256, and adds the kit
and what it loads.  These tests run it on a hand-written lock and fake wheels (no network).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from servers import ROOT


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_lite", ROOT / "scripts" / "build_lite.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_lite = _load()

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


def _wheel(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(name.encode())
    return path


def test_the_names_in_depends_are_found_however_they_are_spelt() -> None:
    assert build_lite.closure(LOCK, ["ipython"]) == {"ipython", "prompt-toolkit"}
    assert build_lite.canonical("Prompt_Toolkit") == "prompt-toolkit"


def test_each_entry_kept_names_pypi_s_wheel_and_its_checksum(tmp_path: Path) -> None:
    ipython = _wheel(tmp_path, "ipython-9.12.0-py3-none-any.whl")
    _wheel(tmp_path, "prompt_toolkit-3.0.52-py3-none-any.whl")

    lock = build_lite.rewrite_lock(LOCK, tmp_path, build_lite.closure(LOCK, ["ipython"]))

    assert sorted(lock["packages"]) == ["ipython", "prompt-toolkit"]  # numpy dropped
    entry = lock["packages"]["ipython"]
    assert entry["sha256"] == hashlib.sha256(ipython.read_bytes()).hexdigest()
    assert entry["file_name"] == ipython.name
    assert lock["info"] == LOCK["info"]
    assert LOCK["packages"]["ipython"]["sha256"] == "pyodide's own build"  # not changed


def test_a_wheel_missing_from_the_download_stops_the_build(tmp_path: Path) -> None:
    _wheel(tmp_path, "ipython-9.12.0-py3-none-any.whl")
    with pytest.raises(FileNotFoundError, match="prompt_toolkit"):
        build_lite.rewrite_lock(LOCK, tmp_path, {"ipython", "prompt-toolkit"})


def test_the_kit_is_added_with_what_it_imports_and_needs(tmp_path: Path) -> None:
    kit = _wheel(tmp_path, "ipo_logon_kit-0.1.0-py3-none-any.whl")
    lock = json.loads(json.dumps(LOCK))

    build_lite.add_to_lock(lock, "ipo-logon-kit", kit)

    entry = lock["packages"]["ipo-logon-kit"]
    assert entry["version"] == "0.1.0"
    assert entry["imports"] == ["ipo_core", "widgets", "trainer"]
    assert "ipywidgets" in entry["depends"]
    assert entry["sha256"] == hashlib.sha256(kit.read_bytes()).hexdigest()


def test_the_site_asks_for_the_pyodide_the_npm_lock_pins() -> None:
    """lite/package-lock.json's pyodide is the version jupyterlite-pyodide-kernel expects."""
    from jupyterlite_pyodide_kernel import constants  # the lite extra: make test installs it

    lock = json.loads((ROOT / "lite" / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/pyodide"]["version"] == constants.PYODIDE_VERSION
