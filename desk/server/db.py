"""Engines and sessions for PostgreSQL and SQLite, with the transaction modes sync needs.

Writers on SQLite start with `BEGIN IMMEDIATE` so two writers never both read a
version and then fight to upgrade their lock; readers start a deferred transaction,
which in WAL mode is a consistent snapshot. On PostgreSQL the feed reads under
REPEATABLE READ for the same reason.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

# PostgreSQL's SQLSTATE for "could not extend file: No space left on device".
PG_DISK_FULL = "53100"


def _sqlite_engine(url: str, *, immediate: bool) -> Engine:
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from the sqlite3 module, so BEGIN is ours.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    begin = "BEGIN IMMEDIATE" if immediate else "BEGIN"

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    return engine


@dataclass(frozen=True)
class Database:
    """The server's database: one engine for writes and one for snapshot reads."""

    url: str
    write_engine: Engine
    read_engine: Engine
    # Made once: a `sessionmaker` defines a Session subclass, and SQLAlchemy copies
    # every Session event listener onto each new subclass, which cost more than a
    # small request's queries.
    _writers: sessionmaker[Session] = field(init=False, repr=False, compare=False)
    _readers: sessionmaker[Session] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        writers = sessionmaker(self.write_engine, expire_on_commit=False)
        object.__setattr__(self, "_writers", writers)
        object.__setattr__(self, "_readers", sessionmaker(self.read_engine))

    @property
    def dialect(self) -> str:
        """`postgresql` or `sqlite`."""
        return self.write_engine.dialect.name

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session whose transaction commits on success and rolls back on error."""
        with self._writers() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only snapshot session."""
        with self._readers() as session, session.begin():
            yield session

    def dispose(self) -> None:
        """Close every pooled connection (tests drop the database afterwards)."""
        self.write_engine.dispose()
        self.read_engine.dispose()


def open_database(url: str, *, connections: int = 10, overflow: int = 20) -> Database:
    """Engines for `url`, tuned for the dialect.

    On PostgreSQL the pool keeps up to `connections` and opens up to `overflow` more
    under load (docs/deploy.md counts them against `max_connections`); a process
    that does one thing at a time (a command process) asks for fewer.
    """
    if url.startswith("sqlite"):
        return Database(
            url, _sqlite_engine(url, immediate=True), _sqlite_engine(url, immediate=False)
        )
    engine = create_engine(url, pool_pre_ping=True, pool_size=connections, max_overflow=overflow)
    reader = engine.execution_options(isolation_level="REPEATABLE READ")
    return Database(url, engine, reader)


def is_disk_full(error: BaseException) -> bool:
    """Whether the database refused a write because its disk is full.

    SQLite says SQLITE_FULL (for a real ENOSPC as for `PRAGMA max_page_count`);
    PostgreSQL says SQLSTATE 53100. Either way the transaction was rolled back.
    The whole exception chain is searched: SQLite rolls back the entire transaction
    on SQLITE_FULL, so when the write was inside a savepoint, SQLAlchemy's
    `ROLLBACK TO SAVEPOINT` then fails ("no such savepoint"), and that is the
    error raised, with the full disk as its context.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        cause = current.orig if isinstance(current, DBAPIError) else None
        if isinstance(cause, sqlite3.Error):
            if (getattr(cause, "sqlite_errorcode", 0) & 0xFF) == sqlite3.SQLITE_FULL:
                return True
        elif getattr(cause, "sqlstate", None) == PG_DISK_FULL:
            return True
        current = current.__cause__ or current.__context__
    return False
