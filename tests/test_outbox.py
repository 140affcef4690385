"""The outbox: attempts kept on this computer until the store takes them, none ever lost."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from servers import ROOT

from trainer.errors import RecordRefused, StoreError, StoreUnavailable
from trainer.outbox import Outbox
from trainer.records import AttemptRecord
from trainer.store import Store


class FlakyStore:
    """A stand-in store that takes ``takes`` records, then is unreachable; or refuses some uids."""

    def __init__(self, takes: int = 1000, refuse: frozenset[str] = frozenset()) -> None:
        self.takes = takes
        self.refuse = refuse
        self.added: list[AttemptRecord] = []

    def add(self, record: AttemptRecord) -> bool:
        if record.uid in self.refuse:
            raise RecordRefused(f"The store refused attempt {record.uid!r}.")
        if len(self.added) >= self.takes:
            raise StoreUnavailable("sqlite:////nowhere", "database is locked")
        self.added.append(record)
        return True


def test_an_outbox_starts_empty_in_the_trainers_folder(trainer_folder):
    outbox = Outbox()
    assert outbox.path == trainer_folder / "outbox.jsonl"
    assert len(outbox) == 0
    assert outbox.pending() == ()


def test_a_record_put_is_one_line_and_pending_for_any_later_reader(tmp_path, make_record):
    path = tmp_path / "outbox.jsonl"
    first, second = make_record("ana", 0), make_record("ana", 1)
    Outbox(path).put(first)
    Outbox(path).put(second)
    assert path.read_text(encoding="utf-8") == first.to_json() + "\n" + second.to_json() + "\n"
    assert Outbox(path).pending() == (first, second)
    assert len(Outbox(path)) == 2


def test_only_attempt_records_are_put(tmp_path):
    with pytest.raises(StoreError, match="Only an AttemptRecord can wait in the outbox"):
        Outbox(tmp_path / "o.jsonl").put("an attempt")  # type: ignore[arg-type]


def test_a_flush_writes_every_record_and_empties_the_file(tmp_path, make_record):
    outbox = Outbox(tmp_path / "outbox.jsonl")
    records = [make_record("ana", n) for n in range(3)]
    for record in records:
        outbox.put(record)
    with Store(str(tmp_path / "r.sqlite")) as store:
        assert outbox.flush(store) == 3
        assert store.records() == tuple(records)
        assert outbox.flush(store) == 0
    assert outbox.pending() == ()
    assert outbox.path.read_text() == ""


def test_a_record_the_store_already_has_leaves_the_outbox_without_a_second_row(
    tmp_path, make_record
):
    outbox = Outbox(tmp_path / "outbox.jsonl")
    record = make_record()
    with Store(str(tmp_path / "r.sqlite")) as store:
        store.add(record)  # the first write did commit, but the kernel died before it knew
        outbox.put(record)
        outbox.put(record)
        assert outbox.flush(store) == 1  # one attempt, however many lines held it
        assert store.records() == (record,)
    assert len(outbox) == 0


def test_an_unreachable_store_stops_the_flush_keeping_the_rest_in_order(tmp_path, make_record):
    outbox = Outbox(tmp_path / "outbox.jsonl")
    records = [make_record("ana", n) for n in range(5)]
    for record in records:
        outbox.put(record)
    store = FlakyStore(takes=2)
    with pytest.raises(StoreUnavailable, match="database is locked"):
        outbox.flush(store)  # type: ignore[arg-type]
    assert store.added == records[:2]
    assert outbox.pending() == tuple(records[2:])


def test_a_line_that_is_no_record_is_moved_aside_with_a_notice(tmp_path, make_record):
    path = tmp_path / "outbox.jsonl"
    good = make_record()
    path.write_text('{"half a record":\n' + good.to_json() + "\n" + "not json at all\n")
    outbox = Outbox(path)
    assert outbox.pending() == (good,)
    assert outbox.bad_path == tmp_path / "outbox.bad.jsonl"
    assert outbox.bad_path.read_text() == '{"half a record":\nnot json at all\n'
    assert path.read_text() == good.to_json() + "\n"
    (notice,) = outbox.take_notices()
    assert notice == (
        f"2 line(s) of the outbox {str(path)!r} are not attempt records and were moved to "
        f"{str(outbox.bad_path)!r}: ask your trainer to look at them."
    )
    assert outbox.take_notices() == ()


def test_a_torn_last_line_does_not_swallow_the_next_record(tmp_path, make_record):
    path = tmp_path / "outbox.jsonl"
    record = make_record()
    path.write_text(record.to_json()[:40])  # a write cut short, no newline
    Outbox(path).put(record)
    outbox = Outbox(path)
    assert outbox.pending() == (record,)
    assert outbox.bad_path.read_text() == record.to_json()[:40] + "\n"


def test_a_record_the_store_refuses_is_moved_aside_and_the_rest_written(tmp_path, make_record):
    outbox = Outbox(tmp_path / "outbox.jsonl")
    records = [make_record("ana", n) for n in range(3)]
    for record in records:
        outbox.put(record)
    store = FlakyStore(refuse=frozenset({records[1].uid}))
    assert outbox.flush(store) == 3  # type: ignore[arg-type]
    assert store.added == [records[0], records[2]]
    assert outbox.pending() == ()
    assert outbox.bad_path.read_text() == records[1].to_json() + "\n"
    (notice,) = outbox.take_notices()
    assert notice == (
        f"The store refused attempt {records[1].uid!r}. It was moved to {str(outbox.bad_path)!r}."
    )


def test_a_record_put_survives_the_process_being_killed_right_after(tmp_path, make_record):
    path = tmp_path / "outbox.jsonl"
    record = make_record()
    child = textwrap.dedent(
        f"""
        import os, signal
        from trainer.outbox import Outbox
        from trainer.records import AttemptRecord
        Outbox({str(path)!r}).put(AttemptRecord.from_json({record.to_json()!r}))
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    # cwd: python -c imports from its folder, this checkout
    done = subprocess.run([sys.executable, "-c", child], cwd=ROOT, check=False, timeout=60)
    assert done.returncode == -9
    assert Outbox(path).pending() == (record,)


