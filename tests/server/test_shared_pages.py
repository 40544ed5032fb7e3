"""Woken long-polls share pages; commands never wait behind feed reads.

Issue 16 items 1 and 2: one page per visibility class per change, handed to every
woken client of the class; a command's POST answered while feed reads are stuck.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import replace
from typing import Any

import httpx
import orjson
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from desk.core.ids import new_id
from desk.core.kinds import ThreadKind, ThreadStatus
from desk.core.permissions import Capability
from desk.server import metrics, orm
from desk.server.db import Database
from desk.server.feed import Cursor, read_rows
from desk.server.lanes import READ_THREADS
from desk.server.orm.base import utcnow
from desk.server.principal import Principal, PrincipalKind
from desk.server.shared_pages import PageCache, SharedPage, class_key
from desk.server.versioning import current_version, stamp
from tests.support.callers import Caller, sign_in
from tests.support.factories import CentreIds
from tests.support.polling import wait_until
from tests.support.server_calls import Pusher, pull_all


@pytest.fixture
def group_centre(database: Database, centre: CentreIds) -> CentreIds:
    """The test centre with a group conversation the teacher belongs to, and messages."""
    now = utcnow()
    with database.writing() as s:
        group = new_id()
        s.add(
            orm.Thread(
                id=group,
                centre_id=centre.centre,
                kind=ThreadKind.GROUP,
                status=ThreadStatus.UNREAD,
                created_at=now,
                unread_count=0,
                message_count=1,
            )
        )
        s.flush()  # the thread before the rows that reference it
        s.add(
            orm.Participant(
                id=new_id(),
                centre_id=centre.centre,
                thread_id=group,
                person_kind="staff",
                person_id=centre.teacher,
                joined_at=now,
            )
        )
        s.flush()
        for thread in (group, *centre.threads.values()):
            s.add(
                orm.Message(
                    id=new_id(),
                    centre_id=centre.centre,
                    thread_id=thread,
                    body="hi",
                    created_at=now,
                )
            )
        stamp(s, centre.centre)
    return centre


CAPABILITIES = st.frozensets(
    st.sampled_from([c for c in Capability if c is not Capability.KIOSK_DEVICE])
)


def _principals(ids: CentreIds) -> st.SearchStrategy[Principal]:
    staff = st.sampled_from([ids.admin, ids.office, ids.teacher, new_id()])
    rooms = st.frozensets(st.sampled_from([ids.room_a, ids.room_b, "no-such-room"]))
    office = st.builds(
        Principal,
        st.just(PrincipalKind.STAFF),
        staff,
        st.just(ids.centre),
        st.just("Someone"),
        CAPABILITIES,
        rooms,
    )
    kiosk = st.builds(
        Principal,
        st.just(PrincipalKind.KIOSK),
        st.just(new_id()),
        st.just(ids.centre),
        st.just("Door"),
        st.just(frozenset({Capability.KIOSK_DEVICE})),
    )
    return office | kiosk


def _page_bytes(database: Database, principal: Principal, after: int) -> bytes:
    with database.reading() as session:
        upto = current_version(session, principal.centre_id)
        page = read_rows(session, principal, Cursor(after), (1000, upto), None)
    return orjson.dumps(page.as_json(None))


def test_principals_of_one_class_receive_byte_identical_pages(
    database: Database, group_centre: CentreIds
) -> None:
    """What the class key leaves out changes no byte of a page.

    That is who an unrestricted caller or a kiosk is and their rooms; from the start
    or from a cursor.
    """
    ids = group_centre
    principals = _principals(ids)
    staff = st.sampled_from([ids.admin, ids.office, ids.teacher, new_id()])
    rooms = st.frozensets(st.sampled_from([ids.room_a, ids.room_b]))

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(principals, staff, rooms, st.sampled_from([0, 1]))
    def check(one: Principal, other_id: str, other_rooms: frozenset[str], after: int) -> None:
        other = replace(one, display_name="Someone else")
        if class_key(one).me == "":  # the key says identity and rooms do not matter
            other = replace(other, id=other_id, room_ids=other_rooms)
        assert class_key(one) == class_key(other)
        assert _page_bytes(database, one, after) == _page_bytes(database, other, after)

    check()


def test_teachers_of_different_rooms_or_groups_are_different_classes(
    database: Database, group_centre: CentreIds
) -> None:
    """The key keeps what changes the rows: a teacher's rooms and group conversations."""
    ids = group_centre
    teacher = Principal(
        PrincipalKind.STAFF, ids.teacher, ids.centre, "T", frozenset(), frozenset({ids.room_a})
    )
    for other in (
        replace(teacher, room_ids=frozenset({ids.room_b})),
        replace(teacher, id=ids.office),  # same room, not in the group conversation
    ):
        assert class_key(other) != class_key(teacher)
        assert _page_bytes(database, other, 0) != _page_bytes(database, teacher, 0)


