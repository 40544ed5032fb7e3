"""Benchmark of storing an attachment: our stores beside the bare tool they sit on.

An 8 MB file, in 1 MB chunks as an upload arrives, into the folder store and into
the S3 store (moto's S3 server on loopback). Each store hashes, counts and spools the
bytes before keeping them (`desk.server.attachments.store.BlobWriter`), so the
floors are the bare writes: the same chunks written to a file and renamed into
place, and the same bytes sent by boto3's `upload_fileobj` to the same bucket.

Run: `.venv/bin/python bench/bench_blob_store.py [--runs N] [--tiny]` (`--tiny`:
256 KB and few runs, so the suite checks it works; the figures mean nothing then).
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import secrets
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from floors import Report, sample_pair  # noqa: E402

from desk.server.attachments.s3 import S3BlobStore  # noqa: E402
from desk.server.attachments.store import BlobStore, LocalBlobStore  # noqa: E402
from tests.support.s3_double import moto_server, new_bucket  # noqa: E402

CENTRE = "c0ffee00-0000-4000-8000-00000000be7c"
CHUNK = 1 << 20


def keep(store: BlobStore, data: bytes) -> None:
    """What an upload does: stream the chunks in, check, keep."""
    writer = store.writer(CENTRE, None, len(data), 512)
    for start in range(0, len(data), CHUNK):
        writer.write(data[start : start + CHUNK])
    writer.finish()
    writer.keep()


def main() -> int:
    """Time both stores beside their floors and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--tiny", action="store_true", help="256 KB, 3 runs")
    args = parser.parse_args()
    size, runs = (256 * 1024, 3) if args.tiny else (8 * 1024 * 1024, args.runs)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    report = Report(f"Storing one {size // 1024} KB attachment")
    with tempfile.TemporaryDirectory(prefix="desk-bench-blobs-") as folder, moto_server() as s3:
        root = Path(folder)
        local = LocalBlobStore(root / "store")

        def bare_file() -> None:
            data = secrets.token_bytes(size)
            temporary = root / "bare.tmp"
            with temporary.open("wb") as out:
                for start in range(0, size, CHUNK):
                    out.write(data[start : start + CHUNK])
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, root / f"bare-{secrets.token_hex(8)}")  # a new name, as ours

        figure, floor = sample_pair(runs, lambda: keep(local, secrets.token_bytes(size)), bare_file)
        report.times(
            "folder store: hash, count, fsync, rename", figure, floor, "write+fsync+rename"
        )

        bucket = new_bucket(s3)
        store = S3BlobStore(bucket.settings(), spool=root)
        client = store._client  # the same connection pool: the floor differs only by our work

        def bare_upload() -> None:
            data = io.BytesIO(secrets.token_bytes(size))
            client.upload_fileobj(data, bucket.bucket, "bare/" + secrets.token_hex(8))

        figure, floor = sample_pair(
            runs, lambda: keep(store, secrets.token_bytes(size)), bare_upload
        )
        report.times("S3 store: spool, hash, upload", figure, floor, "boto3 upload_fileobj")
    report.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
