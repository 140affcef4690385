"""The servers' command lines: JupyterLab on the trainee's lessons, Voila on the agents' pages.

Safe by default: a server listens on 127.0.0.1 unless given another address, and always asks
for a token.  The token is made here (:func:`make_token`, or taken from
``IPO_TRAINER_TOKEN`` so a workshop keeps one across restarts) and given to the server on its
command line, where no configuration file can undo it; no option of ``ipo-trainer`` turns it
off.  Listening on another address keeps the token and says who can then reach the server.
(A command line can be read by this computer's other accounts, with ``ps``: the token keeps
the network out, not them.)

Building a command line is a pure function (tests check them); :func:`run` replaces the
process with the server, so Ctrl-C reaches it directly.

>>> server = Server("127.0.0.1", 8866, "a-token-of-thirty-two-characters")
>>> server.url("/voila/render/02_logon_three_ways.ipynb")
'http://127.0.0.1:8866/voila/render/02_logon_three_ways.ipynb?token=a-token-of-thirty-two-characters'
>>> "--Voila.token=a-token-of-thirty-two-characters" in app_command(Path("pages"), server)
True
"""

from __future__ import annotations

import ipaddress
import os
import re
import secrets
import socket
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import NoReturn

from jupyter_core.paths import jupyter_config_path

from trainer.errors import TrainerError
from trainer.kernel import jupyter_path

__all__ = [
    "LAB_PORT",
    "LOOPBACK",
    "MIN_TOKEN",
    "TOKEN_VARIABLE",
    "VOILA_PORT",
    "Server",
    "app_command",
    "app_environment",
    "check_installed",
    "check_ip",
    "choose_port",
    "is_root",
    "lab_command",
    "make_token",
    "notices",
    "run",
]

#: Where a server listens unless told otherwise.
LOOPBACK = "127.0.0.1"
#: The first port tried for JupyterLab and for Voila, as those tools do.
LAB_PORT = 8888
VOILA_PORT = 8866
#: The environment variable that gives the token instead of a new one.
TOKEN_VARIABLE = "IPO_TRAINER_TOKEN"
#: The shortest token accepted from ``IPO_TRAINER_TOKEN`` (a new one has 43 characters).
MIN_TOKEN = 16
_TOKEN = re.compile(rf"[A-Za-z0-9_-]{{{MIN_TOKEN},}}")


def is_root() -> bool:
    """True when this process runs as root (containers and CI machines do)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def make_token(environ: Mapping[str, str] | None = None) -> str:
    """The server's token: ``IPO_TRAINER_TOKEN`` when set, else a new random one.

    TrainerError when the variable is set but too short to be a secret (an empty one is not
    a way to turn the token off).
    """
    given = (os.environ if environ is None else environ).get(TOKEN_VARIABLE)
    if given is None:
        return secrets.token_urlsafe(32)
    if not _TOKEN.fullmatch(given):
        raise TrainerError(
            f"{TOKEN_VARIABLE} must be at least {MIN_TOKEN} letters, digits, '-' or '_' "
            "(the servers always ask for a token): unset it to get a new one."
        )
    return given


def check_installed(module: str, what: str) -> None:
    """TrainerError saying what to install when ``module`` (``jupyterlab``, ``voila``) is missing."""
    if find_spec(module) is None:
        raise TrainerError(
            f"{what} is not installed here: install the kit's lab extra "
            "(`pip install -e '.[lab]'`, as `make lab` does)."
        )


def check_ip(ip: str) -> str:
    """``ip`` if it is an IP address to listen on, else TrainerError."""
    try:
        return str(ipaddress.ip_address(ip))
    except ValueError:
        raise TrainerError(
            f"{ip!r} is not an IP address: give one such as 127.0.0.1 (the default) or "
            "0.0.0.0 (every interface)."
        ) from None


def choose_port(first: int, ip: str = LOOPBACK, tries: int = 50) -> int:
    """The first port from ``first`` that nothing listens on at ``ip`` now."""
    for port in range(first, first + tries):
        with socket.socket(socket.AF_INET6 if ":" in ip else socket.AF_INET) as probe:
            try:
                probe.bind((ip, port))
            except OSError:
                continue
            return port
    raise TrainerError(
        f"Ports {first} to {first + tries - 1} are all in use on {ip}: give a free one with --port."
    )


@dataclass(frozen=True)
class Server:
    """Where a server listens and the token it asks for."""

    ip: str
    """The address it listens on: 127.0.0.1 unless given another."""
    port: int
    """Its TCP port."""
    token: str = field(repr=False)
    """The token every request must carry (never empty; never in the repr)."""
    open_browser: bool = True
    """Open the address in this computer's browser once the server is up."""

    def __post_init__(self) -> None:
        if not _TOKEN.fullmatch(self.token):
            raise TrainerError(
                f"A server needs a token of at least {MIN_TOKEN} letters, digits, '-' or '_'; "
                f"got {len(self.token)} characters: ipo-trainer never starts one without."
            )
        check_ip(self.ip)

    @property
    def is_loopback(self) -> bool:
        """True when only this computer can reach the server."""
        return ipaddress.ip_address(self.ip).is_loopback

    def url(self, path: str = "/", host: str | None = None) -> str:
        """The address to open, with the token: ``http://127.0.0.1:8866/?token=...``."""
        if host is None:
            host = self.ip
            if ipaddress.ip_address(self.ip).is_unspecified:
                host = socket.gethostname()
            elif ":" in host:
                host = f"[{host}]"
        return f"http://{host}:{self.port}{path}?token={self.token}"

    def options(self) -> list[str]:
        """The listening and token options every Jupyter server here is given."""
        return [
            f"--ServerApp.ip={self.ip}",
            f"--ServerApp.port={self.port}",
            # The port chosen is the one printed: a server that moved to another would not be found.
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.open_browser={self.open_browser}",
        ]


