"""The recorder: what a trainee reads when an attempt is saved, and that no attempt is ever lost.

The long tests start real processes: one killed inside its transaction, and twenty
writing at once, each against SQLite and against a real PostgreSQL.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from servers import ROOT, free_port

from trainer.errors import StoreError, TrainerError
from trainer.outbox import Outbox
from trainer.recorder import Receipt, Recorder
from trainer.store import HEAD_REVISION, Store, store_url

#: Seconds a child process may take to get where the test waits for it.
PATIENCE = 120


def wait_for(path: Path, process: subprocess.Popen[bytes] | None = None) -> None:
    """Wait until ``path`` exists; fail with the child's output if it dies first."""
    deadline = time.monotonic() + PATIENCE
    while not path.exists():
        if process is not None and process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(
                f"the child ended ({process.returncode}) before {path.name}:\n{err.decode()}"
            )
        if time.monotonic() > deadline:
            pytest.fail(f"nothing made {path} in {PATIENCE} s")
        time.sleep(0.02)


# --- what the trainee reads -------------------------------------------------------------------------


def test_a_saved_attempt_says_so_and_leaves_nothing_waiting(store_address, tmp_path, make_record):
    record = make_record()
    with Recorder(store_address, outbox=Outbox(tmp_path / "o.jsonl")) as recorder:
        assert recorder.start() == Receipt(True, 0, "")
        assert recorder.save(record) == Receipt(True, 0, "Saved to your training record.")
        assert len(recorder.outbox) == 0
    with Store(store_address) as store:
        assert store.records() == (record,)


def test_an_unreachable_store_keeps_the_attempt_and_says_so_in_plain_words(tmp_path, make_record):
    url = f"postgresql://coach:pw@127.0.0.1:{free_port()}/training"
    recorder = Recorder(url, outbox=Outbox(tmp_path / "o.jsonl"), timeout=2)
    first = recorder.save(make_record("ana", 0))
    assert first == Receipt(
        False,
        1,
        "The training records cannot be reached just now: this attempt is kept on this "
        "computer (1 waiting) and will be saved next time.",
    )
    assert recorder.save(make_record("ana", 1)).pending == 2
    assert recorder.start() == Receipt(
        False,
        2,
        "The training records cannot be reached just now: 2 attempts are kept on this "
        "computer and will be saved next time.",
    )
    assert recorder.outbox.pending() == (make_record("ana", 0), make_record("ana", 1))


def test_in_a_browser_page_an_attempt_the_store_cannot_take_waits_in_the_page(
    tmp_path, make_record, monkeypatch
):
    # JupyterLite (Pyodide): the outbox is the page's memory, so "kept on this computer"
    # would be untrue; the trainee is told what the page does with it instead.
    monkeypatch.setattr(sys, "platform", "emscripten")
    url = f"postgresql://coach:pw@127.0.0.1:{free_port()}/training"
    recorder = Recorder(url, outbox=Outbox(tmp_path / "o.jsonl"), timeout=2)
    receipt = recorder.save(make_record("ana", 0))
    assert receipt.saved is False
    assert receipt.message == (
        "Your attempt cannot be saved in this browser just now: the page keeps it, and saves "
        "it with your next one."
    )
    assert recorder.outbox.pending() == (make_record("ana", 0),)


def test_in_a_browser_page_a_saved_attempt_says_where_the_file_for_the_trainer_is(
    tmp_path, make_record, monkeypatch
):
    monkeypatch.setattr(sys, "platform", "emscripten")
    recorder = Recorder(str(tmp_path / "records.sqlite"), outbox=Outbox(tmp_path / "o.jsonl"))
    receipt = recorder.save(make_record("ana", 0))
    assert receipt == Receipt(
        True,
        0,
        "Saved in this browser: Download my training records (under Your progress) gives the "
        "file for your trainer.",
    )


