"""The client row is locked FOR NO KEY UPDATE, which a foreign-key check's FOR KEY SHARE does
not block: an insert referencing the client, still uncommitted elsewhere, no longer holds up
(or deadlocks with) a verify or a persona creation that locks the client."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import asyncpg
import pytest
from litestar.testing import AsyncTestClient

from tests.contract.conftest import truncate
from tests.harness import World
from tests.http.helpers import auth, new_tenant, start, token, verify
from zenhire.entrypoints.http.app import create_app

pytestmark = pytest.mark.postgres


@pytest.fixture
async def client(pg_url: str) -> AsyncIterator[Any]:
    await truncate(pg_url)
    world = World(database_url=pg_url, db_lock_timeout_ms=300, db_statement_timeout_ms=30_000)
    world.clock.set(datetime.now(UTC))
    app = create_app(world.settings, *world.overrides())
    async with AsyncTestClient(app) as http:
        yield http
    await world.close()


async def _key_share(pg_url: str, client_id: str) -> asyncpg.Connection:
    """What an uncommitted insert of a row referencing the client holds on its row."""
    holder = await asyncpg.connect(pg_url)
    await holder.execute("BEGIN")
    await holder.execute("SELECT 1 FROM clients WHERE id = $1 FOR KEY SHARE", client_id)
    return holder


async def test_verify_is_not_held_up_by_a_foreign_key_check(client: Any, pg_url: str) -> None:
    tenant = await new_tenant(client)
    session = (await start(client, tenant)).json()
    holder = await _key_share(pg_url, tenant["client_id"])
    try:
        answer = await verify(client, token(session))
    finally:
        await holder.execute("ROLLBACK")
        await holder.close()
    assert answer.status_code == 200, answer.text


async def test_persona_creation_is_not_held_up_by_a_foreign_key_check(
    client: Any, pg_url: str
) -> None:
    tenant = await new_tenant(client)
    holder = await _key_share(pg_url, tenant["client_id"])
    try:
        answer = await client.post(
            "/api/v1/interview/personas",
            json={"role_name": "Analyst", "language": "en"},
            headers=auth(tenant),
        )
    finally:
        await holder.execute("ROLLBACK")
        await holder.close()
    assert answer.status_code == 201, answer.text
