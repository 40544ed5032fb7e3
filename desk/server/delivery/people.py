"""What delivery needs to know about recipients, loaded in bulk.

A fan-out to thousands of guardians must not ask the database once per guardian for
who shares their phone, which channels failed for them and which devices they have,
so `Recipients` loads each of those for the whole list in a few queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

from desk.core.kinds import Channel
from desk.core.optin import PhoneHolder
from desk.server.orm import ChannelStatus, Device, Family, Guardian, Staff

_CHUNK = 500

# Built once: composing a statement costs more than running it on an index, and a
# reply runs each of these (DESIGN.md §6: the round trip of one command).
_CENTRE: BindParameter[str] = bindparam("centre")
_IDS: BindParameter[list[str]] = bindparam("ids", expanding=True)
_GUARDIANS_BY_PHONE = (
    select(Guardian, Family.name)
    .join(Family, Family.id == Guardian.family_id)
    .where(Guardian.centre_id == _CENTRE, Guardian.phone.in_(_IDS), ~Guardian.deleted)
)
_STAFF_BY_PHONE = select(Staff).where(
    Staff.centre_id == _CENTRE, Staff.phone.in_(_IDS), ~Staff.deleted
)
_FAILING = select(ChannelStatus).where(
    ChannelStatus.centre_id == _CENTRE,
    ChannelStatus.person_kind == bindparam("kind"),
    ChannelStatus.person_id.in_(_IDS),
    ChannelStatus.failing,
    ~ChannelStatus.deleted,
)
_FAMILY_DEVICES = (
    select(Device)
    .where(Device.family_id.in_(_IDS), Device.active, ~Device.deleted)
    .order_by(Device.id)
)
_GUARDIANS = select(Guardian).where(
    Guardian.centre_id == _CENTRE, Guardian.id.in_(_IDS), ~Guardian.deleted
)


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    items = list(dict.fromkeys(values))
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def holders_by_phone(
    session: Session, centre_id: str, phones: Iterable[str]
) -> dict[str, list[PhoneHolder]]:
    """Every guardian and staff record holding each phone (seed 001), by phone.

    Each comes with its role and family, so a reason or label can say which record it
    means.
    """
    found: dict[str, list[PhoneHolder]] = {}
    for chunk in _chunks(p for p in phones if p):
        chosen = {"centre": centre_id, "ids": chunk}
        for g, family in session.execute(_GUARDIANS_BY_PHONE, chosen):
            found.setdefault(g.phone or "", []).append(
                PhoneHolder(
                    "guardian",
                    g.id,
                    f"{g.first_name} {g.last_name}",
                    g.sms_opt_in,
                    role=str(g.kind),
                    family=family,
                )
            )
        for s in session.scalars(_STAFF_BY_PHONE, {"centre": centre_id, "ids": chunk}):
            found.setdefault(s.phone or "", []).append(
                PhoneHolder("staff", s.id, f"{s.first_name} {s.last_name}", s.sms_opt_in)
            )
    for holders in found.values():
        holders.sort(key=lambda h: (h.record_kind, h.name.casefold(), h.record_id))
    return found


def failing_channels(
    session: Session, centre_id: str, person_kind: str, person_ids: Iterable[str]
) -> dict[str, set[Channel]]:
    """The channels marked failing and not reset, by person id (seed 004)."""
    failing: dict[str, set[Channel]] = {}
    for chunk in _chunks(person_ids):
        chosen = {"centre": centre_id, "kind": person_kind, "ids": chunk}
        for status in session.scalars(_FAILING, chosen):
            failing.setdefault(status.person_id, set()).add(Channel(status.channel))
    return failing


def guardian_devices(session: Session, guardians: Iterable[Guardian]) -> dict[str, list[Device]]:
    """Active devices that reach each guardian: their own, and the family's shared ones."""
    people = list(guardians)
    by_family: dict[str, list[Device]] = {}
    for chunk in _chunks(g.family_id for g in people):
        for device in session.scalars(_FAMILY_DEVICES, {"ids": chunk}):
            by_family.setdefault(device.family_id, []).append(device)
    return {
        g.id: [d for d in by_family.get(g.family_id, []) if d.guardian_id in (None, g.id)]
        for g in people
    }


@dataclass
class Recipients:
    """Guardians about to be messaged, with what delivery needs for each."""

    guardians: list[Guardian]
    holders: dict[str, list[PhoneHolder]] = field(default_factory=dict)
    failing: dict[str, set[Channel]] = field(default_factory=dict)
    devices: dict[str, list[Device]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, centre_id: str, guardian_ids: Iterable[str]) -> Recipients:
        """Load the guardians and everything about them in a few queries."""
        ids = list(dict.fromkeys(guardian_ids))
        guardians: list[Guardian] = []
        for chunk in _chunks(ids):
            guardians.extend(session.scalars(_GUARDIANS, {"centre": centre_id, "ids": chunk}))
        order = {guardian_id: n for n, guardian_id in enumerate(ids)}
        guardians.sort(key=lambda g: order[g.id])
        return cls(
            guardians,
            holders_by_phone(session, centre_id, (g.phone or "" for g in guardians)),
            failing_channels(session, centre_id, "guardian", ids),
            guardian_devices(session, guardians),
        )

    def only(self, guardians: list[Guardian]) -> Recipients:
        """The same knowledge, about some of the guardians only."""
        return Recipients(guardians, self.holders, self.failing, self.devices)
