"""A full disk for a real SQLite database, without root: `PRAGMA max_page_count`.

A tmpfs of a few kilobytes would be the faithful way, but tests cannot mount one.
SQLite's page cap gives the same failure from the same place: a write that needs
one more page fails with SQLITE_FULL ("database or disk is full"), exactly as when
the operating system answers ENOSPC, and SQLite rolls back as it would then.

Two things make the cap behave like a full disk rather than a quota:
- it is per connection, so it must be set on every connection that writes (the
  cache's `raw`; each pooled connection of the server's write engine);
- free pages inside the file still take writes, so `fill` uses them up first.
  Pages that are partly used still take small rows, as on a real full disk, so a
  test that must fail writes something larger than a page.
"""

from __future__ import annotations

import sqlite3

FILLER = "test_disk_filler"


def page_size(connection: sqlite3.Connection) -> int:
    """Bytes per page of the connection's database."""
    (size,) = connection.execute("PRAGMA page_size").fetchone()
    return int(size)


def cap(connection: sqlite3.Connection, pages: int) -> int:
    """Let the connection grow its database to `pages` at most; answer the old cap."""
    (before,) = connection.execute("PRAGMA max_page_count").fetchone()
    connection.execute(f"PRAGMA max_page_count = {int(pages)}")
    return int(before)


def fill(connection: sqlite3.Connection) -> int:
    """Cap the database at its present size and use up its free pages.

    The connection must be in autocommit mode with no transaction open. The filler
    rows stay: space comes back by raising the cap again, as freeing other files
    would on a real disk.

    Returns:
        the cap it replaced, to give back to `cap` when space returns.
    """
    connection.execute(f"CREATE TABLE IF NOT EXISTS {FILLER} (data BLOB)")
    (pages,) = connection.execute("PRAGMA page_count").fetchone()
    before = cap(connection, pages)
    half_page = page_size(connection) // 2
    while True:
        try:
            connection.execute(f"INSERT INTO {FILLER} VALUES (zeroblob(?))", (half_page,))
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode != sqlite3.SQLITE_FULL:
                raise
            return before


def larger_than_a_page(connection: sqlite3.Connection, word: str = "lorem") -> str:
    """Text that cannot fit in the free room of used pages: it needs a new page."""
    return " ".join([word] * (2 * page_size(connection) // (len(word) + 1)))
