"""A write transaction of one centre, stamped for the change feed and announced."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from desk.server.db import Database
from desk.server.notify import Announcer
from desk.server.orm import Synced
from desk.server.versioning import forget_written, next_version, written_rows


@contextmanager
def centre_write(
    database: Database, announcer: Announcer | None, centre_id: str
) -> Iterator[Session]:
    """A transaction whose synced rows get the centre's next version (DESIGN.md §4).

    It wakes long-polling clients once it commits synced rows.

    Unlike `versioning.stamp`, which flushes the changes and then updates every row
    again with its version, the body runs without autoflush and the version is set
    on the changed rows before their one flush: workers write hundreds of deliveries
    a second, and a second UPDATE of each doubled their cost. The version is still
    taken under the `sync_state` row lock, held to commit, so the cursor rule holds.
    Queries in the body see the session's own unflushed changes only through ORM
    identity (rows already loaded), not through SQL.
    """
    with database.writing() as session:
        with session.no_autoflush:
            yield session
        version = _stamp_once(session, centre_id)
        if announcer is not None and version is not None:
            announcer.before_commit(session, centre_id, version)
    if announcer is not None and version is not None:
        announcer.after_commit(centre_id, version)


def _stamp_once(session: Session, centre_id: str) -> int | None:
    """Stamp the changed synced rows with the next version; None when there were none.

    A transaction that changed nothing a client syncs has no version to announce:
    re-announcing the current one woke nobody, yet cost a NOTIFY that every server
    process receives on PostgreSQL, or a hop onto the event loop on SQLite.
    """
    changed = [
        row
        for row in (*session.new, *session.dirty)
        if isinstance(row, Synced) and (row in session.new or session.is_modified(row))
    ]
    rows = {*changed, *written_rows(session)}
    if not rows:
        return None
    version = next_version(session, centre_id)
    for row in rows:
        row.version = version
    session.flush()
    forget_written(session)
    return version
