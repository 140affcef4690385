"""Open the kit in a browser (run by ``make lab`` and ``make agent``).

``python scripts/lab.py`` starts JupyterLab on the lessons: the notebooks with their code, for
supervisors and engineers (with Voila installed, its "Render with Voila" button shows a lesson
as a page there too).  ``python scripts/lab.py agent`` starts Voila on the same lessons: each
opens as a page with no code, just the text, what the phone shows and the widgets to click,
for agents learning on their own.  Extra arguments go to ``jupyter lab`` or ``voila``
unchanged, e.g. ``python scripts/lab.py --no-browser``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def is_root() -> bool:
    """True when this process runs as root (containers and CI machines do)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def lab_command(argv: list[str]) -> list[str]:
    """The ``jupyter lab`` command line for this interpreter's environment."""
    cmd = [sys.executable, "-m", "jupyter", "lab", "--notebook-dir=notebooks"]
    # Jupyter refuses to start as root unless told to; containers and CI machines run as root.
    if is_root():
        print("Running as root, so starting JupyterLab with --allow-root.", flush=True)
        cmd.append("--allow-root")
    return [*cmd, *argv]


def agent_command(argv: list[str]) -> list[str]:
    """The ``voila`` command line that serves the lessons as pages without code.

    Voila (0.5) has no root check of its own, so it needs no ``--allow-root``.
    """
    print(
        "Starting Voila: each lesson opens as a page with no code. Agents: open "
        "02_logon_three_ways, then 03_logoff_three_ways.",
        flush=True,
    )
    return [sys.executable, "-m", "voila", "notebooks", *argv]


def main(argv: list[str]) -> None:
    """Replace this process with JupyterLab or Voila, so that Ctrl-C reaches it directly."""
    os.chdir(ROOT)
    if argv[:1] == ["agent"]:
        cmd = agent_command(argv[1:])
    else:
        cmd = lab_command(argv)
    os.execv(cmd[0], cmd)


if __name__ == "__main__":
    main(sys.argv[1:])
