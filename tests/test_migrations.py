"""The store's migrations: a store made by the first schema, with records in it, loses nothing.

Each test runs against SQLite and a real PostgreSQL.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import alembic.command
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from trainer.errors import StoreError
from trainer.migrate import alembic_config, head_revision
from trainer.store import HEAD_REVISION, Store, make_engine, metadata, store_url

ROOT = Path(__file__).resolve().parent.parent

# A record as revision 0001 kept it: the hints as JSON text in the attempt's own row.  It is
# written out here, not taken from Store.add, which writes the head's schema: like the
# revision itself, it is a frozen copy of the schema as it was.
FIRST_SCHEMA_INSERT = sa.text(
    "INSERT INTO attempts (uid, trainee, exercise, method, model, station, steps, mistakes, "
    "hints, seconds, passed, started, ended, kit_version) VALUES (:uid, :trainee, :exercise, "
    ":method, :model, :station, :steps, :mistakes, :hints, :seconds, :passed, :started, "
    ":ended, :kit_version)"
)


def first_schema_row(record):
    return {
        "uid": record.uid,
        "trainee": record.trainee,
        "exercise": record.exercise,
        "method": record.method,
        "model": record.model,
        "station": record.station,
        "steps": json.dumps(list(record.steps)),
        "mistakes": record.mistakes,
        "hints": json.dumps(list(record.hints)),
        "seconds": record.seconds,
        "passed": record.passed,
        "started": record.started,
        "ended": record.ended,
        "kit_version": record.kit_version,
    }


def at_first_revision(address, records):
    """Make the store at ``address`` as the first schema, holding ``records``."""
    alembic.command.upgrade(alembic_config(store_url(address)), "0001")
    engine = make_engine(store_url(address))
    with engine.begin() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == "0001"
        assert "hints" in {c["name"] for c in sa.inspect(connection).get_columns("attempts")}
        for record in records:
            connection.execute(FIRST_SCHEMA_INSERT, first_schema_row(record))
    engine.dispose()


def sample(make_record):
    return [
        make_record("ana", 0, hints=("Dial *35 first", "Then the extension")),
        make_record("ana", 1, hints=(), passed=False),
        make_record("Zoë", 2, hints=("Ünïcode hint ✓",), steps=()),
    ]


def test_the_revisions_are_a_line_from_0001_to_head():
    scripts = ScriptDirectory.from_config(alembic_config())
    assert [s.revision for s in scripts.walk_revisions()] == ["0003", "0002", "0001"]
    assert head_revision() == HEAD_REVISION == "0003"


def test_upgrading_from_the_first_revision_keeps_every_record(store_address, make_record):
    records = sample(make_record)
    at_first_revision(store_address, records)
    with Store(store_address) as store:  # upgrades to head on opening
        assert store.revision() == HEAD_REVISION
        assert store.records() == tuple(records)
        assert store.add(make_record("bo", 3)) is True
        assert store.add(records[0]) is False  # still unique by uid
    engine = make_engine(store_url(store_address))
    with engine.connect() as connection:
        hints = connection.execute(sa.text("SELECT count(*) FROM attempt_hints")).scalar_one()
        columns = {c["name"] for c in sa.inspect(connection).get_columns("attempts")}
    engine.dispose()
    assert hints == 3 + 1  # the three moved over, and bo's
    assert "hints" not in columns


def test_downgrading_and_upgrading_again_keeps_every_record(store_address, make_record):
    records = sample(make_record)
    with Store(store_address) as store:
        for record in records:
            store.add(record)
    alembic.command.downgrade(alembic_config(store_url(store_address)), "0001")
    engine = make_engine(store_url(store_address))
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT uid, hints FROM attempts ORDER BY uid")).all()
    engine.dispose()
    assert sorted((r.uid, json.loads(r.hints)) for r in rows) == sorted(
        (r.uid, list(r.hints)) for r in records
    )
    with Store(store_address) as store:
        assert store.records() == tuple(records)


def test_the_migrated_schema_is_the_one_the_store_writes(store_address):
    Store(store_address).close()
    engine = make_engine(store_url(store_address))
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert differences == []


def without_alembic(monkeypatch):
    """As in the browser's kernel (make lite): ``trainer.migrate`` cannot be imported."""
    import trainer

    monkeypatch.setitem(sys.modules, "trainer.migrate", None)
    monkeypatch.delattr(trainer, "migrate", raising=False)
    with pytest.raises(ImportError):
        from trainer import migrate  # noqa: F401


def test_with_no_alembic_a_new_store_is_made_with_the_head_s_schema(tmp_path, monkeypatch):
    store_address = str(tmp_path / "records.sqlite")  # the browser's kernel: SQLite only
    without_alembic(monkeypatch)
    with Store(store_address) as store:
        assert store.revision() == HEAD_REVISION
    monkeypatch.undo()
    engine = make_engine(store_url(store_address))
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
        assert MigrationContext.configure(connection).get_current_revision() == head_revision()
    engine.dispose()
    assert differences == []


def test_with_no_alembic_a_new_postgresql_store_is_refused_and_left_empty(postgres_db, monkeypatch):
    # Its row-level security (0003) is the migrations' alone: no store without it.
    without_alembic(monkeypatch)
    with pytest.raises(
        StoreError, match=r"made by the kit's migrations, which need Alembic \(pip install"
    ):
        Store(postgres_db)
    monkeypatch.undo()
    engine = make_engine(store_url(postgres_db))
    with engine.connect() as connection:
        assert sa.inspect(connection).get_table_names() == []
    engine.dispose()


