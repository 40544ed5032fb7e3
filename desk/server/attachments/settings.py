"""The `[attachments]` table: where files are kept, and how long a texted link lasts."""

from __future__ import annotations

from dataclasses import dataclass, field

STORES = ("local", "s3")


@dataclass(frozen=True)
class AttachmentSettings:
    """How attachments are stored and shared.

    Attributes:
        store: "local" (a folder, `attachments_dir`) or "s3" (an S3-compatible bucket).
        bucket, endpoint, region: the bucket and where it is; an empty endpoint is
            AWS's own for the region, another is MinIO, Ceph, R2, Spaces...
        prefix: put before every key, to share a bucket with other data.
        access_key_id, secret_access_key: the bucket's credentials; empty: boto3's
            usual chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the
            environment, a profile, an instance role), so no secret need sit in the file.
        link_days: how long the link texted with a message's attachments opens them.
    """

    store: str = "local"
    bucket: str = ""
    endpoint: str = ""
    region: str = ""
    prefix: str = ""
    access_key_id: str = field(default="", repr=False)
    secret_access_key: str = field(default="", repr=False)
    link_days: int = 7

    def __post_init__(self) -> None:
        if self.store not in STORES:
            choices = ", ".join(STORES)
            raise ValueError(f"attachments.store must be one of {choices}: {self.store!r}")
        if self.store == "s3" and not self.bucket:
            raise ValueError('attachments.store = "s3" needs attachments.bucket')
        if self.endpoint and not self.endpoint.startswith(("https://", "http://")):
            raise ValueError(f"attachments.endpoint must be an http(s) URL: {self.endpoint!r}")
        if self.prefix and (self.prefix.startswith("/") or ".." in self.prefix):
            raise ValueError(f"attachments.prefix must be a plain key prefix: {self.prefix!r}")
        if bool(self.access_key_id) != bool(self.secret_access_key):
            raise ValueError(
                "attachments needs both access_key_id and secret_access_key, or neither"
            )
        if not 1 <= self.link_days <= 365:
            raise ValueError(f"attachments.link_days must be 1 to 365: {self.link_days}")
