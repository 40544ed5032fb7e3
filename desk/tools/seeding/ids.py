"""Deterministic, UUID-shaped ids for seeded rows.

`uuid4()` costs about a microsecond and makes every run different; a million
messages need neither. An id here is the table's code and the centre's number in
the first group and a counter in the last, with the version and variant nibbles of
a random UUID, so it has the canonical 36-character form the schema and clients
expect, is unique across tables and centres, and sorts in insertion order (which
keeps every B-tree insert an append).
"""

from __future__ import annotations

from desk.tools.seeding.tables import LOAD_ORDER, Table

MAX_CENTRE_NUMBER = 0xFFFF
_TABLE_CODES = {table.name: code for code, table in enumerate(LOAD_ORDER, start=1)}


class IdSpace:
    """The ids of one seeded centre.

    Args:
        centre_number: 1 to `MAX_CENTRE_NUMBER`; different numbers never share an id.
    """

    def __init__(self, centre_number: int) -> None:
        if not 1 <= centre_number <= MAX_CENTRE_NUMBER:
            raise ValueError(f"a centre number is 1 to {MAX_CENTRE_NUMBER}, not {centre_number}")
        self.centre_number = centre_number
        self._prefixes = {
            name: f"{code:04x}{centre_number:04x}-0000-4000-8000-"
            for name, code in _TABLE_CODES.items()
        }

    def prefix(self, table: Table) -> str:
        """Everything but the counter, for loops that format millions of ids."""
        return self._prefixes[table.name]

    def make(self, table: Table, n: int) -> str:
        """The id of row number `n` (from 0) of `table`."""
        return f"{self._prefixes[table.name]}{n:012x}"

    @property
    def centre_id(self) -> str:
        """The centre's own id, which is also its sync scope."""
        return self.make(LOAD_ORDER[0], 0)
