"""Phone numbers as every office screen shows them: one format, the centre's country's.

A number of the centre's own country reads in national format ("(202) 555-0100" in
the US, "612 34 56 78" in Spain); any other keeps its "+country" prefix
(`desk.core.phones.format_national`). The centre's country is the workstation's
locale's territory, the US when the locale names none (the C locale).

`phonenumbers` loads ~50 ms of metadata on import; the first inbox page needs no
formatted number, so the import waits for the first number shown.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QLocale

DEFAULT_REGION = "US"


def home_region(locale: QLocale | None = None) -> str:
    """The ISO 3166 region numbers are read in: the locale's territory, else the US."""
    code = QLocale.territoryToCode((locale or QLocale()).territory())
    return code if len(code) == 2 and code.isalpha() else DEFAULT_REGION


def national(e164: str | None, region: str | None = None) -> str:
    """A stored E.164 number as the centre reads it; anything else as it is."""
    if not e164:
        return ""
    return _formatted(e164, region or home_region())


@lru_cache(maxsize=8192)
def _formatted(e164: str, region: str) -> str:
    """Cached: parsing costs ~50 µs and a table asks for each cell several times."""
    from desk.core.phones import format_national  # deferred: see the module docstring

    try:
        return format_national(e164, region)
    except ValueError:
        return e164
