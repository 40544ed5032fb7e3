"""Steps the record, settings and unknown-number screen tests share (issue 13 items 4, 5, 7)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk.core.kinds import Channel
from desk.server import orm
from desk.server.db import Database
from desk.server.delivery.receipts import Settler
from desk.server.orm.base import utcnow
from desk.server.versioning import stamp
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from desk.ui.records.records import FamilyRecordPage, StaffView
from desk.ui.shared.row_model import ROW_ROLE, RowTableModel
from tests.support.factories import CentreIds
from tests.support.office_window import act
from tests.support.qt_async import Runner


def cells(model: RowTableModel[Any], column: int) -> list[str]:
    """The texts of one column, top to bottom."""
    return [model.index(row, column).data() for row in range(model.rowCount())]


def click(qtbot: QtBot, run_async: Runner, button: QAbstractButton) -> None:
    """Click a button that queues a command, on the running loop (see `act`)."""
    assert button.isVisible(), button.objectName()
    assert button.isEnabled(), button.objectName()
    act(run_async, lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton))


def tick(qtbot: QtBot, run_async: Runner, box: QCheckBox) -> None:
    """Click a check box on its box, as a person does."""
    assert box.isVisible(), box.objectName()
    assert box.isEnabled(), box.objectName()
    act(
        run_async,
        lambda: qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2)),
    )


def pick_contact(page: FamilyRecordPage, name: str) -> None:
    """Select a guardian or pickup in the family record's contacts, by name."""
    row = cells(page.contacts, 0).index(name)
    page.contact_view.setFocus()
    page.contact_view.selectRow(row)
    chosen = page.selected_contact()
    assert chosen is not None
    assert chosen.detail.name == name


def staff_page(qtbot: QtBot, window: MainWindow, staff_id: str) -> StaffView:
    """Go to Staff and open one staff member's record from the list."""
    window.go(Place.STAFF)
    view = window.page(Place.STAFF)
    assert isinstance(view, StaffView)
    rows = [view.staff.index(r, 0) for r in range(view.staff.rowCount())]
    row = next(i for i in rows if i.data(ROW_ROLE).id == staff_id)
    view.list.setFocus()
    view.list.setCurrentIndex(row)
    qtbot.keyClick(view.list, Qt.Key.Key_Return)
    assert view.record is not None
    assert view.record.detail.id == staff_id
    return view


def texts_fail_for(database: Database, centre: CentreIds, message_id: str, guardian: str) -> None:
    """The carrier says the guardian's text of `message_id` can never be delivered.

    Recorded by the server's own receipt rules (`Settler.failed`, as a Twilio status
    callback with error 30003 is), which mark their SMS failing and plan the message
    again on their next channel (seed 004's fallback).
    """
    guardian_id = centre.guardians[guardian]
    with database.writing() as s:
        delivery = s.scalars(
            select(orm.Delivery).where(
                orm.Delivery.message_id == message_id,
                orm.Delivery.recipient_id == guardian_id,
                orm.Delivery.channel == Channel.SMS,
            )
        ).one()
        settler = Settler(s, centre.centre, utcnow())
        settler.failed(
            delivery, "30003 Unreachable destination handset", track=False, unreachable=True
        )
        settler.finish()
        stamp(s, centre.centre)
