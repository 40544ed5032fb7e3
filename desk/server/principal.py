"""Who is calling: a staff member or an enrolled kiosk, and what they may do."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Row, and_, bindparam, select, update
from sqlalchemy.orm import Session

from desk.core.permissions import Capability, parse_capabilities
from desk.server.db import Database
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


# A token and whoever holds it, in one statement: every request resolves its token,
# and three ORM lookups cost more than the rest of a small request.
_HOLDING = (
    select(
        ApiToken.token_hash,
        ApiToken.revoked,
        ApiToken.expires_at,
        ApiToken.principal_kind,
        ApiToken.principal_id,
        Staff.centre_id.label("staff_centre"),
        Staff.first_name,
        Staff.last_name,
        Staff.capabilities,
        Staff.active,
        Staff.deleted.label("staff_deleted"),
        KioskDevice.centre_id.label("device_centre"),
        KioskDevice.name.label("device_name"),
        KioskDevice.revoked.label("device_revoked"),
        KioskDevice.deleted.label("device_deleted"),
    )
    .outerjoin(
        Staff,
        and_(
            ApiToken.principal_kind == PrincipalKind.STAFF.value,
            Staff.id == ApiToken.principal_id,
        ),
    )
    .outerjoin(
        KioskDevice,
        and_(
            ApiToken.principal_kind == PrincipalKind.KIOSK.value,
            KioskDevice.id == ApiToken.principal_id,
        ),
    )
)
_HOLDER = _HOLDING.where(ApiToken.token_hash == bindparam("digest"))
_HOLDERS = _HOLDING.where(ApiToken.token_hash.in_(bindparam("digests", expanding=True)))


def resolve_token(session: Session, token: str) -> Principal:
    """The principal a bearer token stands for.

    Raises:
        NotAuthenticated: when the token is unknown, revoked, or its owner is gone.
    """
    row = session.execute(_HOLDER, {"digest": token_digest(token)}).first()
    if row is None or (refusal := _refusal(row)) is not None:
        raise NotAuthenticated(refusal if row is not None else _EXPIRED)
    if row.principal_kind == PrincipalKind.KIOSK:
        return Principal(
            PrincipalKind.KIOSK,
            row.principal_id,
            row.device_centre,
            row.device_name,
            frozenset({Capability.KIOSK_DEVICE}),
        )
    return _staff(
        session, row.principal_id, row.staff_centre, row.first_name, row.last_name, row.capabilities
    )


def principal_for_token(db: Database, token: str) -> Principal:
    """The caller `token` signs in, noting when a kiosk was last seen.

    Raises:
        NotAuthenticated: as `resolve_token` does.
    """
    with db.reading() as session:
        caller = resolve_token(session, token)
        seen = (
            session.scalar(select(KioskDevice.last_seen_at).where(KioskDevice.id == caller.id))
            if caller.is_kiosk
            else None
        )
    if caller.is_kiosk and (seen is None or utcnow() - seen > SEEN_EVERY):
        with db.writing() as session:  # not stamped: last_seen_at is not synced
            session.execute(
                update(KioskDevice).where(KioskDevice.id == caller.id).values(last_seen_at=utcnow())
            )
    return caller


SEEN_EVERY = timedelta(minutes=5)
"""How stale a kiosk's `last_seen_at` may get before a request writes it again."""


def signed_in(session: Session, digests: Collection[str]) -> set[str]:
    """Which of the token digests still stand for someone, as `resolve_token` decides.

    A streamed feed lasts minutes on one sign-in check; the streams of a centre are
    checked again together, one statement for all of them.
    """
    if not digests:
        return set()
    rows = session.execute(_HOLDERS, {"digests": sorted(digests)})
    return {row.token_hash for row in rows if _refusal(row) is None}


_EXPIRED = "the sign-in has expired or was revoked: sign in again"


def _refusal(row: Row[*tuple[Any, ...]]) -> str | None:
    """Why a token's row no longer signs anyone in, or None while it does."""
    if row.revoked or row.expires_at <= utcnow():
        return _EXPIRED
    if row.principal_kind == PrincipalKind.KIOSK:
        if row.device_centre is None or row.device_revoked or row.device_deleted:
            return "this kiosk is no longer enrolled"
    elif row.staff_centre is None or not row.active or row.staff_deleted:
        return "this staff account is no longer active"
    return None


def staff_principal(session: Session, staff: Staff) -> Principal:
    """The principal of a staff member, with their room assignments."""
    return _staff(
        session, staff.id, staff.centre_id, staff.first_name, staff.last_name, staff.capabilities
    )


def _staff(
    session: Session, staff_id: str, centre_id: str, first: str, last: str, capabilities: str
) -> Principal:
    """A staff principal, with the rooms the staff member is assigned to."""
    return Principal(
        PrincipalKind.STAFF,
        staff_id,
        centre_id,
        f"{first} {last}",
        parse_capabilities(capabilities),
        frozenset(session.scalars(_ROOMS, {"staff": staff_id})),
    )


_ROOMS = select(StaffRoom.room_id).where(
    StaffRoom.staff_id == bindparam("staff"), ~StaffRoom.deleted
)
