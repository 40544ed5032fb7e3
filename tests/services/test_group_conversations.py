"""Group conversations as use cases, two workstations on a real server (seed 004)."""

from __future__ import annotations

import pytest

from desk.core.kinds import PersonKind
from desk.models.inbox_sql import InboxFilter
from desk.server.db import Database
from desk.services.conversations import Conversations
from desk.services.group_conversations import ConversationRefused, GroupConversations, Person
from tests.support.conversation_facts import add_staff
from tests.support.factories import CentreIds
from tests.support.office import Office, SignIn


def start(office: Office, centre: CentreIds, *others: Person) -> str:
    """The admin's conversation with the teacher and Maria (and `others`), synced."""
    people = [
        Person(PersonKind.STAFF, centre.teacher),
        Person(PersonKind.GUARDIAN, centre.guardians["maria"]),
        *others,
    ]
    thread_id = GroupConversations(office.cache).create("Field trip", people)
    assert office.sync().rejected == []
    return thread_id


def test_participants_with_role_and_channel_and_the_16th_refused_in_the_dialog(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    helpers = [add_staff(server_database, centre, f"Helper{n}") for n in range(12)]
    admin = office("admin")
    groups = GroupConversations(admin.cache)
    thread_id = start(admin, centre)
    listed = [(p.name, p.role, p.channel) for p in groups.participants(thread_id)]
    assert listed == [
        ("Admin Staff", "admin", "app"),
        ("Teacher Staff", "teacher", "app"),
        ("Maria Diaz", "guardian", "sms"),
    ]
    twelve = [Person(PersonKind.STAFF, h) for h in helpers]
    assert groups.can_add(thread_id, twelve) is None  # 15 with them
    sixteenth = [*twelve, Person(PersonKind.GUARDIAN, centre.guardians["ann"])]
    assert groups.can_add(thread_id, sixteenth) == (
        "a conversation can include up to 15 people; this one has 16"
    )
    with pytest.raises(ConversationRefused, match="up to 15"):
        groups.add(thread_id, sixteenth)
    assert admin.cache.read("SELECT COUNT(*) FROM outbox") == [(0,)]
    groups.add(thread_id, twelve)
    groups.remove(thread_id, Person(PersonKind.GUARDIAN, centre.guardians["maria"]))
    assert len(groups.participants(thread_id)) == 14  # at once, before the server answers
    assert admin.sync().rejected == []
    assert len(groups.participants(thread_id)) == 14


def test_seen_by_shows_who_read_each_message_after_a_second_client_reads(
    office: SignIn, centre: CentreIds
) -> None:
    admin, teacher = office("admin"), office("teacher")
    thread_id = start(admin, centre)
    Conversations(admin.cache).reply(thread_id, "Bus at 9")
    assert admin.sync().rejected == []
    teacher.sync()
    assert Conversations(teacher.cache).mark_seen(thread_id) is not None
    assert Conversations(teacher.cache).mark_seen(thread_id) is None  # nothing new to mark
    assert teacher.sync().rejected == []
    admin.sync()
    [(message_id,)] = admin.cache.read("SELECT id FROM message WHERE body = 'Bus at 9'")
    seen = GroupConversations(admin.cache).seen_by(thread_id)
    assert [(s.name, s.person_kind) for s in seen[message_id]] == [("Teacher Staff", "staff")]
    assert seen[message_id][0].seen_at


def test_a_stopped_conversation_says_who_stopped_it_and_takes_no_reply(
    office: SignIn, centre: CentreIds
) -> None:
    admin, teacher = office("admin"), office("teacher")
    thread_id = start(admin, centre)
    teacher.sync()
    GroupConversations(teacher.cache).stop(thread_id)
    assert teacher.sync().rejected == []
    admin.sync()
    stop = GroupConversations(admin.cache).stopped(thread_id)
    assert stop is not None
    assert (stop.by_id, stop.by_name) == (centre.teacher, "Teacher Staff")
    assert stop.at
    with pytest.raises(ValueError, match="stopped"):
        Conversations(admin.cache).reply(thread_id, "one more thing")
    with pytest.raises(ConversationRefused, match="stopped"):
        GroupConversations(admin.cache).rename(thread_id, "Zoo")


def test_a_muted_conversation_syncs_but_counts_nothing_for_who_muted_it(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    ivy = add_staff(server_database, centre, "Ivy")
    admin, teacher, other = office("admin"), office("teacher"), office("Ivy")
    thread_id = start(admin, centre, Person(PersonKind.STAFF, ivy))
    teacher.sync()
    GroupConversations(teacher.cache).mute(thread_id)
    assert teacher.sync().rejected == []
    Conversations(admin.cache).reply(thread_id, "Lunch at noon")
    admin.sync()
    teacher.sync()
    other.sync()
    assert teacher.cache.read("SELECT COUNT(*) FROM message WHERE body = 'Lunch at noon'") == [(1,)]
    assert Conversations(teacher.cache).counters("group").unread_messages == 0
    assert Conversations(teacher.cache).thread(thread_id).unread_count == 0  # type: ignore[union-attr]
    assert GroupConversations(teacher.cache).muted() == {thread_id}
    assert Conversations(other.cache).counters("group").unread_messages == 1
    assert Conversations(other.cache).counters().unread_messages >= 1
    Conversations(other.cache).mark_seen(thread_id)
    other.sync()
    assert Conversations(other.cache).counters("group").unread_messages == 0


def test_archived_conversations_leave_the_active_list_for_the_archived_view(
    office: SignIn, centre: CentreIds
) -> None:
    admin = office("admin")
    thread_id = start(admin, centre)
    groups = GroupConversations(admin.cache)
    groups.archive(thread_id)
    assert admin.sync().rejected == []
    active = Conversations(admin.cache).page(InboxFilter(("group",), archived=False))
    assert thread_id not in {row.id for row in active}
    assert [row.id for row in groups.archived()] == [thread_id]
    groups.archive(thread_id, on=False)
    assert groups.archived() == []


def test_an_archived_conversation_counts_nothing_for_who_archived_it(
    office: SignIn, centre: CentreIds
) -> None:
    admin, teacher = office("admin"), office("teacher")
    thread_id = start(admin, centre)
    teacher.sync()
    opened = Conversations(teacher.cache).counters("group").open_conversations
    GroupConversations(teacher.cache).archive(thread_id)
    assert teacher.sync().rejected == []
    everything = Conversations(teacher.cache).counters().unread_messages
    Conversations(admin.cache).reply(thread_id, "Field trip forms due")
    admin.sync()
    teacher.sync()
    archived = Conversations(teacher.cache).counters("group")
    assert (archived.unread_messages, archived.open_conversations) == (0, opened - 1)
    assert Conversations(teacher.cache).counters().unread_messages == everything
    GroupConversations(teacher.cache).archive(thread_id, on=False)
    assert teacher.sync().rejected == []
    back = Conversations(teacher.cache).counters("group")
    assert (back.unread_messages, back.open_conversations) == (1, opened)
