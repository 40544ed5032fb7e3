"""A fresh centre per test, so tests share one database per run without colliding."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date

from desk.core.ids import new_id
from desk.core.kinds import GuardianKind, StaffRole, ThreadKind, ThreadStatus
from desk.core.permissions import ROLE_DEFAULTS, format_capabilities
from desk.core.pins import new_verifier_salt, pin_lookup_key, pin_verifier
from desk.server import orm
from desk.server.db import Database
from desk.server.orm.base import utcnow
from desk.server.security import hash_secret
from desk.server.versioning import ensure_scope, stamp

PASSWORD = "correct horse battery"
_PASSWORD_HASH = hash_secret(PASSWORD)  # hashing is slow on purpose: do it once


def password_hash() -> str:
    """The stored hash of `PASSWORD`, for more staff who sign in."""
    return _PASSWORD_HASH


@dataclass
class CentreIds:
    """Ids of everything a fresh test centre holds."""

    centre: str
    secret: bytes
    room_a: str
    room_b: str
    admin: str
    office: str
    teacher: str
    usernames: dict[str, str] = field(default_factory=dict)
    family: str = ""
    split_family: str = ""
    guardians: dict[str, str] = field(default_factory=dict)
    students: dict[str, str] = field(default_factory=dict)
    threads: dict[str, str] = field(default_factory=dict)
    pins: dict[str, str] = field(default_factory=dict)


def make_centre(database: Database, *, quota: int = 100) -> CentreIds:
    """A small but complete centre: rooms, staff of each role, two families, threads.

    The Lee family is split: each guardian has a private thread. The Diaz family's
    grandmother is an authorized pickup for one child and shares the mother's phone.
    """
    suffix = secrets.token_hex(4)
    secret = secrets.token_bytes(32)
    salt = new_verifier_salt()
    ids = CentreIds(new_id(), secret, new_id(), new_id(), new_id(), new_id(), new_id())
    now = utcnow()
    c = ids.centre
    with database.writing() as s:
        ensure_scope(s, c)
        s.add(
            orm.Centre(
                id=c,
                centre_id=c,
                name=f"Maple {suffix}",
                kiosk_pin_secret=secret.hex(),
                kiosk_pin_salt=salt,
                sms_monthly_quota=quota,
            )
        )
        s.add_all(
            [
                orm.Room(id=ids.room_a, centre_id=c, name="Toddlers"),
                orm.Room(id=ids.room_b, centre_id=c, name="Pre-K"),
            ]
        )
        for staff_id, role in (
            (ids.admin, StaffRole.ADMIN),
            (ids.office, StaffRole.OFFICE),
            (ids.teacher, StaffRole.TEACHER),
        ):
            username = f"{role.value}-{suffix}"
            ids.usernames[role.value] = username
            s.add(
                orm.Staff(
                    id=staff_id,
                    centre_id=c,
                    first_name=role.value.title(),
                    last_name="Staff",
                    username=username,
                    role=role,
                    capabilities=format_capabilities(ROLE_DEFAULTS[role]),
                    password_hash=_PASSWORD_HASH,
                    phone=None,
                )
            )
        s.add(orm.StaffRoom(id=new_id(), centre_id=c, staff_id=ids.teacher, room_id=ids.room_a))
        ids.family, ids.split_family = new_id(), new_id()
        s.add_all(
            [
                orm.Family(id=ids.family, centre_id=c, name="Diaz"),
                orm.Family(id=ids.split_family, centre_id=c, name="Lee"),
            ]
        )
        people = [
            ("maria", ids.family, "Maria", "Diaz", "+15555550101", GuardianKind.GUARDIAN, False),
            ("rosa", ids.family, "Rosa", "Diaz", "+15555550101", GuardianKind.PICKUP, False),
            ("ann", ids.split_family, "Ann", "Lee", "+15555550102", GuardianKind.GUARDIAN, True),
            ("ben", ids.split_family, "Ben", "Lee", "+15555550103", GuardianKind.GUARDIAN, True),
        ]
        for (key, family, first, last, phone, kind, private), pin in zip(
            people, ("381946", "502718", "649203", "730485"), strict=True
        ):
            guardian_id = new_id()
            ids.guardians[key], ids.pins[key] = guardian_id, pin
            s.add(
                orm.Guardian(
                    id=guardian_id,
                    centre_id=c,
                    family_id=family,
                    kind=kind,
                    first_name=first,
                    last_name=last,
                    phone=phone,
                    email=f"{key}@example.org",
                    private_messaging=private,
                    kiosk_pin_key=pin_lookup_key(secret, pin),
                    kiosk_pin_verifier=pin_verifier(salt, pin),
                )
            )
        for key, family, first, room in (
            ("leo", ids.family, "Leo", ids.room_a),
            ("ava", ids.family, "Ava", ids.room_b),
            ("kim", ids.split_family, "Kim", ids.room_a),
        ):
            ids.students[key] = new_id()
            s.add(
                orm.Student(
                    id=ids.students[key],
                    centre_id=c,
                    family_id=family,
                    room_id=room,
                    first_name=first,
                    last_name="Kid",
                    birth_date=date(2021, 5, 1),
                )
            )
        s.flush()
        s.add(
            orm.AuthorizedPickup(
                id=new_id(),
                centre_id=c,
                guardian_id=ids.guardians["rosa"],
                student_id=ids.students["leo"],
            )
        )
        for key, thread_kind, thread_room, thread_phone in (
            ("office", ThreadKind.OFFICE, None, None),
            ("classroom_a", ThreadKind.CLASSROOM, ids.room_a, None),
            ("classroom_b", ThreadKind.CLASSROOM, ids.room_b, None),
            ("sms", ThreadKind.SMS, None, "+15555550101"),
        ):
            ids.threads[key] = new_id()
            s.add(
                orm.Thread(
                    id=ids.threads[key],
                    centre_id=c,
                    kind=thread_kind,
                    room_id=thread_room,
                    family_id=ids.family,
                    phone=thread_phone,
                    status=ThreadStatus.UNREAD,
                    created_at=now,
                    unread_count=1,
                    message_count=0,
                )
            )
        stamp(s, c)
    return ids
