"""A file a guardian attaches to a reply, stored like a staff upload.

The form sends the file itself, not its hash, so it is hashed first and then
streamed into the same content-addressed store with the same checks
(`desk.core.attachments.check_file`): size, kind by name and by content, and no
folder path in the name. A refused file keeps nothing.
"""

from __future__ import annotations

import hashlib
from typing import BinaryIO

from desk.core.attachments import MAX_BYTES, SNIFF_BYTES, AttachmentRefused, check_file
from desk.server.attachments.store import LocalBlobStore, TooLarge
from desk.server.commands.attachments import CheckedFile

_CHUNK = 1 << 20


def store_upload(store: LocalBlobStore, centre_id: str, name: str, file: BinaryIO) -> CheckedFile:
    """Keep `file` in the centre's store and answer what to attach.

    Raises:
        AttachmentRefused: too large, empty, of a refused kind or name; nothing kept.
    """
    digest, size = hashlib.sha256(), 0
    while chunk := file.read(_CHUNK):
        size += len(chunk)
        if size > MAX_BYTES:
            raise AttachmentRefused(f"attachments can be at most {MAX_BYTES // 1024 // 1024} MB.")
        digest.update(chunk)
    file.seek(0)
    sha256 = digest.hexdigest()
    writer = store.writer(centre_id, sha256, MAX_BYTES, SNIFF_BYTES)
    try:
        while chunk := file.read(_CHUNK):
            writer.write(chunk)
        written = writer.finish()
        stored_name, mime_type = check_file(name, written.size, written.head)
    except TooLarge as error:  # the file grew between the passes
        raise AttachmentRefused("the file changed while it was read.") from error
    except BaseException:
        writer.discard()
        raise
    writer.keep()
    return CheckedFile(sha256, stored_name, mime_type, written.size)
