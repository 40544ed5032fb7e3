"""The audit log view, driven through its filters against a real server (seed 001)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from desk.core.ids import new_id
from desk.server.db import Database
from desk.sync.outbox import submit
from desk.ui.admin.audit_log import AuditLogView
from tests.support.factories import CentreIds
from tests.support.office import SignIn, number_made_unread, offices
from tests.support.server_process import ServerProcess

LONG_AGO = datetime(2026, 1, 5, 15, 0, tzinfo=UTC)


@pytest.fixture
def office(ui_server: ServerProcess, ui_centre: CentreIds, tmp_path: Path) -> Iterator[SignIn]:
    """`office(role)`: a workstation of that role, signed in and synced."""
    with offices(ui_server, ui_centre, tmp_path) as sign_in:
        yield sign_in


def actions(view: AuditLogView) -> list[str]:
    return [view.events.index(r, 2).data() for r in range(view.events.rowCount())]


def open_view(qtbot: QtBot, view: AuditLogView) -> AuditLogView:
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def click_box(qtbot: QtBot, box: QCheckBox) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def test_audit_log_shows_who_did_what_and_filters_it(
    qtbot: QtBot, office: SignIn, ui_centre: CentreIds, ui_database: Database
) -> None:
    number_made_unread(ui_database, ui_centre, "sms", "+15555550101", LONG_AGO)
    admin = office("admin")
    sms, office_thread = ui_centre.threads["sms"], ui_centre.threads["office"]
    submit(admin.cache, "open_thread", {"thread_id": sms})
    submit(admin.cache, "close_thread", {"thread_id": office_thread})
    submit(
        admin.cache,
        "send_message",
        {"message_id": new_id(), "thread_id": office_thread, "body": "Your invoice for May"},
    )
    assert admin.sync().rejected == []
    view = open_view(qtbot, AuditLogView(admin.cache))
    assert sorted(actions(view)) == [
        "Closed a conversation",
        "Number made it Unread",
        "Opened a conversation",
        "Sent a message",
        "Signed in",
    ]
    assert actions(view)[-1] == "Number made it Unread"  # newest first

    view.action.setCurrentIndex(view.action.findText("Number made it Unread"))
    qtbot.waitUntil(lambda: actions(view) == ["Number made it Unread"])
    row = [view.events.index(0, c).data() for c in range(6)]
    assert row[1:5] == [
        "+15555550101",
        "Number made it Unread",
        "Diaz (Text message)",
        "+15555550101",
    ]
    view.action.setCurrentIndex(0)

    view.actor.setCurrentIndex(view.actor.findText("Admin Staff"))
    qtbot.waitUntil(lambda: len(actions(view)) == 4)
    view.actor.setCurrentIndex(0)

    qtbot.keyClicks(view.phone, "555-0101")
    qtbot.waitUntil(lambda: actions(view) == ["Number made it Unread"])
    view.phone.clear()

    qtbot.keyClicks(view.text, "invoice")
    qtbot.waitUntil(lambda: actions(view) == ["Sent a message"])
    assert view.events.index(0, 5).data() == "Your invoice for May"
    view.text.clear()

    day = LONG_AGO.astimezone().date()
    view.first_day.setDate(QDate(day.year, day.month, day.day))
    view.last_day.setDate(QDate(day.year, day.month, day.day))
    click_box(qtbot, view.use_from)
    click_box(qtbot, view.use_to)
    qtbot.waitUntil(lambda: actions(view) == ["Number made it Unread"])
    with qtbot.waitSignal(view.open_thread) as opened:
        view.table.setFocus()
        view.table.setCurrentIndex(view.events.index(0, 0))
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [sms]

    view.first_day.setDate(QDate(2020, 1, 1))
    view.last_day.setDate(QDate(2020, 1, 2))
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.empty)
    assert view.empty.text() == "No events match these filters."


def test_one_conversations_events_and_back_to_all(
    qtbot: QtBot, office: SignIn, ui_centre: CentreIds
) -> None:
    admin = office("admin")
    submit(admin.cache, "close_thread", {"thread_id": ui_centre.threads["office"]})
    submit(admin.cache, "open_thread", {"thread_id": ui_centre.threads["sms"]})
    assert admin.sync().rejected == []
    view = open_view(qtbot, AuditLogView(admin.cache))
    view.filter_thread(ui_centre.threads["office"], "Diaz")
    assert actions(view) == ["Closed a conversation"]
    assert view.thread_label.text() == "Only the conversation with Diaz"
    qtbot.mouseClick(view.clear_thread, Qt.MouseButton.LeftButton)
    assert len(actions(view)) == 3  # close, open, and the admin's sign-in
    assert not view.clear_thread.isVisible()


def test_staff_who_are_not_administrators_are_told_why_it_is_empty(
    qtbot: QtBot, office: SignIn
) -> None:
    view = open_view(qtbot, AuditLogView(office("teacher").cache))
    assert view.stack.currentWidget() is view.empty
    assert view.empty.text().startswith("The audit log is for administrators.")


def test_every_column_fits_the_page_of_a_1280_pixel_window(qtbot: QtBot, office: SignIn) -> None:
    admin = office("admin")
    view = AuditLogView(admin.cache)
    qtbot.addWidget(view)
    view.resize(1010, 700)  # the page beside the navigation in a 1280-pixel window
    view.show()
    qtbot.waitExposed(view)

    header = view.table.horizontalHeader()
    last = view.events.columnCount() - 1
    assert view.table.horizontalScrollBar().maximum() == 0
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= (
        view.table.viewport().width()
    )
    assert header.sectionSize(last) >= 150  # room for the start of a message
