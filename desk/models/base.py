"""Declarative base of the client cache, and its mirror tables built from the declaration.

The cache keeps values in their wire form (DESIGN.md §5, `desk.core.wire`): ids are
UUID text, times are fixed-width UTC text and dates ISO text. Storing the wire text
means applying a page needs no per-value conversion in Python, and because fixed-width
UTC text sorts in time order, indexes on time columns work on plain strings.

Mirrored tables are not written out here: `mirror_table` builds each one from
`desk.core.schema`, the one declaration of the synced schema, so Alembic's
autogenerate sees a declared column as soon as it is declared. The mapped classes
keep typed attributes for the code that reads them (`row.kind`), and `Synced`
refuses, at import, a class whose attributes differ from its table's columns.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any

from sqlalchemy import Boolean, Column, Index, Integer, MetaData, Table, Text, collate
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeEngine

from desk.core.schema import BY_NAME, SyncedTable, Wire

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
    """A table mirrored from the server's change feed; its `__table__` is a `mirror_table`.

    Tombstoned rows are deleted from the cache rather than kept with a `deleted`
    flag, so no query has to remember to filter them out; the local `tombstone` table
    remembers their versions so an older copy arriving late cannot resurrect them.
    `version` is the server's sync version of the write that produced this copy;
    applying a page only replaces a row with a newer one.

    A subclass annotates every column of its table and nothing else, each as
    `Mapped[<type>]` in the form `annotation_of` gives; anything else raises
    `TypeError` when the class is defined, so a class cannot drift from the
    declaration it is built from.
    """

    id: Mapped[str]
    version: Mapped[int]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        table = cls.__dict__.get("__table__")
        if not isinstance(table, Table):
            raise TypeError(
                f"{cls.__name__}: a mirrored class takes its __table__ from mirror_table"
            )
        check_annotations(cls.__name__, table.name, inspect.get_annotations(cls))
        super().__init_subclass__(**kwargs)


_CACHE_TYPES: dict[Wire, tuple[type[TypeEngine[Any]], str]] = {
    Wire.ID: (Text, "str"),
    Wire.TEXT: (Text, "str"),
    Wire.INT: (Integer, "int"),
    Wire.BOOL: (Boolean, "bool"),
    Wire.TIME: (Text, "UtcText"),
    Wire.DATE: (Text, "IsoDate"),
}
"""Wire type -> the cache's column type and the Python type its mapped attribute names."""


def mirror_table(name: str) -> Table:
    """The cache table of declared synced table `name`, on `CacheBase.metadata`.

    Raises:
        KeyError: `name` is not a declared synced table.
    """
    return build_table(BY_NAME[name], CacheBase.metadata)


def build_table(declared: SyncedTable, metadata: MetaData) -> Table:
    """The cache table a declaration describes, added to `metadata`.

    `id` and `version` first, then every declared column that leaves the server, in
    declared order; single-column indexes take their names from the naming
    convention, composite ones from the declaration.
    """
    table = Table(
        declared.name,
        metadata,
        Column("id", Text, primary_key=True),
        Column("version", Integer, nullable=False),
        *(
            Column(
                column.name,
                _CACHE_TYPES[column.wire][0](),
                nullable=column.cache_nullable,
                index=column.index or None,
            )
            for column in declared.cached_columns
        ),
    )
    for index in declared.indexes:
        Index(
            index.name,
            *(
                collate(table.c[c], "NOCASE") if c in index.nocase else table.c[c]
                for c in index.columns
            ),
        )
    return table


def annotation_of(name: str, column: str) -> str:
    """The annotation a mapped class gives `column` of mirrored table `name`.

    Raises:
        KeyError: no such table, or the cache has no such column.
    """
    if column == "id":
        return "Mapped[str]"
    if column == "version":
        return "Mapped[int]"
    declared = BY_NAME[name].column(column)
    if not declared.cached:
        raise KeyError(f"{name}.{column} is private to the server")
    python = _CACHE_TYPES[declared.wire][1]
    return f"Mapped[{python} | None]" if declared.cache_nullable else f"Mapped[{python}]"


def check_annotations(cls_name: str, name: str, annotations: dict[str, Any]) -> None:
    """Refuse a mirrored class whose annotations contradict its declared columns.

    A declared column without an annotation is still mapped (the class maps every
    column of its `__table__`); the annotation only gives code that reads it a type.
    So adding a column is one edit to the declaration, and its annotation comes with
    the first code that uses it, checked here against the declared wire type.

    Raises:
        TypeError: naming each unknown or wrongly typed attribute.
    """
    declared = BY_NAME[name]
    expected = {c.name: annotation_of(name, c.name) for c in declared.cached_columns}
    problems: list[str] = []
    for attribute, annotation in annotations.items():
        if attribute not in expected:
            problems.append(f"{attribute} is not a cached column of {name}")
        elif str(annotation) != expected[attribute]:
            problems.append(f"{attribute} must be {expected[attribute]}, not {annotation}")
    if problems:
        raise TypeError(f"{cls_name} does not match desk.core.schema: " + "; ".join(problems))
