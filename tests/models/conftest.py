"""Fixtures of the cache tests: a fresh cache file per test, closed afterwards."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.models.cache import Cache, open_cache


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    """An empty, migrated cache."""
    with open_cache(tmp_path / "cache.db") as opened:
        yield opened


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
