"""Seeded rows are valid server rows: types, vocabularies, summaries and sync versions."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from desk.core.kinds import (
    AttendanceKind,
    AuditAction,
    Channel,
    Direction,
    EnrollmentType,
    GuardianKind,
    MessageState,
    PersonKind,
    ProgramKind,
    StaffRole,
    ThreadKind,
    ThreadStatus,
)
from desk.server.orm import Base, Message, Synced, SyncState, Thread
from tests.support.seeding import NOW

VOCABULARIES: dict[tuple[str, str], type[StrEnum]] = {
    ("guardian", "kind"): GuardianKind,
    ("guardian", "preferred_channel"): Channel,
    ("staff", "role"): StaffRole,
    ("staff", "preferred_channel"): Channel,
    ("channel_status", "channel"): Channel,
    ("channel_status", "person_kind"): PersonKind,
    ("program", "kind"): ProgramKind,
    ("enrollment", "type"): EnrollmentType,
    ("thread", "kind"): ThreadKind,
    ("thread", "status"): ThreadStatus,
    ("participant", "person_kind"): PersonKind,
    ("message", "direction"): Direction,
    ("message", "state"): MessageState,
    ("delivery", "channel"): Channel,
    ("delivery", "state"): MessageState,
    ("receipt", "person_kind"): PersonKind,
    ("template", "channel"): Channel,
    ("attendance_event", "kind"): AttendanceKind,
    ("audit_event", "action"): AuditAction,
}


def synced_models() -> list[type[Synced]]:
    return [mapper.class_ for mapper in Base.registry.mappers if issubclass(mapper.class_, Synced)]


def test_every_row_reads_back_with_valid_values(demo_session: Session) -> None:
    """Times are aware UTC no later than now, dates are dates, enums are known words."""
    seen_tables = set()
    for model in synced_models():
        table = model.__table__
        assert isinstance(table, Table)  # a declarative model maps a Table
        for row in demo_session.scalars(select(model)):
            seen_tables.add(table.name)
            for column in table.columns:
                value = getattr(row, column.key)
                if isinstance(value, datetime):
                    assert value.tzinfo is UTC, (table.name, column.key)
                    assert value <= NOW, (table.name, column.key, value)
                    assert value.year >= 2023, (table.name, column.key, value)
                elif isinstance(value, date):
                    assert 2010 <= value.year <= 2030
                if (vocabulary := VOCABULARIES.get((table.name, column.key))) and value:
                    vocabulary(value)
                if column.key == "deleted":
                    assert value is False
    assert len(seen_tables) == len(synced_models())  # every synced table has rows


def test_thread_summaries_agree_with_messages(demo_session: Session) -> None:
    messages: dict[str, list[Message]] = defaultdict(list)
    for message in demo_session.scalars(select(Message).order_by(Message.created_at)):
        messages[message.thread_id].append(message)
    threads = demo_session.scalars(select(Thread)).all()
    assert {thread.id for thread in threads} == set(messages)
    for thread in threads:
        mine = messages[thread.id]
        assert thread.message_count == len(mine)
        assert thread.last_message_at == mine[-1].created_at
        assert thread.last_message_preview == mine[-1].body[:200]
        assert thread.created_at == mine[0].created_at
        times = [message.created_at for message in mine]
        assert times == sorted(set(times))  # strictly increasing
        trailing_inbound = 0
        for message in reversed(mine):
            if message.direction != Direction.INBOUND:
                break
            trailing_inbound += 1
        if thread.status == ThreadStatus.UNREAD:
            assert thread.unread_count == trailing_inbound > 0  # seed 001
        else:
            assert thread.unread_count == 0


def test_versions_are_positive_and_sync_state_is_the_newest(demo_session: Session) -> None:
    newest = 0
    for model in synced_models():
        versions = demo_session.scalars(select(model.version)).all()
        assert min(versions) > 0, model.__tablename__
        newest = max(newest, *versions)
    [state] = demo_session.scalars(select(SyncState)).all()
    assert state.version == newest


def test_versions_rise_in_batches_of_a_thousand(demo_session: Session) -> None:
    versions = demo_session.scalars(select(Message.version).order_by(Message.id)).all()
    assert versions == sorted(versions)
    per_version: dict[int, int] = defaultdict(int)
    for version in versions:
        per_version[version] += 1
    assert max(per_version.values()) == 1_000
