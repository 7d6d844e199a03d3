"""The ``Deliveries`` port, specified once and run over the memory and PostgreSQL adapters."""

from __future__ import annotations

from uuid import uuid4

from tests.contract import builders
from tests.contract.units import seed, unit
from tests.harness import World
from zenhire.domain.model.deliveries import Delivery
from zenhire.domain.model.ids import SessionId
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.ports import Deliveries


class TestDeliveriesPort:
    async def test_a_delivery_is_remembered_per_session_and_delivery_id(
        self, store_world: World
    ) -> None:
        w = store_world
        now = w.clock.now()
        client = builders.client(now)
        persona = builders.persona(client.id, now)
        first, second = (builders.session(client.id, persona.id, now) for _ in "ab")
        done = Delivery(first.id, "dlv-1", "f" * 64, SessionStatus.COMPLETED, 20, now)
        failed = Delivery(first.id, "dlv-2", "e" * 64, SessionStatus.FAILED, 0, now)
        elsewhere = Delivery(second.id, "dlv-1", "d" * 64, SessionStatus.COMPLETED, 3, now)
        await seed(w, client, persona, first, second, done, failed, elsewhere)
        async with unit(w) as u:
            deliveries = await u.get(Deliveries)
            assert await deliveries.get(first.id, "dlv-1") == done
            assert await deliveries.get(first.id, "dlv-2") == failed
            assert await deliveries.get(second.id, "dlv-1") == elsewhere
            assert await deliveries.get(second.id, "dlv-2") is None
            assert await deliveries.get(SessionId(uuid4()), "dlv-1") is None

    async def test_a_delivery_left_uncommitted_is_not_remembered(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        persona = builders.persona(client.id, w.clock.now())
        session = builders.session(client.id, persona.id, w.clock.now())
        await seed(w, client, persona, session)
        delivery = Delivery(session.id, "d", "f" * 64, SessionStatus.COMPLETED, 1, w.clock.now())
        async with unit(w) as u:
            deliveries = await u.get(Deliveries)
            await deliveries.add(delivery)
            assert await deliveries.get(session.id, "d") == delivery  # seen by its own unit
        async with unit(w) as u:
            assert await (await u.get(Deliveries)).get(session.id, "d") is None
