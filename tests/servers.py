"""Helpers for tests that run ``zenhire`` as a real process."""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

import httpx

ZENHIRE = str(Path(sys.executable).with_name("zenhire"))


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
