"""Blobs in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2), by content hash per centre.

Keys are `<prefix><centre>/<2 hex>/<64 hex>`, the names the local store uses for its
files, so a folder can be copied into a bucket as it is. A file is spooled to a
temporary file while it is hashed and counted (`BlobWriter`), then streamed to the
bucket by boto3's transfer manager, in parts for a large file, so neither side ever
holds a whole file in memory. boto3 is imported only here, by a server configured
with `store = "s3"` (the `s3` extra).
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast

from desk.server.attachments.settings import AttachmentSettings
from desk.server.attachments.store import BlobWriter, blob_name

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

_MISSING = frozenset({"404", "NoSuchKey", "NotFound"})


class S3BlobStore:
    """The `BlobStore` of a bucket.

    Args:
        spool: the folder of the temporary files uploads pass through (default: the
            system's temporary folder).
    """

    def __init__(self, settings: AttachmentSettings, spool: Path | None = None) -> None:
        import boto3
        from botocore.config import Config

        self._bucket = settings.bucket
        self._prefix = settings.prefix
        self._spool = spool or Path(tempfile.gettempdir())
        self._client: S3Client = boto3.client(
            "s3",
            endpoint_url=settings.endpoint or None,
            region_name=settings.region or None,
            aws_access_key_id=settings.access_key_id or None,
            aws_secret_access_key=settings.secret_access_key or None,
            config=Config(
                connect_timeout=10, read_timeout=60, retries={"max_attempts": 4, "mode": "standard"}
            ),
        )

    def key(self, centre_id: str, sha256: str, suffix: str = "") -> str:
        """The object key of a blob or of a file derived from it."""
        return self._prefix + blob_name(centre_id, sha256, suffix)

    def exists(self, centre_id: str, sha256: str, suffix: str = "") -> bool:
        """Whether the bucket holds the object (a HEAD request)."""
        from botocore.exceptions import ClientError

        try:
            self._client.head_object(Bucket=self._bucket, Key=self.key(centre_id, sha256, suffix))
        except ClientError as error:
            if _code(error) in _MISSING:
                return False
            raise
        return True

    def writer(self, centre_id: str, sha256: str | None, limit: int, head_size: int) -> BlobWriter:
        """A writer whose `keep` uploads the checked file under its digest."""
        blob_name(centre_id, "0" * 64)  # refuses a centre id that is not one

        def commit(temporary: Path, digest: str) -> None:
            self._upload(temporary, self.key(centre_id, digest))

        return BlobWriter(self._spool, sha256, limit, head_size, commit)

    def open(self, centre_id: str, sha256: str, suffix: str = "") -> BinaryIO:
        """The object's body, streamed as it is read; FileNotFoundError when missing."""
        from botocore.exceptions import ClientError

        key = self.key(centre_id, sha256, suffix)
        try:
            answer = self._client.get_object(Bucket=self._bucket, Key=key)
        except ClientError as error:
            if _code(error) in _MISSING:
                raise FileNotFoundError(key) from error
            raise
        # A StreamingBody reads and closes like a binary file, which is all callers do.
        return cast(BinaryIO, answer["Body"])

    @contextlib.contextmanager
    def local_copy(self, centre_id: str, sha256: str) -> Iterator[Path]:
        """The blob downloaded into a temporary file, deleted afterwards."""
        from botocore.exceptions import ClientError

        handle, name = tempfile.mkstemp(dir=self._spool, prefix=".download-")
        path = Path(name)
        try:
            with open(handle, "wb") as out:
                try:
                    self._client.download_fileobj(self._bucket, self.key(centre_id, sha256), out)
                except ClientError as error:
                    if _code(error) in _MISSING:
                        raise FileNotFoundError(self.key(centre_id, sha256)) from error
                    raise
            yield path
        finally:
            path.unlink(missing_ok=True)

    def put_file(self, centre_id: str, sha256: str, suffix: str, source: Path) -> None:
        """Upload `source` beside the blob, then delete it."""
        try:
            self._upload(source, self.key(centre_id, sha256, suffix))
        finally:
            source.unlink(missing_ok=True)

    def _upload(self, path: Path, key: str) -> None:
        """Stream a file to `key`; a failure is an OSError, as a full disk is locally."""
        from boto3.exceptions import S3UploadFailedError
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self._client.upload_file(str(path), self._bucket, key)
        except (S3UploadFailedError, BotoCoreError, ClientError) as error:
            raise OSError(f"the bucket did not take {key}: {error}") from error


def _code(error: Exception) -> str:
    response = getattr(error, "response", {}) or {}
    return str(response.get("Error", {}).get("Code", ""))
