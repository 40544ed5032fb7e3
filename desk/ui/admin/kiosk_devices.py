"""The office's Kiosks list, with Revoke for administrators (issue 12, item 3).

Every enrolled kiosk, who enrolled it and when it was last seen.

The list comes from the server there and then (a kiosk's last contact is not synced,
so its polling wakes nobody), and revoking needs the server too: offline, the dialog
says so instead of pretending.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
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
from desk.i18n.errors import error_text
from desk.services.account import Connection
from desk.services.kiosk_admin import KioskInfo, list_kiosks, revoke_kiosk
from desk.ui.shared.formatting import local_time
from desk.ui.shared.operations import run_in_background
from desk.ui.shared.row_model import Column, RowTableModel


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
        # A centre has a handful of kiosks: the model pages over the list last read.
        self._kiosks: list[KioskInfo] = []
        self.model = RowTableModel[KioskInfo](
            [
                Column[KioskInfo](self.tr("Name"), lambda k: k.name),
                Column[KioskInfo](self.tr("Enrolled by"), lambda k: k.enrolled_by),
                Column[KioskInfo](
                    self.tr("Enrolled"), lambda k: local_time(format_utc(k.enrolled_at))
                ),
                Column[KioskInfo](self.tr("Last seen"), self._seen),
                Column[KioskInfo](self.tr("Status"), self._status),
            ],
            lambda offset, limit: self._kiosks[offset : offset + limit],
            parent=self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # Kiosk names are what an admin picks by: never elided.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
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
        self._kiosks = kiosks
        self.model.reload()
        self.error.setText("" if kiosks else self.tr("No kiosk is enrolled yet."))
        self._selection_changed()
        self.loaded.emit()

    def _failed(self, error: Exception) -> None:
        self.error.setText(error_text(error))
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
