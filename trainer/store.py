"""The training records: one database, SQLite by default or PostgreSQL for a class.

Where the records live is decided once, by :func:`store_url`: the address given, else
``IPO_TRAINER_DB`` (a file path, or a ``postgresql://`` URL, driven by psycopg 3), else
``records.sqlite`` in the trainer's folder (:func:`trainer.paths.trainer_home`).  A
:class:`Store` opens it, brings its tables up to date with the kit's Alembic migrations
(``trainer/migrations``, found inside the package: nobody needs an ``alembic.ini``), and
adds and reads :class:`~trainer.records.AttemptRecord` values::

    with Store() as store:
        store.add(record)            # True: written; False: that uid was already stored
        store.add_all(records)       # how many were new, all in one transaction
        store.records("ana")         # oldest first

Every write is one transaction: a record is stored whole or not at all.  When the
database cannot be reached, is locked past the busy timeout, or is read-only, the store
raises :class:`~trainer.errors.StoreUnavailable` and has changed nothing; the
:class:`~trainer.recorder.Recorder` then keeps the attempt in the outbox.  A read
(:meth:`Store.records`, :meth:`Store.trainees`, :meth:`Store.revision`) that cannot reach
the database raises StoreUnavailable too, worded as a read: it says the records cannot be
read just now, not that an attempt is kept (none was given).

SQLite runs in WAL mode (readers never wait for the writer), with a busy timeout, foreign
keys on, and writes that take the write lock when they begin (``BEGIN IMMEDIATE``), so
twenty kernels finishing at once queue for the lock instead of failing half-way.
PostgreSQL serialises only the migrations (an advisory lock), never the writes.

The schema (head revision ``0003``):

``attempts``
    one row an attempt: ``id``, ``uid`` (unique), ``trainee`` (indexed), ``exercise``,
    ``method``, ``model``, ``station``, ``steps`` (JSON text), ``mistakes``, ``seconds``,
    ``passed``, ``started`` and ``ended`` (UTC), ``kit_version``; indexed on
    ``(ended, uid)``, the order records are read in, and ``(trainee, method)``, the board's.
``attempt_hints``
    one row a hint shown: ``attempt_id`` (cascade delete), ``position``, ``hint``
    (indexed).

The steps are a JSON list in their attempt's row: they are only ever read whole, as the
record of what the trainee did, so a table of their own would buy nothing but joins.  The
hints are a table (revision ``0002``; ``0001`` kept them as JSON too) because they are
what a class is coached on: a supervisor's own SQL (``SELECT hint, count(*) FROM
attempt_hints GROUP BY hint``, or a spreadsheet's query) counts them without parsing every
row; the board itself counts them from the records it reads.

On PostgreSQL, revision ``0003`` turns on row-level security for both tables: the owner
(who migrated them) reads and writes every row, and a trainee's own role, which the class's
JupyterHub makes for each trainee (:mod:`trainer.hub`), adds and reads only rows under its
own trainee's name (the revision says how).  On SQLite it changes nothing.
"""

from __future__ import annotations

import importlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError

from trainer.errors import RecordRefused, StoreError, StoreUnavailable
from trainer.paths import trainer_home
from trainer.records import AttemptRecord

__all__ = [
    "BUSY_SECONDS",
    "DB_VARIABLE",
    "HEAD_REVISION",
    "Store",
    "make_engine",
    "mask",
    "metadata",
    "reason",
    "store_url",
]

