"""Alembic environment: runs on the connection the app hands over (see models.db.upgrade)."""
from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from models.db import normalise_url
from models.orm import Base, is_search_index, load_all

load_all()  # every table, also those the app maps only when first used
config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic` on the command line, for writing new revisions
        url = normalise_url(config.get_main_option("sqlalchemy.url") or "sqlite:///alembic-dev.sqlite")
        with create_engine(url).begin() as conn:
            _migrate(conn)
    else:
        _migrate(connection)


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Autogenerate compares the models' tables: the derived full-text index (models.orm.is_search_index) is no
    model and must not be dropped."""
    return not (type_ == "table" and name is not None and is_search_index(name))


def _migrate(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      include_name=include_name)
    with context.begin_transaction():
        context.run_migrations()


run()
