"""Helpers for tests that run ``zenhire`` as a real process."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import httpx

ZENHIRE = str(Path(sys.executable).with_name("zenhire"))
# A `zenhire serve` the tests start holds up to this request pool plus its 4-connection
# idempotency pool: two of them stay well inside the suite's budget of 40 connections
# (tests/connection_budget.py). Requests beyond the pool wait for a connection.
SERVER_POOL_ENV: Final = {
    "ZENHIRE_DB_POOL_SIZE": "8",
    "ZENHIRE_DB_MAX_OVERFLOW": "0",
    "ZENHIRE_DB_POOL_TIMEOUT_SECONDS": "60",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(base_url: str, timeout: float = 30) -> None:
    """Return once ``GET /api/v1/health`` answers 200; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{base_url}/api/v1/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, f"{base_url} did not become healthy"
        time.sleep(0.05)


@dataclass(frozen=True)
class Served:
    """A running ``zenhire serve``: its base URL, admin token, S2S secret and log file."""

    url: str
    admin_token: str
    s2s_secret: str
    log: Path
    pid: int

    @property
    def address(self) -> tuple[str, int]:
        host, _, port = self.url.removeprefix("http://").partition(":")
        return host, int(port)

    def rss_bytes(self) -> int:
        """The server process's resident memory now (Linux)."""
        status = Path(f"/proc/{self.pid}/status").read_text()
        (line,) = [ln for ln in status.splitlines() if ln.startswith("VmRSS:")]
        return int(line.split()[1]) * 1024

    def log_lines(self) -> list[dict[str, Any]]:
        """The JSON lines the server has logged so far."""
        lines = self.log.read_text().splitlines()
        return [json.loads(line) for line in lines if line.startswith("{")]


@contextmanager
def zenhire_serve(
    workdir: Path, *, max_open_files: int | None = None, **settings: str
) -> Iterator[Served]:
    """A ``zenhire serve`` on a free loopback port with ``ZENHIRE_<NAME>`` = each setting.

    Without ``database_url`` it serves the in-memory demo; with one, the database must be
    migrated. Logs (JSON lines) go to a file in ``workdir``; stopped with SIGTERM on exit.
    ``max_open_files`` lowers the process's file-descriptor limit.
    """
    with zenhire_servers(workdir, settings, max_open_files=max_open_files) as (served,):
        yield served


@contextmanager
def zenhire_servers(
    workdir: Path, *configs: dict[str, str], max_open_files: int | None = None
) -> Iterator[list[Served]]:
    """Several ``zenhire serve`` processes (one per settings dict), started side by side."""
    command = [ZENHIRE, "serve"]
    if max_open_files is not None:  # the shell execs the server: same process, lower limit
        command = ["sh", "-c", f'ulimit -n {max_open_files} && exec "$0" serve', ZENHIRE]

    procs: list[subprocess.Popen[bytes]] = []
    served: list[Served] = []
    try:
        for settings in configs:
            admin_token, s2s_secret = secrets.token_hex(32), secrets.token_hex(32)
            env = {k: v for k, v in os.environ.items() if not k.startswith("ZENHIRE_")}
            env.update(
                ZENHIRE_PORT=str(free_port()),
                ZENHIRE_LOG_FORMAT="json",
                ZENHIRE_ADMIN_TOKEN=admin_token,
                ZENHIRE_S2S_SECRETS=s2s_secret,
            )
            if settings.get("database_url"):
                env.update(SERVER_POOL_ENV)
            env.update({f"ZENHIRE_{name.upper()}": value for name, value in settings.items()})
            log = workdir / f"zenhire-{env['ZENHIRE_PORT']}.log"
            with log.open("w") as sink:
                procs.append(
                    subprocess.Popen(
                        command,
                        cwd=workdir,
                        env=env,
                        stdout=subprocess.DEVNULL,
                        stderr=sink,
                    )
                )
            url = f"http://127.0.0.1:{env['ZENHIRE_PORT']}"
            served.append(Served(url, admin_token, s2s_secret, log, procs[-1].pid))
        for server in served:
            wait_healthy(server.url)
        yield served
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)
