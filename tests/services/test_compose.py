"""New Message as a use case: the preview the dialog shows is what the server sends."""

from __future__ import annotations

import pytest

from desk.core.fanout import ExclusionReason
from desk.core.kinds import ThreadKind
from desk.core.sms import EMERGENCY_SMS_LIMIT
from desk.models.cache import Cache
from desk.server.db import Database
from desk.services import compose
from desk.services.directory import who_am_i
from tests.support.factories import CentreIds
from tests.support.office import SignIn, opt_out, remove_phone, set_quota


def count(cache: Cache, sql: str, *params: object) -> int:
    [(n,)] = cache.read(sql, *params)
    return int(n)


def test_preview_counts_guardians_conversations_and_phones(
    office: SignIn, centre: CentreIds
) -> None:
    admin = office("admin")
    chosen = [centre.students["leo"], centre.students["kim"]]
    seen = compose.preview(admin.cache, chosen)
    # Diaz: Maria (Rosa is a pickup, not messaged); Lee: Ann and Ben, split.
    assert sorted(g.name for g in seen.guardians) == ["Ann Lee", "Ben Lee", "Maria Diaz"]
    assert seen.families == 2
    assert seen.conversations == 3  # one Diaz thread, a private one per Lee parent
    assert sorted(seen.phones) == ["+15555550101", "+15555550102", "+15555550103"]
    assert seen.excluded == []


