"""A workshop's load on the training records and a trainee's kernel (``make bench`` sections).

``records``: 30 trainees finishing attempts at once.  Thirty processes, each a trainee's
kernel with its own :class:`trainer.recorder.Recorder` (and so its own outbox), wait at a
barrier and then each save ``ATTEMPTS`` attempts as fast as they can, the way a class does
when the supervisor says "now log off".  Against SQLite (one file, WAL) and against a real
PostgreSQL started for the run (Debian's server, as in the tests).  Printed: records a
second over the whole burst, the median and 95th-percentile time of one save (outbox
write, flush, commit), and a check that every record is in the store exactly once and
every outbox is empty.

``kernel``: the resident memory of one trainee's kernel after it has run an agent's
lesson top to bottom (``02_logon_three_ways``: the handsets drawn, the exercises made),
measured with psutil on the kernel process.  The kernel is the one a class runs: the
lessons' ``python3`` from the trainee's kernelspec (:mod:`trainer.kernel`, no debugger),
writing to SQLite and to PostgreSQL; JupyterLab's usual kernel is shown beside them.  The
target is 80 MB resident (RSS; USS and PSS are printed too), and the table says how many
trainees (their own server and one page's kernel) a 24 GiB server holds with 4 GiB kept
for the system, the Hub and the database.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # tests/postgres.py starts a throw-away PostgreSQL

#: Trainees finishing at once, and attempts each saves.
TRAINEES = 30
ATTEMPTS = 20
#: Resident memory a trainee's kernel may take, and what a server keeps for itself.
KERNEL_TARGET_MB = 80
SERVER_GIB, RESERVED_GIB = 24, 4


def _record(trainee: str, n: int):  # type: ignore[no-untyped-def]
    import ipo_core as ipo
    from trainer.records import AttemptRecord

    attempt = ipo.Attempt(
        "Log off with *36: Agent3000 at station 3000 (4612)",
        ipo.Method.LOGOFF_STAR_36,
        ("key *", "key 3", "key 6"),
        n % 3,
        6.0 + n,
        n % 3 == 0,
        ("Dial *36: star, 3, 6.",) if n % 3 else (),
    )
    return AttemptRecord.from_attempt(
        attempt, trainee=trainee, model="4612", station="3000", started=datetime.now(UTC)
    )


def _trainee(url: str, folder: str, trainee: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    from trainer.outbox import Outbox
    from trainer.recorder import Recorder

    recorder = Recorder(url, outbox=Outbox(Path(folder) / f"{trainee}.jsonl"))
    recorder.start()  # the exercise opens: the store is reached once before the burst
    records = [_record(trainee, n) for n in range(ATTEMPTS)]
    barrier.wait()
    times, saved = [], 0
    for record in records:
        start = time.perf_counter()
        receipt = recorder.save(record)
        times.append(time.perf_counter() - start)
        saved += receipt.saved
    results.put((trainee, times, saved, time.perf_counter()))


def burst(url: str) -> dict[str, float]:
    """Thirty trainees save ``ATTEMPTS`` each at once into ``url``; the figures of the burst."""
    from trainer.store import Store

    Store(url).close()  # created and upgraded before the class starts, as the Hub does
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(TRAINEES + 1), ctx.Queue()
    with tempfile.TemporaryDirectory() as folder:
        workers = [
            ctx.Process(target=_trainee, args=(url, folder, f"trainee{i:02d}", barrier, results))
            for i in range(TRAINEES)
        ]
        for worker in workers:
            worker.start()
        barrier.wait()
        start = time.perf_counter()
        rows = [results.get(timeout=300) for _ in workers]
        for worker in workers:
            worker.join()
        outboxes = sum(1 for p in Path(folder).glob("*.jsonl") if p.read_text().strip())
    end = max(row[3] for row in rows)
    times = sorted(t for row in rows for t in row[1])
    with Store(url) as store:
        stored = store.records()
    expected = TRAINEES * ATTEMPTS
    unique = len({r.uid for r in stored})
    return {
        "records": expected,
        "saved": sum(row[2] for row in rows),
        "stored": len(stored),
        "unique": unique,
        "outboxes": outboxes,
        "per_second": expected / (end - start),
        "p50_ms": 1000 * statistics.median(times),
        "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))],
        "max_ms": 1000 * times[-1],
    }


@contextmanager
def postgres() -> Iterator[str | None]:
    """A PostgreSQL started for the run, or None (with the reason printed) when there is none."""
    try:
        from postgres import running_postgres
    except ImportError as error:
        print(f"  PostgreSQL: skipped ({error})")
        yield None
        return
    with tempfile.TemporaryDirectory() as folder:
        try:
            server = running_postgres(Path(folder))
            url = server.__enter__()
        except Exception as error:  # noqa: BLE001 - a benchmark says why and goes on
            print(f"  PostgreSQL: skipped ({error}); apt-get install postgresql")
            yield None
            return
        try:
            yield url
        finally:
            server.__exit__(None, None, None)


def records(_args: object) -> None:
    """The ``records`` section: 30 trainees at once, SQLite and PostgreSQL."""
    print(f"Training records: {TRAINEES} trainees each saving {ATTEMPTS} attempts at once")
    print(
        f"{'store':<11}{'records/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
        f"{'stored':>9}  every record once, outboxes empty"
    )
    with tempfile.TemporaryDirectory() as folder, postgres() as pg_url:
        stores = [("SQLite", f"sqlite:///{folder}/records.sqlite")]
        if pg_url is not None:
            stores.append(("PostgreSQL", pg_url))
        for name, url in stores:
            f = burst(url)
            whole = f["stored"] == f["unique"] == f["records"] and f["outboxes"] == 0
            print(
                f"{name:<11}{f['per_second']:>10.0f}{f['p50_ms']:>9.1f}{f['p95_ms']:>9.1f}"
                f"{f['max_ms']:>9.1f}{int(f['stored']):>9}  {'yes' if whole else 'NO  <<<'}"
            )


#: What a trainee does at the end of the lesson: finish an exercise, its record saved.
FINISH_AN_EXERCISE = """
import ipo_core as ipo, widgets
exercise = widgets.Exercise(ipo.System(ipo.load_site("tech_tip_014")), ipo.Method.LOGOFF_STAR_36)
for key in "*36":
    exercise.handset.keypad[key].click()
