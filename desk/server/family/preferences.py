"""A guardian's preferences in the family app: how they are reached, and texts.

The changes are the office's own: the preferred channel and language go through
`change_preferences`, the function behind the office's `set_contact_preferences`
command, and consent to texts is the record's `sms_opt_in` that STOP and START
set. Each write happens in a `centre_write`, so the rows carry the centre's next
version and reach the office's clients through the change feed, and each change
appends an audit event naming the guardian and the family app.

A browser's web push subscription is a `device` of the guardian's family with
platform "web": the office's push audiences count it like a phone with the app
(`desk.server.delivery.push.resolve`), and delivery to the app channel reaches it.
Its id is derived from guardian and endpoint, so subscribing again from the same
browser updates the one row rather than adding a second device.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.core.family_prefs import Texting, channel_choices, may_set_texts, texting
from desk.core.ids import derived_id, new_id
from desk.core.kinds import AuditAction, Channel, GuardianKind, PersonKind
from desk.server.commands.records import change_preferences
from desk.server.delivery.people import holders_by_phone
from desk.server.orm import AuditEvent, Device, Guardian
from desk.server.providers.webpush import PLATFORM, WebSubscription, load_subscription

MAX_BROWSERS = 10
"""Subscriptions one guardian may hold: a phone, a tablet, a laptop, and spares."""


class NotYours(Exception):
    """A record named in the form is not one this guardian may change (404)."""


class TooManyBrowsers(Exception):
    """The guardian already has `MAX_BROWSERS` subscriptions; nothing was added."""


@dataclass(frozen=True)
class Contact:
    """A record of the guardian's family, as the preferences page shows it."""

    id: str
    first_name: str
    kind: GuardianKind
    texting: Texting
    may_change: bool
    me: bool


@dataclass(frozen=True)
class Preferences:
    """Everything the preferences page shows."""

    channel: Channel
    language: str
    choices: list[Channel]
    contacts: list[Contact]  # the guardian first, then the family's others
    browsers: int  # this guardian's live web push subscriptions


def load(session: Session, guardian: Guardian) -> Preferences:
    """The guardian's preferences and their family's texting, read now."""
    family = _family(session, guardian)
    holders = holders_by_phone(session, guardian.centre_id, [g.phone or "" for g in family])
    contacts = [
        Contact(
            id=g.id,
            first_name=g.first_name,
            kind=GuardianKind(g.kind),
            texting=texting(g.id, g.phone, holders.get(g.phone or "", [])),
            may_change=bool(g.phone) and _may(guardian, g),
            me=g.id == guardian.id,
        )
        for g in family
    ]
    browsers = len(_subscriptions(session, guardian))
    return Preferences(
        channel=Channel(guardian.preferred_channel),
        language=guardian.language,
        choices=channel_choices(phone=guardian.phone, email=guardian.email),
        contacts=contacts,
        browsers=browsers,
    )


def save(
    session: Session,
    guardian: Guardian,
    channel: Channel,
    language: str,
    texts_on: Collection[str],
    shown: Collection[str],
    now: datetime,
) -> None:
    """Apply the preferences form: channel, language, and texts for each record shown.

    Every record is checked before anything changes, so a form naming a record the
    guardian may not change changes nothing at all.

    Raises:
        InvalidPreference: a channel the record has no address for, or a language
            the app does not speak (nothing changed).
        NotYours: a record shown is not the guardian's own or their family's pickup.
    """
    by_id = {g.id: g for g in _family(session, guardian)}
    targets = []
    for record_id in shown:
        record = by_id.get(record_id)
        if record is None or not record.phone or not _may(guardian, record):
            raise NotYours(record_id)
        targets.append(record)
    detail = change_preferences(guardian, PersonKind.GUARDIAN, channel, language)
    if detail is not None:
        _audit(session, guardian, AuditAction.PREFERENCES, now, detail=detail)
    for record in targets:
        wanted = record.id in texts_on
        if record.sms_opt_in != wanted:
            record.sms_opt_in = wanted
            _audit(
                session,
                guardian,
                AuditAction.OPT_IN if wanted else AuditAction.OPT_OUT,
                now,
                phone=record.phone,
                detail=(
                    f"texts {'on' if wanted else 'off'} for {record.first_name} "
                    f"{record.last_name} ({record.kind}) in the family app"
                ),
            )


def subscribe(
    session: Session, guardian: Guardian, subscription: WebSubscription, now: datetime
) -> Device:
    """Keep a browser's push subscription as a device of the guardian (audited).

    Raises:
        TooManyBrowsers: a new browser beyond `MAX_BROWSERS`.
    """
    device_id = derived_id("web-push", guardian.id, subscription.endpoint)
    device = session.get(Device, device_id)
    live = _subscriptions(session, guardian)
    if len(live) >= MAX_BROWSERS and all(d.id != device_id for d in live):
        raise TooManyBrowsers(guardian.id)
    if device is None:
        device = Device(
            id=device_id,
            centre_id=guardian.centre_id,
            family_id=guardian.family_id,
            guardian_id=guardian.id,
            platform=PLATFORM,
            push_token=subscription.to_json(),
            active=True,
            registered_at=now,
        )
        session.add(device)
    else:
        device.push_token, device.active, device.deleted = subscription.to_json(), True, False
        device.registered_at = now
    _audit(
        session,
        guardian,
        AuditAction.PREFERENCES,
        now,
        detail=f"app notifications on in a browser ({subscription.origin})",
    )
    return device


def unsubscribe(session: Session, guardian: Guardian, endpoint: str, now: datetime) -> bool:
    """Remove the guardian's subscription at `endpoint`; False if they had none there."""
    for device in _subscriptions(session, guardian):
        if load_subscription(device.push_token).endpoint == endpoint:
            device.active, device.deleted, device.push_token = False, True, ""
            _audit(
                session,
                guardian,
                AuditAction.PREFERENCES,
                now,
                detail="app notifications off in a browser",
            )
            return True
    return False


def _family(session: Session, guardian: Guardian) -> list[Guardian]:
    """The guardian, then the other live records of their family by first name."""
    others = session.scalars(
        select(Guardian)
        .where(
            Guardian.centre_id == guardian.centre_id,
            Guardian.family_id == guardian.family_id,
            Guardian.id != guardian.id,
            ~Guardian.deleted,
        )
        .order_by(Guardian.kind, Guardian.first_name, Guardian.id)
    ).all()
    return [guardian, *others]


def _may(me: Guardian, other: Guardian) -> bool:
    return may_set_texts(
        me.id,
        GuardianKind(me.kind),
        other.id,
        GuardianKind(other.kind),
        same_family=other.family_id == me.family_id,
    )


def _subscriptions(session: Session, guardian: Guardian) -> list[Device]:
    return list(
        session.scalars(
            select(Device).where(
                Device.centre_id == guardian.centre_id,
                Device.guardian_id == guardian.id,
                Device.platform == PLATFORM,
                Device.active,
                ~Device.deleted,
            )
        )
    )


def _audit(
    session: Session,
    guardian: Guardian,
    action: AuditAction,
    now: datetime,
    *,
    detail: str,
    phone: str | None = None,
) -> None:
    session.add(
        AuditEvent(
            id=new_id(),
            centre_id=guardian.centre_id,
            at=now,
            action=action,
            actor_kind="guardian",
            actor_id=guardian.id,
            actor_label=f"{guardian.first_name} {guardian.last_name} (family app)",
            phone=phone,
            detail=detail,
        )
    )
