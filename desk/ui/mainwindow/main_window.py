"""The office main window: navigation with counters, the inbox, and the hosted pages.

It is built in steps so it can appear at once (DESIGN.md §6: a Qt window shows
in ~0.15 s, importing SQLAlchemy and opening the cache costs 0.3-0.5 s more).
`MainWindow()` needs only Qt and shows the frame: navigation, menus, status bar.
`show_snapshot(snapshot)` paints the first inbox page and the counters from the
cache file read with plain `sqlite3` (`desk.models.snapshot`). `attach(cache,
engine)` then imports the cache-facing parts, and the same list and counters
carry on reading through them. Everything is read from the local cache, so the
window works the same online or offline; the sync engine refreshes the cache and
the window re-reads when it says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk.i18n.errors import error_text
from desk.ui.mainwindow.navigation import (
    MESSAGING,
    NavigationModel,
    NavigationView,
    Place,
    Section,
    icon,
)
from desk.ui.mainwindow.status_bar import SyncStatus
from desk.ui.mainwindow.tray import UnreadTray, badged_icon
from desk.ui.settings import APPEARANCE, INBOX_SPLITTER, WINDOW_GEOMETRY, Settings
from desk.ui.shared.theme import SCHEMES, apply_theme, wants_dark

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desk.core.audience import Pick
    from desk.core.permissions import Capability
    from desk.core.status import Counters
    from desk.models.cache import Cache
    from desk.models.snapshot import Snapshot
    from desk.services.conversations import Conversations
    from desk.services.everything import Found
    from desk.sync.engine import SyncEngine
    from desk.sync.outbox import Queued
    from desk.sync.state import SyncState
    from desk.ui.inbox.inbox import InboxPage
    from desk.ui.inbox.thread_list import ThreadSource
    from desk.ui.records.records import FamiliesView, StaffView


SIDEBAR_WIDEST = 256
SIDEBAR_NARROWEST = 248


def sidebar_width(window_width: int) -> int:
    """The navigation's width for a window `window_width` pixels wide.

    A fifth of the window between its narrowest and widest: at 1100 pixels a fixed
    256-pixel sidebar left the conversation about 220 (issue 15 item 6), so the
    sidebar gives way too, but only down to what still shows "Classroom Chat" and two
    badges unelided (216 cut it to "Classroo…" at 1024); the inbox's columns
    (`desk.ui.inbox.columns`) do the real giving way.
    """
    return max(SIDEBAR_NARROWEST, min(SIDEBAR_WIDEST, window_width // 5))


class Sidebar(QWidget):
    """The navigation column, as wide as `sidebar_width` allows for its window.

    Its minimum is the narrowest width, so the window's own minimum never depends on
    how wide the window happened to be.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(SIDEBAR_NARROWEST)
        self.setMaximumWidth(SIDEBAR_WIDEST)

    def sizeHint(self) -> QSize:
        """As wide as `sidebar_width` of the window it is in."""
        return QSize(sidebar_width(self.window().width()), super().sizeHint().height())


class CounterSource(Protocol):
    """Reads the badge numbers: the snapshot at start-up, then the service."""

    def counters(self, kind: str | None = None) -> Counters:
        """The red and grey badge numbers for a channel, or every channel (None)."""