#: The environment variable that names the store: a file path or a ``postgresql://`` URL.
DB_VARIABLE = "IPO_TRAINER_DB"
#: Seconds a write waits for a locked store (or a connection) before giving up.
BUSY_SECONDS = 10.0
#: The newest schema revision of the kit's migrations (``trainer/migrations``; a test keeps
#: it equal to their head).  A store at it is used without loading Alembic (trainer.migrate).
HEAD_REVISION = "0003"
_DEFAULT_FILE = "records.sqlite"
# Any number that is the kit's own: PostgreSQL's advisory lock around the migrations.
_MIGRATION_LOCK = 0x1F0_0014
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
# Up to the last "@" before a space or quote: a password may hold "/" or "@" unescaped.
_PASSWORD = re.compile(r"(://[^/:@\s'\"]*:)[^\s'\"]*@")
# A password given as a query parameter (``?password=...``, as libpq allows).
_QUERY_PASSWORD = re.compile(r"([?&]password=)[^&\s'\"]*", re.IGNORECASE)
# What the database raises when it cannot be reached or written now (down, locked, read-only).
_UNAVAILABLE = (
    sa.exc.OperationalError,
    sa.exc.InterfaceError,
    sa.exc.InternalError,
    sa.exc.DisconnectionError,
    sa.exc.TimeoutError,
    OSError,
)


# --- the schema at head, as the migrations leave it -----------------------------------------


