"""Files attached to a message by a command (seed 002: "Subject, body, attachments").

A client uploads each file first (`PUT /api/v1/blobs/{sha256}`, idempotent, so an
offline outbox can retry it), then sends the command naming the files by content
hash. The command checks each was uploaded to the caller's centre and that its name
and kind are allowed (`desk.core.attachments`), and writes one attachment row per
message it posts, so the feed carries them to every client that may read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from desk.core.attachments import AttachmentRefused, check_name_for
from desk.core.ids import derived_id
from desk.server.commands.registry import CommandRefused, Context
from desk.server.orm import Attachment, Blob, Message
from desk.server.orm.base import utcnow

Sha256 = Field(pattern=r"^[0-9a-f]{64}$")


class AttachmentIn(BaseModel):
    """One uploaded file to attach: its content hash and the name to show."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sha256: str = Sha256
    name: str = Field(min_length=1, max_length=255)


@dataclass(frozen=True)
class CheckedFile:
    """An uploaded file cleared for attaching."""

    sha256: str
    name: str
    mime_type: str
    size: int


def checked_files(ctx: Context, files: Sequence[AttachmentIn]) -> list[CheckedFile]:
    """The files, each uploaded to this centre and allowed; a refusal otherwise."""
    checked = []
    for file in files:
        blob = ctx.session.get(Blob, (ctx.principal.centre_id, file.sha256))
        if blob is None:
            raise CommandRefused(f'"{file.name}" has not been uploaded; attach it again')
        try:
            name = check_name_for(file.name, blob.mime_type)
        except AttachmentRefused as refusal:
            raise CommandRefused.from_error(refusal) from refusal
        checked.append(CheckedFile(file.sha256, name, blob.mime_type, blob.size))
    return checked


def attach(ctx: Context, message: Message, files: Sequence[CheckedFile]) -> None:
    """Write `message`'s attachment rows (ids derived, so a replay writes the same)."""
    add_attachments(ctx.session, message, files)


def add_attachments(session: Session, message: Message, files: Sequence[CheckedFile]) -> None:
    """The attachment rows of `message`, for a command or the family app alike.

    The message is flushed first: without a relationship between the two mappers the
    unit of work does not order the inserts, and the attachment's foreign key needs it.
    """
    if not files:
        return
    session.flush()
    for index, file in enumerate(files):
        session.add(
            Attachment(
                id=derived_id(message.id, "attachment", str(index)),
                centre_id=message.centre_id,
                message_id=message.id,
                filename=file.name,
                mime_type=file.mime_type,
                size=file.size,
                sha256=file.sha256,
            )
        )


def attach_file(session: Session, message: Message, index: int, file: CheckedFile) -> None:
    """The attachment row of a file that arrived with a message, and its blob row.

    The blob row lets staff forward the file later like one they uploaded. Ids derive
    from the message and the item's place in it, so a retry writes nothing twice.
    Flushed before and after, as `add_attachments` explains: the message goes first.
    """
    session.flush()
    if session.get(Blob, (message.centre_id, file.sha256)) is None:
        session.add(
            Blob(
                centre_id=message.centre_id,
                sha256=file.sha256,
                size=file.size,
                mime_type=file.mime_type,
                uploaded_by=None,
                created_at=utcnow(),
            )
        )
    attachment_id = derived_id(message.id, "attachment", str(index))
    if session.get(Attachment, attachment_id) is None:
        session.add(
            Attachment(
                id=attachment_id,
                centre_id=message.centre_id,
                message_id=message.id,
                filename=file.name,
                mime_type=file.mime_type,
                size=file.size,
                sha256=file.sha256,
            )
        )
    session.flush()  # a second item with the same bytes must find this blob row
