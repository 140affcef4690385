"""A real PostgreSQL for a test: initdb into a temporary folder, a free loopback port, stopped after.

Debian's ``postgresql`` package puts ``initdb`` and ``pg_ctl`` under
``/usr/lib/postgresql/<version>/bin`` (not on PATH); the newest there is used, else one on
PATH.  The server asks every client for a password (scram-sha-256, a random one given to
``initdb`` in a file), listens on 127.0.0.1 only, keeps its unix socket in its own folder,
and runs without fsync (a test's data need not survive a power cut).  PostgreSQL refuses to
run as root, so under root it runs as the ``postgres`` user the package creates, in a folder
of its own under the system's temporary folder (pytest's folders are private to root);
``tmp_dir`` then receives only the server's log, for a failed test to be read::

    with running_postgres(tmp_path) as url:     # 'postgresql://ipo:...@127.0.0.1:PORT/ipo_trainer'
        ...
"""

from __future__ import annotations

import os
import pwd
import re
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from servers import free_port

__all__ = [
    "DATABASE",
    "INSTALL",
    "USER",
    "PostgresMissing",
    "check_postgres",
    "find_postgres",
    "running_postgres",
]

#: The superuser the test server is made with, and the database it holds.
USER = "ipo"
DATABASE = "ipo_trainer"
#: What to run when PostgreSQL is not installed.
INSTALL = "apt-get install postgresql"
#: Seconds the server may take to start or stop.
PATIENCE = 60
_RUN_AS = "postgres"


class PostgresMissing(RuntimeError):
    """PostgreSQL's server programs are not on this computer (or cannot run as a user)."""


def find_postgres() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl``; PostgresMissing saying what to install."""

    def version(folder: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", folder.parent.name))

    found = sorted(
        (p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")), key=version
    )
    if found and (found[-1] / "pg_ctl").exists():
        return found[-1]
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    raise PostgresMissing(
        f"PostgreSQL's initdb is neither under /usr/lib/postgresql/*/bin nor on PATH: {INSTALL}"
    )


def _as_user() -> list[str]:
    """The prefix that runs a command as the unprivileged server user ([] when not root)."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(_RUN_AS)
    except KeyError:
        raise PostgresMissing(
            f"Running as root and there is no {_RUN_AS!r} user for PostgreSQL to run as: {INSTALL}"
        ) from None
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", _RUN_AS, "--"]
    setpriv = shutil.which("setpriv")
    if setpriv:
        return [setpriv, f"--reuid={_RUN_AS}", f"--regid={_RUN_AS}", "--init-groups", "--"]
    raise PostgresMissing("Running as root and neither runuser nor setpriv is on PATH.")


def _run(command: list[str], log: Path | None = None, **env: str) -> None:
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C", **env},
        timeout=PATIENCE,
        check=False,
    )
    if done.returncode:
        tail = ""
        if log is not None and log.exists():
            tail = "\n--- server log ---\n" + "\n".join(
                log.read_text(errors="replace").splitlines()[-30:]
            )
        raise RuntimeError(
            f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}{tail}"
        )


def check_postgres() -> Path:
    """The folder of PostgreSQL's programs, when a test server can be started here.

    PostgresMissing (saying what to install) when the programs, or the unprivileged user
    they must run as under root, are missing.
    """
    bin_dir = find_postgres()
    _as_user()
    return bin_dir


@contextmanager
def running_postgres(tmp_dir: Path) -> Iterator[str]:
    """Start a fresh PostgreSQL; yield ``postgresql://ipo:PASSWORD@127.0.0.1:PORT/ipo_trainer``.

    The server is stopped (``pg_ctl stop -m fast``) and its folder removed afterwards, also
    when the body raises.  PostgresMissing when PostgreSQL is not installed.
    """
    bin_dir = find_postgres()
    prefix = _as_user()
    tmp_dir = Path(tmp_dir)
    tmp_dir.mkdir(parents=True, exist_ok=True)
    # A short folder of its own: the unix socket's path must stay under ~100 characters, and
    # as root the server user must reach it.
    folder = Path(tempfile.mkdtemp(prefix="ipo-pg-"))
    data, log = folder / "data", folder / "server.log"
    password = secrets.token_hex(16)
    (folder / "pwfile").write_text(password + "\n", encoding="utf-8")
    if prefix:
        entry = pwd.getpwnam(_RUN_AS)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
        os.chown(folder / "pwfile", entry.pw_uid, entry.pw_gid)
    started = False
    try:
        _run(
            [
                *prefix,
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                USER,
                f"--pwfile={folder / 'pwfile'}",
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync",
            ]
        )
        for attempt in range(3):  # another process may take the free port first
            port = free_port()
            options = f"-h 127.0.0.1 -p {port} -k {folder} -F -c max_connections=200"
            try:
                _run(
                    [
                        *prefix,
                        str(bin_dir / "pg_ctl"),
                        "-D",
                        str(data),
                        "-l",
                        str(log),
                        "-w",
                        "-t",
                        str(PATIENCE),
                        "-o",
                        options,
                        "start",
                    ],
                    log,
                )
                started = True
                break
            except RuntimeError:
                if attempt == 2:
                    raise
        createdb = bin_dir / "createdb"
        _run(
            [*prefix, str(createdb), "-h", "127.0.0.1", "-p", str(port), "-U", USER, DATABASE],
            log,
            PGPASSWORD=password,
        )
        yield f"postgresql://{USER}:{password}@127.0.0.1:{port}/{DATABASE}"
    finally:
        try:
            if started:
                _run(
                    [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]
                )
        finally:
            if log.exists():
                shutil.copyfile(log, tmp_dir / "postgres.log")
            shutil.rmtree(folder, ignore_errors=True)
