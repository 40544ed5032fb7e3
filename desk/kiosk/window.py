"""The kiosk window: full screen, frameless, one visit at a time, no way out but an admin.

A visit goes PIN → the guardian's queued messages, one by one in entry order, each
acknowledged → their children with a Sign in / Sign out toggle each → a
confirmation → back to the PIN screen. A timeout without a touch returns to the PIN
screen from anywhere, so a parent who walks away leaves nothing on show.

Escape, Alt+F4 and window-close requests are refused. A long press in the top-left
corner asks for an admin PIN, and only that opens the settings page or exits.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from enum import StrEnum

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from desk import resources
from desk.core.kinds import AttendanceKind
from desk.core.pins import MAX_WRONG_PINS
from desk.i18n.language import Languages, locale_for
from desk.kiosk.admin_screens import AdminPinScreen, SettingsScreen
from desk.kiosk.keypad import Keypad
from desk.kiosk.pin_screen import PinScreen
from desk.kiosk.visit_screens import ChildrenScreen, DoneScreen, MessageScreen
from desk.models.cache import StorageError
from desk.services.background import run_in_background
from desk.services.kiosk import ADMIN_LOCK, Child, KioskDesk, KioskNote, Person
from desk.sync.engine import SyncEngine
from desk.sync.state import Phase, SyncState

LONG_PRESS_MS = 3000
"""How long the hidden corner must be held before the admin PIN is asked for."""
CORNER_SIZE = 96
_USER_INPUT = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
    }
)


class Screen(StrEnum):
    """The kiosk's screens, by name (what `screen_changed` reports)."""

    PIN = "pin"
    MESSAGE = "message"
    CHILDREN = "children"
    DONE = "done"
    ADMIN = "admin"
    SETTINGS = "settings"


class AdminCorner(QWidget):
    """An invisible patch in the top-left corner; holding it asks for the admin PIN.

    Signals:
        held(): pressed for `LONG_PRESS_MS` without letting go.
    """

    held = Signal()

    def __init__(self, parent: QWidget, long_press_ms: int) -> None:
        super().__init__(parent)
        self.setObjectName("adminCorner")
        self.setFixedSize(CORNER_SIZE, CORNER_SIZE)
        self._timer = QTimer(self, singleShot=True, interval=long_press_ms)
        self._timer.timeout.connect(self.held)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Start timing the hold; `held` fires unless the finger lifts first."""
        self._timer.start()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Letting go before `LONG_PRESS_MS` cancels the hold."""
        self._timer.stop()
        event.accept()


