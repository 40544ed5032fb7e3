"""One conversation on screen: header, split-family switcher, messages, failures, composer.

The status rules are seed 001's: showing a thread makes it Open; a message that
arrives while it is on screen keeps it Open (the view opens it again as soon as
the synced copy says Unread); Close and Reopen are explicit. Writes go through
`Conversations`, so they are queued durably and shown at once, online or not.

Seen-by (seed 004, issue 13 item 3) comes from every display: whenever the view
shows a thread to someone looking at it (opened, refreshed after a sync that
brought new messages, or the window coming back into view), the messages by
others it has not yet marked are marked seen in one command; messages already
marked are never sent again. A recipient whose preferred channel failed, so their
messages go out on another, is listed above the composer with a Reset (item 4).
Each message names the files it carries; the bar under the messages lists those
of the message picked, to open or save (issue 14 item 4).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLayoutItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.kinds import PersonKind
from desk.core.permissions import Capability
from desk.i18n.errors import error_text
from desk.ui.inbox.attachment_bar import AttachmentBar
from desk.ui.inbox.composer import Composer
from desk.ui.inbox.messages import MessageList, MessageListModel
from desk.ui.inbox.unknown_number import UnknownNumberBar
from desk.ui.shared.attach_files import size_text
from desk.ui.shared.delivery_words import plain_reason
from desk.ui.shared.formatting import (
    by_channel_label,
    channel_failed_label,
    status_label,
    thread_kind_label,
)
from desk.ui.shared.phone_display import national

if TYPE_CHECKING:
    from desk.models.inbox_sql import InboxRow
    from desk.models.thread_view import DeliveryRemark, MessageView, RejectedSend, Retries
    from desk.services.attachments import Attachments, AttachmentView
    from desk.services.conversations import Conversations, Permission
    from desk.services.group_conversations import GroupConversations


class FailureBar(QWidget):
    """Replies the server refused, and messages whose delivery failed, with Retry.

    Signals:
        retry_rejected(object): retry this `RejectedSend`.
        dismiss_rejected(object): forget this `RejectedSend`.
        retry_failed(object): send this failed `MessageView` again.
    """

    retry_rejected = Signal(object)
    dismiss_rejected = Signal(object)
    retry_failed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("failureBar")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(14, 6, 14, 6)
        self._layout.setSpacing(4)
        self.retry_buttons: list[QPushButton] = []
        self.hide()

    def show_failures(
        self,
        rejected: list[RejectedSend],
        failed: list[MessageView],
        retries: Retries | None = None,
    ) -> None:
        """List what did not go out (the newest few failed deliveries).

        A failed message whose retry waits for the server shows a disabled
        "Retrying…" button, so a second click cannot ask again; one whose retry was
        refused says why. The row goes once the message is no longer failed.
        """
        while self._layout.count():
            _delete_item(self._layout.takeAt(0))
        self.retry_buttons = []
        for entry in rejected:
            text = self.tr("Not sent: {reason} — “{body}”").format(
                reason=error_text(entry.error), body=_short(entry.label)
            )
            self._add_row(
                text,
                partial(self.retry_rejected.emit, entry),
                partial(self.dismiss_rejected.emit, entry),
            )
        for message in failed[-3:]:
            text = self.tr("Delivery failed: {reason} — “{body}”").format(
                reason=plain_reason(message.error) or self.tr("no reason given"),
                body=_short(message.body),
            )
            if retries is not None and (refused := retries.refused.get(message.id)):
                text += " " + self.tr("Retry refused: {reason}").format(
                    reason=error_text(refused.error)
                )
            button = self._add_row(text, partial(self.retry_failed.emit, message), None)
            if retries is not None and message.id in retries.pending:
                button.setText(self.tr("Retrying…"))
                button.setAccessibleName(self.tr("Retry under way"))
                button.setEnabled(False)
        self.setVisible(bool(rejected or failed))

    def _add_row(
        self, text: str, retry: Callable[[], object], dismiss: Callable[[], object] | None
    ) -> QPushButton:
        row = QHBoxLayout()
        label = QLabel(text)
        label.setObjectName("failureText")
        label.setWordWrap(True)
        row.addWidget(label, 1)
        retry_button = QPushButton(self.tr("Retry"))
        retry_button.setObjectName("retryButton")
        retry_button.setAccessibleName(self.tr("Retry sending"))
        # Without parameters, so Qt passes no `checked` on to the emitting partial.
        retry_button.clicked.connect(lambda: retry())
        row.addWidget(retry_button)
        self.retry_buttons.append(retry_button)
        if dismiss is not None:
            dismiss_button = QPushButton(self.tr("Dismiss"))
            dismiss_button.setObjectName("dismissButton")
            dismiss_button.clicked.connect(lambda: dismiss())
            row.addWidget(dismiss_button)
        self._layout.addLayout(row)
        return retry_button


class FallbackBar(QWidget):
    """Recipients of this thread whose preferred channel failed, each with Reset (seed 004).

    Their messages go out on another channel until someone resets the failed one;
    Reset returns them to their preferred channel for the next message.

    Signals:
        reset(str, str): reset the fallback of this person (kind, id).
    """

    reset = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fallbackBar")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(14, 6, 14, 6)
        self._layout.setSpacing(4)
        self.reset_buttons: dict[tuple[str, str], QPushButton] = {}
        self.texts: list[str] = []
        self._shown: list[tuple[tuple[str, str], str, bool]] = []
        self.hide()

    def show_fallbacks(
        self, remarks: dict[str, list[DeliveryRemark]], may_reset: Callable[[str, str], bool]
    ) -> None:
        """One row per person still on a fallback channel, from the thread's newest remarks.

        Args:
            remarks: the thread's delivery remarks by message, oldest first.
            may_reset: whether the user may reset this person's channel (kind, id):
                an admin anyone's, a staff member their own, as the server decides.
        """
        latest: dict[tuple[str, str], DeliveryRemark] = {}
        for message_remarks in remarks.values():  # oldest message first
            for remark in message_remarks:
                if remark.fallback_from and remark.recipient_id is not None:
                    latest[(remark.recipient_kind, remark.recipient_id)] = remark
        rows: list[tuple[tuple[str, str], DeliveryRemark, str, bool]] = []
        for person, remark in latest.items():
            if not remark.failing:
                continue  # reset since: the next message goes out on the preferred channel
            text = self.tr("{name}: {channel_failed}, so messages go {by_channel}").format(
                name=remark.name or self.tr("Unknown"),
                channel_failed=channel_failed_label(remark.fallback_from),
                by_channel=by_channel_label(remark.channel),
            )
            if remark.reason:
                text += f" ({plain_reason(remark.reason)})"
            rows.append((person, remark, text, may_reset(*person)))
        shown = [(person, text, allowed) for person, _, text, allowed in rows]
        if shown == self._shown:
            return  # a refresh after a sync: nothing to rebuild or lay out again
        self._shown = shown
        while self._layout.count():
            _delete_item(self._layout.takeAt(0))
        self.reset_buttons, self.texts = {}, []
        for person, remark, text, allowed in rows:
            self.texts.append(text)
            row = QHBoxLayout()
            label = QLabel(text)
            label.setObjectName("fallbackText")
            label.setWordWrap(True)
            row.addWidget(label, 1)
            button = QPushButton(self.tr("Reset"))
            button.setObjectName("resetFallbackButton")
            button.setAccessibleName(
                self.tr("Reset {name} to their preferred channel").format(name=remark.name)
            )
            button.setEnabled(allowed)
            button.setToolTip(
                self.tr("Send the next message by their preferred channel again")
                if allowed
                else self.tr("Only an admin can reset someone else's channel")
            )
            button.clicked.connect(lambda _=False, p=person: self.reset.emit(*p))
            row.addWidget(button)
            self._layout.addLayout(row)
            self.reset_buttons[person] = button
        self.setVisible(bool(self.reset_buttons))


def _delete_item(item: QLayoutItem | None) -> None:
    """Delete a layout item's widget, or the widgets of the row layout it holds."""
    if item is None:
        return
    row = item.layout()
    if row is not None:
        while row.count():
            _delete_item(row.takeAt(0))
    elif (widget := item.widget()) is not None:
        widget.deleteLater()


