"""Row-level security on PostgreSQL: a trainee's own role adds and reads their own rows only.

On the class's JupyterHub every trainee's kernel logs in to PostgreSQL as a role of its
own, which the Hub makes (or updates, with a fresh password) at every spawn
(:class:`trainer.hub.SpawnHook`). The role's name is derived from the trainee's Hub name:
``'ipo_trainee_'`` and the first 48 hex digits of the SHA-256 of the name's UTF-8 bytes
(60 characters, under PostgreSQL's 63; safe whatever characters the name holds). The
policies below compare each row's ``trainee`` with the role asking by that same rule, so:

- a trainee's role may insert an attempt only under their own Hub name, and sees (and so
  reads back, or skips as a repeated uid) only their own attempts;
- a hint row goes with an attempt the role can see, which is its own;
- no policy lets anyone UPDATE or DELETE, and the Hub grants trainees neither anyway.

The rule is the whole mapping, so there is no table of roles to keep in step with the Hub:
a role can only be called ``ipo_trainee_<hash of bob>`` by whoever may create roles (the
Hub's owner role), and a trainee cannot pick the role their kernel logs in as. The table's
owner (the Hub, the board, supervisors) is not subject to row-level security
(``FORCE`` is not set), nor are superusers: they keep reading every row. Any other role
sees and adds nothing here, the earlier shared trainees' role included.

The expressions are stored parsed, with their functions resolved now, so a trainee's
``search_path`` cannot change what they call. SQLite has no roles: there this revision
does nothing but move the revision on.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-09
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Spelled out here, frozen with the revision; trainer.hub derives the same names (a test checks).
_OWN_ROW = (
    "current_user = 'ipo_trainee_' || "
    "pg_catalog.left(pg_catalog.encode(pg_catalog.sha256("
    "pg_catalog.convert_to(trainee, 'UTF8')), 'hex'), 48)"
)
# An attempt the role can see: under row-level security the subquery sees its own rows only.
_OWN_ATTEMPT = "EXISTS (SELECT 1 FROM attempts AS a WHERE a.id = attempt_hints.attempt_id)"

_POLICIES = (
    ("attempts", "trainee_reads_own_attempts", "SELECT", f"USING ({_OWN_ROW})"),
    ("attempts", "trainee_adds_own_attempts", "INSERT", f"WITH CHECK ({_OWN_ROW})"),
    ("attempt_hints", "trainee_reads_own_hints", "SELECT", f"USING ({_OWN_ATTEMPT})"),
    ("attempt_hints", "trainee_adds_own_hints", "INSERT", f"WITH CHECK ({_OWN_ATTEMPT})"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in ("attempts", "attempt_hints"):
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for table, name, command, rule in _POLICIES:
        op.execute(f"CREATE POLICY {name} ON {table} FOR {command} TO PUBLIC {rule}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, name, _command, _rule in _POLICIES:
        op.execute(f"DROP POLICY IF EXISTS {name} ON {table}")
    for table in ("attempts", "attempt_hints"):
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
