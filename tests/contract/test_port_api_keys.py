"""The ``ApiKeys`` port, specified once and run over the memory and PostgreSQL adapters.

On PostgreSQL the port is wired with the process's API-key cache around it, as the service
runs it; the contract holds for that composition.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from uuid import uuid4

from tests.contract import builders
from tests.contract.units import seed, unit
from tests.harness import World
from zenhire.domain.model.clients import ApiKey, ClientChanges
from zenhire.domain.model.ids import ApiKeyId
from zenhire.domain.model.ledger import LedgerKind
from zenhire.domain.ports import ApiKeys, Clients, Credits


async def read(world: World, key_id: ApiKeyId) -> ApiKey | None:
    async with unit(world) as u:
        return await (await u.get(ApiKeys)).get(key_id)


class TestApiKeysPort:
    async def test_a_key_reads_back_as_added(self, store_world: World) -> None:
        w = store_world
        now = w.clock.now()
        client = builders.client(now)
        project = builders.project(client.id, now)
        full = builders.api_key(client.id, now, project_id=project.id)
        bare = builders.api_key(
            client.id, now, name=None, expires_at=None, allowed_ips=(), rate_limit_per_minute=1
        )
        await seed(w, client, project, full, bare)
        assert await read(w, full.id) == full
        assert await read(w, bare.id) == bare
        assert await read(w, ApiKeyId(uuid4())) is None

    async def test_find_by_digest_answers_the_key_with_its_client_as_stored(
        self, store_world: World
    ) -> None:
        w = store_world
        client = builders.client(w.clock.now(), name="Globex", max_concurrent_interviews=4)
        key = builders.api_key(client.id, w.clock.now())
        other = builders.client(w.clock.now())
        other_key = builders.api_key(other.id, w.clock.now())
        await seed(w, client, other, key, other_key)
        async with unit(w) as u:
            await (await u.get(Credits)).post(
                entry_id=uuid4(),
                client_id=client.id,
                kind=LedgerKind.GRANT,
                amount=30,
                session_id=None,
                reason=None,
                now=w.clock.now(),
            )
            await u.commit()
        async with unit(w) as u:
            keys = await u.get(ApiKeys)
            assert await keys.find_by_digest(key.digest) == (key, replace(client, balance=30))
            assert await keys.find_by_digest(other_key.digest) == (other_key, other)
            assert await keys.find_by_digest(builders.digest("unknown")) is None

    async def test_a_revoked_key_is_found_no_more_and_keeps_its_first_revocation_time(
        self, store_world: World
    ) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        key = builders.api_key(client.id, w.clock.now())
        await seed(w, client, key)
        async with unit(w) as u:  # found (and, on PostgreSQL, remembered by the cache)
            assert await (await u.get(ApiKeys)).find_by_digest(key.digest) is not None
        first = w.clock.advance(60)
        async with unit(w) as u:
            revoked = await (await u.get(ApiKeys)).revoke(key.id, first)
            await u.commit()
        assert revoked == replace(key, revoked_at=first)
        w.clock.advance(60)
        async with unit(w) as u:
            again = await (await u.get(ApiKeys)).revoke(key.id, w.clock.now())
            await u.commit()
        assert again == replace(key, revoked_at=first)
        assert await read(w, key.id) == replace(key, revoked_at=first)
        async with unit(w) as u:
            assert await (await u.get(ApiKeys)).find_by_digest(key.digest) is None

    async def test_revoking_an_unknown_key_answers_none(self, store_world: World) -> None:
        async with unit(store_world) as u:
            keys = await u.get(ApiKeys)
            assert await keys.revoke(ApiKeyId(uuid4()), store_world.clock.now()) is None

    async def test_a_revocation_left_uncommitted_is_rolled_back(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        key = builders.api_key(client.id, w.clock.now())
        await seed(w, client, key)
        async with unit(w) as u:
            await (await u.get(ApiKeys)).revoke(key.id, w.clock.now())
        assert await read(w, key.id) == key
        async with unit(w) as u:
            assert await (await u.get(ApiKeys)).find_by_digest(key.digest) == (key, client)

    async def test_a_client_change_is_seen_by_the_next_lookup(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        key = builders.api_key(client.id, w.clock.now(), expires_at=w.clock.now() + timedelta(1))
        await seed(w, client, key)
        async with unit(w) as u:
            assert await (await u.get(ApiKeys)).find_by_digest(key.digest) == (key, client)
        async with unit(w) as u:
            await (await u.get(Clients)).update(client.id, ClientChanges(active=False))
            await u.commit()
        async with unit(w) as u:
            found = await (await u.get(ApiKeys)).find_by_digest(key.digest)
        assert found == (key, replace(client, active=False))
