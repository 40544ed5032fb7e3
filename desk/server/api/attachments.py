"""Uploading files, and downloading attachments and their thumbnails (issue 14 item 4).

An upload is `PUT /blobs/{sha256}` with the file as the body and its name in
`X-File-Name` (percent-encoded UTF-8). The path names the content, so the same
upload retried (an outbox after a dropped connection) is the same request: a file
already stored answers 200 at once. The body is streamed to disk while it is hashed
and counted; past the size limit, of a refused kind, under a name that tries a
folder path, or not hashing to its path, it is refused with a reason and nothing is
kept.

A download checks the caller may read the message, by the same rule the commands
use, and is served as an attachment with `nosniff` and a sandboxing CSP, so no file
can run script in a browser that opens it.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path as FilePath
from typing import Annotated
from urllib.parse import unquote

from fastapi import APIRouter, Header, HTTPException, Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError

from desk.core.attachments import (
    IMAGE_TYPES,
    MAX_BYTES,
    SNIFF_BYTES,
    AttachmentRefused,
    check_file,
    check_name_for,
)
from desk.server.api.deps import DatabaseDep, StaffDep
from desk.server.api.problems import problems
from desk.server.attachments.serving import blob_response, content_disposition
from desk.server.attachments.store import BlobStore, TooLarge, WrongHash
from desk.server.attachments.thumbnails import SUFFIX, make_thumbnail
from desk.server.commands.messaging import thread_for
from desk.server.commands.registry import CommandRefused, Context
from desk.server.db import Database
from desk.server.orm import Attachment, Blob, Message
from desk.server.orm.base import utcnow
from desk.server.principal import Principal

router = APIRouter(tags=["attachments"])

SHA256 = Path(pattern=r"^[0-9a-f]{64}$", description="the file's SHA-256, lowercase hex")
_SAFE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "Cache-Control": "private, max-age=31536000, immutable",  # content never changes
}


class BlobOut(BaseModel):
    """A stored upload: what a command names to attach it."""

    sha256: str
    size: int
    name: str
    mime_type: str


def _store(request: Request) -> BlobStore:
    store: BlobStore = request.app.state.blobs
    return store


@router.put(
    "/blobs/{sha256}",
    response_model=BlobOut,
    status_code=201,
    summary="Upload a file to attach (idempotent by content hash)",
    responses=problems(
        401,
        403,
        413,
        422,
        507,
        s413="The file is larger than the attachment limit",
        s422="A refused kind of file or name, or the bytes do not hash to the path",
        s507="The server's disk is full; nothing was kept",
    ),
)
async def upload_blob(
    request: Request,
    response: Response,
    caller: StaffDep,
    db: DatabaseDep,
    sha256: Annotated[str, SHA256],
    file_name: Annotated[str, Header(alias="X-File-Name", min_length=1, max_length=1000)],
) -> BlobOut:
    """Store the body under its hash for the caller's centre, once it checks out."""
    try:
        name = unquote(file_name, errors="strict")
    except UnicodeDecodeError as error:
        raise HTTPException(422, "X-File-Name is not percent-encoded UTF-8") from error
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise HTTPException(413, _too_large(int(declared)))
    store = _store(request)
    existing = await run_in_threadpool(_blob, db, caller.centre_id, sha256)
    if existing is not None and await run_in_threadpool(store.exists, caller.centre_id, sha256):
        stored_name = _checked_name(name, existing)
        response.status_code = 200
        return BlobOut(
            sha256=sha256, size=existing.size, name=stored_name, mime_type=existing.mime_type
        )
    writer = await run_in_threadpool(store.writer, caller.centre_id, sha256, MAX_BYTES, SNIFF_BYTES)
    try:
        async for chunk in request.stream():
            writer.write(chunk)
        written = await run_in_threadpool(writer.finish)
    except TooLarge as error:
        raise HTTPException(413, _too_large(None)) from error
    except WrongHash as error:
        raise HTTPException(422, "the file does not hash to the address it was sent to") from error
    except OSError as error:
        writer.discard()
        raise HTTPException(507, "the server could not store the file; nothing was kept") from error
    except BaseException:  # the client went away mid-upload: keep nothing
        writer.discard()
        raise
    try:
        stored_name, mime_type = check_file(name, written.size, written.head)
    except AttachmentRefused as refusal:
        writer.discard()
        raise HTTPException(422, str(refusal)) from refusal
    try:
        await run_in_threadpool(writer.keep)
    except OSError as error:
        raise HTTPException(507, "the server could not store the file; nothing was kept") from error
    await run_in_threadpool(_record, db, caller, sha256, written.size, mime_type)
    return BlobOut(sha256=sha256, size=written.size, name=stored_name, mime_type=mime_type)


