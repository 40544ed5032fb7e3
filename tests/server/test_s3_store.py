"""The S3 attachment store against a loopback S3 (moto's server), issue 14 item 4.

The store takes a file as the folder store does (streamed, hashed, size-limited,
content-addressed under the centre's prefix) and a real server configured with
`[attachments] store = "s3"` uploads, attaches, serves and thumbnails through it,
leaving no file on local disk.
"""

from __future__ import annotations

import hashlib
import io
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from PIL import Image

from desk.core.ids import new_id
from desk.server import orm
from desk.server.attachments.s3 import S3BlobStore
from desk.server.attachments.settings import AttachmentSettings
from desk.server.attachments.store import (
    LocalBlobStore,
    TooLarge,
    WrongHash,
    attachments_folder,
)
from desk.server.attachments.stores import open_blob_store
from desk.server.config import ServerSettings
from desk.server.db import open_database
from tests.support.callers import sign_in
from tests.support.conversation_facts import rows_of
from tests.support.factories import make_centre
from tests.support.s3_double import S3Double, moto_server, new_bucket
from tests.support.server_calls import Pusher
from tests.support.server_process import run_server

CENTRE = "c0ffee00-0000-4000-8000-000000000001"


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    with moto_server() as endpoint:
        yield endpoint


@pytest.fixture
def bucket(s3_endpoint: str) -> S3Double:
    return new_bucket(s3_endpoint)


def png(colour: str = "orange") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (900, 600), colour).save(out, "PNG")
    return out.getvalue()


def test_a_file_streams_into_the_bucket_under_its_centre_and_hash(
    bucket: S3Double, tmp_path: Path
) -> None:
    store = S3BlobStore(bucket.settings(prefix="desk/"), spool=tmp_path)
    data = b"%PDF-1.4\n" + b"x" * 3_000_000
    sha = hashlib.sha256(data).hexdigest()
    writer = store.writer(CENTRE, None, 10_000_000, 16)
    for start in range(0, len(data), 65536):
        writer.write(data[start : start + 65536])
    written = writer.finish()
    writer.keep()

    assert (written.sha256, written.size, written.head) == (sha, len(data), data[:16])
    assert bucket.keys() == [f"desk/{CENTRE}/{sha[:2]}/{sha}"]
    assert store.exists(CENTRE, sha)
    with store.open(CENTRE, sha) as body:
        assert body.read() == data
    with store.local_copy(CENTRE, sha) as copy:
        assert copy.read_bytes() == data
    assert list(tmp_path.iterdir()) == []  # no spool or download left behind


def test_over_the_limit_or_the_wrong_hash_keeps_nothing(bucket: S3Double, tmp_path: Path) -> None:
    store = S3BlobStore(bucket.settings(), spool=tmp_path)
    big = store.writer(CENTRE, None, 1000, 16)
    big.write(b"a" * 600)
    with pytest.raises(TooLarge):
        big.write(b"a" * 600)
    lying = store.writer(CENTRE, "0" * 64, 1000, 16)
    lying.write(b"not zeroes")
    with pytest.raises(WrongHash):
        lying.finish()

    assert bucket.keys() == []
    assert list(tmp_path.iterdir()) == []


def test_a_missing_blob_is_file_not_found(bucket: S3Double) -> None:
    store = S3BlobStore(bucket.settings())
    assert not store.exists(CENTRE, "a" * 64)
    with pytest.raises(FileNotFoundError):
        store.open(CENTRE, "a" * 64)
    with pytest.raises(FileNotFoundError), store.local_copy(CENTRE, "a" * 64):
        pass


def test_a_name_that_is_not_a_centre_and_hash_reaches_no_key(bucket: S3Double) -> None:
    store = S3BlobStore(bucket.settings())
    with pytest.raises(ValueError, match="not a content hash"):
        store.open("../other", "a" * 64)
    with pytest.raises(ValueError, match="not a content hash"):
        store.writer("centre/../x", None, 10, 1)