class KioskWindow(QWidget):
    """The whole kiosk in one window.

    Args:
        desk: the kiosk's use cases over its cache.
        engine: the sync engine, for the online/offline line; None to run without.
        idle_seconds: the idle timeout; by default the one kept in the kiosk settings.
        long_press_ms: how long the admin corner must be held.
        languages: the app's translators, switched to a guardian's language for their
            visit and back after it; None keeps one language throughout.

    Signals:
        screen_changed(str): a `Screen` name, each time another screen shows.
        idle_returned(): the idle timeout brought the kiosk back to the PIN screen.
        admin_checked(bool): an admin PIN was checked: right (True) or wrong.
        exit_requested(): an admin chose Exit.
        unenroll_requested(): an admin chose to sign this device out.
    """

    screen_changed = Signal(str)
    idle_returned = Signal()
    admin_checked = Signal(bool)
    exit_requested = Signal()
    unenroll_requested = Signal()

    def __init__(
        self,
        desk: KioskDesk,
        engine: SyncEngine | None = None,
        *,
        idle_seconds: float | None = None,
        long_press_ms: int = LONG_PRESS_MS,
        languages: Languages | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kioskWindow")
        self.setWindowTitle(self.tr("Front Desk kiosk"))
        self.setWindowFlags(
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setStyleSheet(resources.read_text("styles/kiosk.qss"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._desk = desk
        self._engine = engine
        self._languages = languages
        self._may_close = False
        self._person: Person | None = None
        self._notes: list[KioskNote] = []
        self._note_index = 0
        self._shown_at = datetime.now(UTC)

        self.pin_screen = PinScreen()
        self.message_screen = MessageScreen()
        self.children_screen = ChildrenScreen()
        self.done_screen = DoneScreen()
        self.admin_screen = AdminPinScreen()
        self.settings_screen = SettingsScreen()
        self._screens = {
            Screen.PIN: self.pin_screen,
            Screen.MESSAGE: self.message_screen,
            Screen.CHILDREN: self.children_screen,
            Screen.DONE: self.done_screen,
            Screen.ADMIN: self.admin_screen,
            Screen.SETTINGS: self.settings_screen,
        }
        self.stack = QStackedWidget()
        for screen in self._screens.values():
            self.stack.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.corner = AdminCorner(self, long_press_ms)
        self.corner.held.connect(self._ask_admin)

        self.pin_screen.keypad.submitted.connect(self._pin_entered)
        self.message_screen.acknowledged.connect(self._acknowledge)
        self.children_screen.confirmed.connect(self._record)
        self.done_screen.finished.connect(self.back_to_pin)
        self.admin_screen.keypad.submitted.connect(self._admin_pin_entered)
        self.admin_screen.cancelled.connect(self.back_to_pin)
        self.settings_screen.idle_changed.connect(self._set_idle)
        self.settings_screen.exit_requested.connect(self.exit_requested)
        self.settings_screen.unenroll_requested.connect(self.unenroll_requested)
        self.settings_screen.back.connect(self.back_to_pin)

        seconds = desk.idle_seconds() if idle_seconds is None else idle_seconds
        self._idle = QTimer(self, singleShot=True, interval=int(seconds * 1000))
        self._idle.timeout.connect(self._idle_timeout)
        self._lock_ticker = QTimer(self, interval=1000)
        self._lock_ticker.timeout.connect(self.refresh_lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # any touch anywhere counts as activity
        if engine is not None:
            engine.state_changed.connect(self._show_sync)
            engine.data_changed.connect(self.refresh_centre)
            self._show_sync(engine.state)
        self.refresh_centre()
        self.refresh_lock()
        self._idle.start()

    # -- public ------------------------------------------------------------------------

    @property
    def current(self) -> Screen:
        """The screen on show."""
        widget = self.stack.currentWidget()
        return next(name for name, screen in self._screens.items() if screen is widget)

    @property
    def engine(self) -> SyncEngine | None:
        """The engine keeping this kiosk's cache in step, if any."""
        return self._engine

    @property
    def desk(self) -> KioskDesk:
        """The kiosk's use cases."""
        return self._desk

    @property
    def idle_interval_ms(self) -> int:
        """The idle timeout in force, in milliseconds."""
        return self._idle.interval()

    def refresh_centre(self) -> None:
        """Show the centre's name (known after the first sync)."""
        self.pin_screen.centre.setText(self._desk.centre_name())

    def refresh_lock(self) -> None:
        """Lock or unlock the keypad from the lockout kept in the cache."""
        locked = self._desk.locked_for()
        self.pin_screen.show_locked(locked)
        if locked > 0 and not self._lock_ticker.isActive():
            self._lock_ticker.start()
        elif locked <= 0:
            self._lock_ticker.stop()

    def back_to_pin(self) -> None:
        """End the visit (or the admin's session) and wait for the next PIN."""
        self._person, self._notes = None, []
        if self._languages is not None:
            self._languages.use_default()
        self.pin_screen.reset()
        self.admin_screen.keypad.clear()
        self.admin_screen.checking(False)
        self.refresh_lock()
        self._show(Screen.PIN)

    def allow_close(self) -> None:
        """Let the window close: only after an admin chose to exit."""
        self._may_close = True

    # -- a visit -----------------------------------------------------------------------

    def _pin_entered(self, pin: str) -> None:
        result = self._desk.enter_pin(pin)
        if result.person is not None:
            self._start_visit(result.person)
        elif result.locked_for > 0:
            self.refresh_lock()
        elif not result.malformed:
            self.pin_screen.show_wrong(max(0, MAX_WRONG_PINS - result.failures))

    def _start_visit(self, person: Person) -> None:
        self._person = person
        # A language the kiosk has no translation for: the kiosk's own, not English
        # words with that language's dates.
        languages = self._languages
        if (
            languages is not None
            and person.language
            and not languages.use(locale_for(person.language))
        ):
            languages.use_default()
        self._notes = self._desk.messages_for(person)
        self._note_index = 0
        self.pin_screen.reset()
        if self._notes:
            self._show_note()
        else:
            self._show_children()

    def _show_note(self) -> None:
        assert self._person is not None
        note = self._notes[self._note_index]
        self.message_screen.show_note(
            self._person.first_name, note, self._note_index + 1, len(self._notes)
        )
        self._shown_at = datetime.now(UTC)
        self._show(Screen.MESSAGE)

    def _acknowledge(self) -> None:
        if self._person is None or self._note_index >= len(self._notes):
            return
        # Not recorded on a full disk: the message shows again at the next visit.
        with contextlib.suppress(StorageError):
            self._desk.acknowledge(self._notes[self._note_index], self._shown_at)
        self._note_index += 1
        if self._note_index < len(self._notes):
            self._show_note()
        else:
            self._show_children()

    def _show_children(self) -> None:
        assert self._person is not None
        children = self._desk.children_for(self._person)
        self.children_screen.show_children(self._person.first_name, children)
        self._show(Screen.CHILDREN)

    def _record(self, chosen: list[Child]) -> None:
        if self._person is None:
            return
        at = QLocale().toString(QTime.currentTime(), QLocale.FormatType.ShortFormat)
        lines = []
        for child in chosen:
            try:
                self._desk.sign(self._person, child, child.next_action)
            except StorageError:
                # The parent must not leave believing it was recorded.
                lines.append(
                    self.tr(
                        "{name} could not be signed {way}: this kiosk's storage is full."
                        " Please tell the office."
                    ).format(
                        name=child.first_name,
                        way=self.tr("in")
                        if child.next_action is AttendanceKind.SIGN_IN
                        else self.tr("out"),
                    )
                )
                continue
            line = (
                self.tr("{name} signed in at {time}")
                if child.next_action is AttendanceKind.SIGN_IN
                else self.tr("{name} signed out at {time}")
            )
            lines.append(line.format(name=child.first_name, time=at))
        self.done_screen.show_summary(self._person.first_name, lines)
        self._show(Screen.DONE)

    # -- admin -------------------------------------------------------------------------

    def _ask_admin(self) -> None:
        self._person, self._notes = None, []
        self.admin_screen.keypad.clear()
        self.admin_screen.checking(False)
        self._show(Screen.ADMIN)

    def _admin_pin_entered(self, pin: str) -> None:
        self.admin_screen.checking(True)
        run_in_background(
            lambda: self._desk.verify_admin_pin(pin), self._admin_checked, self._admin_failed
        )

    def _admin_checked(self, valid: bool) -> None:
        if self.current is not Screen.ADMIN:
            return  # the idle timeout ended the attempt meanwhile
        if not valid:
            self.admin_screen.refuse(self._desk.locked_for(ADMIN_LOCK))
        else:
            self.admin_screen.checking(False)
            waiting = self._desk.waiting()
            self.settings_screen.show_settings(self._idle.interval() // 1000, waiting)
            self._show(Screen.SETTINGS)
        self.admin_checked.emit(valid)

    def _admin_failed(self, _error: Exception) -> None:
        self._admin_checked(False)

    def _set_idle(self, seconds: int) -> None:
        kept = self._desk.set_idle_seconds(seconds)
        self._idle.setInterval(kept * 1000)
        self._idle.start()

    # -- helpers -----------------------------------------------------------------------

    def _show(self, screen: Screen) -> None:
        self.stack.setCurrentWidget(self._screens[screen])
        self.corner.raise_()
        self._idle.start()
        self.screen_changed.emit(screen.value)

    def _idle_timeout(self) -> None:
        if self.current is Screen.PIN and self.pin_screen.keypad.entered == 0:
            self._idle.start()
            return
        self.back_to_pin()
        self.idle_returned.emit()

    def _active_keypad(self) -> Keypad | None:
        return {
            Screen.PIN: self.pin_screen.keypad,
            Screen.ADMIN: self.admin_screen.keypad,
        }.get(self.current)

    def _show_sync(self, state: SyncState) -> None:
        text = {
            Phase.ONLINE: self.tr("● Connected"),
            Phase.SYNCING: self.tr("↻ Updating…"),
            Phase.OFFLINE: self.tr("○ Offline: sign-ins are kept and sent later"),
            Phase.SIGNED_OUT: self.tr("⚠ This kiosk is no longer enrolled: ask the office"),
            Phase.ERROR: self.tr("⚠ Sync problem: sign-ins are kept and sent later"),
            Phase.IDLE: "",
        }[state.phase]
        self.pin_screen.status.setText(text)

    # -- Qt overrides ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Restart the idle timer on any input anywhere in the kiosk; never consume it."""
        if event.type() in _USER_INPUT:
            self._idle.start()
        return False

    def event(self, event: QEvent) -> bool:
        """Take every shortcut override, so no application shortcut fires on a kiosk."""
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # no application shortcut fires on a kiosk
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Type digits into the keypad on screen; swallow every other key."""
        keypad = self._active_keypad()
        text = event.text()
        no_modifier = not (
            event.modifiers()
            & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier)
        )
        if keypad is not None and no_modifier and len(text) == 1 and text.isdigit():
            keypad.press(text)
        elif keypad is not None and event.key() == Qt.Key.Key_Backspace:
            keypad.delete()
        event.accept()  # Escape, Alt+F4 and the rest end here

    def closeEvent(self, event: QCloseEvent) -> None:
        """Refuse to close until an admin chose to exit (`allow_close`)."""
        if self._may_close:
            event.accept()
        else:
            event.ignore()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the admin corner in the top-left corner, above the screens."""
        super().resizeEvent(event)
        self.corner.move(0, 0)
        self.corner.raise_()
