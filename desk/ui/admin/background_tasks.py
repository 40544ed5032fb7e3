"""The Background Tasks view (seed 003): jobs the server could not run, and why.

When a template would send a parent a blank notification, or a delivery exhausts its
retries, nothing reaches the family; this view is where the office finds out. Rows
come from the synced `background_task_error` table, sent to administrators only.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from desk.models.cache import Cache
from desk.services import audit
from desk.services.directory import who_am_i
from desk.ui.shared.formatting import local_time
from desk.ui.shared.row_model import ROW_ROLE, Column, RowTableModel
from desk.ui.shared.widgets import empty_hint, table, table_or_hint

FILTER_PAUSE_MS = 150


def task_label(task: str) -> str:
    """A job kind as the office reads it ("push_notification" → "Push notification")."""
    return task.replace("_", " ").capitalize()


class BackgroundTasksView(QWidget):
    """Background-task errors newest first, searchable, with the chosen one in full."""

    def __init__(self, cache: Cache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backgroundTasksView")
        self._cache = cache
        self.errors = RowTableModel[audit.TaskErrorRow](
            [
                Column(self.tr("When"), lambda r: local_time(r.at)),
                Column(self.tr("Task"), lambda r: task_label(r.task)),
                Column(self.tr("Error"), lambda r: r.error),
            ],
            lambda offset, limit: audit.task_errors(cache, self.search.text(), offset, limit),
            parent=self,
        )
        self.search = QLineEdit()
        self.search.setObjectName("taskSearch")
        self.search.setPlaceholderText(self.tr("Search errors…"))
        self.search.setAccessibleName(self.tr("Search background task errors"))
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=FILTER_PAUSE_MS)
        self._timer.timeout.connect(self.errors.reload)
        self.search.textChanged.connect(lambda _: self._timer.start())
        self.table = table(self.errors, "taskTable", 2, self.tr("Background task errors"))
        self.table.selectionModel().currentRowChanged.connect(lambda now, _: self._show(now))
        self.detail = QLabel()
        self.detail.setObjectName("taskDetail")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = empty_hint()
        self.stack = table_or_hint(self.table, self.empty)
        self.errors.modelReset.connect(self._show_empty_state)
        self.errors.rowsInserted.connect(self._show_empty_state)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.stack, 3)
        layout.addWidget(self.detail, 1)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the errors (after a sync)."""
        self.errors.reload()
        self.detail.clear()

    def _show(self, index: QModelIndex) -> None:
        if not index.isValid():
            self.detail.clear()
            return
        row: audit.TaskErrorRow = index.data(ROW_ROLE)
        self.detail.setText(
            self.tr("{task} at {when}\n{error}\n{detail}").format(
                task=task_label(row.task),
                when=local_time(row.at),
                error=row.error,
                detail=row.detail,
            )
        )

    def _show_empty_state(self) -> None:
        if self.errors.rowCount():
            self.stack.setCurrentWidget(self.table)
            return
        me = who_am_i(self._cache)
        if me is not None and not me.is_admin:
            self.empty.setText(self.tr("Background tasks are shown to administrators only."))
        elif self.search.text().strip():
            self.empty.setText(self.tr("No errors match this search."))
        else:
            self.empty.setText(self.tr("No background task has failed."))
        self.stack.setCurrentWidget(self.empty)