def test_an_unreachable_bucket_is_an_os_error_and_keeps_nothing(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = AttachmentSettings(
        store="s3",
        bucket="gone",
        endpoint=f"http://127.0.0.1:{port}",
        region="us-east-1",
        access_key_id="a",
        secret_access_key="b",
    )
    writer = S3BlobStore(settings, spool=tmp_path).writer(CENTRE, None, 100, 4)
    writer.write(b"hello")
    writer.finish()
    with pytest.raises(OSError, match="the bucket did not take"):
        writer.keep()
    assert list(tmp_path.iterdir()) == []


def test_settings_choose_the_store(tmp_path: Path, bucket: S3Double) -> None:
    config = tmp_path / "desk.toml"
    config.write_text(
        "[attachments]\n"
        'store = "s3"\n'
        f'bucket = "{bucket.bucket}"\n'
        f'endpoint = "{bucket.endpoint}"\n'
        'region = "us-east-1"\n'
        "link_days = 3\n"
    )
    settings = ServerSettings.load({"DESK_CONFIG": str(config)})
    assert settings.attachments is not None
    assert settings.attachments.link_days == 3
    store = open_blob_store(settings.attachments, "", "sqlite:///x.db")
    assert isinstance(store, S3BlobStore)
    assert isinstance(open_blob_store(None, str(tmp_path), "sqlite:///x.db"), LocalBlobStore)


@pytest.mark.parametrize(
    ("table", "complaint"),
    [
        ({"store": "ftp"}, "must be one of local, s3"),
        ({"store": "s3"}, "needs attachments.bucket"),
        ({"store": "s3", "bucket": "b", "endpoint": "file:///etc"}, "must be an http"),
        ({"store": "s3", "bucket": "b", "access_key_id": "only-half"}, "or neither"),
        ({"link_days": 0}, "1 to 365"),
        ({"buckett": "typo"}, "unknown keys"),
    ],
)
def test_a_bad_attachments_table_is_refused_with_its_reason(
    tmp_path: Path, table: dict[str, object], complaint: str
) -> None:
    lines = [f"{k} = {v!r}".replace("'", '"') for k, v in table.items()]
    config = tmp_path / "desk.toml"
    config.write_text("[attachments]\n" + "\n".join(lines) + "\n")
    with pytest.raises(ValueError, match=complaint):
        ServerSettings.load({"DESK_CONFIG": str(config)})


def test_a_server_on_s3_uploads_serves_and_thumbnails_from_the_bucket(
    bucket: S3Double, database_factory: Callable[[], str], tmp_path: Path
) -> None:
    config = tmp_path / "desk.toml"
    config.write_text(
        "[attachments]\n"
        'store = "s3"\n'
        f'bucket = "{bucket.bucket}"\n'
        f'endpoint = "{bucket.endpoint}"\n'
        'region = "us-east-1"\n'
    )
    env = {
        "DESK_CONFIG": str(config),
        "AWS_ACCESS_KEY_ID": "from-the-environment",
        "AWS_SECRET_ACCESS_KEY": "not-in-the-file",
    }
    with run_server(database_factory(), env=env, log_dir=tmp_path) as server:
        database = open_database(server.database_url)
        try:
            centre = make_centre(database)
            with httpx.Client(base_url=server.url, timeout=30) as http:
                admin = sign_in(http, centre.usernames["admin"])
                data = png()
                sha = hashlib.sha256(data).hexdigest()
                put = admin.api.put(
                    f"/api/v1/blobs/{sha}",
                    content=data,
                    headers={**admin.headers, "X-File-Name": quote("park.png")},
                )
                assert put.status_code == 201, put.text
                outcome = Pusher(admin).run(
                    "send_message",
                    message_id=new_id(),
                    thread_id=centre.threads["office"],
                    body="",
                    attachments=[{"sha256": sha, "name": "park.png"}],
                )
                assert outcome["status"] == "applied", outcome["error"]
                [attachment] = rows_of(database, orm.Attachment, sha256=sha)
                got = admin.get(f"/api/v1/attachments/{attachment.id}")
                thumb = admin.get(f"/api/v1/attachments/{attachment.id}/thumbnail")
        finally:
            database.dispose()
    assert got.status_code == 200
    assert got.content == data
    assert got.headers["content-disposition"] == 'attachment; filename="park.png"'
    assert thumb.status_code == 200
    with Image.open(io.BytesIO(thumb.content)) as preview:
        assert max(preview.size) == 320
    prefix = f"{centre.centre}/{sha[:2]}/{sha}"
    assert bucket.keys() == [prefix, prefix + ".thumb.jpg"]
    assert not attachments_folder("", server.database_url).exists()  # nothing on local disk
