"""The synced schema, declared once: every table the change feed carries.

Client and server must agree on each synced table's columns, their wire types and
who may receive them. That contract used to be written out by hand in the server
ORM, the client mirror tables, both first migrations, the seeder's column lists and
the feed's kiosk whitelist. Now it is declared here, in plain Python that both sides
may import (`desk.core` imports nothing of ours and no SQLAlchemy), and:

- the client cache builds its mirror tables from it (`desk.models.mirror`), so
  Alembic autogenerates the client migration of a new column;
- the change feed takes its column lists and row visibility from it
  (`desk.server.feed`);
- the seeder takes its column lists from it (`desk.tools.seeding.tables`);
- the server ORM stays hand-written (it carries lengths, defaults, foreign keys
  and server-only indexes), and `tests/models/test_contract.py` holds it to this
  declaration, as it does the other three.

Adding a synced column is one edit to `desk.core.schema.tables`, one to the server
ORM if the column is new to the server, and the migrations Alembic autogenerates.
"""

from __future__ import annotations

from desk.core.schema.spec import (
    ALWAYS_SENT,
    RESERVED,
    Column,
    Index,
    SyncedTable,
    Visibility,
    Wire,
)
from desk.core.schema.tables import BY_NAME, SYNCED_TABLES

__all__ = [
    "ALWAYS_SENT",
    "BY_NAME",
    "RESERVED",
    "SYNCED_TABLES",
    "Column",
    "Index",
    "SyncedTable",
    "Visibility",
    "Wire",
]
