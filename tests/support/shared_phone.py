"""A grandparent whose one phone is on pickup records in two families (seed 004)."""

from __future__ import annotations

from sqlalchemy import select

from desk.core.ids import new_id
from desk.server import orm
from desk.server.db import Database
from desk.server.versioning import stamp
from tests.support.factories import CentreIds

GRANDPA = "+15555550177"  # Joe Weber: a pickup record in the Diaz and the Weber family


def grandpa_in_two_families(database: Database, centre: CentreIds) -> dict[str, str]:
    """One grandparent, one phone, a pickup record in each of two families.

    The Weber family also has a guardian of its own. Returns the record ids by family.
    """
    weber = new_id()
    records = {"Diaz": new_id(), "Weber": new_id()}
    with database.writing() as s:
        s.add(orm.Family(id=weber, centre_id=centre.centre, name="Weber"))
        s.flush()
        for family_name, family_id in (("Diaz", centre.family), ("Weber", weber)):
            s.add(
                orm.Guardian(
                    id=records[family_name],
                    centre_id=centre.centre,
                    family_id=family_id,
                    kind="pickup",
                    first_name="Joe",
                    last_name="Weber",
                    phone=GRANDPA,
                    email="",
                )
            )
        stamp(s, centre.centre)
    return records


def grandpa_thread(database: Database, centre: CentreIds) -> orm.Thread:
    """The Messenger Center thread the grandparent's first text opened."""
    with database.reading() as s:
        thread = s.scalars(
            select(orm.Thread).where(
                orm.Thread.centre_id == centre.centre, orm.Thread.phone == GRANDPA
            )
        ).one()
        s.expunge(thread)
    return thread
