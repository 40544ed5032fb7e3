"""Files attached to a message being written: Attach button, drop, paste, and chips.

The reply box and New Message both use it. Each file is checked by the server's own
rules as it is added (`desk.services.attachments`), so a file the server would
refuse is refused at once, with its reason, and nothing is queued with it. The
chips list what is attached, each with a remove button.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMimeData, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QPlainTextEdit, QPushButton, QWidget

from desk.i18n.errors import error_text
from desk.ui.compose.chips import ChipRow, ChipSpec

if TYPE_CHECKING:
    from desk.services.attachments import Attachments, PickedFile


def size_text(size: int) -> str:
    """A file size as the user's locale writes it ("2.4 MB")."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


class AttachedFiles(QWidget):
    """The files attached so far, as chips, and the ways to attach more.

    Signals:
        changed(): a file was attached or removed.
        refused(str): a file could not be attached; the reason, in the user's language.
    """

    changed = Signal()
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service: Attachments | None = None
        self._files: list[PickedFile] = []
        self.attach_button = QPushButton(self.tr("Attach…"))
        self.attach_button.setObjectName("attachButton")
        self.attach_button.setAccessibleName(self.tr("Attach files"))
        self.attach_button.setToolTip(
            self.tr("Attach files (or drop them on the message, or paste them)")
        )
        self.attach_button.clicked.connect(self.choose)
        self.attach_button.setEnabled(False)
        self.chips = ChipRow(self)
        self.chips.setObjectName("attachmentChips")
        self.chips.setAccessibleName(self.tr("Attached files"))
        self.chips.remove_requested.connect(self._remove)
        self.chips.hide()

    @property
    def files(self) -> list[PickedFile]:
        """What is attached, in the order it was added."""
        return list(self._files)

    def set_service(self, service: Attachments) -> None:
        """Where files are checked and kept (once the cache is open)."""
        self._service = service
        self.attach_button.setEnabled(self.isEnabled())

    def set_allowed(self, allowed: bool) -> None:
        """Whether files may be attached now (the composer is read-only otherwise)."""
        self.attach_button.setEnabled(allowed and self._service is not None)

    def choose(self) -> None:
        """Ask for files with the system's file dialog and attach them."""
        paths, _filter = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        self.add_paths(Path(p) for p in paths)

    def add_paths(self, paths: Iterable[Path]) -> bool:
        """Attach files by path; answers whether all were attached (else `refused`)."""
        return self._add(partial(_pick_path, path) for path in paths)

    def add_data(self, name: str, data: bytes) -> bool:
        """Attach pasted bytes under `name`; answers whether it was attached."""
        return self._add([partial(_pick_data, name, data)])

    def take(self, source: QMimeData) -> bool:
        """Attach what a drop or a paste carries, if it carries files or an image."""
        if source.hasUrls() and any(url.isLocalFile() for url in source.urls()):
            return self.add_paths(Path(u.toLocalFile()) for u in source.urls() if u.isLocalFile())
        if source.hasImage():
            image = source.imageData()
            if isinstance(image, QImage) and not image.isNull():
                return self.add_data(_pasted_name(), _png(image))
        return False

    @staticmethod
    def carries_files(source: QMimeData) -> bool:
        """Whether a drop or paste brings files or an image rather than text."""
        has_files = source.hasUrls() and any(url.isLocalFile() for url in source.urls())
        return has_files or source.hasImage()

    def clear(self) -> None:
        """Forget what is attached (the message went, or another thread is shown)."""
        if self._files:
            self._files = []
            self._show()

    def _add(self, picks: Iterable[Pick]) -> bool:
        """Attach what each of `picks` checks and keeps; stop at the first refusal."""
        if self._service is None or not self.attach_button.isEnabled():
            return False
        added = False
        try:
            for pick in picks:
                picked = pick(self._service, self._files)
                if all(f.sha256 != picked.sha256 for f in self._files):
                    self._files.append(picked)
                    added = True
        except ValueError as refusal:  # AttachmentRefused and unreadable files
            self.refused.emit(error_text(refusal))
            return False
        except OSError as error:  # the cache's folder cannot be written
            self.refused.emit(
                self.tr("The file could not be kept for sending: {reason}").format(
                    reason=error.strerror or str(error)
                )
            )
            return False
        finally:
            if added:
                self._show()
        return True

    def _remove(self, key: object) -> None:
        self._files = [f for f in self._files if f.sha256 != key]
        self._show()

    def _show(self) -> None:
        specs = [
            ChipSpec(
                f.sha256,
                f"{f.name} · {size_text(f.size)}",
                self.tr("{name}, {size}").format(name=f.name, size=size_text(f.size)),
            )
            for f in self._files
        ]
        self.chips.set_chips(specs, len(specs))
        self.changed.emit()


Pick = Callable[["Attachments", Sequence["PickedFile"]], "PickedFile"]
"""Checks and keeps one file, given the service and the files attached before it."""


def _pick_path(path: Path, service: Attachments, already: Sequence[PickedFile]) -> PickedFile:
    return service.pick(path, already)


def _pick_data(
    name: str, data: bytes, service: Attachments, already: Sequence[PickedFile]
) -> PickedFile:
    return service.pick_bytes(name, data, already)


def _pasted_name() -> str:
    """A name for a pasted image: the moment it was pasted, which sorts and tells apart."""
    return datetime.now(UTC).astimezone().strftime("pasted-%Y%m%d-%H%M%S.png")


def _png(image: QImage) -> bytes:
    """The image as PNG bytes."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # The stubs say bytes, the binding takes only str.
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(buffer.data().data())


class AttachingEditor(QPlainTextEdit):
    """A text box that attaches the files and images dropped or pasted into it.

    Text is still pasted as text; only files and images go to `files`.
    """

    def __init__(self, files: AttachedFiles, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._files = files

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        """Files and images may be dropped or pasted, as well as text."""
        return AttachedFiles.carries_files(source) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Attach files and images; insert anything else as text."""
        if AttachedFiles.carries_files(source):
            self._files.take(source)
            return
        super().insertFromMimeData(source)