def test_a_record_holding_a_unicode_line_separator_stays_one_record(tmp_path, make_record):
    outbox = Outbox(tmp_path / "outbox.jsonl")
    record = make_record(exercise="Log on\u2028at 3000\x85 (4612)\u2029")
    outbox.put(record)
    assert outbox.pending() == (record,)
    assert outbox.take_notices() == ()
    assert not outbox.bad_path.exists()


@pytest.mark.parametrize(
    "change", [{"trainee": None}, {"hints": 5}, {"started": 7}, {"uid": "\udcff" * 32}]
)
def test_a_line_of_the_wrong_kinds_is_moved_aside_not_raised(tmp_path, make_record, change):
    import json

    path = tmp_path / "outbox.jsonl"
    good = make_record("ana", 1)
    broken = json.dumps({**json.loads(make_record().to_json()), **change})
    path.write_bytes(
        (broken + "\n" + good.to_json() + "\n").encode("utf-8", errors="surrogateescape")
    )
    outbox = Outbox(path)
    assert outbox.pending() == (good,)
    (notice,) = outbox.take_notices()
    assert "1 line(s) of the outbox" in notice


def test_a_line_with_bytes_that_are_no_utf8_is_moved_aside(tmp_path, make_record):
    path = tmp_path / "outbox.jsonl"
    good, torn = make_record("ana", 1), make_record().to_json().encode("utf-8")
    path.write_bytes(torn.replace(b'"ana"', b'"an\xff"') + b"\n" + good.to_json().encode() + b"\n")
    outbox = Outbox(path)
    assert outbox.pending() == (good,)
    assert outbox.bad_path.read_bytes() == torn.replace(b'"ana"', b'"an\xff"') + b"\n"


def test_the_uids_a_flush_set_aside_are_told(tmp_path, make_record):
    outbox = Outbox(tmp_path / "outbox.jsonl")
    records = [make_record("ana", n) for n in range(3)]
    for record in records:
        outbox.put(record)
    assert outbox.set_aside == ()
    outbox.flush(FlakyStore(refuse=frozenset({records[2].uid})))  # type: ignore[arg-type]
    assert outbox.set_aside == (records[2].uid,)
    outbox.flush(FlakyStore())  # type: ignore[arg-type]
    assert outbox.set_aside == ()
