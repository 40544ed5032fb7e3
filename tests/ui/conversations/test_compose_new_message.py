"""New Message to anyone (issue 13 item 1), driven through the real window and server.

Recipients of every kind by type-ahead, individual (blind) or group sending, the
subject as the conversation's title, the confirmation and the after-send summary,
checked on the server and through a second workstation.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from desk.core.ids import new_id
from desk.core.kinds import GuardianKind, PersonKind
from desk.server import orm
from desk.server.db import Database
from desk.server.versioning import stamp
from desk.ui.compose.new_message import NewMessageDialog
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from tests.support.conversation_facts import add_staff, rows_of
from tests.support.factories import CentreIds
from tests.support.office import add_group, opt_out
from tests.support.office_window import OpenOffice, act, cache_of, sync
from tests.support.qt_async import Runner


def open_new_message(run_async: Runner, window: MainWindow, place: Place) -> NewMessageDialog:
    """New Message as the button opens it, from `place`."""
    act(run_async, lambda: window.go(place))
    act(run_async, window.new_message_button.click)
    dialog = window.new_message_dialog
    assert isinstance(dialog, NewMessageDialog)
    assert dialog.isVisible()
    return dialog


def pick(
    qtbot: QtBot, dialog: NewMessageDialog, typed: str, kind: str, shown: str | None = None
) -> None:
    """Type a name in the recipient search, see it listed as `kind`, press Enter.

    `shown` is the line's text when it says more than the name typed (a family's
    children follow its name).
    """
    picker = dialog.picker
    picker.search.clear()
    qtbot.keyClicks(picker.search, typed)
    line = shown or typed
    qtbot.waitUntil(lambda: any(r.name == line and r.kind == kind for r in picker.model.rows()))
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert line in picker.chip_texts()


def chip_kinds(dialog: NewMessageDialog) -> list[tuple[str, str]]:
    """Each chip's kind and name, as the chips show them."""
    return [(chip.kind_text(), chip.full_text) for chip in dialog.picker.chips.chips]


def write(qtbot: QtBot, dialog: NewMessageDialog, body: str) -> None:
    qtbot.keyClicks(dialog.body, body)
    qtbot.waitUntil(dialog.send_button.isEnabled)


def queue_by(run_async: Runner, dialog: NewMessageDialog, press: Callable[[], None]) -> str:
    """Press a button on the loop; once the message is queued, what the dialog said.

    The dialog closes and is deleted once the message is queued, so its signal is
    heard by a handler that is never disconnected.
    """

    async def step() -> str:
        said: asyncio.Future[str] = asyncio.get_running_loop().create_future()

        def heard(text: str) -> None:
            if not said.done():
                said.set_result(text)

        dialog.sent.connect(heard)
        press()
        return await asyncio.wait_for(said, 10)

    text: str = run_async(step())
    return text


def send(qtbot: QtBot, run_async: Runner, dialog: NewMessageDialog) -> None:
    """Press Send and wait for the message to be queued."""
    queue_by(
        run_async,
        dialog,
        lambda: qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton),
    )


