"""Group conversations people can run, against a real server (seed 004, issue 13 item 2)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desk.core.ids import new_id
from desk.server import orm
from desk.server.db import Database
from tests.support.callers import Caller
from tests.support.conversation_facts import add_staff, rows_of
from tests.support.deliveries import texts_counted
from tests.support.factories import CentreIds
from tests.support.server_calls import Pusher, pull_all

Served = Callable[[str], Caller]


def start(admin: Caller, people: list[dict[str, str]], **extra: Any) -> tuple[str, str]:
    """A group New Message from `admin` to `people`; answers (thread id, message id)."""
    outcome = Pusher(admin).run(
        "send_new_message",
        recipients=people,
        mode="group",
        subject="Field trip",
        body="Bus leaves at 9.",
        **extra,
    )
    assert outcome["status"] == "applied", outcome["error"]
    [thread_id] = outcome["result"]["thread_ids"]
    [message_id] = outcome["result"]["message_ids"]
    return thread_id, message_id


def reply(caller: Caller, thread_id: str, body: str) -> dict[str, Any]:
    return Pusher(caller).run("send_message", message_id=new_id(), thread_id=thread_id, body=body)


def person(kind: str, person_id: str) -> dict[str, str]:
    return {"kind": kind, "id": person_id}


def test_a_removed_participant_stops_receiving_the_conversation(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    """Done when (issue 13): it leaves their feed, their kiosk copies and deliveries."""
    c = served_centre
    ivy = add_staff(served_database, c, "Ivy")
    admin, teacher = served("admin"), served("teacher")
    maria = c.guardians["maria"]
    thread_id, first = start(
        admin,
        [person("staff", c.teacher), person("staff", ivy), person("guardian", maria)],
        show_at_kiosk=True,
    )
    before, cursor = pull_all(teacher)
    assert thread_id in {t["id"] for t in before["thread"]}
    pending = rows_of(served_database, orm.Delivery, message_id=first, recipient_id=maria)
    assert pending
    assert all(d.state == "queued" for d in pending)
    texts_before = admin.get("/api/v1/sms-quota").json()["used"]
    admin_pusher = Pusher(admin)
    for who in (person("staff", c.teacher), person("guardian", maria)):
        removed = admin_pusher.run("remove_participant", thread_id=thread_id, participant=who)
        assert removed["status"] == "applied", removed["error"]
    # The teacher's feed starts over, and the conversation is no longer in it.
    assert teacher.get("/api/v1/changes", params={"after": cursor}).status_code == 410
    after, _ = pull_all(teacher)
    assert thread_id not in {t["id"] for t in after.get("thread", [])}
    assert not [m for m in after.get("message", []) if m["thread_id"] == thread_id]
    refused = reply(teacher, thread_id, "Still here?")
    assert refused["status"] == "rejected"
    assert "access" in refused["error"]
    # Maria's waiting kiosk copy is cancelled, her unsent notification withdrawn, and
    # a later message does not reach her.
    [copy] = rows_of(served_database, orm.KioskMessage, thread_id=thread_id, guardian_id=maria)
    assert copy.cancelled
    assert all(
        d.deleted for d in rows_of(served_database, orm.Delivery, id=[d.id for d in pending])
    )
    # Her unsent texts are given back to the month's quota.
    withdrawn_texts = sum(d.segments for d in pending if d.channel == "sms")
    assert admin.get("/api/v1/sms-quota").json()["used"] == texts_before - withdrawn_texts
    counted, summed = texts_counted(served_database, c.centre)
    assert counted == summed
    later = reply(admin, thread_id, "Bring a hat.")
    assert later["status"] == "applied", later["error"]
    later_id = rows_of(served_database, orm.Message, thread_id=thread_id, body="Bring a hat.")[0].id
    assert rows_of(served_database, orm.Delivery, message_id=later_id, recipient_id=maria) == []
    actions = [
        (e.action, e.detail)
        for e in rows_of(served_database, orm.AuditEvent, thread_id=thread_id)
        if e.action == "remove_participant"
    ]
    assert sorted(actions) == [
        ("remove_participant", "guardian Maria Diaz"),
        ("remove_participant", "staff Teacher Staff"),
    ]


def test_participants_are_added_within_15_and_a_newcomer_gets_the_history(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    c = served_centre
    admin, teacher = served("admin"), served("teacher")
    others = [add_staff(served_database, c, f"Helper{n}") for n in range(13)]
    thread_id, first = start(admin, [person("staff", s) for s in others])  # 14 people
    _, cursor = pull_all(teacher)
    pusher = Pusher(admin)
    added = pusher.run(
        "add_participant", thread_id=thread_id, participant=person("staff", c.teacher)
    )
    assert added["status"] == "applied", added["error"]
    assert added["result"] == {"added": True}
    again = pusher.run(
        "add_participant", thread_id=thread_id, participant=person("staff", c.teacher)
    )
    assert again["result"] == {"added": False}
    full = pusher.run(
        "add_participant", thread_id=thread_id, participant=person("guardian", c.guardians["ann"])
    )
    assert full["status"] == "rejected"
    assert "up to 15 people" in full["error"]
    assert teacher.get("/api/v1/changes", params={"after": cursor}).status_code == 410
    tables, _ = pull_all(teacher)
    assert first in {m["id"] for m in tables["message"]}  # the history before they joined
    [audit] = [
        e
        for e in rows_of(served_database, orm.AuditEvent, thread_id=thread_id)
        if e.action == "add_participant"
    ]
    assert audit.detail == "staff Teacher Staff"


def test_a_stopped_conversation_refuses_every_office_command_that_writes_to_it(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    """Done when (issue 13), office side: replies, retries, membership, renames."""
    c = served_centre
    admin, teacher = served("admin"), served("teacher")
    thread_id, first = start(
        admin, [person("staff", c.teacher), person("guardian", c.guardians["ann"])]
    )
    stopped = Pusher(teacher).run("stop_conversation", thread_id=thread_id)
    assert stopped["status"] == "applied", stopped["error"]
    assert stopped["result"] == {"stopped": True, "stopped_by": c.teacher}
    pusher = Pusher(admin)
    refusals = [
        reply(admin, thread_id, "one more thing"),
        pusher.run("retry_delivery", message_id=first),
        pusher.run("rename_conversation", thread_id=thread_id, title="Zoo trip"),
        pusher.run(
            "add_participant",
            thread_id=thread_id,
            participant=person("guardian", c.guardians["ben"]),
        ),
        pusher.run(
            "remove_participant", thread_id=thread_id, participant=person("staff", c.teacher)
        ),
    ]
    for refused in refusals:
        assert refused["status"] == "rejected"
        assert "stopped" in refused["error"]
    assert rows_of(served_database, orm.Message, thread_id=thread_id, body="one more thing") == []
    tables, _ = pull_all(admin)
    [row] = [t for t in tables["thread"] if t["id"] == thread_id]
    assert (row["stopped"], row["stopped_by"]) == (True, c.teacher)
    assert row["stopped_at"]
    # What is each person's own still works: muting, archiving.
    assert Pusher(teacher).run("archive_conversation", thread_id=thread_id)["status"] == "applied"


def test_a_muted_conversation_still_syncs_but_raises_no_counter_for_that_member(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    """Done when (issue 13): mute per staff member really silences."""
    c = served_centre
    ivy = add_staff(served_database, c, "Ivy")
    admin, teacher, ivy_caller = served("admin"), served("teacher"), served("Ivy")
    thread_id, _ = start(admin, [person("staff", c.teacher), person("staff", ivy)])
    assert Pusher(teacher).run("mark_seen", message_ids=[_])["result"] == {"added": 1}
    muted = Pusher(teacher).run("mute_conversation", thread_id=thread_id)
    assert muted["status"] == "applied", muted["error"]
    assert reply(admin, thread_id, "Lunch is at noon")["status"] == "applied"
    tables, _cursor = pull_all(teacher)
    assert "Lunch is at noon" in {m["body"] for m in tables["message"]}  # it still syncs
    counters = {
        p["person_id"]: (p["unread_count"], p["muted"])
        for p in tables["participant"]
        if p["thread_id"] == thread_id
    }
    assert counters[c.teacher] == (0, True)
    assert counters[ivy] == (2, False)  # the first message and this one
    message_ids = [m["id"] for m in tables["message"] if m["thread_id"] == thread_id]
    assert Pusher(ivy_caller).run("mark_seen", message_ids=message_ids)["result"] == {"added": 2}
    [mine] = rows_of(served_database, orm.Participant, thread_id=thread_id, person_id=ivy)
    assert mine.unread_count == 0
    assert [
        e.action
        for e in rows_of(served_database, orm.AuditEvent, thread_id=thread_id)
        if e.action in ("mute", "unmute")
    ] == ["mute"]


def test_archive_is_each_participants_own_and_reaches_the_feed(
    served: Served, served_centre: CentreIds
) -> None:
    c = served_centre
    admin, teacher = served("admin"), served("teacher")
    thread_id, _ = start(admin, [person("staff", c.teacher)])
    assert Pusher(teacher).run("archive_conversation", thread_id=thread_id)["status"] == "applied"
    tables, _cursor = pull_all(admin)
    archived = {
        p["person_id"]: p["archived"] for p in tables["participant"] if p["thread_id"] == thread_id
    }
    assert archived == {c.teacher: True, c.admin: False}
    back = Pusher(teacher).run("archive_conversation", thread_id=thread_id, on=False)
    assert back["result"] == {"archived": False}


def test_every_action_on_a_conversation_is_audited_with_who_did_it(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    c = served_centre
    admin, teacher = served("admin"), served("teacher")
    thread_id = new_id()
    pusher = Pusher(admin)
    steps: list[tuple[Caller, str, dict[str, Any]]] = [
        (
            admin,
            "create_conversation",
            {"title": "Trip", "participants": [person("staff", c.teacher)]},
        ),
        (admin, "add_participant", {"participant": person("guardian", c.guardians["ann"])}),
        (admin, "remove_participant", {"participant": person("guardian", c.guardians["ann"])}),
        (admin, "rename_conversation", {"title": "Zoo trip"}),
        (teacher, "mute_conversation", {}),
        (teacher, "mute_conversation", {"on": False}),
        (teacher, "archive_conversation", {}),
        (teacher, "archive_conversation", {"on": False}),
        (admin, "stop_conversation", {}),
    ]
    for caller, name, args in steps:
        outcome = (pusher if caller is admin else Pusher(caller)).run(
            name, thread_id=thread_id, **args
        )
        assert outcome["status"] == "applied", (name, outcome["error"])
    events = sorted(
        rows_of(served_database, orm.AuditEvent, thread_id=thread_id), key=lambda e: e.version
    )
    assert [(e.action, e.actor_id) for e in events] == [
        ("create_conversation", c.admin),
        ("add_participant", c.admin),
        ("remove_participant", c.admin),
        ("rename", c.admin),
        ("mute", c.teacher),
        ("unmute", c.teacher),
        ("archive", c.teacher),
        ("unarchive", c.teacher),
        ("stop", c.admin),
    ]


def test_every_participants_receipts_reach_whoever_may_read_the_conversation(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    """Seen-by (issue 13 item 3): each receipt is a row of its own, sent with the thread."""
    c = served_centre
    ivy = add_staff(served_database, c, "Ivy")
    add_staff(served_database, c, "Outsider")
    admin, teacher, ivy_caller = served("admin"), served("teacher"), served("Ivy")
    thread_id, message_id = start(admin, [person("staff", c.teacher), person("staff", ivy)])
    for reader in (teacher, ivy_caller):
        assert Pusher(reader).run("mark_seen", message_ids=[message_id])["status"] == "applied"
    for viewer in (admin, teacher, ivy_caller):
        tables, _ = pull_all(viewer)
        readers = {r["person_id"] for r in tables["receipt"] if r["message_id"] == message_id}
        assert readers == {c.teacher, ivy}
    outsider, _ = pull_all(served("Outsider"))
    assert not [r for r in outsider.get("receipt", []) if r["message_id"] == message_id]
    assert thread_id not in {t["id"] for t in outsider.get("thread", [])}
