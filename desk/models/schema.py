"""What the cache mirrors, derived from the models so nothing is listed twice.

Also the secondary indexes an initial sync defers. DESIGN.md §6: load first, build
secondary indexes after. Every page commits on its own, and random UUID keys make
each 1,000-row page dirty index leaves all over the file, so pages applied with
`initial=True` drop the indexes of the tables they fill (40% off an initial sync
of 100k messages) and `rebuild_search` builds them once at the end.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from functools import cache

from sqlalchemy import Boolean, Integer, Table
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex

from desk.models import kiosk, messaging, people, programs, records  # noqa: F401 - registers tables
from desk.models.base import CacheBase, Synced

MIRRORED: Mapping[str, tuple[str, ...]] = {
    mapper.local_table.name: tuple(column.name for column in mapper.local_table.columns)
    for mapper in CacheBase.registry.mappers
    # Declarative classes map a `Table`; the check tells mypy so (a mapper's
    # `local_table` is typed as any `FromClause`, which has no name).
    if issubclass(mapper.class_, Synced) and isinstance(mapper.local_table, Table)
}
"""Mirrored table name -> its cache columns (the feed's columns less `deleted`)."""


@cache
def _indexes() -> Mapping[str, tuple[tuple[str, str], ...]]:
    """Mirrored table -> (index name, CREATE INDEX IF NOT EXISTS statement) pairs."""
    dialect = sqlite.dialect()
    return {
        name: tuple(
            (str(index.name), str(CreateIndex(index, if_not_exists=True).compile(dialect=dialect)))
            for index in sorted(CacheBase.metadata.tables[name].indexes, key=lambda i: str(i.name))
        )
        for name in MIRRORED
    }


def defer_indexes(cursor: sqlite3.Cursor, table: str) -> None:
    """Drop a mirrored table's secondary indexes until `restore_indexes` (bulk load)."""
    for name, _create in _indexes()[table]:
        cursor.execute(f"DROP INDEX IF EXISTS {name}")


def restore_indexes(cursor: sqlite3.Cursor) -> None:
    """Recreate every deferred index; a no-op for indexes that exist."""
    for indexes in _indexes().values():
        for _name, create in indexes:
            cursor.execute(create)


@cache
def required_blanks(name: str) -> Mapping[str, str]:
    """SQL literal of a blank value ('', 0) for each required column of a mirrored table.

    That is what a new row gets for a required column its page did not carry.

    The kiosk feed withholds office columns (phones, e-mails...) that the cache,
    mirroring the server, keeps NOT NULL; the kiosk never reads them, so a blank
    lets its rows be inserted without inventing office data.
    """
    blanks: dict[str, str] = {}
    for column in CacheBase.metadata.tables[name].columns:
        if column.nullable or column.primary_key or column.name == "version":
            continue
        blanks[column.name] = "0" if isinstance(column.type, Boolean | Integer) else "''"
    return blanks
