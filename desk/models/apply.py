"""Applying change-feed pages to the cache (DESIGN.md §4 pull, §6 staging).

A page is checked completely before anything is written, then applied in one
SQLite transaction together with its cursor, so after a crash the cache holds
either the whole page and its cursor or neither. Each table's rows go through a
temporary staging table and a handful of set-based statements: drop what is not
newer than the cached copy, take the changing rows out of search, delete
tombstoned rows, upsert the rest, and index them again. Applying a row is
therefore idempotent and order-insensitive: a page received twice, or an old copy
arriving after a newer one, changes nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Any

from desk.models import search
from desk.models.cache import Cache
from desk.models.local import MetaKey
from desk.models.schema import MIRRORED, defer_indexes, required_blanks, restore_indexes

_REQUIRED = ("id", "version", "deleted")


class MalformedPage(ValueError):
    """A change-feed page that does not have the agreed shape; nothing was written."""


@dataclass(frozen=True)
class TablePage:
    """One table's rows of a validated page, cut down to the columns the cache keeps.

    Attributes:
        name: a table in `MIRRORED`.
        columns: the cache columns the page carried, with `deleted`.
        rows: one sequence per row, in `columns` order.
    """

    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


@dataclass(frozen=True)
class Page:
    """A change-feed page that passed `validate_page`."""

    cursor: str
    has_more: bool
    version: int
    last_seq: int | None
    tables: tuple[TablePage, ...]


@dataclass(frozen=True)
class ApplyResult:
    """What applying a page did.

    Attributes:
        cursor: the stored cursor, to pass back as `?after=`.
        version: the server version the page brought the cache to.
        last_seq: the last outbox seq the server has applied for this client.
        has_more: whether the server has more pages waiting.
        applied: rows inserted, updated or deleted, per table; tables whose rows
            were all stale are absent, so the UI knows which models to reset.
    """

    cursor: str
    version: int
    last_seq: int | None
    has_more: bool
    applied: Mapping[str, int]


def apply_page(cache: Cache, page: object, *, initial: bool = False) -> ApplyResult:
    """Validate a decoded change-feed page and apply it with its cursor, atomically.

    Args:
        cache: the open cache.
        page: the JSON-decoded response of `GET /api/v1/changes`.
        initial: the page belongs to an initial sync from cursor 0. Secondary
            indexes of the tables it fills are dropped and search is not
            maintained; call `rebuild_search` once after the last page to put both
            back. Until then the cache records the sync as unfinished, and the next
            page applied without `initial` finishes it, so an interrupted initial
            sync cannot leave search incomplete or indexes missing for good.

    Raises:
        MalformedPage: if the page is not a change-feed page; nothing is written.
    """
    valid = validate_page(page)
    with cache.writing() as cursor:
        return write_page(cursor, valid, initial=initial)


def validate_page(page: object) -> Page:
    """Check a decoded page completely and keep what this cache mirrors.

    Unknown tables and columns are dropped, since a newer server may send them.

    Raises:
        MalformedPage: naming the first problem found.
    """
    if not isinstance(page, dict):
        raise MalformedPage(f"a page is a JSON object, not {type(page).__name__}")
    cursor = _field(page, "cursor", str)
    has_more = _field(page, "has_more", bool)
    version = _field(page, "version", int)
    last_seq = _field(page, "last_seq", int, nullable=True)
    tables = _field(page, "tables", list)
    return Page(cursor, has_more, version, last_seq, tuple(_tables(tables)))


def _field(page: dict[str, Any], key: str, kind: type, *, nullable: bool = False) -> Any:
    if key not in page:
        raise MalformedPage(f"page has no {key!r}")
    value = page[key]
    if value is None and nullable:
        return None
    if not _is(value, kind):
        raise MalformedPage(f"page {key!r} must be {kind.__name__}, got {value!r:.80}")
    return value


def _is(value: object, kind: type) -> bool:
    """isinstance, except that JSON true/false is not an int."""
    return isinstance(value, kind) and (kind is bool or not isinstance(value, bool))


def _tables(entries: list[Any]) -> list[TablePage]:
    kept = []
    for n, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise MalformedPage(f"tables[{n}] must be an object")
        name, columns, rows = entry.get("name"), entry.get("columns"), entry.get("rows")
        if not isinstance(name, str):
            raise MalformedPage(f"tables[{n}] has no name")
        if not (isinstance(columns, list) and all(isinstance(c, str) for c in columns)):
            raise MalformedPage(f"table {name!r}: columns must be a list of names")
        if len(set(columns)) != len(columns):
            raise MalformedPage(f"table {name!r}: a column is named twice")
        if not isinstance(rows, list):
            raise MalformedPage(f"table {name!r}: rows must be a list")
        if name in MIRRORED:
            kept.append(_table(name, columns, rows))
    return kept


def _table(name: str, columns: list[str], rows: list[Any]) -> TablePage:
    missing = [c for c in _REQUIRED if c not in columns]
    if missing:
        raise MalformedPage(f"table {name!r}: missing column(s) {', '.join(missing)}")
    if not _well_typed(rows, columns):
        _name_bad_row(name, columns, rows)
    mirrored = MIRRORED[name]
    kept = tuple(c for c in columns if c in mirrored or c == "deleted")
    if len(kept) == len(columns):  # nothing to drop: the rows go to SQLite as they are
        return TablePage(name, kept, rows)
    pick = itemgetter(*(columns.index(c) for c in kept))
    return TablePage(name, kept, [pick(row) for row in rows])


def _well_typed(rows: list[Any], columns: list[str]) -> bool:
    """Whether every row has the shape the feed promises.

    That is a list (or tuple) of the right width with a non-empty text id, an integer
    version and a boolean `deleted`; checked column-wise in C, since an initial sync
    brings a hundred thousand rows.
    """
    try:
        if not set(map(type, rows)) <= {list, tuple} or set(map(len, rows)) - {len(columns)}:
            return False
        ids = list(map(itemgetter(columns.index("id")), rows))
        versions = map(itemgetter(columns.index("version")), rows)
        deleted = map(itemgetter(columns.index("deleted")), rows)
        return (
            set(map(type, ids)) <= {str}
            and "" not in ids
            and set(map(type, versions)) <= {int}
            and set(map(type, deleted)) <= {bool}
        )
    except TypeError:  # a row that is not a list has no len()
        return False


def _name_bad_row(name: str, columns: list[str], rows: list[Any]) -> None:
    """Raise `MalformedPage` naming the first row `_well_typed` refused."""
    width = len(columns)
    id_at, version_at, deleted_at = (columns.index(c) for c in _REQUIRED)
    for n, row in enumerate(rows):
        if not isinstance(row, list | tuple) or len(row) != width:
            raise MalformedPage(f"table {name!r} row {n}: expected a list of {width} values")
        if type(row[id_at]) is not str or not row[id_at]:
            raise MalformedPage(f"table {name!r} row {n}: id must be non-empty text")
        if type(row[version_at]) is not int:
            raise MalformedPage(f"table {name!r} row {n}: version must be an integer")
        if type(row[deleted_at]) is not bool:
            raise MalformedPage(f"table {name!r} row {n}: deleted must be true or false")
    raise AssertionError("_well_typed refused rows that _name_bad_row accepts")


def write_page(cursor: sqlite3.Cursor, page: Page, *, initial: bool = False) -> ApplyResult:
    """Apply a validated page inside the caller's `Cache.writing()` transaction.

    For callers that must change more in the same transaction, such as the sync
    engine dropping acknowledged outbox entries (DESIGN.md §4 rebase); otherwise
    use `apply_page`.

    Raises:
        MalformedPage: if a value cannot be stored (a required value is null, or a
            value is not a JSON scalar); the caller's transaction must roll back.
    """
    unfinished = _read_meta(cursor, MetaKey.INITIAL_UNFINISHED) is not None
    maintain = not (initial or unfinished)
    applied: dict[str, int] = {}
    for table in page.tables:
        if initial and table.rows:
            defer_indexes(cursor, table.name)
        try:
            count = _apply_table(cursor, table, maintain=maintain)
        except (sqlite3.IntegrityError, sqlite3.ProgrammingError) as exc:
            raise MalformedPage(f"table {table.name!r}: {exc}") from exc
        if count:
            applied[table.name] = applied.get(table.name, 0) + count
    meta: dict[str, str | None] = {
        MetaKey.CURSOR: page.cursor,
        MetaKey.VERSION: str(page.version),
        MetaKey.LAST_SEQ: None if page.last_seq is None else str(page.last_seq),
    }
    if initial and applied:
        meta[MetaKey.INITIAL_UNFINISHED] = "1"
    elif unfinished and not initial:
        search.rebuild(cursor)
    _write_meta(cursor, meta)
    return ApplyResult(page.cursor, page.version, page.last_seq, page.has_more, applied)


def _apply_table(cursor: sqlite3.Cursor, table: TablePage, *, maintain: bool) -> int:
    """Stage one table's rows and merge the newer ones; returns rows changed."""
    sql = _statements(table.name, table.columns)
    if not maintain and _only_live_rows(cursor, table):
        # An initial sync's page: nothing to take out of search and no deletion to
        # record, so one upsert keeping the newer copy does what the stage would.
        return int(cursor.executemany(sql.direct, table.rows).rowcount)
    cursor.execute(sql.create_stage)
    cursor.executemany(sql.stage, table.rows)
    cursor.execute(sql.drop_stale)
    indexed = maintain and table.name in search.SEARCHED_TABLES
    if indexed:
        search.unindex(cursor, table.name, sql.stage_table, table.columns)
    changed = cursor.execute(sql.delete).rowcount
    cursor.execute(sql.tombstone)
    changed += cursor.execute(sql.upsert).rowcount
    if indexed:
        search.reindex(cursor, table.name, sql.stage_table)
    cursor.execute(sql.clear_stage)  # rolled back with everything else on error
    return changed


