"""`desk worker`: delivery workers in a process of their own, beside `desk server`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from desk.server.migrate import upgrade

REPO_ROOT = Path(__file__).resolve().parents[2]


def _worker(tmp_path: Path, config: str) -> subprocess.Popen[str]:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    upgrade(url)
    (tmp_path / "desk.toml").write_text(config)
    env = {
        **os.environ,
        "DESK_CONFIG": str(tmp_path / "desk.toml"),
        "DESK_DATABASE_URL": url,
        "PYTHONPATH": str(REPO_ROOT),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "desk", "worker", "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_without_providers_it_says_there_is_nothing_to_run(tmp_path: Path) -> None:
    process = _worker(tmp_path, "")
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "no [providers]" in output


def test_with_providers_it_runs_until_asked_to_stop(tmp_path: Path) -> None:
    sent = tmp_path / "deliveries.jsonl"
    channels = "".join(
        f'[providers.{channel}]\nkind = "log"\npath = "{sent}"\n'
        for channel in ("sms", "email", "push")
    )
    process = _worker(tmp_path, channels)
    try:
        assert process.stdout is not None
        started = []
        # Wait for the line that says the workers run and SIGTERM is handled (a
        # fixed sleep lost that race on a loaded machine and killed it mid-import).
        for line in process.stdout:
            started.append(line)
            if "delivery workers running" in line:
                break
        assert process.poll() is None, "".join(started) + process.communicate()[0]
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:  # reaped here, not by a later test's collection
            process.kill()
            process.communicate()
    assert process.returncode == 0, output


def test_a_configuration_error_is_one_clear_line(tmp_path: Path) -> None:
    process = _worker(tmp_path, '[providers.sms]\nkind = "log"\npath = "x"\n')
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 1
    assert output.strip() == (
        "desk: the configuration is not valid: providers.email is not configured"
    )
