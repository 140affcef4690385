"""The trainee's kernel: IPython's kernel for the agents' pages, without its debugger.

ipykernel starts its debugger (debugpy and pydevd: about 7 MB of a kernel's resident
memory) in every kernel whenever debugpy can be imported, and has no setting to stop it.
An agent's page (Voila) has no debugger to show, so a trainee's kernel makes debugpy
unimportable for itself alone, and then starts ipykernel as ``python -m ipykernel_launcher``
does::

    python -m trainer.kernel -f CONNECTION_FILE

It also keeps no IPython history: no thread and SQLite file writing down every cell run (a
page never reads it back, and what a trainee types in a cell, a login code say, stays in
the kernel rather than in a file in their home).

A class's server holds one such kernel per open page, so the kernel is kept small (the
workshop benchmark measures it against its target, ``make bench BENCH_ARGS="--section
kernel"``):

- psycopg's pure-Python implementation over the system's libpq (``PSYCOPG_IMPL=python``,
  :func:`lean_environment`) when the server has one, as a server with PostgreSQL does:
  about 3 MB less than psycopg-binary's own copy of libpq with its OpenSSL and Kerberos.
  The speed is the same for an attempt's one write; without a system libpq it is
  psycopg-binary, as everywhere else.
- glibc's malloc in two arenas (``MALLOC_ARENA_MAX``, in the kernelspec's ``env``: a process
  reads it as it starts), not one per thread of the kernel's eight;
- after every cell, the heap's free pages handed back to the system
  (:func:`give_back_free_memory`, glibc's ``malloc_trim``), which a long-lived kernel
  otherwise keeps.

Its kernelspec is ``python3`` in :data:`JUPYTER_DATA` (``kernels/python3/kernel.json``), the
name every lesson's metadata give, so a server that looks there first runs the lessons in
it without a notebook changing: any Jupyter server whose ``JUPYTER_PATH`` starts with that
folder (:func:`jupyter_path`), as ``ipo-trainer app``'s Voila does
(:func:`trainer.launch.app_environment`) and the Hub's trainees' servers.  Everywhere else,
``ipo-trainer lab`` among them, ``python3`` is still ipykernel's own kernel, debugger and all.

>>> import json
>>> spec = json.loads((JUPYTER_DATA / "kernels" / KERNEL_NAME / "kernel.json").read_text())
>>> spec["argv"], spec["metadata"]
(['python', '-m', 'trainer.kernel', '-f', '{connection_file}'], {'debugger': False})
>>> jupyter_path("/srv/jupyter").split(os.pathsep) == [str(JUPYTER_DATA), "/srv/jupyter"]
True
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

__all__ = [
    "JUPYTER_DATA",
    "KERNEL_NAME",
    "NOT_IMPORTED",
    "give_back_free_memory",
    "jupyter_path",
    "lean_environment",
    "main",
]

#: A Jupyter data folder holding only ``kernels/python3``, the trainee's kernelspec.
JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter"
#: The kernelspec's name: the one every lesson's metadata give.
KERNEL_NAME = "python3"
#: What a trainee's kernel cannot import: ipykernel's debugger (pydevd comes with it).
NOT_IMPORTED = ("debugpy",)


def jupyter_path(existing: str | None = None) -> str:
    """``JUPYTER_PATH`` for a server whose kernels are trainees': the kit's folder first.

    ``existing`` (the server's own ``JUPYTER_PATH``, if any) follows, so whatever else it
    finds there is still found; only the ``python3`` kernelspec is the kit's.  (Jupyter
    runs a kernelspec's ``python`` as its own interpreter, so the kernel is the server's
    Python, with the kit installed.)
    """
    return os.pathsep.join([str(JUPYTER_DATA), *([existing] if existing else [])])


def lean_environment(env: MutableMapping[str, str] | None = None) -> str:
    """Choose psycopg's implementation in ``env`` (``os.environ``) before psycopg is imported.

    ``python`` (the pure-Python one, over the system's libpq) when ctypes finds a libpq on
    the system, else ``binary`` (psycopg-binary's bundled libpq).  A ``PSYCOPG_IMPL`` already
    set is kept: whoever set it chose.  Returns the implementation chosen.
    """
    env = os.environ if env is None else env
    if "PSYCOPG_IMPL" not in env:
        env["PSYCOPG_IMPL"] = "python" if ctypes.util.find_library("pq") else "binary"
    return env["PSYCOPG_IMPL"]


def give_back_free_memory(*_: Any) -> bool:
    """Hand the heap's free pages back to the system (glibc's ``malloc_trim``).

    Registered to run after every cell.  True when glibc released some; False elsewhere
    (another C library has no ``malloc_trim``, and frees as it does).
    """
    trim = getattr(_LIBC, "malloc_trim", None)
    return bool(trim(0)) if trim is not None else False


try:
    _LIBC: Any = ctypes.CDLL(None)  # this process's own C library
except OSError:  # pragma: no cover - a platform with no C library to open (Windows)
    _LIBC = None


def main() -> None:
    """Start the kernel (``sys.argv`` as ipykernel's), its debugger unimportable."""
    lean_environment()
    for name in NOT_IMPORTED:
        # None in sys.modules: `import debugpy` raises ImportError, so ipykernel's
        # `_is_debugpy_available` is False: no debugger started, none in kernel_info.
        sys.modules[name] = None  # type: ignore[assignment]
    # As ipykernel_launcher: the working folder off sys.path while ipykernel loads (the
    # kernel puts it back), so a lesson folder's files cannot stand in for its modules.
    if sys.path and (sys.path[0] == "" or Path(sys.path[0]) == Path.cwd()):
        del sys.path[0]
    from ipykernel.kernelapp import IPKernelApp
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False  # a configuration file or the command line may differ
    app: Any = IPKernelApp.instance(config=config)  # as IPKernelApp.launch_instance does
    app.initialize()
    app.shell.events.register("post_execute", give_back_free_memory)
    app.start()


if __name__ == "__main__":
    main()
