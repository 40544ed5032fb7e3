"""Staff sign-in and sign-out.

Sign-in is throttled per account and address (`desk.server.throttle`, policy and its
reasons in `desk.core.throttle`): an attempt that must wait gets 429 with
`Retry-After` before its password is checked. A failed sign-in writes only its
`login_attempt` row, nothing synced, so it neither bumps the centre's sync version
nor wakes a long-poll; the account's failures are audited as one `login_failed`
event by its next sign-in (or the hourly retention turn).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desk.core.ids import new_id
from desk.core.kinds import AuditAction
from desk.server.api.deps import DatabaseDep, PrincipalDep, SettingsDep, bearer
from desk.server.api.problems import problems
from desk.server.fields import StoredText
from desk.server.orm import ApiToken, AuditEvent, Staff
from desk.server.orm.base import utcnow
from desk.server.principal import NotAuthenticated, Principal, PrincipalKind, staff_principal
from desk.server.security import new_token, token_digest, verify_secret
from desk.server.throttle import address_key, begin_attempt, succeeded, username_key
from desk.server.versioning import stamp

router = APIRouter(prefix="/auth", tags=["auth"])


class Login(BaseModel):
    """Username and password of a staff member."""

    username: StoredText = Field(min_length=1, max_length=100)
    password: StoredText = Field(min_length=1, max_length=200)


class Me(BaseModel):
    """The signed-in principal."""

    kind: str
    id: str
    centre_id: str
    display_name: str
    capabilities: list[str]
    room_ids: list[str]

    @classmethod
    def of(cls, who: Principal) -> Me:
        """The wire form of a principal."""
        return cls(
            kind=who.kind.value,
            id=who.id,
            centre_id=who.centre_id,
            display_name=who.display_name,
            capabilities=sorted(c.value for c in who.capabilities),
            room_ids=sorted(who.room_ids),
        )


class SignedIn(Me):
    """A new bearer token and who it belongs to."""

    token: str
    expires_at: datetime


@router.post(
    "/login",
    response_model=SignedIn,
    summary="Sign in with username and password",
    responses=problems(
        400,
        401,
        422,
        429,
        503,
        s401="Wrong username or password",
        s429="Too many failed sign-ins: try again after `Retry-After` seconds",
    ),
)
def login(body: Login, request: Request, db: DatabaseDep, config: SettingsDep) -> SignedIn:
    """Issue a bearer token, once the throttle lets the attempt be checked.

    The password is checked outside any write transaction: argon2 takes tens of
    milliseconds, and on SQLite a writer holds the only write lock.
    """
    now = utcnow()
    host = request.client.host if request.client else None
    attempt = begin_attempt(db, username_key(body.username), address_key(host), now)
    with db.reading() as session:
        found = session.execute(
            select(Staff.id, Staff.password_hash, Staff.active, Staff.deleted).where(
                Staff.username == body.username
            )
        ).first()
    valid = verify_secret(found.password_hash if found else None, body.password)
    if found is None or not valid or not found.active or found.deleted:
        raise NotAuthenticated("wrong username or password")
    with db.writing() as session:
        staff = session.get_one(Staff, found.id)
        if not staff.active or staff.deleted:  # deactivated meanwhile
            raise NotAuthenticated("wrong username or password")
        succeeded(session, attempt, staff, now)
        token = new_token()
        expires = now + timedelta(days=config.token_days)
        session.add(
            ApiToken(
                token_hash=token_digest(token),
                principal_kind=PrincipalKind.STAFF,
                principal_id=staff.id,
                centre_id=staff.centre_id,
                created_at=now,
                expires_at=expires,
            )
        )
        _audit(session, staff, AuditAction.LOGIN, now)
        stamp(session, staff.centre_id)
        who = staff_principal(session, staff)
    return SignedIn(token=token, expires_at=expires, **Me.of(who).model_dump())


def _audit(session: Session, staff: Staff, action: AuditAction, now: datetime) -> None:
    session.add(
        AuditEvent(
            id=new_id(),
            centre_id=staff.centre_id,
            at=now,
            action=action,
            actor_kind="staff",
            actor_id=staff.id,
            actor_label=f"{staff.first_name} {staff.last_name}",
        )
    )


@router.get("/me", response_model=Me, summary="Who the token belongs to", responses=problems(401))
def me(caller: PrincipalDep) -> Me:
    """The caller's identity and capabilities, so the UI shows only what it may do."""
    return Me.of(caller)


@router.post(
    "/logout", status_code=204, summary="Revoke the presented token", responses=problems(401)
)
def logout(
    caller: PrincipalDep,
    db: DatabaseDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Response:
    """Revoke the token used for this request; other devices stay signed in.

    Audited like the sign-in, so the log shows when a shared front-desk PC changed
    hands. A kiosk has its own way out (an admin revokes it), so only staff sign out.
    """
    assert credentials is not None  # `caller` resolved, so a token was presented
    with db.writing() as session:
        staff = session.get(Staff, caller.id) if caller.kind is PrincipalKind.STAFF else None
        if staff is not None:
            _audit(session, staff, AuditAction.LOGOUT, utcnow())
            stamp(session, staff.centre_id)
        session.execute(
            update(ApiToken)
            .where(
                ApiToken.token_hash == token_digest(credentials.credentials),
                ApiToken.principal_id == caller.id,
            )
            .values(revoked=True)
        )
    return Response(status_code=204)
