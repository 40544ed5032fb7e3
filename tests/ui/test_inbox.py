"""The main window's navigation, counters and thread list, against a real server."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from desk.server.db import Database
from desk.ui.inbox.marked_text import END, START, plain
from desk.ui.inbox.thread_list import PAGE_SIZE, ROW_ROLE
from desk.ui.mainwindow.navigation import Place
from desk.ui.shared.theme import LIGHT
from tests.support.factories import CentreIds
from tests.support.office import add_text
from tests.support.office_window import OpenOffice, act, shown_place, sync
from tests.support.qt_async import Runner
from tests.support.ui_facts import incoming, many_threads, set_capabilities
from tests.support.ui_steps import open_thread


def badges(window: Any, place: Place) -> tuple[int, int]:
    section = window.nav_model.section(window.nav_model.row_of(place))
    return section.unread, section.open


def test_admin_sees_every_place_with_counters_and_the_unread_total(
    open_office: OpenOffice, ui_centre: CentreIds
) -> None:
    window = open_office("admin")
    assert window.inbox is not None
    assert window.nav_model.places == list(Place)
    # make_centre: one Unread office thread, two classroom, one SMS, one unread each.
    assert badges(window, Place.OFFICE) == (1, 0)
    assert badges(window, Place.CLASSROOM) == (2, 0)
    assert badges(window, Place.SMS) == (1, 0)
    assert window.windowTitle() == "(4) Front Desk — Maple"
    assert window.tray is not None
    assert window.tray.unread == 4
    assert shown_place(window) is Place.OFFICE
    assert window.inbox.model.rowCount() == 1
    accessible = window.nav_model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert accessible == "Office Chat: 1 unread, 0 open"


def test_places_follow_permissions(
    open_office: OpenOffice, ui_database: Database, ui_centre: CentreIds
) -> None:
    """Seed 000: Office Chat only with full messaging; seed 001: SMS needs SMS Logs."""
    teacher = open_office("teacher")
    assert teacher.nav_model.places == [Place.CLASSROOM, Place.FAMILIES, Place.STAFF, Place.KIOSK]
    assert not teacher.go_actions[Place.OFFICE].isEnabled()
    office = open_office("office")
    assert Place.SMS in office.nav_model.places
    assert Place.OFFICE not in office.nav_model.places
    assert Place.AUDIT not in office.nav_model.places


def test_permissions_arriving_by_sync_change_the_navigation(
    open_office: OpenOffice, ui_database: Database, ui_centre: CentreIds, run_async: Runner
) -> None:
    window = open_office("office")
    assert Place.SMS in window.nav_model.places
    set_capabilities(ui_database, ui_centre, "office", "mass_text")
    sync(run_async, window)
    assert Place.SMS not in window.nav_model.places


def test_go_shortcuts_and_status_filters(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    many_threads(ui_database, ui_centre, 12)
    window = open_office("admin")
    assert window.inbox is not None
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert shown_place(window) is Place.CLASSROOM
    assert window.inbox.model.rowCount() == 14
    qtbot.mouseClick(window.inbox.thread_list.filter_buttons["closed"], Qt.MouseButton.LeftButton)
    assert window.inbox.model.rowCount() == 4
    assert {window.inbox.model.row_at(r).status for r in range(4)} == {"closed"}
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.inbox.model.rowCount() == 2
    assert window.inbox.thread_list.filter_buttons["unread"].isChecked()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.inbox.model.rowCount() == 14
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert shown_place(window) is Place.SMS
    assert [window.inbox.model.row_at(r).kind for r in range(window.inbox.model.rowCount())] == [
        "sms"
    ]


def test_list_pages_in_order_of_last_activity(
    qtmodeltester: Any, open_office: OpenOffice, ui_database: Database, ui_centre: CentreIds
) -> None:
    many_threads(ui_database, ui_centre, PAGE_SIZE + 30)
    window = open_office("admin")
    assert window.inbox is not None
    window.go(Place.CLASSROOM)
    model = window.inbox.model
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore(model.index(-1))
    window.inbox.thread_list.view.scrollToBottom()
    while model.canFetchMore(model.index(-1)):
        model.fetchMore(model.index(-1))
    assert model.rowCount() == PAGE_SIZE + 32
    times = [model.row_at(r).last_message_at for r in range(model.rowCount())]
    dated = [t for t in times if t is not None]
    assert dated == sorted(dated, reverse=True)
    assert times[-2:] == [None, None]  # threads without messages come last
    assert len({model.row_at(r).id for r in range(model.rowCount())}) == model.rowCount()
    qtmodeltester.check(model)


def test_search_finds_content_names_and_phones_with_matches_marked(
    qtbot: QtBot,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    add_text(
        ui_database,
        ui_centre,
        ui_centre.threads["sms"],
        "Is the field trip on Friday?",
        inbound=True,
    )
    window = open_office("admin")
    assert window.inbox is not None
    window.go(Place.SMS)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.inbox.thread_list.search
    assert search.hasFocus()
    model = window.inbox.model
    qtbot.keyClicks(search, "field tri")
    qtbot.waitUntil(lambda: model.query == "field tri")
    assert model.rowCount() == 1
    row = model.index(0).data(ROW_ROLE)
    assert f"{START}field{END}" in row.snippet
    assert f"{START}trip{END}" in row.snippet
    assert plain(row.snippet).startswith("Is the field trip")
    image = window.inbox.thread_list.view.viewport().grab().toImage()
    highlight = QColor(LIGHT.match).rgb()
    assert any(
        image.pixel(x, y) == highlight
        for x in range(0, image.width(), 2)
        for y in range(min(image.height(), 60))
    ), "the delegate paints the matched words highlighted"

    search.clear()
    qtbot.keyClicks(search, "Rosa")  # the grandmother shares the SMS thread's number
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert model.rowCount() == 1
    window.go(Place.CLASSROOM)
    assert model.rowCount() == 2  # the Diaz family's classroom threads, via the family
    search.clear()
    qtbot.keyClicks(search, "Leo")  # a student of the family
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert model.rowCount() == 2
    assert model.row_at(0).name_marked == "Diaz"  # the family's name itself did not match
    assert model.row_at(0).snippet == f"{START}Leo{END} Kid"  # so the student shows why
    assert model.row_at(0).matched_by == "student"
    assert ", found by Student: Leo Kid" in model.index(0).data(Qt.ItemDataRole.DisplayRole)
    search.clear()
    qtbot.keyClicks(search, "Diaz")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert model.row_at(0).name_marked == f"{START}Diaz{END}"
    window.go(Place.SMS)
    search.clear()
    qtbot.keyClicks(search, "555 0101")  # digits of the number, as people type them
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert model.rowCount() == 1
    search.clear()
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert model.query == ""


def test_incoming_message_updates_counters_and_title(
    open_office: OpenOffice, ui_database: Database, ui_centre: CentreIds, run_async: Runner
) -> None:
    window = open_office("admin")
    assert window.inbox is not None
    act(run_async, lambda: window.go(Place.SMS))
    incoming(ui_database, ui_centre, ui_centre.threads["sms"], "Running late today")
    sync(run_async, window)
    assert badges(window, Place.SMS) == (2, 0)
    assert window.windowTitle() == "(5) Front Desk — Maple"
    assert window.inbox.model.row_at(0).snippet == "Running late today"


def test_the_list_and_the_open_conversation_keep_qts_own_methods(
    open_office: OpenOffice,
) -> None:
    """Regression (issue 11 part 5, found by mypy): two inbox widgets hid Qt methods.

    `ThreadView.thread`, the open row, hid `QObject.thread()`, and `ThreadList.move(step)`
    hid `QWidget.move(pos)`, so code asking the view which thread it lives in, or placing
    the list, got an exception. They are now `current_thread` and `move_current`.
    """
    window = open_office("admin")
    assert window.inbox is not None
    assert window.inbox.thread_view.thread() is window.thread()
    window.inbox.thread_list.move(QPoint(3, 4))
    assert window.inbox.thread_list.pos() == QPoint(3, 4)


def test_status_bar_says_where_sync_stands(open_office: OpenOffice) -> None:
    from desk.sync.state import Phase, SyncState

    window = open_office("admin")
    label = window.status.sync_label
    window.engine.state_changed.emit(SyncState(Phase.SYNCING, "", 1_000, 5_000))
    assert label.text() == "↻ Syncing 1,000 of 5,000"
    window.engine.state_changed.emit(SyncState(Phase.ERROR, "the server answered 500"))
    assert label.text() == "⚠ Sync error — the server answered 500"
    window.engine.state_changed.emit(SyncState(Phase.SIGNED_OUT, "sign in again"))
    assert label.text() == "⚠ Signed out — sign in again"
    window.engine.outbox_changed.emit(3)
    assert window.status.outbox_label.text() == "3 waiting to send"
    window.engine.outbox_changed.emit(0)
    assert window.status.outbox_label.text() == ""


def test_models_behave_as_qt_models(
    qtbot: QtBot,
    qtmodeltester: Any,
    open_office: OpenOffice,
    ui_database: Database,
    ui_centre: CentreIds,
    run_async: Runner,
) -> None:
    incoming(ui_database, ui_centre, ui_centre.threads["sms"], "Hello")
    incoming(ui_database, ui_centre, ui_centre.threads["sms"], "Anyone there?")
    window = open_office("admin")
    assert window.inbox is not None
    qtmodeltester.check(window.nav_model)
    open_thread(qtbot, run_async, window, Place.SMS, ui_centre.threads["sms"])
    assert window.inbox.thread_view.messages.rowCount() == 2
    qtmodeltester.check(window.inbox.thread_view.messages)