class _UTCDateTime(sa.TypeDecorator[datetime]):
    """A UTC instant: stored as UTC, given back time-zone aware (SQLite keeps no zone)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        return None if value is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# The revisions in trainer/migrations/versions spell these tables out again, on purpose: a
# revision is a frozen copy of the schema as it was when written, so it never imports these
# (they move on with the kit); test_migrations checks that the migrations end at these.
metadata = sa.MetaData()
"""The tables at the head revision (the migrations create them; this only reads and writes)."""

attempts = sa.Table(
    "attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("uid", sa.String(32), nullable=False),
    sa.Column("trainee", sa.Text, nullable=False),
    sa.Column("exercise", sa.Text, nullable=False),
    sa.Column("method", sa.String(40), nullable=False),
    sa.Column("model", sa.String(20), nullable=False),
    sa.Column("station", sa.String(20), nullable=False),
    sa.Column("steps", sa.Text, nullable=False),
    sa.Column("mistakes", sa.Integer, nullable=False),
    sa.Column("seconds", sa.Float, nullable=False),
    sa.Column("passed", sa.Boolean, nullable=False),
    sa.Column("started", _UTCDateTime, nullable=False),
    sa.Column("ended", _UTCDateTime, nullable=False),
    sa.Column("kit_version", sa.String(40), nullable=False),
    sa.UniqueConstraint("uid", name="uq_attempts_uid"),
    sa.Index("ix_attempts_trainee", "trainee"),
    sa.Index("ix_attempts_ended_uid", "ended", "uid"),
    sa.Index("ix_attempts_trainee_method", "trainee", "method"),
)
attempt_hints = sa.Table(
    "attempt_hints",
    metadata,
    sa.Column(
        "attempt_id",
        sa.Integer,
        sa.ForeignKey("attempts.id", ondelete="CASCADE", name="fk_attempt_hints_attempt"),
        primary_key=True,
    ),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("hint", sa.Text, nullable=False),
    sa.Index("ix_attempt_hints_hint", "hint"),
)


# --- where the store is ---------------------------------------------------------------------


def mask(url: str | URL) -> str:
    """``url`` with its password shown as ``***``: what messages and reprs may show."""
    if isinstance(url, URL):
        url = url.render_as_string(hide_password=True)
    return _QUERY_PASSWORD.sub(r"\1***", _PASSWORD.sub(r"\1***@", url))


def store_url(url: str | None = None) -> str:
    """The SQLAlchemy URL of the store: ``url``, else ``IPO_TRAINER_DB``, else the default file.

    A file path becomes a ``sqlite:///`` URL (made absolute); ``postgresql://`` is driven by
    psycopg 3; anything else is a StoreError quoting the value, password masked.

    >>> store_url("/srv/class/records.sqlite")
    'sqlite:////srv/class/records.sqlite'
    >>> store_url("postgresql://coach:secret@db.example/training")
    'postgresql+psycopg://coach:secret@db.example/training'
    """
    source = "The store address"
    if url is None:
        url = os.environ.get(DB_VARIABLE, "").strip()
        source = DB_VARIABLE
        if not url:
            return f"sqlite:///{trainer_home() / _DEFAULT_FILE}"
    if not isinstance(url, str):
        raise StoreError(f"{source} must be text, a file path or a postgresql:// URL; got {url!r}.")
    value = url.strip()
    advice = (
        f"give a file path such as '~/records.sqlite' or a URL such as "
        f"'postgresql://user:password@host/database' (set {DB_VARIABLE}, or leave it unset "
        "for the default file)."
    )
    if not value:
        raise StoreError(f"{source} is empty: {advice}")
    if _SCHEME.match(value):
        return _database_url(value, source, advice)
    path = Path(value).expanduser()
    if "?" in value:  # a URL's query: the store would be another file, cut at the "?"
        raise StoreError(
            f"{source} {value!r} has a '?' in it, which a database address reads as the start "
            "of its options: rename the file or its folder without '?'."
        )
    if path.is_dir():
        raise StoreError(
            f"{source} {value!r} is a folder: name a file in it, such as "
            f"{str(path / _DEFAULT_FILE)!r}."
        )
    return f"sqlite:///{path.absolute()}"


def _database_url(value: str, source: str, advice: str) -> str:
    shown = mask(value)
    try:
        parsed = make_url(value)
    except (ArgumentError, ValueError):
        raise StoreError(f"{source} {shown!r} is not a database URL: {advice}") from None
    backend, _, driver = parsed.drivername.partition("+")
    if backend in ("postgresql", "postgres"):
        if driver not in ("", "psycopg"):
            raise StoreError(
                f"{source} {shown!r} asks for the driver {driver!r}: the kit drives PostgreSQL "
                "with psycopg 3, so write 'postgresql://...' (or 'postgresql+psycopg://...')."
            )
        if not parsed.database:
            raise StoreError(
                f"{source} {shown!r} names no database: add it after the host, "
                "as in 'postgresql://user:password@host/training'."
            )
        if parsed.host and "@" in parsed.host:  # the rest of a password read as the host
            raise StoreError(
                f"{source} {shown!r} has an '@' in its password: write it as '%40' "
                "(and '/' as '%2F', ':' as '%3A'), as in 'postgresql://coach:p%40ss@host/training'."
            )
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if backend == "sqlite":
        if driver not in ("", "pysqlite"):
            raise StoreError(
                f"{source} {shown!r} asks for the driver {driver!r}: write 'sqlite:///path'."
            )
        if parsed.database in (None, "", ":memory:") or "mode=memory" in value:
            raise StoreError(
                f"{source} {shown!r} is a database in memory, which forgets every record "
                "when the kernel ends: give a file, as in 'sqlite:////home/ana/records.sqlite'."
            )
        database = parsed.database
        if not database.startswith("file:"):  # the folder it is in now, not whatever comes
            parsed = parsed.set(database=str(Path(database).expanduser().absolute()))
        return parsed.render_as_string(hide_password=False)
    raise StoreError(f"{source} {shown!r} is neither a file path nor a postgresql:// URL: {advice}")


# --- engines and migrations -----------------------------------------------------------------


def make_engine(url: str, *, timeout: float = BUSY_SECONDS) -> Engine:
    """An engine for ``url`` (from :func:`store_url`) as the store uses it.

    SQLite: WAL, ``timeout`` seconds of busy timeout, foreign keys on, and the driver's own
    transaction handling replaced by explicit ``BEGIN`` (``BEGIN IMMEDIATE`` on a connection
    with the execution option ``ipo_write=True``).  PostgreSQL: a connect timeout and a lock
    timeout of ``timeout`` seconds, and connections checked before use.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = sa.create_engine(parsed, connect_args={"timeout": timeout})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # we say BEGIN ourselves (below)
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
                cursor.execute("PRAGMA foreign_keys = ON")
                try:
                    cursor.execute("PRAGMA journal_mode = WAL")
                except dbapi_connection.OperationalError:
                    pass  # a read-only store keeps its mode; reading needs no WAL
            finally:
                cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Connection) -> None:
            write = connection.get_execution_options().get("ipo_write", False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    seconds = max(2, round(timeout))
    return sa.create_engine(
        parsed,
        pool_pre_ping=True,
        connect_args={
            "connect_timeout": seconds,
            "options": f"-c lock_timeout={seconds * 1000}",
        },
    )


# --- the store ------------------------------------------------------------------------------


class Store:
    """The training records at one address: add attempts, read them back."""

    def __init__(
        self, url: str | None = None, *, upgrade: bool = True, timeout: float = BUSY_SECONDS
    ) -> None:
        self._url = store_url(url)
        self.where = mask(self._url)
        """The store's address with any password masked."""
        self._engine = make_engine(self._url, timeout=timeout)
        self._postgres = self._engine.dialect.name == "postgresql"
        try:
            if upgrade:
                self._upgrade()
        except BaseException:
            self._engine.dispose()
            raise

    def __repr__(self) -> str:
        return f"Store({self.where!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Let go of every connection (the store can be opened again)."""
        self._engine.dispose()

    # -- writing --

    def add(self, record: AttemptRecord) -> bool:
        """Store ``record`` in one transaction: True written, False when its uid was already there.

        StoreUnavailable (nothing written) when the store cannot be reached or written now;
        RecordRefused when the database refuses this record's data.
        """
        _check_record(record)
        with self._errors(record), self._write() as connection:
            return self._insert(connection, record)

    def add_all(self, records: Iterable[AttemptRecord]) -> int:
        """Store every one of ``records`` in one transaction: how many were new.

        A record whose uid is already there is skipped, as :meth:`add` skips it.  All or
        nothing: StoreUnavailable when the store cannot be reached or written now, and
        RecordRefused, naming the record, when the database refuses one record's data;
        either way none of ``records`` is written.  For a batch brought from elsewhere
        (``ipo-trainer progress --import``), which can then simply be given again.
        """
        batch = list(records)
        for record in batch:
            _check_record(record)
        new = 0
        with self._errors(), self._write() as connection:
            for record in batch:
                try:
                    new += self._insert(connection, record)
                except (sa.exc.IntegrityError, sa.exc.DataError, sa.exc.ProgrammingError) as error:
                    if isinstance(error, sa.exc.ProgrammingError) and not _not_allowed(error):
                        raise
                    raise RecordRefused(
                        f"The training records at {self.where!r} refused attempt "
                        f"{record.uid!r} of {record.trainee!r} ({reason(error)}), so none of "
                        f"these {len(batch)} attempts was written."
                    ) from error
        return new

    def _insert(self, connection: Connection, record: AttemptRecord) -> bool:
        """Insert ``record`` and its hints in ``connection``'s transaction; False: uid there."""
        row = {
            "uid": record.uid,
            "trainee": record.trainee,
            "exercise": record.exercise,
            "method": record.method,
            "model": record.model,
            "station": record.station,
            "steps": json.dumps(list(record.steps), ensure_ascii=False),
            "mistakes": record.mistakes,
            "seconds": record.seconds,
            "passed": record.passed,
            "started": record.started,
            "ended": record.ended,
            "kit_version": record.kit_version,
        }
        # Only the store's own dialect is imported, when first needed: a trainee's kernel
        # carries one, not both (benchmarks/workshop_load.py measures the kernel).
        dialect: Any = importlib.import_module(
            "sqlalchemy.dialects." + ("postgresql" if self._postgres else "sqlite")
        )
        insert = (
            dialect.insert(attempts)
            .values(row)
            .on_conflict_do_nothing(index_elements=["uid"])
            .returning(attempts.c.id)
        )
        new_id = connection.execute(insert).scalar_one_or_none()
        if new_id is None:
            return False
        if record.hints:
            connection.execute(
                attempt_hints.insert(),
                [
                    {"attempt_id": new_id, "position": n, "hint": hint}
                    for n, hint in enumerate(record.hints)
                ],
            )
        return True

    # -- reading --

    def records(self, trainee: str | None = None) -> tuple[AttemptRecord, ...]:
        """Every attempt stored (or only ``trainee``'s), the oldest ``ended`` first, then by uid."""
        query = sa.select(attempts).order_by(attempts.c.ended, attempts.c.uid)
        hints_query = sa.select(attempt_hints.c.attempt_id, attempt_hints.c.hint).order_by(
            attempt_hints.c.attempt_id, attempt_hints.c.position
        )
        if trainee is not None:
            query = query.where(attempts.c.trainee == trainee)
            hints_query = hints_query.join(attempts).where(attempts.c.trainee == trainee)
        with self._errors(reading=True), self._read() as connection:
            rows = connection.execute(query).mappings().all()
            hints: dict[int, list[str]] = {}
            for attempt_id, hint in connection.execute(hints_query):
                hints.setdefault(attempt_id, []).append(hint)
        return tuple(_record(row, hints.get(row["id"], ())) for row in rows)

    def trainees(self) -> tuple[str, ...]:
        """The names with at least one attempt stored, sorted."""
        query = sa.select(attempts.c.trainee).distinct().order_by(attempts.c.trainee)
        with self._errors(reading=True), self._read() as connection:
            return tuple(connection.execute(query).scalars())

    def revision(self) -> str | None:
        """The schema's Alembic revision (``'0003'``), or None for a store never migrated."""
        return self._revision(reading=True)

    def _revision(self, *, reading: bool) -> str | None:
        with self._errors(reading=reading), self._read() as connection:
            if not sa.inspect(connection).has_table("alembic_version"):
                return None
            return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()

    # -- inside --

    def _upgrade(self) -> None:
        """Bring the schema to head; a store already there is only read, never locked.

        Opening a store is how a write begins (the recorder's), so a store that cannot be
        reached here says so in a write's words.
        """
        if self._revision(reading=False) == HEAD_REVISION:
            return
        # Only a store behind the kit (new, or an older kit's) needs Alembic: loaded here, not
        # at import, so a trainee's kernel writing to a store at head never carries it.
        try:
            from trainer import migrate
        except ImportError:  # no Alembic: a Pyodide kernel (make lite) has none
            self._create_at_head()
            return

        with self._errors(), self._write() as connection:
            if self._postgres:  # one migrator at a time; the others then find it done
                connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_MIGRATION_LOCK)))
            try:
                migrate.upgrade(connection)
            except migrate.CommandError as error:
                raise StoreError(
                    f"The training records at {self.where!r} are at a schema this kit does not "
                    f"know ({error}): they were made by a newer kit. Update the kit "
                    "(pip install -U ipo-logon-kit) or point IPO_TRAINER_DB at another store."
                ) from None

    def _create_at_head(self) -> None:
        """Make a new store's tables as the migrations leave them, without Alembic.

        For a kernel with no Alembic (the browser's, ``make lite``): a store that has no
        tables yet gets :data:`metadata`'s, which test_migrations keeps equal to the
        migrations' head, and the head's revision.  A store with tables behind the kit needs
        its migrations, which only a kit with Alembic can run; so does a new PostgreSQL
        store, whose row-level security (revision ``0003``) only the migrations set up.
        """
        with self._errors(), self._write() as connection:
            if sa.inspect(connection).get_table_names():
                raise StoreError(
                    f"The training records at {self.where!r} were made by an older kit and "
                    "need upgrading, which needs Alembic (pip install alembic): open them "
                    "once with a kit that has it, or point IPO_TRAINER_DB at a new store."
                )
            if self._postgres:
                raise StoreError(
                    f"The training records at {self.where!r} are new, and a PostgreSQL store "
                    "is made by the kit's migrations, which need Alembic (pip install "
                    "alembic): open it once with a kit that has it (the class's Hub does)."
                )
            metadata.create_all(connection)
            version = sa.Table(
                "alembic_version",
                sa.MetaData(),
                sa.Column("version_num", sa.String(32), primary_key=True),
            )
            version.create(connection)
            connection.execute(version.insert().values(version_num=HEAD_REVISION))

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._engine.connect() as plain:
            connection = plain.execution_options(ipo_write=True)
            with connection.begin():
                yield connection

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._engine.connect() as connection, connection.begin():
            yield connection

    @contextmanager
    def _errors(
        self, record: AttemptRecord | None = None, *, reading: bool = False
    ) -> Iterator[None]:
        """Turn what the database says into the kit's errors, each saying what to do.

        ``reading``: the block only reads, so a store that cannot be reached is worded as a
        read (StoreUnavailable's own words are a write's: "your attempt is kept").
        """
        try:
            yield
        except _UNAVAILABLE as error:
            if _is_missing_table(error):  # SQLite's word for PostgreSQL's ProgrammingError
                raise self._unusable(error) from error
            if reading:
                raise _unreadable(self.where, reason(error)) from error
            raise StoreUnavailable(self.where, reason(error)) from error
        except (sa.exc.IntegrityError, sa.exc.DataError) as error:
            if record is None:
                raise
            raise RecordRefused(
                f"The training records at {self.where!r} refused attempt {record.uid!r} of "
                f"{record.trainee!r} ({reason(error)}): it is kept aside for your trainer."
            ) from error
        except (sa.exc.ProgrammingError, sa.exc.DatabaseError) as error:
            if not _not_allowed(error):
                raise self._unusable(error) from error
            if record is not None:  # a trainee's role storing under another's name, say
                raise RecordRefused(
                    f"The training records at {self.where!r} refused attempt {record.uid!r} "
                    f"of {record.trainee!r} ({reason(error)}): this login may store attempts "
                    "only under its own name. It is kept aside for your trainer."
                ) from error
            raise StoreError(
                f"The training records at {self.where!r} do not allow this login to do that "
                f"({reason(error)}): a trainee's login adds and reads only that trainee's "
                f"attempts; the board needs the records' owner in {DB_VARIABLE}."
            ) from error

    def _unusable(self, error: BaseException) -> StoreError:
        return StoreError(
            f"The store at {self.where!r} is not training records this kit can use "
            f"({reason(error)}): point {DB_VARIABLE} at another file or database, or "
            "move that one aside."
        )


