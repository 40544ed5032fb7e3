"""How wide the inbox's three columns are for a given page width.

A new user at the default 1280-pixel window found the details pane cut at its right
edge, and at 1100 pixels the conversation squeezed to about 220 pixels while the list
and the details kept theirs (issue 15 item 6). QSplitter's stretch factors cannot say
"the conversation comes first": they share out growth, not a shortage. So the widths
are worked out here, as plain arithmetic the tests check at every width: the list and
the details keep the widths the user gave them while the conversation has room; then
they give way down to their minimums; and when even that leaves the conversation too
narrow to read, the details pane folds away (the thread header's Details button brings
it back) rather than any column being cut.
"""

from __future__ import annotations

from dataclasses import dataclass

LIST_MIN = 250
LIST_PREFERRED = 340
CONVERSATION_MIN = 400
DETAILS_MIN = 230
DETAILS_PREFERRED = 280


@dataclass(frozen=True)
class Columns:
    """The widths of the list, the conversation and the details (0: folded away)."""

    thread_list: int
    conversation: int
    details: int

    @property
    def details_shown(self) -> bool:
        """Whether the details pane has a column at all."""
        return self.details > 0


def fit_columns(
    width: int,
    *,
    handle: int,
    thread_list: int = LIST_PREFERRED,
    details: int = DETAILS_PREFERRED,
    details_wanted: bool = True,
    details_forced: bool = False,
) -> Columns:
    """The column widths for a page `width` pixels wide.

    Args:
        width: the whole page, splitter handles included.
        handle: the width of one splitter handle.
        thread_list: the list width the user last chose (or the default).
        details: the details width the user last chose (or the default).
        details_wanted: whether the details pane is switched on at all.
        details_forced: the user asked for the details at a width that folded them
            away: show them at their minimum even though the conversation then has
            less than its comfortable width.
    """
    preferred_list = max(thread_list, LIST_MIN)
    preferred_details = max(details, DETAILS_MIN)
    if details_wanted:
        room = width - 2 * handle
        if room - preferred_list - preferred_details >= CONVERSATION_MIN:
            return Columns(
                preferred_list, room - preferred_list - preferred_details, preferred_details
            )
        # Give way: the details first, then the list, each down to its minimum.
        narrow_details = max(DETAILS_MIN, room - preferred_list - CONVERSATION_MIN)
        narrow_list = min(preferred_list, max(LIST_MIN, room - narrow_details - CONVERSATION_MIN))
        conversation = room - narrow_list - narrow_details
        if conversation >= CONVERSATION_MIN or details_forced:
            return Columns(narrow_list, max(0, conversation), narrow_details)
    room = width - handle
    folded_list = min(preferred_list, max(LIST_MIN, room - CONVERSATION_MIN))
    return Columns(folded_list, max(0, room - folded_list), 0)
