"""The inbox list: threads newest first, filtered by status and channel, searchable.

`ThreadListModel` reads the cache a page at a time through the conversations
service (`canFetchMore`/`fetchMore`), so 20,000 threads cost one page to show; a
search replaces the pages with the matching threads, their matches marked, and
`ThreadDelegate` paints each row (two lines, badges, highlights) with uniform
sizes so the view never measures rows one by one. The Archived button shows the
group conversations the user archived instead of the active list (seed 004: each
person archives for themselves).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk.ui.inbox.marked_text import draw_marked, plain
from desk.ui.shared.formatting import local_time, status_label, thread_kind_label
from desk.ui.shared.people_text import person_kind_label
from desk.ui.shared.theme import colors_for

if TYPE_CHECKING:
    from desk.models.inbox_sql import InboxFilter, InboxRow

Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's `InboxRow`."""
THREAD_ID_ROLE = Qt.ItemDataRole.UserRole + 2
"""The thread id, for selection and tests."""

PAGE_SIZE = 100
MIN_SEARCH = 2  # one letter would match most of the centre


class ThreadSource(Protocol):
    """Where the list reads threads.

    The conversations service, or at start-up the read-only
    `desk.models.snapshot.Snapshot` until the service has loaded.
    """

    def page(
        self, filter_: InboxFilter, after: InboxRow | None = None, limit: int = 100
    ) -> list[InboxRow]:
        """Up to `limit` threads of `filter_` after `after`, most recent activity first."""

    def search(self, filter_: InboxFilter, query: str, limit: int = 100) -> list[InboxRow]:
        """Up to `limit` threads matching `query` by names, phone digits or content."""


