"""Hints as their own table, and indexes for the order records are read in and the board.

The class's most common mistakes are counted over the hints shown; as JSON in each
attempt's row they had to be parsed one row at a time.  Now each hint is a row of
``attempt_hints`` (indexed by its text), moved over from the JSON in order, and the JSON
column is dropped.  ``(ended, uid)`` is the order :meth:`Store.records` reads in;
``(trainee, method)`` the board's rows.

SQLite cannot drop a column in place everywhere, so batch mode copies ``attempts``; the
hints are read out first and the new table made after the copy, so the copy's
``DROP TABLE`` has no hint rows to cascade into.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_old = sa.table("attempts", sa.column("id", sa.Integer), sa.column("hints", sa.Text))
_hints = sa.table(
    "attempt_hints",
    sa.column("attempt_id", sa.Integer),
    sa.column("position", sa.Integer),
    sa.column("hint", sa.Text),
)


def upgrade() -> None:
    connection = op.get_bind()
    moved = [
        {"attempt_id": attempt_id, "position": n, "hint": hint}
        for attempt_id, text in connection.execute(sa.select(_old.c.id, _old.c.hints))
        for n, hint in enumerate(json.loads(text))
    ]
    with op.batch_alter_table("attempts") as batch:
        batch.drop_column("hints")
        batch.create_index("ix_attempts_ended_uid", ["ended", "uid"])
        batch.create_index("ix_attempts_trainee_method", ["trainee", "method"])
    op.create_table(
        "attempt_hints",
        sa.Column(
            "attempt_id",
            sa.Integer,
            sa.ForeignKey("attempts.id", ondelete="CASCADE", name="fk_attempt_hints_attempt"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("hint", sa.Text, nullable=False),
    )
    op.create_index("ix_attempt_hints_hint", "attempt_hints", ["hint"])
    if moved:
        op.bulk_insert(_hints, moved)


def downgrade() -> None:
    connection = op.get_bind()
    kept: dict[int, list[str]] = {}
    query = sa.select(_hints.c.attempt_id, _hints.c.hint).order_by(
        _hints.c.attempt_id, _hints.c.position
    )
    for attempt_id, hint in connection.execute(query):
        kept.setdefault(attempt_id, []).append(hint)
    op.drop_index("ix_attempt_hints_hint", table_name="attempt_hints")
    op.drop_table("attempt_hints")
    with op.batch_alter_table("attempts") as batch:
        batch.add_column(sa.Column("hints", sa.Text, nullable=False, server_default="[]"))
        batch.drop_index("ix_attempts_ended_uid")
        batch.drop_index("ix_attempts_trainee_method")
    for attempt_id, hints in kept.items():
        connection.execute(
            sa.update(_old).where(_old.c.id == attempt_id).values(hints=json.dumps(hints))
        )
