"""the supra-regional budget (bovenregionaal): supra_budget per year and theme, and support questions without a
network (network_id NULL) that draw on it; the report library: report_file holds each report as a file, with
its versions and the text read from it, and on SQLite a full-text index over that text (report_search)

report_search is an FTS5 table over report_file.text (external content: the text is stored once), kept in step
by triggers, so every way a row gets in (the app, a restore, `copy --to`) indexes it. It is derived: the models
do not describe it (models.orm.is_search_index). PostgreSQL searches with to_tsvector('dutch', text) at query
time; a library of tens to hundreds of reports needs no index for that.

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

#: the tables that refer to support_question with ON DELETE CASCADE (before report_file exists)
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


_SEARCH_SQLITE = (
    "CREATE VIRTUAL TABLE report_search USING fts5(text, content='report_file', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER report_search_added AFTER INSERT ON report_file BEGIN "
    "INSERT INTO report_search(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER report_search_removed AFTER DELETE ON report_file BEGIN "
    "INSERT INTO report_search(report_search, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER report_search_changed AFTER UPDATE OF text ON report_file BEGIN "
    "INSERT INTO report_search(report_search, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO report_search(rowid, text) VALUES (new.id, new.text); END",
)


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
    op.create_table('report_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('kind', sa.String(length=4), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('added_by', sa.String(length=100), nullable=False),
    sa.CheckConstraint("kind IN ('PDF', 'DOCX', 'ODT')", name=op.f('ck_report_file_kind')),
    sa.CheckConstraint('size_bytes > 0', name=op.f('ck_report_file_size_positive')),
    sa.CheckConstraint('version >= 1', name=op.f('ck_report_file_version_positive')),
    sa.ForeignKeyConstraint(['question_id'], ['support_question.id'],
                            name=op.f('fk_report_file_question_id_support_question'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_file')),
    sa.UniqueConstraint('question_id', 'version', name=op.f('uq_report_file_question_id'))
    )
    if op.get_bind().dialect.name == 'sqlite':
        for statement in _SEARCH_SQLITE:
            op.execute(sa.text(statement))


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(sa.text('DROP TABLE report_search'))  # its triggers go with report_file
    op.drop_table('report_file')
    op.execute(sa.text('DELETE FROM support_question WHERE network_id IS NULL'))
    _set_network_nullable(False)
    op.drop_table('supra_budget')