class ThreadListModel(QAbstractListModel):
    """Threads from the cache: paged by recent activity, or the results of a search.

    Signals:
        reloaded(): the rows were read again (after a filter, search or sync).
    """

    reloaded = Signal()

    def __init__(
        self, source: ThreadSource, filter_: InboxFilter, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._filter = filter_
        self._query = ""
        self._rows: list[InboxRow] = []
        self._exhausted = True  # nothing is read until the first reload()
        self._loaded = False
        self._changing = False  # a reset or insert is being announced: no fetchMore

    @property
    def filter(self) -> InboxFilter:
        """What the list shows."""
        return self._filter

    @property
    def query(self) -> str:
        """The search in effect, "" for the plain inbox."""
        return self._query

    def set_source(self, source: ThreadSource) -> None:
        """Read from `source` from now on, keeping the rows shown.

        It reads the same rows, so the list does not flicker. A search typed meanwhile
        runs now.
        """
        self._source = source
        if self._query:
            self.reload()

    def set_filter(self, filter_: InboxFilter) -> None:
        """Show other channels or statuses (and read the first page, the first time)."""
        if filter_ != self._filter or not self._loaded:
            self._filter = filter_
            self.reload()

    def set_query(self, query: str) -> None:
        """Search (two characters or more), or back to the inbox with ""."""
        query = query.strip()
        query = query if len(query) >= MIN_SEARCH else ""
        if query != self._query:
            self._query = query
            self.reload()

    def reload(self) -> None:
        """Read the rows again, as many as were loaded, so scrolling does not jump."""
        keep = max(PAGE_SIZE, len(self._rows))
        self._loaded = True
        self.beginResetModel()
        if self._query:
            self._rows = self._source.search(self._filter, self._query, limit=200)
            self._exhausted = True
        else:
            self._rows = self._source.page(self._filter, None, keep)
            self._exhausted = len(self._rows) < keep
        self._changing = True
        try:
            self.endResetModel()
        finally:
            self._changing = False
        self.reloaded.emit()

    def row_of(self, thread_id: str) -> int:
        """The row showing `thread_id`, or -1."""
        for n, row in enumerate(self._rows):
            if row.id == thread_id:
                return n
        return -1

    def row_at(self, row: int) -> InboxRow:
        """The thread shown in `row`."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Threads loaded so far; a flat list."""
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The `InboxRow`, its id, and one line for display and screen readers."""
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == THREAD_ID_ROLE:
            return row.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if row.matched_by:
                return self.tr("{name}, {status}, {when}, found by {kind}: {snippet}").format(
                    name=row.name,
                    status=status_label(row.status),
                    when=local_time(row.last_message_at),
                    kind=person_kind_label(row.matched_by),
                    snippet=plain(row.snippet),
                )
            if row.has_draft:
                return self.tr("{name}, {status}, {when}, draft: {snippet}").format(
                    name=row.name,
                    status=status_label(row.status),
                    when=local_time(row.last_message_at),
                    snippet=plain(row.snippet),
                )
            return self.tr("{name}, {status}, {when}: {snippet}").format(
                name=row.name,
                status=status_label(row.status),
                when=local_time(row.last_message_at),
                snippet=plain(row.snippet),
            )
        return None

    def canFetchMore(self, parent: Index) -> bool:
        """More inbox pages wait (a search comes whole), and no change is being announced."""
        return not parent.isValid() and not self._exhausted and not self._changing

    def fetchMore(self, parent: Index) -> None:
        """Append the threads after the last one loaded; new activity cannot shift them."""
        if not self.canFetchMore(parent) or not self._rows:
            return
        page = self._source.page(self._filter, self._rows[-1], PAGE_SIZE)
        self._exhausted = len(page) < PAGE_SIZE
        if page:
            first = len(self._rows)
            self._changing = True
            try:
                self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
                self._rows.extend(page)
                self.endInsertRows()
            finally:
                self._changing = False


class _Ink:
    """Fonts, metrics and colours for painting rows in one font and palette.

    Built once per (font, palette) rather than per row: a page paints a dozen rows
    and each would otherwise allocate its fonts, metrics and colours again.
    """

    def __init__(self, font: QFont, palette: QPalette) -> None:
        colors = colors_for(palette)
        self.font = QFont(font)
        self.metrics = QFontMetrics(self.font)
        self.line = self.metrics.height()
        self.name_font = QFont(font)
        self.name_font.setWeight(QFont.Weight.DemiBold)
        self.unread_name_font = QFont(font)
        self.unread_name_font.setWeight(QFont.Weight.Bold)
        self.name_metrics = QFontMetrics(self.name_font)
        self.unread_name_metrics = QFontMetrics(self.unread_name_font)
        self.badge_font = QFont(font)
        self.badge_font.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
        self.badge_font.setWeight(QFont.Weight.DemiBold)
        self.badge_metrics = QFontMetrics(self.badge_font)
        self.base = QColor(colors.base)
        self.selected = QColor(colors.sidebar_selected)
        self.border = QColor(colors.border)
        self.unread = QColor(colors.unread)
        self.muted = QColor(colors.muted)
        self.text = QColor(colors.text)
        self.accent = QColor(colors.accent)
        self.closed = QColor(colors.closed)
        self.badge_grey = QColor(colors.badge_grey)
        self.white = QColor("#ffffff")
        self.match = QColor(colors.match)
        self.match_text = QColor(colors.match_text)


class ThreadDelegate(QStyledItemDelegate):
    """Paints a thread: name and time, then channel, preview and status with badges.

    Display strings are derived per paint from the row's fields and the fonts and
    colours come from a cached `_Ink`; nothing else is looked up, so a page scrolls
    in a few milliseconds.
    """

    ROW_HEIGHT_LINES = 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._times: dict[str | None, str] = {}  # wire time -> shown time, for today
        self._today = date.today()
        self._ink: dict[tuple[str, int], _Ink] = {}

    def _when(self, wire_time: str | None) -> str:
        """`local_time`, remembered: parsing and formatting cost more than the paint."""
        shown = self._times.get(wire_time)
        if shown is None:
            if date.today() != self._today:
                self._times, self._today = {}, date.today()
            shown = self._times[wire_time] = local_time(wire_time)
        return shown

    def _ink_for(self, font: QFont, palette: QPalette) -> _Ink:
        key = (font.key(), palette.cacheKey())
        ink = self._ink.get(key)
        if ink is None:
            if len(self._ink) > 8:  # a theme or font change leaves the old ones unused
                self._ink.clear()
            ink = self._ink[key] = _Ink(font, palette)
        return ink

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """Two lines of text and the padding; every row is the same height."""
        line = QFontMetrics(option.font).height()
        return QSize(320, 2 * line + 22)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Paint the row with the cached `_Ink` of the option's font and palette."""
        row: InboxRow | None = index.data(ROW_ROLE)
        if row is None:
            return
        ink = self._ink_for(option.font, option.palette)
        rect: QRect = option.rect
        state = option.state
        painter.save()
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.fillRect(rect, ink.selected if selected else ink.base)
        painter.setPen(ink.border)
        painter.drawLine(rect.left() + 14, rect.bottom(), rect.right(), rect.bottom())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        unread = row.status == "unread"
        if unread:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ink.unread)
            painter.drawEllipse(rect.left() + 6, rect.top() + rect.height() // 2 - 4, 7, 7)
        line = ink.line
        left = rect.left() + 20
        right = rect.right() - 12
        top = rect.top() + 8

        when = self._when(row.last_message_at)
        painter.setFont(ink.font)
        when_width = ink.metrics.horizontalAdvance(when)
        painter.setPen(ink.unread if unread else ink.muted)
        painter.drawText(
            QRect(right - when_width, top, when_width, line), Qt.AlignmentFlag.AlignRight, when
        )
        painter.setFont(ink.unread_name_font if unread else ink.name_font)
        draw_marked(
            painter,
            QRect(left, top, right - when_width - 10 - left, line),
            row.name_marked or row.name,
            text=ink.text,
            match_background=ink.match,
            match_text=ink.match_text,
            metrics=ink.unread_name_metrics if unread else ink.name_metrics,
        )

        second = top + line + 4
        painter.setFont(ink.badge_font)
        if unread and row.unread_count:
            x = _badge(painter, ink, right, second, str(row.unread_count), ink.unread)
        else:
            colour = ink.closed if row.status == "closed" else ink.badge_grey
            x = _badge(painter, ink, right, second, status_label(row.status), colour, outline=True)
        painter.setFont(ink.font)
        channel = thread_kind_label(row.kind)
        painter.setPen(ink.accent)
        channel_width = ink.metrics.horizontalAdvance(channel)
        painter.drawText(QRect(left, second, channel_width, line), 0, channel)
        preview_left = left + channel_width + 8
        if row.has_draft:
            painter.setPen(ink.unread)
            draft = self.tr("Draft")
            draft_width = ink.metrics.horizontalAdvance(draft)
            painter.drawText(QRect(preview_left, second, draft_width, line), 0, draft)
            preview_left += draft_width + 6
        if row.matched_by:  # found through someone else: say who they are
            painter.setPen(ink.muted)
            kind = self.tr("{kind}:").format(kind=person_kind_label(row.matched_by))
            kind_width = ink.metrics.horizontalAdvance(kind)
            painter.drawText(QRect(preview_left, second, kind_width, line), 0, kind)
            preview_left += kind_width + 4
        draw_marked(
            painter,
            QRect(preview_left, second, x - 8 - preview_left, line),
            row.snippet or "—",
            text=ink.muted,
            match_background=ink.match,
            match_text=ink.match_text,
            metrics=ink.metrics,
        )
        painter.restore()


def _badge(
    painter: QPainter,
    ink: _Ink,
    right: int,
    top: int,
    label: str,
    colour: QColor,
    *,
    outline: bool = False,
) -> int:
    """Paint a rounded pill in the badge font (already set) ending at `right`.

    Filled pills have white text, outlined ones text in their colour.

    Returns:
        The pill's left edge: the text beside it ends there.
    """
    height = ink.line
    width = ink.badge_metrics.horizontalAdvance(label) + 12
    box = QRect(right - width, top, width, height)
    if outline:
        painter.setPen(colour)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box.adjusted(0, 0, -1, -1), height / 2, height / 2)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(box, height / 2, height / 2)
        painter.setPen(ink.white)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
    return box.left()


