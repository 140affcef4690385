"""What the trainer raises: branches of the kit's one tree under :class:`ipo_core.IpoError`.

::

    IpoError (ipo_core)             base of everything the kit raises on purpose
    └── TrainerError                the training records, the command, the servers
        ├── StoreUnavailable        the store cannot be reached, or is locked, now;
        │                           the attempt waits in the outbox
        ├── StoreError (ValueError) a store address or record that cannot be used
        │   └── RecordRefused       the store refused one record's data; the others go in
        └── WorkspaceError          a trainee's copy of the lessons cannot be made

Widgets catch ``IpoError`` at each handler, so a store that is down reaches the trainee
as a sentence in the exercise's status line, never as a traceback.
"""

from __future__ import annotations

from ipo_core import IpoError

__all__ = ["RecordRefused", "StoreError", "StoreUnavailable", "TrainerError", "WorkspaceError"]


class TrainerError(IpoError):
    """Base of the trainer's errors."""


class StoreUnavailable(TrainerError):
    """The training records cannot be reached now (unreachable, locked, full).

    ``where`` is the store's address with any password masked; ``reason`` what the
    database said, in a few words; ``reading`` whether it was a read (nothing was kept
    aside, nothing changed) rather than a write (the attempt waits in the outbox).
    """

    def __init__(self, where: str, reason: str, *, reading: bool = False) -> None:
        self.where = where
        self.reason = reason
        self.reading = reading
        if reading:
            message = (
                f"The training records at {where!r} cannot be read just now ({reason}): "
                "nothing was changed. Try again in a moment."
            )
        else:
            message = (
                f"The training records at {where!r} cannot be written just now ({reason}). "
                "Your attempt is kept on this computer and is saved automatically next time."
            )
        super().__init__(message)


class StoreError(TrainerError, ValueError):
    """A store address or record the trainer cannot use; the message says what to do."""


class RecordRefused(StoreError):
    """The store refused this one record (its data, not the connection); others still go in."""


class WorkspaceError(TrainerError):
    """A trainee's copy of the lessons cannot be made or reset; the message says why."""
