"""The messages of one conversation: a list model and a delegate drawing bubbles.

Each message shows its author, local time and where it stands (seed 000/001 and
the card's offline promise): queued offline, sending, sent, delivered, or failed
with the reason. Sizes are measured once per message and width, so reopening a
thread of 500 messages lays out without re-measuring text it already knows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desk.ui.shared.formatting import local_time
from desk.ui.shared.row_model import RowListModel
from desk.ui.shared.theme import colors_for

if TYPE_CHECKING:
    from desk.models.thread_view import MessageView

Index = QModelIndex | QPersistentModelIndex

MESSAGE_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's `MessageView`."""
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
"""The delivery state as shown ("Queued offline", "Delivered", "Failed: …")."""

BUBBLE_SHARE = 0.68  # of the view's width
PAD = 10
GAP = 14


class MessageListModel(RowListModel["MessageView"]):
    """The messages of the open thread, oldest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(self._text_of, parent=parent)
        self._offline = False

    def set_messages(self, rows: list[MessageView]) -> None:
        """Show another thread's messages, or the same thread's after a sync."""
        self.set_rows(rows)

    def set_offline(self, offline: bool) -> None:
        """Whether unconfirmed messages wait for the network (shown as "queued offline")."""
        if offline != self._offline:
            self._offline = offline
            if self.rowCount():
                self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def message_at(self, row: int) -> MessageView:
        """The message shown in `row`."""
        return self.row_at(row)

    @property
    def messages(self) -> list[MessageView]:
        """Every message shown."""
        return self.rows

    def state_text(self, message: MessageView) -> str:
        """Where a message stands, in words, with the server's delivery notes."""
        state = self._state_only(message)
        if message.notes and state:
            return self.tr("{state} — {notes}").format(state=state, notes=message.notes)
        return state

    def _state_only(self, message: MessageView) -> str:
        if message.direction == "in":
            return ""
        if message.local:
            if self._offline:
                return self.tr("Queued offline — sends when back online")
            return self.tr("Sending…")
        labels = {
            "draft": self.tr("Draft"),
            "queued": self.tr("Queued"),
            "sending": self.tr("Sending…"),
            "sent": self.tr("Sent"),
            "delivered": self.tr("Delivered"),
        }
        if message.state == "failed":
            reason = message.error or self.tr("no reason given")
            return self.tr("Failed: {reason}").format(reason=reason)
        return labels.get(message.state, message.state)

    def _text_of(self, message: MessageView) -> str:
        author = message.author or message.from_phone or ""
        state = self.state_text(message)
        tail = f" ({state})" if state else ""
        return f"{author}, {local_time(message.created_at)}: {message.body}{tail}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Adds `MESSAGE_ROLE`, `STATE_ROLE` and a long delivery note as the tooltip."""
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        if role == MESSAGE_ROLE:
            return self.row_at(index.row())
        if role == STATE_ROLE:
            return self.state_text(self.row_at(index.row()))
        if role == Qt.ItemDataRole.ToolTipRole:  # the bubble elides a long note
            message = self.row_at(index.row())
            return self.state_text(message) if message.notes else None
        return super().data(index, role)


class MessageDelegate(QStyledItemDelegate):
    """Bubbles: the centre's messages on the right, families' on the left."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._sizes: dict[tuple[str, int, str], QSize] = {}

    def _bubble_width(self) -> int:
        return max(200, int(self._view.viewport().width() * BUBBLE_SHARE))

    def _text_rect(self, metrics: QFontMetrics, body: str, width: int) -> QRect:
        return metrics.boundingRect(
            QRect(0, 0, width - 2 * PAD, 100_000), Qt.TextFlag.TextWordWrap, body
        )

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """The bubble's height for the wrapped body, cached by message, width and body."""
        message: MessageView | None = index.data(MESSAGE_ROLE)
        if message is None:
            return QSize(0, 0)
        width = self._bubble_width()
        key = (message.id, width, message.body)
        cached = self._sizes.get(key)
        if cached is not None:
            return cached
        metrics = QFontMetrics(option.font)
        body = self._text_rect(metrics, message.body, width)
        small = metrics.height()
        height = GAP + small + 4 + body.height() + 2 * PAD + small + 4
        size = QSize(self._view.viewport().width(), height)
        self._sizes[key] = size
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """A bubble with author and time above and the delivery state below."""
        message: MessageView | None = index.data(MESSAGE_ROLE)
        if message is None:
            return
        colors = colors_for(option.palette)
        rect: QRect = option.rect
        font = QFont(option.font)
        metrics = QFontMetrics(font)
        small = metrics.height()
        outbound = message.direction == "out"
        width = self._bubble_width()
        body = self._text_rect(metrics, message.body, width)
        bubble_width = min(width, max(body.width() + 2 * PAD, 120))
        margin = 18
        left = rect.right() - margin - bubble_width if outbound else rect.left() + margin
        top = rect.top() + GAP

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        author = message.author or message.from_phone or self.tr("Unknown")
        header = f"{author} · {local_time(message.created_at)}"
        if message.emergency_sms:
            header += " · " + self.tr("Emergency SMS")
        painter.setFont(font)
        painter.setPen(QColor(colors.muted))
        align = Qt.AlignmentFlag.AlignRight if outbound else Qt.AlignmentFlag.AlignLeft
        painter.drawText(QRect(left, top, bubble_width, small), align, header)

        bubble = QRect(left, top + small + 4, bubble_width, body.height() + 2 * PAD)
        failed = message.state == "failed" and not message.local
        fill = colors.outbound if outbound else colors.inbound
        painter.setPen(QColor(colors.unread) if failed else Qt.PenStyle.NoPen)
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(bubble, 10, 10)
        painter.setPen(QColor(colors.text))
        painter.drawText(
            bubble.adjusted(PAD, PAD, -PAD, -PAD),
            int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft),
            message.body,
        )
        state = index.data(STATE_ROLE)
        if state:
            if failed:
                colour = colors.unread
            elif message.local:
                colour = colors.warning
            elif message.state == "delivered":
                colour = colors.ok
            else:
                colour = colors.muted
            painter.setPen(QColor(colour))
            room = max(bubble_width, min(metrics.horizontalAdvance(state), rect.width() - 36))
            state_rect = QRect(bubble.right() - room + 1, bubble.bottom() + 3, room, small)
            if not outbound:
                state_rect.moveLeft(left)
            painter.drawText(
                state_rect,
                Qt.AlignmentFlag.AlignRight if outbound else Qt.AlignmentFlag.AlignLeft,
                metrics.elidedText(state, Qt.TextElideMode.ElideRight, room),
            )
        painter.restore()


class MessageList(QListView):
    """The conversation's messages, kept scrolled to the newest."""

    def __init__(self, model: MessageListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageList")
        self.setAccessibleName(self.tr("Messages"))
        self.setModel(model)
        self.setItemDelegate(MessageDelegate(self))
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        model.modelReset.connect(self.scrollToBottom)