assert exercise.receipt.saved, exercise.receipt.message
"""


class Memory(NamedTuple):
    """A process's memory in MB (with its children's): what ``top`` shows, and its shares."""

    rss: float
    """Resident: every page it has in memory, the libraries it shares with others too."""
    uss: float
    """Unique: the pages only it holds, which ending it would free."""
    pss: float
    """Proportional: unique pages, and each shared page divided among those sharing it."""


def _kernelspecs(trainee: bool):  # type: ignore[no-untyped-def]
    """The kernelspecs a server finds: with the trainee's first (as ``ipo-trainer app`` and the
    Hub's trainees' servers give ``JUPYTER_PATH``), or the usual ones (``ipo-trainer lab``)."""
    from jupyter_client.kernelspec import KernelSpecManager

    from trainer.kernel import JUPYTER_DATA

    manager = KernelSpecManager()
    if trainee:
        manager.kernel_dirs = [str(JUPYTER_DATA / "kernels"), *manager.kernel_dirs]
    return manager


def kernel_memory(
    lesson: str = "02_logon_three_ways.ipynb", db: str | None = None, *, trainee: bool = True
) -> Memory:
    """The memory of a fresh kernel that ran ``lesson``'s code cells and saved an attempt.

    The kernel is ``python3`` as a class's server runs it: the trainee's kernel
    (:mod:`trainer.kernel`, no debugger), or with ``trainee=False`` ipykernel's own, as in
    JupyterLab.  Its trainer folder is a temporary folder; its store is ``db`` (a class's
    PostgreSQL, as on the Hub), or a SQLite file there (one laptop).  The store is made (and
    migrated) before the kernel starts, as the Hub does for a class.
    """
    import nbformat
    from jupyter_client.manager import KernelManager

    from trainer.store import Store

    notebook = nbformat.read(ROOT / "notebooks" / lesson, as_version=4)
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "IPO_TRAINER_HOME": folder,
            "IPO_TRAINER_DB": db or f"{folder}/records.sqlite",
            "IPO_TRAINER_TRAINEE": "bench",
        }
        Store(env["IPO_TRAINER_DB"]).close()
        # IPC sockets, as a local Jupyter server's kernels can use: nothing on TCP at all.
        manager = KernelManager(
            kernel_name=notebook.metadata.kernelspec.name,  # python3, as the lesson says
            kernel_spec_manager=_kernelspecs(trainee),
            transport="ipc",
            ip=f"{folder}/kernel",
        )
        manager.start_kernel(cwd=str(ROOT / "notebooks"), env=env)
        client = manager.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
            for source in [*code, FINISH_AN_EXERCISE]:
                reply = client.execute_interactive(source, timeout=120, output_hook=lambda _: None)
                if reply["content"]["status"] != "ok":
                    raise RuntimeError(f"{lesson}: a cell failed: {reply['content']}")
            return _memory(manager.provisioner.process.pid)  # type: ignore[union-attr]
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)


def _memory(pid: int) -> Memory:
    """The memory of process ``pid`` and its children."""
    import psutil

    process = psutil.Process(pid)
    rss = uss = pss = 0
    for each in [process, *process.children(recursive=True)]:
        full = each.memory_full_info()
        rss, uss, pss = rss + full.rss, uss + full.uss, pss + full.pss
    return Memory(rss / 2**20, uss / 2**20, pss / 2**20)


def server_memory_mb(db: str | None = None) -> tuple[float, float]:
    """Resident MB of a trainee's Jupyter server, and of the kernel its agent's page started.

    On the Hub each trainee has a server of their own (``jupyterhub-singleuser``: Jupyter
    Server with the same JupyterLab and Voila extensions ``ipo-trainer lab`` loads), whose
    ``JUPYTER_PATH`` makes ``python3`` the trainee's kernel, and a kernel per open page.
    Measured here on ``ipo-trainer lab`` given that ``JUPYTER_PATH``, with lesson 02 rendered
    by its Voila (which runs the lesson in a kernel), writing to ``db`` as a class's kernel does.
    """
    import psutil
    from servers import free_port, get, launched

    from trainer.kernel import jupyter_path

    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        env = {
            "IPO_TRAINER_HOME": folder,
            "IPO_TRAINER_DB": db or f"{folder}/records.sqlite",
            "JUPYTER_PATH": jupyter_path(os.environ.get("JUPYTER_PATH")),
        }
        log = Path(folder) / "server.log"
        with launched(["lab", "--no-browser", "--port", str(port)], log, env=env) as server:
            status, _ = get(server.url("/voila/render/02_logon_three_ways.ipynb"), timeout=120)
            if status != 200:
                raise RuntimeError(
                    f"lesson 02 did not render ({status}): {log.read_text()[-2000:]}"
                )
            listening = [
                c.pid
                for c in psutil.net_connections(kind="tcp")
                if c.laddr and c.laddr.port == port and c.status == psutil.CONN_LISTEN and c.pid
            ]
            if not listening:
                raise RuntimeError(f"no process listens on port {port}")
            process = psutil.Process(listening[0])
            kernels = process.children(recursive=True)
            return process.memory_info().rss / 2**20, sum(
                k.memory_info().rss for k in kernels
            ) / 2**20


def kernel(_args: object) -> None:
    """The ``kernel`` section: one trainee's kernel for an agent's lesson, and their server."""
    print("A trainee's kernel after running 02_logon_three_ways and saving an attempt")
    print(f"{'kernel':<12}{'store':<12}{'RSS MB':>8}{'USS MB':>8}{'PSS MB':>8}{'target':>8}")
    with postgres() as pg_url:
        stores = [("SQLite", None)] + ([("PostgreSQL", pg_url)] if pg_url else [])
        sizes = {}
        for name, url in stores:
            mb = sizes[name] = kernel_memory(db=url)
            verdict = "PASS" if mb.rss <= KERNEL_TARGET_MB else "FAIL  <<<"
            print(
                f"{'trainee':<12}{name:<12}{mb.rss:>8.0f}{mb.uss:>8.0f}{mb.pss:>8.0f}"
                f"{KERNEL_TARGET_MB:>8}  {verdict}"
            )
        name, url = stores[-1]  # for comparison: JupyterLab's python3, with its debugger
        mb = kernel_memory(db=url, trainee=False)
        print(f"{'usual':<12}{name:<12}{mb.rss:>8.0f}{mb.uss:>8.0f}{mb.pss:>8.0f}{'-':>8}")
        server_mb, page_kernel_mb = server_memory_mb(pg_url)
    print(
        "trainee: trainer.kernel, as ipo-trainer app and the Hub's trainees run lessons; usual:\n"
        "ipykernel's own python3 with its debugger, as in ipo-trainer lab.  RSS counts the shared\n"
        "libraries in full in every kernel; USS is what one kernel alone holds; PSS divides each\n"
        "shared page among the processes sharing it (a handful here, every kernel in a class)."
    )
    # A trainee on the Hub: their own server, and the kernel of the page they have open.
    per_trainee = server_mb + sizes.get("PostgreSQL", sizes["SQLite"]).rss
    room = int((SERVER_GIB - RESERVED_GIB) * 1024 // per_trainee)
    print(
        f"A trainee's own Jupyter server: {server_mb:.0f} MB (its page's kernel "
        f"{page_kernel_mb:.0f} MB); server and kernel {per_trainee:.0f} MB a trainee, so a "
        f"{SERVER_GIB} GiB server ({RESERVED_GIB} GiB kept) holds about {room} trainees, "
        "each with one lesson open"
    )


if __name__ == "__main__":
    os.environ.setdefault("IPO_TRAINER_TRAINEE", "bench")
    kernel(None)
