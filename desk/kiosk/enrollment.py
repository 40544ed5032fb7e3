"""First run: an admin types the server address and a one-time enrollment code.

The code comes from the office app (or `POST /api/v1/kiosk/enrollment-codes`); the
server trades it for a device token that reaches kiosk endpoints only. Until then
there is nothing to protect, so this screen, unlike the kiosk, can be quit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk import resources
from desk.models.cache import Cache
from desk.services.background import run_in_background
from desk.services.kiosk_device import Connection, Enrollment, enroll
from desk.services.server_check import ServerCheckFailed, normalise_address
from desk.sync.errors import Offline, SyncError, Unauthorized

BOX_WIDTH = 640
"""The form's width: room for a long server address in the kiosk's large type."""


class EnrollmentScreen(QWidget):
    """Server address, enrollment code and a name for this kiosk.

    Signals:
        enrolled(object, object): the `Enrollment` and its `Connection`.
        attempt_finished(bool): an attempt succeeded (True) or failed.
        quit_requested(): the admin gave up setting the kiosk up.
    """

    enrolled = Signal(object, object)
    attempt_finished = Signal(bool)
    quit_requested = Signal()

    def __init__(self, cache: Cache, server_url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache = cache
        self.setObjectName("enrollmentScreen")
        self.setWindowTitle(self.tr("Set up the Front Desk kiosk"))
        self.setStyleSheet(resources.read_text("styles/kiosk.qss"))
        title = QLabel(self.tr("Set up this kiosk"))
        title.setObjectName("prompt")
        explain = QLabel(
            self.tr(
                "An admin issues a one-time enrollment code in the office app. "
                "Type it here with the server's address."
            )
        )
        explain.setWordWrap(True)
        self.server = QLineEdit(server_url)
        self.server.setObjectName("server")
        self.server.setPlaceholderText(self.tr("https://frontdesk.example.org"))
        self.server.textChanged.connect(self._show_target)
        self.target = QLabel()
        self.target.setObjectName("hint")
        self.target.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.name = QLineEdit(self.tr("Front door"))
        self.name.setObjectName("kioskName")
        self.error = QLabel()
        self.error.setObjectName("pinMessage")
        self.error.setWordWrap(True)
        self.enroll_button = QPushButton(self.tr("Enroll this kiosk"))
        self.enroll_button.setObjectName("primary")
        self.enroll_button.clicked.connect(self.submit)
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.clicked.connect(self.quit_requested)
        # Each label above its field: the kiosk's large type leaves no room beside.
        form = QVBoxLayout()
        form.setSpacing(6)
        for text, field in (
            (self.tr("&Server"), self.server),
            (self.tr("Enrollment &code"), self.code),
            (self.tr("Kiosk &name"), self.name),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addWidget(label)
            form.addWidget(field)
            form.addSpacing(10)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.enroll_button)
        box = QWidget()
        box.setFixedWidth(BOX_WIDTH)
        self._box = box
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(explain)
        inner.addLayout(form)
        inner.addWidget(self.target)
        inner.addWidget(self.error)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self._show_target(server_url)
        box.installEventFilter(self)

    def fit(self) -> None:
        """Give the form the height its polished contents need at its width.

        The window's layout kept a height for the form measured before the kiosk
        style's large type applied, squeezing the 54 px fields to 36 px and cutting
        their text top and bottom (issue 15 item 5, seen under a real X server).
        Measured again whenever the form's layout changes (style, a longer message).
        """
        layout = self._box.layout()
        assert layout is not None
        self._box.setFixedHeight(layout.totalHeightForWidth(BOX_WIDTH))

    def _show_target(self, text: str) -> None:
        """Say which server the kiosk will use, as it will be called (https added)."""
        if not text.strip():
            self.target.setText(self.tr("Type the address the office app shows."))
            return
        try:
            url = normalise_address(text)
        except ServerCheckFailed:
            self.target.setText(
                self.tr("Type the server's web address, for example https://frontdesk.example.org.")
            )
            return
        self.target.setText(self.tr("This kiosk will use the server at {url}.").format(url=url))

    def submit(self) -> None:
        """Enroll with what was typed, off the GUI thread; the screen says why it failed."""
        server, code, name = (
            self.server.text().strip(),
            self.code.text().strip(),
            self.name.text().strip(),
        )
        if not (server and code and name):
            self.error.setText(self.tr("Fill in the server, the code and a name for this kiosk."))
            return
        try:
            server = normalise_address(server)
        except ServerCheckFailed:
            self.error.setText(
                self.tr("Type the server's web address, for example https://frontdesk.example.org.")
            )
            return
        self.enroll_button.setEnabled(False)
        self.error.setText(self.tr("Enrolling…"))
        run_in_background(lambda: enroll(self._cache, server, code, name), self._done, self._failed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Refit the form when its layout asks to be redone."""
        if watched is self._box and event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return False

    def _done(self, result: tuple[Enrollment, Connection]) -> None:
        self.error.setText("")
        self.attempt_finished.emit(True)
        self.enrolled.emit(*result)

    def _failed(self, error: Exception) -> None:
        self.enroll_button.setEnabled(True)
        self.error.setText(self._reason(error))
        self.attempt_finished.emit(False)

    def _reason(self, error: Exception) -> str:
        """What went wrong, starting with a capital and saying what to do."""
        if isinstance(error, Unauthorized):
            return self.tr(
                "That enrollment code is unknown, used or expired. Ask an admin for a new"
                " code (Tools ▸ Enroll a kiosk… in the office app)."
            )
        if isinstance(error, Offline):
            return self.tr(
                "The kiosk cannot reach {server}. Check the address and the network, then"
                " try again."
            ).format(server=self.server.text().strip())
        if isinstance(error, SyncError):
            return self.tr("Enrolling failed: {reason}. Try again.").format(reason=error)
        return self.tr(
            "Enrolling failed unexpectedly ({reason}). Try again, and tell your administrator"
            " if it keeps happening."
        ).format(reason=type(error).__name__)