def _unreadable(where: str, why: str) -> StoreUnavailable:
    """StoreUnavailable for a read: the same error to catch, in a read's own words."""
    return StoreUnavailable(where, why, reading=True)


def _check_record(record: object) -> None:
    if not isinstance(record, AttemptRecord):
        raise StoreError(f"Only an AttemptRecord can be stored; got {record!r}.")


def _not_allowed(error: BaseException) -> bool:
    """True when PostgreSQL refused for want of a right (SQLSTATE 42501): permission denied,
    or a row that row-level security does not let this role add (revision 0003)."""
    return getattr(getattr(error, "orig", None), "sqlstate", None) == "42501"


def _is_missing_table(error: BaseException) -> bool:
    """True when SQLite says a table or column is not there: a schema problem, not an outage."""
    return str(getattr(error, "orig", "")).startswith(("no such table", "no such column"))


def reason(error: BaseException) -> str:
    """What the database said in ``error``, in one short line, any password masked."""
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()
    first = text[0] if text else type(original).__name__
    return mask(first if len(first) <= 160 else first[:157] + "...")


def _record(row: Any, hints: Any) -> AttemptRecord:
    return AttemptRecord(
        uid=row["uid"],
        trainee=row["trainee"],
        exercise=row["exercise"],
        method=row["method"],
        model=row["model"],
        station=row["station"],
        steps=tuple(json.loads(row["steps"])),
        mistakes=row["mistakes"],
        hints=tuple(hints),
        seconds=row["seconds"],
        passed=bool(row["passed"]),
        started=row["started"],
        ended=row["ended"],
        kit_version=row["kit_version"],
    )
