"""The database computes the feed's wire text of times and dates exactly as Python does."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import orjson
import pytest
from sqlalchemy import Boolean, cast, literal, null, select, update

from desk.core.ids import new_id
from desk.core.kinds import AuditAction
from desk.core.wire import format_date, format_utc
from desk.server import orm
from desk.server.db import Database
from desk.server.wire_sql import json_row, wire_value
from tests.support.factories import CentreIds

MOMENTS = [
    datetime(2026, 11, 23, 9, 4, tzinfo=UTC),  # no fraction: still six digits
    datetime(2026, 1, 2, 3, 4, 5, 600_007, tzinfo=UTC),
    datetime(1999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
    # An aware time in another zone is stored, and sent, as UTC.
    datetime(2026, 3, 29, 1, 30, 0, 5, tzinfo=timezone(timedelta(hours=-7))),
]


@pytest.mark.parametrize("moment", MOMENTS, ids=str)
def test_times_match_format_utc(database: Database, centre: CentreIds, moment: datetime) -> None:
    event_id = new_id()
    with database.writing() as session:
        session.add(
            orm.AuditEvent(
                id=event_id,
                centre_id=centre.centre,
                at=moment,
                action=AuditAction.SEND,
                actor_kind="system",
            )
        )
    with database.reading() as session:
        sent = session.execute(
            select(wire_value(orm.AuditEvent.__table__.c.at)).where(orm.AuditEvent.id == event_id)
        ).scalar_one()
    assert sent == format_utc(moment)


@pytest.mark.parametrize("day", [date(2021, 2, 28), date(2024, 2, 29), date(1, 1, 1)], ids=str)
def test_dates_match_format_date(database: Database, centre: CentreIds, day: date) -> None:
    student = next(iter(centre.students.values()))
    with database.writing() as session:
        session.execute(update(orm.Student).where(orm.Student.id == student).values(birth_date=day))
    with database.reading() as session:
        sent = session.execute(
            select(wire_value(orm.Student.__table__.c.birth_date)).where(orm.Student.id == student)
        ).scalar_one()
    assert sent == format_date(day)


def test_null_times_stay_null(database: Database, centre: CentreIds) -> None:
    student = next(iter(centre.students.values()))
    with database.writing() as session:
        session.execute(
            update(orm.Student).where(orm.Student.id == student).values(birth_date=None)
        )
    with database.reading() as session:
        sent = session.execute(
            select(wire_value(orm.Student.__table__.c.birth_date)).where(orm.Student.id == student)
        ).scalar_one()
    assert sent is None


def test_other_columns_pass_through() -> None:
    body = orm.Message.__table__.c.body
    assert wire_value(body) is body


def test_booleans_are_json_booleans_and_null_stays_null(
    database: Database, centre: CentreIds
) -> None:
    """Guards the feed's boolean rendering: a NOT NULL column takes the short form."""
    student = next(iter(centre.students.values()))
    row = json_row(
        orm.Student.__table__.c.deleted,  # NOT NULL
        literal(True, Boolean),
        cast(null(), Boolean),
    )
    with database.reading() as session:
        sent = session.execute(select(row).where(orm.Student.id == student)).scalar_one()
    assert orjson.loads(sent) == [False, True, None]
