"""Idempotency keys on Postgres: concurrent requests with one key create one resource."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import asyncpg
import pytest
from litestar.testing import AsyncTestClient

from tests.contract.conftest import truncate
from tests.harness import World
from tests.http.helpers import new_tenant
from zenhire.entrypoints.http.app import create_app

pytestmark = pytest.mark.postgres


@pytest.fixture
async def pg_client(pg_url: str) -> AsyncIterator[Any]:
    await truncate(pg_url)
    world = World(database_url=pg_url, db_pool_size=30, db_max_overflow=30)
    world.clock.set(datetime.now(UTC))
    app = create_app(world.settings, *world.providers()[1:])
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