def _storage_error() -> type[Exception]:
    """`desk.models.cache.StorageError`, imported when an error is being handled.

    By then the service, and the cache module with it, has long been loaded; a
    module-level import would put SQLAlchemy before the first paint of the inbox,
    which this view is part of (see `desk.models.snapshot`).
    """
    from desk.models.cache import StorageError

    return StorageError


PAGE = 100
"""Messages a thread opens with, and each scroll to the top adds: many screens' worth."""


def _short(body: str, limit: int = 60) -> str:
    flat = " ".join(body.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class ThreadView(QWidget):
    """The open conversation.

    Signals:
        thread_switched(str): the user picked another guardian's conversation.
        changed(): this view queued a change (a reply, a status), so lists re-read.
        failed(str): a change could not be queued; the reason, for the status bar.
        draft_saved(str): the reply being written in a thread was stored (its id),
            so the list can mark the thread as having a draft.
        confirmed(str): a short confirmation of what was just done, for the status
            bar (a new user could not tell whether a reply had gone).
    """

    thread_switched = Signal(str)
    changed = Signal()
    failed = Signal(str)
    draft_saved = Signal(str)
    confirmed = Signal(str)

    def __init__(self, service: Conversations | None, parent: QWidget | None = None) -> None:
        """Build the view; `service` may come later, through `attach`.

        Until then no thread can be shown: the window paints its first inbox page
        before the cache's services load.
        """
        super().__init__(parent)
        self._service = service
        self._groups: GroupConversations | None = None
        # How many of the newest messages a thread opens with; older ones come a page
        # at a time as the user scrolls to the top.
        self.page_size = PAGE
        self._shown = PAGE  # of the current thread, as far as the user has scrolled up
        self.current_thread: InboxRow | None = None
        self._being_viewed = True
        self._offline = False

        self.title = QLabel()
        self.title.setObjectName("threadTitle")
        self.title.setWordWrap(True)  # a long conversation title must not squeeze the details
        self.subtitle = QLabel()
        self.subtitle.setObjectName("threadSubtitle")
        # "Pick one from the list…" on one line widened a Spanish window past 1024.
        self.subtitle.setWordWrap(True)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("closeButton")
        self.close_button.setAccessibleName(self.tr("Close conversation"))
        self.close_button.setToolTip(self.tr("Mark this conversation complete (Ctrl+Shift+C)"))
        self.close_button.clicked.connect(self.close_thread)
        self.reopen_button = QPushButton(self.tr("Reopen"))
        self.reopen_button.setObjectName("reopenButton")
        self.reopen_button.setAccessibleName(self.tr("Reopen conversation"))
        self.reopen_button.setToolTip(self.tr("Follow-up needed after all (Ctrl+Shift+O)"))
        self.reopen_button.clicked.connect(self.reopen_thread)
        self.details_button = QPushButton(self.tr("Details"))
        self.details_button.setObjectName("detailsButton")
        self.details_button.setCheckable(True)
        self.details_button.setChecked(True)
        self.details_button.setAccessibleName(self.tr("Show the details pane"))
        self.details_button.setToolTip(
            self.tr("Show or hide the family's details beside the conversation")
        )
        self.link_number = UnknownNumberBar()  # a number no record holds (issue 13 item 5)
        self.link_number.linked.connect(self._linked)
        self.siblings = QWidget()
        self.siblings.setObjectName("siblings")
        self._siblings_layout = QHBoxLayout(self.siblings)
        self._siblings_layout.setContentsMargins(0, 0, 0, 0)
        self._siblings_layout.setSpacing(4)
        self.sibling_group = QButtonGroup(self)
        self.sibling_buttons: dict[str, QToolButton] = {}

        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        top = QHBoxLayout()
        top.addLayout(titles, 1)
        top.addWidget(self.close_button)
        top.addWidget(self.reopen_button)
        top.addWidget(self.details_button)
        header = QWidget()
        header.setObjectName("threadHeader")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(16, 10, 16, 10)
        header_layout.addLayout(top)
        header_layout.addWidget(self.siblings)

        self.messages = MessageListModel(self)
        self.message_list = MessageList(self.messages)
        self.message_list.older_wanted.connect(self.show_older)
        self.failures = FailureBar()
        self.failures.retry_rejected.connect(self._retry_rejected)
        self.failures.dismiss_rejected.connect(self._dismiss_rejected)
        self.failures.retry_failed.connect(self._retry_failed)
        self.fallbacks = FallbackBar()
        self.fallbacks.reset.connect(self._reset_fallback)
        self.composer = Composer(self._save_draft)
        self.composer.send_requested.connect(self.send)
        self.attachments = AttachmentBar()
        self.attachments.opened.connect(
            lambda path: self.confirmed.emit(self.tr("Opened {name}").format(name=Path(path).name))
        )
        self.attachments.saved.connect(
            lambda path: self.confirmed.emit(self.tr("Saved {path}").format(path=path))
        )
        self._files: dict[str, list[AttachmentView]] = {}
        self._attachment_service: Attachments | None = None
        self.message_list.clicked.connect(self._picked_message)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.message_list, 1)
        layout.addWidget(self.attachments)
        layout.addWidget(self.failures)
        layout.addWidget(self.fallbacks)
        layout.addWidget(self.link_number)
        layout.addWidget(self.composer)
        self.setTabOrder(self.composer.editor, self.composer.send_button)
        self.show_thread(None)

    def _save_draft(self, thread_id: str, text: str) -> None:
        self._conversations.save_draft(thread_id, text)
        self.draft_saved.emit(thread_id)

    @property
    def _conversations(self) -> Conversations:
        assert self._service is not None, "attach() first"
        return self._service

    @property
    def _group_conversations(self) -> GroupConversations:
        """Seen-by and participants, over the same cache as `Conversations`.

        Made on first use: its module loads the cache's machinery, which the view
        must not import before the first paint (see `_storage_error`).
        """
        if self._groups is None:
            from desk.services.group_conversations import GroupConversations

            self._groups = GroupConversations(self._conversations.cache)
        return self._groups

    def attach(self, service: Conversations) -> None:
        """The conversations service, once the cache has loaded."""
        self._service = service
        self._groups = None

    def set_attachments(self, service: Attachments) -> None:
        """The attachments service: files to send and files to open (once the cache is open)."""
        self._attachment_service = service
        self.composer.set_attachments(service)
        self.attachments.set_service(service)

    # -- showing ---------------------------------------------------------------------

    def set_being_viewed(self, viewed: bool) -> None:
        """Whether a person is looking at this view (window active, page shown).

        Only a thread someone is looking at is opened by arriving messages (seed 001).
        """
        self._being_viewed = viewed
        if viewed and self.current_thread is not None:
            opened = self._open_if_unread()
            if self._mark_seen() or opened:
                self.refresh()

    def show_older(self) -> None:
        """The next page of older messages above the first shown, the view kept in place.

        Loaded as the user scrolls to the top: a thread of 500 messages opens with
        its newest page (`bench/bench_thread_open.py`), and what comes into view is
        marked seen as it does.
        """
        if self.current_thread is None or not self.messages.more_above:
            return
        bar = self.message_list.verticalScrollBar()
        from_bottom = bar.maximum() - bar.value()
        self._shown += self.page_size
        self.refresh()
        bar.setValue(bar.maximum() - from_bottom)

    def set_offline(self, offline: bool) -> None:
        """Say "queued offline" rather than "sending" for unconfirmed replies."""
        self._offline = offline
        self.messages.set_offline(offline)

    def show_thread(self, thread_id: str | None) -> None:
        """Show a thread (None: nothing), opening it and marking its messages seen."""
        live = self._service is not None
        if self.current_thread is None or self.current_thread.id != thread_id:
            self._shown = self.page_size  # another thread opens at its newest page
        self.current_thread = self._conversations.thread(thread_id) if thread_id and live else None
        thread = self.current_thread
        enabled = thread is not None
        for widget in (self.close_button, self.reopen_button, self.composer, self.message_list):
            widget.setEnabled(enabled)
        if thread is None:
            self.title.setText(self.tr("No conversation selected"))
            self.subtitle.setText(self.tr("Pick one from the list, or start a New Message."))
            self.messages.set_messages([])
            self._files = {}
            self.attachments.show_files(None, [])
            self.failures.show_failures([], [])
            self.fallbacks.show_fallbacks({}, lambda _kind, _id: False)
            self.composer.show_thread(None, "", sms=False)
            self._show_siblings()
            self.close_button.hide()
            self.reopen_button.hide()
            self.link_number.hide()
            return
        self.composer.show_thread(
            thread.id, self._conversations.draft(thread.id), sms=thread.kind == "sms"
        )
        self._show(thread)

    def refresh(self) -> None:
        """Re-read the open thread after a sync or a local change."""
        if self.current_thread is None:
            return
        thread = self._conversations.thread(self.current_thread.id)
        if thread is None:  # no longer visible to us (access changed)
            self.show_thread(None)
            return
        self._show(thread)

    def _show(self, thread: InboxRow) -> None:
        """Lay out `thread`, just read: header, messages, receipts, what may be sent."""
        self.current_thread = thread
        if self._open_if_unread():
            thread = self.current_thread
        self.title.setText(_display_name(thread))
        self.subtitle.setText(
            f"{thread_kind_label(thread.kind)} · {status_label(thread.status)}"
            + (f" · {national(thread.phone)}" if thread.phone and thread.kind == "sms" else "")
        )
        closed = thread.status == "closed"
        self.close_button.setVisible(not closed)
        self.reopen_button.setVisible(closed)
        self.link_number.show_thread(self._conversations.cache, thread)
        self._show_siblings()
        self._mark_seen()  # first, so the user's own receipts show with the rest
        shown = self._shown
        # One more than shown: whether older messages wait above the first one.
        messages = self._conversations.messages(thread.id, shown + 1)
        older = len(messages) > shown
        messages = messages[-shown:]
        remarks = self._conversations.remarks(thread.id, shown)
        groups = self._group_conversations
        members = groups.participants(thread.id) if thread.kind == "group" else []
        service = self._attachment_service
        self._files = service.for_messages([m.id for m in messages]) if service else {}
        self.messages.set_messages(
            messages,
            seen=self._conversations.seen(
                thread.id, [(p.person_kind, p.person_id) for p in members], shown
            ),
            readers=groups.seen_by_message,
            members=members,
            remarks=remarks,
            files={
                message_id: [_file_line(a) for a in files]
                for message_id, files in self._files.items()
            },
            more_above=older,
        )
        self._show_files(messages)
        self.message_list.scrollToBottom()
        listed = self.message_list
        if older and listed.isVisible() and listed.verticalScrollBar().maximum() == 0:
            self.show_older()  # the page does not fill the view: nothing to scroll up to
            return
        self.fallbacks.show_fallbacks(remarks, self._may_reset)
        failed = [m for m in messages if m.state == "failed" and m.direction == "out"]
        self.failures.show_failures(
            self._conversations.rejected(thread.id),
            failed,
            self._conversations.retries(thread.id) if failed else None,
        )
        permission = self._conversations.may_post(thread)
        self.composer.set_allowed(permission.allowed, self._refusal_text(permission))

    def _refusal_text(self, permission: Permission) -> str:
        """Why the composer is read-only, in the user's language."""
        texts = {
            "stopped": self.tr("This conversation has been stopped; it takes no replies."),
            "mass_text": self.tr("Sending text messages needs the Mass Text permission."),
            "full_messaging": self.tr("Office Chat needs full messaging access."),
            "opted_out": self.tr("This number cannot be texted: {reason}").format(
                reason=error_text(permission.detail) if permission.detail else ""
            ),
        }
        return texts.get(permission.refusal or "", "")

    def _open_if_unread(self) -> bool:
        """Seed 001: a thread on screen that turned Unread is Open again at once."""
        thread = self.current_thread
        if thread is None or not self._being_viewed or thread.status != "unread":
            return False
        self._conversations.open(thread)
        self.current_thread = self._conversations.thread(thread.id) or thread
        self.changed.emit()
        return True

    def _mark_seen(self) -> bool:
        """Receipts for the shown thread's messages by others not marked yet; True if any.

        Only while someone is looking (seed 004: seen means seen). One command for
        all of them, and none when every message shown is marked already, so a
        refresh after each sync sends nothing new unless new messages came.
        """
        thread = self.current_thread
        if thread is None or not self._being_viewed:
            return False
        try:
            return self._conversations.mark_seen(thread.id, self._shown) is not None
        except (ValueError, _storage_error()) as error:
            self.failed.emit(error_text(error))
            return False

    def _may_reset(self, person_kind: str, person_id: str) -> bool:
        """The server's rule for Reset: an admin resets anyone's channel, staff their own."""
        if Capability.ADMIN in self._conversations.capabilities():
            return True
        return person_kind == "staff" and person_id == self._conversations.me()

    def _show_siblings(self) -> None:
        for button in self.sibling_buttons.values():
            self.sibling_group.removeButton(button)
            button.deleteLater()
        self.sibling_buttons = {}
        while self._siblings_layout.count():
            self._siblings_layout.takeAt(0)
        thread = self.current_thread
        siblings = self._conversations.siblings(thread.id) if thread else []
        if len(siblings) < 2 or not any(s.guardian_id for s in siblings):
            self.siblings.hide()  # not a split family: nothing to choose between
            return
        for sibling in siblings:
            label = sibling.label or self.tr("Whole family")
            button = QToolButton()
            button.setText(label + (" •" if sibling.status == "unread" else ""))
            button.setCheckable(True)
            button.setChecked(thread is not None and sibling.thread_id == thread.id)
            button.setAccessibleName(self.tr("Conversation with {name}").format(name=label))
            button.clicked.connect(
                lambda _=False, tid=sibling.thread_id: self.thread_switched.emit(tid)
            )
            self.sibling_group.addButton(button)
            self.sibling_buttons[sibling.thread_id] = button
            self._siblings_layout.addWidget(button)
        self._siblings_layout.addStretch(1)
        self.siblings.show()

    def _show_files(self, messages: list[MessageView]) -> None:
        """The bar keeps the message picked before; else the newest message with files."""
        picked = self.attachments.message_id
        if picked not in self._files:
            with_files = [m.id for m in messages if m.id in self._files]
            picked = with_files[-1] if with_files else None
        self.attachments.show_files(picked, self._files.get(picked or "", []))

    def _picked_message(self, index: QModelIndex) -> None:
        """A click on a message with files shows them in the bar."""
        message = self.messages.message_at(index.row())
        if message.id in self._files:
            self.attachments.show_files(message.id, self._files[message.id])

    # -- actions ---------------------------------------------------------------------

    def send(self, body: str) -> None:
        """Queue the reply; it shows at once, as queued when offline."""
        if self.current_thread is None:
            return
        thread = self.current_thread
        try:
            self._conversations.reply(thread.id, body, self.composer.attached.files)
        except (ValueError, _storage_error()) as error:
            self.failed.emit(error_text(error))
            return
        name = _display_name(thread)
        self.confirmed.emit(
            self.tr("Reply to {name} queued: it goes out when the network is back").format(
                name=name
            )
            if self._offline
            else self.tr("Reply to {name} on its way").format(name=name)
        )
        self.composer.clear_sent()
        self.changed.emit()
        self.refresh()

    def close_thread(self) -> None:
        """Mark the open conversation complete."""
        if self.current_thread is not None and self.current_thread.status != "closed":
            self._conversations.close(self.current_thread.id)
            self.changed.emit()
            self.refresh()

    def reopen_thread(self) -> None:
        """Take the open conversation up again."""
        if self.current_thread is not None and self.current_thread.status == "closed":
            self._conversations.reopen(self.current_thread.id)
            self.changed.emit()
            self.refresh()

    def retry_first_failure(self) -> None:
        """Retry the first thing listed in the failure bar (keyboard shortcut)."""
        if self.failures.isVisible() and self.failures.retry_buttons:
            self.failures.retry_buttons[0].click()  # does nothing while disabled

    def _retry_rejected(self, entry: RejectedSend) -> None:
        try:
            self._conversations.retry_rejected(entry)
        except (ValueError, _storage_error()) as error:
            self.failed.emit(error_text(error))
            return
        self.changed.emit()
        self.refresh()

    def _reset_fallback(self, person_kind: str, person_id: str) -> None:
        """Reset: the person's next message goes out on their preferred channel again."""
        from desk.services import contacts  # loads the cache's machinery: not before paint

        try:
            contacts.reset_fallback(self._conversations.cache, PersonKind(person_kind), person_id)
        except (ValueError, _storage_error()) as error:
            self.failed.emit(error_text(error))
            return
        self.changed.emit()
        self.refresh()

    def _linked(self) -> None:
        """The number now belongs to a record: its title and the lists change."""
        self.changed.emit()
        self.refresh()

    def _dismiss_rejected(self, entry: RejectedSend) -> None:
        self._conversations.dismiss_rejected(entry)
        self.refresh()

    def _retry_failed(self, message: MessageView) -> None:
        try:
            self._conversations.retry_failed(message)
        except (ValueError, _storage_error()) as error:
            self.failed.emit(error_text(error))
            return
        self.changed.emit()
        self.refresh()


def _file_line(attachment: AttachmentView) -> str:
    """A file as the line under its message says it."""
    if not attachment.size:
        return attachment.name
    return f"{attachment.name} · {size_text(attachment.size)}"


def _display_name(thread: InboxRow) -> str:
    if thread.phone and thread.name == thread.phone:
        return national(thread.phone)
    return thread.name
