"""Running a group conversation from its details pane: people, rename, stop (seed 004)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desk.core.kinds import PersonKind
from desk.server.db import Database
from desk.services.group_conversations import Person
from desk.ui.admin.audit_log import AuditLogView
from desk.ui.inbox.participants_dialog import ParticipantsDialog
from desk.ui.inbox.rename_dialog import RenameDialog
from desk.ui.mainwindow.navigation import Place
from tests.support.conversation_facts import add_staff
from tests.support.factories import CentreIds
from tests.support.group_steps import (
    click,
    listed,
    open_conversation,
    participant_cards,
    server_participant,
    start_conversation,
)
from tests.support.office_window import OpenOffice, act, cache_of, sync
from tests.support.qt_async import Runner
from tests.support.ui_facts import messages_with_body
from tests.support.ui_steps import open_thread


@pytest.fixture
def confirm(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer Yes to every confirmation; lists the questions asked."""
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr("desk.ui.inbox.group_panel.QMessageBox.question", yes)
    return asked


def audit_actions(window_page: AuditLogView) -> list[str]:
    model = window_page.events
    return [model.index(r, 2).data() for r in range(model.rowCount())]


def test_participants_show_role_and_channel_and_the_16th_is_refused_in_the_dialog(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    helpers = [add_staff(ui_database, ui_centre, f"Helper{n:02}") for n in range(12)]
    window = open_office("admin")
    thread_id = start_conversation(run_async, window, ui_centre)
    panel = open_conversation(qtbot, run_async, window, thread_id)
    assert panel.title.text() == "Field trip"
    assert panel.people_heading.text() == "PARTICIPANTS (3 OF 15)"
    assert participant_cards(panel) == [
        ["Admin Staff (you)", "Staff · Admin · App"],
        ["Teacher Staff", "Staff · Teacher · App"],
        ["Maria Diaz", "Guardian · Text message"],
    ]

    click(qtbot, run_async, panel.add_button)
    dialog = panel.dialog
    assert isinstance(dialog, ParticipantsDialog)
    qtmodeltester.check(dialog.model)
    names = [dialog.model.row_at(r).name for r in range(dialog.model.rowCount())]
    assert "Teacher Staff" not in names  # already in
    assert "Ann Lee" in names
    dialog.pick([Person(PersonKind.STAFF, h) for h in helpers])
    assert dialog.count.text() == "12 selected · 15 of 15 people"
    assert dialog.add_button.isEnabled()
    assert not dialog.refusal.isVisible()
    dialog.pick([Person(PersonKind.GUARDIAN, ui_centre.guardians["ann"])])
    assert dialog.count.text() == "13 selected · 16 of 15 people"
    assert dialog.refusal.isVisible()
    assert dialog.refusal.text() == (
        "Cannot add: a conversation can include up to 15 people; this one has 16"
    )
    assert not dialog.add_button.isEnabled()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)  # disabled: nothing
    assert cache_of(window).read("SELECT COUNT(*) FROM outbox") == [(0,)]
    dialog.reject()
    assert len(participant_cards(panel)) == 3


