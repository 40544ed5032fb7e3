"""The app icon and the debug screenshot: what the desktop programs share (desk.desktop)."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desk.desktop.icon import SIZES, app_icon
from desk.desktop.screenshot import SCREENSHOT_ENV, PaintedScreenshot, requested_screenshot

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons" / "app"


def test_app_icon_has_every_shipped_size(qtbot: QtBot) -> None:
    sizes = app_icon().availableSizes()
    assert sorted(size.width() for size in sizes) == sorted(SIZES)
    assert all(size.width() == size.height() for size in sizes)


def _png_size(data: bytes) -> QSize:
    image = QImage.fromData(data)  # the format is read from the data
    assert not image.isNull(), "an entry is not a PNG"
    return image.size()


def _generator() -> Any:
    """tools/make_app_icons.py, loaded as a module (tools/ is a folder of scripts)."""
    spec = importlib.util.spec_from_file_location(
        "make_app_icons", ROOT / "tools" / "make_app_icons.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_renders_every_size_the_platforms_need(qtbot: QtBot) -> None:
    generator = _generator()
    files = generator.outputs()
    pngs = {path.name: data for path, data in files.items() if path.suffix == ".png"}
    assert sorted(pngs) == sorted(f"front-desk-{size}.png" for size in SIZES)
    for name, data in pngs.items():
        size = int(name.removeprefix("front-desk-").removesuffix(".png"))
        assert _png_size(data) == QSize(size, size)
    assert {path.suffix for path in files} == {".png", ".ico", ".icns"}


def test_ico_holds_a_png_per_size_up_to_256(qtbot: QtBot) -> None:
    data = (ICONS / "front-desk.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sides = []
    for n in range(count):
        width, _height, _c, _r, _planes, _bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * n
        )
        size = _png_size(data[offset : offset + length])
        assert size.width() == (width or 256)
        sides.append(size.width())
    assert sides == [16, 24, 32, 48, 64, 128, 256]


def test_icns_elements_are_pngs_of_their_type_size(qtbot: QtBot) -> None:
    data = (ICONS / "front-desk.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack_from(">I", data, 4)[0] == len(data)
    found = {}
    at = 8
    while at < len(data):
        kind, length = data[at : at + 4], struct.unpack_from(">I", data, at + 4)[0]
        found[kind] = _png_size(data[at + 8 : at + length]).width()
        at += length
    assert found[b"icp4"] == 16
    assert found[b"ic09"] == 512
    assert found[b"ic10"] == 1024


def test_screenshot_is_requested_by_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(SCREENSHOT_ENV, raising=False)
    assert requested_screenshot() is None
    monkeypatch.setenv(SCREENSHOT_ENV, str(tmp_path / "shot.png"))
    assert requested_screenshot() == tmp_path / "shot.png"


def test_screenshot_waits_for_a_paint_once_ready(qtbot: QtBot, tmp_path: Path) -> None:
    """Not on the first paint: the window is grabbed once what it is for has painted."""
    window = QLabel("loading")
    qtbot.addWidget(window)
    window.resize(320, 200)
    ready = False
    path = tmp_path / "out" / "shot.png"
    shot = PaintedScreenshot(window, lambda: ready, path)
    window.show()
    qtbot.waitExposed(window)
    assert not path.exists()
    with qtbot.waitSignal(shot.taken) as taken:
        ready = True
        window.setText("inbox")  # repaints
    assert taken.args == [str(path)]
    assert QImage(str(path)).size() == window.size()
