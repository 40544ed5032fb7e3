"""When something happened, as a parent reads it: the centre's clock, their language.

"2026-12-05 18:45 UTC" made a parent in Chicago do arithmetic. Times show in the
centre's time zone (`Centre.timezone`), as the office app shows them, in the
English or Spanish the page is in; the year only when it is not this year's.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"),
}


def centre_zone(name: str) -> ZoneInfo | None:
    """The centre's zone; None (UTC, said so) for a name this machine does not know."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_when(at: datetime | None, zone: ZoneInfo | None, language: str, now: datetime) -> str:
    """`at` for a page in `language`: "Dec 5, 6:45 PM" or "5 dic, 18:45"; "" for None."""
    if at is None:
        return ""
    local = at.astimezone(zone or UTC)
    this_year = local.year == now.astimezone(zone or UTC).year
    months = _MONTHS.get(language, _MONTHS["en"])
    month = months[local.month - 1]
    if language == "es":
        day = f"{local.day} {month}" if this_year else f"{local.day} {month} {local.year}"
        text = f"{day}, {local:%H:%M}"
    else:
        day = f"{month} {local.day}" if this_year else f"{month} {local.day}, {local.year}"
        hour = local.hour % 12 or 12
        text = f"{day}, {hour}:{local:%M} {'AM' if local.hour < 12 else 'PM'}"
    return text if zone is not None else f"{text} UTC"
