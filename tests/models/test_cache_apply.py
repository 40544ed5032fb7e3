"""Applying change-feed pages: idempotent, newest-wins, atomic with the cursor."""

from __future__ import annotations

from typing import Any

import pytest

from desk.models.apply import (
    MalformedPage,
    apply_page,
    read_cursor,
    read_last_seq,
    reset_synced,
    validate_page,
    write_page,
)
from desk.models.cache import Cache
from desk.models.search import (
    DEFAULT_HASH_SIZE,
    rebuild_search,
    search_messages,
    search_people,
)
from tests.support.cache_checks import fts_consistent, snapshot
from tests.support.feed import DEFAULTS, page, table


def families(cache: Cache) -> list[tuple[Any, ...]]:
    return cache.raw.execute("SELECT id, version, name FROM family ORDER BY id").fetchall()


def indexes(cache: Cache) -> set[str]:
    rows = cache.raw.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    return {row[0] for row in rows}


EACH_WAY = pytest.mark.parametrize("initial", [False, True], ids=["staged", "initial"])
"""The rules hold for an initial sync's pages too, which skip the staging table."""


def test_a_page_is_applied_and_its_cursor_stored(cache: Cache) -> None:
    result = apply_page(
        cache,
        page(
            table("family", {"id": "f1", "version": 3, "name": "Smith"}),
            table("message", {"id": "m1", "version": 3}, {"id": "m2", "version": 3}),
            cursor="3:message:m2",
            version=3,
            last_seq=7,
        ),
    )
    assert result.applied == {"family": 1, "message": 2}
    assert (result.cursor, result.version, result.last_seq, result.has_more) == (
        "3:message:m2",
        3,
        7,
        False,
    )
    assert families(cache) == [("f1", 3, "Smith")]
    assert read_cursor(cache) == "3:message:m2"
    assert read_last_seq(cache) == 7


def test_a_new_cache_pulls_from_zero(cache: Cache) -> None:
    assert read_cursor(cache) == "0"
    assert read_last_seq(cache) is None


def test_a_null_last_seq_is_stored_as_none(cache: Cache) -> None:
    apply_page(cache, page(last_seq=4))
    apply_page(cache, page(last_seq=None))
    assert read_last_seq(cache) is None


def test_the_same_page_twice_changes_nothing(cache: Cache) -> None:
    twice = page(
        table("family", {"id": "f1", "version": 2, "name": "Smith"}),
        table("guardian", {"id": "g1", "version": 2, "phone": "+12025550134"}),
        table("message", {"id": "m1", "version": 2, "body": "field trip"}),
    )
    apply_page(cache, twice)
    before = snapshot(cache)
    assert apply_page(cache, twice).applied == {}
    assert snapshot(cache) == before
    fts_consistent(cache)


@EACH_WAY
def test_an_older_version_is_ignored(cache: Cache, initial: bool) -> None:
    apply_page(
        cache,
        initial=initial,
        page=page(table("family", {"id": "f1", "version": 5, "name": "New"})),
    )
    result = apply_page(
        cache,
        initial=initial,
        page=page(table("family", {"id": "f1", "version": 4, "name": "Old"})),
    )
    assert result.applied == {}
    assert families(cache) == [("f1", 5, "New")]


@EACH_WAY
def test_a_newer_version_replaces_the_row(cache: Cache, initial: bool) -> None:
    apply_page(
        cache,
        initial=initial,
        page=page(table("family", {"id": "f1", "version": 4, "name": "Old"})),
    )
    apply_page(
        cache,
        initial=initial,
        page=page(table("family", {"id": "f1", "version": 5, "name": "New"})),
    )
    assert families(cache) == [("f1", 5, "New")]


@EACH_WAY
def test_within_a_page_the_newest_copy_wins_whatever_the_order(cache: Cache, initial: bool) -> None:
    apply_page(
        cache,
        page(
            table(
                "family",
                {"id": "f1", "version": 7, "name": "Newest"},
                {"id": "f1", "version": 6, "name": "Older"},
            )
        ),
    )
    assert families(cache) == [("f1", 7, "Newest")]


def test_a_tombstone_deletes_the_row(cache: Cache) -> None:
    apply_page(cache, page(table("message", {"id": "m1", "version": 1, "body": "pickup"})))
    result = apply_page(cache, page(table("message", {"id": "m1", "version": 2, "deleted": True})))
    assert result.applied == {"message": 1}
    assert cache.raw.execute("SELECT count(*) FROM message").fetchone() == (0,)
    assert search_messages(cache, "pickup") == []
    fts_consistent(cache)


