"""The server migrations build exactly the schema the models describe."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.orm import Session

from desk.server import orm
from desk.server.migrate import alembic_config, upgrade
from desk.server.orm import Base


def test_migrations_match_the_models(database_factory: Callable[[], str]) -> None:
    """Regression guard: a model change (the job table, delivery.note) needs a revision."""
    url = database_factory()
    upgrade(url)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_deliveries_with_a_note_are_sent_again(database_factory: Callable[[], str]) -> None:
    """Issue 11: revision 0004 resends deliveries synced before `note` was on the feed.

    Caches that synced such a delivery hold "" for its note; revision 0004 gives those
    deliveries a new version, so the feed resends them, and leaves the others alone.
    """
    url = database_factory()
    command.upgrade(alembic_config(url), "0003")
    at = datetime(2026, 12, 1, tzinfo=UTC)
    engine = create_engine(url)
    try:
        with Session(engine) as session, session.begin():
            session.add(orm.SyncState(scope="c1", version=7))
            # Written as revision 0003 had the tables: the ORM describes head, whose
            # later columns (thread.stopped_by, ...) do not exist yet.
            session.execute(
                text(
                    "INSERT INTO thread (id, centre_id, version, deleted, kind, status, title,"
                    " created_at, stopped, last_message_preview, message_count, unread_count)"
                    " VALUES ('t1', 'c1', 5, false, 'sms', 'open', '', :at, false, '', 0, 0)"
                ),
                {"at": at},
            )
            session.execute(
                text(
                    "INSERT INTO message (id, centre_id, version, deleted, thread_id, direction,"
                    " subject, body, emergency_sms, show_at_kiosk, state, error, created_at)"
                    " VALUES ('m1', 'c1', 5, false, 't1', 'out', '', 'Hi', false, false,"
                    " 'sent', '', :at)"
                ),
                {"at": at},
            )
            for delivery_id, note in (("d1", "sent untranslated: (reads es)"), ("d2", "")):
                session.execute(
                    text(
                        "INSERT INTO delivery (id, centre_id, version, deleted, message_id,"
                        " recipient_kind, channel, address, for_label, state, error,"
                        " updated_at, note) VALUES (:id, 'c1', 5, false, 'm1', 'phone', 'sms',"
                        " '+12025550101', '', 'queued', '', :at, :note)"
                    ),
                    {"id": delivery_id, "at": at, "note": note},
                )
        upgrade(url)
        with Session(engine) as session:
            versions = dict(session.execute(select(orm.Delivery.id, orm.Delivery.version)).all())
            assert versions == {"d1": 8, "d2": 5}
            assert session.get_one(orm.SyncState, "c1").version == 8
    finally:
        engine.dispose()


def test_stopped_conversations_learn_who_stopped_them(
    database_factory: Callable[[], str],
) -> None:
    """Issue 13: revision 0008 fills in who stopped each stopped conversation, and when.

    Both come from its first `stop` audit event, and the thread gets a new version so
    clients receive them.
    """
    url = database_factory()
    command.upgrade(alembic_config(url), "0007")
    first, later = datetime(2026, 11, 2, 9, tzinfo=UTC), datetime(2026, 11, 3, 9, tzinfo=UTC)
    engine = create_engine(url)
    try:
        with Session(engine) as session, session.begin():
            session.add(orm.SyncState(scope="c1", version=7))
            # Written as revision 0007 had the tables: the ORM describes head.
            for thread_id, stopped in (("t1", True), ("t2", False)):
                session.execute(
                    text(
                        "INSERT INTO thread (id, centre_id, version, deleted, kind, status,"
                        " title, created_at, stopped, last_message_preview, message_count,"
                        " unread_count) VALUES (:id, 'c1', 5, false, 'group', 'open', 'Trip',"
                        " :at, :stopped, '', 0, 0)"
                    ),
                    {"id": thread_id, "at": first, "stopped": stopped},
                )
            for event_id, actor, at in (("a2", "s2", later), ("a1", "s1", first)):
                session.execute(
                    text(
                        "INSERT INTO audit_event (id, centre_id, version, deleted, at, action,"
                        " actor_kind, actor_id, actor_label, thread_id, detail) VALUES (:id,"
                        " 'c1', 5, false, :at, 'stop', 'staff', :actor, '', 't1', '')"
                    ),
                    {"id": event_id, "at": at, "actor": actor},
                )
        upgrade(url)
        with Session(engine) as session:
            thread = session.get_one(orm.Thread, "t1")
            assert (thread.stopped_by, thread.stopped_at, thread.version) == ("s1", first, 8)
            untouched = session.get_one(orm.Thread, "t2")
            assert (untouched.stopped_by, untouched.version) == (None, 5)
    finally:
        engine.dispose()


def test_texts_already_sent_are_counted_by_month_when_the_counter_arrives(
    database_factory: Callable[[], str],
) -> None:
    """Revision 0013 fills `sms_usage` from the stored texts, as the quota summed them.

    Texts count in the month their message was written; withdrawn texts and other
    channels do not count. The index the old sum needed is dropped.
    """
    url = database_factory()
    command.upgrade(alembic_config(url), "0012")
    november, december = (
        datetime(2026, 11, 30, 23, 59, tzinfo=UTC),
        datetime(2026, 12, 1, tzinfo=UTC),
    )
    engine = create_engine(url)
    try:
        with Session(engine) as session, session.begin():
            # Written as revision 0012 had the tables: the ORM describes head.
            session.execute(
                text(
                    "INSERT INTO thread (id, centre_id, version, deleted, kind, status, title,"
                    " created_at, stopped, last_message_preview, message_count, unread_count)"
                    " VALUES ('t1', 'c1', 5, false, 'sms', 'open', '', :at, false, '', 0, 0)"
                ),
                {"at": november},
            )
            for message_id, at in (("m1", november), ("m2", december)):
                session.execute(
                    text(
                        "INSERT INTO message (id, centre_id, version, deleted, thread_id,"
                        " direction, subject, body, emergency_sms, show_at_kiosk, state, error,"
                        " created_at) VALUES (:id, 'c1', 5, false, 't1', 'out', '', 'Hi', false,"
                        " false, 'sent', '', :at)"
                    ),
                    {"id": message_id, "at": at},
                )
            for delivery_id, message_id, channel, segments, deleted in (
                ("d1", "m1", "sms", 2, False),
                ("d2", "m2", "sms", 3, False),
                ("d3", "m2", "sms", 5, True),  # withdrawn before it went out
                ("d4", "m2", "email", 1, False),
                ("d5", "m2", "sms", 1, False),
            ):
                session.execute(
                    text(
                        "INSERT INTO delivery (id, centre_id, version, deleted, message_id,"
                        " recipient_kind, channel, address, for_label, state, error,"
                        " updated_at, note, segments) VALUES (:id, 'c1', 5, :deleted, :message,"
                        " 'phone', :channel, '+12025550101', '', 'sent', '', :at, '', :segments)"
                    ),
                    {
                        "id": delivery_id,
                        "message": message_id,
                        "channel": channel,
                        "segments": segments,
                        "deleted": deleted,
                        "at": december,
                    },
                )
        upgrade(url)
        with Session(engine) as session:
            usage = {
                (u.centre_id, u.month): u.segments for u in session.scalars(select(orm.SmsUsage))
            }
        assert usage == {("c1", "2026-11"): 2, ("c1", "2026-12"): 4}
        names = {index["name"] for index in inspect(engine).get_indexes("message")}
        assert "ix_message_centre_created" not in names
    finally:
        engine.dispose()
