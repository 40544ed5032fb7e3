"""Stamping a transaction's synced rows with the centre's next version (DESIGN.md §4).

A command's handler flushes as it goes, so by the stamp some of its rows are already
in the database and some still wait in the session; both must carry the new version,
in the database and in the session (which outlives the commit).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from sqlalchemy import select, text

from desk.core.ids import new_id
from desk.server import orm
from desk.server.db import Database
from desk.server.versioning import current_version, stamp, stamp_changes
from tests.support.factories import CentreIds
from tests.support.polling import wait_until


def versions_in_database(database: Database, model: type[orm.Synced], ids: list[str]) -> set[int]:
    with database.reading() as session:
        return set(session.scalars(select(model.version).where(model.id.in_(ids))))


def test_rows_flushed_earlier_and_rows_still_pending_get_the_same_new_version(
    database: Database, centre: CentreIds
) -> None:
    with database.reading() as session:
        before = current_version(session, centre.centre)
    flushed_early = [new_id() for _ in range(3)]
    with database.writing() as session:
        for room_id in flushed_early:
            session.add(orm.Room(id=room_id, centre_id=centre.centre, name=f"Room {room_id[:4]}"))
        session.flush()  # as a handler does mid-way
        family = session.get_one(orm.Family, centre.family)
        family.name = "Okafor-Reyes"  # loaded, changed, not flushed
        pending = orm.Room(id=new_id(), centre_id=centre.centre, name="Annex")
        session.add(pending)
        version = stamp(session, centre.centre)
        rooms = [session.get_one(orm.Room, room_id) for room_id in flushed_early]
    assert version == before + 1
    assert {room.version for room in rooms} == {version}  # the session agrees
    assert family.version == pending.version == version
    assert versions_in_database(database, orm.Room, [*flushed_early, pending.id]) == {version}
    assert versions_in_database(database, orm.Family, [centre.family]) == {version}


def test_more_rows_than_one_statement_stamps_are_all_stamped(
    database: Database, centre: CentreIds
) -> None:
    ids = [new_id() for _ in range(1_201)]  # three statements of at most 500 ids
    with database.writing() as session:
        for room_id in ids:
            session.add(orm.Room(id=room_id, centre_id=centre.centre, name=room_id))
        session.flush()
        version = stamp_changes(session, centre.centre)
    assert version is not None
    assert versions_in_database(database, orm.Room, ids) == {version}


def test_a_transaction_that_changed_nothing_synced_takes_no_version(
    database: Database, centre: CentreIds
) -> None:
    with database.writing() as session:
        before = current_version(session, centre.centre)
        session.get_one(orm.Family, centre.family)  # read, not changed
        assert stamp_changes(session, centre.centre) is None
        assert stamp(session, centre.centre) == before
    with database.reading() as session:
        assert current_version(session, centre.centre) == before


def _waiting_for_a_lock(database: Database) -> bool:
    """Whether a session of this database waits for another's lock (PostgreSQL)."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    with database.reading() as session:
        return bool(session.scalar(query))


def test_two_writers_of_one_row_take_the_row_before_the_counter_and_both_commit(
    database: Database, centre: CentreIds, database_backend: str
) -> None:
    """Regression: a pending rename stamped beside a flushed update deadlocked.

    The first writer has flushed its change of a thread (it holds the row) and has
    yet to stamp; the second changes the same thread and stamps while the change is
    still pending. The second used to bump the counter and then wait for the row,
    and the first, stamping, waited for the counter: PostgreSQL aborted one of them
    ("deadlock detected", seen in the crash-recovery test beside a command). Now the
    second locks the row first, waits for it without holding the counter, and both
    commit in turn.
    """
    if database_backend == "sqlite":
        pytest.skip("SQLite lets one writer in at a time: no two row locks to order")
    thread_id = centre.threads["office"]
    first_flushed, second_waits = threading.Event(), threading.Event()
    versions: dict[str, int] = {}
    errors: list[BaseException] = []

    def first() -> None:
        with database.writing() as session:
            session.get_one(orm.Thread, thread_id).title = "first"
            session.flush()
            first_flushed.set()
            second_waits.wait(timeout=30)
            versions["first"] = stamp(session, centre.centre)

    def second() -> None:
        first_flushed.wait(timeout=30)
        with database.writing() as session:
            session.get_one(orm.Thread, thread_id).title = "second"  # pending
            versions["second"] = stamp(session, centre.centre)

    def recording(work: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                work()
            except BaseException as error:  # handed to the test, never lost in the thread
                errors.append(error)
            finally:
                first_flushed.set()

        return run

    writers = [threading.Thread(target=recording(work)) for work in (first, second)]
    for writer in writers:
        writer.start()
    try:
        wait_until(lambda: _waiting_for_a_lock(database) or bool(errors), "the second waits")
    finally:
        second_waits.set()
        for writer in writers:
            writer.join(timeout=30)
    assert not errors, errors
    assert versions["second"] == versions["first"] + 1
    with database.reading() as session:
        thread = session.get_one(orm.Thread, thread_id)
        assert (thread.title, thread.version) == ("second", versions["second"])
