"""which board was given which month's update, when and by whom (DOMAIN.md point 11)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('board_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year_id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('user', sa.String(length=100), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("month LIKE '____-__'", name=op.f('ck_board_update_month_format')),
    sa.ForeignKeyConstraint(['board_id'], ['board.id'], name=op.f('fk_board_update_board_id_board'),
                            ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['year_id'], ['school_year.id'], name=op.f('fk_board_update_year_id_school_year'),
                            ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board_update'))
    )
    op.create_index('ix_board_update_year_board_month', 'board_update', ['year_id', 'board_id', 'month'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_board_update_year_board_month', table_name='board_update')
    op.drop_table('board_update')
