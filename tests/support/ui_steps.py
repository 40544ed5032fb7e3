"""Steps the UI tests share: open a thread by clicking it, read what it shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.models.inbox_sql import InboxRow
from desk.ui.inbox.messages import STATE_ROLE
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from tests.support.office_window import act
from tests.support.qt_async import Runner


def open_thread(
    qtbot: QtBot, run_async: Runner, window: MainWindow, place: Place, thread_id: str
) -> None:
    """Go to `place` and click the thread in the list."""
    act(run_async, lambda: window.go(place))
    inbox = window.inbox
    assert inbox is not None, "the window has no inbox before `attach`"
    row = inbox.model.row_of(thread_id)
    assert row >= 0
    view = inbox.thread_list.view
    rect = view.visualRect(inbox.model.index(row))
    act(
        run_async,
        lambda: qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()),
    )
    assert inbox.thread_view.current_thread is not None
    assert inbox.thread_view.current_thread.id == thread_id


def states(window: MainWindow) -> list[str]:
    assert window.inbox is not None, "the window has no inbox before `attach`"
    model = window.inbox.thread_view.messages
    return [model.index(r).data(STATE_ROLE) for r in range(model.rowCount())]


def shown_thread(window: MainWindow) -> InboxRow:
    """The thread open in the window's inbox; fails the test when none is."""
    assert window.inbox is not None, "the window has no inbox before `attach`"
    thread = window.inbox.thread_view.current_thread
    assert thread is not None, "no conversation is open"
    return thread
