"""The audit log view (seed 001): who did what to which conversation, and when.

It shows who sent what, who opened or closed which conversation, and which phone
number made a conversation Unread.

The server sends audit events to administrators only; anyone else sees why the view
is empty rather than an empty table. Filters combine (action, who, conversation,
phone, days, words) and the list pages in as it scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.kinds import AuditAction
from desk.models.cache import Cache
from desk.services import audit
from desk.services.directory import who_am_i
from desk.ui.shared.formatting import date_and_time, thread_kind_label
from desk.ui.shared.people_text import audit_action_label, phone_text
from desk.ui.shared.row_model import ROW_ROLE, Column, RowTableModel
from desk.ui.shared.widgets import calendar_day, empty_hint, table, table_or_hint

FILTER_PAUSE_MS = 150


def moment(wire_time: str) -> str:
    """Date and local time to the minute: an audit trail needs both, even for today."""
    return date_and_time(wire_time)


def _what(row: audit.AuditRow) -> str:
    """The message sent, or the detail the server recorded."""
    return row.message_preview or row.detail


COLUMN_WIDTHS = (140, 150, 180, 220, 120)
"""When, who, action, conversation, phone; the message or detail takes the rest."""


class AuditLogView(QWidget):
    """Filterable audit events, newest first.

    Signals:
        open_thread(str): the user activated an event about a conversation.
    """

    open_thread = Signal(str)

    def __init__(self, cache: Cache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditLogView")
        self._cache = cache
        self._thread_id: str | None = None
        self.events = RowTableModel[audit.AuditRow](
            [
                Column(self.tr("When"), lambda r: moment(r.at)),
                Column(self.tr("Who"), lambda r: phone_text(r.actor_name) or r.actor_kind),
                Column(self.tr("Action"), lambda r: audit_action_label(r.action)),
                Column(self.tr("Conversation"), self._conversation),
                Column(self.tr("Phone"), lambda r: phone_text(r.phone)),
                Column(self.tr("Message or detail"), _what),
            ],
            self._load,
            parent=self,
        )
        self._timer = QTimer(self, singleShot=True, interval=FILTER_PAUSE_MS)
        self._timer.timeout.connect(self.events.reload)
        self._build_filters()
        self.table = table(self.events, "auditTable", 5, self.tr("Audit events"))
        # Fixed widths: sizing columns to their contents reads every cell of every
        # loaded page again on each reload (half a second for a page of 200 rows).
        # They leave the message column room on the page of a 1280-pixel window.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        self.table.activated.connect(self._activated)
        self.empty = empty_hint()
        self.stack = table_or_hint(self.table, self.empty)
        self.events.modelReset.connect(self._show_empty_state)
        self.events.rowsInserted.connect(self._show_empty_state)
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters)
        layout.addLayout(self._thread_row)
        layout.addWidget(self.stack, 1)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(lambda: self.text.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.refresh()

    def _build_filters(self) -> None:
        self.action = QComboBox()
        self.action.setObjectName("auditAction")
        self.action.setAccessibleName(self.tr("Action"))
        self.action.addItem(self.tr("Every action"), None)
        for action in AuditAction:
            self.action.addItem(audit_action_label(action), action.value)
        self.actor = QComboBox()
        self.actor.setObjectName("auditActor")
        self.actor.setAccessibleName(self.tr("Who"))
        self.phone = QLineEdit()
        self.phone.setObjectName("auditPhone")
        self.phone.setPlaceholderText(self.tr("Phone"))
        self.phone.setAccessibleName(self.tr("Phone number"))
        self.phone.setClearButtonEnabled(True)
        self.text = QLineEdit()
        self.text.setObjectName("auditText")
        self.text.setPlaceholderText(self.tr("Search who, conversation, message…"))
        self.text.setAccessibleName(self.tr("Search the audit log"))
        self.text.setClearButtonEnabled(True)
        today = QDate.currentDate()
        self.use_from = QCheckBox(self.tr("&From"))
        self.use_from.setObjectName("auditUseFrom")
        self.first_day = QDateEdit(today.addDays(-30))
        self.first_day.setObjectName("auditFrom")
        self.use_to = QCheckBox(self.tr("&To"))
        self.use_to.setObjectName("auditUseTo")
        self.last_day = QDateEdit(today)
        self.last_day.setObjectName("auditTo")
        for edit in (self.first_day, self.last_day):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        # Two rows, and the action list as wide as 24 characters (its longest labels
        # show in the open list): one row of every filter needed 1,177 px of window.
        self.action.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.action.setMinimumContentsLength(24)
        first, second = QHBoxLayout(), QHBoxLayout()
        first.addWidget(self.action)
        first.addWidget(self.actor)
        first.addWidget(self.text, 1)
        for widget in (self.phone, self.use_from, self.first_day, self.use_to, self.last_day):
            second.addWidget(widget)
        second.addStretch(1)
        self._filters = QVBoxLayout()
        self._filters.addLayout(first)
        self._filters.addLayout(second)
        self.thread_label = QLabel()
        self.thread_label.setObjectName("auditThreadFilter")
        self.clear_thread = QPushButton(self.tr("Show every conversation"))
        self.clear_thread.setObjectName("auditClearThread")
        self.clear_thread.clicked.connect(lambda: self.filter_thread(None))
        self._thread_row = QHBoxLayout()
        self._thread_row.addWidget(self.thread_label, 1)
        self._thread_row.addWidget(self.clear_thread)
        self._show_thread_filter("")
        self.action.currentIndexChanged.connect(self._timer.start)
        self.actor.currentIndexChanged.connect(self._timer.start)
        self.phone.textChanged.connect(self._timer.start)
        self.text.textChanged.connect(self._timer.start)
        for box in (self.use_from, self.use_to):
            box.toggled.connect(self._timer.start)
        self.first_day.dateChanged.connect(self._timer.start)
        self.last_day.dateChanged.connect(self._timer.start)

    # -- filtering ----------------------------------------------------------------------

    def query(self) -> audit.AuditQuery:
        """The filter as set in the widgets."""
        return audit.AuditQuery(
            action=self.action.currentData(),
            actor_id=self.actor.currentData(),
            thread_id=self._thread_id,
            phone=self.phone.text(),
            first_day=calendar_day(self.first_day) if self.use_from.isChecked() else None,
            last_day=calendar_day(self.last_day) if self.use_to.isChecked() else None,
            text=self.text.text(),
        )

    def filter_thread(self, thread_id: str | None, name: str = "") -> None:
        """Show only one conversation's events (from the thread view), or all again."""
        self._thread_id = thread_id
        self._show_thread_filter(name if thread_id else "")
        self.events.reload()

    def _show_thread_filter(self, name: str) -> None:
        shown = self._thread_id is not None
        self.thread_label.setText(
            self.tr("Only the conversation with {name}").format(name=name or self.tr("…"))
            if shown
            else ""
        )
        self.thread_label.setVisible(shown)
        self.clear_thread.setVisible(shown)

    def refresh(self) -> None:
        """Re-read the people to filter by and the events (after a sync)."""
        chosen = self.actor.currentData()
        self.actor.blockSignals(True)
        self.actor.clear()
        self.actor.addItem(self.tr("Anyone"), None)
        for actor in audit.actors(self._cache):
            self.actor.addItem(actor.name, actor.id)
        self.actor.setCurrentIndex(max(self.actor.findData(chosen), 0))
        self.actor.blockSignals(False)
        self.events.reload()

    def _load(self, offset: int, limit: int) -> list[audit.AuditRow]:
        return audit.audit_page(self._cache, self.query(), offset, limit)

    def _conversation(self, row: audit.AuditRow) -> str:
        if row.thread_id is None:
            return ""
        name = phone_text(row.thread_name) if row.thread_kind == "sms" else row.thread_name
        kind = thread_kind_label(row.thread_kind or "")
        return f"{name} ({kind})" if name else kind

    def _show_empty_state(self) -> None:
        if self.events.rowCount():
            self.stack.setCurrentWidget(self.table)
            return
        me = who_am_i(self._cache)
        if me is not None and not me.is_admin:
            self.empty.setText(
                self.tr(
                    "The audit log is for administrators. Ask an administrator if you need "
                    "to know who sent, opened or closed a conversation."
                )
            )
        elif not audit.has_events(self._cache):
            self.empty.setText(self.tr("Nothing has been recorded yet."))
        else:
            self.empty.setText(self.tr("No events match these filters."))
        self.stack.setCurrentWidget(self.empty)

    def _activated(self, index: QModelIndex) -> None:
        row: audit.AuditRow = index.data(ROW_ROLE)
        if row.thread_id:
            self.open_thread.emit(row.thread_id)
