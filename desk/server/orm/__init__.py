"""Typed SQLAlchemy 2.0 models of the server database (PostgreSQL or SQLite).

Importing this package registers every table on `Base.metadata`, which Alembic and
the change feed both read.
"""

from desk.server.orm.base import Base, Synced
from desk.server.orm.family import AttachmentLink, FamilyCode, FamilySession, WebPushKey
from desk.server.orm.jobs import Job
from desk.server.orm.kiosk import AttendanceEvent, KioskDevice, KioskMessage
from desk.server.orm.messaging import (
    Attachment,
    Blob,
    Delivery,
    Message,
    Participant,
    Receipt,
    SmsUsage,
    Template,
    Thread,
)
from desk.server.orm.people import (
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
from desk.server.orm.programs import Enrollment, Program
from desk.server.orm.records import AuditEvent, BackgroundTaskError
from desk.server.orm.sync import (
    ApiToken,
    CommandLog,
    EnrollmentCode,
    LoginAttempt,
    SyncClient,
    SyncState,
)

__all__ = [
    "ApiToken",
    "Attachment",
    "AttachmentLink",
    "AttendanceEvent",
    "AuditEvent",
    "AuthorizedPickup",
    "BackgroundTaskError",
    "Base",
    "Blob",
    "Centre",
    "ChannelStatus",
    "CommandLog",
    "Delivery",
    "Device",
    "Enrollment",
    "EnrollmentCode",
    "Family",
    "FamilyCode",
    "FamilySession",
    "Guardian",
    "Job",
    "KioskDevice",
    "KioskMessage",
    "LoginAttempt",
    "Message",
    "Participant",
    "Program",
    "Receipt",
    "Room",
    "SmsUsage",
    "Staff",
    "StaffGroup",
    "StaffGroupMember",
    "StaffRoom",
    "Student",
    "SyncClient",
    "SyncState",
    "Synced",
    "Template",
    "Thread",
    "WebPushKey",
]
