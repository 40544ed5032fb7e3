"""The system-tray icon: the unread total where staff see it with the window hidden.

When the total rises, new messages arrived: the tray raises a desktop notification.
It follows the same count as the badges, so a conversation the user muted, which
counts nothing for them (`desk.models.inbox_sql.UNREAD_SQL`, seed 004), raises no
notification either; the messages of other conversations still do.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QSystemTrayIcon

from desk import resources


def badged_icon(unread: int, size: int = 64) -> QIcon:
    """The app icon with a red unread count in its corner (none at 0)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QIcon(resources.path("icons/app.svg")).paint(painter, QRect(0, 0, size, size))
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
    """A tray icon showing the unread total, when the desktop has a tray.

    Attributes:
        notifications: the text of each notification raised, oldest first (shown on
            the desktop when it has a tray).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icon: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(badged_icon(0), self)
            self.icon.show()
        self.unread = 0
        self._counted = False  # the first count is what was there already: no notification
        self.notifications: list[str] = []

    def show_unread(self, unread: int) -> None:
        """Update the badge and tooltip; notify when the total rose."""
        rose = unread - self.unread if self._counted else 0
        self._counted = True
        self.unread = unread
        if rose > 0:
            self._notify(
                self.tr("1 new message")
                if rose == 1
                else self.tr("{n} new messages").format(n=rose)
            )
        if self.icon is None:
            return
        self.icon.setIcon(badged_icon(unread))
        self.icon.setToolTip(
            self.tr("Front Desk — {n} unread").format(n=unread)
            if unread
            else self.tr("Front Desk — nothing unread")
        )

    def _notify(self, text: str) -> None:
        self.notifications.append(text)
        if self.icon is not None and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(self.tr("Front Desk"), text)
