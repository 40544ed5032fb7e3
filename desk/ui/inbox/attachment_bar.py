"""The files of one message under the conversation: preview, name, size, Open, Save as.

The message list says under each bubble which files it carries; this bar shows the
files of the message picked in the list (at first the newest one with files), at
most `MAX_PER_MESSAGE` rows, so plain widgets serve. Nothing is downloaded until
asked: an image's preview is fetched when its row is shown, the file itself on Open
or Save as, each in the background through the attachments service, and kept, so a
file once opened opens again offline. What cannot be done is said in the bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.i18n.errors import error_text
from desk.ui.shared.attach_files import size_text
from desk.ui.shared.operations import run_in_background
from desk.ui.shared.widgets import ERROR_STYLE

if TYPE_CHECKING:
    from desk.services.attachments import Attachments, AttachmentView

PREVIEW = 48
"""Pixels of an image's preview in its row."""


class AttachmentRow(QWidget):
    """One file: its preview (images), name and size, Open and Save as.

    Signals:
        open_requested(object): Open was pressed (the `AttachmentView`).
        save_requested(object): Save as was pressed (the `AttachmentView`).
    """

    open_requested = Signal(object)
    save_requested = Signal(object)

    def __init__(self, attachment: AttachmentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentRow")
        self.attachment = attachment
        self.preview = QLabel()
        self.preview.setObjectName("attachmentPreview")
        self.preview.setFixedSize(PREVIEW, PREVIEW)
        self.preview.setVisible(attachment.is_image)
        size = size_text(attachment.size) if attachment.size else ""
        self.label = QLabel(f"{attachment.name} · {size}" if size else attachment.name)
        self.label.setObjectName("attachmentName")
        self.label.setToolTip(attachment.name)
        self.label.setWordWrap(True)  # a long name wraps rather than widen the pane
        self.label.setMinimumWidth(40)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("openAttachment")
        self.open_button.setAccessibleName(self.tr("Open {name}").format(name=attachment.name))
        self.open_button.clicked.connect(lambda: self.open_requested.emit(self.attachment))
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.setObjectName("saveAttachment")
        self.save_button.setAccessibleName(self.tr("Save {name} as…").format(name=attachment.name))
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.attachment))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.save_button)

    def show_preview(self, data: bytes | None) -> None:
        """The image's preview, once fetched (nothing when there is none)."""
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.preview.setPixmap(
                pixmap.scaled(
                    PREVIEW,
                    PREVIEW,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )


class AttachmentBar(QWidget):
    """The files of the message picked in the conversation.

    Signals:
        opened(str): a file was handed to the system to open (its path).
        saved(str): a file was saved where the user chose (its path).
    """

    opened = Signal(str)
    saved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentBar")
        self._service: Attachments | None = None
        self._message_id: str | None = None
        self.rows: list[AttachmentRow] = []
        self.title = QLabel()
        self.title.setObjectName("attachmentTitle")
        self.problem = QLabel()
        self.problem.setObjectName("attachmentProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addLayout(self._rows_layout)
        layout.addWidget(self.problem)
        self.hide()

    def set_service(self, service: Attachments) -> None:
        """Where files are fetched from and kept."""
        self._service = service

    @property
    def message_id(self) -> str | None:
        """The message whose files are shown."""
        return self._message_id

    def show_files(self, message_id: str | None, attachments: Sequence[AttachmentView]) -> None:
        """Show a message's files (none: the bar hides); previews are fetched after."""
        same = message_id == self._message_id and [r.attachment for r in self.rows] == list(
            attachments
        )
        if same:
            return
        self._message_id = message_id
        for row in self.rows:
            self._rows_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        self.problem.hide()
        for attachment in attachments:
            row = AttachmentRow(attachment, self)
            row.open_requested.connect(self.open_file)
            row.save_requested.connect(self.save_file)
            self._rows_layout.addWidget(row)
            self.rows.append(row)
            if attachment.is_image:
                self._fetch_preview(row)
        self.title.setText(self.tr("Files of the selected message (%n)", "", len(attachments)))
        self.setVisible(bool(attachments))

    def open_file(self, attachment: AttachmentView) -> None:
        """Fetch the file if need be, then open it with the system's application."""
        service = self._service
        if service is None:
            return
        self.problem.hide()
        run_in_background(self, lambda: service.fetch(attachment), self._opened, self._failed)

    def save_file(self, attachment: AttachmentView) -> None:
        """Ask where, then copy the file there (fetched first if need be)."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save attachment"), attachment.name
        )
        if not chosen:
            return
        service = self._service
        if service is None:
            return
        self.problem.hide()
        run_in_background(
            self,
            lambda: service.save_as(attachment, Path(chosen)),
            lambda path: self.saved.emit(str(path)),
            self._failed,
        )

    def _opened(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.opened.emit(str(path))

    def _failed(self, error: Exception) -> None:
        self.problem.setText(error_text(error))
        self.problem.show()

    def _fetch_preview(self, row: AttachmentRow) -> None:
        service = self._service
        if service is None:
            return
        attachment = row.attachment
        run_in_background(
            self,
            lambda: service.thumbnail(attachment),
            lambda data: self._previewed(row, data),
            lambda _error: None,  # no preview is not worth a word: the name is there
        )

    def _previewed(self, row: AttachmentRow, data: bytes | None) -> None:
        if row in self.rows:  # not a row of a message shown before
            row.show_preview(data)
