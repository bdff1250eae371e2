"""settings of the SWV shared by everyone who works in the database (its name above the reports)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 16:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('setting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.String(length=120), nullable=False),
    sa.CheckConstraint('length(trim(value)) > 0', name=op.f('ck_setting_value_not_empty')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_setting')),
    sa.UniqueConstraint('key', name=op.f('uq_setting_key'))
    )


def downgrade() -> None:
    op.drop_table('setting')
