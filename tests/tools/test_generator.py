"""The generator: deterministic, in step with the schema, and consistent with itself."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import ForeignKey

from desk.server.orm import Base, Synced
from desk.tools.seeding.centre import CentreSpec, SeededCentre, generate_centre
from desk.tools.seeding.clock import Clock
from desk.tools.seeding.credentials import StaffSecrets
from desk.tools.seeding.ids import IdSpace
from desk.tools.seeding.scale import DEMO_SCALE, Scale
from desk.tools.seeding.tables import LOAD_ORDER, SYNC_HEADER
from tests.support.seeding import NOW

SECRETS = StaffSecrets("password-hash", "admin-pin-hash")
SMALL = Scale(families=40, students_per_family=2, staff=8, threads=90, messages=4_000)


def generate(seed: int, scale: Scale = DEMO_SCALE) -> SeededCentre:
    spec = CentreSpec(centre_number=7, scale=scale, seed=seed, now=NOW, secrets=SECRETS)
    return generate_centre(spec, Clock(""))


def materialise(centre: SeededCentre) -> dict[str, list[tuple[Any, ...]]]:
    return {table.name: list(rows) for table, rows in centre.streams}


def test_the_same_seed_gives_the_same_rows() -> None:
    first, second = materialise(generate(5)), materialise(generate(5))
    assert first == second
    assert first != materialise(generate(6))


def test_tables_match_the_server_schema() -> None:
    """A column added to the models but not to the seeder fails here, not in a load."""
    synced = {
        mapper.class_.__tablename__
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Synced)
    }
    assert {table.name for table in LOAD_ORDER} == synced
    for table in LOAD_ORDER:
        schema = Base.metadata.tables[table.name]
        assert set(table.all_columns) == {column.name for column in schema.columns}
        assert len(table.all_columns) == len(set(table.all_columns))
        assert table.all_columns[: len(SYNC_HEADER)] == SYNC_HEADER


def test_load_order_puts_parents_first() -> None:
    position = {table.name: n for n, table in enumerate(LOAD_ORDER)}
    for table in LOAD_ORDER:
        for column in Base.metadata.tables[table.name].columns:
            for key in column.foreign_keys:
                assert isinstance(key, ForeignKey)
                assert position[key.column.table.name] < position[table.name], column


def test_rows_have_their_tables_width_and_unique_ids() -> None:
    seen: set[str] = set()
    for table, rows in generate(5, SMALL).streams:
        for row in rows:
            assert len(row) == len(table.columns), table.name
            assert len(row[0]) == 36
            assert row[0] not in seen, (table.name, row[0])
            seen.add(row[0])


def test_ids_are_unique_across_tables_and_centres() -> None:
    ids = {
        IdSpace(centre).make(table, n) for centre in (1, 2) for table in LOAD_ORDER for n in (0, 1)
    }
    assert len(ids) == 2 * 2 * len(LOAD_ORDER)
    with pytest.raises(ValueError, match="centre number"):
        IdSpace(0)


def test_thread_layout_matches_each_position() -> None:
    """The fast layout used for messages computes what `position` defines."""
    for plan in generate(5, SMALL).plans:
        layout = plan.layout()
        assert layout == [plan.position(i) for i in range(plan.count)]
        times = [t for _, _, t in layout]
        assert times == sorted(set(times))


def test_scale_counts_are_exact() -> None:
    centre = generate(9, SMALL)
    rows = materialise(centre)
    assert len(rows["family"]) == SMALL.families
    assert len(rows["student"]) == SMALL.student_count == 80
    assert len(rows["staff"]) == SMALL.staff
    assert len(rows["thread"]) == SMALL.threads
    assert len(rows["message"]) == SMALL.messages
    assert sum(plan.count for plan in centre.plans) == SMALL.messages


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"families": 5}, "families"),
        ({"staff": 3}, "staff"),
        ({"students_per_family": 5}, "students per family"),
        ({"messages": -1}, "negative"),
    ],
)
def test_scale_refuses_what_cannot_be_built(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        Scale(**kwargs)


def test_thread_count_never_exceeds_messages() -> None:
    assert Scale(messages=10, threads=50).thread_count == 10
    assert Scale(messages=0).thread_count == 0
    assert Scale(messages=2_400).thread_count == 300
