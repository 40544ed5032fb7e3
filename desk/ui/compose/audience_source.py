"""What an audience picker picks from: sources of rows, declared by each dialog.

A compose dialog says which kinds of recipient it offers (New Message: one source
of every kind, issue 13; Push: families, students, classes, camps, enrollments) as
a list of `AudienceSource`: a label, a
loader that pages rows from a service, optionally how to name ids picked elsewhere,
and optionally a grouping (the room filter with "Select all in room"). The picker
(`desk.ui.compose.audience_picker`) knows nothing of any kind, so a new kind is a new
declaration here and a service query, not a change to the widget.

Plain dataclasses without Qt: the loaders call services, which read the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class AudienceRow:
    """One row a picker lists and a chip shows.

    Attributes:
        id: the id the dialog's command takes (a student id, a program id...).
        name: what the chip shows and what Enter in the search matches exactly.
        detail: what tells two rows of the same name apart (room and family, dates),
            shown after the name in the list and in the chip's tooltip.
        kind: what the row is ("Guardian", "Staff group"), translated, for a source
            that lists several kinds at once: the list and the chip show it; empty
            for a source of one kind, whose heading says it.
    """

    id: str
    name: str
    detail: str = ""
    kind: str = ""


@dataclass(frozen=True)
class AudienceQuery:
    """What the list of one source is narrowed to.

    Attributes:
        search: the words typed in the picker's search field, stripped.
        group: the id of the group chosen in the source's grouping (a room), or None
            for every group ("All rooms").
    """

    search: str = ""
    group: str | None = None


AudienceLoader = Callable[[AudienceQuery, int, int], Sequence[AudienceRow]]
"""(query, offset, limit) -> one page of rows, in the order the list shows them."""


@dataclass(frozen=True)
class Group:
    """One group of a grouping: a room."""

    id: str
    name: str


@dataclass(frozen=True)
class Grouping:
    """A filter over a source's rows whose groups can be picked whole.

    Attributes:
        label: the filter's accessible name ("Room").
        everything: the filter's entry for no filter ("All rooms").
        select_all: the button that picks a whole group ("Select &all in room").
        groups: the groups the filter offers, read again on each refresh.
        members: every row of one group, however many pages they fill.
    """

    label: str
    everything: str
    select_all: str
    groups: Callable[[], Sequence[Group]]
    members: Callable[[str], Sequence[AudienceRow]]


@dataclass(frozen=True)
class AudienceSource:
    """One kind of recipient a dialog offers, and how to read it.

    Attributes:
        key: a stable name for the kind ("students", "families"), which is also
            how a dialog with several sources tells what was picked from which.
        label: the kind's name, shown as the picker's heading or in its source list.
        load: one page of rows for a query (see `AudienceLoader`).
        search_hint: the search field's placeholder text.
        find: rows for ids picked without being listed (`AudiencePicker.set_checked`
            of ids the list has not loaded); None when the dialog never does that,
            and then such ids are refused rather than shown nameless.
        grouping: a filter with "select all in group", if the kind has one.
    """

    key: str
    label: str
    load: AudienceLoader
    search_hint: str = ""
    find: Callable[[Sequence[str]], Sequence[AudienceRow]] | None = None
    grouping: Grouping | None = None


@dataclass(frozen=True)
class Picked:
    """A picked row and the source it was picked from, in the order picked."""

    source: str  # AudienceSource.key
    row: AudienceRow