STATUS_FILTERS: tuple[tuple[str | None, str], ...] = (
    (None, "All"),
    ("unread", "Unread"),
    ("open", "Open"),
    ("closed", "Closed"),
)


class ThreadList(QWidget):
    """Search box, status filter and the list of threads.

    Signals:
        thread_selected(str): the user picked a thread (by click or keyboard).
    """

    thread_selected = Signal(str)

    def __init__(self, model: ThreadListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.search = QLineEdit()
        self.search.setObjectName("threadSearch")
        self.search.setPlaceholderText(self.tr("Search messages, names, phone numbers…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search conversations"))
        self._search_timer = QTimer(self, singleShot=True, interval=120)
        self._search_timer.timeout.connect(lambda: self.model.set_query(self.search.text()))
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._search_now)

        self.filters = QWidget()
        self.filters.setObjectName("statusFilter")
        filter_row = QHBoxLayout(self.filters)
        filter_row.setContentsMargins(0, 0, 0, 0)
        filter_row.setSpacing(4)
        self.filter_group = QButtonGroup(self)
        self.filter_buttons: dict[str | None, QToolButton] = {}
        labels = {
            None: self.tr("All"),
            "unread": self.tr("Unread"),
            "open": self.tr("Open"),
            "closed": self.tr("Closed"),
        }
        for n, (status, _label) in enumerate(STATUS_FILTERS):
            button = QToolButton()
            button.setText(labels[status])
            button.setCheckable(True)
            button.setObjectName(f"filter_{status or 'all'}")
            button.setAccessibleName(
                self.tr("Show {label} conversations").format(label=labels[status])
            )
            button.setChecked(status is None)
            self.filter_group.addButton(button, n)
            self.filter_buttons[status] = button
            filter_row.addWidget(button)
        filter_row.addStretch(1)
        self.filter_group.idClicked.connect(self._filter_clicked)
        self.archived_button = QToolButton()
        self.archived_button.setText(self.tr("Archived"))
        self.archived_button.setCheckable(True)
        self.archived_button.setObjectName("filter_archived")
        self.archived_button.setAccessibleName(self.tr("Show archived conversations"))
        self.archived_button.setToolTip(
            self.tr("Conversations you archived; open one to unarchive it")
        )
        self.archived_button.toggled.connect(self.show_archived)

        self.view = QListView()
        self.view.setObjectName("threadList")
        self.view.setAccessibleName(self.tr("Conversations"))
        self.view.setModel(model)
        self.view.setItemDelegate(ThreadDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        model.modelReset.connect(self._restore_selection)

        header = QWidget()
        header.setObjectName("listHeader")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(12, 10, 12, 8)
        header_layout.setSpacing(8)
        search_row = QHBoxLayout()
        search_row.setSpacing(6)
        search_row.addWidget(self.search, 1)
        # Beside the search, not among the status filters: that row sets the list's
        # narrowest width, and one more button there widened the window past 1024.
        search_row.addWidget(self.archived_button)
        header_layout.addLayout(search_row)
        header_layout.addWidget(self.filters)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.view, 1)
        self.setTabOrder(self.search, self.view)
        self._selected_id: str | None = None

    @property
    def selected_id(self) -> str | None:
        """The thread picked in the list."""
        return self._selected_id

    def forget_selection(self) -> None:
        """Nothing is open any more (the list now shows other channels)."""
        self._selected_id = None
        self.view.clearSelection()

    def set_archive_available(self, available: bool) -> None:
        """Offer the Archived view only where group conversations are listed."""
        if not available and self.archived_button.isChecked():
            self.archived_button.setChecked(False)
        self.archived_button.setVisible(available)

    def show_archived(self, on: bool) -> None:
        """Show the user's archived conversations (True) or the active list (False)."""
        if self.archived_button.isChecked() != on:
            self.archived_button.setChecked(on)  # comes back here through `toggled`
            return
        self.model.set_filter(replace(self.model.filter, archived=on))

    def set_status(self, status: str | None) -> None:
        """Show only threads in `status` (None: all), as the filter buttons do."""
        self.filter_buttons[status].setChecked(True)
        self.model.set_filter(_with_status(self.model.filter, status))

    def select(self, thread_id: str) -> None:
        """Make `thread_id` current, when the list shows it."""
        row = self.model.row_of(thread_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))

    def move_current(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) thread."""
        current = self.view.currentIndex().row()
        target = max(0, min(self.model.rowCount() - 1, current + step))
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(target))

    def _search_now(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self.search.text())

    def _filter_clicked(self, button_id: int) -> None:
        status = STATUS_FILTERS[button_id][0]
        self.model.set_filter(_with_status(self.model.filter, status))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        thread_id = current.data(THREAD_ID_ROLE)
        if thread_id != self._selected_id:
            self._selected_id = thread_id
            self.thread_selected.emit(thread_id)

    def _restore_selection(self) -> None:
        """Keep the open thread selected across a reload, without re-announcing it."""
        if self._selected_id is None:
            return
        row = self.model.row_of(self._selected_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))  # same id: not re-announced


def _with_status(filter_: InboxFilter, status: str | None) -> InboxFilter:
    return replace(filter_, status=status)
