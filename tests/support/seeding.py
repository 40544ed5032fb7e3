"""Constants and helpers the seeder tests share."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from desk.server.migrate import upgrade

NOW = datetime(2025, 6, 4, 19, 30, tzinfo=UTC)
"""A Wednesday, 3:30 pm at the demo centre: children are signing out."""


def create_schema(url: str) -> str:
    """Create the server schema at `url` with the server's own migrations.

    Migrations rather than `create_all`: the seeder migrates the database it is
    given, which it can only do on a database whose revision Alembic knows.
    """
    upgrade(url)
    return url


def sqlite_url(directory: Path) -> str:
    """The URL of a new server database file with the schema in place."""
    return create_schema(f"sqlite:///{directory / 'server.db'}")
