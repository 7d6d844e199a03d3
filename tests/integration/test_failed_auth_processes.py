"""The failed-auth throttle is shared by every process on one database (api.md §10.2)."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import asyncpg
import httpx
import pytest

from tests.servers import zenhire_servers

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
    settings = {
        "database_url": pg_url,
        "admin_token": token,  # one operator for both processes
        "failed_auth_limit_per_minute": str(LIMIT),
        "sweep_interval_seconds": "3600",
    }
    try:
        with zenhire_servers(tmp_path, settings, settings) as servers:
            yield [s.url for s in servers], {"Authorization": f"Bearer {token}"}
    finally:
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
