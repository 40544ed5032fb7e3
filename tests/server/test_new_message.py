"""New Message to anyone against a real server: mixed recipients, blind, group, audiences."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from desk.core.ids import new_id, parent_thread_id
from desk.core.kinds import AttendanceKind, EnrollmentType, ProgramKind
from desk.server import orm
from desk.server.db import Database
from desk.server.orm.base import utcnow
from tests.support.callers import Caller
from tests.support.conversation_facts import (
    CONVERSATION_TABLES,
    add_staff,
    attendance,
    rows_of,
)
from tests.support.factories import CentreIds
from tests.support.office import add_group, add_program, opt_out
from tests.support.server_calls import Pusher, pull_all

Served = Callable[[str], Caller]


def send(caller: Caller, **args: Any) -> dict[str, Any]:
    """Send one New Message; answers the command's outcome."""
    return Pusher(caller).run("send_new_message", body=args.pop("body", "Hello"), **args)


def test_one_message_reaches_staff_a_staff_group_and_two_rooms(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    c = served_centre
    ivy = add_staff(served_database, c, "Ivy")
    jon = add_staff(served_database, c, "Jon")
    kai = add_staff(served_database, c, "Kai")
    group = add_group(served_database, c, "Floaters", [jon, kai, c.admin])
    outcome = send(
        served("admin"),
        recipients=[
            {"kind": "staff", "id": ivy},
            {"kind": "staff_group", "id": group},
            {"kind": "room", "id": c.room_a},
            {"kind": "room", "id": c.room_b},
        ],
        channel="office",
        subject="Water off at 2 pm",
        body="The water is off from 2 pm; use the Pre-K sink.",
    )
    assert outcome["status"] == "applied", outcome["error"]
    result = outcome["result"]
    # Rooms A and B hold Leo, Ava (Diaz) and Kim (Lee, split: Ann and Ben).
    assert result["summary"] == {
        "guardians": 3,
        "families": 2,
        "staff": 3,  # Ivy, Jon, Kai; the admin sending is in the group but not messaged
        "conversations": 6,  # Diaz, Ann, Ben, and one private conversation per staff member
        "opted_out": 0,
        "no_phone": 0,
        "text": "3 guardians in 2 families and 3 staff members",
    }
    threads = rows_of(served_database, orm.Thread, id=result["thread_ids"])
    assert {t.kind for t in threads} == {"office", "group"}
    for thread in (t for t in threads if t.kind == "group"):
        members = rows_of(served_database, orm.Participant, thread_id=thread.id)
        assert len(members) == 2
        assert c.admin in {m.person_id for m in members}
        assert thread.title == "Water off at 2 pm"
    messages = rows_of(served_database, orm.Message, id=result["message_ids"])
    assert {m.subject for m in messages} == {"Water off at 2 pm"}


def test_blind_messages_leak_no_other_recipients_name_in_any_feed(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    """Done when (issue 13): individual messages are blind (seed 002).

    Two teachers without full messaging access and guardians of two families get one
    message each. Each teacher's feed, every conversation table of it, names neither
    the other teacher nor any guardian; every conversation the command wrote, read in
    full on the server, names only its own recipient (and the sender).
    """
    c = served_centre
    ivy = add_staff(served_database, c, "Ivy")
    jon = add_staff(served_database, c, "Jon")
    outcome = send(
        served("admin"),
        recipients=[
            {"kind": "staff", "id": ivy},
            {"kind": "staff", "id": jon},
            {"kind": "family", "id": c.family},
            {"kind": "family", "id": c.split_family},
        ],
        channel="office",
        show_at_kiosk=True,
        body="Photos are ready",
    )
    assert outcome["status"] == "applied", outcome["error"]
    guardians = [c.guardians[k] for k in ("maria", "ann", "ben")]
    names = ["Ivy", "Jon", "Maria", "Ann", "Ben", "Diaz", "Lee"]
    for me, other in (("Ivy", jon), ("Jon", ivy)):
        tables, _ = pull_all(served(me))
        text = repr({t: tables.get(t, []) for t in CONVERSATION_TABLES})
        assert tables["message"], f"{me} did not receive the message"
        for leak in [other, *guardians, *(n for n in names if n != me)]:
            assert leak not in text, f"{me}'s feed names {leak}"
    ids = set(outcome["result"]["thread_ids"])
    staff_threads = {
        t.id for t in rows_of(served_database, orm.Thread, id=list(ids)) if t.kind == "group"
    }
    for thread_id in staff_threads:
        members = {
            p.person_id for p in rows_of(served_database, orm.Participant, thread_id=thread_id)
        }
        assert len(members - {c.admin}) == 1
    for thread_id in ids - staff_threads:
        thread = rows_of(served_database, orm.Thread, id=thread_id)[0]
        family = {g.id for g in rows_of(served_database, orm.Guardian, family_id=thread.family_id)}
        messages = rows_of(served_database, orm.Message, thread_id=thread_id)
        deliveries = rows_of(served_database, orm.Delivery, message_id=[m.id for m in messages])
        assert {d.recipient_id for d in deliveries} <= family
        assert thread.guardian_id in (None, *family)
        assert thread.title == ""
    copies = rows_of(served_database, orm.KioskMessage, guardian_id=guardians)
    for copy in copies:
        thread = rows_of(served_database, orm.Thread, id=copy.thread_id)[0]
        owner = rows_of(served_database, orm.Guardian, id=copy.guardian_id)[0]
        assert thread.family_id == owner.family_id
        assert thread.guardian_id in (None, owner.id)


def test_a_group_new_message_is_one_conversation_of_at_most_15(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    c = served_centre
    staff = [add_staff(served_database, c, f"Member{n}") for n in range(12)]
    admin = served("admin")
    chips = [{"kind": "staff", "id": s} for s in staff] + [{"kind": "family", "id": c.split_family}]
    too_many = send(
        admin,
        recipients=[*chips, {"kind": "guardian", "id": c.guardians["maria"]}],
        mode="group",
        subject="Gala",
    )
    assert too_many["status"] == "rejected"
    assert "up to 15 people" in too_many["error"]
    assert "this one has 16" in too_many["error"]
    fits = send(admin, recipients=chips, mode="group", subject="Gala", body="Who can help?")
    assert fits["status"] == "applied", fits["error"]
    [thread_id] = fits["result"]["thread_ids"]
    members = rows_of(served_database, orm.Participant, thread_id=thread_id)
    assert len(members) == 15  # the sender, 12 staff, Ann and Ben
    assert {m.person_id for m in members} == {
        c.admin,
        *staff,
        c.guardians["ann"],
        c.guardians["ben"],
    }
    assert fits["result"]["summary"]["conversations"] == 1
    unread = {m.person_id: m.unread_count for m in members if m.person_kind == "staff"}
    assert unread == {c.admin: 0, **dict.fromkeys(staff, 1)}


def test_everyone_signed_in_right_now_is_the_families_of_children_in_today(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    """Leo is in; Kim came and left today; Ava was signed in yesterday and never out."""
    c = served_centre
    now = utcnow()
    attendance(served_database, c, "leo", AttendanceKind.SIGN_IN, now - timedelta(minutes=5))
    attendance(served_database, c, "kim", AttendanceKind.SIGN_IN, now - timedelta(minutes=4))
    attendance(served_database, c, "kim", AttendanceKind.SIGN_OUT, now - timedelta(minutes=2))
    attendance(served_database, c, "ava", AttendanceKind.SIGN_IN, now - timedelta(days=2))
    outcome = send(
        served("admin"),
        recipients=[{"kind": "signed_in"}],
        channel="office",
        emergency_sms=True,
        body="A pipe burst: please collect your child by 3 pm.",
    )
    assert outcome["status"] == "applied", outcome["error"]
    assert outcome["result"]["summary"]["guardians"] == 1  # Maria only
    texts = rows_of(served_database, orm.Delivery, message_id=outcome["result"]["message_ids"])
    assert [(d.channel, d.address) for d in texts] == [("sms", "+15555550101")]


def test_a_program_reaches_only_active_enrollments_and_opt_outs_are_counted(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    c = served_centre
    opt_out(served_database, c, "ben")
    program = add_program(
        served_database,
        c,
        ProgramKind.CAMP,
        "Art camp",
        {"kim": EnrollmentType.ACTIVE, "leo": EnrollmentType.WAITLIST},
        starts_on=utcnow().date(),
    )
    outcome = send(served("admin"), recipients=[{"kind": "program", "id": program}])
    assert outcome["status"] == "applied", outcome["error"]
    summary = outcome["result"]["summary"]
    assert (summary["guardians"], summary["families"], summary["opted_out"]) == (2, 1, 1)
    assert summary["text"] == "2 guardians in 1 family; 1 opted out"


def test_teachers_message_only_the_families_of_their_rooms(
    served: Served, served_centre: CentreIds
) -> None:
    teacher = served("teacher")  # of room A: Leo (Diaz) and Kim (Lee)
    for chips, reason in (
        ([{"kind": "all_families"}], "needs full messaging access"),
        ([{"kind": "signed_in"}], "needs full messaging access"),
        ([{"kind": "student", "id": served_centre.students["ava"]}], "not in one of your rooms"),
        ([{"kind": "room", "id": served_centre.room_b}], "not in one of your rooms"),
    ):
        outcome = send(teacher, recipients=chips)
        assert outcome["status"] == "rejected"
        assert reason in outcome["error"]
    mine = send(teacher, recipients=[{"kind": "room", "id": served_centre.room_a}])
    assert mine["status"] == "applied", mine["error"]
    assert mine["result"]["summary"]["families"] == 2


def test_recipients_that_cannot_be_expanded_are_refused_with_a_reason(
    served: Served, served_centre: CentreIds
) -> None:
    admin = served("admin")
    cases: list[tuple[list[dict[str, Any]], str]] = [
        ([{"kind": "guardian", "id": served_centre.guardians["rosa"]}], "authorized pickup"),
        ([{"kind": "family", "id": new_id()}], "does not exist"),
        ([{"kind": "staff"}], "needs an id"),
        ([{"kind": "all_staff", "id": new_id()}], "takes no id"),
        ([{"kind": "planet", "id": new_id()}], "invalid arguments"),
        ([], "pick at least one recipient"),
    ]
    for chips, reason in cases:
        outcome = send(admin, recipients=chips)
        assert outcome["status"] == "rejected", chips
        assert reason in outcome["error"], (chips, outcome["error"])


def test_older_clients_student_ids_still_reach_every_guardian(
    served: Served, served_centre: CentreIds
) -> None:
    """A command queued by an older client (student_ids, no recipients) works as before."""
    c = served_centre
    outcome = send(served("admin"), student_ids=[c.students["kim"]], channel="classroom")
    assert outcome["status"] == "applied", outcome["error"]
    assert outcome["result"]["guardians"] == 2
    assert set(outcome["result"]["thread_ids"]) == {
        parent_thread_id("classroom", c.split_family, c.guardians["ann"]),
        parent_thread_id("classroom", c.split_family, c.guardians["ben"]),
    }
