"""Constants and helpers the seeder tests share."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine

from desk.server.orm import Base

NOW = datetime(2025, 6, 4, 19, 30, tzinfo=UTC)
"""A Wednesday, 3:30 pm at the demo centre: children are signing out."""


def create_schema(url: str) -> str:
    """Create the server schema at `url` as the server's models define it."""
    engine = create_engine(url)
    try:
        Base.metadata.create_all(engine)
    finally:
        engine.dispose()
    return url


def sqlite_url(directory: Path) -> str:
    """The URL of a new server database file with the schema in place."""
    return create_schema(f"sqlite:///{directory / 'server.db'}")
