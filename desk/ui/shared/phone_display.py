"""Phone numbers as the inbox shows them, formatted only when one is on screen.

`phonenumbers` loads ~50 ms of metadata on import; the first inbox page needs no
formatted number, so the import waits for the first number shown.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def national(e164: str | None) -> str:
    """A stored E.164 number in national format; anything else as it is."""
    if not e164:
        return ""
    from desk.core.phones import format_national  # deferred: see the module docstring

    try:
        return format_national(e164)
    except ValueError:
        return e164