class MainWindow(QMainWindow):
    """Navigation on the left, the chosen page on the right, sync state below.

    Signals:
        closed(): the user closed the window.
        place_changed(str): the user went to another place (a `Place` value).
        sign_out_requested(): File > Sign out: this person leaves the shared PC.
        switch_user_requested(): File > Switch user: someone else signs in; this
            person's cache and outbox wait for them.
    """

    closed = Signal()
    place_changed = Signal(str)
    sign_out_requested = Signal()
    switch_user_requested = Signal()

    def __init__(
        self,
        centre_name: str = "",
        settings: Settings | QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings if isinstance(settings, Settings) else Settings(settings, self)
        self._centre_name = centre_name
        self._unread = 0
        self._cache: Cache | None = None
        self._engine: SyncEngine | None = None
        self._admin = False
        self.service: Conversations | None = None
        self.inbox: InboxPage | None = None
        self._snapshot: Snapshot | None = None
        self._counts: CounterSource | None = None
        self._pages: dict[Place, QWidget] = {}
        self._stale: set[Place] = set()
        self.place: Place | None = None
        self._auto_place = False
        self._sync_task: object | None = None  # the F5 sync under way, kept referenced
        self.new_message_dialog: QDialog | None = None
        self.push_dialog: QDialog | None = None
        self.templates_dialog: QDialog | None = None
        self.enroll_dialog: QDialog | None = None
        self.kiosks_dialog: QDialog | None = None
        self.pin_dialog: QDialog | None = None
        self.shortcuts_dialog: QDialog | None = None
        self.everything_dialog: QDialog | None = None

        self.nav_model = NavigationModel(self)
        self.navigation = NavigationView(self.nav_model)
        self.navigation.selectionModel().currentChanged.connect(
            lambda current, _previous: self._nav_changed(current.row())
        )
        self.new_message_button = QPushButton(icon("new"), self.tr("New Message"))
        self.new_message_button.setObjectName("newMessageButton")
        self.new_message_button.setToolTip(self.tr("New Message (Ctrl+N)"))
        self.new_message_button.setEnabled(False)
        self.new_message_button.clicked.connect(self.new_message)
        brand = QLabel(self.tr("Front Desk"))
        brand.setObjectName("brand")
        self.centre_label = QLabel(centre_name)
        self.centre_label.setObjectName("centreName")
        self.centre_label.setWordWrap(True)
        sidebar = Sidebar()
        sidebar.setObjectName("sidebarFooter")
        self.sidebar = sidebar
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        side.addWidget(brand)
        side.addWidget(self.centre_label)
        side.addWidget(self.new_message_button)
        side.addWidget(self.navigation, 1)

        self.stack = QStackedWidget()
        self.loading = QLabel(self.tr("Opening your conversations…"))
        self.loading.setObjectName("emptyHint")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status = SyncStatus(self.statusBar())
        self.tray: UnreadTray | None = None  # made in attach(): rendering icons costs start-up
        self._build_actions()
        self._update_title()
        self._restore_geometry()

    # -- construction --------------------------------------------------------------

    def _action(
        self, text: str, keys: QKeySequence | QKeySequence.StandardKey | str | None, slot: object
    ) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work wherever focus is
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_message_action = self._action(
            self.tr("&New Message…"), QKeySequence.StandardKey.New, self.new_message
        )
        self.new_message_action.setEnabled(False)
        self.sync_action = self._action(
            self.tr("&Sync now"), QKeySequence.StandardKey.Refresh, self.sync_now
        )
        self.switch_user_action = self._action(
            self.tr("S&witch user…"), None, self.switch_user_requested.emit
        )
        self.sign_out_action = self._action(
            self.tr("Sign &out"), None, self.sign_out_requested.emit
        )
        quit_action = self._action(self.tr("&Quit"), "Ctrl+Q", self.close)
        for action in (self.new_message_action, self.sync_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.switch_user_action)
        file_menu.addAction(self.sign_out_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        go_menu = bar.addMenu(self.tr("&Go"))
        labels = self._place_labels()
        self.go_actions: dict[Place, QAction] = {}
        for n, place in enumerate(Place, start=1):
            action = self._action(labels[place], f"Ctrl+{n}", lambda _=False, p=place: self.go(p))
            action.setEnabled(False)
            go_menu.addAction(action)
            self.go_actions[place] = action
        go_menu.addSeparator()
        self.next_action = self._action(
            self.tr("Next conversation"), "Alt+Down", lambda: self._move(1)
        )
        self.previous_action = self._action(
            self.tr("Previous conversation"), "Alt+Up", lambda: self._move(-1)
        )
        go_menu.addAction(self.next_action)
        go_menu.addAction(self.previous_action)

        view_menu = bar.addMenu(self.tr("&View"))
        self.find_action = self._action(
            self.tr("&Search conversations"), QKeySequence.StandardKey.Find, self.focus_search
        )
        view_menu.addAction(self.find_action)
        self.everything_action = self._action(
            self.tr("Search &everything…"), "Ctrl+K", self.search_everything
        )
        self.everything_action.setEnabled(False)
        view_menu.addAction(self.everything_action)
        view_menu.addMenu(self._appearance_menu())
        view_menu.addSeparator()
        self.filter_actions: dict[str | None, QAction] = {}
        for n, (status, label) in enumerate(
            (
                (None, self.tr("Show all")),
                ("unread", self.tr("Show unread")),
                ("open", self.tr("Show open")),
                ("closed", self.tr("Show closed")),
            ),
            start=1,
        ):
            action = self._action(label, f"Alt+{n}", lambda _=False, s=status: self.filter(s))
            view_menu.addAction(action)
            self.filter_actions[status] = action

        tools = bar.addMenu(self.tr("&Tools"))
        self.tools_menu = tools
        self.push_action = self._action(
            self.tr("&Push notification…"), "Ctrl+Shift+P", self.push_notification
        )
        self.templates_action = self._action(
            self.tr("&Templates…"), "Ctrl+Shift+T", self.edit_templates
        )
        self.enroll_action = self._action(self.tr("&Enroll a kiosk…"), None, self.enroll_kiosk)
        self.kiosks_action = self._action(self.tr("&Kiosks…"), None, self.show_kiosks)
        for action in (
            self.push_action,
            self.templates_action,
            self.enroll_action,
            self.kiosks_action,
        ):
            action.setEnabled(False)  # until the user's permissions are read
            action.setVisible(False)
            tools.addAction(action)
        tools.menuAction().setVisible(False)

        conversation = bar.addMenu(self.tr("&Conversation"))
        self.reply_action = self._action(self.tr("&Reply"), "Ctrl+R", self.focus_reply)
        self.close_action = self._action(
            self.tr("&Close conversation"), "Ctrl+Shift+C", self._close_thread
        )
        self.reopen_action = self._action(
            self.tr("Re&open conversation"), "Ctrl+Shift+O", self._reopen_thread
        )
        self.retry_action = self._action(
            self.tr("Re&try failed message"), "Ctrl+Shift+R", self._retry
        )
        for action in (self.reply_action, self.close_action, self.reopen_action, self.retry_action):
            conversation.addAction(action)

        help_menu = bar.addMenu(self.tr("&Help"))
        self.shortcuts_action = self._action(
            self.tr("&Keyboard shortcuts"), "F1", self.show_shortcuts
        )
        help_menu.addAction(self.shortcuts_action)

    def _appearance_menu(self) -> QMenu:
        """View > Appearance: follow the system's colour scheme, or hold light or dark."""
        menu = QMenu(self.tr("&Appearance"), self)
        group = QActionGroup(self)
        chosen = self.settings.get(APPEARANCE)
        self.appearance_actions: dict[str, QAction] = {}
        for scheme, label in zip(
            SCHEMES,
            (self.tr("Follow the &system"), self.tr("&Light"), self.tr("&Dark")),
            strict=True,
        ):
            action = QAction(label, self, checkable=True)
            action.setChecked(scheme == chosen)
            action.triggered.connect(lambda _=False, s=scheme: self.set_appearance(s))
            group.addAction(action)
            menu.addAction(action)
            self.appearance_actions[scheme] = action
        return menu

    def set_appearance(self, scheme: str) -> None:
        """Remember the appearance choice and colour the whole app by it now."""
        self.settings.set(APPEARANCE, scheme)
        self.appearance_actions[scheme].setChecked(True)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, dark=wants_dark(scheme))

    def _place_labels(self) -> dict[Place, str]:
        return {
            Place.OFFICE: self.tr("Office Chat"),
            Place.CLASSROOM: self.tr("Classroom Chat"),
            Place.SMS: self.tr("Messenger Center"),
            Place.FAMILIES: self.tr("Families"),
            Place.STAFF: self.tr("Staff"),
            Place.KIOSK: self.tr("Kiosk messages"),
            Place.AUDIT: self.tr("Audit log"),
            Place.TASKS: self.tr("Background tasks"),
            Place.SETTINGS: self.tr("Settings"),
        }

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Paint the navigation, counters and first inbox page from `snapshot`.

        The light half of start-up: no SQLAlchemy, no services. `attach` takes over
        the same list model and counters later, and closes the snapshot.
        """
        from desk.core.permissions import parse_capabilities

        self._snapshot = snapshot
        self._counts = snapshot
        self._make_inbox(snapshot)
        self._show_places(parse_capabilities(snapshot.capabilities()))
        self._refresh_counters()

    def forget_snapshot(self) -> None:
        """Take the snapshot's inbox off screen again (the user must sign in first)."""
        if self._snapshot is None or self.inbox is None:
            return
        self._snapshot.close()
        self._snapshot = self._counts = None
        self.stack.setCurrentWidget(self.loading)
        self.stack.removeWidget(self.inbox)
        self.inbox.deleteLater()
        self.inbox = None
        self.place = None
        self.nav_model.set_sections([])
        self._unread = 0
        self._update_title()

    def attach(self, cache: Cache, engine: SyncEngine | None = None) -> None:
        """Fill the window from `cache` (the heavy half of start-up), then `follow(engine)`.

        The engine may come later: the inbox paints from the cache alone, and the sync
        engine (with the HTTP client behind it) is imported after that.
        """
        from desk.services.attachments import Attachments
        from desk.services.conversations import Conversations
        from desk.services.templates import composer_templates
        from desk.sync.local_changes import LocalChanges

        self._cache = cache
        # Whatever screen or service queued a change, the badges count it.
        LocalChanges(cache, self).changed.connect(self._refresh_counters)
        self.tray = UnreadTray(self)
        self.service = Conversations(cache)
        self._counts = self.service
        inbox = self.inbox or self._make_inbox(self.service)
        inbox.attach(self.service)
        inbox.thread_view.composer.set_templates(lambda channel: composer_templates(cache, channel))
        # Files are fetched over the engine's connection, once there is one.
        engine_connection = lambda: self._engine.connection if self._engine else None  # noqa: E731
        inbox.thread_view.set_attachments(Attachments(cache, engine_connection))
        if self._snapshot is not None:
            self._snapshot.close()
            self._snapshot = None
        self.new_message_button.setEnabled(True)
        self.new_message_action.setEnabled(True)
        self.everything_action.setEnabled(True)
        self._apply_permissions()
        self._refresh_counters()
        if self.place is not None and self.place not in MESSAGING:
            self.go(self.place)  # chosen while the cache was loading: show it now
        if engine is not None:
            self.follow(engine)

    def _make_inbox(self, source: ThreadSource) -> InboxPage:
        """The inbox page, reading threads from `source` until it is attached."""
        from desk.ui.inbox.inbox import InboxPage

        self.inbox = InboxPage(source, ())
        self.inbox.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.stack.addWidget(self.inbox)
        state = self.settings.get(INBOX_SPLITTER)
        if not state.isEmpty():
            self.inbox.restore_state(state)
        return self.inbox

    def follow(self, engine: SyncEngine) -> None:
        """Show `engine`'s state and re-read the cache whenever it changes it."""
        self._engine = engine
        engine.state_changed.connect(self._show_state)
        engine.data_changed.connect(self.refresh)
        engine.outbox_changed.connect(self.status.show_outbox)
        engine.rejected.connect(self._show_rejected)
        self._show_state(engine.state)

    def _apply_permissions(self) -> None:
        """List the places the user may go (seed 000/001); again when they change.

        Read from the user's cached staff record, so a fresh cache knows them only
        after its first sync, and a change of permissions arrives like any data.
        """
        assert self.service is not None
        self._show_places(self.service.capabilities())

    def _show_places(self, held: frozenset[Capability]) -> None:
        """Navigation, Go menu and Tools for a user holding `held`."""
        from desk.core.permissions import (
            Tool,
            allowed_tools,
            may_reset_kiosk_pins,
            visible_pages,
        )

        assert self.inbox is not None
        places = list(visible_pages(held))
        # The server checks each tool's permission again.
        allowed = allowed_tools(held)
        tools = {
            self.push_action: Tool.PUSH in allowed,
            self.templates_action: Tool.TEMPLATES in allowed,
            self.enroll_action: Tool.ENROLL_KIOSK in allowed,
            self.kiosks_action: Tool.KIOSKS in allowed,
        }
        self._admin = may_reset_kiosk_pins(held)
        families = self._pages.get(Place.FAMILIES)
        if families is not None:
            cast("FamiliesView", families).allow_pin_resets(self._admin)
        for action, on in tools.items():
            action.setEnabled(on)
            action.setVisible(on)
        self.tools_menu.menuAction().setVisible(any(tools.values()))
        if places == self.nav_model.places:
            return
        current = self.place
        labels = self._place_labels()
        self.nav_model.set_sections([Section(p, labels[p]) for p in places])
        for place, action in self.go_actions.items():
            action.setEnabled(place in places)
            action.setVisible(place in places)
        self.inbox.set_visible_kinds(
            tuple(kind for place in places if place in MESSAGING for kind in self._kinds(place))
        )
        if current in places and not self._auto_place:
            self.go(current)
        else:  # the first place the user may see, until they choose one themselves
            self._auto_place = True
            self.go(Place.OFFICE if Place.OFFICE in places else Place.CLASSROOM)
            self._auto_place = True

    # -- properties ----------------------------------------------------------------

    @property
    def engine(self) -> SyncEngine:
        """The engine keeping this window's cache in step."""
        assert self._engine is not None, "attach() first"
        return self._engine

    @property
    def unread(self) -> int:
        """The unread total shown in the title and tray."""
        return self._unread

    def page(self, place: Place) -> QWidget | None:
        """The page of `place`, if it has been opened."""
        if place in MESSAGING:
            return self.inbox
        return self._pages.get(place)

    # -- navigation ----------------------------------------------------------------

    def go(self, place: Place) -> None:
        """Show `place` (when the user may go there)."""
        row = self.nav_model.row_of(place)
        if row < 0:
            return
        if self.navigation.currentIndex().row() != row:
            self.navigation.setCurrentIndex(self.nav_model.index(row))
        else:
            self._nav_changed(row)

    def _nav_changed(self, row: int) -> None:
        if row < 0 or self.inbox is None:
            return
        place = self.nav_model.section(row).place
        self.place = place
        self._auto_place = False
        if place in MESSAGING:
            self.inbox.show_kinds(self._kinds(place))
            self.stack.setCurrentWidget(self.inbox)
        elif self._cache is None:  # still loading; attach() comes back here
            self.stack.setCurrentWidget(self.loading)
        else:
            page = self._pages.get(place)
            if page is None:
                page = self._make_page(place)
                self._pages[place] = page
                self.stack.addWidget(page)
            elif place in self._stale:
                page.refresh()  # type: ignore[attr-defined]
            self._stale.discard(place)
            self.stack.setCurrentWidget(page)
        self._update_viewing()
        self.place_changed.emit(place.value)

    def _kinds(self, place: Place) -> tuple[str, ...]:
        if place is Place.CLASSROOM:
            return ("classroom", "group")
        return (place.value,)

    def _make_page(self, place: Place) -> QWidget:
        """The hosted page of a non-messaging place, made on first visit (`PAGES`)."""
        from desk.ui.mainwindow.pages import PAGES, PageHost

        assert self._cache is not None
        host = PageHost(
            self._cache, self.open_thread, self.new_kiosk_pin, self.message_record, self._admin
        )
        return PAGES[place](host)

    def _place_of(self, kind: str) -> Place | None:
        """The messaging place that lists threads of `kind`."""
        return next((p for p in MESSAGING if kind in self._kinds(p)), None)

    # -- actions -------------------------------------------------------------------

    def open_thread(self, thread_id: str) -> None:
        """Go to the inbox page of `thread_id`'s channel and open it there.

        For links from elsewhere (a record's Communication tab, the audit log). A
        status filter that would hide the thread is lifted, so it shows selected.
        """
        if self.service is None or self.inbox is None:
            return
        thread = self.service.thread(thread_id)
        place = None if thread is None else self._place_of(thread.kind)
        if thread is None or place is None:
            self.statusBar().showMessage(
                self.tr("That conversation is not on this workstation yet."), 8000
            )
            return
        if place not in self.nav_model.places:
            self.statusBar().showMessage(self.tr("You may not open that conversation."), 8000)
            return
        self.go(place)
        if self.inbox.model.filter.status not in (None, thread.status):
            self.filter(None)
        self.inbox.open_thread(thread_id)

    def new_message(self) -> None:
        """Open the New Message dialog (Ctrl+N), on the channel of the section shown.

        Once sent, the status bar says what was queued.
        """
        self._open_new_message(())

    def message_record(self, pick: Pick) -> None:
        """Open New Message with one family or staff member already picked.

        A record's "Message this family / person" button (issue 15 item 6). A record
        that cannot be messaged (a staff member no longer active) gets a word in the
        status bar instead of a dialog with a nameless chip.
        """
        self._open_new_message((pick,))

    def _open_new_message(self, picks: Sequence[Pick]) -> None:
        if self._cache is None:
            return
        from desk.core.kinds import ThreadKind
        from desk.ui.compose.new_message import NewMessageDialog

        opened_from = {Place.OFFICE: ThreadKind.OFFICE, Place.CLASSROOM: ThreadKind.CLASSROOM}
        channel = opened_from.get(self.place) if self.place is not None else None
        dialog = NewMessageDialog(self._cache, self, channel=channel)
        try:
            dialog.add_picks(picks)
        except ValueError:
            dialog.deleteLater()
            self.statusBar().showMessage(
                self.tr("That record cannot be messaged from this workstation."), 8000
            )
            return
        dialog.sent.connect(lambda text: self.statusBar().showMessage(text, 15000))
        dialog.finished.connect(dialog.deleteLater)
        self.new_message_dialog = dialog
        dialog.open()

    def push_notification(self) -> None:
        """Open the push notification dialog (Ctrl+Shift+P; Mass Text only)."""
        if self._cache is None or not self.push_action.isEnabled():
            return
        from desk.ui.compose.push_dialog import PushDialog

        dialog = PushDialog(self._cache, self)
        dialog.queued.connect(
            lambda _queued: self.statusBar().showMessage(
                self.tr("Push notification queued: it goes out by itself when online"), 15000
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        self.push_dialog = dialog
        dialog.open()

    def enroll_kiosk(self) -> None:
        """Show a one-time code for enrolling a kiosk (administrators only)."""
        if self._engine is None or not self.enroll_action.isEnabled():
            return
        from desk.ui.admin.kiosk_admin import EnrollKioskDialog

        dialog = EnrollKioskDialog(self._engine.connection, self)
        dialog.finished.connect(dialog.deleteLater)
        self.enroll_dialog = dialog
        dialog.open()

    def show_kiosks(self) -> None:
        """The enrolled kiosks, with Revoke (administrators only)."""
        if self._engine is None or not self.kiosks_action.isEnabled():
            return
        from desk.ui.admin.kiosk_devices import KiosksDialog

        dialog = KiosksDialog(self._engine.connection, self)
        dialog.finished.connect(dialog.deleteLater)
        self.kiosks_dialog = dialog
        dialog.open()

    def new_kiosk_pin(self, guardian_id: str, name: str, send_by: str = "screen") -> None:
        """Give a guardian or pickup a new kiosk PIN, shown once or sent (administrators).

        `send_by` is a `PinDelivery` value the family record's question chose.
        """
        if self._engine is None or not self._admin:
            return
        from desk.core.pin_delivery import PinDelivery
        from desk.ui.admin.kiosk_admin import ResetKioskPinDialog

        dialog = ResetKioskPinDialog(
            self._engine.connection, guardian_id, name, self, PinDelivery(send_by)
        )
        dialog.finished.connect(dialog.deleteLater)
        self.pin_dialog = dialog
        dialog.open()

    def edit_templates(self) -> None:
        """Open the template editor in a dialog (Ctrl+Shift+T; administrators only)."""
        if self._cache is None or not self.templates_action.isEnabled():
            return
        from desk.ui.compose.templates_editor import TemplateEditor

        dialog = QDialog(self)
        dialog.setObjectName("templatesDialog")
        dialog.setWindowTitle(self.tr("Templates"))
        editor = TemplateEditor(self._cache, dialog)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(editor, 1)
        layout.addWidget(buttons)
        dialog.resize(960, 620)
        dialog.finished.connect(dialog.deleteLater)
        self.templates_dialog = dialog
        dialog.open()

    def sync_now(self) -> None:
        """Send what is queued and pull what is new now (F5)."""
        if self._engine is None:
            return
        import asyncio  # not at start-up: it costs more than showing the window

        self._sync_task = asyncio.ensure_future(self._engine.sync_once())

    def focus_search(self) -> None:
        """Go to the conversation search (Ctrl+F)."""
        if self.inbox is None:
            return
        if self.place not in MESSAGING:
            self.go(self.nav_model.places[0])
        self.inbox.thread_list.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.inbox.thread_list.search.selectAll()

    def search_everything(self) -> None:
        """Open Search everything (Ctrl+K): conversations, families and staff at once."""
        if self._cache is None or self.service is None:
            return
        from desk.services.everything import search_everything
        from desk.ui.mainwindow.search_everything import SearchEverythingDialog

        cache, kinds = self._cache, self.service.visible_kinds()
        places = self.nav_model.places
        people = frozenset(
            ({"family", "guardian", "student"} if Place.FAMILIES in places else set())
            | ({"staff"} if Place.STAFF in places else set())
        )
        dialog = SearchEverythingDialog(
            lambda query: search_everything(cache, query, kinds, people), self
        )
        dialog.chosen.connect(self.open_found)
        dialog.finished.connect(dialog.deleteLater)
        self.everything_dialog = dialog
        dialog.open()

    def open_found(self, found: Found) -> None:
        """Show a Search everything result in its own page.

        A conversation opens in its inbox; a family, guardian or student opens the
        family's record, and a staff member theirs, with the page's list searched
        for the name so the record sits beside a list that holds it.
        """
        from desk.ui.inbox.marked_text import plain

        if found.kind == "conversation":
            self.open_thread(found.id)
            return
        place = Place.STAFF if found.kind == "staff" else Place.FAMILIES
        self.go(place)
        page = self._pages.get(place) if self.place is place else None
        if page is None:
            return
        if place is Place.STAFF:
            cast("StaffView", page).reveal(found.id, plain(found.title))
        elif found.family_id is not None:
            cast("FamiliesView", page).reveal(found.family_id, plain(found.title))

    def focus_reply(self) -> None:
        """Put the cursor in the reply box (Ctrl+R)."""
        if self.inbox is not None and self.place in MESSAGING:
            self.inbox.thread_view.composer.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def filter(self, status: str | None) -> None:
        """Show only threads in `status` (Alt+1..4)."""
        if self.inbox is not None:
            self.inbox.thread_list.set_status(status)

    def show_shortcuts(self) -> None:
        """Help > Keyboard shortcuts (F1)."""
        from desk.ui.mainwindow.shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog(self.menuBar(), self)
        dialog.finished.connect(dialog.deleteLater)
        self.shortcuts_dialog = dialog
        dialog.open()

    def _move(self, step: int) -> None:
        if self.inbox is not None and self.place in MESSAGING:
            self.inbox.thread_list.move_current(step)

    def _close_thread(self) -> None:
        if self.inbox is not None and self.place in MESSAGING:
            self.inbox.thread_view.close_thread()

    def _reopen_thread(self) -> None:
        if self.inbox is not None and self.place in MESSAGING:
            self.inbox.thread_view.reopen_thread()

    def _retry(self) -> None:
        if self.inbox is not None and self.place in MESSAGING:
            self.inbox.thread_view.retry_first_failure()

    # -- following the cache and the engine ----------------------------------------

    def refresh(self) -> None:
        """Re-read counters and every page from the cache (after a sync)."""
        if self.inbox is None:
            return
        self._apply_permissions()
        self._refresh_counters()
        self.inbox.refresh()
        for place, page in self._pages.items():
            if place == self.place:
                page.refresh()  # type: ignore[attr-defined]
            else:
                self._stale.add(place)

    def _refresh_counters(self) -> None:
        if self._counts is None:
            return
        total = 0
        for place in self.nav_model.places:
            if place not in MESSAGING:
                continue
            unread = open_ = 0
            for kind in self._kinds(place):
                counters = self._counts.counters(kind)
                unread += counters.unread_messages
                open_ += counters.open_conversations
            self.nav_model.set_counters(place, unread, open_)
            total += unread
        self._unread = total
        if self.tray is not None:
            self.tray.show_unread(total)
        self.setWindowIcon(badged_icon(total))
        self._update_title()

    def _update_title(self) -> None:
        title = self.tr("Front Desk")
        if self._centre_name:
            title = f"{title} — {self._centre_name}"
        if self._unread:
            title = f"({self._unread}) {title}"
        self.setWindowTitle(title)

    def _show_state(self, state: SyncState) -> None:
        self.status.show_state(state)
        if self.inbox is not None:
            self.inbox.thread_view.set_offline(state.phase.value in ("offline", "error"))

    def _show_rejected(self, commands: list[object]) -> None:
        refused = cast("list[Queued]", commands)  # the engine's `rejected` signal carries these
        reasons = "; ".join(error_text(queued.refusal) for queued in refused)
        self.statusBar().showMessage(self.tr("Not sent: {reasons}").format(reasons=reasons))
        if self.inbox is not None:
            self.inbox.thread_view.refresh()

    def _update_viewing(self) -> None:
        if getattr(self, "inbox", None) is not None:  # Qt calls changeEvent during __init__
            assert self.inbox is not None
            on_screen = self.isVisible() and not self.isMinimized()
            self.inbox.thread_view.set_being_viewed(on_screen and self.place in MESSAGING)

    # -- settings ------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.get(WINDOW_GEOMETRY)
        if not geometry.isEmpty() and self.restoreGeometry(geometry):
            return
        self.resize(1280, 800)

    def save_settings(self) -> None:
        """Remember the window's geometry and the inbox splitter."""
        self.settings.set(WINDOW_GEOMETRY, self.saveGeometry())
        if self.inbox is not None:
            self.settings.set(INBOX_SPLITTER, self.inbox.save_state())
        self.settings.sync()

    # -- Qt overrides --------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The sidebar gives way on a narrow window (`sidebar_width`)."""
        super().resizeEvent(event)
        self.sidebar.updateGeometry()

    def showEvent(self, event: QShowEvent) -> None:
        """Once shown, the open thread counts as viewed."""
        super().showEvent(event)
        self._update_viewing()

    def changeEvent(self, event: QEvent) -> None:
        """Minimising or restoring decides whether the open thread counts as viewed."""
        super().changeEvent(event)
        self._update_viewing()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Keep the geometry, the splitter and the reply being typed, then say `closed`."""
        self.save_settings()
        if self.inbox is not None:
            self.inbox.thread_view.composer.save_draft_now()
        super().closeEvent(event)
        self.closed.emit()
