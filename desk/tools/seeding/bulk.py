"""Seeding a centre of any size, for load tests and benchmarks."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from desk.tools.seeding.centre import CentreSpec, generate_centre
from desk.tools.seeding.credentials import hash_staff_secrets
from desk.tools.seeding.ids import MAX_CENTRE_NUMBER, IdSpace
from desk.tools.seeding.loader import LoadReport, write_centre
from desk.tools.seeding.scale import Scale
from desk.tools.seeding.sinks import open_sink

FIRST_BULK_CENTRE = 2
"""Centre number 1 is the demo's, so a load test never takes the demo's id."""


def free_centre_number(taken_ids: set[str]) -> int:
    """The lowest centre number from `FIRST_BULK_CENTRE` whose id is not taken.

    Raises:
        ValueError: when every number is taken.
    """
    for number in range(FIRST_BULK_CENTRE, MAX_CENTRE_NUMBER + 1):
        if IdSpace(number).centre_id not in taken_ids:
            return number
    raise ValueError("every seeded centre number is taken")


def seed_centre(
    database_url: str,
    scale: Scale,
    *,
    seed: int = 1,
    now: datetime | None = None,
    rebuild_indexes: bool = True,
) -> LoadReport:
    """Write one more centre of the given scale into the database at `database_url`.

    Each call adds a centre with the next free number, so seeding twice gives two
    centres rather than a conflict.

    Args:
        database_url: `sqlite:///path` or `postgresql+psycopg://...`; the schema
            must exist.
        scale: how big the centre is.
        seed: the random seed; the same seed and `now` give the same data.
        now: the moment the data is as of; the current time by default.
        rebuild_indexes: drop the secondary indexes of empty tables for the load
            and rebuild them at the end (faster; see `bench/bench_seed.py`). SQLite
            keeps the message indexes either way: it appends to them.
    """
    started = time.perf_counter()
    secrets = hash_staff_secrets()
    with open_sink(database_url, rebuild_indexes=rebuild_indexes) as sink:
        spec = CentreSpec(
            centre_number=free_centre_number(sink.centre_ids()),
            scale=scale,
            seed=seed,
            now=now or datetime.now(UTC),
            secrets=secrets,
        )
        centre = generate_centre(spec, sink.clock)
        prepared = time.perf_counter()
        report = write_centre(sink, centre)
    report.prepare_seconds = prepared - started
    return report
