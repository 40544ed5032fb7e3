"""The demo centre: a realistic small centre and the credentials to explore it.

`desk demo` calls `load_demo` on a fresh or existing server database. The demo is
centre number 1, so its id never changes and loading it twice is a no-op; the
credentials are known in advance (`desk.tools.seeding.credentials`), and the kiosk
PINs of a few guardians, each showing one case worth trying, come from
`demo_guardians`: they are drawn from the fixed demo seed, so they are the same
on every machine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from desk.tools.seeding.centre import CentreSpec, generate_centre, kiosk_secret
from desk.tools.seeding.credentials import (
    DEMO_ADMIN_PIN,
    DEMO_ADMIN_USERNAME,
    DEMO_OFFICE_USERNAME,
    DEMO_PASSWORD,
    DEMO_TEACHER_USERNAME,
    hash_staff_secrets,
)
from desk.tools.seeding.ids import IdSpace
from desk.tools.seeding.kiosk import FEATURED_QUEUE
from desk.tools.seeding.loader import LoadReport, write_centre
from desk.tools.seeding.people import (
    KIOSK_FAMILY,
    SHARED_PHONE_FAMILY,
    SPLIT_FAMILY,
    People,
    build_people,
)
from desk.tools.seeding.scale import DEMO_SCALE
from desk.tools.seeding.sinks import open_sink

DEMO_SEED = 20_250_604
DEMO_CENTRE_NUMBER = 1
DEMO_CENTRE_ID = IdSpace(DEMO_CENTRE_NUMBER).centre_id
DEMO_CENTRE_NAME = "Maple Street Early Learning Centre"


@dataclass(frozen=True)
class DemoGuardian:
    """A guardian whose kiosk PIN the demo hands out, and what they show."""

    name: str
    pin: str
    shows: str


@dataclass(frozen=True)
class DemoInfo:
    """The demo centre and how to sign in to it.

    Attributes:
        created: False when the demo centre was already in the database.
        report: what was written, when `created`.
    """

    centre_id: str
    centre_name: str
    created: bool
    guardians: tuple[DemoGuardian, ...]
    admin_username: str = DEMO_ADMIN_USERNAME
    office_username: str = DEMO_OFFICE_USERNAME
    teacher_username: str = DEMO_TEACHER_USERNAME
    password: str = DEMO_PASSWORD
    admin_pin: str = DEMO_ADMIN_PIN
    report: LoadReport | None = field(default=None, compare=False)

    @property
    def pins(self) -> dict[str, str]:
        """Kiosk PIN by guardian name."""
        return {guardian.name: guardian.pin for guardian in self.guardians}


def featured_guardians(people: People) -> tuple[DemoGuardian, ...]:
    """The guardians of the demo's fixed-shape families, each with what they show."""
    kiosk = people.families[KIOSK_FAMILY]
    split = people.families[SPLIT_FAMILY]
    shared = people.families[SHARED_PHONE_FAMILY]
    cases = (
        (kiosk.guardians[0], f"{FEATURED_QUEUE} messages waiting at the kiosk, in entry order"),
        (split.guardians[0], "split family: keeps conversations private from the other parent"),
        (split.guardians[1], "split family: the other parent"),
        (shared.guardians[0], "a phone shared with a grandparent pickup who opted out of texts"),
        (shared.pickups[-1], "authorized pickup (grandparent) using the parent's phone"),
    )
    return tuple(DemoGuardian(person.full_name, person.pin, shows) for person, shows in cases)


def demo_guardians() -> tuple[DemoGuardian, ...]:
    """The featured guardians of the demo centre, without touching a database.

    PINs depend only on the demo seed, so the date given to the people builder
    (which only ages the children) does not matter.
    """
    ids = IdSpace(DEMO_CENTRE_NUMBER)
    people = build_people(ids, DEMO_SCALE, DEMO_SEED, date(2025, 6, 4), kiosk_secret(DEMO_SEED))
    return featured_guardians(people)


def demo_pins() -> dict[str, str]:
    """Kiosk PIN by name for the demo's featured guardians."""
    return {guardian.name: guardian.pin for guardian in demo_guardians()}


def load_demo(database_url: str, *, now: datetime | None = None) -> DemoInfo:
    """Write the demo centre into the server database at `database_url`, once.

    The schema must exist (the server's migrations create it). If the demo centre
    is already there nothing is written, so `desk demo` can call this every start.

    Args:
        database_url: `sqlite:///path` or `postgresql+psycopg://...`.
        now: the moment the data is as of (today's attendance, recent messages);
            the current time by default.
    """
    with open_sink(database_url) as sink:
        if DEMO_CENTRE_ID in sink.centre_ids():
            return DemoInfo(DEMO_CENTRE_ID, DEMO_CENTRE_NAME, False, demo_guardians())
        started = time.perf_counter()
        spec = CentreSpec(
            centre_number=DEMO_CENTRE_NUMBER,
            scale=DEMO_SCALE,
            seed=DEMO_SEED,
            now=now or datetime.now(UTC),
            secrets=hash_staff_secrets(),
            name=DEMO_CENTRE_NAME,
        )
        centre = generate_centre(spec, sink.clock)
        prepared = time.perf_counter()
        report = write_centre(sink, centre)
    report.prepare_seconds = prepared - started
    return DemoInfo(centre.id, centre.name, True, featured_guardians(centre.people), report=report)
