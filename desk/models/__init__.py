"""The client's local cache: a SQLite mirror of the change feed, plus local-only tables.

It imports no Qt, UI, server or HTTP code, so the sync worker and tests use it headless.

Importing a submodule costs only that submodule and what it imports, so
`desk.models.snapshot` can paint the first inbox page without SQLAlchemy. Asking
the package itself for a table class (`from desk.models import Thread`) imports
every ORM module, which registers every cache table on `CacheBase.metadata`, as
importing the package always did.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desk.models.base import CacheBase, Synced
    from desk.models.kiosk import AttendanceEvent, KioskDevice, KioskMessage
    from desk.models.local import (
        Draft,
        MetaKey,
        Outbox,
        OutboxState,
        PersonIndex,
        SyncMeta,
        Tombstone,
    )
    from desk.models.messaging import (
        Attachment,
        Delivery,
        Message,
        Participant,
        Receipt,
        Template,
        Thread,
    )
    from desk.models.people import (
        AuthorizedPickup,
        Centre,
        ChannelStatus,
        Device,
        Family,
        Guardian,
        Room,
        Staff,
        StaffGroup,
        StaffGroupMember,
        StaffRoom,
        Student,
    )
    from desk.models.programs import Enrollment, Program
    from desk.models.records import AuditEvent, BackgroundTaskError

_MODULE_OF = {
    "Attachment": "messaging",
    "AttendanceEvent": "kiosk",
    "AuditEvent": "records",
    "AuthorizedPickup": "people",
    "BackgroundTaskError": "records",
    "CacheBase": "base",
    "Centre": "people",
    "ChannelStatus": "people",
    "Delivery": "messaging",
    "Device": "people",
    "Draft": "local",
    "Enrollment": "programs",
    "Family": "people",
    "Guardian": "people",
    "KioskDevice": "kiosk",
    "KioskMessage": "kiosk",
    "Message": "messaging",
    "MetaKey": "local",
    "Outbox": "local",
    "OutboxState": "local",
    "Participant": "messaging",
    "PersonIndex": "local",
    "Program": "programs",
    "Receipt": "messaging",
    "Room": "people",
    "Staff": "people",
    "StaffGroup": "people",
    "StaffGroupMember": "people",
    "StaffRoom": "people",
    "Student": "people",
    "SyncMeta": "local",
    "Synced": "base",
    "Template": "messaging",
    "Thread": "messaging",
    "Tombstone": "local",
}
"""Which submodule declares each name the package offers."""

__all__ = [
    "Attachment",
    "AttendanceEvent",
    "AuditEvent",
    "AuthorizedPickup",
    "BackgroundTaskError",
    "CacheBase",
    "Centre",
    "ChannelStatus",
    "Delivery",
    "Device",
    "Draft",
    "Enrollment",
    "Family",
    "Guardian",
    "KioskDevice",
    "KioskMessage",
    "Message",
    "MetaKey",
    "Outbox",
    "OutboxState",
    "Participant",
    "PersonIndex",
    "Program",
    "Receipt",
    "Room",
    "Staff",
    "StaffGroup",
    "StaffGroupMember",
    "StaffRoom",
    "Student",
    "SyncMeta",
    "Synced",
    "Template",
    "Thread",
    "Tombstone",
]


def __getattr__(name: str) -> Any:
    """A table class or base, after importing every ORM module (PEP 562)."""
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    for module in sorted(set(_MODULE_OF.values())):
        importlib.import_module(f"{__name__}.{module}")
    value = getattr(importlib.import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
    globals()[name] = value
    return value
