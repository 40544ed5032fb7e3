"""How the ORM writes a fan-out's deliveries: one row's statement run for every row.

A delivery column with a server default (for the rows its migration found) made
SQLAlchemy 2 insert them its "insertmanyvalues" way, able to read the defaults back:
a thousand rows' VALUES in one statement, half a megabyte of SQL for psycopg to parse
each time, 8 % of a 5,000-guardian fan-out (`bench/bench_fanout.py --backend
postgres`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select

from desk.core.ids import new_id
from desk.core.kinds import Channel, Direction
from desk.server import orm
from desk.server.db import Database
from desk.server.orm.base import utcnow
from desk.server.versioning import stamp
from tests.support.factories import CentreIds


def test_deliveries_are_inserted_without_reading_their_defaults_back(
    database: Database, centre: CentreIds
) -> None:
    inserts: list[str] = []

    def keep_delivery_inserts(*call: Any) -> None:
        statement = str(call[2])
        if statement.startswith("INSERT INTO delivery"):
            inserts.append(statement)

    message_id = new_id()
    guardians = sorted(centre.guardians.values())
    event.listen(database.write_engine, "before_cursor_execute", keep_delivery_inserts)
    try:
        with database.writing() as session:
            session.add(
                orm.Message(
                    id=message_id,
                    centre_id=centre.centre,
                    thread_id=centre.threads["sms"],
                    direction=Direction.OUTBOUND,
                    body="Closed today",
                    created_at=utcnow(),
                )
            )
            session.flush()
            session.add_all(
                orm.Delivery(
                    id=new_id(),
                    centre_id=centre.centre,
                    message_id=message_id,
                    recipient_kind="guardian",
                    recipient_id=guardian,
                    channel=Channel.SMS,
                    address="+12025550100",
                    updated_at=utcnow(),
                )
                for guardian in guardians
            )
            session.flush()
            stamp(session, centre.centre)
    finally:
        event.remove(database.write_engine, "before_cursor_execute", keep_delivery_inserts)
    assert len(guardians) >= 3
    assert inserts, "no delivery was inserted"
    # One row's VALUES, run for every row (executemany), not every row's in one.
    assert not [s for s in inserts if "), (" in s]
    with database.reading() as session:
        written = session.execute(
            select(
                orm.Delivery.recipient_id,
                orm.Delivery.segments,
                orm.Delivery.language,
                orm.Delivery.fallback_from,
            ).where(orm.Delivery.message_id == message_id)
        ).all()
    assert sorted(row[0] or "" for row in written) == guardians
    assert {tuple(row[1:]) for row in written} == {(1, "", "")}
