"""Property: any delivery order of the feed ends in the state of its newest rows.

Pages can arrive twice (a retry after a lost response) and copies of a row can
arrive out of version order; applying a row only when it is newer must make all
of that equivalent to receiving just the newest version of each row (DESIGN.md §4).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.models.apply import apply_page
from desk.models.cache import Cache, open_cache
from desk.models.search import rebuild_search, search_messages, search_people
from tests.support.cache_checks import fts_consistent
from tests.support.feed import page, table

IDS = ("a", "b", "c")


def message(row_id: str, version: int, deleted: bool) -> dict[str, Any]:
    """The server's copy of a message at a version: the version fixes the content."""
    return {
        "id": row_id,
        "version": version,
        "deleted": deleted,
        "body": f"note{row_id} rev{version}",
        "created_at": f"2026-11-01T08:00:{version:02d}.000000Z",
    }


def guardian(row_id: str, version: int, deleted: bool) -> dict[str, Any]:
    return {
        "id": row_id,
        "version": version,
        "deleted": deleted,
        "first_name": f"name{row_id}{version}",
        "phone": f"+1202555{version:04d}",
    }


# A version of a row: which row, which version, and whether that version is a tombstone.
copies = st.lists(
    st.tuples(st.sampled_from(IDS), st.integers(1, 20), st.booleans()),
    min_size=1,
    max_size=15,
    unique_by=lambda copy: copy[:2],
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated empty cache to copy, so each example skips the migration."""
    path = tmp_path_factory.mktemp("template") / "cache.db"
    open_cache(path).close()
    return path


def opened(template: Path, directory: str, name: str) -> Cache:
    path = Path(directory) / name
    shutil.copy(template, path)
    return open_cache(path)


def state(cache: Cache) -> dict[str, Any]:
    raw = cache.raw
    return {
        "message": raw.execute("SELECT * FROM message ORDER BY id").fetchall(),
        "guardian": raw.execute("SELECT * FROM guardian ORDER BY id").fetchall(),
        "search": {
            row_id: (
                [hit.message_id for hit in search_messages(cache, f"note{row_id}")],
                [hit.id for hit in search_people(cache, f"name{row_id}")],
            )
            for row_id in IDS
        },
    }


def pages(deliveries: list[list[tuple[str, int, bool]]]) -> Iterator[dict[str, Any]]:
    for n, delivery in enumerate(deliveries, start=1):
        yield page(
            table("message", *(message(*copy) for copy in delivery)),
            table("guardian", *(guardian(*copy) for copy in delivery)),
            cursor=str(n),
            version=n,
        )


@settings(max_examples=100, deadline=None)
@given(data=st.data(), versions=copies, initial=st.booleans())
def test_any_order_with_duplicates_equals_the_newest_rows(
    template: Path, data: st.DataObject, versions: list[tuple[str, int, bool]], initial: bool
) -> None:
    # Deliver every copy at least once, some twice, shuffled, in pages of any size.
    repeats = data.draw(st.lists(st.sampled_from(versions), max_size=10))
    order = data.draw(st.permutations(versions + repeats))
    ends = data.draw(st.lists(st.booleans(), min_size=len(order), max_size=len(order)))
    deliveries: list[list[tuple[str, int, bool]]] = [[]]
    for copy, ends_page in zip(order, ends, strict=True):
        deliveries[-1].append(copy)
        if ends_page:
            deliveries.append([])

    newest: dict[str, tuple[str, int, bool]] = {}
    for copy in versions:
        if copy[0] not in newest or copy[1] > newest[copy[0]][1]:
            newest[copy[0]] = copy

    with tempfile.TemporaryDirectory() as directory:
        with opened(template, directory, "replayed.db") as replayed:
            for each in pages(deliveries):
                apply_page(replayed, each, initial=initial)
            if initial:
                rebuild_search(replayed)
            fts_consistent(replayed)
            got = state(replayed)
        with opened(template, directory, "newest.db") as expected:
            for each in pages([list(newest.values())]):
                apply_page(expected, each)
            want = state(expected)
    assert got == want