def lab_command(folder: Path, server: Server, *, as_root: bool | None = None) -> list[str]:
    """The ``jupyter lab`` command line that opens the working copy ``folder``.

    JupyterLab refuses to start as root unless given ``--allow-root``; it is added only as root
    (``as_root`` None asks this process), and :func:`notices` says so.
    """
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        f"--ServerApp.root_dir={folder}",
        *server.options(),
    ]
    if is_root() if as_root is None else as_root:
        cmd.append("--allow-root")
    return cmd


#: The kit's own Voila configuration (``voila.json``), below the user's: a page may load
#: only what this Voila serves.  Voila's page template links Font Awesome from a CDN
#: (cdn.jsdelivr.net) although Voila's own bundle carries the font, so without this every
#: agent's page would ask another host for it: nothing an agent needs, and a room with no
#: internet (or a network that logs who reads what) should not see the request.
VOILA_CONFIG = Path(__file__).resolve().parent / "jupyter" / "voila"


def app_command(folder: Path, server: Server, *, cull_idle: int | None = None) -> list[str]:
    """The ``voila`` command line that serves the lessons in ``folder`` as pages without code.

    Voila turns authentication off unless given a token, so it is always given one; its
    sources are stripped (Voila's default, stated so no configuration file changes it).
    Voila (0.5) has no root check, so it needs no ``--allow-root``.  ``cull_idle`` ends a
    page's kernel after that many seconds idle.  Its pages come with a Content-Security-Policy
    that lets them load nothing from another host (:data:`VOILA_CONFIG`); Voila's usual
    configuration files (the working folder's, then Jupyter's) are still read, and come
    first, so a site's own setting wins.  It runs in :func:`app_environment`.
    """
    cmd = [
        sys.executable,
        "-m",
        "voila",
        str(folder),
        f"--Voila.ip={server.ip}",
        f"--Voila.port={server.port}",
        "--Voila.port_retries=0",
        f"--Voila.token={server.token}",
        f"--Voila.open_browser={server.open_browser}",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        *(
            f"--Voila.config_file_paths={where}"
            # Voila's own search path (the working folder, then Jupyter's), highest priority
            # first, and the kit's last: a site's own setting wins over the kit's.
            for where in (os.getcwd(), *jupyter_config_path(), str(VOILA_CONFIG))
        ),
    ]
    if cull_idle is not None:
        cmd.append(f"--MappingKernelManager.cull_idle_timeout={cull_idle}")
    return cmd


def app_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment :func:`app_command` runs in: ``environ`` (this process's when None) with
    ``JUPYTER_PATH`` putting the trainee's kernelspec first.

    So a page's kernel is the lessons' ``python3`` as :mod:`trainer.kernel` runs it, without
    the debugger a page never shows; JupyterLab (:func:`lab_command`) keeps the usual kernel.
    """
    given = dict(os.environ if environ is None else environ)
    return {**given, "JUPYTER_PATH": jupyter_path(given.get("JUPYTER_PATH"))}


def notices(server: Server, what: str, path: str = "/", *, as_root: bool = False) -> list[str]:
    """What ``ipo-trainer`` says before the server starts: the address with its token, and why."""
    lines = []
    if as_root:
        lines.append("Running as root, so starting JupyterLab with --allow-root.")
    if not server.is_loopback:
        lines.append(
            f"Listening on {server.ip}, not only this computer: anyone on that network who has "
            "the token can open it. The token is still required."
        )
    lines.append(f"Starting {what}. Open it at (the token is the password):")
    lines.append(f"    {server.url(path)}")
    return lines


def run(cmd: list[str], lines: list[str], env: Mapping[str, str] | None = None) -> NoReturn:
    """Print ``lines``, then replace this process with ``cmd`` (Ctrl-C then reaches the server).

    ``env`` is the server's whole environment (:func:`app_environment`); None keeps this one.
    """
    print("\n".join(lines), flush=True)
    sys.stderr.flush()
    if env is None:
        os.execv(cmd[0], cmd)
    os.execve(cmd[0], cmd, env)
