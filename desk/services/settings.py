"""Settings an admin changes from the app (issue 13 item 7).

Staff capabilities, a guardian's split-family privacy, and whether students may take
part in conversations. Each is a command in the outbox (admins only; the server
checks and audits it) and a synced column, so other workstations follow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desk.core.permissions import Capability, parse_capabilities
from desk.core.user_errors import UserError
from desk.models.cache import Cache
from desk.sync.outbox import Queued, submit

ASSIGNABLE = (
    Capability.FULL_MESSAGING,
    Capability.MASS_TEXT,
    Capability.SMS_LOGS,
    Capability.ADMIN,
)
"""The capabilities an admin gives staff, in the order the settings page lists them."""


class SettingRefused(UserError):
    """A setting that cannot be changed as asked; the message says why."""


def _submit(cache: Cache, name: str, args: dict[str, object]) -> Queued:
    try:
        return submit(cache, name, args)
    except ValueError as refused:
        raise SettingRefused.from_error(refused) from refused


def set_capabilities(cache: Cache, staff_id: str, capabilities: Iterable[Capability]) -> Queued:
    """Give a staff member exactly these capabilities.

    Raises:
        SettingRefused: one that is not assignable (a kiosk's), or your own admin
            taken away.
    """
    chosen = sorted(set(capabilities))
    if wrong := [c for c in chosen if c not in ASSIGNABLE]:
        raise SettingRefused(f"{wrong[0].value} is not a staff permission")
    return _submit(
        cache,
        "set_staff_capabilities",
        {"staff_id": staff_id, "capabilities": [c.value for c in chosen]},
    )


def set_private_messaging(cache: Cache, guardian_id: str, on: bool) -> Queued:
    """Keep a guardian's conversations private from their family's other guardians."""
    return _submit(cache, "set_private_messaging", {"guardian_id": guardian_id, "on": on})


def set_students_in_conversations(cache: Cache, on: bool) -> Queued:
    """Whether students may be conversation participants at this centre."""
    return _submit(cache, "set_centre_settings", {"students_in_conversations": on})


@dataclass(frozen=True)
class CentreSettings:
    """The centre's settings as the settings page shows them."""

    students_in_conversations: bool


def centre_settings(cache: Cache) -> CentreSettings | None:
    """The cached centre's settings; None before the first sync."""
    rows = cache.read("SELECT students_in_conversations FROM centre LIMIT 1")
    return CentreSettings(bool(rows[0][0])) if rows else None


@dataclass(frozen=True)
class StaffPermissions:
    """One staff member's line on the settings page."""

    id: str
    name: str
    role: str
    capabilities: frozenset[Capability]
    active: bool


def staff_permissions(cache: Cache, offset: int = 0, limit: int = 200) -> list[StaffPermissions]:
    """A page of staff, active first then by name, with what each may do.

    A stored capability this version does not know shows as none held, as the
    sign-in does (`desk.services.directory.who_am_i`); saving replaces the whole list.
    """
    rows = cache.read(
        "SELECT id, first_name || ' ' || last_name, role, capabilities, active FROM staff"
        " ORDER BY active DESC, first_name COLLATE NOCASE, last_name COLLATE NOCASE, id"
        " LIMIT ? OFFSET ?",
        limit,
        offset,
    )
    found = []
    for staff_id, name, role, stored, active in rows:
        try:
            held = parse_capabilities(str(stored or ""))
        except ValueError:
            held = frozenset()
        found.append(StaffPermissions(str(staff_id), str(name), str(role), held, bool(active)))
    return found
