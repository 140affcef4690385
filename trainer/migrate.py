"""The store's schema migrations: the kit's Alembic scripts, and running them.

:class:`trainer.store.Store` reads the schema's revision with plain SQL and calls
:func:`upgrade` only when the store is behind :data:`trainer.store.HEAD_REVISION` (a new
store, or one made by an older kit).  Alembic lives here, apart from the store, because a
trainee's kernel that writes to a store already at head never needs it: importing it
costs about 10 MB of a kernel's memory, and a server's trainees are counted in kernels.
A test keeps ``HEAD_REVISION`` equal to the scripts' own head.
"""

from __future__ import annotations

from pathlib import Path

import alembic.command
import alembic.config
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy.engine import Connection

__all__ = ["MIGRATIONS", "CommandError", "alembic_config", "head_revision", "upgrade"]

#: The Alembic scripts, shipped inside the package.
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(
    url: str | None = None, *, connection: Connection | None = None
) -> alembic.config.Config:
    """The kit's Alembic configuration for the store at SQLAlchemy ``url`` (or ``connection``).

    For ``alembic.command`` calls (``upgrade(config, "0001")``); no ``alembic.ini`` is read
    and the host's logging is left alone.  ``url`` is an address as
    :func:`trainer.store.store_url` gives it.
    """
    config = alembic.config.Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision the kit's migrations know (``'0003'``)."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def upgrade(connection: Connection) -> None:
    """Bring the store on ``connection`` to the head revision, inside its transaction.

    CommandError when the store is at a revision these scripts do not know (a newer kit's).
    """
    alembic.command.upgrade(alembic_config(connection=connection), "head")
