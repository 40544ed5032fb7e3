"""The left navigation: every place in the office app, with its counters.

Each messaging section carries seed 001's two numbers, unread messages in a red
badge and open conversations in a grey one. Sections the user may not use are
not listed at all (Office Chat without full messaging access, the Messenger
Center without SMS Logs); the server refuses the same regardless.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desk import resources
from desk.core.permissions import Page
from desk.ui.shared.theme import colors_for

Index = QModelIndex | QPersistentModelIndex

SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's `Section`."""


Place = Page
"""Where the navigation can take the user: the pages of `desk.core.permissions`, which
also says who may see each."""


MESSAGING = (Place.OFFICE, Place.CLASSROOM, Place.SMS)

ICONS = {
    Place.OFFICE: "office",
    Place.CLASSROOM: "classroom",
    Place.SMS: "sms",
    Place.FAMILIES: "families",
    Place.STAFF: "staff",
    Place.KIOSK: "kiosk",
    Place.AUDIT: "audit",
    Place.TASKS: "tasks",
    Place.SETTINGS: "settings",
}


@dataclass(frozen=True)
class Section:
    """One navigation row."""

    place: Place
    label: str
    unread: int = 0
    open: int = 0


def icon(name: str) -> QIcon:
    """An icon from `resources/icons`, compiled in (`desk.resources`)."""
    return QIcon(resources.path(f"icons/{name}.svg"))


class NavigationModel(QAbstractListModel):
    """The sections the user may open, with their counters."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sections: list[Section] = []
        self._icons: dict[Place, QIcon] = {}

    def set_sections(self, sections: list[Section]) -> None:
        """Replace the sections (after sign-in, or when permissions change)."""
        self.beginResetModel()
        self._sections = list(sections)
        self.endResetModel()

    def set_counters(self, place: Place, unread: int, open_: int) -> None:
        """Update one section's badges."""
        for n, section in enumerate(self._sections):
            if section.place == place and (section.unread, section.open) != (unread, open_):
                self._sections[n] = replace(section, unread=unread, open=open_)
                self.dataChanged.emit(self.index(n), self.index(n))

    def row_of(self, place: Place) -> int:
        """The row of `place`, or -1 when the user may not go there."""
        for n, section in enumerate(self._sections):
            if section.place == place:
                return n
        return -1

    def section(self, row: int) -> Section:
        """The section in `row`."""
        return self._sections[row]

    @property
    def places(self) -> list[Place]:
        """Every place listed, in order."""
        return [s.place for s in self._sections]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Places the user may go; a flat list."""
        return 0 if parent.isValid() else len(self._sections)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Label, icon, the `Section`, and the badges in words for screen readers and tooltips."""
        if not index.isValid() or index.row() >= len(self._sections):
            return None
        section = self._sections[index.row()]
        if role == SECTION_ROLE:
            return section
        if role == Qt.ItemDataRole.DisplayRole:
            return section.label
        if role == Qt.ItemDataRole.DecorationRole:
            if section.place not in self._icons:
                self._icons[section.place] = icon(ICONS[section.place])
            return self._icons[section.place]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if section.place in MESSAGING:
                return self.tr("{label}: {unread} unread, {open} open").format(
                    label=section.label, unread=section.unread, open=section.open
                )
            return section.label
        if role == Qt.ItemDataRole.ToolTipRole and section.place in MESSAGING:
            return self.tr("{unread} unread messages, {open} open conversations").format(
                unread=section.unread, open=section.open
            )
        return None


class NavigationDelegate(QStyledItemDelegate):
    """Icon, label, and the red and grey counters on the right."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """One line of text and the padding."""
        return QSize(200, QFontMetrics(option.font).height() + 18)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Icon and label, with the red (unread) and grey (open) counters on the right."""
        section: Section | None = index.data(SECTION_ROLE)
        if section is None:
            return
        colors = colors_for(option.palette)
        rect: QRect = option.rect
        state = option.state
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if state & QStyle.StateFlag.State_Selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colors.sidebar_selected))
            painter.drawRoundedRect(rect.adjusted(8, 2, -8, -2), 6, 6)
            painter.setBrush(QColor(colors.accent))
            painter.drawRoundedRect(
                QRect(rect.left() + 8, rect.top() + 8, 3, rect.height() - 16), 1, 1
            )
        decoration: QIcon = index.data(Qt.ItemDataRole.DecorationRole)
        size = 18
        decoration.paint(
            painter, QRect(rect.left() + 20, rect.top() + (rect.height() - size) // 2, size, size)
        )
        font = QFont(option.font)
        if state & QStyle.StateFlag.State_Selected:
            font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(QColor(colors.text))
        right = rect.right() - 16
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
        small.setWeight(QFont.Weight.Bold)
        metrics = QFontMetrics(small)
        height = metrics.height() + 2
        top = rect.top() + (rect.height() - height) // 2
        for count, colour in ((section.open, colors.badge_grey), (section.unread, colors.unread)):
            if count <= 0:
                continue
            text = str(count) if count < 1000 else "999+"
            width = max(height, metrics.horizontalAdvance(text) + 10)
            box = QRect(right - width, top, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(box, height / 2, height / 2)
            painter.setFont(small)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            right = box.left() - 4
        painter.setFont(font)
        painter.setPen(QColor(colors.text))
        label_rect = QRect(rect.left() + 48, rect.top(), right - rect.left() - 52, rect.height())
        painter.drawText(
            label_rect,
            int(Qt.AlignmentFlag.AlignVCenter) | int(Qt.AlignmentFlag.AlignLeft),
            QFontMetrics(font).elidedText(
                section.label, Qt.TextElideMode.ElideRight, label_rect.width()
            ),
        )
        painter.restore()


class NavigationView(QListView):
    """The navigation list, keyboard-navigable like any list."""

    def __init__(self, model: NavigationModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setAccessibleName(self.tr("Navigation"))
        self.setModel(model)
        self.setItemDelegate(NavigationDelegate(self))
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
