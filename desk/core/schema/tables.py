"""Every synced table, in feed order: parents before children.

A page applied in order never references a row that arrives later in the same page.
Each table's columns are listed in the order the server ORM declares them, because
the seeder's rows are positional tuples in that order.

To add a synced column: declare it here (with its flags), add it to the server ORM
model if the server does not store it yet, then autogenerate both migrations
(README, Development). `tests/models/test_contract.py` checks that the server ORM,
the client tables, the kiosk whitelist and the seeder agree with this module.
"""

from __future__ import annotations

from types import MappingProxyType

from desk.core.schema.spec import Column, Index, SyncedTable, Visibility, Wire

ID, TEXT, INT, BOOL, TIME, DATE = Wire.ID, Wire.TEXT, Wire.INT, Wire.BOOL, Wire.TIME, Wire.DATE

CENTRE = SyncedTable(
    "centre",
    Visibility.EVERYONE,
    (
        Column("name", TEXT, kiosk=True),
        Column("timezone", TEXT, kiosk=True),
        Column("phone_region", TEXT),
        Column("sms_monthly_quota", INT),
        Column("students_in_conversations", BOOL),
        # HMAC key of the server's PIN lookup keys; it never leaves the server.
        Column("kiosk_pin_secret", TEXT, private=True),
        # Salt of the kiosk PIN verifiers (`desk.core.pins.pin_verifier`); not a secret.
        Column("kiosk_pin_salt", TEXT, kiosk=True, kiosk_only=True),
    ),
)

ROOM = SyncedTable(
    "room",
    Visibility.EVERYONE,
    (
        Column("name", TEXT, kiosk=True),
        Column("capacity", INT),
    ),
)

FAMILY = SyncedTable(
    "family",
    Visibility.EVERYONE,
    (
        Column("name", TEXT, search=True),
        Column("notes", TEXT),
    ),
    indexes=(
        # The family list is alphabetical whatever the case people typed names in.
        Index("ix_family_name_nocase", ("name", "id"), nocase=("name",)),
    ),
)

GUARDIAN = SyncedTable(
    "guardian",
    Visibility.EVERYONE,
    (
        Column("family_id", ID, kiosk=True, index=True),
        Column("kind", TEXT, kiosk=True),
        Column("first_name", TEXT, kiosk=True, search=True),
        Column("last_name", TEXT, kiosk=True, search=True),
        Column("relationship", TEXT),
        Column("phone", TEXT, nullable=True, search=True, index=True),
        Column("email", TEXT, nullable=True),
        Column("preferred_channel", TEXT),
        # Kiosks too: the kiosk speaks to a guardian in it after the PIN.
        Column("language", TEXT, kiosk=True),
        Column("sms_opt_in", BOOL),
        Column("private_messaging", BOOL),
        # Server-side PIN lookup key (HMAC with the centre's secret): uniqueness and
        # online checks. Kiosks get the memory-hard verifier instead (issue 12, item 2).
        Column("kiosk_pin_key", TEXT, nullable=True, private=True),
        # What a kiosk checks offline: argon2id of the PIN under the centre's salt.
        Column("kiosk_pin_verifier", TEXT, nullable=True, kiosk=True, kiosk_only=True, index=True),
    ),
)

STUDENT = SyncedTable(
    "student",
    Visibility.EVERYONE,
    (
        Column("family_id", ID, kiosk=True, index=True),
        Column("room_id", ID, nullable=True, kiosk=True, index=True),
        Column("first_name", TEXT, kiosk=True, search=True),
        Column("last_name", TEXT, kiosk=True, search=True),
        Column("birth_date", DATE, nullable=True),
    ),
)

AUTHORIZED_PICKUP = SyncedTable(
    "authorized_pickup",
    Visibility.EVERYONE,
    (
        Column("guardian_id", ID, kiosk=True, index=True),
        Column("student_id", ID, kiosk=True, index=True),
    ),
)

STAFF = SyncedTable(
    "staff",
    Visibility.EVERYONE,
    (
        Column("first_name", TEXT, search=True),
        Column("last_name", TEXT, search=True),
        Column("username", TEXT),
        Column("role", TEXT),
        Column("capabilities", TEXT),
        Column("phone", TEXT, nullable=True, search=True, index=True),
        Column("email", TEXT, nullable=True),
        Column("preferred_channel", TEXT),
        Column("language", TEXT),
        Column("sms_opt_in", BOOL),
        Column("active", BOOL),
        Column("password_hash", TEXT, private=True),
        # The hash of the admin PIN that unlocks a kiosk offline.
        Column("admin_pin_hash", TEXT, nullable=True, kiosk=True, kiosk_only=True),
        # When the conversations this staff member may read last changed by membership
        # (added to or removed from one): like a room move, their feed starts over.
        Column("access_changed_at", TIME, nullable=True, private=True),
    ),
)

