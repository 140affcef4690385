"""What the class's JupyterHub needs from the kit: the spawn hook, the store's start, the board.

``deploy/jupyterhub_config.py`` wires JupyterHub together; the parts that are the kit's own
live here, where they can be read and tested:

- :func:`prepare_store` checks the training records' URL and brings its schema up to date
  once, as the Hub starts, so trainees' kernels never migrate it (on PostgreSQL the schema
  includes row-level security, ``trainer/migrations/versions/0003_trainees_own_rows.py``),
  and checks that its role may make the trainees' roles;
- :class:`SpawnHook` runs before each server starts: it makes the trainee's own copy of the
  lessons (as the trainee, when the server runs as the trainee's account), gives the server
  the records' URL and a trainer folder of its own, and sends supervisors to JupyterLab and
  trainees to the Voila page of the first lesson. A trainee's URL is a PostgreSQL role of
  their own (:func:`trainee_store_url`: made or updated at every spawn, with a fresh random
  password), which the row-level security lets add and read only that trainee's attempts;
  a supervisor's is the owner's, which reads them all;
- :func:`main` is the board, a service the Hub runs (``python -m trainer.hub``): a page of
  every trainee's progress, shown through the Hub's login only to users with the
  ``supervisor`` role, whose scope :data:`SUPERVISOR_SCOPES` is the one the Hub checks.

This module needs JupyterHub (the kit's ``hub`` extra); nothing else in the kit imports it.

>>> names(" sue, ana ,,sue ")
('sue', 'ana')
>>> trainee_role("ana")
'ipo_trainee_24d4b96f58da6d4a8512313bbd02a28ebf0ca95dec6e4c86'
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import html
import os
import pwd
import secrets
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from sqlalchemy.engine import Connection, make_url
from tornado import web

from trainer.board import Board, progress
from trainer.errors import StoreError, StoreUnavailable, TrainerError
from trainer.kernel import jupyter_path
from trainer.paths import HOME_VARIABLE
from trainer.store import DB_VARIABLE, Store, make_engine, mask, reason, store_url
from trainer.workspace import ensure_lessons

__all__ = [
    "BOARD_SERVICE",
    "CULLER_SCOPES",
    "CULLER_SERVICE",
    "LESSONS_FOLDER",
    "SUPERVISOR_ROLE",
    "SUPERVISOR_SCOPES",
    "TRAINEES_DB_VARIABLE",
    "TRAINEE_ROLE_PREFIX",
    "TRAINEE_VARIABLE",
    "TRAINER_FOLDER",
    "SpawnHook",
    "board_page",
    "main",
    "names",
    "prepare_store",
    "trainee_role",
    "trainee_store_url",
]

#: The JupyterHub role of those who see the board.
SUPERVISOR_ROLE = "supervisor"
#: The board's service name: the Hub serves it at ``/services/progress/``.
BOARD_SERVICE = "progress"
#: What the supervisor role may do beyond an ordinary user: open the board, nothing more.
SUPERVISOR_SCOPES = (f"access:services!service={BOARD_SERVICE}",)
#: The idle culler's service name, and the scopes jupyterhub-idle-culler documents it needs.
CULLER_SERVICE = "idle-culler"
CULLER_SCOPES = ("list:users", "read:users:activity", "read:servers", "delete:servers")
#: In a trainee's home: the copy of the lessons, and the trainer's folder (outbox, name).
LESSONS_FOLDER = "lessons"
TRAINER_FOLDER = ".ipo-trainer"
#: The Hub's environment variable that named one role shared by every trainee: no longer
#: given to kernels (each trainee has a role of their own); :func:`prepare_store` takes
#: away what it was granted.
TRAINEES_DB_VARIABLE = "IPO_TRAINER_DB_TRAINEES"
#: A name every attempt may be stored under (trainer.identity reads it, and JupyterHub's
#: ``JUPYTERHUB_USER``): the Hub sets it in each server to the Hub user's name, so both
#: name the login, whichever identity reads first.
TRAINEE_VARIABLE = "IPO_TRAINER_TRAINEE"
#: A trainee's PostgreSQL role is this and 48 hex digits of the SHA-256 of their Hub name;
#: revision 0003's row-level security derives the same name from each row's ``trainee``.
TRAINEE_ROLE_PREFIX = "ipo_trainee_"
_ROLE_DIGITS = 48  # 12 + 48 = 60 characters: under PostgreSQL's 63


def names(text: str | None) -> tuple[str, ...]:
    """The names in a comma-separated list, blanks and repeats dropped, in order."""
    found: dict[str, None] = {}
    for part in (text or "").split(","):
        if part.strip():
            found[part.strip()] = None
    return tuple(found)


def trainee_role(name: str) -> str:
    """The PostgreSQL role of the trainee whose Hub name is ``name``.

    Derived, not chosen: ``ipo_trainee_`` and the first 48 hex digits of the SHA-256 of the
    name's UTF-8 bytes. Any Hub name gives a plain identifier (letters and digits, 60
    characters), and the row-level security (revision 0003) computes the same from a row's
    ``trainee`` to tell whose it is, so no table maps roles to names. A supervisor finds a
    trainee's role with ``SELECT 'ipo_trainee_' || left(encode(sha256(convert_to('ana',
    'UTF8')), 'hex'), 48)``.
    """
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()
    return TRAINEE_ROLE_PREFIX + digest[:_ROLE_DIGITS]


def prepare_store(url: str, trainees_url: str | None = None) -> str:
    """Check the class's records URL, upgrade its schema, and check it can make trainees' roles.

    ``url`` is the owner's (the Hub, the board, supervisors): its role migrates the records
    (and so owns them, which row-level security does not restrict) and must be allowed to
    create roles (``CREATEROLE``), since :class:`SpawnHook` gives each trainee one.

    ``trainees_url`` is the earlier setting, one role shared by every trainee
    (``IPO_TRAINER_DB_TRAINEES``): it could add attempts under any name, so it is no longer
    given to kernels, and everything it was granted on the records is revoked here.

    StoreError when a URL is empty or not PostgreSQL (a SQLite file would be one trainee's
    alone), both name the same role, or the owner cannot create roles; the store's own
    errors when the database cannot be reached or upgraded. Returns the URL, password
    masked, for the Hub's log.
    """
    _check_postgres(url, DB_VARIABLE)
    if trainees_url:
        _check_postgres(trainees_url, TRAINEES_DB_VARIABLE)
        owner, trainee = make_url(store_url(url)), make_url(store_url(trainees_url))
        if trainee.username == owner.username or trainee.database != owner.database:
            raise StoreError(
                f"{TRAINEES_DB_VARIABLE} {mask(trainees_url)!r} must name another role than "
                f"{DB_VARIABLE}'s, in the same database ({owner.database!r}); better, unset "
                "it: each trainee now gets a role of their own (deploy/README.md)."
            )
    with Store(url, upgrade=True) as store:
        where = store.where
    with _owner(url) as connection:
        allowed = connection.execute(
            sa.text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
        ).scalar_one()
        role = connection.execute(sa.text("SELECT current_user")).scalar_one()
        if not allowed:
            raise StoreError(
                f"The records' owner {role!r} ({mask(url)}) may not create roles, which the "
                "Hub needs to give each trainee a PostgreSQL role of their own: "
                f"sudo -u postgres psql -c 'ALTER ROLE {role} CREATEROLE' (deploy/README.md)."
            )
        if trainees_url:
            shared = str(make_url(store_url(trainees_url)).username)
            _revoke_records(connection, _quote(connection, shared))
    return where


def _check_postgres(url: str, variable: str) -> None:
    if not url.strip():
        raise StoreError(
            f"Set {variable} to the class's PostgreSQL, such as "
            f"{variable}=postgresql://ipo:PASSWORD@127.0.0.1:5432/ipo_trainer "
            "(deploy/README.md says how to make it)."
        )
    if not store_url(url).startswith("postgresql"):
        raise StoreError(
            f"{variable} {mask(url)!r} is not a PostgreSQL URL: a class's kernels all write "
            "one database, such as postgresql://ipo:PASSWORD@127.0.0.1:5432/ipo_trainer."
        )


_TABLES = "attempts, attempt_hints, alembic_version"


@contextmanager
def _owner(url: str) -> Iterator[Connection]:
    """One transaction as the records' owner; the database's refusals as a StoreError."""
    engine = make_engine(store_url(url))
    try:
        with engine.begin() as connection:
            yield connection
    except sa.exc.DBAPIError as error:
        raise StoreError(
            f"The training records at {mask(url)!r} did not let the Hub set up the trainees' "
            f"roles ({reason(error)}): check that the database is running, and that its owner "
            "role has CREATEROLE and owns the records (deploy/README.md)."
        ) from None
    finally:
        engine.dispose()


def _quote(connection: Connection, role: str) -> str:
    return str(connection.dialect.identifier_preparer.quote(role))


def _revoke_records(connection: Connection, quoted: str) -> None:
    """Take from the role ``quoted`` everything it has on the records (column rights too)."""
    sequence = connection.execute(
        sa.text("SELECT pg_get_serial_sequence('attempts', 'id')")
    ).scalar_one()
    connection.execute(sa.text(f"REVOKE ALL ON {_TABLES} FROM {quoted}"))
    connection.execute(sa.text(f"REVOKE ALL ON SEQUENCE {sequence} FROM {quoted}"))


def _scram_verifier(password: str) -> str:
    """PostgreSQL's SCRAM-SHA-256 verifier of ``password`` (RFC 5802, as libpq computes it).

    Given to ``ALTER ROLE ... PASSWORD`` instead of the password, so the password itself
    never reaches the server's statement log or ``pg_stat_activity``: it lives only in the
    trainee's server's environment. (``password`` is ASCII, so SASLprep leaves it alone.)
    """
    iterations = 4096
    salt = secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def trainee_store_url(url: str, trainee: str) -> str:
    """The records' URL for ``trainee``'s kernels: their own role, with a new password.

    As the owner (``url``), in one transaction: the role :func:`trainee_role` names is
    created if new, given a fresh random password (any earlier one stops working for new
    connections), checked to hold no power beyond logging in (no superuser, CREATEDB,
    CREATEROLE, replication, BYPASSRLS, nor membership of another role), and granted exactly
    what a kernel needs: read the schema's revision, and read and add attempts and their
    hints, which the row-level security narrows to this trainee's own. Never UPDATE or
    DELETE. The URL is the owner's host, port and database with that role; the owner's
    password is not in it. StoreError when the database refuses.
    """
    role = trainee_role(trainee)
    password = secrets.token_hex(24)
    with _owner(url) as connection:
        quoted = _quote(connection, role)
        known = connection.execute(
            sa.text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
        ).scalar()
        if known is None:
            connection.execute(sa.text(f"CREATE ROLE {quoted} LOGIN"))
        # The verifier holds only base64 and "$:": nothing to escape in the literal.
        verifier = _scram_verifier(password)
        # As the driver's own statement: sa.text would read the verifier's ":..." as a parameter.
        connection.exec_driver_sql(f"ALTER ROLE {quoted} LOGIN PASSWORD '{verifier}'")
        powers = connection.execute(
            sa.text(
                "SELECT r.rolsuper OR r.rolcreatedb OR r.rolcreaterole OR r.rolreplication "
                "OR r.rolbypassrls OR EXISTS (SELECT 1 FROM pg_auth_members m "
                "WHERE m.member = r.oid) FROM pg_roles r WHERE r.rolname = :role"
            ),
            {"role": role},
        ).scalar_one()
        if powers:
            raise StoreError(
                f"The role {role!r} for the trainee {trainee!r} already exists with more "
                "rights than a trainee may have (superuser, CREATEDB, CREATEROLE, "
                "replication, BYPASSRLS or another role's): drop it (DROP ROLE), and the "
                "Hub makes it afresh at the next start of their server."
            )
        sequence = connection.execute(
            sa.text("SELECT pg_get_serial_sequence('attempts', 'id')")
        ).scalar_one()
        _revoke_records(connection, quoted)  # so the grants below are exact
        for statement in (
            f"GRANT USAGE ON SCHEMA public TO {quoted}",
            f"GRANT SELECT ON alembic_version TO {quoted}",
            f"GRANT SELECT, INSERT ON attempts, attempt_hints TO {quoted}",
            f"GRANT USAGE ON SEQUENCE {sequence} TO {quoted}",
        ):
            connection.execute(sa.text(statement))
    owner = make_url(store_url(url)).difference_update_query(["user", "password"])
    mine = owner.set(drivername="postgresql", username=role, password=password)
    return mine.render_as_string(hide_password=False)


@dataclass
class SpawnHook:
    """``c.Spawner.pre_spawn_hook``: the trainee's lessons, environment and landing page."""

    # No URL is in the repr: they hold the roles' passwords.
    store_url: str = field(repr=False)
    """The class's training records as their owner: supervisors' servers get it, and the
    Hub uses it to make each trainee's own role (:func:`trainee_store_url`)."""
    trainees_store_url: str | None = field(default=None, repr=False)
    """The earlier shared trainees' role (``IPO_TRAINER_DB_TRAINEES``): accepted for old
    configurations, never given to a server (each trainee gets a role of their own)."""
    trainee_url: str = "/voila/render/00_start_here.ipynb"
    """Where a trainee's server opens (a Voila page, relative to the server)."""
    supervisor_url: str = "/lab"
    """Where a supervisor's server opens (JupyterLab)."""

    async def __call__(self, spawner: Any) -> None:
        """Prepare ``spawner`` (a LocalProcessSpawner or SimpleLocalProcessSpawner) to start.

        The environment it gives the server: ``IPO_TRAINER_DB``, the records as the trainee's
        own role (a supervisor: the owner); ``IPO_TRAINER_TRAINEE``, the Hub user's name, as
        ``JUPYTERHUB_USER`` is, so whichever trainer.identity reads first, the login is the
        name attempts are stored under (and the only one the trainee's role may store);
        ``IPO_TRAINER_HOME``.
        """
        name = spawner.user.name
        account = _account(spawner)
        home = Path(spawner.home_dir) if account is None else Path(account.pw_dir)
        lessons = home / LESSONS_FOLDER
        if account is None:
            await asyncio.to_thread(ensure_lessons, lessons)
        else:
            await _copy_lessons_as(account, lessons)
        supervisor = SUPERVISOR_ROLE in {role.name for role in spawner.user.roles}
        if supervisor:
            store = self.store_url
        else:  # a role of their own, a new password each time: never the owner's URL
            store = await asyncio.to_thread(trainee_store_url, self.store_url, name)
        spawner.environment = {
            **spawner.environment,
            DB_VARIABLE: store,
            TRAINEE_VARIABLE: name,
            HOME_VARIABLE: str(home / TRAINER_FOLDER),
        }
        if not supervisor:  # their pages' kernels: the lessons' python3 without the debugger
            spawner.environment["JUPYTER_PATH"] = jupyter_path(
                spawner.environment.get("JUPYTER_PATH")
            )
        spawner.default_url = self.supervisor_url if supervisor else self.trainee_url
        spawner.log.info(
            "%s (%s): lessons in %s, records in %s, opens %s",
            name,
            "supervisor" if supervisor else "trainee",
            lessons,
            mask(store),
            spawner.default_url,
        )


