"""What a test starts and drives on loopback: the kit's servers, any other server, Chromium.

``make lab`` and ``make agent`` run ``ipo-trainer lab`` and ``ipo-trainer app``; the tests
start the same console script, with ``--no-browser`` and a port of their own, and read the
token from the address it prints, as a trainee does.  A static site (``python -m
http.server``) or a Voila started some other way is :func:`serving` alone.

Plain helpers with no pytest in them, so ``benchmarks/browser_speed.py`` and
``scripts/screenshots.py`` start their servers and Chromium with these too.  The browser
tests' fixtures, and the rule that a missing Chromium fails under CI and skips elsewhere,
are in ``browser.py``.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def under_ci() -> bool:
    """True under CI (``CI`` set, and not to ``0`` or ``false``): there a test whose server
    or browser is missing fails, since ``.ci/run`` installs them; elsewhere it skips."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


#: The console script the package installs (``pip install -e .`` makes it).
IPO_TRAINER = Path(sys.executable).parent / "ipo-trainer"
#: Seconds a server may take to start.
PATIENCE = 90
#: Seconds between two looks at a server that is starting.
POLL = 0.2
#: Debian's Chromium: Playwright cannot download a browser here (``apt-get install chromium``).
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Headless as root, with no network but loopback: no sandbox, and none of Chromium's
#: background connections (each would be refused, and some retried, at every start).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]
_ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)(/\S*)?\?token=([A-Za-z0-9_-]+)")


class ServerDidNotStart(RuntimeError):
    """A server exited, or did not answer in time; the message quotes the end of its log."""


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


def _answers(url: str) -> bool:
    try:
        get(url)
    except OSError:
        return False
    return True


@contextmanager
def serving(
    command: Sequence[str],
    log: Path,
    ready: str,
    *,
    name: str,
    patience: float = PATIENCE,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """``command`` running until the block ends; yields it once the URL ``ready`` answers.

    Any status is an answer (a 403 says the server is up).  ``env`` is added to this
    process's environment; the output goes to ``log``.  ServerDidNotStart, quoting the end
    of the log, when ``name`` exits or ``patience`` seconds pass first.  Stopped with
    SIGTERM, and killed when it has not stopped 20 s later.
    """
    with open(log, "wb") as out:
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
    try:
        deadline = time.monotonic() + patience
        while not _answers(ready):
            if process.poll() is not None or time.monotonic() > deadline:
                said = log.read_text(errors="replace")[-3000:]
                raise ServerDidNotStart(f"{name} did not start:\n{said}")
            time.sleep(POLL)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
    args: list[str],
    log: Path,
    ready: str = "/",
    env: Mapping[str, str] | None = None,
    patience: float = PATIENCE,
) -> Iterator[Running]:
    """``ipo-trainer ARGS`` until the block ends; yields it once ``ready`` answers (even 403).

    ``args`` must hold ``--port PORT``; the server listens on 127.0.0.1 (ipo-trainer's default).
    ``env`` is added to this process's environment.  Its output goes to ``log``, which a
    failed start quotes (ServerDidNotStart).
    """
    if not IPO_TRAINER.exists():
        raise ServerDidNotStart(
            f"No {IPO_TRAINER}: install the kit with `pip install -e .` (make does)."
        )
    port = args[args.index("--port") + 1]
    base = f"http://127.0.0.1:{port}"
    name = f"ipo-trainer {' '.join(args)}"
    command = [str(IPO_TRAINER), *args]
    with serving(command, log, base + ready, name=name, patience=patience, cwd=ROOT, env=env):
        printed = _ADDRESS.search(log.read_text())
        assert printed is not None, f"no address with a token printed:\n{log.read_text()[-3000:]}"
        assert printed.group(1) == port
        yield Running(base, printed.group(3))
