"""Beside a group conversation: who is in it, and the actions that run it (seed 004).

Staff running a conversation need its members in view (role and channel, so they
know who will get a text and who reads in the app) and its controls in one place:
add and remove people within the 15-person limit, rename, stop (read-only for
everyone afterwards, the pane saying who stopped it and when), mute and archive
(the user's own), and download a transcript. Each action is a command in the outbox
through `GroupConversations`: it shows at once, works offline, and the server
applies and audits it. Confirmations come before what cannot be taken back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, Qt, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.conversations import MAX_PARTICIPANTS
from desk.core.kinds import PersonKind
from desk.core.transcript import render_html
from desk.i18n.errors import error_text
from desk.models.cache import StorageError
from desk.services import transcript
from desk.services.group_conversations import ConversationRefused, GroupConversations, Person
from desk.ui.inbox.conversation_text import channel_text, moment, person_role, transcript_wording
from desk.ui.inbox.participants_dialog import ParticipantsDialog
from desk.ui.inbox.rename_dialog import RenameDialog
from desk.ui.shared.flow_layout import FlowLayout
from desk.ui.shared.widgets import pane_label

if TYPE_CHECKING:
    from desk.models.inbox_sql import InboxRow
    from desk.services.conversations import Conversations
    from desk.services.group_conversations import ParticipantRow


def _safe_file_name(title: str) -> str:
    """A file name from a title typed by staff: no path separators or odd characters."""
    kept = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    return " ".join(kept.split())[:60] or "conversation"


def write_transcript(path: Path, html: str) -> None:
    """Save the transcript as HTML, or as PDF when the name ends in .pdf.

    The PDF is the same document laid out by Qt's rich-text engine on A4 pages.
    """
    if path.suffix.lower() == ".pdf":
        document = QTextDocument()
        document.setHtml(html)
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
        writer.setTitle(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
        document.print_(writer)
        return
    path.write_text(html, encoding="utf-8")


class GroupPanel(QWidget):
    """The details of a group conversation, with its actions.

    Signals:
        changed(): an action was queued; the list, the thread and this pane re-read.
        message(str): something to tell the user in the status bar (a refusal, where
            a transcript was saved).
    """

    changed = Signal()
    message = Signal(str)

    def __init__(self, conversations: Conversations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("groupPanel")
        self._conversations = conversations
        self.groups = GroupConversations(conversations.cache)
        self.conversation: InboxRow | None = None
        self.participants: list[ParticipantRow] = []
        self.dialog: ParticipantsDialog | RenameDialog | None = None
        self.muted = False
        self.archived = False

        self.title = pane_label("", "threadTitle")
        self.state = pane_label("", "stoppedNote")
        self.mine = pane_label("", "cardLine")
        self.add_button = self._button(self.tr("Add people…"), "addPeopleButton", self.add_people)
        self.rename_button = self._button(self.tr("Rename…"), "renameButton", self.rename)
        self.mute_button = self._button(self.tr("Mute"), "muteButton", self.toggle_mute)
        self.archive_button = self._button(self.tr("Archive"), "archiveButton", self.toggle_archive)
        self.stop_button = self._button(self.tr("Stop…"), "stopButton", self.stop)
        self.transcript_button = self._button(
            self.tr("Transcript…"), "transcriptButton", self.download_transcript
        )
        self.add_button.setToolTip(self.tr("Add participants, up to 15 people in all"))
        self.stop_button.setToolTip(self.tr("Make the conversation read-only for everyone"))
        self.transcript_button.setToolTip(self.tr("Download the conversation as HTML or PDF"))
        self.mute_button.setToolTip(self.tr("No unread count or notification for you"))
        self.archive_button.setToolTip(self.tr("Move it to your Archived list"))
        # They wrap to the pane's width: a 1024-pixel window leaves it narrow.
        actions = FlowLayout(spacing=6)
        for button in (
            self.add_button,
            self.rename_button,
            self.mute_button,
            self.archive_button,
            self.stop_button,
            self.transcript_button,
        ):
            actions.addWidget(button)
        self.people_heading = pane_label("", "detailsHeading")
        self.people = QVBoxLayout()
        self.people.setContentsMargins(0, 0, 0, 0)
        self.people.setSpacing(8)
        self.remove_buttons: dict[Person, QToolButton] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(pane_label(self.tr("CONVERSATION"), "detailsHeading"))
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(self.mine)
        layout.addLayout(actions)
        layout.addWidget(self.people_heading)
        layout.addLayout(self.people)

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot())  # without Qt's `checked` argument
        return button

    # -- showing -------------------------------------------------------------------

    def show_thread(self, thread: InboxRow) -> None:
        """Show a group conversation as the cache holds it now."""
        self.conversation = thread
        self.participants = self.groups.participants(thread.id)
        me = self._conversations.me()
        mine = next(
            (p for p in self.participants if p.person_kind == "staff" and p.person_id == me),
            None,
        )
        self.muted = mine is not None and mine.muted
        self.archived = mine is not None and mine.archived
        self.title.setText(thread.name)
        stop = self.groups.stopped(thread.id)
        stopped = stop is not None
        if stop is not None:
            self.state.setText(
                self.tr("Stopped by {name} on {time}. It is read-only: no one can reply.").format(
                    name=stop.by_name or self.tr("a staff member"), time=moment(stop.at)
                )
            )
        self.state.setVisible(stopped)
        notes = []
        if self.muted:
            notes.append(self.tr("Muted for you: no unread count or notification."))
        if self.archived:
            notes.append(self.tr("Archived for you."))
        if mine is None:
            notes.append(self.tr("You are not a participant."))
        self.mine.setText(" ".join(notes))
        self.mine.setVisible(bool(notes))
        self.mute_button.setText(self.tr("Unmute") if self.muted else self.tr("Mute"))
        self.archive_button.setText(self.tr("Unarchive") if self.archived else self.tr("Archive"))
        for button in (self.mute_button, self.archive_button):
            button.setEnabled(mine is not None)  # both are a participant's own
        for button in (self.add_button, self.rename_button, self.stop_button):
            button.setEnabled(not stopped)
        self.add_button.setEnabled(not stopped and len(self.participants) < MAX_PARTICIPANTS)
        self._show_people(me, editable=not stopped)

    def _show_people(self, me: str | None, *, editable: bool) -> None:
        while self.people.count():
            item = self.people.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.remove_buttons = {}
        self.people_heading.setText(
            self.tr("PARTICIPANTS ({n} OF {most})").format(
                n=len(self.participants), most=MAX_PARTICIPANTS
            )
        )
        for row in self.participants:
            self.people.addWidget(self._person_card(row, me, editable=editable))

    def _person_card(self, row: ParticipantRow, me: str | None, *, editable: bool) -> QFrame:
        card = QFrame()
        card.setObjectName("detailsCard")
        card.setAccessibleName(row.name)
        line = QHBoxLayout(card)
        line.setContentsMargins(10, 8, 6, 8)
        text = QVBoxLayout()
        text.setSpacing(2)
        is_me = row.person_kind == "staff" and row.person_id == me
        name = row.name + (self.tr(" (you)") if is_me else "")
        text.addWidget(pane_label(name, "cardTitle"))
        detail = person_role(row.person_kind, row.role)
        if channel := channel_text(row.channel):
            detail += " · " + channel
        text.addWidget(pane_label(detail, "cardLine"))
        if row.muted and row.person_kind == "staff":
            text.addWidget(pane_label(self.tr("Muted"), "cardLine"))
        line.addLayout(text, 1)
        if editable and not is_me:
            person = Person(PersonKind(row.person_kind), row.person_id)
            remove = QToolButton()
            remove.setText("✕")  # compact: the pane is narrow in a 1024-pixel window
            remove.setObjectName("removeParticipant")
            remove.setAccessibleName(self.tr("Remove {name}").format(name=row.name))
            remove.setToolTip(self.tr("Remove {name} from the conversation").format(name=row.name))
            remove.clicked.connect(lambda _=False, p=person, n=row.name: self.remove(p, n))
            line.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
            self.remove_buttons[person] = remove
        return card

    # -- actions -------------------------------------------------------------------

    def _queued(self, action: Callable[[], object]) -> None:
        """Run a queuing call; say why when it is refused, re-read when it is queued."""
        try:
            action()
        except (ConversationRefused, StorageError) as error:
            self.message.emit(self.tr("Not changed: {reason}").format(reason=error_text(error)))
            return
        self.changed.emit()

    def add_people(self) -> None:
        """Open the picker; it queues the additions itself."""
        if self.conversation is None:
            return
        dialog = ParticipantsDialog(
            self._conversations.cache, self.groups, self.conversation.id, self
        )
        dialog.added.connect(lambda _n: self.changed.emit())
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def remove(self, person: Person, name: str) -> None:
        """Take someone out, once the user confirms."""
        if self.conversation is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove participant"),
            self.tr(
                "Remove {name} from “{title}”? They will no longer see the conversation."
            ).format(name=name, title=self.conversation.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            thread_id = self.conversation.id
            self._queued(lambda: self.groups.remove(thread_id, person))

    def rename(self) -> None:
        """Open the rename dialog; it queues the new title itself."""
        if self.conversation is None:
            return
        dialog = RenameDialog(self.groups, self.conversation.id, self.conversation.name, self)
        dialog.renamed.connect(lambda _title: self.changed.emit())
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def stop(self) -> None:
        """Make the conversation read-only for everyone, once the user confirms."""
        if self.conversation is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Stop conversation"),
            self.tr(
                "Stop “{title}”? No one will be able to reply, by app or by text, "
                "and this cannot be undone."
            ).format(title=self.conversation.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            thread_id = self.conversation.id
            self._queued(lambda: self.groups.stop(thread_id))

    def toggle_mute(self) -> None:
        """Mute or unmute the conversation for the user only."""
        if self.conversation is not None:
            thread_id, on = self.conversation.id, not self.muted
            self._queued(lambda: self.groups.mute(thread_id, on))

    def toggle_archive(self) -> None:
        """Archive or unarchive the conversation for the user only."""
        if self.conversation is not None:
            thread_id, on = self.conversation.id, not self.archived
            self._queued(lambda: self.groups.archive(thread_id, on))

    def download_transcript(self) -> None:
        """Ask where, then save the conversation as HTML or PDF."""
        if self.conversation is None:
            return
        path, _chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Download transcript"),
            str(Path.home() / f"{_safe_file_name(self.conversation.name)}.html"),
            self.tr("Web page (*.html);;PDF document (*.pdf)"),
        )
        if not path:
            return
        facts = transcript.facts(self._conversations.cache, self.conversation.id)
        if facts is None:
            self.message.emit(self.tr("That conversation is no longer on this workstation."))
            return
        try:
            write_transcript(Path(path), render_html(facts, transcript_wording()))
        except OSError as error:
            self.message.emit(
                self.tr("Could not save the transcript: {reason}").format(
                    reason=error.strerror or error
                )
            )
            return
        self.message.emit(self.tr("Transcript saved to {path}").format(path=path))
