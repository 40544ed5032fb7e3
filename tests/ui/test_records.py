"""The Families and Staff pages, driven through their widgets against a real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QTableView, QWidget
from pytestqt.qtbot import QtBot

from desk.server.db import Database
from desk.ui.admin.kiosk_messages import QueueKioskMessageDialog
from desk.ui.records.records import FamiliesView, StaffView
from desk.ui.shared.row_model import ROW_ROLE, RowTableModel
from tests.support.conversation_facts import add_staff
from tests.support.factories import CentreIds
from tests.support.office import (
    SignIn,
    add_group,
    add_sms_thread,
    add_text,
    offices,
    opt_out,
    sign_in_child,
)
from tests.support.server_process import ServerProcess


@pytest.fixture
def office(ui_server: ServerProcess, ui_centre: CentreIds, tmp_path: Path) -> Iterator[SignIn]:
    """`office(role)`: a workstation of that role, signed in and synced."""
    with offices(ui_server, ui_centre, tmp_path) as sign_in:
        yield sign_in


def cells(model: RowTableModel[Any], column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def search(
    qtbot: QtBot, box: QLineEdit, model: RowTableModel[Any], text: str, names: list[str]
) -> None:
    box.clear()
    qtbot.keyClicks(box, text)
    qtbot.waitUntil(lambda: cells(model, 0) == names)


def choose(qtbot: QtBot, view: QTableView, row: int) -> None:
    """Move to a row with the keyboard, as staff arrow through a list."""
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)


def show(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)


def test_families_are_found_by_name_and_phone_digits_and_show_their_record(
    qtbot: QtBot, office: SignIn, ui_centre: CentreIds, ui_database: Database
) -> None:
    opt_out(ui_database, ui_centre, "rosa")  # shares Maria's number
    sign_in_child(ui_database, ui_centre, "leo", ui_centre.room_b)
    view = FamiliesView(office("admin").cache)
    show(qtbot, view)
    assert cells(view.families, 0) == ["Diaz", "Lee"]
    # Families of one surname are told apart by their children and guardians, and a
    # cell cut short by its column shows whole on hover (issue 15 item 6).
    diaz = view.families.index(0, 1)
    children, guardians = diaz.data().split(" · ")
    assert (set(children.split(", ")), guardians) == ({"Leo", "Ava"}, "Maria")
    assert diaz.data(Qt.ItemDataRole.ToolTipRole) == diaz.data()
    assert view.empty.text() == "Pick a family to see its record."
    search(qtbot, view.search, view.families, "555 0103", ["Lee"])  # Ben's number
    search(qtbot, view.search, view.families, "Rosa", ["Diaz"])
    choose(qtbot, view.list, 0)
    page = view.page
    assert view.stack.currentWidget() is page
    assert page.name.text() == "Diaz — Ava, Leo"  # the children tell same-name families apart
    assert cells(page.contacts, 0) == ["Maria Diaz", "Rosa Diaz"]
    assert cells(page.contacts, 1) == ["Guardian", "Pickup"]
    assert cells(page.contacts, 5) == ["Shared number opted out", "Opted out"]
    assert "Rosa Diaz's pickup record in the Diaz family" in page.opt_in_notes.text()
    assert cells(page.students, 0) == ["Ava Kid", "Leo Kid"]
    assert cells(page.students, 2) == ["Not signed in", "Signed in — Pre-K"]
    assert cells(page.pickups, 0) == ["Rosa Diaz"]
    assert cells(page.pickups, 2) == ["Leo"]


def test_communication_tab_lists_texts_and_threads_and_opens_them(
    qtbot: QtBot, office: SignIn, ui_centre: CentreIds, ui_database: Database
) -> None:
    sms = ui_centre.threads["sms"]
    add_text(ui_database, ui_centre, sms, "Can Leo stay late?", inbound=True)
    add_text(ui_database, ui_centre, sms, "Yes, until 6", inbound=False)
    view = FamiliesView(office("admin").cache)
    show(qtbot, view)
    search(qtbot, view.search, view.families, "Diaz", ["Diaz"])
    choose(qtbot, view.list, 0)
    tabs = view.page.tabs
    qtbot.keyClick(tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentWidget() is view.page.communication
    talk = view.page.communication
    assert cells(talk.texts, 3) == ["Yes, until 6", "Can Leo stay late?"]
    assert cells(talk.texts, 1) == ["Sent", "Received"]
    assert cells(talk.threads, 0)[0] == "Text message"  # newest activity first
    assert talk.threads.rowCount() == 4
    with qtbot.waitSignal(view.open_thread) as opened:
        choose(qtbot, talk.text_table, 1)
    assert opened.args == [sms]
    with qtbot.waitSignal(view.open_thread) as opened:
        talk.thread_table.setCurrentIndex(talk.threads.index(2, 0))
        talk.thread_table.selectRow(2)
        qtbot.mouseClick(talk.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [talk.threads.row_at(2).id]


def test_queue_kiosk_message_from_the_family_record_is_for_its_guardians(
    qtbot: QtBot, office: SignIn, ui_centre: CentreIds
) -> None:
    admin = office("admin")
    view = FamiliesView(admin.cache)
    show(qtbot, view)
    search(qtbot, view.search, view.families, "Diaz", ["Diaz"])
    choose(qtbot, view.list, 0)
    qtbot.mouseClick(view.page.queue_kiosk, Qt.MouseButton.LeftButton)
    dialog = view.findChild(QueueKioskMessageDialog)
    assert dialog is not None
    assert list(dialog.guardians.chosen) == [ui_centre.guardians["maria"]]  # not the pickup
    qtbot.keyClicks(dialog.body, "Leo's coat is in lost and found")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    assert admin.sync().rejected == []
    assert admin.cache.read(
        "SELECT guardian_id FROM kiosk_message WHERE version > 0 AND body = ?",
        "Leo's coat is in lost and found",
    ) == [(ui_centre.guardians["maria"],)]


def test_staff_found_by_phone_show_rooms_groups_permissions_and_texts(
    qtbot: QtBot, office: SignIn, ui_centre: CentreIds, ui_database: Database
) -> None:
    nadia = add_staff(ui_database, ui_centre, "Nadia", phone="+15555550188")
    add_group(ui_database, ui_centre, "Floaters", [nadia])
    thread = add_sms_thread(ui_database, ui_centre, "+15555550188")
    add_text(ui_database, ui_centre, thread, "Running 10 minutes late", inbound=True)
    view = StaffView(office("admin").cache)
    show(qtbot, view)
    assert cells(view.staff, 0) == ["Admin Staff", "Nadia Staff", "Office Staff", "Teacher Staff"]
    search(qtbot, view.search, view.staff, "0188", ["Nadia Staff"])
    choose(qtbot, view.list, 0)
    page = view.page
    assert page.name.text() == "Nadia Staff"
    assert page.groups.text() == "Floaters"
    assert page.rooms.text() == "No rooms"
    assert "Texts: opted in" in page.summary.text()
    page.tabs.setCurrentWidget(page.communication)
    assert cells(page.communication.texts, 3) == ["Running 10 minutes late"]
    with qtbot.waitSignal(view.open_thread) as opened:
        choose(qtbot, page.communication.thread_table, 0)
    assert opened.args == [thread]
    search(qtbot, view.search, view.staff, "Teacher", ["Teacher Staff"])
    choose(qtbot, view.list, 0)
    assert page.rooms.text() == "Toddlers"
    assert page.permissions.text() == "Messaging in own rooms only"
    assert page.communication.empty.text() == (
        "No conversations or text messages with this person yet."
    )


def test_a_search_never_leaves_a_family_shown_that_its_list_does_not_hold(
    qtbot: QtBot, office: SignIn, ui_centre: CentreIds
) -> None:
    """Regression: the record of a family the search had filtered out stayed on screen."""
    view = FamiliesView(office("admin").cache)
    show(qtbot, view)
    choose(qtbot, view.list, 0)
    assert view.page.name.text() == "Diaz — Ava, Leo"
    search(qtbot, view.search, view.families, "Lee", ["Lee"])
    shown = view.record.name if view.record and view.stack.currentWidget() is view.page else None
    assert shown in (None, "Lee")
    current = view.list.currentIndex()
    assert not current.isValid() or current.data(ROW_ROLE).name == shown
