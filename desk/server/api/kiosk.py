"""Kiosk enrollment: an admin issues a one-time code, the device trades it for a token.

Kiosk tokens are short-lived and rotated (issue 12, item 3): the kiosk trades its
token for a new one at least daily (`POST /kiosk/token`); the trade cuts every other
token of the device to `ROTATION_GRACE`, so a copied token stops working within a
day and an hour, and if the thief rotates first, the real kiosk's next request gets
401, which the office sees. Admins list kiosks and revoke one
(`GET /kiosk/devices`, `POST /kiosk/devices/{id}/revoke`); a revoked kiosk gets 401
on its next request and wipes its PIN verifiers.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field
from sqlalchemy import select, update

from desk.core.ids import new_id
from desk.core.kinds import AuditAction
from desk.server.api.deps import AdminDep, DatabaseDep, KioskDep
from desk.server.api.problems import problems
from desk.server.commands.registry import NotFound
from desk.server.fields import NO_NUL, StoredText
from desk.server.orm import ApiToken, AuditEvent, Centre, EnrollmentCode, KioskDevice, Staff
from desk.server.orm.base import utcnow
from desk.server.principal import NotAuthenticated, PrincipalKind
from desk.server.security import new_enrollment_code, new_token, token_digest
from desk.server.versioning import stamp

router = APIRouter(prefix="/kiosk", tags=["kiosk"])

CODE_LIFETIME = timedelta(minutes=30)
CODE_ATTEMPTS = 5
KIOSK_TOKEN_LIFETIME = timedelta(days=30)
"""A kiosk offline for longer than this must be enrolled again."""
ROTATION_GRACE = timedelta(hours=1)
"""How long a kiosk's previous tokens keep working after it rotates: long enough for
a kiosk whose rotation answer was lost to retry, short enough to cut off a copy."""


class EnrollmentCodeOut(BaseModel):
    """A code to type on the kiosk being set up."""

    code: str
    expires_at: datetime


class CodeIn(BaseModel):
    """An enrollment code the admin holds, sent in the body to keep it out of access logs."""

    code: StoredText = Field(min_length=4, max_length=20)


class CodeState(BaseModel):
    """Whether a code was used, so the office's dialog can say so."""

    used: bool
    expired: bool
    expires_at: datetime


class EnrollIn(BaseModel):
    """What the kiosk sends to enroll."""

    code: StoredText = Field(min_length=4, max_length=20)
    name: StoredText = Field(min_length=1, max_length=100, description="e.g. Front door")


class KioskToken(BaseModel):
    """A kiosk's new token, which replaces the one presented."""

    token: str
    expires_at: datetime


class KioskOut(BaseModel):
    """An enrolled kiosk, as the office's Kiosks list shows it."""

    id: str
    name: str
    enrolled_by: str = Field(description="the admin's name")
    enrolled_at: datetime
    last_seen_at: datetime | None
    revoked: bool


class KioskList(BaseModel):
    """The centre's kiosks, newest first."""

    kiosks: list[KioskOut]


class EnrolledKiosk(BaseModel):
    """The kiosk's identity; the token goes into its keyring.

    No PIN secret: the kiosk checks PINs against memory-hard verifiers from its feed
    (issue 12, item 2), and the centre's PIN key never leaves the server.
    """

    device_id: str
    centre_id: str
    token: str


@router.post(
    "/enrollment-codes",
    response_model=EnrollmentCodeOut,
    status_code=201,
    summary="Issue a one-time kiosk enrollment code (admin)",
    responses=problems(401, 403),
)
def issue_code(caller: AdminDep, db: DatabaseDep) -> EnrollmentCodeOut:
    """A code valid for 30 minutes and a few attempts, stored only as a digest."""
    code = new_enrollment_code()
    now = utcnow()
    with db.writing() as session:
        session.add(
            EnrollmentCode(
                code_hash=token_digest(code),
                centre_id=caller.centre_id,
                created_by=caller.id,
                created_at=now,
                expires_at=now + CODE_LIFETIME,
            )
        )
    return EnrollmentCodeOut(code=code, expires_at=now + CODE_LIFETIME)


@router.post(
    "/enrollment-codes/state",
    response_model=CodeState,
    summary="Whether an enrollment code was used or expired (admin)",
    responses=problems(400, 401, 403, 404, 422, s404="No such code in this centre"),
)
def code_state(body: CodeIn, caller: AdminDep, db: DatabaseDep) -> CodeState:
    """The office's Enroll a kiosk dialog asks this until the kiosk has used its code."""
    digest = token_digest(body.code.strip().upper())
    with db.reading() as session:
        code = session.get(EnrollmentCode, digest)
        if code is None or code.centre_id != caller.centre_id:
            raise NotFound("that enrollment code does not exist")
        return CodeState(
            used=code.used, expired=code.expires_at <= utcnow(), expires_at=code.expires_at
        )


