"""Records, unknown numbers, templates and admin settings against a real server (issue 13)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desk.core.ids import new_id, parent_thread_id
from desk.core.kinds import Channel
from desk.server import orm
from desk.server.db import Database
from desk.server.delivery.receipts import mark_failing
from desk.server.orm.base import utcnow
from desk.server.versioning import stamp
from tests.support.callers import Caller
from tests.support.conversation_facts import rows_of
from tests.support.factories import CentreIds
from tests.support.office import add_sms_thread, add_template, add_text
from tests.support.server_calls import Pusher, pull_all

Served = Callable[[str], Caller]
ENQUIRY = "+15555550199"  # a number no record holds


def run(caller: Caller, name: str, **args: Any) -> dict[str, Any]:
    return Pusher(caller).run(name, **args)


def audited(database: Database, centre: CentreIds, action: str) -> list[str]:
    return [
        e.detail for e in rows_of(database, orm.AuditEvent, centre_id=centre.centre, action=action)
    ]


# -- item 4: preferred channel and language, fallback ----------------------------------


def test_preferred_channel_and_language_are_edited_audited_and_synced(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    c = served_centre
    admin, office = served("admin"), served("office")
    ann = c.guardians["ann"]
    changed = run(
        office,
        "set_contact_preferences",
        person_kind="guardian",
        person_id=ann,
        preferred_channel="email",
        language="PT-br",
    )
    assert changed["status"] == "applied", changed["error"]
    assert changed["result"] == {"preferred_channel": "email", "language": "pt-BR"}
    [row] = [g for g in pull_all(admin)[0]["guardian"] if g["id"] == ann]
    assert (row["preferred_channel"], row["language"]) == ("email", "pt-BR")
    assert audited(served_database, c, "preferences") == ["guardian Ann Lee: sms/en -> email/pt-BR"]
    refusals = [
        (served("teacher"), {"person_kind": "guardian", "person_id": ann}, "Administration"),
        (admin, {"person_kind": "staff", "person_id": c.office}, "phone number"),
        (office, {"person_kind": "staff", "person_id": c.admin}, "Administration"),
    ]
    for caller, who, reason in refusals:
        refused = run(
            caller, "set_contact_preferences", **who, preferred_channel="sms", language="en"
        )
        assert refused["status"] == "rejected"
        assert reason in refused["error"]
    bad = run(
        admin,
        "set_contact_preferences",
        person_kind="guardian",
        person_id=ann,
        preferred_channel="sms",
        language="spanish",
    )
    assert bad["status"] == "rejected"
    assert "is not a language code" in bad["error"]
    own = run(
        office,
        "set_contact_preferences",
        person_kind="staff",
        person_id=c.office,
        preferred_channel="app",
        language="fr",
    )
    assert own["status"] == "applied", own["error"]


def test_reset_fallback_returns_every_failing_channel_to_the_preferred_one(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    c = served_centre
    ann = c.guardians["ann"]
    with served_database.writing() as s:
        for channel in (Channel.SMS, Channel.APP):
            mark_failing(s, c.centre, "guardian", ann, channel, "30003 unreachable", utcnow())
        stamp(s, c.centre)
    refused = run(served("teacher"), "reset_fallback", person_kind="guardian", person_id=ann)
    assert refused["status"] == "rejected"
    reset = run(served("admin"), "reset_fallback", person_kind="guardian", person_id=ann)
    assert reset["result"] == {"reset": ["app", "sms"]}
    assert not any(s.failing for s in rows_of(served_database, orm.ChannelStatus, person_id=ann))
    assert audited(served_database, c, "reset_fallback") == ["Ann Lee: app, sms"]
    again = run(served("admin"), "reset_fallback", person_kind="guardian", person_id=ann)
    assert again["result"] == {"reset": []}


# -- item 5: unknown numbers in the Messenger Center -------------------------------------


def enquiry(database: Database, centre: CentreIds, *texts: str) -> str:
    """A Messenger Center thread of a number no record holds, with its texts to us."""
    thread_id = add_sms_thread(database, centre, ENQUIRY)
    for body in texts:
        add_text(database, centre, thread_id, body, inbound=True)
    return thread_id


def reply(caller: Caller, thread_id: str, body: str = "Thanks for asking!") -> dict[str, Any]:
    return run(caller, "send_message", message_id=new_id(), thread_id=thread_id, body=body)


def test_an_unknown_number_that_texted_can_be_answered_until_it_says_stop(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    office = served("office")
    silent = add_sms_thread(served_database, served_centre, "+15555550198")
    refused = reply(office, silent)
    assert refused["status"] == "rejected"
    assert "has not texted the centre" in refused["error"]
    thread_id = enquiry(served_database, served_centre, "Do you have places for a 3 year old?")
    answered = reply(office, thread_id)
    assert answered["status"] == "applied", answered["error"]
    [text] = rows_of(served_database, orm.Delivery, address=ENQUIRY, centre_id=served_centre.centre)
    assert (text.channel, text.recipient_kind, text.for_label) == ("sms", "phone", "")
    add_text(served_database, served_centre, thread_id, "STOP", inbound=True)
    stopped = reply(office, thread_id)
    assert stopped["status"] == "rejected"
    assert "replied STOP" in stopped["error"]
    add_text(served_database, served_centre, thread_id, "START", inbound=True)
    assert reply(office, thread_id)["status"] == "applied"


def test_linking_an_unknown_number_to_a_guardian_keeps_the_thread_and_its_history(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    c = served_centre
    office = served("office")
    thread_id = enquiry(served_database, c, "It's Ann, new phone", "STOP")
    ann = c.guardians["ann"]
    refused = run(office, "link_number", thread_id=thread_id, guardian_id=ann)
    assert refused["status"] == "rejected"
    assert "already has the number +15555550102" in refused["error"]
    linked = run(office, "link_number", thread_id=thread_id, guardian_id=ann, replace=True)
    assert linked["result"] == {"linked": True, "family_id": c.split_family}
    [guardian] = rows_of(served_database, orm.Guardian, id=ann)
    assert (guardian.phone, guardian.sms_opt_in) == (ENQUIRY, False)  # its STOP is kept
    [thread] = rows_of(served_database, orm.Thread, id=thread_id)
    assert (thread.title, thread.family_id, thread.message_count) == ("Ann Lee", c.split_family, 2)
    assert len(rows_of(served_database, orm.Message, thread_id=thread_id)) == 2
    assert audited(served_database, c, "link_number") == ["linked to Ann Lee (Lee family)"]
    teacher = run(served("teacher"), "link_number", thread_id=thread_id, guardian_id=ann)
    assert teacher["status"] == "rejected"


def test_an_unknown_number_is_saved_as_a_new_contact(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    c = served_centre
    admin = served("admin")
    thread_id = enquiry(served_database, c, "Hi, enrolment for September?")
    family_id, guardian_id = new_id(), new_id()
    saved = run(
        admin,
        "save_contact",
        thread_id=thread_id,
        guardian_id=guardian_id,
        family_id=family_id,
        first_name="Nora",
        last_name="Quinn",
        email="nora@example.org",
    )
    assert saved["result"] == {"guardian_id": guardian_id, "family_id": family_id}
    tables, _ = pull_all(admin)
    [family] = [f for f in tables["family"] if f["id"] == family_id]
    [guardian] = [g for g in tables["guardian"] if g["id"] == guardian_id]
    assert family["name"] == "Quinn"
    assert (guardian["phone"], guardian["sms_opt_in"], guardian["kind"]) == (
        ENQUIRY,
        True,
        "guardian",
    )
    [thread] = [t for t in tables["thread"] if t["id"] == thread_id]
    assert (thread["title"], thread["family_id"]) == ("Nora Quinn", family_id)
    assert audited(served_database, c, "save_contact") == ["saved as Nora Quinn (Quinn family)"]
    bad = run(
        admin,
        "save_contact",
        thread_id=thread_id,
        guardian_id=new_id(),
        family_id=new_id(),
        first_name=" ",
        last_name="Quinn",
    )
    assert bad["status"] == "rejected"
    assert "first and a last name" in bad["error"]


# -- item 6: templates ---------------------------------------------------------------------


def test_deleting_a_template_is_for_admins_audited_and_reaches_every_client(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    c = served_centre
    add_template(served_database, c, "new_message", Channel.SMS, "Closed", "", "We are closed")
    [template] = rows_of(served_database, orm.Template, centre_id=c.centre)
    office = served("office")
    _, cursor = pull_all(office)
    refused = run(office, "delete_template", template_id=template.id)
    assert refused["status"] == "rejected"
    assert "Administration permission" in refused["error"]
    assert run(served("admin"), "delete_template", template_id=template.id)["status"] == "applied"
    tables, _ = pull_all(office, after=cursor)
    assert [(t["id"], t["deleted"]) for t in tables["template"]] == [(template.id, True)]
    assert audited(served_database, c, "template_deleted") == ["new_message/sms: Closed"]
    gone = run(served("admin"), "delete_template", template_id=template.id)
    assert gone["status"] == "rejected"
    assert "does not exist" in gone["error"]


# -- item 7: settings an admin changes from the app ---------------------------------------


def test_capabilities_change_from_the_app_and_the_other_client_follows(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    c = served_centre
    admin, teacher = served("admin"), served("teacher")
    before, cursor = pull_all(teacher)
    assert c.threads["office"] not in {t["id"] for t in before["thread"]}
    given = run(
        admin,
        "set_staff_capabilities",
        staff_id=c.teacher,
        capabilities=["full_messaging", "sms_logs"],
    )
    assert given["result"] == {"capabilities": "full_messaging,sms_logs", "changed": True}
    assert teacher.get("/api/v1/changes", params={"after": cursor}).status_code == 410
    after, _ = pull_all(teacher)
    assert c.threads["office"] in {t["id"] for t in after["thread"]}
    [me] = [s for s in after["staff"] if s["id"] == c.teacher]
    assert me["capabilities"] == "full_messaging,sms_logs"
    assert audited(served_database, c, "capabilities") == [
        "Teacher Staff: none -> full_messaging,sms_logs"
    ]
    for caller, args, reason in (
        (teacher, {"staff_id": c.teacher, "capabilities": ["admin"]}, "Administration"),
        (admin, {"staff_id": c.admin, "capabilities": ["full_messaging"]}, "your own admin"),
        (admin, {"staff_id": c.teacher, "capabilities": ["kiosk_device"]}, "invalid arguments"),
    ):
        refused = run(caller, "set_staff_capabilities", **args)
        assert refused["status"] == "rejected"
        assert reason in refused["error"]


def test_split_family_privacy_is_set_from_the_app(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    c = served_centre
    admin = served("admin")
    assert (
        run(served("office"), "set_private_messaging", guardian_id=c.guardians["maria"], on=True)[
            "status"
        ]
        == "rejected"
    )
    assert (
        run(admin, "set_private_messaging", guardian_id=c.guardians["maria"], on=True)["status"]
        == "applied"
    )
    sent = run(
        admin,
        "send_new_message",
        recipients=[{"kind": "family", "id": c.family}],
        channel="office",
        body="Invoice",
    )
    assert sent["result"]["thread_ids"] == [
        parent_thread_id("office", c.family, c.guardians["maria"])
    ]
    assert audited(served_database, c, "private_messaging") == ["Maria Diaz: on"]


def test_students_in_conversations_is_a_centre_setting_admins_change(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    c = served_centre
    admin, office = served("admin"), served("office")
    student = [{"kind": "student", "id": c.students["leo"]}]

    def start() -> dict[str, Any]:
        return run(
            admin, "create_conversation", thread_id=new_id(), title="Reading", participants=student
        )

    assert "students cannot be added" in start()["error"]
    _, cursor = pull_all(office)
    assert (
        run(office, "set_centre_settings", students_in_conversations=True)["status"] == "rejected"
    )
    assert run(admin, "set_centre_settings", students_in_conversations=True)["status"] == "applied"
    assert start()["status"] == "applied"
    tables, _ = pull_all(office, after=cursor)
    assert [r["students_in_conversations"] for r in tables["centre"]] == [True]
    assert audited(served_database, c, "centre_settings") == ["students in conversations: on"]
