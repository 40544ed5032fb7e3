"""Attachment bytes kept beside the cache, one file per content hash (issue 14 item 4).

Files the user attaches are copied here before their message is queued, so the
outbox can upload them later, offline or after a restart, whatever happens to the
original. Attachments others sent are downloaded here on first use and stay, so a
file once opened opens again offline. A file's name is its SHA-256: the same
photo sent twice is kept once and uploaded once.

Beside each file, two small markers record what the server said of it: uploaded
(never sent again) or refused, with the server's reason (never retried; the
command naming it fails with that reason). Markers are files rather than cache rows
because they follow the bytes: delete the folder and both go together.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class WrongBytes(ValueError):
    """Downloaded bytes that do not hash to the attachment's SHA-256; nothing is kept."""


class FileStore:
    """A folder of files named by their SHA-256, with what the server said of each."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def beside(cls, cache_path: Path) -> FileStore:
        """The store of the cache at `cache_path` (`front-desk.db` keeps `front-desk.db.files`)."""
        return cls(cache_path.with_name(cache_path.name + ".files"))

    def path(self, sha256: str, suffix: str = "") -> Path:
        """Where the file (or its `suffix` companion, such as a thumbnail) is kept."""
        if not _SHA256.match(sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / sha256[:2] / (sha256 + suffix)

    def has(self, sha256: str, suffix: str = "") -> bool:
        """Whether the bytes (or the companion) are here."""
        return self.path(sha256, suffix).is_file()

    def add_file(self, source: Path) -> tuple[str, int]:
        """Copy `source` in, hashing it as it is read; answers its SHA-256 and size.

        Raises:
            OSError: the file cannot be read or the store written; nothing is kept.
        """
        digest = hashlib.sha256()
        size = 0
        with source.open("rb") as reading, self._temporary() as (handle, temporary):
            while chunk := reading.read(CHUNK):
                digest.update(chunk)
                handle.write(chunk)
                size += len(chunk)
            handle.close()
            self._settle(temporary, digest.hexdigest())
        return digest.hexdigest(), size

    def add_bytes(self, data: bytes, expected: str | None = None) -> str:
        """Keep `data`; answers its SHA-256.

        Raises:
            WrongBytes: `expected` is given and `data` does not hash to it.
        """
        sha256 = hashlib.sha256(data).hexdigest()
        if expected is not None and sha256 != expected:
            raise WrongBytes(f"the bytes hash to {sha256}, not {expected}")
        if not self.has(sha256):
            self.write_companion(sha256, "", data)
        return sha256

    def write_companion(self, sha256: str, suffix: str, data: bytes) -> Path:
        """Keep `data` under the file's name with `suffix`, whole or not at all."""
        target = self.path(sha256, suffix)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_whole(target, data)
        return target

    def read(self, sha256: str) -> bytes:
        """The file's bytes (raises `FileNotFoundError` when not here)."""
        return self.path(sha256).read_bytes()

    def mark_uploaded(self, sha256: str) -> None:
        """The server has the file: it is not uploaded again."""
        self.write_companion(sha256, ".uploaded", b"")

    def uploaded(self, sha256: str) -> bool:
        """Whether the server said it has the file."""
        return self.has(sha256, ".uploaded")

    def mark_refused(self, sha256: str, reason: str) -> None:
        """The server refused the file: commands naming it fail with `reason`."""
        self.write_companion(sha256, ".refused", reason.encode())

    def refusal(self, sha256: str) -> str | None:
        """The server's reason for refusing the file, or None."""
        try:
            return self.path(sha256, ".refused").read_text(errors="replace")
        except FileNotFoundError:
            return None

    def remove_all_but(self, keep: set[str]) -> int:
        """Delete every file (and its companions) but those in `keep`; answers how many went.

        Sign out uses it: a shared front-desk PC keeps no one's files at rest, except
        those their queued messages still have to upload.
        """
        removed = 0
        if not self.root.is_dir():
            return 0
        for path in self.root.glob("*/*"):
            if path.name[:64] not in keep:
                path.unlink(missing_ok=True)
                removed += path.name == path.name[:64]
        return removed

    def _settle(self, temporary: Path, sha256: str) -> None:
        target = self.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temporary, target)

    @contextlib.contextmanager
    def _temporary(self) -> Iterator[tuple[BinaryIO, Path]]:
        """A temporary file in the store (same disk: an atomic rename), removed on failure."""
        self.root.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        temporary = Path(name)
        handle = os.fdopen(descriptor, "wb")
        try:
            yield handle, temporary
        finally:
            handle.close()
            temporary.unlink(missing_ok=True)


def write_whole(target: Path, data: bytes) -> None:
    """Write `data` to `target` whole or not at all.

    A temporary beside it (same disk) renamed onto it: the target is never seen half
    written, and a failed write (a full disk) leaves what was there. The file is
    readable by its owner only.
    """
    descriptor, name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
