"""A loopback S3 for the S3 attachment store: moto's server on 127.0.0.1.

`ThreadedMotoServer` answers S3's real HTTP API (signatures, multipart uploads,
HEAD and ranged GET), so the store is exercised through boto3 exactly as against a
bucket, with nothing leaving the machine.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import boto3
from moto.server import ThreadedMotoServer

from desk.server.attachments.settings import AttachmentSettings

ACCESS_KEY = "AKIA" + "TESTDOUBLE0000"
SECRET_KEY = "s3-double-secret"
REGION = "us-east-1"


@dataclass(frozen=True)
class S3Double:
    """The server's endpoint and a bucket made for one test."""

    endpoint: str
    bucket: str

    def settings(self, **overrides: object) -> AttachmentSettings:
        """`[attachments]` choosing this bucket."""
        values: dict[str, object] = {
            "store": "s3",
            "bucket": self.bucket,
            "endpoint": self.endpoint,
            "region": REGION,
            "access_key_id": ACCESS_KEY,
            "secret_access_key": SECRET_KEY,
        }
        values.update(overrides)
        return AttachmentSettings(**values)  # type: ignore[arg-type]

    def keys(self) -> list[str]:
        """Every key in the bucket, sorted."""
        client = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
        )
        pages = client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


@contextmanager
def moto_server() -> Iterator[str]:
    """Start moto's S3 on a free loopback port; yields its endpoint URL."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def new_bucket(endpoint: str) -> S3Double:
    """A fresh, empty bucket on the server at `endpoint`."""
    bucket = "desk-" + secrets.token_hex(6)
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    ).create_bucket(Bucket=bucket)
    return S3Double(endpoint, bucket)
