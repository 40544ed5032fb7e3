"""Benchmark of the frozen app: its size on disk and its cold start, beside running from source.

Prints, with the targets of issue 15:

- bundle size on disk: every file of the PyInstaller folder, in allocated blocks
  (target under 150 MB);
- cold start to a painted inbox: a fresh office process (`front-desk`, frozen, and
  `python -m desk`, from source) until the first inbox page, painted from the
  profile's cache as every start does before the sign-in and sync behind it, has been
  saved (`DESK_SCREENSHOT`, `desk.ui.app.screenshot_cached_inbox`); target: frozen
  within 1.3x of source;
- each beside its floor, a bare PySide6 window started, painted and saved the same
  way by a fresh `python` process (bench/floors.py).

The profile is made once, before timing: `front-desk demo` seeds the demo centre and
syncs its office cache, which `tools/office_profile.py` makes the office app's default
profile, with the demo admin as its user. Runs alternate frozen, source,
floor, so all three see the same load. Each process is timed from just before it is
started to the write of its screenshot (the file's modification time), so the
tear-down after the screenshot is not counted.

Run: `.venv/bin/python bench/bench_bundle.py [--bundle dist/front-desk] [--runs N]`
(build the bundle first: `bash scripts/build-bundle.sh`). Qt's offscreen platform by
default, the same for all three; `--platform xcb` with a DISPLAY to use X.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from floors import Report, Samples

ROOT = Path(__file__).resolve().parents[1]
SIZE_TARGET_MB = 150
START_TARGET_RATIO = 1.3
RUN_TIMEOUT = 300  # seconds; the seeding run on a busy machine takes one or two minutes

FLOOR_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv)
window = QLabel("Front Desk")
window.resize(1280, 800)
window.show()

def grab() -> None:
    window.grab().save(sys.argv[1], "PNG")
    app.quit()

QTimer.singleShot(0, grab)
app.exec()
"""


def size_on_disk(folder: Path) -> int:
    """Bytes allocated to every file under `folder` (what `du` counts)."""
    return sum(path.lstat().st_blocks * 512 for path in folder.rglob("*") if not path.is_dir())


def timed_start(argv: list[str], env: dict[str, str], shot: Path) -> float:
    """Milliseconds from starting `argv` to its screenshot being written."""
    shot.unlink(missing_ok=True)
    started = time.time()
    result = subprocess.run(
        argv,
        env=env | {"DESK_SCREENSHOT": str(shot)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    if result.returncode != 0 or not shot.is_file():
        raise SystemExit(f"bench_bundle: {argv[0]} failed ({result.returncode}):\n{result.stderr}")
    return (shot.stat().st_mtime - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "front-desk")
    parser.add_argument("--runs", type=int, default=5, help="timed starts of each kind")
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM of the runs")
    args = parser.parse_args()
    executable = args.bundle / "front-desk"
    if not executable.is_file():
        parser.error(f"no bundle at {args.bundle}: build it with scripts/build-bundle.sh")

    with (
        tempfile.TemporaryDirectory(prefix="bench-bundle-") as temp,
        Report("bench_bundle: the frozen app's size and cold start") as report,
    ):
        home = Path(temp)
        env = {
            "HOME": str(home),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "XDG_RUNTIME_DIR": str(home),
            "QT_QPA_PLATFORM": args.platform,
        }
        if "DISPLAY" in os.environ:
            env["DISPLAY"] = os.environ["DISPLAY"]
        data = home / "demo"
        frozen = [str(executable)]
        source = [sys.executable, "-m", "desk"]
        floor = [sys.executable, "-c", FLOOR_SCRIPT]
        shot = home / "shot.png"

        megabytes = size_on_disk(args.bundle) / 1e6
        verdict = "met" if megabytes < SIZE_TARGET_MB else "NOT met"
        report.note(
            f"  bundle size on disk: {megabytes:.1f} MB  (target < {SIZE_TARGET_MB} MB: {verdict})"
        )
        # The demo centre and its synced office cache, made the office's profile.
        timed_start([str(executable), "demo", "--data-dir", str(data)], env, shot)
        profile = [sys.executable, str(ROOT / "tools" / "office_profile.py")]
        subprocess.run([*profile, str(data / "office-cache.db")], env=env, check=True)
        for argv in (frozen, source, [*floor, str(shot)]):  # warm the OS file cache
            timed_start(argv, env, shot)
        times: dict[str, list[float]] = {"frozen": [], "source": [], "floor": []}
        for _ in range(args.runs):
            times["frozen"].append(timed_start(frozen, env, shot))
            times["source"].append(timed_start(source, env, shot))
            times["floor"].append(timed_start([*floor, str(shot)], env, shot))
        frozen_ms, source_ms, floor_ms = (Samples(tuple(times[k])) for k in times)
        bare = "a bare PySide6 window started, painted and saved"
        report.times("cold start to a painted inbox, frozen", frozen_ms, floor_ms, bare)
        report.times("cold start to a painted inbox, from source", source_ms, floor_ms, bare)
        ratio = report.times(
            "frozen / from source", frozen_ms, source_ms, "the same start from source"
        )
        verdict = "met" if ratio <= START_TARGET_RATIO else "NOT met"
        report.note(f"  frozen start within {START_TARGET_RATIO}x of source: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
