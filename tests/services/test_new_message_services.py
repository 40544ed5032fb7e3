"""New Message to anyone as a use case: the confirmation is what the server answers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from desk.core.audience import Pick, PickKind, SendMode
from desk.core.fanout import ExclusionReason
from desk.core.ids import new_id
from desk.core.kinds import AttendanceKind, ThreadKind
from desk.core.sms import EMERGENCY_SMS_LIMIT
from desk.models.cache import Cache
from desk.server import orm
from desk.server.db import Database
from desk.server.orm.base import utcnow
from desk.services import new_message
from desk.services.compose import (
    ComposeRefused,
    channels_for,
    pick_students,
    room_students,
    rooms_for,
    sms_quota,
)
from desk.services.directory import who_am_i
from tests.support.conversation_facts import add_staff, attendance
from tests.support.factories import CentreIds
from tests.support.office import (
    Office,
    SignIn,
    add_group,
    opt_out,
    remove_phone,
    set_phone,
    set_quota,
)


def server_summary(office: Office, args: dict[str, Any]) -> dict[str, Any]:
    """What the server answers to these arguments, sent from a client of their own."""
    answer = office.api.push(
        new_id(),
        [{"command_id": new_id(), "seq": 1, "name": "send_new_message", "args": args}],
    )
    [result] = answer["results"]
    assert result["status"] == "applied", result["error"]
    summary: dict[str, Any] = result["result"]["summary"]
    return summary


def count(cache: Cache, sql: str, *params: object) -> int:
    [(n,)] = cache.read(sql, *params)
    return int(n)


def test_the_confirmation_says_what_the_server_answers(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    ivy = add_staff(server_database, centre, "Ivy")
    jon = add_staff(server_database, centre, "Jon")
    group = add_group(server_database, centre, "Floaters", [jon, centre.teacher])
    attendance(
        server_database, centre, "kim", AttendanceKind.SIGN_IN, utcnow() - timedelta(minutes=3)
    )
    admin = office("admin")
    picks = (
        Pick(PickKind.STAFF, ivy),
        Pick(PickKind.STAFF_GROUP, group),
        Pick(PickKind.ROOM, centre.room_b),
        Pick(PickKind.SIGNED_IN),
    )
    seen = new_message.audience(admin.cache, picks, who_am_i(admin.cache))
    assert seen.error is None
    args = {
        "recipients": [{"kind": p.kind.value} | ({"id": p.id} if p.id else {}) for p in picks],
        "channel": "office",
        "body": "Fire drill at 10",
    }
    assert seen.summary.as_json() == server_summary(admin, args)
    assert seen.summary.text() == "3 guardians in 2 families and 3 staff members"
    assert not seen.needs_confirmation(emergency=False)
    assert seen.needs_confirmation(emergency=True)


def test_a_new_message_shows_at_once_and_the_server_confirms_the_same_rows(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    ivy = add_staff(server_database, centre, "Ivy")
    admin = office("admin")
    draft = new_message.Draft(
        picks=(Pick(PickKind.STAFF, ivy), Pick(PickKind.FAMILY, centre.split_family)),
        channel=ThreadKind.OFFICE,
        body="Parent evening on Thursday",
        subject="Thursday",
    )
    sent = new_message.send(admin.cache, draft, who_am_i(admin.cache))
    assert sent.summary.conversations == 3  # Ann, Ben (split family) and Ivy
    body = "Parent evening on Thursday"
    assert count(admin.cache, "SELECT COUNT(*) FROM message WHERE body = ?", body) == 3
    local = {r[0] for r in admin.cache.read("SELECT thread_id FROM message WHERE body = ?", body)}
    assert admin.sync().rejected == []
    confirmed = admin.cache.read(
        "SELECT thread_id, version FROM message WHERE body = ?", "Parent evening on Thursday"
    )
    assert {thread for thread, _ in confirmed} == local  # the same rows, now confirmed
    assert all(version > 0 for _, version in confirmed)
    [(title,)] = admin.cache.read(
        "SELECT title FROM thread WHERE kind = 'group' AND id IN"
        " (SELECT thread_id FROM message WHERE body = ?)",
        "Parent evening on Thursday",
    )
    assert title == "Thursday"


def test_a_group_over_15_is_refused_before_anything_is_queued(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    staff = [add_staff(server_database, centre, f"Member{n}") for n in range(14)]
    admin = office("admin")
    me = who_am_i(admin.cache)
    picks = tuple(Pick(PickKind.STAFF, s) for s in staff)
    fits = new_message.audience(admin.cache, picks, me, SendMode.GROUP)
    assert fits.error is None
    assert fits.summary.conversations == 1
    over = (*picks, Pick(PickKind.GUARDIAN, centre.guardians["maria"]))
    seen = new_message.audience(admin.cache, over, me, SendMode.GROUP)
    assert seen.error == "a conversation can include up to 15 people; this one has 16"
    draft = new_message.Draft(over, ThreadKind.CLASSROOM, "Gala", mode=SendMode.GROUP)
    with pytest.raises(ComposeRefused, match="up to 15 people"):
        new_message.send(admin.cache, draft, me)
    assert count(admin.cache, "SELECT COUNT(*) FROM outbox") == 0


@pytest.mark.parametrize(
    ("pick", "reason"),
    [
        ("rosa", "Rosa Diaz is an authorized pickup; pickups are not messaged"),
        ("nobody", "does not exist"),
    ],
)
def test_recipients_that_cannot_be_messaged_say_why(
    office: SignIn, centre: CentreIds, pick: str, reason: str
) -> None:
    admin = office("admin")
    guardian = centre.guardians.get(pick, new_id())
    seen = new_message.audience(
        admin.cache, (Pick(PickKind.GUARDIAN, guardian),), who_am_i(admin.cache)
    )
    assert seen.error is not None
    assert reason in seen.error


def test_the_picker_lists_guardians_but_not_pickups(office: SignIn, centre: CentreIds) -> None:
    admin = office("admin")
    assert [(c.name, c.detail) for c in new_message.pick_guardians(admin.cache, "lee")] == [
        ("Ann Lee", "Lee"),
        ("Ben Lee", "Lee"),
    ]
    assert new_message.pick_guardians(admin.cache, "rosa") == []  # a pickup


def test_the_name_typed_exactly_comes_first(office: SignIn, centre: CentreIds) -> None:
    """Regression: "Lee" listed Ann Lee and Ben Lee before the Lee family itself."""
    admin = office("admin")
    found = new_message.pick_anyone(admin.cache, who_am_i(admin.cache), "lee")
    assert (found[0].kind, found[0].name) == ("family", "Lee")
    assert {c.name for c in found[1:]} >= {"Ann Lee", "Ben Lee"}


def students(centre: CentreIds, *names: str) -> tuple[Pick, ...]:
    """Student chips, as "Select all in room" or the type-ahead picks them."""
    return tuple(Pick(PickKind.STUDENT, centre.students[name]) for name in names)


def test_student_picks_reach_their_guardians_phones_and_conversations(
    office: SignIn, centre: CentreIds
) -> None:
    admin = office("admin")
    seen = new_message.audience(admin.cache, students(centre, "leo", "kim"), who_am_i(admin.cache))
    assert seen.error is None
    # Diaz: Maria (Rosa is a pickup, not messaged); Lee: Ann and Ben, split.
    assert sorted(g.name for g in seen.expanded.guardians) == ["Ann Lee", "Ben Lee", "Maria Diaz"]
    assert (seen.summary.guardians, seen.summary.families) == (3, 2)
    assert seen.summary.conversations == 3  # one Diaz thread, a private one per Lee parent
    assert sorted(seen.phones) == ["+15555550101", "+15555550102", "+15555550103"]
    assert seen.excluded == []


def test_an_emergency_text_nobody_can_receive_is_refused_with_each_reason(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    opt_out(server_database, centre, "rosa")  # shares Maria's number
    opt_out(server_database, centre, "ben")
    remove_phone(server_database, centre, "ann")
    admin = office("admin")
    me = who_am_i(admin.cache)
    picks = students(centre, "leo", "kim")
    seen = new_message.audience(admin.cache, picks, me)
    reasons = {e.guardian.name: e.reason for e in seen.excluded}
    assert reasons == {
        "Maria Diaz": ExclusionReason.SHARED_NUMBER_OPTED_OUT,
        "Ben Lee": ExclusionReason.OPTED_OUT,
        "Ann Lee": ExclusionReason.NO_PHONE,
    }
    assert seen.shared_opt_outs[centre.guardians["maria"]] == ["Rosa Diaz"]
    assert seen.phones == []
    draft = new_message.Draft(picks, ThreadKind.CLASSROOM, "Closed today", emergency_sms=True)
    assert new_message.problem(draft, seen, sms_quota(admin.cache), me) == (
        "none of the guardians can receive a text message"
    )
    with pytest.raises(ComposeRefused, match="none of the guardians"):
        new_message.send(admin.cache, draft, me)
    assert count(admin.cache, "SELECT COUNT(*) FROM outbox") == 0


def test_emergency_text_over_the_limit_or_the_quota_is_refused_before_queueing(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    set_quota(server_database, centre, 4)
    admin = office("admin")
    me = who_am_i(admin.cache)
    kim = students(centre, "kim")
    too_long = new_message.Draft(
        kim, ThreadKind.CLASSROOM, "x" * (EMERGENCY_SMS_LIMIT + 1), emergency_sms=True
    )
    with pytest.raises(ComposeRefused, match="300 characters"):
        new_message.send(admin.cache, too_long, me)
    exactly = new_message.Draft(
        kim, ThreadKind.CLASSROOM, "x" * EMERGENCY_SMS_LIMIT, emergency_sms=True
    )
    # Ann and Ben: 2 texts of 300 GSM-7 characters, 2 segments each (issue 12 item 12:
    # the quota is counted in segments, as carriers bill).
    assert new_message.audience(admin.cache, kim, me).segments(exactly.body) == 4
    new_message.send(admin.cache, exactly, me)
    assert admin.sync().rejected == []
    quota = sms_quota(admin.cache)
    assert (quota.limit, quota.used, quota.remaining) == (4, 4, 0)
    again = new_message.Draft(kim, ThreadKind.CLASSROOM, "Still closed", emergency_sms=True)
    with pytest.raises(ComposeRefused, match="monthly text limit"):
        new_message.send(admin.cache, again, me)
    assert count(admin.cache, "SELECT COUNT(*) FROM outbox") == 0


def test_the_labels_and_segments_shown_are_what_the_server_plans(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    """Regression (issue 11, bench_people): the segments are counted once per distinct label.

    The texts the server plans must still match the labels and counts phone by phone.
    """
    admin = office("admin")
    me = who_am_i(admin.cache)
    chosen = students(centre, "leo", "kim")
    body = "x" * 150  # 1 segment alone, 2 behind a "For" label
    seen = new_message.audience(admin.cache, chosen, me)
    assert dict(zip(seen.phones, seen.labels, strict=True)) == {
        "+15555550101": "For Maria",  # Rosa, a pickup, shares Maria's number
        "+15555550102": "",
        "+15555550103": "",
    }
    assert seen.segments(body) == 2 + 1 + 1
    # Ann (Lee family) now shares Maria's number too: the label names the families.
    set_phone(server_database, centre, "ann", "+15555550101")
    admin.sync()
    seen = new_message.audience(admin.cache, chosen, me)
    labels = dict(zip(seen.phones, seen.labels, strict=True))
    assert labels.keys() == {"+15555550101", "+15555550103"}
    assert labels["+15555550103"] == ""
    # Named in fan-out order, which follows the (random) family ids.
    assert labels["+15555550101"] in {
        "For Maria (Diaz family) & Ann (Lee family)",
        "For Ann (Lee family) & Maria (Diaz family)",
    }
    assert seen.segments(body) == 2 + 1
    assert seen.segments("Closed today") == 2
    draft = new_message.Draft(chosen, ThreadKind.CLASSROOM, body, emergency_sms=True)
    new_message.send(admin.cache, draft, me)
    assert admin.sync().rejected == []
    with server_database.reading() as session:
        planned = session.execute(
            select(orm.Delivery.address, orm.Delivery.for_label, orm.Delivery.segments)
            .join(orm.Message, orm.Message.id == orm.Delivery.message_id)
            .where(orm.Message.body == body, orm.Delivery.channel == "sms")
        ).all()
    assert {address: label for address, label, _ in planned} == labels
    assert sum(segments for _, _, segments in planned) == seen.segments(body)


def test_a_teacher_may_not_write_in_office_chat_but_may_in_classroom_chat(
    office: SignIn, centre: CentreIds
) -> None:
    teacher = office("teacher")
    me = who_am_i(teacher.cache)
    assert me is not None
    assert not me.full_messaging
    assert not me.may_text
    assert channels_for(me) == [ThreadKind.CLASSROOM]
    assert [r.id for r in rooms_for(teacher.cache, me)] == [centre.room_a]
    kim = students(centre, "kim")
    office_chat = new_message.Draft(kim, ThreadKind.OFFICE, "Hello")
    with pytest.raises(ComposeRefused, match="Office Chat"):
        new_message.send(teacher.cache, office_chat, me)
    texting = new_message.Draft(kim, ThreadKind.CLASSROOM, "Hello", emergency_sms=True)
    with pytest.raises(ComposeRefused, match="Mass Text"):
        new_message.send(teacher.cache, texting, me)
    assert count(teacher.cache, "SELECT COUNT(*) FROM outbox") == 0
    new_message.send(teacher.cache, new_message.Draft(kim, ThreadKind.CLASSROOM, "Hello"), me)
    assert teacher.sync().rejected == []
    assert count(teacher.cache, "SELECT COUNT(*) FROM message WHERE body = 'Hello'") == 2


def test_picking_students_by_family_guardian_phone_and_room(
    office: SignIn, centre: CentreIds
) -> None:
    """The student picker of the participants dialog and "Select all in room"."""
    admin = office("admin")
    me = who_am_i(admin.cache)

    def names(search: str = "", room: str | None = None) -> list[str]:
        return [s.name for s in pick_students(admin.cache, me, search, room)]

    assert names() == ["Ava Kid", "Kim Kid", "Leo Kid"]
    assert names("Diaz") == ["Ava Kid", "Leo Kid"]
    assert names("Ben") == ["Kim Kid"]  # a guardian's name finds the children
    assert names("555 0103") == ["Kim Kid"]  # and so do a guardian's phone digits
    assert names(room=centre.room_b) == ["Ava Kid"]
    whole_room = room_students(admin.cache, me, centre.room_a)
    assert [s.name for s in whole_room] == ["Kim Kid", "Leo Kid"]
    teacher = office("teacher")
    mine = who_am_i(teacher.cache)
    assert [s.name for s in pick_students(teacher.cache, mine)] == ["Kim Kid", "Leo Kid"]
