"""The client's local cache: a SQLite mirror of the change feed, plus local-only tables.

Importing this package registers every cache table on `CacheBase.metadata`. It
imports no Qt, UI, server or HTTP code, so the sync worker and tests use it headless.
"""

from desk.models.base import CacheBase, Synced
from desk.models.kiosk import AttendanceEvent, KioskDevice, KioskMessage
from desk.models.local import Draft, MetaKey, Outbox, OutboxState, PersonIndex, SyncMeta, Tombstone
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
