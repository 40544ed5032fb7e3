"""The main window hosts the records, kiosk and audit pages and the New Message dialog."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.core.ids import new_id
from desk.server import orm
from desk.server.db import Database
from desk.server.versioning import stamp
from desk.ui.admin.audit_log import AuditLogView
from desk.ui.admin.kiosk_messages import KioskMessagesView
from desk.ui.compose.new_message import NewMessageDialog
from desk.ui.mainwindow.navigation import Place
from desk.ui.records.records import FamiliesView, StaffView
from tests.support.factories import CentreIds
from tests.support.office_window import OpenOffice, act, shown_place, sync
from tests.support.qt_async import Runner


def test_each_place_shows_its_page(
    qtbot: QtBot, open_office: OpenOffice, run_async: Runner
) -> None:
    window = open_office("admin")
    for keys, place, kind in (
        (Qt.Key.Key_4, Place.FAMILIES, FamiliesView),
        (Qt.Key.Key_5, Place.STAFF, StaffView),
        (Qt.Key.Key_6, Place.KIOSK, KioskMessagesView),
        (Qt.Key.Key_7, Place.AUDIT, AuditLogView),
    ):
        act(run_async, partial(qtbot.keyClick, window, keys, Qt.KeyboardModifier.ControlModifier))
        assert shown_place(window) is place
        page = window.page(place)
        assert isinstance(page, kind)
        assert window.stack.currentWidget() is page
    act(
        run_async, lambda: qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    )
    assert window.stack.currentWidget() is window.inbox


def test_hosted_pages_follow_sync(
    open_office: OpenOffice, ui_database: Database, ui_centre: CentreIds, run_async: Runner
) -> None:
    window = open_office("admin")
    act(run_async, lambda: window.go(Place.FAMILIES))
    families = window.page(Place.FAMILIES)
    assert isinstance(families, FamiliesView)
    before = families.families.rowCount()
    with ui_database.writing() as s:
        s.add(orm.Family(id=new_id(), centre_id=ui_centre.centre, name="Zhang"))
        stamp(s, ui_centre.centre)
    sync(run_async, window)
    assert families.families.rowCount() == before + 1


def test_ctrl_n_opens_new_message(qtbot: QtBot, open_office: OpenOffice, run_async: Runner) -> None:
    window = open_office("admin")
    act(
        run_async, lambda: qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    )
    dialog = window.new_message_dialog
    assert isinstance(dialog, NewMessageDialog)
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.finished):
        act(run_async, dialog.reject)  # closed and deleted with the window's other dialogs
