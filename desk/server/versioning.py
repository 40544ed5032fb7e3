"""Stamping writes with the centre's sync version (DESIGN.md §4 cursor rule).

A sequence value can commit out of order, so a reader paging by a plain serial
cursor would skip a row that commits late. Instead the last statement of every
write transaction bumps the scope's row in `sync_state` and stamps the rows it
touched with the new version. The row lock is held until commit, so versions become
visible strictly in order and a reader that sees version V sees everything up to V.
"""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import Table, Update, bindparam, event, insert, select, update
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.orm.attributes import set_committed_value

from desk.server.orm import Synced, SyncState

_WRITTEN = "desk_written_rows"
_INSERTED = "desk_inserted_rows"


@event.listens_for(Session, "before_flush")
def _remember_written(session: Session, _context: Any, _instances: Any) -> None:
    """Collect every synced row the transaction inserts or changes, across flushes."""
    written: set[Synced] = session.info.setdefault(_WRITTEN, set())
    inserted = [obj for obj in session.new if isinstance(obj, Synced)]
    written.update(inserted)
    session.info.setdefault(_INSERTED, set()).update(inserted)
    written.update(
        obj for obj in session.dirty if isinstance(obj, Synced) and session.is_modified(obj)
    )


@event.listens_for(Session, "after_transaction_end")
def _transaction_ended(session: Session, transaction: SessionTransaction) -> None:
    """Forget written rows when the outermost transaction ends.

    `after_commit` would also fire for every savepoint and lose rows written before it.
    """
    if transaction.parent is None:
        forget_written(session)


def written_rows(session: Session) -> set[Synced]:
    """The synced rows this transaction has flushed so far (for a custom stamp)."""
    rows: set[Synced] = session.info.get(_WRITTEN, set())
    return rows


def forget_written(session: Session) -> None:
    """Drop the record of written rows (at the end, or after a rolled-back savepoint)."""
    session.info.pop(_WRITTEN, None)
    session.info.pop(_INSERTED, None)


def ensure_scope(session: Session, scope: str) -> None:
    """Create the version counter of a new centre."""
    if session.get(SyncState, scope) is None:
        session.execute(insert(SyncState).values(scope=scope, version=0))


_BUMP = (
    update(SyncState)
    .where(SyncState.scope == bindparam("of_scope"))
    .values(version=SyncState.version + 1)
    .returning(SyncState.version)
)
_CURRENT = select(SyncState.version).where(SyncState.scope == bindparam("scope"))


def next_version(session: Session, scope: str) -> int:
    """Bump and return the scope's version; call it last, just before commit."""
    return session.execute(_BUMP, {"of_scope": scope}).scalar_one()


def current_version(session: Session, scope: str) -> int:
    """The newest committed version this session's snapshot can see."""
    version = session.execute(_CURRENT, {"scope": scope}).scalar_one_or_none()
    return version or 0


def stamp(session: Session, scope: str) -> int:
    """Stamp every synced row written in this transaction with a new version.

    Call it as the last step before commit. Returns the new version, or the current
    one when nothing synced was written: a transaction that changed nothing visible
    must not wake every client.
    """
    version = stamp_changes(session, scope)
    return current_version(session, scope) if version is None else version


def stamp_changes(session: Session, scope: str) -> int | None:
    """Stamp the synced rows this transaction wrote with a new version; None if none.

    Call it as the last step before commit. Rows not flushed yet get the version on
    their way out, in the one flush they needed anyway; rows an earlier flush wrote
    (a command's handler flushes as it goes) get it by one UPDATE per table and 500
    ids, not by the ORM's UPDATE per row: a fan-out to thousands of families writes
    thousands of rows, and a second statement for each one doubled its cost.

    Every writer takes the counter's lock after its row locks, never before: a writer
    holding the counter while it waits for a row, whose holder waits for the counter
    to stamp, is a deadlock PostgreSQL ends by aborting one of them. So the rows still
    pending a change are locked first (`_lock_pending_changes`).
    """
    changed = [row for row in session.dirty if isinstance(row, Synced) and session.is_modified(row)]
    _lock_pending_changes(session, changed)
    pending = {row for row in session.new if isinstance(row, Synced)}
    pending.update(changed)
    flushed = written_rows(session) - pending
    if not pending and not flushed:
        return None
    with session.no_autoflush:  # the bump first: the rows go out stamped
        version = next_version(session, scope)
    for row in pending:
        row.version = version
    session.flush()
    by_model: dict[type[Synced], list[Synced]] = {}
    for row in flushed:
        by_model.setdefault(type(row), []).append(row)
    for model, rows in by_model.items():
        _stamp_ids(session, model, [row.id for row in rows], version)
        for row in rows:  # what the database now holds, without another UPDATE
            set_committed_value(row, "version", version)
    forget_written(session)
    return version


def _lock_pending_changes(session: Session, changed: list[Synced]) -> None:
    """Lock the existing rows whose change (`changed`) or deletion is not flushed yet.

    As their UPDATE or DELETE would, `FOR NO KEY UPDATE` or `FOR UPDATE`, by id, one
    statement per table and 500 ids; the change itself still goes out stamped in the
    one flush after the bump. Rows this transaction inserted are its own already, and
    a fan-out changes thousands of them. SQLite lets one writer in at a time: nothing
    to order there.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    inserted: set[Synced] = session.info.get(_INSERTED, set())
    locks: dict[tuple[type[Synced], bool], list[str]] = {}
    for row in changed:
        if row not in inserted:
            locks.setdefault((type(row), False), []).append(row.id)
    for row in session.deleted:
        if isinstance(row, Synced) and row not in inserted:
            locks.setdefault((type(row), True), []).append(row.id)
    with session.no_autoflush:
        for (model, deleting), ids in locks.items():
            for start in range(0, len(ids), 500):
                query = select(model.id).where(model.id.in_(ids[start : start + 500]))
                session.execute(query.with_for_update(key_share=not deleting)).all()


@functools.cache
def _stamp_statement(table: Table) -> Update:
    """`UPDATE <table> SET version = :version WHERE id IN :ids`, built once a table.

    Core on the table, not the ORM's bulk UPDATE: for the few rows of one command,
    the ORM's statement handling cost more than the statement.
    """
    return (
        update(table)
        .where(table.c.id.in_(bindparam("ids", expanding=True)))
        .values(version=bindparam("version"))
    )


def _stamp_ids(session: Session, model: type[Synced], ids: list[str], version: int) -> None:
    """Stamp rows of one table by id, 500 at a time, behind the ORM's back."""
    statement = _stamp_statement(model.__table__)
    for start in range(0, len(ids), 500):
        session.connection().execute(
            statement, {"ids": ids[start : start + 500], "version": version}
        )
