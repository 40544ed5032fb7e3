"""A layout that places its items left to right and wraps them onto new lines.

Qt has none built in (its "Flow Layout" is an example, not a class); the chips of
the audience picker need one, so they wrap instead of being cut off or elided when
the dialog is narrow.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Items in reading order, wrapped at the layout's width; its height follows."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place (or only measure, when not `move`) the items; the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            size = item.sizeHint()
            width = min(size.width(), area.width())
            if x > area.x() and x + width > area.right() + 1:
                x, y, line = area.x(), y + line + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, size.height())))
            x += width + self._spacing
            line = max(line, size.height())
        return y + line - rect.y() + margins.bottom()

    # -- QLayout overrides -------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        """Take an item (`addWidget` comes here)."""
        self._items.append(item)

    def count(self) -> int:
        """How many items the layout holds."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        """The item at `index`, or None past the end."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        """Remove and return the item at `index` (None past the end)."""
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        """Never wider or taller than the items need."""
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        """The height depends on how many lines the width wraps the items into."""
        return True

    def heightForWidth(self, width: int) -> int:
        """The height the items take when wrapped at `width`."""
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        """Place the items inside `rect`."""
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """As small as the largest item: the layout wraps rather than widens."""
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        """The largest item, plus the margins."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def spacing(self) -> int:
        """The gap between two items, across and down."""
        return self._spacing

    def setSpacing(self, spacing: int) -> None:
        """Set the gap between two items, across and down."""
        self._spacing = spacing
        self.invalidate()


def flow_policy() -> QSizePolicy:
    """The size policy a widget holding a `FlowLayout` needs to grow as it wraps."""
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    return policy
