"""The centre and the people in it: families, guardians, students, staff, devices."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk.core.kinds import Channel, GuardianKind, StaffRole
from desk.core.pins import new_verifier_salt
from desk.server.orm.base import ID_LENGTH, Base, Synced


def ref(table: str, *, nullable: bool = False) -> Mapped[str]:
    """A foreign key to another table's id, indexed because every one is joined on."""
    return mapped_column(
        String(ID_LENGTH), ForeignKey(f"{table}.id"), index=True, nullable=nullable
    )


class Centre(Synced, Base):
    """One childcare centre, school or studio: the sync scope of everything below."""

    __tablename__ = "centre"
    name: Mapped[str]
    timezone: Mapped[str] = mapped_column(String(64), default="America/New_York")
    phone_region: Mapped[str] = mapped_column(String(2), default="US")
    sms_monthly_quota: Mapped[int] = mapped_column(Integer, default=1000)
    students_in_conversations: Mapped[bool] = mapped_column(default=False)
    # HMAC key for kiosk PIN lookup keys; it never leaves the server.
    kiosk_pin_secret: Mapped[str] = mapped_column(String(64))
    # Salt of the kiosk PIN verifiers (`desk.core.pins.pin_verifier`); not a secret.
    kiosk_pin_salt: Mapped[str] = mapped_column(String(64), default=new_verifier_salt)


class Room(Synced, Base):
    """A classroom; Classroom Chat reaches the staff of the student's room."""

    __tablename__ = "room"
    name: Mapped[str]
    capacity: Mapped[int] = mapped_column(Integer, default=12)


class Family(Synced, Base):
    """A household account; split families keep per-guardian private threads."""

    __tablename__ = "family"
    name: Mapped[str]
    notes: Mapped[str] = mapped_column(Text, default="")


class Guardian(Synced, Base):
    """A parent, guardian or authorized pickup of one family."""

    __tablename__ = "guardian"
    family_id: Mapped[str] = ref("family")
    kind: Mapped[GuardianKind] = mapped_column(String(16), default=GuardianKind.GUARDIAN)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    relationship: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str | None] = mapped_column(String(20), index=True)  # E.164
    email: Mapped[str | None] = mapped_column(String(254))
    preferred_channel: Mapped[Channel] = mapped_column(String(16), default=Channel.SMS)
    language: Mapped[str] = mapped_column(String(16), default="en")
    sms_opt_in: Mapped[bool] = mapped_column(default=True)
    # Split families: this guardian's messages are private from the other guardians.
    private_messaging: Mapped[bool] = mapped_column(default=False)
    # Server-side PIN lookup key (HMAC with the centre's secret): uniqueness, online checks.
    kiosk_pin_key: Mapped[str | None] = mapped_column(String(64), index=True)
    # What a kiosk checks offline: argon2id of the PIN under the centre's salt.
    kiosk_pin_verifier: Mapped[str | None] = mapped_column(String(64))


class Student(Synced, Base):
    """A child; their guardians are the guardians of their family."""

    __tablename__ = "student"
    family_id: Mapped[str] = ref("family")
    room_id: Mapped[str | None] = ref("room", nullable=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date | None] = mapped_column(Date)


class AuthorizedPickup(Synced, Base):
    """Which children an authorized pickup (guardian of kind `pickup`) may collect."""

    __tablename__ = "authorized_pickup"
    guardian_id: Mapped[str] = ref("guardian")
    student_id: Mapped[str] = ref("student")


class Staff(Synced, Base):
    """A staff member who signs in to the office app."""

    __tablename__ = "staff"
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    username: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[StaffRole] = mapped_column(String(16), default=StaffRole.TEACHER)
    capabilities: Mapped[str] = mapped_column(String(255), default="")
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    preferred_channel: Mapped[Channel] = mapped_column(String(16), default=Channel.APP)
    language: Mapped[str] = mapped_column(String(16), default="en")
    sms_opt_in: Mapped[bool] = mapped_column(default=True)
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    # Argon2 hash of the admin PIN that unlocks a kiosk; kiosks verify it offline.
    admin_pin_hash: Mapped[str | None] = mapped_column(String(255))
    # Set when the staff member joins or leaves a group conversation: their feed then
    # starts over, as after a room move (`desk.server.feed.access_version`).
    access_changed_at: Mapped[datetime | None]


class StaffRoom(Synced, Base):
    """A staff member's assignment to a room (for Classroom Chat visibility)."""

    __tablename__ = "staff_room"
    staff_id: Mapped[str] = ref("staff")
    room_id: Mapped[str] = ref("room")


class StaffGroup(Synced, Base):
    """A named set of staff to compose to at once (seed 002)."""

    __tablename__ = "staff_group"
    name: Mapped[str]


class StaffGroupMember(Synced, Base):
    """Membership of a staff member in a staff group."""

    __tablename__ = "staff_group_member"
    group_id: Mapped[str] = ref("staff_group")
    staff_id: Mapped[str] = ref("staff")


class Device(Synced, Base):
    """A family's phone with the app installed; push goes once per device (seed 003)."""

    __tablename__ = "device"
    family_id: Mapped[str] = ref("family")
    guardian_id: Mapped[str | None] = ref("guardian", nullable=True)
    platform: Mapped[str] = mapped_column(String(16), default="android")
    push_token: Mapped[str] = mapped_column(String(4096))
    active: Mapped[bool] = mapped_column(default=True)
    registered_at: Mapped[datetime]


class ChannelStatus(Synced, Base):
    """A channel that failed for a person, so delivery falls back until it is reset."""

    __tablename__ = "channel_status"
    person_kind: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    channel: Mapped[Channel] = mapped_column(String(16))
    failing: Mapped[bool] = mapped_column(default=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    changed_at: Mapped[datetime]