@EACH_WAY
def test_an_older_copy_after_a_tombstone_stays_deleted(cache: Cache, initial: bool) -> None:
    """Regression: a late duplicate of a deleted row must not bring it back."""
    apply_page(
        cache,
        initial=initial,
        page=page(table("family", {"id": "f1", "version": 3, "deleted": True})),
    )
    apply_page(
        cache,
        initial=initial,
        page=page(table("family", {"id": "f1", "version": 2, "name": "Zombie"})),
    )
    assert families(cache) == []


@EACH_WAY
def test_a_row_recreated_after_its_tombstone_comes_back(cache: Cache, initial: bool) -> None:
    apply_page(
        cache,
        initial=initial,
        page=page(table("family", {"id": "f1", "version": 3, "deleted": True})),
    )
    apply_page(
        cache,
        initial=initial,
        page=page(table("family", {"id": "f1", "version": 4, "name": "Back"})),
    )
    assert families(cache) == [("f1", 4, "Back")]


@EACH_WAY
def test_unknown_tables_and_columns_are_ignored(cache: Cache, initial: bool) -> None:
    """A newer server may send more than this client knows."""
    family = table("family", {"id": "f1", "version": 1, "name": "Smith"})
    family["columns"].append("loyalty_points")
    family["rows"][0].append(12)
    result = apply_page(
        cache,
        page(
            {"name": "hologram", "columns": ["id", "colour"], "rows": [["h1", "blue"]]},
            family,
        ),
    )
    assert result.applied == {"family": 1}
    assert families(cache) == [("f1", 1, "Smith")]


@EACH_WAY
def test_a_withheld_column_is_not_overwritten(cache: Cache, initial: bool) -> None:
    """Office clients are not sent kiosk-only columns; an update must not null them."""
    kiosk_columns = [*DEFAULTS["guardian"], "kiosk_pin_verifier"]
    kiosk = table(
        "guardian", {"id": "g1", "version": 1, "kiosk_pin_verifier": "k"}, columns=kiosk_columns
    )
    apply_page(cache, initial=initial, page=page(kiosk))
    apply_page(
        cache,
        initial=initial,
        page=page(table("guardian", {"id": "g1", "version": 2, "first_name": "Jo"})),
    )
    row = cache.raw.execute("SELECT first_name, kiosk_pin_verifier FROM guardian").fetchone()
    assert row == ("Jo", "k")


def good() -> dict[str, Any]:
    return page(
        table("family", {"id": "f9", "version": 9, "name": "Later"}),
        cursor="9",
        version=9,
    )


def with_table(**changes: Any) -> dict[str, Any]:
    value = good()
    value["tables"][0].update(changes)
    return value


def with_row(row: list[Any]) -> dict[str, Any]:
    value = good()
    value["tables"][0]["rows"].append(row)
    return value


def without(key: str) -> dict[str, Any]:
    value = good()
    del value[key]
    return value


def replaced(**changes: Any) -> dict[str, Any]:
    return {**good(), **changes}


MALFORMED = {
    "not an object": ["cursor", "9"],
    "no cursor": without("cursor"),
    "no has_more": without("has_more"),
    "no version": without("version"),
    "no last_seq": without("last_seq"),
    "no tables": without("tables"),
    "cursor not text": replaced(cursor=9),
    "has_more not boolean": replaced(has_more="no"),
    "version not int": replaced(version="9"),
    "version boolean": replaced(version=True),
    "last_seq not int": replaced(last_seq=1.5),
    "tables not a list": replaced(tables={"family": []}),
    "table not an object": replaced(tables=[["family"]]),
    "table without name": replaced(tables=[{"columns": [], "rows": []}]),
    "columns not a list": with_table(columns="id,version"),
    "column not text": with_table(columns=["id", "version", "deleted", 4]),
    "column twice": with_table(columns=["id", "version", "deleted", "name", "name"]),
    "rows not a list": with_table(rows={"f1": []}),
    "no id column": with_table(columns=["version", "deleted", "name", "notes"]),
    "no deleted column": with_table(columns=["id", "version", "name", "notes"]),
    "row too short": with_row(["f2", 9, False, "Short"]),
    "row too long": with_row(["f2", 9, False, "Long", "", "extra"]),
    "row not a list": with_row({"id": "f2"}),  # type: ignore[arg-type]
    "id not text": with_row([2, 9, False, "Number", ""]),
    "id empty": with_row(["", 9, False, "Empty", ""]),
    "version text": with_row(["f2", "9", False, "Text", ""]),
    "version boolean in row": with_row(["f2", True, False, "Bool", ""]),
    "version float": with_row(["f2", 9.0, False, "Float", ""]),
    "deleted not boolean": with_row(["f2", 9, 0, "Zero", ""]),
    # Found only while writing, after other rows of the page went in.
    "required value null": with_row(["f2", 9, False, None, ""]),
    "value not a scalar": with_row(["f2", 9, False, {"first": "Ann"}, ""]),
}