def test_a_store_that_comes_back_takes_what_waited_at_the_next_save(tmp_path, make_record):
    folder = tmp_path / "share"  # a network folder, not mounted yet
    recorder = Recorder(str(folder / "records.sqlite"), outbox=Outbox(tmp_path / "o.jsonl"))
    assert recorder.save(make_record("ana", 0)).saved is False
    folder.mkdir()
    assert recorder.save(make_record("ana", 1)) == Receipt(
        True,
        0,
        "Saved to your training record, with 1 earlier attempt that waited on this computer.",
    )
    with Store(str(folder / "records.sqlite")) as store:
        assert [r.uid for r in store.records()] == [make_record("ana", n).uid for n in (0, 1)]


def test_a_locked_store_keeps_the_attempt_and_the_next_start_writes_it(tmp_path, make_record):
    path = tmp_path / "records.sqlite"
    Store(str(path)).close()
    recorder = Recorder(str(path), outbox=Outbox(tmp_path / "o.jsonl"), timeout=0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        receipt = recorder.save(make_record())
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (receipt.saved, receipt.pending) == (False, 1)
    assert recorder.start() == Receipt(
        True, 0, "1 earlier attempt kept on this computer is now saved to your training record."
    )
    assert recorder.start() == Receipt(True, 0, "")
    with Store(str(path)) as store:
        assert store.records() == (make_record(),)


def test_the_recorder_shows_where_with_the_password_masked(trainer_folder):
    recorder = Recorder("postgresql://coach:s3cret@db/training")
    assert recorder.where == "postgresql+psycopg://coach:***@db/training"
    assert "s3cret" not in repr(recorder)
    assert recorder.outbox.path.parent == trainer_folder
    assert "s3cret" not in str(recorder.outbox.path)


def test_the_default_store_keeps_outbox_jsonl_and_any_other_store_an_outbox_of_its_own(
    trainer_folder, tmp_path, make_record
):
    default, demo = Recorder(), Recorder(str(tmp_path / "demo.sqlite"))
    assert default.outbox.path == trainer_folder / "outbox.jsonl"
    assert demo.outbox.path.parent == trainer_folder
    assert demo.outbox.path != default.outbox.path
    assert Recorder(str(tmp_path / "demo.sqlite")).outbox.path == demo.outbox.path
    default.outbox.put(make_record("ana", 0))  # waiting for the default store
    assert demo.save(make_record("ben", 0)).saved
    with Store(str(tmp_path / "demo.sqlite")) as store:  # the demo took only its own
        assert [r.trainee for r in store.records()] == ["ben"]
    assert len(default.outbox) == 1


def test_a_bad_address_is_refused_when_the_recorder_is_made(trainer_folder):
    with pytest.raises(StoreError, match="'mysql://coach:\\*\\*\\*@db/t' is neither"):
        Recorder("mysql://coach:s3cret@db/t")


def test_a_store_that_is_no_database_is_an_error_and_the_attempt_waits(tmp_path, make_record):
    path = tmp_path / "records.sqlite"
    path.write_text("not a database\n" * 100)
    recorder = Recorder(str(path), outbox=Outbox(tmp_path / "o.jsonl"))
    with pytest.raises(StoreError, match="is not training records this kit can use"):
        recorder.save(make_record())
    assert recorder.outbox.pending() == (make_record(),)


def test_an_outbox_that_cannot_be_written_still_saves_to_the_store(tmp_path, make_record):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    outbox = Outbox(blocked / "outbox.jsonl")  # its folder is a file: every write fails
    recorder = Recorder(str(tmp_path / "records.sqlite"), outbox=outbox)
    assert recorder.save(make_record()).saved is True
    with Store(str(tmp_path / "records.sqlite")) as store:
        assert store.records() == (make_record(),)


def test_an_attempt_that_can_be_kept_nowhere_is_a_loud_error(tmp_path, make_record):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    recorder = Recorder(
        str(tmp_path / "missing" / "records.sqlite"), outbox=Outbox(blocked / "outbox.jsonl")
    )
    with pytest.raises(TrainerError, match="This attempt cannot be kept anywhere"):
        recorder.save(make_record())


def test_an_attempt_the_store_refuses_is_not_called_saved(store_address, tmp_path, make_record):
    refused = make_record("ana", 1, mistakes=None)  # NOT NULL: refused by either database
    with Recorder(store_address, outbox=Outbox(tmp_path / "o.jsonl")) as recorder:
        recorder.outbox.put(make_record("ana", 0))  # waited, and is taken
        receipt = recorder.save(refused)
        assert (receipt.saved, receipt.pending) == (False, 0)
        assert receipt.message.startswith(
            "This attempt could not be saved to your training record, with 1 earlier attempt "
            "that waited on this computer. The training records at "
        )
        assert f"refused attempt {refused.uid!r}" in receipt.message
        assert recorder.outbox.bad_path.read_text() == refused.to_json() + "\n"
        recorder.outbox.put(make_record("ana", 2, mistakes=None))
        assert recorder.start().message.startswith("The training records at ")  # none saved
    with Store(store_address) as store:
        assert store.records() == (make_record("ana", 0),)


def test_an_attempt_refused_with_no_outbox_is_a_loud_error(tmp_path, make_record):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    recorder = Recorder(str(tmp_path / "records.sqlite"), outbox=Outbox(blocked / "outbox.jsonl"))
    with pytest.raises(TrainerError, match="cannot be kept anywhere.*refused it"):
        recorder.save(make_record(mistakes=None))


def test_a_line_set_aside_is_told_in_the_receipt(tmp_path, make_record):
    outbox = Outbox(tmp_path / "o.jsonl")
    outbox.path.write_text("garbage\n")
    receipt = Recorder(str(tmp_path / "r.sqlite"), outbox=outbox).save(make_record())
    assert receipt.saved
    assert receipt.message.startswith("Saved to your training record. 1 line(s) of the outbox")


# --- a writer killed inside its transaction -----------------------------------------------------------

KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.sql import Insert
    from trainer.outbox import Outbox
    from trainer.recorder import Recorder
    from trainer.records import AttemptRecord

    url, outbox, ready, line = sys.argv[1:]

    @event.listens_for(Engine, "after_execute")
    def stop_inside(connection, statement, *args):
        # The attempt's row is inserted, its transaction not committed: say so, and hang.
        if isinstance(statement, Insert) and statement.table.name == "attempts":
            Path(ready).write_text("inside the transaction")
            time.sleep(600)

    Recorder(url, outbox=Outbox(Path(outbox))).save(AttemptRecord.from_json(line))
    """
)


def test_a_writer_killed_inside_its_transaction_loses_nothing(store_address, tmp_path, make_record):
    record = make_record()
    outbox_path, ready = tmp_path / "outbox.jsonl", tmp_path / "ready"
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            KILLED_WRITER,
            store_address,
            str(outbox_path),
            str(ready),
            record.to_json(),
        ],
        cwd=ROOT,  # python -c imports from its folder: this checkout
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(ready, writer)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.communicate(timeout=PATIENCE)
    assert writer.returncode == -signal.SIGKILL

    with Store(store_address) as store:  # opens and reads: the half transaction is gone
        assert store.records() == ()
        assert store.revision() == HEAD_REVISION
    assert Outbox(outbox_path).pending() == (record,)

    recorder = Recorder(store_address, outbox=Outbox(outbox_path))
    assert recorder.start() == Receipt(
        True, 0, "1 earlier attempt kept on this computer is now saved to your training record."
    )
    assert recorder.start() == Receipt(True, 0, "")
    recorder.close()
    with Store(store_address) as store:
        assert store.records() == (record,)


# --- twenty trainees finishing at once -----------------------------------------------------------------

WRITERS, EACH = 20, 25

CONCURRENT_WRITER = textwrap.dedent(
    """
    import json, sys, time
    from datetime import UTC, datetime, timedelta
    from pathlib import Path
    from trainer.outbox import Outbox
    from trainer.recorder import Recorder
    from trainer.records import AttemptRecord

    url, outbox, number, each, ready, go = sys.argv[1:]
    number, each = int(number), int(each)
    recorder = Recorder(url, outbox=Outbox(Path(outbox)))
    Path(ready).write_text("ready")
    while not Path(go).exists():
        time.sleep(0.005)
    unsaved = 0
    for n in range(each):
        start = datetime(2026, 12, 2, 9, tzinfo=UTC) + timedelta(seconds=n)
        record = AttemptRecord(
            uid=f"{number:04x}{n:028x}", trainee=f"trainee{number:02d}", exercise="Log on",
            method="logon-star-35", model="4612", station="3000", steps=("key *",),
            mistakes=n % 3, hints=("Dial *35 first",) * (n % 2), seconds=float(n),
            passed=n % 2 == 0, started=start, ended=start + timedelta(seconds=n),
        )
        unsaved += not recorder.save(record).saved
    final = recorder.start()
    print(json.dumps({"unsaved": unsaved, "pending": final.pending}))
    """
)


@contextmanager
def writers_at_once(
    address: str, outboxes: list[Path], folder: Path
) -> Iterator[list[subprocess.Popen[bytes]]]:
    """One CONCURRENT_WRITER per outbox (writer ``n`` keeps ``outboxes[n]``), let go together.

    Yields once every writer is ready and told to go; any still running at the end is killed.
    """
    go, started = folder / "go", []
    try:
        for number, outbox in enumerate(outboxes):
            ready = folder / f"ready-{number}"
            command = [sys.executable, "-c", CONCURRENT_WRITER, address, str(outbox)]
            command += [str(number), str(EACH), str(ready), str(go)]
            writer = subprocess.Popen(
                command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            started.append((writer, ready))
        for writer, ready in started:
            wait_for(ready, writer)
        go.write_text("go")
        yield [writer for writer, _ in started]
    finally:
        for writer, _ in started:
            if writer.poll() is None:
                writer.kill()
                writer.communicate()


def test_twenty_writers_at_once_store_every_record_exactly_once(store_address, tmp_path):
    outboxes = [tmp_path / f"outbox-{number}.jsonl" for number in range(WRITERS)]
    reports = []
    # All at once, on a store nobody has opened yet.
    with writers_at_once(store_address, outboxes, tmp_path) as writers:
        for writer in writers:
            out, err = writer.communicate(timeout=PATIENCE)
            assert writer.returncode == 0, err.decode()
            assert err == b"", err.decode()  # quiet: no warnings
            reports.append(json.loads(out))
    assert reports == [{"unsaved": 0, "pending": 0}] * WRITERS
    for number in range(WRITERS):
        assert Outbox(tmp_path / f"outbox-{number}.jsonl").pending() == ()
    with Store(store_address) as store:
        uids = [record.uid for record in store.records()]
        assert len(store.trainees()) == WRITERS
    expected = {f"{number:04x}{n:028x}" for number in range(WRITERS) for n in range(EACH)}
    assert len(uids) == WRITERS * EACH
    assert set(uids) == expected


def test_a_recorder_writes_through_the_store_that_store_url_names(trainer_folder, make_record):
    recorder = Recorder()
    assert recorder.where == store_url()
    assert recorder.save(make_record()).saved


def test_kernels_of_one_trainee_sharing_an_outbox_lose_nothing(tmp_path):
    """Several lessons open at once share the trainee's outbox: its lock keeps every line."""
    address, outbox = str(tmp_path / "records.sqlite"), tmp_path / "outbox.jsonl"
    with writers_at_once(address, [outbox] * 4, tmp_path) as kernels:
        for kernel in kernels:
            _, err = kernel.communicate(timeout=PATIENCE)
            assert kernel.returncode == 0, err.decode()
    assert Outbox(outbox).pending() == ()
    with Store(address) as store:
        uids = [record.uid for record in store.records()]
    assert sorted(uids) == sorted(
        f"{number:04x}{n:028x}" for number in range(4) for n in range(EACH)
    )
