"""The cache read before SQLAlchemy loads: the first inbox page and the counters.

Starting the office app used to wait for `desk.models.cache` (SQLAlchemy and the
ORM declarations, ~0.5 s of imports; DESIGN.md §6) before a single row showed.
This module opens the cache file read-only with the stdlib `sqlite3` module and
runs the inbox's own statements (`desk.models.inbox_sql`), so the window paints
real rows at once; the full `Cache` loads right after and takes over.

It imports neither SQLAlchemy nor the ORM classes: `python -X importtime -c
"import desk.models.snapshot"` lists only the standard library and `desk.core`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desk.core.status import Counters
from desk.models.inbox_sql import (
    COUNTERS_OF_KIND,
    COUNTERS_SQL,
    PRINCIPAL_CAPABILITIES_SQL,
    ROW_SQL,
    InboxFilter,
    InboxRow,
    read_page,
)


class Snapshot:
    """A read-only view of the cache file for the first paint.

    It offers the reads a thread list needs (`page`, `search`) and the counters, so
    the list's model can read from it until the full cache takes over. Close it then.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    @classmethod
    def open(cls, path: Path) -> Snapshot | None:
        """The cache at `path` opened read-only, or None when there is nothing to show.

        None for a missing file, one that is not a cache, or one whose schema the
        statements do not fit (a migration is due): the window then waits for the
        full cache, which migrates it.
        """
        if not path.is_file():
            return None
        try:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error:
            return None
        try:
            for probe in (f"{ROW_SQL} LIMIT 0", COUNTERS_SQL, PRINCIPAL_CAPABILITIES_SQL):
                connection.execute(probe).fetchall()
        except sqlite3.Error:
            connection.close()
            return None
        return cls(connection)

    def capabilities(self) -> str:
        """The signed-in staff member's stored capability list ("" before a first sync)."""
        found = self._connection.execute(PRINCIPAL_CAPABILITIES_SQL).fetchone()
        return "" if found is None or found[0] is None else str(found[0])

    def page(
        self, filter_: InboxFilter, after: InboxRow | None = None, limit: int = 100
    ) -> list[InboxRow]:
        """A page of the inbox, as `desk.models.inbox.inbox_page` reads it."""
        return read_page(self._connection.execute, filter_, after, limit)

    def search(self, filter_: InboxFilter, query: str, limit: int = 100) -> list[InboxRow]:
        """No results: search needs the full cache, which replaces the snapshot at once."""
        return []

    def counters(self, kind: str | None = None) -> Counters:
        """The red and grey badge numbers, as `desk.models.queries.counters` reads them."""
        if kind is None:
            found = self._connection.execute(COUNTERS_SQL)
        else:
            found = self._connection.execute(COUNTERS_SQL + COUNTERS_OF_KIND, {"kind": kind})
        unread, open_ = found.fetchone()
        return Counters(unread_messages=unread, open_conversations=open_)

    def close(self) -> None:
        """Close the read-only connection once the full `Cache` has taken over."""
        self._connection.close()
