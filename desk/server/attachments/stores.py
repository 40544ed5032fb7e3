"""The blob store a server's settings choose: a local folder, or an S3 bucket."""

from __future__ import annotations

from desk.server.attachments.settings import AttachmentSettings
from desk.server.attachments.store import BlobStore, LocalBlobStore, attachments_folder


def open_blob_store(
    settings: AttachmentSettings | None, attachments_dir: str, database_url: str
) -> BlobStore:
    """The store `[attachments]` names (a local folder when there is no such table)."""
    if settings is not None and settings.store == "s3":
        from desk.server.attachments.s3 import S3BlobStore

        return S3BlobStore(settings)
    return LocalBlobStore(attachments_folder(attachments_dir, database_url))
