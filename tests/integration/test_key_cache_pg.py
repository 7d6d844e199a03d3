"""The API-key cache: one lookup per key per few seconds, and never staler than that."""

from __future__ import annotations

from typing import Any

import asyncpg
import pytest

from tests.harness import World
from zenhire.adapters.postgres.api_keys import PostgresApiKeys
from zenhire.domain.errors import ClientInactiveError, InvalidApiKeyError
from zenhire.domain.model.ids import ApiKeyId
from zenhire.domain.use_cases.admin_clients import UpdateClient, UpdateClientCommand
from zenhire.domain.use_cases.admin_keys import RevokeApiKey
from zenhire.domain.use_cases.auth import Authenticate, AuthenticateCommand

pytestmark = pytest.mark.postgres


async def authenticate(world: World, raw: str) -> Any:
    return await world.run(Authenticate, AuthenticateCommand(raw, "127.0.0.1", None))


class KeyLookups:
    """Counts the adapter's key lookups (each one statement on the wire)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        lookup = PostgresApiKeys.find_by_digest

        async def counted(adapter: PostgresApiKeys, digest: bytes) -> Any:
            self.count += 1
            return await lookup(adapter, digest)

        monkeypatch.setattr(PostgresApiKeys, "find_by_digest", counted)


async def test_a_resolved_key_is_looked_up_once_within_the_ttl(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = World(database_url=pg_url)
    tenant = await world.tenant()
    lookups = KeyLookups(monkeypatch)
    try:
        for _ in range(5):
            await authenticate(world, tenant.api_key)
        assert lookups.count == 1
        world.clock.advance(seconds=5.1)
        await authenticate(world, tenant.api_key)
        assert lookups.count == 2
    finally:
        await world.close()


async def test_another_process_revoking_is_seen_within_the_ttl(pg_url: str) -> None:
    here = World(database_url=pg_url)
    tenant = await here.tenant()
    principal = await authenticate(here, tenant.api_key)  # cached here
    connection = await asyncpg.connect(pg_url)  # another process revokes it
    try:
        await connection.execute(
            "UPDATE api_keys SET revoked_at = now() WHERE id = $1", principal.key.id
        )
    finally:
        await connection.close()
    here.clock.advance(seconds=4)
    await authenticate(here, tenant.api_key)  # still within the window: remembered
    here.clock.advance(seconds=1.1)
    with pytest.raises(InvalidApiKeyError):
        await authenticate(here, tenant.api_key)
    await here.close()


async def test_changes_made_through_this_process_are_seen_at_once(pg_url: str) -> None:
    world = World(database_url=pg_url)
    tenant = await world.tenant()
    principal = await authenticate(world, tenant.api_key)
    await world.run(UpdateClient, UpdateClientCommand(client_id=tenant.client_id, active=False))
    with pytest.raises(ClientInactiveError):
        await authenticate(world, tenant.api_key)
    await world.run(UpdateClient, UpdateClientCommand(client_id=tenant.client_id, active=True))
    await authenticate(world, tenant.api_key)
    await world.run(RevokeApiKey, ApiKeyId(principal.key.id))
    with pytest.raises(InvalidApiKeyError):
        await authenticate(world, tenant.api_key)
    await world.close()


async def test_a_ttl_of_zero_turns_the_cache_off(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = World(database_url=pg_url, api_key_cache_seconds=0)
    tenant = await world.tenant()
    lookups = KeyLookups(monkeypatch)
    try:
        for _ in range(3):
            await authenticate(world, tenant.api_key)
        assert lookups.count == 3
    finally:
        await world.close()
