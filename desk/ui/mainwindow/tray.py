"""The system-tray icon: the unread total where staff see it with the window hidden."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QSystemTrayIcon

from desk.ui.shared.theme import RESOURCES


def badged_icon(unread: int, size: int = 64) -> QIcon:
    """The app icon with a red unread count in its corner (none at 0)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QIcon(str(RESOURCES / "icons" / "app.svg")).paint(painter, QRect(0, 0, size, size))
    if unread:
        text = str(unread) if unread < 100 else "99+"
        box = QRect(size // 2 - 2, 0, size // 2 + 2, size // 2 + 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#d92d20"))
        painter.drawEllipse(box)
        font = QFont()
        font.setPixelSize(size // 4)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


class UnreadTray(QObject):
    """A tray icon showing the unread total, when the desktop has a tray."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icon: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(badged_icon(0), self)
            self.icon.show()
        self.unread = 0

    def show_unread(self, unread: int) -> None:
        """Update the badge and tooltip."""
        self.unread = unread
        if self.icon is None:
            return
        self.icon.setIcon(badged_icon(unread))
        self.icon.setToolTip(
            self.tr("Front Desk — {n} unread").format(n=unread)
            if unread
            else self.tr("Front Desk — nothing unread")
        )
