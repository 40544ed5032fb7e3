"""How families are reached: app devices with push tokens, and failing channels.

Push goes once per device however many children are picked (seed 003), so the
device count per family matters: some families have none (the push form must then
hide), most have one, some two or three. A few channels are marked failing so
delivery falls back to another one (seed 004: a full mailbox falls back to SMS).
"""

from __future__ import annotations

import random

from desk.core.kinds import Channel, GuardianKind, PersonKind
from desk.tools.seeding.clock import Clock
from desk.tools.seeding.ids import IdSpace
from desk.tools.seeding.people import People
from desk.tools.seeding.tables import CHANNEL_STATUS, DEVICE

_DAY = 86_400
_BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _token(rng: random.Random, platform: str) -> str:
    """A push token shaped like the platform's own: APNs hex or an FCM registration."""
    if platform == "ios":
        return f"{rng.getrandbits(256):064x}"
    head = "".join(rng.choices(_BASE64URL, k=22))
    return f"{head}:APA91b{''.join(rng.choices(_BASE64URL, k=134))}"


def device_rows(
    people: People, ids: IdSpace, seed: int, now: int, clock: Clock
) -> list[tuple[object, ...]]:
    """One row per device: 0 for a quarter of families, 1 to 3 for the rest."""
    rng = random.Random(f"{seed}/devices")
    rows: list[tuple[object, ...]] = []
    for family in people.families:
        count = rng.choices((0, 1, 2, 3), (25, 45, 22, 8))[0]
        for n in range(count):
            guardian = family.guardians[n % len(family.guardians)]
            platform = "ios" if rng.random() < 0.55 else "android"
            rows.append(
                DEVICE.row(
                    id=ids.make(DEVICE, len(rows)),
                    family_id=family.id,
                    guardian_id=guardian.id,
                    platform=platform,
                    push_token=_token(rng, platform),
                    active=int(rng.random() < 0.93),  # uninstalled apps keep a stale token
                    registered_at=clock.text(now - rng.randrange(_DAY, 700 * _DAY)),
                )
            )
    return rows


def channel_status_rows(
    people: People, ids: IdSpace, seed: int, now: int, clock: Clock
) -> list[tuple[object, ...]]:
    """Failing channels: about 1 guardian in 60 with a bounced e-mail, a dead number."""
    rng = random.Random(f"{seed}/channels")
    parents = [g for g in people.guardians() if g.kind == GuardianKind.GUARDIAN]
    by_email = [g for g in parents if g.email and g.preferred_channel == Channel.EMAIL]
    failing = [
        (g, Channel.EMAIL, "552 5.2.2 Mailbox full; falling back to SMS")
        for g in by_email[: max(1, len(parents) // 60)]
    ]
    texted = [g for g in parents if g.preferred_channel == Channel.SMS]
    failing.append((rng.choice(texted), Channel.SMS, "30003 Unreachable destination handset"))
    return [
        CHANNEL_STATUS.row(
            id=ids.make(CHANNEL_STATUS, n),
            person_kind=PersonKind.GUARDIAN.value,
            person_id=guardian.id,
            channel=channel.value,
            failing=1,
            reason=reason,
            changed_at=clock.text(now - rng.randrange(_DAY, 30 * _DAY)),
        )
        for n, (guardian, channel, reason) in enumerate(failing)
    ]
