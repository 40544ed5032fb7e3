"""Search everything (Ctrl+K): one box over conversations, families and staff.

Results come from `desk.services.everything`, grouped by kind under a heading, each
with its matched words highlighted, so the user sees why it is listed. Enter opens
the result chosen (or the first one) in its own page through the `chosen` signal;
the window decides where that is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desk.services.everything import MIN_QUERY, Found
from desk.ui.inbox.marked_text import draw_marked, plain
from desk.ui.shared.formatting import thread_kind_label
from desk.ui.shared.people_text import person_kind_label
from desk.ui.shared.theme import colors_for

Index = QModelIndex | QPersistentModelIndex

FOUND_ROLE = Qt.ItemDataRole.UserRole + 1
"""A result row's `Found`; None on a group heading."""

SEARCH_PAUSE_MS = 120
"""Typing pauses this long before the search runs (Enter does not wait)."""

Search = Callable[[str], list[Found]]
"""Runs a search for the typed text (the window binds the cache and permissions)."""


def group_label(kind: str) -> str:
    """The heading over one kind of result."""
    labels = {
        "conversation": QCoreApplication.translate("SearchEverything", "Conversations"),
        "family": QCoreApplication.translate("SearchEverything", "Families"),
        "guardian": QCoreApplication.translate("SearchEverything", "Guardians"),
        "student": QCoreApplication.translate("SearchEverything", "Students"),
        "staff": QCoreApplication.translate("SearchEverything", "Staff"),
    }
    return labels.get(kind, kind)


class EverythingModel(QAbstractListModel):
    """The results as a flat list: a heading row before each kind's results."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Found | str] = []

    def set_results(self, results: list[Found]) -> None:
        """Show `results` (already grouped by kind), each group under its heading."""
        self.beginResetModel()
        self._rows = []
        for found in results:
            if not self._rows or self._kind(len(self._rows) - 1) != found.kind:
                self._rows.append(found.kind)
            self._rows.append(found)
        self.endResetModel()

    def _kind(self, row: int) -> str:
        entry = self._rows[row]
        return entry if isinstance(entry, str) else entry.kind

    def first_result(self) -> QModelIndex:
        """The first selectable row, or an invalid index when nothing was found."""
        for n, entry in enumerate(self._rows):
            if not isinstance(entry, str):
                return self.index(n)
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Headings and results; a flat list."""
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Results can be chosen; headings cannot."""
        if not index.isValid() or isinstance(self._rows[index.row()], str):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The `Found`, and plain text for display and screen readers."""
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == FOUND_ROLE:
            return None if isinstance(entry, str) else entry
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if isinstance(entry, str):
            return group_label(entry)
        title = plain(entry.title)
        if entry.channel:
            title = self.tr("{title} ({channel})").format(
                title=title, channel=thread_kind_label(entry.channel)
            )
        if not entry.detail:
            return title
        return self.tr("{title}: {detail}").format(title=title, detail=plain(entry.detail))


class EverythingDelegate(QStyledItemDelegate):
    """Paints headings small and muted, results as a marked name over a marked detail."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """One line for a heading, two for a result."""
        line = QFontMetrics(option.font).height()
        if index.data(FOUND_ROLE) is None:
            return QSize(320, line + 10)
        return QSize(320, 2 * line + 14)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Paint a heading or a result in the option's palette."""
        colors = colors_for(option.palette)
        rect: QRect = option.rect
        metrics = QFontMetrics(option.font)
        line = metrics.height()
        found: Found | None = index.data(FOUND_ROLE)
        painter.save()
        if found is None:
            heading = QFont(option.font)
            heading.setWeight(QFont.Weight.Bold)
            painter.setFont(heading)
            painter.setPen(QColor(colors.muted))
            painter.drawText(
                rect.adjusted(10, 4, -10, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(index.data()),
            )
            painter.restore()
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillRect(rect, QColor(colors.sidebar_selected if selected else colors.base))
        match, match_text = QColor(colors.match), QColor(colors.match_text)
        left, right, top = rect.left() + 20, rect.right() - 10, rect.top() + 6
        title_right = right
        if found.channel:  # a family's conversations share its name: show the channel
            channel = thread_kind_label(found.channel)
            width = metrics.horizontalAdvance(channel)
            painter.setFont(option.font)
            painter.setPen(QColor(colors.accent))
            painter.drawText(
                QRect(right - width, top, width, line), Qt.AlignmentFlag.AlignRight, channel
            )
            title_right = right - width - 10
        name_font = QFont(option.font)
        name_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(name_font)
        draw_marked(
            painter,
            QRect(left, top, title_right - left, line),
            found.title,
            text=QColor(colors.text),
            match_background=match,
            match_text=match_text,
        )
        painter.setFont(option.font)
        second = top + line + 2
        if found.matched_by:  # found through someone else: say who they are
            kind = self.tr("{kind}:").format(kind=person_kind_label(found.matched_by))
            painter.setPen(QColor(colors.muted))
            width = metrics.horizontalAdvance(kind)
            painter.drawText(QRect(left, second, width, line), 0, kind)
            left += width + 4
        draw_marked(
            painter,
            QRect(left, second, right - left, line),
            found.detail,
            text=QColor(colors.muted),
            match_background=match,
            match_text=match_text,
            metrics=metrics,
        )
        painter.restore()


class SearchEverythingDialog(QDialog):
    """A search box over every section, its results grouped by kind.

    Signals:
        chosen(object): the user picked this `Found`; the dialog closes.
    """

    chosen = Signal(object)

    def __init__(self, search: Search, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchEverything")
        self.setWindowTitle(self.tr("Search everything"))
        self.resize(560, 480)
        self._search = search
        self.box = QLineEdit()
        self.box.setObjectName("everythingSearch")
        self.box.setPlaceholderText(self.tr("Conversations, families, students, staff…"))
        self.box.setAccessibleName(self.tr("Search everything"))
        self.box.setClearButtonEnabled(True)
        self.box.installEventFilter(self)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._timer.timeout.connect(self.search_now)
        self.box.textChanged.connect(lambda _: self._timer.start())
        self.box.returnPressed.connect(self._open_from_box)

        self.model = EverythingModel(self)
        self.results = QListView()
        self.results.setObjectName("everythingResults")
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setModel(self.model)
        self.results.setItemDelegate(EverythingDelegate(self.results))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.activated.connect(self._open)

        self.hint = QLabel(self.tr("Type two letters or more of a name, a number or a message."))
        self.hint.setObjectName("emptyHint")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.hint)
        layout.addWidget(self.results, 1)
        self.setTabOrder(self.box, self.results)
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)  # typing starts at once

    def search_now(self) -> None:
        """List what the box says now, without waiting for the typing pause."""
        self._timer.stop()
        text = self.box.text().strip()
        results = self._search(text)
        self.model.set_results(results)
        if results:
            self.results.setCurrentIndex(self.model.first_result())
            self.hint.hide()
        else:
            self.hint.setText(
                self.tr("Nothing matches “{text}”.").format(text=text)
                if len(text) >= MIN_QUERY
                else self.tr("Type two letters or more of a name, a number or a message.")
            )
            self.hint.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the box moves into the results."""
        if (
            watched is self.box
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            self.results.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _open_from_box(self) -> None:
        """Enter in the box: search now, then open the result highlighted (the first)."""
        if self._timer.isActive():
            self.search_now()
        current = self.results.currentIndex()
        self._open(current if current.isValid() else self.model.first_result())

    def _open(self, index: QModelIndex) -> None:
        found = index.data(FOUND_ROLE) if index.isValid() else None
        if found is not None:
            self.chosen.emit(found)
            self.accept()
