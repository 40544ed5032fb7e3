"""Alembic environment of the server database (PostgreSQL or SQLite)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from desk.server.orm import Base
from desk.server.orm.base import UtcDateTime

config = context.config
url = config.get_main_option("sqlalchemy.url")


def run() -> None:
    """Run migrations online, batching ALTERs on SQLite which cannot alter in place."""
    connectable = config.attributes.get("connection") or create_engine(url, poolclass=pool.NullPool)
    if hasattr(connectable, "connect") and not hasattr(connectable, "dialect_options"):
        with connectable.connect() as connection:
            _migrate(connection)
    else:
        _migrate(connectable)


def _render_item(kind: str, item: object, _context: object) -> str | bool:
    """Write our UTC type as the plain column type, so revisions import no app code."""
    if kind == "type" and isinstance(item, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _migrate(connection: object) -> None:
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
