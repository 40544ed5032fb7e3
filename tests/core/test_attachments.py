"""What may be attached: names, kinds read from the bytes, sizes (issue 14 item 4)."""

from __future__ import annotations

import pytest

from desk.core.attachments import MAX_BYTES, AttachmentRefused, check_file

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("photo.png", PNG, ("photo.png", "image/png")),
        ("Foto de Ana.JPG", JPEG, ("Foto de Ana.JPG", "image/jpeg")),
        ("statement.pdf", b"%PDF-1.7\n", ("statement.pdf", "application/pdf")),
        ("notes.txt", "Café at 5 ☕".encode(), ("notes.txt", "text/plain")),
        ("clip.mp4", b"\x00\x00\x00\x18ftypmp42", ("clip.mp4", "video/mp4")),
        ("  spaced.png  ", PNG, ("spaced.png", "image/png")),
    ],
)
def test_allowed_files_keep_their_name_and_get_their_kind(
    name: str, head: bytes, expected: tuple[str, str]
) -> None:
    assert check_file(name, 1000, head) == expected


@pytest.mark.parametrize(
    ("name", "head", "size", "reason"),
    [
        ("../../etc/passwd.png", PNG, 10, "folder path"),
        ("..\\..\\boot.ini.png", PNG, 10, "folder path"),
        ("C:evil.png", PNG, 10, "folder path"),
        ("/abs/photo.png", PNG, 10, "folder path"),
        (".hidden.png", PNG, 10, "starts with a dot"),
        ("photo\x00.png", PNG, 10, "control characters"),
        ("photo\u202egnp.exe", PNG, 10, "control characters"),  # right-to-left override
        ("", PNG, 10, "no name"),
        ("x" * 300 + ".png", PNG, 10, "longer than"),
        ("setup.exe", b"MZ\x90\x00", 10, "not a kind of file"),
        ("page.html", b"<html>", 10, "not a kind of file"),
        ("photo.jpg", b"<html><script>alert(1)</script>", 10, "not the kind of file"),
        ("notes.txt", b"<!DOCTYPE html><p>hi", 10, "not the kind of file"),
        ("notes.txt", b"\x00\x01\x02binary", 10, "not the kind of file"),
        ("photo.png", PNG, MAX_BYTES + 1, "at most 20 MB"),
        ("photo.png", b"", 0, "empty"),
    ],
)
def test_refused_files_say_why(name: str, head: bytes, size: int, reason: str) -> None:
    with pytest.raises(AttachmentRefused, match=reason):
        check_file(name, size, head)
