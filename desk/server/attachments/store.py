"""Blobs stored by content hash in a local folder, one folder per centre.

A file is written under a temporary name while its hash is computed, then renamed
into place, so a reader never sees half a file and a crash leaves only a temporary
file behind (cleared at the next start). Its path is made from the centre's id and
the hex digest only, never from anything a person typed, so no file name can
reach outside the folder. The same bytes uploaded twice are stored once.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import make_url

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_CENTRE = re.compile(r"^[0-9a-zA-Z-]{1,36}$")


def attachments_folder(attachments_dir: str, database_url: str) -> Path:
    """Where uploads go: as configured, else beside an SQLite file, else ./desk-attachments.

    Beside the database file, a demo or a test keeps its uploads with its data and
    loses neither when run from another folder.
    """
    if attachments_dir:
        return Path(attachments_dir)
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).resolve().parent / "attachments"
    return Path("desk-attachments").resolve()


class TooLarge(Exception):
    """The upload passed the size limit; nothing was kept."""


class WrongHash(Exception):
    """The bytes received do not hash to the digest they were sent under; nothing kept."""


@dataclass(frozen=True)
class Written:
    """What `BlobWriter.finish` stored."""

    sha256: str
    size: int
    head: bytes  # the first bytes, for `desk.core.attachments.check_file`


class LocalBlobStore:
    """Content-addressed files under `root`/<centre>/<2 hex>/<64 hex>."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, centre_id: str, sha256: str, suffix: str = "") -> Path:
        """Where a blob (or a derived file such as ".thumb.jpg") lives."""
        if not _HEX64.match(sha256) or not _CENTRE.match(centre_id):
            raise ValueError("not a content hash and centre id")
        return self.root / centre_id / sha256[:2] / (sha256 + suffix)

    def exists(self, centre_id: str, sha256: str) -> bool:
        """Whether the centre's copy of the blob is on disk."""
        return self.path(centre_id, sha256).is_file()

    def writer(self, centre_id: str, sha256: str, limit: int, head_size: int) -> BlobWriter:
        """A writer for bytes that must hash to `sha256` and stay within `limit` bytes."""
        return BlobWriter(self.path(centre_id, sha256), sha256, limit, head_size)


class BlobWriter:
    """Streams an upload into a temporary file, then into place if it checks out."""

    def __init__(self, final: Path, sha256: str, limit: int, head_size: int) -> None:
        self._final = final
        self._expected = sha256
        self._limit = limit
        self._head_size = head_size
        self._hash = hashlib.sha256()
        self._size = 0
        self._head = b""
        final.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=final.parent, prefix=".upload-")
        self._file = os.fdopen(handle, "wb")
        self._temporary = Path(name)

    def write(self, chunk: bytes) -> None:
        """Take the next chunk; raises `TooLarge` (and discards all) past the limit."""
        self._size += len(chunk)
        if self._size > self._limit:
            self.discard()
            raise TooLarge
        if len(self._head) < self._head_size:
            self._head += chunk[: self._head_size - len(self._head)]
        self._hash.update(chunk)
        self._file.write(chunk)

    def finish(self) -> Written:
        """Flush and check the hash; `keep` then puts the file in place.

        Raises:
            WrongHash: the bytes hash to something else; nothing is kept.
            OSError: the disk is full or not writable; nothing is kept.
        """
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
        except OSError:
            self.discard()
            raise
        if self._hash.hexdigest() != self._expected:
            self.discard()
            raise WrongHash
        return Written(self._expected, self._size, self._head)

    def keep(self) -> None:
        """Move the checked file into place (the same bytes may already be there)."""
        os.replace(self._temporary, self._final)

    def discard(self) -> None:
        """Forget everything written so far."""
        with contextlib.suppress(OSError):
            self._file.close()
        self._temporary.unlink(missing_ok=True)
