"""The ``UnitOfWork`` port over both stores: writes are seen by others only once committed."""

from __future__ import annotations

from tests.contract import builders
from tests.contract.units import unit
from tests.harness import World
from zenhire.domain.model.clients import Client
from zenhire.domain.model.ids import ClientId
from zenhire.domain.ports import Clients, UnitOfWork


async def exists(world: World, client_id: ClientId) -> bool:
    async with unit(world) as u:
        return await (await u.get(Clients)).get(client_id) is not None


class TestUnitOfWorkPort:
    async def test_commit_publishes_and_the_next_writes_start_a_new_unit(
        self, store_world: World
    ) -> None:
        w = store_world
        kept, dropped = builders.client(w.clock.now()), builders.client(w.clock.now())
        async with unit(w) as u:
            clients = await u.get(Clients)
            await clients.add(kept)
            await u.commit()
            await clients.add(dropped)
            assert await clients.get(dropped.id) is not None  # a unit reads its own writes
            await u.rollback()
        assert await exists(w, kept.id)
        assert not await exists(w, dropped.id)

    async def test_rollback_discards_every_write_since_the_last_commit(
        self, store_world: World
    ) -> None:
        w = store_world
        batch = [builders.client(w.clock.now()) for _ in range(3)]
        async with unit(w) as u:
            clients = await u.get(Clients)
            for client in batch:
                await clients.add(client)
            await u.rollback()
            await u.rollback()  # nothing left to discard: no error
            await u.commit()  # nothing to commit: no error
        assert [await exists(w, c.id) for c in batch] == [False, False, False]

    async def test_release_discards_what_is_not_committed(self, store_world: World) -> None:
        w = store_world
        kept, dropped = builders.client(w.clock.now()), builders.client(w.clock.now())
        async with unit(w) as u:
            clients = await u.get(Clients)
            await clients.add(kept)
            await u.commit()
            await clients.add(dropped)
            await (await u.get(UnitOfWork)).release()
        assert await exists(w, kept.id)
        assert not await exists(w, dropped.id)

    async def test_a_unit_left_without_commit_writes_nothing(self, store_world: World) -> None:
        w = store_world
        client: Client = builders.client(w.clock.now())
        async with unit(w) as u:
            await (await u.get(Clients)).add(client)
        assert not await exists(w, client.id)
