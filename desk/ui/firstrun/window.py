"""The window a computer shows the first time Front Desk starts on it.

Nothing is set up yet, so the office app cannot know whether this computer belongs
to someone at a centre, to someone trying Front Desk out, or at the door as the
sign-in kiosk. It asks, with three choices, and says which one was taken; what to
run next (the office, the demo backend, the kiosk) is the launcher's job
(`desk.launch`), so this window needs neither the server nor the kiosk.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk.ui.firstrun.connect_page import ConnectPage, title_label

MINIMUM_WIDTH = 560
MINIMUM_HEIGHT = 520
CONTENT_WIDTH = 760
"""Past this the lines get too long to read; a wider window centres the content."""


class FirstRunWindow(QWidget):
    """Three choices, and the connect page behind the first one.

    Signals:
        connected(object, object): signed in to a centre (`Account`, `Connection`).
        demo_chosen(): "Try the demo".
        kiosk_chosen(): "Set up this computer as a kiosk".
        closed(): the window was closed without a choice.
    """

    connected = Signal(object, object)
    demo_chosen = Signal()
    kiosk_chosen = Signal()
    closed = Signal()

    def __init__(self, server_url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWindow")
        self.setWindowTitle(self.tr("Welcome to Front Desk"))
        self.setMinimumSize(MINIMUM_WIDTH, MINIMUM_HEIGHT)
        self._chosen = False
        self.choices = QWidget()
        self.choices.setObjectName("firstRunChoices")
        title = title_label(self.tr("Welcome to Front Desk"))
        intro = QLabel(self.tr("How will this computer be used?"))
        intro.setWordWrap(True)
        self.connect_button = self._choice(
            "connectChoice",
            self.tr("Connect to your centre"),
            self.tr(
                "Sign in to your centre's server with the account your administrator gave you."
            ),
        )
        self.demo_button = self._choice(
            "demoChoice",
            self.tr("Try the demo"),
            self.tr("Explore a made-up centre on this computer. Nothing is sent to anyone."),
        )
        self.kiosk_button = self._choice(
            "kioskChoice",
            self.tr("Set up this computer as a kiosk"),
            self.tr(
                "For the tablet or PC at the door where parents sign children in and out."
                " You need an enrollment code from an administrator."
            ),
        )
        column = QVBoxLayout(self.choices)
        column.addWidget(title)
        column.addWidget(intro)
        for button in (self.connect_button, self.demo_button, self.kiosk_button):
            column.addWidget(button)
        column.addStretch(1)

        self.connect_page = ConnectPage(server_url)
        self.connect_page.back_requested.connect(self.show_choices)
        self.connect_page.connected.connect(self._connected)
        self.connect_button.clicked.connect(self.show_connect)
        self.demo_button.clicked.connect(lambda: self._choose(self.demo_chosen))
        self.kiosk_button.clicked.connect(lambda: self._choose(self.kiosk_chosen))

        self.stack = QStackedWidget()
        # Never narrower than the longest choice: a button does not wrap its text.
        self.stack.setMaximumWidth(max(CONTENT_WIDTH, self.choices.minimumSizeHint().width()))
        self.stack.addWidget(self.choices)
        self.stack.addWidget(self.connect_page)
        layout = QHBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.stack, 100)  # up to its maximum width; the stretches centre it
        layout.addStretch(1)

    def _choice(self, name: str, text: str, detail: str) -> QPushButton:
        """A large button whose second line says what the choice is for."""
        button = QPushButton(f"{text}\n{detail}")
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setAccessibleDescription(detail)
        button.setToolTip(detail)
        return button

    def show_choices(self) -> None:
        """Back to the three choices."""
        self.stack.setCurrentWidget(self.choices)

    def show_connect(self) -> None:
        """The connect page, focus in the address."""
        self.stack.setCurrentWidget(self.connect_page)
        self.connect_page.server.setFocus()

    def _connected(self, account: object, connection: object) -> None:
        self._chosen = True
        self.connected.emit(account, connection)

    def _choose(self, signal: SignalInstance) -> None:
        self._chosen = True
        signal.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing before choosing ends the app; after a choice the launcher closes it."""
        super().closeEvent(event)
        if not self._chosen:
            self.closed.emit()
