"""Attempts waiting to be written: one JSON line each, in a file on this computer.

The :class:`~trainer.recorder.Recorder` puts every attempt here *before* it writes to the
store (write-ahead), so an attempt survives a store that is down, locked, or a kernel
killed in the middle of its transaction.  :meth:`Outbox.flush` later writes what waits
and removes from the file only what the store took or already had (the uid makes a
replay harmless).

Every change is made so that a kill at any moment loses nothing: :meth:`Outbox.put`
appends one line and fsyncs it; a flush replaces the file whole
(:func:`trainer.paths.replace_file`).  Kernels of the same trainee share the file, so each
change holds an advisory lock (``outbox.jsonl.lock``) for the moment it reads and writes
the file; the store is written outside that lock.

A line that is not an attempt record (edited by hand, a disk error) is never dropped: it
is moved to ``outbox.bad.jsonl`` beside the file, and :meth:`Outbox.take_notices` says so
in a sentence.

>>> import tempfile, pathlib
>>> outbox = Outbox(pathlib.Path(tempfile.mkdtemp()) / "outbox.jsonl")
>>> len(outbox)
0
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from trainer.errors import RecordRefused, StoreError, StoreUnavailable
from trainer.paths import replace_file, trainer_home
from trainer.records import AttemptRecord
from trainer.store import Store, store_url

try:
    import fcntl
except ImportError:  # Windows: one kernel at a time writes the outbox
    fcntl = None  # type: ignore[assignment]
if not hasattr(fcntl, "flock"):  # Pyodide (make lite): one kernel per browser tab, no flock
    fcntl = None  # type: ignore[assignment]

__all__ = ["Outbox"]

_FILE = "outbox.jsonl"


class Outbox:
    """The attempts kept on this computer until the store takes them."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else trainer_home() / _FILE
        """The outbox file (``outbox.jsonl`` in the trainer's folder by default)."""
        self.bad_path = self.path.with_name(self.path.stem + ".bad" + self.path.suffix)
        """Where lines that are not attempt records are moved (``outbox.bad.jsonl``)."""
        self.set_aside: tuple[str, ...] = ()
        """The uids the last :meth:`flush` moved to ``outbox.bad.jsonl`` (the store refused them)."""
        self._notices: list[str] = []

    @classmethod
    def for_store(cls, url: str) -> Outbox:
        """The outbox of the store at ``url``, in the trainer's folder.

        An attempt waits for the store it was made for: a kernel pointed at another store
        (a lesson's demo store, a test's) neither takes nor leaves its attempts.  The store
        usually met, the default, keeps ``outbox.jsonl``; any other gets
        ``outbox-<digest of its address>.jsonl``.
        """
        address = store_url(url)
        name = _FILE if address == store_url() else f"outbox-{_digest(address)}.jsonl"
        return cls(trainer_home() / name)

    def __repr__(self) -> str:
        return f"Outbox({str(self.path)!r})"

    def __len__(self) -> int:
        return len(self.pending())

    def put(self, record: AttemptRecord) -> None:
        """Append ``record`` and fsync it: once this returns, a kill cannot lose it.

        OSError when the file cannot be written (the caller decides what to tell).
        """
        if not isinstance(record, AttemptRecord):
            raise StoreError(f"Only an AttemptRecord can wait in the outbox; got {record!r}.")
        line = (record.to_json() + "\n").encode("utf-8")
        with self._locked():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                size = os.fstat(fd).st_size
                if size and _last_byte(self.path, size) != b"\n":
                    line = b"\n" + line  # a torn last line stays a line of its own
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)

    def pending(self) -> tuple[AttemptRecord, ...]:
        """The attempts waiting, oldest first (a line that is no record is moved aside)."""
        with self._locked():
            return tuple(record for record, _ in self._load())

    def flush(self, store: Store) -> int:
        """Write every waiting attempt to ``store``; the number of attempts taken off the outbox.

        An attempt leaves the file when the store took it or already had it (same uid; an
        attempt the file holds twice is written and counted once), or when the store refused its data (then it goes to ``outbox.bad.jsonl``, with a
        notice, and its uid is in :attr:`set_aside`).  StoreUnavailable stops the flush:
        what was written is still taken off, the rest stays, and the error is raised again
        for the caller to tell the trainee.
        """
        with self._locked():
            waiting = self._load()
        done: set[str] = set()
        refused: list[str] = []
        set_aside: list[str] = []
        self.set_aside = ()
        failure: StoreUnavailable | None = None
        for record, line in waiting:
            if record.uid in done:
                continue
            try:
                store.add(record)
            except RecordRefused as error:
                refused.append(line)
                set_aside.append(record.uid)
                self._notices.append(f"{error} It was moved to {str(self.bad_path)!r}.")
            except StoreUnavailable as error:
                failure = error
                break
            done.add(record.uid)
        if done:
            with self._locked():
                if refused:
                    self._append_bad(refused)
                kept = [line for record, line in self._load() if record.uid not in done]
                self._rewrite(kept)
        self.set_aside = tuple(set_aside)
        if failure is not None:
            raise failure
        return len(done)

    def take_notices(self) -> tuple[str, ...]:
        """What went wrong with lines of the outbox since last asked, in sentences; then forget."""
        notices, self._notices = tuple(self._notices), []
        return notices

    # -- inside: called with the lock held --

    def _load(self) -> list[tuple[AttemptRecord, str]]:
        try:
            text = self.path.read_text(encoding="utf-8", errors="surrogateescape")
        except FileNotFoundError:
            return []
        good: list[tuple[AttemptRecord, str]] = []
        bad: list[str] = []
        # Only "\n" ends a line: the JSON keeps U+2028, U+0085 and their like as they are, and
        # str.splitlines() would cut a record holding one in two.
        for line in text.split("\n"):
            if not line.strip():
                continue
            try:
                good.append((AttemptRecord.from_json(line), line))
            except StoreError:
                bad.append(line)
        if bad:
            self._append_bad(bad)
            self._rewrite([line for _, line in good])
            self._notices.append(
                f"{len(bad)} line(s) of the outbox {str(self.path)!r} are not attempt records "
                f"and were moved to {str(self.bad_path)!r}: ask your trainer to look at them."
            )
        return good

    def _append_bad(self, lines: list[str]) -> None:
        data = "".join(line + "\n" for line in lines).encode("utf-8", errors="surrogateescape")
        fd = os.open(self.bad_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)

    def _rewrite(self, lines: list[str]) -> None:
        """Replace the file by ``lines`` at once: a kill leaves the old file or the new."""
        data = "".join(line + "\n" for line in lines).encode("utf-8", errors="surrogateescape")
        replace_file(self.path, data)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        if fcntl is None:
            yield
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = self.path.with_name(self.path.name + ".lock")
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock


def _last_byte(path: Path, size: int) -> bytes:
    with path.open("rb") as file:
        file.seek(size - 1)
        return file.read(1)


def _digest(address: str) -> str:
    """Sixteen hex digits naming the store at ``address`` (a store_url; never shown)."""
    return hashlib.sha256(address.encode("utf-8")).hexdigest()[:16]