def _account(spawner: Any) -> pwd.struct_passwd | None:
    """The account a LocalProcessSpawner runs the server as; None for the test spawner."""
    if hasattr(spawner, "home_dir_template"):  # SimpleLocalProcessSpawner: the Hub's own user
        return None
    try:
        return pwd.getpwnam(spawner.user.name)
    except KeyError:
        raise TrainerError(
            f"There is no account {spawner.user.name!r} on this server for the trainee's "
            f"server to run as: `adduser {spawner.user.name}` (deploy/README.md)."
        ) from None


async def _copy_lessons_as(account: pwd.struct_passwd, lessons: Path) -> None:
    """``ensure_lessons(lessons)`` run as ``account``, so root never writes in a trainee's home.

    A trainee controls their home (a ``lessons`` link to elsewhere, say); as their own
    account the copy can only write what they could.
    """
    command = [sys.executable, "-m", "trainer.hub", "--lessons", str(lessons)]
    same = os.geteuid() == account.pw_uid
    try:
        process = await asyncio.create_subprocess_exec(
            *command,
            env={"HOME": account.pw_dir, "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
            cwd="/",
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            user=None if same else account.pw_uid,
            group=None if same else account.pw_gid,
            extra_groups=None if same else [],
        )
    except PermissionError:
        raise TrainerError(
            f"The kit's Python ({sys.executable}) cannot be run by {account.pw_name!r}, so "
            "neither can their server: install the kit where every account can read it, "
            "such as /opt/ipo-logon-kit, not under /root (deploy/README.md)."
        ) from None
    output, _ = await process.communicate()
    if process.returncode:
        raise TrainerError(
            f"The lessons for {account.pw_name!r} could not be copied into {str(lessons)!r}: "
            f"{output.decode(errors='replace').strip()[-500:]}"
        )


# --- The board: a service the Hub runs -------------------------------------------------------


def board_page(board: Board, viewer: str) -> str:
    """The board as a whole HTML page for ``viewer``: a row per trainee, a column per method.

    A cell is the board's own (``'✓ 2/3 (1)'``: passed, passes/attempts, mistakes); every
    name is escaped, since trainees choose none of them but the page should not care.
    """
    methods = board.methods
    head = "".join(f"<th>{html.escape(method.title)}</th>" for method in methods)
    lines = []
    for trainee in board.trainees:
        cells = []
        for method in methods:
            row = board.row(trainee, method)
            cells.append(f"<td>{html.escape(row.cell) if row else '-'}</td>")
        lines.append(f"<tr><th>{html.escape(trainee)}</th>{''.join(cells)}</tr>")
    table = (
        f"<table><tr><th>Trainee</th>{head}</tr>{''.join(lines)}</table>"
        if lines
        else "<p>No attempts yet: the board fills as trainees finish exercises.</p>"
    )
    return (
        "<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<title>Logon agents: the class's progress</title>"
        "<style>body{font-family:sans-serif;margin:2em} td,th{border:1px solid #ccc;"
        "padding:2px 8px;text-align:left} table{border-collapse:collapse}</style>"
        "</head><body>\n<h1>The class's progress</h1>\n"
        f"<p>Signed in as {html.escape(viewer)}. A cell: passed (&#10003;) or not, "
        "passes/attempts, (mistakes). Reload the page for the latest.</p>\n"
        f"{table}\n</body></html>\n"
    )


class BoardPage(HubOAuthenticated, web.RequestHandler):  # type: ignore[misc]
    """The board's page. The Hub's OAuth lets in only users holding :data:`SUPERVISOR_SCOPES`."""

    def initialize(self, store: Store) -> None:
        self.store = store

    @web.authenticated
    async def get(self) -> None:
        user = self.current_user
        viewer = str(user.get("name", "")) if isinstance(user, dict) else str(user)
        self.set_header("Cache-Control", "no-store")
        try:
            records = await asyncio.to_thread(self.store.records)
        except TrainerError as error:  # the records are down: a sentence, not a traceback
            self.set_status(503)
            message = str(error)
            if isinstance(error, StoreUnavailable):  # the page's own advice: reload it
                message = (
                    f"The training records at {error.where!r} cannot be read just now "
                    f"({error.reason}): reload this page in a moment."
                )
            self.write(f"<p>{html.escape(message)}</p>")
            return
        self.write(board_page(progress(records), viewer))


def main(argv: list[str] | None = None) -> None:
    """Run the board as the Hub's service (``python -m trainer.hub``).

    The Hub gives it its address (``JUPYTERHUB_SERVICE_URL``), prefix and OAuth client in
    the environment, and the records' URL in ``IPO_TRAINER_DB``. ``--lessons FOLDER`` instead
    makes that copy of the lessons and exits (what :class:`SpawnHook` runs as a trainee).
    """
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--lessons"] and len(args) == 2:
        ensure_lessons(Path(args[1]))
        return
    if args:
        raise SystemExit("usage: python -m trainer.hub [--lessons FOLDER]")

    store = Store(os.environ[DB_VARIABLE], upgrade=False)
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
    address = urlsplit(os.environ["JUPYTERHUB_SERVICE_URL"])
    app = web.Application(
        [
            (prefix + "oauth_callback", HubOAuthCallbackHandler),
            (prefix.rstrip("/") + "/?", BoardPage, {"store": store}),
        ],
        cookie_secret=os.urandom(32),
    )

    async def serve() -> None:
        stop = asyncio.Event()
        for ending in (signal.SIGINT, signal.SIGTERM):  # how the Hub stops its services
            asyncio.get_running_loop().add_signal_handler(ending, stop.set)
        server = app.listen(address.port or 80, address.hostname or "127.0.0.1")
        print(f"The board listens on {address.hostname}:{address.port}{prefix}", flush=True)
        await stop.wait()
        server.stop()
        store.close()
        print("The board stopped.", flush=True)

    asyncio.run(serve())


if __name__ == "__main__":
    main()
