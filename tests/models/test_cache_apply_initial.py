"""An initial sync merges straight into the tables, by the same rules as staged pages.

`apply_page(..., initial=True)` skips the staging table for live rows (one guarded
upsert per row); these tests hold it to what the staged path does with the same
pages: newest copy wins, a copy not newer than the row or its tombstone changes
nothing, a tombstone deletes, a withheld column keeps its value.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.models.apply import MalformedPage, apply_page, read_cursor, reset_synced
from desk.models.cache import Cache, open_cache
from desk.models.search import rebuild_search, search_messages
from tests.support.cache_checks import fts_consistent
from tests.support.feed import DEFAULTS, page, table

Pages = list[dict[str, Any]]


def merged(cache: Cache, pages: Pages, *, initial: bool) -> dict[str, list[tuple[Any, ...]]]:
    """Apply `pages` one by one and answer the rows they leave behind."""
    for each in pages:
        apply_page(cache, each, initial=initial)
    if initial:
        rebuild_search(cache)
    fts_consistent(cache)
    raw = cache.raw
    return {
        "family": raw.execute("SELECT id, version, name, notes FROM family ORDER BY id").fetchall(),
        "message": raw.execute("SELECT id, version, body FROM message ORDER BY id").fetchall(),
        "guardian": raw.execute(
            "SELECT id, version, first_name, kiosk_pin_verifier FROM guardian ORDER BY id"
        ).fetchall(),
        "tombstone": raw.execute(
            "SELECT table_name, id, version FROM tombstone ORDER BY table_name, id"
        ).fetchall(),
    }


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Cache, Cache]]:
    """Two caches, staged and initial, emptied before each comparison."""
    folder: Path = tmp_path_factory.mktemp("pair")
    with open_cache(folder / "staged.db") as staged, open_cache(folder / "initial.db") as initial:
        yield staged, initial


def compare(pair: tuple[Cache, Cache], pages: Pages) -> dict[str, list[tuple[Any, ...]]]:
    """The rows both paths leave, failing unless they agree."""
    staged, initial = pair
    reset_synced(staged)
    reset_synced(initial)
    expected = merged(staged, pages, initial=False)
    assert merged(initial, pages, initial=True) == expected
    return expected


def family(fid: str, version: int, name: str = "Family", *, deleted: bool = False) -> Any:
    return {"id": fid, "version": version, "name": name, "deleted": deleted}


SCENARIOS: dict[str, Pages] = {
    "the same page twice": [page(table("family", family("f1", 2, "Smith")))] * 2,
    "an older copy in a later page": [
        page(table("family", family("f1", 5, "New"))),
        page(table("family", family("f1", 4, "Old"))),
    ],
    "a newer copy in a later page": [
        page(table("family", family("f1", 4, "Old"))),
        page(table("family", family("f1", 5, "New"))),
    ],
    "two copies in one page, newest last": [
        page(table("family", family("f1", 6, "Older"), family("f1", 7, "Newest")))
    ],
    "two copies in one page, newest first": [
        page(table("family", family("f1", 7, "Newest"), family("f1", 6, "Older")))
    ],
    "a tombstone after the row": [
        page(table("message", {"id": "m1", "version": 1, "body": "pickup"})),
        page(table("message", {"id": "m1", "version": 2, "deleted": True})),
    ],
    "an older copy after a tombstone": [
        page(table("family", family("f1", 3, deleted=True))),
        page(table("family", family("f1", 2, "Zombie"))),
    ],
    "a row recreated after its tombstone": [
        page(table("family", family("f1", 3, deleted=True))),
        page(table("family", family("f1", 4, "Back"))),
    ],
    "a live row and its newer tombstone in one page": [
        page(table("family", family("f1", 3, "Gone"), family("f1", 4, deleted=True)))
    ],
    "a tombstone and a newer live copy in one page": [
        page(table("family", family("f1", 4, deleted=True), family("f1", 5, "Alive")))
    ],
    "a withheld column keeps its value": [
        page(
            table(
                "guardian",
                {"id": "g1", "version": 1, "kiosk_pin_verifier": "k"},
                columns=[*DEFAULTS["guardian"], "kiosk_pin_verifier"],
            )
        ),
        page(table("guardian", {"id": "g1", "version": 2, "first_name": "Jo"})),
    ],
}


@pytest.mark.parametrize("pages", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_the_initial_path_merges_like_the_staged_one(
    pair: tuple[Cache, Cache], pages: Pages
) -> None:
    compare(pair, pages)


def test_the_rules_hold_on_the_initial_path(pair: tuple[Cache, Cache]) -> None:
    """What the scenarios compare is also what the protocol wants (not two equal bugs)."""
    rows = compare(pair, SCENARIOS["an older copy after a tombstone"])
    assert rows["family"] == []
    assert rows["tombstone"] == [("family", "f1", 3)]
    rows = compare(pair, SCENARIOS["two copies in one page, newest first"])
    assert rows["family"] == [("f1", 7, "Newest", "")]
    rows = compare(pair, SCENARIOS["a withheld column keeps its value"])
    assert rows["guardian"] == [("g1", 2, "Jo", "k")]


def test_initial_rows_are_searchable_after_the_rebuild(cache: Cache) -> None:
    apply_page(
        cache,
        page(
            table(
                "message",
                {"id": "m1", "version": 1, "body": "field trip"},
                {"id": "m2", "version": 1, "body": "gone", "deleted": True},
            )
        ),
        initial=True,
    )
    rebuild_search(cache)
    assert [hit.message_id for hit in search_messages(cache, "field")] == ["m1"]
    assert search_messages(cache, "gone") == []
    fts_consistent(cache)


def test_a_bad_value_in_an_initial_page_writes_nothing(cache: Cache) -> None:
    bad = page(
        table("message", {"id": "m1", "version": 2, "body": "early table"}),
        table("family", {"id": "f1", "version": 2, "name": None}),
        cursor="2",
        version=2,
    )
    with pytest.raises(MalformedPage, match="family"):
        apply_page(cache, bad, initial=True)
    assert cache.raw.execute("SELECT count(*) FROM message").fetchone() == (0,)
    assert read_cursor(cache) == "0"


ROWS = st.builds(
    family,
    st.sampled_from(["f1", "f2", "f3"]),
    st.integers(min_value=1, max_value=6),
    st.sampled_from(["Ames", "Baker", "Cruz"]),
    deleted=st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(ROWS, max_size=5), min_size=1, max_size=4))
def test_any_pages_merge_alike_on_both_paths(
    pair: tuple[Cache, Cache], rows_per_page: list[list[Any]]
) -> None:
    compare(pair, [page(table("family", *rows)) for rows in rows_per_page])
