"""Kiosk enrollment: an admin issues a one-time code, the device trades it for a token."""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import update

from desk.core.ids import new_id
from desk.core.kinds import AuditAction
from desk.server.api.deps import AdminDep, DatabaseDep
from desk.server.api.problems import problems
from desk.server.fields import StoredText
from desk.server.orm import ApiToken, AuditEvent, Centre, EnrollmentCode, KioskDevice
from desk.server.orm.base import utcnow
from desk.server.principal import NotAuthenticated, PrincipalKind
from desk.server.security import new_enrollment_code, new_token, token_digest
from desk.server.versioning import stamp

router = APIRouter(prefix="/kiosk", tags=["kiosk"])

CODE_LIFETIME = timedelta(minutes=30)
CODE_ATTEMPTS = 5
KIOSK_TOKEN_LIFETIME = timedelta(days=3650)  # revoked by an admin, not by time


class EnrollmentCodeOut(BaseModel):
    """A code to type on the kiosk being set up."""

    code: str
    expires_at: datetime


class EnrollIn(BaseModel):
    """What the kiosk sends to enroll."""

    code: StoredText = Field(min_length=4, max_length=20)
    name: StoredText = Field(min_length=1, max_length=100, description="e.g. Front door")


class EnrolledKiosk(BaseModel):
    """The kiosk's identity; the token and PIN secret go into its keyring."""

    device_id: str
    centre_id: str
    token: str
    pin_secret: str = Field(description="hex key of the centre's PIN lookup HMAC")


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
            pin_secret=centre.kiosk_pin_secret,
        )
