"""The office app's own settings, each declared once with its type, default and place.

Like the server's settings (`desk.server.config`), every client setting is written
down here once: its key, type, default, what it is for and where the user sees it,
instead of raw `QSettings` keys spread over the modules that read them. Code reads
and writes them through `Settings`, which converts what `QSettings` hands back (a
string from an INI file, a byte array from the registry) to the declared type and
announces each change with `changed(key)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

T = TypeVar("T", str, QByteArray)


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One client setting.

    Attributes:
        key: the `QSettings` key ("group/name"); never change it, or users lose it.
        type: what the value is (`str` or `QByteArray` so far).
        default: what a fresh profile has.
        description: what it is for, for the next maintainer.
        shown: where the user sees or changes it; "" for state the app only remembers.
    """

    key: str
    type: type[T]
    default: T
    description: str
    shown: str = ""


SERVER_URL = Setting(
    "account/server",
    str,
    "",
    "The server the office last signed in to; the sign-in dialog starts from it.",
    shown="sign-in dialog (Server)",
)
USERNAME = Setting(
    "account/username",
    str,
    "",
    "Who last signed in; also whether the profile's cached inbox may be painted at "
    "start-up, before the sign-in is checked.",
    shown="sign-in dialog (Username)",
)
STARTS_AS = Setting(
    "app/startsAs",
    str,
    "",
    'What `desk` opens on this computer: "" until the first-run window was answered,'
    ' "office" once someone connected to a centre, "kiosk" once the computer was'
    " enrolled as a kiosk (every later start then runs the kiosk, not the office).",
    shown="first-run window",
)
LANGUAGE = Setting(
    "general/language",
    str,
    "",
    'The language the office app is shown in ("es", "en_US"); "" follows the '
    "workstation's locale, which also sets how dates and times read. Read at start-up.",
    shown="settings file only (general/language)",
)
WINDOW_GEOMETRY = Setting(
    "mainWindow/geometry",
    QByteArray,
    QByteArray(),
    "The main window's size and place (`QWidget.saveGeometry`), restored at start-up.",
)
INBOX_SPLITTER = Setting(
    "inbox/splitter",
    QByteArray,
    QByteArray(),
    "The inbox's list and details widths and whether the details pane shows "
    "(`InboxPage.save_state`), restored at start-up.",
)

APPEARANCE = Setting(
    "appearance/scheme",
    str,
    "system",
    "Light or dark colours: 'system' follows the operating system's colour scheme "
    "(`QStyleHints.colorScheme`) as it changes, 'light' and 'dark' hold one.",
    shown="View > Appearance",
)

ALL: tuple[Setting[Any], ...] = (
    SERVER_URL,
    USERNAME,
    STARTS_AS,
    LANGUAGE,
    WINDOW_GEOMETRY,
    INBOX_SPLITTER,
    APPEARANCE,
)


class Settings(QObject):
    """Typed access to the declared settings over one `QSettings` store.

    Pass it in (constructors take it; there is no global instance), so a test gives
    the app a temporary INI file.

    Signals:
        changed(str): the key of a setting whose value `set` changed.
    """

    changed = Signal(str)

    def __init__(self, store: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store if store is not None else QSettings()

    @property
    def store(self) -> QSettings:
        """The `QSettings` underneath."""
        return self._store

    def get(self, setting: Setting[T]) -> T:
        """The stored value, or the default when it is missing or of another type."""
        value = self._store.value(setting.key)
        if isinstance(value, setting.type):
            return value
        return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        """Store `value`; announce it when it differs from what was stored."""
        if not isinstance(value, setting.type):
            raise TypeError(f"{setting.key} takes {setting.type.__name__}, not {value!r}")
        if self._store.value(setting.key) == value:
            return
        self._store.setValue(setting.key, value)
        self.changed.emit(setting.key)

    def sync(self) -> None:
        """Write pending changes to disk now (before the process may end)."""
        self._store.sync()
