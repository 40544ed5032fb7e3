"""A write transaction of one centre, stamped for the change feed and announced."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from desk.server.db import Database
from desk.server.notify import Announcer
from desk.server.versioning import stamp_changes


@contextmanager
def centre_write(
    database: Database, announcer: Announcer | None, centre_id: str
) -> Iterator[Session]:
    """A transaction whose synced rows get the centre's next version (DESIGN.md §4).

    It wakes long-polling clients once it commits synced rows.

    The body runs without autoflush, so the changed rows wait for the one flush
    that stamps them with their version (`stamp_changes`): workers write hundreds of
    deliveries a second, and a second UPDATE of each doubled their cost. The version
    is still taken under the `sync_state` row lock, held to commit, so the cursor rule
    holds. Queries in the body see the session's own unflushed changes only through
    ORM identity (rows already loaded), not through SQL.
    """
    with database.writing() as session:
        with session.no_autoflush:
            yield session
        version = stamp_changes(session, centre_id)
        if announcer is not None and version is not None:
            announcer.before_commit(session, centre_id, version)
    if announcer is not None and version is not None:
        announcer.after_commit(centre_id, version)
