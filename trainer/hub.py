"""What the class's JupyterHub needs from the kit: the spawn hook, the store's start, the board.

``deploy/jupyterhub_config.py`` wires JupyterHub together; the parts that are the kit's own
live here, where they can be read and tested:

- :func:`prepare_store` checks the training records' URL and brings its schema up to date
  once, as the Hub starts, so trainees' kernels never migrate it; given the trainees' own
  PostgreSQL role, it grants that role the right to add attempts and nothing else;
- :class:`SpawnHook` runs before each server starts: it makes the trainee's own copy of the
  lessons (as the trainee, when the server runs as the trainee's account), gives the server
  the records' URL (the trainees' role for a trainee) and a trainer folder of its own, and
  sends supervisors to JupyterLab and trainees to the Voila page of the first lesson;
- :func:`main` is the board, a service the Hub runs (``python -m trainer.hub``): a page of
  every trainee's progress, shown through the Hub's login only to users with the
  ``supervisor`` role, whose scope :data:`SUPERVISOR_SCOPES` is the one the Hub checks.

This module needs JupyterHub (the kit's ``hub`` extra); nothing else in the kit imports it.

>>> names(" sue, ana ,,sue ")
('sue', 'ana')
"""

from __future__ import annotations

import asyncio
import html
import os
import pwd
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from sqlalchemy.engine import make_url
from tornado import web

from trainer.board import Board, progress
from trainer.errors import StoreError, StoreUnavailable, TrainerError
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
    "TRAINER_FOLDER",
    "SpawnHook",
    "board_page",
    "main",
    "names",
    "prepare_store",
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
#: The Hub's environment variable naming the trainees' own role (see :func:`prepare_store`).
TRAINEES_DB_VARIABLE = "IPO_TRAINER_DB_TRAINEES"


def names(text: str | None) -> tuple[str, ...]:
    """The names in a comma-separated list, blanks and repeats dropped, in order."""
    found: dict[str, None] = {}
    for part in (text or "").split(","):
        if part.strip():
            found[part.strip()] = None
    return tuple(found)


def prepare_store(url: str, trainees_url: str | None = None) -> str:
    """Check the class's records URL, upgrade its schema, and grant the trainees' role.

    ``url`` is the owner's (the Hub, the board, supervisors); ``trainees_url``, when given,
    names a second PostgreSQL role for trainees' kernels, which is granted here (at every
    start, after the migrations) exactly what saving an attempt needs and nothing more:
    it can add attempts, but not read, change or delete anyone's, its own included.

    StoreError when a URL is empty or not PostgreSQL (a SQLite file would be one trainee's
    alone) or both name the same role; the store's own errors when the database cannot be
    reached or upgraded. Returns the URL, password masked, for the Hub's log.
    """
    _check_postgres(url, DB_VARIABLE)
    if trainees_url:
        _check_postgres(trainees_url, TRAINEES_DB_VARIABLE)
        owner, trainee = make_url(store_url(url)), make_url(store_url(trainees_url))
        if trainee.username == owner.username or trainee.database != owner.database:
            raise StoreError(
                f"{TRAINEES_DB_VARIABLE} {mask(trainees_url)!r} must name another role than "
                f"{DB_VARIABLE}'s, in the same database ({owner.database!r}): deploy/README.md "
                "says how to make one."
            )
    with Store(url, upgrade=True) as store:
        where = store.where
    if trainees_url:
        _grant_adding_only(url, str(make_url(store_url(trainees_url)).username))
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


def _grant_adding_only(url: str, role: str) -> None:
    """Give ``role`` what :meth:`Store.add` needs (and a kernel's check of the schema), no more.

    Everything it had on the records is revoked first, so the grants are exact. It may read
    the schema's revision, insert attempts and their hints, and see the two columns an
    insert that skips a repeated uid returns (``id``, ``uid``): no name, step or hint.
    """
    engine = make_engine(store_url(url))
    quoted = engine.dialect.identifier_preparer.quote(role)
    tables = "attempts, attempt_hints, alembic_version"
    try:
        with engine.begin() as connection:
            sequence = connection.execute(
                sa.text("SELECT pg_get_serial_sequence('attempts', 'id')")
            ).scalar_one()
            for statement in (
                f"REVOKE ALL ON {tables} FROM {quoted}",
                f"GRANT USAGE ON SCHEMA public TO {quoted}",
                f"GRANT SELECT ON alembic_version TO {quoted}",
                f"GRANT INSERT ON attempts, attempt_hints TO {quoted}",
                f"GRANT SELECT (id, uid) ON attempts TO {quoted}",
                f"GRANT USAGE ON SEQUENCE {sequence} TO {quoted}",
            ):
                connection.execute(sa.text(statement))
    except sa.exc.DBAPIError as error:
        raise StoreError(
            f"The trainees' role {role!r} cannot be granted its rights in {mask(url)!r} "
            f"({reason(error)}): create it first "
            f"(CREATE ROLE {role} LOGIN PASSWORD '...', deploy/README.md)."
        ) from None
    finally:
        engine.dispose()


@dataclass
class SpawnHook:
    """``c.Spawner.pre_spawn_hook``: the trainee's lessons, environment and landing page."""

    # Neither URL is in the repr: they hold the roles' passwords.
    store_url: str = field(repr=False)
    """The class's training records as their owner: supervisors' servers get it."""
    trainees_store_url: str | None = field(repr=False)
    """The same records as the trainees' role, allowed only to add (None: ``store_url``)."""
    trainee_url: str
    """Where a trainee's server opens (a Voila page, relative to the server)."""
    supervisor_url: str
    """Where a supervisor's server opens (JupyterLab)."""

    async def __call__(self, spawner: Any) -> None:
        """Prepare ``spawner`` (a LocalProcessSpawner or SimpleLocalProcessSpawner) to start."""
        account = _account(spawner)
        home = Path(spawner.home_dir) if account is None else Path(account.pw_dir)
        lessons = home / LESSONS_FOLDER
        if account is None:
            await asyncio.to_thread(ensure_lessons, lessons)
        else:
            await _copy_lessons_as(account, lessons)
        supervisor = SUPERVISOR_ROLE in {role.name for role in spawner.user.roles}
        store = self.store_url if supervisor else self.trainees_store_url or self.store_url
        spawner.environment = {
            **spawner.environment,
            DB_VARIABLE: store,
            HOME_VARIABLE: str(home / TRAINER_FOLDER),
        }
        spawner.default_url = self.supervisor_url if supervisor else self.trainee_url
        spawner.log.info(
            "%s (%s): lessons in %s, records in %s, opens %s",
            spawner.user.name,
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
            if isinstance(error, StoreUnavailable):  # its own words are for a trainee's attempt
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
