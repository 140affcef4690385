"""Shared fixtures: the tech tip's site, a system booted on it, and one-station systems."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from postgres import PostgresMissing, check_postgres, running_postgres
from servers import under_ci
from sites_by_hand import tip_site_by_hand

import ipo_core as ipo
from trainer.records import AttemptRecord


@pytest.fixture
def site() -> ipo.Config:
    """The tech tip's site: Force Login agents 3000 (4612) and 3001 (6416D+), desk 3002 (4606)."""
    return ipo.load_site("tech_tip_014")


@pytest.fixture
def system(site: ipo.Config) -> ipo.System:
    """The tech tip's site, booted: 3000 and 3001 show NoUser, Desk3002 is at home."""
    return ipo.System(site)


@pytest.fixture
def by_hand() -> Callable[[], ipo.Config]:
    """``by_hand()``: a fresh copy of the tech tip's site built through the API."""
    return tip_site_by_hand


def build_one_station(model: str, user: ipo.User | None = None) -> ipo.System:
    """A booted system with one station of ``model`` whose default user is ``user``.

    By default the user is Agent3000 at 3000, not Force Login, with login code 1234,
    so after boot the user is logged on at the station (rule R4).
    """
    if user is None:
        user = ipo.User("Agent3000", extension="3000", login_code="1234")
    config = ipo.Config()
    config.add_extension(user.extension, model=model)
    config.add_user(user)
    return ipo.System(config)


@pytest.fixture
def one_station() -> Callable[..., ipo.System]:
    """``one_station("4606")``: a booted one-station system (see ``build_one_station``)."""
    return build_one_station


# --- the training records: a real PostgreSQL, and a trainer folder of the test's own --------


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``postgresql://ipo:PASSWORD@127.0.0.1:PORT/ipo_trainer``: one server for the session.

    Started by ``tests/postgres.py`` (initdb into a temporary folder), stopped at the end.
    Without PostgreSQL the tests that need it are skipped with the command that installs
    it, and fail under CI, which installs it.
    """
    try:
        check_postgres()
    except PostgresMissing as missing:
        if under_ci():
            pytest.fail(str(missing))
        pytest.skip(str(missing))
    with running_postgres(tmp_path_factory.mktemp("postgres")) as url:
        yield url


@pytest.fixture
def postgres_db(postgres_url: str) -> Iterator[str]:
    """A database of the test's own on the session's PostgreSQL, dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    base = postgres_url.rsplit("/", 1)[0]
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_address(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store the kit supports, empty: a SQLite file path, then a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "records.sqlite")
    return str(request.getfixturevalue("postgres_db"))


@pytest.fixture
def trainer_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The trainer's folder moved into the test's own, and no name or store from outside."""
    home = tmp_path / "trainer-home"
    monkeypatch.setenv("IPO_TRAINER_HOME", str(home))
    for variable in ("IPO_TRAINER_DB", "IPO_TRAINER_TRAINEE", "JUPYTERHUB_USER"):
        monkeypatch.delenv(variable, raising=False)
    return home


def attempt_record(trainee: str = "ana", n: int = 0, **changes: object) -> AttemptRecord:
    """A hand-written attempt: ``trainee``'s ``n``-th, *35 logon at 3000, passed, one hint.

    Its uid is made from both, so the same call makes the same record; ``changes`` replace
    any field.
    """
    start = datetime(2026, 12, 2, 9, 0, tzinfo=UTC) + timedelta(minutes=n)
    fields: dict[str, object] = {
        "uid": uuid.uuid5(uuid.NAMESPACE_URL, f"ipo-trainer/{trainee}/{n}").hex,
        "trainee": trainee,
        "exercise": "Log on with *35*Extn*Code#: Agent3000 at station 3000 (4612)",
        "method": "logon-star-35",
        "model": "4612",
        "station": "3000",
        "steps": (
            "key *",
            "key 3",
            "key 5",
            "key *",
            "key 3",
            "key 0",
            "key 0",
            "key 0",
            "key *",
            "code ****",
            "key #",
        ),
        "mistakes": 1,
        "hints": ("Dial *35 first, then the extension: *35*3000*",),
        "seconds": 12.5,
        "passed": True,
        "started": start,
        "ended": start + timedelta(seconds=12.5),
        "kit_version": "0.1.0",
    }
    fields.update(changes)
    return AttemptRecord(**fields)  # type: ignore[arg-type]


@pytest.fixture
def make_record() -> Callable[..., AttemptRecord]:
    """``make_record("bo", 3, passed=False)``: a hand-written attempt (see ``attempt_record``)."""
    return attempt_record


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # noqa: ARG001 - pytest's hook
    """Say which lessons Voila drew whole only on a second load (tests/browser.py)."""
    browser = sys.modules.get("browser")
    for line in getattr(browser, "REDRAWN", ()):
        terminalreporter.write_line(f"Voila drew a lesson whole only when loaded again: {line}")
