"""Creating centres and their first admin: how a hosting provider adds a customer.

Everything else about a centre (rooms, families, more staff) is done by its admin in
the office app; what cannot be is the first admin, so the `desk centre create` command
writes the centre and that one account here. It is safe to run again: the admin's
username is unique across the deployment, so a second run with the same name and
username finds what the first one made and changes nothing (not even the password),
and any other clash is refused rather than half-written.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from desk.core.ids import new_id
from desk.core.kinds import StaffRole
from desk.core.permissions import ROLE_DEFAULTS, format_capabilities
from desk.server.db import Database
from desk.server.migrate import current_revision, head_revision
from desk.server.orm import Centre, Staff
from desk.server.security import hash_secret
from desk.server.versioning import ensure_scope, stamp

MAX_NAME_LENGTH = 255
MAX_USERNAME_LENGTH = 100
MIN_PASSWORD_LENGTH = 12
"""An admin's password is the key to every family's messages: no short ones."""


class CentreRefused(ValueError):
    """The centre cannot be created as asked; the message says why and what to do."""


@dataclass(frozen=True)
class CentreCreated:
    """The outcome of `create_centre`: `created` is False when it already existed."""

    centre_id: str
    admin_id: str
    created: bool


@dataclass(frozen=True)
class CentreSummary:
    """One line of `desk centre list`."""

    id: str
    name: str
    admins: tuple[str, ...]
    staff: int


def require_current_schema(database: Database) -> None:
    """Refuse to write into a database the running version has not migrated.

    Raises:
        CentreRefused: the schema is missing or at another revision.
    """
    with database.reading() as session:
        current = current_revision(session.connection())
    if current != (expected := head_revision()):
        raise CentreRefused(
            f"the database schema is at {current or 'nothing'}, this version needs {expected}: "
            "run `python -m desk.server.migrate upgrade` (or start `desk server`) first"
        )


def create_centre(
    database: Database,
    *,
    name: str,
    admin_username: str,
    admin_password: str,
    timezone: str = "America/New_York",
    phone_region: str = "US",
) -> CentreCreated:
    """Create a centre and its first admin, or find the ones an earlier run made.

    Raises:
        CentreRefused: a blank name or username, a short password, the username
            already someone else's, or another centre already has this name.
    """
    name, admin_username = name.strip(), admin_username.strip()
    if not name or not admin_username:
        raise CentreRefused("a centre needs a name and its admin a username")
    if len(name) > MAX_NAME_LENGTH or len(admin_username) > MAX_USERNAME_LENGTH:
        raise CentreRefused(
            f"a centre's name takes at most {MAX_NAME_LENGTH} characters and a username "
            f"{MAX_USERNAME_LENGTH}"
        )
    if len(admin_password) < MIN_PASSWORD_LENGTH:
        raise CentreRefused(f"the admin's password needs {MIN_PASSWORD_LENGTH} characters or more")
    if (found := _existing(database, name, admin_username)) is not None:
        return found
    # Hashing is slow on purpose: outside the transaction that holds the write lock.
    password_hash = hash_secret(admin_password)
    centre_id, admin_id = new_id(), new_id()
    try:
        with database.writing() as session:
            ensure_scope(session, centre_id)
            session.add(
                Centre(
                    id=centre_id,
                    centre_id=centre_id,
                    name=name,
                    timezone=timezone,
                    phone_region=phone_region,
                    kiosk_pin_secret=secrets.token_bytes(32).hex(),
                )
            )
            session.add(
                Staff(
                    id=admin_id,
                    centre_id=centre_id,
                    first_name=name,
                    last_name="Admin",
                    username=admin_username,
                    role=StaffRole.ADMIN,
                    capabilities=format_capabilities(ROLE_DEFAULTS[StaffRole.ADMIN]),
                    password_hash=password_hash,
                )
            )
            session.flush()
            stamp(session, centre_id)
    except IntegrityError:
        # Another run took the username between our check and our insert.
        if (found := _existing(database, name, admin_username)) is not None:
            return found
        raise
    return CentreCreated(centre_id, admin_id, created=True)


def _existing(database: Database, name: str, admin_username: str) -> CentreCreated | None:
    """What an earlier run made for these arguments; refuses any other clash."""
    with database.reading() as session:
        holder = session.execute(
            select(Staff.id, Staff.role, Centre.id, Centre.name)
            .join(Centre, Centre.id == Staff.centre_id)
            .where(func.lower(Staff.username) == admin_username.lower())
        ).first()
        namesake = session.scalar(
            select(Centre.id).where(Centre.name == name, Centre.deleted.is_(False)).limit(1)
        )
    if holder is not None:
        staff_id, role, centre_id, centre_name = holder
        if centre_name == name and role == StaffRole.ADMIN:
            return CentreCreated(centre_id, staff_id, created=False)
        raise CentreRefused(
            f"the username {admin_username!r} is already taken; choose another for this admin"
        )
    if namesake is not None:
        raise CentreRefused(
            f"a centre named {name!r} already exists ({namesake}); give the new one another name"
        )
    return None


def list_centres(database: Database) -> list[CentreSummary]:
    """Every centre with its admins' usernames and its number of active staff."""
    with database.reading() as session:
        centres = session.execute(
            select(Centre.id, Centre.name).where(Centre.deleted.is_(False)).order_by(Centre.name)
        ).all()
        staff = session.execute(
            select(Staff.centre_id, Staff.username, Staff.role).where(
                Staff.deleted.is_(False), Staff.active.is_(True)
            )
        ).all()
    admins: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    for centre_id, username, role in staff:
        counts[centre_id] = counts.get(centre_id, 0) + 1
        if role == StaffRole.ADMIN:
            admins.setdefault(centre_id, []).append(username)
    return [
        CentreSummary(
            centre_id, name, tuple(sorted(admins.get(centre_id, ()))), counts.get(centre_id, 0)
        )
        for centre_id, name in centres
    ]
