"""New Message to anyone as a use case: the confirmation is what the server answers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from desk.core.audience import Pick, PickKind, SendMode
from desk.core.ids import new_id
from desk.core.kinds import AttendanceKind, ThreadKind
from desk.models.cache import Cache
from desk.server.db import Database
from desk.server.orm.base import utcnow
from desk.services import new_message
from desk.services.compose import ComposeRefused
from desk.services.directory import who_am_i
from tests.support.conversation_facts import add_staff, attendance
from tests.support.factories import CentreIds
from tests.support.office import Office, SignIn, add_group


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


def test_the_picker_lists_guardians_staff_groups_and_programs(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    add_group(server_database, centre, "Kitchen", [centre.teacher])
    admin = office("admin")
    assert [(c.name, c.detail) for c in new_message.pick_guardians(admin.cache, "lee")] == [
        ("Ann Lee", "Lee"),
        ("Ben Lee", "Lee"),
    ]
    assert new_message.pick_guardians(admin.cache, "rosa") == []  # a pickup
    assert [(c.name, c.detail) for c in new_message.pick_staff_groups(admin.cache, "kit")] == [
        ("Kitchen", "1 members")
    ]
