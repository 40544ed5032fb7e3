"""The server migrations build exactly the schema the models describe."""

from __future__ import annotations

from collections.abc import Callable

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from desk.server.migrate import upgrade
from desk.server.orm import Base


def test_migrations_match_the_models(database_factory: Callable[[], str]) -> None:
    """Regression guard: a model change (the job table, delivery.note) needs a revision."""
    url = database_factory()
    upgrade(url)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()
