"""A file that arrives whole in a request or a message, stored like a staff upload.

A guardian's reply form, an emailed reply's MIME part, a webhook's multipart file
and an MMS photo fetched from the carrier all send the file itself, not its hash, so
it is hashed while it streams into the content-addressed store and checked with the
same rules as any upload (`desk.core.attachments.check_file`): size, kind by name
and by content, and no folder path in the name. A refused file keeps nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from desk.core.attachments import (
    MAX_BYTES,
    MAX_PER_MESSAGE,
    SNIFF_BYTES,
    AttachmentRefused,
    check_file,
    check_name,
    kind_of_name,
    kind_of_type,
)
from desk.server.attachments.store import BlobStore, TooLarge
from desk.server.commands.attachments import CheckedFile

_CHUNK = 1 << 20


def store_upload(store: BlobStore, centre_id: str, name: str, file: BinaryIO) -> CheckedFile:
    """Keep `file` in the centre's store and answer what to attach.

    Raises:
        AttachmentRefused: too large, empty, of a refused kind or name; nothing kept.
        OSError: the store could not take it; nothing kept.
    """
    return store_chunks(store, centre_id, name, iter(lambda: file.read(_CHUNK), b""))


def store_chunks(
    store: BlobStore, centre_id: str, name: str, chunks: Iterable[bytes]
) -> CheckedFile:
    """Keep the file made of `chunks` (read once, as they arrive) and answer what to attach.

    The name is checked first, so a file under a refused name is not even read.

    Raises:
        AttachmentRefused: too large, empty, of a refused kind or name; nothing kept.
        OSError: the store could not take it; nothing kept.
    """
    kind_of_name(check_name(name))
    writer = store.writer(centre_id, None, MAX_BYTES, SNIFF_BYTES)
    try:
        for chunk in chunks:
            writer.write(chunk)
        written = writer.finish()
        stored_name, mime_type = check_file(name, written.size, written.head)
    except TooLarge as error:
        raise AttachmentRefused(
            f'"{name[:100]}" is larger than {MAX_BYTES // 1024 // 1024} MB, '
            "the most an attachment can be."
        ) from error
    except BaseException:
        writer.discard()
        raise
    writer.keep()
    return CheckedFile(written.sha256, stored_name, mime_type, written.size)


@dataclass(frozen=True)
class IncomingFile:
    """A file that came with a message: its name as sent, and its bytes when asked.

    Attributes:
        chunks: reads the bytes, once, as they come (a spooled upload, a MIME part).
    """

    name: str
    chunks: Callable[[], Iterable[bytes]]


def keep_files(
    store: BlobStore, centre_id: str, files: Sequence[IncomingFile]
) -> tuple[list[CheckedFile], list[str]]:
    """Store each file that may be attached; answers them and a note per refused one.

    Past `MAX_PER_MESSAGE` files the rest are noted, not read. A file the store
    could not take (a full disk, an unreachable bucket) is noted like a refusal: the
    message it came with is kept either way.
    """
    kept: list[CheckedFile] = []
    notes: list[str] = []
    for file in files[:MAX_PER_MESSAGE]:
        try:
            kind_of_name(check_name(file.name))  # a refused name is not even read
            kept.append(store_chunks(store, centre_id, file.name, file.chunks()))
        except AttachmentRefused as refusal:
            notes.append(str(refusal))
        except OSError:
            notes.append(f'"{file.name[:100]}" could not be stored on the server.')
    if (extra := len(files) - MAX_PER_MESSAGE) > 0:
        notes.append(f"{extra} more file(s): a message takes at most {MAX_PER_MESSAGE}.")
    return kept, notes


def unnamed_file(content_type: str, number: int) -> str:
    """A name for a file sent without one (an inline image): from its declared type."""
    try:
        return f"inline {number}{kind_of_type(content_type).extensions[0]}"
    except AttachmentRefused:
        return f"inline {number} ({content_type[:50]})"
