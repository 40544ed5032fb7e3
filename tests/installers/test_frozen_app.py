"""The frozen app, as a centre installs it, starts and paints under a real X server.

`DESK_FROZEN_APP` names a PyInstaller bundle (the `dist/front-desk` folder or the
`front-desk` executable in it) built by `scripts/build-bundle.sh`; CI sets it
(`scripts/test.sh`). Without it these tests are skipped, since building the bundle
takes minutes. The bundle is run as a user runs it: no Python, no source tree, a
home folder of its own, on an Xvfb display, and the `xcb` platform plugin the bundle
carries (not the offscreen one the rest of the suite uses): `--version`, the demo's
inbox, the office app's own start on the demo's cache (`tools/office_profile.py`
makes it a signed-in profile) and the demo kiosk's PIN screen. Each painted window
is saved through `DESK_SCREENSHOT` (`desk.desktop.screenshot`) and must not be blank.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

import desk

ROOT = Path(__file__).resolve().parents[2]
FROZEN = os.environ.get("DESK_FROZEN_APP", "").strip()

pytestmark = pytest.mark.skipif(
    not FROZEN,
    reason="DESK_FROZEN_APP does not name a built bundle (scripts/build-bundle.sh builds "
    "one; CI sets it)",
)

RUN_TIMEOUT = 240  # seconds: the first demo start seeds the demo centre, on a busy CI machine


@pytest.fixture(scope="module")
def executable() -> Path:
    """The bundle's `front-desk` executable."""
    path = Path(FROZEN).resolve()  # the app runs in a home folder of its own
    if path.is_dir():
        path = path / "front-desk"
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"DESK_FROZEN_APP={FROZEN} is not a built bundle: no executable {path}")
    return path


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """A fresh Xvfb display, started here and stopped at the end of the module."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.fail("Xvfb is not installed (apt-get install xvfb): the frozen app needs X")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        # Xvfb writes its display number once it accepts connections: no waiting on time.
        with os.fdopen(read_end) as ready:
            number = ready.readline().strip()
        if not number:
            pytest.fail(f"Xvfb did not start (exit status {server.poll()})")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(30)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home folder shared by the module's runs, so the demo centre is seeded once."""
    return tmp_path_factory.mktemp("frozen-home")


def run_frozen(
    executable: Path, *args: str, home: Path, display: str | None = None, shot: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the bundle with a clean environment, as a desktop session would start it."""
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "XDG_RUNTIME_DIR": str(home),
    }
    if display is not None:
        env |= {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    if shot is not None:
        env["DESK_SCREENSHOT"] = str(shot)
    return subprocess.run(
        [str(executable), *args],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )


def assert_painted(shot: Path, result: subprocess.CompletedProcess[str]) -> None:
    """The screenshot exists and shows a real window: many colours, none filling it."""
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    assert shot.is_file(), f"no screenshot at {shot}\n{result.stdout}\n{result.stderr}"
    image = QImage(str(shot))
    assert not image.isNull(), f"{shot} is not a PNG"
    assert image.width() >= 640, f"{shot}: {image.size()}"
    assert image.height() >= 480, f"{shot}: {image.size()}"
    counts: dict[int, int] = {}
    step = 3
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colour = image.pixel(x, y)
            counts[colour] = counts.get(colour, 0) + 1
    total = sum(counts.values())
    assert len(counts) >= 64, f"{shot} has only {len(counts)} colours: a blank window"
    assert max(counts.values()) < 0.9 * total, f"{shot} is nearly one colour: a blank window"


def test_version(executable: Path, home: Path) -> None:
    result = run_frozen(executable, "--version", home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Front Desk {desk.__version__}"


@pytest.fixture(scope="module")
def office_demo(
    executable: Path, home: Path, display: str
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """`front-desk demo` run once: its screenshot, and how it ended."""
    shot = home / "office-demo.png"
    return shot, run_frozen(executable, "demo", home=home, display=display, shot=shot)


@pytest.mark.timeout(2 * RUN_TIMEOUT)
def test_office_demo_paints_the_inbox(
    office_demo: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    shot, result = office_demo
    assert_painted(shot, result)
    assert "Staff sign-in:" in result.stdout


@pytest.mark.timeout(2 * RUN_TIMEOUT)
def test_office_paints_its_cached_inbox_at_start(
    office_demo: tuple[Path, subprocess.CompletedProcess[str]],
    executable: Path,
    home: Path,
    display: str,
) -> None:
    """The office app's own start (`front-desk`), on the demo's cache as a signed-in profile."""
    cache = home / ".front-desk-demo" / "office-cache.db"
    profile = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "office_profile.py"), str(cache)],
        env={"HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert profile.returncode == 0, profile.stderr
    shot = home / "office-cached.png"
    assert_painted(shot, run_frozen(executable, home=home, display=display, shot=shot))


@pytest.mark.timeout(2 * RUN_TIMEOUT)
def test_kiosk_demo_paints_the_pin_screen(executable: Path, home: Path, display: str) -> None:
    shot = home / "kiosk-pin.png"
    result = run_frozen(executable, "demo", "--kiosk", home=home, display=display, shot=shot)
    assert_painted(shot, result)


@pytest.mark.bench
@pytest.mark.timeout(3 * RUN_TIMEOUT)
def test_bench_bundle_runs_on_the_bundle(executable: Path) -> None:
    """bench/bench_bundle.py needs a bundle, so it runs here and not in test_benches."""
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_bundle.py"),
            "--bundle",
            str(executable.parent),
            "--runs",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=3 * RUN_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.strip().startswith("bundle size on disk:") for line in lines)
    for label in ("cold start to a painted inbox, frozen", "frozen / from source"):
        [line] = [line for line in lines if line.strip().startswith(label)]
        assert " floor " in line
        assert " ratio " in line
    assert lines[-1].startswith("load average at end:")
