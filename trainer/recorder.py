"""The one interface the widgets use to keep attempts: save one, and catch up at a start.

A :class:`Recorder` writes ahead: :meth:`Recorder.save` first puts the attempt in the
outbox on this computer (fsynced), then flushes the outbox into the store.  Whatever
happens next (the store down or locked, the kernel killed inside the transaction) the
attempt is either in the store or still in the outbox, and the next save or
:meth:`Recorder.start` writes it; its uid makes a second write harmless.  The trainee
reads the outcome as a :class:`Receipt`, a sentence rather than a traceback::

    recorder = Recorder()                  # the store store_url() finds; opened on first use
    recorder.start().message               # '' (nothing was waiting)
    recorder.save(record).message          # 'Saved to your training record.'

The store is opened on first use and opened again after a failure, so a database that
comes back is used without restarting the kernel.  ``save`` and ``start`` never raise
:class:`~trainer.errors.StoreUnavailable`; a store that cannot be used at all (not a
training records database, a newer schema) raises its StoreError, an ``IpoError`` the
widget shows, with the attempt still safe in the outbox.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from trainer.errors import RecordRefused, StoreUnavailable, TrainerError
from trainer.outbox import Outbox
from trainer.records import AttemptRecord
from trainer.store import BUSY_SECONDS, Store, mask, store_url

__all__ = ["Receipt", "Recorder"]

SAVED = "Saved to your training record."
#: On a browser-only page (JupyterLite): the record is in the page's store and the browser's
#: storage (widgets.browser_records), and reaches the supervisor as a downloaded file.
SAVED_IN_THE_BROWSER = (
    "Saved in this browser: Download my training records (under Your progress) gives the "
    "file for your trainer."
)


@dataclass(frozen=True)
class Receipt:
    """What became of a save (or of the catching up at a start), for the trainee to read."""

    saved: bool
    """True when the attempt is in the store (for a start: when nothing is left waiting)."""
    pending: int
    """Attempts still kept on this computer, waiting for the store."""
    message: str
    """One or two sentences a trainee understands; '' when there is nothing to say."""


class Recorder:
    """Keeps a trainee's attempts: in the store when it can, in the outbox until then."""

    def __init__(
        self,
        url: str | None = None,
        *,
        outbox: Outbox | None = None,
        timeout: float = BUSY_SECONDS,
    ) -> None:
        self._url = store_url(url)
        self.outbox = outbox if outbox is not None else Outbox.for_store(self._url)
        """Where attempts wait for the store (by default its own outbox: :meth:`Outbox.for_store`)."""
        self._timeout = timeout
        self._store: Store | None = None

    @property
    def where(self) -> str:
        """The store's address, password masked."""
        return mask(self._url)

    def __repr__(self) -> str:
        return f"Recorder({self.where!r})"

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Let go of the store (it is opened again when next needed)."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def save(self, record: AttemptRecord) -> Receipt:
        """Keep ``record``: in the outbox first, then in the store with whatever else waits."""
        try:
            self.outbox.put(record)
        except OSError as error:
            return self._save_without_outbox(record, error)
        try:
            written = self._flush()
        except StoreUnavailable:
            return self._unreachable("this attempt is")
        pending = self.outbox.pending()
        refused = record.uid in self.outbox.set_aside
        saved = not refused and all(waiting.uid != record.uid for waiting in pending)
        stored = written - len(self.outbox.set_aside)  # a refused attempt is not saved
        earlier = max(0, stored - 1 if saved else stored)
        if refused:  # the notice that follows says why, and where it was put
            message = "This attempt could not be saved to your training record."
        else:
            message = _saved() if saved else "This attempt is kept on this computer."
        if earlier > 0:
            message = f"{message[:-1]}, with {_attempts(earlier)} that waited on this computer."
        return Receipt(saved, len(pending), self._with_notices(message))

    def start(self) -> Receipt:
        """Write what waits in the outbox (call it when an exercise starts)."""
        waiting = len(self.outbox)
        if not waiting:
            return Receipt(True, 0, self._with_notices(""))
        try:
            written = self._flush()
        except StoreUnavailable:
            return self._unreachable(None)
        pending = len(self.outbox)
        stored = written - len(self.outbox.set_aside)  # the refused ones have a notice
        if stored <= 0:  # another kernel of the same trainee wrote them first
            message = ""
        else:
            verb = "is" if stored == 1 else "are"
            message = (
                f"{_attempts(stored).capitalize()} kept on this computer {verb} now saved "
                "to your training record."
            )
        return Receipt(pending == 0, pending, self._with_notices(message))

    # -- inside --

    def _open(self) -> Store:
        if self._store is None:
            self._store = Store(self._url, timeout=self._timeout)
        return self._store

    def _flush(self) -> int:
        try:
            return self.outbox.flush(self._open())
        except StoreUnavailable:
            self.close()  # opened afresh next time: the database may be back by then
            raise

    def _unreachable(self, what: str | None) -> Receipt:
        """The receipt when the store cannot be reached: nothing saved, ``what`` kept (None: all)."""
        pending = len(self.outbox)
        if in_a_browser_page():
            # JupyterLite: the outbox is in the page's memory, so not "on this computer".
            message = (
                "Your attempt cannot be saved in this browser just now: the page keeps it, "
                "and saves it with your next one."
            )
            return Receipt(False, pending, self._with_notices(message))
        kept = what or ("1 attempt is" if pending == 1 else f"{pending} attempts are")
        waiting = f" ({pending} waiting)" if what else ""
        message = (
            f"The training records cannot be reached just now: {kept} kept on this "
            f"computer{waiting} and will be saved next time."
        )
        return Receipt(False, pending, self._with_notices(message))

    def _save_without_outbox(self, record: AttemptRecord, problem: OSError) -> Receipt:
        """The outbox cannot be written: the store is the only place left; loud if it fails."""
        try:
            self._open().add(record)
        except (StoreUnavailable, RecordRefused) as error:
            # A refusal too: RecordRefused's "kept aside" would not be true without an outbox.
            self.close()
            why = (
                f"cannot be reached ({error.reason})"
                if isinstance(error, StoreUnavailable)
                else "refused it"
            )
            raise TrainerError(
                f"This attempt cannot be kept anywhere: this computer's outbox "
                f"{str(self.outbox.path)!r} cannot be written ({problem.strerror or problem}) "
                f"and the training records at {self.where!r} {why}. "
                "Tell your trainer; free some disk space or fix the folder's permissions."
            ) from error
        try:
            pending = len(self.outbox)
        except OSError:
            pending = 0
        return Receipt(True, pending, self._with_notices(_saved()))

    def _with_notices(self, message: str) -> str:
        return " ".join(part for part in (message, *self.outbox.take_notices()) if part)


def in_a_browser_page(platform: str | None = None) -> bool:
    """True in a Pyodide kernel (JupyterLite): Python in the browser page itself.

    >>> in_a_browser_page("emscripten"), in_a_browser_page("linux")
    (True, False)
    """
    return (sys.platform if platform is None else platform) == "emscripten"


def _saved() -> str:
    return SAVED_IN_THE_BROWSER if in_a_browser_page() else SAVED


def _attempts(count: int) -> str:
    return "1 earlier attempt" if count == 1 else f"{count} earlier attempts"
