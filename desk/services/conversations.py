"""The office's use cases on conversations: read them, reply, open, close, reopen, retry.

Every write goes through the durable outbox (`desk.sync.outbox.submit`): its
optimistic effect and the command commit together, so the window shows the change
at once, online or not, and the server receives it exactly once. The rules that
decide what is allowed live in `desk.core`; this module only calls them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from desk.core.ids import new_id
from desk.core.kinds import ThreadKind, ThreadStatus
from desk.core.optin import PhoneHolder, can_text, opt_out_reason, unknown_number_refusal
from desk.core.permissions import Capability, capability_to_send, parse_capabilities
from desk.core.status import Counters
from desk.core.user_errors import QT_TRANSLATE_NOOP, UserError
from desk.models.cache import Cache
from desk.models.details import FamilyDetails, family_details
from desk.models.inbox import inbox_page, inbox_row, search_inbox
from desk.models.inbox_sql import InboxFilter, InboxRow
from desk.models.queries import counters
from desk.models.thread_view import (
    DeliveryRemark,
    MessageView,
    RejectedSend,
    Retries,
    SeenSummary,
    Sibling,
    conversation,
    delivery_remarks,
    principal_id,
    rejected_sends,
    retries,
    seen_summaries,
    siblings,
    staff_capabilities,
    unseen,
)
from desk.services import drafts

if TYPE_CHECKING:
    from desk.services.attachments import PickedFile
    from desk.sync.outbox import Queued


class Refusal(StrEnum):
    """Why the user may not post in a thread; the UI words each one."""

    STOPPED = "stopped"  # a stopped group conversation (seed 004)
    NEEDS_MASS_TEXT = "mass_text"  # SMS needs the Mass Text permission (seed 001)
    NEEDS_FULL_MESSAGING = "full_messaging"  # Office Chat (seed 000)
    OPTED_OUT = "opted_out"  # the shared-number opt-in rule (seed 001); see `detail`


@dataclass(frozen=True)
class Permission:
    """Whether the signed-in user may post in a thread, and if not, why (for the composer).

    Attributes:
        detail: for `OPTED_OUT`, who opted out (from `desk.core.optin`).
    """

    allowed: bool
    refusal: Refusal | None = None
    detail: UserError | None = None


def submit(cache: Cache, name: str, args: dict[str, Any]) -> Queued:
    """`desk.sync.outbox.submit`, imported on the first write rather than at start-up.

    The outbox pulls in the local effects and every rule they use; the inbox can be
    on screen before any of it is needed.
    """
    from desk.sync import outbox

    return outbox.submit(cache, name, args)


def dismiss(cache: Cache, seq: int) -> None:
    """`desk.sync.outbox.dismiss`, imported when first needed (see `submit`)."""
    from desk.sync import outbox

    outbox.dismiss(cache, seq)


class Conversations:
    """Use cases over one cache; the window holds one and passes it to its views."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    @property
    def cache(self) -> Cache:
        """The cache read and written."""
        return self._cache

    # -- who is signed in ----------------------------------------------------------

    def me(self) -> str | None:
        """The signed-in staff member's id."""
        with self._cache.session() as session:
            return principal_id(session)

    def capabilities(self) -> frozenset[Capability]:
        """What the signed-in staff member may do, from their cached staff record."""
        with self._cache.session() as session:
            me = principal_id(session)
            return parse_capabilities(staff_capabilities(session, me) if me else "")

    def visible_kinds(self) -> tuple[str, ...]:
        """Channels the user may open (seed 000 Office Chat, seed 001 SMS Logs)."""
        held = self.capabilities()
        kinds = [ThreadKind.CLASSROOM.value, ThreadKind.GROUP.value]
        if Capability.FULL_MESSAGING in held:
            kinds.insert(0, ThreadKind.OFFICE.value)
        if Capability.SMS_LOGS in held:
            kinds.append(ThreadKind.SMS.value)
        return tuple(kinds)

    def may_post(self, thread: InboxRow) -> Permission:
        """Whether the user may reply in `thread`; the server checks the same again."""
        if thread.stopped:
            return Permission(False, Refusal.STOPPED)
        needed = capability_to_send(ThreadKind(thread.kind))
        if needed is not None and needed not in self.capabilities():
            if needed is Capability.MASS_TEXT:
                return Permission(False, Refusal.NEEDS_MASS_TEXT)
            return Permission(False, Refusal.NEEDS_FULL_MESSAGING)
        if thread.kind == ThreadKind.SMS and thread.phone:
            reason = self.sms_refusal(thread.phone, thread.id)
            if reason:
                return Permission(False, Refusal.OPTED_OUT, reason)
        return Permission(True)

    def sms_refusal(self, phone: str, thread_id: str | None = None) -> UserError | None:
        """Why `phone` cannot be texted under the shared-number opt-in rule, or None.

        A number no record holds may be answered in its own Messenger Center thread
        (`thread_id`) once it has texted the centre and until it says STOP (issue 13
        item 5), as the server decides.
        """
        rows = self._cache.read(
            "SELECT 'guardian', g.id, g.first_name || ' ' || g.last_name, g.sms_opt_in,"
            " g.kind, COALESCE(f.name, '')"
            " FROM guardian AS g LEFT JOIN family AS f ON f.id = g.family_id WHERE g.phone = ?"
            " UNION ALL SELECT 'staff', id, first_name || ' ' || last_name, sms_opt_in,"
            " 'staff', '' FROM staff WHERE phone = ?",
            phone,
            phone,
        )
        holders = [
            PhoneHolder(kind, hid, name, bool(opted), role=role, family=family)
            for kind, hid, name, opted, role, family in rows
        ]
        if not holders and thread_id is not None:
            bodies = [
                str(body)
                for (body,) in self._cache.read(
                    "SELECT body FROM message WHERE thread_id = ? AND direction = 'in'"
                    " ORDER BY created_at, id",
                    thread_id,
                )
            ]
            return unknown_number_refusal(bodies)
        return None if can_text(holders) else opt_out_reason(holders)

    # -- reading -------------------------------------------------------------------

    def page(
        self, filter_: InboxFilter, after: InboxRow | None = None, limit: int = 100
    ) -> list[InboxRow]:
        """A page of the inbox, most recent activity first."""
        with self._cache.session() as session:
            return inbox_page(session, filter_, after, limit)

    def search(self, filter_: InboxFilter, query: str, limit: int = 100) -> list[InboxRow]:
        """Threads matching `query` by names, phone digits or message content."""
        with self._cache.session() as session:
            return search_inbox(session, filter_, query, limit)

    def thread(self, thread_id: str) -> InboxRow | None:
        """One thread's summary, or None when the cache does not hold the thread."""
        with self._cache.session() as session:
            return inbox_row(session, thread_id)

    def messages(self, thread_id: str, limit: int = 500) -> list[MessageView]:
        """The thread's newest messages, oldest first."""
        with self._cache.session() as session:
            return conversation(session, thread_id, limit)

    def seen(
        self, thread_id: str, members: Sequence[tuple[str, str]] = (), limit: int = 500
    ) -> dict[str, SeenSummary]:
        """Who has read each of the newest messages, in brief: what shows under each.

        `members` are a group conversation's participants as (kind, id), so the
        summary says whether all of them but the author have read it (seed 004).
        """
        with self._cache.session() as session:
            return seen_summaries(session, thread_id, members, limit)

    def remarks(self, thread_id: str, limit: int = 500) -> dict[str, list[DeliveryRemark]]:
        """How the newest messages went out where it is worth saying (issue 13 item 4).

        Deliveries translated into the recipient's language, and deliveries sent on
        another channel because the preferred one failed, by message.
        """
        with self._cache.session() as session:
            return delivery_remarks(session, thread_id, limit)

    def rejected(self, thread_id: str) -> list[RejectedSend]:
        """Replies to the thread the server refused, with its reasons."""
        with self._cache.session() as session:
            return rejected_sends(session, thread_id)

    def retries(self, thread_id: str) -> Retries:
        """Retries of the thread's failed messages the server has not confirmed."""
        with self._cache.session() as session:
            return retries(session, thread_id)

    def siblings(self, thread_id: str) -> list[Sibling]:
        """The split family's per-guardian conversations on this channel."""
        with self._cache.session() as session:
            return siblings(session, thread_id)

    def details(self, family_id: str) -> FamilyDetails | None:
        """Students with their room now, and every guardian's contacts."""
        with self._cache.session() as session:
            return family_details(session, family_id)

    def counters(self, kind: str | None = None) -> Counters:
        """The red and grey badge numbers for a channel, or every channel."""
        with self._cache.session() as session:
            return counters(session, kind)

    # -- writing -------------------------------------------------------------------

    def reply(self, thread_id: str, body: str, files: Sequence[PickedFile] = ()) -> Queued:
        """Queue a reply, with `files` (already kept by `Attachments.pick`); the draft goes.

        Raises:
            ValueError: when there is neither text nor a file, or a rule the client
                can check refuses it (a stopped conversation); nothing is queued.
        """
        queued = self._send(thread_id, body, [file.wire() for file in files])
        drafts.discard_draft(self._cache, thread_id)
        return queued

    def _send(self, thread_id: str, body: str, files: list[dict[str, str]]) -> Queued:
        if not body.strip() and not files:
            raise UserError(QT_TRANSLATE_NOOP("Errors", "type a message first"))
        args: dict[str, Any] = {"message_id": new_id(), "thread_id": thread_id, "body": body}
        if files:
            args["attachments"] = files
        return submit(self._cache, "send_message", args)

    def open(self, thread: InboxRow) -> Queued | None:
        """A staff member has the thread on screen: Unread becomes Open (seed 001).

        Nothing is queued for a thread that is not Unread, so reading a list of
        Open threads does not fill the outbox with no-ops.
        """
        if thread.status != ThreadStatus.UNREAD:
            return None
        return submit(self._cache, "open_thread", {"thread_id": thread.id})

    def close(self, thread_id: str) -> Queued:
        """Mark the conversation complete."""
        return submit(self._cache, "close_thread", {"thread_id": thread_id})

    def reopen(self, thread_id: str) -> Queued:
        """Follow-up is needed after all: Closed becomes Open."""
        return submit(self._cache, "reopen_thread", {"thread_id": thread_id})

    def mark_seen(self, thread_id: str, limit: int = 500) -> Queued | None:
        """Seen-by receipts for the thread's messages by others that the user has not seen.

        Called by every view that shows a thread's messages, not only when an Unread
        thread is opened (issue 13 item 3), so seen-by is true for every message;
        `limit` is how many of the newest the view shows.
        """
        with self._cache.session() as session:
            me = principal_id(session)
            ids = unseen(session, thread_id, me, limit) if me else []
        if not ids:
            return None
        return submit(self._cache, "mark_seen", {"message_ids": ids})

    def retry_rejected(self, rejected: RejectedSend) -> Queued:
        """Send a refused reply again, files and all, as a new command; forget the refusal."""
        files = [{"sha256": sha256, "name": name} for sha256, name in rejected.files]
        queued = self._send(rejected.thread_id, rejected.body, files)
        drafts.discard_draft(self._cache, rejected.thread_id)
        dismiss(self._cache, rejected.seq)
        return queued

    def retry_failed(self, message: MessageView) -> Queued | None:
        """Ask the server to deliver a failed message once more.

        The same message is retried, never sent as a copy, and only once per
        request: while a retry waits in the outbox another click queues nothing
        (None), and the server itself retries only a message that is still failed,
        so two workstations retrying at once send one text too. A refused retry
        is forgotten when the user tries again.
        """
        with self._cache.session() as session:
            known = retries(session, message.thread_id)
        if message.id in known.pending:
            return None
        if (refused := known.refused.get(message.id)) is not None:
            dismiss(self._cache, refused.seq)
        return submit(self._cache, "retry_delivery", {"message_id": message.id})

    def dismiss_rejected(self, rejected: RejectedSend) -> None:
        """Forget a refused reply once the user has read why."""
        dismiss(self._cache, rejected.seq)

    # -- drafts ----------------------------------------------------------------------

    def draft(self, thread_id: str) -> str:
        """The unsent reply typed in this thread, if any."""
        found = drafts.load_draft(self._cache, thread_id)
        return found.body if found else ""

    def save_draft(self, thread_id: str, body: str) -> None:
        """Keep what is typed so a restart or crash loses nothing."""
        drafts.save_draft(self._cache, thread_id, body)
