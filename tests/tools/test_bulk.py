"""Seeding at scale on both backends: counts, versions, indexes, rollback."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, create_engine, func, inspect, select
from sqlalchemy.orm import Session

from desk.core.kinds import ThreadStatus
from desk.server.db import open_database
from desk.server.delivery.quota import month_key
from desk.server.orm import Centre, Family, Message, Staff, Student, SyncState, Thread
from desk.tools.seeding import Scale, load_demo, seed_centre
from desk.tools.seeding.bulk import free_centre_number
from desk.tools.seeding.ids import IdSpace
from desk.tools.seeding.sinks import open_sink
from desk.tools.seeding.tables import FAMILY, LOAD_ORDER
from tests.support.deliveries import texts_counted
from tests.support.seeding import NOW, create_schema

SCALE = Scale(families=30, students_per_family=1.4, staff=8, threads=120, messages=3_000)


@pytest.fixture
def server_url(database_factory: Callable[[], str]) -> str:
    """A fresh, empty server database of the backend under test, with its schema."""
    return create_schema(database_factory())


@pytest.fixture
def engine(server_url: str) -> Iterator[Engine]:
    engine = create_engine(server_url)
    try:
        yield engine
    finally:
        engine.dispose()


def indexes(engine: Engine) -> dict[str, list[str]]:
    inspector = inspect(engine)
    return {
        table.name: sorted(str(index["name"]) for index in inspector.get_indexes(table.name))
        for table in LOAD_ORDER
    }


def count(session: Session, model: type, centre_id: str) -> int:
    query = select(func.count()).select_from(model).where(model.centre_id == centre_id)  # type: ignore[attr-defined]
    return session.scalar(query) or 0


@pytest.mark.parametrize("rebuild_indexes", [True, False], ids=["rebuild", "keep"])
def test_a_small_scale_run_writes_the_requested_counts(
    server_url: str, engine: Engine, rebuild_indexes: bool
) -> None:
    before = indexes(engine)
    report = seed_centre(server_url, SCALE, seed=3, now=NOW, rebuild_indexes=rebuild_indexes)
    assert report.centre_number == 2  # 1 is kept for the demo
    assert report.table("message").rows == SCALE.messages
    assert report.rows == sum(table.rows for table in report.tables)
    assert (report.table("thread").index_seconds > 0) == rebuild_indexes
    # SQLite computes the messages in the order of every index of theirs and
    # appends to them all; PostgreSQL's COPY rebuilds them like any other table's.
    rebuilt_messages = rebuild_indexes and not server_url.startswith("sqlite")
    assert (report.table("message").index_seconds > 0) == rebuilt_messages
    with Session(engine) as session:
        centre_id = report.centre_id
        assert count(session, Family, centre_id) == SCALE.families
        assert count(session, Student, centre_id) == SCALE.student_count
        assert count(session, Staff, centre_id) == SCALE.staff
        assert count(session, Thread, centre_id) == SCALE.threads
        assert count(session, Message, centre_id) == SCALE.messages
        newest = session.scalar(select(func.max(Message.version))) or 0
        state = session.get(SyncState, centre_id)
        assert state is not None
        assert state.version == report.version >= newest
        latest = session.scalar(select(func.max(Message.created_at)))
        assert latest is not None
        assert latest.utcoffset() is not None
        assert latest <= NOW
        statuses = set(session.scalars(select(Thread.status)))
        assert statuses == set(ThreadStatus)
        newest_message = (
            select(func.max(Message.created_at))
            .where(Message.thread_id == Thread.id)
            .scalar_subquery()
        )
        summaries = session.execute(select(Thread.last_message_at, newest_message)).all()
        assert all(summary == newest for summary, newest in summaries)
    assert indexes(engine) == before  # every dropped index is back


def test_centres_accumulate_without_conflicts(server_url: str, engine: Engine) -> None:
    """A second bulk centre and then the demo go beside the first, each its own scope."""
    first = seed_centre(server_url, SCALE, seed=3, now=NOW)
    second = seed_centre(server_url, SCALE, seed=3, now=NOW)
    demo = load_demo(server_url, now=NOW)
    assert (first.centre_number, second.centre_number) == (2, 3)
    assert demo.created
    with Session(engine) as session:
        assert len(session.scalars(select(Centre)).all()) == 3
        states = {s.scope: s.version for s in session.scalars(select(SyncState))}
        assert states == {
            first.centre_id: first.version,
            second.centre_id: second.version,
            demo.centre_id: demo.report.version,  # type: ignore[union-attr]
        }
        usernames = set(session.scalars(select(Staff.username)))
        assert {"admin", "admin-2", "admin-3"} <= usernames


def test_the_seeded_texts_are_counted_by_the_month_of_their_messages(
    server_url: str, engine: Engine
) -> None:
    """The quota reads `sms_usage`: it must hold what summing the deliveries gives."""
    report = seed_centre(server_url, SCALE, seed=3, now=NOW)
    database = open_database(server_url)
    try:
        counted, summed = texts_counted(database, report.centre_id)
    finally:
        database.dispose()
    assert counted == summed
    assert summed[month_key(NOW)] > 0  # this month's texts are among them


def test_a_failed_load_leaves_nothing_behind(server_url: str, engine: Engine) -> None:
    before = indexes(engine)

    def rows_then_failure() -> Iterator[tuple[int, list[tuple[object, ...]]]]:
        yield 1, [("f" * 8 + "-0000-4000-8000-000000000001", "Family", "")]
        raise RuntimeError("generator broke")

    centre_id = IdSpace(9).centre_id
    with pytest.raises(RuntimeError, match="generator broke"), open_sink(server_url) as sink:
        sink.write(FAMILY, centre_id, rows_then_failure())
    with Session(engine) as session:
        assert session.scalars(select(Family)).all() == []
    assert indexes(engine) == before


def test_free_centre_numbers_skip_the_demo_and_taken_ones() -> None:
    assert free_centre_number(set()) == 2
    assert free_centre_number({IdSpace(2).centre_id, IdSpace(4).centre_id}) == 3


def test_unsupported_databases_are_refused() -> None:
    with pytest.raises(ValueError, match="in-memory"), open_sink("sqlite://"):
        pass
    with pytest.raises(ValueError, match="mysql"), open_sink("mysql://localhost/x"):
        pass
