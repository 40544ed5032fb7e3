"""Kiosk change-feed pages built in memory, for tests and the kiosk benchmark.

They carry exactly the columns the server sends a kiosk
(`desk.server.feed.KIOSK_COLUMNS`).
"""

from __future__ import annotations

from typing import Any

from desk.models.apply import apply_page
from desk.models.cache import Cache
from desk.server.feed import ALWAYS, KIOSK_COLUMNS

CENTRE_ID = "c0000000-0000-4000-8000-000000000000"


def kiosk_table(name: str, rows: list[dict[str, Any]], version: int = 1) -> dict[str, Any]:
    """One table as the kiosk feed sends it; each row names every kiosk column."""
    columns = [*ALWAYS, *KIOSK_COLUMNS[name]]
    return {
        "name": name,
        "columns": columns,
        "rows": [
            [row.get("id"), row.get("version", version), row.get("deleted", False)]
            + [row.get(c) for c in KIOSK_COLUMNS[name]]
            for row in rows
        ],
    }


def apply_kiosk_tables(cache: Cache, *tables: dict[str, Any], version: int = 1) -> None:
    """Apply tables as one kiosk page, completed as the kiosk's API completes them."""
    page = {
        "cursor": str(version),
        "has_more": False,
        "version": version,
        "last_seq": None,
        "tables": list(tables),
    }
    apply_page(cache, page)


def centre_table(
    name: str = "Maple", timezone: str = "America/New_York", salt: str = bytes(range(16)).hex()
) -> dict[str, Any]:
    """The centre row."""
    return kiosk_table(
        "centre",
        [{"id": CENTRE_ID, "name": name, "timezone": timezone, "kiosk_pin_salt": salt}],
    )
