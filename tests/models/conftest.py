"""Fixtures of the cache tests: a fresh cache file per test, closed afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.models.cache import Cache, open_cache


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    """An empty, migrated cache."""
    with open_cache(tmp_path / "cache.db") as opened:
        yield opened
