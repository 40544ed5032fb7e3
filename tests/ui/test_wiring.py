"""The main window hosting the other screens.

Links into the inbox, commands sent at once, and the push, template and
background-task screens behind the user's permissions.

Driven through the real widgets of a window synced with a real server process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desk.core.ids import new_id
from desk.models.snapshot import Snapshot
from desk.server import orm
from desk.server.db import Database
from desk.sync.outbox import submit
from desk.ui.admin.audit_log import AuditLogView
from desk.ui.admin.background_tasks import BackgroundTasksView
from desk.ui.admin.kiosk_messages import QueueKioskMessageDialog
from desk.ui.compose.push_dialog import PushDialog
from desk.ui.compose.templates_editor import TemplateEditor
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from desk.ui.mainwindow.shortcuts import shortcut_list
from desk.ui.records.records import FamiliesView
from desk.ui.shared.row_model import ROW_ROLE
from tests.support.factories import CentreIds
from tests.support.office_window import (
    OpenOffice,
    act,
    cache_of,
    family_page,
    shown_place,
    sync,
)
from tests.support.qt_async import Runner, next_emission, until
from tests.support.ui_steps import shown_thread


def activate_row(qtbot: QtBot, view: QTableView, wanted: str, thread_of: str = "id") -> None:
    """Arrow to the row whose thread is `wanted` and press Enter, as staff do."""
    model = view.model()
    rows = [model.index(r, 0) for r in range(model.rowCount())]
    found: QModelIndex = next(i for i in rows if getattr(i.data(ROW_ROLE), thread_of) == wanted)
    view.setFocus()
    view.setCurrentIndex(found)
    qtbot.keyClick(view, Qt.Key.Key_Return)


def server_kiosk_messages(database: Database, body: str) -> int:
    with database.reading() as session:
        query = select(func.count()).select_from(orm.KioskMessage)
        return int(session.scalar(query.where(orm.KioskMessage.body == body)) or 0)


def test_a_family_records_communication_tab_opens_the_conversation_in_the_inbox(
    qtbot: QtBot, open_office: OpenOffice, run_async: Runner, ui_centre: CentreIds
) -> None:
    window = open_office("admin")
    assert window.inbox is not None
    view = family_page(qtbot, window, ui_centre.family)
    tabs = view.page.tabs
    tabs.setCurrentWidget(view.page.communication)
    activate_row(qtbot, view.page.communication.thread_table, ui_centre.threads["classroom_b"])
    assert shown_place(window) is Place.CLASSROOM
    assert window.stack.currentWidget() is window.inbox
    assert shown_thread(window).id == ui_centre.threads["classroom_b"]
    assert window.inbox.thread_list.selected_id == ui_centre.threads["classroom_b"]
    assert window.navigation.currentIndex().row() == window.nav_model.row_of(Place.CLASSROOM)

    # A Closed filter would hide the Unread thread: opening it from a record lifts it.
    window.filter("closed")
    act(run_async, lambda: window.go(Place.FAMILIES))
    activate_row(qtbot, view.page.communication.thread_table, ui_centre.threads["sms"])
    assert shown_place(window) is Place.SMS
    assert window.inbox.model.filter.status is None
    assert window.inbox.thread_list.selected_id == ui_centre.threads["sms"]


def test_the_audit_log_opens_the_conversation_an_event_names(
    qtbot: QtBot, open_office: OpenOffice, run_async: Runner, ui_centre: CentreIds
) -> None:
    window = open_office("admin")
    assert window.inbox is not None
    office_thread = ui_centre.threads["office"]
    submit(
        cache_of(window),
        "send_message",
        {"message_id": new_id(), "thread_id": office_thread, "body": "Your invoice for May"},
    )
    sync(run_async, window)
    act(run_async, lambda: window.go(Place.CLASSROOM))
    act(run_async, lambda: window.go(Place.AUDIT))
    audit = window.page(Place.AUDIT)
    assert isinstance(audit, AuditLogView)
    activate_row(qtbot, audit.table, office_thread, thread_of="thread_id")
    assert shown_place(window) is Place.OFFICE
    assert shown_thread(window).id == office_thread
    assert window.inbox.thread_list.selected_id == office_thread


def test_a_kiosk_message_queued_from_a_family_record_is_pushed_without_f5(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    window = open_office("admin")
    body = f"Please stop by the office ({new_id()[:8]})"

    async def queue_from_the_record() -> None:
        """The whole visit on the running loop, where the engine's loops run."""
        window.engine.start()
        try:
            await next_emission(window.engine.outbox_changed)  # its first, empty push is over
            view = family_page(qtbot, window, ui_centre.family)
            qtbot.mouseClick(view.page.queue_kiosk, Qt.MouseButton.LeftButton)
            dialog = view.findChild(QueueKioskMessageDialog)
            assert dialog is not None
            assert dialog.isVisible()
            assert dialog.recipients.text() == "For: Maria Diaz"  # Rosa is a pickup only
            qtbot.keyClicks(dialog.body, body)
            ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
            await until(
                lambda: server_kiosk_messages(ui_database, body) == 1,
                window.engine.outbox_changed,
            )
        finally:
            await window.engine.stop()  # no loop may resume outside the running event loop

    run_async(queue_from_the_record())
    assert window.status.outbox_label.text() == ""