@router.post(
    "/enroll",
    response_model=EnrolledKiosk,
    status_code=201,
    summary="Enroll this device as a kiosk with a code",
    responses=problems(400, 401, 422, s401="Unknown, used or expired code"),
)
def enroll(body: EnrollIn, db: DatabaseDep) -> EnrolledKiosk:
    """Trade a one-time code for a kiosk token that reaches kiosk endpoints only."""
    now = utcnow()
    digest = token_digest(body.code.strip().upper())
    with db.writing() as session:
        code = session.get(EnrollmentCode, digest)
        if code is None or code.used or code.expires_at <= now or code.attempts >= CODE_ATTEMPTS:
            raise NotAuthenticated("that enrollment code is unknown, used or expired")
        session.execute(
            update(EnrollmentCode).where(EnrollmentCode.code_hash == digest).values(used=True)
        )
        centre = session.get_one(Centre, code.centre_id)
        device = KioskDevice(
            id=new_id(),
            centre_id=centre.id,
            name=body.name,
            enrolled_by=code.created_by,
            enrolled_at=now,
        )
        token = new_token()
        session.add_all(
            [
                device,
                ApiToken(
                    token_hash=token_digest(token),
                    principal_kind=PrincipalKind.KIOSK,
                    principal_id=device.id,
                    centre_id=centre.id,
                    created_at=now,
                    expires_at=now + KIOSK_TOKEN_LIFETIME,
                ),
                AuditEvent(
                    id=new_id(),
                    centre_id=centre.id,
                    at=now,
                    action=AuditAction.KIOSK_ENROLLED,
                    actor_kind="staff",
                    actor_id=code.created_by,
                    detail=body.name,
                ),
            ]
        )
        stamp(session, centre.id)
        return EnrolledKiosk(
            device_id=device.id,
            centre_id=centre.id,
            token=token,
        )


@router.post(
    "/token",
    response_model=KioskToken,
    summary="Trade this kiosk's token for a new one (kiosk)",
    responses=problems(401, 403, s401="Unknown, expired or revoked token"),
)
def rotate_token(caller: KioskDep, db: DatabaseDep) -> KioskToken:
    """A fresh token; every other token of this kiosk stops within `ROTATION_GRACE`."""
    now = utcnow()
    token = new_token()
    with db.writing() as session:
        session.execute(
            update(ApiToken)
            .where(
                ApiToken.principal_kind == PrincipalKind.KIOSK.value,
                ApiToken.principal_id == caller.id,
                ApiToken.expires_at > now + ROTATION_GRACE,
            )
            .values(expires_at=now + ROTATION_GRACE)
        )
        session.add(
            ApiToken(
                token_hash=token_digest(token),
                principal_kind=PrincipalKind.KIOSK,
                principal_id=caller.id,
                centre_id=caller.centre_id,
                created_at=now,
                expires_at=now + KIOSK_TOKEN_LIFETIME,
            )
        )
    return KioskToken(token=token, expires_at=now + KIOSK_TOKEN_LIFETIME)


@router.get(
    "/devices",
    response_model=KioskList,
    summary="List the centre's enrolled kiosks (admin)",
    responses=problems(401, 403),
)
def list_devices(caller: AdminDep, db: DatabaseDep) -> KioskList:
    """Name, who enrolled it, when it was last seen, and whether it was revoked."""
    with db.reading() as session:
        rows = session.execute(
            select(KioskDevice, Staff.first_name, Staff.last_name)
            .outerjoin(Staff, Staff.id == KioskDevice.enrolled_by)
            .where(KioskDevice.centre_id == caller.centre_id, ~KioskDevice.deleted)
            .order_by(KioskDevice.enrolled_at.desc(), KioskDevice.id)
        ).all()
        return KioskList(
            kiosks=[
                KioskOut(
                    id=device.id,
                    name=device.name,
                    enrolled_by=f"{first or ''} {last or ''}".strip(),
                    enrolled_at=device.enrolled_at,
                    last_seen_at=device.last_seen_at,
                    revoked=device.revoked,
                )
                for device, first, last in rows
            ]
        )


@router.post(
    "/devices/{device_id}/revoke",
    response_model=KioskOut,
    summary="Revoke an enrolled kiosk (admin)",
    responses=problems(401, 403, 404, 422, s404="No such kiosk"),
)
def revoke_device(
    caller: AdminDep,
    db: DatabaseDep,
    device_id: str = Path(min_length=1, max_length=36, pattern=NO_NUL),
) -> KioskOut:
    """Revoke the kiosk and all its tokens: its next request gets 401. Idempotent."""
    now = utcnow()
    with db.writing() as session:
        device = session.get(KioskDevice, device_id)
        if device is None or device.deleted or device.centre_id != caller.centre_id:
            raise NotFound(f"kiosk {device_id} does not exist")
        session.execute(
            update(ApiToken)
            .where(
                ApiToken.principal_kind == PrincipalKind.KIOSK.value,
                ApiToken.principal_id == device.id,
            )
            .values(revoked=True)
        )
        if not device.revoked:
            device.revoked = True
            session.add(
                AuditEvent(
                    id=new_id(),
                    centre_id=caller.centre_id,
                    at=now,
                    action=AuditAction.KIOSK_REVOKED,
                    actor_kind="staff",
                    actor_id=caller.id,
                    actor_label=caller.display_name,
                    detail=device.name,
                )
            )
            stamp(session, caller.centre_id)
        enrolled_by = session.get(Staff, device.enrolled_by)
        return KioskOut(
            id=device.id,
            name=device.name,
            enrolled_by=(
                f"{enrolled_by.first_name} {enrolled_by.last_name}" if enrolled_by else ""
            ),
            enrolled_at=device.enrolled_at,
            last_seen_at=device.last_seen_at,
            revoked=True,
        )
