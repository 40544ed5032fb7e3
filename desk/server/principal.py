"""Who is calling: a staff member or an enrolled kiosk, and what they may do."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.core.permissions import Capability, parse_capabilities
from desk.server.orm import ApiToken, KioskDevice, Staff, StaffRoom
from desk.server.orm.base import utcnow
from desk.server.security import token_digest


class PrincipalKind(StrEnum):
    """The two sorts of caller."""

    STAFF = "staff"
    KIOSK = "kiosk"


@dataclass(frozen=True)
class Principal:
    """An authenticated caller, resolved once per request."""

    kind: PrincipalKind
    id: str
    centre_id: str
    display_name: str
    capabilities: frozenset[Capability]
    room_ids: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_kiosk(self) -> bool:
        """Kiosks reach kiosk endpoints only."""
        return self.kind is PrincipalKind.KIOSK


class NotAuthenticated(Exception):
    """No token, an unknown one, or one revoked; the server answers 401."""


def resolve_token(session: Session, token: str) -> Principal:
    """The principal a bearer token stands for.

    Raises:
        NotAuthenticated: when the token is unknown, revoked, or its owner is gone.
    """
    record = session.get(ApiToken, token_digest(token))
    if record is None or record.revoked or record.expires_at <= utcnow():
        raise NotAuthenticated("the sign-in has expired or was revoked: sign in again")
    if record.principal_kind == PrincipalKind.KIOSK:
        device = session.get(KioskDevice, record.principal_id)
        if device is None or device.revoked or device.deleted:
            raise NotAuthenticated("this kiosk is no longer enrolled")
        return Principal(
            PrincipalKind.KIOSK,
            device.id,
            device.centre_id,
            device.name,
            frozenset({Capability.KIOSK_DEVICE}),
        )
    staff = session.get(Staff, record.principal_id)
    if staff is None or not staff.active or staff.deleted:
        raise NotAuthenticated("this staff account is no longer active")
    return staff_principal(session, staff)


def staff_principal(session: Session, staff: Staff) -> Principal:
    """The principal of a staff member, with their room assignments."""
    rooms = session.scalars(
        select(StaffRoom.room_id).where(StaffRoom.staff_id == staff.id, ~StaffRoom.deleted)
    ).all()
    return Principal(
        PrincipalKind.STAFF,
        staff.id,
        staff.centre_id,
        f"{staff.first_name} {staff.last_name}",
        parse_capabilities(staff.capabilities),
        frozenset(rooms),
    )
