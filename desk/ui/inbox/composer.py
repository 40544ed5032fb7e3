"""The reply box under a conversation: live count, Ctrl+Enter to send, drafts kept.

What is typed is saved as a draft after a short pause in typing (and at once when
the user switches thread), so a crash, a restart or a lost network loses nothing.
In a text-message thread the counter shows SMS segments too, because the centre
pays per segment and one emoji halves a segment (`desk.core.sms`). Saved templates
fill the reply from the Templates button (issue 13 item 6): a text-message thread
offers SMS templates, a conversation every channel's; a template variable left in
the text stops the send with the reason, since a reply goes as it is typed.
Files are attached with the Attach button, or dropped or pasted into the box
(`desk.ui.shared.attach_files`); a refused file is named with the reason under it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.kinds import Channel
from desk.core.sms import sms_stats
from desk.ui.shared.attach_files import AttachedFiles, AttachingEditor
from desk.ui.shared.delivery_words import encoding_words
from desk.ui.shared.people_text import plural
from desk.ui.shared.template_menu import TemplateButton, TemplateLoader, unfilled_text
from desk.ui.shared.widgets import ERROR_STYLE

if TYPE_CHECKING:
    from desk.services.attachments import Attachments

DRAFT_PAUSE_MS = 400

SaveDraft = Callable[[str, str], None]  # (thread id, text)


class Composer(QWidget):
    """Where staff type a reply.

    Signals:
        send_requested(str): the user asked to send this text (button or Ctrl+Enter).
    """

    send_requested = Signal(str)

    def __init__(self, save_draft: SaveDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self._save_draft = save_draft
        self._thread_id: str | None = None
        self._sms = False
        self._allowed = True
        self._refusal = ""  # why the last file could not be attached
        self.attached = AttachedFiles(self)
        self.attached.changed.connect(self._files_changed)
        self.attached.refused.connect(self._file_refused)
        self.editor = AttachingEditor(self.attached)
        self.editor.setObjectName("composerEditor")
        self.editor.setAccessibleName(self.tr("Reply"))
        self.editor.setPlaceholderText(self.tr("Write a reply… (Ctrl+Enter to send)"))
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(84)
        self.count = QLabel()
        self.count.setObjectName("composerCount")
        # The SMS counter line is long: it wraps rather than widen the window past 1024.
        self.count.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("permissionNote")
        self.note.setWordWrap(True)
        self.note.hide()
        self.problem = QLabel()
        self.problem.setObjectName("composerProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()
        self.template_button = TemplateButton(parent=self)
        self.template_button.picked.connect(self._use_template)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setObjectName("sendButton")
        self.send_button.setAccessibleName(self.tr("Send reply"))
        self.send_button.setToolTip(self.tr("Send (Ctrl+Enter)"))
        self.send_button.clicked.connect(self.send)
        self.editor.installEventFilter(self)
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_PAUSE_MS)
        self._draft_timer.timeout.connect(self.save_draft_now)
        self.editor.textChanged.connect(self._changed)

        footer = QHBoxLayout()
        footer.addWidget(self.count, 1)
        footer.addWidget(self.attached.attach_button)
        footer.addWidget(self.template_button)
        footer.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)
        layout.addWidget(self.note)
        layout.addWidget(self.editor)
        layout.addWidget(self.attached.chips)
        layout.addWidget(self.problem)
        layout.addLayout(footer)
        self._update_count()

    @property
    def text(self) -> str:
        """What is typed."""
        return self.editor.toPlainText()

    def set_attachments(self, service: Attachments) -> None:
        """Where attached files are checked and kept (once the cache is open)."""
        self.attached.set_service(service)
        self.attached.set_allowed(self._allowed and self._thread_id is not None)

    def set_templates(self, load: TemplateLoader) -> None:
        """Offer the saved templates `load` reads (once the cache is open)."""
        self.template_button.set_loader(load)

    def show_thread(self, thread_id: str | None, draft: str, *, sms: bool) -> None:
        """Switch to another thread: keep this one's draft, load the other's."""
        self.save_draft_now()
        self._thread_id = thread_id
        self._sms = sms
        self._refusal = ""
        self.attached.clear()
        self.attached.set_allowed(self._allowed and thread_id is not None)
        self.template_button.set_channels([Channel.SMS] if sms else list(TemplateButton.CHANNELS))
        self.editor.blockSignals(True)
        self.editor.setPlainText(draft)
        self.editor.blockSignals(False)
        self._update_count()

    def set_allowed(self, allowed: bool, reason: str = "") -> None:
        """Let the user reply, or say why not (permissions, opt-out, stopped)."""
        self._allowed = allowed
        self.editor.setReadOnly(not allowed)
        self.attached.set_allowed(allowed and self._thread_id is not None)
        self.note.setText(reason)
        self.note.setVisible(bool(reason) and not allowed)
        self._update_count()

    def clear_sent(self) -> None:
        """Empty the box after a send; the draft went out with the message."""
        self._draft_timer.stop()
        self.editor.blockSignals(True)
        self.editor.clear()
        self.editor.blockSignals(False)
        self._refusal = ""
        self.attached.clear()
        self._update_count()

    def send(self) -> None:
        """Ask to send what is typed, if anything, if allowed and free of template variables."""
        if self.send_button.isEnabled():
            self.send_requested.emit(self.text)

    def save_draft_now(self) -> None:
        """Store the current text as the thread's draft now."""
        self._draft_timer.stop()
        if self._thread_id is not None and self._allowed:
            self._save_draft(self._thread_id, self.text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter (either Enter key) in the editor sends; plain Enter is a new line."""
        if (
            watched is self.editor
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.send()
            return True
        return super().eventFilter(watched, event)

    def _use_template(self, _title: str, body: str) -> None:
        """Put a template's message where the cursor is (a reply has no title)."""
        if self._allowed:
            self.editor.insertPlainText(body)
            self.editor.setFocus()

    def _files_changed(self) -> None:
        self._refusal = ""
        self._update_count()

    def _file_refused(self, reason: str) -> None:
        self._refusal = reason
        self._update_count()

    def _changed(self) -> None:
        self._update_count()
        self._draft_timer.start()

    def _update_count(self) -> None:
        body = self.text
        unfilled = unfilled_text(body) if self._allowed else None
        problem = unfilled or self._refusal
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        content = bool(body.strip()) or bool(self.attached.files)
        enabled = self._allowed and self._thread_id is not None and content
        self.send_button.setEnabled(enabled and unfilled is None)
        self.template_button.setEnabled(self._allowed and self._thread_id is not None)
        if not self._sms:
            self.count.setText(self._characters(len(body)))
            return
        stats = sms_stats(body)
        encoding = encoding_words(stats.encoding)
        self.count.setText(
            self.tr("{chars} · {segments} · {left} left · {enc}").format(
                chars=self._characters(stats.characters),
                segments=plural(
                    stats.segments, self.tr("1 SMS segment"), self.tr("{n} SMS segments")
                ),
                left=stats.remaining_in_segment,
                enc=encoding,
            )
        )

    def _characters(self, n: int) -> str:
        return plural(n, self.tr("1 character"), self.tr("{n} characters"))
