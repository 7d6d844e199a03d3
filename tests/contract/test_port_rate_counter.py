"""The ``RateCounter`` port, specified once and run over the memory and PostgreSQL adapters."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import uuid4

from tests.contract import builders
from tests.contract.units import seed, unit
from tests.harness import World
from zenhire.domain.model.clients import ApiKey
from zenhire.domain.model.ids import ApiKeyId
from zenhire.domain.ports import ApiKeys, RateCounter


async def hits(world: World, key_id: ApiKeyId, window: datetime, count: int = 1) -> list[int]:
    async with unit(world) as u:
        counter = await u.get(RateCounter)
        return [await counter.hit(key_id, window) for _ in range(count)]


async def prune(world: World, before: datetime) -> None:
    async with unit(world) as u:
        await (await u.get(RateCounter)).prune(before)


async def last_used(world: World, key: ApiKey) -> datetime | None:
    async with unit(world) as u:
        stored = await (await u.get(ApiKeys)).get(key.id)
    assert stored is not None
    return stored.last_used_at


class TestRateCounterPort:
    async def test_each_hit_answers_the_windows_count_per_key_and_window(
        self, store_world: World
    ) -> None:
        w = store_world
        key, other = ApiKeyId(uuid4()), ApiKeyId(uuid4())
        window = w.clock.now()
        following = window + timedelta(minutes=1)
        assert await hits(w, key, window, 3) == [1, 2, 3]
        assert await hits(w, other, window, 2) == [1, 2]
        assert await hits(w, key, following) == [1]
        assert await hits(w, key, window) == [4]  # counts survive the unit that made them

    async def test_a_hit_counts_even_when_the_requests_unit_of_work_rolls_back(
        self, store_world: World
    ) -> None:
        w = store_world
        key, window = ApiKeyId(uuid4()), w.clock.now()
        async with unit(w) as u:
            assert await (await u.get(RateCounter)).hit(key, window) == 1
            await u.rollback()
        assert await hits(w, key, window) == [2]

    async def test_prune_forgets_windows_that_started_before_the_instant(
        self, store_world: World
    ) -> None:
        w = store_world
        key = ApiKeyId(uuid4())
        old, current = w.clock.now(), w.clock.now() + timedelta(minutes=1)
        await hits(w, key, old, 5)
        await hits(w, key, current, 2)
        await prune(w, current)
        assert await hits(w, key, old) == [1]  # forgotten: counting starts again
        assert await hits(w, key, current) == [3]  # started at the instant: kept

    async def test_a_windows_first_hit_stamps_the_keys_last_use_never_moving_it_back(
        self, store_world: World
    ) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        key, idle = (
            builders.api_key(client.id, w.clock.now()),
            builders.api_key(client.id, w.clock.now()),
        )
        await seed(w, client, key, idle)
        first, second = w.clock.now(), w.clock.now() + timedelta(minutes=1)
        await hits(w, key.id, first, 2)
        assert await last_used(w, key) == first
        await hits(w, key.id, second)
        assert await last_used(w, key) == second
        await hits(w, key.id, first - timedelta(minutes=1))  # a late request of an older window
        assert await last_used(w, key) == second
        assert await last_used(w, idle) is None
