"""Starting the kit's servers for a test: on a free loopback port, stopped afterwards.

``make lab`` and ``make agent`` run ``ipo-trainer lab`` and ``ipo-trainer app``; the tests
start the same console script, with ``--no-browser`` and a port of their own, and read the
token from the address it prints, as a trainee does.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The console script the package installs (``pip install -e .`` makes it).
IPO_TRAINER = Path(sys.executable).parent / "ipo-trainer"
#: Seconds a server may take to start.
PATIENCE = 90
_ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)(/\S*)?\?token=([A-Za-z0-9_-]+)")


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a redirect is an answer of its own (to a login page, say)


_OPENER = urllib.request.build_opener(_NoRedirect)


def get(url: str, timeout: float = 10) -> tuple[int, bytes]:
    """The status and body of a GET, redirects not followed; OSError while nothing answers."""
    try:
        with _OPENER.open(url, timeout=timeout) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@dataclass(frozen=True)
class Running:
    """A server started by ``ipo-trainer``: its address and the token it printed."""

    base: str
    """``http://127.0.0.1:PORT``."""
    token: str
    """The token in the address it printed."""

    def url(self, path: str = "/") -> str:
        """``path`` on the server, with the token."""
        return f"{self.base}{path}{'&' if '?' in path else '?'}token={self.token}"


@contextmanager
def launched(
    args: list[str], log: Path, ready: str = "/", env: Mapping[str, str] | None = None
) -> Iterator[Running]:
    """``ipo-trainer ARGS`` until the block ends; yields it once ``ready`` answers (even 403).

    ``args`` must hold ``--port PORT``; the server listens on 127.0.0.1 (ipo-trainer's default).
    ``env`` is added to this process's environment.  Its output goes to ``log``, which a
    failed start quotes.
    """
    if not IPO_TRAINER.exists():
        pytest.fail(f"No {IPO_TRAINER}: install the kit with `pip install -e .` (make does).")
    port = args[args.index("--port") + 1]
    base = f"http://127.0.0.1:{port}"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [str(IPO_TRAINER), *args],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
    try:
        deadline = time.monotonic() + PATIENCE
        while True:
            try:
                get(base + ready)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        f"ipo-trainer {' '.join(args)} did not start:\n{log.read_text()[-3000:]}"
                    )
                time.sleep(0.3)
        printed = _ADDRESS.search(log.read_text())
        assert printed is not None, f"no address with a token printed:\n{log.read_text()[-3000:]}"
        assert printed.group(1) == port
        yield Running(base, printed.group(3))
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
