"""The office main window: conversations and families from the cache, and sync state.

Every list reads the local cache, so the window works the same online or offline;
the sync engine refreshes the cache and the views re-read when it says so.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desk.core.phones import format_national
from desk.models.people import Family
from desk.models.queries import FamilyRow, ThreadRow, counters, list_families, list_threads
from desk.sync.engine import SyncEngine
from desk.sync.state import Phase, SyncState
from desk.ui.formatting import local_time, status_label, thread_kind_label
from desk.ui.row_model import Column, RowTableModel

SessionFactory = Callable[[], Session]


def _table(model: RowTableModel[object], name: str, stretch: int) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(28)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class MainWindow(QMainWindow):
    """Conversations and families, newest activity first, with a sync status bar.

    Signals:
        closed(): the user closed the window.
    """

    closed = Signal()

    def __init__(
        self,
        sessions: SessionFactory,
        engine: SyncEngine,
        centre_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._engine = engine
        self._centre_name = centre_name
        self._family_names: dict[str, str] = {}
        self._family_filter = ""
        self._sync_task: asyncio.Future[object] | None = None
        self._unread = 0
        self.setObjectName("mainWindow")

        self.threads = RowTableModel[ThreadRow](
            [
                Column(self.tr("Status"), lambda r: status_label(r.status)),
                Column(self.tr("Channel"), lambda r: thread_kind_label(r.kind)),
                Column(self.tr("With"), self._thread_title),
                Column(self.tr("Last message"), lambda r: r.last_message_preview),
                Column(self.tr("When"), lambda r: local_time(r.last_message_at)),
            ],
            self._load_threads,
            parent=self,
        )
        self.families = RowTableModel[FamilyRow](
            [
                Column(self.tr("Family"), lambda r: r.name),
                Column(self.tr("Guardians"), lambda r: str(r.guardians)),
                Column(self.tr("Students"), lambda r: str(r.students)),
            ],
            self._load_families,
            parent=self,
        )
        self.thread_view = _table(self.threads, "threadList", stretch=3)
        self.family_view = _table(self.families, "familyList", stretch=0)
        self.family_search = QLineEdit()
        self.family_search.setObjectName("familySearch")
        self.family_search.setPlaceholderText(self.tr("Search families, guardians, phones…"))
        self.family_search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self._apply_family_search)
        self.family_search.textChanged.connect(lambda _: self._search_timer.start())

        families_page = QWidget()
        layout = QVBoxLayout(families_page)
        layout.addWidget(self.family_search)
        layout.addWidget(self.family_view)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.thread_view, self.tr("Conversations"))
        self.tabs.addTab(families_page, self.tr("Families"))
        self.setCentralWidget(self.tabs)

        self.outbox_label = QLabel()
        self.outbox_label.setObjectName("outboxCount")
        self.statusBar().addPermanentWidget(self.outbox_label)
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncState")
        self.statusBar().addPermanentWidget(self.sync_label)
        self._build_actions()
        engine.state_changed.connect(self._show_state)
        engine.data_changed.connect(self.reload)
        engine.outbox_changed.connect(self._show_outbox)
        engine.rejected.connect(self._show_rejected)
        self._show_state(engine.state)
        self.reload()
        self._restore_geometry()

    def _build_actions(self) -> None:
        sync = QAction(self.tr("&Sync now"), self)
        sync.setShortcut(QKeySequence.StandardKey.Refresh)
        sync.triggered.connect(self.sync_now)
        find = QAction(self.tr("&Find family"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._focus_family_search)
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.addAction(sync)
        menu.addAction(find)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)
        self.sync_action = sync

    @property
    def engine(self) -> SyncEngine:
        """The engine keeping this window's cache in step."""
        return self._engine

    def sync_now(self) -> None:
        """Pull what is new now (F5); a sync already under way is not doubled."""
        if self._sync_task is None or self._sync_task.done():
            self._sync_task = asyncio.ensure_future(self._engine.sync_once())

    def reload(self) -> None:
        """Re-read every list and the counters from the cache."""
        with self._sessions() as session:
            self._family_names = dict(session.query(Family.id, Family.name).all())
            badge = counters(session)
        self.threads.reload()
        self.families.reload()
        self._unread = badge.unread_messages
        self.tabs.setTabText(
            0,
            self.tr("Conversations ({unread} unread, {open} open)").format(
                unread=badge.unread_messages, open=badge.open_conversations
            ),
        )
        self._update_title()

    def _update_title(self) -> None:
        title = self.tr("Front Desk")
        if self._centre_name:
            title = f"{title} — {self._centre_name}"
        if self._unread:
            title = f"({self._unread}) {title}"
        self.setWindowTitle(title)

    def _thread_title(self, row: ThreadRow) -> str:
        if row.title:
            return row.title
        if row.family_id and row.family_id in self._family_names:
            return self._family_names[row.family_id]
        return format_national(row.phone) if row.phone else ""

    def _load_threads(self, offset: int, limit: int) -> list[ThreadRow]:
        with self._sessions() as session:
            return list_threads(session, limit=limit, offset=offset)

    def _load_families(self, offset: int, limit: int) -> list[FamilyRow]:
        with self._sessions() as session:
            return list_families(session, self._family_filter, limit=limit, offset=offset)

    def _apply_family_search(self) -> None:
        self._family_filter = self.family_search.text().strip()
        self.families.reload()

    def _focus_family_search(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.family_search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_state(self, state: SyncState) -> None:
        icons = {
            Phase.ONLINE: "●",
            Phase.SYNCING: "↻",
            Phase.OFFLINE: "○",
            Phase.ERROR: "⚠",
            Phase.SIGNED_OUT: "⚠",
            Phase.IDLE: "○",
        }
        self.sync_label.setText(f"{icons[state.phase]} {state.detail or state.phase.value}")
        self.sync_label.setToolTip(state.detail)

    def _show_outbox(self, waiting: int) -> None:
        self.outbox_label.setText(
            self.tr("{n} waiting to send").format(n=waiting) if waiting else ""
        )

    def _show_rejected(self, commands: list[object]) -> None:
        reasons = "; ".join(str(getattr(c, "error", "")) for c in commands)
        self.statusBar().showMessage(self.tr("Not sent: {reasons}").format(reasons=reasons))

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("mainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("mainWindow/geometry", self.saveGeometry())
        super().closeEvent(event)
        self.closed.emit()
