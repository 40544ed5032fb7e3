"""The change feed: complete, resumable, ordered, and only what the caller may see."""

from __future__ import annotations

import threading
import time

from fastapi.testclient import TestClient
from sqlalchemy import select

from desk.core.ids import new_id
from desk.server import orm
from desk.server.db import Database
from desk.server.versioning import stamp
from tests.support.callers import Caller
from tests.support.factories import CentreIds
from tests.support.server_calls import Pusher, pull_all


def ids_of(tables: dict[str, list[dict[str, object]]], name: str) -> set[object]:
    return {row["id"] for row in tables.get(name, [])}


def test_admin_receives_the_whole_centre_without_secrets(admin: Caller, centre: CentreIds) -> None:
    tables, cursor = pull_all(admin)
    assert ids_of(tables, "thread") == set(centre.threads.values())
    assert ids_of(tables, "guardian") == set(centre.guardians.values())
    version, _, access = cursor.partition("/")
    assert version.isdigit()
    assert access.isdigit()
    staff_columns = set(tables["staff"][0])
    assert "password_hash" not in staff_columns
    assert "admin_pin_hash" not in staff_columns
    assert "kiosk_pin_key" not in tables["guardian"][0]
    assert "kiosk_pin_verifier" not in tables["guardian"][0]
    assert "kiosk_pin_secret" not in tables["centre"][0]
    assert "kiosk_pin_salt" not in tables["centre"][0]
    assert tables["thread"][0]["created_at"].endswith("Z")


def test_small_pages_deliver_every_row_exactly_once(admin: Caller) -> None:
    everything, _ = pull_all(admin, limit=1000)
    paged, _ = pull_all(admin, limit=3)
    for name, rows in everything.items():
        paged_ids = [row["id"] for row in paged[name]]
        assert len(paged_ids) == len(set(paged_ids)) == len(rows), name


def test_cursor_resumes_with_only_newer_changes(
    admin: Caller, centre: CentreIds, database: Database
) -> None:
    _, cursor = pull_all(admin)
    with database.writing() as session:
        session.get_one(orm.Family, centre.family).name = "Diaz-Ortiz"
        stamp(session, centre.centre)
    tables, _ = pull_all(admin, after=cursor)
    assert list(tables) == ["family"]
    assert tables["family"] == [{**tables["family"][0], "id": centre.family, "name": "Diaz-Ortiz"}]


def test_tombstones_reach_clients(admin: Caller, centre: CentreIds, database: Database) -> None:
    _, cursor = pull_all(admin)
    with database.writing() as session:
        session.get_one(orm.Thread, centre.threads["office"]).deleted = True
        stamp(session, centre.centre)
    tables, _ = pull_all(admin, after=cursor)
    assert tables["thread"][0]["id"] == centre.threads["office"]
    assert tables["thread"][0]["deleted"] is True


def test_teacher_sees_only_their_rooms_classroom_threads(
    teacher: Caller, centre: CentreIds
) -> None:
    tables, _ = pull_all(teacher)
    assert ids_of(tables, "thread") == {centre.threads["classroom_a"]}
    assert "audit_event" not in tables


def test_office_role_sees_sms_but_not_office_chat(office: Caller, centre: CentreIds) -> None:
    tables, _ = pull_all(office)
    assert centre.threads["sms"] in ids_of(tables, "thread")
    assert centre.threads["office"] not in ids_of(tables, "thread")


def test_messages_follow_thread_visibility(
    admin: Caller, teacher: Caller, centre: CentreIds
) -> None:
    pusher = Pusher(admin)
    for thread in ("office", "classroom_a", "classroom_b"):
        assert (
            pusher.run(
                "send_message",
                message_id=new_id(),
                thread_id=centre.threads[thread],
                body=f"hello {thread}",
            )["status"]
            == "applied"
        )
    tables, _ = pull_all(teacher)
    assert {m["body"] for m in tables["message"]} == {"hello classroom_a"}


def test_kiosk_feed_holds_only_what_a_kiosk_needs(kiosk: Caller, centre: CentreIds) -> None:
    tables, _ = pull_all(kiosk, "/api/v1/kiosk/changes")
    assert set(tables) <= {
        "centre",
        "room",
        "guardian",
        "student",
        "authorized_pickup",
        "staff",
        "kiosk_message",
        "attendance_event",
    }
    guardian = tables["guardian"][0]
    assert set(guardian) == {
        "id",
        "version",
        "deleted",
        "family_id",
        "kind",
        "first_name",
        "last_name",
        "language",  # the kiosk speaks to the guardian in it after the PIN
        "kiosk_pin_verifier",
    }
    assert "phone" not in guardian
    assert "email" not in guardian
    assert set(tables["staff"][0]) == {"id", "version", "deleted", "admin_pin_hash"}


