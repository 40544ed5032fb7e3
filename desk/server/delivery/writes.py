"""A write transaction of one centre, stamped for the change feed and announced."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from desk.server.db import Database
from desk.server.notify import Announcer
from desk.server.versioning import stamp


@contextmanager
def centre_write(
    database: Database, announcer: Announcer | None, centre_id: str
) -> Iterator[Session]:
    """A transaction whose synced rows get the centre's next version (DESIGN.md §4),
    waking long-polling clients once it commits."""
    with database.writing() as session:
        yield session
        version = stamp(session, centre_id)
        if announcer is not None:
            announcer.before_commit(session, centre_id, version)
    if announcer is not None:
        announcer.after_commit(centre_id, version)
