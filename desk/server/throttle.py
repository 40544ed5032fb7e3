"""Sign-in throttling kept in the database, so every server process shares it.

The policy (how many failures, which delays, why a real admin is never locked out
for good) is `desk.core.throttle`; this module keeps its state in `login_attempt`.

An attempt is checked and recorded in one short write transaction that holds a
lock on its account and its address (PostgreSQL advisory locks; SQLite's
`BEGIN IMMEDIATE` serialises every writer anyway), and the attempt is recorded as
a failure *before* the password is checked, outside the lock. So fifty attempts
sent at once are counted one after another, each sees those before it, and the
slow password hash never holds a lock. A successful check marks its attempt
succeeded afterwards.

Nothing here writes a synced row: a failed sign-in neither bumps the centre's
sync version nor wakes any long-poll. Failures reach the audit log folded into one
`login_failed` event per account, written by its next successful sign-in (which
writes synced rows anyway) or by the hourly retention turn (`audit_failures`).

The address is the client address uvicorn reports: it honours `X-Forwarded-For`
only from the proxies in `FORWARDED_ALLOW_IPS` (default 127.0.0.1). Behind a load
balancer on another host, list it there, or every sign-in counts against the
balancer's one address.
"""

from __future__ import annotations

import ipaddress
from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, delete, false, func, select, text, true, update
from sqlalchemy.orm import Session

from desk.core.ids import new_id
from desk.core.kinds import AuditAction
from desk.core.throttle import TRUSTED_FOR, WINDOW, Recent, seconds_to_wait
from desk.server.db import Database
from desk.server.orm import AuditEvent, LoginAttempt, Staff
from desk.server.versioning import stamp

# Advisory lock namespace of sign-in throttling (any constant no other lock uses).
_LOCK_SPACE = 4012
KEEP_FOR = TRUSTED_FOR  # attempts are purged after this
AUDIT_AFTER = timedelta(minutes=10)  # the hourly turn audits failures older than this


class TooManyAttempts(Exception):
    """Sign-in refused without checking the password; the server answers 429."""

    def __init__(self, seconds: int) -> None:
        super().__init__(
            f"too many failed sign-ins: try again in {seconds} second{'s' if seconds != 1 else ''}"
        )
        self.seconds = seconds


def username_key(username: str) -> str:
    """The account a username names, for counting (case does not make a new one)."""
    return username.strip().lower()[:100]


def address_key(host: str | None) -> str:
    """The source a request counts against: its IPv4 address, or its IPv6 /64.

    One IPv6 subscriber usually holds a whole /64, so counting single IPv6
    addresses would give an attacker 2**64 fresh counters.
    """
    if not host:
        return "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host[:64]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def begin_attempt(database: Database, username: str, address: str, now: datetime) -> str:
    """Record an attempt as a failure once the throttle allows it; answer its id.

    Raises:
        TooManyAttempts: an attempt must wait; nothing was recorded.
    """
    with database.writing() as session:
        if database.dialect == "postgresql":
            for key in sorted((f"u:{username}", f"a:{address}")):
                session.execute(
                    text("SELECT pg_advisory_xact_lock(:space, hashtext(:key))"),
                    {"space": _LOCK_SPACE, "key": key},
                )
        mine = (LoginAttempt.username == username, LoginAttempt.address == address)
        success = _last_success(session, *mine)
        # This account from this address: since the window opened or it last signed
        # in from here, whichever is later.
        since = max(now - WINDOW, success) if success else now - WINDOW
        trusted = success is not None and success > now - TRUSTED_FOR
        wait = seconds_to_wait(
            _recent(session, since, *mine),
            _recent(session, now - WINDOW, LoginAttempt.address == address),
            None if trusted else _recent(session, now - WINDOW, LoginAttempt.username == username),
            now,
        )
        if wait > 0:
            raise TooManyAttempts(wait)
        attempt = LoginAttempt(id=new_id(), username=username, address=address, at=now)
        session.add(attempt)
        return attempt.id


def succeeded(session: Session, attempt_id: str, staff: Staff, now: datetime) -> None:
    """Mark the attempt succeeded and fold the account's unaudited failures into one event.

    The audit event is written in the caller's (sign-in) transaction.
    """
    session.execute(
        update(LoginAttempt).where(LoginAttempt.id == attempt_id).values(succeeded=True)
    )
    _audit_failures_of(session, staff, now)


def audit_failures(database: Database, now: datetime) -> int:
    """Write the failures no sign-in has audited yet; answers how many accounts had some.

    One event per account and one version per centre. Failures younger than
    `AUDIT_AFTER` wait for the next turn, as their sign-in may still be in flight.
    """
    with database.reading() as session:
        names = set(
            session.scalars(
                select(LoginAttempt.username).where(
                    LoginAttempt.succeeded == false(),
                    LoginAttempt.audited == false(),
                    LoginAttempt.at < now - AUDIT_AFTER,
                )
            )
        )
    by_centre: dict[str, list[str]] = defaultdict(list)
    with database.reading() as session:
        for staff in session.scalars(select(Staff).where(func.lower(Staff.username).in_(names))):
            by_centre[staff.centre_id].append(staff.id)
    audited = 0
    for centre_id, staff_ids in by_centre.items():
        with database.writing() as session:
            for staff_id in staff_ids:
                staff = session.get_one(Staff, staff_id)
                audited += _audit_failures_of(session, staff, now, before=now - AUDIT_AFTER)
            stamp(session, centre_id)
    return audited


def purge_attempts(database: Database, now: datetime) -> int:
    """Drop attempts older than `KEEP_FOR` (they no longer count for anything)."""
    with database.writing() as session:
        result = session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - KEEP_FOR))
        return int(getattr(result, "rowcount", 0) or 0)


def _audit_failures_of(
    session: Session, staff: Staff, now: datetime, *, before: datetime | None = None
) -> int:
    """One `login_failed` event for the account's unaudited failures; 1 if written."""
    where = and_(
        LoginAttempt.username == username_key(staff.username),
        LoginAttempt.succeeded == false(),
        LoginAttempt.audited == false(),
        LoginAttempt.at < (before or now),
    )
    failures = session.execute(select(LoginAttempt.at, LoginAttempt.address).where(where)).all()
    if not failures:
        return 0
    addresses = sorted({address for _, address in failures})
    shown = ", ".join(addresses[:5]) + (
        f" and {len(addresses) - 5} more" if len(addresses) > 5 else ""
    )
    count = len(failures)
    session.add(
        AuditEvent(
            id=new_id(),
            centre_id=staff.centre_id,
            at=max(at for at, _ in failures),
            action=AuditAction.LOGIN_FAILED,
            actor_kind="staff",
            actor_id=staff.id,
            actor_label=f"{staff.first_name} {staff.last_name}",
            detail=f"{count} failed sign-in{'s' if count != 1 else ''} from {shown}",
        )
    )
    session.execute(update(LoginAttempt).where(where).values(audited=True))
    return 1


def _recent(session: Session, since: datetime, *where: ColumnElement[bool]) -> Recent:
    failures, last = session.execute(
        select(func.count(), func.max(LoginAttempt.at)).where(
            LoginAttempt.succeeded == false(), LoginAttempt.at > since, *where
        )
    ).one()
    return Recent(int(failures), last)


def _last_success(session: Session, *where: ColumnElement[bool]) -> datetime | None:
    last: datetime | None = session.execute(
        select(func.max(LoginAttempt.at)).where(LoginAttempt.succeeded == true(), *where)
    ).scalar_one()
    return last