def test_opted_out_guardians_and_shared_numbers_are_excluded_with_the_reason(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    opt_out(server_database, centre, "rosa")  # shares Maria's number
    opt_out(server_database, centre, "ben")
    remove_phone(server_database, centre, "ann")
    admin = office("admin")
    seen = compose.preview(admin.cache, [centre.students["leo"], centre.students["kim"]])
    reasons = {e.guardian.name: e.reason for e in seen.excluded}
    assert reasons == {
        "Maria Diaz": ExclusionReason.SHARED_NUMBER_OPTED_OUT,
        "Ben Lee": ExclusionReason.OPTED_OUT,
        "Ann Lee": ExclusionReason.NO_PHONE,
    }
    assert seen.shared_opt_outs[centre.guardians["maria"]] == ["Rosa Diaz"]
    assert seen.phones == []
    message = compose.NewMessage(
        (centre.students["leo"],), ThreadKind.CLASSROOM, "Closed today", emergency_sms=True
    )
    found = compose.problems(message, seen, compose.sms_quota(admin.cache), who_am_i(admin.cache))
    assert found.nobody_texted
    with pytest.raises(compose.ComposeRefused, match="none of the guardians"):
        compose.send_new_message(admin.cache, message, who_am_i(admin.cache))


def test_new_message_reaches_every_guardian_and_the_kiosk_once_synced(
    office: SignIn, centre: CentreIds
) -> None:
    admin = office("admin")
    me = who_am_i(admin.cache)
    message = compose.NewMessage(
        (centre.students["kim"], centre.students["leo"]),
        ThreadKind.OFFICE,
        "Picture day is Friday",
        show_at_kiosk=True,
    )
    compose.send_new_message(admin.cache, message, me)
    queued_threads = count(
        admin.cache, "SELECT COUNT(*) FROM message WHERE body = ?", "Picture day is Friday"
    )
    assert queued_threads == 3  # shown at once, before any sync
    result = admin.sync()
    assert result.rejected == []
    assert count(admin.cache, "SELECT COUNT(*) FROM outbox") == 0
    confirmed = count(
        admin.cache,
        "SELECT COUNT(*) FROM message WHERE body = ? AND version > 0",
        "Picture day is Friday",
    )
    assert confirmed == 3
    kiosk = admin.cache.read(
        "SELECT guardian_id FROM kiosk_message WHERE body = ? ORDER BY guardian_id",
        "Picture day is Friday",
    )
    expected = sorted(centre.guardians[k] for k in ("maria", "ann", "ben"))
    assert [g for (g,) in kiosk] == expected


def test_emergency_text_over_the_limit_or_the_quota_is_refused_before_queueing(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    set_quota(server_database, centre, 4)
    admin = office("admin")
    me = who_am_i(admin.cache)
    kim = (centre.students["kim"],)
    too_long = compose.NewMessage(
        kim, ThreadKind.CLASSROOM, "x" * (EMERGENCY_SMS_LIMIT + 1), emergency_sms=True
    )
    with pytest.raises(compose.ComposeRefused, match="300 characters"):
        compose.send_new_message(admin.cache, too_long, me)
    exactly = compose.NewMessage(
        kim, ThreadKind.CLASSROOM, "x" * EMERGENCY_SMS_LIMIT, emergency_sms=True
    )
    # Ann and Ben: 2 texts of 300 GSM-7 characters, 2 segments each (issue 12 item 12:
    # the quota is counted in segments, as carriers bill).
    assert compose.preview(admin.cache, kim).segments(exactly.body) == 4
    compose.send_new_message(admin.cache, exactly, me)
    assert admin.sync().rejected == []
    quota = compose.sms_quota(admin.cache)
    assert (quota.limit, quota.used, quota.remaining) == (4, 4, 0)
    again = compose.NewMessage(kim, ThreadKind.CLASSROOM, "Still closed", emergency_sms=True)
    with pytest.raises(compose.ComposeRefused, match="monthly text limit"):
        compose.send_new_message(admin.cache, again, me)
    assert count(admin.cache, "SELECT COUNT(*) FROM outbox") == 0


def test_a_teacher_writes_in_classroom_chat_to_their_own_rooms_only(
    office: SignIn, centre: CentreIds
) -> None:
    teacher = office("teacher")
    me = who_am_i(teacher.cache)
    assert me is not None
    assert not me.full_messaging
    assert not me.may_text
    assert compose.channels_for(me) == [ThreadKind.CLASSROOM]
    assert [r.id for r in compose.rooms_for(teacher.cache, me)] == [centre.room_a]
    names = [s.name for s in compose.pick_students(teacher.cache, me)]
    assert names == ["Kim Kid", "Leo Kid"]  # Ava is in Pre-K
    office_chat = compose.NewMessage((centre.students["kim"],), ThreadKind.OFFICE, "Hello")
    with pytest.raises(compose.ComposeRefused, match="Office Chat"):
        compose.send_new_message(teacher.cache, office_chat, me)
    classroom = compose.NewMessage((centre.students["kim"],), ThreadKind.CLASSROOM, "Hello")
    compose.send_new_message(teacher.cache, classroom, me)
    assert teacher.sync().rejected == []


def test_picking_students_by_family_guardian_phone_and_room(
    office: SignIn, centre: CentreIds
) -> None:
    admin = office("admin")
    me = who_am_i(admin.cache)

    def names(search: str = "", room: str | None = None) -> list[str]:
        return [s.name for s in compose.pick_students(admin.cache, me, search, room)]

    assert names() == ["Ava Kid", "Kim Kid", "Leo Kid"]
    assert names("Diaz") == ["Ava Kid", "Leo Kid"]
    assert names("Ben") == ["Kim Kid"]  # a guardian's name finds the children
    assert names("555 0103") == ["Kim Kid"]  # and so do a guardian's phone digits
    assert names(room=centre.room_b) == ["Ava Kid"]
    in_room = compose.students_in_room(admin.cache, me, centre.room_a)
    assert sorted(in_room) == sorted([centre.students["leo"], centre.students["kim"]])
    whole_room = compose.room_students(admin.cache, me, centre.room_a)
    assert [s.name for s in whole_room] == ["Kim Kid", "Leo Kid"]
    found = compose.find_students(admin.cache, [centre.students["leo"], "gone"])
    assert [s.name for s in found] == ["Leo Kid"]  # an id no longer cached is left out
    assert compose.find_students(admin.cache, []) == []
