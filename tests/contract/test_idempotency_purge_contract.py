"""The sweeper forgets idempotency keys after their 24 hours, in bounded batches (both stores)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Final

import asyncpg
import pytest

from tests.harness import World
from zenhire.adapters.memory.idempotency import MemoryIdempotencyKeys
from zenhire.domain.model.idempotency import client_scope
from zenhire.domain.model.ids import ClientId
from zenhire.domain.ports import IdempotencyKeys
from zenhire.entrypoints.sweeper import sweep_once

BATCH: Final = 2


@pytest.fixture
def store_settings(store_settings: dict[str, object]) -> dict[str, object]:
    return {**store_settings, "sweep_batch_size": BATCH}


async def remember(keys: IdempotencyKeys, client_id: ClientId, key: str, world: World) -> None:
    scope = client_scope(client_id)
    assert await keys.claim(scope, key, "f" * 64, world.clock.now()) is None
    await keys.finish(scope, key, 201, b"x" * 60_000, None)


async def stored(world: World, keys: IdempotencyKeys) -> set[str]:
    """The keys physically kept by the store."""
    if isinstance(keys, MemoryIdempotencyKeys):
        return {key for _, key in keys.records}
    connection = await asyncpg.connect(world.settings.database_url)
    try:
        return {r["key"] for r in await connection.fetch("SELECT key FROM idempotency_keys")}
    finally:
        await connection.close()


class TestIdempotencyPurge:
    async def test_sweeper_forgets_keys_older_than_24_hours(self, store_world: World) -> None:
        w = store_world
        tenant = await w.tenant()
        keys: Any = await w.container.get(IdempotencyKeys)
        for i in range(5):
            await remember(keys, tenant.client_id, f"old-{i}", w)
        w.clock.advance(hours=1)
        await remember(keys, tenant.client_id, "young", w)
        w.clock.advance(hours=23, seconds=1)  # "old-*" are 24 h + 1 s old, "young" 23 h + 1 s
        await sweep_once(w.container)
        assert await stored(w, keys) == {"young"}
        replay = await keys.claim(client_scope(tenant.client_id), "young", "f" * 64, w.clock.now())
        assert replay is not None  # still remembered: it answers as before
        assert replay.status_code == 201
        w.clock.advance(hours=1)
        await sweep_once(w.container)
        assert await stored(w, keys) == set()

    async def test_each_batch_is_bounded(self, store_world: World) -> None:
        w = store_world
        tenant = await w.tenant()
        keys: Any = await w.container.get(IdempotencyKeys)
        for i in range(5):
            await remember(keys, tenant.client_id, f"k-{i}", w)
        cutoff = w.clock.now() + timedelta(seconds=1)
        assert [await keys.purge_expired(cutoff, BATCH) for _ in range(4)] == [2, 2, 1, 0]
        assert await stored(w, keys) == set()
