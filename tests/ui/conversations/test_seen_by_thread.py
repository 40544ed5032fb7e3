"""Seen-by under every message, from every display, with two workstations (seed 004).

Issue 13 item 3: a second staff member reads the conversation and the first sees
"Seen by <name>" with the time under the message; a message arriving in a thread
on screen is marked seen without reopening it, in a thread that is not Unread too;
each display sends one command for what it has not marked, and none again.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolTip
from pytestqt.qtbot import QtBot

from desk.core.kinds import PersonKind
from desk.server import orm
from desk.server.db import Database
from desk.server.orm.base import utcnow
from desk.services.conversations import Conversations
from desk.services.group_conversations import GroupConversations, Person
from desk.ui.inbox.messages import SEEN_FULL_ROLE, SEEN_ROLE
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from desk.ui.shared.formatting import message_time
from tests.support.conversation_facts import add_staff, rows_of, set_columns
from tests.support.factories import CentreIds
from tests.support.office import add_text
from tests.support.office_window import OpenOffice, act, cache_of, sync
from tests.support.qt_async import Runner
from tests.support.ui_steps import open_thread

CLOCK = re.compile(r"\d{1,2}[:.]\d{2}")


def group_with_teacher_and_maria(run_async: Runner, window: MainWindow, centre: CentreIds) -> str:
    """The admin's group conversation with the teacher and Maria, synced."""
    thread_id = GroupConversations(cache_of(window)).create(
        "Field trip",
        [
            Person(PersonKind.STAFF, centre.teacher),
            Person(PersonKind.GUARDIAN, centre.guardians["maria"]),
        ],
    )
    sync(run_async, window)
    return thread_id


def type_and_send(qtbot: QtBot, run_async: Runner, window: MainWindow, body: str) -> None:
    """Type a reply in the open thread and click Send."""
    assert window.inbox is not None
    composer = window.inbox.thread_view.composer
    act(run_async, lambda: composer.editor.setPlainText(body))
    act(run_async, lambda: qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton))


def shown(window: MainWindow, body: str, role: int) -> str:
    """What the open thread shows in `role` for the message with `body`."""
    assert window.inbox is not None
    model = window.inbox.thread_view.messages
    [row] = [r for r in range(model.rowCount()) if model.message_at(r).body == body]
    return str(model.index(row).data(role))


def seen_at(window: MainWindow, body: str, person_id: str) -> str:
    """When `person_id` read the message with `body`, as the window's cache has it."""
    [(at,)] = cache_of(window).read(
        "SELECT r.seen_at FROM receipt AS r JOIN message AS m ON m.id = r.message_id"
        " WHERE m.body = ? AND r.person_id = ?",
        body,
        person_id,
    )
    return str(at)


def mark_seen_commands(database: Database, window: MainWindow) -> int:
    """How many mark_seen commands the server has had from this workstation."""
    [(client_id,)] = cache_of(window).read("SELECT value FROM sync_meta WHERE key = 'client_id'")
    return len(rows_of(database, orm.CommandLog, client_id=client_id, name="mark_seen"))


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen tooltip
def test_the_first_sees_seen_by_with_the_time_after_a_second_reads(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    admin = open_office("admin")
    thread_id = group_with_teacher_and_maria(run_async, admin, ui_centre)
    open_thread(qtbot, run_async, admin, Place.CLASSROOM, thread_id)
    type_and_send(qtbot, run_async, admin, "Bus at 9")
    sync(run_async, admin)
    assert shown(admin, "Bus at 9", SEEN_ROLE) == ""  # nobody has read it yet
    assert shown(admin, "Bus at 9", SEEN_FULL_ROLE) == (
        "Not seen yet by: Teacher Staff, Maria Diaz"
    )

    teacher = open_office("teacher")
    open_thread(qtbot, run_async, teacher, Place.CLASSROOM, thread_id)  # reading it
    sync(run_async, teacher)
    sync(run_async, admin)

    when = message_time(seen_at(admin, "Bus at 9", ui_centre.teacher))
    assert CLOCK.search(when)
    assert shown(admin, "Bus at 9", SEEN_ROLE) == f"Seen by Teacher Staff · {when}"
    assert shown(admin, "Bus at 9", SEEN_FULL_ROLE) == (
        f"Seen by:\nTeacher Staff — {when}\nNot seen yet by: Maria Diaz"
    )
    assert window_tooltip(admin, "Bus at 9").endswith("Not seen yet by: Maria Diaz")

    # In full on demand: a click on the message shows who read it when, beside it.
    assert admin.inbox is not None
    view = admin.inbox.thread_view.message_list
    model = admin.inbox.thread_view.messages
    [row] = [r for r in range(model.rowCount()) if model.message_at(r).body == "Bus at 9"]
    place = view.visualRect(model.index(row)).center()
    act(run_async, lambda: qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=place))
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == f"Seen by:\nTeacher Staff — {when}\nNot seen yet by: Maria Diaz"


def window_tooltip(window: MainWindow, body: str) -> str:
    """The message's tooltip: its lines under the bubble in full."""
    return shown(window, body, Qt.ItemDataRole.ToolTipRole)


