"""trainer: what the kit needs beyond pure Python, for training that lasts beyond one kernel.

``ipo_core`` is the domain and needs nothing; ``widgets`` draws it.  This package holds
what needs more: the training records (a real database through SQLAlchemy, SQLite by
default or PostgreSQL for a class), who is training, the ``ipo-trainer`` command and the
server configurations.  It imports ``ipo_core``; ``widgets`` uses it only through the
names this package exports (``__all__``: the store, the recorder, the board, who is
training), never its modules' insides, so the records can change their storage without
a view changing (tests/test_package.py checks the imports).  Errors are branches of ``ipo_core.IpoError``
(:mod:`trainer.errors` draws the tree).
"""

from trainer.board import Board, Standing, progress, standing
from trainer.errors import StoreError, StoreUnavailable, TrainerError, WorkspaceError
from trainer.identity import (
    current_trainee,
    desk_rng,
    given_trainee,
    is_name_fixed,
    remember_trainee,
)
from trainer.outbox import Outbox
from trainer.paths import trainer_home
from trainer.recorder import Receipt, Recorder, in_a_browser_page
from trainer.records import AttemptRecord, kit_version
from trainer.store import Store, store_url
from trainer.workspace import ensure_lessons, reset_lesson

__all__ = [
    "AttemptRecord",
    "Board",
    "Outbox",
    "Receipt",
    "Recorder",
    "Standing",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "TrainerError",
    "WorkspaceError",
    "current_trainee",
    "desk_rng",
    "ensure_lessons",
    "given_trainee",
    "in_a_browser_page",
    "is_name_fixed",
    "kit_version",
    "progress",
    "remember_trainee",
    "reset_lesson",
    "standing",
    "store_url",
    "trainer_home",
]
