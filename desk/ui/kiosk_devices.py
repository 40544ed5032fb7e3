"""The office's Kiosks list: every enrolled kiosk, who enrolled it, when it was last
seen, and Revoke (administrators only; issue 12, item 3).

The list comes from the server there and then (a kiosk's last contact is not synced,
so its polling wakes nobody), and revoking needs the server too: offline, the dialog
says so instead of pretending.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.core.wire import format_utc
from desk.services.account import Connection
from desk.services.kiosk_admin import KioskInfo, list_kiosks, revoke_kiosk
from desk.ui.formatting import local_time
from desk.ui.operations import run_in_background
from desk.ui.row_model import ROW_ROLE

Index = QModelIndex | QPersistentModelIndex


class KioskListModel(QAbstractTableModel):
    """The kiosks as a table; a centre has a handful, so all rows at once."""

    def __init__(
        self,
        columns: Sequence[tuple[str, Callable[[KioskInfo], str]]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[KioskInfo] = []

    def set_rows(self, rows: Sequence[KioskInfo]) -> None:
        """Show these kiosks instead of the ones shown."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> KioskInfo:
        """The kiosk shown in `row`."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[index.column()][1](row)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section][0]
        return None


class KiosksDialog(QDialog):
    """The centre's kiosks with Revoke.

    Signals:
        loaded: the list was (re)read from the server; `error` says why not.
    """

    loaded = Signal()

    def __init__(self, connection: Connection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kiosksDialog")
        self.setWindowTitle(self.tr("Kiosks"))
        self.setMinimumSize(640, 320)
        self._connection = connection
        self.model = KioskListModel(
            [
                (self.tr("Name"), lambda k: k.name),
                (self.tr("Enrolled by"), lambda k: k.enrolled_by),
                (self.tr("Enrolled"), lambda k: local_time(format_utc(k.enrolled_at))),
                (self.tr("Last seen"), self._seen),
                (self.tr("Status"), self._status),
            ],
            parent=self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.revoke_button = QPushButton(self.tr("&Revoke"))
        self.revoke_button.setEnabled(False)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.refresh_button = QPushButton(self.tr("Re&fresh"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.revoke_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.refresh()

    def selected(self) -> KioskInfo | None:
        """The kiosk whose row is selected, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def refresh(self) -> None:
        """Read the list from the server, off the GUI thread."""
        self.error.setText(self.tr("Asking the server…"))
        run_in_background(self, lambda: list_kiosks(self._connection), self._show, self._failed)

    def revoke_selected(self) -> None:
        """Revoke the selected kiosk after asking; it stops working at its next request."""
        kiosk = self.selected()
        if kiosk is None or kiosk.revoked:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Revoke kiosk"),
            self.tr(
                "Revoke “{name}”? It stops working at once and forgets the parents' PINs;"
                " to use it again, enroll it again."
            ).format(name=kiosk.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.revoke_button.setEnabled(False)
        run_in_background(
            self,
            lambda: revoke_kiosk(self._connection, kiosk.id),
            lambda _done: self.refresh(),
            self._failed,
        )

    def _show(self, kiosks: list[KioskInfo]) -> None:
        self.model.set_rows(kiosks)
        self.error.setText("" if kiosks else self.tr("No kiosk is enrolled yet."))
        self._selection_changed()
        self.loaded.emit()

    def _failed(self, error: Exception) -> None:
        self.error.setText(str(error))
        self._selection_changed()
        self.loaded.emit()

    def _selection_changed(self, *_args: object) -> None:
        kiosk = self.selected()
        self.revoke_button.setEnabled(kiosk is not None and not kiosk.revoked)

    def _seen(self, kiosk: KioskInfo) -> str:
        if kiosk.last_seen_at is None:
            return self.tr("never")
        return local_time(format_utc(kiosk.last_seen_at))

    def _status(self, kiosk: KioskInfo) -> str:
        return self.tr("Revoked") if kiosk.revoked else self.tr("Active")
