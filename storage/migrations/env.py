"""Alembic environment: run migrations on the connection or URL given by referent."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

import storage.models
import storage.search_index
from storage.base import Base
from storage.db import make_engine

# Imported for their side effect: they register the tables on Base.metadata.
_MODELS = (storage.models, storage.search_index)
config = context.config
target_metadata = Base.metadata


def _include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Leave the raw-DDL full-text structures (FTS5 tables, the tsvector column) alone."""
    return not (name and (name.startswith("search_fts") or name == "search_vector"))


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=_include_object,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()
