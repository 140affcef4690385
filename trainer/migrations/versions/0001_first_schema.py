"""The first schema: one table of attempts, their steps and hints as JSON text.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("trainee", sa.Text, nullable=False),
        sa.Column("exercise", sa.Text, nullable=False),
        sa.Column("method", sa.String(40), nullable=False),
        sa.Column("model", sa.String(20), nullable=False),
        sa.Column("station", sa.String(20), nullable=False),
        sa.Column("steps", sa.Text, nullable=False),
        sa.Column("mistakes", sa.Integer, nullable=False),
        sa.Column("hints", sa.Text, nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("passed", sa.Boolean, nullable=False),
        sa.Column("started", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kit_version", sa.String(40), nullable=False),
        sa.UniqueConstraint("uid", name="uq_attempts_uid"),
    )
    op.create_index("ix_attempts_trainee", "attempts", ["trainee"])


def downgrade() -> None:
    op.drop_index("ix_attempts_trainee", table_name="attempts")
    op.drop_table("attempts")
