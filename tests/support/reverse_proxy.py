"""nginx in front of `desk server` processes, on loopback, with the shipped site file.

`run_nginx` takes `installers/server/nginx-desk.conf` as docs/deploy.md tells an
operator to install it, changes only what a loopback test must (the server name, the
listening ports, the certificate, the upstream ports), and runs nginx in the
foreground with a prefix of its own in a temporary folder, so the test needs no root
and touches nothing of the machine's nginx. The wrapper's access log records which
upstream answered each request, by the request id nginx sent (which the server echoes
in `X-Request-ID`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .net import free_port
from .polling import PollTimeout, wait_until

SITE_FILE = Path(__file__).resolve().parents[2] / "installers" / "server" / "nginx-desk.conf"
STARTUP_TIMEOUT = 20.0


class ProxyUnavailable(RuntimeError):
    """nginx is not installed here."""


def nginx_binary() -> str | None:
    """The nginx executable, also where Debian puts it outside a user's PATH."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


@dataclass
class Nginx:
    """A running nginx: `url` is its HTTPS address, `cert` the PEM a client trusts."""

    process: subprocess.Popen[bytes]
    folder: Path
    port: int
    cert: Path

    @property
    def url(self) -> str:
        """Base URL without a trailing slash."""
        return f"https://127.0.0.1:{self.port}"

    def upstream_of(self, request_id: str) -> str:
        """`host:port` of the server that answered the request nginx tagged `request_id`.

        nginx writes its log line once the request is finished on its side, which can
        be just after the client has read the answer: the line is waited for.
        """
        found: list[str] = []

        def logged() -> bool:
            for line in (self.folder / "logs" / "upstreams.log").read_text().splitlines():
                rid, _, upstream = line.partition(" ")
                if rid == request_id:
                    found.append(upstream)
                    return True
            return False

        try:
            wait_until(logged, f"nginx logs request {request_id}", timeout=10)
        except PollTimeout as error:
            raise AssertionError(f"nginx logged no request {request_id}") from error
        return found[0]

    def log_text(self) -> str:
        """The error log of nginx, for a failing test's message."""
        path = self.folder / "logs" / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""


def site_config(upstreams: Sequence[int], port: int, cert: Path, key: Path) -> str:
    """The shipped site file with loopback ports and a test certificate put in.

    Raises:
        AssertionError: the site file no longer holds a line this replaces, so the
            test would no longer be running what docs/deploy.md says.
    """
    text = SITE_FILE.read_text()
    lines = [f"    server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;" for p in upstreams]
    replacements = {
        "    server 127.0.0.1:8751 max_fails=3 fail_timeout=10s;\n"
        "    server 127.0.0.1:8752 max_fails=3 fail_timeout=10s;": "\n".join(lines),
        "    listen 443 ssl;\n    listen [::]:443 ssl;": f"    listen 127.0.0.1:{port} ssl;",
        "    listen 80;\n    listen [::]:80;": f"    listen 127.0.0.1:{free_port()};",
        "/etc/letsencrypt/live/desk.example.org/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/desk.example.org/privkey.pem": str(key),
    }
    for old, new in replacements.items():
        assert old in text, f"{SITE_FILE} no longer contains {old!r}"
        text = text.replace(old, new)
    return text


def _main_config(folder: Path, site: Path) -> str:
    """What /etc/nginx/nginx.conf gives the site file, inside `folder`."""
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read `folder`
    temp = "\n".join(
        f"    {name}_temp_path {folder / 'temp' / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "logs" / "error.log"} info;
events {{ worker_connections 1024; }}
http {{
{temp}
    log_format upstreams '$request_id $upstream_addr';
    access_log {folder / "logs" / "upstreams.log"} upstreams;
    include {site};
}}
"""


@contextlib.contextmanager
def run_nginx(folder: Path, upstreams: Sequence[int], cert: Path, key: Path) -> Iterator[Nginx]:
    """Run nginx with the shipped site in front of `upstreams`, until the block ends.

    Raises:
        ProxyUnavailable: nginx is not installed.
    """
    binary = nginx_binary()
    if binary is None:
        raise ProxyUnavailable("nginx is not installed (apt-get install nginx)")
    for name in ("logs", "temp"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    port = free_port()
    site = folder / "desk.conf"
    site.write_text(site_config(upstreams, port, cert, key))
    main = folder / "nginx.conf"
    main.write_text(_main_config(folder, site))
    check = subprocess.run(
        [binary, "-t", "-p", str(folder), "-c", str(main)], capture_output=True, text=True
    )
    assert check.returncode == 0, f"nginx -t refused the configuration:\n{check.stderr}"
    process = subprocess.Popen(
        [binary, "-p", str(folder), "-c", str(main), "-g", "daemon off;"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    nginx = Nginx(process, folder, port, cert)
    try:
        wait_until(lambda: _listening(nginx), f"nginx listens on {port}", timeout=STARTUP_TIMEOUT)
        yield nginx
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGQUIT)  # graceful: let it close its workers
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _listening(nginx: Nginx) -> bool:
    if nginx.process.poll() is not None:
        raise AssertionError(f"nginx exited ({nginx.process.returncode}):\n{nginx.log_text()}")
    try:
        socket.create_connection(("127.0.0.1", nginx.port), timeout=1).close()
    except OSError:
        return False
    return True
