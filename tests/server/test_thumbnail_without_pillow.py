"""A backend without Pillow (the desktop bundle's demo backend) makes no thumbnails, quietly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desk.server.attachments.thumbnails import make_thumbnail


def test_without_pillow_a_picture_gets_no_thumbnail(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "PIL", None)  # `import PIL` now raises ImportError
    source = tmp_path / "photo.png"
    source.write_bytes(b"\x89PNG\r\n\x1a\n")
    target = tmp_path / "photo.thumb.jpg"
    assert make_thumbnail(source, target) is False
    assert not target.exists()
