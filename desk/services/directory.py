"""People and their records: who is signed in, family and staff records, their history.

The family and staff pages (seed 001) show a person's contact details, whether their
number may be texted, and a Communication tab with their conversations and text
messages. Whether a number may be texted is decided by `desk.core.optin` over every
record holding it, the same rule the server applies when it sends.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.core.optin import PhoneHolder, can_text, opt_out_reason
from desk.core.permissions import Capability, parse_capabilities
from desk.core.user_errors import UserError
from desk.models import directory_queries as q
from desk.models.cache import Cache
from desk.models.queries import FamilyRow, list_families


@dataclass(frozen=True)
class Me:
    """The signed-in staff member and what they may do, for showing or hiding actions.

    The server refuses what they may not do regardless (DESIGN.md F9); this only
    keeps the screens from offering it.
    """

    id: str
    name: str
    capabilities: frozenset[Capability]
    room_ids: frozenset[str]

    @property
    def full_messaging(self) -> bool:
        """Office Chat and every classroom (seed 000)."""
        return Capability.FULL_MESSAGING in self.capabilities

    @property
    def may_text(self) -> bool:
        """Mass Text: may send text messages (seed 001)."""
        return Capability.MASS_TEXT in self.capabilities

    @property
    def is_admin(self) -> bool:
        """Sees the audit log and background tasks."""
        return Capability.ADMIN in self.capabilities


def who_am_i(cache: Cache) -> Me | None:
    """The signed-in staff member, or None before the first sync brought their row."""
    with cache.session() as session:
        row = q.signed_in(session)
    if row is None:
        return None
    try:
        capabilities = parse_capabilities(row.capabilities)
    except ValueError:  # a capability this version does not know: grant nothing extra
        capabilities = frozenset()
    return Me(row.id, row.name, capabilities, row.room_ids)


def find_families(
    cache: Cache, search: str = "", offset: int = 0, limit: int = 100
) -> list[FamilyRow]:
    """Families by name, or those whose name, guardians, children or phones match."""
    with cache.session() as session:
        return list_families(session, search, limit=limit, offset=offset)


def find_staff(
    cache: Cache, search: str = "", offset: int = 0, limit: int = 100
) -> list[q.StaffRow]:
    """Staff by name, or those whose name or phone digits match."""
    with cache.session() as session:
        return q.list_staff(session, search, limit=limit, offset=offset)


@dataclass(frozen=True)
class NumberStatus:
    """Whether a phone number may be texted, and if not, why (seed 001).

    Attributes:
        reason: names who opted out, including other records sharing the number.
    """

    can_text: bool
    reason: UserError | None


@dataclass(frozen=True)
class Contact:
    """A guardian or pickup on the family record, with the texting verdict for their number."""

    detail: q.GuardianDetail
    number: NumberStatus | None  # None: no phone on file


@dataclass(frozen=True)
class FamilyRecord:
    """A family record page."""

    id: str
    name: str
    notes: str
    contacts: tuple[Contact, ...]
    students: tuple[q.StudentDetail, ...]
    pickups: tuple[q.PickupDetail, ...]

    @property
    def guardian_ids(self) -> list[str]:
        """Guardians (not pickups) of the family: who kiosk messages can go to."""
        return [c.detail.id for c in self.contacts if c.detail.kind == "guardian"]

    @property
    def phones(self) -> list[str]:
        """Every number on the family's contacts, each once."""
        return list(dict.fromkeys(c.detail.phone for c in self.contacts if c.detail.phone))


def _number_status(holders: list[PhoneHolder]) -> NumberStatus:
    return NumberStatus(can_text(holders), opt_out_reason(holders))


def family_record(cache: Cache, family_id: str) -> FamilyRecord | None:
    """One family's record; None when it is not (or no longer) cached."""
    with cache.session() as session:
        row = q.family_record(session, family_id)
        if row is None:
            return None
        holders = q.phone_holders(session, (g.phone for g in row.guardians if g.phone))
    contacts = tuple(
        Contact(g, _number_status(holders[g.phone]) if g.phone else None) for g in row.guardians
    )
    return FamilyRecord(row.id, row.name, row.notes, contacts, row.students, row.pickups)


@dataclass(frozen=True)
class StaffRecord:
    """A staff record page."""

    detail: q.StaffRecordRow
    number: NumberStatus | None


def staff_record(cache: Cache, staff_id: str) -> StaffRecord | None:
    """One staff member's record; None when not cached."""
    with cache.session() as session:
        row = q.staff_record(session, staff_id)
        if row is None:
            return None
        holders = q.phone_holders(session, [row.phone] if row.phone else [])
    return StaffRecord(row, _number_status(holders[row.phone]) if row.phone else None)


@dataclass(frozen=True)
class Communication:
    """A record's Communication tab: conversations and text messages (seed 001)."""

    threads: list[q.PersonThreadRow]
    texts: list[q.SmsEntry]


def family_communication(cache: Cache, record: FamilyRecord, limit: int = 200) -> Communication:
    """The family's conversations and every text to or from its numbers."""
    with cache.session() as session:
        threads = q.person_threads(session, family_id=record.id, phones=record.phones, limit=limit)
        texts = q.sms_history(session, phones=record.phones, family_id=record.id, limit=limit)
    return Communication(threads, texts)


def staff_communication(cache: Cache, record: StaffRecord, limit: int = 200) -> Communication:
    """A staff member's text conversations and group conversations."""
    phones = [record.detail.phone] if record.detail.phone else []
    with cache.session() as session:
        threads = q.person_threads(session, phones=phones, staff_id=record.detail.id, limit=limit)
        texts = q.sms_history(session, phones=phones, limit=limit)
    return Communication(threads, texts)
