"""Password-free sign-in: a one-time code to an address on file, then a session.

A request for a code and a check of one are both throttled by the staff sign-in
throttle (`desk.server.throttle`), counted per address and per source address,
under keys of their own (`family-send:`, `family:`) so they never mix with staff
usernames. Whether the address is on file changes nothing a caller can see: the
same answer, the same throttle, and the code goes out through the job queue, so
even the time taken does not tell. Codes and sessions are stored hashed
(`desk.core.family_codes`).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from desk.core import family_codes as rules
from desk.core.ids import new_id
from desk.core.kinds import Channel, GuardianKind
from desk.core.phones import normalize_phone
from desk.server.db import Database
from desk.server.family.i18n import translator
from desk.server.family.sending import FAMILY_CODE
from desk.server.jobs.queue import NewJob, enqueue_many
from desk.server.orm import Centre, FamilyCode, FamilySession, Guardian, LoginAttempt
from desk.server.throttle import begin_attempt

_E164 = re.compile(r"\+[1-9][0-9]{6,14}")


@dataclass(frozen=True)
class SignedIn:
    """The guardian a session cookie belongs to, and the session's CSRF token."""

    guardian_id: str
    centre_id: str
    csrf_token: str
    language: str


def address_of(raw: str, region: str = "US") -> str | None:
    """The stored form of a typed phone number (E.164) or email address; None if neither."""
    text = raw.strip()
    if "@" in text:
        local, _, domain = text.rpartition("@")
        return text.casefold() if local and "." in domain and len(text) <= 254 else None
    compact = "".join(ch for ch in text if ch not in " -().")
    if _E164.fullmatch(compact):  # as stored, even where the numbering plan does not know it
        return compact
    try:
        return normalize_phone(text, region)
    except ValueError:
        return None


def request_code(
    database: Database, centre_id: str, address: str, source: str, now: datetime
) -> None:
    """Send a code to `address` if a guardian of the centre has it on file.

    Raises:
        TooManyAttempts: too many codes asked for this address or from this source.
    """
    begin_attempt(database, _throttle_key("family-send", address), source, now)
    with database.writing() as session:
        centre = session.get(Centre, centre_id)
        guardian = _holder(session, centre_id, address) if centre is not None else None
        if centre is None or guardian is None:
            return
        # A new code replaces any earlier one: only the latest can sign in.
        session.execute(
            update(FamilyCode)
            .where(
                FamilyCode.centre_id == centre_id,
                FamilyCode.address == address,
                FamilyCode.used_at.is_(None),
            )
            .values(used_at=now)
        )
        code, salt = rules.new_code(), rules.new_salt()
        code_id = new_id()
        session.add(
            FamilyCode(
                id=code_id,
                centre_id=centre_id,
                guardian_id=guardian.id,
                address=address,
                code_hash=rules.code_hash(code, salt),
                salt=salt,
                created_at=now,
                expires_at=now + rules.CODE_LIFETIME,
                tries=0,
            )
        )
        t = translator(guardian.language)
        channel = Channel.EMAIL if "@" in address else Channel.SMS
        payload = {
            "channel": channel.value,
            "address": address,
            "subject": t("code_subject", centre=centre.name),
            "text": t("code_sms", code=code, centre=centre.name),
        }
        enqueue_many(session, [NewJob(FAMILY_CODE, centre_id, f"family-code:{code_id}", payload)])


def check_code(
    database: Database, centre_id: str, address: str, typed: str, source: str, now: datetime
) -> str | None:
    """A new session token if `typed` is the live code of `address`; None otherwise.

    A code works once, until it expires, and only within `MAX_TRIES` guesses.

    Raises:
        TooManyAttempts: too many wrong codes for this address or from this source.
    """
    attempt_id = begin_attempt(database, _throttle_key("family", address), source, now)
    with database.writing() as session:
        found = session.scalars(
            select(FamilyCode)
            .where(
                FamilyCode.centre_id == centre_id,
                FamilyCode.address == address,
                FamilyCode.used_at.is_(None),
            )
            .order_by(FamilyCode.created_at.desc())
            .limit(1)
            .with_for_update()
        ).first()
        if found is None or found.expires_at <= now or found.tries >= rules.MAX_TRIES:
            return None
        if not rules.code_matches(typed, found.salt, found.code_hash):
            found.tries += 1
            return None
        found.used_at = now
        session.execute(
            update(LoginAttempt).where(LoginAttempt.id == attempt_id).values(succeeded=True)
        )
        token = rules.new_token()
        session.add(
            FamilySession(
                token_hash=rules.token_hash(token),
                centre_id=centre_id,
                guardian_id=found.guardian_id,
                csrf_token=rules.new_token(),
                created_at=now,
                expires_at=now + rules.SESSION_LIFETIME,
            )
        )
        return token


def signed_in(database: Database, token: str, now: datetime) -> SignedIn | None:
    """Who holds the session `token`, while it is live and the guardian still exists."""
    if not token:
        return None
    with database.reading() as session:
        row = session.get(FamilySession, rules.token_hash(token))
        if row is None or row.expires_at <= now:
            return None
        guardian = session.get(Guardian, row.guardian_id)
        if guardian is None or guardian.deleted:
            return None
        return SignedIn(guardian.id, row.centre_id, row.csrf_token, guardian.language)


def sign_out(database: Database, token: str) -> None:
    """End the session `token`."""
    with database.writing() as session:
        session.execute(
            delete(FamilySession).where(FamilySession.token_hash == rules.token_hash(token))
        )


def csrf_ok(expected: str, given: str) -> bool:
    """Whether a form's CSRF token is the session's (constant-time)."""
    return bool(expected) and hmac.compare_digest(expected.encode(), given.encode())


def _throttle_key(purpose: str, address: str) -> str:
    """The throttle's account key of an address: short, and never a staff username."""
    return f"{purpose}:{hashlib.sha256(address.encode()).hexdigest()[:40]}"


def _holder(session: Session, centre_id: str, address: str) -> Guardian | None:
    """The guardian of the centre with `address` on file; a guardian before a pickup."""
    matches = session.scalars(
        select(Guardian)
        .where(
            Guardian.centre_id == centre_id,
            ~Guardian.deleted,
            or_(Guardian.phone == address, func.lower(Guardian.email) == address),
        )
        .order_by(Guardian.id)
    ).all()
    ranked = sorted(matches, key=lambda g: g.kind != GuardianKind.GUARDIAN)
    return ranked[0] if ranked else None