def _too_large(size: int | None) -> str:
    limit = f"{MAX_BYTES // 1024 // 1024} MB"
    if size is None:
        return f"the file is larger than {limit}, the most an attachment can be"
    return f"the file is {size / 1024 / 1024:.1f} MB; attachments can be at most {limit}"


def _checked_name(name: str, blob: Blob) -> str:
    """The name for bytes already stored: allowed, and naming the kind they are."""
    try:
        return check_name_for(name, blob.mime_type)
    except AttachmentRefused as refusal:
        raise HTTPException(422, str(refusal)) from refusal


def _blob(db: Database, centre_id: str, sha256: str) -> Blob | None:
    with db.reading() as session:
        blob = session.get(Blob, (centre_id, sha256))
        if blob is not None:
            session.expunge(blob)
        return blob


def _record(db: Database, caller: Principal, sha256: str, size: int, mime_type: str) -> None:
    """The row saying the centre has this file; a concurrent identical upload is fine."""
    with contextlib.suppress(IntegrityError), db.writing() as session:
        if session.get(Blob, (caller.centre_id, sha256)) is None:
            session.add(
                Blob(
                    centre_id=caller.centre_id,
                    sha256=sha256,
                    size=size,
                    mime_type=mime_type,
                    uploaded_by=caller.id,
                    created_at=utcnow(),
                )
            )


def _readable_attachment(db: Database, caller: Principal, attachment_id: str) -> Attachment:
    """The attachment, if the caller may read its message; 404 alike otherwise."""
    with db.reading() as session:
        attachment = session.get(Attachment, attachment_id)
        if attachment is None or attachment.deleted or attachment.centre_id != caller.centre_id:
            raise HTTPException(404, f"attachment {attachment_id} does not exist")
        message = session.get_one(Message, attachment.message_id)
        try:
            thread_for(Context(session, caller, "", utcnow()), message.thread_id)
        except CommandRefused as refusal:
            raise HTTPException(404, f"attachment {attachment_id} does not exist") from refusal
        session.expunge(attachment)
        return attachment


@router.get(
    "/attachments/{attachment_id}",
    response_class=StreamingResponse,
    summary="Download an attachment",
    responses=problems(401, 403, 404, 422, s404="No such attachment, or none the caller may read"),
)
async def download_attachment(
    request: Request,
    caller: StaffDep,
    db: DatabaseDep,
    attachment_id: Annotated[str, Path(max_length=36)],
) -> StreamingResponse:
    """The file, under its own name, never rendered by the browser."""
    attachment = await run_in_threadpool(_readable_attachment, db, caller, attachment_id)
    headers = {
        **_SAFE_HEADERS,
        "Content-Disposition": content_disposition("attachment", attachment.filename),
    }
    return await run_in_threadpool(
        lambda: blob_response(
            _store(request),
            attachment.centre_id,
            attachment.sha256,
            media_type=attachment.mime_type,
            headers=headers,
            size=attachment.size,
            missing=f"the file of attachment {attachment_id} is missing",
        )
    )


@router.get(
    "/attachments/{attachment_id}/thumbnail",
    response_class=StreamingResponse,
    summary="A small JPEG preview of an image attachment",
    responses=problems(
        401, 403, 404, 422, s404="No such attachment, none the caller may read, or no preview"
    ),
)
async def attachment_thumbnail(
    request: Request,
    caller: StaffDep,
    db: DatabaseDep,
    attachment_id: Annotated[str, Path(max_length=36)],
) -> StreamingResponse:
    """Made on first request and kept; 404 for files that are not images."""
    attachment = await run_in_threadpool(_readable_attachment, db, caller, attachment_id)
    if attachment.mime_type not in IMAGE_TYPES:
        raise HTTPException(404, f"attachment {attachment_id} is not an image")
    store = _store(request)
    if not await run_in_threadpool(_thumbnail, store, attachment.centre_id, attachment.sha256):
        raise HTTPException(404, f"attachment {attachment_id} has no preview")
    return await run_in_threadpool(
        lambda: blob_response(
            store,
            attachment.centre_id,
            attachment.sha256,
            suffix=SUFFIX,
            media_type="image/jpeg",
            headers=_SAFE_HEADERS,
            missing=f"attachment {attachment_id} has no preview",
        )
    )


def _thumbnail(store: BlobStore, centre_id: str, sha256: str) -> bool:
    """Whether the blob has a thumbnail, made now from a local copy if need be."""
    if store.exists(centre_id, sha256, SUFFIX):
        return True
    try:
        with store.local_copy(centre_id, sha256) as source, tempfile.TemporaryDirectory() as out:
            target = FilePath(out) / "thumbnail.jpg"
            if not make_thumbnail(source, target):
                return False
            store.put_file(centre_id, sha256, SUFFIX, target)
    except FileNotFoundError:
        return False
    return True
