"""the supra-regional budget (bovenregionaal): supra_budget per year and theme, and support questions without a
network (network_id NULL) that draw on it

support_question.network_id becomes nullable. SQLite recreates the table for that (batch mode); with foreign
keys on, dropping the old table would delete the rows that hang from it by ON DELETE CASCADE (the schools and
executors of every question), so those are kept aside first and put back after. PostgreSQL alters the column
in place and loses nothing.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

#: the tables that refer to support_question with ON DELETE CASCADE
_CHILDREN = ('question_school', 'question_executor')


def _set_network_nullable(nullable: bool) -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    if sqlite:
        for table in _CHILDREN:
            op.execute(sa.text(f'CREATE TEMPORARY TABLE kept_{table} AS SELECT * FROM {table}'))
    with op.batch_alter_table('support_question', schema=None) as batch_op:
        batch_op.alter_column('network_id', existing_type=sa.Integer(), nullable=nullable)
    if sqlite:
        for table in _CHILDREN:
            op.execute(sa.text(f'DELETE FROM {table}'))  # whatever the cascade left (nothing, or all)
            op.execute(sa.text(f'INSERT INTO {table} SELECT * FROM kept_{table}'))
            op.execute(sa.text(f'DROP TABLE kept_{table}'))


def upgrade() -> None:
    op.create_table('supra_budget',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.CheckConstraint('amount_cents >= 0', name=op.f('ck_supra_budget_amount_not_negative')),
    sa.ForeignKeyConstraint(['theme_id'], ['innovation_theme.id'], name=op.f('fk_supra_budget_theme_id_innovation_theme'),
                            ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['year_id'], ['school_year.id'], name=op.f('fk_supra_budget_year_id_school_year'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supra_budget')),
    sa.UniqueConstraint('year_id', 'theme_id', name=op.f('uq_supra_budget_year_id'))
    )
    _set_network_nullable(True)


def downgrade() -> None:
    op.execute(sa.text('DELETE FROM support_question WHERE network_id IS NULL'))
    _set_network_nullable(False)
    op.drop_table('supra_budget')
