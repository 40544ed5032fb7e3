"""The cache mirrors exactly what the server's change feed sends (DESIGN.md §4).

The feed sends every column of a `Synced` server table except `centre_id` and
columns marked private; the cache keeps those columns less `deleted` (tombstoned
rows are removed). Comparing the two sets of models here means a column added on
the server without its cache twin fails CI instead of being dropped by every client.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import Boolean, Column, Integer, Table

import desk.server.orm as server
from desk.models import CacheBase
from desk.models.schema import MIRRORED

SERVER_SYNCED = {
    mapper.local_table.name: mapper.local_table
    for mapper in server.Base.registry.mappers
    if issubclass(mapper.class_, server.Synced)
}


def sent_columns(table: Table) -> list[Column]:
    """The columns the change feed sends for a server table."""
    return [c for c in table.columns if c.name != "centre_id" and not c.info.get("private")]


def test_every_synced_server_table_is_mirrored() -> None:
    assert set(MIRRORED) == set(SERVER_SYNCED)


@pytest.mark.parametrize("name", sorted(SERVER_SYNCED))
def test_cache_table_has_exactly_the_sent_columns(name: str) -> None:
    sent = {c.name for c in sent_columns(SERVER_SYNCED[name])}
    cached = {c.name for c in CacheBase.metadata.tables[name].columns}
    assert cached == sent - {"deleted"}
    assert {"id", "version", "deleted"} <= sent


@pytest.mark.parametrize("name", sorted(SERVER_SYNCED))
def test_cache_columns_keep_the_server_types_in_wire_form(name: str) -> None:
    """Booleans and integers stay typed; ids, enums, times and dates are wire text."""
    cache_table = CacheBase.metadata.tables[name]
    for column in sent_columns(SERVER_SYNCED[name]):
        if column.name == "deleted":
            continue
        cached = cache_table.c[column.name]
        if isinstance(column.type, Boolean):
            assert isinstance(cached.type, Boolean), column
        elif isinstance(column.type, Integer):
            assert isinstance(cached.type, Integer), column
        else:
            assert cached.type.python_type is str, column


@pytest.mark.parametrize("name", sorted(SERVER_SYNCED))
def test_cache_nullability_follows_the_server(name: str) -> None:
    """Kiosk-only columns are nullable: the office cache never receives them."""
    cache_table = CacheBase.metadata.tables[name]
    for column in sent_columns(SERVER_SYNCED[name]):
        if column.name == "deleted":
            continue
        expected = column.nullable or bool(column.info.get("kiosk_only"))
        assert cache_table.c[column.name].nullable == expected, column


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
