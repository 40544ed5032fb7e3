"""Files that arrive with a message (email, MMS): stored with the upload checks, or noted."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from desk.core.attachments import MAX_PER_MESSAGE, with_notes
from desk.server.attachments.incoming import IncomingFile, keep_files, unnamed_file
from desk.server.attachments.store import LocalBlobStore

CENTRE = "c0ffee00-0000-4000-8000-000000000002"


def text_file(name: str, text: str) -> IncomingFile:
    data = text.encode()
    return IncomingFile(name, lambda: (data,))


def test_past_the_per_message_limit_the_rest_are_noted_unread(tmp_path: Path) -> None:
    read: list[str] = []

    def counted(name: str) -> IncomingFile:
        def chunks() -> Iterable[bytes]:
            read.append(name)
            return (name.encode(),)

        return IncomingFile(name, chunks)

    files = [counted(f"note {n}.txt") for n in range(MAX_PER_MESSAGE + 2)]

    kept, notes = keep_files(LocalBlobStore(tmp_path), CENTRE, files)

    assert [k.name for k in kept] == [f"note {n}.txt" for n in range(MAX_PER_MESSAGE)]
    assert notes == [f"2 more file(s): a message takes at most {MAX_PER_MESSAGE}."]
    assert len(read) == MAX_PER_MESSAGE


def test_a_refused_name_is_not_read_and_a_full_store_is_noted(tmp_path: Path) -> None:
    never = IncomingFile("../passwd.txt", lambda: (_ for _ in ()).throw(AssertionError("read")))
    full = tmp_path / "full"
    full.write_text("a file where the store's folder should be")  # every write fails

    kept, notes = keep_files(LocalBlobStore(full), CENTRE, [never, text_file("ok.txt", "hi")])

    assert kept == []
    assert "contains a folder path" in notes[0]
    assert notes[1] == '"ok.txt" could not be stored on the server.'


def test_notes_follow_the_text_and_stand_alone_without_one() -> None:
    assert with_notes("Hello ", ["a", "b"]) == "Hello\n\n[Not attached: a]\n[Not attached: b]"
    assert with_notes("", ["a"]) == "[Not attached: a]"
    assert with_notes("Hello", []) == "Hello"


def test_an_unnamed_part_is_named_from_its_type() -> None:
    assert unnamed_file("image/png", 2) == "inline 2.png"
    assert unnamed_file("image/JPEG; name=x", 1) == "inline 1.jpg"
    assert unnamed_file("application/x-msdownload", 3) == "inline 3 (application/x-msdownload)"
