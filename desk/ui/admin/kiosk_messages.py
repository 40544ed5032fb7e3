"""The office's kiosk messages (seed 000, "Show at Sign In-Out Kiosk").

Two widgets for the main window, which hosts and wires them:

- `KioskMessagesView(cache, parent=None)`: the "Kiosk messages" page. It lists the
  messages waiting for each guardian (by guardian, each guardian's in entry order),
  optionally with the acknowledged and cancelled ones and their times; queues new
  ones and cancels a waiting one. Call its `refresh()` slot when the sync engine
  reports `data_changed`; what it queues goes out by itself when online.
- `QueueKioskMessageDialog(cache, guardian_ids=(), parent=None)`: queue one message
  for one or many guardians. Opened from a family record, pass that family's guardian
  ids to start with them chosen. After `accept()`, `queued_ids` holds the new
  messages' ids.

Both read and write only the cache (`desk.services.kiosk_messages`), so they work
offline; the outbox sends each message exactly once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.i18n.errors import error_text
from desk.models.cache import Cache, StorageError
from desk.services.kiosk_messages import (
    MAX_BODY,
    GuardianChoice,
    KioskMessageRow,
    NoteState,
    cancel_kiosk_message,
    guardian_choices,
    guardians_by_id,
    list_kiosk_messages,
    queue_kiosk_messages,
)
from desk.ui.shared.checkable import CheckableListModel
from desk.ui.shared.formatting import local_time
from desk.ui.shared.row_model import Column, RowTableModel

Index = QModelIndex | QPersistentModelIndex
GUARDIAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def state_text(row: KioskMessageRow) -> str:
    """Waiting, or when it was shown, acknowledged or cancelled."""
    match row.state:
        case NoteState.ACKNOWLEDGED:
            return QCoreApplication.translate("KioskMessagesView", "Acknowledged {time}").format(
                time=local_time(row.acknowledged_at)
            )
        case NoteState.SHOWN:
            return QCoreApplication.translate("KioskMessagesView", "Shown {time}").format(
                time=local_time(row.shown_at)
            )
        case NoteState.CANCELLED:
            return QCoreApplication.translate("KioskMessagesView", "Cancelled")
        case _:
            return QCoreApplication.translate("KioskMessagesView", "Waiting")


class KioskMessagesView(QWidget):
    """Kiosk messages per guardian, with Queue and Cancel."""

    def __init__(self, cache: Cache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskMessagesView")
        self._cache = cache
        self._guardian_ids: list[str] = []
        self.model = RowTableModel[KioskMessageRow](
            [
                Column(self.tr("Guardian"), lambda r: r.guardian_name),
                Column(self.tr("Family"), lambda r: r.family_name),
                Column(self.tr("Message"), lambda r: r.body.replace("\n", " ")),
                Column(self.tr("Entered"), lambda r: local_time(r.entered_at)),
                Column(self.tr("Status"), state_text),
            ],
            self._load,
            parent=self,
        )
        self.table = QTableView()
        self.table.setObjectName("kioskMessageList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.show_done = QCheckBox(self.tr("Show acknowledged and cancelled"))
        self.show_done.setObjectName("showDone")
        self.show_done.toggled.connect(lambda _: self.refresh())
        self.queue_button = QPushButton(self.tr("Queue kiosk message…"))
        self.queue_button.setObjectName("queueKioskMessage")
        self.queue_button.clicked.connect(lambda: self.open_queue_dialog())
        self.cancel_button = QPushButton(self.tr("Cancel message"))
        self.cancel_button.setObjectName("cancelKioskMessage")
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.error = QLabel()
        self.error.setObjectName("kioskMessageError")
        self.error.setStyleSheet("color: #b3261e")
        bar = QHBoxLayout()
        bar.addWidget(self.queue_button)
        bar.addWidget(self.cancel_button)
        bar.addStretch(1)
        bar.addWidget(self.show_done)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    def refresh(self) -> None:
        """Re-read the list from the cache (after a sync or a change made here)."""
        self.model.reload()
        self._update_buttons()

    def set_guardians(self, guardian_ids: Iterable[str]) -> None:
        """Show only these guardians' messages (all guardians for an empty list)."""
        self._guardian_ids = list(guardian_ids)
        self.refresh()

    def selected(self) -> KioskMessageRow | None:
        """The message selected in the list, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def open_queue_dialog(self, guardian_ids: Iterable[str] = ()) -> QueueKioskMessageDialog:
        """Open the queue dialog (non-modal), with these guardians chosen to start with."""
        chosen = list(guardian_ids) or self._guardian_ids
        dialog = QueueKioskMessageDialog(self._cache, chosen, self)
        dialog.accepted.connect(self._queued)
        dialog.open()
        return dialog

    def cancel_selected(self) -> None:
        """Withdraw the selected message, if the guardian has not read it yet."""
        row = self.selected()
        if row is None:
            return
        try:
            cancel_kiosk_message(self._cache, row.id)
        except (ValueError, StorageError) as error:
            self.error.setText(error_text(error))
            return
        self.error.setText("")
        self.refresh()

    def _queued(self) -> None:
        self.error.setText("")
        self.refresh()

    def _load(self, offset: int, limit: int) -> list[KioskMessageRow]:
        return list_kiosk_messages(
            self._cache,
            guardian_ids=self._guardian_ids,
            include_done=self.show_done.isChecked(),
            limit=limit,
            offset=offset,
        )

    def _update_buttons(self) -> None:
        row = self.selected()
        self.cancel_button.setEnabled(row is not None and row.cancellable)


class GuardianChoiceModel(CheckableListModel):
    """Guardians matching a search, each with a check box; the checks outlive searches."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[GuardianChoice] = []
        self.chosen: dict[str, GuardianChoice] = {}

    def set_rows(self, rows: list[GuardianChoice]) -> None:
        """Show these guardians (a new search)."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def choose(self, choices: Iterable[GuardianChoice]) -> None:
        """Check these guardians."""
        for choice in choices:
            self.chosen[choice.id] = choice
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Guardians the search found; a flat list."""
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Name and family (and how many messages wait), check state and `GUARDIAN_ID_ROLE`."""
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if row.waiting:
                return QCoreApplication.translate(
                    "KioskMessagesView", "{name} ({family}) · {n} waiting"
                ).format(name=row.name, family=row.family_name, n=row.waiting)
            return f"{row.name} ({row.family_name})"
        if role == Qt.ItemDataRole.CheckStateRole:
            return self.check_state(index.row())
        if role == GUARDIAN_ID_ROLE:
            return row.id
        return None

    def _is_checked(self, row: int) -> bool:
        return self._rows[row].id in self.chosen

    def _check(self, row: int, on: bool) -> None:
        choice = self._rows[row]
        if on:
            self.chosen[choice.id] = choice
        else:
            self.chosen.pop(choice.id, None)


class QueueKioskMessageDialog(QDialog):
    """Queue one kiosk message for each chosen guardian.

    Attributes:
        queued_ids: the ids of the messages queued when the dialog was accepted.
    """

    def __init__(
        self, cache: Cache, guardian_ids: Iterable[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Queue a kiosk message"))
        self._cache = cache
        self.queued_ids: list[str] = []
        self.guardians = GuardianChoiceModel(self)
        self.guardians.choose(guardians_by_id(cache, guardian_ids))
        self.search = QLineEdit()
        self.search.setObjectName("guardianSearch")
        self.search.setPlaceholderText(self.tr("Find a guardian or family…"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.list = QListView()
        self.list.setObjectName("guardianList")
        self.list.setModel(self.guardians)
        self.list.setUniformItemSizes(True)
        self.recipients = QLabel()
        self.recipients.setObjectName("recipients")
        self.recipients.setWordWrap(True)
        self.body = QPlainTextEdit()
        self.body.setObjectName("kioskBody")
        self.body.setPlaceholderText(
            self.tr("Shown at the guardian's next PIN entry at the sign-in kiosk")
        )
        self.count = QLabel()
        self.count.setObjectName("bodyCount")
        self.error = QLabel()
        self.error.setObjectName("queueError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Queue"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.body.textChanged.connect(self._show_count)
        self.guardians.dataChanged.connect(lambda *_: self._show_recipients())
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.recipients)
        layout.addWidget(self.body)
        layout.addWidget(self.count)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, 600)
        self.apply_search()
        self._show_count()
        self._show_recipients()

    def apply_search(self) -> None:
        """List the guardians matching what was typed."""
        self.guardians.set_rows(guardian_choices(self._cache, self.search.text()))

    def submit(self) -> None:
        """Queue the message for every chosen guardian; stay open and say why if it fails."""
        try:
            self.queued_ids = queue_kiosk_messages(
                self._cache, list(self.guardians.chosen), self.body.toPlainText()
            )
        except (ValueError, StorageError) as error:
            self.error.setText(error_text(error))
            return
        self.accept()

    def _show_count(self) -> None:
        self.count.setText(f"{len(self.body.toPlainText().strip())} / {MAX_BODY}")

    def _show_recipients(self) -> None:
        names = ", ".join(choice.name for choice in self.guardians.chosen.values())
        self.recipients.setText(
            self.tr("For: {names}").format(names=names) if names else self.tr("Choose guardians")
        )
