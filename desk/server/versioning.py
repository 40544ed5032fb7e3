"""Stamping writes with the centre's sync version (DESIGN.md §4 cursor rule).

A sequence value can commit out of order, so a reader paging by a plain serial
cursor would skip a row that commits late. Instead the last statement of every
write transaction bumps the scope's row in `sync_state` and stamps the rows it
touched with the new version. The row lock is held until commit, so versions become
visible strictly in order and a reader that sees version V sees everything up to V.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, event, insert, select, update
from sqlalchemy.orm import Session, SessionTransaction

from desk.server.orm import Synced, SyncState

_WRITTEN = "desk_written_rows"


@event.listens_for(Session, "before_flush")
def _remember_written(session: Session, _context: Any, _instances: Any) -> None:
    """Collect every synced row the transaction inserts or changes, across flushes."""
    written: set[Synced] = session.info.setdefault(_WRITTEN, set())
    written.update(obj for obj in session.new if isinstance(obj, Synced))
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
    session.flush()
    written: set[Synced] = session.info.get(_WRITTEN, set())
    if not written:
        return current_version(session, scope)
    version = next_version(session, scope)
    for row in written:
        row.version = version
    session.flush()
    written.clear()
    return version


def stamp_ids(session: Session, model: type[Synced], ids: Iterable[str], version: int) -> None:
    """Stamp rows written by bulk Core statements, which the ORM does not track."""
    id_list = list(ids)
    for start in range(0, len(id_list), 500):
        session.execute(
            update(model)
            .where(model.id.in_(id_list[start : start + 500]))
            .values(version=version)
            .execution_options(synchronize_session=False)
        )