STAFF_ROOM = SyncedTable(
    "staff_room",
    Visibility.EVERYONE,
    (
        Column("staff_id", ID, index=True),
        Column("room_id", ID, index=True),
    ),
)

STAFF_GROUP = SyncedTable(
    "staff_group",
    Visibility.EVERYONE,
    (Column("name", TEXT),),
)

STAFF_GROUP_MEMBER = SyncedTable(
    "staff_group_member",
    Visibility.EVERYONE,
    (
        Column("group_id", ID, index=True),
        Column("staff_id", ID, index=True),
    ),
)

DEVICE = SyncedTable(
    "device",
    Visibility.EVERYONE,
    (
        Column("family_id", ID, index=True),
        Column("guardian_id", ID, nullable=True),
        Column("platform", TEXT),
        Column("push_token", TEXT, private=True),
        Column("active", BOOL),
        Column("registered_at", TIME),
    ),
)

CHANNEL_STATUS = SyncedTable(
    "channel_status",
    Visibility.EVERYONE,
    (
        Column("person_kind", TEXT),
        Column("person_id", ID, index=True),
        Column("channel", TEXT),
        Column("failing", BOOL),
        Column("reason", TEXT),
        Column("changed_at", TIME),
    ),
)

PROGRAM = SyncedTable(
    "program",
    Visibility.EVERYONE,
    (
        Column("kind", TEXT),
        Column("name", TEXT),
        Column("room_id", ID, nullable=True),
        Column("starts_on", DATE),
        Column("ends_on", DATE, nullable=True),
    ),
)

ENROLLMENT = SyncedTable(
    "enrollment",
    Visibility.EVERYONE,
    (
        Column("program_id", ID, index=True),
        Column("student_id", ID, index=True),
        Column("type", TEXT),
        Column("starts_on", DATE),
        Column("ends_on", DATE, nullable=True),
    ),
)

TEMPLATE = SyncedTable(
    "template",
    Visibility.EVERYONE,
    (
        Column("page", TEXT),
        Column("channel", TEXT),
        Column("name", TEXT),
        Column("title", TEXT),
        Column("body", TEXT),
    ),
)

THREAD = SyncedTable(
    "thread",
    Visibility.THREAD,
    (
        Column("kind", TEXT),
        Column("status", TEXT),
        Column("family_id", ID, nullable=True, index=True),
        Column("guardian_id", ID, nullable=True, index=True),
        Column("room_id", ID, nullable=True),
        Column("phone", TEXT, nullable=True, index=True),
        Column("title", TEXT),
        Column("created_by", ID, nullable=True),
        Column("created_at", TIME),
        Column("stopped", BOOL),
        Column("last_message_at", TIME, nullable=True),
        Column("last_message_preview", TEXT),
        Column("message_count", INT),
        Column("unread_count", INT),
        # Who stopped a group conversation, and when (seed 004: read-only afterwards).
        Column("stopped_by", ID, nullable=True),
        Column("stopped_at", TIME, nullable=True),
    ),
    indexes=(
        # The inbox reads its first page straight off an index instead of sorting
        # every thread (DESIGN.md §6: 0.19 ms instead of 241 ms for 20k threads);
        # `id` last keeps offset paging stable when threads share a time.
        Index("ix_thread_recent", ("last_message_at", "id")),
        Index("ix_thread_kind_status_recent", ("kind", "status", "last_message_at", "id")),
    ),
)

PARTICIPANT = SyncedTable(
    "participant",
    Visibility.THREAD_CHILD,
    (
        Column("thread_id", ID, index=True),
        Column("person_kind", TEXT),
        Column("person_id", ID, index=True),
        Column("muted", BOOL),
        Column("archived", BOOL),
        Column("joined_at", TIME),
        # This staff participant's unread messages in the conversation: a group
        # conversation's red counter is per person, and a muted one raises none.
        Column("unread_count", INT),
    ),
)

MESSAGE = SyncedTable(
    "message",
    Visibility.THREAD_CHILD,
    (
        Column("thread_id", ID),
        Column("direction", TEXT),
        Column("author_kind", TEXT, nullable=True),
        Column("author_id", ID, nullable=True),
        Column("from_phone", TEXT, nullable=True),
        Column("subject", TEXT, search=True),
        Column("body", TEXT, search=True),
        Column("emergency_sms", BOOL),
        Column("show_at_kiosk", BOOL),
        Column("state", TEXT),
        Column("error", TEXT),
        Column("created_at", TIME),
    ),
    indexes=(
        Index("ix_message_thread_created", ("thread_id", "created_at")),
        # A search for a common word walks messages newest first (desk.models.search).
        Index("ix_message_created", ("created_at", "id")),
    ),
)

ATTACHMENT = SyncedTable(
    "attachment",
    Visibility.MESSAGE_CHILD,
    (
        Column("message_id", ID, index=True),
        Column("filename", TEXT),
        Column("mime_type", TEXT),
        Column("size", INT),
        Column("sha256", TEXT),
    ),
)