def _only_live_rows(cursor: sqlite3.Cursor, table: TablePage) -> bool:
    """Whether no row of the page is deleted and no row of its table ever was here.

    Then a row is stale only if the cache holds a newer copy of it: no tombstone
    can outrank it, and no row has to be deleted.
    """
    deleted = itemgetter(table.columns.index("deleted"))
    if any(map(deleted, table.rows)):
        return False
    return cursor.execute(_ANY_TOMBSTONE, (table.name,)).fetchone() is None


_ANY_TOMBSTONE = "SELECT 1 FROM main.tombstone WHERE table_name = ? LIMIT 1"


@dataclass(frozen=True)
class _Statements:
    stage_table: str
    direct: str
    create_stage: str
    stage: str
    drop_stale: str
    delete: str
    tombstone: str
    upsert: str
    clear_stage: str


@cache
def _statements(name: str, columns: tuple[str, ...]) -> _Statements:
    """The SQL to merge one table's page, for the columns a page carried.

    Names come from `MIRRORED`, never from the page, so formatting them in is safe.
    Upserts set only the carried columns, so a column the server withholds from
    this client (kiosk-only) is never overwritten with NULL; a new row gets a blank
    for each required column its page lacks (`required_blanks`).
    """
    stage = f"temp.stage_{name}"
    cols = ", ".join(columns)
    stored = ", ".join(c for c in columns if c != "deleted")
    # Required columns the page did not carry get a blank on insert only.
    blanks = {c: v for c, v in required_blanks(name).items() if c not in columns}
    inserted = ", ".join((stored, *blanks)) if blanks else stored
    inserted_values = ", ".join((stored, *blanks.values())) if blanks else stored
    updated = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in ("id", "deleted"))
    # Straight from the page's rows, by position: `deleted` is not stored, yet every
    # parameter must be bound, so it is named where it is known false (live rows only).
    by_position = {c: f"?{n}" for n, c in enumerate(columns, 1)}
    direct_values = ", ".join(
        (*(by_position[c] for c in columns if c != "deleted"), *blanks.values())
    )
    return _Statements(
        stage_table=stage,
        direct=(
            f"INSERT INTO main.{name} ({inserted}) VALUES ({direct_values})"
            f" ON CONFLICT (id) DO UPDATE SET {updated}"
            f" WHERE excluded.version > {name}.version AND NOT {by_position['deleted']}"
        ),
        # Untyped columns: staged values stay exactly as they came.
        create_stage=(
            f"CREATE TABLE IF NOT EXISTS {stage} ({', '.join(MIRRORED[name])},"
            " deleted, reindex DEFAULT 0, PRIMARY KEY (id))"
        ),
        # Within one page the newest copy of a row wins, whatever the order.
        stage=(
            f"INSERT INTO {stage} ({cols}) VALUES ({', '.join('?' * len(columns))})"
            f" ON CONFLICT (id) DO UPDATE SET {updated}, deleted = excluded.deleted"
            f" WHERE excluded.version > {stage}.version"
        ),
        drop_stale=(
            f"DELETE FROM {stage} AS s WHERE EXISTS"
            f" (SELECT 1 FROM main.{name} AS t WHERE t.id = s.id AND t.version >= s.version)"
            " OR EXISTS (SELECT 1 FROM main.tombstone AS b"
            f" WHERE b.table_name = '{name}' AND b.id = s.id AND b.version >= s.version)"
        ),
        delete=f"DELETE FROM main.{name} WHERE id IN (SELECT id FROM {stage} WHERE deleted)",
        tombstone=(
            "INSERT INTO main.tombstone (table_name, id, version)"
            f" SELECT '{name}', id, version FROM {stage} WHERE deleted"
            " ON CONFLICT (table_name, id) DO UPDATE SET version = excluded.version"
        ),
        # The WHERE clause also settles SQLite's INSERT ... SELECT ... ON CONFLICT parse.
        upsert=(
            f"INSERT INTO main.{name} ({inserted}) SELECT {inserted_values} FROM {stage}"
            " WHERE NOT deleted"
            f" ON CONFLICT (id) DO UPDATE SET {updated}"
        ),
        clear_stage=f"DELETE FROM {stage}",
    )


