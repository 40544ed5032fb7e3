"""Bulk writes into a PostgreSQL server database with `COPY ... FROM STDIN`.

COPY is PostgreSQL's bulk path; psycopg 3 streams rows to it with `write_row`,
formatting them in C. Foreign keys stay checked (the generator writes parents
first), which costs about a third of the rate but needs no superuser. Secondary
indexes of tables that are empty when the load starts are dropped and rebuilt
after it, inside the same transaction: DDL is transactional here, so a failed load
rolls the indexes back too. Indexes that back a constraint are left alone.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import psycopg
from psycopg import sql

from desk.tools.seeding.clock import Clock
from desk.tools.seeding.messages import MessageStream
from desk.tools.seeding.stamping import Batch, Versions, batches
from desk.tools.seeding.tables import MESSAGE, Table

_PLAIN_INDEXES = """
SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid)
FROM pg_index
WHERE indrelid = %s::regclass
  AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexrelid)
"""


class PostgresSink:
    """Writes into one PostgreSQL database in a single transaction.

    Args:
        conninfo: a libpq connection string or URI; the schema must already exist.
        rebuild_indexes: drop and rebuild the secondary indexes of empty tables.
    """

    def __init__(self, conninfo: str, *, rebuild_indexes: bool = True) -> None:
        self.clock = Clock("+00:00")
        self._rebuild = rebuild_indexes
        self._dropped: list[tuple[str, str]] = []  # (table, CREATE INDEX statement)
        self._conn = psycopg.connect(conninfo)
        self._conn.execute("SET LOCAL maintenance_work_mem = '256MB'")

    def centre_ids(self) -> set[str]:
        """The ids of the centres already in the database."""
        return {row[0] for row in self._conn.execute("SELECT id FROM centre")}

    def write(self, table: Table, centre_id: str, batches: Iterable[Batch]) -> int:
        """Stream every batch through one COPY; returns how many rows."""
        name = sql.Identifier(table.name)
        if self._rebuild:
            empty = self._conn.execute(sql.SQL("SELECT NOT EXISTS (SELECT 1 FROM {})").format(name))
            if empty.fetchone() == (True,):
                self._drop_indexes(table.name)
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            name, sql.SQL(", ").join(map(sql.Identifier, table.all_columns))
        )
        count = 0
        with self._conn.cursor() as cursor, cursor.copy(statement) as copy:
            for version, rows in batches:
                head = (centre_id, version, 0)
                for row in rows:
                    copy.write_row(head + row)
                count += len(rows)
        return count

    def write_messages(self, centre_id: str, messages: MessageStream, versions: Versions) -> int:
        """Stream the messages generated here through COPY, like any other table."""
        return self.write(MESSAGE, centre_id, batches(messages, versions))

    def _drop_indexes(self, table: str) -> None:
        for name, definition in self._conn.execute(_PLAIN_INDEXES, (table,)).fetchall():
            self._conn.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
            self._dropped.append((table, definition))

    def set_version(self, scope: str, version: int) -> None:
        """Create or raise the scope's row in `sync_state`."""
        self._conn.execute(
            "INSERT INTO sync_state (scope, version) VALUES (%s, %s)"
            " ON CONFLICT (scope) DO UPDATE"
            " SET version = GREATEST(sync_state.version, EXCLUDED.version)",
            (scope, version),
        )

    def set_texts(self, centre_id: str, month: str, segments: int) -> None:
        """Write the centre's `sms_usage` row of `month`."""
        self._conn.execute(
            "INSERT INTO sms_usage (centre_id, month, segments) VALUES (%s, %s, %s)",
            (centre_id, month, segments),
        )

    def commit(self) -> dict[str, float]:
        """Rebuild dropped indexes, then commit."""
        seconds: dict[str, float] = {}
        for table, definition in self._dropped:
            started = time.perf_counter()
            self._conn.execute(definition)  # from pg_get_indexdef: trusted SQL
            seconds[table] = seconds.get(table, 0.0) + time.perf_counter() - started
        self._dropped.clear()
        self._conn.commit()
        return seconds

    def close(self) -> None:
        """Roll back an uncommitted load and close the connection."""
        self._conn.rollback()
        self._conn.close()