DELIVERY = SyncedTable(
    "delivery",
    Visibility.MESSAGE_CHILD,
    (
        Column("message_id", ID, index=True),
        Column("recipient_kind", TEXT),
        Column("recipient_id", ID, nullable=True),
        Column("channel", TEXT),
        Column("address", TEXT),
        Column("for_label", TEXT),
        Column("state", TEXT),
        Column("provider_ref", TEXT, nullable=True),
        Column("error", TEXT),
        Column("updated_at", TIME),
        # Remarks that are not failures ("sent untranslated: ..."), shown beside the
        # delivery state in the conversation.
        Column("note", TEXT),
        # Billable segments of an SMS delivery's text (label + body) as planned: what
        # the monthly quota sums; 1 for other channels. Clients compute it themselves.
        Column("segments", INT, private=True),
        # The language the text went out in ("" before it is sent); `note` says why
        # it went out untranslated when that is not the recipient's language.
        Column("language", TEXT),
        # The channel that failed for the recipient so that this delivery went out on
        # another one ("" for a delivery on the channel chosen first; seed 004).
        Column("fallback_from", TEXT),
    ),
)

RECEIPT = SyncedTable(
    "receipt",
    Visibility.MESSAGE_CHILD,
    (
        Column("message_id", ID, index=True),
        Column("person_kind", TEXT),
        Column("person_id", ID),
        Column("seen_at", TIME),
    ),
)

KIOSK_MESSAGE = SyncedTable(
    "kiosk_message",
    Visibility.EVERYONE,
    (
        Column("guardian_id", ID, kiosk=True),
        Column("body", TEXT, kiosk=True),
        Column("entered_by", ID, nullable=True),
        Column("entered_at", TIME, kiosk=True),
        Column("entered_seq", INT, kiosk=True),
        # The conversation it was also posted in (NULL: queued on its own); staff
        # receive the copy only if they may read that conversation (issue 12, item 1).
        Column("thread_id", ID, nullable=True),
        Column("shown_at", TIME, nullable=True, kiosk=True),
        Column("acknowledged_at", TIME, nullable=True, kiosk=True),
        Column("cancelled", BOOL, kiosk=True),
    ),
    indexes=(
        Index("ix_kiosk_message_guardian_seq", ("guardian_id", "entered_seq")),
        # Entry order: when staff entered them, not when the server heard (item 8).
        Index("ix_kiosk_message_guardian_entered", ("guardian_id", "entered_at", "entered_seq")),
    ),
)

ATTENDANCE_EVENT = SyncedTable(
    "attendance_event",
    Visibility.EVERYONE,
    (
        Column("student_id", ID, kiosk=True),
        Column("guardian_id", ID, nullable=True, kiosk=True),
        Column("room_id", ID, nullable=True, kiosk=True),
        Column("kind", TEXT, kiosk=True),
        Column("at", TIME, kiosk=True),
        Column("device_id", ID, nullable=True, kiosk=True),
        Column("note", TEXT),
    ),
    indexes=(Index("ix_attendance_event_student_at", ("student_id", "at")),),
)

KIOSK_DEVICE = SyncedTable(
    "kiosk_device",
    Visibility.ADMIN,
    (
        Column("name", TEXT),
        Column("enrolled_by", ID),
        Column("enrolled_at", TIME),
        Column("revoked", BOOL),
        # Written at most every few minutes and never stamped, so polling wakes nobody.
        Column("last_seen_at", TIME, nullable=True, private=True),
    ),
)

AUDIT_EVENT = SyncedTable(
    "audit_event",
    Visibility.ADMIN,
    (
        Column("at", TIME, index=True),
        Column("action", TEXT),
        Column("actor_kind", TEXT),
        Column("actor_id", ID, nullable=True),
        Column("actor_label", TEXT),
        Column("thread_id", ID, nullable=True, index=True),
        Column("message_id", ID, nullable=True),
        Column("phone", TEXT, nullable=True),
        Column("detail", TEXT),
    ),
)

BACKGROUND_TASK_ERROR = SyncedTable(
    "background_task_error",
    Visibility.ADMIN,
    (
        Column("at", TIME, index=True),
        Column("task", TEXT),
        Column("error", TEXT),
        Column("detail", TEXT),
    ),
)

SYNCED_TABLES: tuple[SyncedTable, ...] = (
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
    TEMPLATE,
    THREAD,
    PARTICIPANT,
    MESSAGE,
    ATTACHMENT,
    DELIVERY,
    RECEIPT,
    KIOSK_MESSAGE,
    ATTENDANCE_EVENT,
    KIOSK_DEVICE,
    AUDIT_EVENT,
    BACKGROUND_TASK_ERROR,
)
"""Every synced table in feed order."""

BY_NAME = MappingProxyType({table.name: table for table in SYNCED_TABLES})
"""Synced table name -> its declaration."""
