"""Templates in every composer (issue 13 item 6), driven through the real window.

Picked in a reply and in New Message, checked for variables nothing would fill,
deleted from the editor and gone on another workstation.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from desk.core.kinds import Channel
from desk.server import orm
from desk.server.db import Database
from desk.ui.compose.new_message import NewMessageDialog
from desk.ui.compose.templates_editor import TemplateEditor
from desk.ui.mainwindow.navigation import Place
from desk.ui.shared.template_menu import TemplateButton
from tests.support.conversation_facts import rows_of
from tests.support.factories import CentreIds
from tests.support.office import add_template
from tests.support.office_window import OpenOffice, act, cache_of, sync
from tests.support.polling import wait_until_async
from tests.support.qt_async import Runner
from tests.support.ui_steps import open_thread

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


def menu_entries(qtbot: QtBot, button: TemplateButton) -> list[str]:
    """Open the Templates menu with a click; its section headings and entries, in order."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(button.choices.isVisible)
    return [a.text() for a in button.choices.actions() if a.text()]


def choose(button: TemplateButton, name: str) -> None:
    """Pick the entry `name` of the open Templates menu."""
    [action] = [a for a in button.choices.actions() if a.text() == name and not a.isSeparator()]
    assert isinstance(action, QAction)
    action.trigger()
    button.choices.close()