def reset_synced(cache: Cache) -> None:
    """Forget every mirrored row and the cursor, keeping the outbox, drafts and settings.

    For a refetch from 0 after the server answers 410 (cursor older than tombstone
    retention): applying the refetch over the old rows would keep rows whose
    tombstones the server has already purged. Indexes an unfinished initial sync
    deferred are put back, since the mark that would have restored them goes.
    """
    with cache.writing() as cursor:
        for name in MIRRORED:
            cursor.execute(f"DELETE FROM main.{name}")
        cursor.execute("DELETE FROM tombstone")
        search.clear(cursor)
        restore_indexes(cursor)
        cursor.execute(
            "DELETE FROM sync_meta WHERE key IN (?, ?, ?)",
            (MetaKey.CURSOR, MetaKey.VERSION, MetaKey.INITIAL_UNFINISHED),
        )


def read_cursor(cache: Cache) -> str:
    """The cursor to pull from next: "0" (initial sync) until a page was applied."""
    return _read(cache, MetaKey.CURSOR) or "0"


def read_last_seq(cache: Cache) -> int | None:
    """The last outbox seq the server reported applied, or None if it reported none."""
    value = _read(cache, MetaKey.LAST_SEQ)
    return None if value is None else int(value)


def _read(cache: Cache, key: MetaKey) -> str | None:
    rows = cache.read("SELECT value FROM sync_meta WHERE key = ?", key.value)
    return str(rows[0][0]) if rows and rows[0][0] is not None else None


def _read_meta(cursor: sqlite3.Cursor, key: MetaKey) -> str | None:
    row = cursor.execute("SELECT value FROM sync_meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else row[0]


def _write_meta(cursor: sqlite3.Cursor, values: Mapping[str, str | None]) -> None:
    cursor.executemany(
        "INSERT INTO sync_meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        list(values.items()),
    )
