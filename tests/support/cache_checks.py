"""Reading a client cache back in tests: its rows, counts and search indexes."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from desk.models.cache import Cache


def snapshot(cache: Cache) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every ordinary table, for before/after comparisons."""
    raw = cache.raw
    names = [
        row[0]
        for row in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
    ]
    return {name: sorted(raw.execute(f"SELECT * FROM {name}"), key=repr) for name in names}


def fts_consistent(cache: Cache) -> None:
    """Fail unless both FTS indexes match their content tables exactly."""
    for index in ("message_search", "people_search"):
        try:
            cache.raw.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:  # pragma: no cover - the failure message
            pytest.fail(f"{index} does not match its content: {exc}")


def count_rows(cache: Cache, table: str, where: str = "1", *params: Any) -> int:
    """Rows of a cache table matching a SQL condition."""
    [(count,)] = cache.read(f"SELECT COUNT(*) FROM {table} WHERE {where}", *params)
    return int(count)
