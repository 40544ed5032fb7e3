"""The closed vocabularies of the domain.

They are `StrEnum`s so that the value stored in a database column or sent over the
wire is the readable word itself, and a typo fails loudly at the boundary.
"""

from __future__ import annotations

from enum import StrEnum


class ThreadKind(StrEnum):
    """What sort of conversation a thread is (seeds 000, 001, 004)."""

    OFFICE = "office"  # Office Chat: parent <-> admins with full messaging access
    CLASSROOM = "classroom"  # Classroom Chat: parent <-> the staff of the child's room
    SMS = "sms"  # Messenger Center: two-way SMS with one phone number
    GROUP = "group"  # group conversation of up to 15 participants


class ThreadStatus(StrEnum):
    """Where a conversation stands for the office (seed 001)."""

    UNREAD = "unread"
    OPEN = "open"
    CLOSED = "closed"


class Channel(StrEnum):
    """A way of reaching a person (seed 004)."""

    SMS = "sms"
    EMAIL = "email"
    APP = "app"


class Direction(StrEnum):
    """Whether a message came from the centre or to it."""

    OUTBOUND = "out"
    INBOUND = "in"


class MessageState(StrEnum):
    """Lifecycle of one message as the office sees it.

    `DELIVERED` is only ever set from a provider's receipt: showing a failed SMS as
    delivered is the complaint users of other systems make most.
    """

    DRAFT = "draft"
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    FAILED = "failed"


class PersonKind(StrEnum):
    """Who a participant, author or recipient is."""

    GUARDIAN = "guardian"
    STAFF = "staff"
    STUDENT = "student"


class GuardianKind(StrEnum):
    """A family contact: a guardian, or an authorized pickup such as a grandparent."""

    GUARDIAN = "guardian"
    PICKUP = "pickup"


class StaffRole(StrEnum):
    """The job a staff member does; capabilities default from it."""

    ADMIN = "admin"
    OFFICE = "office"
    TEACHER = "teacher"


class ProgramKind(StrEnum):
    """A class runs through a term; a camp runs for dates (seed 003)."""

    CLASS = "class"
    CAMP = "camp"


class EnrollmentType(StrEnum):
    """Enrollment types; classes and camps pages reach only ACTIVE ones (seed 003)."""

    ACTIVE = "ACTIVE"
    WAITLIST = "WAITLIST"
    TRIAL = "TRIAL"
    MAKEUP = "MAKEUP"
    DROPPED = "DROPPED"


class AttendanceKind(StrEnum):
    """A kiosk or office sign-in / sign-out event."""

    SIGN_IN = "sign_in"
    SIGN_OUT = "sign_out"


class AuditAction(StrEnum):
    """Every action the audit log records (seed 001 and our own)."""

    SEND = "send"
    OPEN = "open"
    CLOSE = "close"
    REOPEN = "reopen"
    MARKED_UNREAD_BY_NUMBER = "unread_by_number"
    STOP = "stop"
    RENAME = "rename"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    KIOSK_ENROLLED = "kiosk_enrolled"
    KIOSK_LOCKOUT = "kiosk_lockout"
    KIOSK_PIN_RESET = "kiosk_pin_reset"
    KIOSK_REVOKED = "kiosk_revoked"
    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    CREATE_CONVERSATION = "create_conversation"
    ADD_PARTICIPANT = "add_participant"
    REMOVE_PARTICIPANT = "remove_participant"
    MUTE = "mute"
    UNMUTE = "unmute"
    ARCHIVE = "archive"
    UNARCHIVE = "unarchive"
    REPLY_REFUSED = "reply_refused"  # a reply to a stopped conversation (seed 004)
    EMAIL_REFUSED = "email_refused"  # an emailed reply refused: sender, stopped, left
    PREFERENCES = "preferences"  # preferred channel or language changed
    RESET_FALLBACK = "reset_fallback"
    LINK_NUMBER = "link_number"
    SAVE_CONTACT = "save_contact"
    TEMPLATE_SAVED = "template_saved"
    TEMPLATE_DELETED = "template_deleted"
    CAPABILITIES = "capabilities"
    PRIVATE_MESSAGING = "private_messaging"
    CENTRE_SETTINGS = "centre_settings"
    LINK_OPENED = "link_opened"  # a texted link to a message's files was opened
