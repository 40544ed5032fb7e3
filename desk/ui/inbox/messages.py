"""The messages of one conversation: a list model and a delegate drawing bubbles.

Each message shows its author and when it was written, to the minute (issue 13
item 8), and under the bubble where it stands (seed 000/001 and the card's offline
promise: queued offline, sending, sent, delivered, or failed with the reason), how
it went out where that is worth saying (translated, or on another channel because
the preferred one failed: issue 13 item 4), and who has read it (seed 004's
seen-by: "Seen by Maria Diaz · 3:42 PM", "Seen by 3", "Seen by everyone"). Who read
it when, and who has not yet, is the row's tooltip and shows on a click.

The words of each row are made once per thread shown and the sizes measured once
per message, width and words, so reopening a thread of 500 messages lays out
without re-measuring text it already knows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from desk.core.seen_by import PersonRef, not_yet, others
from desk.i18n.language_names import language_name
from desk.ui.shared.delivery_words import plain_reason
from desk.ui.shared.formatting import MessageClock, by_channel_label, channel_failed_label
from desk.ui.shared.row_model import RowListModel
from desk.ui.shared.theme import Colors, colors_for

if TYPE_CHECKING:
    from desk.models.conversation_queries import ParticipantRow, Seen
    from desk.models.thread_view import DeliveryRemark, MessageView, SeenSummary

Index = QModelIndex | QPersistentModelIndex

MESSAGE_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's `MessageView`."""
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
"""The delivery state as shown ("Queued offline", "Delivered", "Failed: …")."""
HEADER_ROLE = Qt.ItemDataRole.UserRole + 3
"""The label above the bubble: author and time ("Maria Diaz · Mon 3:42 PM")."""
REMARKS_ROLE = Qt.ItemDataRole.UserRole + 4
"""Lines on how it went out: "Translated to Spanish for Ann Lee", "Sent to … by email: …"."""
SEEN_ROLE = Qt.ItemDataRole.UserRole + 5
"""The seen-by line under the bubble; "" while nobody has read it."""
SEEN_FULL_ROLE = Qt.ItemDataRole.UserRole + 6
"""Seen-by in full: each reader with the time, then who has not yet; "" for nothing."""

LINES_ROLE = Qt.ItemDataRole.UserRole + 7
"""Every line under the bubble as (text, `Tone`): state, remarks, seen-by."""
LAYOUT_ROLE = Qt.ItemDataRole.UserRole + 8
"""(message, header, lines) in one call: what a row's size depends on, asked of
every row at each reset, where three calls through Qt cost more than the rest."""

BUBBLE_SHARE = 0.68  # of the view's width
PAD = 10
GAP = 14
MARGIN = 18  # between a bubble and the view's edge
LINE_GAP = 2  # between the lines under a bubble
SLACK = 2  # pixels a label gets past its measured advance, which is rounded
MOST_REMARKS = 3  # fallback lines under one message; the rest are counted
MOST_NAMES = 3  # names on a translation line; more are counted
KEPT_WORDS = 5_000  # rows whose words are kept for the next refresh or reopen


class Tone(StrEnum):
    """What a line under a bubble is, which decides its colour."""

    FAILED = "failed"
    PENDING = "pending"  # queued offline or being sent
    DELIVERED = "delivered"
    STATE = "state"
    REMARK = "remark"
    SEEN = "seen"
    FILE = "file"  # a file the message carries


@dataclass(frozen=True)
class _Words:
    """What a row says besides its body, made once and kept while its inputs stay.

    Attributes:
        inputs: what the words were made from (the message, its seen-by summary and
            remarks); a refresh whose rows have the same inputs reuses the words.
    """

    inputs: tuple[object, ...]
    header: str
    state: str
    remarks: tuple[str, ...]
    remarks_full: tuple[str, ...]
    seen: str
    lines: tuple[tuple[str, Tone], ...]


Readers = Callable[[str], "Sequence[Seen]"]
"""Who read one message and when, earliest first, by message id (read on demand)."""


