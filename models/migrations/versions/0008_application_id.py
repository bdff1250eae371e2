"""mark the file as an SWV Uren database: PRAGMA application_id (SQLite only)

Files made before this revision have application_id 0 and are recognised by their alembic_version; from here
on every file carries the app's own id in its header (models.dbfile.APP_ID), so another program's database is
told apart before anything is written to it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 10:30:00
"""
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

APP_ID = 0x53575655  # "SWVU", models.dbfile.APP_ID (a migration keeps its own copy: it must never change)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":  # in the header of page 1: part of the migration's transaction
        op.execute(f"PRAGMA application_id = {APP_ID}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA application_id = 0")
