"""Demo data and a fast bulk generator for the server database.

`load_demo` writes the realistic small centre `desk demo` opens; `seed_centre`
writes a centre of any size (up to thousands of families and millions of
messages) for load tests. Both draw people and thread plans from a seeded
`random.Random`, generate rows as plain tuples from them, stream them into the
database in one transaction through a sink (stdlib `sqlite3` or PostgreSQL COPY),
and stamp them with sync versions so the change feed serves them. SQLite computes
the messages, most of a big load, from the thread plans itself.
"""

from __future__ import annotations

from desk.tools.seeding.bulk import seed_centre
from desk.tools.seeding.credentials import (
    DEMO_ADMIN_PIN,
    DEMO_ADMIN_USERNAME,
    DEMO_OFFICE_USERNAME,
    DEMO_PASSWORD,
    DEMO_TEACHER_USERNAME,
)
from desk.tools.seeding.demo import DemoGuardian, DemoInfo, demo_guardians, demo_pins, load_demo
from desk.tools.seeding.loader import LoadReport, TableLoad
from desk.tools.seeding.scale import DEMO_SCALE, Scale

__all__ = [
    "DEMO_ADMIN_PIN",
    "DEMO_ADMIN_USERNAME",
    "DEMO_OFFICE_USERNAME",
    "DEMO_PASSWORD",
    "DEMO_SCALE",
    "DEMO_TEACHER_USERNAME",
    "DemoGuardian",
    "DemoInfo",
    "LoadReport",
    "Scale",
    "TableLoad",
    "demo_guardians",
    "demo_pins",
    "load_demo",
    "seed_centre",
]
