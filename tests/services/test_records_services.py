"""Records, unknown numbers, templates and settings as use cases, on a real server."""

from __future__ import annotations

import pytest

from desk.core.ids import new_id
from desk.core.kinds import Channel, PersonKind
from desk.core.permissions import Capability
from desk.server import orm
from desk.server.db import Database
from desk.server.delivery.receipts import mark_failing
from desk.server.orm.base import utcnow
from desk.server.versioning import stamp
from desk.services import contacts, settings, templates
from desk.services.conversations import Conversations
from desk.services.directory import who_am_i
from tests.support.factories import CentreIds
from tests.support.office import SignIn, add_sms_thread, add_template, add_text

ENQUIRY = "+15555550199"


def one(cache_rows: list[tuple[object, ...]]) -> tuple[object, ...]:
    [row] = cache_rows
    return row


def test_preferences_show_at_once_and_the_other_workstation_follows(
    office: SignIn, centre: CentreIds
) -> None:
    clerk, admin = office("office"), office("admin")
    ann = centre.guardians["ann"]
    contacts.set_preferences(clerk.cache, PersonKind.GUARDIAN, ann, Channel.EMAIL, "ES")
    sql = "SELECT preferred_channel, language FROM guardian WHERE id = ?"
    assert one(clerk.cache.read(sql, ann)) == ("email", "es")  # before any sync
    assert clerk.sync().rejected == []
    admin.sync()
    assert one(admin.cache.read(sql, ann)) == ("email", "es")
    with pytest.raises(contacts.ContactRefused, match="not a language code"):
        contacts.set_preferences(clerk.cache, PersonKind.GUARDIAN, ann, Channel.SMS, "español")
    with pytest.raises(contacts.ContactRefused, match="phone number"):
        contacts.set_preferences(clerk.cache, PersonKind.STAFF, centre.office, Channel.SMS, "en")
    assert clerk.cache.read("SELECT COUNT(*) FROM outbox") == [(0,)]
    assert contacts.channel_problem(Channel.EMAIL, phone="+15555550100", email=None) == (
        "email needs an email address on the record"
    )


