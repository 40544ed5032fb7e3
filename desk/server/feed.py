"""The change feed: pages of synced rows newer than a client's cursor (DESIGN.md §4).

A page is read from one snapshot and ordered by `(version, table, id)`. The cursor
names the last row sent, not just its version, because one bulk transaction can
stamp more rows with a single version than fit in a page; an integer cursor would
have to send the whole version at once. Only versions up to the snapshot's
`sync_state.version` are served, and every version up to that one has committed
(versions are taken under a row lock held to commit), so no row can appear later
behind the cursor.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from itertools import repeat
from operator import itemgetter
from typing import Any, NamedTuple, cast

import orjson
from sqlalchemy import (
    Column,
    ColumnElement,
    CompoundSelect,
    Select,
    Table,
    and_,
    bindparam,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.types import String

from desk.core.kinds import ThreadKind
from desk.core.permissions import Capability
from desk.core.schema import ALWAYS_SENT, SYNCED_TABLES, Visibility
from desk.server import orm
from desk.server.orm import Synced
from desk.server.principal import Principal
from desk.server.versioning import current_version
from desk.server.wire_sql import in_json_list, json_row, wire_value

# Which columns and rows each caller receives is declared once, in `desk.core.schema`;
# the feed queries the hand-written ORM models of the declared tables.
_MODELS: dict[str, type[Synced]] = {
    mapper.class_.__tablename__: mapper.class_
    for mapper in orm.Base.registry.mappers
    if issubclass(mapper.class_, Synced)
}

# Parents before children, so a page applied in order never references a row that
# arrives later in the same page.
FEED_TABLES: tuple[type[Synced], ...] = tuple(_MODELS[table.name] for table in SYNCED_TABLES)
TABLE_INDEX = {model.__tablename__: i for i, model in enumerate(FEED_TABLES)}

# What an enrolled kiosk may hold: only what it shows or checks (issue 12, item 2),
# the columns declared `kiosk`: display names of guardians and children, rooms,
# memory-hard PIN verifiers and their centre salt, the admins' argon2 PIN hashes (no
# staff names), its queued messages and attendance. Nothing else leaves the server
# for a kiosk.
KIOSK_COLUMNS: dict[str, tuple[str, ...]] = {
    table.name: table.kiosk_columns for table in SYNCED_TABLES if table.kiosk_columns
}
# What staff receive: every column but the private and the kiosk-only ones.
OFFICE_COLUMNS: dict[str, tuple[str, ...]] = {
    table.name: table.office_columns for table in SYNCED_TABLES
}
ALWAYS = ALWAYS_SENT


def _visible_as(visibility: Visibility) -> frozenset[str]:
    """The declared tables whose rows staff see under `visibility`."""
    return frozenset(table.name for table in SYNCED_TABLES if table.visibility is visibility)


ADMIN_ONLY = _visible_as(Visibility.ADMIN)
THREAD_CHILDREN = _visible_as(Visibility.THREAD_CHILD)
MESSAGE_CHILDREN = _visible_as(Visibility.MESSAGE_CHILD)


class BadCursor(ValueError):
    """A cursor the server did not issue."""


@dataclass(frozen=True)
class Cursor:
    """Position after the last row a client holds.

    That is `(version, table index, id)`, and the caller's access version when the
    cursor was issued (`/A`).
    """

    version: int
    table: int = len(FEED_TABLES)  # past every table: the whole version is held
    row_id: str = ""
    access: int | None = None

    @classmethod
    def parse(cls, text: str) -> Cursor:
        """Read `"V"` or `"V:table:id"`, each optionally followed by `"/A"`.

        Raises:
            BadCursor: for anything else, with what was wrong.
        """
        text, slash, access_text = text.partition("/")
        if slash and (not access_text.isdigit() or len(access_text) > 18):
            raise BadCursor(f"cursor {text!r} has an unreadable access part")
        access = int(access_text) if slash else None
        version_text, _, rest = text.partition(":")
        if not version_text.isdigit() or len(version_text) > 18:
            raise BadCursor(f"cursor {text!r} must start with a version number")
        if not rest:
            return cls(int(version_text), access=access)
        table, sep, row_id = rest.partition(":")
        if not sep or table not in TABLE_INDEX or not row_id:
            raise BadCursor(f"cursor {text!r} does not name a table and row")
        return cls(int(version_text), TABLE_INDEX[table], row_id, access)

    @property
    def whole_version(self) -> bool:
        """Whether every row of the cursor's version is held (not a paged sync's middle)."""
        return self.table == len(FEED_TABLES)

    def __str__(self) -> str:
        position = str(self.version)
        if self.table < len(FEED_TABLES):
            position = f"{position}:{FEED_TABLES[self.table].__tablename__}:{self.row_id}"
        return position if self.access is None else f"{position}/{self.access}"


@dataclass(frozen=True)
class Page:
    """One page of the change feed, ready for `orjson`."""

    tables: list[dict[str, Any]]
    cursor: str
    has_more: bool
    version: int
    row_count: int

    def as_json(self, last_seq: int | None) -> dict[str, Any]:
        """The wire form."""
        return {
            "cursor": self.cursor,
            "has_more": self.has_more,
            "version": self.version,
            "last_seq": last_seq,
            "tables": self.tables,
        }


class Audience(NamedTuple):
    """What decides which rows and columns a caller receives, apart from who they are.

    Callers with the same audience share prepared feed queries.
    """

    kiosk: bool
    admin: bool
    full_messaging: bool
    sms_logs: bool

    @classmethod
    def of(cls, principal: Principal) -> Audience:
        """The audience of `principal`."""
        caps = principal.capabilities
        return cls(
            principal.is_kiosk,
            Capability.ADMIN in caps,
            Capability.FULL_MESSAGING in caps,
            Capability.SMS_LOGS in caps,
        )


def sent_columns(model: type[Synced], kiosk: bool) -> list[Column[Any]]:
    """The columns of `model` a caller receives, `id, version, deleted` first."""
    table = cast(Table, model.__table__)
    listed = KIOSK_COLUMNS.get(table.name, ()) if kiosk else OFFICE_COLUMNS[table.name]
    return [table.c[name] for name in (*ALWAYS, *listed)]


# The caller's own values enter the prepared queries as parameters. The rooms are one
# JSON list, not an expanding IN, so that each query compiles to one SQL string.
_ME: BindParameter[str] = bindparam("me")
_MY_ROOMS = bindparam("my_rooms", type_=String())


def visible(model: type[Synced], audience: Audience) -> ColumnElement[bool]:
    """The rows of `model` an audience may see, as a WHERE clause (`me`, `my_rooms`)."""
    name = model.__tablename__
    if audience.kiosk:
        return true() if name in KIOSK_COLUMNS else false()
    if name in ADMIN_ONLY:
        return true() if audience.admin else false()
    if audience.full_messaging:
        return true()
    if name == "thread":
        return _visible_threads(audience)
    if name in THREAD_CHILDREN:
        thread_ids = select(orm.Thread.id).where(_visible_threads(audience))
        return model.__table__.c.thread_id.in_(thread_ids)
    if name == "kiosk_message":
        # The kiosk copy of a conversation message is as private as the conversation
        # (issue 12, item 1); one queued on its own, from the Kiosk messages page,
        # is for every staff member.
        thread_ids = select(orm.Thread.id).where(_visible_threads(audience))
        return or_(orm.KioskMessage.thread_id.is_(None), orm.KioskMessage.thread_id.in_(thread_ids))
    if name in MESSAGE_CHILDREN:
        message_ids = select(orm.Message.id).where(
            orm.Message.thread_id.in_(select(orm.Thread.id).where(_visible_threads(audience)))
        )
        return model.__table__.c.message_id.in_(message_ids)
    return true()


def _visible_threads(audience: Audience) -> ColumnElement[bool]:
    """Threads a staff member without full messaging access may read (seed 000, 001)."""
    kinds = [orm.Thread.kind == ThreadKind.CLASSROOM, in_json_list(orm.Thread.room_id, _MY_ROOMS)]
    allowed: list[ColumnElement[bool]] = [and_(*kinds)]
    if audience.sms_logs:
        allowed.append(orm.Thread.kind == ThreadKind.SMS)
    member = select(orm.Participant.thread_id).where(
        orm.Participant.person_kind == "staff",
        orm.Participant.person_id == _ME,
        ~orm.Participant.deleted,
    )
    allowed.append(and_(orm.Thread.kind == ThreadKind.GROUP, orm.Thread.id.in_(member)))
    return or_(*allowed)


class Place(IntEnum):
    """Where a table stands relative to the table named in the cursor."""

    BEFORE = -1  # its rows at the cursor's version were all sent
    AT = 0  # sent up to the cursor's row id
    AFTER = 1  # none of its rows at the cursor's version were sent


def _after(model: type[Synced], place: Place) -> ColumnElement[bool]:
    """Rows strictly after the cursor (`after_version`, `after_id`) in feed order."""
    after_version: BindParameter[int] = bindparam("after_version")
    if place is Place.BEFORE:
        return model.version > after_version
    if place is Place.AFTER:
        return model.version >= after_version
    return or_(
        model.version > after_version,
        and_(model.version == after_version, model.id > bindparam("after_id")),
    )


@functools.cache
def changed_tables_query(cursor_table: int) -> CompoundSelect[int]:
    """Which tables hold rows after a cursor naming table `cursor_table`, visible or not.

    One statement of index probes, so that a poll finding little new runs the row
    queries of a few tables instead of all of them. Parameters: `centre`, `bound`,
    `after_version`.
    """
    after_version: BindParameter[int] = bindparam("after_version")
    probes = []
    for index, model in enumerate(FEED_TABLES):
        newer = (
            model.version > after_version
            if index < cursor_table
            else model.version >= after_version
        )
        probes.append(
            select(literal(index)).where(
                exists().where(
                    model.centre_id == bindparam("centre"),
                    model.version <= bindparam("bound"),
                    newer,
                )
            )
        )
    return union_all(*probes)


@functools.cache
def feed_query(index: int, place: Place, audience: Audience) -> Select[int, str, str]:
    """The prepared query for one table's next rows.

    Building a statement costs more than running it on an index, and an idle client asks
    for every table each poll.

    Each row is (version, id, the row's JSON array as text). Parameters: `centre`,
    `bound` (highest version served), `after_version`, `after_id`, `me`, `my_rooms`,
    `limit`.
    """
    model = FEED_TABLES[index]
    columns = (wire_value(column) for column in sent_columns(model, audience.kiosk))
    return (
        select(model.version, model.id, json_row(*columns))
        .where(
            model.centre_id == bindparam("centre"),
            model.version <= bindparam("bound"),
            _after(model, place),
            visible(model, audience),
        )
        .order_by(model.version, model.id)
        .limit(bindparam("limit"))
    )


class CursorAhead(ValueError):
    """The client's rows no longer fit its cursor.

    The server's data was replaced, or the caller's access changed. The client drops its
    rows and syncs from 0.
    """


def access_version(session: Session, principal: Principal) -> int:
    """The version at which what this caller may see last changed.

    Rows that become visible (a teacher moved to another room) were stamped long
    before the client's cursor, and rows that stop being visible get no tombstone of
    their own; a client whose cursor predates the change must start over. Role and
    capability edits touch the staff row, room moves the `staff_room` rows.
    """
    if principal.is_kiosk:
        return 0
    versions = session.execute(_ACCESS_VERSIONS, {"staff": principal.id}).one()
    return max(v or 0 for v in versions)


def access_versions(session: Session, staff_ids: Iterable[str]) -> dict[str, int]:
    """`access_version` of many staff members in one statement (missing: 0).

    A change wakes every client of a centre at once; one query for all of them
    replaces a query per client.
    """
    wanted = sorted(set(staff_ids))
    if not wanted:
        return {}
    rows = session.execute(_MANY_ACCESS_VERSIONS, {"staff": wanted})
    return {staff_id: max(version or 0, room or 0) for staff_id, version, room in rows}


_MANY_ACCESS_VERSIONS = select(
    orm.Staff.id,
    orm.Staff.version,
    select(func.max(orm.StaffRoom.version))
    .where(orm.StaffRoom.staff_id == orm.Staff.id)
    .scalar_subquery(),
).where(orm.Staff.id.in_(bindparam("staff", expanding=True)))


_ACCESS_VERSIONS = select(
    select(orm.Staff.version).where(orm.Staff.id == bindparam("staff")).scalar_subquery(),
    select(func.max(orm.StaffRoom.version))
    .where(orm.StaffRoom.staff_id == bindparam("staff"))
    .scalar_subquery(),
)


class _Prepared(NamedTuple):
    """A feed query compiled for one dialect, run on the driver's own cursor."""

    sql: str
    positions: tuple[str, ...] | None  # parameter names in order; None: named style
    fixed: dict[str, Any]  # the values written into the query (kinds, OFFSET 0...)


@functools.cache
def _prepared(index: int, place: Place, audience: Audience, dialect: Dialect) -> _Prepared:
    compiled = feed_query(index, place, audience).compile(dialect=dialect)
    positions = tuple(compiled.positiontup) if compiled.positiontup is not None else None
    fixed = {}
    for name, bind in compiled.binds.items():
        if name not in _RUNTIME_PARAMS:
            process = bind.type.bind_processor(dialect)
            fixed[name] = process(bind.effective_value) if process else bind.effective_value
    return _Prepared(compiled.string, positions, fixed)


_RUNTIME_PARAMS = frozenset(
    {"centre", "bound", "after_version", "after_id", "me", "my_rooms", "limit"}
)
_VERSION = itemgetter(0)  # of a feed query's (version, id, json) row
_ID = itemgetter(1)
_JSON = itemgetter(2)
_TABLE = itemgetter(1)  # of a (version, table, id) key


def _feed_rows(connection: Connection, prepared: _Prepared, params: dict[str, Any]) -> list[Any]:
    """The (version, id, JSON text) rows of a prepared feed query, as the driver returns them.

    No SQLAlchemy `Row` per row, no Python object per value.
    """
    values = {**prepared.fixed, **params}
    cursor = connection.connection.cursor()
    try:
        if prepared.positions is None:
            cursor.execute(prepared.sql, values)
        else:
            cursor.execute(prepared.sql, [values[name] for name in prepared.positions])
        rows = cast(list[Any], cursor.fetchall())
    finally:
        cursor.close()
    return rows


def read_page(session: Session, principal: Principal, cursor: Cursor, limit: int) -> Page:
    """Up to `limit` rows after `cursor`, from the session's snapshot.

    Raises:
        CursorAhead: when the client holds versions this server never issued; the
            client must drop its cache and sync from 0.
    """
    upto = current_version(session, principal.centre_id)
    if cursor.version > upto:
        raise CursorAhead(f"cursor version {cursor.version} is newer than the server's {upto}")
    access = access_version(session, principal)
    check_access(cursor, access)
    return read_rows(session, principal, cursor, (limit, upto), access)


def check_access(cursor: Cursor, access: int) -> None:
    """Refuse a cursor issued before the caller's access last changed.

    Raises:
        CursorAhead: the client holds rows it may no longer see, or lacks rows it now may.
    """
    # A cursor from before access versions were issued counts as issued at its version.
    issued_under = cursor.access if cursor.access is not None else cursor.version
    if cursor.version > 0 and access > issued_under:
        raise CursorAhead("your access changed since the last sync")


def changed_tables(session: Session, centre: str, cursor: Cursor, upto: int) -> list[int]:
    """Indexes of the tables holding rows after `cursor` up to `upto`, visible or not.

    The same for every caller of the centre: the classes woken by one change share it.
    """
    params = {"centre": centre, "bound": upto, "after_version": cursor.version}
    statement = changed_tables_query(cursor.table)
    return list(session.connection().execute(statement, params).scalars())


def read_rows(
    session: Session,
    principal: Principal,
    cursor: Cursor,
    window: tuple[int, int],
    access: int | None,
    *,
    changed: list[int] | None = None,
) -> Page:
    """Up to `limit` rows after `cursor` and up to version `upto` (`window`), unchecked.

    `read_page` checks the cursor against the caller first. The rows depend on the
    principal only through `desk.server.shared_pages.class_key`, so a page read for
    one principal serves every caller of its class (`access` None: the cursor is
    written without its access part, which each caller adds). `changed`: what
    `changed_tables` answers for the same cursor and `upto`, when already asked.
    """
    limit, upto = window
    audience = Audience.of(principal)
    params: dict[str, Any] = {
        "centre": principal.centre_id,
        "bound": upto,
        "after_version": cursor.version,
        "after_id": cursor.row_id,
        "me": principal.id,
        "my_rooms": orjson.dumps(sorted(principal.room_ids)).decode(),
        "limit": limit + 1,
    }
    connection = session.connection()
    if changed is None:
        changed = changed_tables(session, principal.centre_id, cursor, upto)
    fetched: dict[int, list[Any]] = {}
    keys: list[tuple[int, int, str]] = []  # (version, table, id): feed order
    for index in sorted(changed):
        place = Place((index > cursor.table) - (index < cursor.table))
        prepared = _prepared(index, place, audience, connection.dialect)
        rows = fetched[index] = _feed_rows(connection, prepared, params)
        # Each table's rows come in feed order, so the page's rows of a table are a
        # prefix of what was fetched; only the keys are merged, in C.
        keys.extend(zip(map(_VERSION, rows), repeat(index, len(rows)), map(_ID, rows), strict=True))
        keys.sort()
        if len(keys) > limit:
            # The page cannot reach past the (limit+1)-th smallest version seen so far,
            # so later tables need no newer rows: this keeps a page of messages from
            # reading thousands of rows of every other table only to drop them.
            del keys[limit + 1 :]
            params["bound"] = keys[-1][0]
    has_more = len(keys) > limit
    chosen = keys[:limit]
    tables = [
        {
            "name": FEED_TABLES[index].__tablename__,
            "columns": [c.name for c in sent_columns(FEED_TABLES[index], audience.kiosk)],
            "rows": orjson.Fragment(
                "".join(("[", ",".join(map(_JSON, fetched[index][:count])), "]"))
            ),
        }
        for index, count in sorted(Counter(map(_TABLE, chosen)).items())
    ]
    if has_more:
        version, index, row_id = chosen[-1]
        end = Cursor(version, index, row_id, access)
    else:
        end = Cursor(upto, access=access)  # everything up to the snapshot's version
    return Page(tables, str(end), has_more, upto, len(chosen))