def _held() -> float:
    return metrics.REGISTRY.get_sample_value("desk_long_polls_held") or 0.0


def _poll_all(
    callers: list[Caller], cursors: list[str], client_ids: list[str]
) -> tuple[list[threading.Thread], list[Any]]:
    """Start one long-poll per caller; answers fill in as they return."""
    answers: list[Any] = [None] * len(callers)

    def poll(n: int) -> None:
        params = {"after": cursors[n], "wait": 20, "client_id": client_ids[n]}
        answers[n] = callers[n].get("/api/v1/changes", params=params)

    threads = [threading.Thread(target=poll, args=(n,)) for n in range(len(callers))]
    held = _held()
    for thread in threads:
        thread.start()
    wait_until(lambda: _held() >= held + len(callers), "every long-poll is waiting")
    return threads, answers


@pytest.fixture
def office_callers(api: TestClient, centre: CentreIds) -> list[Caller]:
    """Two sessions of the admin (one class), the office role and the teacher."""
    names = ("admin", "admin", "office", "teacher")
    return [sign_in(api, centre.usernames[name]) for name in names]


def test_woken_clients_get_exactly_what_their_own_read_returns(
    api: TestClient, centre: CentreIds, office_callers: list[Caller]
) -> None:
    """Each woken client's shared answer equals a read of its own from its cursor.

    The admin's two sessions share one page: 3 classes, 3 pages read, and which
    tables changed is asked once for all of them.
    """
    callers = office_callers
    cursors = [pull_all(caller)[1] for caller in callers]
    pushers = [Pusher(caller) for caller in callers]
    seen = ("sms", "sms", "sms", "classroom_a")  # a thread each caller can see
    for pusher, key in zip(pushers, seen, strict=True):  # each has a last_seq of 1
        assert pusher.run("open_thread", thread_id=centre.threads[key])["status"] == "applied"
    cursors = [
        pull_all(caller, after=cursor)[1] for caller, cursor in zip(callers, cursors, strict=True)
    ]
    shared = api.app.state.shared_feed  # type: ignore[attr-defined]
    pages_before = len(shared.cache)
    threads, answers = _poll_all(callers, cursors, [p.client_id for p in pushers])
    probes = []

    def count_probe(*statement: Any) -> None:
        if "UNION ALL" in statement[2]:  # `changed_tables_query`
            probes.append(statement[2])

    reads = api.app.state.database.read_engine  # type: ignore[attr-defined]
    event.listen(reads, "before_cursor_execute", count_probe)
    try:
        Pusher(callers[0]).run("close_thread", thread_id=centre.threads["classroom_a"])
        for poller in threads:
            poller.join(30)
    finally:
        event.remove(reads, "before_cursor_execute", count_probe)
    assert len(shared.cache) - pages_before == 3
    assert len(probes) == 1
    for caller, cursor, pusher, answer in zip(callers, cursors, pushers, answers, strict=True):
        assert answer.status_code == 200, answer.text
        own = caller.get(
            "/api/v1/changes", params={"after": cursor, "client_id": pusher.client_id}
        ).json()
        assert answer.json() == own
        assert own["last_seq"] == 1
    assert any(t["name"] == "thread" for t in answers[0].json()["tables"])


def test_a_command_is_answered_while_woken_long_polls_wait_for_reads(
    api: TestClient, centre: CentreIds, office_callers: list[Caller]
) -> None:
    """Regression (issue 16): a command's POST waited behind every woken poll's read.

    With every feed-read thread busy, a command still applies and answers.
    """
    callers = office_callers
    cursors = [pull_all(caller)[1] for caller in callers]
    threads, answers = _poll_all(callers, cursors, [new_id() for _ in callers])
    release = threading.Event()
    with _holding_reads(api, release):
        outcome = Pusher(callers[0]).run("close_thread", thread_id=centre.threads["sms"])
        assert outcome["status"] == "applied"
        assert answers == [None] * len(callers)  # their pages cannot be read yet
    for thread in threads:
        thread.join(30)
    assert all(answer.status_code == 200 for answer in answers)
    assert answers[0].json()["tables"]  # the admin sees the closed SMS conversation


