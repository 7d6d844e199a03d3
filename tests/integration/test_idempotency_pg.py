"""Idempotency keys on Postgres: concurrent requests with one key create one resource."""

from __future__ import annotations

import asyncio
import functools
import json
import os
import subprocess
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import asyncpg
import httpx
import pytest
from litestar.testing import AsyncTestClient

from tests.contract.conftest import truncate
from tests.harness import S2S_SECRET, World
from tests.http.helpers import new_tenant
from tests.servers import ZENHIRE, free_port, wait_healthy
from zenhire.entrypoints.http.app import create_app

pytestmark = pytest.mark.postgres


@pytest.fixture
async def pg_client(pg_url: str) -> AsyncIterator[Any]:
    await truncate(pg_url)
    world = World(database_url=pg_url)
    world.clock.set(datetime.now(UTC))
    app = create_app(world.settings, *world.overrides())
    async with AsyncTestClient(app) as client:
        yield client
    await world.close()


async def asyncpg_exec(url: str, sql: str) -> Any:
    connection = await asyncpg.connect(url)
    try:
        return await connection.fetchval(sql)
    finally:
        await connection.close()


async def test_concurrent_requests_with_one_key_create_once(pg_client: Any, pg_url: str) -> None:
    tenant = await new_tenant(pg_client)
    headers = {"X-API-Key": tenant["key"], "Idempotency-Key": "same"}
    path = f"/api/v1/interview/personas/{tenant['persona_id']}/sessions"
    responses = await asyncio.gather(
        *(
            pg_client.post(path, json={"consent_mode": "explicit"}, headers=headers)
            for _ in range(20)
        )
    )
    codes = sorted({r.status_code for r in responses})
    assert set(codes) <= {201, 409}
    created = [r.json()["id"] for r in responses if r.status_code == 201]
    assert created
    assert len(set(created)) == 1
    for r in responses:
        if r.status_code == 409:
            assert r.json()["error"]["code"] == "IDEMPOTENCY_IN_PROGRESS"
    assert await asyncpg_exec(pg_url, "SELECT count(*) FROM sessions") == 1


def test_a_burst_of_idempotent_requests_does_not_starve_the_pool(pg_url: str) -> None:
    """Each request holds its pooled connection while its key is claimed and answered on a
    second one. Those come from a pool of their own, so a burst larger than the request pool
    gets through instead of every request waiting for a connection none can get."""
    asyncio.run(truncate(pg_url))
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZENHIRE_")}
    env.update(
        ZENHIRE_DATABASE_URL=pg_url,
        ZENHIRE_S2S_SECRETS=S2S_SECRET,
        ZENHIRE_DB_POOL_SIZE="2",
        ZENHIRE_DB_MAX_OVERFLOW="0",
        ZENHIRE_DB_POOL_TIMEOUT_SECONDS="3",
        ZENHIRE_SWEEP_INTERVAL_SECONDS="3600",
    )
    run = functools.partial(subprocess.run, env=env, capture_output=True, text=True, check=True)
    client = json.loads(
        run([ZENHIRE, "admin", "create-client", "--name", "B", "--credits", "9"]).stdout
    )
    key = json.loads(run([ZENHIRE, "admin", "create-key", client["id"]]).stdout)["key"]
    port = free_port()
    server = subprocess.Popen(
        [ZENHIRE, "serve"],
        env={**env, "ZENHIRE_PORT": str(port)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/api/v1/interview"
    try:
        wait_healthy(f"http://127.0.0.1:{port}")

        async def burst() -> list[int]:
            async with httpx.AsyncClient(timeout=30) as http:
                headers = {"X-API-Key": key}
                persona = await http.post(
                    f"{base}/personas", json={"role_name": "r", "language": "en"}, headers=headers
                )
                path = f"{base}/personas/{persona.json()['id']}/sessions"
                answers = await asyncio.gather(
                    *(
                        http.post(
                            path,
                            json={"consent_mode": "explicit"},
                            headers={**headers, "Idempotency-Key": f"k{i}"},
                        )
                        for i in range(12)
                    )
                )
                return [a.status_code for a in answers]

        assert asyncio.run(burst()) == [201] * 12
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert asyncio.run(asyncpg_exec(pg_url, "SELECT count(*) FROM sessions")) == 12
