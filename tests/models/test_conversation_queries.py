"""A group conversation's details from the cache: seen-by, participants, who stopped it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from desk.models.apply import apply_page
from desk.models.cache import Cache
from desk.models.conversation_queries import (
    participants,
    seen_by,
    seen_by_message,
    seen_counts,
    stopped,
)
from tests.support.feed import page, table


def at(minute: int) -> str:
    return f"2026-11-20T08:{minute:02d}:00.000000Z"


def fill(cache: Cache, messages: int = 3) -> None:
    """A conversation t1 of Ann Lee (guardian) and Sam (staff); Sam read every message."""
    apply_page(
        cache,
        page(
            table("family", {"id": "f", "version": 1, "name": "Lee"}),
            table(
                "guardian",
                {"id": "g1", "version": 1, "family_id": "f", "first_name": "Ann"}
                | {"last_name": "Lee", "relationship": "mother", "preferred_channel": "sms"},
            ),
            table(
                "staff",
                {"id": "s1", "version": 1, "first_name": "Sam", "last_name": "Staff"}
                | {"role": "teacher", "preferred_channel": "email"},
            ),
            table(
                "thread",
                {"id": "t1", "version": 1, "kind": "group", "title": "Trip", "stopped": True}
                | {"stopped_by": "s1", "stopped_at": at(30)},
            ),
            table(
                "participant",
                {"id": "p1", "version": 1, "thread_id": "t1", "person_kind": "guardian"}
                | {"person_id": "g1", "muted": False},
                {"id": "p2", "version": 1, "thread_id": "t1", "person_kind": "staff"}
                | {"person_id": "s1", "muted": True},
            ),
            table(
                "message",
                *(
                    {"id": f"m{n}", "version": 1, "thread_id": "t1", "created_at": at(n)}
                    for n in range(messages)
                ),
            ),
            table(
                "receipt",
                *(
                    {"id": f"r{n}", "version": 1, "message_id": f"m{n}", "person_kind": "staff"}
                    | {"person_id": "s1", "seen_at": at(n + 1)}
                    for n in range(messages)
                ),
            ),
        ),
    )


def test_seen_by_names_each_reader_with_the_time(cache: Cache) -> None:
    fill(cache)
    with cache.session() as session:
        seen = seen_by(session, "t1")
        newest = seen_by(session, "t1", limit=1)
    assert sorted(seen) == ["m0", "m1", "m2"]
    assert [(s.name, s.seen_at) for s in seen["m1"]] == [("Sam Staff", at(2))]
    assert list(newest) == ["m2"]
    with cache.session() as session:
        assert seen_counts(session, "t1") == {"m0": 1, "m1": 1, "m2": 1}
        assert seen_by_message(session, "m1") == seen["m1"]


def test_a_threads_seen_by_reads_indexes_only(cache: Cache) -> None:
    """Issue 13 item 3: a client asks for a thread's receipts cheaply.

    The counts under every message and a transcript's full seen-by each read the
    receipts in one statement, through the thread's message index and the receipt
    index, never scanning receipts.
    """
    fill(cache, messages=40)
    for read in (seen_counts, seen_by):
        captured: list[tuple[str, Any]] = []

        def record(
            conn: Any,
            cursor: Any,
            statement: str,
            parameters: Any,
            *_: Any,
            into: list[tuple[str, Any]] = captured,
        ) -> None:
            if "receipt" in statement:
                into.append((statement, parameters))

        event.listen(cache.engine, "before_cursor_execute", record)
        try:
            with cache.session() as session:
                read(session, "t1")
        finally:
            event.remove(cache.engine, "before_cursor_execute", record)
        [(statement, parameters)] = captured
        plan = " ".join(
            row[3] for row in cache.raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)
        )
        assert "ix_message_thread_created" in plan, plan
        assert "ix_receipt_message_id" in plan, plan
        assert "SCAN r" not in plan, plan


def test_participants_with_role_and_channel_and_who_stopped_it(cache: Cache) -> None:
    fill(cache)
    with cache.session() as session:
        people = participants(session, "t1")
        stop = stopped(session, "t1")
    assert [(p.name, p.role, p.channel, p.muted) for p in people] == [
        ("Sam Staff", "teacher", "email", True),
        ("Ann Lee", "mother", "sms", False),
    ]
    assert stop is not None
    assert (stop.by_name, stop.at) == ("Sam Staff", at(30))