def test_with_no_alembic_a_store_behind_the_kit_is_refused_unchanged(
    store_address, make_record, monkeypatch
):
    at_first_revision(store_address, sample(make_record))
    without_alembic(monkeypatch)

    with pytest.raises(StoreError, match=r"older kit.*pip install alembic"):
        Store(store_address)

    monkeypatch.undo()
    with Store(store_address) as store:  # upgraded now, with Alembic: nothing was lost
        assert len(store.records()) == 3


def test_an_empty_store_is_made_at_head(store_address):
    with Store(store_address) as store:
        assert store.revision() == head_revision()
        assert store.records() == ()


def test_a_kernel_that_writes_to_a_store_at_head_never_loads_alembic(tmp_path):
    # Alembic is about 10 MB of a trainee's kernel: only a store behind the kit needs it.
    Store(str(tmp_path / "records.sqlite")).close()  # made and upgraded: Alembic ran here
    script = (
        "import sys, widgets, trainer\n"
        f"store = trainer.Store({str(tmp_path / 'records.sqlite')!r})\n"
        "store.records(); store.close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out == "[]\n"


# --- 0003: row-level security on PostgreSQL, nothing on SQLite --------------------------------


def _security(address):
    """Each table with row-level security on, and the policies: what 0003 sets on PostgreSQL."""
    engine = make_engine(store_url(address))
    with engine.connect() as connection:
        tables = connection.execute(
            sa.text(
                "SELECT relname FROM pg_class WHERE relrowsecurity "
                "AND relname IN ('attempts', 'attempt_hints') ORDER BY relname"
            )
        ).scalars()
        policies = connection.execute(
            sa.text("SELECT tablename, policyname, cmd FROM pg_policies ORDER BY policyname")
        ).all()
        found = (list(tables), [tuple(p) for p in policies])
    engine.dispose()
    return found


def at_second_revision(address, records):
    """Make the store at ``address`` as revision 0002 left it, holding ``records``."""
    alembic.command.upgrade(alembic_config(store_url(address)), "0002")
    with Store(address, upgrade=False) as store:  # 0002's tables are the head's
        assert store.revision() == "0002"
        assert store.add_all(records) == len(records)


def test_upgrading_a_postgresql_store_with_records_to_0003_keeps_every_record(
    postgres_db, make_record
):
    records = sample(make_record)
    at_second_revision(postgres_db, records)
    assert _security(postgres_db) == ([], [])
    with Store(postgres_db) as store:  # upgrades to head on opening, as the Hub does
        assert store.revision() == "0003"
        assert store.records() == tuple(records)  # the owner reads every row still
        assert store.add(make_record("bo", 3)) is True
        assert store.add(records[0]) is False
    assert _security(postgres_db) == (
        ["attempt_hints", "attempts"],
        [
            ("attempts", "trainee_adds_own_attempts", "INSERT"),
            ("attempt_hints", "trainee_adds_own_hints", "INSERT"),
            ("attempts", "trainee_reads_own_attempts", "SELECT"),
            ("attempt_hints", "trainee_reads_own_hints", "SELECT"),
        ],
    )


def test_downgrading_0003_on_postgresql_keeps_every_record_and_lifts_the_policies(
    postgres_db, make_record
):
    records = sample(make_record)
    with Store(postgres_db) as store:
        store.add_all(records)
    alembic.command.downgrade(alembic_config(store_url(postgres_db)), "0002")
    assert _security(postgres_db) == ([], [])
    with Store(postgres_db, upgrade=False) as store:
        assert store.revision() == "0002"
        assert store.records() == tuple(records)
    with Store(postgres_db) as store:  # and up again
        assert store.records() == tuple(records)
    assert len(_security(postgres_db)[1]) == 4


def test_0003_leaves_a_sqlite_store_as_0002_made_it(tmp_path, make_record):
    address = str(tmp_path / "records.sqlite")
    records = sample(make_record)
    at_second_revision(address, records)
    engine = make_engine(store_url(address))
    with engine.connect() as connection:
        before = connection.execute(sa.text("SELECT name, sql FROM sqlite_master")).all()
    engine.dispose()
    with Store(address) as store:
        assert store.revision() == "0003"
        assert store.records() == tuple(records)
    engine = make_engine(store_url(address))
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT name, sql FROM sqlite_master")).all() == before
    engine.dispose()


def test_the_policies_and_the_hub_derive_the_same_role_for_a_name(postgres_db):
    from trainer.hub import trainee_role

    Store(postgres_db).close()
    names = ["ana", "Zoë Ñúñez", 'O\'Brien "x"; --', "李小龍", "a" * 64]
    engine = make_engine(store_url(postgres_db))
    with engine.connect() as connection:
        derived = [
            connection.execute(
                sa.text(
                    "SELECT 'ipo_trainee_' || left(encode(sha256(convert_to(:name, 'UTF8')), "
                    "'hex'), 48)"
                ),
                {"name": name},
            ).scalar_one()
            for name in names
        ]
        (qual,) = connection.execute(
            sa.text("SELECT qual FROM pg_policies WHERE policyname = 'trainee_reads_own_attempts'")
        ).scalars()
    engine.dispose()
    assert derived == [trainee_role(name) for name in names]
    assert all(len(role) <= 63 and role.isidentifier() for role in derived)
    assert "'ipo_trainee_'" in qual
    assert "sha256" in qual
    assert ", 48)" in qual
