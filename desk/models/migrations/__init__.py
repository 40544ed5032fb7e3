"""Alembic migrations of the client cache's own schema (not the server's).

`HEAD` lets `open_cache` compare the stored revision with one query and skip
importing Alembic entirely on an up-to-date cache; a test checks it against the
scripts, so adding a revision without bumping it fails CI rather than start-up.
"""

from __future__ import annotations

from typing import Any

HEAD = "0006"

# FTS5 virtual tables and their shadow tables are created with raw DDL in the
# revisions; autogenerate must not propose dropping them.
_FTS_TABLES = ("message_search", "people_search")


def include_object(
    _obj: Any, name: str | None, type_: str, _reflected: bool, _compare: Any
) -> bool:
    """Alembic's autogenerate filter: everything except the FTS5 tables."""
    return not (type_ == "table" and name is not None and name.startswith(_FTS_TABLES))
