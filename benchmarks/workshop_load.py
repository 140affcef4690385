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
measured with psutil on the kernel process; the target is 80 MB, and the table says how
many such kernels a 24 GiB server holds with 4 GiB kept for the system, the Hub and the
database.
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


def kernel_memory_mb(lesson: str = "02_logon_three_ways.ipynb") -> float:
    """Resident MB of a fresh kernel that ran ``lesson``'s code cells and saved an attempt.

    The kernel's trainer folder and store are a temporary folder's; the store is made (and
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
            "IPO_TRAINER_DB": f"{folder}/records.sqlite",
            "IPO_TRAINER_TRAINEE": "bench",
        }
        Store(env["IPO_TRAINER_DB"]).close()
        # IPC sockets, as a local Jupyter server's kernels can use: nothing on TCP at all.
        manager = KernelManager(kernel_name="python3", transport="ipc", ip=f"{folder}/kernel")
        manager.start_kernel(cwd=str(ROOT / "notebooks"), env=env)
        client = manager.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
            for source in [*code, FINISH_AN_EXERCISE]:
                reply = client.execute_interactive(source, timeout=120, output_hook=lambda _: None)
                if reply["content"]["status"] != "ok":
                    raise RuntimeError(f"{lesson}: a cell failed: {reply['content']}")
            return _resident_mb(manager.provisioner.process.pid)  # type: ignore[union-attr]
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)


def _resident_mb(pid: int) -> float:
    """Resident MB of process ``pid`` and its children."""
    import psutil

    process = psutil.Process(pid)
    rss = process.memory_info().rss + sum(
        c.memory_info().rss for c in process.children(recursive=True)
    )
    return rss / 2**20


def kernel(_args: object) -> None:
    """The ``kernel`` section: one trainee's kernel for an agent's lesson."""
    mb = kernel_memory_mb()
    room = int((SERVER_GIB - RESERVED_GIB) * 1024 // mb)
    verdict = "PASS" if mb <= KERNEL_TARGET_MB else "FAIL  <<<"
    print("A trainee's kernel after running 02_logon_three_ways and saving an attempt")
    print(
        f"{'resident MB':>12}{'target':>8}   kernels a {SERVER_GIB} GiB server holds ({RESERVED_GIB} GiB kept)"
    )
    print(f"{mb:>12.0f}{KERNEL_TARGET_MB:>8}   {room}  {verdict}")


if __name__ == "__main__":
    os.environ.setdefault("IPO_TRAINER_TRAINEE", "bench")
    kernel(None)