@pytest.mark.parametrize("bad", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_page_raises_and_writes_nothing(cache: Cache, bad: Any) -> None:
    apply_page(
        cache,
        page(
            table("family", {"id": "f1", "version": 1, "name": "Smith"}),
            table("message", {"id": "m1", "version": 1, "body": "pickup"}),
            cursor="1",
        ),
    )
    before = snapshot(cache)
    with pytest.raises(MalformedPage):
        apply_page(cache, bad)
    assert snapshot(cache) == before
    assert read_cursor(cache) == "1"


def test_a_write_error_rolls_back_the_earlier_tables_and_the_cursor(cache: Cache) -> None:
    bad = page(
        table("message", {"id": "m1", "version": 2, "body": "early table"}),
        table("family", {"id": "f1", "version": 2, "name": None}),
        cursor="2",
        version=2,
    )
    with pytest.raises(MalformedPage, match="family"):
        apply_page(cache, bad)
    assert cache.raw.execute("SELECT count(*) FROM message").fetchone() == (0,)
    assert read_cursor(cache) == "0"


def test_the_caller_can_extend_the_transaction(cache: Cache) -> None:
    """write_page joins the caller's transaction, so the sync engine can add to it."""
    valid = validate_page(good())

    def apply_then_fail() -> None:
        with cache.writing() as cursor:
            write_page(cursor, valid)
            raise RuntimeError("the outbox update failed")

    with pytest.raises(RuntimeError):
        apply_then_fail()
    assert families(cache) == []
    assert read_cursor(cache) == "0"


def test_initial_pages_defer_indexes_and_search_until_rebuild(cache: Cache) -> None:
    full = indexes(cache)
    apply_page(
        cache,
        page(
            table("message", {"id": "m1", "version": 1, "body": "birthday cupcakes"}),
            table("guardian", {"id": "g1", "version": 1, "first_name": "Ingrid"}),
        ),
        initial=True,
    )
    assert "ix_message_thread_created" not in indexes(cache)
    assert search_messages(cache, "cupcakes") == []
    rebuild_search(cache)
    assert indexes(cache) == full
    assert [hit.message_id for hit in search_messages(cache, "cupcakes")] == ["m1"]
    assert [hit.id for hit in search_people(cache, "ingrid")] == ["g1"]
    # The bulk build's larger FTS5 buffer is not left for everyday writes.
    settings = dict(cache.raw.execute("SELECT k, v FROM message_search_config"))
    assert settings.get("hashsize", DEFAULT_HASH_SIZE) == DEFAULT_HASH_SIZE
    apply_page(cache, page(table("message", {"id": "m2", "version": 2, "body": "balloons"})))
    assert [hit.message_id for hit in search_messages(cache, "balloons")] == ["m2"]
    fts_consistent(cache)
    fts_consistent(cache)


def test_an_interrupted_initial_sync_is_finished_by_the_next_page(cache: Cache) -> None:
    full = indexes(cache)
    apply_page(
        cache, page(table("message", {"id": "m1", "version": 1, "body": "nap"})), initial=True
    )
    apply_page(cache, page(table("message", {"id": "m2", "version": 2, "body": "nap time"})))
    assert indexes(cache) == full
    assert {hit.message_id for hit in search_messages(cache, "nap")} == {"m1", "m2"}
    fts_consistent(cache)


def test_reset_during_an_initial_sync_restores_the_indexes(cache: Cache) -> None:
    full = indexes(cache)
    apply_page(cache, page(table("message", {"id": "m1", "version": 1})), initial=True)
    reset_synced(cache)
    assert indexes(cache) == full


def test_reset_forgets_mirrored_rows_but_keeps_local_work(cache: Cache) -> None:
    apply_page(
        cache,
        page(
            table("family", {"id": "f1", "version": 1, "name": "Smith"}),
            table("message", {"id": "m1", "version": 2, "deleted": True}),
            cursor="2",
            last_seq=3,
        ),
    )
    cache.raw.execute("INSERT INTO draft (key, body, updated_at) VALUES ('new-message', 'hi', 't')")
    reset_synced(cache)
    assert families(cache) == []
    assert cache.raw.execute("SELECT count(*) FROM tombstone").fetchone() == (0,)
    assert search_people(cache, "smith") == []
    assert read_cursor(cache) == "0"
    assert read_last_seq(cache) == 3
    assert cache.raw.execute("SELECT body FROM draft").fetchall() == [("hi",)]
    fts_consistent(cache)
