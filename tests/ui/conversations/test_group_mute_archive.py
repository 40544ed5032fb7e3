"""Mute and archive: each person's own, from the details pane (seed 004)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desk.core.kinds import PersonKind
from desk.server.db import Database
from desk.services.group_conversations import Person
from desk.ui.admin.audit_log import AuditLogView
from desk.ui.inbox.rename_dialog import RenameDialog
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from tests.support.conversation_facts import add_staff
from tests.support.factories import CentreIds
from tests.support.group_steps import (
    click,
    listed,
    open_conversation,
    panel_of,
    server_participant,
    start_conversation,
    thread_title,
)
from tests.support.office_window import OpenOffice, act, sync
from tests.support.qt_async import Runner
from tests.support.server_process import run_server


def classroom_unread(window: MainWindow) -> int:
    """The red number on Classroom Chat, where group conversations are listed."""
    model = window.nav_model
    return model.section(model.row_of(Place.CLASSROOM)).unread


def notifications(window: MainWindow) -> list[str]:
    assert window.tray is not None
    return list(window.tray.notifications)


def test_a_muted_conversation_raises_no_counter_and_no_notification_for_who_muted_it(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    ivy = add_staff(ui_database, ui_centre, "Ivy")
    admin, teacher, ivys = open_office("admin"), open_office("teacher"), open_office("Ivy")
    thread_id = start_conversation(run_async, admin, ui_centre, Person(PersonKind.STAFF, ivy))
    sync(run_async, teacher)
    sync(run_async, ivys)
    panel = open_conversation(qtbot, run_async, teacher, thread_id)
    click(qtbot, run_async, panel.mute_button)
    assert panel.mute_button.text() == "Unmute"
    assert panel.mine.text() == "Muted for you: no unread count or notification."
    sync(run_async, teacher)
    muted = server_participant(ui_database, thread_id, ui_centre.teacher)
    assert muted is not None
    assert muted.muted
    act(run_async, lambda: teacher.go(Place.FAMILIES))  # not looking at the conversation
    teacher_before, ivy_before = notifications(teacher), notifications(ivys)
    teacher_unread, ivy_unread = classroom_unread(teacher), classroom_unread(ivys)

    open_conversation(qtbot, run_async, admin, thread_id)
    assert admin.inbox is not None
    composer = admin.inbox.thread_view.composer
    qtbot.keyClicks(composer.editor, "Lunch at noon")
    click(qtbot, run_async, composer.send_button)
    sync(run_async, admin)
    sync(run_async, teacher)
    sync(run_async, ivys)

    assert ivys.service is not None
    assert teacher.service is not None
    bodies = [m.body for m in teacher.service.messages(thread_id)]
    assert "Lunch at noon" in bodies  # it still syncs
    assert classroom_unread(teacher) == teacher_unread
    assert notifications(teacher) == teacher_before
    assert classroom_unread(ivys) == ivy_unread + 1  # not muted: counted and notified
    assert notifications(ivys) == [*ivy_before, "1 new message"]

    open_conversation(qtbot, run_async, teacher, thread_id)
    click(qtbot, run_async, panel.mute_button)
    assert panel.mute_button.text() == "Mute"
    sync(run_async, teacher)
    unmuted = server_participant(ui_database, thread_id, ui_centre.teacher)
    assert unmuted is not None
    assert not unmuted.muted


def test_archive_moves_it_to_the_archived_view_and_unarchive_brings_it_back(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    admin, teacher = open_office("admin"), open_office("teacher")
    thread_id = start_conversation(run_async, admin, ui_centre)
    panel = open_conversation(qtbot, run_async, admin, thread_id)
    assert admin.inbox is not None
    thread_list = admin.inbox.thread_list
    assert thread_list.archived_button.isVisible()

    click(qtbot, run_async, panel.archive_button)
    assert not listed(admin, thread_id)  # gone from the active list at once
    assert panel.archive_button.text() == "Unarchive"
    assert panel.mine.text() == "Archived for you."
    sync(run_async, admin)
    archived = server_participant(ui_database, thread_id, ui_centre.admin)
    assert archived is not None
    assert archived.archived
    sync(run_async, teacher)
    act(run_async, lambda: teacher.go(Place.CLASSROOM))
    assert listed(teacher, thread_id)  # archived for the admin only

    click(qtbot, run_async, thread_list.archived_button)
    assert admin.inbox.model.filter.archived is True
    rows = [admin.inbox.model.row_at(r).id for r in range(admin.inbox.model.rowCount())]
    assert rows == [thread_id]
    panel = open_conversation(qtbot, run_async, admin, thread_id)
    click(qtbot, run_async, panel.archive_button)
    assert not listed(admin, thread_id)  # no longer archived
    assert panel_of(admin).archive_button.text() == "Archive"
    click(qtbot, run_async, thread_list.archived_button)
    assert admin.inbox.model.filter.archived is False
    assert listed(admin, thread_id)
    sync(run_async, admin)
    back = server_participant(ui_database, thread_id, ui_centre.admin)
    assert back is not None
    assert not back.archived

    act(run_async, lambda: admin.go(Place.OFFICE))  # no group conversations listed here
    assert not thread_list.archived_button.isVisible()


def test_actions_taken_offline_are_queued_then_applied_and_audited_once_back(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    with run_server(ui_database.url) as server:
        admin = open_office("admin", server=server)
        thread_id = start_conversation(run_async, admin, ui_centre)
        panel = open_conversation(qtbot, run_async, admin, thread_id)
        server.stop()
        assert not run_async(admin.engine.sync_once())
        assert admin.status.phase == "offline"

        click(qtbot, run_async, panel.rename_button)
        dialog = panel.dialog
        assert isinstance(dialog, RenameDialog)
        dialog.title.setText("Zoo trip")
        click(qtbot, run_async, dialog.rename_button)
        click(qtbot, run_async, panel.mute_button)
        click(qtbot, run_async, panel.archive_button)
        assert not run_async(admin.engine.sync_once())
        assert admin.status.outbox_label.text() == "3 waiting to send"
        assert panel.title.text() == "Zoo trip"  # shown at once, offline
        assert panel.mute_button.text() == "Unmute"
        assert not listed(admin, thread_id)

        server.restart()
        assert run_async(admin.engine.sync_once())
        assert admin.status.outbox_label.text() == ""
        mine = server_participant(ui_database, thread_id, ui_centre.admin)
        assert mine is not None
        assert (mine.muted, mine.archived) == (True, True)
        assert thread_title(ui_database, thread_id) == "Zoo trip"
        act(run_async, lambda: admin.go(Place.AUDIT))
        audit = admin.page(Place.AUDIT)
        assert isinstance(audit, AuditLogView)
        actions = [audit.events.index(r, 2).data() for r in range(audit.events.rowCount())]
        for done in ("Renamed a conversation", "Muted a conversation", "Archived a conversation"):
            assert actions.count(done) == 1
