"""SIGTERM: in-flight requests finish, the sweeper stops, the process exits cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import httpx

from tests.servers import ZENHIRE, free_port, wait_healthy


def test_sigterm_drains_and_exits_zero(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZENHIRE_")}
    env.update(ZENHIRE_PORT=str(port), ZENHIRE_SWEEP_INTERVAL_SECONDS="0.05")
    proc = subprocess.Popen(
        [ZENHIRE, "serve"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/api/v1/health"
    try:
        wait_healthy(f"http://127.0.0.1:{port}")
        answered: list[int] = []

        def traffic() -> None:
            with httpx.Client() as http:
                for _ in range(200):
                    try:
                        answered.append(http.get(url).status_code)
                    except httpx.TransportError:
                        return

        worker = threading.Thread(target=traffic)
        worker.start()
        time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        worker.join(timeout=30)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert answered
    assert set(answered) == {200}  # every request that got in got its answer
    assert proc.stderr is not None
    log = proc.stderr.read()
    assert "Application shutdown complete" in log
    assert "sweep_failed" not in log