def test_a_message_arriving_on_screen_is_marked_seen_once_without_reopening(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    admin, teacher = open_office("admin"), open_office("teacher")
    thread_id = group_with_teacher_and_maria(run_async, admin, ui_centre)
    Conversations(cache_of(admin)).reply(thread_id, "Coats please")
    sync(run_async, admin)
    sync(run_async, teacher)
    open_thread(qtbot, run_async, teacher, Place.CLASSROOM, thread_id)
    sync(run_async, teacher)
    assert mark_seen_commands(ui_database, teacher) == 1

    Conversations(cache_of(admin)).reply(thread_id, "And hats")
    sync(run_async, admin)
    sync(run_async, teacher)  # brings it to the open thread, which marks it seen
    sync(run_async, teacher)  # the receipt reaches the server
    sync(run_async, admin)
    when = message_time(seen_at(admin, "And hats", ui_centre.teacher))
    open_thread(qtbot, run_async, admin, Place.CLASSROOM, thread_id)
    assert shown(admin, "And hats", SEEN_ROLE) == f"Seen by Teacher Staff · {when}"

    # Nothing new: refreshing and syncing again sends no further receipts.
    assert teacher.inbox is not None
    act(run_async, teacher.inbox.thread_view.refresh)
    sync(run_async, teacher)
    sync(run_async, teacher)
    assert mark_seen_commands(ui_database, teacher) == 2


def test_a_thread_that_is_not_unread_is_marked_seen_when_shown(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    """Regression: only an Unread thread being opened used to send receipts."""
    thread_id = ui_centre.threads["classroom_a"]
    set_columns(ui_database, ui_centre, orm.Thread, thread_id, status="open", unread_count=0)
    message_id = add_text(ui_database, ui_centre, thread_id, "Leo's boots", inbound=True)
    admin = open_office("admin")
    open_thread(qtbot, run_async, admin, Place.CLASSROOM, thread_id)
    sync(run_async, admin)
    [receipt] = rows_of(ui_database, orm.Receipt, message_id=message_id)
    assert receipt.person_id == ui_centre.admin
    when = message_time(seen_at(admin, "Leo's boots", ui_centre.admin))
    assert shown(admin, "Leo's boots", SEEN_ROLE) == f"Seen by Admin Staff · {when}"


def test_seen_by_everyone_once_every_other_participant_read_it(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    helper = add_staff(ui_database, ui_centre, "Helper")
    admin = open_office("admin")
    thread_id = GroupConversations(cache_of(admin)).create(
        "Rota",
        [Person(PersonKind.STAFF, ui_centre.teacher), Person(PersonKind.STAFF, helper)],
    )
    Conversations(cache_of(admin)).reply(thread_id, "Who covers Friday?")
    sync(run_async, admin)
    open_thread(qtbot, run_async, admin, Place.CLASSROOM, thread_id)
    for role in ("teacher", "Helper"):
        reader = open_office(role)
        open_thread(qtbot, run_async, reader, Place.CLASSROOM, thread_id)
        sync(run_async, reader)
        sync(run_async, admin)
        if role == "teacher":
            assert shown(admin, "Who covers Friday?", SEEN_ROLE).startswith(
                "Seen by Teacher Staff · "
            )
    assert shown(admin, "Who covers Friday?", SEEN_ROLE) == "Seen by everyone"
    full = shown(admin, "Who covers Friday?", SEEN_FULL_ROLE).splitlines()
    assert full[0] == "Seen by:"
    assert sorted(line.split(" — ")[0] for line in full[1:]) == ["Helper Staff", "Teacher Staff"]


def test_older_messages_come_a_page_at_a_time_and_are_marked_seen_as_they_show(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    """A long thread opens at its newest page; scrolling to the top brings the rest."""
    thread_id = ui_centre.threads["classroom_a"]
    set_columns(ui_database, ui_centre, orm.Thread, thread_id, status="open", unread_count=0)
    start = utcnow() - timedelta(hours=1)
    story = "\n".join(["Leo: garden"] * 10)  # tall, and short enough for a preview
    sent = [
        add_text(
            ui_database,
            ui_centre,
            thread_id,
            f"{n}: {story}",
            inbound=True,
            at=start + timedelta(minutes=n),
        )
        for n in range(5)
    ]
    admin = open_office("admin")
    assert admin.inbox is not None
    view = admin.inbox.thread_view
    view.page_size = 3
    open_thread(qtbot, run_async, admin, Place.CLASSROOM, thread_id)
    assert [m.id for m in view.messages.messages] == sent[2:]
    assert view.messages.more_above
    sync(run_async, admin)
    assert {r.message_id for r in rows_of(ui_database, orm.Receipt, message_id=sent)} == set(
        sent[2:]
    )

    bar = view.message_list.verticalScrollBar()
    act(run_async, lambda: bar.setValue(bar.minimum()))  # the user scrolls to the top
    assert [m.id for m in view.messages.messages] == sent
    assert not view.messages.more_above
    assert bar.value() > bar.minimum()  # still looking at the message they were reading
    sync(run_async, admin)
    assert {r.message_id for r in rows_of(ui_database, orm.Receipt, message_id=sent)} == set(sent)
