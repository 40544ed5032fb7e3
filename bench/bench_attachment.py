"""Benchmark: a 10 MB file sent from office client A, readable on office client B.

A real server process on loopback (SQLite, in a temporary folder) and two signed-in
office caches. Each run sends a reply carrying a fresh 10 MB PDF from A and times,
from the moment A picks the file until B holds its bytes:

- A: `Attachments.pick` (checked and copied into the cache's file store),
  `Conversations.reply` (queued with its optimistic rows), one `push` (the upload,
  then the command);
- B: one `pull` (the attachment row arrives), then `Attachments.fetch` (the download,
  its SHA-256 checked, kept in B's store).

The pushes and pulls are called directly, as `tests.support.office.Office.sync`
does: a running engine adds its wake-up between the two clients (54–65 ms median
on a quiet machine, DESIGN.md §6), which is not what this measures. The target is
2 s per file.

Floor, measured in the same run, alternating with the figure: a bare `httpx` PUT of
another fresh 10 MB file to `/api/v1/blobs/{sha256}` and a bare GET of the same
size of attachment, on one kept connection. Both sides make their fresh 10 MB with
`os.urandom` inside the timed run (the figure also writes it to a file to pick). The
load average is printed at the start and the end.

Run: `.venv/bin/python bench/bench_attachment.py [--runs N] [--megabytes N] [--tiny]`;
`--tiny` (1 MB, 2 runs) is a smoke test whose figures mean nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import httpx

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from floors import Report, sample_pair  # noqa: E402

from desk.server.db import open_database  # noqa: E402
from desk.server.migrate import upgrade  # noqa: E402
from desk.services.attachments import Attachments  # noqa: E402
from desk.services.conversations import Conversations  # noqa: E402
from desk.sync.outbox import client_id  # noqa: E402
from desk.sync.pull import pull  # noqa: E402
from desk.sync.push import push  # noqa: E402
from tests.support.factories import make_centre  # noqa: E402
from tests.support.office import Office, sign_in  # noqa: E402
from tests.support.server_process import run_server  # noqa: E402

TARGET_SECONDS = 2.0


def fresh_pdf(size: int) -> bytes:
    """A PDF-looking file of `size` bytes that no run has sent before."""
    return b"%PDF-1.4\n" + os.urandom(size - 9)


class Runs:
    """One send from A to B, and its floor, each with fresh bytes."""

    def __init__(self, sender: Office, reader: Office, thread: str, size: int, folder: Path):
        self.sender, self.reader = sender, reader
        self.thread, self.size, self.folder = thread, size, folder
        self.sender_files = Attachments(sender.cache, lambda: sender.api)
        self.reader_files = Attachments(reader.cache, lambda: reader.api)
        self.http = httpx.Client(
            base_url=sender.api.base_url,
            headers={"Authorization": f"Bearer {sender.api.token}"},
            timeout=60,
        )
        self.last_attachment_id = ""
        self.count = 0

    def send_and_read(self) -> None:
        """A's reply with a fresh file, until B has the bytes."""
        self.count += 1
        path = self.folder / f"statement-{self.count}.pdf"
        path.write_bytes(fresh_pdf(self.size))
        picked = self.sender_files.pick(path)
        queued = Conversations(self.sender.cache).reply(self.thread, "", [picked])
        push(self.sender.api, self.sender.cache, client_id(self.sender.cache))
        message_id = queued.args["message_id"]
        pull(self.reader.api, self.reader.cache)
        [attachment] = self.reader_files.for_messages([message_id])[message_id]
        kept = self.reader_files.fetch(attachment)
        assert kept.stat().st_size == self.size
        self.last_attachment_id = attachment.id

    def bare(self) -> None:
        """The floor: a bare PUT of another fresh file, a bare GET of one as large."""
        data = fresh_pdf(self.size)
        sha256 = hashlib.sha256(data).hexdigest()
        put = self.http.put(
            f"/api/v1/blobs/{sha256}",
            content=data,
            headers={"X-File-Name": quote("floor.pdf"), "Content-Type": "application/pdf"},
        )
        put.raise_for_status()
        got = self.http.get(f"/api/v1/attachments/{self.last_attachment_id}")
        got.raise_for_status()
        assert len(got.content) == self.size


def main() -> None:
    """Start the server, sign in A and B, and print the figure beside its floor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--megabytes", type=int, default=10)
    parser.add_argument("--tiny", action="store_true")
    options = parser.parse_args()
    runs = 2 if options.tiny else options.runs
    size = (1 if options.tiny else options.megabytes) * 1024 * 1024
    report = Report(f"Attachment of {size // 1024 // 1024} MB from office A to office B")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        url = f"sqlite:///{folder / 'server.db'}"
        upgrade(url)
        database = open_database(url)
        centre = make_centre(database)
        with run_server(url, log_dir=folder) as server:
            sender = sign_in(server, centre, "admin", folder / "a.db")
            reader = sign_in(server, centre, "admin", folder / "b.db")
            bench = Runs(sender, reader, centre.threads["office"], size, folder)
            bench.send_and_read()  # a first run, so the floor has an attachment to GET
            figure, floor = sample_pair(runs, bench.send_and_read, bench.bare, block=1)
            ratio_label = f"A picks a {size // 1024 // 1024} MB file -> B has its bytes"
            report.times(ratio_label, figure, floor, "bare httpx PUT + GET of the same size")
            verdict = "met" if figure.median / 1000 <= TARGET_SECONDS else "MISSED"
            report.note(f"target {TARGET_SECONDS:.0f} s per file: {verdict}")
            bench.http.close()
            sender.close()
            reader.close()
        database.dispose()
    report.close()


if __name__ == "__main__":
    main()
