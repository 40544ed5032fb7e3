"""Help > Keyboard shortcuts: every action with a shortcut, read from the menus.

The list is built from the window's actions rather than written out by hand, so
it cannot drift from what the keys actually do.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.core.user_errors import QT_TRANSLATE_NOOP

EXTRA: tuple[tuple[str, str], ...] = (
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("ShortcutsDialog", "Send the reply being typed")),
    ("Enter", QT_TRANSLATE_NOOP("ShortcutsDialog", "Search now (in the search box)")),
    ("Up / Down", QT_TRANSLATE_NOOP("ShortcutsDialog", "Move through conversations in the list")),
)


def shortcut_list(menu_bar: QMenuBar) -> list[tuple[str, str]]:
    """(keys, what they do) for every menu action that has a shortcut.

    Hidden actions are left out: a teacher is not shown keys for the screens their
    permissions hide (the actions are disabled too, so the keys do nothing).
    """
    found: list[tuple[str, str]] = []

    def walk(actions: list[QAction]) -> None:
        for action in actions:
            if not action.isVisible():
                continue
            menu = action.menu()  # typed as QObject: QAction lives in QtGui, QMenu does not
            if isinstance(menu, QMenu):
                walk(menu.actions())
            elif not action.shortcut().isEmpty():
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                found.append((keys, action.text().replace("&", "")))

    walk(menu_bar.actions())
    return found


class ShortcutsDialog(QDialog):
    """A table of the shortcuts."""

    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_list(menu_bar) + [
            (k, QCoreApplication.translate("ShortcutsDialog", t)) for k, t in EXTRA
        ]
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for n, (keys, text) in enumerate(rows):
            self.table.setItem(n, 0, QTableWidgetItem(keys))
            self.table.setItem(n, 1, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 480)
