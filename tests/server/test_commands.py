"""Commands: applied exactly once in sequence order, refusals recorded, rules enforced."""

from __future__ import annotations

from sqlalchemy import select

from desk.core.ids import derived_id, new_id, parent_thread_id
from desk.server import orm
from desk.server.db import Database
from tests.support.callers import Caller
from tests.support.factories import CentreIds
from tests.support.server_calls import Pusher, pull_all
from tests.support.server_rows import count


def test_a_retried_command_is_applied_once_and_returns_the_original_result(
    admin: Caller, centre: CentreIds, database: Database
) -> None:
    pusher = Pusher(admin)
    command = pusher.command(
        "send_message",
        message_id=new_id(),
        thread_id=centre.threads["office"],
        body="Invoice attached",
    )
    first = pusher.send(command).json()
    again = pusher.send(command).json()
    assert first["results"][0]["status"] == "applied"
    assert again["results"][0]["status"] == "duplicate"
    assert again["results"][0]["result"] == first["results"][0]["result"]
    assert again["last_seq"] == first["last_seq"] == 1
    assert count(database, orm.Message, thread_id=centre.threads["office"]) == 1


def test_a_reused_command_id_with_other_arguments_is_refused(
    admin: Caller, centre: CentreIds
) -> None:
    pusher = Pusher(admin)
    command = pusher.command("close_thread", thread_id=centre.threads["office"])
    assert pusher.send(command).status_code == 200
    tampered = {**command, "args": {"thread_id": centre.threads["sms"]}}
    answer = pusher.send(tampered)
    assert answer.status_code == 422
    assert "reused" in answer.json()["detail"]


def test_a_gap_in_the_sequence_stops_the_batch(admin: Caller, centre: CentreIds) -> None:
    pusher = Pusher(admin)
    first = pusher.command("open_thread", thread_id=centre.threads["sms"])
    second = pusher.command("close_thread", thread_id=centre.threads["sms"])
    third = pusher.command("reopen_thread", thread_id=centre.threads["sms"])
    answer = pusher.send(first, third).json()
    assert [r["command_id"] for r in answer["results"]] == [first["command_id"]]
    assert answer["last_seq"] == 1
    resent = pusher.send(second, third).json()
    assert [r["status"] for r in resent["results"]] == ["applied", "applied"]
    assert resent["last_seq"] == 3


def test_a_refused_command_advances_the_sequence_and_writes_nothing(
    teacher: Caller, centre: CentreIds, database: Database
) -> None:
    pusher = Pusher(teacher)
    message_id = new_id()
    refused = pusher.run(
        "send_message", message_id=message_id, thread_id=centre.threads["office"], body="hi"
    )
    assert refused["status"] == "rejected"
    assert "access" in refused["error"]
    assert count(database, orm.Message, id=message_id) == 0
    ok = pusher.run(
        "send_message",
        message_id=new_id(),
        thread_id=centre.threads["classroom_a"],
        body="Nap went well",
    )
    assert ok["status"] == "applied"


def test_invalid_arguments_and_unknown_commands_are_rejected_not_crashed(
    admin: Caller, centre: CentreIds
) -> None:
    pusher = Pusher(admin)
    unknown = pusher.run("launch_rocket")
    assert unknown["status"] == "rejected"
    assert "unknown command" in unknown["error"]
    bad = pusher.run(
        "send_message", message_id=new_id(), thread_id=centre.threads["office"], body="x", extra=1
    )
    assert bad["status"] == "rejected"
    assert "extra" in bad["error"]
    empty = pusher.run(
        "send_message", message_id=new_id(), thread_id=centre.threads["office"], body="  "
    )
    assert empty["status"] == "rejected"
    assert "write a message or attach a file" in empty["error"]


def test_a_client_id_cannot_be_borrowed_by_another_account(
    admin: Caller, office: Caller, centre: CentreIds
) -> None:
    mine = Pusher(admin)
    mine.run("open_thread", thread_id=centre.threads["sms"])
    thief = Pusher(office)
    thief.client_id = mine.client_id
    assert (
        thief.send(thief.command("close_thread", thread_id=centre.threads["sms"])).status_code
        == 403
    )


