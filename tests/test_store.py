"""The training records' store: where it is, what it keeps, and what it says when it cannot."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from servers import free_port

from trainer import errors
from trainer.errors import StoreError, StoreUnavailable
from trainer.migrate import head_revision
from trainer.store import Store, mask, store_url

SECRET = "s3cr3t-pw"


# --- where the store is -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/srv/class/records.sqlite", "sqlite:////srv/class/records.sqlite"),
        ("  /srv/class/records.sqlite  ", "sqlite:////srv/class/records.sqlite"),
        ("sqlite:////srv/records.sqlite", "sqlite:////srv/records.sqlite"),
        ("postgresql://coach:pw@db/training", "postgresql+psycopg://coach:pw@db/training"),
        ("postgres://coach:pw@db:5433/training", "postgresql+psycopg://coach:pw@db:5433/training"),
        ("postgresql+psycopg://coach@db/training", "postgresql+psycopg://coach@db/training"),
    ],
)
def test_an_address_becomes_a_sqlalchemy_url(given, expected, trainer_folder):
    assert store_url(given) == expected


def test_a_relative_or_home_path_is_made_absolute(trainer_folder, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert store_url("records.sqlite") == f"sqlite:///{tmp_path / 'records.sqlite'}"
    assert store_url("sqlite:///records.sqlite") == f"sqlite:///{tmp_path / 'records.sqlite'}"
    monkeypatch.setenv("HOME", str(tmp_path))
    assert store_url("~/class.sqlite") == f"sqlite:///{tmp_path / 'class.sqlite'}"


def test_the_environment_names_the_store_when_no_address_is_given(trainer_folder, monkeypatch):
    monkeypatch.setenv("IPO_TRAINER_DB", "postgresql://coach:pw@db/training")
    assert store_url() == "postgresql+psycopg://coach:pw@db/training"
    assert store_url("/elsewhere.sqlite") == "sqlite:////elsewhere.sqlite"  # the argument wins


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_without_an_address_the_store_is_a_file_in_the_trainers_folder(
    blank, trainer_folder, monkeypatch
):
    if blank is not None:
        monkeypatch.setenv("IPO_TRAINER_DB", blank)
    assert store_url() == f"sqlite:///{trainer_folder / 'records.sqlite'}"


@pytest.mark.parametrize(
    ("given", "match"),
    [
        (f"mysql://coach:{SECRET}@db/training", "neither a file path nor a postgresql:// URL"),
        (f"http://coach:{SECRET}@db/", "neither a file path nor a postgresql:// URL"),
        (f"postgresql+psycopg2://coach:{SECRET}@db/t", "driver 'psycopg2': the kit drives"),
        (f"postgresql://coach:{SECRET}@db", "names no database"),
        ("sqlite:///:memory:", "in memory, which forgets every record"),
        ("sqlite://", "in memory"),
        ("", "is empty: give a file path"),
        (f"postgresql://coach:{SECRET}@db:port/t", "is not a database URL"),
    ],
)
def test_an_address_that_is_no_store_is_refused_with_the_password_masked(
    given, match, trainer_folder
):
    with pytest.raises(StoreError, match=match) as refused:
        store_url(given)
    assert SECRET not in str(refused.value)
    if "coach" in given:
        assert "coach:***@db" in str(refused.value)  # quoted, password masked


def test_a_bad_address_in_the_environment_is_refused_naming_the_variable(
    trainer_folder, monkeypatch
):
    monkeypatch.setenv("IPO_TRAINER_DB", f"oracle://coach:{SECRET}@db/t")
    with pytest.raises(
        StoreError, match=r"^IPO_TRAINER_DB 'oracle://coach:\*\*\*@db/t' is neither"
    ):
        store_url()


@pytest.mark.parametrize(
    ("given", "match"),
    [
        (f"postgresql+psycopg2://coach:pa/{SECRET}@db/t", "driver 'psycopg2'"),
        (f"postgresql://coach:pa@{SECRET}@db/t", r"'@' in its password: write it as '%40'"),
    ],
)
def test_a_password_with_unescaped_characters_is_masked_whole(given, match, trainer_folder):
    with pytest.raises(StoreError, match=match) as refused:
        store_url(given)
    assert SECRET not in str(refused.value)
    assert "coach:***@db/t" in str(refused.value)


def test_a_file_path_with_a_question_mark_is_refused(trainer_folder, tmp_path):
    with pytest.raises(StoreError, match=r"has a '\?' in it.*rename the file"):
        store_url(str(tmp_path / "what?.sqlite"))


def test_a_folder_is_refused_naming_a_file_in_it(trainer_folder, tmp_path):
    with pytest.raises(
        StoreError, match=r"is a folder: name a file in it, such as '.*records.sqlite'"
    ):
        store_url(str(tmp_path))


def test_text_is_required(trainer_folder):
    with pytest.raises(StoreError, match="must be text"):
        store_url(42)  # type: ignore[arg-type]


def test_mask_hides_only_the_password():
    assert mask(f"postgresql://coach:{SECRET}@db/t") == "postgresql://coach:***@db/t"
    assert mask("postgresql://coach:pa/ss@db/t") == "postgresql://coach:***@db/t"
    assert mask("postgresql://coach:p@ss@db/t") == "postgresql://coach:***@db/t"
    assert mask("postgresql://coach@db/t") == "postgresql://coach@db/t"
    assert mask("sqlite:////srv/r.sqlite") == "sqlite:////srv/r.sqlite"
    assert (
        mask(f"postgresql://coach@db/t?sslmode=require&password={SECRET}&connect_timeout=5")
        == "postgresql://coach@db/t?sslmode=require&password=***&connect_timeout=5"
    )


# --- what it keeps ------------------------------------------------------------------------------


def test_records_come_back_as_they_went_in(store_address, make_record):
    records = [
        make_record("ana", 0),
        make_record("ana", 1, hints=(), passed=False, mistakes=0),
        make_record("bo", 2, hints=("first hint", "second hint", "third"), seconds=0.1),
        make_record("Zoë Ñúñez", 3, steps=(), exercise="Ünïcode ✓", kit_version="unknown"),
    ]
    with Store(store_address) as store:
        for record in reversed(records):
            assert store.add(record) is True
        assert store.records() == tuple(records)
        assert store.records("ana") == tuple(records[:2])
        assert store.records("nobody") == ()
        assert store.trainees() == ("Zoë Ñúñez", "ana", "bo")
        assert store.revision() == head_revision() == "0003"


def test_times_come_back_in_utc_with_their_zone(store_address, make_record):
    plus_five = timezone(timedelta(hours=5))
    started = datetime(2026, 12, 2, 14, 0, tzinfo=plus_five)
    record = make_record(started=started, ended=started + timedelta(seconds=3))
    with Store(store_address) as store:
        store.add(record)
        (back,) = store.records()
    assert back.started == datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    assert back.started.utcoffset() == timedelta(0)
    assert back.ended.tzinfo is not None


def test_records_are_read_oldest_end_first_then_by_uid(store_address, make_record):
    same_end = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
    late = make_record("ana", 5)
    tie_b = make_record("bo", 1, uid="b" * 32, started=same_end, ended=same_end)
    tie_a = make_record("cy", 1, uid="a" * 32, started=same_end, ended=same_end)
    early = make_record("ana", 0)
    with Store(store_address) as store:
        for record in (late, tie_b, tie_a, early):
            store.add(record)
        assert [r.uid for r in store.records()] == [early.uid, late.uid, "a" * 32, "b" * 32]


def test_a_record_written_twice_is_stored_once(store_address, make_record):
    record = make_record()
    with Store(store_address) as store:
        assert store.add(record) is True
        assert store.add(record) is False
        assert store.add(make_record(hints=("another",))) is False  # the uid decides
        assert store.records() == (record,)


def test_a_batch_is_stored_in_one_go_and_only_its_new_records_count(store_address, make_record):
    first = [make_record("ana", 0), make_record("bo", 1, hints=("one", "two"))]
    later = [*first, make_record("cy", 2), make_record("cy", 2)]  # the same attempt twice
    with Store(store_address) as store:
        assert store.add_all(first) == 2
        assert store.add_all(later) == 1
        assert store.add_all(first) == 0
        assert store.add_all([]) == 0
        assert store.records() == (*first, make_record("cy", 2))


def test_a_batch_with_a_refused_record_writes_none_of_it(store_address, make_record):
    refused = make_record("bo", 1, model=None)  # the database's NOT NULL refuses it
    with Store(store_address) as store:
        store.add(make_record("ana", 0))
        with pytest.raises(errors.RecordRefused, match=rf"refused attempt '{refused.uid}' of 'bo'"):
            store.add_all([make_record("ana", 5), refused, make_record("cy", 2)])
        assert [r.uid for r in store.records()] == [make_record("ana", 0).uid]


def test_a_batch_for_a_locked_store_is_unavailable_and_writes_nothing(tmp_path, make_record):
    path = tmp_path / "r.sqlite"
    with Store(str(path)) as store:
        store.records()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Store(str(path), timeout=0.2) as store, pytest.raises(StoreUnavailable):
            store.add_all([make_record("ana", 0), make_record("ana", 1)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store(str(path)) as store:
        assert store.records() == ()


def test_a_batch_holding_anything_but_records_is_refused_before_writing(tmp_path, make_record):
    with Store(str(tmp_path / "r.sqlite")) as store:
        with pytest.raises(StoreError, match="AttemptRecord"):
            store.add_all([make_record("ana", 0), "not a record"])  # type: ignore[list-item]
        assert store.records() == ()


def test_only_attempt_records_can_be_stored(tmp_path):
    with (
        Store(str(tmp_path / "r.sqlite")) as store,
        pytest.raises(StoreError, match="AttemptRecord"),
    ):
        store.add({"uid": "x"})  # type: ignore[arg-type]


def test_the_address_is_shown_with_its_password_masked(postgres_db):
    with Store(postgres_db) as store:
        assert ":***@127.0.0.1:" in store.where
        assert store.where.startswith("postgresql+psycopg://ipo:***@")
        assert "***" in repr(store)
        assert postgres_db.split(":")[2].split("@")[0] not in repr(store) + store.where


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    path = tmp_path / "r.sqlite"
    with Store(str(path)) as store:
        store.records()
    with sqlite3.connect(path) as plain:
        assert plain.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:  # the hints cascade with their attempt
        fks = sa.inspect(connection).get_foreign_keys("attempt_hints")
    engine.dispose()
    assert fks[0]["referred_table"] == "attempts"
    assert fks[0]["options"] == {"ondelete": "CASCADE"}


def test_a_store_opened_without_upgrade_has_no_revision(tmp_path):
    with Store(str(tmp_path / "r.sqlite"), upgrade=False) as store:
        assert store.revision() is None


def test_reading_a_store_without_the_tables_is_refused_alike_on_either_database(store_address):
    # Not StoreUnavailable ("cannot be written just now"): nothing will come back by waiting.
    with Store(store_address, upgrade=False) as store:
        for read in (store.records, store.trainees):
            with pytest.raises(StoreError, match="is not training records this kit can use"):
                read()


# --- what it says when it cannot ------------------------------------------------------------------


def test_a_postgresql_nobody_answers_is_unavailable(make_record):
    url = f"postgresql://coach:{SECRET}@127.0.0.1:{free_port()}/training"
    with pytest.raises(StoreUnavailable, match="cannot be written just now") as down:
        Store(url, timeout=2)
    message = str(down.value)
    assert SECRET not in message
    assert "Your attempt is kept on this computer" in message
    assert down.value.where == f"postgresql+psycopg://coach:***@127.0.0.1:{url.split(':')[3]}"


def test_reading_a_store_nobody_answers_is_unavailable_in_a_read_s_words():
    # A read keeps no attempt: it must not say "cannot be written ... your attempt is kept".
    url = f"postgresql://coach:{SECRET}@127.0.0.1:{free_port()}/training"
    with Store(url, upgrade=False, timeout=2) as store:
        for read in (store.records, store.trainees, store.revision):
            with pytest.raises(StoreUnavailable, match="cannot be read just now") as down:
                read()
            message = str(down.value)
            assert "written" not in message
            assert "attempt is kept" not in message
            assert SECRET not in message
            assert down.value.where == store.where
            assert "connection" in down.value.reason.lower()


def test_a_locked_sqlite_store_read_from_is_unavailable_in_a_read_s_words(tmp_path):
    path = tmp_path / "r.sqlite"
    Store(str(path)).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")  # no WAL: a writer's lock stops readers
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Store(str(path), upgrade=False, timeout=0.2) as store:
            with pytest.raises(StoreUnavailable, match="cannot be read just now") as down:
                store.records()
        assert "database is locked" in str(down.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_file_in_a_missing_folder_is_unavailable(tmp_path):
    with pytest.raises(StoreUnavailable, match="unable to open database file"):
        Store(str(tmp_path / "not-mounted" / "records.sqlite"))
    assert not (tmp_path / "not-mounted").exists()  # nothing made on the way


def test_a_read_only_store_is_unavailable_and_unchanged(tmp_path, make_record):
    path = tmp_path / "r.sqlite"
    with Store(str(path)) as store:
        store.add(make_record("ana", 0))
    with Store(f"sqlite:///file:{path}?mode=ro&uri=true") as read_only:
        assert len(read_only.records()) == 1  # reading still works
        with pytest.raises(StoreUnavailable, match="readonly database"):
            read_only.add(make_record("ana", 1))
    with Store(str(path)) as store:
        assert [r.uid for r in store.records()] == [make_record("ana", 0).uid]


def test_a_locked_store_is_unavailable_after_the_busy_timeout_and_readable(tmp_path, make_record):
    path = tmp_path / "r.sqlite"
    with Store(str(path)) as store:
        store.add(make_record("ana", 0))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("DELETE FROM attempts")  # uncommitted: nobody else sees it
    try:
        with Store(str(path), timeout=0.2) as store:
            with pytest.raises(StoreUnavailable, match="database is locked"):
                store.add(make_record("ana", 1))
            assert len(store.records()) == 1  # WAL: readers do not wait for the writer
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store(str(path)) as store:
        assert store.add(make_record("ana", 1)) is True
        assert len(store.records()) == 2


def test_a_file_that_is_no_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "r.sqlite"
    path.write_bytes(b"my shopping list\n" * 100)
    with pytest.raises(StoreError, match="is not training records this kit can use") as refused:
        Store(str(path))
    assert "point IPO_TRAINER_DB at another file" in str(refused.value)
    assert path.read_bytes() == b"my shopping list\n" * 100


def test_a_store_from_a_newer_kit_is_refused(store_address, make_record):
    with Store(store_address) as store:
        store.add(make_record())
    engine = sa.create_engine(store_url(store_address))
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(StoreError, match=r"made by a newer kit\. Update the kit"):
        Store(store_address)
    with Store(store_address, upgrade=False) as store:
        assert store.revision() == "0099"


def test_opening_the_store_prints_nothing_and_leaves_logging_alone(tmp_path, capfd):
    before = (list(logging.root.handlers), logging.root.level)
    with Store(str(tmp_path / "r.sqlite")) as store:
        store.records()
    assert (list(logging.root.handlers), logging.root.level) == before
    assert capfd.readouterr() == ("", "")


def test_the_default_store_is_made_in_the_trainers_folder(trainer_folder, make_record):
    with Store() as store:
        store.add(make_record())
        assert store.where == f"sqlite:///{trainer_folder / 'records.sqlite'}"
    assert Path(trainer_folder / "records.sqlite").exists()


def test_every_trainer_error_is_drawn_in_the_errors_module():
    def family(error: type) -> list[type]:
        return [error, *(c for sub in error.__subclasses__() for c in family(sub))]

    drawn = errors.__doc__ or ""
    names = {error.__name__ for error in family(errors.TrainerError)}
    assert names == set(errors.__all__)
    assert all(f"── {name} " in drawn for name in names), drawn


# --- on PostgreSQL, a trainee's own role: their attempts only (revision 0003) ---------------------


def _as(url: str, statement: str) -> str:
    """Run ``statement`` as the role in ``url``; what PostgreSQL said (or 'done')."""
    engine = sa.create_engine(store_url(url))
    try:
        with engine.begin() as connection:
            connection.execute(sa.text(statement))
        return "done"
    except sa.exc.DBAPIError as error:
        return str(error.orig).splitlines()[0]
    finally:
        engine.dispose()


def test_a_trainees_own_role_adds_and_reads_only_their_own_attempts(postgres_db, make_record):
    from trainer.hub import trainee_store_url

    colleague = "Zoë O'Brien \"; DROP ROLE ipo; --"  # any name makes a safe role
    with Store(postgres_db):  # made at head, as the Hub makes it
        pass
    ana, zoe = trainee_store_url(postgres_db, "ana"), trainee_store_url(postgres_db, colleague)
    hers = make_record("ana", 0, hints=("Dial *35 first",))
    theirs = make_record(colleague, 1, hints=("Then the extension",))
    with Store(ana) as store:
        assert store.add(hers) is True
        forged = make_record(colleague, 2)
        with pytest.raises(errors.RecordRefused, match="only under its own name") as refused:
            store.add(forged)
        assert "row-level security" in str(refused.value)
        with pytest.raises(errors.RecordRefused):
            store.add_all([make_record("ana", 3), forged])  # all or nothing
    with Store(zoe) as store:
        assert store.add(theirs) is True
        assert store.add(theirs) is False  # their own attempt again: skipped, as ever
        with pytest.raises(errors.RecordRefused):  # ana's, uid and all: not theirs to add
            store.add(hers)
        assert store.records() == (theirs,)
        assert store.records("ana") == ()
        assert store.trainees() == (colleague,)
    with Store(ana) as store:
        assert store.records() == (hers,)
        assert store.trainees() == ("ana",)
    with Store(postgres_db) as owner:  # the owner (the board, supervisors) reads every row
        assert owner.records() == (hers, theirs)


def test_a_trainees_own_role_changes_and_deletes_nothing(postgres_db, make_record):
    from trainer.hub import trainee_store_url

    with Store(postgres_db) as owner:
        owner.add(make_record("bo", 0, hints=("Dial *35 first",)))
    engine = sa.create_engine(store_url(postgres_db))
    with engine.connect() as connection:
        bo_id = connection.execute(sa.text("SELECT id FROM attempts")).scalar_one()
    engine.dispose()
    ana = trainee_store_url(postgres_db, "ana")
    for statement in (
        "UPDATE attempts SET passed = NOT passed",
        "UPDATE attempt_hints SET hint = 'changed'",
        "DELETE FROM attempts",
        "DELETE FROM attempt_hints",
        "TRUNCATE attempts CASCADE",
        "ALTER TABLE attempts DISABLE ROW LEVEL SECURITY",
        "DROP POLICY trainee_adds_own_attempts ON attempts",
    ):
        said = _as(ana, statement)
        assert "permission denied" in said or "must be owner" in said, (statement, said)
    # A hint added to bo's attempt: refused, as his attempt is not hers.
    said = _as(ana, f"INSERT INTO attempt_hints VALUES ({bo_id}, 9, 'forged')")
    assert "row-level security" in said
    assert _as(ana, "SELECT 1 / count(*) FROM attempt_hints") == "division by zero"  # sees none
    with Store(postgres_db) as owner:
        (record,) = owner.records()
    assert (record.trainee, record.passed, record.hints) == ("bo", True, ("Dial *35 first",))


def test_a_trainees_role_is_remade_with_a_new_password_at_every_spawn(postgres_db):
    from trainer.hub import trainee_role, trainee_store_url

    Store(postgres_db).close()
    first, second = trainee_store_url(postgres_db, "ana"), trainee_store_url(postgres_db, "ana")
    assert sa.engine.make_url(first).username == trainee_role("ana")
    assert sa.engine.make_url(first).password != sa.engine.make_url(second).password
    assert postgres_db.split(":")[2].split("@")[0] not in first  # never the owner's password
    with pytest.raises(StoreUnavailable, match="password authentication failed"):
        Store(first, timeout=2)
    with Store(second) as store:
        assert store.records() == ()