def test_bad_cursors_are_refused_clearly(admin: Caller) -> None:
    for cursor in ("x", "-1", "5:nosuchtable:a", "5:thread:", "1" * 30):
        answer = admin.get("/api/v1/changes", params={"after": cursor})
        assert answer.status_code in (400, 422), cursor
        assert answer.json()["detail"]
    ahead = admin.get("/api/v1/changes", params={"after": "999999999"})
    assert ahead.status_code == 410
    assert "sync again" in ahead.json()["detail"]


def test_long_poll_wakes_when_a_change_commits(admin: Caller, centre: CentreIds) -> None:
    _, cursor = pull_all(admin)
    woke: dict[str, float] = {}

    def poll() -> None:
        started = time.monotonic()
        page = admin.get("/api/v1/changes", params={"after": cursor, "wait": 5}).json()
        woke["seconds"] = time.monotonic() - started
        woke["rows"] = sum(len(t["rows"]) for t in page["tables"])

    poller = threading.Thread(target=poll)
    poller.start()
    time.sleep(0.3)  # let the poll reach its wait; the assertion below bounds the wake-up
    Pusher(admin).run("close_thread", thread_id=centre.threads["sms"])
    poller.join(10)
    assert woke["rows"] >= 1
    assert woke["seconds"] < 4


def test_idle_long_poll_returns_empty_page_after_wait(admin: Caller) -> None:
    _, cursor = pull_all(admin)
    page = admin.get("/api/v1/changes", params={"after": cursor, "wait": 1}).json()
    assert page["tables"] == []
    assert page["cursor"] == cursor
    assert page["has_more"] is False


def test_feed_reports_last_applied_seq_for_the_callers_client(
    admin: Caller, centre: CentreIds
) -> None:
    pusher = Pusher(admin)
    pusher.run("open_thread", thread_id=centre.threads["sms"])
    page = admin.get("/api/v1/changes", params={"client_id": pusher.client_id}).json()
    assert page["last_seq"] == 1


def test_other_centres_rows_never_leak(api: TestClient, admin: Caller, database: Database) -> None:
    from tests.support.callers import sign_in
    from tests.support.factories import make_centre

    other = make_centre(database)
    tables, _ = pull_all(sign_in(api, other.usernames["admin"]))
    mine, _ = pull_all(admin)
    assert ids_of(tables, "thread").isdisjoint(ids_of(mine, "thread"))
    assert ids_of(tables, "thread") == set(other.threads.values())


def test_a_room_move_makes_the_teacher_start_over_with_what_they_may_see(
    teacher: Caller, centre: CentreIds, database: Database
) -> None:
    tables, cursor = pull_all(teacher)
    assert ids_of(tables, "thread") == {centre.threads["classroom_a"]}
    with database.writing() as session:
        assignment = session.scalars(
            select(orm.StaffRoom).where(orm.StaffRoom.staff_id == centre.teacher)
        ).one()
        assignment.room_id = centre.room_b
        stamp(session, centre.centre)
    answer = teacher.get("/api/v1/changes", params={"after": cursor})
    assert answer.status_code == 410
    assert "access changed" in answer.json()["detail"]
    refetched, _ = pull_all(teacher)
    assert ids_of(refetched, "thread") == {centre.threads["classroom_b"]}


def test_a_paged_initial_sync_finishes_when_the_callers_own_row_is_newer(
    admin: Caller, centre: CentreIds, database: Database
) -> None:
    """Regression: an initial sync's cursor got 410 on every second page.

    A cursor mid-way through an initial sync sat below the staff row's version and got
    410 on every second page, so the sync never finished.
    """
    with database.writing() as session:
        session.get_one(orm.Staff, centre.admin).phone = "+12025550188"
        stamp(session, centre.centre)
    tables, cursor = pull_all(admin, limit=2)
    assert ids_of(tables, "thread") == set(centre.threads.values())
    assert "/" in cursor  # the access version the cursor was issued under
    assert admin.get("/api/v1/changes", params={"after": cursor}).status_code == 200