def test_add_and_remove_a_participant_reaches_their_own_workstation(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
    confirm: list[str],
) -> None:
    ivy = add_staff(ui_database, ui_centre, "Ivy")
    admin = open_office("admin")
    ivys = open_office("Ivy")
    thread_id = start_conversation(run_async, admin, ui_centre)
    panel = open_conversation(qtbot, run_async, admin, thread_id)

    click(qtbot, run_async, panel.add_button)
    dialog = panel.dialog
    assert isinstance(dialog, ParticipantsDialog)
    qtbot.keyClicks(dialog.search, "Ivy")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    dialog.pick([Person(PersonKind.STAFF, ivy)])
    ended: list[int] = []
    dialog.finished.connect(ended.append)
    click(qtbot, run_async, dialog.add_button)
    assert ended == [QDialog.DialogCode.Accepted.value]
    assert ["Ivy Staff", "Staff · Teacher · App"] in participant_cards(panel)  # at once
    sync(run_async, admin)
    assert server_participant(ui_database, thread_id, ivy) is not None
    sync(run_async, ivys)
    assert listed(ivys, thread_id)
    open_thread(qtbot, run_async, ivys, Place.CLASSROOM, thread_id)

    remove = panel.remove_buttons[Person(PersonKind.STAFF, ivy)]
    click(qtbot, run_async, remove)
    assert confirm == [
        "Remove Ivy Staff from “Field trip”? They will no longer see the conversation."
    ]
    assert "Ivy Staff" not in [card[0] for card in participant_cards(panel)]
    sync(run_async, admin)
    assert server_participant(ui_database, thread_id, ivy) is None
    sync(run_async, ivys)
    assert not listed(ivys, thread_id)
    assert ivys.inbox is not None
    assert ivys.inbox.thread_view.current_thread is None  # the open thread is gone too
    assert ivys.service is not None
    assert ivys.service.thread(thread_id) is None

    admin.go(Place.AUDIT)
    audit = admin.page(Place.AUDIT)
    assert isinstance(audit, AuditLogView)
    actions = audit_actions(audit)
    assert "Added a participant" in actions
    assert "Removed a participant" in actions
    assert "Started a group conversation" in actions


def test_rename_is_checked_in_the_dialog_and_seen_by_the_other_client(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    admin = open_office("admin")
    teacher = open_office("teacher")
    thread_id = start_conversation(run_async, admin, ui_centre)
    panel = open_conversation(qtbot, run_async, admin, thread_id)
    click(qtbot, run_async, panel.rename_button)
    dialog = panel.dialog
    assert isinstance(dialog, RenameDialog)
    dialog.title.clear()
    assert dialog.refusal.text() == "Cannot rename: a conversation title cannot be blank"
    assert not dialog.rename_button.isEnabled()
    qtbot.keyClicks(dialog.title, "  Zoo   trip  Friday ")
    assert dialog.rename_button.isEnabled()
    click(qtbot, run_async, dialog.rename_button)
    assert panel.title.text() == "Zoo trip Friday"
    assert admin.inbox is not None
    assert admin.inbox.thread_view.title.text() == "Zoo trip Friday"
    sync(run_async, admin)
    sync(run_async, teacher)
    assert teacher.inbox is not None
    act(run_async, lambda: teacher.go(Place.CLASSROOM))
    row = teacher.inbox.model.row_of(thread_id)
    assert teacher.inbox.model.row_at(row).name == "Zoo trip Friday"
    open_conversation(qtbot, run_async, teacher, thread_id)
    assert teacher.inbox.thread_view.title.text() == "Zoo trip Friday"


def test_stop_makes_it_read_only_everywhere_and_a_queued_reply_is_refused(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
    confirm: list[str],
) -> None:
    admin = open_office("admin")
    teacher = open_office("teacher")
    thread_id = start_conversation(run_async, admin, ui_centre)
    sync(run_async, teacher)
    teachers_panel = open_conversation(qtbot, run_async, teacher, thread_id)
    assert teacher.inbox is not None
    composer = teacher.inbox.thread_view.composer
    panel = open_conversation(qtbot, run_async, admin, thread_id)

    click(qtbot, run_async, panel.stop_button)
    assert confirm
    assert confirm[0].startswith("Stop “Field trip”?")
    assert panel.state.isVisible()
    assert panel.state.text().startswith("Stopped by Admin Staff on ")
    assert not panel.add_button.isEnabled()
    assert not panel.rename_button.isEnabled()
    assert panel.remove_buttons == {}
    assert admin.inbox is not None
    assert admin.inbox.thread_view.composer.editor.isReadOnly()

    # The teacher, not yet synced, answers: queued, then refused by the server.
    qtbot.keyClicks(composer.editor, "One more thing")
    click(qtbot, run_async, composer.send_button)
    sync(run_async, admin)
    sync(run_async, teacher)
    assert messages_with_body(ui_database, thread_id, "One more thing") == 0
    failures = teacher.inbox.thread_view.failures
    assert failures.isVisible()
    assert composer.editor.isReadOnly()
    assert not composer.send_button.isEnabled()
    assert "stopped" in composer.note.text()
    assert teachers_panel.state.text().startswith("Stopped by Admin Staff on ")
