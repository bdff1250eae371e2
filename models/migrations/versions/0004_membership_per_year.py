"""network membership per school year; a network budget follows the theme's standard unless it has its own amount

network_school gets year_id: every existing school year gets the membership as it stands (there was only
one), and a school is in at most one network per year (unique year_id, school_id instead of school_id).
network_budget.entered_cents becomes nullable: NULL follows the theme's standard amount of that year. An
existing budget equal to its theme's standard of that year becomes NULL, as the old code moved exactly
those along with the standard; any other amount stays the network's own.

Portable: batch mode (SQLite recreates the table, PostgreSQL alters it) and plain INSERT/UPDATE/DELETE.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 15:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('network_school', schema=None) as batch_op:
        batch_op.add_column(sa.Column('year_id', sa.Integer(), nullable=True))
        batch_op.drop_constraint(op.f('uq_network_school_school_id'), type_='unique')
    # one copy of each membership per school year; the rows without a year go
    op.execute(sa.text(
        "INSERT INTO network_school (year_id, network_id, school_id) "
        "SELECT school_year.id, network_school.network_id, network_school.school_id "
        "FROM school_year CROSS JOIN network_school WHERE network_school.year_id IS NULL"))
    op.execute(sa.text("DELETE FROM network_school WHERE year_id IS NULL"))
    with op.batch_alter_table('network_school', schema=None) as batch_op:
        batch_op.alter_column('year_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(op.f('fk_network_school_year_id_school_year'), 'school_year', ['year_id'],
                                    ['id'], ondelete='CASCADE')
        batch_op.create_unique_constraint(op.f('uq_network_school_year_id'), ['year_id', 'school_id'])

    with op.batch_alter_table('network_budget', schema=None) as batch_op:
        batch_op.alter_column('entered_cents', existing_type=sa.Integer(), nullable=True)
    op.execute(sa.text(
        "UPDATE network_budget SET entered_cents = NULL WHERE entered_cents = ("
        "SELECT theme_year.standard_cents FROM theme_year WHERE theme_year.year_id = network_budget.year_id "
        "AND theme_year.theme_id = network_budget.theme_id)"))


def downgrade() -> None:
    op.execute(sa.text(
        "UPDATE network_budget SET entered_cents = (SELECT theme_year.standard_cents FROM theme_year "
        "WHERE theme_year.year_id = network_budget.year_id AND theme_year.theme_id = network_budget.theme_id) "
        "WHERE entered_cents IS NULL"))
    op.execute(sa.text("UPDATE network_budget SET entered_cents = 0 WHERE entered_cents IS NULL"))
    with op.batch_alter_table('network_budget', schema=None) as batch_op:
        batch_op.alter_column('entered_cents', existing_type=sa.Integer(), nullable=False)
    # back to one membership: the latest school year's
    op.execute(sa.text(
        "DELETE FROM network_school WHERE year_id <> (SELECT school_year.id FROM school_year WHERE "
        "school_year.label = (SELECT MAX(y.label) FROM school_year y JOIN network_school n ON n.year_id = y.id))"))
    with op.batch_alter_table('network_school', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('uq_network_school_year_id'), type_='unique')
        batch_op.drop_constraint(op.f('fk_network_school_year_id_school_year'), type_='foreignkey')
        batch_op.drop_column('year_id')
        batch_op.create_unique_constraint(op.f('uq_network_school_school_id'), ['school_id'])
