"""Bulk writes into an SQLite server database through the stdlib `sqlite3` module.

DESIGN.md §6 measured the stdlib cursor's `executemany` in one transaction at 3.4
times SQLAlchemy Core's rate, so the seeder uses it directly. Into a table that is
empty when the load starts, secondary indexes are dropped first and rebuilt after
the load: one sort per index instead of a B-tree search per row (each row is its
own execution, so no cursor remembers where the last one went). A table that
already holds rows (another centre's) keeps its indexes, since rebuilding would
re-sort rows that are not ours.

Messages, most of a big load, are not handed over row by row at all: SQLite
computes them from the thread plans in one statement (`sqlite_messages`), which
appends to the indexes whose order the rows arrive in and leaves the others to
be rebuilt after the load, as above.

The database stays in WAL mode, as the server runs it, so a concurrent reader
keeps its snapshot and a crash mid-load loses only the load; only fsyncs are
skipped (`synchronous=OFF`), which risks the load, not the file, on power loss.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable

from desk.tools.seeding.clock import Clock
from desk.tools.seeding.messages import MessageStream
from desk.tools.seeding.sinks.sqlite_messages import APPENDED_INDEXES, insert_messages
from desk.tools.seeding.stamping import Batch, Versions
from desk.tools.seeding.tables import MESSAGE, Table

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=OFF",
    "PRAGMA temp_store=MEMORY",  # `sqlite_messages`' plan tables
    # 256 MiB of page cache, used only as the load needs it. With the default 2 MiB,
    # inserting into an index whose keys do not arrive in order (as the message
    # index by centre and time did, before `sms_usage`) evicted a dirty page into
    # the WAL and read another back for nearly every row: 500,000 messages took
    # 6.7 s of CPU (and, on a busy disk, up to 26 s); with this cache 3.7-3.8 s.
    "PRAGMA cache_size=-262144",
)
"""How the sink sets up its connection (the seeding benchmark's floor uses the same)."""

_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class SqliteSink:
    """Writes into one SQLite file in a single `BEGIN IMMEDIATE` transaction.

    Args:
        path: the database file; its schema must already exist.
        rebuild_indexes: drop and rebuild the secondary indexes of empty tables.
    """

    def __init__(self, path: str, *, rebuild_indexes: bool = True) -> None:
        self.clock = Clock("")
        self._rebuild = rebuild_indexes
        self._dropped: list[tuple[str, str]] = []  # (table, CREATE INDEX statement)
        self._conn = sqlite3.connect(path, isolation_level=None, timeout=30)
        for pragma in PRAGMAS:
            self._conn.execute(pragma)
        self._conn.execute("BEGIN IMMEDIATE")

    def centre_ids(self) -> set[str]:
        """The ids of the centres already in the database."""
        return {row[0] for row in self._conn.execute("SELECT id FROM centre")}

    def write(self, table: Table, centre_id: str, batches: Iterable[Batch]) -> int:
        """Insert each batch with one `executemany`; returns how many rows.

        The batch's stamp goes into the statement as literals: binding the same
        36-character centre id a million times costs more than re-preparing the
        statement once per thousand rows.
        """
        if not _ID.fullmatch(centre_id):
            raise ValueError(f"not a centre id: {centre_id!r}")
        if self._rebuild and self._is_empty(table):
            self._drop_indexes(table.name)
        columns = ", ".join(table.all_columns)
        marks = ", ".join("?" * len(table.columns))
        count = 0
        for version, rows in batches:
            count += self._conn.executemany(
                f"INSERT INTO {table.name} ({columns})"
                f" VALUES ('{centre_id}', {version:d}, 0, {marks})",
                rows,
            ).rowcount
        return count

    def write_messages(self, centre_id: str, messages: MessageStream, versions: Versions) -> int:
        """Compute the messages in SQL from their plans.

        The indexes the computed rows arrive in order for are appended to; into an
        empty table the others are dropped and rebuilt at commit, since each of
        their entries would otherwise be a search from the root into a tree too
        big for the cache (`sqlite_messages.APPENDED_INDEXES`).
        """
        if self._rebuild and self._is_empty(MESSAGE):
            self._drop_indexes(MESSAGE.name, keep=APPENDED_INDEXES)
        return insert_messages(self._conn, centre_id, messages, versions)

    def _is_empty(self, table: Table) -> bool:
        return self._conn.execute(f"SELECT 1 FROM {table.name} LIMIT 1").fetchone() is None

    def _drop_indexes(self, table: str, *, keep: frozenset[str] = frozenset()) -> None:
        indexes = self._conn.execute(
            "SELECT name, sql FROM sqlite_master"
            " WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            (table,),
        ).fetchall()
        for name, sql in indexes:
            if name in keep:
                continue
            self._conn.execute(f'DROP INDEX "{name}"')
            self._dropped.append((table, sql))

    def set_version(self, scope: str, version: int) -> None:
        """Create or raise the scope's row in `sync_state`."""
        self._conn.execute(
            "INSERT INTO sync_state (scope, version) VALUES (?, ?)"
            " ON CONFLICT (scope) DO UPDATE SET version = max(version, excluded.version)",
            (scope, version),
        )

    def set_texts(self, centre_id: str, month: str, segments: int) -> None:
        """Write the centre's `sms_usage` row of `month`."""
        self._conn.execute(
            "INSERT INTO sms_usage (centre_id, month, segments) VALUES (?, ?, ?)",
            (centre_id, month, segments),
        )

    def commit(self) -> dict[str, float]:
        """Rebuild dropped indexes, commit, and fold the WAL back into the file."""
        seconds: dict[str, float] = {}
        for table, sql in self._dropped:
            started = time.perf_counter()
            self._conn.execute(sql)
            seconds[table] = seconds.get(table, 0.0) + time.perf_counter() - started
        self._dropped.clear()
        self._conn.execute("COMMIT")
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return seconds

    def close(self) -> None:
        """Roll back an uncommitted load and close the connection."""
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")
        self._conn.close()
