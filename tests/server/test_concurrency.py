"""The cursor rule under concurrent writers (DESIGN.md §4).

Writers insert rows and then wait a random moment before stamping and committing,
so transactions finish in a different order than they started. A reader paging the
feed all the while must still receive every row exactly once: a serial-id cursor
would skip rows that commit late.
"""

from __future__ import annotations

import random
import threading
import time

import orjson

from desk.core.ids import new_id
from desk.core.kinds import Direction
from desk.server import orm
from desk.server.db import Database
from desk.server.feed import Cursor, read_page
from desk.server.orm.base import utcnow
from desk.server.principal import staff_principal
from desk.server.versioning import stamp
from tests.support.factories import CentreIds

WRITERS = 6
TRANSACTIONS = 25
ROWS_PER_TRANSACTION = 3


def write_messages(database: Database, centre: CentreIds, seed: int, written: list[str]) -> None:
    rng = random.Random(seed)
    for _ in range(TRANSACTIONS):
        with database.writing() as session:
            ids = [new_id() for _ in range(ROWS_PER_TRANSACTION)]
            session.add_all(
                orm.Message(
                    id=i,
                    centre_id=centre.centre,
                    thread_id=centre.threads["sms"],
                    direction=Direction.INBOUND,
                    body="race",
                    created_at=utcnow(),
                )
                for i in ids
            )
            session.flush()
            time.sleep(rng.uniform(0, 0.004))  # widen the window between write and commit
            stamp(session, centre.centre)
        written.extend(ids)


def test_reader_receives_every_concurrent_change_exactly_once(
    database: Database, centre: CentreIds
) -> None:
    with database.reading() as session:
        admin = staff_principal(session, session.get_one(orm.Staff, centre.admin))
    written: list[str] = []
    writers = [
        threading.Thread(target=write_messages, args=(database, centre, seed, written))
        for seed in range(WRITERS)
    ]
    received: list[str] = []
    cursor = Cursor(0)

    def read_once() -> bool:
        nonlocal cursor
        with database.reading() as session:
            page = read_page(session, admin, cursor, limit=7)
        for table in orjson.loads(orjson.dumps(page.as_json(None)))["tables"]:
            if table["name"] == "message":
                received.extend(row[0] for row in table["rows"])
        cursor = Cursor.parse(page.cursor)
        return page.has_more

    for writer in writers:
        writer.start()
    while any(writer.is_alive() for writer in writers):
        read_once()
        # Pace the reader like a polling client: a loop with no pause starves the
        # writer threads of the GIL while they hold SQLite's write lock.
        time.sleep(0.002)
    for writer in writers:
        writer.join()
    while read_once():
        pass

    assert len(written) == WRITERS * TRANSACTIONS * ROWS_PER_TRANSACTION
    assert len(received) == len(set(received)), "a row was delivered twice"
    assert set(received) == set(written), f"{len(set(written) - set(received))} rows skipped"
