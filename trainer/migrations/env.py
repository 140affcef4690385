"""Alembic's entry point for the training records: run by :class:`trainer.store.Store`.

The store hands Alembic its open connection (``config.attributes["connection"]``) inside
the transaction it began, so a migration is one transaction with the store's own locking.
Run by hand (``alembic -c trainer/alembic.ini upgrade head``), it migrates the store
:func:`trainer.store.store_url` finds.  It never calls ``logging.config.fileConfig``: the
host's logging is left as it is.  Batch mode lets SQLite change tables it cannot ALTER.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from trainer.store import make_engine, store_url


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=None, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    """Run the migrations Alembic asked for, on the store's connection or one of our own."""
    config = context.config
    if context.is_offline_mode():
        url = store_url(config.get_main_option("sqlalchemy.url"))
        context.configure(url=url, literal_binds=True, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    given = config.attributes.get("connection")
    if given is not None:
        _run(given)
        return
    engine = make_engine(store_url(config.get_main_option("sqlalchemy.url")))
    try:
        with engine.connect() as connection:
            _run(connection)
            connection.commit()
    finally:
        engine.dispose()


# Alembic runs this file with its context in place; imported alone (a doctest run) it does nothing.
if hasattr(context, "config"):
    main()
