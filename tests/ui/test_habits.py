"""Desktop habits: a shortcut list, remembered geometry and splitters, themes, access names."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from desk.ui.mainwindow.shortcuts import ShortcutsDialog, shortcut_list
from desk.ui.shared.theme import DARK, LIGHT, apply_theme, colors_for, style_sheet, wants_dark
from tests.support.office_window import OpenOffice, act
from tests.support.qt_async import Runner
from tests.support.ui_steps import shown_thread


def test_help_lists_every_shortcut(
    qtbot: QtBot, open_office: OpenOffice, run_async: Runner
) -> None:
    window = open_office("admin")
    listed = dict(shortcut_list(window.menuBar()))
    for keys, action in (
        ("Ctrl+N", "New Message…"),
        ("F5", "Sync now"),
        ("Ctrl+F", "Search conversations"),
        ("Ctrl+R", "Reply"),
        ("Ctrl+Shift+C", "Close conversation"),
        ("Ctrl+Shift+O", "Reopen conversation"),
        ("Ctrl+Shift+R", "Retry failed message"),
        ("Ctrl+1", "Office Chat"),
        ("Alt+2", "Show unread"),
        ("Alt+Down", "Next conversation"),
    ):
        assert listed[keys] == action
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.shortcuts_dialog
    assert isinstance(dialog, ShortcutsDialog)
    assert dialog.isVisible()
    model = dialog.table.model()
    rows = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert rows["Ctrl+Enter"] == "Send the reply being typed"
    assert rows["Ctrl+N"] == "New Message…"
    dialog.reject()


def test_alt_arrows_move_through_conversations(
    qtbot: QtBot, open_office: OpenOffice, run_async: Runner
) -> None:
    window = open_office("admin")
    assert window.inbox is not None
    act(run_async, lambda: window.go(Place.CLASSROOM))
    act(run_async, lambda: qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier))
    first = window.inbox.thread_view.current_thread
    assert first is not None
    act(run_async, lambda: qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier))
    second = window.inbox.thread_view.current_thread
    assert second is not None
    assert second.id != first.id
    act(run_async, lambda: qtbot.keyClick(window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier))
    assert shown_thread(window).id == first.id


def test_geometry_and_splitter_sizes_are_remembered(
    qtbot: QtBot,
    qapp: QApplication,
    open_office: OpenOffice,
    settings: QSettings,
    run_async: Runner,
) -> None:
    window = open_office("admin")
    assert window.inbox is not None
    window.inbox.show_details_pane(False)  # switched off, which is remembered too
    qapp.processEvents()  # the window's minimum follows: it no longer counts the details
    window.resize(760, 540)  # inside the offscreen screen, which clamps restored geometry
    size = window.size()  # no narrower than the window's minimum
    window.inbox.splitter.setSizes([300, 500, 300])
    thread_list = window.inbox.splitter.sizes()[0]
    run_async(window.engine.stop())
    window._engine = None
    window.close()
    assert isinstance(settings.value("mainWindow/geometry"), QByteArray)

    again = MainWindow("Maple", settings)
    qtbot.addWidget(again)
    assert again.size().height() == 540  # its width is clamped to the offscreen screen
    assert size.height() == 540
    reopened = open_office("admin")
    assert reopened.inbox is not None
    assert reopened.size() == size
    # The columns are fitted to the window; the list keeps the width it was given.
    assert reopened.inbox.splitter.sizes()[0] == thread_list
    assert not reopened.inbox.details.isVisibleTo(reopened)


def test_palettes_follow_the_scheme(qapp: QApplication) -> None:
    before = (qapp.palette(), qapp.styleSheet(), qapp.style().name())
    try:
        dark = apply_theme(qapp, dark=True)
        assert dark is DARK
        assert colors_for(qapp.palette()) is DARK
        assert qapp.palette().color(QPalette.ColorRole.Base).name() == DARK.base
        assert DARK.accent in qapp.styleSheet()
        assert apply_theme(qapp, dark=False) is LIGHT
        assert colors_for(qapp.palette()) is LIGHT
    finally:
        qapp.setPalette(before[0])
        qapp.setStyleSheet(before[1])
        qapp.setStyle(before[2])
    assert "@" not in style_sheet(LIGHT).replace("@name@", "")


def test_the_appearance_can_hold_light_or_dark_whatever_the_system_says(
    qapp: QApplication, open_office: OpenOffice, settings: QSettings
) -> None:
    window = open_office("admin")
    before = (qapp.palette(), qapp.styleSheet(), qapp.style().name())
    try:
        window.appearance_actions["dark"].trigger()
        assert colors_for(qapp.palette()) is DARK
        assert settings.value("appearance/scheme") == "dark"
        window.set_appearance("light")
        assert colors_for(qapp.palette()) is LIGHT
        assert window.appearance_actions["light"].isChecked()
        assert not window.appearance_actions["dark"].isChecked()
    finally:
        qapp.setPalette(before[0])
        qapp.setStyleSheet(before[1])
        qapp.setStyle(before[2])
    with pytest.raises(ValueError, match="not 'blue'"):
        wants_dark("blue")


def test_widgets_have_accessible_names_and_a_sensible_tab_order(
    open_office: OpenOffice, run_async: Runner
) -> None:
    window = open_office("admin")
    inbox = window.inbox
    assert inbox is not None
    named = [
        window.navigation,
        inbox.thread_list.search,
        inbox.thread_list.view,
        inbox.thread_view.message_list,
        inbox.thread_view.composer.editor,
        inbox.thread_view.composer.send_button,
        inbox.thread_view.close_button,
        inbox.details,
        window.status.sync_label,
    ]
    assert all(widget.accessibleName() for widget in named)
    assert inbox.thread_list.search.nextInFocusChain() is inbox.thread_list.view or _reaches(
        inbox.thread_list.search, inbox.thread_list.view
    )
    assert _reaches(inbox.thread_view.composer.editor, inbox.thread_view.composer.send_button)


def _reaches(start: QWidget, target: QWidget, limit: int = 12) -> bool:
    """Whether Tab from `start` reaches `target` within a few focusable stops."""
    widget = start.nextInFocusChain()
    for _ in range(limit * 4):
        if widget is target:
            return True
        if widget is None:
            return False
        widget = widget.nextInFocusChain()
    return False
