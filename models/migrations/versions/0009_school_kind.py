"""the kind of a school (soort school): regulier, SBO, SO, voorschool or VO; existing schools are regulier

Shown in the report library ("Basisschool De Regenboog (KPO, regulier)") and filtered on there. SQLite adds the
column with its CHECK in one ALTER TABLE (no table rebuild, so nothing that hangs from a school by a foreign key
is touched); PostgreSQL adds the column and then the named constraint.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-11 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

#: models.domain.innovation.KINDS; a migration keeps its own copy
_CHECK = "kind IN ('regulier', 'SBO', 'SO', 'voorschool', 'VO')"


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f"ALTER TABLE school ADD COLUMN kind VARCHAR(20) DEFAULT 'regulier' NOT NULL "
                   f"CONSTRAINT ck_school_kind CHECK ({_CHECK})")
        return
    op.add_column('school', sa.Column('kind', sa.String(length=20), nullable=False, server_default='regulier'))
    op.create_check_constraint(op.f('ck_school_kind'), 'school', _CHECK)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("ALTER TABLE school DROP COLUMN kind")  # SQLite 3.35 or newer; the CHECK goes with its column
        return
    op.drop_constraint(op.f('ck_school_kind'), 'school', type_='check')
    op.drop_column('school', 'kind')
