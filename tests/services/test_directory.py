"""Family and staff records from the cache: contacts, opt-in verdicts, communication."""

from __future__ import annotations

from desk.server.db import Database
from desk.services import directory
from tests.support.conversation_facts import add_staff
from tests.support.factories import CentreIds
from tests.support.office import (
    SignIn,
    add_group,
    add_sms_thread,
    add_text,
    opt_out,
    sign_in_child,
)


def test_family_record_shows_contacts_rooms_pickups_and_why_a_number_is_not_texted(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    opt_out(server_database, centre, "rosa")
    sign_in_child(server_database, centre, "leo", centre.room_b)
    admin = office("admin")
    record = directory.family_record(admin.cache, centre.family)
    assert record is not None
    contacts = {c.detail.name: c for c in record.contacts}
    maria, rosa = contacts["Maria Diaz"], contacts["Rosa Diaz"]
    assert maria.detail.sms_opt_in  # her own record is opted in...
    assert maria.number is not None
    assert not maria.number.can_text
    assert maria.number.reason is not None
    assert "Rosa Diaz's pickup record in the Diaz family" in str(maria.number.reason)
    assert rosa.detail.kind == "pickup"
    assert record.guardian_ids == [centre.guardians["maria"]]
    students = {s.name: s for s in record.students}
    assert (students["Leo Kid"].room_name, students["Leo Kid"].signed_in_room) == (
        "Toddlers",
        "Pre-K",
    )
    assert students["Ava Kid"].signed_in_room is None
    assert [(p.name, p.students) for p in record.pickups] == [("Rosa Diaz", ("Leo",))]
    assert directory.family_record(admin.cache, "no-such-family") is None


def test_families_and_staff_are_found_by_name_and_phone_digits(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    add_staff(server_database, centre, "Nadia", phone="+15555550188")
    admin = office("admin")
    assert [f.name for f in directory.find_families(admin.cache, "0102")] == ["Lee"]
    assert [f.name for f in directory.find_families(admin.cache, "Maria")] == ["Diaz"]
    assert [f.name for f in directory.find_families(admin.cache)] == ["Diaz", "Lee"]
    assert [s.name for s in directory.find_staff(admin.cache, "555-0188")] == ["Nadia Staff"]
    assert [s.name for s in directory.find_staff(admin.cache, "teach")] == ["Teacher Staff"]
    assert len(directory.find_staff(admin.cache)) == 4


def test_family_communication_lists_threads_and_every_text_with_its_numbers(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    sms = centre.threads["sms"]  # Maria's number
    add_text(server_database, centre, sms, "Is Leo napping?", inbound=True)
    add_text(server_database, centre, sms, "Yes, since 1pm", inbound=False)
    add_text(
        server_database,
        centre,
        centre.threads["office"],
        "Snow day: closed",
        inbound=False,
        emergency=True,
    )
    add_text(server_database, centre, centre.threads["office"], "Not a text", inbound=False)
    admin = office("admin")
    record = directory.family_record(admin.cache, centre.family)
    assert record is not None
    talk = directory.family_communication(admin.cache, record)
    assert {t.id for t in talk.threads} == set(centre.threads.values())
    bodies = [(t.body, t.direction, t.phone) for t in talk.texts]
    assert bodies == [
        ("Snow day: closed", "out", None),
        ("Yes, since 1pm", "out", "+15555550101"),
        ("Is Leo napping?", "in", "+15555550101"),
    ]
    lee = directory.family_record(admin.cache, centre.split_family)
    assert lee is not None
    assert directory.family_communication(admin.cache, lee).texts == []


def test_staff_record_shows_rooms_groups_and_their_conversations(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    nadia = add_staff(server_database, centre, "Nadia", phone="+15555550188", opted_in=False)
    add_group(server_database, centre, "Floaters", [nadia, centre.teacher])
    thread = add_sms_thread(server_database, centre, "+15555550188")
    add_text(server_database, centre, thread, "Running late", inbound=True)
    admin = office("admin")
    teacher = directory.staff_record(admin.cache, centre.teacher)
    assert teacher is not None
    assert (teacher.detail.rooms, teacher.detail.groups) == (("Toddlers",), ("Floaters",))
    record = directory.staff_record(admin.cache, nadia)
    assert record is not None
    assert record.number is not None
    assert not record.number.can_text
    talk = directory.staff_communication(admin.cache, record)
    assert [t.id for t in talk.threads] == [thread]
    assert [t.body for t in talk.texts] == ["Running late"]


def test_who_am_i_reads_the_signed_in_staff_members_permissions(
    office: SignIn, centre: CentreIds
) -> None:
    admin = directory.who_am_i(office("admin").cache)
    teacher = directory.who_am_i(office("teacher").cache)
    assert admin is not None
    assert admin.is_admin
    assert admin.full_messaging
    assert admin.may_text
    assert teacher is not None
    assert teacher.id == centre.teacher
    assert not (teacher.is_admin)
    assert not (teacher.full_messaging)
    assert not (teacher.may_text)
    assert teacher.room_ids == {centre.room_a}
