"""Alembic environment of the client cache.

`open_cache` runs migrations programmatically on its own connection (passed in
`config.attributes["connection"]`), so there is no `alembic.ini` and no URL here.
Run by hand, e.g. for `alembic revision --autogenerate`, pass a connection the
same way from a short script.
"""

from __future__ import annotations

from alembic import context

from desk.models import CacheBase
from desk.models.migrations import include_object


def run_migrations() -> None:
    """Migrate over the connection `open_cache` handed in."""
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=CacheBase.metadata,
        render_as_batch=True,  # SQLite alters most columns by copying the table
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
