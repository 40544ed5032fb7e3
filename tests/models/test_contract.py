"""Everything that follows the synced-schema declaration agrees with it (issue 11).

`desk.core.schema` declares every synced table once. The client cache, the feed's
column lists, the kiosk whitelist and the seeder are built from it, and the server
ORM is written by hand; these tests hold all five together, so a column added in one
place and not the other fails CI instead of being dropped by every client. The last
tests show the "one edit" property: a declared column reaches the client table, its
generated migration, the feed and the seeder with nothing else changed.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from dataclasses import replace
from pathlib import Path
from typing import cast

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import BigInteger, Boolean, Date, Integer, MetaData, String, Table, Text
from sqlalchemy.orm import declarative_base

import desk.server.orm as server
from desk.core.schema import ALWAYS_SENT, BY_NAME, RESERVED, SYNCED_TABLES, Column, Wire
from desk.models import CacheBase
from desk.models.base import NAMING, Synced, build_table, mirror_table
from desk.models.cache import open_cache
from desk.models.migrations import include_object
from desk.models.schema import MIRRORED
from desk.server import feed
from desk.server.orm.base import ID_LENGTH, UtcDateTime
from desk.tools.seeding.tables import LOAD_ORDER, SYNC_HEADER, seeded

SERVER_SYNCED: dict[str, Table] = {
    mapper.class_.__tablename__: cast(Table, mapper.local_table)
    for mapper in server.Base.registry.mappers
    if issubclass(mapper.class_, server.Synced)
}
NAMES = [table.name for table in SYNCED_TABLES]


def test_every_synced_server_table_is_declared_and_mirrored() -> None:
    assert set(SERVER_SYNCED) == set(BY_NAME) == set(MIRRORED)
    assert len(NAMES) == len(set(NAMES))


@pytest.mark.parametrize("name", NAMES)
def test_server_orm_has_exactly_the_declared_columns(name: str) -> None:
    """The hand-written server model: the reserved columns and the declared ones.

    The declared ones come in declared order.
    """
    columns = [c.name for c in SERVER_SYNCED[name].columns]
    assert set(RESERVED) <= set(columns)
    assert tuple(c for c in columns if c not in RESERVED) == BY_NAME[name].column_names


SERVER_TYPES: dict[Wire, tuple[type, ...]] = {
    Wire.ID: (String,),
    Wire.TEXT: (String, Text),
    Wire.INT: (Integer, BigInteger),
    Wire.BOOL: (Boolean,),
    Wire.TIME: (UtcDateTime,),
    Wire.DATE: (Date,),
}


@pytest.mark.parametrize("name", NAMES)
def test_server_orm_types_and_nullability_follow_the_declaration(name: str) -> None:
    for declared in BY_NAME[name].columns:
        column = SERVER_SYNCED[name].c[declared.name]
        assert isinstance(column.type, SERVER_TYPES[declared.wire]), column
        if declared.wire is Wire.ID:
            assert isinstance(column.type, String), column
            assert column.type.length == ID_LENGTH, column
        elif declared.wire is Wire.TEXT:
            assert column.type.python_type is str, column
        assert column.nullable == declared.nullable, column


@pytest.mark.parametrize("name", NAMES)
def test_cache_table_has_the_declared_columns_less_private_ones(name: str) -> None:
    declared = BY_NAME[name]
    cache_table = CacheBase.metadata.tables[name]
    assert MIRRORED[name] == ("id", "version", *(c.name for c in declared.cached_columns))
    for column in declared.columns:
        if column.private:
            assert column.name not in cache_table.c
            continue
        cached = cache_table.c[column.name]
        assert cached.nullable == (column.nullable or column.kiosk_only), cached
        if column.wire is Wire.BOOL:
            assert isinstance(cached.type, Boolean), cached
        elif column.wire is Wire.INT:
            assert isinstance(cached.type, Integer), cached
        else:  # ids, enums, times and dates are wire text
            assert isinstance(cached.type, Text), cached


@pytest.mark.parametrize("name", NAMES)
def test_cache_indexes_are_the_declared_ones(name: str) -> None:
    declared = BY_NAME[name]
    expected = {f"ix_{name}_{c.name}" for c in declared.cached_columns if c.index}
    expected |= {index.name for index in declared.indexes}
    assert {str(i.name) for i in CacheBase.metadata.tables[name].indexes} == expected


@pytest.mark.parametrize("name", NAMES)
def test_feed_sends_what_the_declaration_allows(name: str) -> None:
    """Nothing private ever leaves the server.

    Office clients get every column but private and kiosk-only ones; kiosks get the
    whitelist.
    """
    declared = BY_NAME[name]
    model = feed.FEED_TABLES[feed.TABLE_INDEX[name]]
    office = [c.name for c in feed.sent_columns(model, kiosk=False)]
    kiosk = [c.name for c in feed.sent_columns(model, kiosk=True)]
    assert office == [*ALWAYS_SENT, *(c.name for c in declared.columns if c.to_office)]
    assert kiosk == [*ALWAYS_SENT, *(c.name for c in declared.columns if c.kiosk)]
    private = {c.name for c in declared.columns if c.private}
    assert not private & {*office, *kiosk}
    # What the cache stores is what either audience can be sent (less `deleted`).
    assert set(MIRRORED[name]) == ({*office, *kiosk} - {"deleted"})


def test_feed_order_is_the_declared_order() -> None:
    assert [model.__tablename__ for model in feed.FEED_TABLES] == NAMES


def test_kiosk_whitelist_is_the_declared_kiosk_columns() -> None:
    """Issue 12 item 2: a kiosk receives only what it shows or checks.

    Memory-hard PIN verifiers and their salt; no PIN lookup key, no staff names; a
    guardian's language, which the kiosk switches to after the PIN.
    """
    assert {
        "centre": ("name", "timezone", "kiosk_pin_salt"),
        "room": ("name",),
        "guardian": (
            *("family_id", "kind", "first_name", "last_name", "language"),
            "kiosk_pin_verifier",
        ),
        "student": ("family_id", "room_id", "first_name", "last_name"),
        "authorized_pickup": ("guardian_id", "student_id"),
        "staff": ("admin_pin_hash",),
        "kiosk_message": (
            *("guardian_id", "body", "entered_at", "entered_seq", "shown_at"),
            *("acknowledged_at", "cancelled"),
        ),
        "attendance_event": ("student_id", "guardian_id", "room_id", "kind", "at", "device_id"),
    } == feed.KIOSK_COLUMNS


def test_delivery_note_is_synced_to_office_clients() -> None:
    """Issue 11: `delivery.note` was server-only and reached the UI by a side endpoint."""
    assert "note" in MIRRORED["delivery"]
    assert "note" in feed.OFFICE_COLUMNS["delivery"]


def test_seeder_writes_every_declared_table_with_every_column() -> None:
    """Private columns included: the seeder writes server tables."""
    assert sorted(table.name for table in LOAD_ORDER) == sorted(NAMES)
    for table in LOAD_ORDER:
        assert table.all_columns == (*SYNC_HEADER, "id", *BY_NAME[table.name].column_names)
        assert set(table.all_columns) == set(SERVER_SYNCED[table.name].c.keys())


def test_search_reads_the_columns_declared_for_it() -> None:
    from desk.models import search

    people = {t.name for t in SYNCED_TABLES if t.search_columns} - {"message"}
    assert set(search._PEOPLE) == people
    for name in people:
        for column in BY_NAME[name].search_columns:
            assert column in search._PEOPLE[name], (name, column)
    assert BY_NAME["message"].search_columns == ("subject", "body")


def test_a_mapped_class_that_drifts_from_the_declaration_fails_at_import() -> None:
    """A typed attribute the declaration lacks, or a wrong type."""
    metadata = MetaData(naming_convention=NAMING)
    with pytest.raises(TypeError, match=r"nickname is not a cached column"):
        type(
            "Family",
            (Synced,),
            {
                "__table__": build_table(BY_NAME["family"], metadata),
                "__annotations__": {"name": "Mapped[str]", "nickname": "Mapped[str]"},
            },
        )
    with pytest.raises(TypeError, match="capacity must be Mapped\\[int\\]"):
        type(
            "Room",
            (Synced,),
            {
                "__table__": build_table(BY_NAME["room"], metadata),
                "__annotations__": {"name": "Mapped[str]", "capacity": "Mapped[str]"},
            },
        )


def test_a_declared_column_without_an_annotation_is_still_mapped() -> None:
    """Adding a column is one edit: the class need not name it to read and write it."""
    metadata = MetaData(naming_convention=NAMING)
    family = type(
        "Family",
        (Synced, declarative_base(metadata=metadata)),
        {
            "__table__": build_table(BY_NAME["family"], metadata),
            "__annotations__": {},
        },
    )
    row = family(id="f1", version=1, name="Weber", notes="gate code 4711")
    assert (row.name, row.notes) == ("Weber", "gate code 4711")


def test_one_declared_column_reaches_the_cache_migration_feed_and_seeder(
    tmp_path: Path,
) -> None:
    """The "one edit" property: a column added to a declaration reaches everything.

    Alembic proposes exactly that column for a cache at head, the feed sends it, the
    seeder writes it.
    """
    family = BY_NAME["family"]
    edited = replace(family, columns=(*family.columns, Column("nickname", Wire.TEXT)))

    metadata = MetaData(naming_convention=NAMING)
    for name, table in CacheBase.metadata.tables.items():
        if name != "family":
            table.to_metadata(metadata)
    build_table(edited, metadata)
    with (
        open_cache(tmp_path / "c.db") as cache,
        cache.engine.connect() as connection,
        warnings.catch_warnings(),
    ):
        # SQLite cannot reflect the NOCASE expression index (see test_cache_open).
        warnings.filterwarnings("ignore", "autogenerate skipping", UserWarning)
        context = MigrationContext.configure(connection, opts={"include_object": include_object})
        diff = compare_metadata(context, metadata)
    assert [(op[0], op[2], op[3].name) for op in diff] == [("add_column", "family", "nickname")]

    assert edited.office_columns == (*family.office_columns, "nickname")
    assert edited.kiosk_columns == family.kiosk_columns
    assert seeded(edited).columns == ("id", "name", "notes", "nickname")


def test_mirror_table_refuses_an_undeclared_table() -> None:
    with pytest.raises(KeyError):
        mirror_table("no_such_table")


def test_models_import_no_ui_server_or_http_code() -> None:
    """DESIGN.md §3: the cache stays headless and never reaches the server directly."""
    code = (
        "import sys, desk.models, desk.models.apply, desk.models.cache, desk.models.queries,"
        " desk.models.search\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'requests')"
        " or m.startswith(('desk.ui', 'desk.server', 'desk.sync'))]\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