def test_status_intents_follow_the_rules_and_are_audited(
    admin: Caller, centre: CentreIds, database: Database
) -> None:
    pusher = Pusher(admin)
    thread = centre.threads["sms"]
    assert pusher.run("open_thread", thread_id=thread)["result"] == {
        "status": "open",
        "changed": True,
    }
    assert pusher.run("close_thread", thread_id=thread)["result"]["status"] == "closed"
    again = pusher.run("close_thread", thread_id=thread)
    assert again["status"] == "applied"
    assert again["result"] == {"status": "closed", "changed": False}
    assert pusher.run("reopen_thread", thread_id=thread)["result"]["status"] == "open"
    with database.reading() as session:
        actions = session.scalars(
            select(orm.AuditEvent.action)
            .where(orm.AuditEvent.thread_id == thread)
            .order_by(orm.AuditEvent.version)
        ).all()
    assert actions == ["open", "close", "reopen"]


def test_sms_to_a_shared_number_needs_every_holder_opted_in(
    admin: Caller, centre: CentreIds, database: Database
) -> None:
    with database.writing() as session:
        session.get_one(orm.Guardian, centre.guardians["rosa"]).sms_opt_in = False
    result = Pusher(admin).run(
        "send_message", message_id=new_id(), thread_id=centre.threads["sms"], body="Pickup at 3?"
    )
    assert result["status"] == "rejected"
    assert "Rosa Diaz" in result["error"]


def test_sms_needs_mass_text(
    teacher: Caller, office: Caller, centre: CentreIds, database: Database
) -> None:
    with database.writing() as session:
        staff = session.get_one(orm.Staff, centre.office)
        staff.capabilities = "sms_logs"
    from fastapi.testclient import TestClient  # noqa: F401 - the office caller is re-resolved

    result = Pusher(office).run(
        "send_message", message_id=new_id(), thread_id=centre.threads["sms"], body="hello"
    )
    assert result["status"] == "rejected"
    assert "Mass Text permission" in result["error"]


def test_monthly_text_quota_is_enforced(
    admin: Caller, centre: CentreIds, database: Database
) -> None:
    with database.writing() as session:
        session.get_one(orm.Centre, centre.centre).sms_monthly_quota = 2
    pusher = Pusher(admin)
    outcomes = [
        pusher.run(
            "send_message", message_id=new_id(), thread_id=centre.threads["sms"], body=f"text {n}"
        )
        for n in range(3)
    ]
    assert [o["status"] for o in outcomes] == ["applied", "applied", "rejected"]
    assert "monthly text limit" in outcomes[2]["error"]


def test_emergency_sms_over_300_characters_is_refused(admin: Caller, centre: CentreIds) -> None:
    result = Pusher(admin).run(
        "send_new_message",
        student_ids=[centre.students["leo"]],
        channel="office",
        body="x" * 301,
        emergency_sms=True,
    )
    assert result["status"] == "rejected"
    assert "301" in result["error"]
    assert "300" in result["error"]


def test_new_message_reaches_every_guardian_with_private_threads_for_split_families(
    admin: Caller, centre: CentreIds, database: Database
) -> None:
    pusher = Pusher(admin)
    command = pusher.command(
        "send_new_message",
        student_ids=[centre.students["leo"], centre.students["ava"], centre.students["kim"]],
        channel="classroom",
        body="Photo day is Friday",
        show_at_kiosk=True,
    )
    result = pusher.send(command).json()["results"][0]
    assert result["status"] == "applied"
    assert result["result"]["guardians"] == 3  # Maria, Ann, Ben: Rosa is a pickup
    expected_threads = {
        parent_thread_id("classroom", centre.family, None),
        parent_thread_id("classroom", centre.split_family, centre.guardians["ann"]),
        parent_thread_id("classroom", centre.split_family, centre.guardians["ben"]),
    }
    with database.reading() as session:
        threads = set(
            session.scalars(
                select(orm.Message.thread_id).where(
                    orm.Message.id.in_(result["result"]["message_ids"])
                )
            )
        )
        kiosk = session.scalars(
            select(orm.KioskMessage.guardian_id).where(orm.KioskMessage.centre_id == centre.centre)
        ).all()
    assert threads == expected_threads
    assert set(result["result"]["message_ids"]) == {
        derived_id(command["command_id"], t) for t in expected_threads
    }
    assert sorted(kiosk) == sorted(centre.guardians[k] for k in ("maria", "ann", "ben"))