def click_box(qtbot: QtBot, box: QCheckBox) -> None:
    """Click a check box on its indicator (its centre may lie past the label)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def add_families(database: Database, centre: CentreIds, count: int) -> None:
    """`count` more families, each with one guardian (a phone of their own) and a child."""
    with database.writing() as s:
        for n in range(count):
            family = new_id()
            s.add(orm.Family(id=family, centre_id=centre.centre, name=f"Extra{n}"))
            s.flush()
            s.add(
                orm.Guardian(
                    id=new_id(),
                    centre_id=centre.centre,
                    family_id=family,
                    kind=GuardianKind.GUARDIAN,
                    first_name=f"Parent{n}",
                    last_name=f"Extra{n}",
                    phone=f"+1555555{n:04d}",
                    email=None,
                )
            )
            s.add(
                orm.Student(
                    id=new_id(),
                    centre_id=centre.centre,
                    family_id=family,
                    room_id=centre.room_b,
                    first_name=f"Child{n}",
                    last_name=f"Extra{n}",
                    birth_date=date(2021, 1, 1),
                )
            )
        stamp(s, centre.centre)


def test_one_search_lists_every_kind_and_each_chip_says_its_kind(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    """Typing a name lists the people of every kind it matches, and the broad audiences."""
    mary = add_staff(ui_database, ui_centre, "Maria")
    add_group(ui_database, ui_centre, "Maria's helpers", [mary])
    dialog = open_new_message(run_async, open_office("admin"), Place.OFFICE)
    picker = dialog.picker
    assert [r.name for r in picker.model.rows()[:3]] == [
        "All families",
        "All staff",
        "Everyone signed in right now",
    ]
    qtbot.keyClicks(picker.search, "Maria")
    qtbot.waitUntil(lambda: len(picker.model.rows()) == 3)
    assert [(r.kind, r.name) for r in picker.model.rows()] == [
        ("Staff group", "Maria's helpers"),
        ("Guardian", "Maria Diaz"),
        ("Staff", "Maria Staff"),
    ]
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # the first line listed
    pick(qtbot, dialog, "Maria Diaz", "Guardian")
    pick(qtbot, dialog, "Toddlers", "Room")
    pick(qtbot, dialog, "Diaz", "Family", shown="Diaz — Ava, Leo")
    pick(qtbot, dialog, "Everyone signed in right now", "Everyone")
    assert chip_kinds(dialog) == [
        ("Staff group", "Maria's helpers"),
        ("Guardian", "Maria Diaz"),
        ("Room", "Toddlers"),
        ("Family", "Diaz — Ava, Leo"),
        ("Everyone", "Everyone signed in right now"),
    ]
    qtbot.waitUntil(
        lambda: (
            dialog.summary.text()
            == "Goes to 3 guardians in 2 families and 1 staff member (4 conversations)."
        )
    )
    assert dialog.channel.currentText() == "Office Chat"  # opened from Office


def test_individual_message_to_staff_a_staff_group_and_two_rooms_is_blind(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    """Issue 13: compose to a mix of staff, a staff group and two rooms; nobody sees the others."""
    cook = add_staff(ui_database, ui_centre, "Cook")
    driver = add_staff(ui_database, ui_centre, "Driver")
    add_group(ui_database, ui_centre, "Kitchen", [cook, driver])
    admin = open_office("admin")
    dialog = open_new_message(run_async, admin, Place.CLASSROOM)
    assert dialog.channel.currentText() == "Classroom Chat"  # opened from Classroom
    pick(qtbot, dialog, "Teacher Staff", "Staff")
    pick(qtbot, dialog, "Kitchen", "Staff group")
    pick(qtbot, dialog, "Toddlers", "Room")
    pick(qtbot, dialog, "Pre-K", "Room")
    assert dialog.individual.isChecked()
    body = "The fire drill is on Thursday at 10."
    write(qtbot, dialog, body)
    qtbot.waitUntil(
        lambda: (
            dialog.summary.text()
            == "Goes to 3 guardians in 2 families and 3 staff members (6 conversations)."
        )
    )
    send(qtbot, run_async, dialog)  # two families: sent without a confirmation
    assert admin.statusBar().currentMessage() == (
        "Sent to 3 guardians in 2 families and 3 staff members"
    )
    sync(run_async, admin)

    messages = rows_of(ui_database, orm.Message, body=body)
    threads = {
        t.id: t for t in rows_of(ui_database, orm.Thread, id=[m.thread_id for m in messages])
    }
    assert len(messages) == len(threads) == 6
    families = [t for t in threads.values() if t.family_id is not None]
    assert sorted((t.family_id, t.guardian_id) for t in families) == sorted(
        [
            (ui_centre.family, None),
            (ui_centre.split_family, ui_centre.guardians["ann"]),
            (ui_centre.split_family, ui_centre.guardians["ben"]),
        ]
    )
    staff_threads = [t.id for t in threads.values() if t.family_id is None]
    members = rows_of(ui_database, orm.Participant, thread_id=staff_threads, deleted=False)
    by_thread: dict[str, set[str]] = {}
    for member in members:
        assert member.person_kind == PersonKind.STAFF
        by_thread.setdefault(member.thread_id, set()).add(member.person_id)
    # Each staff member is alone with the sender: a conversation names nobody else.
    assert sorted(by_thread.values(), key=sorted) == sorted(
        [{ui_centre.admin, s} for s in (ui_centre.teacher, cook, driver)], key=sorted
    )

    teacher = open_office("teacher")  # a second workstation: what the teacher received
    mine = cache_of(teacher).read(
        "SELECT t.id FROM message AS m JOIN thread AS t ON t.id = m.thread_id"
        " WHERE m.body = ? AND t.kind = 'group'",
        body,
    )
    assert len(mine) == 1
    assert sorted(
        p
        for (p,) in cache_of(teacher).read(
            "SELECT person_id FROM participant WHERE thread_id = ?", mine[0][0]
        )
    ) == sorted([ui_centre.admin, ui_centre.teacher])
    assert cache_of(teacher).read(
        "SELECT COUNT(*) FROM participant WHERE person_id IN (?, ?)", cook, driver
    ) == [(0,)]


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_group_of_fifteen_is_sent_and_a_sixteenth_is_refused_in_the_dialog(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    """Issue 13: 15 people with the sender make a group; the 16th is refused before sending."""
    crew = [add_staff(ui_database, ui_centre, f"Crew{n:02d}") for n in range(14)]
    add_group(ui_database, ui_centre, "Trip crew", crew)
    admin = open_office("admin")
    dialog = open_new_message(run_async, admin, Place.CLASSROOM)
    pick(qtbot, dialog, "Trip crew", "Staff group")
    qtbot.mouseClick(dialog.group_mode, Qt.MouseButton.LeftButton)
    assert dialog.group_mode.isChecked()
    qtbot.keyClicks(dialog.subject, "Zoo trip: who drives")
    write(qtbot, dialog, "Who can drive on Friday?")
    qtbot.waitUntil(
        lambda: dialog.summary.text() == "Goes to 14 staff members (1 group conversation)."
    )

    pick(qtbot, dialog, "Teacher Staff", "Staff")  # the 16th person
    qtbot.waitUntil(lambda: not dialog.send_button.isEnabled())
    assert dialog.problem.text() == (
        "A group conversation can include up to 15 people, you included; this one would "
        "have 16. Remove some recipients, or send it individually."
    )
    qtbot.keyClick(dialog.body, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()  # Ctrl+Enter refused too
    assert dialog.body.toPlainText() == "Who can drive on Friday?"  # the draft is kept

    qtbot.mouseClick(dialog.picker.chips.chips[-1].remove, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.send_button.isEnabled)
    assert dialog.problem.text() == ""
    send(qtbot, run_async, dialog)
    assert admin.statusBar().currentMessage() == "Sent to 14 staff members"
    sync(run_async, admin)

    [message] = rows_of(ui_database, orm.Message, body="Who can drive on Friday?")
    [thread] = rows_of(ui_database, orm.Thread, id=message.thread_id)
    assert thread.title == "Zoo trip: who drives"
    members = rows_of(ui_database, orm.Participant, thread_id=thread.id, deleted=False)
    assert sorted(m.person_id for m in members) == sorted([ui_centre.admin, *crew])
    # The subject is the conversation's title in the list and over the thread.
    assert admin.inbox is not None
    row = admin.inbox.model.row_of(thread.id)
    assert row >= 0
    assert admin.inbox.model.row_at(row).name == "Zoo trip: who drives"
    act(run_async, lambda: admin.open_thread(thread.id))
    assert admin.inbox.thread_view.title.text() == "Zoo trip: who drives"


def test_a_send_to_many_families_is_confirmed_and_the_summary_says_what_was_queued(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    """More than five families: the confirmation says who and how many; then what was sent."""
    add_families(ui_database, ui_centre, 4)  # six families in all
    opt_out(ui_database, ui_centre, "ben")
    admin = open_office("admin")
    dialog = open_new_message(run_async, admin, Place.OFFICE)
    pick(qtbot, dialog, "All families", "Everyone")
    pick(qtbot, dialog, "Teacher Staff", "Staff")
    write(qtbot, dialog, "The centre closes at noon on Friday.")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    box = dialog.confirmation
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert box.text() == (
        "This message goes to 7 guardians in 6 families and 1 staff member.\n"
        "Each gets it privately (8 conversations); nobody sees the others.\n"
        "1 guardian opted out of text messages."
    )
    assert "Ben Lee (guardian)" in box.detailedText().splitlines()
    assert "Teacher Staff (staff)" in box.detailedText().splitlines()
    assert "Rosa Diaz (guardian)" not in box.detailedText()  # a pickup is never messaged
    [confirm] = [b for b in box.buttons() if b.objectName() == "confirmSendButton"]
    queue_by(run_async, dialog, confirm.click)
    assert admin.statusBar().currentMessage() == (
        "Sent to 7 guardians in 6 families and 1 staff member; 1 opted out"
    )
    sync(run_async, admin)
    assert len(rows_of(ui_database, orm.Message, body="The centre closes at noon on Friday.")) == 8


def test_an_emergency_text_is_confirmed_even_to_one_family_and_cancel_keeps_the_draft(
    qtbot: QtBot, open_office: OpenOffice, run_async: Runner
) -> None:
    admin = open_office("admin")
    dialog = open_new_message(run_async, admin, Place.OFFICE)
    pick(qtbot, dialog, "Kim Kid", "Student")
    click_box(qtbot, dialog.emergency)
    write(qtbot, dialog, "Water main break: please collect your child by 2pm.")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    box = dialog.confirmation
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert box.text().splitlines() == [
        "This message goes to 2 guardians in 1 family.",
        "Each gets it privately (2 conversations); nobody sees the others.",
        "Emergency text to 2 phones, 2 of the 100 SMS segments left this month; "
        "0 guardians not texted.",
    ]
    act(run_async, box.reject)
    assert dialog.isVisible()
    assert dialog.body.toPlainText() == "Water main break: please collect your child by 2pm."
    assert cache_of(admin).read("SELECT COUNT(*) FROM outbox") == [(0,)]
    act(run_async, dialog.reject)  # the draft is saved now, not by a timer after the test
