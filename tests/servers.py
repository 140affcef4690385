"""Starting the kit's servers for a test: on a free loopback port, stopped afterwards.

``make lab`` and ``make agent`` both go through ``scripts/lab.py``; the tests start it the
same way, with ``--no-browser`` and a port of their own.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Seconds a server may take to start.
PATIENCE = 90


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str) -> tuple[int, bytes]:
    """The status and body of a GET; OSError while nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@contextmanager
def launched(args: list[str], log: Path, ready: str = "/") -> Iterator[str]:
    """``python scripts/lab.py ARGS`` until the block ends; yields its address once ``ready`` answers.

    ``args`` must put the server on 127.0.0.1 at the port in ``--port=``; its output goes to
    ``log``, which a failed start quotes.
    """
    port = next(a.split("=", 1)[1] for a in args if a.startswith("--port="))
    url = f"http://127.0.0.1:{port}"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [sys.executable, "scripts/lab.py", *args],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + PATIENCE
        while True:
            try:
                get(url + ready)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        f"scripts/lab.py {' '.join(args)} did not start:\n{log.read_text()[-3000:]}"
                    )
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
