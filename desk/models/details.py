"""Reads behind the details pane: a family's students where they are now, and its contacts.

Where a child is now is the latest attendance event (F7): signed in to a room, or
signed out. Opt-in is judged over every record that holds the same number (seed
001), so each guardian row carries the other holders of its phone.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from desk.core.optin import PhoneHolder


@dataclass(frozen=True)
class StudentNow:
    """A child of the family and where they are at the moment.

    Attributes:
        signed_in: True when the latest attendance event is a sign-in.
        room: the room they are signed in to (or their usual room when not).
        since: when the latest event happened (UTC text), or None.
    """

    id: str
    name: str
    room: str
    signed_in: bool
    since: str | None


@dataclass(frozen=True)
class Contact:
    """A guardian or authorized pickup with what staff need to reach them.

    Attributes:
        holders: every guardian and staff record holding `phone`, this one
            included, for the shared-number opt-in rule.
    """

    id: str
    kind: str
    name: str
    relationship: str
    phone: str | None
    email: str | None
    preferred_channel: str
    sms_opt_in: bool
    private_messaging: bool
    holders: tuple[PhoneHolder, ...]


@dataclass(frozen=True)
class FamilyDetails:
    """Everything the details pane shows for one family."""

    id: str
    name: str
    students: tuple[StudentNow, ...]
    contacts: tuple[Contact, ...]


_STUDENTS = (
    "SELECT s.id, s.first_name || ' ' || s.last_name,"
    " COALESCE(er.name, sr.name, ''), e.kind, e.at"
    " FROM student AS s"
    " LEFT JOIN attendance_event AS e ON e.id = (SELECT id FROM attendance_event"
    "  WHERE student_id = s.id ORDER BY at DESC, id DESC LIMIT 1)"
    " LEFT JOIN room AS er ON er.id = e.room_id AND e.kind = 'sign_in'"
    " LEFT JOIN room AS sr ON sr.id = s.room_id"
    " WHERE s.family_id = :family ORDER BY s.first_name, s.id"
)
_CONTACTS = (
    "SELECT id, kind, first_name || ' ' || last_name, relationship, phone, email,"
    " preferred_channel, sms_opt_in, private_messaging"
    " FROM guardian WHERE family_id = :family ORDER BY kind, first_name, id"
)
_HOLDERS = (
    "SELECT 'guardian', g.id, g.first_name || ' ' || g.last_name, g.sms_opt_in,"
    " g.kind, COALESCE(f.name, '')"
    " FROM guardian AS g LEFT JOIN family AS f ON f.id = g.family_id"
    " WHERE g.phone = :phone UNION ALL"
    " SELECT 'staff', id, first_name || ' ' || last_name, sms_opt_in, 'staff', ''"
    " FROM staff WHERE phone = :phone"
)


def family_details(session: Session, family_id: str) -> FamilyDetails | None:
    """The family's students and contacts, or None when the family is not cached."""
    found = session.execute(
        text("SELECT name FROM family WHERE id = :id"), {"id": family_id}
    ).first()
    if found is None:
        return None
    params = {"family": family_id}
    students = tuple(
        StudentNow(sid, name, room, kind == "sign_in", at)
        for sid, name, room, kind, at in session.execute(text(_STUDENTS), params)
    )
    contacts = []
    for cid, kind, name, relationship, phone, email, channel, opt_in, private in session.execute(
        text(_CONTACTS), params
    ):
        holders: tuple[PhoneHolder, ...] = ()
        if phone:
            holders = tuple(
                PhoneHolder(h_kind, hid, h_name, bool(opted), role=role, family=family)
                for h_kind, hid, h_name, opted, role, family in session.execute(
                    text(_HOLDERS), {"phone": phone}
                )
            )
        contacts.append(
            Contact(
                cid,
                kind,
                name,
                relationship,
                phone,
                email,
                channel,
                sms_opt_in=bool(opt_in),
                private_messaging=bool(private),
                holders=holders,
            )
        )
    return FamilyDetails(family_id, str(found[0]), students, tuple(contacts))
