"""Declarative base of the client cache and the columns every mirrored table has.

The cache keeps values in their wire form (DESIGN.md §5, `desk.core.wire`): ids are
UUID text, times are fixed-width UTC text and dates ISO text. Storing the wire text
means applying a page needs no per-value conversion in Python, and because fixed-width
UTC text sorts in time order, indexes on time columns work on plain strings.
"""

from __future__ import annotations

from typing import Annotated

from sqlalchemy import MetaData, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "pk": "pk_%(table_name)s",
}

UtcText = Annotated[str, mapped_column(Text)]
"""A time as fixed-width UTC text, `2026-11-23T09:04:00.000000Z`; text order is time order."""

IsoDate = Annotated[str, mapped_column(Text)]
"""A calendar date as ISO text, `2026-11-23`."""


class CacheBase(DeclarativeBase):
    """Base of every table in the client cache (mirrored and local-only alike)."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {str: Text()}  # noqa: RUF012 - SQLAlchemy reads it as a class attribute


class Synced:
    """Columns of a table mirrored from the server's change feed.

    Tombstoned rows are deleted from the cache rather than kept with a `deleted`
    flag, so no query has to remember to filter them out; the local `tombstone` table
    remembers their versions so an older copy arriving late cannot resurrect them.
    `version` is the server's sync version of the write that produced this copy;
    applying a page only replaces a row with a newer one.
    """

    id: Mapped[str] = mapped_column(Text, primary_key=True, sort_order=-2)
    version: Mapped[int] = mapped_column(sort_order=-1)
