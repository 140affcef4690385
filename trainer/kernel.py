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

import os
import sys
from pathlib import Path

__all__ = [
    "JUPYTER_DATA",
    "KERNEL_NAME",
    "NOT_IMPORTED",
    "jupyter_path",
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


def main() -> None:
    """Start the kernel (``sys.argv`` as ipykernel's), its debugger unimportable."""
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
    IPKernelApp.launch_instance(config=config)


if __name__ == "__main__":
    main()