def test_office_channel_needs_full_messaging(teacher: Caller, centre: CentreIds) -> None:
    result = Pusher(teacher).run(
        "send_new_message", student_ids=[centre.students["leo"]], channel="office", body="hi"
    )
    assert result["status"] == "rejected"
    assert result["error"] == "this action needs the Full messaging access permission"
    assert result["result"]["reason"] == {
        "text": "this action needs the {permission} permission",
        "values": {"permission": {"phrase": "Full messaging access"}},
    }


def test_group_conversation_limit_stop_and_read_only(admin: Caller, centre: CentreIds) -> None:
    pusher = Pusher(admin)
    too_many = pusher.run(
        "create_conversation",
        thread_id=new_id(),
        title="Trip",
        participants=[{"kind": "guardian", "id": new_id()} for _ in range(15)],
    )
    assert too_many["status"] == "rejected"
    assert "15" in too_many["error"]
    thread_id = new_id()
    created = pusher.run(
        "create_conversation",
        thread_id=thread_id,
        title="Field trip",
        participants=[
            {"kind": "guardian", "id": centre.guardians["maria"]},
            {"kind": "staff", "id": centre.teacher},
        ],
    )
    assert created["status"] == "applied"
    assert pusher.run("rename_conversation", thread_id=thread_id, title="  Zoo   trip ")[
        "result"
    ] == {"title": "Zoo trip"}
    assert pusher.run("mute_conversation", thread_id=thread_id)["result"] == {"muted": True}
    assert pusher.run("stop_conversation", thread_id=thread_id)["status"] == "applied"
    after_stop = pusher.run(
        "send_message", message_id=new_id(), thread_id=thread_id, body="one more thing"
    )
    assert after_stop["status"] == "rejected"
    assert "stopped" in after_stop["error"]


def test_seen_receipts_are_idempotent(admin: Caller, teacher: Caller, centre: CentreIds) -> None:
    message_id = new_id()
    Pusher(admin).run(
        "send_message",
        message_id=message_id,
        thread_id=centre.threads["classroom_a"],
        body="Snack list",
    )
    pusher = Pusher(teacher)
    assert pusher.run("mark_seen", message_ids=[message_id])["result"] == {"added": 1}
    assert pusher.run("mark_seen", message_ids=[message_id])["result"] == {"added": 0}
    tables, _ = pull_all(admin)
    assert [(r["message_id"], r["person_id"]) for r in tables["receipt"]] == [
        (message_id, centre.teacher)
    ]


def test_kiosk_acknowledges_messages_and_signs_children(
    admin: Caller, kiosk: Caller, centre: CentreIds, database: Database
) -> None:
    first, second = new_id(), new_id()
    office = Pusher(admin)
    for kiosk_id, body in ((first, "Bring boots"), (second, "Invoice due")):
        office.run(
            "queue_kiosk_message",
            kiosk_message_id=kiosk_id,
            guardian_id=centre.guardians["maria"],
            body=body,
        )
    tables, _ = pull_all(kiosk, "/api/v1/kiosk/changes")
    queued = sorted(tables["kiosk_message"], key=lambda m: m["entered_seq"])
    assert [m["body"] for m in queued] == ["Bring boots", "Invoice due"]
    device = Pusher(kiosk, "/api/v1/kiosk/commands")
    assert device.run("ack_kiosk_message", kiosk_message_id=first)["status"] == "applied"
    signed = device.run(
        "record_attendance",
        event_id=new_id(),
        student_id=centre.students["leo"],
        guardian_id=centre.guardians["rosa"],
        kind="sign_out",
    )
    assert signed["status"] == "applied"
    refused = device.run(
        "record_attendance",
        event_id=new_id(),
        student_id=centre.students["ava"],
        guardian_id=centre.guardians["rosa"],
        kind="sign_out",
    )
    assert refused["status"] == "rejected"
    assert "may not" in refused["error"]
    not_for_kiosk = device.run(
        "send_message", message_id=new_id(), thread_id=centre.threads["office"], body="x"
    )
    assert not_for_kiosk["status"] == "rejected"
    with database.reading() as session:
        assert session.get_one(orm.KioskMessage, first).acknowledged_at is not None
        assert session.get_one(orm.KioskMessage, second).acknowledged_at is None


def test_kiosk_messages_are_for_guardians_not_pickups(admin: Caller, centre: CentreIds) -> None:
    result = Pusher(admin).run(
        "queue_kiosk_message",
        kiosk_message_id=new_id(),
        guardian_id=centre.guardians["rosa"],
        body="hello",
    )
    assert result["status"] == "rejected"
