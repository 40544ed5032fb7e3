"""The hosted pages of the non-messaging places, one factory per place.

The window looks a place up here on its first visit instead of walking an if-chain.
Each factory imports its page when first called (start-up stays light), makes it,
and connects what the page offers to what the window provides through `PageHost`,
so a page never needs to know about the window, the inbox or the sync engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desk.ui.mainwindow.navigation import Place

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desk.core.audience import Pick
    from desk.models.cache import Cache


@dataclass(frozen=True)
class PageHost:
    """What the window offers the pages it hosts.

    Attributes:
        cache: the cache the pages read and write.
        open_thread: show a conversation in the inbox (by thread id).
        new_kiosk_pin: ask the server for a guardian's new kiosk PIN (id, name, and
            how it reaches them: a `PinDelivery` value).
        message: open New Message with this family or staff member picked.
        may_reset_pins: whether the user may ask for new kiosk PINs (administrators).
    """

    cache: Cache
    open_thread: Callable[[str], None]
    new_kiosk_pin: Callable[[str, str, str], None]
    message: Callable[[Pick], None]
    may_reset_pins: bool


def _families(host: PageHost) -> QWidget:
    from desk.ui.records.records import FamiliesView

    families = FamiliesView(host.cache)
    families.open_thread.connect(host.open_thread)
    families.new_kiosk_pin.connect(host.new_kiosk_pin)
    families.message.connect(host.message)
    families.allow_pin_resets(host.may_reset_pins)
    return families


def _staff(host: PageHost) -> QWidget:
    from desk.ui.records.records import StaffView

    staff = StaffView(host.cache)
    staff.open_thread.connect(host.open_thread)
    staff.message.connect(host.message)
    return staff


def _kiosk(host: PageHost) -> QWidget:
    from desk.ui.admin.kiosk_messages import KioskMessagesView

    return KioskMessagesView(host.cache)


def _audit(host: PageHost) -> QWidget:
    from desk.ui.admin.audit_log import AuditLogView

    audit = AuditLogView(host.cache)
    audit.open_thread.connect(host.open_thread)
    return audit


def _tasks(host: PageHost) -> QWidget:
    from desk.ui.admin.background_tasks import BackgroundTasksView

    return BackgroundTasksView(host.cache)


def _settings(host: PageHost) -> QWidget:
    from desk.ui.admin.centre_settings import CentreSettingsView

    return CentreSettingsView(host.cache)


PAGES: dict[Place, Callable[[PageHost], QWidget]] = {
    Place.FAMILIES: _families,
    Place.STAFF: _staff,
    Place.KIOSK: _kiosk,
    Place.AUDIT: _audit,
    Place.TASKS: _tasks,
    Place.SETTINGS: _settings,
}
"""The factory of each non-messaging place (the messaging places share the inbox)."""
