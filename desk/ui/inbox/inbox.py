"""The inbox page: thread list, the open conversation and the family's details, side by side.

One page serves Office Chat, Classroom Chat and the Messenger Center: the
navigation sets which channels the list shows. Everything is read from the cache,
so the page behaves the same online and offline. Beside a group conversation the
details pane shows its participants and actions (`GroupPanel`); the list's
Archived button swaps the active list for the user's archived conversations.

The page is shown before the cache's services have loaded: its list first reads
the read-only start-up snapshot, and `attach(service)` hands the same list model
and thread view over to the conversations service, keeping every row in place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QSplitter, QVBoxLayout, QWidget

from desk.models.inbox_sql import InboxFilter
from desk.ui.inbox.columns import DETAILS_PREFERRED, LIST_PREFERRED, fit_columns
from desk.ui.inbox.details_pane import DetailsPane
from desk.ui.inbox.thread_list import ThreadList, ThreadListModel, ThreadSource
from desk.ui.inbox.thread_view import ThreadView

if TYPE_CHECKING:
    from desk.services.conversations import Conversations
    from desk.ui.inbox.group_panel import GroupPanel


STATE_PREFIX = "columns:"
"""What a saved inbox state starts with (an older QSplitter state does not)."""


class InboxPage(QWidget):
    """List, conversation and details for one set of channels.

    Signals:
        changed(): the user queued a change; counters and lists re-read.
        message(str): something to tell the user in the status bar.
    """

    changed = Signal()
    message = Signal(str)

    def __init__(
        self, source: ThreadSource, visible_kinds: tuple[str, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service: Conversations | None = None
        self.group_panel: GroupPanel | None = None  # made once the service arrives
        self._visible = visible_kinds
        self._pending: str | None = None  # picked before the service arrived
        self.model = ThreadListModel(source, InboxFilter(self._visible, archived=False), self)
        self.thread_list = ThreadList(self.model)
        self.thread_view = ThreadView(None)
        self.details = DetailsPane()
        # The details fold away rather than set a minimum for the whole window, which
        # would then depend on whether they happened to show (`_fit_columns`).
        self.details.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("inboxSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.thread_list)
        self.splitter.addWidget(self.thread_view)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        # The widths the user gave the list and the details (`desk.ui.inbox.columns`).
        self._list_width = LIST_PREFERRED
        self._details_width = DETAILS_PREFERRED
        self._details_wanted = True
        self._details_forced = False
        self._fitting = False
        self.splitter.splitterMoved.connect(lambda _pos, _index: self._columns_moved())
        self.thread_view.details_button.toggled.connect(self.show_details_pane)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.thread_list.thread_selected.connect(self.open_thread)
        self.thread_view.thread_switched.connect(self._switch_thread)
        self.thread_view.changed.connect(self._view_changed)
        self.thread_view.draft_saved.connect(lambda _thread: self.model.reload())
        self.thread_view.failed.connect(self.message)
        self.thread_view.confirmed.connect(self.message)
        self.setTabOrder(self.thread_list.view, self.thread_view.composer.editor)

    def attach(self, service: Conversations) -> None:
        """Read and write through `service` from now on (the full cache has loaded).

        A thread the user picked in the meantime opens now.
        """
        # Imported here: it reads through services, which import SQLAlchemy, and the
        # page paints its first rows before that import (see desk.models.snapshot).
        from desk.ui.inbox.group_panel import GroupPanel

        self.service = service
        self.model.set_source(service)
        self.thread_view.attach(service)
        self.group_panel = GroupPanel(service, self)
        self.group_panel.hide()  # until a group conversation is open; the pane takes it
        self.group_panel.changed.connect(self._group_changed)
        self.group_panel.message.connect(self.message)
        if self._pending is not None:
            self.open_thread(self._pending)

    def set_visible_kinds(self, kinds: tuple[str, ...]) -> None:
        """The channels the user may see at all (when permissions arrive or change)."""
        self._visible = kinds

    def show_kinds(self, kinds: tuple[str, ...]) -> None:
        """Show these channels (from the navigation)."""
        allowed = tuple(kind for kind in kinds if kind in self._visible)
        archivable = "group" in allowed
        self.thread_list.set_archive_available(archivable)
        archived = bool(self.model.filter.archived) and archivable
        self.model.set_filter(InboxFilter(allowed, self.model.filter.status, archived=archived))
        thread = self.thread_view.current_thread
        if thread is not None and thread.kind not in allowed:
            self.thread_list.forget_selection()
            self.thread_view.show_thread(None)
            self._show_details()

    def open_thread(self, thread_id: str) -> None:
        """Show a thread and its family (once the service has loaded)."""
        if self.service is None:
            self._pending = thread_id
            return
        self._pending = None
        self.thread_view.show_thread(thread_id)
        self.thread_list.select(thread_id)
        self._show_details()

    def refresh(self) -> None:
        """Re-read the list, the open thread and the details (after a sync)."""
        self.model.reload()
        self.thread_view.refresh()
        self._show_details()

    def save_state(self) -> QByteArray:
        """The widths the user gave the list and the details, and whether details show.

        Not `QSplitter.saveState`: the columns are worked out for each window width
        (`desk.ui.inbox.columns`), so what is worth keeping is what the user chose.
        """
        thread_list, _conversation, details = self.splitter.sizes()
        self._list_width = thread_list or self._list_width
        self._details_width = details or self._details_width
        wanted = int(self._details_wanted)
        return QByteArray(
            f"{STATE_PREFIX}{self._list_width},{self._details_width},{wanted}".encode()
        )

    def restore_state(self, state: QByteArray) -> None:
        """Put the columns back as the user left them; an older or broken state is ignored."""
        text = bytes(state.data()).decode("ascii", errors="replace")
        if not text.startswith(STATE_PREFIX):
            return
        try:
            thread_list, details, wanted = (int(n) for n in text[len(STATE_PREFIX) :].split(","))
        except ValueError:
            return
        self._list_width, self._details_width = thread_list, details
        self._details_wanted = bool(wanted)
        self._fit_columns()

    def show_details_pane(self, shown: bool) -> None:
        """Switch the details column on or off (the thread header's Details button).

        Asked for where the page is too narrow for it, it shows anyway, at its
        minimum width: the user chose it over the conversation's comfortable width.
        """
        self._details_wanted = shown
        self._details_forced = shown
        self._fit_columns()

    def _columns_moved(self) -> None:
        """Remember the widths the user dragged the list and the details to."""
        if self._fitting:
            return
        thread_list, _conversation, details = self.splitter.sizes()
        if thread_list > 0:
            self._list_width = thread_list
        if details > 0:
            self._details_width = details

    def _fit_columns(self) -> None:
        width = self.splitter.width()
        if width <= 0:
            return
        handle = self.splitter.handleWidth()
        columns = fit_columns(
            width,
            handle=handle,
            thread_list=self._list_width,
            details=self._details_width,
            details_wanted=self._details_wanted,
            details_forced=self._details_forced,
        )
        if self._details_forced and fit_columns(width, handle=handle).details_shown:
            self._details_forced = False  # it fits by itself now; fold it again if it must
        self._fitting = True
        if self.details.isVisibleTo(self) != columns.details_shown:
            self.details.setVisible(columns.details_shown)
            # The window's minimum no longer counts (or now counts) its handle: every
            # layout up to the window re-reads it, or the window stays too wide.
            widget: QWidget | None = self.splitter
            while widget is not None:
                widget.updateGeometry()
                widget = widget.parentWidget()
        self.splitter.setSizes([columns.thread_list, columns.conversation, columns.details])
        self._fitting = False
        button = self.thread_view.details_button
        button.blockSignals(True)
        button.setChecked(columns.details_shown)
        button.blockSignals(False)

    def _switch_thread(self, thread_id: str) -> None:
        self.open_thread(thread_id)

    def _view_changed(self) -> None:
        self.model.reload()
        self.changed.emit()

    def _group_changed(self) -> None:
        """A conversation action was queued: the list, the thread and the pane follow."""
        self.model.reload()
        self.thread_view.refresh()
        self._show_details()
        self.changed.emit()

    def _show_details(self) -> None:
        thread = self.thread_view.current_thread
        if thread is None or self.service is None:
            self.details.show_details(None)
            return
        if thread.kind == "group" and self.group_panel is not None:
            self.group_panel.show_thread(thread)
            self.details.show_group(self.group_panel)
            return
        details = self.service.details(thread.family_id) if thread.family_id else None
        self.details.show_details(details, thread.phone)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Share the new width out among the columns, the conversation first."""
        super().resizeEvent(event)
        self._fit_columns()
