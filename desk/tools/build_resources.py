"""Compile `resources/` into `desk/resources/compiled.py`, the module the app loads them from.

The app reads its style sheets, icons and translations through Qt's resource system
(`:/styles/office.qss`, `:/icons/new.svg`, `:/translations/desk_es.qm`), never from the
source tree, so a PyInstaller bundle or an installed wheel finds them wherever it is
unpacked. This tool is the one way that module is made:

    python -m desk.tools.build_resources              # lrelease every .ts, then rcc
    python -m desk.tools.build_resources --update-ts  # first lupdate the sources into the .ts
    python -m desk.tools.build_resources --check      # exit 1 when the committed module is stale

Every file under `resources/styles`, `resources/icons` (subfolders included, so icons
another change adds join by themselves) and every compiled `resources/translations/*.ts`
goes in. The output is deterministic (format version 1 carries no file times, no
compression depends on a zlib version), so a rebuild of unchanged sources changes nothing
and `tests/tools/test_build_resources.py` can tell a stale module apart.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import quoteattr

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
OUTPUT = ROOT / "desk" / "resources" / "compiled.py"

# Folders whose Python holds text a person reads; lupdate reads only these.
TRANSLATED_SOURCES = (
    "desk/ui",
    "desk/kiosk",
    "desk/services",
    "desk/sync",
    "desk/core",
    "desk/models",
    "desk/i18n",
    "desk/server",  # command refusals, worded for the client to translate
)
BUNDLED_FOLDERS = ("styles", "icons")
SKIPPED_NAMES = frozenset({".gitkeep", "README.md"})
# Packaging-only icon formats: the installers take them from resources/, Qt never reads them.
PACKAGING_SUFFIXES = frozenset({".icns", ".ico"})


class BuildError(RuntimeError):
    """A Qt tool is missing or refused its input; the message says which and why."""


def qt_tool(name: str) -> str:
    """The PySide6 wrapper `name` (e.g. "pyside6-rcc") of this interpreter's environment."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise BuildError(f"{name} is not installed: install PySide6 (pip install -e '.[dev]')")
    return found


def run(command: Sequence[str]) -> str:
    """Run a Qt tool; its output, or a `BuildError` carrying what it printed."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BuildError(f"{Path(command[0]).name} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def bundled_files(resources: Path) -> list[tuple[str, Path]]:
    """(resource name, file) of every style and icon, sorted so the order never varies."""
    return [
        (path.relative_to(resources).as_posix(), path)
        for folder in BUNDLED_FOLDERS
        for path in sorted((resources / folder).rglob("*"))
        if path.is_file()
        and path.name not in SKIPPED_NAMES
        and path.suffix not in PACKAGING_SUFFIXES
    ]


def release(sources: Iterable[Path], into: Path) -> list[tuple[str, Path]]:
    """Compile each .ts into `into`; (resource name, .qm) of each."""
    compiled = []
    for ts in sorted(sources):
        qm = into / f"{ts.stem}.qm"
        print(run([qt_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)]).strip())
        compiled.append((f"translations/{qm.name}", qm))
    return compiled


def qrc_text(files: Iterable[tuple[str, Path]]) -> str:
    """A .qrc naming each file by its resource name (its `alias`), under the root prefix."""
    lines = ['<!DOCTYPE RCC><RCC version="1.0">', '<qresource prefix="/">']
    lines += [f"<file alias={quoteattr(name)}>{path.as_posix()}</file>" for name, path in files]
    lines += ["</qresource>", "</RCC>", ""]
    return "\n".join(lines)


def build(output: Path, resources: Path = RESOURCES) -> None:
    """Write the compiled resource module for everything under `resources` to `output`."""
    with tempfile.TemporaryDirectory(prefix="desk-resources-") as scratch:
        work = Path(scratch)
        translations = release((resources / "translations").glob("*.ts"), work)
        qrc = work / "resources.qrc"
        qrc.write_text(qrc_text(bundled_files(resources) + translations), encoding="utf-8")
        rcc = [qt_tool("pyside6-rcc"), "-g", "python", "--format-version", "1", "--no-compress"]
        run([*rcc, str(qrc), "-o", str(output)])


def python_sources(root: Path = ROOT) -> list[Path]:
    """Every module lupdate reads, in a stable order."""
    return sorted(path for folder in TRANSLATED_SOURCES for path in (root / folder).rglob("*.py"))


def update_translations(resources: Path = RESOURCES, root: Path = ROOT) -> None:
    """Bring every .ts up to date with the sources: new texts added, vanished ones marked.

    Locations are left out (`-locations none`): with line numbers every edit anywhere
    would rewrite the .ts and collide with a translator's work on it.
    """
    sources = [str(path) for path in python_sources(root)]
    for ts in sorted((resources / "translations").glob("*.ts")):
        command = [qt_tool("pyside6-lupdate"), *sources, "-locations", "none", "-ts", str(ts)]
        print(run(command).strip())


def is_current(output: Path = OUTPUT, resources: Path = RESOURCES) -> bool:
    """Whether `output` is what a rebuild of `resources` would write."""
    with tempfile.TemporaryDirectory(prefix="desk-resources-check-") as scratch:
        fresh = Path(scratch) / "compiled.py"
        build(fresh, resources)
        return output.exists() and comparable(output) == comparable(fresh)


def comparable(module: Path) -> list[str]:
    """The module without comments: rcc's header names its own Qt version."""
    lines = module.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if not line.startswith("#")]


def main(argv: list[str] | None = None) -> int:
    """The command line: see the module docstring."""
    parser = argparse.ArgumentParser(prog="python -m desk.tools.build_resources")
    parser.add_argument("--update-ts", action="store_true", help="run lupdate first")
    parser.add_argument("--check", action="store_true", help="fail if the module is stale")
    args = parser.parse_args(argv)
    try:
        if args.check:
            if is_current():
                return 0
            print(f"{OUTPUT.relative_to(ROOT)} is stale: run python -m desk.tools.build_resources")
            return 1
        if args.update_ts:
            update_translations()
        build(OUTPUT)
    except BuildError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
