"""Answering a request with a stored blob, from whichever store holds it.

The body is streamed from the store as the client reads it (a file on disk, or an
S3 object's body), never read whole into memory; the Content-Disposition header is
written as Starlette's `FileResponse` writes it, so a name in any script survives.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import BinaryIO
from urllib.parse import quote

from fastapi import HTTPException
from fastapi.responses import StreamingResponse

from desk.server.attachments.store import BlobStore

_CHUNK = 256 * 1024


def content_disposition(kind: str, filename: str) -> str:
    """`attachment; filename="a.pdf"`, or RFC 5987's `filename*=` for other names."""
    quoted = quote(filename)
    if quoted != filename:
        return f"{kind}; filename*=utf-8''{quoted}"
    return f'{kind}; filename="{filename}"'


def blob_response(
    store: BlobStore,
    centre_id: str,
    sha256: str,
    *,
    media_type: str,
    headers: Mapping[str, str],
    suffix: str = "",
    size: int | None = None,
    missing: str = "the file is missing",
) -> StreamingResponse:
    """The blob as the response body; 404 with `missing` when the store lacks it."""
    try:
        body = store.open(centre_id, sha256, suffix)
    except FileNotFoundError as error:
        raise HTTPException(404, missing) from error
    extra = dict(headers)
    if size is not None:
        extra["Content-Length"] = str(size)
    return StreamingResponse(_chunks(body), media_type=media_type, headers=extra)


def _chunks(body: BinaryIO) -> Iterator[bytes]:
    """The body's bytes; Starlette runs this iterator on its thread pool."""
    try:
        while chunk := body.read(_CHUNK):
            yield chunk
    finally:
        body.close()
