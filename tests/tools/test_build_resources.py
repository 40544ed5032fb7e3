"""`desk.tools.build_resources`: the committed resource module matches `resources/`."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QFile

from desk import resources
from desk.tools import build_resources
from desk.tools.build_resources import OUTPUT, RESOURCES, build, comparable, is_current


def test_committed_module_is_not_stale() -> None:
    """Guards against a style, icon or .ts edited without rebuilding the module."""
    assert is_current(), "desk/resources/compiled.py is stale: python -m desk.tools.build_resources"


def test_build_is_deterministic(tmp_path: Path) -> None:
    build(tmp_path / "one.py")
    build(tmp_path / "two.py")
    assert (tmp_path / "one.py").read_bytes() == (tmp_path / "two.py").read_bytes()


def test_icons_in_new_subfolders_join_and_change_the_module(tmp_path: Path) -> None:
    """An icon another change drops into `resources/icons/app/` needs no list edited."""
    copy = tmp_path / "resources"
    shutil.copytree(RESOURCES, copy)
    (copy / "icons" / "app").mkdir(exist_ok=True)
    shutil.copy(
        RESOURCES / "icons" / "app" / "front-desk.svg", copy / "icons" / "app" / "added-48.svg"
    )
    (copy / "icons" / "app" / "added.icns").write_bytes(b"icns")  # for the installers only
    names = [name for name, _path in build_resources.bundled_files(copy)]
    assert "icons/app/added-48.svg" in names
    assert "icons/app/added.icns" not in names
    build(tmp_path / "compiled.py", copy)
    assert comparable(tmp_path / "compiled.py") != comparable(OUTPUT)


def test_the_app_reads_styles_icons_and_translations_from_the_module() -> None:
    office = resources.read_text("styles/office.qss")
    assert office == (RESOURCES / "styles" / "office.qss").read_text(encoding="utf-8")
    for name in ("icons/app/front-desk.svg", "styles/kiosk.qss", "translations/desk_es.qm"):
        assert QFile.exists(resources.path(name)), name
