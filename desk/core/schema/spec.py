"""The vocabulary of the synced-schema declaration: tables, columns, wire types.

Small frozen dataclasses with no behaviour beyond checking themselves, so a
mistake in the declaration (a column declared twice, an index over a column that
does not exist, a private column sent to kiosks) fails at import, not in a client.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

ALWAYS_SENT = ("id", "version", "deleted")
"""Columns of every synced table that the feed sends to everyone, first, in this order.

`id` is a client-generated UUID, `version` the centre's sync version of the write
that last touched the row, `deleted` its tombstone (DESIGN.md §4).
"""

RESERVED = (*ALWAYS_SENT, "centre_id")
"""Columns every synced server table has and no declaration lists: the three above
plus `centre_id`, the sync scope, which never leaves the server."""


class Wire(StrEnum):
    """How a column's values travel in the feed, and so how the cache stores them.

    The cache keeps wire text (DESIGN.md §5, `desk.core.wire`): ids as UUID text,
    times as fixed-width UTC text that sorts in time order, dates as ISO text. Only
    integers and booleans stay typed on both sides.
    """

    ID = "id"  # a UUID as text, a reference to another row or a person
    TEXT = "text"  # any other string, enum values included
    INT = "int"
    BOOL = "bool"
    TIME = "time"  # a UTC time: `2026-11-23T09:04:00.000000Z` on the wire
    DATE = "date"  # a calendar date: `2026-11-23`


class Visibility(StrEnum):
    """Which staff receive a table's rows (kiosks receive tables with kiosk columns).

    Staff with full messaging access receive every table that is not `ADMIN`.
    """

    EVERYONE = "everyone"  # every signed-in staff member
    ADMIN = "admin"  # admins only (the audit log, background-task errors, kiosks)
    THREAD = "thread"  # the threads the staff member may read (seeds 000, 001)
    THREAD_CHILD = "thread_child"  # rows of those threads (`thread_id`)
    MESSAGE_CHILD = "message_child"  # rows of their messages (`message_id`)


@dataclass(frozen=True)
class Column:
    """One column of a synced table, after the `RESERVED` ones.

    Attributes:
        name: the column name, the same on the server, on the wire and in the cache.
        wire: how its values travel (and are stored in the cache).
        nullable: whether it may be NULL; the cache follows the server.
        private: never leaves the server (password hashes, push tokens, the PIN
            secret); the seeder still writes it, the cache has no such column.
        kiosk: enrolled kiosks receive it (the kiosk column whitelist).
        kiosk_only: kiosks receive it and office clients never do (PIN lookup
            keys); the cache column is nullable, since an office cache holds NULL.
        search: the cache's full-text search index reads it (`desk.models.search`).
        index: the cache indexes it on its own (`ix_<table>_<name>`).
    """

    name: str
    wire: Wire
    nullable: bool = False
    private: bool = False
    kiosk: bool = False
    kiosk_only: bool = False
    search: bool = False
    index: bool = False

    def __post_init__(self) -> None:
        if self.name in RESERVED:
            raise ValueError(f"{self.name} is part of every synced table; do not declare it")
        if self.private and (self.kiosk or self.kiosk_only or self.search or self.index):
            raise ValueError(f"{self.name} is private: nothing outside the server reads it")
        if self.kiosk_only and not self.kiosk:
            raise ValueError(f"{self.name} is kiosk_only, so it must also be kiosk=True")

    @property
    def cached(self) -> bool:
        """Whether the client cache has this column (every column that leaves the server)."""
        return not self.private

    @property
    def to_office(self) -> bool:
        """Whether office clients receive this column."""
        return not (self.private or self.kiosk_only)

    @property
    def cache_nullable(self) -> bool:
        """Whether the cache column is nullable: as on the server, or kiosk-only."""
        return self.nullable or self.kiosk_only


@dataclass(frozen=True)
class Index:
    """A composite (or expression) index of the client cache.

    Attributes:
        name: the index name; it is not derived, so renaming a column cannot rename
            an index behind Alembic's back.
        columns: the indexed columns, in order (`id` and `version` allowed).
        nocase: those of `columns` compared case-insensitively (`COLLATE NOCASE`).
    """

    name: str
    columns: tuple[str, ...]
    nocase: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not set(self.nocase) <= set(self.columns):
            raise ValueError(f"{self.name}: NOCASE columns must be indexed columns")


@dataclass(frozen=True)
class SyncedTable:
    """One table the change feed carries.

    Attributes:
        name: the table name on the server and in the cache.
        visibility: which staff receive its rows.
        columns: its columns after the `RESERVED` ones, in the order the server
            ORM declares them (the seeder's positional tuples follow this order).
        indexes: the cache's composite indexes; single-column ones are
            `Column.index`. The server's indexes are its own (`desk.server.orm`).
    """

    name: str
    visibility: Visibility
    columns: tuple[Column, ...]
    indexes: tuple[Index, ...] = ()

    def __post_init__(self) -> None:
        names = [column.name for column in self.columns]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: a column is declared twice")
        known = {"id", "version", *names}
        for index in self.indexes:
            if not set(index.columns) <= known:
                raise ValueError(f"{self.name}: index {index.name} names an unknown column")
        needed = {
            Visibility.THREAD_CHILD: "thread_id",
            Visibility.MESSAGE_CHILD: "message_id",
        }.get(self.visibility)
        if needed is not None and needed not in names:
            raise ValueError(f"{self.name}: a {self.visibility} table needs {needed}")

    def column(self, name: str) -> Column:
        """The declared column `name`.

        Raises:
            KeyError: no such declared column (the `RESERVED` ones are not declared).
        """
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} declares no column {name}")

    @property
    def column_names(self) -> tuple[str, ...]:
        """Every declared column, private ones included: what the server stores."""
        return tuple(column.name for column in self.columns)

    @property
    def cached_columns(self) -> tuple[Column, ...]:
        """The declared columns the client cache has (all but the private ones)."""
        return tuple(column for column in self.columns if column.cached)

    @property
    def office_columns(self) -> tuple[str, ...]:
        """What office clients receive after `ALWAYS_SENT`."""
        return tuple(column.name for column in self.columns if column.to_office)

    @property
    def kiosk_columns(self) -> tuple[str, ...]:
        """What kiosks receive after `ALWAYS_SENT`; empty: kiosks get no rows at all."""
        return tuple(column.name for column in self.columns if column.kiosk)

    @property
    def search_columns(self) -> tuple[str, ...]:
        """The columns the cache's search index reads."""
        return tuple(column.name for column in self.columns if column.search)
