"""New Message to anyone (issue 13 item 1): recipient chips, the confirmation, sending.

The confirmation says exactly who and how many before a send that reaches more than
a handful of families and before any emergency text. It comes from
`desk.core.audience` expanding the chips over the cache, the same rules the server
expands them by, so the figures shown are the figures the server answers with
("182 guardians in 120 families; 3 opted out"). Sending queues `send_new_message`
in the outbox with its optimistic effect: it works offline and goes out once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from desk.core.audience import (
    Expanded,
    InvalidPick,
    Pick,
    PickKind,
    SendMode,
    Summary,
    check_group,
    day_start,
    expand,
    summarise,
)
from desk.core.conversations import TooFewParticipants, TooManyParticipants
from desk.core.fanout import (
    Exclusion,
    ExclusionReason,
    GuardianRef,
    shared_phone_labels,
    sms_reach,
)
from desk.core.kinds import ThreadKind
from desk.core.optin import can_text
from desk.core.sms import EMERGENCY_SMS_LIMIT, texted_segment_counts
from desk.core.wire import format_utc
from desk.models import directory_queries as dq
from desk.models import recipient_queries as q
from desk.models.cache import Cache
from desk.services.attachments import PickedFile
from desk.services.compose import ComposeRefused, SmsQuota, channels_for, sms_quota
from desk.services.directory import Me
from desk.sync.outbox import Queued, submit

CONFIRM_OVER_FAMILIES = 5
"""A send reaching more families than this is confirmed first ("a handful")."""

Choice = q.Choice
KindChoice = q.KindChoice


def pick_guardians(
    cache: Cache, search: str = "", offset: int = 0, limit: int = 100
) -> list[Choice]:
    """A page of guardians for the recipient picker, by name."""
    with cache.session() as session:
        return q.guardian_choices(session, search, limit=limit, offset=offset)


def pick_anyone(
    cache: Cache,
    me: Me | None,
    search: str = "",
    room_id: str | None = None,
    offset: int = 0,
    limit: int = 200,
) -> list[KindChoice]:
    """A page of recipients of every kind matching `search` (New Message's type-ahead).

    Staff without full messaging access are offered only the families of their own
    rooms, as the server allows (`desk.server.commands.new_message`).
    """
    allowed = None if me is not None and me.full_messaging else (me.room_ids if me else frozenset())
    with cache.session() as session:
        return q.anyone_choices(
            session, search, room_id=room_id, allowed_rooms=allowed, limit=limit, offset=offset
        )


def named_recipients(cache: Cache, keys: Sequence[str]) -> list[KindChoice]:
    """The recipient lines of records picked by "kind:id" (a record's Message button).

    Whether the user may message them is checked as for any pick: by the preview
    and, finally, by the server.
    """
    with cache.session() as session:
        return q.named_choices(session, keys)


@dataclass(frozen=True)
class Audience:
    """Who a New Message reaches, as the confirmation shows it.

    Attributes:
        expanded: every guardian and staff member reached.
        summary: the figures, as the server will answer them.
        error: why the chips cannot be sent as they stand (a pickup picked, a
            record no longer cached, a group over 15 people), or None.
        texting: for an emergency text, the guardians texted.
        excluded: the guardians a text cannot reach, each with the reason.
        phones: the distinct numbers texted.
        labels: the "For" label of each number's text, as the server labels it.
        shared_opt_outs: for a guardian left out because another record sharing
            their number opted out, who that is (seed 001 FAQ).
    """

    expanded: Expanded
    summary: Summary
    error: str | None = None
    texting: list[GuardianRef] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    shared_opt_outs: dict[str, list[str]] = field(default_factory=dict)

    def segments(self, body: str) -> int:
        """What an emergency text of `body` costs of the monthly quota.

        That is the billable segments of each phone's labelled text, as the server
        counts them. The dialog asks on every key press over every phone reached (a
        room is 1,500 phones), so each distinct label is counted once
        (`texted_segment_counts`) and multiplied by the phones that get it.
        """
        per_label = Counter(self.labels)
        counts = texted_segment_counts(per_label, body)
        return sum(phones * counts[label] for label, phones in per_label.items())

    def needs_confirmation(self, *, emergency: bool) -> bool:
        """Whether to ask before sending: any emergency text, or more than a handful."""
        return emergency or self.summary.families > CONFIRM_OVER_FAMILIES


_NOBODY = Expanded([], [], {}, [])


def audience(
    cache: Cache,
    picks: Sequence[Pick],
    me: Me | None,
    mode: SendMode = SendMode.INDIVIDUAL,
    *,
    now: datetime | None = None,
) -> Audience:
    """Expand the chips over the cache, as the server will, with the figures."""
    sender = me.id if me is not None else ""
    with cache.session() as session:
        began = day_start(now or datetime.now(UTC), q.centre_timezone(session))
        try:
            expanded = expand(picks, q.directory(session), sender_id=sender, day_began=began)
        except InvalidPick as invalid:
            return Audience(_NOBODY, summarise(_NOBODY, mode, {}), str(invalid))
        holders, names = dq.phone_holders_and_first_names(
            session, (g.phone for g in expanded.guardians if g.phone)
        )
        opted_in = {phone: can_text(found) for phone, found in holders.items()}
        reach = sms_reach(expanded.guardians, opted_in)
    error: str | None = None
    if mode is SendMode.GROUP and not expanded.empty:
        try:
            check_group(expanded, sender, students_enabled=True)
        except (TooManyParticipants, TooFewParticipants) as refused:
            error = str(refused)
    labels = shared_phone_labels(reach, holders, names)
    shared = {
        e.guardian.id: [h.name for h in holders[e.guardian.phone] if not h.opted_in]
        for e in reach.excluded
        if e.reason is ExclusionReason.SHARED_NUMBER_OPTED_OUT and e.guardian.phone
    }
    return Audience(
        expanded,
        summarise(expanded, mode, opted_in),
        error,
        reach.reached,
        reach.excluded,
        reach.phones,
        labels,
        shared,
    )


@dataclass(frozen=True)
class Draft:
    """What the office wrote in New Message, as the dialog hands it over."""

    picks: tuple[Pick, ...]
    channel: ThreadKind
    body: str
    subject: str = ""
    mode: SendMode = SendMode.INDIVIDUAL
    emergency_sms: bool = False
    show_at_kiosk: bool = False
    files: tuple[PickedFile, ...] = ()
    """Attached files, already checked and kept (`Attachments.pick`)."""


def problem(draft: Draft, seen: Audience, quota: SmsQuota, me: Me | None) -> str | None:
    """Why `draft` cannot be sent as it stands, in plain words; None when it can."""
    reached_families = bool(seen.expanded.guardians)
    checks = (
        (not draft.picks, "pick at least one recipient"),
        (seen.error is not None, seen.error or ""),
        (seen.expanded.empty, "nobody to message: the recipients reach nobody"),
        (not draft.body.strip() and not draft.files, "the message is empty"),
        (draft.emergency_sms and bool(draft.files), "an emergency text cannot carry files"),
        (
            draft.channel not in channels_for(me),
            "Office Chat is for admins with full messaging access",
        ),
        (
            draft.emergency_sms and len(draft.body) > EMERGENCY_SMS_LIMIT,
            f"an emergency text is limited to {EMERGENCY_SMS_LIMIT} characters",
        ),
        (
            draft.emergency_sms and not (me is not None and me.may_text),
            "sending text messages needs the Mass Text permission",
        ),
        (
            draft.emergency_sms and not reached_families,
            "an emergency text goes to families: pick at least one family",
        ),
        (
            draft.emergency_sms and reached_families and not seen.phones,
            "none of the guardians can receive a text message",
        ),
        (
            draft.emergency_sms and seen.segments(draft.body) > quota.remaining,
            "this would pass the monthly text limit",
        ),
    )
    return next((reason for failed, reason in checks if failed), None)


@dataclass(frozen=True)
class Sent:
    """A queued New Message and what it reaches.

    The figures make "Sent to 182 guardians in 120 families; 3 opted out"; the server
    answers the same ones once it applies the command.
    """

    queued: Queued
    summary: Summary


def send(cache: Cache, draft: Draft, me: Me | None, *, now: datetime | None = None) -> Sent:
    """Check the draft again and queue it; its conversations appear at once.

    Raises:
        ComposeRefused: when it cannot go as it stands (nothing is queued).
    """
    seen = audience(cache, draft.picks, me, draft.mode, now=now)
    if reason := problem(draft, seen, sms_quota(cache, now), me):
        raise ComposeRefused(reason)
    args: dict[str, object] = {
        "recipients": [
            {"kind": p.kind.value} | ({"id": p.id} if p.id is not None else {})
            for p in dict.fromkeys(draft.picks)
        ],
        "mode": draft.mode.value,
        "channel": draft.channel.value,
        "subject": draft.subject.strip(),
        "body": draft.body,
        "emergency_sms": draft.emergency_sms,
        "show_at_kiosk": draft.show_at_kiosk,
    }
    if draft.files:
        args["attachments"] = [file.wire() for file in draft.files]
    if draft.show_at_kiosk:  # kiosk messages show in the order staff entered them
        args["entered_at"] = format_utc(now or datetime.now(UTC))
    try:
        return Sent(submit(cache, "send_new_message", args, now=now), seen.summary)
    except ValueError as error:  # a rule the local effect checks refused it
        raise ComposeRefused.from_error(error) from error


__all__ = [
    "CONFIRM_OVER_FAMILIES",
    "Audience",
    "Choice",
    "Draft",
    "KindChoice",
    "Pick",
    "PickKind",
    "SendMode",
    "Sent",
    "audience",
    "named_recipients",
    "pick_anyone",
    "pick_guardians",
    "problem",
    "send",
]