def test_a_fallback_is_shown_and_reset_returns_to_the_preferred_channel(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    ann = centre.guardians["ann"]
    message_id = new_id()
    with server_database.writing() as s:
        mark_failing(
            s, centre.centre, "guardian", ann, Channel.SMS, "30003 unreachable handset", utcnow()
        )
        s.add(
            orm.Message(
                id=message_id,
                centre_id=centre.centre,
                thread_id=centre.threads["classroom_a"],
                body="Hola",
                created_at=utcnow(),
            )
        )
        s.flush()
        s.add(
            orm.Delivery(
                id=new_id(),
                centre_id=centre.centre,
                message_id=message_id,
                recipient_kind="guardian",
                recipient_id=ann,
                channel=Channel.EMAIL,
                address="ann@example.org",
                state="sent",
                updated_at=utcnow(),
                language="en",
                note="sent untranslated: no translation service is configured (reads es)",
                fallback_from="sms",
            )
        )
        stamp(s, centre.centre)
    admin = office("admin")
    [failing] = contacts.failing(admin.cache, PersonKind.GUARDIAN, ann)
    assert (failing.channel, failing.reason) == ("sms", "30003 unreachable handset")
    [fact] = contacts.deliveries(admin.cache, centre.threads["classroom_a"])[message_id]
    assert (fact.channel, fact.fallback_from, fact.language) == ("email", "sms", "en")
    assert fact.note.startswith("sent untranslated")
    contacts.reset_fallback(admin.cache, PersonKind.GUARDIAN, ann)
    assert contacts.failing(admin.cache, PersonKind.GUARDIAN, ann) == []  # at once
    assert admin.sync().rejected == []
    assert contacts.failing(admin.cache, PersonKind.GUARDIAN, ann) == []


def test_an_unknown_number_is_answered_then_linked_then_saved(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    thread_id = add_sms_thread(server_database, centre, ENQUIRY)
    add_text(server_database, centre, thread_id, "Any places in September?", inbound=True)
    clerk = office("office")
    conversations = Conversations(clerk.cache)
    thread = conversations.thread(thread_id)
    assert thread is not None
    assert conversations.may_post(thread).allowed  # refused before issue 13
    conversations.reply(thread_id, "Yes, two. Would you like to visit?")
    assert clerk.sync().rejected == []
    contacts.link_number(clerk.cache, thread_id, centre.guardians["ann"], replace=True)
    [(phone,)] = clerk.cache.read(
        "SELECT phone FROM guardian WHERE id = ?", centre.guardians["ann"]
    )
    assert phone == ENQUIRY
    assert clerk.sync().rejected == []
    assert one(
        clerk.cache.read("SELECT title, message_count FROM thread WHERE id = ?", thread_id)
    ) == (
        "Ann Lee",
        2,
    )
    other = add_sms_thread(server_database, centre, "+15555550198")
    add_text(server_database, centre, other, "Hello, enrolment?", inbound=True)
    clerk.sync()
    guardian_id, family_id = contacts.save_contact(
        clerk.cache, other, contacts.NewContact("Nora", "Quinn", email="nora@example.org")
    )
    assert clerk.cache.read("SELECT name FROM family WHERE id = ?", family_id) == [("Quinn",)]
    assert clerk.sync().rejected == []
    assert one(
        clerk.cache.read(
            "SELECT first_name, phone, version > 0 FROM guardian WHERE id = ?", guardian_id
        )
    ) == ("Nora", "+15555550198", 1)
    assert one(clerk.cache.read("SELECT title FROM thread WHERE id = ?", other)) == ("Nora Quinn",)


def test_composers_list_sms_and_email_templates_and_admins_delete_them(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    add_template(server_database, centre, "new_message", Channel.SMS, "Closed", "", "Closed today")
    add_template(server_database, centre, "messenger", Channel.EMAIL, "Invoice", "Invoice", "Due")
    add_template(server_database, centre, "families", Channel.SMS, "Push only", "", "x")
    admin = office("admin")
    texts = templates.composer_templates(admin.cache, Channel.SMS)
    assert [t.name for t in texts] == ["Closed"]
    assert [t.name for t in templates.composer_templates(admin.cache, Channel.EMAIL)] == ["Invoice"]
    templates.delete_template(admin.cache, texts[0].id)
    assert templates.composer_templates(admin.cache, Channel.SMS) == []  # at once
    assert admin.sync().rejected == []
    assert templates.composer_templates(admin.cache, Channel.SMS) == []


def test_settings_changed_by_an_admin_reach_the_other_workstation(
    office: SignIn, centre: CentreIds
) -> None:
    admin, teacher = office("admin"), office("teacher")
    before = who_am_i(teacher.cache)
    assert before is not None
    assert Capability.SMS_LOGS not in before.capabilities
    settings.set_capabilities(admin.cache, centre.teacher, [Capability.SMS_LOGS])
    settings.set_students_in_conversations(admin.cache, True)
    settings.set_private_messaging(admin.cache, centre.guardians["maria"], True)
    assert admin.sync().rejected == []
    teacher.sync()
    after = who_am_i(teacher.cache)
    assert after is not None
    assert after.capabilities == frozenset({Capability.SMS_LOGS})
    assert Conversations(teacher.cache).visible_kinds()[-1] == "sms"
    assert settings.centre_settings(teacher.cache) == settings.CentreSettings(True)
    [(private,)] = teacher.cache.read(
        "SELECT private_messaging FROM guardian WHERE id = ?", centre.guardians["maria"]
    )
    assert private == 1
    with pytest.raises(settings.SettingRefused, match="your own admin"):
        settings.set_capabilities(admin.cache, centre.admin, [Capability.MASS_TEXT])
    with pytest.raises(settings.SettingRefused, match="not a staff permission"):
        settings.set_capabilities(admin.cache, centre.teacher, [Capability.KIOSK_DEVICE])
