"""Alembic environment of the server database (PostgreSQL or SQLite)."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection, Engine, create_engine, pool

from desk.server.orm import Base
from desk.server.orm.base import UtcDateTime

config = context.config


def run() -> None:
    """Run migrations online, batching ALTERs on SQLite which cannot alter in place."""
    connectable: Engine | Connection | None = config.attributes.get("connection")
    if connectable is None:
        url = config.get_main_option("sqlalchemy.url")
        if url is None:
            raise RuntimeError("no sqlalchemy.url: build the configuration with alembic_config()")
        connectable = create_engine(url, poolclass=pool.NullPool)
    if isinstance(connectable, Engine):
        with connectable.connect() as connection:
            _migrate(connection)
    else:
        _migrate(connectable)


def _render_item(kind: str, item: Any, _context: AutogenContext) -> str | Literal[False]:
    """Write our UTC type as the plain column type, so revisions import no app code."""
    if kind == "type" and isinstance(item, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
