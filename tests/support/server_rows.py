"""Reading the server's database back in tests."""

from __future__ import annotations

from sqlalchemy import func, select

from desk.server.db import Database


def count(database: Database, model: type[object], **where: object) -> int:
    """How many rows of `model` match `where` (column name = value)."""
    with database.reading() as session:
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return session.scalar(query) or 0
