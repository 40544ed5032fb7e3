"""Which server tables the seeder writes, in which order, with which columns.

Rows are plain tuples, because building millions of dicts or ORM objects is what
makes a seeder slow. A tuple only means something next to its column list, so every
list lives here, once; the tests check each against the SQLAlchemy models, which
would catch a column added to the schema but not to the seeder.

The order of `LOAD_ORDER` is a foreign-key order: PostgreSQL checks every
reference as the row arrives, so a parent table is always written before its
children.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SYNC_HEADER = ("centre_id", "version", "deleted")
"""Columns of every synced table that the stamper fills in, ahead of each row."""


@dataclass(frozen=True)
class Table:
    """One table's own columns, in the order the seeder's tuples use.

    Attributes:
        name: the table name in the server schema.
        columns: the columns after `SYNC_HEADER`, starting with `id`.
    """

    name: str
    columns: tuple[str, ...]

    @property
    def all_columns(self) -> tuple[str, ...]:
        """Every column a stamped row carries, in order."""
        return SYNC_HEADER + self.columns

    def row(self, **values: Any) -> tuple[Any, ...]:
        """A row from keyword arguments, for tables too small to need positional speed.

        Raises:
            KeyError: if a column is missing or an unknown one is given, so a schema
                change cannot silently shift every value one column over.
        """
        if len(values) != len(self.columns):
            unknown = sorted(set(values) - set(self.columns))
            missing = sorted(set(self.columns) - set(values))
            raise KeyError(f"{self.name}: unknown columns {unknown}, missing {missing}")
        return tuple(values[column] for column in self.columns)


def _table(name: str, *columns: str) -> Table:
    return Table(name, ("id", *columns))


CENTRE = _table(
    "centre",
    *("name", "timezone", "phone_region", "sms_monthly_quota"),
    *("students_in_conversations", "kiosk_pin_secret", "kiosk_pin_salt"),
)
ROOM = _table("room", "name", "capacity")
FAMILY = _table("family", "name", "notes")
GUARDIAN = _table(
    "guardian",
    *("family_id", "kind", "first_name", "last_name", "relationship", "phone", "email"),
    *("preferred_channel", "language", "sms_opt_in", "private_messaging", "kiosk_pin_key"),
    "kiosk_pin_verifier",
)
STUDENT = _table("student", "family_id", "room_id", "first_name", "last_name", "birth_date")
AUTHORIZED_PICKUP = _table("authorized_pickup", "guardian_id", "student_id")
STAFF = _table(
    "staff",
    *("first_name", "last_name", "username", "role", "capabilities", "phone", "email"),
    *("preferred_channel", "language", "sms_opt_in", "active", "password_hash"),
    "admin_pin_hash",
)
STAFF_ROOM = _table("staff_room", "staff_id", "room_id")
STAFF_GROUP = _table("staff_group", "name")
STAFF_GROUP_MEMBER = _table("staff_group_member", "group_id", "staff_id")
DEVICE = _table(
    "device", "family_id", "guardian_id", "platform", "push_token", "active", "registered_at"
)
CHANNEL_STATUS = _table(
    "channel_status", "person_kind", "person_id", "channel", "failing", "reason", "changed_at"
)
PROGRAM = _table("program", "kind", "name", "room_id", "starts_on", "ends_on")
ENROLLMENT = _table("enrollment", "program_id", "student_id", "type", "starts_on", "ends_on")
KIOSK_DEVICE = _table(
    "kiosk_device", "name", "enrolled_by", "enrolled_at", "revoked", "last_seen_at"
)
THREAD = _table(
    "thread",
    *("kind", "status", "family_id", "guardian_id", "room_id", "phone", "title"),
    *("created_by", "created_at", "stopped", "last_message_at", "last_message_preview"),
    *("message_count", "unread_count"),
)
PARTICIPANT = _table(
    "participant", "thread_id", "person_kind", "person_id", "muted", "archived", "joined_at"
)
MESSAGE = _table(
    "message",
    *("thread_id", "direction", "author_kind", "author_id", "from_phone", "subject", "body"),
    *("emergency_sms", "show_at_kiosk", "state", "error", "created_at"),
)
ATTACHMENT = _table("attachment", "message_id", "filename", "mime_type", "size", "sha256")
DELIVERY = _table(
    "delivery",
    *("message_id", "recipient_kind", "recipient_id", "channel", "address", "for_label"),
    *("state", "provider_ref", "error", "updated_at", "note"),
)
RECEIPT = _table("receipt", "message_id", "person_kind", "person_id", "seen_at")
KIOSK_MESSAGE = _table(
    "kiosk_message",
    *("guardian_id", "body", "entered_by", "entered_at", "entered_seq", "shown_at"),
    *("acknowledged_at", "cancelled", "thread_id"),
)
ATTENDANCE_EVENT = _table(
    "attendance_event", "student_id", "guardian_id", "room_id", "kind", "at", "device_id", "note"
)
TEMPLATE = _table("template", "page", "channel", "name", "title", "body")
AUDIT_EVENT = _table(
    "audit_event",
    *("at", "action", "actor_kind", "actor_id", "actor_label", "thread_id", "message_id"),
    *("phone", "detail"),
)
BACKGROUND_TASK_ERROR = _table("background_task_error", "at", "task", "error", "detail")

LOAD_ORDER: tuple[Table, ...] = (
    CENTRE,
    ROOM,
    FAMILY,
    GUARDIAN,
    STUDENT,
    AUTHORIZED_PICKUP,
    STAFF,
    STAFF_ROOM,
    STAFF_GROUP,
    STAFF_GROUP_MEMBER,
    DEVICE,
    CHANNEL_STATUS,
    PROGRAM,
    ENROLLMENT,
    KIOSK_DEVICE,
    THREAD,
    PARTICIPANT,
    MESSAGE,
    ATTACHMENT,
    DELIVERY,
    RECEIPT,
    KIOSK_MESSAGE,
    ATTENDANCE_EVENT,
    TEMPLATE,
    AUDIT_EVENT,
    BACKGROUND_TASK_ERROR,
)
