"""A lock or statement timeout met by a request is 503 STORAGE_UNAVAILABLE, whichever library
raised it: the idempotency claim runs through SQLAlchemy, and its timeouts were a 500 with an
error-level traceback while the same timeouts on the asyncpg path were a 503."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import asyncpg
import pytest
from litestar.testing import AsyncTestClient
from structlog.testing import capture_logs

from tests.contract.conftest import truncate
from tests.harness import World
from tests.http.helpers import new_tenant
from zenhire.entrypoints.http.app import create_app

pytestmark = pytest.mark.postgres


async def _client(pg_url: str, **timeouts: int) -> AsyncIterator[Any]:
    await truncate(pg_url)
    world = World(database_url=pg_url, **timeouts)
    world.clock.set(datetime.now(UTC))
    app = create_app(world.settings, *world.overrides())
    async with AsyncTestClient(app) as client:
        yield client
    await world.close()


@pytest.fixture
async def lock_timeout_client(pg_url: str) -> AsyncIterator[Any]:
    async for client in _client(pg_url, db_lock_timeout_ms=200, db_statement_timeout_ms=30_000):
        yield client


@pytest.fixture
async def statement_timeout_client(pg_url: str) -> AsyncIterator[Any]:
    async for client in _client(pg_url, db_lock_timeout_ms=30_000, db_statement_timeout_ms=300):
        yield client


async def _claimed_elsewhere(pg_url: str, client_id: str, key: str) -> asyncpg.Connection:
    """A connection holding an uncommitted claim of ``key``: a second claim must wait for it."""
    holder = await asyncpg.connect(pg_url)
    await holder.execute("BEGIN")
    await holder.execute(
        "INSERT INTO idempotency_keys (scope, key, fingerprint, running, created_at) "
        "VALUES ($1, $2, $3, true, now())",
        f"client:{client_id}",
        key,
        "0" * 64,
    )
    return holder


async def _post_while_held(client: Any, pg_url: str) -> tuple[Any, list[dict[str, Any]]]:
    tenant = await new_tenant(client)
    holder = await _claimed_elsewhere(pg_url, tenant["client_id"], "held")
    try:
        with capture_logs() as logs:
            response = await client.post(
                f"/api/v1/interview/personas/{tenant['persona_id']}/sessions",
                json={"consent_mode": "explicit"},
                headers={"X-API-Key": tenant["key"], "Idempotency-Key": "held"},
            )
    finally:
        await holder.execute("ROLLBACK")
        await holder.close()
    return response, logs


def _assert_unavailable(response: Any, logs: list[dict[str, Any]]) -> None:
    assert response.status_code == 503, response.text
    error = response.json()["error"]
    assert error["code"] == "STORAGE_UNAVAILABLE"
    assert error["retryAfterSeconds"] == int(response.headers["retry-after"]) > 0
    assert "INSERT" not in response.text
    assert [e for e in logs if e.get("exc_info") is not None] == []  # no traceback anywhere


async def test_lock_timeout_on_the_idempotency_claim_is_503(
    lock_timeout_client: Any, pg_url: str
) -> None:
    response, logs = await _post_while_held(lock_timeout_client, pg_url)
    _assert_unavailable(response, logs)


async def test_statement_timeout_on_the_idempotency_claim_is_503(
    statement_timeout_client: Any, pg_url: str
) -> None:
    response, logs = await _post_while_held(statement_timeout_client, pg_url)
    _assert_unavailable(response, logs)


async def test_the_key_is_usable_once_the_lock_is_gone(
    lock_timeout_client: Any, pg_url: str
) -> None:
    response, _ = await _post_while_held(lock_timeout_client, pg_url)
    assert response.status_code == 503
    tenant_key = response.request.headers["X-API-Key"]
    path = response.request.url.path
    again = await lock_timeout_client.post(
        path,
        json={"consent_mode": "explicit"},
        headers={"X-API-Key": tenant_key, "Idempotency-Key": "held"},
    )
    assert again.status_code == 201, again.text