def test_a_reply_is_filled_from_a_template_of_its_channel(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    add_template(
        ui_database, ui_centre, "messenger", Channel.SMS, "Closed today", "", "We are closed today."
    )
    add_template(
        ui_database,
        ui_centre,
        "new_message",
        Channel.EMAIL,
        "Invoice",
        "Your invoice",
        "Your invoice is attached.",
    )
    add_template(ui_database, ui_centre, "families", Channel.SMS, "Push only", "", "Not offered")
    admin = open_office("admin")
    assert admin.inbox is not None
    composer = admin.inbox.thread_view.composer

    open_thread(qtbot, run_async, admin, Place.OFFICE, ui_centre.threads["office"])
    assert menu_entries(qtbot, composer.template_button) == [
        "Text message",
        "Closed today",
        "Email",
        "Invoice",
    ]
    choose(composer.template_button, "Invoice")
    assert composer.editor.toPlainText() == "Your invoice is attached."
    assert composer.send_button.isEnabled()

    # A text-message thread offers text-message templates only.
    open_thread(qtbot, run_async, admin, Place.SMS, ui_centre.threads["sms"])
    assert menu_entries(qtbot, composer.template_button) == ["Text message", "Closed today"]
    choose(composer.template_button, "Closed today")
    assert composer.editor.toPlainText() == "We are closed today."
    with qtbot.waitSignal(composer.send_requested) as sent:
        qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
    assert sent.args == ["We are closed today."]


def test_a_variable_left_in_a_reply_stops_it_with_the_reason(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    """F20: a parent must never read "Hi {guardian.frist_name}"; the reason is shown."""
    add_template(
        ui_database,
        ui_centre,
        "messenger",
        Channel.APP,
        "Greeting",
        "Hello",
        "Hi {guardian.first_name}, thanks!",
    )
    admin = open_office("admin")
    assert admin.inbox is not None
    composer = admin.inbox.thread_view.composer
    open_thread(qtbot, run_async, admin, Place.OFFICE, ui_centre.threads["office"])
    menu_entries(qtbot, composer.template_button)
    choose(composer.template_button, "Greeting")
    assert not composer.send_button.isEnabled()
    assert composer.problem.isVisible()
    assert composer.problem.text() == (
        "Replace {guardian.first_name} with the text itself: only push notifications fill "
        "in template variables for each recipient."
    )
    composer.editor.setPlainText("Hi {guardian.frist_name}, thanks!")
    assert composer.problem.text() == (
        "Not sent as typed: the message uses an unknown variable {guardian.frist_name}; "
        "did you mean {guardian.first_name}?"
    )
    composer.editor.setPlainText("Hi Maria, thanks! (we open at 7 {ish)")
    assert not composer.problem.isVisible()  # a lone brace in prose is just text
    assert composer.send_button.isEnabled()


def test_new_message_takes_a_template_with_its_title_as_the_subject(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    add_template(
        ui_database,
        ui_centre,
        "new_message",
        Channel.EMAIL,
        "Closure",
        "Closed on Monday",
        "The centre is closed on Monday for a holiday.",
    )
    add_template(
        ui_database, ui_centre, "new_message", Channel.SMS, "Snow", "", "Snow day: we are closed."
    )
    admin = open_office("admin")
    act(run_async, admin.new_message_button.click)
    dialog = admin.new_message_dialog
    assert isinstance(dialog, NewMessageDialog)
    button = dialog.template_button
    assert menu_entries(qtbot, button) == ["Text message", "Snow", "Email", "Closure"]
    choose(button, "Closure")
    assert dialog.subject.text() == "Closed on Monday"
    assert dialog.body.toPlainText() == "The centre is closed on Monday for a holiday."
    dialog.emergency.setChecked(True)  # an emergency text offers text templates only
    assert menu_entries(qtbot, button) == ["Text message", "Snow"]
    button.choices.close()
    act(run_async, dialog.reject)  # the draft is saved now, not by a timer after the test


def test_a_deleted_template_is_gone_on_another_workstation(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    add_template(ui_database, ui_centre, "messenger", Channel.SMS, "Old hours", "", "We open at 8.")
    add_template(ui_database, ui_centre, "messenger", Channel.SMS, "Lunch", "", "Lunch is at 12.")
    other = open_office("office")  # the Messenger Center's texts are theirs to answer
    assert other.inbox is not None
    other_composer = other.inbox.thread_view.composer
    open_thread(qtbot, run_async, other, Place.SMS, ui_centre.threads["sms"])
    assert "Old hours" in menu_entries(qtbot, other_composer.template_button)
    other_composer.template_button.choices.close()

    admin = open_office("admin")
    act(run_async, admin.edit_templates)
    assert admin.templates_dialog is not None
    editor = admin.templates_dialog.findChild(TemplateEditor)
    assert isinstance(editor, TemplateEditor)
    names = [editor.saved.index(r, 2).data() for r in range(editor.saved.rowCount())]
    editor.list.setCurrentIndex(editor.saved.index(names.index("Old hours"), 0))
    assert editor.name.text() == "Old hours"
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    box = editor.confirmation
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert box.text() == (
        "Delete the template “Old hours” (Messenger Center, Text message)? It goes from "
        "every workstation; messages already sent with it are kept."
    )
    [delete] = [b for b in box.buttons() if b.objectName() == "confirmDeleteButton"]

    async def delete_now() -> None:
        delete.click()
        await wait_until_async(lambda: editor.saved.rowCount() == 1, "the template left the list")

    run_async(delete_now())  # gone here at once
    assert editor.saved.index(0, 2).data() == "Lunch"
    sync(run_async, admin)
    [row] = rows_of(ui_database, orm.Template, name="Old hours")
    assert row.deleted

    sync(run_async, other)
    assert menu_entries(qtbot, other_composer.template_button) == ["Text message", "Lunch"]
    other_composer.template_button.choices.close()


def test_only_administrators_may_delete_a_template(
    qtbot: QtBot, open_office: OpenOffice, ui_centre: CentreIds, ui_database: Database
) -> None:
    add_template(ui_database, ui_centre, "messenger", Channel.SMS, "Lunch", "", "Lunch at 12.")
    editor = TemplateEditor(cache_of(open_office("office")))
    qtbot.addWidget(editor)
    editor.show()
    editor.list.setCurrentIndex(editor.saved.index(0, 0))
    assert editor.name.text() == "Lunch"
    assert not editor.delete_button.isEnabled()
    assert editor.delete_button.toolTip() == "Only administrators can change templates."