def test_a_command_queued_from_a_page_shows_as_waiting_until_sent(
    qtbot: QtBot, open_office: OpenOffice, run_async: Runner, ui_centre: CentreIds
) -> None:
    """Before the engine has pushed it (offline, or a moment later online), it waits."""
    window = open_office("admin")  # its loops are not running: nothing goes out by itself
    view = family_page(qtbot, window, ui_centre.family)
    qtbot.mouseClick(view.page.queue_kiosk, Qt.MouseButton.LeftButton)
    dialog = view.findChild(QueueKioskMessageDialog)
    assert dialog is not None
    qtbot.keyClicks(dialog.body, "Your umbrella is at the front desk")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    act(run_async, lambda: qtbot.mouseClick(ok, Qt.MouseButton.LeftButton))
    assert window.status.outbox_label.text() == "1 waiting to send"
    sync(run_async, window)
    assert window.status.outbox_label.text() == ""


def test_an_admin_reaches_push_templates_and_background_tasks_from_the_menus(
    qtbot: QtBot, open_office: OpenOffice, run_async: Runner
) -> None:
    window = open_office("admin")
    assert window.tools_menu.menuAction().isVisible()
    listed = dict(shortcut_list(window.menuBar()))
    assert listed["Ctrl+Shift+P"] == "Push notification…"
    assert listed["Ctrl+Shift+T"] == "Templates…"
    assert listed["Ctrl+8"] == "Background tasks"

    qtbot.keyClick(
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert isinstance(window.push_dialog, PushDialog)
    assert window.push_dialog.isVisible()
    window.push_dialog.reject()

    menu = {action.text(): action for action in window.tools_menu.actions()}
    menu["&Templates…"].trigger()
    assert window.templates_dialog is not None
    assert window.templates_dialog.isVisible()
    assert window.templates_dialog.findChild(TemplateEditor) is not None
    window.templates_dialog.reject()

    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert shown_place(window) is Place.TASKS
    assert isinstance(window.stack.currentWidget(), BackgroundTasksView)


def test_a_teacher_sees_no_push_templates_or_background_tasks(
    qtbot: QtBot, open_office: OpenOffice
) -> None:
    window = open_office("teacher")
    assert not window.tools_menu.menuAction().isVisible()
    assert Place.TASKS not in window.nav_model.places
    listed = dict(shortcut_list(window.menuBar()))
    assert "Ctrl+Shift+P" not in listed
    assert "Ctrl+Shift+T" not in listed
    assert "Background tasks" not in listed.values()
    qtbot.keyClick(
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.keyClick(
        window,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    window.edit_templates()  # even called directly, the hidden action does nothing
    assert window.push_dialog is None
    assert window.templates_dialog is None


def test_the_first_paint_from_the_snapshot_is_taken_over_by_the_cache_in_place(
    qtbot: QtBot, open_office: OpenOffice, settings: QSettings, ui_centre: CentreIds
) -> None:
    """Cold start: rows and counters painted before SQLAlchemy loads stay put."""
    synced = open_office("admin")  # fills a cache from the server
    cache = cache_of(synced)
    window = MainWindow("Maple", settings)
    qtbot.addWidget(window)
    window.show()
    snapshot = Snapshot.open(cache.path)
    assert snapshot is not None
    window.show_snapshot(snapshot)
    qtbot.waitExposed(window)
    assert window.inbox is not None
    assert window.nav_model.places == synced.nav_model.places
    assert shown_place(window) is Place.OFFICE
    assert window.stack.currentWidget() is window.inbox
    model = window.inbox.model
    rows = [model.row_at(n) for n in range(model.rowCount())]
    assert [r.id for r in rows] == [ui_centre.threads["office"]]
    assert window.unread == synced.unread > 0
    assert window.windowTitle() == synced.windowTitle()
    resets: list[object] = []
    model.modelReset.connect(lambda: resets.append(None))
    window.attach(cache)
    assert resets == []
    assert [model.row_at(n) for n in range(model.rowCount())] == rows
    assert window.unread == synced.unread
    window.forget_snapshot()  # nothing to forget any more: the cache took over
    assert window.inbox is not None


def test_what_is_chosen_while_the_cache_loads_shows_once_it_has(
    qtbot: QtBot, open_office: OpenOffice, settings: QSettings, ui_centre: CentreIds
) -> None:
    cache = cache_of(open_office("admin"))
    window = MainWindow("Maple", settings)
    qtbot.addWidget(window)
    window.show()
    snapshot = Snapshot.open(cache.path)
    assert snapshot is not None
    window.show_snapshot(snapshot)
    qtbot.waitExposed(window)
    assert window.inbox is not None
    view = window.inbox.thread_list.view
    first = view.visualRect(window.inbox.model.index(0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=first)
    assert window.inbox.thread_view.current_thread is None  # no service to open it with yet
    window.go(Place.FAMILIES)
    assert window.stack.currentWidget() is window.loading
    window.attach(cache)
    assert shown_place(window) is Place.FAMILIES
    assert isinstance(window.stack.currentWidget(), FamiliesView)
    assert shown_thread(window).id == ui_centre.threads["office"]


def test_a_lapsed_sign_in_takes_the_snapshot_off_screen(
    qtbot: QtBot, open_office: OpenOffice, settings: QSettings
) -> None:
    cache = cache_of(open_office("admin"))
    window = MainWindow("Maple", settings)
    qtbot.addWidget(window)
    window.show()
    snapshot = Snapshot.open(cache.path)
    assert snapshot is not None
    window.show_snapshot(snapshot)
    assert window.unread > 0
    window.forget_snapshot()
    assert window.inbox is None
    assert window.nav_model.places == []
    assert window.stack.currentWidget() is window.loading
    assert window.windowTitle() == "Front Desk — Maple"


FIRST_PAINT = """
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from desk.models.snapshot import Snapshot
from desk.ui.app import make_application
from desk.ui.mainwindow.main_window import MainWindow

app = make_application(["probe"])
window = MainWindow("Maple", QSettings("settings.ini", QSettings.Format.IniFormat))
window.show()
window.show_snapshot(Snapshot.open(Path(sys.argv[1])))
window.repaint()
app.processEvents()
print(window.inbox.model.rowCount())
print(sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "requests", "alembic"}))
"""


def test_the_first_paint_imports_no_sqlalchemy(open_office: OpenOffice, tmp_path: Path) -> None:
    """Guards the cold start: the first paint imports no SQLAlchemy.

    A widget importing the cache at module level (for an exception class, say) would
    put SQLAlchemy back before the first rows show.
    """
    cache = cache_of(open_office("admin"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(cache.path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    rows, heavy = done.stdout.splitlines()
    assert int(rows) == 1  # the admin's Office Chat thread, painted
    assert heavy == "[]"
