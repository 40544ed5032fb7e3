"""Reads for the first windows: families, the inbox, a thread, the badge counters."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, Protocol

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from desk.core.kinds import ThreadKind, ThreadStatus
from desk.core.status import Participation, unread_for
from desk.core.status import counters as core_counters
from desk.models.apply import apply_page, reset_synced
from desk.models.cache import Cache
from desk.models.inbox import inbox_page
from desk.models.inbox_sql import InboxFilter
from desk.models.queries import counters, list_families
from desk.models.thread_view import conversation
from tests.support.feed import page, table


def at(day: int) -> str:
    return f"2026-11-{day:02d}T08:00:00.000000Z"


@pytest.fixture
def inbox(cache: Cache) -> Cache:
    threads: list[dict[str, Any]] = [
        {"id": "t1", "kind": "sms", "status": "unread", "last_message_at": at(3)}
        | {"unread_count": 2, "last_message_preview": "See you"},
        {"id": "t2", "kind": "office", "status": "open", "last_message_at": at(5)},
        {"id": "t3", "kind": "sms", "status": "closed", "last_message_at": at(4)},
        {"id": "t4", "kind": "sms", "status": "open", "last_message_at": None},
        {"id": "t5", "kind": "sms", "status": "unread", "last_message_at": at(1)}
        | {"unread_count": 5},
    ]
    apply_page(cache, page(table("thread", *({"version": 1} | t for t in threads))))
    return cache


class _Row(Protocol):
    @property
    def id(self) -> str: ...


def ids(rows: Iterable[_Row]) -> list[str]:
    return [row.id for row in rows]


EVERY_KIND = InboxFilter(tuple(ThreadKind))
SMS = (ThreadKind.SMS,)


def test_threads_newest_activity_first_and_silent_threads_last(inbox: Cache) -> None:
    with inbox.session() as session:
        assert ids(inbox_page(session, EVERY_KIND)) == ["t2", "t3", "t1", "t5", "t4"]


def test_threads_filtered_by_kind_and_status(inbox: Cache) -> None:
    every_kind = EVERY_KIND.kinds
    with inbox.session() as session:
        assert ids(inbox_page(session, InboxFilter(SMS))) == ["t3", "t1", "t5", "t4"]
        assert ids(inbox_page(session, InboxFilter(every_kind, ThreadStatus.UNREAD))) == [
            "t1",
            "t5",
        ]
        assert ids(inbox_page(session, InboxFilter(SMS, ThreadStatus.OPEN))) == ["t4"]


def test_thread_rows_carry_the_summary(inbox: Cache) -> None:
    with inbox.session() as session:
        row = inbox_page(session, InboxFilter(SMS, ThreadStatus.UNREAD), limit=1)[0]
    assert (row.unread_count, row.snippet, row.last_message_at) == (2, "See you", at(3))
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.status = "open"  # type: ignore[misc]


SORTS = pytest.mark.xfail(
    reason="found when this test moved from the unused list_threads to inbox_page: "
    "`kind IN (...)` without a status picks ix_thread_kind_status_recent and sorts "
    "every thread of the channel (USE TEMP B-TREE FOR ORDER BY)",
    strict=True,
)


@pytest.mark.parametrize(
    "filter_",
    [
        pytest.param(EVERY_KIND, marks=SORTS),
        pytest.param(InboxFilter(SMS), marks=SORTS),
        InboxFilter(SMS, ThreadStatus.OPEN),
    ],
    ids=["every kind", "sms", "open sms"],
)
def test_the_inbox_reads_an_index_without_sorting(inbox: Cache, filter_: InboxFilter) -> None:
    """DESIGN.md §6: 0.19 ms with an indexed last_message_at, 241 ms without."""
    captured: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            captured.append((statement, parameters))

    event.listen(inbox.engine, "before_cursor_execute", record)
    try:
        with inbox.session() as session:
            inbox_page(session, filter_, limit=2)
    finally:
        event.remove(inbox.engine, "before_cursor_execute", record)
    assert captured
    for statement, parameters in captured:
        plan = " ".join(
            row[3] for row in inbox.raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)
        )
        assert "ix_thread_" in plan, plan
        assert "TEMP B-TREE" not in plan, plan


def test_thread_messages_are_the_newest_in_reading_order(cache: Cache) -> None:
    messages = [{"id": f"m{d}", "version": 1, "created_at": at(d)} for d in (4, 1, 3, 2)]
    other = {"id": "x", "version": 1, "thread_id": "t2", "created_at": at(9)}
    apply_page(cache, page(table("message", *messages, other)))
    with cache.session() as session:
        assert ids(conversation(session, "t1")) == ["m1", "m2", "m3", "m4"]
        assert ids(conversation(session, "t1", limit=2)) == ["m3", "m4"]


@pytest.fixture
def families(cache: Cache) -> Cache:
    apply_page(
        cache,
        page(
            table(
                "family",
                {"id": "f1", "version": 1, "name": "smith"},
                {"id": "f2", "version": 1, "name": "Brown"},
                {"id": "f3", "version": 1, "name": "Adams"},
            ),
            table(
                "guardian",
                {"id": "g1", "version": 1, "family_id": "f2", "phone": "+12025550134"},
                {"id": "g2", "version": 1, "family_id": "f2", "first_name": "Nora"},
            ),
            table("student", {"id": "s1", "version": 1, "family_id": "f3", "first_name": "Liam"}),
        ),
    )
    return cache


def test_families_alphabetical_whatever_the_case(families: Cache) -> None:
    with families.session() as session:
        rows = list_families(session)
    assert ids(rows) == ["f3", "f2", "f1"]
    assert (rows[1].guardians, rows[1].students, rows[0].students) == (2, 0, 1)


def test_families_page(families: Cache) -> None:
    with families.session() as session:
        assert ids(list_families(session, limit=1, offset=1)) == ["f2"]


@pytest.mark.parametrize(
    ("search", "expected"),
    [("smi", ["f1"]), ("nora", ["f2"]), ("555 0134", ["f2"]), ("liam", ["f3"]), ("zz", [])],
)
def test_families_found_by_any_member(families: Cache, search: str, expected: list[str]) -> None:
    with families.session() as session:
        assert ids(list_families(session, search)) == expected


def test_a_search_of_only_punctuation_finds_nothing(families: Cache) -> None:
    with families.session() as session:
        assert list_families(session, "--") == []


STATUSES = st.sampled_from(list(ThreadStatus))


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    threads=st.lists(
        st.tuples(st.sampled_from(["sms", "office"]), STATUSES, st.integers(0, 9)), max_size=12
    )
)
def test_counters_follow_the_core_rule(
    cache: Cache, threads: list[tuple[str, ThreadStatus, int]]
) -> None:
    """Same numbers as `desk.core.status.counters`, which the server also uses."""
    reset_synced(cache)
    rows = [
        {"id": f"t{n}", "version": 1, "kind": kind, "status": status, "unread_count": unread}
        for n, (kind, status, unread) in enumerate(threads)
    ]
    apply_page(cache, page(table("thread", *rows)))
    with cache.session() as session:
        assert counters(session) == core_counters((s, u) for _k, s, u in threads)
        assert counters(session, "sms") == core_counters(
            (s, u) for k, s, u in threads if k == "sms"
        )


MINE = st.none() | st.builds(Participation, st.booleans(), st.integers(0, 9))


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    threads=st.lists(
        st.tuples(st.sampled_from(list(ThreadKind)), STATUSES, st.integers(0, 9), MINE),
        max_size=12,
    )
)
def test_each_viewer_counts_group_conversations_by_their_own_participation(
    cache: Cache, threads: list[tuple[ThreadKind, ThreadStatus, int, Participation | None]]
) -> None:
    """The red counter and the inbox rows follow `desk.core.status.unread_for` (issue 13).

    A group conversation counts the signed-in staff member's own unread messages,
    none when they muted it or are not in it; other threads count as before. A
    failure here means the dialog's badge and the rule disagree.
    """
    reset_synced(cache)
    with cache.writing() as cursor:
        cursor.execute("INSERT OR REPLACE INTO sync_meta VALUES ('principal_id', 'me')")
    rows = [
        {"id": f"t{n}", "version": 1, "kind": kind, "status": status, "unread_count": unread}
        for n, (kind, status, unread, _) in enumerate(threads)
    ]
    mine = [
        {"id": f"p{n}", "version": 1, "thread_id": f"t{n}", "person_kind": "staff"}
        | {"person_id": "me", "muted": p.muted, "unread_count": p.unread_count}
        for n, (_, _, _, p) in enumerate(threads)
        if p is not None
    ]
    others = [  # someone else's counter of the same conversation never counts for me
        {"id": f"o{n}", "version": 1, "thread_id": f"t{n}", "person_kind": "staff"}
        | {"person_id": "someone", "muted": False, "unread_count": 7}
        for n in range(len(threads))
    ]
    apply_page(cache, page(table("thread", *rows), table("participant", *mine, *others)))
    expected = [unread_for(k, s, u, p) for k, s, u, p in threads]
    with cache.session() as session:
        assert counters(session).unread_messages == sum(expected)
        listed = {row.id: row.unread_count for row in inbox_page(session, EVERY_KIND, limit=50)}
    # A row shows a group conversation's count as the counter does, any other its own.
    assert listed == {
        f"t{n}": count if kind is ThreadKind.GROUP else unread
        for n, (count, (kind, _, unread, _)) in enumerate(zip(expected, threads, strict=True))
    }
