"""The failed-auth throttle is shared by every process on one database (api.md §10.2)."""

from __future__ import annotations

import asyncio
import os
import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import asyncpg
import httpx
import pytest

from tests.servers import ZENHIRE, free_port, wait_healthy

pytestmark = pytest.mark.postgres
LIMIT: Final = 4
BAD: Final = {"X-API-Key": "zh_api_" + "b" * 43}


async def _forget_failures(url: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute("DELETE FROM failed_auth_windows")
    finally:
        await connection.close()


@pytest.fixture
def two_servers(pg_url: str, tmp_path: Path) -> Iterator[tuple[list[str], dict[str, str]]]:
    asyncio.run(_forget_failures(pg_url))
    token = secrets.token_hex(32)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZENHIRE_")}
    env.update(
        ZENHIRE_DATABASE_URL=pg_url,
        ZENHIRE_ADMIN_TOKEN=token,
        ZENHIRE_S2S_SECRETS=secrets.token_hex(32),
        ZENHIRE_FAILED_AUTH_LIMIT_PER_MINUTE=str(LIMIT),
        ZENHIRE_SWEEP_INTERVAL_SECONDS="3600",
    )
    ports = [free_port(), free_port()]
    procs = [
        subprocess.Popen(
            [ZENHIRE, "serve"],
            env={**env, "ZENHIRE_PORT": str(port)},
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            wait_healthy(url, timeout=120)
        yield urls, {"Authorization": f"Bearer {token}"}
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)
        # The window would throttle 127.0.0.1 for every later test on this database.
        asyncio.run(_forget_failures(pg_url))


def test_failures_counted_by_one_process_throttle_the_other(
    two_servers: tuple[list[str], dict[str, str]],
) -> None:
    (a, b), admin = two_servers
    client = httpx.post(f"{a}/api/v1/admin/clients", json={"name": "T"}, headers=admin).json()
    key = httpx.post(
        f"{a}/api/v1/admin/clients/{client['id']}/api-keys", json={}, headers=admin
    ).json()["key"]
    for i in range(LIMIT):  # alternately: neither process alone sees the limit reached
        r = httpx.get(f"{(a, b)[i % 2]}/api/v1/credits", headers=BAD)
        assert r.status_code == 401
    for url in (a, b):
        for headers in (BAD, {"X-API-Key": key}):
            r = httpx.get(f"{url}/api/v1/credits", headers=headers)
            assert r.status_code == 429, (url, r.text)
            assert r.json()["error"]["code"] == "TOO_MANY_FAILED_ATTEMPTS"
            assert int(r.headers["retry-after"]) == r.json()["error"]["retryAfterSeconds"]
        r = httpx.get(f"{url}/api/v1/admin/clients/{client['id']}", headers=admin)
        assert r.status_code == 429
