"""Bulk writers into the server database, chosen by its SQLAlchemy URL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import make_url

from desk.tools.seeding.sinks.base import Sink


@contextmanager
def open_sink(database_url: str, *, rebuild_indexes: bool = True) -> Iterator[Sink]:
    """A sink on the database at `database_url`, closed on leaving the block.

    Leaving the block rolls back whatever was not committed.

    Args:
        database_url: `sqlite:///path` or `postgresql+psycopg://...`, as the server
            takes it.
        rebuild_indexes: drop the secondary indexes of empty tables during the load
            and rebuild them at commit.

    Raises:
        ValueError: for another backend or an in-memory SQLite database.
    """
    url = make_url(database_url)
    sink: Sink
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise ValueError("seed a database file: an in-memory database vanishes on close")
        from desk.tools.seeding.sinks.sqlite import SqliteSink

        sink = SqliteSink(url.database, rebuild_indexes=rebuild_indexes)
    elif url.get_backend_name() == "postgresql":
        from desk.tools.seeding.sinks.postgres import PostgresSink

        conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        sink = PostgresSink(conninfo, rebuild_indexes=rebuild_indexes)
    else:
        raise ValueError(f"cannot seed a {url.get_backend_name()} database")
    try:
        yield sink
    finally:
        sink.close()
