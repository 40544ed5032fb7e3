"""Opening the client cache: one SQLite file, its schema kept at the newest revision.

The office app and the kiosk read everything from this file, so it must open fast
(DESIGN.md §6: the window shows before heavy imports finish). An up-to-date cache
costs one `SELECT` from `alembic_version`; Alembic is imported only when a
migration actually has to run.

Every write goes through `Cache.writing()`, which is also where a failing disk is
turned into `StorageError`: the transaction is rolled back whole, so the user is
told what was not saved and that nothing already saved was lost. It is also where a
local change is announced (`on_local_change`), so whoever must react to one (the
sync engine sends it, the window re-counts) hears of it however it was made.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from desk.core.user_errors import QT_TRANSLATE_NOOP, Phrase, WordedError
from desk.models.checkpoint import Checkpointer
from desk.models.migrations import HEAD
from desk.models.search import PHONE_TERMS_FUNCTION, phone_terms

_MIGRATIONS = Path(__file__).with_name("migrations")

log = logging.getLogger(__name__)

LocalChangeListener = Callable[[], None]

# foreign_keys stays OFF: a page may carry a message before the thread it belongs
# to, and the server has already checked every reference.
# A page of 1,000 messages dirties ~1,600 pages (random UUID keys touch index leaves
# all over), so the default checkpoint every 1,000 WAL pages ran on nearly every
# commit and rewrote the same leaves each time; one every 16,384 pages (64 MiB)
# roughly halved commit time. The size limit truncates the WAL after a checkpoint.
_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=OFF",
    "PRAGMA busy_timeout=30000",
    "PRAGMA wal_autocheckpoint=16384",
    f"PRAGMA journal_size_limit={64 * 2**20}",
)
# Only for the bulk connection: staging tables in memory, and a page cache that holds
# the message indexes of a large centre (~12 MiB per 100k messages) between pages.
_BULK_PRAGMAS = ("PRAGMA temp_store=MEMORY", "PRAGMA cache_size=-32768")


def _null(value: None) -> None:
    """The adapter of None: NULL, as the sqlite3 module binds None anyway."""
    return value


def _bind_plainly() -> None:
    """Let the sqlite3 module bind None and bool without searching for an adapter.

    The module adapts every parameter that is not exactly an int, float, str or
    bytearray. For None and bool, which fill every synced row (nullable ids,
    flags), that search misses the adapter registry and then looks up
    `__adapt__` on the protocol type, which raises and clears an AttributeError:
    about 3,000 instructions per value. An initial sync of 129k rows binds some
    440,000 of them, 11% of its instructions under callgrind. Adapters that
    answer what the module binds anyway (NULL; 0 or 1) are found first.

    Adapters are process-wide; these change no stored value, for any connection.
    """
    sqlite3.register_adapter(bool, int)
    sqlite3.register_adapter(type(None), _null)


_bind_plainly()


class StorageError(WordedError):
    """The cache file could not be written; the transaction was rolled back whole.

    Its text is a sentence for the user: what was not saved and what to do. The app
    keeps running, and the same action succeeds once the cause is gone, because
    nothing of the failed transaction stayed behind.

    Attributes:
        what: what was not saved, as a phrase marked for translation ("your draft").
        advice: what the user can do, as a sentence marked for translation.
    """

    def __init__(
        self,
        what: str,
        advice: str = QT_TRANSLATE_NOOP("Errors", "Check the disk; nothing was lost."),
    ) -> None:
        self.what = what
        self.advice = advice
        super().__init__(self.sentence(), what=Phrase(what), advice=Phrase(advice))

    def sentence(self) -> str:
        """The untranslated sentence, with `{what}` and `{advice}` to fill."""
        return QT_TRANSLATE_NOOP(
            "Errors", "Front Desk could not save {what}: its data file cannot be written. {advice}"
        )


class DiskFull(StorageError):
    """The disk (or the cache's size limit) is full: SQLite answered SQLITE_FULL.

    SQLite reports a real ENOSPC from the operating system with the same code, so
    this covers a full disk as well as `PRAGMA max_page_count`, which tests use.
    """

    def __init__(
        self,
        what: str,
        advice: str = QT_TRANSLATE_NOOP("Errors", "Free some space; nothing was lost."),
    ) -> None:
        super().__init__(what, advice)

    def sentence(self) -> str:
        """The untranslated sentence, with `{what}` and `{advice}` to fill."""
        return QT_TRANSLATE_NOOP(
            "Errors", "The disk is full: Front Desk could not save {what}. {advice}"
        )


# Primary result codes (the low byte of an extended code) that mean the disk failed us.
_STORAGE_CODES = {sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_READONLY}


def _storage_error(error: sqlite3.Error, what: str) -> StorageError | None:
    """The `StorageError` that `error` amounts to, or None for any other failure."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None or code & 0xFF not in _STORAGE_CODES:
        return None
    return DiskFull(what) if code & 0xFF == sqlite3.SQLITE_FULL else StorageError(what)


def _configure(connection: sqlite3.Connection) -> None:
    """Apply the cache's pragmas to a fresh connection and take over BEGIN/COMMIT."""
    connection.isolation_level = None  # the sqlite3 module's implicit BEGIN gets in the way
    for pragma in _PRAGMAS:
        connection.execute(pragma)


class Cache:
    """An open cache: SQLAlchemy for ordinary reads and writes, stdlib sqlite3 for bulk.

    DESIGN.md §6 measured the stdlib cursor at 3–4x SQLAlchemy Core for bulk
    inserts, so applying change-feed pages and rebuilding search go through `raw`,
    inside `writing()`. Everything else (queries for the UI, drafts, the outbox)
    uses `session()`. Close the cache when done, or use it as a context manager.

    Attributes:
        path: the database file.
        engine: the SQLAlchemy engine (WAL mode, foreign keys off).
        sessions: session factory bound to `engine`.
        raw: the stdlib connection used for bulk work; use it only inside
            `writing()`, which serialises access from different threads.
        checkpointer: folds the write-ahead log back into the file in the
            background; bulk writers request it when they are done.
    """

    def __init__(self, path: Path, engine: Engine, raw: sqlite3.Connection) -> None:
        self.path = path
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        self.raw = raw
        self._write_lock = threading.Lock()
        self._readers = threading.local()
        self._reader_connections: list[sqlite3.Connection] = []
        self._listeners: list[LocalChangeListener] = []
        self._listeners_lock = threading.Lock()
        self.checkpointer = Checkpointer(path)

    def session(self) -> Session:
        """A new session; use it as a context manager."""
        return self.sessions()

    def read(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        """Rows of one plain SQL query, read without the write lock.

        For small reads from sync and services: a read must not queue behind a page
        being applied, and WAL gives it a consistent snapshot without the lock. Each
        thread reads on a stdlib connection of its own: a SQLAlchemy session per read
        cost more than the reads a command's round trip makes.
        """
        return self._reader().execute(sql, params).fetchall()

    def _reader(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._readers, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            _configure(connection)
            connection.create_function(PHONE_TERMS_FUNCTION, 1, phone_terms, deterministic=True)
            with self._write_lock:
                self._reader_connections.append(connection)
            self._readers.connection = connection
        return connection

    def on_local_change(self, listener: LocalChangeListener) -> Callable[[], None]:
        """Call `listener` after each committed local change; answer how to stop.

        A local change is a transaction that records something the user did on this
        machine (a command queued in the outbox), as opposed to rows a pull brought.
        Announcing it here, where it commits, means no caller has to remember to wake
        the sync engine or re-count the badges, whichever thread or screen wrote it.

        The listener runs on the thread that committed (services may write from a
        worker thread), after the write lock is released, so it may read the cache;
        it should hand any real work to its own thread and return. An exception it
        raises is logged, never passed to the writer, whose change is already saved.

        Returns:
            A function that removes the listener (harmless to call twice).
        """
        with self._listeners_lock:
            self._listeners.append(listener)

        def stop() -> None:
            with self._listeners_lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return stop

    def _announce_local_change(self) -> None:
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener()
            except Exception:
                log.exception("a local-change listener failed")

    @contextmanager
    def writing(
        self, what: str = QT_TRANSLATE_NOOP("Errors", "your changes"), *, local: bool = False
    ) -> Iterator[sqlite3.Cursor]:
        """One write transaction on `raw`: committed on success, rolled back on error.

        `BEGIN IMMEDIATE` takes SQLite's write lock up front, so a reader's session
        never has to upgrade its lock and fail with SQLITE_BUSY halfway through.
        The Python lock lets the sync worker thread and the GUI thread share `raw`.
        A failed COMMIT (a disk that fills while the WAL grows) rolls back too, or
        the connection would stay inside the dead transaction for good.

        Args:
            what: what the transaction saves, for the user ("your draft"), should
                the disk fail it.
            local: the transaction records a local change: once it has committed,
                the `on_local_change` listeners are called.

        Raises:
            DiskFull: the disk is full; nothing of the transaction was written.
            StorageError: the disk failed otherwise (I/O error, read-only file).
        """
        committed = False
        with self._write_lock:
            cursor = self.raw.cursor()
            try:
                cursor.execute("BEGIN IMMEDIATE")
                try:
                    yield cursor
                    self.raw.commit()
                    committed = True
                except BaseException:
                    if self.raw.in_transaction:  # SQLite may already have rolled back
                        self.raw.rollback()
                    raise
            except sqlite3.Error as error:
                translated = _storage_error(error, what)
                if translated is None:
                    raise
                raise translated from error
            finally:
                cursor.close()
        if committed and local:
            self._announce_local_change()

    def close(self) -> None:
        """Close the raw connection and every pooled engine connection."""
        self.checkpointer.close()
        for connection in self._reader_connections:
            connection.close()
        self._reader_connections.clear()
        self.raw.close()
        self.engine.dispose()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_cache(path: Path | str) -> Cache:
    """Open (creating if need be) the cache at `path` and migrate it to the newest schema.

    Raises:
        sqlite3.Error: if the file is not a usable SQLite database.
        alembic.util.CommandError: if the file was written by a newer version of the
            app, whose schema revision this one does not know.
    """
    path = Path(path)
    raw = sqlite3.connect(path, check_same_thread=False, timeout=30)
    engine: Engine | None = None
    try:
        _configure(raw)
        for pragma in _BULK_PRAGMAS:
            raw.execute(pragma)
        raw.create_function(PHONE_TERMS_FUNCTION, 1, phone_terms, deterministic=True)
        engine = _engine(path)
        if _revision(raw) != HEAD:
            _migrate(engine)
    except BaseException:
        raw.close()
        if engine is not None:
            engine.dispose()
        raise
    return Cache(path, engine, raw)


def _engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        _configure(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def _revision(raw: sqlite3.Connection) -> str | None:
    """The schema revision stored in the file, or None for a new or foreign file."""
    try:
        row = raw.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:  # no such table: nothing migrated yet
        return None
    return None if row is None else str(row[0])


def _migrate(engine: Engine) -> None:
    """Run `alembic upgrade head` on the cache in one transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
