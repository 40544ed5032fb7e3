"""The centre and the people in it, as mirrored from `desk.server.orm.people`.

Enum-valued columns hold the string values of `desk.core.kinds`; a `StrEnum` member
compares equal to them, so callers can write `row.kind == GuardianKind.PICKUP`.
"""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from desk.models.base import CacheBase, IsoDate, Synced, UtcText, mirror_table


class Centre(Synced, CacheBase):
    """The centre whose data this cache holds (its PIN secret never leaves the server)."""

    __table__ = mirror_table("centre")
    name: Mapped[str]
    timezone: Mapped[str]
    phone_region: Mapped[str]
    sms_monthly_quota: Mapped[int]
    students_in_conversations: Mapped[bool]
    kiosk_pin_salt: Mapped[str | None]  # kiosks only: salt of the PIN verifiers


class Room(Synced, CacheBase):
    """A classroom."""

    __table__ = mirror_table("room")
    name: Mapped[str]
    capacity: Mapped[int]


class Family(Synced, CacheBase):
    """A household account."""

    __table__ = mirror_table("family")
    name: Mapped[str]
    notes: Mapped[str]


class Guardian(Synced, CacheBase):
    """A parent, guardian or authorized pickup of one family."""

    __table__ = mirror_table("guardian")
    family_id: Mapped[str]
    kind: Mapped[str]  # GuardianKind
    first_name: Mapped[str]
    last_name: Mapped[str]
    relationship: Mapped[str]
    phone: Mapped[str | None]  # E.164
    email: Mapped[str | None]
    preferred_channel: Mapped[str]  # Channel
    language: Mapped[str]
    sms_opt_in: Mapped[bool]
    private_messaging: Mapped[bool]
    # Kiosks only: argon2id of the PIN under the centre's salt (desk.core.pins).
    kiosk_pin_verifier: Mapped[str | None]


class Student(Synced, CacheBase):
    """A child."""

    __table__ = mirror_table("student")
    family_id: Mapped[str]
    room_id: Mapped[str | None]
    first_name: Mapped[str]
    last_name: Mapped[str]
    birth_date: Mapped[IsoDate | None]


class AuthorizedPickup(Synced, CacheBase):
    """Which children an authorized pickup may collect."""

    __table__ = mirror_table("authorized_pickup")
    guardian_id: Mapped[str]
    student_id: Mapped[str]


class Staff(Synced, CacheBase):
    """A staff member (their password hash never leaves the server)."""

    __table__ = mirror_table("staff")
    first_name: Mapped[str]
    last_name: Mapped[str]
    username: Mapped[str]
    role: Mapped[str]  # StaffRole
    capabilities: Mapped[str]
    phone: Mapped[str | None]  # E.164
    email: Mapped[str | None]
    preferred_channel: Mapped[str]  # Channel
    language: Mapped[str]
    sms_opt_in: Mapped[bool]
    active: Mapped[bool]
    # Sent to kiosks only: the hash of the admin PIN that unlocks a kiosk offline.
    admin_pin_hash: Mapped[str | None]


class StaffRoom(Synced, CacheBase):
    """A staff member's assignment to a room."""

    __table__ = mirror_table("staff_room")
    staff_id: Mapped[str]
    room_id: Mapped[str]


class StaffGroup(Synced, CacheBase):
    """A named set of staff to compose to at once."""

    __table__ = mirror_table("staff_group")
    name: Mapped[str]


class StaffGroupMember(Synced, CacheBase):
    """Membership of a staff member in a staff group."""

    __table__ = mirror_table("staff_group_member")
    group_id: Mapped[str]
    staff_id: Mapped[str]


class Device(Synced, CacheBase):
    """A family's phone with the app installed (its push token stays on the server)."""

    __table__ = mirror_table("device")
    family_id: Mapped[str]
    guardian_id: Mapped[str | None]
    platform: Mapped[str]
    active: Mapped[bool]
    registered_at: Mapped[UtcText]


class ChannelStatus(Synced, CacheBase):
    """A channel that failed for a person, so delivery falls back until it is reset."""

    __table__ = mirror_table("channel_status")
    person_kind: Mapped[str]
    person_id: Mapped[str]
    channel: Mapped[str]  # Channel
    failing: Mapped[bool]
    reason: Mapped[str]
    changed_at: Mapped[UtcText]
