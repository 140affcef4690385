"""Start JupyterLab on the kit's notebooks (run by ``make lab``).

Extra arguments go to ``jupyter lab`` unchanged, e.g. ``python scripts/lab.py --no-browser``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def lab_command(argv: list[str]) -> list[str]:
    """The ``jupyter lab`` command line for this interpreter's environment."""
    cmd = [sys.executable, "-m", "jupyter", "lab", "--notebook-dir=notebooks"]
    # Jupyter refuses to start as root unless told to; containers and CI machines run as root.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        print("Running as root, so starting JupyterLab with --allow-root.", flush=True)
        cmd.append("--allow-root")
    return [*cmd, *argv]


def main(argv: list[str]) -> None:
    """Replace this process with JupyterLab, so that Ctrl-C reaches it directly."""
    os.chdir(ROOT)
    cmd = lab_command(argv)
    os.execv(cmd[0], cmd)


if __name__ == "__main__":
    main(sys.argv[1:])