class MessageListModel(RowListModel["MessageView"]):
    """The messages of the open thread, oldest first, with their receipts and remarks."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(self._text_of, parent=parent)
        self._offline = False
        self.more_above = False
        """Whether older messages wait above the first row (the view asks for them)."""
        self._seen: Mapping[str, SeenSummary] = {}
        self._readers: Readers = lambda _message_id: ()
        self._remarks: Mapping[str, Sequence[DeliveryRemark]] = {}
        self._files: Mapping[str, Sequence[str]] = {}
        self._members: list[PersonRef] = []
        self._member_names: dict[PersonRef, str] = {}
        self._words: dict[str, _Words] = {}
        self._earlier: dict[str, _Words] = {}  # the words of the rows shown before
        self._clock = MessageClock()
        self._could_read: dict[PersonRef | None, int] = {}  # members but the author
        # Remarks recur (the same guardian on fallback under every message): their
        # lines by what they say, the message left out.
        self._remark_words: dict[tuple[object, ...], tuple[tuple[str, ...], ...]] = {}
        # Translated once: a thread of 500 rows would ask for each a few thousand times.
        self._unknown = self.tr("Unknown")
        self._header_text = self.tr("{author} · {time}")
        self._file_text = self.tr("Attached: {file}")
        self._state_labels = {
            "draft": self.tr("Draft"),
            "queued": self.tr("Queued"),
            "sending": self.tr("Sending…"),
            "sent": self.tr("Sent"),
            "delivered": self.tr("Delivered"),
        }

    def set_messages(
        self,
        rows: list[MessageView],
        *,
        seen: Mapping[str, SeenSummary] | None = None,
        readers: Readers | None = None,
        members: Sequence[ParticipantRow] = (),
        remarks: Mapping[str, Sequence[DeliveryRemark]] | None = None,
        files: Mapping[str, Sequence[str]] | None = None,
        more_above: bool = False,
    ) -> None:
        """Show another thread's messages, or the same thread's after a sync.

        Args:
            rows: the messages, oldest first.
            seen: who has read each message, in brief (`Conversations.seen`).
            readers: who read one message and when, in full, asked for only when
                someone wants to know (`GroupConversations.seen_by_message`).
            members: a group conversation's participants, who "everyone" and
                "not yet" are counted against; none for other conversations.
            remarks: each message's translated or fallen-back deliveries.
            files: each message's files, as one line each ("form.pdf · 2 KB").
            more_above: whether older messages wait above the first of `rows`.
        """
        self.more_above = more_above
        self._seen = seen or {}
        self._readers = readers or (lambda _message_id: ())
        self._remarks = remarks or {}
        self._files = files or {}
        member_refs = [(p.person_kind, p.person_id) for p in members]
        names = {(p.person_kind, p.person_id): p.name for p in members}
        clock = MessageClock()  # today, and the locale, as of now
        # A refresh after a sync mostly shows the same rows: keep their words unless
        # what every row's words depend on changed.
        same = (member_refs, names, clock.day) == (
            self._members,
            self._member_names,
            self._clock.day,
        )
        if not same:
            self._earlier = {}
        elif len(self._earlier) + len(self._words) <= KEPT_WORDS:
            self._earlier = {**self._earlier, **self._words}
        else:
            self._earlier = self._words
        self._members, self._member_names, self._clock = member_refs, names, clock
        self._words, self._could_read = {}, {}
        if len(self._remark_words) > KEPT_WORDS:
            self._remark_words = {}
        self.set_rows(rows)

    def set_offline(self, offline: bool) -> None:
        """Whether unconfirmed messages wait for the network (shown as "queued offline")."""
        if offline != self._offline:
            self._offline = offline
            self._words, self._earlier = {}, {}
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
        if message.state == "failed":
            reason = plain_reason(message.error or "") or self.tr("no reason given")
            return self.tr("Failed: {reason}").format(reason=reason)
        return self._state_labels.get(message.state, message.state)

    # -- the words of a row ------------------------------------------------------------

    def _words_of(self, message: MessageView) -> _Words:
        found = self._words.get(message.id)
        if found is not None:
            return found
        seen_summary = self._seen.get(message.id)
        message_remarks = tuple(self._remarks.get(message.id, ()))
        message_files = tuple(self._files.get(message.id, ()))
        inputs = (message, seen_summary, message_remarks, message_files)
        found = self._earlier.get(message.id)
        if found is None or found.inputs != inputs:
            state = self.state_text(message)
            remarks, remarks_full = self._remark_lines(message_remarks)
            seen = self._seen_line(message, seen_summary)
            lines = [(self._file_text.format(file=file), Tone.FILE) for file in message_files]
            lines += [(state, self._tone(message))] if state else []
            lines += [(remark, Tone.REMARK) for remark in remarks]
            if seen:
                lines.append((seen, Tone.SEEN))
            found = _Words(
                inputs, self._header(message), state, remarks, remarks_full, seen, tuple(lines)
            )
        self._words[message.id] = found
        return found

    @staticmethod
    def _tone(message: MessageView) -> Tone:
        if message.state == "failed" and not message.local:
            return Tone.FAILED
        if message.local:
            return Tone.PENDING
        return Tone.DELIVERED if message.state == "delivered" else Tone.STATE

    def _header(self, message: MessageView) -> str:
        author = message.author or message.from_phone or self._unknown
        header = self._header_text.format(author=author, time=self._clock(message.created_at))
        if message.emergency_sms:
            header += " · " + self.tr("Emergency SMS")
        return header

    @staticmethod
    def _author(message: MessageView) -> PersonRef | None:
        if message.author_kind and message.author_id:
            return (message.author_kind, message.author_id)
        return None

    def _seen_line(self, message: MessageView, seen: SeenSummary | None) -> str:
        """The seen-by line under the message ("" while nobody has read it)."""
        if seen is None or not seen.readers:
            return ""
        if seen.readers == 1:
            return self.tr("Seen by {name} · {time}").format(
                name=seen.name or self.tr("Unknown"), time=self._clock(seen.seen_at)
            )
        author = self._author(message)
        could = self._could_read.get(author)
        if could is None:
            could = self._could_read[author] = len(others(self._members, author))
        if could and seen.members_read == could:
            return self.tr("Seen by everyone")
        return self.tr("Seen by {n}").format(n=seen.readers)

    def seen_in_full(self, message: MessageView) -> str:
        """Each reader with the time they read it, then who has not yet ("" for nothing).

        Read when asked for (a tooltip, a click): the readers of every message with
        their names would cost more than opening the whole thread.
        """
        readers = self._readers(message.id) if message.id in self._seen else ()
        people = {(r.person_kind, r.person_id) for r in readers}
        waiting = [
            self._member_names.get(person) or self.tr("Unknown")
            for person in not_yet(self._members, self._author(message), people)
        ]
        full = [self.tr("Seen by:")] if readers else []
        full += [
            self.tr("{name} — {time}").format(
                name=r.name or self.tr("Unknown"), time=self._clock(r.seen_at)
            )
            for r in readers
        ]
        if waiting:
            full.append(self.tr("Not seen yet by: {names}").format(names=", ".join(waiting)))
        return "\n".join(full)

    def _remark_lines(
        self, remarks: Sequence[DeliveryRemark]
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Lines under the message on translation and fallback, and the same in full."""
        if not remarks:
            return (), ()
        key = tuple(
            (
                r.recipient_kind,
                r.recipient_id,
                r.name,
                r.channel,
                r.language,
                r.translated,
                r.fallback_from,
                r.reason,
            )
            for r in remarks
        )
        known = self._remark_words.get(key)
        if known is None:
            known = self._remark_words[key] = self._remark_lines_of(remarks)
        lines, full = known
        return lines, full

    def _remark_lines_of(
        self, remarks: Sequence[DeliveryRemark]
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        translated: dict[str, list[str]] = {}
        fallbacks: dict[tuple[str, str, str], DeliveryRemark] = {}
        for remark in remarks:
            name = remark.name or self.tr("Unknown")
            if remark.fallback_from:
                fallbacks.setdefault((name, remark.channel, remark.fallback_from), remark)
            if remark.translated:
                names = translated.setdefault(remark.language, [])
                if name not in names:
                    names.append(name)
        lines: list[str] = []
        full: list[str] = []
        for language, names in translated.items():
            spoken = language_name(language)
            every = self.tr("Translated to {language} for {names}").format(
                language=spoken, names=", ".join(names)
            )
            full.append(every)
            lines.append(
                every
                if len(names) <= MOST_NAMES
                else self.tr("Translated to {language} for {n} people").format(
                    language=spoken, n=len(names)
                )
            )
        for (name, channel, failed), remark in fallbacks.items():
            line = self.tr("Sent to {name} {by_channel}: {channel_failed}").format(
                name=name,
                by_channel=by_channel_label(channel),
                channel_failed=channel_failed_label(failed),
            )
            if len(lines) < MOST_REMARKS:
                lines.append(line)
            full.append(f"{line} ({plain_reason(remark.reason)})" if remark.reason else line)
        if len(full) > len(lines):
            lines.append(self.tr("…and {n} more").format(n=len(full) - len(lines)))
        return tuple(lines), tuple(full)

    def _text_of(self, message: MessageView) -> str:
        """The row as one line, for screen readers and the accessible name."""
        words = self._words_of(message)
        tail = f" ({words.state})" if words.state else ""
        seen = f" {words.seen}." if words.seen else ""
        return f"{words.header}: {message.body}{tail}{seen}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Adds the roles the delegate paints, and the lines in full as the tooltip."""
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        if role == MESSAGE_ROLE:
            return self.row_at(index.row())
        if role == LAYOUT_ROLE:
            message = self.row_at(index.row())
            words = self._words_of(message)
            return message, words.header, words.lines
        if role in _WORDS:
            return _WORDS[role](self._words_of(self.row_at(index.row())))
        if role == SEEN_FULL_ROLE:
            return self.seen_in_full(self.row_at(index.row()))
        if role == Qt.ItemDataRole.ToolTipRole:
            message = self.row_at(index.row())
            words = self._words_of(message)
            parts = [words.state] if message.notes else []  # the bubble may elide a note
            parts += [*words.remarks_full, self.seen_in_full(message)]
            return "\n".join(p for p in parts if p) or None
        return super().data(index, role)


_WORDS: dict[int, Callable[[_Words], object]] = {
    STATE_ROLE: lambda words: words.state,
    HEADER_ROLE: lambda words: words.header,
    REMARKS_ROLE: lambda words: list(words.remarks),
    SEEN_ROLE: lambda words: words.seen,
    LINES_ROLE: lambda words: words.lines,
}
"""The roles answered from a row's `_Words`."""


@dataclass(frozen=True)
class _Placed:
    """Where a row's header and bubble go; the lines under the bubble follow `span`."""

    header: QRect
    bubble: QRect
    outbound: bool
    room: int

    def span(self, text_width: int) -> tuple[int, int]:
        """(left, width) of a label `text_width` wide: over the bubble, widened to the room."""
        wide = max(self.bubble.width(), min(text_width, self.room))
        if self.outbound:
            return self.bubble.left() + self.bubble.width() - wide, wide
        return self.bubble.left(), wide


class MessageDelegate(QStyledItemDelegate):
    """Bubbles: the centre's messages on the right, families' on the left.

    Above each bubble its author and time, never cut to the bubble's width: the
    label widens to the view's width and wraps beyond it (issue 13 item 8). Under
    it a label each for the state, remarks and seen-by, laid out the same way.
    """

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._font = QFont(view.font())
        # A label's advance by its text: "Sent", "Seen by 6" recur on every row.
        self._advances: dict[str, int] = {}
        self._sizes: dict[tuple[str, int, str, str, tuple[tuple[str, Tone], ...]], QSize] = {}

    def _metrics(self, font: QFont) -> QFontMetrics:
        """Metrics of the font rows are drawn in; a new font forgets what was measured."""
        if font != self._font:
            self._font = QFont(font)
            self._advances.clear()
            self._sizes.clear()
        return QFontMetrics(font)

    @staticmethod
    def _widths(view_width: int) -> tuple[int, int]:
        """The widest a bubble may be, and the widest a label may be, in a view this wide.

        A bubble takes a share of the view but never reaches past its edges: at
        1024x768 the conversation pane can be under 250 pixels wide, and a wider
        bubble would be cut. A label may use the view's width less the margins.
        """
        bubble = max(60, min(max(200, int(view_width * BUBBLE_SHARE)), view_width - 2 * MARGIN))
        return bubble, max(bubble, view_width - 2 * MARGIN)

    def _text_rect(self, metrics: QFontMetrics, body: str, width: int) -> QRect:
        """The body's size in a bubble at most `width` wide.

        A body of one line is measured by its advance, at half the cost of laying it
        out; only longer ones are wrapped to find their height.
        """
        room = width - 2 * PAD
        if "\n" not in body:
            advance = metrics.horizontalAdvance(body) + SLACK
            if advance <= room:
                return QRect(0, 0, advance, metrics.height())
        return metrics.boundingRect(QRect(0, 0, room, 100_000), Qt.TextFlag.TextWordWrap, body)

    def _label_rect(self, metrics: QFontMetrics, text: str, room: int) -> QRect:
        """A label's size: one line as wide as it needs, wrapped past the room.

        For the header and each line under the bubble, so no name or time is cut.
        One line is drawn without word wrap: drawn with it, a line exactly as wide
        as its advance can still break before the time, which the one line's
        height then cut off.
        """
        advance = self._advances.get(text)
        if advance is None:
            if len(self._advances) > KEPT_WORDS:
                self._advances.clear()
            advance = self._advances[text] = metrics.horizontalAdvance(text) + SLACK
        if advance <= room:
            return QRect(0, 0, advance, metrics.height())
        return metrics.boundingRect(QRect(0, 0, room, 100_000), Qt.TextFlag.TextWordWrap, text)

    @staticmethod
    def _colour(tone: Tone, colors: Colors) -> str:
        return {
            Tone.FAILED: colors.unread,
            Tone.PENDING: colors.warning,
            Tone.DELIVERED: colors.ok,
            Tone.REMARK: colors.warning,
        }.get(tone, colors.muted)

    def _place(
        self, rect: QRect, metrics: QFontMetrics, message: MessageView, header: str
    ) -> _Placed:
        """Where the header and the bubble of a row in `rect` go."""
        outbound = message.direction == "out"
        width, room = self._widths(self._view.viewport().width())
        body = self._text_rect(metrics, message.body, width)
        bubble_width = min(width, max(body.width() + 2 * PAD, 120))
        left = rect.right() - MARGIN - bubble_width if outbound else rect.left() + MARGIN
        placed = _Placed(QRect(), QRect(left, 0, bubble_width, 0), outbound, room)
        size = self._label_rect(metrics, header, room)
        x, wide = placed.span(size.width())
        top = rect.top() + GAP
        bubble = QRect(left, top + size.height() + 4, bubble_width, body.height() + 2 * PAD)
        return _Placed(QRect(x, top, wide, size.height()), bubble, outbound, placed.room)

    def header_rect(self, index: QModelIndex) -> QRect:
        """Where the row's author and time are drawn in the view (never cut, item 8)."""
        message: MessageView = index.data(MESSAGE_ROLE)
        rect = self._view.visualRect(index)
        return self._place(
            rect, QFontMetrics(self._view.font()), message, index.data(HEADER_ROLE)
        ).header

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """The row's height for the wrapped header and body and the lines under it.

        Cached by message, width and words, so a sync that changes nothing costs no
        measuring, and a new receipt or state re-measures only its own message.
        """
        layout: tuple[MessageView, str, tuple[tuple[str, Tone], ...]] | None = index.data(
            LAYOUT_ROLE
        )
        if layout is None:
            return QSize(0, 0)
        message, header, lines = layout
        view_width = self._view.viewport().width()
        key = (message.id, view_width, message.body, header, lines)
        cached = self._sizes.get(key)
        if cached is not None:
            return cached
        metrics = self._metrics(option.font)
        bubble, room = self._widths(view_width)
        body = self._text_rect(metrics, message.body, bubble)
        height = (
            GAP
            + self._label_rect(metrics, header, room).height()
            + 4
            + body.height()
            + 2 * PAD
            + sum(self._label_rect(metrics, text, room).height() + LINE_GAP for text, _ in lines)
            + 4
        )
        size = QSize(view_width, height)
        self._sizes[key] = size
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """A bubble with author and time above and state, remarks and seen-by below."""
        message: MessageView | None = index.data(MESSAGE_ROLE)
        if message is None:
            return
        colors = colors_for(option.palette)
        font = QFont(option.font)
        metrics = self._metrics(font)
        placed = self._place(option.rect, metrics, message, index.data(HEADER_ROLE))
        align = Qt.AlignmentFlag.AlignRight if placed.outbound else Qt.AlignmentFlag.AlignLeft

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        painter.setPen(QColor(colors.muted))
        wrap = Qt.TextFlag.TextWordWrap if placed.header.height() > metrics.height() else 0
        painter.drawText(placed.header, int(wrap) | int(align), index.data(HEADER_ROLE))
        bubble = placed.bubble
        failed = message.state == "failed" and not message.local
        fill = colors.outbound if placed.outbound else colors.inbound
        painter.setPen(QColor(colors.unread) if failed else Qt.PenStyle.NoPen)
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(bubble, 10, 10)
        painter.setPen(QColor(colors.text))
        painter.drawText(
            bubble.adjusted(PAD, PAD, -PAD, -PAD),
            int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft),
            message.body,
        )
        y = bubble.bottom() + 3
        for text, tone in index.data(LINES_ROLE):
            size = self._label_rect(metrics, text, placed.room)
            x, wide = placed.span(size.width())
            wrap = Qt.TextFlag.TextWordWrap if size.height() > metrics.height() else 0
            painter.setPen(QColor(self._colour(tone, colors)))
            painter.drawText(QRect(x, y, wide, size.height()), int(wrap) | int(align), text)
            y += size.height() + LINE_GAP
        painter.restore()


class MessageList(QListView):
    """The conversation's messages, kept scrolled to the newest (also when resized).

    A click on a message (or Enter on it) shows its lines in full beside it: who
    read it and when, who has not yet, how it went out. The tooltip says the same.

    Signals:
        older_wanted(): scrolled to the top while older messages wait above.
    """

    older_wanted = Signal()

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
        self.clicked.connect(self.show_details)
        self.activated.connect(self.show_details)
        self._model = model
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    def _scrolled(self, value: int) -> None:
        bar = self.verticalScrollBar()
        if value == bar.minimum() < bar.maximum() and self._model.more_above:
            self.older_wanted.emit()

    def show_details(self, index: QModelIndex) -> None:
        """Seen-by and remarks of the message at `index` in full, beside it (on demand)."""
        text = index.data(Qt.ItemDataRole.ToolTipRole)
        if not text:
            return
        place = self.visualRect(index)
        QToolTip.showText(self.viewport().mapToGlobal(place.center()), text, self.viewport(), place)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Stay on the newest message when the pane changes width and the bubbles rewrap."""
        bar = self.verticalScrollBar()
        newest = bar.value() >= bar.maximum()
        super().resizeEvent(event)
        if newest:
            self.scrollToBottom()