class _holding_reads:  # noqa: N801 - used as a `with` statement
    """Every feed-read thread of the in-process server busy until the block ends."""

    def __init__(self, api: TestClient, release: threading.Event) -> None:
        self._reads = api.app.state.lanes.reads  # type: ignore[attr-defined]
        self._release = release
        self._started = threading.Semaphore(0)
        self._holders: list[Any] = []

    def _hold(self) -> None:
        self._started.release()
        self._release.wait(60)

    def __enter__(self) -> None:
        self._holders = [self._reads.submit(self._hold) for _ in range(READ_THREADS)]
        for _ in self._holders:
            assert self._started.acquire(timeout=20), "a read thread never started"

    def __exit__(self, *_exc: object) -> None:
        self._release.set()
        for holder in self._holders:
            holder.result(20)


def _page(version: int) -> SharedPage:
    return SharedPage(str(version), False, version, 0, b"[]")


def test_the_page_cache_is_bounded_and_pages_expire() -> None:
    now = [0.0]
    cache = PageCache(size=2, seconds=10.0, clock=lambda: now[0])
    key = class_key(Principal(PrincipalKind.KIOSK, "k", "c", "Door", frozenset()))
    cache.put((key, 0, 10, 1), _page(1))
    cache.put((key, 0, 10, 2), _page(2))
    assert cache.get((key, 0, 10, 1)) == _page(1)  # now the most recently used
    cache.put((key, 0, 10, 3), _page(3))
    assert len(cache) == 2
    assert cache.get((key, 0, 10, 2)) is None  # the least recently used went
    now[0] = 10.5
    assert cache.get((key, 0, 10, 1)) is None
    with pytest.raises(ValueError, match="positive lifetime"):
        PageCache(size=0)


def test_the_page_cache_keeps_to_its_byte_bound() -> None:
    cache = PageCache(max_bytes=10)
    key = class_key(Principal(PrincipalKind.KIOSK, "k", "c", "Door", frozenset()))
    big = SharedPage("1", False, 1, 0, b"[" + b" " * 20 + b"]")
    cache.put((key, 0, 10, 1), big)
    assert len(cache) == 0  # larger than the whole bound: not kept
    for version in range(1, 5):  # b"[]" each: 2 bytes
        cache.put((key, 0, 10, version), _page(version))
    cache.put((key, 0, 10, 5), SharedPage("5", False, 5, 0, b"[1,2,3]"))
    assert cache.bytes <= 10
    assert cache.get((key, 0, 10, 5)) is not None
    assert cache.get((key, 0, 10, 1)) is None


def test_a_shared_answer_splices_the_clients_own_parts() -> None:
    page = SharedPage("7", False, 7, 1, b'[{"name":"room","columns":["id"],"rows":[["r"]]}]')
    assert orjson.loads(page.answer(5, 3).body) == {
        "cursor": "7/5",
        "has_more": False,
        "version": 7,
        "last_seq": 3,
        "tables": [{"name": "room", "columns": ["id"], "rows": [["r"]]}],
    }


def test_a_stream_sends_each_change_as_the_page_a_poll_would_get(
    served_admin: Caller, served_centre: CentreIds, server_url: str
) -> None:
    """The streamed feed (one request, a page per change) on the real server.

    Each event is the JSON a `/changes` read from the previous event's cursor
    answers, and the stream ends when its `wait` runs out, nothing after the last
    change: the client reconnects from the cursor it holds.
    """
    _, cursor = pull_all(served_admin)
    events: queue.Queue[Any] = queue.Queue()

    def listen() -> None:
        params: dict[str, str | int] = {"after": cursor, "wait": 8}
        with (
            httpx.Client(base_url=server_url, timeout=30) as client,
            client.stream(
                "GET", "/api/v1/changes/stream", params=params, headers=served_admin.headers
            ) as answer,
        ):
            events.put(answer.status_code)
            for line in answer.iter_lines():
                if line.startswith("data: "):
                    events.put(orjson.loads(line.removeprefix("data: ")))
        events.put("ended")

    listener = threading.Thread(target=listen)
    listener.start()
    assert events.get(timeout=20) == 200
    first = events.get(timeout=20)
    assert (first["tables"], first["cursor"]) == ([], cursor)
    pusher = Pusher(served_admin)
    previous = cursor
    for name in ("close_thread", "reopen_thread"):
        pusher.run(name, thread_id=served_centre.threads["sms"])
        page = events.get(timeout=20)
        assert page == served_admin.get("/api/v1/changes", params={"after": previous}).json()
        assert page["tables"]
        previous = page["cursor"]
    listener.join(30)
    assert not listener.is_alive()
    assert events.get(timeout=1) == "ended"
