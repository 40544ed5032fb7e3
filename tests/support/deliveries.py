"""Reading delivery state back from the database in tests."""

from __future__ import annotations

from sqlalchemy import select

from desk.core.kinds import Channel
from desk.server import orm
from desk.server.db import Database
from desk.server.delivery.quota import month_key


def deliveries_of(database: Database, message_id: str) -> list[orm.Delivery]:
    """A message's deliveries, oldest first."""
    with database.reading() as session:
        rows = list(
            session.scalars(
                select(orm.Delivery)
                .where(orm.Delivery.message_id == message_id)
                .order_by(orm.Delivery.updated_at, orm.Delivery.id)
            )
        )
        session.expunge_all()
    return rows


def message(database: Database, message_id: str) -> orm.Message:
    """One message as stored."""
    with database.reading() as session:
        row = session.get_one(orm.Message, message_id)
        session.expunge_all()
    return row


def background_errors(database: Database, centre_id: str) -> list[orm.BackgroundTaskError]:
    """The centre's Background Task errors, oldest first."""
    with database.reading() as session:
        rows = list(
            session.scalars(
                select(orm.BackgroundTaskError)
                .where(orm.BackgroundTaskError.centre_id == centre_id)
                .order_by(orm.BackgroundTaskError.at)
            )
        )
        session.expunge_all()
    return rows


def job_of(database: Database, delivery_id: str) -> orm.Job:
    """The job that sends delivery `delivery_id`."""
    with database.reading() as session:
        job = session.scalars(
            select(orm.Job).where(orm.Job.idempotency_key == f"deliver:{delivery_id}")
        ).one()
        session.expunge(job)
    return job


def texts_counted(database: Database, centre_id: str) -> tuple[dict[str, int], dict[str, int]]:
    """The centre's `sms_usage` by month, beside what summing its texts gives.

    The quota reads the first; the two must always be equal, whatever planned,
    recounted or withdrew the texts.
    """
    with database.reading() as session:
        summed: dict[str, int] = {}
        for written_at, segments in session.execute(
            select(orm.Message.created_at, orm.Delivery.segments)
            .join(orm.Message, orm.Message.id == orm.Delivery.message_id)
            .where(
                orm.Delivery.centre_id == centre_id,
                orm.Delivery.channel == Channel.SMS,
                ~orm.Delivery.deleted,
            )
        ):
            summed[month_key(written_at)] = summed.get(month_key(written_at), 0) + segments
        counted = {
            usage.month: usage.segments
            for usage in session.scalars(
                select(orm.SmsUsage).where(orm.SmsUsage.centre_id == centre_id)
            )
            if usage.segments
        }
    return counted, summed
