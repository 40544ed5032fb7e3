"""Stamping a transaction's synced rows with the centre's next version (DESIGN.md §4).

A command's handler flushes as it goes, so by the stamp some of its rows are already
in the database and some still wait in the session; both must carry the new version,
in the database and in the session (which outlives the commit).
"""

from __future__ import annotations

from sqlalchemy import select

from desk.core.ids import new_id
from desk.server import orm
from desk.server.db import Database
from desk.server.versioning import current_version, stamp, stamp_changes
from tests.support.factories import CentreIds


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
